package store

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"sotay/record"
)

func openInboxTest(t *testing.T) *Store {
	t.Helper()
	now := time.Date(2026, 6, 30, 9, 0, 0, 0, time.UTC)
	s, err := Open(filepath.Join(t.TempDir(), FileName), Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func newDifficulty(t *testing.T, s *Store, title string) record.Record {
	t.Helper()
	r, err := s.Create(record.Record{Kind: record.KindDifficulty, Date: "2026-06-29", Commune: "Xã Tân Phú",
		Category: "staffing", Severity: "high", Title: title})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestApplyInbox(t *testing.T) {
	s := openInboxTest(t)
	d := newDifficulty(t, s, "Thiếu công chức địa chính")
	if err := s.AckPush(1<<62, nil); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 6, 30, 10, 0, 0, 0, time.UTC)
	events := []InboxEvent{
		{Seq: 3, At: at, RecordID: d.ID, Status: "answered",
			Response: &record.Response{At: at, Author: "Tổ công tác", Text: "Đề nghị \x1b[31mbố trí\x1b[0m kiêm nhiệm"}},
		{Seq: 4, At: at, Notice: &Notice{Title: "Họp giao ban", Text: "Thứ Hai\u202e 8 giờ"}},
		{Seq: 5, At: at, RecordID: "0190f3c2-0000-7000-8000-000000000000", Status: "resolved"}, // not ours
	}
	if err := s.ApplyInbox(events, 5); err != nil {
		t.Fatal(err)
	}
	// Applied twice (a cursor lost, a batch resent): nothing doubles.
	if err := s.ApplyInbox(events, 5); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != "answered" || got.Rev != d.Rev || len(got.Responses) != 1 {
		t.Fatalf("record after HQ events: status %q rev %d responses %d", got.Status, got.Rev, len(got.Responses))
	}
	if txt := got.Responses[0].Text; txt != "Đề nghị bố trí kiêm nhiệm" {
		t.Errorf("response text not cleaned: %q", txt)
	}
	if n, _ := s.Pending(); n != 0 {
		t.Errorf("HQ's change made %d records pending", n)
	}
	c, _ := s.Counts()
	if c.Statuses["answered"] != 1 || c.Statuses["new"] != 0 {
		t.Errorf("status counts = %v", c.Statuses)
	}
	page, err := s.List(context.Background(), Query{Kind: record.KindDifficulty, Status: "answered", Search: "dia chinh"})
	if err != nil || len(page.Records) != 1 {
		t.Errorf("search by status after HQ change: %d records, %v", len(page.Records), err)
	}
	st, _ := s.SyncState()
	if st.Cursor != 5 {
		t.Errorf("cursor = %d", st.Cursor)
	}

	notices, answers, err := s.UnreadCounts()
	if err != nil || notices != 1 || answers != 1 {
		t.Fatalf("unread = %d notices, %d answers, %v", notices, answers, err)
	}
	if u, _ := s.Unread(d.ID); !u {
		t.Error("difficulty HQ answered is not unread")
	}
	if err := s.MarkRead(d.ID); err != nil {
		t.Fatal(err)
	}
	if u, _ := s.Unread(d.ID); u {
		t.Error("difficulty still unread after MarkRead")
	}
	ns, err := s.Notices(context.Background(), 10)
	if err != nil || len(ns) != 1 {
		t.Fatalf("notices = %v, %v", ns, err)
	}
	if ns[0].Text != "Thứ Hai 8 giờ" || ns[0].ID != "4" {
		t.Errorf("notice = %+v", ns[0])
	}
	if err := s.MarkNoticeRead(ns[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkNoticeRead("99"); err != ErrNotFound {
		t.Errorf("unknown notice: %v", err)
	}
	if n, a, _ := s.UnreadCounts(); n != 0 || a != 0 {
		t.Errorf("unread after reading = %d, %d", n, a)
	}

	// A local edit keeps HQ's fields and bumps the rev as usual.
	got.Proposal = "Tuyển dụng bổ sung"
	ed, err := s.Update(got)
	if err != nil {
		t.Fatal(err)
	}
	if ed.Status != "answered" || len(ed.Responses) != 1 || ed.Rev != d.Rev+1 {
		t.Errorf("after local edit: %+v", ed)
	}
}

func TestNoticesNewestFirst(t *testing.T) {
	s := openInboxTest(t)
	var evs []InboxEvent
	for i := uint64(1); i <= 5; i++ {
		evs = append(evs, InboxEvent{Seq: i * 10, Notice: &Notice{Title: "T", Text: "x"}})
	}
	if err := s.ApplyInbox(evs, 50); err != nil {
		t.Fatal(err)
	}
	d := newDifficulty(t, s, "a")
	if err := s.ApplyInbox([]InboxEvent{{Seq: 60, RecordID: d.ID, Status: "acknowledged"}}, 60); err != nil {
		t.Fatal(err)
	}
	ns, err := s.Notices(context.Background(), 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(ns) != 3 || ns[0].ID != "50" || ns[2].ID != "30" {
		t.Fatalf("notices = %+v", ns)
	}
}

func TestPushAndPark(t *testing.T) {
	s := openInboxTest(t)
	a := newDifficulty(t, s, "một")
	b := newDifficulty(t, s, "hai")
	a.Title = "một (sửa)"
	if _, err := s.Update(a); err != nil {
		t.Fatal(err)
	}
	// Outbox: 1 a@1, 2 b@1, 3 a@2. The first entry of a is superseded.
	batch, err := s.NextPush(0, 10, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	var sent []record.Record
	for _, raw := range batch.Records {
		var r record.Record
		if err := json.Unmarshal(raw, &r); err != nil {
			t.Fatal(err)
		}
		sent = append(sent, r)
	}
	if batch.Through != 3 || len(sent) != 2 || sent[0].ID != b.ID || sent[1].Rev != 2 {
		t.Fatalf("batch = through %d, %d records", batch.Through, len(batch.Records))
	}
	if sent[1].Status != "" || sent[1].Title != "một (sửa)" {
		t.Errorf("pushed difficulty = %+v (HQ-owned status must be empty)", sent[1])
	}
	one, _ := s.NextPush(0, 1, 1<<20)
	if one.Through != 2 || len(one.Records) != 1 {
		t.Fatalf("bounded batch = through %d, %d records", one.Through, len(one.Records))
	}
	if err := s.AckPush(batch.Through, []Rejection{{ID: b.ID, Rev: 1, Code: "too_long", Reason: "quá dài"}}); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Pending(); n != 0 {
		t.Errorf("pending after ack = %d", n)
	}
	parked, err := s.Parked()
	if err != nil || len(parked) != 1 || parked[0].ID != b.ID || parked[0].Reason != "quá dài" {
		t.Fatalf("parked = %+v, %v", parked, err)
	}
	// The officer fixes it; once HQ takes it, it is no longer parked.
	b.Title = "hai (sửa)"
	if _, err := s.Update(b); err != nil {
		t.Fatal(err)
	}
	next, _ := s.NextPush(batch.Through, 10, 1<<20)
	if len(next.Records) != 1 {
		t.Fatalf("next batch has %d records", len(next.Records))
	}
	if err := s.AckPush(next.Through, nil); err != nil {
		t.Fatal(err)
	}
	if parked, _ := s.Parked(); len(parked) != 0 {
		t.Errorf("still parked: %+v", parked)
	}
	if empty, _ := s.NextPush(next.Through, 10, 1<<20); empty.Through != next.Through || len(empty.Records) != 0 {
		t.Errorf("empty outbox gives %+v", empty)
	}
}

func TestAnswerToDeletedDifficulty(t *testing.T) {
	s := openInboxTest(t)
	d := newDifficulty(t, s, "đã xóa")
	del, err := s.Delete(d.ID)
	if err != nil {
		t.Fatal(err)
	}
	ev := InboxEvent{Seq: 1, RecordID: d.ID, Status: "resolved", Response: &record.Response{Text: "ok"}}
	if err := s.ApplyInbox([]InboxEvent{ev}, 1); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Get(d.ID)
	if got.Status != "resolved" || !got.Deleted || got.Rev != del.Rev {
		t.Errorf("tombstone after HQ answer: %+v", got)
	}
	if _, answers, _ := s.UnreadCounts(); answers != 0 {
		t.Errorf("a deleted difficulty counts as unread")
	}
	if c, _ := s.Counts(); c.Statuses["resolved"] != 0 {
		t.Errorf("a tombstone counted in statuses: %v", c.Statuses)
	}
}
