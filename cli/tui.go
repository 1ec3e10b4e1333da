package cli

import (
	"context"
	"errors"

	"sotay/sync"
	"sotay/ui"
)

// runTUI opens the notebook's full-screen interface; on the first run it
// starts with the setup screen. An enrolled notebook gets its sync client.
func runTUI(ctx context.Context, a *app) error {
	st, err := a.openStore()
	if err != nil {
		return err
	}
	opt := ui.Options{Lang: a.cat.Lang, Log: a.log, Now: a.env.Now, Open: a.env.Open}
	client, err := sync.New(st, sync.Options{Logger: a.log, Now: a.env.Now})
	switch {
	case err == nil:
		opt.Syncer = client
	case !errors.Is(err, sync.ErrNotEnrolled):
		a.log.Warn("sync client", "err", err) // the TUI still opens; the status bar says not linked
	}
	return ui.Run(ctx, st, opt)
}
