package testenv

import "testing"

func TestInCI(t *testing.T) {
	for _, tt := range []struct {
		env  string
		want bool
	}{
		{"true", true}, {"TRUE", true}, {"1", true}, {"", false}, {"false", false}, {"0", false},
	} {
		t.Setenv("CI", tt.env)
		if got := InCI(); got != tt.want {
			t.Errorf("CI=%q: InCI() = %v, want %v", tt.env, got, tt.want)
		}
	}
}

// fakeTB records how Need stopped a test without stopping this one.
type fakeTB struct {
	testing.TB
	skipped, failed bool
}

func (f *fakeTB) Helper()               {}
func (f *fakeTB) Skip(...any)           { f.skipped = true }
func (f *fakeTB) Fatalf(string, ...any) { f.failed = true }

func TestNeed(t *testing.T) {
	for _, tt := range []struct {
		ci, ok       bool
		skip, failed bool
	}{
		{ci: false, ok: true},
		{ci: true, ok: true},
		{ci: false, ok: false, skip: true},
		{ci: true, ok: false, failed: true},
	} {
		if tt.ci {
			t.Setenv("CI", "true")
		} else {
			t.Setenv("CI", "")
		}
		f := &fakeTB{}
		Need(f, tt.ok, "x is missing")
		if f.skipped != tt.skip || f.failed != tt.failed {
			t.Errorf("ci=%v ok=%v: skipped=%v failed=%v, want %v %v", tt.ci, tt.ok, f.skipped, f.failed, tt.skip, tt.failed)
		}
	}
}

func TestHasFont(t *testing.T) {
	LookPath(t, "fontconfig", "fc-list")
	if HasFont("No Such Family Anywhere", "Việt") {
		t.Error("a family that does not exist was found")
	}
}
