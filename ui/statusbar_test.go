package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sotay/i18n"
	"sotay/store"
	"sotay/sync"
)

// TestStatusBarKeepsTheOfficer: however long the sync's words, the officer
// and the count to send stay; the words are cut, then the province goes.
func TestStatusBarKeepsTheOfficer(t *testing.T) {
	for _, tc := range []struct {
		name      string
		width     int
		lastError string
		lastSync  time.Duration // ago; 0 for never
		want      []string
		lang      i18n.Lang
	}{
		// Offline is the usual state: said plainly, beside what waits, never as an error.
		{"offline at 80", 80, sync.FailOffline, time.Hour, []string{"Nguyễn Văn An · Hà Nội", "Ngoại tuyến · 1 chờ gửi"}, i18n.VI},
		{"offline in English", 80, sync.FailOffline, time.Hour, []string{"Nguyễn Văn An · Hà Nội", "Offline · 1 waiting"}, i18n.EN},
		{"error at 80", 80, "network", 0, []string{"Nguyễn Văn An", "1 chờ gửi", "Lỗi đồng bộ"}, i18n.VI},
		{"error at 120", 120, "network", 0, []string{"Nguyễn Văn An · Hà Nội", "1 chờ gửi", "Lỗi đồng bộ"}, i18n.VI},
		{"error at 50", 50, "network", 0, []string{"Nguyễn Văn An", "1 chờ gửi"}, i18n.VI},
		{"synced at 80", 80, "", 3 * time.Minute, []string{"Nguyễn Văn An · Hà Nội", "1 chờ gửi", "Đồng bộ 3 phút trước"}, i18n.VI},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := openTestStore(t, true)
			lang := tc.lang
			if lang == "" {
				lang = i18n.VI
			}
			m := newApp(st, Options{Lang: lang, Now: fixedNow, Syncer: &recordingSyncer{st: st}}, true)
			m.Update(tea.WindowSizeMsg{Width: tc.width, Height: 24})
			m.ctx.profile, _ = st.Profile()
			state := store.SyncState{LastError: tc.lastError, LastAttempt: testNow}
			if tc.lastSync > 0 {
				state.LastSync = testNow.Add(-tc.lastSync)
			}
			m.status.Update(statusMsg{pending: 1, state: state})
			line := stripScreen(m.status.View())
			if strings.Contains(line, "Lỗi") || strings.Contains(line, "failed") {
				if tc.lastError == sync.FailOffline {
					t.Errorf("offline shown as an error: %q", line)
				}
			}
			for _, w := range tc.want {
				if !strings.Contains(line, w) {
					t.Errorf("status bar %q lacks %q", line, w)
				}
			}
			if n := len([]rune(line)); n > tc.width {
				t.Errorf("status bar is %d wide at %d", n, tc.width)
			}
		})
	}
}

// TestSyncSoonAfterStart: with records waiting, the first sync comes a few
// seconds after the program starts, not a whole period later.
func TestSyncSoonAfterStart(t *testing.T) {
	st := openTestStore(t, true)
	fixture(t, st)
	s := &recordingSyncer{st: st}
	clock := newFakeClock(testNow)
	u := startWithClock(t, st, s, clock)
	u.waitFor("10 chờ gửi")
	clock.waitTimer(t, syncAtStart)
	if s.calls() != 0 {
		t.Fatal("synced before syncAtStart")
	}
	clock.Advance(syncAtStart)
	deadline := time.Now().Add(waitLimit)
	for s.calls() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("no sync after start with records waiting")
		}
		time.Sleep(50 * time.Millisecond)
	}
	u.waitFor("0 chờ gửi")
	u.quit()
}

// TestBackoffJitter: after failures the wait is drawn below the backoff,
// never under syncDebounce, never over syncMaxBackoff.
func TestBackoffJitter(t *testing.T) {
	st := openTestStore(t, true)
	m := newApp(st, Options{Lang: i18n.VI, Now: fixedNow, Syncer: &recordingSyncer{st: st}}, true)
	s := m.sync
	seen := map[time.Duration]bool{}
	for range 50 {
		s.Update(syncDoneMsg{err: errNetwork})
		d := s.nextWait()
		ceil := min(syncEvery<<s.failures, syncMaxBackoff) // the backoff after this many failures
		if d < syncDebounce || d > syncMaxBackoff || d > ceil {
			t.Fatalf("wait %s with backoff %s", d, ceil)
		}
		seen[d] = true
	}
	if ceil := min(syncEvery<<s.failures, syncMaxBackoff); ceil != syncMaxBackoff {
		t.Fatalf("backoff %s after 50 failures", ceil)
	}
	if len(seen) < 10 {
		t.Fatalf("only %d distinct waits in 50 failures", len(seen))
	}
}

var errNetwork = &testError{"network"}

type testError struct{ s string }

func (e *testError) Error() string { return e.s }
