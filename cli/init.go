package cli

import (
	"context"
	"flag"
	"fmt"
	"sotay/domain"

	"sotay/i18n"
	"sotay/store"
	"sotay/sync"
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
	choiceVar(fs, &p.Province, "province", "", a.cat.T(i18n.CLIFlagProvince), domain.ProvinceSlugs())
	fs.StringVar(&p.Position, "position", "", a.cat.T(i18n.CLIFlagPosition))
	fs.StringVar(&code, "hq-code", "", a.cat.T(i18n.CLIFlagHQCode))
	if err := a.parseNone(fs, args); err != nil {
		return err
	}
	st, err := a.openStore()
	if err != nil {
		return err
	}
	if old, err := st.Profile(); err == nil {
		// Re-running init changes only what is given (--position "" clears it).
		given := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
		for _, f := range []struct {
			flag     string
			cur, old *string
		}{{"name", &p.Name, &old.Name}, {"province", &p.Province, &old.Province}, {"position", &p.Position, &old.Position}} {
			if !given[f.flag] {
				*f.cur = *f.old
			}
		}
	}
	// Check everything before writing anything: a bad name must not leave
	// the notebook enrolled without a profile.
	if err := p.Check(); err != nil {
		return err
	}
	if code != "" {
		if _, err := sync.CheckEnroll(st, code); err != nil {
			return err
		}
	}
	if err := st.SetProfile(p); err != nil {
		return err
	}
	if code != "" {
		if err := a.enroll(st, code); err != nil {
			return err
		}
	}
	fmt.Fprintln(a.env.Stdout, a.cat.T(i18n.CLIInitDone, st.Path()))
	return nil
}

// enroll checks the enrollment code HQ gave and keeps what it carries (HQ's
// URL, the officer id, the token, the certificate to pin) in the notebook's
// sync state. Until then the notebook works offline only.
func (a *app) enroll(st *store.Store, code string) error {
	e, err := sync.Enroll(st, code)
	if err != nil {
		return err
	}
	fmt.Fprintln(a.env.Stdout, a.cat.T(i18n.SyncEnrolled, e.Officer, e.URL))
	return nil
}
