package web

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"sotay/hq"
	"sotay/record"
	"sotay/store"
	"sotay/sync"
)

// TestBrowserConversation is issue 11's round trip with a real notebook
// (bbolt store and sync client over TLS) and a real Chromium: the officer
// sends a difficulty and a training; a member answers the difficulty and
// marks the training "has issues" through the record page's buttons; the
// officer syncs, sees both, replies on the difficulty, fixes the training
// (rev + 1) and syncs; the browser shows the training "edited" and the
// officer waiting; and the difficulty's thread reads the same, item by
// item in order, on HQ's page and in the notebook.
func TestBrowserConversation(t *testing.T) {
	r := newRig(t, Options{})
	ctx := startBrowser(t, r)
	member := r.user(t, "lan.nguyen@moha.gov.vn", hq.RoleMember, false)

	hn := r.officer(t, "Nguyễn Văn An", "ha-noi")
	st, err := store.Open(filepath.Join(t.TempDir(), store.FileName), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.SetProfile(store.Profile{Name: "Nguyễn Văn An", Province: "ha-noi"}); err != nil {
		t.Fatal(err)
	}
	if _, err := sync.Enroll(st, hn.Code); err != nil {
		t.Fatal(err)
	}
	cl, err := sync.New(st, sync.Options{BaseDelay: 10 * time.Millisecond, MaxDelay: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	syncNow := func(why string) {
		t.Helper()
		if _, err := cl.Sync(context.Background(), nil); err != nil {
			t.Fatalf("sync (%s): %v", why, err)
		}
	}
	d, err := st.Create(record.Record{Kind: record.KindDifficulty, Date: "2026-06-01", Commune: "Xã Sóc Sơn",
		Category: "salary", Severity: "urgent", Title: "Chậm trả lương cho cán bộ xã sau sáp nhập",
		Description: "Ba tháng nay 14 công chức xã chưa nhận lương."})
	if err != nil {
		t.Fatal(err)
	}
	tr, err := st.Create(record.Record{Kind: record.KindTraining, Date: "2026-06-03", Commune: "Phường Ba Đình",
		Topic: "Nghiệp vụ hộ tịch cấp xã", Audience: "Công chức tư pháp - hộ tịch", Participants: 62, Women: new(38)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddFollowUp(d.ID, "Xã đã gửi văn bản lên tỉnh từ tháng 4."); err != nil {
		t.Fatal(err)
	}
	syncNow("first push")

	// HQ, in the browser: answer the difficulty, mark the training.
	browserSignIn(t, ctx, r, member)
	answer := "Bộ đã có văn bản hướng dẫn tạm ứng; đề nghị tỉnh chi trả trong tuần."
	step(t, ctx, "answer the difficulty",
		chromedp.Navigate(r.srv.URL+"/d/"+d.ID), chromedp.WaitVisible(chromedp.CSS("#text")),
		chromedp.SetValue(chromedp.CSS("#status"), "in_progress"),
		chromedp.SendKeys(chromedp.CSS("#text"), answer),
		chromedp.Click(chromedp.CSS(`form[action$="/answer"] button`)),
		chromedp.WaitVisible(chromedp.CSS("ol.thread li.from-hq")))
	comment := "Chưa ghi giảng viên: đề nghị bổ sung."
	step(t, ctx, "mark the training",
		chromedp.Navigate(r.srv.URL+"/d/"+tr.ID), chromedp.WaitVisible(chromedp.CSS("#comment")),
		chromedp.SendKeys(chromedp.CSS("#comment"), comment),
		chromedp.Click(chromedp.CSS(`button[name="state"][value="has_issues"]`)),
		chromedp.WaitVisible(chromedp.CSS(".review .badge.rv-has_issues")))

	// The officer syncs and sees both.
	syncNow("pull HQ's answer and review")
	got, err := st.Get(d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a, ok := record.LastAnswer(got.Responses); !ok || a.Text != answer || got.Status != "in_progress" {
		t.Errorf("the notebook's difficulty: %q %+v", got.Status, got.Responses)
	}
	views, err := st.HQViews([]string{tr.ID})
	if err != nil {
		t.Fatal(err)
	}
	if v := views[tr.ID]; !v.NeedsFix(tr.Rev) || v.Review.Comment != comment {
		t.Fatalf("the notebook's training is not marked to fix with HQ's comment: %+v", v.Review)
	}
	if _, err := st.AddFollowUp(d.ID, "Tỉnh hẹn chi trả ngày 15/6; xin Bộ theo dõi."); err != nil {
		t.Fatal(err)
	}
	tr.Trainers = "Vụ Chính quyền địa phương"
	fixed, err := st.Update(tr)
	if err != nil {
		t.Fatal(err)
	}
	if fixed.Rev != tr.Rev+1 {
		t.Errorf("the fix is rev %d, want %d", fixed.Rev, tr.Rev+1)
	}
	syncNow("push the fix and the reply")

	// HQ sees the training edited and the officer waiting.
	step(t, ctx, "trainings", chromedp.Navigate(r.srv.URL+"/trainings"), chromedp.WaitVisible(chromedp.CSS("dl.totals")))
	if row := text(t, ctx, `tr:has(a[href="/d/`+tr.ID+`"])`); !strings.Contains(row, "Đã sửa, chờ Tổ công tác xem lại") {
		t.Errorf("the trainings list shows %q, not edited", row)
	}
	step(t, ctx, "inbox", chromedp.Navigate(r.srv.URL+"/inbox"), chromedp.WaitVisible(chromedp.CSS("form.filters")))
	if row := text(t, ctx, `tr:has(a[href="/d/`+d.ID+`"])`); !strings.Contains(row, "Chờ Tổ công tác trả lời") {
		t.Errorf("the inbox shows %q, not waiting for HQ", row)
	}
	shot(t, ctx, "40-conversation-inbox")

	// One thread, two ends.
	step(t, ctx, "the difficulty", chromedp.Navigate(r.srv.URL+"/d/"+d.ID), chromedp.WaitVisible(chromedp.CSS("ol.thread")))
	shot(t, ctx, "41-conversation-thread")
	type item struct{ From, Text string }
	items, err := chromedp.Run(ctx, chromedp.Evaluate[[]item](`Array.from(document.querySelectorAll(
		"section[aria-labelledby=thread-h] ol.thread > li")).map(li => ({
			From: li.className.replace("from-", ""), Text: (li.querySelector("p.text") || {textContent: ""}).textContent}))`))
	if err != nil {
		t.Fatal(err)
	}
	got, err = st.Get(d.ID)
	if err != nil {
		t.Fatal(err)
	}
	var notebook []item
	for _, it := range got.Thread() {
		notebook = append(notebook, item{it.From, it.Text})
	}
	want := []item{{"officer", "Xã đã gửi văn bản lên tỉnh từ tháng 4."}, {"hq", answer},
		{"officer", "Tỉnh hẹn chi trả ngày 15/6; xin Bộ theo dõi."}}
	if !slices.Equal(items, notebook) || !slices.Equal(notebook, want) {
		t.Errorf("the thread differs:\n HQ's page %q\n notebook  %q\n want      %q", items, notebook, want)
	}
}
