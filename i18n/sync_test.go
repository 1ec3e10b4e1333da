package i18n

import (
	"errors"
	"regexp"
	"testing"
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
