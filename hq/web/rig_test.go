package web

import (
	"context"
	"crypto/tls"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"sotay/hq"
	"sotay/hq/auth"
	"sotay/record"
	"sotay/sync/wire"
)

// rig is the real HQ (API and workspace, one handler as hq.Serve mounts
// them) over a real bbolt database on a real TLS listener on loopback.
// The workspace's clock is the test's, so timeouts can pass at once.
type rig struct {
	db    *hq.DB
	dir   string
	srv   *httptest.Server
	ws    *Server
	clock *clock
	ids   record.IDGen
}

type clock struct {
	mu gosync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func newRig(t testing.TB, opt Options) *rig {
	t.Helper()
	dir := t.TempDir()
	db, err := hq.OpenDB(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	api, err := hq.NewServer(db, hq.Limits{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := &rig{db: db, dir: dir, clock: &clock{t: time.Now()}}
	if opt.Now == nil {
		opt.Now = r.clock.now
	}
	if opt.FailDelay == 0 {
		opt.FailDelay = -1 // no waiting in tests unless asked
	}
	r.ws, err = New(FromDB(db), opt)
	if err != nil {
		t.Fatal(err)
	}
	r.srv = httptest.NewUnstartedServer(hq.Mount(api.Handler(), r.ws.Handler()))
	r.srv.StartTLS()
	if err := db.SetServed(r.srv.URL, wire.Fingerprint(r.srv.Certificate().Raw)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		r.srv.Close()
		api.Close()
		db.Close()
	})
	return r
}

// account is a user who finished setup, with what they sign in with.
type account struct {
	hq.User
	Password string
	Secret   string // TOTP; "" for none
}

const testPassword = "mật khẩu đủ dài 2026"

// user adds a user and completes their setup as the setup page would.
func (r *rig) user(t testing.TB, email string, role hq.Role, withTOTP bool, provinces ...string) account {
	t.Helper()
	u, token, err := r.db.AddUser("Người dùng "+string(role), email, role, provinces)
	if err != nil {
		t.Fatal(err)
	}
	a := account{Password: testPassword}
	if withTOTP {
		k, err := auth.NewTOTP("sotay HQ", email)
		if err != nil {
			t.Fatal(err)
		}
		a.Secret = k.Secret()
		if err := r.db.OfferTOTP(u.ID, a.Secret); err != nil {
			t.Fatal(err)
		}
	}
	hash, err := auth.HashPassword(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if a.User, err = r.db.CompleteSetup(token, hash, withTOTP, 0); err != nil {
		t.Fatal(err)
	}
	return a
}

// officer enrolls an officer of province.
func (r *rig) officer(t testing.TB, name, province string) hq.Enrolled {
	t.Helper()
	e, err := r.db.EnrollOfficer(name, province)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// push stores records as the officer's push would.
func (r *rig) push(t testing.TB, officer string, recs ...record.Record) []record.Record {
	t.Helper()
	now := time.Now().UTC()
	for i := range recs {
		if recs[i].ID == "" {
			recs[i].ID = record.FormatID(r.ids.Next(now))
		}
		if recs[i].Rev == 0 {
			recs[i].Rev = 1
		}
		recs[i].Created, recs[i].Updated = now, now
	}
	rej, err := r.db.Apply(officer, "dev-"+officer, "", 1, recs)
	if err != nil || len(rej) > 0 {
		t.Fatalf("push: %v %v", rej, err)
	}
	return recs
}

func difficulty(title, commune, category, severity string) record.Record {
	return record.Record{Kind: record.KindDifficulty, Date: "2026-06-01", Commune: commune, Category: category,
		Severity: severity, Title: title}
}

// browser is an HTTP client with a cookie jar that trusts the rig's
// certificate and does not follow redirects, so tests see them.
func (r *rig) browser(t testing.TB) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	tr := r.srv.Client().Transport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{RootCAs: r.srv.Client().Transport.(*http.Transport).TLSClientConfig.RootCAs}
	return &http.Client{Jar: jar, Transport: tr, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

type answer struct {
	status int
	body   string
	header http.Header
}

func (r *rig) get(t testing.TB, c *http.Client, path string) answer {
	t.Helper()
	return r.do(t, c, http.MethodGet, path, nil, nil)
}

// post sends a form as a same-origin browser would (Sec-Fetch-Site and
// Origin headers set).
func (r *rig) post(t testing.TB, c *http.Client, path string, form url.Values) answer {
	t.Helper()
	return r.do(t, c, http.MethodPost, path, form, http.Header{"Sec-Fetch-Site": {"same-origin"}, "Origin": {r.srv.URL}})
}

func (r *rig) do(t testing.TB, c *http.Client, method, path string, form url.Values, h http.Header) answer {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(context.Background(), method, r.srv.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range h {
		req.Header[k] = v
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{status: resp.StatusCode, body: string(raw), header: resp.Header}
}

// signIn signs a in on c, with a fresh TOTP code when they have one; the
// clock moves on 30 s first so that no code is used twice.
func (r *rig) signIn(t testing.TB, c *http.Client, a account) {
	t.Helper()
	r.clock.add(30 * time.Second)
	form := url.Values{"email": {a.Email}, "password": {a.Password}}
	if a.Secret != "" {
		code, err := totp.GenerateCode(a.Secret, r.clock.now())
		if err != nil {
			t.Fatal(err)
		}
		form.Set("code", code)
	}
	ans := r.post(t, c, "/signin", form)
	if ans.status != http.StatusSeeOther {
		t.Fatalf("sign-in of %s: %d %s", a.Email, ans.status, ans.body)
	}
}

// audited says whether the audit log holds an entry of action (and target
// when not "").
func (r *rig) audited(t testing.TB, action, target string) bool {
	t.Helper()
	entries, _, err := r.db.AuditPage(hq.AuditFilter{Action: action, Target: target}, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	return len(entries) > 0
}
