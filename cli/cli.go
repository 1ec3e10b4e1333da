// Package cli is sotay's command line: it parses a command and its flags,
// opens what the command needs (the notebook, the HQ database) and hands
// over to the packages that do the work. The contract is DESIGN.md's "CLI
// contract": exit 0 on success, 1 on failure, 2 on a usage error, and every
// error is one line an officer understands.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"

	"sotay/i18n"
	"sotay/opener"
	"sotay/store"
)

// Env is the outside world a command sees; tests give their own.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	Now            func() time.Time
	// StdinIsTerminal says a person can answer a question on Stdin.
	StdinIsTerminal func() bool
	Open            opener.Opener // opens an attached file; nil: the system's program
}

// StdEnv is the process's own environment.
func StdEnv() Env {
	return Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Now: time.Now,
		StdinIsTerminal: func() bool { return term.IsTerminal(os.Stdin.Fd()) }}
}

// Exit codes.
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitUsage   = 2
)

// command is one verb of the command line.
type command struct {
	name    string
	summary i18n.Key // one line for `sotay --help`
	// run parses args (after the verb) on fs and does the work.
	run func(ctx context.Context, a *app, fs *flag.FlagSet, args []string) error
}

// commands lists the verbs in the order `sotay --help` shows them. Each file
// of this package adds its own.
func commands() []command {
	return []command{initCommand(), addCommand(), editCommand(), deleteCommand(), listCommand(), showCommand(),
		followUpCommand(), resolveCommand(), noticesCommand(), attachCommand(), detachCommand(), openCommand(),
		statusCommand(), importCommand(), exportCommand(), reportCommand(), syncCommand(), hqCommand(),
		completionCommand(), versionCommand()}
}

// usageError is a mistake in the command line itself: exit 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// failure is a command's own failure in the catalog's words: exit 1, said
// in Vietnamese and English like every other error.
type failure struct {
	key  i18n.Key
	args []any
}

func (e *failure) Error() string { return i18n.New(i18n.EN).T(e.key, e.args...) }

// app is what every command shares: where the notebook is, the language, the
// streams and the clock.
type app struct {
	env     Env
	dataDir string
	cat     i18n.Catalog
	langSet bool // --lang or SOTAY_LANG chose the language: the notebook's setting yields
	log     *slog.Logger
	closeFn []func()
}

// Run runs the command line args and returns the process's exit code.
func Run(ctx context.Context, args []string, env Env) int {
	if env.Now == nil {
		env.Now = time.Now
	}
	a := &app{env: env, cat: i18n.New(i18n.ParseLang(env.Getenv("SOTAY_LANG"))), langSet: env.Getenv("SOTAY_LANG") != ""}
	defer a.close()

	top := flag.NewFlagSet("sotay", flag.ContinueOnError)
	a.globalFlags(top)
	showVersion := top.Bool("version", false, a.cat.T(i18n.CLIFlagVersion))
	top.SetOutput(io.Discard)
	top.Usage = func() {}
	if err := top.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			a.printUsage(env.Stdout)
			return ExitOK
		}
		return a.fail(a.flagError(err))
	}
	if *showVersion {
		a.printVersion(env.Stdout)
		return ExitOK
	}
	rest := top.Args()
	if len(rest) == 0 {
		return a.fail(runTUI(ctx, a))
	}
	if rest[0] == "help" {
		a.printUsage(env.Stdout)
		return ExitOK
	}
	if rest[0] == completeVerb {
		a.complete(ctx, rest[1:])
		return ExitOK
	}
	for _, c := range commands() {
		if c.name != rest[0] {
			continue
		}
		fs := flag.NewFlagSet("sotay "+c.name, flag.ContinueOnError)
		fs.SetOutput(io.Discard) // errors are reported by fail, help by parse
		a.globalFlags(fs)
		err := c.run(ctx, a, fs, rest[1:])
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return a.fail(err)
	}
	return a.fail(&usageError{a.cat.T(i18n.CLIUnknownCommand, rest[0])})
}

// globalFlags are accepted before and after the verb.
func (a *app) globalFlags(fs *flag.FlagSet) {
	fs.Func("data-dir", a.cat.T(i18n.CLIFlagDataDir), func(v string) error {
		a.dataDir = v
		return nil
	})
	fs.Func("lang", a.cat.T(i18n.CLIFlagLang), func(v string) error {
		if v != string(i18n.VI) && v != string(i18n.EN) {
			return errors.New("vi, en")
		}
		a.cat = i18n.New(i18n.ParseLang(v))
		a.langSet = true
		return nil
	})
}

// fail prints err as one line and returns its exit code.
func (a *app) fail(err error) int {
	if err == nil {
		return ExitOK
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(a.env.Stderr, "sotay: %s\n", ue.msg)
		fmt.Fprintf(a.env.Stderr, "%s\n", a.cat.T(i18n.CLIHelpHint))
		return ExitUsage
	}
	if a.log != nil {
		a.log.Error("command failed", "err", err)
	}
	var f *failure
	if errors.As(err, &f) {
		fmt.Fprintf(a.env.Stderr, "sotay: %s\n", oneLine(a.cat.Both(f.key, f.args...)))
		return ExitFailure
	}
	fmt.Fprintf(a.env.Stderr, "sotay: %s\n", oneLine(a.cat.BothError(err)))
	return ExitFailure
}

func (a *app) printUsage(w io.Writer) {
	fmt.Fprintln(w, a.cat.T(i18n.CLIUsageTitle))
	fmt.Fprintln(w)
	fmt.Fprintln(w, a.cat.T(i18n.CLIUsageCommands))
	line := func(name, summary string) { fmt.Fprintf(w, "  %-13s %s\n", name, summary) }
	line(a.cat.T(i18n.CLINoCommand), a.cat.T(i18n.CLICmdTUI))
	for _, c := range commands() {
		if c.name == "hq" {
			for _, s := range hqSubcommands() {
				line("hq "+s.name, a.cat.T(s.summary))
			}
			continue
		}
		line(c.name, a.cat.T(c.summary))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, a.cat.T(i18n.CLIUsageGlobal))
	global := flag.NewFlagSet("sotay", flag.ContinueOnError)
	a.globalFlags(global)
	global.Bool("version", false, a.cat.T(i18n.CLIFlagVersion))
	a.printFlags(w, global)
	fmt.Fprintln(w)
	fmt.Fprintln(w, a.cat.T(i18n.CLIUsageMore))
}

// notebookDir is where the notebook lives: --data-dir, then SOTAY_DATA_DIR,
// then the OS's per-user data directory.
func (a *app) notebookDir() (string, error) {
	if a.dataDir != "" {
		return a.dataDir, nil
	}
	if d := a.env.Getenv("SOTAY_DATA_DIR"); d != "" {
		return d, nil
	}
	return defaultDataDir(a.env.Getenv)
}

// defaultDataDir follows each OS's convention for per-user application data.
func defaultDataDir(getenv func(string) string) (string, error) {
	home, err := os.UserHomeDir()
	switch runtime.GOOS {
	case "windows":
		if d := getenv("LocalAppData"); d != "" {
			return filepath.Join(d, "sotay"), nil
		}
	case "darwin":
		if err == nil {
			return filepath.Join(home, "Library", "Application Support", "sotay"), nil
		}
	default:
		if d := getenv("XDG_DATA_HOME"); d != "" {
			return filepath.Join(d, "sotay"), nil
		}
		if err == nil {
			return filepath.Join(home, ".local", "share", "sotay"), nil
		}
	}
	if err != nil {
		return "", fmt.Errorf("find the data directory: %w", err)
	}
	return filepath.Join(home, ".sotay"), nil
}

// openStore opens the notebook (creating it) and starts the log file beside
// it. The store is closed when the command ends.
func (a *app) openStore() (*store.Store, error) {
	dir, err := a.notebookDir()
	if err != nil {
		return nil, err
	}
	st, err := store.Open(filepath.Join(dir, store.FileName), store.Options{Now: a.env.Now})
	if err != nil {
		return nil, err
	}
	a.closeFn = append(a.closeFn, func() { st.Close() })
	a.startLog(dir)
	if lang, _ := st.Setting("lang"); lang != "" && !a.langSet {
		a.cat = i18n.New(i18n.ParseLang(lang))
	}
	return st, nil
}

// startLog sends log/slog records to sotay.log in dir: never to the
// terminal, which belongs to the officer (and to the TUI).
func (a *app) startLog(dir string) {
	if a.log != nil {
		return
	}
	f, err := os.OpenFile(filepath.Join(dir, "sotay.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		a.log = slog.New(slog.NewTextHandler(io.Discard, nil))
		return
	}
	a.closeFn = append(a.closeFn, func() { f.Close() })
	a.log = slog.New(slog.NewTextHandler(f, nil))
}

func (a *app) close() {
	for i := len(a.closeFn) - 1; i >= 0; i-- {
		a.closeFn[i]()
	}
}

// parse parses a command's flags, turning a flag error into a usage error.
// Flags may come before or after positional arguments.
func (a *app) parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprintf(a.env.Stdout, "%s %s\n", fs.Name(), a.cat.T(i18n.CLIFlagsWord))
				a.printFlags(a.env.Stdout, fs)
				return nil, err
			}
			return nil, a.flagError(err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// flagError words a flag package error for the officer. The flag package
// speaks English only and its messages have these fixed shapes.
func (a *app) flagError(err error) *usageError {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return &usageError{a.cat.T(i18n.CLIUnknownFlag, respell(name))}
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return &usageError{a.cat.T(i18n.CLIFlagNeedsValue, respell(name))}
	}
	if rest, ok := strings.CutPrefix(msg, "invalid value "); ok {
		// invalid value "fr" for flag -lang: vi, en
		if value, rest, ok := strings.Cut(rest, " for flag "); ok {
			name, reason, _ := strings.Cut(rest, ": ")
			return &usageError{a.cat.T(i18n.CLIFlagBadValue, respell(name), value, reason)}
		}
	}
	if rest, ok := strings.CutPrefix(msg, "invalid boolean value "); ok {
		value, rest, _ := strings.Cut(rest, " for ")
		name, _, _ := strings.Cut(rest, ": ")
		return &usageError{a.cat.T(i18n.CLIFlagBadValue, respell(name), value, "true, false")}
	}
	return &usageError{msg}
}

// respell writes the flag package's "-name" as help does: "--name".
func respell(name string) string { return flagSpelling(strings.TrimLeft(name, "-")) }

// outputFormat is the format to write: --format when given, else the one
// -o's extension names (exts maps ".docx" → "docx"), else the flag's
// default. --format and an extension that names another format are a
// usage error, not a file whose name lies about what it holds.
func (a *app) outputFormat(fs *flag.FlagSet, format, out string, exts map[string]string) (string, error) {
	byExt, known := exts[strings.ToLower(filepath.Ext(out))]
	switch {
	case !known:
		return format, nil
	case !flagPassed(fs, "format"):
		return byExt, nil
	case exts["."+format] != byExt && !(format == "markdown" && byExt == "md"):
		return "", &usageError{a.cat.T(i18n.CLIFormatVsExt, format, out)}
	}
	return format, nil
}

func flagPassed(fs *flag.FlagSet, name string) bool {
	found := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			found = true
		}
	})
	return found
}

// parseNone parses a command's flags when it takes no positional argument.
func (a *app) parseNone(fs *flag.FlagSet, args []string) error {
	rest, err := a.parse(fs, args)
	if err == nil && len(rest) > 0 {
		err = &usageError{a.cat.T(i18n.CLIUnexpectedArg, rest[0])}
	}
	return err
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
