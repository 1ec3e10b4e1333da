package opener

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"
)

func TestCommand(t *testing.T) {
	p := `C:\Users\an\Biên bản & ảnh.pdf`
	for _, tc := range []struct {
		goos, name string
		args       []string
	}{
		{"windows", "rundll32", []string{"url.dll,FileProtocolHandler", p}},
		{"darwin", "open", []string{p}},
		{"linux", "xdg-open", []string{p}},
		{"freebsd", "xdg-open", []string{p}},
	} {
		name, args := Command(tc.goos, p)
		if name != tc.name || !slices.Equal(args, tc.args) {
			t.Errorf("%s: %s %q", tc.goos, name, args)
		}
	}
}

// System runs the real program: here a stand-in xdg-open on PATH that
// writes down what it was asked to open.
func TestSystemRunsTheProgram(t *testing.T) {
	if name, _ := Command(runtime.GOOS, ""); name != "xdg-open" {
		t.Skip("the stand-in is a shell script")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "opened")
	script := "#!/bin/sh\nprintf '%s' \"$1\" > " + out + "\n"
	if err := os.WriteFile(filepath.Join(dir, "xdg-open"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	target := filepath.Join(dir, "biên bản.pdf")
	if err := System()(context.Background(), target); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(out); err == nil && len(b) > 0 {
			if string(b) != target {
				t.Fatalf("opened %q, want %q", b, target)
			}
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the program never ran")
}
