// Package vntext holds the rules for Vietnamese text: NFC on save, control
// characters removed, the diacritic fold that search uses, collation for
// sorting, dates written dd/mm/yyyy, and the sanitising of text that came
// from the network before it reaches a terminal.
package vntext

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold maps text to its search form: NFD, combining marks dropped, đ→d,
// lower case. "Hà Nội" and "HA NOI" both fold to "ha noi". Collation with
// IgnoreDiacritics does not do this (ô, ư, ă and đ are letters there).
//
// Text in the Latin blocks Vietnamese is written in folds letter by letter
// from a table; anything else takes the general path.
func Fold(s string) string {
	t := foldTables()
	b := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r < 0x80:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b = append(b, byte(r))
		case r < foldLatinEnd:
			b = append(b, t.latin[r]...)
		case r >= foldVietStart && r < foldVietEnd:
			b = append(b, t.viet[r-foldVietStart]...)
		default:
			return foldSlow(s)
		}
	}
	return string(b)
}

// The blocks Fold folds from a table: Latin up to and including the
// combining diacritical marks (U+0000–U+036F), and Latin Extended
// Additional (U+1E00–U+1EFF), where the precomposed Vietnamese letters are.
// Every letter there is a starter and every mark is a nonspacing mark, so
// canonical reordering never moves a letter and folding letter by letter
// gives what folding the whole text does.
const (
	foldLatinEnd  = 0x370
	foldVietStart = 0x1e00
	foldVietEnd   = 0x1f00
)

// foldTables holds the fold of each rune of those blocks, made once by the
// general path; it never changes afterwards, so sharing it is safe.
var foldTables = sync.OnceValue(func() *struct{ latin, viet []string } {
	t := &struct{ latin, viet []string }{make([]string, foldLatinEnd), make([]string, foldVietEnd-foldVietStart)}
	for r := rune(0); r < foldLatinEnd; r++ {
		t.latin[r] = foldSlow(string(r))
	}
	for r := rune(foldVietStart); r < foldVietEnd; r++ {
		t.viet[r-foldVietStart] = foldSlow(string(r))
	}
	return t
})

// foldSlow is Fold by its definition.
func foldSlow(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		default:
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Words splits folded text into its words: runs of letters and digits.
func Words(folded string) []string {
	return strings.FieldsFunc(folded, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// Clean makes text fit to store: NFC, and control characters other than
// newline and tab, bidi controls and noncharacters removed (CR LF becomes
// LF). Invalid UTF-8 is left to the caller to reject; see Valid.
func Clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if strings.IndexFunc(s, isDroppedControl) >= 0 {
		s = strings.Map(func(r rune) rune {
			if isDroppedControl(r) {
				return -1
			}
			return r
		}, s)
	}
	return norm.NFC.String(s)
}

// isDroppedControl: control characters, bidi controls (they can make text
// read differently from what it says, and Vietnamese never needs them) and
// Unicode noncharacters.
func isDroppedControl(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case unicode.IsControl(r), isBidiControl(r):
		return true
	case r >= 0xFDD0 && r <= 0xFDEF, r&0xFFFE == 0xFFFE:
		return true
	}
	return false
}

// Valid reports whether s is valid UTF-8.
func Valid(s string) bool { return utf8.ValidString(s) }

// Len is the length of s in characters (runes), the unit of the field limits.
func Len(s string) int { return utf8.RuneCountInString(s) }
