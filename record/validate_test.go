package record_test

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"sotay/record"
	"sotay/record/recordtest"
)

// now is the clock the rules are checked against: dates more than
// FutureDays after it are in the future.
var now = time.Date(2026, 6, 30, 9, 0, 0, 0, time.UTC)

func TestValidation(t *testing.T) {
	tests := []struct {
		name    string
		kind    record.Kind
		edit    func(r *record.Record)
		field   string
		problem record.Problem
	}{
		{"date missing", record.KindLog, func(r *record.Record) { r.Date = "" }, "date", record.ProblemRequired},
		{"commune blank", record.KindLog, func(r *record.Record) { r.Commune = " \t\n " }, "commune", record.ProblemRequired},
		{"activity missing", record.KindLog, func(r *record.Record) { r.Activity = "" }, "activity", record.ProblemRequired},
		{"content missing", record.KindLog, func(r *record.Record) { r.Content = "" }, "content", record.ProblemRequired},
		{"title missing", record.KindDifficulty, func(r *record.Record) { r.Title = "" }, "title", record.ProblemRequired},
		{"category missing", record.KindDifficulty, func(r *record.Record) { r.Category = "" }, "category", record.ProblemRequired},
		{"severity missing", record.KindDifficulty, func(r *record.Record) { r.Severity = "" }, "severity", record.ProblemRequired},
		{"topic missing", record.KindTraining, func(r *record.Record) { r.Topic = "" }, "topic", record.ProblemRequired},
		{"unknown activity", record.KindLog, func(r *record.Record) { r.Activity = "party" }, "activity", record.ProblemChoice},
		{"activity label not slug", record.KindLog, func(r *record.Record) { r.Activity = "Khảo sát thực tế" }, "activity", record.ProblemChoice},
		{"unknown category", record.KindDifficulty, func(r *record.Record) { r.Category = "weather" }, "category", record.ProblemChoice},
		{"unknown severity", record.KindDifficulty, func(r *record.Record) { r.Severity = "critical" }, "severity", record.ProblemChoice},
		{"unparseable date", record.KindLog, func(r *record.Record) { r.Date = "31/02/2026" }, "date", record.ProblemDate},
		{"date words", record.KindTraining, func(r *record.Record) { r.Date = "tuần trước" }, "date", record.ProblemDate},
		{"date far ahead", record.KindLog, func(r *record.Record) { r.Date = "2026-07-04" }, "date", record.ProblemFuture},
		{"date next year", record.KindDifficulty, func(r *record.Record) { r.Date = "01/01/2027" }, "date", record.ProblemFuture},
		{"date before 2000", record.KindLog, func(r *record.Record) { r.Date = "1999-12-31" }, "date", record.ProblemPast},
		{"participants below zero", record.KindTraining, func(r *record.Record) { r.Participants, r.Women = -1, new(0) }, "participants", record.ProblemNegative},
		{"women below zero", record.KindTraining, func(r *record.Record) { r.Women = new(-3) }, "women", record.ProblemNegative},
		{"women over participants", record.KindTraining, func(r *record.Record) { r.Participants, r.Women = 10, new(11) }, "women", record.ProblemWomen},
		{"hours below zero", record.KindTraining, func(r *record.Record) { r.Hours = new(-0.5) }, "hours", record.ProblemNegative},
		{"commune too long", record.KindLog, func(r *record.Record) { r.Commune = strings.Repeat("ư", record.MaxShort+1) }, "commune", record.ProblemTooLong},
		{"content too long", record.KindLog, func(r *record.Record) { r.Content = strings.Repeat("Nội dung ", record.MaxLong/9+1) }, "content", record.ProblemTooLong},
		{"notes too long", record.KindTraining, func(r *record.Record) { r.Notes = strings.Repeat("a", record.MaxLong+1) }, "notes", record.ProblemTooLong},
		{"title invalid utf-8", record.KindDifficulty, func(r *record.Record) { r.Title = "Khó khăn \xff\xfe" }, "title", record.ProblemUTF8},
		{"proposal invalid utf-8", record.KindDifficulty, func(r *record.Record) { r.Proposal = "\xc3\x28" }, "proposal", record.ProblemUTF8},
		{"unknown status from outside", record.KindDifficulty, func(r *record.Record) { r.Status = "lost" }, "status", record.ProblemChoice},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := recordtest.Sample(tt.kind, "2026-06-20")
			tt.edit(&r)
			err := r.Normalize(now)
			ve, ok := record.AsValidation(err)
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
			if tt.problem == record.ProblemTooLong && fe.Limit == 0 {
				t.Errorf("too_long without its limit")
			}
			if tt.problem == record.ProblemChoice && len(fe.Allowed) == 0 {
				t.Errorf("unknown_value without the allowed values")
			}
		})
	}
}

// Exactly at the limits is allowed.
func TestValidationLimits(t *testing.T) {
	tests := []struct {
		name string
		kind record.Kind
		edit func(r *record.Record)
	}{
		{"commune of MaxShort letters with marks", record.KindLog, func(r *record.Record) { r.Commune = strings.Repeat("ư", record.MaxShort) }},
		{"content of MaxLong", record.KindLog, func(r *record.Record) { r.Content = strings.Repeat("đ", record.MaxLong) }},
		{"NFD counted after NFC", record.KindLog, func(r *record.Record) { r.Commune = norm.NFD.String(strings.Repeat("ệ", record.MaxShort)) }},
		{"date FutureDays ahead", record.KindLog, func(r *record.Record) { r.Date = "2026-07-03" }},
		{"date today in words", record.KindLog, func(r *record.Record) { r.Date = "hôm nay" }},
		{"women equal participants", record.KindTraining, func(r *record.Record) { r.Participants, r.Women = 30, new(30) }},
		{"no participants", record.KindTraining, func(r *record.Record) { r.Participants, r.Women = 0, new(0) }},
		{"year 2000", record.KindLog, func(r *record.Record) { r.Date = "01/01/2000" }},
	}
	for _, tt := range tests {
		r := recordtest.Sample(tt.kind, "2026-06-20")
		tt.edit(&r)
		if err := r.Normalize(now); err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}

func TestSetValue(t *testing.T) {
	var r record.Record
	r.Kind = record.KindTraining
	for _, tt := range []struct{ field, in, want string }{
		{"participants", "25", "25"}, {"women", "", ""}, {"women", "0", "0"}, {"hours", "", ""}, {"hours", "0", "0"}, {"hours", "1.5", "1.5"}, {"topic", "Tập huấn", "Tập huấn"},
	} {
		if err := r.SetValue(tt.field, tt.in); err != nil || r.Value(tt.field) != tt.want {
			t.Errorf("SetValue(%s, %q): %v, Value = %q", tt.field, tt.in, err, r.Value(tt.field))
		}
	}
	for _, f := range []string{"participants", "women", "hours"} {
		err := r.SetValue(f, "mười")
		if ve, ok := record.AsValidation(err); !ok || ve.Field(f) == nil || ve.Field(f).Problem != record.ProblemNumber {
			t.Errorf("SetValue(%s, words) = %v", f, err)
		}
	}
	if err := r.SetValue("colour", "x"); err == nil {
		t.Error("SetValue of an unknown field succeeded")
	}
}
