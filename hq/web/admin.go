package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"sotay/domain"
	"sotay/hq"
)

type officersData struct {
	Officers []hq.Officer
	Refused  map[string][]hq.Refusal // by officer: records HQ refused and still lacks
	Enrolled *hq.Enrolled            // just enrolled or re-issued: the code, shown once
	Problem  string
	Done     string
}

func (s *Server) officers(w http.ResponseWriter, r *http.Request, c *ctx) {
	s.showOfficers(w, r, c, http.StatusOK, officersData{Done: clip(r.URL.Query().Get("done"), 40)})
}

func (s *Server) showOfficers(w http.ResponseWriter, r *http.Request, c *ctx, status int, d officersData) {
	var err error
	if d.Officers, _, err = s.visibleOfficers(c.User); err != nil {
		s.fail(w, r, c, http.StatusInternalServerError, "web.err.internal")
		return
	}
	if d.Refused, err = s.st.Refused(); err != nil {
		s.fail(w, r, c, http.StatusInternalServerError, "web.err.internal")
		return
	}
	s.render(w, r, c, status, "officers", "web.officers.title", d)
}

// confirmed says whether the form's confirmation box was ticked: enrolling,
// re-issuing and revoking each need it.
func confirmed(r *http.Request) bool { return r.PostFormValue("confirm") == "yes" }

func (s *Server) enroll(w http.ResponseWriter, r *http.Request, c *ctx) {
	if !confirmed(r) {
		s.showOfficers(w, r, c, http.StatusBadRequest, officersData{Problem: "web.err.confirm"})
		return
	}
	e, err := c.act.EnrollOfficer(r.PostFormValue("name"), r.PostFormValue("province"))
	if err != nil {
		s.showOfficers(w, r, c, http.StatusBadRequest, officersData{Problem: problemKey(err)})
		return
	}
	s.showOfficers(w, r, c, http.StatusOK, officersData{Enrolled: &e})
}

func (s *Server) reissue(w http.ResponseWriter, r *http.Request, c *ctx) {
	if !confirmed(r) {
		s.showOfficers(w, r, c, http.StatusBadRequest, officersData{Problem: "web.err.confirm"})
		return
	}
	e, err := c.act.ReissueOfficer(clip(r.PathValue("id"), 64))
	if err != nil {
		s.showOfficers(w, r, c, http.StatusBadRequest, officersData{Problem: problemKey(err)})
		return
	}
	s.showOfficers(w, r, c, http.StatusOK, officersData{Enrolled: &e})
}

func (s *Server) revoke(w http.ResponseWriter, r *http.Request, c *ctx) {
	if !confirmed(r) {
		s.showOfficers(w, r, c, http.StatusBadRequest, officersData{Problem: "web.err.confirm"})
		return
	}
	if err := c.act.Revoke(clip(r.PathValue("id"), 64)); err != nil {
		s.showOfficers(w, r, c, http.StatusBadRequest, officersData{Problem: problemKey(err)})
		return
	}
	http.Redirect(w, r, "/officers?done=revoked", http.StatusSeeOther)
}

type noticesData struct {
	Notices   []hq.NoticeSent
	Title     string
	Text      string
	Provinces []string
	Preview   bool
	Problem   string
	Sent      string
}

func (s *Server) notices(w http.ResponseWriter, r *http.Request, c *ctx) {
	s.showNotices(w, r, c, http.StatusOK, noticesData{Sent: clip(r.URL.Query().Get("sent"), 10)})
}

func (s *Server) showNotices(w http.ResponseWriter, r *http.Request, c *ctx, status int, d noticesData) {
	var err error
	if d.Notices, err = s.st.Notices(50); err != nil {
		s.fail(w, r, c, http.StatusInternalServerError, "web.err.internal")
		return
	}
	s.render(w, r, c, status, "notices", "web.notices.title", d)
}

// sendNotice previews a notice (action=preview) or sends it to every
// officer or to those of the chosen provinces.
func (s *Server) sendNotice(w http.ResponseWriter, r *http.Request, c *ctx) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, c, http.StatusBadRequest, "web.err.bad_filter")
		return
	}
	d := noticesData{Title: r.PostForm.Get("title"), Text: r.PostForm.Get("text")}
	for _, p := range r.PostForm["province"] {
		if _, ok := domain.ProvinceBySlug(p); ok && !slices.Contains(d.Provinces, p) {
			d.Provinces = append(d.Provinces, p)
		}
	}
	if r.PostForm.Get("action") != "send" {
		d.Preview = true
		s.showNotices(w, r, c, http.StatusOK, d)
		return
	}
	n, err := c.act.NoticeTo(d.Title, d.Text, d.Provinces)
	if err != nil {
		d.Problem = problemKey(err)
		s.showNotices(w, r, c, http.StatusBadRequest, d)
		return
	}
	sent := "all"
	if len(d.Provinces) > 0 {
		sent = strconv.Itoa(n)
	}
	http.Redirect(w, r, "/notices?sent="+sent, http.StatusSeeOther)
}

type usersData struct {
	Users   []hq.User
	Link    string // a setup link just made, shown once
	For     string
	Problem string
}

func (s *Server) users(w http.ResponseWriter, r *http.Request, c *ctx) {
	s.showUsers(w, r, c, http.StatusOK, usersData{})
}

func (s *Server) showUsers(w http.ResponseWriter, r *http.Request, c *ctx, status int, d usersData) {
	us, err := s.st.Users()
	if err != nil {
		s.fail(w, r, c, http.StatusInternalServerError, "web.err.internal")
		return
	}
	for _, u := range us {
		d.Users = append(d.Users, u.Public())
	}
	s.render(w, r, c, status, "users", "web.users.title", d)
}

func (s *Server) setupLink(token string) (string, error) {
	url, _, err := s.st.Served()
	if err != nil {
		return "", err
	}
	return strings.TrimSuffix(url, "/") + hq.SetupPath + token, nil
}

func (s *Server) addUser(w http.ResponseWriter, r *http.Request, c *ctx) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, c, http.StatusBadRequest, "web.err.bad_filter")
		return
	}
	var provinces []string
	for _, p := range r.PostForm["province"] {
		if p != "" {
			provinces = append(provinces, clip(p, 64))
		}
	}
	u, token, err := c.act.AddUser(r.PostForm.Get("name"), r.PostForm.Get("email"), hq.Role(r.PostForm.Get("role")), provinces)
	s.showSetupLink(w, r, c, u, token, err)
}

// showSetupLink shows the one-time setup link of a user just added or
// reset, or why that failed.
func (s *Server) showSetupLink(w http.ResponseWriter, r *http.Request, c *ctx, u hq.User, token string, err error) {
	if err != nil {
		s.showUsers(w, r, c, http.StatusBadRequest, usersData{Problem: problemKey(err)})
		return
	}
	link, err := s.setupLink(token)
	if err != nil {
		s.fail(w, r, c, http.StatusInternalServerError, "web.err.internal")
		return
	}
	s.showUsers(w, r, c, http.StatusOK, usersData{Link: link, For: u.Email})
}

func (s *Server) resetUser(w http.ResponseWriter, r *http.Request, c *ctx) {
	if !confirmed(r) {
		s.showUsers(w, r, c, http.StatusBadRequest, usersData{Problem: "web.err.confirm"})
		return
	}
	u, token, err := c.act.ResetUser(clip(r.PathValue("id"), 64))
	s.showSetupLink(w, r, c, u, token, err)
}

func (s *Server) disableUser(w http.ResponseWriter, r *http.Request, c *ctx) {
	id := clip(r.PathValue("id"), 64)
	if !confirmed(r) || id == c.User.ID { // an admin cannot lock themselves out by a slip
		s.showUsers(w, r, c, http.StatusBadRequest, usersData{Problem: "web.err.confirm"})
		return
	}
	if err := c.act.DisableUser(id); err != nil {
		s.showUsers(w, r, c, http.StatusBadRequest, usersData{Problem: problemKey(err)})
		return
	}
	http.Redirect(w, r, "/users", http.StatusSeeOther)
}

type auditData struct {
	Entries []hq.AuditEntry
	Action  string
	Actor   string
	Target  string
	From    string
	To      string
	Users   map[string]string
	NextURL string
}

// audit shows the audit log, newest first, filtered by action (or a
// prefix such as "signin."), user, target and dates.
func (s *Server) audit(w http.ResponseWriter, r *http.Request, c *ctx) {
	q := r.URL.Query()
	d := auditData{Action: clip(q.Get("action"), 64), Actor: clip(q.Get("actor"), 64), Target: clip(q.Get("target"), 200),
		From: q.Get("from"), To: q.Get("to"), Users: map[string]string{}}
	f := hq.AuditFilter{Action: d.Action, Actor: d.Actor, Target: d.Target}
	if d.From != "" {
		t, err := time.ParseInLocation("2006-01-02", d.From, hcm)
		if err != nil {
			s.fail(w, r, c, http.StatusBadRequest, "web.err.bad_filter")
			return
		}
		f.From = t
	}
	if d.To != "" {
		t, err := time.ParseInLocation("2006-01-02", d.To, hcm)
		if err != nil {
			s.fail(w, r, c, http.StatusBadRequest, "web.err.bad_filter")
			return
		}
		f.To = t.AddDate(0, 0, 1)
	}
	var before uint64
	if b := q.Get("before"); b != "" {
		var err error
		if before, err = strconv.ParseUint(b, 10, 64); err != nil {
			s.fail(w, r, c, http.StatusBadRequest, "web.err.bad_filter")
			return
		}
	}
	entries, next, err := s.st.AuditPage(f, before, 100)
	if err != nil {
		s.fail(w, r, c, http.StatusInternalServerError, "web.err.internal")
		return
	}
	d.Entries = entries
	if next != 0 {
		nq := r.URL.Query()
		nq.Set("before", strconv.FormatUint(next, 10))
		d.NextURL = "/audit?" + nq.Encode()
	}
	us, err := s.st.Users()
	if err != nil {
		s.fail(w, r, c, http.StatusInternalServerError, "web.err.internal")
		return
	}
	for _, u := range us {
		d.Users[u.ID] = u.Name
	}
	s.render(w, r, c, http.StatusOK, "audit", "web.audit.title", d)
}
