// Package web is HQ's workspace in the browser: server-rendered pages
// (html/template, every asset embedded, no script from elsewhere) where the
// working group signs in, reads what the officers sent, answers
// difficulties, sends notices, manages officers and users, exports and
// reads the audit log. It is served beside the /v1 API on the same HTTPS
// listener (see hq.Config.Workspace and hq.Mount).
//
// Security lives here rather than in the links a page shows: every handler
// checks the signed-in user's role, every query is confined to the
// provinces the user may read, and every action is audited with who, when
// and from which address.
package web

import (
	"embed"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	gosync "sync"
	"time"

	"sotay/hq"
	"sotay/i18n"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Options tune the workspace. Zero fields take their defaults.
type Options struct {
	IdleTimeout     time.Duration // a session unused this long ends; default 30 minutes
	AbsoluteTimeout time.Duration // a session ends this long after sign-in; default 12 hours
	MaxFailures     int           // sign-in failures in a row that lock an account; default 5
	LockFor         time.Duration // how long; default 15 minutes
	FailDelay       time.Duration // a failed sign-in waits this long per failure so far; default 300 ms
	PerAddrMinute   int           // sign-in attempts per client address per minute; default 20
	PageSize        int           // rows per list page; default 50
	Issuer          string        // the name authenticator apps show; default "sotay HQ"
	Logger          *slog.Logger
	Now             func() time.Time
}

func (o *Options) defaults() {
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = 30 * time.Minute
	}
	if o.AbsoluteTimeout <= 0 {
		o.AbsoluteTimeout = 12 * time.Hour
	}
	if o.MaxFailures <= 0 {
		o.MaxFailures = 5
	}
	if o.LockFor <= 0 {
		o.LockFor = 15 * time.Minute
	}
	if o.FailDelay < 0 {
		o.FailDelay = 0
	} else if o.FailDelay == 0 {
		o.FailDelay = 300 * time.Millisecond
	}
	if o.PerAddrMinute <= 0 {
		o.PerAddrMinute = 20
	}
	if o.PageSize <= 0 {
		o.PageSize = 50
	}
	if o.Issuer == "" {
		o.Issuer = "sotay HQ"
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
}

// Server is the workspace.
type Server struct {
	st    Store
	opt   Options
	tmpl  map[string]*template.Template // page name → layout + page
	log   *slog.Logger
	addrs *addrLimiter
	files Files // attached files (files.go); nil when the store keeps none
}

// New makes the workspace over st.
func New(st Store, opt Options) (*Server, error) {
	opt.defaults()
	s := &Server{st: st, opt: opt, log: opt.Logger, addrs: newAddrLimiter(opt.PerAddrMinute)}
	s.files, _ = st.(Files)
	if err := s.parseTemplates(); err != nil {
		return nil, err
	}
	return s, nil
}

// Workspace makes the pages for hq.Config.Workspace with default options.
func Workspace(db *hq.DB, log *slog.Logger) (http.Handler, error) {
	s, err := New(FromDB(db), Options{Logger: log})
	if err != nil {
		return nil, err
	}
	return s.Handler(), nil
}

// CookieSession names the session cookie. The __Host- prefix makes the
// browser insist on Secure, Path=/ and no Domain.
const (
	CookieSession = "__Host-sotay-session"
	CookieLang    = "__Host-sotay-lang"
)

// Handler routes the pages. Writes are refused when they come from
// another origin (Go's CrossOriginProtection, on top of SameSite=Strict).
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))

	mux.HandleFunc("GET /signin", s.signinPage)
	mux.HandleFunc("POST /signin", s.signin)
	mux.HandleFunc("POST /signout", s.signout)
	mux.HandleFunc("GET /setup/{token}", s.setupPage)
	mux.HandleFunc("POST /setup/{token}", s.setup)
	mux.HandleFunc("GET /setup/{token}/qr.png", s.setupQR)
	mux.HandleFunc("POST /lang", s.setLang)

	mux.HandleFunc("GET /{$}", s.authed(anyRole, s.overview))
	mux.HandleFunc("GET /report", s.authed(anyRole, s.reportPage))
	mux.HandleFunc("POST /report", s.authed(answerers, s.saveReportText))
	mux.HandleFunc("GET /report/file", s.authed(anyRole, s.reportFile))
	mux.HandleFunc("GET /inbox", s.authed(anyRole, s.inbox))
	mux.HandleFunc("POST /inbox/status", s.authed(answerers, s.bulkStatus))
	mux.HandleFunc("GET /logs", s.authed(anyRole, s.logs))
	mux.HandleFunc("GET /trainings", s.authed(anyRole, s.trainings))
	mux.HandleFunc("GET /export", s.authed(anyRole, s.export))
	mux.HandleFunc("GET /d/{id}", s.authed(anyRole, s.difficulty))
	mux.HandleFunc("POST /d/{id}/answer", s.authed(answerers, s.answer))
	mux.HandleFunc("POST /d/{id}/assign", s.authed(answerers, s.assign))
	mux.HandleFunc("POST /d/{id}/note", s.authed(answerers, s.note))
	mux.HandleFunc("POST /d/{id}/review", s.authed(answerers, s.review))
	mux.HandleFunc("GET /d/{id}/files/{sum}", s.authed(anyRole, s.download)) // files.go
	mux.HandleFunc("GET /d/{id}/files/{sum}/thumb", s.authed(anyRole, s.thumb))
	mux.HandleFunc("GET /officers", s.authed(anyRole, s.officers))
	mux.HandleFunc("POST /officers/enroll", s.authed(admins, s.enroll))
	mux.HandleFunc("POST /officers/{id}/reissue", s.authed(admins, s.reissue))
	mux.HandleFunc("POST /officers/{id}/revoke", s.authed(admins, s.revoke))
	mux.HandleFunc("GET /notices", s.authed(anyRole, s.notices))
	mux.HandleFunc("POST /notices", s.authed(noticers, s.sendNotice))
	mux.HandleFunc("GET /users", s.authed(admins, s.users))
	mux.HandleFunc("POST /users", s.authed(admins, s.addUser))
	mux.HandleFunc("POST /users/{id}/reset", s.authed(admins, s.resetUser))
	mux.HandleFunc("POST /users/{id}/disable", s.authed(admins, s.disableUser))
	mux.HandleFunc("GET /audit", s.authed(admins, s.audit))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, nil, http.StatusNotFound, "web.err.not_found")
	})

	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.auditAnon(r, "denied.cross_origin", r.URL.Path, r.Header.Get("Origin"))
		s.fail(w, r, nil, http.StatusForbidden, "web.err.cross_origin")
	}))
	h := cop.Handler(mux)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		securityHeaders(w.Header())
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error("panic in workspace", "path", r.URL.Path, "panic", p)
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		// Bound what a page request may send: forms are small.
		r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
		h.ServeHTTP(w, r)
	})
}

// securityHeaders go on every page: no script but our own files, no
// framing, no sniffing, no referrer leaving the origin.
func securityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "+
		"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Strict-Transport-Security", "max-age=31536000")
	h.Set("Cache-Control", "no-store")
}

// clientAddr is the client's IP address, for the audit log and the
// sign-in throttle. A proxy's X-Forwarded-For is not trusted: the address
// is the one the connection came from.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// lang is the reader's language: the switch's cookie, Vietnamese otherwise.
func lang(r *http.Request) i18n.Lang {
	if c, err := r.Cookie(CookieLang); err == nil {
		return i18n.ParseLang(c.Value)
	}
	return i18n.VI
}

func (s *Server) setLang(w http.ResponseWriter, r *http.Request) {
	to := i18n.ParseLang(r.FormValue("to"))
	http.SetCookie(w, &http.Cookie{Name: CookieLang, Value: string(to), Path: "/", MaxAge: 365 * 24 * 3600,
		Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, localPath(r.FormValue("back"), "/inbox"), http.StatusSeeOther)
}

// localPath is p when it is a path on this site, def otherwise: no
// redirect leads off the site ("//evil", "/\evil", "https://evil").
func localPath(p, def string) string {
	if p == "" || len(p) > 2048 || p[0] != '/' || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "/\\") ||
		strings.ContainsAny(p, "\\\r\n\t") {
		return def
	}
	return p
}

// addrLimiter throttles sign-in attempts per client address: a token
// bucket, perMinute a minute.
type addrLimiter struct {
	mu        gosync.Mutex
	perMinute float64
	buckets   map[string]*tokens
}

type tokens struct {
	n    float64
	last time.Time
}

func newAddrLimiter(perMinute int) *addrLimiter {
	return &addrLimiter{perMinute: float64(perMinute), buckets: map[string]*tokens{}}
}

func (l *addrLimiter) allow(addr string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.buckets) > 100000 { // an address sweep must not grow memory without end
		l.buckets = map[string]*tokens{}
	}
	b := l.buckets[addr]
	if b == nil {
		b = &tokens{n: l.perMinute, last: now}
		l.buckets[addr] = b
	}
	b.n = min(l.perMinute, b.n+now.Sub(b.last).Minutes()*l.perMinute)
	b.last = now
	if b.n < 1 {
		return false
	}
	b.n--
	return true
}

// errForbidden and errHidden are refusals a handler returns.
var (
	errForbidden = errors.New("forbidden")
	errHidden    = errors.New("not found")
)

func (s *Server) auditAnon(r *http.Request, action, target, detail string) {
	if err := s.st.Act(hq.Actor{Addr: clientAddr(r)}).AddAudit(action, target, detail); err != nil {
		s.log.Error("audit", "action", action, "err", err)
	}
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !isRuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
