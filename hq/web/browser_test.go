package web

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/pquerna/otp/totp"
	"github.com/xuri/excelize/v2"

	"sotay/hq"
	"sotay/internal/testenv"
	"sotay/record"
	"sotay/store"
	"sotay/sync"
	"sotay/sync/wire"
)

// shotsDir is where the browser tests leave their screenshots:
// $SOTAY_SHOTS, or /tmp/web-shots.
func shotsDir() string {
	if d := os.Getenv("SOTAY_SHOTS"); d != "" {
		return d
	}
	return "/tmp/web-shots"
}

// chromium finds Debian's chromium. Without it the browser tests skip,
// saying why, except under CI=true, where a missing browser is a failure
// (internal/testenv): CI installs Debian's chromium package.
func chromium(t *testing.T) string {
	t.Helper()
	if testing.Short() && !testenv.InCI() {
		t.Skip("browser tests skipped with -short")
	}
	return testenv.LookPath(t, "chromium", "chromium", "chromium-browser")
}

// startBrowser runs a headless chromium that trusts only the rig's
// certificate (by its public key), resolves no name but loopback's, and
// downloads and updates nothing.
func startBrowser(t *testing.T, r *rig) context.Context {
	t.Helper()
	path := chromium(t)
	spki := sha256.Sum256(r.srv.Certificate().RawSubjectPublicKeyInfo)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1366, 768),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("safebrowsing-disable-auto-update", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("use-mock-keychain", true),
		chromedp.Flag("ignore-certificate-errors-spki-list", base64.StdEncoding.EncodeToString(spki[:])),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancel()
		cancelA()
	})
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 768)); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// step runs browser actions with a bound on how long they may take.
func step(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := chromedp.Do(sctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// text reads the text of sel. Just after a navigation the node found may
// belong to the page being replaced, and Chrome answers "No node with given
// id found": read again from the new document, a bounded number of times.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	var err error
	for range 20 {
		sctx, cancel := context.WithTimeout(ctx, time.Minute)
		var s string
		s, err = chromedp.Run(sctx, chromedp.Text(chromedp.CSS(sel)))
		cancel()
		if err == nil {
			return s
		}
		if !strings.Contains(err.Error(), "No node with given id") {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("text of %s: %v", sel, err)
	return ""
}

// waitURL waits until the page's address holds part: a navigation the
// page started (a form sent by Enter) has landed.
func waitURL(t *testing.T, ctx context.Context, part string) {
	t.Helper()
	for range 300 { // a loaded CI machine under -race is slow
		if strings.Contains(location(t, ctx), part) {
			step(t, ctx, "loaded", chromedp.WaitReady(chromedp.CSS("body")))
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("the page never reached an address with %q: at %s", part, location(t, ctx))
}

func location(t *testing.T, ctx context.Context) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// shot saves the viewport as a PNG under shotsDir.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.MkdirAll(shotsDir(), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(shotsDir(), name+".png"), buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

// checkLabels: every visible form control of the page has a label (its
// own <label>, or aria-label); the accessibility rule a keyboard and a
// screen reader need first.
func checkLabels(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	unlabelled, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`
		Array.from(document.querySelectorAll("input, select, textarea"))
			.filter(e => e.type !== "hidden" && !(e.labels && e.labels.length) && !e.getAttribute("aria-label"))
			.map(e => e.outerHTML.slice(0, 80))`))
	if err != nil {
		t.Fatal(err)
	}
	if len(unlabelled) > 0 {
		t.Errorf("%s: controls without a label: %v", page, unlabelled)
	}
}

// browserSignIn fills the sign-in form by keyboard, as a person would.
func browserSignIn(t *testing.T, ctx context.Context, r *rig, a account) {
	t.Helper()
	r.clock.add(30 * time.Second) // a fresh TOTP step for every sign-in
	code := ""
	if a.Secret != "" {
		var err error
		if code, err = totp.GenerateCode(a.Secret, r.clock.now()); err != nil {
			t.Fatal(err)
		}
	}
	step(t, ctx, "sign in as "+a.Email,
		chromedp.Navigate(r.srv.URL+"/signin"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), a.Email),
		chromedp.SendKeys(chromedp.CSS("#password"), a.Password),
		chromedp.SendKeys(chromedp.CSS("#code"), code+"\r"),
		chromedp.WaitVisible(chromedp.CSS("form.filters")),
	)
}

func browserSignOut(t *testing.T, ctx context.Context) {
	t.Helper()
	step(t, ctx, "sign out",
		chromedp.Click(chromedp.CSS(`form[action="/signout"] button`)),
		chromedp.WaitVisible(chromedp.CSS("#email")))
}

// TestBrowser drives the workspace in a real Chromium: TOTP sign-in, a
// member answering a difficulty that the officer's real sync then brings
// into the notebook, an export that downloads and opens with excelize, a
// cross-site form refused, a liaison refused another province, a session
// that expires; and a screenshot of every page at 1366×768.
func TestBrowser(t *testing.T) {
	r := newRig(t, Options{IdleTimeout: 30 * time.Minute})
	ctx := startBrowser(t, r)
	os.RemoveAll(shotsDir())

	member := r.user(t, "lan.nguyen@moha.gov.vn", hq.RoleMember, true)
	admin := r.user(t, "quan.tri@moha.gov.vn", hq.RoleAdmin, true)
	liaison := r.user(t, "lien.lac@moha.gov.vn", hq.RoleLiaison, false, "ha-noi")

	// The Hà Nội officer keeps a real notebook that syncs with the rig.
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
	d, err := st.Create(record.Record{Kind: record.KindDifficulty, Date: "2026-06-01", Commune: "Xã Sóc Sơn",
		Category: "salary", Severity: "urgent", Title: "Chậm trả lương cho cán bộ xã sau sáp nhập",
		Description: "Ba tháng nay 14 công chức xã chưa nhận lương do chưa có quyết định điều chuyển kinh phí.",
		Proposal:    "Đề nghị Bộ hướng dẫn tỉnh tạm ứng kinh phí."})
	if err != nil {
		t.Fatal(err)
	}
	cl, err := sync.New(st, sync.Options{BaseDelay: 10 * time.Millisecond, MaxDelay: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cl.Sync(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	seed(t, r, hn.Officer.ID)
	dl := r.officer(t, "Y Bih Niê", "dak-lak")
	other := r.push(t, dl.Officer.ID, difficulty("Không có chỗ lưu trữ hồ sơ", "Xã Ea Kao", "facilities", "high"))[0]

	// Sign-in with TOTP, by keyboard.
	step(t, ctx, "sign-in page", chromedp.Navigate(r.srv.URL+"/signin"), chromedp.WaitVisible(chromedp.CSS("#email")))
	shot(t, ctx, "01-signin")
	checkLabels(t, ctx, "signin")
	browserSignIn(t, ctx, r, member)
	if !strings.HasSuffix(location(t, ctx), "/inbox") {
		t.Fatalf("after sign-in at %s", location(t, ctx))
	}
	shot(t, ctx, "02-inbox")
	checkLabels(t, ctx, "inbox")

	// Search without diacritics, the filter in the URL.
	step(t, ctx, "search", chromedp.SendKeys(chromedp.CSS("#q"), "tra luong\r"))
	waitURL(t, ctx, "q=tra+luong")
	if got := text(t, ctx, "p.count"); !strings.HasPrefix(got, "1 ") {
		t.Errorf("search «tra luong»: %q", got)
	}
	if !strings.Contains(location(t, ctx), "q=tra+luong") {
		t.Errorf("the filter is not in the URL: %s", location(t, ctx))
	}
	shot(t, ctx, "03-inbox-search")

	// The member answers in the browser.
	step(t, ctx, "open the difficulty",
		chromedp.Click(chromedp.CSS(`a[href="/d/`+d.ID+`"]`)),
		chromedp.WaitVisible(chromedp.CSS("#text")))
	shot(t, ctx, "04-difficulty")
	checkLabels(t, ctx, "difficulty")
	answer := "Bộ đã có văn bản hướng dẫn tạm ứng; đề nghị tỉnh chi trả trong tuần."
	step(t, ctx, "answer",
		chromedp.SetValue(chromedp.CSS("#status"), "answered"),
		chromedp.SendKeys(chromedp.CSS("#text"), answer),
		chromedp.Click(chromedp.CSS(`form[action$="/answer"] button`)),
		chromedp.WaitVisible(chromedp.CSS("ol.thread li")))
	shot(t, ctx, "05-difficulty-answered")
	step(t, ctx, "internal note",
		chromedp.SendKeys(chromedp.CSS("#note"), "Đã báo Vụ Kế hoạch - Tài chính."),
		chromedp.Click(chromedp.CSS(`form[action$="/note"] button`)),
		chromedp.WaitVisible(chromedp.CSS("#notes + ol.thread")))
	shot(t, ctx, "05b-difficulty-note")
	if _, err := cl.Sync(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	got, err := st.Get(d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != "answered" || len(got.Responses) != 1 || got.Responses[0].Text != answer {
		t.Errorf("the notebook holds %q %+v", got.Status, got.Responses)
	}
	for _, resp := range got.Responses {
		if strings.Contains(resp.Text, "Vụ Kế hoạch") {
			t.Error("an internal note reached the officer")
		}
	}

	// An export of the current filter downloads and opens.
	dir := t.TempDir()
	dctx, cancelD := context.WithTimeout(ctx, time.Minute)
	defer cancelD()
	progress := chromedp.Events(dctx, browser.DownloadProgress)
	step(t, ctx, "export",
		chromedp.Navigate(r.srv.URL+"/inbox?severity=urgent"),
		chromedp.WaitVisible(chromedp.CSS("p.count")),
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: ptr(true)})
			return err
		}),
		chromedp.Click(chromedp.CSS(`a[href*="format=xlsx"]`)))
	file := ""
	for ev, err := range progress {
		if err != nil {
			t.Fatal(err)
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			file = filepath.Join(dir, ev.GUID)
			break
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			t.Fatalf("the download was cancelled: %+v; export audited: %v", ev, r.audited(t, "export", "xlsx"))
		}
	}
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatalf("the export does not open: %v", err)
	}
	rows, _ := f.GetRows(f.GetSheetName(0))
	f.Close()
	if len(rows) != 3 { // header, the urgent one answered above, the seeded urgent one
		t.Errorf("export of the urgent filter: %d rows", len(rows))
	}

	for _, p := range []struct{ path, wait, name string }{
		{"/logs", "form.filters", "06-logs"},
		{"/trainings", "dl.totals", "07-trainings"},
		{"/notices", "#n-title", "08-notices"},
	} {
		step(t, ctx, p.path, chromedp.Navigate(r.srv.URL+p.path), chromedp.WaitVisible(chromedp.CSS(p.wait)))
		checkLabels(t, ctx, p.path)
		shot(t, ctx, p.name)
	}
	step(t, ctx, "notice preview",
		chromedp.SendKeys(chromedp.CSS("#n-title"), "Họp giao ban trực tuyến"),
		chromedp.SendKeys(chromedp.CSS("#n-text"), "8 giờ sáng thứ Hai, đường truyền của Bộ."),
		chromedp.Click(chromedp.CSS(`button[value="preview"]`)),
		chromedp.WaitVisible(chromedp.CSS("section.preview")))
	shot(t, ctx, "09-notice-preview")

	// A phone's width.
	step(t, ctx, "phone", chromedp.EmulateViewport(390, 844), chromedp.Navigate(r.srv.URL+"/inbox"),
		chromedp.WaitVisible(chromedp.CSS("form.filters")))
	shot(t, ctx, "10-inbox-phone")
	step(t, ctx, "desktop", chromedp.EmulateViewport(1366, 768))

	// Keyboard alone: the first Tab reaches the skip link, which leads to
	// the content.
	step(t, ctx, "keyboard", chromedp.Navigate(r.srv.URL+"/inbox"), chromedp.WaitVisible(chromedp.CSS("form.filters")),
		chromedp.KeyEvent(kb.Tab))
	focused, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.className`))
	if focused != "skip" {
		t.Errorf("the first Tab focuses %q, want the skip link", focused)
	}
	browserSignOut(t, ctx)

	// The admin's pages.
	browserSignIn(t, ctx, r, admin)
	for _, p := range []struct{ path, wait, name string }{
		{"/officers", "#o-name", "11-officers"},
		{"/users", "#u-name", "12-users"},
		{"/audit", "#a-action", "13-audit"},
	} {
		step(t, ctx, p.path, chromedp.Navigate(r.srv.URL+p.path), chromedp.WaitVisible(chromedp.CSS(p.wait)))
		checkLabels(t, ctx, p.path)
		shot(t, ctx, p.name)
	}

	// A form on another site posting to HQ while the admin is signed in.
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(w, `<form id="f" method="post" action="%s/d/%s/answer"><input name="status" value="resolved">`+
			`<input name="text" value="giả mạo"></form><script>document.getElementById("f").submit()</script>`, r.srv.URL, other.ID)
	}))
	defer evil.Close()
	evilURL := strings.Replace(evil.URL, "127.0.0.1", "localhost", 1)
	step(t, ctx, "cross-site form", chromedp.Navigate(evilURL), chromedp.WaitVisible(chromedp.CSS("p.problem")))
	shot(t, ctx, "14-cross-site-refused")
	if sr, _ := r.db.Record(other.ID); sr.Record.Status != "new" || len(sr.Record.Responses) != 0 {
		t.Error("the cross-site form changed a difficulty")
	}
	if !r.audited(t, "denied.cross_origin", "") {
		t.Error("the cross-site post is not audited")
	}

	// The session expires after 30 idle minutes.
	r.clock.add(31 * time.Minute)
	step(t, ctx, "expired", chromedp.Navigate(r.srv.URL+"/audit"), chromedp.WaitVisible(chromedp.CSS("#email")))
	if loc := location(t, ctx); !strings.Contains(loc, "/signin?next=%2Faudit") {
		t.Errorf("after expiry at %s", loc)
	}

	// A liaison changes the URL to another province's difficulty.
	browserSignIn(t, ctx, r, liaison)
	step(t, ctx, "liaison", chromedp.Navigate(r.srv.URL+"/d/"+other.ID), chromedp.WaitVisible(chromedp.CSS("p.problem")))
	shot(t, ctx, "15-liaison-refused")
	if got := text(t, ctx, "p.problem"); !strings.Contains(got, "Không tìm thấy") {
		t.Errorf("liaison sees %q", got)
	}
	if !r.audited(t, "denied.province", other.ID) {
		t.Error("the liaison's attempt is not audited")
	}
	step(t, ctx, "english", chromedp.Navigate(r.srv.URL+"/inbox"), chromedp.WaitVisible(chromedp.CSS("form.filters")),
		chromedp.Click(chromedp.CSS(`form[action="/lang"] button`)), chromedp.WaitReady(chromedp.CSS(`html[lang="en"] form.filters`)))
	if h := text(t, ctx, "h1"); h != "Difficulties" {
		t.Errorf("English heading %q", h)
	}
	shot(t, ctx, "16-inbox-liaison-english")
}

func ptr[T any](v T) *T { return &v }

// seed gives the pages something to show: difficulties of every severity
// and status, logs and trainings from several provinces, and one officer's
// hostile text.
func seed(t *testing.T, r *rig, hnOfficer string) {
	t.Helper()
	hue := r.officer(t, "Lê Thị Hoa", "hue")
	ct := r.officer(t, "Trần Minh Tuấn", "can-tho")
	r.push(t, hnOfficer,
		record.Record{Kind: record.KindLog, Date: "2026-06-02", Commune: "Xã Sóc Sơn", Activity: "meeting",
			Content: "Làm việc với UBND xã về bố trí công chức địa chính", Results: "Thống nhất phương án tạm thời"},
		record.Record{Kind: record.KindTraining, Date: "2026-06-03", Commune: "Phường Ba Đình", Topic: "Nghiệp vụ hộ tịch cấp xã",
			Audience: "Công chức tư pháp - hộ tịch", Participants: 62, Women: new(38), Trainers: "Vụ Chính quyền địa phương"})
	r.push(t, hue.Officer.ID,
		difficulty("Trụ sở xã mới quá xa dân", "Xã Phong Điền", "facilities", "medium"),
		difficulty("Phần mềm một cửa chưa liên thông", "Phường Thuận Hóa", "it", "high"),
		record.Record{Kind: record.KindLog, Date: "2026-06-02", Commune: "Phường Thuận Hóa", Activity: "survey",
			Content: "Khảo sát bộ phận một cửa", Results: "Thiếu 2 máy quét"},
		record.Record{Kind: record.KindTraining, Date: "2026-06-04", Commune: "Xã Phong Điền", Topic: "Quy trình cấp phép xây dựng",
			Audience: "Công chức địa chính - xây dựng", Participants: 45, Women: new(17)})
	ds := r.push(t, ct.Officer.ID,
		difficulty("Chưa rõ thẩm quyền xử phạt hành chính", "Phường Ninh Kiều", "procedures", "urgent"),
		difficulty("Thiếu hướng dẫn lưu trữ hồ sơ", "Xã Phong Điền", "guidance", "low"),
		record.Record{Kind: record.KindDifficulty, Date: "2026-05-30", Commune: `<img src=x onerror=alert(1)>`,
			Category: "other", Severity: "low", Title: `<script>alert("xin chào")</script>`,
			Description: `<a href="javascript:alert(1)">bấm vào đây</a>`})
	if _, err := r.db.Respond(ds[1].ID, "in_progress", "", "Tổ công tác"); err != nil {
		t.Fatal(err)
	}
	if err := r.db.NoteRefused(ct.Officer.ID, []wire.Rejection{{ID: "01a2363a-b13e-7001-851b-bf15f6450c99", Rev: 2,
		Code: wire.RejectTooLarge, Message: "the record is over 262144 bytes"}}); err != nil {
		t.Fatal(err)
	}
}
