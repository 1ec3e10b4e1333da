package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"sotay/i18n"
	"sotay/opener"
	"sotay/record"
	"sotay/store"
	"sotay/vntext"
)

// Attachments on the command line (issue 12): attach files to a record,
// take one off, open one with the system's program.

func attachCommand() command {
	return command{name: "attach", summary: i18n.CLICmdAttach, run: runAttach}
}

func detachCommand() command {
	return command{name: "detach", summary: i18n.CLICmdDetach, run: runDetach}
}

func openCommand() command {
	return command{name: "open", summary: i18n.CLICmdOpen, run: runOpen}
}

// runAttach copies the files into the notebook and lists them on the
// record, all or none.
func runAttach(ctx context.Context, a *app, fs *flag.FlagSet, args []string) error {
	original := fs.Bool("original", false, a.cat.T(i18n.CLIFlagOriginal))
	rest, err := a.parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) < 2 {
		return &usageError{a.cat.T(i18n.CLIAttachUsage)}
	}
	st, err := a.openStore()
	if err != nil {
		return err
	}
	before, err := st.Get(rest[0])
	if err != nil {
		return err
	}
	r, err := st.Attach(rest[0], rest[1:], store.AttachOptions{Original: *original})
	if err != nil {
		return err
	}
	for _, f := range r.Attachments[len(before.Attachments):] {
		if f.Original != nil {
			fmt.Fprintln(a.env.Stdout, a.cat.T(i18n.CLIAttachedSmall, f.Name, humanBytes(f.Original.Size), humanBytes(f.Size)))
		} else {
			fmt.Fprintln(a.env.Stdout, a.cat.T(i18n.CLIAttached, f.Name, humanBytes(f.Size)))
		}
	}
	return nil
}

// nameArgs reads the ID NAME of detach and open.
func (a *app) nameArgs(fs *flag.FlagSet, args []string, verb string) (string, string, error) {
	rest, err := a.parse(fs, args)
	if err != nil {
		return "", "", err
	}
	if len(rest) != 2 {
		return "", "", &usageError{a.cat.T(i18n.CLIDetachUsage, verb)}
	}
	return rest[0], rest[1], nil
}

func runDetach(ctx context.Context, a *app, fs *flag.FlagSet, args []string) error {
	id, name, err := a.nameArgs(fs, args, "detach")
	if err != nil {
		return err
	}
	st, err := a.openStore()
	if err != nil {
		return err
	}
	if _, err := st.Detach(id, name); err != nil {
		return err
	}
	fmt.Fprintln(a.env.Stdout, a.cat.T(i18n.CLIDetached, name))
	return nil
}

// runOpen opens the officer's own copy of the file (the original of a
// reduced photo) with the system's program.
func runOpen(ctx context.Context, a *app, fs *flag.FlagSet, args []string) error {
	id, name, err := a.nameArgs(fs, args, "open")
	if err != nil {
		return err
	}
	st, err := a.openStore()
	if err != nil {
		return err
	}
	p, err := st.OpenPath(id, name)
	if err != nil {
		return err
	}
	open := a.env.Open
	if open == nil {
		open = opener.System()
	}
	if err := open(ctx, p); err != nil {
		return fmt.Errorf("%s", a.cat.Both(i18n.CLIOpenFailed, name, err))
	}
	return nil
}

// writeFiles lists a record's files in `show`: name and size.
func (a *app) writeFiles(w io.Writer, r record.Record) {
	if len(r.Attachments) == 0 {
		return
	}
	names := make([]string, len(r.Attachments))
	for i, f := range r.Attachments {
		names[i] = vntext.ForTerminal(f.Name) + " (" + humanBytes(f.Size) + ")"
	}
	fmt.Fprintf(w, "%s: %s\n", a.cat.Field("attachments"), strings.Join(names, "; "))
}
