package buildinfo

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestFrom(t *testing.T) {
	stamped := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "sotay", Version: "v1.3.0"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc123"}, {Key: "vcs.time", Value: "2026-11-30T08:00:00Z"},
			{Key: "vcs.modified", Value: "true"}}}
	devel := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "sotay", Version: "(devel)"}}
	tests := []struct {
		name                  string
		version, commit, date string
		bi                    *debug.BuildInfo
		want                  Info
	}{
		{"release build: ldflags win", "1.2.0", "deadbeef", "2026-12-01T10:00:00Z", stamped,
			Info{Version: "1.2.0", Commit: "deadbeef", Date: "2026-12-01T10:00:00Z", Go: "go1.26.8"}},
		{"stamped by the toolchain", "", "", "", stamped,
			Info{Version: "1.3.0", Commit: "abc123", Date: "2026-11-30T08:00:00Z", Modified: true, Go: "go1.26.8"}},
		{"go run without VCS", "", "", "", devel, Info{Version: DevVersion, Go: "go1.26.8"}},
		{"no build info at all", "", "", "", nil, Info{Version: DevVersion, Go: runtime.Version()}},
		{"ldflags with junk", "1.0\r\nX-Evil: 1", "", "", nil, Info{Version: "1.0X-Evil:1", Go: runtime.Version()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := from(tt.version, tt.commit, tt.date, tt.bi)
			tt.want.Platform = runtime.GOOS + "/" + runtime.GOARCH
			if got != tt.want {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestClean(t *testing.T) {
	tests := map[string]string{
		"1.2.0":                  "1.2.0",
		"1.2.0-3-gabc-dirty":     "1.2.0-3-gabc-dirty",
		"sotay 1.0\x00\x1b[31m":  "sotay1.0[31m",
		"phiên bản":              "phinbn",
		strings.Repeat("9", 100): strings.Repeat("9", MaxLen),
		"":                       "",
	}
	for in, want := range tests {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLdflags builds a real binary the way .ci/release does and checks
// that the linker's values come out.
func TestLdflags(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	dir := t.TempDir()
	main := `package main

import (
	"fmt"
	"sotay/buildinfo"
)

func main() { i := buildinfo.Get(); fmt.Println(i.Version, i.Commit, i.Date, buildinfo.UserAgent()) }
`
	// The program must sit inside the module to import sotay/buildinfo;
	// an overlay places it there without writing into the tree.
	overlay := filepath.Join(dir, "overlay.json")
	wd, _ := os.Getwd()
	src := filepath.Join(dir, "main.go")
	if err := os.WriteFile(src, []byte(main), 0o644); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(wd, "internal_ldflags_test_main", "main.go")
	if err := os.WriteFile(overlay, []byte(`{"Replace":{"`+target+`":"`+src+`"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "sotay-ldflags")
	cmd := exec.Command("go", "build", "-overlay", overlay, "-trimpath", "-o", bin,
		"-ldflags", "-X sotay/buildinfo.version=9.8.7 -X sotay/buildinfo.commit=cafe -X sotay/buildinfo.date=2026-12-02T00:00:00Z",
		"./internal_ldflags_test_main")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin).Output()
	if err != nil {
		t.Fatal(err)
	}
	want := "9.8.7 cafe 2026-12-02T00:00:00Z sotay/9.8.7 (" + runtime.GOOS + "/" + runtime.GOARCH + ")\n"
	if string(out) != want {
		t.Errorf("release build says %q, want %q", out, want)
	}
}
