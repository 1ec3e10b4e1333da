package ui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"sotay/domain"
	"sotay/i18n"
	"sotay/store"
	"sotay/sync"
	"sotay/vntext"
)

// statusBar shows who keeps the notebook, where, how many records wait to
// be sent, and how the link with HQ stands.
type statusBar struct {
	ctx     *shared
	sched   *syncScheduler
	pending int
	parked  int // records HQ refused
	state   store.SyncState
	err     error
	at      time.Time // when the bar was last brought up to date
}

func newStatusBar(c *shared, s *syncScheduler) *statusBar { return &statusBar{ctx: c, sched: s} }

// statusMsg carries what the status bar reads from the store.
type statusMsg struct {
	pending int
	parked  int
	state   store.SyncState
	err     error
}

func (b *statusBar) refresh() tea.Cmd {
	st := b.ctx.st
	return func() tea.Msg {
		n, err := st.Pending()
		if err != nil {
			return statusMsg{err: err}
		}
		s, err := st.SyncState()
		if err != nil {
			return statusMsg{err: err}
		}
		parked, err := st.Parked()
		return statusMsg{pending: n, parked: len(parked), state: s, err: err}
	}
}

func (b *statusBar) Update(msg tea.Msg) tea.Cmd {
	switch msg.(type) {
	case statusMsg, clockMsg:
		b.at = b.ctx.now() // the age of the last sync is measured from here
	}
	if m, ok := msg.(statusMsg); ok {
		b.err = m.err
		if m.err == nil {
			b.pending, b.parked, b.state = m.pending, m.parked, m.state
		}
	}
	return nil
}

// clockMsg redraws the status bar each minute, so "synced 3 min ago" ages
// while the officer reads.
type clockMsg struct{}

func (b *statusBar) clockTick() tea.Cmd {
	return b.ctx.after(time.Minute, func(time.Time) tea.Msg { return clockMsg{} })
}

func (b *statusBar) View() string {
	c := b.ctx
	s := c.styles
	w := c.width
	name, who := c.profile.Name, c.profile.Name
	if p, ok := domain.ProvinceBySlug(c.profile.Province); ok {
		who += " · " + p.Name
	}
	// "Ngoại tuyến · 3 chờ gửi": how the link stands, then what waits.
	pend := c.t(i18n.UIStatusWaiting, formatCount(b.pending))
	slot := b.syncSlot()
	// The officer and the count to send stay whole; the sync words take
	// the room left and are cut, the province goes before they vanish.
	room := func(who string) int { return w - 2 - lipgloss.Width(who) - 2 - lipgloss.Width(pend) - 3 }
	if room(who) < min(lipgloss.Width(slot), 24) {
		who = name
	}
	r := fitLine(slot, max(room(who), 1)) + " · " + pend
	left := fitLine(who, max(w-lipgloss.Width(r)-3, 0))
	gap := max(w-lipgloss.Width(left)-lipgloss.Width(r)-2, 1)
	line := " " + left + strings.Repeat(" ", gap) + r + " "
	return s.Status.Render(fit(line, w))
}

// syncSlot says how the link with HQ stands: the records HQ refused
// first, when there are any, and beside them the state of the link, so
// that neither hides the other.
func (b *statusBar) syncSlot() string {
	link := b.linkSlot()
	if up := b.uploadSlot(); up != "" {
		link += " · " + up
	}
	if b.parked > 0 && !b.sched.running {
		return b.ctx.cat.N(i18n.UIParkedSlot, b.parked, b.parked) + " · " + link
	}
	return link
}

// offline reports whether a sync error is only the lack of a network:
// the usual state of an officer in the field, nothing to act on.
func offline(kind string) bool { return kind == sync.FailOffline || kind == sync.FailTimeout }

func (b *statusBar) linkSlot() string {
	c := b.ctx
	sc := b.sched
	switch {
	case c.syncer == nil:
		return c.t(i18n.UISyncNotLinked)
	case sc.running && sc.progress.TotalRecords > 0:
		return c.t(i18n.UISyncingProgress, sc.progress.Records, sc.progress.TotalRecords)
	case sc.running:
		return c.t(i18n.UISyncing)
	case offline(b.state.LastError):
		// The usual state in the field, nothing to act on: no "error".
		return c.t(i18n.UIStatusOffline)
	case b.state.LastError != "":
		return c.t(i18n.UISyncError, oneLine(vntext.ForTerminal(c.cat.SyncError(b.state.LastError))))
	case b.state.LastSync.IsZero():
		return c.t(i18n.UISyncNever)
	}
	ago := b.at.Sub(b.state.LastSync)
	switch {
	case ago < time.Minute:
		return c.t(i18n.UISyncedNow)
	case ago < time.Hour:
		return c.t(i18n.UISyncedMinutes, int(ago/time.Minute))
	case ago < 24*time.Hour:
		return c.t(i18n.UISyncedHours, int(ago/time.Hour))
	}
	return c.t(i18n.UISyncedAt, b.state.LastSync.In(c.loc).Format("02/01/2006 15:04"))
}

// The status bar is drawn, not focused: its key map is empty.
func (b *statusBar) ShortHelp() []key.Binding  { return nil }
func (b *statusBar) FullHelp() [][]key.Binding { return nil }
