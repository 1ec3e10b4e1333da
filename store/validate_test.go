package store

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestValidation(t *testing.T) {
	tests := []struct {
		name    string
		kind    Kind
		edit    func(r *Record)
		field   string
		problem Problem
	}{
		{"date missing", KindLog, func(r *Record) { r.Date = "" }, "date", ProblemRequired},
		{"commune blank", KindLog, func(r *Record) { r.Commune = " \t\n " }, "commune", ProblemRequired},
		{"activity missing", KindLog, func(r *Record) { r.Activity = "" }, "activity", ProblemRequired},
		{"content missing", KindLog, func(r *Record) { r.Content = "" }, "content", ProblemRequired},
		{"title missing", KindDifficulty, func(r *Record) { r.Title = "" }, "title", ProblemRequired},
		{"category missing", KindDifficulty, func(r *Record) { r.Category = "" }, "category", ProblemRequired},
		{"severity missing", KindDifficulty, func(r *Record) { r.Severity = "" }, "severity", ProblemRequired},
		{"topic missing", KindTraining, func(r *Record) { r.Topic = "" }, "topic", ProblemRequired},
		{"unknown activity", KindLog, func(r *Record) { r.Activity = "party" }, "activity", ProblemChoice},
		{"activity label not slug", KindLog, func(r *Record) { r.Activity = "Khảo sát thực tế" }, "activity", ProblemChoice},
		{"unknown category", KindDifficulty, func(r *Record) { r.Category = "weather" }, "category", ProblemChoice},
		{"unknown severity", KindDifficulty, func(r *Record) { r.Severity = "critical" }, "severity", ProblemChoice},
		{"unparseable date", KindLog, func(r *Record) { r.Date = "31/02/2026" }, "date", ProblemDate},
		{"date words", KindTraining, func(r *Record) { r.Date = "tuần trước" }, "date", ProblemDate},
		{"date far ahead", KindLog, func(r *Record) { r.Date = "2026-07-04" }, "date", ProblemFuture},
		{"date next year", KindDifficulty, func(r *Record) { r.Date = "01/01/2027" }, "date", ProblemFuture},
		{"date before 2000", KindLog, func(r *Record) { r.Date = "1999-12-31" }, "date", ProblemPast},
		{"participants below zero", KindTraining, func(r *Record) { r.Participants, r.Women = -1, 0 }, "participants", ProblemNegative},
		{"women below zero", KindTraining, func(r *Record) { r.Women = -3 }, "women", ProblemNegative},
		{"women over participants", KindTraining, func(r *Record) { r.Participants, r.Women = 10, 11 }, "women", ProblemWomen},
		{"hours below zero", KindTraining, func(r *Record) { r.Hours = -0.5 }, "hours", ProblemNegative},
		{"commune too long", KindLog, func(r *Record) { r.Commune = strings.Repeat("ư", MaxShort+1) }, "commune", ProblemTooLong},
		{"content too long", KindLog, func(r *Record) { r.Content = strings.Repeat("Nội dung ", MaxLong/9+1) }, "content", ProblemTooLong},
		{"notes too long", KindTraining, func(r *Record) { r.Notes = strings.Repeat("a", MaxLong+1) }, "notes", ProblemTooLong},
		{"title invalid utf-8", KindDifficulty, func(r *Record) { r.Title = "Khó khăn \xff\xfe" }, "title", ProblemUTF8},
		{"proposal invalid utf-8", KindDifficulty, func(r *Record) { r.Proposal = "\xc3\x28" }, "proposal", ProblemUTF8},
		{"unknown status from outside", KindDifficulty, func(r *Record) { r.Status = "lost" }, "status", ProblemChoice},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := sample(tt.kind, "2026-06-20")
			tt.edit(&r)
			err := r.Normalize(genNow)
			ve, ok := AsValidation(err)
			if !ok {
				t.Fatalf("Normalize = %v, want a validation error", err)
			}
			fe := ve.Field(tt.field)
			if fe == nil || fe.Problem != tt.problem {
				t.Fatalf("problems %v, want %s on %s", err, tt.problem, tt.field)
			}
			if len(ve.Fields) != 1 {
				t.Errorf("more problems than one: %v", err)
			}
			if tt.problem == ProblemTooLong && fe.Limit == 0 {
				t.Errorf("too_long without its limit")
			}
			if tt.problem == ProblemChoice && len(fe.Allowed) == 0 {
				t.Errorf("unknown_value without the allowed values")
			}
		})
	}
}

// Exactly at the limits is allowed.
func TestValidationLimits(t *testing.T) {
	tests := []struct {
		name string
		kind Kind
		edit func(r *Record)
	}{
		{"commune of MaxShort letters with marks", KindLog, func(r *Record) { r.Commune = strings.Repeat("ư", MaxShort) }},
		{"content of MaxLong", KindLog, func(r *Record) { r.Content = strings.Repeat("đ", MaxLong) }},
		{"NFD counted after NFC", KindLog, func(r *Record) { r.Commune = norm.NFD.String(strings.Repeat("ệ", MaxShort)) }},
		{"date FutureDays ahead", KindLog, func(r *Record) { r.Date = "2026-07-03" }},
		{"date today in words", KindLog, func(r *Record) { r.Date = "hôm nay" }},
		{"women equal participants", KindTraining, func(r *Record) { r.Participants, r.Women = 30, 30 }},
		{"no participants", KindTraining, func(r *Record) { r.Participants, r.Women = 0, 0 }},
		{"year 2000", KindLog, func(r *Record) { r.Date = "01/01/2000" }},
	}
	for _, tt := range tests {
		r := sample(tt.kind, "2026-06-20")
		tt.edit(&r)
		if err := r.Normalize(genNow); err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}

func TestValidationCleans(t *testing.T) {
	s, _ := openTest(t)
	r := sample(KindLog, "5/6/2026")
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
		for _, rec := range []Record{got, stored} {
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
	ok := mustCreate(t, s, sample(KindDifficulty, "2026-06-01"))
	before := snapshot(t, s)
	bad := sample(KindDifficulty, "2026-06-01")
	bad.Severity = "?"
	if _, err := s.Create(bad); err == nil {
		t.Fatal("Create of an invalid record succeeded")
	}
	edit := ok
	edit.Title = ""
	if _, err := s.Update(edit); err == nil {
		t.Fatal("Update to an invalid record succeeded")
	} else if ve, isVE := AsValidation(err); !isVE || ve.Field("title") == nil {
		t.Errorf("Update error %v does not name the title", err)
	}
	recs := []Record{sample(KindLog, "2026-06-01"), sample(KindLog, "2026-06-01"), bad}
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
		problem Problem
	}{
		{"no name", Profile{Name: " ", Province: "ha-noi"}, "name", ProblemRequired},
		{"no province", Profile{Name: "An"}, "province", ProblemRequired},
		{"unknown province", Profile{Name: "An", Province: "ha-tay"}, "province", ProblemChoice},
		{"province by name", Profile{Name: "An", Province: "Hà Nội"}, "province", ProblemChoice},
		{"name invalid utf-8", Profile{Name: "An\xff", Province: "ha-noi"}, "name", ProblemUTF8},
		{"position too long", Profile{Name: "An", Province: "hue", Position: strings.Repeat("x", MaxShort+1)}, "position", ProblemTooLong},
	}
	s, _ := openTest(t)
	for _, tt := range tests {
		err := s.SetProfile(tt.p)
		ve, ok := AsValidation(err)
		if !ok || ve.Field(tt.field) == nil || ve.Field(tt.field).Problem != tt.problem {
			t.Errorf("%s: %v, want %s on %s", tt.name, err, tt.problem, tt.field)
		}
		if _, err := s.Profile(); !errors.Is(err, ErrNoProfile) {
			t.Errorf("%s: a refused profile was saved", tt.name)
		}
	}
}

func TestSetValue(t *testing.T) {
	var r Record
	r.Kind = KindTraining
	for _, tt := range []struct{ field, in, want string }{
		{"participants", "25", "25"}, {"women", "", "0"}, {"hours", "1.5", "1.5"}, {"topic", "Tập huấn", "Tập huấn"},
	} {
		if err := r.SetValue(tt.field, tt.in); err != nil || r.Value(tt.field) != tt.want {
			t.Errorf("SetValue(%s, %q): %v, Value = %q", tt.field, tt.in, err, r.Value(tt.field))
		}
	}
	for _, f := range []string{"participants", "women", "hours"} {
		err := r.SetValue(f, "mười")
		if ve, ok := AsValidation(err); !ok || ve.Field(f) == nil || ve.Field(f).Problem != ProblemNumber {
			t.Errorf("SetValue(%s, words) = %v", f, err)
		}
	}
	if err := r.SetValue("colour", "x"); err == nil {
		t.Error("SetValue of an unknown field succeeded")
	}
}
