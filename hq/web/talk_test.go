package web

import (
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
