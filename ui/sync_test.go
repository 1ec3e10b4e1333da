package ui

import (
	"context"
	"errors"
	gosync "sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sotay/i18n"
	"sotay/store"
	"sotay/sync"
)

// recordingSyncer stands in for the sync client where the TUI consumes it:
// it reports progress, acknowledges everything pending as the real client
// does (store.AckPush and the sync state), and counts its calls.
type recordingSyncer struct {
	st   *store.Store
	mu   gosync.Mutex
	runs int
	fail error
	gate chan struct{} // when set, a sync waits for it
}

func (s *recordingSyncer) Sync(ctx context.Context, progress func(sync.Progress)) (sync.Result, error) {
	s.mu.Lock()
	s.runs++
	fail, gate := s.fail, s.gate
	s.mu.Unlock()
	batch, err := s.st.NextPush(0, 1000, 1<<20)
	if err != nil {
		return sync.Result{}, err
	}
	progress(sync.Progress{Phase: "push", Records: 0, TotalRecords: len(batch.Records)})
	if gate != nil {
		<-gate
	}
	if fail != nil {
		_ = s.st.UpdateSyncState(func(ss *store.SyncState) { ss.LastError = fail.Error(); ss.LastAttempt = testNow })
		return sync.Result{}, fail
	}
	if err := s.st.AckPush(batch.Through, nil); err != nil {
		return sync.Result{}, err
	}
	err = s.st.UpdateSyncState(func(ss *store.SyncState) { ss.LastSync = testNow.Add(-5 * time.Minute); ss.LastError = "" })
	return sync.Result{Pushed: len(batch.Records)}, err
}

func (s *recordingSyncer) calls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.runs
}

func startWithSyncer(t *testing.T, st *store.Store, s Syncer) *tui {
	t.Helper()
	return startWithClock(t, st, s, nil)
}

// startWithClock runs the program with its timers on clock (nil: the wall
// clock at testNow).
func startWithClock(t *testing.T, st *store.Store, s Syncer, clock Clock) *tui {
	t.Helper()
	m := newApp(st, Options{Lang: i18n.VI, Now: fixedNow, Syncer: s, Clock: clock}, true)
	filter := func(m tea.Model, msg tea.Msg) tea.Msg {
		if p, ok := msg.(probeMsg); ok {
			p.ch <- stripScreen(m.(*app).render())
			return nil
		}
		return msg
	}
	return startProgram(t, m, 80, 24, filter)
}

func TestSyncOnKeyAndAfterSave(t *testing.T) {
	st := openTestStore(t, true)
	fixture(t, st)
	s := &recordingSyncer{st: st, gate: make(chan struct{})}
	clock := newFakeClock(testNow)
	u := startWithClock(t, st, s, clock)
	u.waitFor("10 chờ gửi", "Chưa đồng bộ")
	u.press("s")
	u.waitFor("Đang gửi 0/10") // progress while the push runs
	close(s.gate)
	u.waitFor("0 chờ gửi", "Đồng bộ 5 phút trước")

	// A save schedules a sync a moment later, without a key.
	before := s.calls()
	u.press("2", "n")
	u.waitFor("Thêm nhật ký")
	u.press("tab")
	u.typeText("Xã Ba Vì")
	u.press("tab", "right", "tab")
	u.typeText("Làm việc với xã")
	u.press("ctrl+s")
	u.waitFor("Làm việc với xã")
	clock.waitTimers(t, syncDebounce, 2) // the debounce, and the sync after start that the key made moot
	if s.calls() != before {
		t.Fatal("synced before the save settled")
	}
	clock.Advance(syncDebounce)
	deadline := time.Now().Add(waitLimit)
	for s.calls() == before {
		if time.Now().After(deadline) {
			t.Fatal("no sync after a save")
		}
		time.Sleep(10 * time.Millisecond)
	}
	u.waitFor("0 chờ gửi")
	u.quit()
}

func TestSyncErrorShown(t *testing.T) {
	st := openTestStore(t, true)
	fixture(t, st)
	s := &recordingSyncer{st: st, fail: errors.New("không kết nối được máy chủ")}
	u := startWithSyncer(t, st, s)
	u.waitFor("10 chờ gửi")
	u.press("s")
	u.waitFor("Lỗi đồng bộ: không kết nối được máy chủ", "10 chờ gửi")
	u.quit()
}

func TestNotLinkedToHQ(t *testing.T) {
	st := openTestStore(t, true)
	u := startTUI(t, st, i18n.VI, 80, 24)
	u.waitFor("Chưa liên kết Tổ công tác")
	u.press("s")
	u.waitFor("nhập mã đăng ký trong Cài đặt")
	u.quit()
}

// TestUnreadAnswersAndNotices: HQ's news is marked until opened.
func TestUnreadAnswersAndNotices(t *testing.T) {
	st := openTestStore(t, true)
	r := fixture(t, st)
	u := startTUI(t, st, i18n.VI, 80, 24)
	u.waitFor("Thông báo (1)")
	u.press("3")
	u.waitFor("● 04/02/2026") // the answered difficulty
	u.press("enter")
	u.waitFor("Kinh phí chi trả")
	u.press("esc")
	u.waitGone("● 04/02/2026")
	if unread, _ := st.Unread(r.ID); unread {
		t.Fatal("still unread after opening")
	}
	u.press("5")
	u.waitFor("● 05/02/2026 Lịch giao ban")
	u.press("enter")
	u.waitFor("Giao ban vào 14 giờ thứ Sáu hằng tuần.")
	u.press("esc")
	u.waitFor("0 chưa đọc")
	u.waitGone("Thông báo (1)")
	u.quit()
}
