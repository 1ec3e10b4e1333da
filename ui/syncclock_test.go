package ui

import (
	"strings"
	"testing"
	"time"

	"sotay/store"
)

// TestSyncStateShowsClock: p's sync state says plainly when the laptop's
// clock was off HQ's at the last sync, and says nothing when it was not.
func TestSyncStateShowsClock(t *testing.T) {
	for _, tt := range []struct {
		skew time.Duration
		want string
	}{
		{365 * 24 * time.Hour, "Đồng hồ máy tính chạy nhanh 365 ngày so với Tổ công tác"},
		{time.Minute, ""},
	} {
		st := openTestStore(t, true)
		fixture(t, st)
		err := st.UpdateSyncState(func(ss *store.SyncState) {
			ss.HQ, ss.LastAttempt, ss.LastSync = "https://hq.example", testNow.Add(-time.Hour), testNow.Add(-time.Hour)
			ss.ClockSkew, ss.ClockChecked = tt.skew, testNow.Add(-time.Hour)
		})
		if err != nil {
			t.Fatal(err)
		}
		u := startWithClock(t, st, &recordingSyncer{st: st}, newFakeClock(testNow))
		u.waitFor("chờ gửi") // the status bar: "Đồng bộ 1 giờ trước · 10 chờ gửi"
		u.press("p")
		if tt.want != "" {
			u.waitFor("Tình trạng đồng bộ", tt.want)
		} else if s := u.waitFor("Tình trạng đồng bộ"); strings.Contains(s, "Đồng hồ máy tính") {
			t.Errorf("a clock a minute off is reported:\n%s", s)
		}
		u.quit()
	}
}
