package sync

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sotay/store"
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

func TestEnrollmentRoundTrip(t *testing.T) {
	e := Enrollment{URL: "https://hq.example.vn:8443/", Officer: "ha-noi-3f9a01", Token: strings.Repeat("x", 43),
		Fingerprint: strings.Repeat("AB", 32)}
	got, err := ParseCode(e.Code())
	if err != nil {
		t.Fatal(err)
	}
	if got.URL != "https://hq.example.vn:8443" || got.Fingerprint != strings.Repeat("ab", 32) || got.Token != e.Token {
		t.Errorf("round trip = %+v", got)
	}
	bad := []Enrollment{
		{URL: "ftp://x", Officer: "o", Token: e.Token},
		{URL: "https://", Officer: "o", Token: e.Token},
		{URL: "https://x", Officer: "a.b", Token: e.Token},
		{URL: "https://x", Officer: "o", Token: "short"},
		{URL: "https://x", Officer: "o", Token: e.Token, Fingerprint: "abcd"},
	}
	for _, b := range bad {
		if _, err := ParseCode(b.Code()); !errors.Is(err, ErrBadCode) {
			t.Errorf("ParseCode(%+v) = %v", b, err)
		}
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
	e := Enrollment{URL: "https://127.0.0.1:1", Officer: "ha-noi-1", Token: strings.Repeat("t", 43)}
	if _, err := Enroll(st, e.Code()); err != nil {
		t.Fatal(err)
	}
	st.UpdateSyncState(func(s *store.SyncState) { s.Cursor = 42 })
	e.Token = strings.Repeat("u", 43) // a new token from HQ, same officer
	Enroll(st, e.Code())
	if ss, _ := st.SyncState(); ss.Cursor != 42 || ss.Token != e.Token {
		t.Errorf("re-enrolled same officer: %+v", ss)
	}
	e.Officer = "hue-2"
	Enroll(st, e.Code())
	if ss, _ := st.SyncState(); ss.Cursor != 0 || ss.OfficerID != "hue-2" {
		t.Errorf("enrolled as another officer: %+v", ss)
	}
	if _, err := Enroll(st, "garbage"); !errors.Is(err, ErrBadCode) {
		t.Errorf("garbage code: %v", err)
	}
}
