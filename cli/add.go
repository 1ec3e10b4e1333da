package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"sotay/domain"
	"sotay/i18n"
	"sotay/record"
)

func addCommand() command {
	return command{name: "add", summary: i18n.CLICmdAdd, run: runAdd}
}

// flagName is a field's name as a flag: next_steps → next-steps.
func flagName(field string) string { return strings.ReplaceAll(field, "_", "-") }

// runAdd saves one record from flags named after its fields and prints its id.
func runAdd(_ context.Context, a *app, fs *flag.FlagSet, args []string) error {
	kind, args, err := a.kindArg(args)
	if err != nil {
		if isHelp(args) {
			a.kindHelp("add", func(fs *flag.FlagSet, k record.Kind) { a.fieldFlags(fs, k) })
			return flag.ErrHelp
		}
		return err
	}
	values := a.fieldFlags(fs, kind)
	set := map[string]bool{}
	if err := a.parseNone(fs, args); err != nil {
		return err
	}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })

	r := record.Record{Kind: kind}
	given := map[string]string{}
	for name, v := range values {
		if set[flagName(name)] {
			given[name] = *v
		}
	}
	if err := r.SetValues(given); err != nil {
		return err
	}
	st, err := a.openStore()
	if err != nil {
		return err
	}
	if _, err := st.Profile(); err != nil {
		return err
	}
	saved, err := st.Create(r)
	if err != nil {
		return err
	}
	fmt.Fprintln(a.env.Stdout, saved.ID)
	return nil
}

// fieldFlags registers a flag for each field the officer writes.
func (a *app) fieldFlags(fs *flag.FlagSet, kind record.Kind) map[string]*string {
	values := map[string]*string{}
	for _, f := range record.Fields(kind) {
		if f.HQOwned || fs.Lookup(flagName(f.Name)) != nil {
			continue
		}
		v := new(string)
		values[f.Name] = v
		if f.Type == record.Choice {
			choiceVar(fs, v, flagName(f.Name), "", a.fieldUsage(f), domain.Slugs(f.Choices()))
			continue
		}
		fs.StringVar(v, flagName(f.Name), "", a.fieldUsage(f))
	}
	return values
}

// kindArg takes the record kind off the front of args.
func (a *app) kindArg(args []string) (record.Kind, []string, error) {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return "", args, &usageError{a.cat.T(i18n.CLINeedKind)}
	}
	k, ok := record.ParseKind(args[0])
	if !ok {
		return "", args, &usageError{a.cat.T(i18n.CLIUnknownKind, args[0])}
	}
	return k, args[1:], nil
}

func isHelp(args []string) bool {
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			return true
		}
	}
	return false
}

// kindHelp explains a command that takes a kind: for each kind, the flags
// that register puts on it.
func (a *app) kindHelp(verb string, register func(*flag.FlagSet, record.Kind)) {
	w := a.env.Stdout
	fmt.Fprintln(w, a.cat.T(i18n.CLIKindUsage, verb))
	for _, k := range record.Kinds() {
		fmt.Fprintf(w, "\n%s — %s\n", k, a.cat.Kind(k))
		fs := flag.NewFlagSet(verb, flag.ContinueOnError)
		register(fs, k)
		a.printFlags(w, fs)
	}
}

// fieldUsage is the help line of a field's flag.
func (a *app) fieldUsage(f record.Field) string {
	s := a.cat.Field(f.Name)
	if f.Required {
		s += " " + a.cat.T(i18n.CLIRequired)
	}
	switch f.Type {
	case record.Choice:
		// Six or fewer show as the flag's value (--severity low|medium|…).
		if slugs := domain.Slugs(f.Choices()); len(slugs) > 6 {
			s += ": " + strings.Join(slugs, "|")
		}
	case record.Date:
		s += ": dd/mm/yyyy, yyyy-mm-dd, " + a.cat.T(i18n.CLITodayWords)
	case record.Integer, record.Number:
		s += ": " + a.cat.T(i18n.CLINumber)
	}
	return s
}
