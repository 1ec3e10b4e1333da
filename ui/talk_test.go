package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sotay/i18n"
	"sotay/record"
	"sotay/store"
)

// TestDetailThread: at 80×24 the detail of a difficulty shows HQ's receipt,
// its review, and the thread in its one order, scrolled to its end.
func TestDetailThread(t *testing.T) {
	st := openTestStore(t, true)
	d, err := st.Create(record.Record{Kind: record.KindDifficulty, Date: "2026-02-04", Commune: "Xã Sóc Sơn",
		Category: "staffing", Severity: "high", Title: "Thiếu công chức địa chính"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := st.NextPush(0, 10, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	at := testNow.Add(time.Hour)
	if err := st.AckPushReceived(b.Through, nil, at, nil); err != nil {
		t.Fatal(err)
	}
	if err := st.ApplyInbox([]store.InboxEvent{
		{Seq: 1, At: at, RecordID: d.ID, Status: "answered", Response: &record.Response{At: at, Author: "Tổ công tác", Text: "Bố trí kiêm nhiệm.", Status: "answered"}},
		{Seq: 2, At: at, RecordID: d.ID, Review: &record.Review{State: record.ReviewHasIssues, Comment: "Ghi rõ số biên chế \x1b[2J", At: at, Rev: 1}},
	}, 2); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddFollowUp(d.ID, "Xã vẫn thiếu hai người."); err != nil {
		t.Fatal(err)
	}
	d, _ = st.Get(d.ID)
	m := newApp(st, Options{Lang: i18n.EN, Now: fixedNow}, true)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	v := newDetail(m.ctx, d)
	v.SetSize(m.bodySize())
	v.Update(loadHQView(m.ctx, d.ID)())
	v.Update(keyMsg("end"))
	screen := stripScreen(v.View())
	t.Logf("the end of the thread at 80×24:\n%s", screen)
	want := []string{"Edited", "Ghi rõ số biên chế", "Tổ công tác · Status: Answered", "Bố trí kiêm nhiệm.",
		"Officer", "Xã vẫn thiếu hai người.", "Waiting for HQ"}
	last := -1
	for _, w := range want {
		i := strings.Index(screen, w)
		if i < 0 || i < last {
			t.Fatalf("%q missing or out of order at 80×24:\n%s", w, screen)
		}
		last = i
	}
	if strings.Contains(v.View(), "\x1b[2J") {
		t.Error("HQ's escape sequence reached the screen")
	}
	// Rev 2 (the follow-up) is not at HQ yet: not received, waiting for a sync.
	v.Update(keyMsg("home"))
	if screen := stripScreen(v.View()); !strings.Contains(screen, "waiting for a sync") {
		t.Errorf("the follow-up's rev shows as received:\n%s", screen)
	}
}
