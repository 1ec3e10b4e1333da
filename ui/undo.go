package ui

import (
	tea "charm.land/bubbletea/v2"

	"sotay/i18n"
	"sotay/record"
	"sotay/store"
)

// undoStep takes back the officer's last change (a create, an edit, a
// delete) with a change of its own: a new revision, synced like any other.
type undoStep struct {
	kind record.Kind
	what string // the record, for the message that says it was undone
	run  func(st *store.Store) error
}

// undoneMsg says how taking a change back went.
type undoneMsg struct {
	kind record.Kind
	what string
	err  error
}

// undoDelete takes back the creation of r.
func undoDelete(r record.Record) *undoStep {
	return &undoStep{kind: r.Kind, what: oneLine(r.Summary()), run: func(st *store.Store) error {
		_, err := st.Delete(r.ID)
		return err
	}}
}

// undoEdit puts back before, the record as it was before an edit.
func undoEdit(before record.Record) *undoStep {
	return &undoStep{kind: before.Kind, what: oneLine(before.Summary()), run: func(st *store.Store) error {
		_, err := st.Update(before)
		return err
	}}
}

// undoRestore takes back the deletion of r.
func undoRestore(r record.Record) *undoStep {
	return &undoStep{kind: r.Kind, what: oneLine(r.Summary()), run: func(st *store.Store) error {
		_, err := st.Restore(r.ID)
		return err
	}}
}

// undoLast takes back the last change, once.
func (a *app) undoLast() tea.Cmd {
	step := a.undo
	if step == nil {
		return toast(a.ctx.t(i18n.UIUndoNothing), false)
	}
	a.undo = nil
	st := a.ctx.st
	return func() tea.Msg { return undoneMsg{kind: step.kind, what: step.what, err: step.run(st)} }
}
