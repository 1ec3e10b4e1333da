package ui

import (
	"strings"
	"testing"

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
