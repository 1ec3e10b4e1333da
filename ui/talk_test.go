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

// TestNewsOnce: after a sync that brought answers, a notice and a review,
// the TUI says so once, in the officer's words.
func TestNewsOnce(t *testing.T) {
	st := openTestStore(t, true)
	d, err := st.Create(record.Record{Kind: record.KindDifficulty, Date: "2026-02-04", Commune: "Xã A",
		Category: "staffing", Severity: "high", Title: "Thiếu người"})
	if err != nil {
		t.Fatal(err)
	}
	tr, err := st.Create(record.Record{Kind: record.KindTraining, Date: "2026-02-04", Commune: "Xã A", Topic: "Một cửa", Participants: 10})
	if err != nil {
		t.Fatal(err)
	}
	at := testNow
	if err := st.ApplyInbox([]store.InboxEvent{
		{Seq: 1, At: at, RecordID: d.ID, Response: &record.Response{At: at, Author: "Tổ công tác", Text: "Trả lời"}},
		{Seq: 2, At: at, Notice: &store.Notice{Title: "Giao ban", Text: "8h"}},
		{Seq: 3, At: at, RecordID: tr.ID, Review: &record.Review{State: record.ReviewHasIssues, Comment: "Sai số", At: at, Rev: 1}},
	}, 3); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang i18n.Lang
		want string
	}{
		{i18n.VI, "Tổ công tác trả lời 1 khó khăn · 1 thông báo mới · 1 bản ghi cần sửa"},
		{i18n.EN, ""}, // told already
	}
	for _, tt := range tests {
		m := newApp(st, Options{Lang: tt.lang, Now: fixedNow}, true)
		msg := takeNews(m.ctx)()
		got := ""
		if tm, ok := msg.(toastMsg); ok {
			got = tm.text
		}
		if got != tt.want {
			t.Errorf("%s: news %q, want %q", tt.lang, got, tt.want)
		}
	}
	// The overview counts what waits for a fix; the list marks it.
	m := newApp(st, Options{Lang: i18n.VI, Now: fixedNow}, true)
	wd, err := readWeek(m.ctx.bg, st, testNow)
	if err != nil || wd.needFix != 1 {
		t.Fatalf("overview: %d to fix, %v", wd.needFix, err)
	}
	o := newOverview(m.ctx)
	o.SetSize(80, 21)
	o.Update(overviewMsg{seq: o.seq, data: wd})
	if screen := stripScreen(o.View()); !strings.Contains(screen, "1 bản ghi cần sửa") {
		t.Errorf("overview lacks the count to fix:\n%s", screen)
	}
}

// TestLongTextScrollsToItsEnd: a 10,000-character notice, and an answer as
// long in a difficulty's thread, scroll to their last words with End and
// with PgDn at 80×24.
func TestLongTextScrollsToItsEnd(t *testing.T) {
	st := openTestStore(t, true)
	long := strings.Repeat("Hướng dẫn thực hiện chế độ chính sách cho cán bộ. ", 200) + "HẾT-VĂN-BẢN"
	if n := len([]rune(long)); n < 10000 {
		t.Fatalf("only %d characters", n)
	}
	d, err := st.Create(record.Record{Kind: record.KindDifficulty, Date: "2026-02-04", Commune: "Xã A",
		Category: "staffing", Severity: "high", Title: "Dài"})
	if err != nil {
		t.Fatal(err)
	}
	at := testNow
	if err := st.ApplyInbox([]store.InboxEvent{
		{Seq: 1, At: at, RecordID: d.ID, Response: &record.Response{At: at, Author: "Tổ công tác", Text: long}},
	}, 1); err != nil {
		t.Fatal(err)
	}
	d, _ = st.Get(d.ID)
	m := newApp(st, Options{Lang: i18n.VI, Now: fixedNow}, true)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	views := map[string]interface {
		Update(tea.Msg) tea.Cmd
		View() string
		SetSize(int, int)
	}{
		"notice": newNoticeView(m.ctx, store.Notice{ID: "1", At: at, Title: "Dài", Text: long}),
		"answer": newDetail(m.ctx, d),
	}
	for name, v := range views {
		for _, keys := range [][]string{{"end"}, slicesRepeat("pgdown", 200)} {
			v.SetSize(m.bodySize())
			for _, k := range keys {
				v.Update(keyMsg(k))
			}
			if screen := stripScreen(v.View()); !strings.Contains(screen, "HẾT-VĂN-BẢN") {
				t.Errorf("%s after %s: the end is not reached:\n%s", name, keys[0], screen)
			}
			v.Update(keyMsg("home"))
		}
	}
}

func slicesRepeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

// TestReplyFromDetail: a on a difficulty's detail writes a follow-up, x
// marks it resolved on site; each is saved at the next rev, queued for HQ,
// and shows in the thread. An empty reply is refused, its page kept.
func TestReplyFromDetail(t *testing.T) {
	st := openTestStore(t, true)
	d, err := st.Create(record.Record{Kind: record.KindDifficulty, Date: "2026-02-04", Commune: "Xã A",
		Category: "staffing", Severity: "high", Title: "Thiếu công chức"})
	if err != nil {
		t.Fatal(err)
	}
	u := startTUI(t, st, i18n.EN, 80, 24)
	u.waitFor("This week")
	u.press("3")
	u.waitFor("Thiếu công chức")
	u.press("enter")
	u.waitFor("a reply")
	u.press("a")
	u.waitFor("Reply: Thiếu công chức")
	u.press("ctrl+s")
	u.waitFor("is required")
	u.typeText("Xã đã bố trí kiêm nhiệm")
	u.press("ctrl+s")
	u.waitFor("follow-up saved (rev 2)", "Xã đã bố trí kiêm nhiệm", "Waiting for HQ")
	u.press("x")
	u.waitFor("Resolved on site: Thiếu công chức")
	u.typeText("Đã giải quyết tại xã")
	u.press("ctrl+s")
	u.waitFor("marked resolved on site (rev 3)", "Đã giải quyết tại xã")
	u.quit()
	got, err := st.Get(d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Rev != 3 || len(got.FollowUps) != 2 || !got.FollowUps[1].Resolved {
		t.Fatalf("after the replies: rev %d follow-ups %+v", got.Rev, got.FollowUps)
	}
	if n, _ := st.Pending(); n != 1 {
		t.Errorf("pending %d, want the difficulty", n)
	}
}
