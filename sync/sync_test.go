package sync

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sotay/record"
	"sotay/store"
	"sotay/sync/wire"
)

func TestBackoff(t *testing.T) {
	base, limit := 100*time.Millisecond, 2*time.Second
	for attempt := range 40 {
		ceil := min(base<<min(attempt, 30), limit)
		for range 200 {
			d := Backoff(attempt, base, limit)
			if d <= 0 || d > ceil {
				t.Fatalf("Backoff(%d) = %v, want in (0, %v]", attempt, d, ceil)
			}
		}
	}
	// A long outage: base<<attempt overflows int64 (a one-minute base past
	// attempt 27; a base of 2^34+1 ns wraps to about one second at 30). The
	// wait must stay spread up to the limit, not wrap to something short.
	for _, tc := range []struct {
		attempt int
		base    time.Duration
	}{{27, time.Minute}, {28, time.Minute}, {40, time.Minute}, {1000, time.Minute}, {30, 1<<34 + 1}, {62, 1<<34 + 1}, {63, 1}, {64, 1}} {
		attempt := tc.attempt
		high := 0
		for range 200 {
			d := Backoff(attempt, tc.base, time.Hour)
			if d <= 0 || d > time.Hour {
				t.Fatalf("Backoff(%d, %v, 1h) = %v, want in (0, 1h]", attempt, tc.base, d)
			}
			if d > 30*time.Minute {
				high++
			}
		}
		if high < 50 {
			t.Errorf("Backoff(%d, %v, 1h): %d of 200 waits over 30 min, want about 100", attempt, tc.base, high)
		}
	}
	// Full jitter: waits spread over the whole range, not bunched at the top.
	low := 0
	for range 1000 {
		if Backoff(10, base, limit) < limit/2 {
			low++
		}
	}
	if low < 300 || low > 700 {
		t.Errorf("%d of 1000 waits in the lower half, want about 500", low)
	}
}

func TestEnrollKeepsCursorForSameHQ(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), store.FileName), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := New(st, Options{}); !errors.Is(err, ErrNotEnrolled) {
		t.Fatalf("New before enrollment: %v", err)
	}
	var none *Client
	if _, err := none.Sync(t.Context(), nil); !errors.Is(err, ErrNotEnrolled) {
		t.Errorf("nil client: %v", err)
	}
	e := wire.Enrollment{URL: "https://127.0.0.1:1", Officer: "ha-noi-1", Token: strings.Repeat("t", 43)}
	if _, err := Enroll(st, e.Code()); err != nil {
		t.Fatal(err)
	}
	st.UpdateSyncState(func(s *store.SyncState) { s.Cursor = 42 })
	e.Token = strings.Repeat("u", 43) // a new token from HQ, same officer
	Enroll(st, e.Code())
	if ss, _ := st.SyncState(); ss.Cursor != 42 || ss.Token != e.Token {
		t.Errorf("re-enrolled same officer: %+v", ss)
	}
	e.Officer = "hue-2" // nothing went to HQ yet: a change of officer is fine
	Enroll(st, e.Code())
	if ss, _ := st.SyncState(); ss.Cursor != 0 || ss.OfficerID != "hue-2" {
		t.Errorf("enrolled as another officer: %+v", ss)
	}
	// Once records went to HQ as hue-2, a code for another officer would
	// strand them: refused, naming the id to re-issue.
	for _, pushed := range []func(*store.SyncState){
		func(s *store.SyncState) { s.PushedAs = "hue-2" },
		func(s *store.SyncState) { s.LastSync = time.Now() }, // synced before PushedAs was kept
	} {
		st.UpdateSyncState(func(s *store.SyncState) { *s = store.SyncState{HQ: e.URL, OfficerID: "hue-2", Token: e.Token} })
		st.UpdateSyncState(pushed)
		other := e
		other.Officer = "hue-3"
		_, err := Enroll(st, other.Code())
		var se *Error
		if !errors.As(err, &se) || se.Kind != FailOtherOfficer || se.Detail != "hue-2" {
			t.Errorf("enroll as another officer after a push: %v", err)
		}
		if ss, _ := st.SyncState(); ss.OfficerID != "hue-2" {
			t.Errorf("a refused code changed the enrollment: %+v", ss)
		}
		e.Token = strings.Repeat("v", 43) // HQ re-issued hue-2's code
		if _, err := Enroll(st, e.Code()); err != nil {
			t.Errorf("re-issued code for the same officer: %v", err)
		}
	}
	st.UpdateSyncState(func(s *store.SyncState) { s.HQ = "http://hq.example.vn" }) // kept by an older build
	var se *Error
	if _, err := New(st, Options{}); !errors.As(err, &se) || se.Kind != FailBadCode {
		t.Errorf("client of an http HQ: %v", err)
	}
	if _, err := Enroll(st, "garbage"); !errors.Is(err, wire.ErrBadCode) {
		t.Errorf("garbage code: %v", err)
	}
}

// TestRejectionFromHostileHQ: what HQ says of a refused record is kept
// only as machine words and terminal-safe text.
func TestRejectionFromHostileHQ(t *testing.T) {
	esc := "\x1b]0;pwned\x07\x1b[2J"
	cases := []struct {
		name string
		in   wire.Rejection
		want store.Rejection
	}{
		{"plain", wire.Rejection{ID: "x", Rev: 2, Code: wire.RejectInvalid, Message: "women: women_exceed",
			Fields: []*record.FieldError{{Field: "women", Problem: record.ProblemWomen, Value: "9"}}},
			store.Rejection{ID: "x", Rev: 2, Code: wire.RejectInvalid, Reason: "women: women_exceed",
				Fields: []*record.FieldError{{Field: "women", Problem: record.ProblemWomen, Value: "9"}}}},
		{"escapes in the message", wire.Rejection{Code: wire.RejectOtherOfficer, Message: "bad" + esc + "id"},
			store.Rejection{Code: wire.RejectOtherOfficer, Reason: "badid"}},
		{"a code that is not a word", wire.Rejection{Code: "x" + esc, Message: "m"},
			store.Rejection{Code: wire.RejectInvalid, Reason: "m"}},
		{"fields with escapes", wire.Rejection{Code: wire.RejectInvalid, Fields: []*record.FieldError{
			{Field: "title" + esc, Problem: "too_long"},
			{Field: "commune", Problem: record.ProblemChoice, Value: "A" + esc, Allowed: []string{"b" + esc}, Limit: -4}}},
			store.Rejection{Code: wire.RejectInvalid, Fields: []*record.FieldError{
				{Field: "commune", Problem: record.ProblemChoice, Value: "A", Allowed: []string{"b"}}}}},
		{"long text is cut", wire.Rejection{Code: wire.RejectInvalid, Message: strings.Repeat("ư", 1000)},
			store.Rejection{Code: wire.RejectInvalid, Reason: strings.Repeat("ư", 300) + "…"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := rejection(tc.in)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("rejection = %+v\nwant        %+v", got, tc.want)
			}
		})
	}
}
