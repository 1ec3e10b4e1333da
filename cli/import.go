package cli

import (
	"context"
	"flag"

	"sotay/i18n"
)

func importCommand() command {
	return command{name: "import", summary: i18n.CLICmdImport, run: runImport}
}

func runImport(_ context.Context, a *app, fs *flag.FlagSet, args []string) error { return nil }
