package i18n

import (
	"strings"
	"testing"
)

// TestCountForms: English says one of a thing in the singular; Vietnamese
// nouns do not change.
func TestCountForms(t *testing.T) {
	en, vi := New(EN), New(VI)
	for _, tc := range []struct {
		key    Key
		n      int
		en, vi string
	}{
		{UIRecords, 1, "1 record", "1 bản ghi"},
		{UIRecords, 2, "2 records", "2 bản ghi"},
		{UIRecords, 0, "0 records", "0 bản ghi"},
		{UIMatches, 1, "1 match", "1 kết quả"},
		{UICountTrainings, 1, "1 training", "1 buổi tập huấn"},
		{UICountTrainings, 3, "3 trainings", "3 buổi tập huấn"},
		{UICountPeople, 1, "1 participant", "1 người tham dự"},
	} {
		if got := en.N(tc.key, tc.n, itoa(tc.n)); got != tc.en {
			t.Errorf("EN %s(%d) = %q, want %q", tc.key, tc.n, got, tc.en)
		}
		if got := vi.N(tc.key, tc.n, itoa(tc.n)); got != tc.vi {
			t.Errorf("VI %s(%d) = %q, want %q", tc.key, tc.n, got, tc.vi)
		}
	}
	if got := en.N(UIFixProblems, 1, 1); got != "Not saved: 1 problem to fix." {
		t.Errorf("fix problems = %q", got)
	}
	if got := en.N(UIUnreadCount, 1, 1); got != "1 unread" { // no singular form: as T
		t.Errorf("unread = %q", got)
	}
}

func itoa(n int) string { return string(rune('0' + n)) }

// The sync's summary reads right for one record in English: no "1 records".
func TestSyncSummaryNoPluralSlip(t *testing.T) {
	en := New(EN)
	for _, got := range []string{en.T(SyncDone, 1, 1), en.T(SyncStillQueued, 1)} {
		for _, bad := range []string{"1 records", "1 events"} {
			if strings.Contains(got, bad) {
				t.Errorf("%q says %q", got, bad)
			}
		}
	}
}
