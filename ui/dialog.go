package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"sotay/i18n"
	"sotay/record"
)

// confirm is a yes/no question drawn over the page that asked it.
type confirm struct {
	ctx      *shared
	question string
	onYes    func() tea.Cmd
	onNo     func() tea.Cmd
	w        int
	closed   bool
}

func (d *confirm) done() bool { return d.closed }

func newConfirm(c *shared, question string, onYes func() tea.Cmd) *confirm {
	return &confirm{ctx: c, question: question, onYes: onYes}
}

func (d *confirm) isOverlay() bool  { return true }
func (d *confirm) capturing() bool  { return true }
func (d *confirm) SetSize(w, _ int) { d.w = w }

func (d *confirm) Update(msg tea.Msg) tea.Cmd {
	m, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k := d.ctx.keys.Dialog
	switch {
	case key.Matches(m, k.Yes):
		d.closed = true
		if d.onYes != nil {
			return d.onYes()
		}
	case key.Matches(m, k.No):
		d.closed = true
		if d.onNo != nil {
			return d.onNo()
		}
	}
	return nil
}

func (d *confirm) View() string {
	s := d.ctx.styles
	k := d.ctx.keys.Dialog
	width := min(max(d.w-8, 20), 60)
	q := lipgloss.NewStyle().Width(width).Render(d.question)
	hint := s.Muted.Render(bindingsHint(k.Yes, k.No))
	return s.Dialog.Render(lipgloss.JoinVertical(lipgloss.Left, q, "", hint))
}

func (d *confirm) ShortHelp() []key.Binding {
	return []key.Binding{d.ctx.keys.Dialog.Yes, d.ctx.keys.Dialog.No}
}

func (d *confirm) FullHelp() [][]key.Binding { return [][]key.Binding{d.ShortHelp()} }

// confirmDelete asks before deleting r; closeToo also closes the page
// beneath (the detail view of r).
func confirmDelete(c *shared, r record.Record, closeToo bool) tea.Cmd {
	st := c.st
	q := c.t(i18n.UIDeleteQuestion, lowerFirst(c.cat.Kind(r.Kind)), oneLine(r.Summary()))
	return push(newConfirm(c, q, func() tea.Cmd {
		del := func() tea.Msg {
			_, err := st.Delete(r.ID)
			if err != nil {
				return toastMsg{c.t(i18n.UIDeleteFailed, c.cat.Error(err)), true}
			}
			return changedMsg{kind: r.Kind, undo: undoRestore(r)}
		}
		if closeToo {
			return tea.Sequence(pop, del, toast(c.t(i18n.UIDeleted), false))
		}
		return tea.Sequence(del, toast(c.t(i18n.UIDeleted), false))
	}))
}

func (d *confirm) Init() tea.Cmd { return nil }
