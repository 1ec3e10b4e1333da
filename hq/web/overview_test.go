package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"sotay/hq"
)

// TestOverview: the home page draws the national picture for a member and
// only their provinces for a liaison; officers' text in it is text; the
// charts are SVG drawn by the server with their numbers beside them.
func TestOverview(t *testing.T) {
	r := newRig(t, Options{})
	hn := r.officer(t, "Nguyễn Văn An", "ha-noi")
	dl := r.officer(t, "Y Bih Niê", "dak-lak")
	r.push(t, hn.Officer.ID, difficulty("Thiếu biên chế <script>alert(1)</script>", "Xã Sóc Sơn", "staffing", "urgent"))
	r.push(t, dl.Officer.ID, difficulty("Chậm chi trả chế độ", "Xã Ea Kao", "severance", "high"))
	r.clock.add(5 * 24 * time.Hour) // both now wait past their due time
	member := r.user(t, "tv@moha.gov.vn", hq.RoleMember, false)
	li := r.user(t, "li@moha.gov.vn", hq.RoleLiaison, false, "ha-noi")

	for _, tc := range []struct {
		name    string
		who     account
		path    string
		want    []string
		notWant []string
	}{
		{"member", member, "/?period=month&at=2026-06-01", []string{"<svg class=\"chart\"", "Nguyễn Văn An", "Y Bih Niê",
			"Thiếu biên chế &lt;script&gt;", "Chậm chi trả chế độ", "shade-4", "Khó khăn chờ trả lời quá hạn: 2"},
			[]string{"<script>alert"}},
		{"liaison", li, "/?period=month&at=2026-06-01", []string{"Nguyễn Văn An", "Khó khăn chờ trả lời quá hạn: 1"},
			[]string{"Y Bih Niê", "Chậm chi trả chế độ", "Đắk Lắk"}},
		{"liaison asking for more", li, "/?period=month&at=2026-06-01&province=dak-lak", nil, []string{"Chậm chi trả chế độ"}},
		{"this week by default", member, "/", []string{"Tổng quan", "Xu hướng 12 tuần"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := r.browser(t)
			r.signIn(t, c, tc.who)
			got := r.get(t, c, tc.path)
			if got.status != http.StatusOK {
				t.Fatalf("%s: %d\n%s", tc.path, got.status, got.body)
			}
			for _, w := range tc.want {
				if !strings.Contains(got.body, w) {
					t.Errorf("lacks %q", w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(got.body, w) {
					t.Errorf("shows %q", w)
				}
			}
		})
	}
	c := r.browser(t)
	r.signIn(t, c, member)
	if got := r.get(t, c, "/?period=year"); got.status != http.StatusBadRequest {
		t.Errorf("a bad period: %d", got.status)
	}
}

// TestGroupReport: the report page prefills the group's sections, saves
// them for the reader's scope, and the files carry them; a viewer reads
// but cannot save; downloads are audited.
func TestGroupReport(t *testing.T) {
	r := newRig(t, Options{})
	hn := r.officer(t, "Nguyễn Văn An", "ha-noi")
	dl := r.officer(t, "Y Bih Niê", "dak-lak")
	r.push(t, hn.Officer.ID, difficulty("Thiếu biên chế xã", "Xã Sóc Sơn", "staffing", "urgent"))
	r.push(t, dl.Officer.ID, difficulty("Chậm chi trả chế độ", "Xã Ea Kao", "severance", "high"))
	member := r.user(t, "tv@moha.gov.vn", hq.RoleMember, false)
	li := r.user(t, "li@moha.gov.vn", hq.RoleLiaison, false, "ha-noi")
	viewer := r.user(t, "xem@moha.gov.vn", hq.RoleViewer, false)
	const q = "period=month&at=2026-06-01"

	c := r.browser(t)
	r.signIn(t, c, member)
	page := r.get(t, c, "/report?"+q)
	if page.status != http.StatusOK || !strings.Contains(page.body, "Các công chức biệt phái duy trì") {
		t.Fatalf("report page: %d\n%s", page.status, page.body)
	}
	saved := r.post(t, c, "/report?"+q, url.Values{"assessment": {"Nhận định của Tổ công tác."}, "proposals": {"- Kiến nghị A."}, "next_tasks": {""}})
	if saved.status != http.StatusSeeOther {
		t.Fatalf("save: %d %s", saved.status, saved.body)
	}
	md := r.get(t, c, "/report/file?"+q+"&format=md")
	if md.status != http.StatusOK || !strings.Contains(md.body, "Nhận định của Tổ công tác.") || !strings.Contains(md.body, "| Đắk Lắk |") ||
		!strings.Contains(md.header.Get("Content-Disposition"), "attachment; filename=\"bao-cao-tct-2026-06.md\"") {
		t.Errorf("md: %d %v\n%s", md.status, md.header, md.body)
	}
	docx := r.get(t, c, "/report/file?"+q+"&format=docx")
	if docx.status != http.StatusOK || !strings.HasPrefix(docx.body, "PK") {
		t.Errorf("docx: %d", docx.status)
	}
	if !r.audited(t, "report", "docx") || !r.audited(t, "report_text", "") {
		t.Error("the report's download or edit is not audited")
	}

	lc := r.browser(t)
	r.signIn(t, lc, li)
	lmd := r.get(t, lc, "/report/file?"+q+"&format=md")
	if strings.Contains(lmd.body, "Đắk Lắk") || strings.Contains(lmd.body, "Nhận định của Tổ công tác.") || !strings.Contains(lmd.body, "Hà Nội") {
		t.Errorf("a liaison's report shows other provinces or the national text:\n%s", lmd.body)
	}

	vc := r.browser(t)
	r.signIn(t, vc, viewer)
	if got := r.get(t, vc, "/report?"+q); got.status != http.StatusOK || !strings.Contains(got.body, "readonly") {
		t.Errorf("viewer's report page: %d", got.status)
	}
	if got := r.post(t, vc, "/report?"+q, url.Values{"assessment": {"x"}}); got.status != http.StatusForbidden {
		t.Errorf("viewer saving the report: %d", got.status)
	}
}
