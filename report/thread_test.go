package report

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"sotay/record"
	"sotay/store"
)

// TestReportThread: a difficulty the officer followed up prints its thread
// in its one order (HQ's answer, the follow-up, the resolution on site);
// one without follow-ups prints HQ's latest answer as before.
func TestReportThread(t *testing.T) {
	st := openNotebook(t, store.Options{NoSync: true, Now: func() time.Time { return clock }})
	d, err := st.Create(record.Record{Kind: record.KindDifficulty, Date: "2026-02-03", Commune: "Xã Yên Sơn",
		Category: "staffing", Severity: "high", Title: "Thiếu công chức địa chính"})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 2, 4, 8, 0, 0, 0, time.UTC)
	if err := st.ApplyInbox([]store.InboxEvent{{Seq: 1, At: at, RecordID: d.ID, Status: "in_progress",
		Response: &record.Response{At: at, Author: "Tổ công tác", Text: "Đề nghị báo cáo số biên chế.", Status: "in_progress"}}}, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddFollowUp(d.ID, "Xã có 18/22 biên chế."); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Resolve(d.ID, "UBND xã bố trí kiêm nhiệm."); err != nil {
		t.Fatal(err)
	}
	r, err := Build(context.Background(), st, Week(clock), clock)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf, r); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	want := []string{"Đề nghị báo cáo số biên chế.", "Cán bộ trao đổi thêm", "Xã có 18/22 biên chế.", "Đã giải quyết tại cơ sở", "UBND xã bố trí kiêm nhiệm."}
	last := -1
	for _, w := range want {
		i := strings.Index(md, w)
		if i <= last {
			t.Fatalf("%q missing or out of order in:\n%s", w, md)
		}
		last = i
	}
	if r.Difficulties.ByOutcome[OutcomeAnswered] != 1 {
		t.Errorf("outcomes %v: answered by HQ, then resolved on site, counts as answered", r.Difficulties.ByOutcome)
	}
}
