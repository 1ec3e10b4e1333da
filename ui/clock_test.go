package ui

import (
	gosync "sync"
	"testing"
	"time"
)

// fakeClock is a Clock that moves only when the test says: timers fire on
// Advance, so a test of "three seconds after a save" takes no seconds.
type fakeClock struct {
	mu      gosync.Mutex
	now     time.Time
	waiters []fakeTimer
}

type fakeTimer struct {
	at time.Time
	ch chan time.Time
}

func newFakeClock(now time.Time) *fakeClock { return &fakeClock{now: now} }

func (f *fakeClock) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *fakeClock) After(d time.Duration) <-chan time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	ch := make(chan time.Time, 1)
	if d <= 0 {
		ch <- f.now
		return ch
	}
	f.waiters = append(f.waiters, fakeTimer{f.now.Add(d), ch})
	return ch
}

// Advance moves the clock on by d and fires the timers now due.
func (f *fakeClock) Advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(d)
	kept := f.waiters[:0]
	for _, w := range f.waiters {
		if w.at.After(f.now) {
			kept = append(kept, w)
			continue
		}
		w.ch <- f.now
	}
	f.waiters = kept
}

// waitTimer waits until a timer due d from now is armed: the program arms
// its timers in Cmds, on goroutines of their own.
func (f *fakeClock) waitTimer(t testing.TB, d time.Duration) {
	t.Helper()
	f.waitTimers(t, d, 1)
}

// waitTimers waits until n timers due d from now are armed.
func (f *fakeClock) waitTimers(t testing.TB, d time.Duration, n int) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for time.Now().Before(deadline) {
		f.mu.Lock()
		at, armed := f.now.Add(d), 0
		for _, w := range f.waiters {
			if w.at.Equal(at) {
				armed++
			}
		}
		f.mu.Unlock()
		if armed >= n {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("fewer than %d timers of %s were armed", n, d)
}

func TestFakeClock(t *testing.T) {
	f := newFakeClock(testNow)
	a, b := f.After(time.Second), f.After(time.Minute)
	f.waitTimer(t, time.Second)
	f.Advance(2 * time.Second)
	select {
	case got := <-a:
		if !got.Equal(testNow.Add(2 * time.Second)) {
			t.Fatalf("fired at %s", got)
		}
	default:
		t.Fatal("a one-second timer did not fire after two seconds")
	}
	select {
	case <-b:
		t.Fatal("a one-minute timer fired after two seconds")
	default:
	}
}
