package vntext

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// ForTerminal makes text that came from the network safe to print: escape
// and control sequences stripped, then control runes other than newline and
// tab, bidi controls (which can reorder what the officer reads) and U+FFFD
// dropped. Apply it at the edge, to anything HQ sent, before display.
func ForTerminal(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = ansi.Strip(s)
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case unicode.IsControl(r), isBidiControl(r), r == unicode.ReplacementChar:
			return -1
		}
		return r
	}, s)
}

// ForPrint makes text that came from elsewhere (HQ's answers, an officer's
// typing read back from HQ) fit to print in a document or a spreadsheet:
// ForTerminal, then Clean, without surrounding space.
func ForPrint(s string) string {
	return strings.TrimSpace(Clean(ForTerminal(s)))
}

func isBidiControl(r rune) bool {
	switch {
	case r == '\u061C', r == '\u200E', r == '\u200F':
		return true
	case r >= '\u202A' && r <= '\u202E':
		return true
	case r >= '\u2066' && r <= '\u2069':
		return true
	}
	return false
}
