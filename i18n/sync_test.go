package i18n

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"sotay/record"
	"sotay/store"
)

var verb = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]`)

// TestSyncMessages: every message has both languages, with the same verbs
// in the same order.
func TestSyncMessages(t *testing.T) {
	for k, m := range syncMessages() {
		if m.vi == "" || m.en == "" {
			t.Errorf("%s: a language is missing", k)
		}
		vi, en := verb.FindAllString(m.vi, -1), verb.FindAllString(m.en, -1)
		if len(vi) != len(en) {
			t.Errorf("%s: verbs %v (vi) and %v (en)", k, vi, en)
			continue
		}
		for i := range vi {
			if vi[i] != en[i] {
				t.Errorf("%s: verb %d is %s (vi), %s (en)", k, i, vi[i], en[i])
			}
		}
	}
}

type kinded struct{ kind string }

func (e kinded) Error() string    { return "sync " + e.kind }
func (e kinded) SyncKind() string { return e.kind }

type coded struct{ code string }

func (e coded) Error() string  { return "hq " + e.code }
func (e coded) HQCode() string { return e.code }

func TestSyncErrorWords(t *testing.T) {
	en := New(EN)
	for _, kind := range []string{"offline", "timeout", "certificate", "unauthorized", "revoked", "rate_limited",
		"server", "refused", "rejected", "local", "not_enrolled", "bad_code"} {
		if got := en.SyncError(kind); got == kind || got == "" {
			t.Errorf("SyncError(%q) has no words", kind)
		}
		if got := en.Error(errors.Join(errors.New("ctx"), kinded{kind})); got != en.SyncError(kind) {
			t.Errorf("Error of a %s failure = %q", kind, got)
		}
	}
	if en.SyncError("") != "" || en.SyncError("martian") != "martian" {
		t.Error("SyncError of an empty or unknown kind")
	}
	if got := New(VI).Error(coded{"no_officer"}); got != "Không có cán bộ này" {
		t.Errorf("HQ error in Vietnamese = %q", got)
	}
}

type detailed struct{ kinded }

func (e detailed) SyncDetail() string { return "ha-noi-0a1b2c\x1b[31m" }

func TestParkedReason(t *testing.T) {
	vi, en := New(VI), New(EN)
	cases := []struct {
		name string
		p    store.ParkedRecord
		en   string
	}{
		{"field problems in the notebook's words", store.ParkedRecord{Code: "invalid", Fields: []*record.FieldError{
			{Field: "women", Problem: record.ProblemWomen, Value: "9"},
			{Field: "partners", Problem: record.ProblemTooLong, Limit: 200}}},
			en.Problem(&record.FieldError{Field: "women", Problem: record.ProblemWomen}) + "; " +
				en.Problem(&record.FieldError{Field: "partners", Problem: record.ProblemTooLong, Limit: 200})},
		{"a code", store.ParkedRecord{Code: "other_officer", Reason: "the record id belongs to another officer"},
			en.T("parked.other_officer")},
		{"bad id", store.ParkedRecord{Code: "bad_id", Reason: "bad record id"}, en.T("parked.bad_id")},
		{"an unknown code shows HQ's words, stripped", store.ParkedRecord{Code: "martian", Reason: "no \x1b]0;pwned\x07way"}, "no way"},
		{"nothing at all", store.ParkedRecord{}, en.T("parked.invalid")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := en.ParkedReason(tc.p); got != tc.en {
				t.Errorf("ParkedReason = %q, want %q", got, tc.en)
			}
			if got := vi.ParkedReason(tc.p); got == "" || strings.ContainsRune(got, 0x1b) {
				t.Errorf("Vietnamese ParkedReason = %q", got)
			}
		})
	}
	if got := en.ParkedReason(cases[0].p); strings.Contains(got, "women_exceed") || strings.Contains(got, "%") {
		t.Errorf("machine words in %q", got)
	}
	got := en.Error(detailed{kinded{"other_officer"}})
	if !strings.Contains(got, "ha-noi-0a1b2c") || strings.ContainsRune(got, 0x1b) {
		t.Errorf("other officer error = %q", got)
	}
	if en.SyncError("other_officer") == "other_officer" {
		t.Error("other_officer has no words")
	}
}
