package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"sotay/hq"
	"sotay/record"
)

// TestRecordThreadAndReview: a difficulty's page shows the thread (HQ's
// answers and the officer's follow-ups) in its one order and says HQ owes
// an answer; review buttons go through DB.Review, refused without a
// comment for has_issues, audited.
func TestRecordThreadAndReview(t *testing.T) {
	r := newRig(t, Options{})
	hn := r.officer(t, "Nguyễn Văn An", "ha-noi")
	d := r.push(t, hn.Officer.ID, difficulty("Thiếu biên chế xã", "Xã Sóc Sơn", "staffing", "high"))[0]
	if _, err := r.db.Respond(d.ID, "in_progress", "Đề nghị báo cáo số biên chế.", "Tổ công tác"); err != nil {
		t.Fatal(err)
	}
	d.Rev = 2
	d.FollowUps = []record.FollowUp{{At: time.Now().UTC(), Text: "Xã có 18/22 biên chế <script>alert(1)</script>", After: 1}}
	if res, err := r.db.ApplyV2(hn.Officer.ID, "dev", "", 2, []record.Record{d}); err != nil || len(res.Rejected) > 0 {
		t.Fatalf("push v2: %+v %v", res, err)
	}
	m := r.user(t, "m@moha.gov.vn", hq.RoleMember, false)
	c := r.browser(t)
	r.signIn(t, c, m)
	page := r.get(t, c, "/d/"+d.ID)
	if page.status != http.StatusOK {
		t.Fatalf("record page: %d", page.status)
	}
	a, f := strings.Index(page.body, "Đề nghị báo cáo số biên chế."), strings.Index(page.body, "Xã có 18/22 biên chế")
	if a < 0 || f < 0 || f < a {
		t.Fatalf("thread out of order or missing (answer at %d, follow-up at %d)", a, f)
	}
	if strings.Contains(page.body, "<script>alert(1)") {
		t.Error("the officer's text reached the page as HTML")
	}
	if !strings.Contains(page.body, "Chờ Tổ công tác trả lời") {
		t.Error("the page does not say HQ owes an answer")
	}

	tests := []struct {
		name  string
		form  url.Values
		code  int
		state string
	}{
		{"has_issues needs a comment", url.Values{"state": {"has_issues"}}, http.StatusBadRequest, ""},
		{"has_issues", url.Values{"state": {"has_issues"}, "comment": {"Ghi rõ số biên chế còn thiếu"}}, http.StatusSeeOther, record.ReviewHasIssues},
		{"approve", url.Values{"state": {"approved"}}, http.StatusSeeOther, record.ReviewApproved},
		{"reopen", url.Values{"state": {"reopen"}, "comment": {"Bổ sung"}}, http.StatusSeeOther, record.ReviewReopened},
		{"unknown", url.Values{"state": {"rejected"}}, http.StatusBadRequest, record.ReviewReopened},
	}
	for _, tt := range tests {
		ans := r.post(t, c, "/d/"+d.ID+"/review", tt.form)
		if ans.status != tt.code {
			t.Errorf("%s: %d, want %d", tt.name, ans.status, tt.code)
		}
		sr, err := r.db.Record(d.ID)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if sr.Review != nil {
			got = sr.Review.State
		}
		if got != tt.state {
			t.Errorf("%s: review %q, want %q", tt.name, got, tt.state)
		}
	}
	if !r.audited(t, "review", d.ID) {
		t.Error("the review is not audited")
	}
	if page := r.get(t, c, "/d/"+d.ID); !strings.Contains(page.body, `value="approved"`) || !strings.Contains(page.body, "Bổ sung") {
		t.Error("after reopening, the page offers no approval or lacks the comment")
	}
	// A viewer sees the review but has no buttons.
	v := r.user(t, "v@moha.gov.vn", hq.RoleViewer, false)
	cv := r.browser(t)
	r.signIn(t, cv, v)
	if page := r.get(t, cv, "/d/"+d.ID); strings.Contains(page.body, `/review"`) {
		t.Error("a viewer is offered the review form")
	}
	if ans := r.post(t, cv, "/d/"+d.ID+"/review", url.Values{"state": {"approved"}}); ans.status != http.StatusForbidden {
		t.Errorf("a viewer's review: %d", ans.status)
	}
}

// TestInboxUrgentFirst: the inbox, unfiltered, opens with the urgent difficulties
// waiting for HQ past the overview's due time (one day), counted, named
// and linked to their filter; a liaison's counts only their provinces;
// answered, less severe or not yet overdue ones are not in it.
func TestInboxUrgentFirst(t *testing.T) {
	r := newRig(t, Options{})
	hn := r.officer(t, "Nguyễn Văn An", "ha-noi")
	dl := r.officer(t, "Y Bih Niê", "dak-lak")
	hnUrgent := r.push(t, hn.Officer.ID,
		difficulty("Chậm trả lương cán bộ xã", "Xã Sóc Sơn", "salary", "urgent"),
		difficulty("Mất dữ liệu hộ tịch", "Xã Đông Anh", "it", "urgent"))
	answered := r.push(t, hn.Officer.ID, difficulty("Trụ sở sập mái", "Xã Mê Linh", "facilities", "urgent"))[0]
	high := r.push(t, hn.Officer.ID, difficulty("Thiếu máy tính", "Xã Ba Vì", "it", "high"))[0]
	dlUrgent := r.push(t, dl.Officer.ID, difficulty("Không có chỗ lưu trữ hồ sơ", "Xã Ea Kao", "facilities", "urgent"))[0]
	if _, err := r.db.Respond(answered.ID, "answered", "Đã chuyển Vụ Kế hoạch - Tài chính.", "Tổ công tác"); err != nil {
		t.Fatal(err)
	}
	member, liaison := r.user(t, "m@moha.gov.vn", hq.RoleMember, false), r.user(t, "l@moha.gov.vn", hq.RoleLiaison, false, "ha-noi")
	cm, cl := r.browser(t), r.browser(t)
	r.signIn(t, cm, member)
	r.signIn(t, cl, liaison)
	if page := r.get(t, cm, "/inbox").body; strings.Contains(page, `class="urgent"`) {
		t.Error("the banner shows before any difficulty is overdue")
	}
	r.clock.add(time.Duration(hq.DueDays("urgent"))*24*time.Hour + time.Hour)
	r.signIn(t, cm, member) // the sessions expired meanwhile
	r.signIn(t, cl, liaison)

	banner := func(page string) string {
		i := strings.Index(page, `<section class="urgent"`)
		if i < 0 {
			return ""
		}
		if j := strings.Index(page, `<form class="filters"`); j < i {
			t.Error("the banner is not before the list")
		}
		return page[i : i+strings.Index(page[i:], "</section>")]
	}
	for _, tt := range []struct {
		who     string
		c       *http.Client
		heading string
		in, out []record.Record
	}{
		{"member", cm, "3 khó khăn khẩn cấp chờ trả lời quá hạn", []record.Record{hnUrgent[0], hnUrgent[1], dlUrgent}, []record.Record{answered, high}},
		{"liaison of Hà Nội", cl, "2 khó khăn khẩn cấp chờ trả lời quá hạn", hnUrgent, []record.Record{answered, high, dlUrgent}},
	} {
		b := banner(r.get(t, tt.c, "/inbox?sort=date").body)
		if b == "" {
			t.Errorf("%s: no banner", tt.who)
			continue
		}
		if !strings.Contains(b, tt.heading) {
			t.Errorf("%s: banner %q, want %q", tt.who, b, tt.heading)
		}
		for _, rec := range tt.in {
			if !strings.Contains(b, "/d/"+rec.ID) {
				t.Errorf("%s: the banner lacks %q", tt.who, rec.Title)
			}
		}
		for _, rec := range tt.out {
			if strings.Contains(b, "/d/"+rec.ID) {
				t.Errorf("%s: the banner names %q", tt.who, rec.Title)
			}
		}
		// Its link is the filter, and the filter lists the same.
		link := `href="/inbox?days=1&amp;severity=urgent&amp;sort=waiting"`
		if !strings.Contains(b, link) {
			t.Errorf("%s: the banner's link is not the filter %s:\n%s", tt.who, link, b)
		}
		list := r.get(t, tt.c, "/inbox?days=1&severity=urgent&sort=waiting").body
		if want := fmt.Sprintf("%d bản ghi", len(tt.in)); !strings.Contains(list, want) {
			t.Errorf("%s: the filter's count is not %q", tt.who, want)
		}
	}
	if page := r.get(t, cm, "/inbox?province=ha-noi").body; strings.Contains(page, `class="urgent"`) {
		t.Error("a filtered inbox shows the banner")
	}
	if ov := r.get(t, cm, "/").body; !strings.Contains(ov, `href="/inbox?days=1&amp;severity=urgent&amp;sort=waiting"`) {
		t.Error("the overview links another filter than the inbox's banner")
	}
}
