package web

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"sotay/hq"
)

// colorScheme makes the page's prefers-color-scheme light or dark.
func colorScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		return err
	})
}

// TestBrowserOverview opens the overview and the report page in Chromium
// at 1366×768, light and dark, with no script of the page needed: the
// charts are there as SVG, every control labelled; screenshots in
// shotsDir (30-overview-light.png, 31-overview-dark.png, …).
func TestBrowserOverview(t *testing.T) {
	r := newRig(t, Options{})
	ctx := startBrowser(t, r)
	hn := r.officer(t, "Nguyễn Văn An", "ha-noi")
	seed(t, r, hn.Officer.ID)
	r.clock.add(3 * 24 * time.Hour) // the urgent difficulty now waits past its day
	member := r.user(t, "lan.nguyen@moha.gov.vn", hq.RoleMember, false)
	browserSignIn(t, ctx, r, member)
	for _, scheme := range []string{"light", "dark"} {
		step(t, ctx, "overview "+scheme, colorScheme(scheme), chromedp.Navigate(r.srv.URL+"/?period=month&at=2026-06-01"),
			chromedp.WaitVisible(chromedp.CSS("svg.chart")))
		checkLabels(t, ctx, "overview")
		n := "30"
		if scheme == "dark" {
			n = "31"
		}
		shot(t, ctx, n+"-overview-"+scheme)
		step(t, ctx, "charts "+scheme, chromedp.ScrollIntoView(chromedp.CSS("figure.chart")))
		shot(t, ctx, n+"-overview-"+scheme+"-charts")
		step(t, ctx, "scroll "+scheme, chromedp.ScrollIntoView(chromedp.CSS("table.heat")))
		shot(t, ctx, n+"-overview-"+scheme+"-backlog")
	}
	step(t, ctx, "report page", colorScheme("light"), chromedp.Navigate(r.srv.URL+"/report?period=month&at=2026-06-01"),
		chromedp.WaitVisible(chromedp.CSS("#rp-assessment")))
	checkLabels(t, ctx, "report")
	shot(t, ctx, "32-report")
}
