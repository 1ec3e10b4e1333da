package cli

import (
	"context"
	"flag"
	"fmt"

	"sotay/i18n"
	"sotay/store"
)

func initCommand() command {
	return command{name: "init", summary: i18n.CLICmdInit, run: runInit}
}

// runInit sets up the notebook: the officer's profile and, optionally, the
// enrollment code HQ gave. Run again, it updates the profile.
func runInit(_ context.Context, a *app, fs *flag.FlagSet, args []string) error {
	var p store.Profile
	var code string
	fs.StringVar(&p.Name, "name", "", a.cat.T(i18n.CLIFlagName))
	fs.StringVar(&p.Province, "province", "", a.cat.T(i18n.CLIFlagProvince))
	fs.StringVar(&p.Position, "position", "", a.cat.T(i18n.CLIFlagPosition))
	fs.StringVar(&code, "hq-code", "", a.cat.T(i18n.CLIFlagHQCode))
	if rest, err := a.parse(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return &usageError{a.cat.T(i18n.CLIUnexpectedArg, rest[0])}
	}
	st, err := a.openStore()
	if err != nil {
		return err
	}
	if old, err := st.Profile(); err == nil {
		// Re-running init changes only what is given.
		if p.Name == "" {
			p.Name = old.Name
		}
		if p.Province == "" {
			p.Province = old.Province
		}
		if p.Position == "" {
			p.Position = old.Position
		}
	}
	if code != "" {
		if err := a.enroll(st, code); err != nil {
			return err
		}
	}
	if err := st.SetProfile(p); err != nil {
		return err
	}
	fmt.Fprintln(a.env.Stdout, a.cat.T(i18n.CLIInitDone, st.Path()))
	return nil
}

// enroll keeps the enrollment code HQ gave. The sync package reads and
// checks it; until a code is set the notebook works offline only.
func (a *app) enroll(st *store.Store, code string) error {
	return st.SetSetting("hq_code", code)
}
