package hq

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sotay/i18n"
	"sotay/record"
	"sotay/store"
	"sotay/sync"
	"sotay/sync/wire"
)

// TestLaptopClockComparedWithHQ: a notebook whose clock is off syncs with
// a real HQ over loopback TLS. Each sync stores how far off it is; beyond
// a few minutes the officer is told plainly, and a record whose "today"
// is next year comes back refused with HQ's hint that the clock is fast.
func TestLaptopClockComparedWithHQ(t *testing.T) {
	h := startHQ(t, Limits{})
	tests := []struct {
		name    string
		offset  time.Duration
		warning string // in Vietnamese, "" for none
		refused bool
	}{
		{"a year fast", 365 * 24 * time.Hour, "Đồng hồ máy tính chạy nhanh 365 ngày so với Tổ công tác", true},
		{"three hours slow", -3 * time.Hour, "Đồng hồ máy tính chạy chậm 3 giờ so với Tổ công tác", false},
		{"two minutes fast", 2 * time.Minute, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			en := h.enroll(t, "ha-noi")
			clock := func() time.Time { return time.Now().Add(tt.offset) }
			st, err := store.Open(filepath.Join(t.TempDir(), store.FileName), store.Options{NoSync: true, Now: clock})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if err := st.SetProfile(store.Profile{Name: "Nguyễn Văn An", Province: "ha-noi"}); err != nil {
				t.Fatal(err)
			}
			if _, err := sync.Enroll(st, en.Code); err != nil {
				t.Fatal(err)
			}
			if _, err := st.Create(record.Record{Kind: record.KindLog, Date: "hôm nay", Commune: "Xã A", Activity: "meeting", Content: "Họp"}); err != nil {
				t.Fatal(err)
			}
			c := fastClient(t, st, sync.Options{Now: clock})
			res, err := c.Sync(context.Background(), nil)
			if err != nil {
				t.Fatal(err)
			}
			if (res.Rejected == 1) != tt.refused {
				t.Fatalf("rejected %d, want refused %v", res.Rejected, tt.refused)
			}
			ss, _ := st.SyncState()
			if d := ss.ClockSkew - tt.offset; d.Abs() > 10*time.Second {
				t.Errorf("stored skew %v, want about %v", ss.ClockSkew, tt.offset)
			}
			vi := i18n.New(i18n.VI)
			skew, off := sync.ClockOff(ss)
			if got := ""; off {
				got = vi.ClockWarning(skew)
				if !strings.Contains(got, tt.warning) || tt.warning == "" {
					t.Errorf("warning %q, want %q", got, tt.warning)
				}
			} else if tt.warning != "" {
				t.Errorf("no warning, want %q", tt.warning)
			}
			if !tt.refused {
				return
			}
			parked, _ := st.Parked()
			if len(parked) != 1 || parked[0].ClockAhead < 364*24*time.Hour {
				t.Fatalf("parked %+v: no clock hint", parked)
			}
			reason := vi.ParkedReason(parked[0])
			if !strings.Contains(reason, "ở quá xa trong tương lai") || !strings.Contains(reason, "đồng hồ máy tính chạy nhanh 365 ngày") {
				t.Errorf("parked reason %q lacks the clock hint", reason)
			}
		})
	}
}

// TestHQTimeOnEveryAnswer: HQ's clock is on every answer, refusals too.
func TestHQTimeOnEveryAnswer(t *testing.T) {
	h := startHQ(t, Limits{})
	client := h.srv.Client()
	for _, path := range []string{wire.PathHealth, wire.PathPullV2, "/v2/nowhere"} {
		resp, err := client.Get(h.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		at, ok := wire.ParseTime(resp.Header.Get(wire.HeaderTime))
		if !ok || time.Since(at).Abs() > time.Minute {
			t.Errorf("%s (%d): %s %q", path, resp.StatusCode, wire.HeaderTime, resp.Header.Get(wire.HeaderTime))
		}
	}
}

// TestClockHintOnlyForFutureDates: the hint marks refusals of a date in
// the future from a clock ahead beyond the tolerance, nothing else.
func TestClockHintOnlyForFutureDates(t *testing.T) {
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	future := func() []wire.Rejection {
		return []wire.Rejection{{Code: wire.RejectInvalid, Fields: []*record.FieldError{{Field: "date", Problem: record.ProblemFuture}}},
			{Code: wire.RejectInvalid, Fields: []*record.FieldError{{Field: "content", Problem: record.ProblemRequired}}}}
	}
	tests := []struct {
		client string
		want   int64
	}{
		{now.Add(365 * 24 * time.Hour).Format(wire.TimeLayout), 365 * 24 * 3600},
		{now.Add(time.Minute).Format(wire.TimeLayout), 0},
		{now.Add(-48 * time.Hour).Format(wire.TimeLayout), 0},
		{"", 0},
		{"yesterday", 0},
		{strings.Repeat("9", 100), 0},
	}
	for _, tt := range tests {
		rj := future()
		hintClock(rj, tt.client, now)
		if rj[0].ClockAhead != tt.want || rj[1].ClockAhead != 0 {
			t.Errorf("client time %q: hints %d, %d; want %d, 0", tt.client, rj[0].ClockAhead, rj[1].ClockAhead, tt.want)
		}
	}
}
