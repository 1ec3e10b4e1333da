package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"sotay/i18n"
	"sotay/record"
	"sotay/store"
)

// The tests run the real program (teatest drives a tea.Program) on a real
// notebook file in a temporary directory, at a fixed clock and size, with
// colours off so screens compare as text.

var testNow = time.Date(2026, 2, 5, 9, 30, 0, 0, time.UTC) // a Thursday

func fixedNow() time.Time { return testNow }

func openTestStore(t testing.TB, profile bool) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), store.FileName), store.Options{Now: fixedNow, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if profile {
		if err := st.SetProfile(store.Profile{Name: "Nguyễn Văn An", Province: "ha-noi", Position: "Chuyên viên"}); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// waitLimit is how long a test waits for a screen; generous for -race
// on a busy machine.
const waitLimit = 15 * time.Second

// probeMsg asks the running program for its screen; the program's event
// filter answers it on the event loop, so the screen read is consistent.
type probeMsg struct{ ch chan string }

type tui struct {
	t  testing.TB
	tm *teatest.TestModel
}

// startForm starts the TUI at 80×24 in Vietnamese, goes to tab (a digit
// key) and opens its new-record form, waiting for the form's title.
func startForm(t testing.TB, st *store.Store, tab, title string) *tui {
	t.Helper()
	u := startTUI(t, st, i18n.VI, 80, 24)
	u.waitFor("Tuần này")
	u.press(tab, "n")
	u.waitFor(title)
	return u
}

func startTUI(t testing.TB, st *store.Store, lang i18n.Lang, w, h int) *tui {
	t.Helper()
	return startTUIWith(t, st, Options{Lang: lang, Now: fixedNow}, w, h)
}

// startTUIWith starts the program with opt (an opener to watch, …).
func startTUIWith(t testing.TB, st *store.Store, opt Options, w, h int) *tui {
	t.Helper()
	m := newApp(st, opt, true)
	filter := func(m tea.Model, msg tea.Msg) tea.Msg {
		if p, ok := msg.(probeMsg); ok {
			p.ch <- stripScreen(m.(*app).render())
			return nil
		}
		return msg
	}
	return startProgram(t, m, w, h, filter)
}

func startProgram(t testing.TB, m *app, w, h int, filter func(tea.Model, tea.Msg) tea.Msg) *tui {
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii), tea.WithFilter(filter)))
	t.Cleanup(func() { _ = tm.Quit() })
	return &tui{t: t, tm: tm}
}

func stripScreen(s string) string { return ansi.Strip(s) }

// screen is what the program shows now, as plain text.
func (u *tui) screen() string {
	ch := make(chan string, 1)
	u.tm.Send(probeMsg{ch})
	select {
	case s := <-ch:
		return s
	case <-time.After(3 * time.Second):
		u.t.Fatal("the program did not answer")
		return ""
	}
}

// waitFor waits until the screen contains every one of want.
func (u *tui) waitFor(want ...string) string {
	u.t.Helper()
	deadline := time.Now().Add(waitLimit)
	var s string
	for time.Now().Before(deadline) {
		s = u.screen()
		ok := true
		for _, w := range want {
			if !strings.Contains(s, w) {
				ok = false
				break
			}
		}
		if ok {
			return s
		}
		time.Sleep(15 * time.Millisecond)
	}
	u.t.Fatalf("screen never showed %q; last screen:\n%s", want, s)
	return ""
}

func (u *tui) waitGone(text string) string {
	u.t.Helper()
	deadline := time.Now().Add(waitLimit)
	var s string
	for time.Now().Before(deadline) {
		if s = u.screen(); !strings.Contains(s, text) {
			return s
		}
		time.Sleep(15 * time.Millisecond)
	}
	u.t.Fatalf("screen still shows %q:\n%s", text, s)
	return ""
}

func (u *tui) typeText(s string) { u.tm.Type(s) }

// press sends keys by name: "tab", "ctrl+s", "esc", "enter", arrows, or a
// single character.
func (u *tui) press(keys ...string) {
	for _, k := range keys {
		u.tm.Send(keyMsg(k))
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	named := map[string]rune{"tab": tea.KeyTab, "enter": tea.KeyEnter, "esc": tea.KeyEscape, "up": tea.KeyUp,
		"down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight, "backspace": tea.KeyBackspace,
		"pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp, "home": tea.KeyHome, "end": tea.KeyEnd, "f1": tea.KeyF1}
	switch {
	case strings.HasPrefix(k, "ctrl+"):
		return tea.KeyPressMsg{Code: rune(k[5]), Mod: tea.ModCtrl}
	case k == "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case named[k] != 0:
		return tea.KeyPressMsg{Code: named[k]}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

func (u *tui) quit() {
	u.press("ctrl+c")
	u.tm.WaitFinished(u.t, teatest.WithFinalTimeout(5*time.Second))
}

func listAll(t testing.TB, st *store.Store, k record.Kind) []record.Record {
	t.Helper()
	p, err := st.List(context.Background(), store.Query{Kind: k})
	if err != nil {
		t.Fatal(err)
	}
	return p.Records
}

// requireGolden compares a screen with testdata/<test name>.golden
// (go test ./ui -update rewrites them).
func requireGolden(t *testing.T, screen string) {
	t.Helper()
	lines := strings.Split(screen, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	golden.RequireEqual(t, strings.Join(lines, "\n")+"\n")
}
