package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"sotay/domain"
	"sotay/i18n"
	"sotay/record"
)

func completionCommand() command {
	return command{name: "completion", summary: i18n.CLICmdCompletion, run: runCompletion}
}

// completeVerb is the hidden command the shell scripts call: `sotay
// __complete WORD… CURRENT` prints the candidates for CURRENT, one a line,
// or filesMarker when the shell should complete a file name. The scripts
// stay small and the candidates come from the same flag sets the commands
// parse, so they cannot drift apart.
const completeVerb = "__complete"

const filesMarker = ":files"

// shells are the shells completion writes a script for.
func shells() []string { return []string{"bash", "zsh", "fish", "powershell"} }

// runCompletion prints the completion script for a shell.
func runCompletion(_ context.Context, a *app, fs *flag.FlagSet, args []string) error {
	fs.Usage = func() { fmt.Fprintf(a.env.Stdout, "%s\n\n", a.cat.T(i18n.CLICompletionUsage)) }
	rest, err := a.parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 || !slices.Contains(shells(), rest[0]) {
		return &usageError{a.cat.T(i18n.CLICompletionShell, strings.Join(shells(), ", "))}
	}
	_, err = io.WriteString(a.env.Stdout, completionScripts[rest[0]])
	return err
}

var completionScripts = map[string]string{
	"bash": `# sotay completion for bash: source <(sotay completion bash)
_sotay() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    local IFS=$'\n'
    local out
    out=$(sotay __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
    if [ "$out" = ":files" ]; then
        COMPREPLY=($(compgen -f -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -W "$out" -- "$cur"))
}
complete -o default -F _sotay sotay
`,
	"zsh": `#compdef sotay
# sotay completion for zsh: source <(sotay completion zsh)
_sotay() {
    local -a cands
    cands=("${(@f)$(sotay __complete "${(@)words[2,CURRENT]}" 2>/dev/null)}")
    if [[ "${cands[1]}" == ":files" ]]; then
        _files
        return
    fi
    compadd -- "${cands[@]}"
}
compdef _sotay sotay
`,
	"fish": `# sotay completion for fish: sotay completion fish | source
function __sotay_complete
    set -l words (commandline -opc) (commandline -ct)
    set -e words[1]
    set -l out (sotay __complete $words 2>/dev/null)
    if test "$out[1]" = ":files"
        __fish_complete_path (commandline -ct)
    else
        printf '%s\n' $out
    end
end
complete -c sotay -f -a '(__sotay_complete)'
`,
	"powershell": `# sotay completion for PowerShell: sotay completion powershell | Out-String | Invoke-Expression
Register-ArgumentCompleter -Native -CommandName 'sotay', 'sotay.exe' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $words = @($commandAst.CommandElements | Select-Object -Skip 1 | ForEach-Object { $_.ToString() })
    if ($wordToComplete -eq '') { $words += '""' }
    $out = @(& sotay __complete @words 2>$null)
    if ($out.Count -gt 0 -and $out[0] -eq ':files') { return }
    $out | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
    }
}
`,
}

// complete prints the candidates for the last of words.
func (a *app) complete(ctx context.Context, words []string) {
	if len(words) == 0 {
		words = []string{""}
	}
	cur, before := words[len(words)-1], words[:len(words)-1]
	// Global flags before the command take no part in choosing it.
	var cmd []string
	for i := 0; i < len(before); i++ {
		switch w := before[i]; {
		case w == "--data-dir" || w == "-data-dir" || w == "--lang" || w == "-lang":
			i++
		case strings.HasPrefix(w, "-") && len(cmd) == 0:
		default:
			cmd = append(cmd, w)
		}
	}
	for _, c := range a.candidates(ctx, cmd, before, cur) {
		if c == filesMarker || strings.HasPrefix(c, cur) {
			fmt.Fprintln(a.env.Stdout, c)
		}
	}
}

// candidates are what may come at cur after the words before it (cmd:
// those words without the global flags before the command).
func (a *app) candidates(ctx context.Context, cmd, before []string, cur string) []string {
	if len(cmd) == 0 {
		var out []string
		for _, c := range commands() {
			out = append(out, c.name)
		}
		return out
	}
	fs := a.flagsOf(ctx, cmd)
	// The value of a flag.
	if prev := before[len(before)-1]; strings.HasPrefix(prev, "-") && !strings.Contains(prev, "=") && fs != nil {
		if f := fs.Lookup(strings.TrimLeft(prev, "-")); f != nil && a.metavar(f) != "" {
			return flagValues(f)
		}
	}
	if strings.HasPrefix(cur, "-") {
		if fs == nil {
			return nil
		}
		var out []string
		fs.VisitAll(func(f *flag.Flag) { out = append(out, flagSpelling(f.Name)) })
		return out
	}
	positional := 0
	for _, w := range cmd[1:] {
		if !strings.HasPrefix(w, "-") {
			positional++
		}
	}
	switch cmd[0] {
	case "add", "list":
		if positional == 0 {
			return kindNames()
		}
	case "import":
		return []string{filesMarker}
	case "completion":
		return shells()
	case "hq":
		if len(cmd) == 1 {
			var out []string
			for _, s := range hqSubcommands() {
				out = append(out, s.name)
			}
			return out
		}
		if cmd[1] == "user" && len(cmd) == 2 {
			return hqUserVerbs()
		}
	}
	return nil
}

// flagValues are the values a flag may take: a choice's list, the
// provinces, the languages, or a file name.
func flagValues(f *flag.Flag) []string {
	if c, ok := f.Value.(*choiceValue); ok {
		return c.allowed
	}
	switch f.Name {
	case "province":
		return domain.ProvinceSlugs()
	case "lang":
		return []string{string(i18n.VI), string(i18n.EN)}
	case "o", "data-dir", "tls-cert", "tls-key":
		return []string{filesMarker}
	}
	return nil
}

// flagsOf is the flag set the command in cmd parses, found by asking the
// command for its help with nothing printed: each command registers its
// flags before it parses, and --help stops it there.
func (a *app) flagsOf(ctx context.Context, cmd []string) *flag.FlagSet {
	quiet := &app{env: a.env, cat: a.cat}
	quiet.env.Stdout, quiet.env.Stderr = io.Discard, io.Discard
	defer quiet.close()
	fs := flag.NewFlagSet("sotay", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	quiet.globalFlags(fs)
	help := []string{"-h"}
	switch cmd[0] {
	case "add", "list":
		if len(cmd) < 2 {
			return fs
		}
		if _, ok := record.ParseKind(cmd[1]); !ok {
			return fs
		}
		help = []string{cmd[1], "-h"}
	case "hq":
		if len(cmd) < 2 {
			return nil
		}
		for _, s := range hqSubcommands() {
			if s.name != cmd[1] {
				continue
			}
			if s.name == "user" {
				if len(cmd) < 3 {
					return fs
				}
				help = []string{cmd[2], "-h"}
			}
			_ = s.run(quiet, ctx, fs, help)
			return fs
		}
		return nil
	}
	for _, c := range commands() {
		if c.name == cmd[0] {
			_ = c.run(ctx, quiet, fs, help)
			return fs
		}
	}
	return nil
}
