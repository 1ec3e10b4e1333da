package ui

import (
	"math/rand/v2"
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

func clockTick() tea.Cmd {
	return tea.Tick(time.Minute, func(time.Time) tea.Msg { return clockMsg{} })
}

func (b *statusBar) View() string {
	c := b.ctx
	s := c.styles
	w := c.width
	name, who := c.profile.Name, c.profile.Name
	if p, ok := domain.ProvinceBySlug(c.profile.Province); ok {
		who += " · " + p.Name
	}
	pend := c.t(i18n.UIPending, formatCount(b.pending))
	slot := b.syncSlot()
	// The officer and the count to send stay whole; the sync words take
	// the room left and are cut, the province goes before they vanish.
	room := func(who string) int { return w - 2 - lipgloss.Width(who) - 2 - lipgloss.Width(pend) - 3 }
	if room(who) < min(lipgloss.Width(slot), 24) {
		who = name
	}
	r := pend + " · " + fitLine(slot, max(room(who), 1))
	left := fitLine(who, max(w-lipgloss.Width(r)-3, 0))
	gap := max(w-lipgloss.Width(left)-lipgloss.Width(r)-2, 1)
	line := " " + left + strings.Repeat(" ", gap) + r + " "
	return s.Status.Render(fit(line, w))
}

// syncSlot says how the link with HQ stands.
func (b *statusBar) syncSlot() string {
	c := b.ctx
	sc := b.sched
	switch {
	case b.parked > 0 && !sc.running:
		return c.cat.N(i18n.UIParkedSlot, b.parked, b.parked)
	case c.syncer == nil:
		return c.t(i18n.UISyncNotLinked)
	case sc.running && sc.progress.TotalRecords > 0:
		return c.t(i18n.UISyncingProgress, sc.progress.Records, sc.progress.TotalRecords)
	case sc.running:
		return c.t(i18n.UISyncing)
	case b.state.LastError != "":
		return c.t(i18n.UISyncError, oneLine(vntext.ForTerminal(c.cat.SyncError(b.state.LastError))))
	case b.state.LastSync.IsZero():
		return c.t(i18n.UISyncNever)
	}
	ago := c.now().Sub(b.state.LastSync)
	switch {
	case ago < time.Minute:
		return c.t(i18n.UISyncedNow)
	case ago < time.Hour:
		return c.t(i18n.UISyncedMinutes, int(ago/time.Minute))
	case ago < 24*time.Hour:
		return c.t(i18n.UISyncedHours, int(ago/time.Hour))
	}
	return c.t(i18n.UISyncedAt, b.state.LastSync.In(c.now().Location()).Format("02/01/2006 15:04"))
}

// The status bar is drawn, not focused: its key map is empty.
func (b *statusBar) ShortHelp() []key.Binding  { return nil }
func (b *statusBar) FullHelp() [][]key.Binding { return nil }

// When the TUI syncs by itself.
const (
	syncDebounce   = 3 * time.Second  // after a save, once typing and saving settle
	syncAtStart    = 3 * time.Second  // after the program starts, when anything waits
	syncEvery      = time.Minute      // while anything is pending
	syncMaxBackoff = 15 * time.Minute // after failures, at most this long between tries
	syncPull       = 15 * time.Minute // with nothing to send, still ask HQ for answers this often
)

// syncScheduler runs the Syncer: on the officer's key, shortly after a
// save, and periodically while records wait, backing off after failures.
type syncScheduler struct {
	ctx      *shared
	running  bool
	progress sync.Progress
	seq      int           // of the latest debounced request
	wait     time.Duration // until the next periodic try
	pending  int
	lastTry  time.Time // the last sync attempt, from the sync state
	armed    bool      // a periodic tick is on its way
}

func newSyncScheduler(c *shared) *syncScheduler { return &syncScheduler{ctx: c, wait: syncEvery} }

// Messages of the scheduler.
type (
	syncNowMsg      struct{ seq int } // seq 0: the officer asked
	syncTickMsg     struct{}
	syncStartMsg    struct{}
	syncProgressMsg struct {
		p  sync.Progress
		ch <-chan sync.Progress
	}
	syncDoneMsg struct {
		res sync.Result
		err error
	}
)

// start begins the periodic syncs, and syncs a few seconds after the
// program starts when records wait or HQ has not been asked for a while.
func (s *syncScheduler) start() tea.Cmd {
	if s.ctx.syncer == nil {
		return nil
	}
	soon := tea.Tick(syncAtStart, func(time.Time) tea.Msg { return syncStartMsg{} })
	return tea.Batch(soon, s.tick())
}

// tick waits for the next periodic try. After failures the wait is drawn
// at random up to the backoff (full jitter), so notebooks that lost HQ
// together do not all come back at the same second; never below
// syncDebounce.
func (s *syncScheduler) tick() tea.Cmd {
	s.armed = true
	return tea.Tick(s.nextWait(), func(time.Time) tea.Msg { return syncTickMsg{} })
}

func (s *syncScheduler) nextWait() time.Duration {
	if s.wait <= syncEvery {
		return s.wait
	}
	return max(rand.N(s.wait), syncDebounce)
}

// afterSave schedules a sync once saving has paused for syncDebounce.
func (s *syncScheduler) afterSave() tea.Cmd {
	if s.ctx.syncer == nil {
		return nil
	}
	s.seq++
	seq := s.seq
	return tea.Tick(syncDebounce, func(time.Time) tea.Msg { return syncNowMsg{seq} })
}

// now syncs at once, on the officer's key.
func (s *syncScheduler) now() tea.Cmd {
	if s.ctx.syncer == nil {
		return toast(s.ctx.t(i18n.UISyncNotLinkedHint), true)
	}
	return func() tea.Msg { return syncNowMsg{} }
}

func (s *syncScheduler) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case statusMsg:
		s.pending = msg.pending
		s.lastTry = msg.state.LastAttempt
	case syncNowMsg:
		if msg.seq == 0 || msg.seq == s.seq {
			return s.run()
		}
	case syncStartMsg:
		if s.pending > 0 || s.ctx.now().Sub(s.lastTry) >= syncPull {
			return s.run()
		}
	case syncTickMsg:
		s.armed = false
		if s.pending > 0 || s.ctx.now().Sub(s.lastTry) >= syncPull {
			if cmd := s.run(); cmd != nil {
				return cmd // the next tick is armed when it ends, with its backoff
			}
		}
		if s.running {
			return nil
		}
		return s.tick()
	case syncProgressMsg:
		s.progress = msg.p
		return listenProgress(msg.ch)
	case syncDoneMsg:
		s.running = false
		s.progress = sync.Progress{}
		if msg.err != nil {
			s.ctx.log.Warn("sync failed", "err", msg.err)
			s.wait = min(s.wait*2, syncMaxBackoff)
		} else {
			s.wait = syncEvery
		}
		if !s.armed && s.ctx.syncer != nil {
			return s.tick()
		}
	}
	return nil
}

func (s *syncScheduler) run() tea.Cmd {
	if s.running || s.ctx.syncer == nil {
		return nil
	}
	s.running = true
	syncer, bg := s.ctx.syncer, s.ctx.bg
	ch := make(chan sync.Progress, 1)
	run := func() tea.Msg {
		defer close(ch)
		res, err := syncer.Sync(bg, func(p sync.Progress) {
			select { // drop a step rather than stall the sync on a busy screen
			case ch <- p:
			default:
			}
		})
		return syncDoneMsg{res, err}
	}
	return tea.Batch(run, listenProgress(ch))
}

func listenProgress(ch <-chan sync.Progress) tea.Cmd {
	return func() tea.Msg {
		p, ok := <-ch
		if !ok {
			return nil
		}
		return syncProgressMsg{p, ch}
	}
}
