package cli

import (
	"context"
	"fmt"

	"sotay/i18n"
)

// runTUI opens the notebook's full-screen interface. Until the TUI lands it
// says how to use the command line instead.
func runTUI(_ context.Context, a *app) error {
	st, err := a.openStore()
	if err != nil {
		return err
	}
	if _, err := st.Profile(); err != nil {
		fmt.Fprintln(a.env.Stdout, a.cat.T(i18n.CLIFirstRun, st.Path()))
		return nil
	}
	fmt.Fprintln(a.env.Stdout, a.cat.T(i18n.CLINoTUIYet, st.Path()))
	return nil
}
