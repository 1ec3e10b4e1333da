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
	drop   bool // the last letter was dropped at the limit: so are its marks
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
	in.drop = false
	// A mark that composes with nothing (rare in Vietnamese) stays a rune of
	// its own: step over it so the cursor stays between whole letters.
	if k, ok := msg.(tea.KeyPressMsg); ok {
		runes := []rune(in.Value())
		pos := in.Position()
		for pos > 0 && pos < len(runes) && isMark(runes[pos]) {
			if key.Matches(k, in.KeyMap.CharacterForward) {
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
	if isMark(r) && in.drop {
		return // the mark of a letter dropped at the limit
	}
	if in.limit > 0 && !isMark(r) && utf8.RuneCountInString(in.Value()) >= in.limit {
		in.capped, in.drop = true, true // full: drop the key before copying the text
		return
	}
	in.drop = false
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
// own limit measures the whole text on every key. The letter typed last
// waits beside the textarea until the next key, so that a combining mark
// typed after it composes there: editing the textarea's text back redraws
// all of it.
type areaInput struct {
	textarea.Model
	limit  int
	capped bool
	n      int    // characters in the value, the pending letter included, while known
	known  bool   // n is up to date
	pend   string // the letter typed last, not yet in the textarea
	drop   bool   // the last letter was dropped at the limit: so are its marks
}

func newAreaInput(limit int) *areaInput {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = ""
	ta.MaxHeight = 0
	ta.SetHeight(3)
	return &areaInput{Model: ta, limit: limit}
}

// flush puts the pending letter into the textarea.
func (in *areaInput) flush() {
	if in.pend != "" {
		in.Model.InsertString(in.pend)
		in.pend = ""
	}
}

// Value is the text, the letter typed last included.
func (in *areaInput) Value() string {
	in.flush()
	return in.Model.Value()
}

// View draws the field, the letter typed last included.
func (in *areaInput) View() string {
	in.flush()
	return in.Model.View()
}

// SetValue replaces the text, cut to the limit.
func (in *areaInput) SetValue(s string) {
	s = expandTabs(s)
	if in.limit > 0 {
		s = firstRunes(s, in.limit)
	}
	in.pend = ""
	in.Model.SetValue(s)
	in.known, in.drop = false, false
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
	in.drop = false
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, in.KeyMap.CharacterBackward, in.KeyMap.CharacterForward) {
		in.stepOverMarks(key.Matches(k, in.KeyMap.CharacterForward))
	}
	after := in.Model.Value()
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
	s = expandTabs(s)
	if r, _ := utf8.DecodeRuneInString(s); isMark(r) {
		switch {
		case in.drop:
			return false // the mark of a letter dropped at the limit
		case in.pend != "":
			return in.composePending(s)
		case in.Column() > 0:
			return in.compose(s)
		}
	}
	if in.full() {
		in.capped, in.drop = true, true
		return false
	}
	in.drop = false
	room := -1
	if in.limit > 0 {
		room = max(in.limit-in.runes(), 0)
	}
	add := cleanInsert(s, room, &in.capped)
	if add == "" {
		return false
	}
	in.flush()
	n := utf8.RuneCountInString(add)
	if n == 1 {
		in.pend = add
	} else {
		in.InsertString(add)
	}
	in.n += n
	return true
}

// composePending puts a combining mark into the letter typed just before.
func (in *areaInput) composePending(mark string) bool {
	composed := norm.NFC.String(in.pend + mark)
	grow := utf8.RuneCountInString(composed) - utf8.RuneCountInString(in.pend)
	if in.limit > 0 && in.runes()+grow > in.limit {
		in.capped = true
		return false
	}
	in.pend = composed
	in.n += grow
	return true
}

// compose puts a combining mark typed after the cursor moved into the
// letter before the cursor, reading the line.
func (in *areaInput) compose(mark string) bool {
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
	composed := norm.NFC.String(string(line[col-1]) + mark)
	if grow := utf8.RuneCountInString(composed) - 1; in.limit > 0 && in.runes()+grow > in.limit {
		in.capped = true
		return false
	}
	n := in.runes()
	in.Model, _ = in.Model.Update(tea.KeyPressMsg{Code: tea.KeyBackspace})
	in.InsertString(composed)
	in.n = n - 1 + utf8.RuneCountInString(composed)
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

// expandTabs does what the textarea does to a tab (four spaces) before the
// text is counted against its limit, so that the count is of what is kept.
func expandTabs(s string) string {
	if strings.IndexByte(s, '\t') < 0 {
		return s
	}
	return strings.ReplaceAll(s, "\t", "    ")
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
