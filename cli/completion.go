package cli

import (
	"context"
	"flag"

	"sotay/i18n"
)

func completionCommand() command {
	return command{name: "completion", summary: i18n.CLICmdCompletion, run: runCompletion}
}

func runCompletion(_ context.Context, a *app, fs *flag.FlagSet, args []string) error { return nil }
