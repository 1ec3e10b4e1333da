package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// Clock is the program's time. Screens read the time and wait only
// through it, so tests drive the timers (draft saves, the sync scheduler,
// passing messages) with a fake clock instead of waiting real seconds.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

// wallClock is the real clock; now may be set to a fixed day.
type wallClock struct{ now func() time.Time }

func (w wallClock) Now() time.Time                         { return w.now() }
func (w wallClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// now is the time on the program's clock.
func (c *shared) now() time.Time { return c.clock.Now() }

// after is a Cmd that sends msg once d has passed on the program's clock,
// or nothing when the program ends first.
func (c *shared) after(d time.Duration, msg func(time.Time) tea.Msg) tea.Cmd {
	clock, ctx := c.clock, c.bg
	return func() tea.Msg {
		select {
		case t := <-clock.After(d):
			return msg(t)
		case <-ctx.Done():
			return nil
		}
	}
}
