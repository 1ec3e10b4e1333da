package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"sotay/i18n"
	"sotay/record"
	"sotay/vntext"
)

// binDays is how long deleted records can be brought back from the
// recycle bin.
const binDays = 30

// binPage is the recycle bin: the records deleted in the last binDays,
// the latest first; Enter restores one as a new revision.
type binPage struct {
	ctx    *shared
	recs   []record.Record
	loaded bool
	err    error
	cur    cursor
	w, h   int
	closed bool
}

// binMsg carries the bin read from the store.
type binMsg struct {
	recs []record.Record
	err  error
}

func newBinPage(c *shared) *binPage { return &binPage{ctx: c} }

func (p *binPage) done() bool    { return p.closed }
func (p *binPage) Init() tea.Cmd { return p.load() }
func (p *binPage) SetSize(w, h int) {
	p.w, p.h = w, h
	p.cur.setRoom(h - 3) // under the title, the hint and a blank line
}

func (p *binPage) load() tea.Cmd {
	st, bg, since := p.ctx.st, p.ctx.bg, p.ctx.now().AddDate(0, 0, -binDays)
	return func() tea.Msg {
		recs, err := st.Deleted(bg, since)
		return binMsg{recs, err}
	}
}

func (p *binPage) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case binMsg:
		p.loaded, p.err = true, msg.err
		if msg.err == nil {
			p.recs = msg.recs
		}
		p.cur.setLen(len(p.recs))
	case changedMsg, undoneMsg:
		return p.load()
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelUp {
			p.cur.move(-3)
		} else if msg.Button == tea.MouseWheelDown {
			p.cur.move(3)
		}
	case tea.KeyPressMsg:
		k := p.ctx.keys
		switch {
		case key.Matches(msg, k.Detail.Back):
			p.closed = true
		case key.Matches(msg, k.List.Up):
			p.cur.move(-1)
		case key.Matches(msg, k.List.Down):
			p.cur.move(1)
		case key.Matches(msg, k.List.Restore):
			if p.cur.sel < len(p.recs) {
				return restore(p.ctx, p.recs[p.cur.sel])
			}
		}
	}
	return nil
}

// restore brings r back from the bin; u deletes it again.
func restore(c *shared, r record.Record) tea.Cmd {
	st := c.st
	what := oneLine(r.Summary())
	return func() tea.Msg {
		if _, err := st.Restore(r.ID); err != nil {
			return toastMsg{c.t(i18n.UIUndoFailed, c.cat.Error(err)), true}
		}
		return tea.Batch(func() tea.Msg { return changedMsg{kind: r.Kind, undo: undoDelete(r)} },
			toast(c.t(i18n.UIRestored, what), false))()
	}
}

func (p *binPage) View() string {
	c := p.ctx
	s := c.styles
	out := []string{s.Title.Render(c.t(i18n.UIBinTitle, binDays))}
	if state, ok := c.listState(out, p.err, p.loaded, len(p.recs), i18n.UIBinEmpty); !ok {
		return state
	}
	out = append(out, s.Muted.Render(c.t(i18n.UIBinHint)), "")
	start, end := p.cur.window()
	for i := start; i < end; i++ {
		r := p.recs[i]
		// When it was deleted first: the line is cut at its end.
		when := s.Muted.Render(c.t(i18n.UIBinDeletedAt, r.Updated.In(c.loc).Format("02/01/2006 15:04")) + "  ")
		line := c.cat.Kind(r.Kind) + ": " + oneLine(r.Summary()) + " (" + vntext.FormatDate(r.Date) + ")"
		mark, rs := "  ", s.Row
		if i == p.cur.sel {
			mark, rs = "› ", s.RowActive
		}
		out = append(out, fitLine(mark+when+rs.Render(line), p.w))
	}
	return strings.Join(out, "\n")
}

func (p *binPage) ShortHelp() []key.Binding {
	k := p.ctx.keys
	return []key.Binding{k.List.Restore, k.List.Down, k.List.Up, k.Detail.Back}
}

func (p *binPage) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }
