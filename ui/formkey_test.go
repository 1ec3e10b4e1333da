package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"sotay/i18n"
	"sotay/record"
)

// A paste without bracketed paste (tmux paste-buffer without -p, some
// terminals) reaches the form as one key press per character: a megabyte
// is a million keys, so a key must cost the same whatever the field holds.

// formApp is the app with a new log's form open on its content field.
func formApp(tb testing.TB) *app {
	tb.Helper()
	st := openTestStore(tb, true)
	m := newApp(st, Options{Lang: i18n.VI, Now: fixedNow}, true)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.Update(openNewForm(m.ctx, record.KindLog)())
	for range 3 {
		m.Update(keyMsg("tab"))
	}
	if f := m.top().(*form); f.fields[f.focus].f.Name != "content" {
		tb.Fatalf("focus on %s", f.fields[f.focus].f.Name)
	}
	return m
}

// BenchmarkFormKey is one key press in a long text field, handled and
// drawn as the program does (View after every message): "typing" into a
// field that holds 5,000 characters, "nfd" the same typed as letters and
// combining marks, "full" when the field is at its limit and the key is
// dropped.
func BenchmarkFormKey(b *testing.B) {
	for _, tc := range []struct {
		name string
		fill int
	}{{"typing", record.MaxLong / 2}, {"nfd", record.MaxLong / 2}, {"full", record.MaxLong}} {
		b.Run(tc.name, func(b *testing.B) {
			m := formApp(b)
			f := m.top().(*form)
			ff := f.fields[f.focus]
			base := strings.Repeat("Họp dân ", tc.fill/8) // words, as a note has
			reset := func() {
				ff.setValue(base)
				m.Update(keyMsg("a")) // settle the first key's message
			}
			reset()
			keys := []tea.KeyPressMsg{keyMsg("ê")}
			if tc.name == "nfd" {
				keys = []tea.KeyPressMsg{keyMsg("e"), keyMsg("\u0302")} // ê as a letter and its mark
			}
			n := 0
			b.ResetTimer()
			for range b.N {
				if tc.name != "full" && n == record.MaxLong/2-2 {
					b.StopTimer()
					reset()
					n = 0
					b.StartTimer()
				}
				m.Update(keys[n%len(keys)])
				_ = m.View()
				n++
			}
		})
	}
}

// TestKeyFloodIsCapped types 200,000 characters into a long text field one
// key press each, as a paste without bracketed paste does: the field keeps
// its limit, says so, and ctrl+s behind the flood saves the record.
func TestKeyFloodIsCapped(t *testing.T) {
	st := openTestStore(t, true)
	u := startForm(t, st, "2", "Thêm nhật ký")
	u.press("tab")
	u.typeText("Xã Tam Đảo")
	u.press("tab", "right", "tab") // activity, then content
	letters := []rune("Họp dân tại xã ")
	for i := range 200_000 {
		r := letters[i%len(letters)]
		u.tm.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	u.waitFor("Đã cắt bớt: tối đa 10000 ký tự")
	u.press("ctrl+s")
	u.waitFor("1 bản ghi")
	recs := listAll(t, st, record.KindLog)
	if len(recs) != 1 {
		t.Fatalf("%d records", len(recs))
	}
	want := strings.TrimSpace(string([]rune(strings.Repeat(string(letters), record.MaxLong/len(letters)+1))[:record.MaxLong]))
	if recs[0].Content != want {
		t.Fatalf("content has %d characters, want the first %d typed", len([]rune(recs[0].Content)), len([]rune(want)))
	}
	u.quit()
}
