// Package buildinfo tells which build of sotay is running: its version, the
// commit it was built from, when, and with which Go. Release builds
// (.ci/release) set version, commit and date with
//
//	-ldflags "-X sotay/buildinfo.version=V -X sotay/buildinfo.commit=C -X sotay/buildinfo.date=D"
//
// and any other build reads what the Go toolchain stamped into the binary
// (runtime/debug.ReadBuildInfo: the module version, vcs.revision, vcs.time).
package buildinfo

import (
	"runtime"
	"runtime/debug"
	"strings"
)

// Set by -ldflags -X in release builds; empty otherwise. They are the only
// package-level variables, and only the linker writes them.
var (
	version string
	commit  string
	date    string
)

// DevVersion is the version of a build that knows none: `go run .` or
// `go build` without VCS stamping.
const DevVersion = "0.0.0-dev"

// Info is one build's identity.
type Info struct {
	Version  string `json:"version"`
	Commit   string `json:"commit"`   // "" when unknown
	Date     string `json:"date"`     // RFC 3339, UTC; "" when unknown
	Modified bool   `json:"modified"` // built from a tree with uncommitted changes
	Go       string `json:"go"`       // the toolchain, e.g. go1.26.8
	Platform string `json:"platform"` // GOOS/GOARCH
}

// Get returns this binary's Info: the linker's values first, then the
// toolchain's stamp.
func Get() Info {
	bi, _ := debug.ReadBuildInfo()
	return from(version, commit, date, bi)
}

// from merges the ldflags values with a build's stamp; split out so tests
// can feed both.
func from(version, commit, date string, bi *debug.BuildInfo) Info {
	i := Info{Version: version, Commit: commit, Date: date, Go: runtime.Version(),
		Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi != nil {
		if i.Version == "" && bi.Main.Version != "(devel)" {
			i.Version = bi.Main.Version
		}
		if bi.GoVersion != "" {
			i.Go = bi.GoVersion
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if i.Commit == "" {
					i.Commit = s.Value
				}
			case "vcs.time":
				if i.Date == "" {
					i.Date = s.Value
				}
			case "vcs.modified":
				i.Modified = s.Value == "true" && commit == ""
			}
		}
	}
	i.Version = Clean(strings.TrimPrefix(i.Version, "v"))
	if i.Version == "" {
		i.Version = DevVersion
	}
	i.Commit, i.Date = Clean(i.Commit), Clean(i.Date)
	return i
}

// Version is this binary's version, e.g. "1.2.0" or "0.0.0-dev".
func Version() string { return Get().Version }

// UserAgent names this build in HTTP requests: "sotay/VERSION (GOOS/GOARCH)".
func UserAgent() string {
	i := Get()
	return "sotay/" + i.Version + " (" + i.Platform + ")"
}

// MaxLen is the longest version string kept; what a peer sends beyond it is
// cut.
const MaxLen = 64

// Clean keeps a version-like string safe to put in an HTTP header, a log
// line or a terminal: printable ASCII without spaces, at most MaxLen bytes.
// HQ applies it to what a client claims, and the build to what -ldflags
// set, so neither can carry control characters.
func Clean(s string) string {
	var b strings.Builder
	for i := 0; i < len(s) && b.Len() < MaxLen; i++ {
		if c := s[i]; c > ' ' && c < 0x7f {
			b.WriteByte(c)
		}
	}
	return b.String()
}
