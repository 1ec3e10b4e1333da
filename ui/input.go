package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"golang.org/x/text/unicode/norm"

	"sotay/vntext"
)

// Typed and pasted text reaches the fields through these wrappers, which
// keep the value NFC: a combining mark typed after its letter (NFD
// keyboards send them as separate keys) is composed into the letter before
// the cursor, so the cursor never stands between a letter and its marks;
// pasted text is cleaned and cut to the field's limit before it is inserted,
// so a huge paste costs no more than a full field.

// lineInput is a one-line field.
type lineInput struct {
	textinput.Model
	limit  int  // characters; 0 for none
	capped bool // the last insertion was cut at the limit
}

func newLineInput(limit int) *lineInput {
	in := &lineInput{Model: textinput.New(), limit: limit}
	in.Prompt = ""
	in.CharLimit = limit
	return in
}

// update handles msg and reports whether the value changed.
func (in *lineInput) update(msg tea.Msg) (tea.Cmd, bool) {
	before := in.Value()
	switch msg := msg.(type) {
	case tea.PasteMsg:
		in.insert(strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ", "\t", " ").Replace(msg.Content))
		return nil, in.Value() != before
	case tea.KeyPressMsg:
		if text := typedText(msg); text != "" {
			in.insert(text)
			return nil, in.Value() != before
		}
	}
	var cmd tea.Cmd
	in.Model, cmd = in.Model.Update(msg)
	// A mark that composes with nothing (rare in Vietnamese) stays a rune of
	// its own: step over it so the cursor stays between whole letters.
	if k, ok := msg.(tea.KeyPressMsg); ok {
		runes := []rune(in.Value())
		pos := in.Position()
		for pos > 0 && pos < len(runes) && isMark(runes[pos]) {
			if k.String() == "right" {
				pos++
			} else {
				pos--
			}
		}
		in.SetCursor(pos)
	}
	return cmd, in.Value() != before
}

func (in *lineInput) insert(s string) {
	r, _ := utf8.DecodeRuneInString(s)
	if in.limit > 0 && !isMark(r) && utf8.RuneCountInString(in.Value()) >= in.limit {
		in.capped = true // full: drop the key before copying the text
		return
	}
	runes := []rune(in.Value())
	pos := min(in.Position(), len(runes))
	if isMark(r) && pos > 0 {
		composed := []rune(norm.NFC.String(string(runes[pos-1]) + s))
		if grow := len(composed) - 1; in.limit > 0 && len(runes)+grow > in.limit {
			in.capped = true // no room for a mark that stays apart
			return
		}
		out := append(append(append([]rune{}, runes[:pos-1]...), composed...), runes[pos:]...)
		in.SetValue(string(out))
		in.SetCursor(pos - 1 + len(composed))
		return
	}
	add := []rune(cleanInsert(s, in.room(len(runes)), &in.capped))
	out := append(append(append([]rune{}, runes[:pos]...), add...), runes[pos:]...)
	in.SetValue(string(out))
	in.SetCursor(pos + len(add))
}

func (in *lineInput) room(have int) int {
	if in.limit <= 0 {
		return -1
	}
	return max(in.limit-have, 0)
}

// areaInput is a multi-line field. It keeps its own count of characters,
// so a typed key costs the same whether the field is empty or full: a paste
// without bracketed paste arrives as one key per character, and textarea's
// own limit measures the whole text on every key.
type areaInput struct {
	textarea.Model
	limit  int
	capped bool
	n      int  // characters in the value, while known
	known  bool // n is up to date
	prev   rune // the character just typed, before the cursor; 0 when unknown
}

func newAreaInput(limit int) *areaInput {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = ""
	ta.MaxHeight = 0
	ta.SetHeight(3)
	return &areaInput{Model: ta, limit: limit}
}

// SetValue replaces the text, cut to the limit.
func (in *areaInput) SetValue(s string) {
	if in.limit > 0 {
		s = firstRunes(s, in.limit)
	}
	in.Model.SetValue(s)
	in.known, in.prev = false, 0
}

// runes counts characters as the store does (textarea's Length counts
// cells, so a combining mark left apart would not count).
func (in *areaInput) runes() int {
	if !in.known {
		in.n, in.known = utf8.RuneCountInString(in.Value()), true
	}
	return in.n
}

func (in *areaInput) full() bool { return in.limit > 0 && in.runes() >= in.limit }

func (in *areaInput) update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		// Terminals send a pasted line break as a carriage return.
		return nil, in.insert(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(msg.Content))
	case tea.KeyPressMsg:
		if text := typedText(msg); text != "" {
			return nil, in.insert(text)
		}
		if key.Matches(msg, in.KeyMap.InsertNewline) && in.full() {
			in.capped = true // a line break is a character too
			return nil, false
		}
	}
	before := in.Value()
	var cmd tea.Cmd
	in.Model, cmd = in.Model.Update(msg)
	in.prev = 0 // the cursor may have moved
	if k, ok := msg.(tea.KeyPressMsg); ok && (k.String() == "left" || k.String() == "right") {
		in.stepOverMarks(k.String() == "right")
	}
	after := in.Value()
	if after == before {
		return cmd, false
	}
	in.n, in.known = utf8.RuneCountInString(after), true
	in.capped = false
	return cmd, true
}

// stepOverMarks moves the cursor off a lone combining mark, as lineInput
// does, so it never stands inside a letter.
func (in *areaInput) stepOverMarks(forward bool) {
	lines := strings.Split(in.Value(), "\n")
	row := in.Line()
	if row >= len(lines) {
		return
	}
	line := []rune(lines[row])
	col := in.Column()
	for col > 0 && col < len(line) && isMark(line[col]) {
		if forward {
			col++
		} else {
			col--
		}
	}
	in.SetCursorColumn(col)
}

// insert types or pastes s at the cursor and reports whether the text
// changed. At the limit a key is dropped before the text is looked at.
func (in *areaInput) insert(s string) bool {
	if r, _ := utf8.DecodeRuneInString(s); isMark(r) && in.Column() > 0 {
		return in.compose(s)
	}
	if in.full() {
		in.capped = true
		return false
	}
	room := -1
	if in.limit > 0 {
		room = max(in.limit-in.runes(), 0)
	}
	add := cleanInsert(s, room, &in.capped)
	if add == "" {
		return false
	}
	in.InsertString(add)
	in.n += utf8.RuneCountInString(add)
	in.prev, _ = utf8.DecodeLastRuneInString(add)
	return true
}

// compose puts a combining mark typed after its letter into the letter.
// After a typed letter the letter is known; elsewhere the line is read.
func (in *areaInput) compose(mark string) bool {
	before := in.prev
	if before == 0 {
		lines := strings.Split(in.Value(), "\n")
		row := in.Line()
		if row >= len(lines) {
			return false
		}
		line := []rune(lines[row])
		col := in.Column()
		if col > len(line) {
			return false
		}
		before = line[col-1]
	}
	composed := norm.NFC.String(string(before) + mark)
	if grow := utf8.RuneCountInString(composed) - 1; in.limit > 0 && in.runes()+grow > in.limit {
		in.capped = true
		return false
	}
	n := in.runes()
	in.Model, _ = in.Model.Update(tea.KeyPressMsg{Code: tea.KeyBackspace})
	in.InsertString(composed)
	in.n = n - 1 + utf8.RuneCountInString(composed)
	in.prev, _ = utf8.DecodeLastRuneInString(composed)
	return true
}

// typedText is the text a key press types, or "" for a key that does
// something else (arrows, enter, ctrl+…).
func typedText(msg tea.KeyPressMsg) string {
	if msg.Text == "" || msg.Mod&(tea.ModCtrl|tea.ModAlt) != 0 {
		return ""
	}
	return msg.Text
}

// cleanInsert makes s fit to insert: control characters dropped, NFC, at
// most room characters (room < 0: no limit). capped is set when s was cut.
func cleanInsert(s string, room int, capped *bool) string {
	*capped = false
	if room >= 0 {
		// Cut before cleaning, so a megabyte paste is never normalised whole;
		// a little slack keeps marks that compose with the last letters.
		if cut := firstRunes(s, room+8); len(cut) < len(s) {
			s = cut
			*capped = true
		}
	}
	s = vntext.Clean(s)
	if room >= 0 && utf8.RuneCountInString(s) > room {
		s = firstRunes(s, room)
		*capped = true
	}
	return s
}

func firstRunes(s string, n int) string {
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos]
		}
		i++
	}
	return s
}

func isMark(r rune) bool { return unicode.Is(unicode.Mn, r) }
