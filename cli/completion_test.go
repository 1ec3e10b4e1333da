package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompleteCandidates: what the shells are offered, from the same
// flag sets the commands parse.
func TestCompleteCandidates(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		words []string
		want  []string // among the candidates
		not   []string // not among them
	}{
		{[]string{"ed"}, []string{"edit"}, []string{"add"}},
		{[]string{""}, []string{"add", "import", "completion", "hq"}, []string{completeVerb}},
		{[]string{"add", ""}, []string{"log", "difficulty", "training"}, nil},
		{[]string{"add", "log", "--"}, []string{"--activity", "--next-steps", "--date", "--data-dir"}, []string{"--category"}},
		{[]string{"add", "difficulty", "--category", ""}, []string{"salary", "staffing"}, []string{"meeting"}},
		{[]string{"edit", "ID", "--pa"}, []string{"--participants", "--partners"}, nil},
		{[]string{"init", "--province", "ho"}, []string{"ho-chi-minh"}, []string{"ha-noi"}},
		{[]string{"--data-dir", "/tmp/x", "list", "difficulty", "--severity", ""}, []string{"urgent"}, nil},
		{[]string{"hq", ""}, []string{"export", "review", "user"}, nil},
		{[]string{"hq", "user", "add", "--province", "da"}, []string{"da-nang"}, nil},
		{[]string{"hq", "review", "ID", "--state", ""}, []string{"approved", "reopen"}, nil},
		{[]string{"import", "f"}, []string{filesMarker}, nil},
		{[]string{"import", "f.xlsx", "--kind", ""}, []string{"log"}, nil},
		{[]string{"report", "-o", ""}, []string{filesMarker}, nil},
		{[]string{"completion", ""}, []string{"bash", "zsh", "fish", "powershell"}, nil},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.words, " "), func(t *testing.T) {
			r := run(t, dir, append([]string{completeVerb}, tt.words...)...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			got := strings.Fields(r.stdout)
			for _, w := range tt.want {
				if !slicesContains(got, w) {
					t.Errorf("candidates %v lack %q", got, w)
				}
			}
			for _, w := range tt.not {
				if slicesContains(got, w) {
					t.Errorf("candidates %v offer %q", got, w)
				}
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("completion wrote into the data directory: %v", entries)
	}
}

// TestCompletionScriptsParse: each script is valid in its shell; the
// shells not installed here are skipped (CI installs none of them but
// bash).
func TestCompletionScriptsParse(t *testing.T) {
	check := map[string][]string{"bash": {"bash", "-n"}, "zsh": {"zsh", "-n"}, "fish": {"fish", "--no-execute"}, "powershell": nil}
	for _, sh := range shells() {
		t.Run(sh, func(t *testing.T) {
			r := run(t, t.TempDir(), "completion", sh)
			if r.code != 0 || !strings.Contains(r.stdout, completeVerb) {
				t.Fatalf("completion %s: %+v", sh, r)
			}
			argv := check[sh]
			if sh == "powershell" {
				if _, err := exec.LookPath("pwsh"); err != nil {
					t.Skip("pwsh is not installed")
				}
				argv = []string{"pwsh", "-NoProfile", "-Command", "$null = [ScriptBlock]::Create([IO.File]::ReadAllText($args[0]))"}
			}
			if _, err := exec.LookPath(argv[0]); err != nil {
				t.Skipf("%s is not installed", argv[0])
			}
			path := filepath.Join(t.TempDir(), "sotay."+sh)
			if err := os.WriteFile(path, []byte(r.stdout), 0o600); err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command(argv[0], append(argv[1:], path)...).CombinedOutput(); err != nil {
				t.Errorf("%s does not parse its script: %v\n%s", sh, err, out)
			}
		})
	}
}

// TestBashCompletion completes as bash does, with the real binary on PATH.
func TestBashCompletion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
	bin := t.TempDir()
	if out, err := exec.Command("go", "build", "-o", filepath.Join(bin, "sotay"), "sotay").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	script := run(t, t.TempDir(), "completion", "bash").stdout
	tests := []struct {
		line string // the words typed, the last being completed
		want string
	}{
		{"sotay ad", "add"},
		{"sotay add training --wo", "--women"},
		{"sotay init --province hai", "hai-phong"},
		{"sotay hq ex", "export"},
	}
	for _, tt := range tests {
		words := strings.Fields(tt.line)
		cmd := exec.Command("bash", "--norc", "-c", script+`
COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _sotay; printf '%s\n' "${COMPREPLY[@]}"`, "bash")
		cmd.Args = append(cmd.Args, words...)
		cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "SOTAY_DATA_DIR="+t.TempDir())
		out, err := cmd.CombinedOutput()
		if err != nil || !slicesContains(strings.Fields(string(out)), tt.want) {
			t.Errorf("%q: %v %q, want %q", tt.line, err, out, tt.want)
		}
	}
}
