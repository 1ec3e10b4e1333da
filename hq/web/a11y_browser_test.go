package web

import (
	"context"
	_ "embed"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"sotay/hq"
	"sotay/record"
)

// axe-core, the accessibility engine, vendored from the npm registry
// (testdata/axe: version in README, MPL-2.0, its licence beside it). Tests
// only: it never reaches the binary, and CI needs no node.
//
//go:embed testdata/axe/axe.min.js
var axeSource string

// axeViolation is one rule axe found broken, with the elements that break it.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

// checkAxe runs axe-core's every rule on the page as it is and fails the
// test on any violation, naming the rule, its impact and the elements.
func checkAxe(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	for _, v := range axeRun(t, ctx, page) {
		var nodes []string
		for i, n := range v.Nodes {
			if i == 5 {
				nodes = append(nodes, fmt.Sprintf("… %d more", len(v.Nodes)-5))
				break
			}
			nodes = append(nodes, fmt.Sprintf("%v: %s", n.Target, strings.ReplaceAll(n.Summary, "\n", " ")))
		}
		t.Errorf("%s: axe %s (%s): %s\n\t%s", page, v.ID, v.Impact, v.Help, strings.Join(nodes, "\n\t"))
	}
}

// axeRun injects axe-core into the page and returns what it finds broken.
func axeRun(t *testing.T, ctx context.Context, page string) []axeViolation {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	// DevTools' evaluation is not the page's script: the workspace's CSP
	// (script-src 'self') does not stop it, and the page is tested as served.
	if _, err := chromedp.Run(sctx, chromedp.Evaluate[bool](axeSource+";true")); err != nil {
		t.Fatalf("%s: load axe: %v", page, err)
	}
	vs, err := chromedp.Run(sctx, chromedp.Evaluate[[]axeViolation](
		`axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations)`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: axe: %v", page, err)
	}
	return vs
}

// TestBrowserAxeFinds: the harness reports what axe finds, so a page
// passing it says something: a page with an unlabelled field, an image
// without text and grey on grey fails three rules.
func TestBrowserAxeFinds(t *testing.T) {
	r := newRig(t, Options{})
	ctx := startBrowser(t, r)
	step(t, ctx, "bad page", chromedp.Navigate(`data:text/html,<!doctype html><html lang="vi"><title>x</title>`+
		`<main><img src="x.png"><input type="text"><p style="color:%23999;background:%23aaa">chữ mờ</p></main></html>`),
		chromedp.WaitReady(chromedp.CSS("main")))
	found := map[string]bool{}
	for _, v := range axeRun(t, ctx, "bad page") {
		found[v.ID] = true
	}
	for _, want := range []string{"image-alt", "label", "color-contrast"} {
		if !found[want] {
			t.Errorf("axe did not report %s; it found %v", want, found)
		}
	}
}

// checkKeyboard: on a signed-in page the first Tab reaches the skip link,
// visibly; Enter on it moves focus to the content; the next Tab lands in
// the content with a visible outline. The sign-in page starts in its first
// field instead.
func checkKeyboard(t *testing.T, ctx context.Context, page string, signedIn bool) {
	t.Helper()
	active := func() (string, string) {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => { const e = document.activeElement;
			const s = getComputedStyle(e); return [e.id || e.className || e.tagName,
			s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2 ? "visible" : "no outline"]; })()`))
		if err != nil {
			t.Fatal(err)
		}
		return v[0], v[1]
	}
	if !signedIn {
		if id, _ := active(); id != "email" {
			t.Errorf("%s: focus starts on %q, want the e-mail field", page, id)
		}
		return
	}
	step(t, ctx, page+": Tab", chromedp.KeyEvent(kb.Tab))
	if id, outline := active(); id != "skip" || outline != "visible" {
		t.Errorf("%s: the first Tab focuses %q (%s), want the skip link, visible", page, id, outline)
	}
	step(t, ctx, page+": skip", chromedp.KeyEvent(kb.Enter))
	if id, _ := active(); id != "main" {
		t.Errorf("%s: the skip link leads focus to %q, want main", page, id)
	}
	step(t, ctx, page+": Tab into the content", chromedp.KeyEvent(kb.Tab))
	inMain, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("main").contains(document.activeElement)`))
	if err != nil {
		t.Fatal(err)
	}
	if id, outline := active(); !inMain || outline != "visible" {
		t.Errorf("%s: after the skip link, Tab focuses %q (in main: %v, %s)", page, id, inMain, outline)
	}
}

// TestBrowserAccessibility opens every page of the workspace in Chromium,
// light and dark, and holds each to axe-core's rules and to the keyboard
// checks above; screenshots of each at 1366×768 and at a phone's 390×844
// (light) and at 1366×768 (dark) go to shotsDir (a11y-*.png) to be looked at.
func TestBrowserAccessibility(t *testing.T) {
	r := newRig(t, Options{})
	ctx := startBrowser(t, r)
	hn := r.officer(t, "Nguyễn Văn An", "ha-noi")
	d := r.push(t, hn.Officer.ID, record.Record{Kind: record.KindDifficulty, Date: "2026-06-01", Commune: "Xã Sóc Sơn",
		Category: "salary", Severity: "urgent", Title: "Chậm trả lương cho cán bộ xã sau sáp nhập",
		Description: "Ba tháng nay 14 công chức xã chưa nhận lương.", Proposal: "Đề nghị Bộ hướng dẫn tỉnh tạm ứng kinh phí."})[0]
	seed(t, r, hn.Officer.ID)
	if _, err := r.db.Respond(d.ID, "in_progress", "Đề nghị gửi danh sách công chức.", "Tổ công tác"); err != nil {
		t.Fatal(err)
	}
	if _, err := r.db.Review(d.ID, record.ReviewHasIssues, "Ghi rõ số tháng chậm lương", "Tổ công tác"); err != nil {
		t.Fatal(err)
	}
	if _, err := r.db.NoticeTo("Họp giao ban", "8 giờ sáng thứ Hai.", nil); err != nil {
		t.Fatal(err)
	}
	r.clock.add(3 * 24 * time.Hour) // the urgent ones are overdue: the inbox's banner shows
	admin := r.user(t, "quan.tri@moha.gov.vn", hq.RoleAdmin, true)

	pages := []struct{ name, path, wait string }{
		{"overview", "/?period=month&at=2026-06-01", "svg.chart"},
		{"inbox", "/inbox", "form.filters"},
		{"difficulty", "/d/" + d.ID, "#text"},
		{"logs", "/logs", "form.filters"},
		{"trainings", "/trainings", "dl.totals"},
		{"officers", "/officers", "#o-name"},
		{"notices", "/notices", "#n-title"},
		{"audit", "/audit", "#a-action"},
		{"report", "/report?period=month&at=2026-06-01", "#rp-assessment"},
		{"users", "/users", "#u-name"},
	}
	sizes := []struct {
		name string
		w, h int64
	}{{"desktop", 1366, 768}, {"phone", 390, 844}}

	for _, scheme := range []string{"light", "dark"} {
		step(t, ctx, "sign-in "+scheme, colorScheme(scheme), chromedp.EmulateViewport(1366, 768),
			chromedp.Navigate(r.srv.URL+"/signin"), chromedp.WaitVisible(chromedp.CSS("#email")))
		checkAxe(t, ctx, "signin "+scheme)
		if scheme == "light" {
			checkKeyboard(t, ctx, "signin", false)
			step(t, ctx, "phone", chromedp.EmulateViewport(390, 844))
			shot(t, ctx, "a11y-signin-phone")
			step(t, ctx, "desktop", chromedp.EmulateViewport(1366, 768))
		}
		shot(t, ctx, "a11y-signin-"+scheme)
		browserSignIn(t, ctx, r, admin)
		for _, p := range pages {
			step(t, ctx, p.name+" "+scheme, chromedp.EmulateViewport(1366, 768), chromedp.Navigate(r.srv.URL+p.path),
				chromedp.WaitVisible(chromedp.CSS(p.wait)))
			checkAxe(t, ctx, p.name+" "+scheme)
			bg, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.documentElement).backgroundColor`))
			if err != nil {
				t.Fatal(err)
			}
			if want := map[string]string{"light": "rgb(255, 255, 255)", "dark": "rgb(13, 17, 23)"}[scheme]; bg != want {
				t.Errorf("%s %s: the page's background is %s, want %s", p.name, scheme, bg, want)
			}
			if scheme == "dark" {
				shot(t, ctx, "a11y-"+p.name+"-dark")
				continue
			}
			checkKeyboard(t, ctx, p.name, true)
			for _, sz := range sizes {
				step(t, ctx, p.name+" "+sz.name, chromedp.EmulateViewport(sz.w, sz.h), chromedp.Navigate(r.srv.URL+p.path),
					chromedp.WaitVisible(chromedp.CSS(p.wait)))
				shot(t, ctx, "a11y-"+p.name+"-"+sz.name)
			}
		}
		browserSignOut(t, ctx)
	}
}
