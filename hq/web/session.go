package web

import (
	"bytes"
	"errors"
	"image/png"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"sotay/hq"
	"sotay/hq/auth"
	"sotay/i18n"
)

// ctx is one signed-in request: who, in which language, and the actor
// their writes are audited as.
type ctx struct {
	User      hq.User
	Cat       i18n.Catalog
	tokenHash string
	act       Actions
	actor     hq.Actor
}

// Role sets a handler admits.
var (
	anyRole   = []hq.Role{hq.RoleAdmin, hq.RoleMember, hq.RoleLiaison, hq.RoleViewer}
	answerers = []hq.Role{hq.RoleAdmin, hq.RoleMember, hq.RoleLiaison}
	noticers  = []hq.Role{hq.RoleAdmin, hq.RoleMember}
	admins    = []hq.Role{hq.RoleAdmin}
)

// authed admits a request with a live session whose user holds one of
// roles; others go to the sign-in page (or get 403, audited).
func (s *Server) authed(roles []hq.Role, h func(http.ResponseWriter, *http.Request, *ctx)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, ok := s.session(w, r)
		if !ok {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			s.fail(w, r, nil, http.StatusUnauthorized, "web.err.signed_out")
			return
		}
		if !slices.Contains(roles, c.User.Role) {
			s.deny(w, r, c, errForbidden, r.URL.Path)
			return
		}
		h(w, r, c)
	}
}

// deny refuses a request and audits it: errHidden is a 404 (the reader
// may not know the thing exists), anything else a 403.
func (s *Server) deny(w http.ResponseWriter, r *http.Request, c *ctx, why error, target string) {
	status, key, action := http.StatusForbidden, "web.err.forbidden", "denied.role"
	if errors.Is(why, errHidden) {
		status, key, action = http.StatusNotFound, "web.err.not_found", "denied.province"
	}
	if err := c.act.AddAudit(action, clip(target, 200), r.Method+" "+clip(r.URL.Path, 200)); err != nil {
		s.log.Error("audit", "err", err)
	}
	s.fail(w, r, c, status, key)
}

// session finds the request's live session. An expired one is ended and
// audited; its cookie is cleared.
func (s *Server) session(w http.ResponseWriter, r *http.Request) (*ctx, bool) {
	ck, err := r.Cookie(CookieSession)
	if err != nil || len(ck.Value) > 100 {
		return nil, false
	}
	hash := auth.HashToken(ck.Value)
	sess, u, err := s.st.Session(hash)
	if err != nil {
		clearCookie(w)
		return nil, false
	}
	now := s.opt.Now()
	actor := hq.Actor{User: u.ID, Name: u.Name, Addr: clientAddr(r)}
	act := s.st.Act(actor)
	if now.Sub(sess.Seen) > s.opt.IdleTimeout || now.Sub(sess.Created) > s.opt.AbsoluteTimeout || !u.Disabled.IsZero() {
		if err := act.EndSession(hash, "session.expired"); err != nil {
			s.log.Error("end session", "err", err)
		}
		clearCookie(w)
		return nil, false
	}
	// A write per request would cost a commit each; a minute's precision
	// is enough for an idle timeout of many minutes.
	if now.Sub(sess.Seen) > time.Minute {
		if err := s.st.TouchSession(hash, now); err != nil {
			s.log.Warn("touch session", "err", err)
		}
	}
	return &ctx{User: u, Cat: i18n.New(lang(r)), tokenHash: hash, act: act, actor: actor}, true
}

func sessionCookie(token string, maxAge time.Duration) *http.Cookie {
	return &http.Cookie{Name: CookieSession, Value: token, Path: "/", MaxAge: int(maxAge.Seconds()),
		Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode}
}

func clearCookie(w http.ResponseWriter) {
	c := sessionCookie("", 0)
	c.MaxAge = -1
	http.SetCookie(w, c)
}

type signinData struct {
	Next   string
	Email  string
	Failed bool
}

func (s *Server) signinPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, nil, http.StatusOK, "signin", "web.signin.title", signinData{Next: localPath(r.URL.Query().Get("next"), "")})
}

// signin checks email, password and, when the user has one, the TOTP
// code. Every failure looks the same to the client (which of the three
// was wrong, or that the account is locked, is in the audit log), waits
// longer the more failures came before, and locks the account after
// MaxFailures in a row.
func (s *Server) signin(w http.ResponseWriter, r *http.Request) {
	email := clip(strings.TrimSpace(r.PostFormValue("email")), 254)
	pw, code := r.PostFormValue("password"), r.PostFormValue("code")
	next := localPath(r.PostFormValue("next"), "/inbox")
	now := s.opt.Now()
	addr := clientAddr(r)
	failed := func(status int) {
		s.render(w, r, nil, status, "signin", "web.signin.title", signinData{Next: next, Email: email, Failed: true})
	}
	if !s.addrs.allow(addr, now) {
		s.auditAnon(r, "signin.throttled", clip(email, 100), "")
		w.Header().Set("Retry-After", "60")
		failed(http.StatusTooManyRequests)
		return
	}
	u, err := s.st.UserByEmail(email)
	if err != nil {
		auth.CheckPassword("", pw) // an unknown email costs what a wrong password does
		s.auditAnon(r, "signin.fail", clip(email, 100), "unknown email")
		s.wait(r, 1)
		failed(http.StatusUnauthorized)
		return
	}
	act := s.st.Act(hq.Actor{User: u.ID, Name: u.Name, Addr: addr})
	reason := ""
	var step int64
	switch {
	case !u.Disabled.IsZero():
		auth.CheckPassword("", pw)
		reason = "disabled"
	case now.Before(u.LockedUntil):
		auth.CheckPassword("", pw)
		reason = "locked"
	case !auth.CheckPassword(u.PassHash, pw):
		reason = "wrong password"
	case u.TOTPSecret != "":
		var ok bool
		step, ok = auth.CheckTOTP(u.TOTPSecret, code, now)
		switch {
		case !ok:
			reason = "wrong code"
		case step <= u.TOTPStep:
			reason = "code used before"
		}
	case u.Role == hq.RoleAdmin:
		reason = "admin without a second factor"
	}
	if reason != "" {
		if reason == "locked" {
			_ = act.AddAudit("signin.fail", u.ID, reason)
		} else if u2, err := act.SignInFailed(u.ID, reason, s.opt.MaxFailures, s.opt.LockFor); err == nil {
			u = u2
		}
		s.wait(r, u.Failures+1)
		failed(http.StatusUnauthorized)
		return
	}
	token := auth.NewToken()
	sess := hq.Session{User: u.ID, Created: now.UTC(), Seen: now.UTC(), Addr: addr}
	if err := act.SignedIn(u.ID, step, auth.HashToken(token), sess, s.opt.IdleTimeout, s.opt.AbsoluteTimeout); err != nil {
		s.log.Error("sign in", "err", err)
		s.fail(w, r, nil, http.StatusInternalServerError, "web.err.internal")
		return
	}
	http.SetCookie(w, sessionCookie(token, s.opt.AbsoluteTimeout))
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// wait slows a failed sign-in down, by the failures so far (capped), or
// until the client goes away.
func (s *Server) wait(r *http.Request, failures int) {
	d := s.opt.FailDelay * time.Duration(min(max(failures, 1), 10))
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
	}
}

func (s *Server) signout(w http.ResponseWriter, r *http.Request) {
	if c, ok := s.session(w, r); ok {
		if err := c.act.EndSession(c.tokenHash, "signout"); err != nil {
			s.log.Error("sign out", "err", err)
		}
	}
	clearCookie(w)
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}

type setupData struct {
	User      hq.User
	Token     string
	Secret    string
	NeedTOTP  bool
	Problem   string
	SetupPath string
}

// setupPage shows the one-time setup: choose a password, and scan the
// offered TOTP secret (required for admins, offered to all).
func (s *Server) setupPage(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	u, err := s.st.UserBySetup(clip(token, 100))
	if err != nil {
		s.fail(w, r, nil, http.StatusNotFound, "web.err.bad_setup")
		return
	}
	secret := u.PendingTOTP
	if secret == "" {
		k, err := auth.NewTOTP(s.opt.Issuer, u.Email)
		if err != nil {
			s.fail(w, r, nil, http.StatusInternalServerError, "web.err.internal")
			return
		}
		secret = k.Secret()
		if err := s.st.OfferTOTP(u.ID, secret); err != nil {
			s.fail(w, r, nil, http.StatusInternalServerError, "web.err.internal")
			return
		}
	}
	s.render(w, r, nil, http.StatusOK, "setup", "web.setup.title",
		setupData{User: u, Token: token, Secret: secret, NeedTOTP: u.Role == hq.RoleAdmin, SetupPath: hq.SetupPath})
}

// setupQR is the offered secret as a QR code for an authenticator app.
func (s *Server) setupQR(w http.ResponseWriter, r *http.Request) {
	u, err := s.st.UserBySetup(clip(r.PathValue("token"), 100))
	if err != nil || u.PendingTOTP == "" {
		http.NotFound(w, r)
		return
	}
	k, err := auth.TOTPKey(s.opt.Issuer, u.Email, u.PendingTOTP)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	img, err := k.Image(240, 240)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Write(buf.Bytes())
}

func (s *Server) setup(w http.ResponseWriter, r *http.Request) {
	token := clip(r.PathValue("token"), 100)
	u, err := s.st.UserBySetup(token)
	if err != nil {
		s.fail(w, r, nil, http.StatusNotFound, "web.err.bad_setup")
		return
	}
	pw, pw2, code := r.PostFormValue("password"), r.PostFormValue("password2"), strings.TrimSpace(r.PostFormValue("code"))
	data := setupData{User: u, Token: token, Secret: u.PendingTOTP, NeedTOTP: u.Role == hq.RoleAdmin, SetupPath: hq.SetupPath}
	again := func(problem string) {
		data.Problem = problem
		s.render(w, r, nil, http.StatusBadRequest, "setup", "web.setup.title", data)
	}
	if pw != pw2 {
		again("web.setup.mismatch")
		return
	}
	if err := auth.CheckPasswordRules(pw); err != nil {
		again("web.setup.weak")
		return
	}
	var step int64
	withTOTP := code != ""
	if withTOTP {
		var ok bool
		if step, ok = auth.CheckTOTP(u.PendingTOTP, code, s.opt.Now()); !ok {
			again("web.setup.bad_code")
			return
		}
	} else if data.NeedTOTP {
		again("web.setup.need_code")
		return
	}
	hash, err := auth.HashPassword(pw)
	if err != nil {
		again("web.setup.weak")
		return
	}
	if _, err := s.st.Act(hq.Actor{User: u.ID, Name: u.Name, Addr: clientAddr(r)}).CompleteSetup(token, hash, withTOTP, step); err != nil {
		s.fail(w, r, nil, http.StatusNotFound, "web.err.bad_setup")
		return
	}
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}
