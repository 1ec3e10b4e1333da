package ui

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"sotay/domain"
	"sotay/i18n"
	"sotay/record"
	"sotay/store"
	"sotay/vntext"
)

// draftDelay is how long typing must pause before the form is saved as a
// draft: often enough that a crash loses a second of typing, rarely enough
// that a fast typist does not write on every key.
const draftDelay = 400 * time.Millisecond

// formField is one field of a form: an input fitted to the field's type,
// and the problem validation found with it.
type formField struct {
	f       record.Field
	line    *lineInput // text, date, numbers; what a picker is filtered by
	pick    *picker    // options found by what is typed in line
	picked  bool       // line shows the option picked: typing starts afresh
	area    *areaInput // long text
	choices []domain.Term
	choice  int    // index in choices; -1 for none
	find    string // typed letters that pick a choice
	findN   int    // letters typed so far: a pause resets only the latest
	found   bool   // find matched a choice
	problem string
	asLast  bool // shows the last log's value, unchanged: typing replaces it
}

func (ff *formField) value() string {
	switch {
	case ff.pick != nil:
		return ff.pick.value()
	case ff.area != nil:
		return ff.area.Value()
	case ff.line != nil:
		return ff.line.Value()
	case ff.choice >= 0 && ff.choice < len(ff.choices):
		return ff.choices[ff.choice].Slug
	}
	return ""
}

func (ff *formField) setValue(v string) {
	switch {
	case ff.pick != nil:
		ff.pick.choose(v)
		ff.showPicked()
	case ff.area != nil:
		ff.area.SetValue(v)
	case ff.line != nil:
		ff.line.SetValue(v)
		ff.line.CursorEnd()
	default:
		ff.choice = -1
		for i, t := range ff.choices {
			if t.Slug == v {
				ff.choice = i
			}
		}
	}
}

// showPicked writes the option picked in the picker's input, in place of
// what was typed to find it, and keeps it the only match.
func (ff *formField) showPicked() {
	if label := ff.pick.label(); label != "" && ff.line.Value() != label {
		slug := ff.pick.value()
		ff.line.SetValue(label)
		ff.line.CursorEnd()
		ff.picked = true
		ff.pick.filter(label)
		for i, o := range ff.pick.matches {
			if o.slug == slug {
				ff.pick.sel = i
			}
		}
	}
}

func (ff *formField) capped() bool {
	return (ff.line != nil && ff.line.capped) || (ff.area != nil && ff.area.capped)
}

// formConfig makes a form one form or another: a record's form, or a
// dialog that asks a few values (the report's range of dates). The keys,
// the focus, the fields' inputs and their problems are the form's, once.
type formConfig struct {
	fields []record.Field
	// label names a field; nil: the catalog's name of the field.
	label func(name string) string
	title func() string
	// hint is the line under the title while nothing is wrong.
	hint func() string
	// submit acts on the values (ctrl+s; Enter too when enterSubmits).
	submit       func() tea.Cmd
	cancel       func() tea.Cmd
	enterSubmits bool
	// enterOnLast: Enter on the last field submits (elsewhere it moves on).
	enterOnLast bool
	// pick names the fields that pick one of a list of options.
	pick map[string][]pickOption
	// note is a line under a field, or "".
	note       func(name string) string
	drafts     bool // changes are kept as a draft while typing
	dialog     bool // drawn in a box over the page beneath
	inputWidth int  // of every input; 0 for the width of the form
}

// form asks the values of a formConfig: a record to create or edit, or a
// dialog's.
type form struct {
	ctx    *shared
	cfg    formConfig
	kind   record.Kind
	orig   record.Record // the record edited; ID "" for a new one
	fields []*formField
	focus  int
	w, h   int
	offset int

	dirty    bool
	saving   bool
	problem  string // why the last save failed, when not one field's fault
	counting bool   // problem counts the fields' problems
	draftDue bool   // a draft timer is running
	edits    int    // changes so far: the draft timer saves when none came while it ran
	closed   bool
	communes []string // typed before, newest first: completions

	// A new record that did not start empty: a copy of another, or made
	// from the template named. (A new log's fields that start as the last
	// log's are marked on each field: formField.asLast.)
	copied   bool
	template string
}

// communeScan is how many recent records are read for the communes an
// officer has typed before: the places of the last weeks, not of all time.
const communeScan = 500

// recentCommunes lists the distinct communes of the latest records.
func recentCommunes(ctx context.Context, st *store.Store) []string {
	seen := map[string]bool{}
	var out []string
	_ = st.Scan(ctx, store.Query{Limit: communeScan}, func(r record.Record) error {
		if r.Commune != "" && !seen[r.Commune] {
			seen[r.Commune] = true
			out = append(out, r.Commune)
		}
		return nil
	})
	return out
}

// completion is the commune the field's text starts (diacritics ignored),
// or "" when there is none or the text is already whole.
func (f *form) completion(ff *formField) string {
	if ff.f.Name != "commune" || ff.line == nil {
		return ""
	}
	typed := vntext.Fold(ff.line.Value())
	if strings.TrimSpace(typed) == "" {
		return ""
	}
	for _, c := range f.communes {
		if fc := vntext.Fold(c); strings.HasPrefix(fc, typed) && c != ff.line.Value() {
			return c
		}
	}
	return ""
}

// draft is what a half-written form leaves in the store.
type draft struct {
	Kind   record.Kind       `json:"kind"`
	ID     string            `json:"id,omitempty"`
	Values map[string]string `json:"values"`
	Focus  int               `json:"focus"`
}

func draftKey(kind record.Kind, id string) string {
	if id != "" {
		return "edit:" + id
	}
	return "new:" + string(kind)
}

// newFormOf makes the form a configuration describes.
func newFormOf(c *shared, cfg formConfig) *form {
	f := &form{ctx: c, cfg: cfg}
	for _, fd := range cfg.fields {
		ff := &formField{f: fd, choice: -1}
		if opts, ok := cfg.pick[fd.Name]; ok {
			ff.line, ff.pick = newLineInput(fd.Max), newPicker(opts)
			f.fields = append(f.fields, ff)
			continue
		}
		switch fd.Type {
		case record.LongText:
			ff.area = newAreaInput(fd.Max)
		case record.Choice:
			ff.choices = fd.Choices()
		default:
			ff.line = newLineInput(fd.Max)
			if fd.Type == record.Integer || fd.Type == record.Number {
				ff.line.CharLimit = 12
			}
			if fd.Type == record.Date {
				ff.line.CharLimit = 20
			}
		}
		f.fields = append(f.fields, ff)
	}
	return f
}

// newForm is the form of a record of kind: orig to edit, or a new one.
func newForm(c *shared, kind record.Kind, orig record.Record) *form {
	var fields []record.Field
	for _, fd := range record.Fields(kind) {
		if !fd.HQOwned {
			fields = append(fields, fd)
		}
	}
	var f *form
	f = newFormOf(c, formConfig{
		fields: fields,
		title: func() string {
			what := lowerFirst(c.cat.Kind(kind))
			switch {
			case orig.ID != "":
				return c.t(i18n.UIFormEdit, what)
			case f.copied:
				return c.t(i18n.UIFormCopy, what)
			case f.template != "":
				return c.t(i18n.UIFormFromTmpl, what, f.template)
			}
			return c.t(i18n.UIFormNew, what)
		},
		hint: func() string {
			if f.anyAsLast() {
				return c.t(i18n.UIFormAsLastHint)
			}
			return c.t(i18n.UIFormHint)
		},
		submit: func() tea.Cmd { return f.save() },
		cancel: func() tea.Cmd { return f.cancel() },
		drafts: true,
	})
	f.kind, f.orig = kind, orig
	f.cfg.note = func(name string) string {
		if ff := f.field(name); ff != nil && ff.asLast {
			if ff.choices != nil {
				return c.t(i18n.UIFormAsLastChoice)
			}
			return c.t(i18n.UIFormAsLast)
		}
		return ""
	}
	if orig.ID != "" {
		f.fill(orig, nil)
	} else {
		f.field("date").setValue(c.today().Format(vntext.DisplayLayout))
	}
	return f
}

// fill writes r's values into the fields named by only (every field when
// only is nil), as the officer reads them: dates dd/mm/yyyy, decimals
// with the language's comma.
func (f *form) fill(r record.Record, only func(name string) bool) {
	for _, ff := range f.fields {
		if only != nil && !only(ff.f.Name) {
			continue
		}
		v := r.Value(ff.f.Name)
		switch ff.f.Type {
		case record.Date:
			v = vntext.FormatDate(v)
		case record.Number:
			v = f.ctx.decimal(v)
		}
		ff.setValue(v)
	}
}

// asLastFields are what a new log takes from the officer's last one: the
// place, the kind of work and the people met change less often than the
// day and what was done.
var asLastFields = map[string]bool{"commune": true, "activity": true, "partners": true}

// startAsLast fills a new log's asLastFields from last, each marked as
// such until the officer changes it; typing in one replaces it.
func (f *form) startAsLast(last record.Record) {
	f.fill(last, func(name string) bool { return asLastFields[name] && last.Value(name) != "" })
	for _, ff := range f.fields {
		ff.asLast = asLastFields[ff.f.Name] && last.Value(ff.f.Name) != ""
	}
}

// anyAsLast reports whether a field still shows the last log's value.
func (f *form) anyAsLast() bool {
	for _, ff := range f.fields {
		if ff.asLast {
			return true
		}
	}
	return false
}

func (f *form) field(name string) *formField {
	for _, ff := range f.fields {
		if ff.f.Name == name {
			return ff
		}
	}
	return nil
}

func (f *form) Init() tea.Cmd { return f.focusField(f.focus) }

func (f *form) capturing() bool { return true }

// step is the field d places on from the focused one: past the ends a
// dialog comes round again, a page stops.
func (f *form) step(d int) int {
	if f.cfg.dialog {
		n := len(f.fields)
		return ((f.focus+d)%n + n) % n
	}
	return f.focus + d
}

func (f *form) focusField(i int) tea.Cmd {
	i = min(max(i, 0), len(f.fields)-1)
	for _, ff := range f.fields {
		ff.find = ""
		if ff.pick != nil && ff != f.fields[i] {
			ff.showPicked()
		}
		if ff.line != nil {
			ff.line.Blur()
		}
		if ff.area != nil {
			ff.area.Blur()
		}
	}
	f.focus = i
	ff := f.fields[i]
	switch {
	case ff.line != nil:
		return ff.line.Focus()
	case ff.area != nil:
		return ff.area.Focus()
	}
	return nil
}

func (f *form) SetSize(w, h int) {
	if f.cfg.dialog {
		w = min(max(w-8, 20), 64) // a box in the middle of the page
	}
	f.w, f.h = w, h
	in := max(w-6, 4)
	if f.cfg.inputWidth > 0 {
		in = min(in, f.cfg.inputWidth)
	}
	for _, ff := range f.fields {
		if ff.line != nil {
			ff.line.SetWidth(in)
		}
		if ff.area != nil {
			ff.area.SetWidth(in)
		}
	}
	f.follow()
}

func (f *form) isOverlay() bool { return f.cfg.dialog }

// Messages of a form.
type (
	draftTickMsg struct {
		f     *form
		edits int // the form's count of changes when the timer started
	}
	savedMsg struct {
		f   *form
		rec record.Record
		err error
	}
)

func (f *form) Update(msg tea.Msg) tea.Cmd {
	cmd := f.update(msg)
	switch msg.(type) {
	case tea.KeyPressMsg, tea.PasteMsg, savedMsg: // what moves the focus, grows or fixes a field
		f.recount()
		f.follow()
	}
	return cmd
}

func (f *form) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case draftTickMsg:
		if msg.f != f {
			return nil
		}
		if msg.edits != f.edits {
			return f.draftTimer() // still typing: wait for a pause
		}
		f.draftDue = false
		return f.saveDraftNow()
	case findResetMsg:
		if msg.n == msg.ff.findN {
			msg.ff.find = ""
		}
		return nil
	case savedMsg:
		if msg.f != f {
			return nil
		}
		return f.saved(msg)
	case tea.PasteMsg:
		return f.input(msg)
	case tea.KeyPressMsg:
		return f.key(msg)
	}
	return nil
}

func (f *form) key(msg tea.KeyPressMsg) tea.Cmd {
	k := f.ctx.keys.Form
	ff := f.fields[f.focus]
	switch {
	case key.Matches(msg, k.Save), f.cfg.enterSubmits && key.Matches(msg, k.Submit),
		f.cfg.enterOnLast && f.focus == len(f.fields)-1 && key.Matches(msg, k.Submit):
		return f.cfg.submit()
	case ff.pick != nil && key.Matches(msg, k.PickDown) && ff.pick.sel < len(ff.pick.matches)-1:
		ff.pick.sel++
		return f.changed()
	case ff.pick != nil && key.Matches(msg, k.PickUp) && ff.pick.sel > 0:
		ff.pick.sel--
		return f.changed()
	case key.Matches(msg, k.Cancel):
		return f.cfg.cancel()
	case key.Matches(msg, k.Next):
		return f.focusField(f.step(1))
	case key.Matches(msg, k.Prev):
		return f.focusField(f.step(-1))
	case ff.area == nil && key.Matches(msg, k.LineDown):
		return f.focusField(f.step(1))
	case ff.area == nil && key.Matches(msg, k.LineUp):
		return f.focusField(f.step(-1))
	case ff.choices != nil:
		return f.choiceKey(ff, msg)
	case key.Matches(msg, k.Complete) && ff.line != nil && ff.line.Position() == len([]rune(ff.line.Value())):
		if c := f.completion(ff); c != "" {
			ff.setValue(c)
			return f.changed()
		}
	}
	return f.input(msg)
}

// findPause is how long type-ahead in a choice waits for the next letter
// before it starts over: "t", a pause, then "tien" looks for "tien".
const findPause = time.Second

// findResetMsg forgets a choice's typed letters after a pause.
type findResetMsg struct {
	ff *formField
	n  int // the letter it was armed for
}

// choiceKey moves a picker: arrows and space step through the choices,
// letters jump to the first label with a word that starts with them
// (diacritics ignored); after a pause typing starts over.
func (f *form) choiceKey(ff *formField, msg tea.KeyPressMsg) tea.Cmd {
	n := len(ff.choices)
	switch {
	case key.Matches(msg, f.ctx.keys.Form.ChoiceNext):
		ff.choice = (ff.choice + 1) % n
		ff.find = ""
	case key.Matches(msg, f.ctx.keys.Form.ChoicePrev):
		ff.choice = (ff.choice + n - 1) % n
		if ff.choice < 0 {
			ff.choice = n - 1
		}
		ff.find = ""
	case key.Matches(msg, f.ctx.keys.Form.ClearFind):
		ff.find = ""
		return nil
	default:
		t := typedText(msg)
		if t == "" {
			return nil
		}
		ff.find += t
		ff.findN++
		want := vntext.Words(vntext.Fold(ff.find))
		ff.found = false
		for i, c := range ff.choices {
			if allPrefixes(want, vntext.Words(vntext.Fold(f.ctx.cat.Term(c)))) {
				ff.choice, ff.found = i, true
				break
			}
		}
		ff.problem, ff.asLast = "", false
		reset := findResetMsg{ff, ff.findN}
		return tea.Batch(f.changed(), f.ctx.after(findPause, func(time.Time) tea.Msg { return reset }))
	}
	ff.problem = ""
	ff.asLast = false
	return f.changed()
}

func (f *form) input(msg tea.Msg) tea.Cmd {
	ff := f.fields[f.focus]
	if ff.asLast {
		// The last log's value, not typed here: a letter or a paste
		// replaces it, backspace clears it, other keys keep it to edit.
		k, isKey := msg.(tea.KeyPressMsg)
		_, isPaste := msg.(tea.PasteMsg)
		if isPaste || (isKey && (typedText(k) != "" || k.String() == "backspace")) {
			ff.setValue("")
			ff.asLast = false
			if isKey && typedText(k) == "" {
				return f.changed()
			}
		}
		ff.asLast = false
	}
	if ff.picked {
		// The name shown was picked, not typed: a letter or a paste looks
		// for another one from the start.
		k, isKey := msg.(tea.KeyPressMsg)
		if _, isPaste := msg.(tea.PasteMsg); isPaste || (isKey && typedText(k) != "") {
			ff.line.SetValue("")
		}
		ff.picked = false
	}
	var cmd tea.Cmd
	var changed bool
	switch {
	case ff.line != nil:
		cmd, changed = ff.line.update(msg)
	case ff.area != nil:
		cmd, changed = ff.area.update(msg)
	}
	if !changed {
		if ff.capped() && ff.problem == "" {
			ff.problem = f.ctx.t(i18n.UICapped, ff.f.Max)
		}
		return cmd
	}
	ff.problem = ""
	if ff.pick != nil {
		ff.pick.sel = 0
		ff.pick.filter(ff.line.Value())
	}
	if ff.f.Type == record.Integer || ff.f.Type == record.Number {
		var r record.Record
		if err := r.SetValue(ff.f.Name, strings.TrimSpace(ff.value())); err != nil {
			if fe, ok := record.AsValidation(err); ok {
				ff.problem = f.ctx.cat.Problem(fe.Fields[0])
			}
		}
	}
	if ff.capped() {
		ff.problem = f.ctx.t(i18n.UICapped, ff.f.Max)
	}
	return tea.Batch(cmd, f.changed())
}

// changed marks the form dirty and makes sure a draft save is due once
// typing pauses for draftDelay. One timer runs at a time, however fast the
// keys come: it re-arms itself while they keep coming.
func (f *form) changed() tea.Cmd {
	f.dirty = true
	f.edits++
	if f.draftDue || !f.cfg.drafts {
		return nil
	}
	f.draftDue = true
	return f.draftTimer()
}

func (f *form) draftTimer() tea.Cmd {
	edits := f.edits
	return f.ctx.after(draftDelay, func(time.Time) tea.Msg { return draftTickMsg{f, edits} })
}

func (f *form) draft() draft {
	d := draft{Kind: f.kind, ID: f.orig.ID, Values: map[string]string{}, Focus: f.focus}
	for _, ff := range f.fields {
		d.Values[ff.f.Name] = ff.value()
	}
	return d
}

// saveDraftNow writes the form as a draft, when it has changes.
func (f *form) saveDraftNow() tea.Cmd {
	if !f.dirty {
		return nil
	}
	d, st, log := f.draft(), f.ctx.st, f.ctx.log
	return func() tea.Msg {
		b, err := json.Marshal(d)
		if err == nil {
			err = st.SetDraft(draftKey(d.Kind, d.ID), b)
		}
		if err != nil {
			log.Error("save draft", "err", err)
		}
		return nil
	}
}

func (f *form) restore(d draft) {
	for _, ff := range f.fields {
		if v, ok := d.Values[ff.f.Name]; ok {
			ff.setValue(v)
		}
	}
	f.focus = min(max(d.Focus, 0), len(f.fields)-1)
	f.dirty = true
}

// record builds the record the form describes, with the problems found
// in the numbers it could not even read.
func (f *form) record() (record.Record, []*record.FieldError) {
	r := f.orig
	r.Kind = f.kind
	var probs []*record.FieldError
	for _, ff := range f.fields {
		v := strings.TrimSpace(ff.value())
		if v == "" && ff.f.Required && (ff.f.Type == record.Integer || ff.f.Type == record.Number) {
			// An empty count is not zero: the officer has not said.
			probs = append(probs, &record.FieldError{Field: ff.f.Name, Problem: record.ProblemRequired})
		}
		if err := r.SetValue(ff.f.Name, v); err != nil {
			var fe *record.FieldError
			if errors.As(err, &fe) {
				probs = append(probs, fe)
			}
		}
	}
	return r, probs
}

func (f *form) save() tea.Cmd {
	if f.saving {
		return nil
	}
	r, probs := f.record()
	check := r
	if err := check.Normalize(f.ctx.now()); err != nil {
		if ve, ok := record.AsValidation(err); ok {
			probs = append(probs, ve.Fields...)
		}
	}
	for _, ff := range f.fields {
		ff.problem = ""
	}
	f.problem, f.counting = "", false
	if len(probs) > 0 {
		f.showProblems(probs)
		return nil
	}
	f.saving = true
	st := f.ctx.st
	return func() tea.Msg {
		var saved record.Record
		var err error
		if r.ID == "" {
			saved, err = st.Create(r)
		} else {
			saved, err = st.Update(r)
		}
		return savedMsg{f: f, rec: saved, err: err}
	}
}

// recount says again how many problems are left to fix, once the header
// counts them: one fixed, the count goes down; all fixed, it goes.
func (f *form) recount() {
	if !f.counting {
		return
	}
	n := 0
	for _, ff := range f.fields {
		if ff.problem != "" {
			n++
		}
	}
	if n == 0 {
		f.problem, f.counting = "", false
		return
	}
	f.problem = f.ctx.cat.N(i18n.UIFixProblems, n, n)
}

func (f *form) showProblems(probs []*record.FieldError) {
	first := -1
	for _, p := range probs {
		for i, ff := range f.fields {
			if ff.f.Name == p.Field && ff.problem == "" {
				ff.problem = f.ctx.cat.Problem(p)
				if first < 0 || i < first {
					first = i
				}
			}
		}
	}
	f.counting = true
	f.recount()
	if first >= 0 {
		f.focusField(first)
	}
}

func (f *form) saved(msg savedMsg) tea.Cmd {
	f.saving = false
	if msg.err != nil {
		f.ctx.log.Error("save record", "kind", f.kind, "err", msg.err)
		if ve, ok := record.AsValidation(msg.err); ok {
			f.showProblems(ve.Fields)
			return nil
		}
		f.problem = f.ctx.t(i18n.UISaveFailed, f.ctx.cat.Error(msg.err))
		return nil
	}
	f.dirty = false
	st, key := f.ctx.st, draftKey(f.kind, f.orig.ID)
	clear := func() tea.Msg {
		_ = st.SetDraft(key, nil)
		return nil
	}
	id, undo := msg.rec.ID, undoDelete(msg.rec)
	if f.orig.ID != "" {
		undo = undoEdit(f.orig)
	}
	return tea.Sequence(pop, clear, func() tea.Msg { return changedMsg{kind: f.kind, saved: id, undo: undo} },
		toast(f.ctx.t(i18n.UISaved, msg.rec.Summary()), false))
}

func (f *form) cancel() tea.Cmd {
	st, key := f.ctx.st, draftKey(f.kind, f.orig.ID)
	discard := func() tea.Msg {
		_ = st.SetDraft(key, nil)
		return nil
	}
	if !f.dirty {
		f.closed = true
		return discard
	}
	return push(newConfirm(f.ctx, f.ctx.t(i18n.UIDiscardQuestion), func() tea.Cmd {
		f.dirty = false // a pending draft save must not bring it back
		f.closed = true
		return discard
	}))
}

func (f *form) done() bool { return f.closed }

func (f *form) View() string {
	c := f.ctx
	s := c.styles
	head := []string{s.Title.Render(f.cfg.title())}
	if f.problem != "" {
		head = append(head, s.Error.Render(f.problem))
	} else if f.saving {
		head = append(head, s.Muted.Render(c.t(i18n.UISaving)))
	} else {
		head = append(head, s.Muted.Render(f.cfg.hint()))
	}
	var lines []string
	for i, ff := range f.fields {
		lines = append(lines, f.fieldView(ff, i == f.focus)...)
	}
	if f.cfg.dialog {
		// The box is as wide as the form: its words wrap, the fields fit.
		box := lipgloss.NewStyle().Width(f.w)
		return s.Dialog.Render(box.Render(strings.Join(head, "\n")) + "\n\n" + strings.Join(lines, "\n"))
	}
	room := max(f.h-formHead, 1)
	from := min(f.offset, len(lines))
	lines = lines[from:min(from+room, len(lines))]
	return strings.Join(append(head, lines...), "\n")
}

// formHead is the lines above the fields: the title and a hint or problem.
const formHead = 2

// follow scrolls the fields so that the focused one is in view. It counts
// the lines fieldView draws without drawing them: it runs on every key, and
// a paste may come as a key per character.
func (f *form) follow() {
	start, end, total := 0, 0, 0
	for i, ff := range f.fields {
		n := f.fieldHeight(ff, i == f.focus)
		if i == f.focus {
			start, end = total, total+n
		}
		total += n
	}
	room := max(f.h-formHead, 1)
	if start < f.offset {
		f.offset = start
	}
	if end > f.offset+room {
		f.offset = end - room
	}
	f.offset = max(min(f.offset, total-room), 0)
}

// fieldHeight is how many lines fieldView draws for ff.
func (f *form) fieldHeight(ff *formField, focused bool) int {
	n := 2 // the label, the input
	if ff.area != nil {
		n = 1 + ff.area.Height()
	}
	if ff.pick != nil {
		n += f.pickRows(ff, focused)
	}
	n += len(f.problemLines(ff))
	if f.cfg.note != nil && f.cfg.note(ff.f.Name) != "" {
		n++
	}
	if focused && f.completion(ff) != "" {
		n++
	}
	if focused && ff.choices != nil && ff.find != "" {
		n++
	}
	return n
}

// problemLines is a field's problem wrapped to the form: the officer
// must read all of it to act, so it is never cut.
func (f *form) problemLines(ff *formField) []string {
	if ff.problem == "" {
		return nil
	}
	return strings.Split(lipgloss.NewStyle().Width(max(f.w-6, 10)).Render("! "+ff.problem), "\n")
}

// pickRows is how many options a picker shows: more while it has the
// focus, as room allows; one line says so when none matches.
func (f *form) pickRows(ff *formField, focused bool) int {
	if len(ff.pick.matches) == 0 {
		return 1
	}
	rows := 4
	if focused {
		rows = max(min(f.h-18, 8), 3)
	}
	return min(rows, len(ff.pick.matches))
}

func (f *form) fieldView(ff *formField, focused bool) []string {
	c := f.ctx
	s := c.styles
	label := c.cat.Field(ff.f.Name)
	if f.cfg.label != nil {
		label = f.cfg.label(ff.f.Name)
	}
	if ff.f.Required {
		label += " *"
	}
	mark := "  "
	ls := s.Label
	if focused {
		mark = "› "
		ls = s.LabelFocus
	}
	if ff.f.Type == record.Date {
		label += "  " + s.Muted.Render(c.t(i18n.UIDateHint))
	}
	out := []string{fitLine(mark+ls.Render(label), f.w)}
	var input string
	switch {
	case ff.line != nil:
		input = ff.line.View()
	case ff.area != nil:
		input = ff.area.View()
	default:
		v := c.t(i18n.UIChoose)
		if ff.choice >= 0 {
			v = c.cat.Term(ff.choices[ff.choice])
		}
		input = "‹ " + v + " ›"
		if focused {
			input = s.LabelFocus.Render(input) + "  " + s.Muted.Render(c.t(i18n.UIChoiceHint))
		}
	}
	edge := s.Muted.Render("  │ ")
	if focused {
		edge = s.LabelFocus.Render("  ┃ ")
	}
	for _, l := range strings.Split(input, "\n") {
		out = append(out, fitLine(edge+l, f.w))
	}
	if ff.pick != nil {
		if len(ff.pick.matches) == 0 {
			out = append(out, fitLine("    "+s.Error.Render(c.t(i18n.UINoProvince)), f.w))
		}
		start, end := ff.pick.window(f.pickRows(ff, focused))
		for i := start; i < end; i++ {
			name := ff.pick.matches[i].label
			if i == ff.pick.sel {
				out = append(out, fitLine("    "+s.RowActive.Render(" "+name+" "), f.w))
			} else {
				out = append(out, fitLine("     "+s.Muted.Render(name), f.w))
			}
		}
	}
	for _, l := range f.problemLines(ff) {
		out = append(out, "    "+s.Error.Render(l))
	}
	if f.cfg.note != nil {
		if note := f.cfg.note(ff.f.Name); note != "" {
			out = append(out, fitLine("    "+s.Muted.Render(note), f.w))
		}
	}
	if focused && ff.choices != nil && ff.find != "" {
		typed := s.Muted.Render(c.t(i18n.UIChoiceTyped, ff.find))
		if !ff.found {
			typed = s.Error.Render(c.t(i18n.UIChoiceNoMatch, ff.find))
		}
		out = append(out, fitLine("    "+typed, f.w))
	}
	if focused {
		if whole := f.completion(ff); whole != "" {
			out = append(out, fitLine("    "+s.Muted.Render(c.t(i18n.UICompletion, whole)), f.w))
		}
	}
	return out
}

func (f *form) ShortHelp() []key.Binding {
	k := f.ctx.keys.Form
	return []key.Binding{k.Save, k.Next, k.Prev, k.Cancel}
}

func (f *form) FullHelp() [][]key.Binding {
	k := f.ctx.keys.Form
	return [][]key.Binding{{k.Next, k.Prev}, {k.ChoicePrev, k.ChoiceNext}, {k.Save, k.Cancel}}
}

// openNewForm opens a form for a new record, with the draft left by the
// last one when there is one; else a new log starts as the officer's last
// log (see asLastFields).
func openNewForm(c *shared, kind record.Kind) tea.Cmd {
	if kind != record.KindLog {
		return openForm(c, kind, record.Record{})
	}
	st := c.st
	return func() tea.Msg {
		if m, ok := draftForm(c, kind, record.Record{}); ok {
			return m
		}
		f := newForm(c, kind, record.Record{})
		f.communes = recentCommunes(c.bg, st)
		if p, err := st.List(c.bg, store.Query{Kind: record.KindLog, Limit: 1}); err == nil && len(p.Records) > 0 {
			f.startAsLast(p.Records[0])
		}
		return pushMsg{c: f}
	}
}

// openFilledForm opens the form of a new record of body's kind filled
// with body (all but the date, which is today): a copy of a record when
// template is "", else a record from that template. A half-written new
// record of the kind comes first: its draft is opened instead, and the
// officer told, so that no typing is lost under the copy.
func openFilledForm(c *shared, body record.Record, template string) tea.Cmd {
	st := c.st
	return func() tea.Msg {
		if m, ok := draftForm(c, body.Kind, record.Record{}); ok {
			m.note = i18n.UIDraftFirst
			return m
		}
		f := newForm(c, body.Kind, record.Record{})
		f.communes = recentCommunes(c.bg, st)
		f.fill(body, func(name string) bool { return name != "date" })
		f.copied, f.template = template == "", template
		return pushMsg{c: f}
	}
}

// draftForm is the form of r (or a new record of kind) with its draft
// restored, when there is a draft.
func draftForm(c *shared, kind record.Kind, r record.Record) (pushMsg, bool) {
	b, err := c.st.Draft(draftKey(kind, r.ID))
	var d draft
	if err != nil || b == nil || json.Unmarshal(b, &d) != nil {
		return pushMsg{}, false
	}
	f := newForm(c, kind, r)
	f.communes = recentCommunes(c.bg, c.st)
	f.restore(d)
	return pushMsg{c: f, note: i18n.UIDraftRestored}, true
}

// openForm reads a draft for the form (in a Cmd) and opens the form.
func openForm(c *shared, kind record.Kind, r record.Record) tea.Cmd {
	st := c.st
	return func() tea.Msg {
		if m, ok := draftForm(c, kind, r); ok {
			return m
		}
		f := newForm(c, kind, r)
		f.communes = recentCommunes(c.bg, st)
		return pushMsg{c: f}
	}
}
