package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"sotay/domain"
	"sotay/hq"
	"sotay/i18n"
	"sotay/record"
	"sotay/vntext"
)

// page is what every template gets: the reader, their language, the page's
// own data. Its methods are the templates' vocabulary, so that no template
// needs a function bound per request.
type page struct {
	Cat   i18n.Catalog
	User  *hq.User
	Title string
	Path  string // the request's path and query, for the language switch
	Nav   string // the page's menu entry
	Data  any
}

// T is a message of the catalog in the reader's language.
func (p page) T(key string, args ...any) string { return p.Cat.T(i18n.Key(key), args...) }

// N is T for a count n, singular in English when n is 1.
func (p page) N(key string, n int) string { return p.Cat.N(i18n.Key(key), n, n) }

// Lang is the reader's language code, for <html lang>.
func (p page) Lang() string { return string(p.Cat.Lang) }

// Other is the language the switch offers.
func (p page) Other() string {
	if p.Cat.Lang == i18n.EN {
		return string(i18n.VI)
	}
	return string(i18n.EN)
}

func (p page) term(terms []domain.Term, slug string) string {
	if t, ok := domain.Find(terms, slug); ok {
		return p.Cat.Term(t)
	}
	return slug
}

// Category, Severity, Status and Activity name a slug in the reader's language.
func (p page) Category(slug string) string { return p.term(domain.Categories(), slug) }
func (p page) Severity(slug string) string { return p.term(domain.Severities(), slug) }
func (p page) Status(slug string) string   { return p.term(domain.Statuses(), slug) }
func (p page) Activity(slug string) string { return p.term(domain.Activities(), slug) }

// Province names a province.
func (p page) Province(slug string) string {
	if pr, ok := domain.ProvinceBySlug(slug); ok {
		return pr.Name
	}
	return slug
}

// Refusal words why HQ refused a record, in the notebook's words when the
// catalog has them.
func (p page) Refusal(r hq.Refusal) string {
	if k := i18n.Key("parked." + r.Code); r.Code != "" && i18n.Has(k) {
		return p.Cat.T(k)
	}
	return r.Message
}

// Role names a role.
func (p page) Role(r hq.Role) string { return p.T("web.role." + string(r)) }

// Field names a record field.
func (p page) Field(name string) string { return p.Cat.Field(name) }

// Kind names a kind of record.
func (p page) Kind(k record.Kind) string { return p.Cat.Kind(k) }

// Categories and the other vocabularies, for the filters' choices.
func (p page) Categories() []domain.Term    { return domain.Categories() }
func (p page) Severities() []domain.Term    { return domain.Severities() }
func (p page) Statuses() []domain.Term      { return domain.Statuses() }
func (p page) Provinces() []domain.Province { return domain.Provinces() }
func (p page) Roles() []hq.Role             { return hq.Roles() }
func (p page) Label(t domain.Term) string   { return p.Cat.Term(t) }

// Date shows a stored date as dd/mm/yyyy.
func (p page) Date(d string) string { return vntext.FormatDate(d) }

// hcm is the time the working group reads clocks in.
var hcm = time.FixedZone("ICT", 7*3600)

// Time shows a moment in Viet Nam's time, "" for never.
func (p page) Time(t time.Time) string {
	if t.IsZero() {
		return p.T("web.never")
	}
	return t.In(hcm).Format("02/01/2006 15:04")
}

// marks are what a list's row says of a record beyond its fields: HQ's
// review of it and whether the officer wrote last on it.
type marks struct {
	Review  string // the review state's words, "" for none
	State   string // the review state, for the badge's class
	Waiting string // "waiting for HQ", "" when HQ does not owe an answer
}

// Marks of a row of a list.
func (p page) Marks(row hq.RecordRow) marks {
	var m marks
	if rv := row.Review; rv != nil {
		m.State, m.Review = rv.State, p.Cat.ReviewState(rv.State)
	}
	if row.Record.Kind == record.KindDifficulty && row.Record.WaitingForHQ() {
		m.Waiting = p.T("talk.waiting")
	}
	return m
}

// Can says whether the reader holds one of the roles (for what a page
// offers; the handlers check again).
func (p page) Can(what string) bool {
	if p.User == nil {
		return false
	}
	switch what {
	case "answer":
		return p.User.Role != hq.RoleViewer
	case "notice":
		return p.User.Role == hq.RoleAdmin || p.User.Role == hq.RoleMember
	case "admin":
		return p.User.Role == hq.RoleAdmin
	}
	return false
}

func (s *Server) parseTemplates() error {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return err
	}
	funcs := template.FuncMap{
		"pathOnly": func(p string) string {
			p, _, _ = strings.Cut(p, "?")
			return p
		},
		"has": func(xs []string, x string) bool {
			for _, v := range xs {
				if v == x {
					return true
				}
			}
			return false
		},
	}
	s.tmpl = map[string]*template.Template{}
	for _, n := range names {
		base := strings.TrimSuffix(path.Base(n), ".html")
		if base == "layout" || base == "partials" {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/partials.html", n)
		if err != nil {
			return fmt.Errorf("parse template %s: %w", n, err)
		}
		s.tmpl[base] = t
	}
	return nil
}

// render writes a page. It renders into a buffer first, so a template
// error is a clean 500, not half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, c *ctx, status int, name, title string, data any) {
	p := page{Cat: i18n.New(lang(r)), Path: r.URL.RequestURI(), Nav: name, Data: data}
	if c != nil {
		p.Cat, p.User = c.Cat, &c.User
	}
	p.Title = p.T(title)
	if len(p.Path) > 1000 {
		p.Path = r.URL.Path
	}
	t := s.tmpl[name]
	if t == nil {
		http.Error(w, "no such page", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", p); err != nil {
		s.log.Error("render", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

type failData struct{ Message string }

// fail shows an error page with a message of the catalog.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, c *ctx, status int, key string) {
	s.render(w, r, c, status, "error", "web.error.title", failData{Message: key})
}
