package store

import (
	"errors"
	"testing"

	"sotay/record"
)

// TestTemplates: a record's body is kept under a name (without its id,
// rev or HQ's fields), listed by name per kind, not replaced unless asked,
// found again whatever the diacritics of its name, and deleted.
func TestTemplates(t *testing.T) {
	s, _ := openTest(t)
	src, err := s.Create(record.Record{Kind: record.KindLog, Date: "2026-02-02", Commune: "Xã Sóc Sơn", Activity: "meeting",
		Content: "Giao ban đầu tuần", Partners: "UBND xã"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		rec     record.Record
		replace bool
		want    error
	}{
		{"Họp giao ban", src, false, nil},
		{"  hop   giao BAN ", src, false, ErrTemplateExists},
		{"Hop giao ban", src, true, nil},
		{"Kiểm tra tháng", record.Record{Kind: record.KindLog, Activity: "inspection", Content: "Kiểm tra hồ sơ"}, false, nil},
		{"Tập huấn văn thư", record.Record{Kind: record.KindTraining, Topic: "Văn thư", Participants: 40}, false, nil},
		{"   ", src, false, ErrTemplateName},
		{string(make([]rune, MaxTemplateName+1)), src, false, ErrTemplateName},
	} {
		if _, err := s.SaveTemplate(tc.name, tc.rec, tc.replace); !errors.Is(err, tc.want) {
			t.Errorf("SaveTemplate(%q) = %v, want %v", tc.name, err, tc.want)
		}
	}
	logs, err := s.Templates(record.KindLog)
	if err != nil {
		t.Fatal(err)
	}
	if len(logs) != 2 || logs[0].Name != "Hop giao ban" || logs[1].Name != "Kiểm tra tháng" {
		t.Fatalf("log templates = %+v", logs)
	}
	got := logs[0].Record
	if got.ID != "" || got.Rev != 0 || got.Date != "" || got.Commune != "Xã Sóc Sơn" || got.Partners != "UBND xã" || got.Content != "Giao ban đầu tuần" {
		t.Fatalf("template body = %+v", got)
	}
	if tr, _ := s.Templates(record.KindTraining); len(tr) != 1 || tr[0].Record.Participants != 40 {
		t.Fatalf("training templates = %+v", tr)
	}
	if err := s.DeleteTemplate(record.KindLog, "HỌP GIAO BAN"); err != nil {
		t.Fatal(err)
	}
	if logs, _ := s.Templates(record.KindLog); len(logs) != 1 || logs[0].Name != "Kiểm tra tháng" {
		t.Fatalf("after delete: %+v", logs)
	}
	if n, _ := s.Pending(); n != 1 {
		t.Fatalf("templates went to the outbox: %d pending", n)
	}
}
