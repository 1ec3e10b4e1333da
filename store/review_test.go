package store

import (
	"errors"
	"testing"
	"time"

	"sotay/record"
)

// TestFollowUpSavedAndQueued: a follow-up is the officer's change of the
// record: rev + 1, one outbox entry, after the HQ items held then.
func TestFollowUpSavedAndQueued(t *testing.T) {
	s := openInboxTest(t)
	d := newDifficulty(t, s, "Thiếu công chức")
	if err := s.AckPush(1<<62, nil); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 6, 30, 10, 0, 0, 0, time.UTC)
	if err := s.ApplyInbox([]InboxEvent{{Seq: 1, At: at, RecordID: d.ID, Status: "answered",
		Response: &record.Response{At: at, Author: "Tổ công tác", Text: "Bố trí kiêm nhiệm", Status: "answered"}}}, 1); err != nil {
		t.Fatal(err)
	}
	r, err := s.AddFollowUp(d.ID, "  Xã đã bố trí nhưng còn thiếu  ")
	if err != nil {
		t.Fatal(err)
	}
	if r.Rev != d.Rev+1 || len(r.FollowUps) != 1 || r.FollowUps[0].After != 1 || r.FollowUps[0].Text != "Xã đã bố trí nhưng còn thiếu" {
		t.Fatalf("after follow-up: rev %d follow-ups %+v", r.Rev, r.FollowUps)
	}
	if !r.WaitingForHQ() {
		t.Error("a reply to HQ's answer should wait for HQ")
	}
	if n := pending(t, s); n != 1 {
		t.Errorf("pending %d, want 1", n)
	}
	r, err = s.Resolve(d.ID, "Đã giải quyết tại xã")
	if err != nil {
		t.Fatal(err)
	}
	if note, ok := r.ResolvedOnSite(); !ok || note.Text != "Đã giải quyết tại xã" || r.WaitingForHQ() {
		t.Fatalf("resolve: %+v", r.FollowUps)
	}
	// A form's edit keeps the follow-ups (the form does not carry them).
	edit := r
	edit.FollowUps = nil
	edit.Title = "Thiếu công chức địa chính"
	if r, err = s.Update(edit); err != nil || len(r.FollowUps) != 2 {
		t.Fatalf("update dropped follow-ups: %+v %v", r.FollowUps, err)
	}
	if _, err := s.AddFollowUp(d.ID, " "); !isValidation(err) {
		t.Errorf("empty follow-up: %v, want a validation error", err)
	}
	l, err := s.Create(record.Record{Kind: record.KindLog, Date: "2026-06-29", Commune: "Xã A", Activity: "meeting", Content: "c"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddFollowUp(l.ID, "x"); !errors.Is(err, ErrNotDifficulty) {
		t.Errorf("follow-up on a log: %v", err)
	}
}

func isValidation(err error) bool { _, ok := record.AsValidation(err); return ok }

// TestReviewLocksAndNews: HQ's reviews arrive as events, once; approved
// locks every change until reopened; has_issues counts until the fix.
func TestReviewLocksAndNews(t *testing.T) {
	s := openInboxTest(t)
	d := newDifficulty(t, s, "Thiếu công chức")
	tr, err := s.Create(record.Record{Kind: record.KindTraining, Date: "2026-06-29", Commune: "Xã A", Topic: "Một cửa", Participants: 30})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 6, 30, 10, 0, 0, 0, time.UTC)
	review := func(seq uint64, id, state string, rev int64) InboxEvent {
		return InboxEvent{Seq: seq, At: at, RecordID: id, Review: &record.Review{State: state, Comment: "Số người \x1b[2Jsai", At: at, Rev: rev}}
	}
	evs := []InboxEvent{review(1, tr.ID, record.ReviewHasIssues, tr.Rev), review(2, d.ID, record.ReviewApproved, d.Rev)}
	for range 2 { // pulled twice: applied once
		if err := s.ApplyInbox(evs, 2); err != nil {
			t.Fatal(err)
		}
	}
	news, err := s.TakeNews()
	if err != nil || news != (News{NeedFix: 1}) {
		t.Fatalf("news %+v %v, want one record to fix", news, err)
	}
	if again, _ := s.TakeNews(); !again.Empty() {
		t.Fatalf("news told twice: %+v", again)
	}
	views, err := s.HQViews([]string{tr.ID, d.ID})
	if err != nil {
		t.Fatal(err)
	}
	if v := views[tr.ID]; !v.NeedsFix(tr.Rev) || v.Review.Comment != "Số người sai" {
		t.Fatalf("training view %+v", v.Review)
	}
	if fix, _ := s.NeedFix(); len(fix) != 1 || fix[0] != tr.ID {
		t.Fatalf("need fix %v", fix)
	}

	tests := []struct {
		name string
		do   func() error
	}{
		{"edit", func() error { d2 := d; d2.Title = "x"; _, err := s.Update(d2); return err }},
		{"delete", func() error { _, err := s.Delete(d.ID); return err }},
		{"follow-up", func() error { _, err := s.AddFollowUp(d.ID, "x"); return err }},
		{"resolve", func() error { _, err := s.Resolve(d.ID, "x"); return err }},
	}
	for _, tt := range tests {
		if err := tt.do(); !errors.Is(err, ErrApproved) {
			t.Errorf("%s of an approved record: %v, want ErrApproved", tt.name, err)
		}
	}
	if n := pending(t, s); n != 2 {
		t.Errorf("pending %d, want the 2 creations only", n)
	}
	if err := s.ApplyInbox([]InboxEvent{review(3, d.ID, record.ReviewReopened, d.Rev)}, 3); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddFollowUp(d.ID, "Bổ sung số liệu"); err != nil {
		t.Errorf("follow-up after reopen: %v", err)
	}
	// The fix: rev + 1 takes the training off the list.
	fixed := tr
	fixed.Participants = 35
	if _, err := s.Update(fixed); err != nil {
		t.Fatal(err)
	}
	if fix, _ := s.NeedFix(); len(fix) != 0 {
		t.Fatalf("after the fix still to fix: %v", fix)
	}
}

// TestReceipts: a push answer's receipts are kept at the rev each record
// was sent at; a rejected record gets none; a resend keeps HQ's first time.
func TestReceipts(t *testing.T) {
	s := openInboxTest(t)
	a := newDifficulty(t, s, "A")
	b := newDifficulty(t, s, "B")
	c := newDifficulty(t, s, "C")
	if _, err := s.AddFollowUp(a.ID, "thêm"); err != nil { // a at rev 2, twice in the outbox
		t.Fatal(err)
	}
	batch, err := s.NextPush(0, 100, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	t1 := time.Date(2026, 7, 1, 8, 0, 0, 0, time.UTC)
	t0 := t1.Add(-time.Hour)
	rej := []Rejection{{ID: c.ID, Rev: 1, Code: "invalid"}}
	held := map[string]Receipt{b.ID: {Rev: 1, At: t0}}
	if err := s.AckPushReceived(batch.Through, rej, t1, held); err != nil {
		t.Fatal(err)
	}
	views, err := s.HQViews([]string{a.ID, b.ID, c.ID})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		id   string
		rev  int64
		at   time.Time
		none bool
	}{
		{a.ID, 2, t1, false},
		{b.ID, 1, t0, false},
		{c.ID, 0, time.Time{}, true},
	}
	for _, tt := range tests {
		v := views[tt.id]
		if tt.none {
			if v.Receipt != nil {
				t.Errorf("%s: receipt %+v for a rejected record", tt.id, v.Receipt)
			}
			continue
		}
		if v.Receipt == nil || v.Receipt.Rev != tt.rev || !v.Receipt.At.Equal(tt.at) || !v.Received(tt.rev) {
			t.Errorf("%s: receipt %+v, want rev %d at %v", tt.id, v.Receipt, tt.rev, tt.at)
		}
	}
	// A new change is not received until pushed.
	r, err := s.AddFollowUp(a.ID, "nữa")
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := s.HQViews([]string{a.ID}); v[a.ID].Received(r.Rev) {
		t.Error("rev 3 counted as received before any push")
	}
}
