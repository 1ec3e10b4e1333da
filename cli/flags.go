package cli

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"sotay/i18n"
)

// choiceValue is a flag whose value must be one of a fixed list: anything
// else is a usage error (exit 2) when the flag is parsed, before a notebook
// or a database is opened.
type choiceValue struct {
	dst     *string
	allowed []string
}

func (c *choiceValue) String() string {
	if c.dst == nil {
		return ""
	}
	return *c.dst
}

func (c *choiceValue) Set(s string) error {
	if !slices.Contains(c.allowed, s) {
		return fmt.Errorf("%s", strings.Join(c.allowed, ", "))
	}
	*c.dst = s
	return nil
}

// choiceVar registers a choice flag on fs with def as its default.
func choiceVar(fs *flag.FlagSet, dst *string, name, def, usage string, allowed []string) {
	*dst = def
	fs.Var(&choiceValue{dst: dst, allowed: allowed}, name, usage)
}

// metaByName names the value a flag takes, for help: `--week DATE`.
// Flags not listed take their name from their type.
var metaByName = map[string]i18n.Key{
	"data-dir": i18n.CLIMetaDir, "date": i18n.CLIMetaDate, "from": i18n.CLIMetaDate, "to": i18n.CLIMetaDate,
	"week": i18n.CLIMetaDate, "month": i18n.CLIMetaMonth, "o": i18n.CLIMetaFile, "tls-cert": i18n.CLIMetaFile,
	"tls-key": i18n.CLIMetaFile, "addr": i18n.CLIMetaAddr, "url": i18n.CLIMetaURL, "province": i18n.CLIMetaProvince,
	"officer": i18n.CLIMetaOfficer, "participants": i18n.CLIMetaNumber, "women": i18n.CLIMetaNumber, "hours": i18n.CLIMetaNumber, "map": i18n.CLIMetaMap, "email": i18n.CLIMetaEmail,
}

// metavar is the name of the value flag f takes ("" for a switch).
func (a *app) metavar(f *flag.Flag) string {
	switch v := f.Value.(type) {
	case *optionalValue:
		return "[" + a.cat.T(metaByName[f.Name]) + "]"
	case *choiceValue:
		if len(v.allowed) <= 6 {
			return strings.Join(v.allowed, "|")
		}
	}
	if f.Name == "lang" {
		return "vi|en"
	}
	if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
		return ""
	}
	if k, ok := metaByName[f.Name]; ok {
		return a.cat.T(k)
	}
	if g, ok := f.Value.(flag.Getter); ok {
		switch g.Get().(type) {
		case int, int64, uint, uint64:
			return a.cat.T(i18n.CLIMetaNumber)
		case float64:
			return a.cat.T(i18n.CLIMetaNumber)
		}
	}
	if _, ok := f.Value.(*choiceValue); ok {
		return a.cat.T(i18n.CLIMetaValue)
	}
	return a.cat.T(i18n.CLIMetaText)
}

// flagSpelling is how help and errors write a flag: two dashes, as the
// README does, one for a single letter (-o).
func flagSpelling(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// printFlags writes fs's flags as help: `--name VALUE` on one line, the
// usage under it, and the default once, when the usage does not already
// say what happens without the flag.
func (a *app) printFlags(w io.Writer, fs *flag.FlagSet) {
	defaultWord := a.cat.T(i18n.CLIDefaultWord)
	fs.VisitAll(func(f *flag.Flag) {
		head := "  " + flagSpelling(f.Name)
		if m := a.metavar(f); m != "" {
			head += " " + m
		}
		usage := f.Usage
		switch f.DefValue {
		case "", "0", "false", "[]":
		default:
			if !strings.Contains(usage, defaultWord) {
				usage += " (" + a.cat.T(i18n.CLIDefaultIs, f.DefValue) + ")"
			}
		}
		fmt.Fprintf(w, "%s\n      %s\n", head, usage)
	})
}

// repeatFlag is a flag given several times, each value whole (commas
// and all: a column may be called "Xã, phường").
type repeatFlag []string

func (r *repeatFlag) String() string { return strings.Join(*r, " ") }

func (r *repeatFlag) Set(v string) error {
	*r = append(*r, v)
	return nil
}
