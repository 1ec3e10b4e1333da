package cli

import (
	"bufio"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestHelpListsEveryCommand: `sotay --help` names every command and every
// `hq` subcommand, so none is hidden from the officer or the operator.
func TestHelpListsEveryCommand(t *testing.T) {
	r := run(t, t.TempDir(), "--lang", "en", "--help")
	if r.code != 0 {
		t.Fatalf("--help: %+v", r)
	}
	var want []string
	for _, c := range commands() {
		if c.name != "hq" {
			want = append(want, c.name)
		}
	}
	for _, s := range hqSubcommands() {
		want = append(want, "hq "+s.name)
	}
	for _, name := range []string{"hq export", "hq review", "hq thread", "hq user", "hq report", "followup", "resolve",
		"show", "notices", "edit", "delete", "import", "completion"} {
		if !strings.Contains(strings.Join(want, ","), name) {
			t.Errorf("%q is not a command", name)
		}
	}
	for _, name := range want {
		if !regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(name) + ` `).MatchString(r.stdout) {
			t.Errorf("--help does not list %q:\n%s", name, r.stdout)
		}
	}
}

// TestFlagHelp: flags print with two dashes and the name of their value,
// and a default is stated once.
func TestFlagHelp(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"report", "--help"}, []string{"--week [DATE]", "--month [YYYY-MM]", "--data-dir DIR", "--format md|markdown|docx", "-o FILE", "--from DATE"}},
		{[]string{"list", "--help"}, []string{"--search TEXT", "--limit N", "--severity low|medium|high|urgent"}},
		{[]string{"add", "--help"}, []string{"--date DATE", "--activity survey|meeting", "--participants N"}},
		{[]string{"hq", "export", "--help"}, []string{"--table summary|log|difficulty|training", "--format xlsx|csv"}},
		{[]string{"hq", "serve", "--help"}, []string{"--addr ADDR", "--rate N", "--plain-http\n"}},
		{[]string{"edit", "--help"}, []string{"--next-steps TEXT"}},
		{[]string{"delete", "--help"}, []string{"--yes\n"}},
		{[]string{"import", "--help"}, []string{"--kind log|difficulty|training", "--map COLUMN=FIELD", "--dry-run\n"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := run(t, dir, append([]string{"--lang", "en"}, tt.args...)...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("help lacks %q:\n%s", w, r.stdout)
				}
			}
			if m := regexp.MustCompile(`(?m)^\s+-[a-z]{2,}`).FindString(r.stdout); m != "" {
				t.Errorf("a flag with one dash: %q", m)
			}
			// Each flag's block (its line and its usage) says default once.
			for _, block := range strings.Split(r.stdout, "\n  -")[1:] {
				if n := strings.Count(block, "default"); n > 1 {
					t.Errorf("default stated %d times: %q", n, block)
				}
			}
		})
	}
}

// TestChoiceFlagsAreUsageErrors: every flag that takes one of a fixed list
// refuses anything else as a usage error (exit 2), before touching data.
func TestChoiceFlagsAreUsageErrors(t *testing.T) {
	dir := setUp(t)
	tests := [][]string{
		{"add", "log", "--date", "20/11/2026", "--commune", "X", "--activity", "họp", "--content", "c"},
		{"add", "difficulty", "--category", "weather"},
		{"add", "difficulty", "--severity", "extreme"},
		{"edit", "0190a8f2-0000-7000-8000-000000000000", "--activity", "họp"},
		{"list", "difficulty", "--category", "weather"},
		{"list", "difficulty", "--severity", "extreme"},
		{"list", "difficulty", "--status", "done"},
		{"report", "--format", "pdf"},
		{"export", "--format", "pdf"},
		{"import", "x.csv", "--kind", "meeting"},
		{"init", "--province", "ha-giang"},
		{"--lang", "fr", "status"},
		{"completion", "tcsh"},
		{"hq", "export", "--format", "pdf"},
		{"hq", "export", "--table", "people"},
		{"hq", "report", "--format", "pdf"},
		{"hq", "respond", "0190a8f2-0000-7000-8000-000000000000", "--status", "done"},
		{"hq", "review", "0190a8f2-0000-7000-8000-000000000000", "--state", "good"},
		{"hq", "user", "add", "--name", "B", "--email", "b@x.vn", "--role", "boss"},
		{"hq", "enroll", "--name", "B", "--province", "ha-giang"},
	}
	for _, args := range tests {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := run(t, dir, args...)
			if r.code != ExitUsage {
				t.Errorf("exit %d, want %d: %s", r.code, ExitUsage, r.stderr)
			}
		})
	}
}

// TestReadmeExamples runs the README's usage block in order on a new
// notebook: each command succeeds, and its search example finds the log
// its add example made.
func TestReadmeExamples(t *testing.T) {
	dir := t.TempDir()
	cmds := readmeCommands(t)
	t.Chdir(t.TempDir()) // the export example writes a file here
	if len(cmds) < 6 {
		t.Fatalf("found %d commands in the README's usage block", len(cmds))
	}
	searched := false
	for _, args := range cmds {
		r := run(t, dir, args...)
		if r.code != 0 {
			t.Fatalf("%q: exit %d: %s", args, r.code, r.stderr)
		}
		if len(args) > 2 && args[0] == "list" && slicesContains(args, "--search") {
			searched = true
			if !strings.Contains(r.stdout, "Làm việc với UBND phường") {
				t.Errorf("%q finds nothing the add examples made:\n%s", args, r.stdout)
			}
		}
	}
	if !searched {
		t.Error("the README's usage block has no search example")
	}
}

func slicesContains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// readmeCommands reads the `./sotay …` lines of the README's usage block,
// joining continued lines and splitting words as a shell does.
func readmeCommands(t *testing.T) [][]string {
	t.Helper()
	f, err := os.Open("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out [][]string
	in, cont := false, ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "## Cách dùng"):
			in = true
			continue
		case in && strings.HasPrefix(line, "## "):
			return out
		}
		if !in {
			continue
		}
		if cont != "" {
			line = cont + " " + strings.TrimSpace(line)
			cont = ""
		} else if !strings.HasPrefix(line, "./sotay ") {
			continue
		}
		if strings.HasSuffix(line, "\\") {
			cont = strings.TrimSuffix(line, "\\")
			continue
		}
		out = append(out, shellWords(t, strings.TrimPrefix(line, "./sotay ")))
	}
	return out
}

// shellWords splits a command line as sh does for plain words and quoted
// strings; a # outside quotes starts a comment.
func shellWords(t *testing.T, s string) []string {
	var words []string
	var cur strings.Builder
	inWord := false
	var quote rune
	for _, c := range s {
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(c)
		case c == '"' || c == '\'':
			quote, inWord = c, true
		case c == '#' && !inWord:
			return words
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(c)
			inWord = true
		}
	}
	if quote != 0 {
		t.Fatalf("unclosed quote in %q", s)
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}
