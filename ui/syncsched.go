package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"sotay/i18n"
	"sotay/sync"
)

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
	seq      int // of the latest debounced request
	failures int // syncs failed in a row
	pending  int
	lastTry  time.Time // the last sync attempt, from the sync state
	armed    bool      // a periodic tick is on its way

	uploading  bool // files are going up (files.go)
	upProgress sync.UploadProgress
}

func newSyncScheduler(c *shared) *syncScheduler { return &syncScheduler{ctx: c} }

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
	soon := s.ctx.after(syncAtStart, func(time.Time) tea.Msg { return syncStartMsg{} })
	return tea.Batch(soon, s.tick())
}

// tick waits for the next periodic try. After failures the wait is the
// client's own backoff (full jitter over a doubling ceiling, from
// syncEvery up to syncMaxBackoff), so notebooks that lost HQ together do
// not all come back at the same second; never below syncDebounce.
func (s *syncScheduler) tick() tea.Cmd {
	s.armed = true
	return s.ctx.after(s.nextWait(), func(time.Time) tea.Msg { return syncTickMsg{} })
}

func (s *syncScheduler) nextWait() time.Duration {
	if s.failures == 0 {
		return syncEvery
	}
	return max(sync.Backoff(s.failures, syncEvery, syncMaxBackoff), syncDebounce)
}

// afterSave schedules a sync once saving has paused for syncDebounce.
func (s *syncScheduler) afterSave() tea.Cmd {
	if s.ctx.syncer == nil {
		return nil
	}
	s.seq++
	seq := s.seq
	return s.ctx.after(syncDebounce, func(time.Time) tea.Msg { return syncNowMsg{seq} })
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
			if syncEvery<<s.failures < syncMaxBackoff {
				s.failures++ // no further once at the cap: the doubling would overflow
			}
		} else {
			s.failures = 0
		}
		var up tea.Cmd
		if msg.err == nil {
			up = s.upload() // files go after their records, beside the next syncs
		}
		if !s.armed && s.ctx.syncer != nil {
			return tea.Batch(s.tick(), up)
		}
		return up
	case uploadProgressMsg, uploadDoneMsg:
		return s.updateUpload(msg)
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
