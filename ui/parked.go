package ui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"sotay/i18n"
	"sotay/record"
	"sotay/store"
	"sotay/sync"
	"sotay/vntext"
)

// parkedPage lists the records HQ refused, each with HQ's reason; Enter
// opens one in its form so the officer fixes and saves it, and the next
// sync sends it again. It is opened with p from the main screen, where the
// status bar counts the refused records.
type parkedPage struct {
	ctx     *shared
	state   store.SyncState
	pending int
	head    []string // the sync state, laid out
	items   []parkedItem
	loaded  bool
	err     error
	cur     cursor
	blocks  []parkedBlock // the items as drawn
	w, h    int
	closed  bool
}

// parkedItem is a refused record with the record as the notebook holds it.
type parkedItem struct {
	p   store.ParkedRecord
	rec record.Record
	ok  bool // the record is still in the notebook
}

// parkedMsg carries the refused records read from the store.
type parkedMsg struct {
	state   store.SyncState
	pending int
	items   []parkedItem
	err     error
}

func newParkedPage(c *shared) *parkedPage { return &parkedPage{ctx: c} }

func (p *parkedPage) done() bool    { return p.closed }
func (p *parkedPage) Init() tea.Cmd { return p.load() }
func (p *parkedPage) SetSize(w, h int) {
	p.w, p.h = w, h
	p.layout()
}

func (p *parkedPage) load() tea.Cmd {
	st := p.ctx.st
	return func() tea.Msg {
		state, err := st.SyncState()
		if err != nil {
			return parkedMsg{err: err}
		}
		pending, err := st.Pending()
		if err != nil {
			return parkedMsg{err: err}
		}
		parked, err := st.Parked()
		if err != nil {
			return parkedMsg{err: err}
		}
		items := make([]parkedItem, 0, len(parked))
		for _, pr := range parked {
			r, err := st.Get(pr.ID)
			items = append(items, parkedItem{p: pr, rec: r, ok: err == nil && !r.Deleted})
		}
		return parkedMsg{state: state, pending: pending, items: items}
	}
}

func (p *parkedPage) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case parkedMsg:
		p.loaded, p.err = true, msg.err
		if msg.err == nil {
			p.items, p.state, p.pending = msg.items, msg.state, msg.pending
		}
		p.layout()
	case langMsg:
		p.layout()
	case changedMsg, syncDoneMsg:
		return p.load() // a fix saved, or HQ took it
	case tea.KeyPressMsg:
		k := p.ctx.keys
		switch {
		case key.Matches(msg, k.Detail.Back):
			p.closed = true
		case key.Matches(msg, k.List.Up):
			p.cur.move(-1)
		case key.Matches(msg, k.List.Down):
			p.cur.move(1)
		case key.Matches(msg, k.List.Open, k.List.Edit):
			if p.cur.sel < len(p.items) && p.items[p.cur.sel].ok {
				r := p.items[p.cur.sel].rec
				return openForm(p.ctx, r.Kind, r)
			}
		}
	}
	return nil
}

// layout words each refused record and HQ's reason for the width and the
// language, and fits as many records as the tallest one allows.
func (p *parkedPage) layout() {
	c := p.ctx
	width := max(p.w-4, 10)
	p.blocks = p.blocks[:0]
	tallest := 1
	for _, it := range p.items {
		what := c.t(i18n.UIParkedGone, it.p.ID)
		if it.ok {
			what = c.cat.Kind(it.rec.Kind) + ": " + oneLine(it.rec.Summary())
			if d := it.rec.Date; d != "" {
				what = vntext.FormatDate(d) + "  " + what
			}
		}
		reason := strings.Split(lipgloss.NewStyle().Width(width).Render(c.cat.ParkedReason(it.p)), "\n")
		p.blocks = append(p.blocks, parkedBlock{what, reason})
		tallest = max(tallest, 1+len(reason))
	}
	p.head = p.stateLines(width)
	p.cur.setLen(len(p.items))
	p.cur.setRoom((p.h - len(p.head) - 3) / tallest) // under the title, the hint and a blank line
}

// stateLines tell the whole state of the link with HQ, the last error in
// full: the status bar has room for a few words of it.
func (p *parkedPage) stateLines(width int) []string {
	c := p.ctx
	s := c.styles
	when := func(t time.Time) string {
		if t.IsZero() {
			return c.t(i18n.UISyncStateNever)
		}
		return t.In(c.loc).Format("02/01/2006 15:04")
	}
	hq := c.t(i18n.UISyncNotLinked)
	if p.state.HQ != "" {
		hq = vntext.ForTerminal(p.state.HQ)
	}
	wrap := func(text string, st lipgloss.Style) []string {
		lines := strings.Split(lipgloss.NewStyle().Width(width).Render(text), "\n")
		for i, l := range lines {
			lines[i] = "  " + st.Render(l)
		}
		return lines
	}
	out := []string{s.Title.Render(c.t(i18n.UISyncStateTitle))}
	out = append(out, wrap(c.t(i18n.UISyncStateHQ, hq), s.Row)...)
	out = append(out, wrap(c.t(i18n.UIPending, formatCount(p.pending)), s.Row)...)
	out = append(out, wrap(c.t(i18n.UISyncStateLast, when(p.state.LastSync)), s.Row)...)
	out = append(out, wrap(c.t(i18n.UISyncStateTried, when(p.state.LastAttempt)), s.Row)...)
	switch {
	case p.state.LastAttempt.IsZero():
	case p.state.LastError == "":
		out = append(out, wrap(c.t(i18n.UISyncStateNoError), s.OK)...)
	case offline(p.state.LastError):
		out = append(out, wrap(c.t(i18n.UISyncStateError, c.cat.SyncError(p.state.LastError)), s.Warn)...)
	default:
		out = append(out, wrap(c.t(i18n.UISyncStateError, c.cat.SyncError(p.state.LastError)), s.Error)...)
	}
	if line := clockLine(c, p.state); line != "" {
		out = append(out, wrap(line, s.Warn)...)
	}
	return append(out, "")
}

// clockLine warns when the laptop's clock was off HQ's at the last sync
// ("" when it was not): "today" is then another day.
func clockLine(c *shared, ss store.SyncState) string {
	if skew, off := sync.ClockOff(ss); off {
		return c.cat.ClockWarning(skew)
	}
	return ""
}

// parkedBlock is one refused record as drawn: what it is, then why.
type parkedBlock struct {
	what   string
	reason []string
}

func (p *parkedPage) View() string {
	c := p.ctx
	s := c.styles
	out := append(append([]string(nil), p.head...), s.Title.Render(c.cat.N(i18n.UIParkedTitle, len(p.items), len(p.items))))
	if state, ok := c.listState(out, p.err, p.loaded, len(p.items), i18n.UIParkedNone); !ok {
		return state
	}
	out = append(out, s.Muted.Render(c.t(i18n.UIParkedHint)), "")
	start, end := p.cur.window()
	for i := start; i < end; i++ {
		mark, rs := "  ", s.Row
		if i == p.cur.sel {
			mark, rs = "› ", s.RowActive
		}
		out = append(out, fitLine(mark+rs.Render(p.blocks[i].what), p.w))
		for _, l := range p.blocks[i].reason {
			out = append(out, fitLine("    "+s.Error.Render(l), p.w))
		}
	}
	return strings.Join(out, "\n")
}

func (p *parkedPage) ShortHelp() []key.Binding {
	k := p.ctx.keys
	return []key.Binding{k.List.Open, k.List.Down, k.List.Up, k.Detail.Back}
}

func (p *parkedPage) FullHelp() [][]key.Binding {
	k := p.ctx.keys
	return [][]key.Binding{{k.List.Up, k.List.Down}, {k.List.Open, k.Detail.Back}}
}
