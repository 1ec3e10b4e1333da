package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestExitCodes runs the real binary: the exit codes of DESIGN.md's CLI
// contract are what scripts and schedulers see.
func TestExitCodes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "sotay")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	data := t.TempDir()
	tests := []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"--help"}, 0, "sotay"},
		{[]string{"--version"}, 0, "sotay 0.0.0-dev\n"},
		{[]string{"version"}, 0, "Go: go1."},
		{[]string{"version", "extra"}, 2, "extra"},
		{[]string{"init", "--name", "Trần Thị Bình", "--province", "da-nang"}, 0, "sotay.db"},
		{[]string{"add", "log", "--date", "hôm nay", "--commune", "Phường Hải Châu", "--activity", "guidance", "--content", "Hướng dẫn nghiệp vụ"}, 0, "-7"},
		{[]string{"add", "log", "--date", "hôm nay"}, 1, "bắt buộc"},
		{[]string{"frobnicate"}, 2, "frobnicate"},
		{[]string{"list", "log", "--search", "huong dan"}, 0, "Hướng dẫn nghiệp vụ"},
	}
	for _, tt := range tests {
		cmd := exec.Command(bin, tt.args...)
		cmd.Env = append(os.Environ(), "SOTAY_DATA_DIR="+data, "SOTAY_LANG=")
		out, err := cmd.CombinedOutput()
		code := 0
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			code = exit.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != tt.code || !strings.Contains(string(out), tt.out) {
			t.Errorf("sotay %v: exit %d, want %d; output %q should contain %q", tt.args, code, tt.code, out, tt.out)
		}
	}
}
