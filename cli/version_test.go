package cli

import (
	"encoding/json"
	"runtime"
	"strings"
	"testing"

	"sotay/buildinfo"
)

func TestVersion(t *testing.T) {
	dir := t.TempDir()
	want := buildinfo.Get()
	tests := []struct {
		args  []string
		lines []string
	}{
		{[]string{"version"}, []string{"sotay " + want.Version, "Commit: ", "Ngày build: ", "Go: " + want.Go + " " + runtime.GOOS + "/" + runtime.GOARCH}},
		{[]string{"--version"}, []string{"sotay " + want.Version, "Ngày build: "}},
		{[]string{"--lang", "en", "--version"}, []string{"sotay " + want.Version, "Built: "}},
		{[]string{"version", "--lang", "en"}, []string{"sotay " + want.Version, "Commit: ", "Built: "}},
	}
	for _, tt := range tests {
		r := run(t, dir, tt.args...)
		if r.code != ExitOK || r.stderr != "" {
			t.Errorf("sotay %v: exit %d, stderr %q", tt.args, r.code, r.stderr)
		}
		lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
		if len(lines) != 4 || lines[0] != tt.lines[0] {
			t.Errorf("sotay %v = %q", tt.args, r.stdout)
			continue
		}
		for _, l := range tt.lines[1:] {
			if !strings.Contains(r.stdout, "\n"+l) {
				t.Errorf("sotay %v = %q, lacks %q", tt.args, r.stdout, l)
			}
		}
	}
	r := run(t, dir, "version", "--json")
	var got buildinfo.Info
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || got != want {
		t.Errorf("version --json = %s (%v), want %+v", r.stdout, err, want)
	}
	if r := run(t, dir, "version", "now"); r.code != ExitUsage {
		t.Errorf("version with an argument: exit %d", r.code)
	}
}
