package cli

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"strings"

	"sotay/i18n"
	"sotay/record"
	"sotay/store"
	"sotay/vntext"
)

func editCommand() command {
	return command{name: "edit", summary: i18n.CLICmdEdit, run: runEdit}
}

func deleteCommand() command {
	return command{name: "delete", summary: i18n.CLICmdDelete, run: runDelete}
}

// runEdit changes the fields given as flags of one record and saves it once,
// at its next rev, through the store's one update path (which refuses a
// record HQ approved, with the reason).
func runEdit(_ context.Context, a *app, fs *flag.FlagSet, args []string) error {
	// The record's kind is known only once it is read: every kind's
	// fields are flags here, and those of another kind are refused below.
	values := map[string]*string{}
	for _, k := range record.Kinds() {
		for name, v := range a.fieldFlags(fs, k) {
			if _, dup := values[name]; !dup {
				values[name] = v
			}
		}
	}
	if isHelp(args) {
		fmt.Fprintln(a.env.Stdout, a.cat.T(i18n.CLIEditUsage))
		a.kindHelp("edit", func(fs *flag.FlagSet, k record.Kind) { a.fieldFlags(fs, k) })
		return flag.ErrHelp
	}
	id, err := a.idArg(fs, args, "edit")
	if err != nil {
		return err
	}
	var set []string
	fs.Visit(func(f *flag.Flag) {
		name := strings.ReplaceAll(f.Name, "-", "_")
		if _, ok := values[name]; ok {
			set = append(set, name)
		}
	})
	if len(set) == 0 {
		return &usageError{a.cat.T(i18n.CLIEditNothing)}
	}
	st, err := a.openStore()
	if err != nil {
		return err
	}
	r, err := st.Get(id)
	if err != nil {
		return err
	}
	given := map[string]string{}
	for _, name := range set {
		if _, ok := record.FieldByName(r.Kind, name); !ok {
			return &usageError{a.cat.T(i18n.CLIEditWrongField, "--"+flagName(name), a.cat.Kind(r.Kind))}
		}
		given[name] = *values[name]
	}
	if err := r.SetValues(given); err != nil {
		return err
	}
	saved, err := st.Update(r)
	if err != nil {
		return err
	}
	fmt.Fprintln(a.env.Stdout, a.cat.T(i18n.CLIEdited, saved.ID, saved.Rev))
	return nil
}

// runDelete deletes one record (a tombstone the recycle bin can restore
// for 30 days). It asks first unless --yes; with no terminal to ask on,
// --yes is required, so a script never deletes by accident.
func runDelete(_ context.Context, a *app, fs *flag.FlagSet, args []string) error {
	yes := fs.Bool("yes", false, a.cat.T(i18n.CLIFlagYes))
	id, err := a.idArg(fs, args, "delete")
	if err != nil {
		return err
	}
	if !*yes && (a.env.StdinIsTerminal == nil || !a.env.StdinIsTerminal()) {
		return &usageError{a.cat.T(i18n.CLIDeleteNeedYes)}
	}
	st, err := a.openStore()
	if err != nil {
		return err
	}
	r, err := st.Get(id)
	if err != nil {
		return err
	}
	if r.Deleted {
		return fmt.Errorf("delete record: %w", store.ErrDeleted)
	}
	if !*yes {
		fmt.Fprint(a.env.Stderr, a.cat.T(i18n.CLIDeleteAsk, a.cat.Kind(r.Kind), vntext.FormatDate(r.Date), clip(oneLine(r.Summary()), 60)))
		answer, _ := bufio.NewReader(a.env.Stdin).ReadString('\n')
		if !a.cat.IsYes(answer) {
			fmt.Fprintln(a.env.Stderr, a.cat.T(i18n.CLIDeleteKept))
			return nil
		}
	}
	saved, err := st.Delete(r.ID)
	if err != nil {
		return err
	}
	fmt.Fprintln(a.env.Stdout, a.cat.T(i18n.CLIDeleted, saved.ID))
	return nil
}
