package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"
	"github.com/xuri/excelize/v2"

	"sotay/hq"
	"sotay/i18n"
	"sotay/record"
	"sotay/store"
	"sotay/sync"
	"sotay/sync/wire"
)

func TestSecurityHeadersAndCookie(t *testing.T) {
	r := newRig(t, Options{})
	admin := r.user(t, "admin@moha.gov.vn", hq.RoleAdmin, true)
	c := r.browser(t)
	ans := r.get(t, c, "/signin")
	for k, want := range map[string]string{
		"X-Frame-Options":        "DENY",
		"X-Content-Type-Options": "nosniff",
		"Referrer-Policy":        "same-origin",
	} {
		if got := ans.header.Get(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
	csp := ans.header.Get("Content-Security-Policy")
	for _, part := range []string{"default-src 'self'", "script-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, part) {
			t.Errorf("CSP %q lacks %q", csp, part)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(ans.body, "<script>") || strings.Contains(ans.body, "http://") {
		t.Error("inline script or an outside asset")
	}
	r.clock.add(30 * time.Second)
	code, _ := totp.GenerateCode(admin.Secret, r.clock.now())
	resp := r.post(t, c, "/signin", url.Values{"email": {admin.Email}, "password": {admin.Password}, "code": {code}})
	if resp.status != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", resp.status)
	}
	set := resp.header.Get("Set-Cookie")
	for _, part := range []string{CookieSession + "=", "Secure", "HttpOnly", "SameSite=Strict", "Path=/"} {
		if !strings.Contains(set, part) {
			t.Errorf("cookie %q lacks %s", set, part)
		}
	}
	if got := r.get(t, c, "/inbox"); got.status != http.StatusOK {
		t.Errorf("inbox after sign-in: %d", got.status)
	}
	if !r.audited(t, "signin", admin.ID) {
		t.Error("sign-in not audited")
	}
	// The same code a second time is refused, even with the right password.
	c2 := r.browser(t)
	again := r.post(t, c2, "/signin", url.Values{"email": {admin.Email}, "password": {admin.Password}, "code": {code}})
	if again.status != http.StatusUnauthorized {
		t.Errorf("a replayed code: %d", again.status)
	}
}

func TestAdminNeedsSecondFactor(t *testing.T) {
	r := newRig(t, Options{})
	a := r.user(t, "a@moha.gov.vn", hq.RoleAdmin, true)
	ans := r.post(t, r.browser(t), "/signin", url.Values{"email": {a.Email}, "password": {a.Password}})
	if ans.status != http.StatusUnauthorized {
		t.Errorf("admin without a code: %d", ans.status)
	}
}

func TestLiaisonConfinedToProvinces(t *testing.T) {
	r := newRig(t, Options{})
	hn := r.officer(t, "Nguyễn Văn An", "ha-noi")
	dl := r.officer(t, "Y Bih Niê", "dak-lak")
	mine := r.push(t, hn.Officer.ID, difficulty("Thiếu biên chế xã", "Xã Sóc Sơn", "staffing", "high"))[0]
	theirs := r.push(t, dl.Officer.ID, difficulty("Chậm chi trả chế độ", "Xã Ea Kao", "severance", "urgent"))[0]
	li := r.user(t, "li@moha.gov.vn", hq.RoleLiaison, false, "ha-noi")
	c := r.browser(t)
	r.signIn(t, c, li)

	inbox := r.get(t, c, "/inbox")
	if !strings.Contains(inbox.body, "Thiếu biên chế xã") || strings.Contains(inbox.body, "Chậm chi trả") {
		t.Errorf("liaison's inbox shows the wrong provinces")
	}
	// Asking for the other province by URL changes nothing.
	if got := r.get(t, c, "/inbox?province=dak-lak"); strings.Contains(got.body, "Chậm chi trả") {
		t.Error("the URL widened a liaison's inbox")
	}
	if got := r.get(t, c, "/d/"+mine.ID); got.status != http.StatusOK {
		t.Errorf("own province's difficulty: %d", got.status)
	}
	if got := r.get(t, c, "/d/"+theirs.ID); got.status != http.StatusNotFound {
		t.Errorf("another province's difficulty: %d, want 404", got.status)
	}
	if !r.audited(t, "denied.province", theirs.ID) {
		t.Error("the refusal is not audited")
	}
	ans := r.post(t, c, "/d/"+theirs.ID+"/answer", url.Values{"status": {"answered"}, "text": {"x"}})
	if ans.status != http.StatusNotFound {
		t.Errorf("answer to another province: %d", ans.status)
	}
	bulk := r.post(t, c, "/inbox/status", url.Values{"id": {mine.ID, theirs.ID}, "status": {"resolved"}})
	if bulk.status != http.StatusNotFound {
		t.Errorf("bulk change reaching another province: %d", bulk.status)
	}
	if sr, _ := r.db.Record(theirs.ID); sr.Record.Status != "new" || len(sr.Record.Responses) != 0 {
		t.Errorf("another province's difficulty changed: %+v", sr.Record)
	}
	if sr, _ := r.db.Record(mine.ID); sr.Record.Status != "new" {
		t.Errorf("a refused bulk change wrote part of itself: %s", sr.Record.Status)
	}
	exp := r.get(t, c, "/export?format=csv&kind=difficulty")
	if exp.status != http.StatusOK || !strings.Contains(exp.body, "Thiếu biên chế") || strings.Contains(exp.body, "Chậm chi trả") {
		t.Errorf("liaison's export: %d\n%s", exp.status, exp.body)
	}
	// Guessing ids finds nothing either.
	if got := r.get(t, c, "/d/0192f0c4-0000-7000-8000-000000000000"); got.status != http.StatusNotFound {
		t.Errorf("a guessed id: %d", got.status)
	}
	if got := r.get(t, c, "/users"); got.status != http.StatusForbidden {
		t.Errorf("liaison on the users page: %d", got.status)
	}
	if !r.audited(t, "denied.role", "/users") {
		t.Error("role refusal not audited")
	}
}

// TestRevisionsShown: a difficulty's page lists what each edit the officer
// sent changed.
func TestRevisionsShown(t *testing.T) {
	r := newRig(t, Options{})
	o := r.officer(t, "Nguyễn Văn An", "ha-noi")
	d := r.push(t, o.Officer.ID, difficulty("Thiếu máy tính", "Xã Sóc Sơn", "facilities", "medium"))[0]
	d.Rev, d.Title, d.Description = 2, "Thiếu máy tính và máy in", "Cần 3 máy in"
	r.push(t, o.Officer.ID, d)
	m := r.user(t, "m@moha.gov.vn", hq.RoleMember, false)
	c := r.browser(t)
	r.signIn(t, c, m)
	if page := r.get(t, c, "/d/"+d.ID).body; !strings.Contains(page, "sửa: Tiêu đề, Mô tả") {
		t.Error("the page does not say what rev 2 changed")
	}
}

func TestViewerReadsOnly(t *testing.T) {
	r := newRig(t, Options{})
	o := r.officer(t, "Nguyễn Văn An", "ha-noi")
	d := r.push(t, o.Officer.ID, difficulty("Thiếu máy tính", "Xã Sóc Sơn", "facilities", "medium"))[0]
	v := r.user(t, "v@moha.gov.vn", hq.RoleViewer, false)
	c := r.browser(t)
	r.signIn(t, c, v)
	if got := r.get(t, c, "/d/"+d.ID); got.status != http.StatusOK || strings.Contains(got.body, `action="/d/`+d.ID+`/answer"`) {
		t.Errorf("viewer's difficulty page: %d", got.status)
	}
	for _, path := range []string{"/d/" + d.ID + "/answer", "/d/" + d.ID + "/note", "/notices", "/officers/enroll"} {
		if got := r.post(t, c, path, url.Values{"status": {"answered"}, "text": {"x"}, "note": {"x"}, "title": {"x"}, "action": {"send"}, "confirm": {"yes"}}); got.status != http.StatusForbidden {
			t.Errorf("viewer POST %s: %d", path, got.status)
		}
	}
	if sr, _ := r.db.Record(d.ID); sr.Record.Status != "new" {
		t.Error("a viewer changed a difficulty")
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	r := newRig(t, Options{})
	o := r.officer(t, "Nguyễn Văn An", "ha-noi")
	d := r.push(t, o.Officer.ID, difficulty("Thiếu máy tính", "Xã Sóc Sơn", "facilities", "medium"))[0]
	m := r.user(t, "m@moha.gov.vn", hq.RoleMember, false)
	c := r.browser(t)
	r.signIn(t, c, m)
	form := url.Values{"status": {"answered"}, "text": {"trả lời giả mạo"}}
	for name, h := range map[string]http.Header{
		"sec-fetch-site": {"Sec-Fetch-Site": {"cross-site"}},
		"origin":         {"Origin": {"https://evil.example"}},
	} {
		ans := r.do(t, c, http.MethodPost, "/d/"+d.ID+"/answer", form, h)
		if ans.status != http.StatusForbidden {
			t.Errorf("%s: cross-origin post answered %d", name, ans.status)
		}
	}
	if sr, _ := r.db.Record(d.ID); len(sr.Record.Responses) != 0 {
		t.Error("a cross-origin post answered a difficulty")
	}
	if !r.audited(t, "denied.cross_origin", "") {
		t.Error("cross-origin refusal not audited")
	}
	// The same post from the page itself goes through.
	if ans := r.post(t, c, "/d/"+d.ID+"/answer", form); ans.status != http.StatusSeeOther {
		t.Errorf("same-origin post: %d %s", ans.status, ans.body)
	}
}

func TestSessionExpires(t *testing.T) {
	r := newRig(t, Options{IdleTimeout: 10 * time.Minute, AbsoluteTimeout: time.Hour})
	m := r.user(t, "m@moha.gov.vn", hq.RoleMember, false)
	c := r.browser(t)
	r.signIn(t, c, m)
	for range 6 { // used every 9 minutes: alive, until the absolute limit
		r.clock.add(9 * time.Minute)
		if got := r.get(t, c, "/inbox"); got.status != http.StatusOK {
			t.Fatalf("session ended while in use at %v", r.clock.now())
		}
	}
	r.clock.add(9 * time.Minute) // past an hour since sign-in
	got := r.get(t, c, "/inbox")
	if got.status != http.StatusSeeOther || !strings.HasPrefix(got.header.Get("Location"), "/signin") {
		t.Errorf("after the absolute timeout: %d %s", got.status, got.header.Get("Location"))
	}
	r.signIn(t, c, m)
	r.clock.add(11 * time.Minute) // idle
	if got := r.get(t, c, "/inbox"); got.status != http.StatusSeeOther {
		t.Errorf("after the idle timeout: %d", got.status)
	}
	if !r.audited(t, "session.expired", m.ID) {
		t.Error("expiry not audited")
	}
	// A POST on an ended session is refused, not redirected into.
	if got := r.post(t, c, "/notices", url.Values{"title": {"x"}, "text": {"y"}, "action": {"send"}}); got.status != http.StatusUnauthorized {
		t.Errorf("post after expiry: %d", got.status)
	}
}

func TestHostileTextShownAsText(t *testing.T) {
	r := newRig(t, Options{})
	o := r.officer(t, `Kẻ <b>xấu</b>`, "ha-noi")
	d := r.push(t, o.Officer.ID, record.Record{Kind: record.KindDifficulty, Date: "2026-06-01",
		Commune: `<img src=x onerror=alert(1)>`, Category: "staffing", Severity: "urgent",
		Title:       `<script>alert("title")</script>`,
		Description: `<a href="javascript:alert(1)">bấm vào đây</a>`,
		Proposal:    `"><svg onload=alert(1)>`})[0]
	m := r.user(t, "m@moha.gov.vn", hq.RoleMember, false)
	c := r.browser(t)
	r.signIn(t, c, m)
	for _, path := range []string{"/inbox", "/d/" + d.ID, "/inbox?q=" + url.QueryEscape(`<script>alert("q")</script>`)} {
		body := r.get(t, c, path).body
		for _, bad := range []string{"<script>alert", `href="javascript:`, "<img src=x", "<svg onload", "<b>xấu</b>"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s shows %q unescaped", path, bad)
			}
		}
		if path != "/inbox" && !strings.Contains(body, "&lt;script&gt;alert(") {
			t.Errorf("%s lost the text instead of escaping it", path)
		}
	}
	// An answer with markup reaches the page escaped too.
	r.post(t, c, "/d/"+d.ID+"/answer", url.Values{"status": {"answered"}, "text": {`<script>alert("answer")</script>`}})
	if body := r.get(t, c, "/d/"+d.ID).body; strings.Contains(body, `<script>alert("answer")`) {
		t.Error("an answer with markup shown unescaped")
	}
}

func TestOpenRedirectRefused(t *testing.T) {
	r := newRig(t, Options{})
	m := r.user(t, "m@moha.gov.vn", hq.RoleMember, false)
	for _, next := range []string{"//evil.example/x", "https://evil.example", `/\evil.example`, "javascript:alert(1)", "/inbox\r\nX: y"} {
		c := r.browser(t)
		r.clock.add(time.Second)
		ans := r.post(t, c, "/signin", url.Values{"email": {m.Email}, "password": {m.Password}, "next": {next}})
		if ans.status != http.StatusSeeOther || ans.header.Get("Location") != "/inbox" {
			t.Errorf("next=%q: %d to %q", next, ans.status, ans.header.Get("Location"))
		}
		lang := r.post(t, c, "/lang", url.Values{"to": {"en"}, "back": {next}})
		if lang.header.Get("Location") != "/inbox" {
			t.Errorf("language back=%q: to %q", next, lang.header.Get("Location"))
		}
	}
	c := r.browser(t)
	ans := r.post(t, c, "/signin", url.Values{"email": {m.Email}, "password": {m.Password}, "next": {"/d/abc?x=1"}})
	if ans.header.Get("Location") != "/d/abc?x=1" {
		t.Errorf("a local next: %q", ans.header.Get("Location"))
	}
}

func TestBruteForceLocks(t *testing.T) {
	r := newRig(t, Options{MaxFailures: 5, LockFor: 15 * time.Minute, PerAddrMinute: 1000})
	m := r.user(t, "m@moha.gov.vn", hq.RoleMember, false)
	c := r.browser(t)
	for i := range 5 {
		ans := r.post(t, c, "/signin", url.Values{"email": {m.Email}, "password": {"đoán thử số " + string(rune('0'+i))}})
		if ans.status != http.StatusUnauthorized {
			t.Fatalf("wrong password %d: %d", i, ans.status)
		}
	}
	// Locked: the right password is refused too, and the page says no more
	// than any failure does.
	ans := r.post(t, c, "/signin", url.Values{"email": {m.Email}, "password": {m.Password}})
	if ans.status != http.StatusUnauthorized {
		t.Errorf("right password while locked: %d", ans.status)
	}
	if !r.audited(t, "signin.locked", m.ID) {
		t.Error("the lock is not audited")
	}
	r.clock.add(16 * time.Minute)
	if ans := r.post(t, c, "/signin", url.Values{"email": {m.Email}, "password": {m.Password}}); ans.status != http.StatusSeeOther {
		t.Errorf("after the lock: %d", ans.status)
	}
}

func TestSignInThrottledPerAddress(t *testing.T) {
	r := newRig(t, Options{PerAddrMinute: 3})
	c := r.browser(t)
	codes := []int{}
	for range 5 {
		codes = append(codes, r.post(t, c, "/signin", url.Values{"email": {"nobody@x.vn"}, "password": {"x"}}).status)
	}
	if codes[4] != http.StatusTooManyRequests {
		t.Errorf("statuses %v: the fifth attempt in a minute should be 429", codes)
	}
}

func TestSlowedSignIn(t *testing.T) {
	r := newRig(t, Options{FailDelay: 40 * time.Millisecond, PerAddrMinute: 100})
	m := r.user(t, "m@moha.gov.vn", hq.RoleMember, false)
	c := r.browser(t)
	start := time.Now()
	for range 3 {
		r.post(t, c, "/signin", url.Values{"email": {m.Email}, "password": {"sai mật khẩu rồi"}})
	}
	// 40 + 80 + 120 ms at least: each failure waits longer.
	if took := time.Since(start); took < 240*time.Millisecond {
		t.Errorf("three failures took %v: not slowed", took)
	}
}

func TestSetupLink(t *testing.T) {
	r := newRig(t, Options{})
	u, token, err := r.db.AddUser("Trần Thị Bình", "binh@moha.gov.vn", hq.RoleAdmin, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := r.browser(t)
	page := r.get(t, c, hq.SetupPath+token)
	if page.status != http.StatusOK || !strings.Contains(page.body, "binh@moha.gov.vn") {
		t.Fatalf("setup page: %d", page.status)
	}
	if qr := r.get(t, c, hq.SetupPath+token+"/qr.png"); qr.status != 200 || !strings.HasPrefix(qr.body, "\x89PNG") {
		t.Errorf("QR code: %d", qr.status)
	}
	u, _ = r.db.User(u.ID)
	form := url.Values{"password": {testPassword}, "password2": {testPassword}}
	if ans := r.post(t, c, hq.SetupPath+token, form); ans.status != http.StatusBadRequest {
		t.Errorf("admin without a second factor: %d", ans.status)
	}
	code, _ := totp.GenerateCode(u.PendingTOTP, r.clock.now())
	form.Set("code", code)
	if ans := r.post(t, c, hq.SetupPath+token, form); ans.status != http.StatusSeeOther {
		t.Fatalf("setup: %d %s", ans.status, ans.body)
	}
	if got := r.get(t, c, hq.SetupPath+token); got.status != http.StatusNotFound {
		t.Errorf("a used setup link: %d", got.status)
	}
	r.signIn(t, c, account{User: u, Password: testPassword, Secret: u.PendingTOTP})
}

func TestInboxFiltersSearchAndPaging(t *testing.T) {
	r := newRig(t, Options{PageSize: 2})
	hn := r.officer(t, "Nguyễn Văn An", "ha-noi")
	dl := r.officer(t, "Y Bih Niê", "dak-lak")
	r.push(t, hn.Officer.ID,
		difficulty("Chậm trả lương cán bộ xã", "Xã Sóc Sơn", "severance", "urgent"),
		difficulty("Thiếu trụ sở làm việc", "Phường Ba Đình", "facilities", "low"),
		difficulty("Phần mềm một cửa lỗi", "Xã Đông Anh", "it", "medium"))
	r.push(t, dl.Officer.ID, difficulty("Không có chỗ để hồ sơ", "Xã Đắk Lắk Mới", "facilities", "high"))
	m := r.user(t, "m@moha.gov.vn", hq.RoleMember, false)
	c := r.browser(t)
	r.signIn(t, c, m)
	for q, want := range map[string]string{
		"/inbox?q=luong":                       "Chậm trả lương",
		"/inbox?q=dak+lak":                     "Không có chỗ để hồ sơ",
		"/inbox?province=dak-lak":              "Không có chỗ để hồ sơ",
		"/inbox?severity=urgent":               "Chậm trả lương",
		"/inbox?category=it&q=mot+cua":         "Phần mềm một cửa",
		"/inbox?officer=" + hn.Officer.ID:      "Nguyễn Văn An",
		"/inbox?from=2026-06-01&to=2026-06-01": "records",
		"/inbox?sort=severity&severity=urgent": "Chậm trả lương",
		"/inbox?status=new&q=tru+so":           "Thiếu trụ sở",
	} {
		body := r.get(t, c, q).body
		if want == "records" {
			continue
		}
		if !strings.Contains(body, want) {
			t.Errorf("%s does not show %q", q, want)
		}
	}
	if body := r.get(t, c, "/inbox?q=luong").body; !strings.Contains(body, "1 bản ghi") || strings.Contains(body, "Thiếu trụ sở") {
		t.Error("search for luong shows more than it matches")
	}
	// Paging by cursor: 4 records, 2 a page, every one once.
	seen := map[string]bool{}
	path := "/inbox"
	for pages := 0; path != "" && pages < 5; pages++ {
		body := r.get(t, c, path).body
		if !strings.Contains(body, "4 bản ghi") {
			t.Fatalf("page %d lost the count", pages)
		}
		for _, part := range strings.Split(body, `href="/d/`)[1:] {
			seen[part[:36]] = true
		}
		path = ""
		if i := strings.Index(body, `rel="next"`); i > 0 {
			j := strings.LastIndex(body[:i], `href="`)
			path = strings.ReplaceAll(body[j+6:strings.Index(body[j+6:], `"`)+j+6], "&amp;", "&")
		}
	}
	if len(seen) != 4 {
		t.Errorf("paging showed %d distinct records, want 4", len(seen))
	}
	for _, bad := range []string{"/inbox?severity=catastrophic", "/inbox?days=-1", "/inbox?from=01/06/2026", "/inbox?sort=evil", "/inbox?cursor=!!!"} {
		if got := r.get(t, c, bad); got.status != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", bad, got.status)
		}
	}
}

func TestUnansweredForDays(t *testing.T) {
	r := newRig(t, Options{})
	o := r.officer(t, "Nguyễn Văn An", "ha-noi")
	ds := r.push(t, o.Officer.ID, difficulty("Câu hỏi cũ", "Xã A", "staffing", "high"), difficulty("Câu hỏi được đáp", "Xã B", "staffing", "high"))
	if _, err := r.db.Respond(ds[1].ID, "answered", "Đã có hướng dẫn", "Tổ công tác"); err != nil {
		t.Fatal(err)
	}
	m := r.user(t, "m@moha.gov.vn", hq.RoleMember, false)
	c := r.browser(t)
	r.signIn(t, c, m)
	if body := r.get(t, c, "/inbox?days=3").body; strings.Contains(body, "Câu hỏi cũ") {
		t.Error("a fresh difficulty counted as waiting 3 days")
	}
	r.clock.add(4 * 24 * time.Hour)
	r.signIn(t, c, m)
	body := r.get(t, c, "/inbox?days=3").body
	if !strings.Contains(body, "Câu hỏi cũ") || strings.Contains(body, "Câu hỏi được đáp") {
		t.Error("unanswered over 3 days: wrong records")
	}
}

func TestBulkStatus(t *testing.T) {
	r := newRig(t, Options{})
	o := r.officer(t, "Nguyễn Văn An", "ha-noi")
	ds := r.push(t, o.Officer.ID, difficulty("Một", "Xã A", "staffing", "high"), difficulty("Hai", "Xã B", "staffing", "low"))
	m := r.user(t, "m@moha.gov.vn", hq.RoleMember, false)
	c := r.browser(t)
	r.signIn(t, c, m)
	ans := r.post(t, c, "/inbox/status", url.Values{"id": {ds[0].ID, ds[1].ID}, "status": {"acknowledged"}, "back": {"severity=high"}})
	if ans.status != http.StatusSeeOther || !strings.Contains(ans.header.Get("Location"), "done=2") ||
		!strings.Contains(ans.header.Get("Location"), "severity=high") {
		t.Fatalf("bulk: %d %s", ans.status, ans.header.Get("Location"))
	}
	for _, d := range ds {
		if sr, _ := r.db.Record(d.ID); sr.Record.Status != "acknowledged" {
			t.Errorf("%s: %s", d.Title, sr.Record.Status)
		}
	}
	entries, _, _ := r.db.AuditPage(hq.AuditFilter{Action: "respond", Actor: m.ID}, 0, 10)
	if len(entries) != 2 || entries[0].Actor.Addr == "" {
		t.Errorf("bulk change audited as %+v", entries)
	}
}

// TestAnswerReachesNotebook: a member answers in the workspace and the
// officer's real sync client brings the answer into the notebook.
func TestAnswerReachesNotebook(t *testing.T) {
	r := newRig(t, Options{})
	e := r.officer(t, "Nguyễn Văn An", "ha-noi")
	st, err := store.Open(filepath.Join(t.TempDir(), store.FileName), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.SetProfile(store.Profile{Name: "Nguyễn Văn An", Province: "ha-noi"}); err != nil {
		t.Fatal(err)
	}
	if _, err := sync.Enroll(st, e.Code); err != nil {
		t.Fatal(err)
	}
	d, err := st.Create(record.Record{Kind: record.KindDifficulty, Date: "2026-06-01", Commune: "Xã Sóc Sơn",
		Category: "staffing", Severity: "high", Title: "Thiếu công chức địa chính"})
	if err != nil {
		t.Fatal(err)
	}
	cl, err := sync.New(st, sync.Options{BaseDelay: 10 * time.Millisecond, MaxDelay: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := cl.Sync(ctx, nil); err != nil {
		t.Fatal(err)
	}
	m := r.user(t, "m@moha.gov.vn", hq.RoleMember, false)
	c := r.browser(t)
	r.signIn(t, c, m)
	text := "Đề nghị tỉnh điều động tạm thời công chức từ xã lân cận."
	if ans := r.post(t, c, "/d/"+d.ID+"/answer", url.Values{"status": {"answered"}, "text": {text}}); ans.status != http.StatusSeeOther {
		t.Fatalf("answer: %d %s", ans.status, ans.body)
	}
	// An internal note and an assignee stay at HQ.
	r.post(t, c, "/d/"+d.ID+"/note", url.Values{"note": {"Ghi chú nội bộ: chờ Vụ Tổ chức biên chế"}})
	r.post(t, c, "/d/"+d.ID+"/assign", url.Values{"assignee": {m.ID}})
	if _, err := cl.Sync(ctx, nil); err != nil {
		t.Fatal(err)
	}
	got, err := st.Get(d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != "answered" || len(got.Responses) != 1 || got.Responses[0].Text != text || got.Responses[0].Author != m.Name {
		t.Errorf("notebook holds %q %+v", got.Status, got.Responses)
	}
	page := r.get(t, c, "/d/"+d.ID).body
	for _, want := range []string{text, "Ghi chú nội bộ: chờ Vụ", m.Name} {
		if !strings.Contains(page, want) {
			t.Errorf("the difficulty's page lacks %q", want)
		}
	}
}

func TestExports(t *testing.T) {
	r := newRig(t, Options{})
	o := r.officer(t, "Nguyễn Văn An", "ha-noi")
	r.push(t, o.Officer.ID,
		difficulty("=HYPERLINK(\"http://evil\",\"bấm\")", "Xã Sóc Sơn", "staffing", "urgent"),
		difficulty("Thiếu trụ sở", "Phường Ba Đình", "facilities", "low"),
		record.Record{Kind: record.KindTraining, Date: "2026-06-02", Commune: "Xã Sóc Sơn", Topic: "Nghiệp vụ hộ tịch", Participants: 40, Women: new(25)})
	m := r.user(t, "m@moha.gov.vn", hq.RoleMember, false)
	c := r.browser(t)
	r.signIn(t, c, m)
	ans := r.get(t, c, "/export?format=csv&kind=difficulty&severity=urgent")
	if ans.status != http.StatusOK || !strings.Contains(ans.header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("csv: %d", ans.status)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(ans.body, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("csv of the urgent filter has %d rows, want header + 1", len(rows))
	}
	for _, cell := range rows[1] {
		if strings.HasPrefix(cell, "=") {
			t.Errorf("a formula reaches the CSV: %q", cell)
		}
	}
	list := r.get(t, c, "/inbox").body
	i := strings.Index(list, `href="/export?`)
	if i < 0 {
		t.Fatal("the inbox offers no export")
	}
	link := strings.ReplaceAll(list[i+6:i+6+strings.IndexByte(list[i+6:], '"')], "&amp;", "&")
	if !strings.Contains(link, "kind=difficulty") {
		t.Fatalf("export link %q", link)
	}
	x := r.get(t, c, strings.Replace(link, "format=csv", "format=xlsx", 1))
	f, err := excelize.OpenReader(bytes.NewReader([]byte(x.body)))
	if err != nil {
		t.Fatalf("xlsx: %v", err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	xr, err := f.GetRows(sheet)
	if err != nil || len(xr) != 3 {
		t.Fatalf("xlsx rows %d %v", len(xr), err)
	}
	for i := 2; i <= 3; i++ {
		if fm, _ := f.GetCellFormula(sheet, "H"+string(rune('0'+i))); fm != "" {
			t.Errorf("a formula in the xlsx: %q", fm)
		}
	}
	if !r.audited(t, "export", "xlsx") || !r.audited(t, "export", "csv") {
		t.Error("exports not audited")
	}
	tr := r.get(t, c, "/trainings").body
	if !strings.Contains(tr, "<dd>40</dd>") || !strings.Contains(tr, "<dd>25</dd>") {
		t.Error("training totals missing")
	}
}

func TestAdminPagesAndAudit(t *testing.T) {
	r := newRig(t, Options{})
	a := r.user(t, "a@moha.gov.vn", hq.RoleAdmin, true)
	c := r.browser(t)
	r.signIn(t, c, a)
	ans := r.post(t, c, "/officers/enroll", url.Values{"name": {"Lê Văn Cường"}, "province": {"hue"}})
	if ans.status != http.StatusBadRequest {
		t.Errorf("enroll without confirmation: %d", ans.status)
	}
	ans = r.post(t, c, "/officers/enroll", url.Values{"name": {"Lê Văn Cường"}, "province": {"hue"}, "confirm": {"yes"}})
	if ans.status != http.StatusOK || !strings.Contains(ans.body, "sotay1") && !strings.Contains(ans.body, "Mã đăng ký") {
		t.Errorf("enroll: %d", ans.status)
	}
	officers, _ := r.db.Officers()
	if len(officers) != 1 {
		t.Fatalf("%d officers", len(officers))
	}
	id := officers[0].ID
	if err := r.db.NoteRefused(id, []wire.Rejection{{ID: "0192f0c4-0000-7000-8000-00000000abcd", Rev: 3, Code: wire.RejectTooLarge,
		Message: "<b>too large</b>"}}); err != nil {
		t.Fatal(err)
	}
	if page := r.get(t, c, "/officers").body; !strings.Contains(page, "Bản ghi quá lớn để gửi") || !strings.Contains(page, "00000000abcd") {
		t.Error("the officers page does not show the refused record")
	}
	if ans := r.post(t, c, "/officers/"+id+"/revoke", url.Values{"confirm": {"yes"}}); ans.status != http.StatusSeeOther {
		t.Errorf("revoke: %d", ans.status)
	}
	if ans := r.post(t, c, "/users", url.Values{"name": {"Phạm Thu"}, "email": {"thu@moha.gov.vn"}, "role": {"liaison"}, "province": {"hue"}}); ans.status != http.StatusOK || !strings.Contains(ans.body, hq.SetupPath) {
		t.Errorf("add user: %d", ans.status)
	}
	if ans := r.post(t, c, "/notices", url.Values{"title": {"Họp trực tuyến"}, "text": {"Thứ Hai 8 giờ"}, "action": {"preview"}}); ans.status != http.StatusOK || !strings.Contains(ans.body, "Thứ Hai 8 giờ") {
		t.Errorf("preview: %d", ans.status)
	}
	if ans := r.post(t, c, "/notices", url.Values{"title": {"Họp trực tuyến"}, "text": {"Thứ Hai 8 giờ"}, "action": {"send"}}); ans.status != http.StatusSeeOther {
		t.Errorf("send: %d", ans.status)
	}
	audit := r.get(t, c, "/audit")
	for _, want := range []string{"enroll", "revoke", "user.add", "notice", "signin", "127.0.0.1"} {
		if !strings.Contains(audit.body, want) {
			t.Errorf("the audit page lacks %q", want)
		}
	}
	if f := r.get(t, c, "/audit?action=revoke").body; strings.Contains(f, ">enroll<") || !strings.Contains(f, ">revoke<") {
		t.Error("the audit filter does not filter")
	}
}

// TestCatalogHasEveryKey: every key the templates and handlers name is in
// the catalog, in both languages.
func TestCatalogHasEveryKey(t *testing.T) {
	names, _ := templateFS.ReadDir("templates")
	var text strings.Builder
	for _, n := range names {
		raw, _ := templateFS.ReadFile("templates/" + n.Name())
		text.Write(raw)
	}
	for _, part := range strings.Split(text.String(), `"web.`)[1:] {
		key := "web." + part[:strings.IndexByte(part, '"')]
		if strings.HasSuffix(key, ".") {
			continue
		}
		if !i18n.Has(i18n.Key(key)) {
			t.Errorf("missing catalog key %s", key)
		}
	}
	for _, role := range hq.Roles() {
		if !i18n.Has(i18n.Key("web.role." + string(role))) {
			t.Errorf("missing role %s", role)
		}
	}
}

func TestEnglishSwitch(t *testing.T) {
	r := newRig(t, Options{})
	c := r.browser(t)
	if body := r.get(t, c, "/signin").body; !strings.Contains(body, "Đăng nhập") || !strings.Contains(body, `lang="vi"`) {
		t.Error("not Vietnamese first")
	}
	r.post(t, c, "/lang", url.Values{"to": {"en"}, "back": {"/signin"}})
	if body := r.get(t, c, "/signin").body; !strings.Contains(body, "Sign in") || !strings.Contains(body, `lang="en"`) {
		t.Error("the switch does not give English")
	}
}

// TestNoticeReachesChosenProvinces: a notice to one province goes only to
// its officers, and the notices page counts who pulled it.
func TestNoticeReachesChosenProvinces(t *testing.T) {
	r := newRig(t, Options{})
	hn := r.officer(t, "Nguyễn Văn An", "ha-noi")
	r.officer(t, "Y Bih Niê", "dak-lak")
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
	m := r.user(t, "m@moha.gov.vn", hq.RoleMember, false)
	c := r.browser(t)
	r.signIn(t, c, m)
	ans := r.post(t, c, "/notices", url.Values{"title": {"Họp Hà Nội"}, "text": {"Chỉ cán bộ Hà Nội"}, "province": {"ha-noi"}, "action": {"send"}})
	if ans.status != http.StatusSeeOther || !strings.Contains(ans.header.Get("Location"), "sent=1") {
		t.Fatalf("send: %d %s", ans.status, ans.header.Get("Location"))
	}
	if body := r.get(t, c, "/notices").body; !strings.Contains(body, "0/1 cán bộ đã nhận") {
		t.Error("the notice should wait for its one officer")
	}
	cl, err := sync.New(st, sync.Options{BaseDelay: 10 * time.Millisecond, MaxDelay: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cl.Sync(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if body := r.get(t, c, "/notices").body; !strings.Contains(body, "1/1 cán bộ đã nhận") {
		t.Error("the pull is not counted")
	}
	notices, err := st.Notices(context.Background(), 10)
	if err != nil || len(notices) != 1 || notices[0].Title != "Họp Hà Nội" {
		t.Errorf("the notebook holds %+v %v", notices, err)
	}
}
