package ui

import (
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
)

func typeInto(update func(tea.Msg) (tea.Cmd, bool), s string) {
	for _, r := range s {
		update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// TestInputsComposeNFD: combining marks typed after their letter become one
// NFC letter, in both kinds of field, and the cursor moves by letters.
func TestInputsComposeNFD(t *testing.T) {
	line := newLineInput(300)
	line.Focus()
	typeInto(line.update, "Nghe\u0323\u0302 An") // ệ as e, dot below, circumflex
	if got := line.Value(); got != "Nghệ An" {
		t.Fatalf("line = %q %U", got, []rune(got))
	}
	area := newAreaInput(300)
	area.Focus()
	typeInto(area.update, "Đa\u0300 Na\u0306\u0303ng")
	if got := area.Value(); got != "Đà Nẵng" {
		t.Fatalf("area = %q %U", got, []rune(got))
	}
	// A mark with no precomposed letter stays apart; the cursor steps over it.
	line = newLineInput(300)
	line.Focus()
	typeInto(line.update, "q\u0300x")
	line.update(tea.KeyPressMsg{Code: tea.KeyLeft})
	line.update(tea.KeyPressMsg{Code: tea.KeyLeft})
	if pos := line.Position(); pos != 0 {
		t.Fatalf("cursor at %d inside q̀", pos)
	}
}

func TestPasteIsCleanedAndCapped(t *testing.T) {
	line := newLineInput(10)
	line.Focus()
	line.update(tea.PasteMsg{Content: "a\x1b[31mb\r\nc\td" + strings.Repeat("x", 100)})
	if got := line.Value(); got != "a[31mb c d" || !line.capped {
		t.Fatalf("line = %q capped=%v", got, line.capped)
	}
}

// FuzzInputs types and pastes arbitrary text into both kinds of field:
// never a panic, and the value stays valid NFC text within its limit.
func FuzzInputs(f *testing.F) {
	for _, s := range []string{"Ha\u0300 No\u0302\u0323i", "\u0300\u0301", "q\u0300x\r\n\x1b[31m", "Đà Nẵng\tđ", "\xff\xfe"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, typed, pasted string) {
		line, area := newLineInput(40), newAreaInput(60)
		line.Focus()
		area.Focus()
		for _, r := range typed {
			k := tea.KeyPressMsg{Code: r, Text: string(r)}
			line.update(k)
			area.update(k)
		}
		for _, k := range []rune{tea.KeyLeft, tea.KeyBackspace, tea.KeyRight} {
			line.update(tea.KeyPressMsg{Code: k})
			area.update(tea.KeyPressMsg{Code: k})
		}
		line.update(tea.PasteMsg{Content: pasted})
		area.update(tea.PasteMsg{Content: pasted})
		for _, v := range []struct {
			val   string
			limit int
		}{{line.Value(), 40}, {area.Value(), 60}} {
			if !utf8.ValidString(v.val) {
				t.Fatalf("invalid UTF-8: %q", v.val)
			}
			if n := utf8.RuneCountInString(v.val); n > v.limit {
				t.Fatalf("%d characters over the limit %d: %q", n, v.limit, v.val)
			}
		}
	})
}

// TestMarkOfDroppedLetter: at the limit a letter is dropped, and so is the
// combining mark typed after it: it must not land on the last letter kept.
func TestMarkOfDroppedLetter(t *testing.T) {
	key := func(s string) tea.KeyPressMsg { return tea.KeyPressMsg{Code: []rune(s)[0], Text: s} }
	for _, tc := range []struct {
		name  string
		input interface {
			update(tea.Msg) (tea.Cmd, bool)
			Value() string
		}
	}{
		{"line", newLineInput(3)},
		{"area", newAreaInput(3)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, k := range []string{"a", "b", "e", "x", "\u0302", "o", "\u0309"} {
				tc.input.update(key(k))
			}
			if got := tc.input.Value(); got != "abe" {
				t.Fatalf("value = %q, want %q", got, "abe")
			}
		})
	}
}
