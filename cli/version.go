package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"sotay/buildinfo"
	"sotay/i18n"
)

func versionCommand() command {
	return command{name: "version", summary: i18n.CLICmdVersion, run: runVersion}
}

func runVersion(_ context.Context, a *app, fs *flag.FlagSet, args []string) error {
	var asJSON bool
	fs.BoolVar(&asJSON, "json", false, a.cat.T(i18n.CLIFlagJSON))
	if err := a.parseNone(fs, args); err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(a.env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(buildinfo.Get())
	}
	a.printVersion(a.env.Stdout)
	return nil
}

// printVersion is `sotay version` and `sotay --version`: the first line
// alone is what a script needs ("sotay 1.2.0").
func (a *app) printVersion(w io.Writer) {
	i := buildinfo.Get()
	unknown := a.cat.T(i18n.CLIVersionUnknown)
	commit, date := i.Commit, i.Date
	if commit == "" {
		commit = unknown
	} else if i.Modified {
		commit += " " + a.cat.T(i18n.CLIVersionModified)
	}
	if date == "" {
		date = unknown
	}
	fmt.Fprintf(w, "sotay %s\n", i.Version)
	fmt.Fprintf(w, "%s: %s\n", a.cat.T(i18n.CLIVersionCommit), commit)
	fmt.Fprintf(w, "%s: %s\n", a.cat.T(i18n.CLIVersionDate), date)
	fmt.Fprintf(w, "Go: %s %s\n", i.Go, i.Platform)
}
