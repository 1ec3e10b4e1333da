package cli

import (
	"context"

	"sotay/ui"
)

// runTUI opens the notebook's full-screen interface; on the first run it
// starts with the setup screen.
func runTUI(ctx context.Context, a *app) error {
	st, err := a.openStore()
	if err != nil {
		return err
	}
	return ui.Run(ctx, st, ui.Options{Lang: a.cat.Lang, Log: a.log, Now: a.env.Now})
}
