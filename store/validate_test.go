package store

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"sotay/record"
	"sotay/record/recordtest"
)

func TestValidationCleans(t *testing.T) {
	s, _ := openTest(t)
	r := recordtest.Sample(record.KindLog, "5/6/2026")
	r.Commune = norm.NFD.String("  Xã Thượng Đức ")
	r.Content = "Dòng 1\r\nDòng 2\tcột\x00\x07\x1b[31m đỏ\u0085"
	r.Partners = "Sở\x7f Nội vụ"
	got := mustCreate(t, s, r)
	stored, _ := s.Get(got.ID)
	want := []struct{ field, value string }{
		{"date", "2026-06-05"},
		{"commune", "Xã Thượng Đức"},
		{"content", "Dòng 1\nDòng 2\tcột[31m đỏ"},
		{"partners", "Sở Nội vụ"},
	}
	for _, w := range want {
		for _, rec := range []record.Record{got, stored} {
			if v := rec.Value(w.field); v != w.value {
				t.Errorf("%s = %q, want %q", w.field, v, w.value)
			}
		}
	}
	if !norm.NFC.IsNormalString(stored.Commune) {
		t.Errorf("commune not NFC: %+q", stored.Commune)
	}
}

func TestValidationWritesNothing(t *testing.T) {
	s, _ := openTest(t)
	ok := mustCreate(t, s, recordtest.Sample(record.KindDifficulty, "2026-06-01"))
	before := snapshot(t, s)
	bad := recordtest.Sample(record.KindDifficulty, "2026-06-01")
	bad.Severity = "?"
	if _, err := s.Create(bad); err == nil {
		t.Fatal("Create of an invalid record succeeded")
	}
	edit := ok
	edit.Title = ""
	if _, err := s.Update(edit); err == nil {
		t.Fatal("Update to an invalid record succeeded")
	} else if ve, isVE := record.AsValidation(err); !isVE || ve.Field("title") == nil {
		t.Errorf("Update error %v does not name the title", err)
	}
	recs := []record.Record{recordtest.Sample(record.KindLog, "2026-06-01"), recordtest.Sample(record.KindLog, "2026-06-01"), bad}
	if err := s.Import(t.Context(), recs, nil); err == nil || !strings.Contains(err.Error(), "record 3") {
		t.Errorf("Import with an invalid third record: %v", err)
	}
	if after := snapshot(t, s); after != before {
		t.Errorf("a refused write changed the notebook:\nbefore %s\nafter  %s", before, after)
	}
	if got, _ := s.Get(ok.ID); got.Title != ok.Title || got.Rev != 1 {
		t.Errorf("record after a refused update: %+v", got)
	}
}

// snapshot sums up what a write changes: counts, pending, outbox.
func snapshot(t *testing.T, s *Store) string {
	t.Helper()
	c, err := s.Counts()
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprint(c, pending(t, s), outboxAll(t, s), len(listAll(t, s, Query{})))
}

func TestProfileValidation(t *testing.T) {
	tests := []struct {
		name    string
		p       Profile
		field   string
		problem record.Problem
	}{
		{"no name", Profile{Name: " ", Province: "ha-noi"}, "name", record.ProblemRequired},
		{"no province", Profile{Name: "An"}, "province", record.ProblemRequired},
		{"unknown province", Profile{Name: "An", Province: "ha-tay"}, "province", record.ProblemChoice},
		{"province by name", Profile{Name: "An", Province: "Hà Nội"}, "province", record.ProblemChoice},
		{"name invalid utf-8", Profile{Name: "An\xff", Province: "ha-noi"}, "name", record.ProblemUTF8},
		{"position too long", Profile{Name: "An", Province: "hue", Position: strings.Repeat("x", record.MaxShort+1)}, "position", record.ProblemTooLong},
	}
	s, _ := openTest(t)
	for _, tt := range tests {
		err := s.SetProfile(tt.p)
		ve, ok := record.AsValidation(err)
		if !ok || ve.Field(tt.field) == nil || ve.Field(tt.field).Problem != tt.problem {
			t.Errorf("%s: %v, want %s on %s", tt.name, err, tt.problem, tt.field)
		}
		if _, err := s.Profile(); !errors.Is(err, ErrNoProfile) {
			t.Errorf("%s: a refused profile was saved", tt.name)
		}
	}
}
