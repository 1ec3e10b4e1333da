package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sotay/hq"
	"sotay/store"
)

// TestStatusClock: after a sync made while the clock was a year fast and
// then set right, status says plainly that the clock was off and never
// prints a negative duration.
func TestStatusClock(t *testing.T) {
	dir := setUp(t)
	st, err := store.Open(filepath.Join(dir, store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fast := fixedNow.Add(365 * 24 * time.Hour)
	err = st.UpdateSyncState(func(s *store.SyncState) {
		s.HQ, s.LastSync, s.LastAttempt = "https://127.0.0.1:19201", fast, fast
		s.ClockSkew, s.ClockChecked = 365*24*time.Hour, fast
	})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ lang, want string }{
		{"vi", "Đồng hồ máy tính chạy nhanh 365 ngày so với Tổ công tác"},
		{"en", "This computer's clock is 365 days fast compared with the working group's"},
	} {
		r := run(t, dir, "--lang", tt.lang, "status")
		if r.code != 0 || !strings.Contains(r.stdout, tt.want) {
			t.Errorf("status (%s) lacks %q:\n%s", tt.lang, tt.want, r.stdout)
		}
		if strings.Contains(r.stdout, "(-") {
			t.Errorf("status (%s) prints a negative duration:\n%s", tt.lang, r.stdout)
		}
	}
	r := run(t, dir, "status", "--json")
	var s struct {
		ClockSkew int64 `json:"clock_skew_seconds"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil || s.ClockSkew != 365*24*3600 {
		t.Errorf("status --json clock_skew_seconds = %d (%v)", s.ClockSkew, err)
	}
}

// TestSyncFastClock: the officer's notebook with a clock a year fast syncs
// with a real HQ over loopback TLS (`sotay hq serve` in this process);
// sync and status then name the clock, and the refused record carries
// HQ's hint.
func TestSyncFastClock(t *testing.T) {
	hqDir := t.TempDir()
	serveHQWith(t, hq.Config{DataDir: hqDir, Addr: "127.0.0.1:19201"}) // TLS, its certificate made on start
	r := run(t, "", "hq", "--data-dir", hqDir, "enroll", "--name", "Nguyễn Văn An", "--province", "ha-noi")
	code := strings.TrimSpace(r.stdout)
	if r.code != 0 || !strings.HasPrefix(code, "sotay1.") {
		t.Fatalf("enroll: %+v", r)
	}
	dir := t.TempDir()
	fast := func() time.Time { return time.Now().Add(365 * 24 * time.Hour) }
	steps := [][]string{
		{"init", "--name", "Nguyễn Văn An", "--province", "ha-noi", "--hq-code", code},
		{"add", "log", "--date", "hôm nay", "--commune", "Xã A", "--activity", "meeting", "--content", "Họp"},
	}
	for _, args := range steps {
		if r := runWith(t, dir, runOpts{now: fast}, args...); r.code != 0 {
			t.Fatalf("%v: %+v", args, r)
		}
	}
	r = runWith(t, dir, runOpts{now: fast}, "sync")
	if !strings.Contains(r.stderr, "Đồng hồ máy tính chạy nhanh 365 ngày so với Tổ công tác") || !strings.Contains(r.stderr, "khi gửi, đồng hồ máy tính chạy nhanh 365 ngày") {
		t.Errorf("sync does not say the clock is fast: %+v", r)
	}
	r = runWith(t, dir, runOpts{now: fast}, "status")
	if !strings.Contains(r.stdout, "Đồng hồ máy tính chạy nhanh 365 ngày so với Tổ công tác") {
		t.Errorf("status lacks the clock:\n%s", r.stdout)
	}
	// The clock set right: the warning stays until the next sync compares
	// again, and no duration is negative.
	r = runWith(t, dir, runOpts{now: time.Now}, "status")
	if strings.Contains(r.stdout, "(-") {
		t.Errorf("negative duration:\n%s", r.stdout)
	}
}
