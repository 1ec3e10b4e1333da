// Package testenv tells tests what the machine can do, the way CI needs it
// told: outside CI a test that lacks a system tool skips with the reason;
// under CI=true the same test fails, so a CI run can never pass by
// skipping what it was meant to check.
package testenv

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// InCI reports whether the tests run under CI (CI=true, as CI services and
// .ci/run set it).
func InCI() bool {
	v := strings.ToLower(os.Getenv("CI"))
	return v == "true" || v == "1"
}

// Need stops the test when ok is false: it skips with why outside CI and
// fails under CI.
func Need(t testing.TB, ok bool, why string) {
	t.Helper()
	if ok {
		return
	}
	if InCI() {
		t.Fatalf("CI=true and %s: .ci/run must install it", why)
		return
	}
	t.Skip(why)
}

// LookPath returns the path of the first of names on PATH, or stops the
// test as Need does, naming pkg, the Debian package that provides it.
func LookPath(t testing.TB, pkg string, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	Need(t, false, strings.Join(names, " or ")+" is not installed (Debian package "+pkg+")")
	return ""
}

// HasFont reports whether fontconfig knows a font of family that has a
// glyph for every rune of sample: a family name alone is not enough, since
// an older package of the same name may lack the glyphs (fonts-liberation
// 1.07 has no Vietnamese, fonts-liberation2 has).
func HasFont(family, sample string) bool {
	pattern := family + ":charset="
	seen := map[rune]bool{}
	var hex []string
	for _, r := range sample {
		if r < 0x80 || seen[r] {
			continue
		}
		seen[r] = true
		hex = append(hex, strconv.FormatInt(int64(r), 16))
	}
	pattern += strings.Join(hex, " ")
	out, err := exec.Command("fc-list", pattern, "family").Output()
	return err == nil && strings.TrimSpace(string(out)) != ""
}
