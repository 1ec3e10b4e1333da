package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"sotay/domain"
	"sotay/hq"
	"sotay/record"
)

// filterForm is a list's filter as the URL carries it, checked. The same
// filter drives the page, its next pages and its exports.
type filterForm struct {
	Kind      record.Kind
	Provinces []string
	Category  string
	Severity  string
	Status    string
	From, To  string
	Officer   string
	Days      int
	Q         string
	Sort      string
	Cursor    string
}

// Bounds on a filter from the network.
const (
	maxQuery  = 200
	maxCursor = 400
	maxDays   = 3650
)

var errBadFilter = errors.New("bad filter")

// parseFilter reads a list's filter from the URL; anything outside the
// vocabularies or the bounds is refused, not guessed at.
func parseFilter(q url.Values, kind record.Kind) (filterForm, error) {
	f := filterForm{Kind: kind, Category: q.Get("category"), Severity: q.Get("severity"), Status: q.Get("status"),
		From: q.Get("from"), To: q.Get("to"), Officer: q.Get("officer"), Q: strings.TrimSpace(q.Get("q")),
		Sort: q.Get("sort"), Cursor: q.Get("cursor")}
	if k := q.Get("kind"); k != "" && kind == "" {
		var ok bool
		if f.Kind, ok = record.ParseKind(k); !ok {
			return f, errBadFilter
		}
	}
	for _, p := range q["province"] {
		if p == "" {
			continue
		}
		if _, ok := domain.ProvinceBySlug(p); !ok || len(f.Provinces) >= 34 {
			return f, errBadFilter
		}
		if !slices.Contains(f.Provinces, p) {
			f.Provinces = append(f.Provinces, p)
		}
	}
	okTerm := func(terms []domain.Term, v string) bool {
		_, ok := domain.Find(terms, v)
		return v == "" || ok
	}
	okDate := func(d string) bool {
		if d == "" {
			return true
		}
		_, err := time.Parse("2006-01-02", d)
		return err == nil
	}
	switch {
	case !okTerm(domain.Categories(), f.Category), !okTerm(domain.Severities(), f.Severity),
		!okTerm(domain.Statuses(), f.Status), !okDate(f.From), !okDate(f.To),
		len(f.Officer) > 64, len([]rune(f.Q)) > maxQuery, len(f.Cursor) > maxCursor,
		f.Sort != "" && !slices.Contains(hq.Sorts(), f.Sort):
		return f, errBadFilter
	}
	if d := q.Get("days"); d != "" {
		n, err := strconv.Atoi(d)
		if err != nil || n < 0 || n > maxDays {
			return f, errBadFilter
		}
		f.Days = n
	}
	return f, nil
}

// record is the store's filter for reader u: a liaison's is confined to
// their provinces whatever the URL says.
func (f filterForm) record(u hq.User, now time.Time) hq.RecordFilter {
	rf := hq.RecordFilter{Kind: f.Kind, Provinces: f.Provinces, Category: f.Category, Severity: f.Severity,
		Status: f.Status, From: f.From, To: f.To, Officer: f.Officer, UnansweredDays: f.Days, Query: f.Q,
		Sort: f.Sort, Now: now}
	if u.Role == hq.RoleLiaison {
		rf.Limited, rf.Scope = true, slices.Clone(u.Provinces)
	}
	return rf
}

// values is the filter as a URL query, without the cursor.
func (f filterForm) values() url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	for _, p := range f.Provinces {
		v.Add("province", p)
	}
	set("category", f.Category)
	set("severity", f.Severity)
	set("status", f.Status)
	set("from", f.From)
	set("to", f.To)
	set("officer", f.Officer)
	set("q", f.Q)
	set("sort", f.Sort)
	if f.Days > 0 {
		v.Set("days", strconv.Itoa(f.Days))
	}
	return v
}

// unfiltered says the filter chooses every record (in whatever order).
func (f filterForm) unfiltered() bool {
	v := f.values()
	v.Del("sort")
	return len(v) == 0
}

// describe is the filter in a line, for the audit log of exports.
func (f filterForm) describe() string {
	v := f.values()
	v.Set("kind", string(f.Kind))
	return v.Encode()
}

type listData struct {
	Kind                  record.Kind
	F                     filterForm
	Page                  hq.RecordPage
	Officers              []hq.Officer // those the reader may see, for the filter
	Names                 map[string]string
	Query                 string // the filter as a query, for links
	NextURL               string
	ExportXLSX, ExportCSV string // the filter's exports
	Done                  string // a bulk change's count, shown once
	Empty                 bool
	Now                   time.Time
	// Urgent are the urgent difficulties waiting for HQ past the
	// overview's due time, in the reader's provinces, longest waiting
	// first: the inbox shows them before its list (page.UrgentURL lists all).
	Urgent *hq.RecordPage
}

// Days is how many whole days ago t was.
func (d listData) Days(t time.Time) int { return int(d.Now.Sub(t).Hours() / 24) }

func (s *Server) inbox(w http.ResponseWriter, r *http.Request, c *ctx) {
	s.list(w, r, c, record.KindDifficulty, "inbox", "web.inbox.title")
}

func (s *Server) logs(w http.ResponseWriter, r *http.Request, c *ctx) {
	s.list(w, r, c, record.KindLog, "logs", "web.logs.title")
}

func (s *Server) trainings(w http.ResponseWriter, r *http.Request, c *ctx) {
	s.list(w, r, c, record.KindTraining, "trainings", "web.trainings.title")
}

func (s *Server) list(w http.ResponseWriter, r *http.Request, c *ctx, kind record.Kind, name, title string) {
	f, err := parseFilter(r.URL.Query(), kind)
	if err != nil {
		s.fail(w, r, c, http.StatusBadRequest, "web.err.bad_filter")
		return
	}
	qs := []hq.PageQuery{{Filter: f.record(c.User, s.opt.Now()), Cursor: f.Cursor, Limit: s.opt.PageSize}}
	// The banner greets the inbox as it opens (first page, no filter, any
	// order); a reader who filters or searches has chosen what to see. It
	// is answered in the list's own pass over the index.
	banner := kind == record.KindDifficulty && f.Cursor == "" && f.unfiltered()
	if banner {
		qs = append(qs, hq.PageQuery{Filter: urgentOverdue().record(c.User, s.opt.Now()), Limit: maxUrgentShown})
	}
	pages, err := s.st.QueryPages(r.Context(), qs)
	if errors.Is(err, hq.ErrBadCursor) {
		s.fail(w, r, c, http.StatusBadRequest, "web.err.bad_filter")
		return
	}
	if err != nil {
		s.log.Error("list", "err", err)
		s.fail(w, r, c, http.StatusInternalServerError, "web.err.internal")
		return
	}
	pg := pages[0]
	officers, names, err := s.visibleOfficers(c.User)
	if err != nil {
		s.fail(w, r, c, http.StatusInternalServerError, "web.err.internal")
		return
	}
	d := listData{Kind: kind, F: f, Page: pg, Officers: officers, Names: names, Query: f.values().Encode(),
		Done: clip(r.URL.Query().Get("done"), 10), Empty: pg.Total == 0, Now: s.opt.Now()}
	ev := f.values()
	ev.Set("kind", string(kind))
	ev.Set("format", "xlsx")
	d.ExportXLSX = "/export?" + ev.Encode()
	ev.Set("format", "csv")
	d.ExportCSV = "/export?" + ev.Encode()
	if banner && pages[1].Total > 0 {
		d.Urgent = &pages[1]
	}
	if pg.Next != "" {
		nv := f.values()
		nv.Set("cursor", pg.Next)
		d.NextURL = r.URL.Path + "?" + nv.Encode()
	}
	s.render(w, r, c, http.StatusOK, name, title, d)
}

// maxUrgentShown bounds the urgent difficulties named above the inbox.
const maxUrgentShown = 5

// urgentOverdue is the inbox's filter of the urgent difficulties waiting
// for HQ past the due time the overview counts them overdue by.
func urgentOverdue() filterForm {
	return filterForm{Kind: record.KindDifficulty, Severity: "urgent", Days: hq.DueDays("urgent"), Sort: "waiting"}
}

// UrgentURL is the inbox of the urgent difficulties overdue, for the
// links of the inbox and the overview.
func (p page) UrgentURL() string { return "/inbox?" + urgentOverdue().values().Encode() }

// visibleOfficers are the officers the reader may see, sorted by
// province then name, and every officer's name by id.
func (s *Server) visibleOfficers(u hq.User) ([]hq.Officer, map[string]string, error) {
	all, err := s.st.Officers()
	if err != nil {
		return nil, nil, err
	}
	names := map[string]string{}
	var out []hq.Officer
	for _, o := range all {
		names[o.ID] = o.Name
		if u.Sees(o.Province) {
			o.TokenHash = ""
			out = append(out, o)
		}
	}
	slices.SortFunc(out, func(a, b hq.Officer) int {
		if c := strings.Compare(a.Province, b.Province); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out, names, nil
}

// recordFor loads a record the reader may see. One they may not see is
// errHidden: to them it does not exist.
func (s *Server) recordFor(c *ctx, id string) (hq.StoredRecord, hq.Officer, error) {
	if len(id) > 64 {
		return hq.StoredRecord{}, hq.Officer{}, errHidden
	}
	sr, err := s.st.Record(id)
	if err != nil || sr.Record.Deleted {
		return hq.StoredRecord{}, hq.Officer{}, errHidden
	}
	all, err := s.st.Officers()
	if err != nil {
		return hq.StoredRecord{}, hq.Officer{}, err
	}
	for _, o := range all {
		if o.ID == sr.Officer {
			if !c.User.Sees(o.Province) {
				return hq.StoredRecord{}, hq.Officer{}, errHidden
			}
			o.TokenHash = ""
			return sr, o, nil
		}
	}
	return hq.StoredRecord{}, hq.Officer{}, errHidden
}

// change is one revision of a record as the officer sent it: which fields
// it changed.
type change struct {
	Rev     int64
	At      time.Time // when HQ received it
	Fields  []string
	Deleted bool
}

// changes lists what each revision HQ holds changed from the one before.
func changes(older []hq.StoredRecord, cur hq.StoredRecord) []change {
	versions := append(older[:len(older):len(older)], cur)
	var out []change
	for i := 1; i < len(versions); i++ {
		a, b := versions[i-1].Record, versions[i].Record
		ch := change{Rev: b.Rev, At: versions[i].Received, Deleted: b.Deleted && !a.Deleted}
		for _, f := range record.Fields(b.Kind) {
			if a.Value(f.Name) != b.Value(f.Name) {
				ch.Fields = append(ch.Fields, f.Name)
			}
		}
		out = append(out, ch)
	}
	return out
}

type recordData struct {
	Changes   []change
	R         hq.StoredRecord
	Officer   hq.Officer
	Thread    []record.ThreadItem // a difficulty's answers, status changes and follow-ups, in their one order
	Waiting   bool                // the officer spoke last: HQ owes an answer
	Work      hq.Work
	Assignees []hq.User
	Assignee  string // name
	CanAnswer bool
	Problem   string
	Text      string // the answer typed, kept when it is refused
	Comment   string // the review comment typed, kept when it is refused
	InReview  bool   // Problem is the review form's
	Files     []fileRow
}

func (s *Server) difficulty(w http.ResponseWriter, r *http.Request, c *ctx) {
	s.showRecord(w, r, c, http.StatusOK, "", "")
}

func (s *Server) showRecord(w http.ResponseWriter, r *http.Request, c *ctx, status int, problem, text string) {
	s.showRecordWith(w, r, c, status, problem, func(d *recordData) { d.Text = text })
}

// showRecordWith shows the record page with what keep puts back in its
// forms (text typed before a refusal).
func (s *Server) showRecordWith(w http.ResponseWriter, r *http.Request, c *ctx, status int, problem string, keep func(*recordData)) {
	id := r.PathValue("id")
	sr, o, err := s.recordFor(c, id)
	if err != nil {
		s.deny(w, r, c, errHidden, id)
		return
	}
	d := recordData{R: sr, Officer: o, CanAnswer: c.User.CanAnswer(o.Province), Problem: problem}
	keep(&d)
	d.Files = s.filesOf(sr)
	if sr.Record.Kind == record.KindDifficulty {
		d.Thread, d.Waiting = sr.Record.Thread(), sr.Record.WaitingForHQ()
	}
	older, err := s.st.Revisions(sr.Record.ID)
	if err != nil {
		s.fail(w, r, c, http.StatusInternalServerError, "web.err.internal")
		return
	}
	d.Changes = changes(older, sr)
	if d.Work, err = s.st.RecordWork(sr.Record.ID); err != nil {
		s.fail(w, r, c, http.StatusInternalServerError, "web.err.internal")
		return
	}
	users, err := s.st.Users()
	if err != nil {
		s.fail(w, r, c, http.StatusInternalServerError, "web.err.internal")
		return
	}
	for _, u := range users {
		if u.Disabled.IsZero() && (u.Role == hq.RoleMember || u.Role == hq.RoleAdmin) {
			d.Assignees = append(d.Assignees, u.Public())
		}
		if u.ID == d.Work.Assignee {
			d.Assignee = u.Name
		}
	}
	s.render(w, r, c, status, "record", "web.record.title", d)
}

// answer sends a status and/or text to the officer, through the same
// function `sotay hq respond` uses.
func (s *Server) answer(w http.ResponseWriter, r *http.Request, c *ctx) {
	sr, ok := s.answerable(w, r, c)
	if !ok {
		return
	}
	text := r.PostFormValue("text")
	_, err := c.act.Respond(sr.Record.ID, r.PostFormValue("status"), text, c.User.Name)
	if err != nil {
		s.showRecord(w, r, c, http.StatusBadRequest, problemKey(err), text)
		return
	}
	http.Redirect(w, r, "/d/"+sr.Record.ID, http.StatusSeeOther)
}

// review marks a record has_issues (with a comment) or approved, or
// reopens an approved one, through the same function `sotay hq review`
// uses.
func (s *Server) review(w http.ResponseWriter, r *http.Request, c *ctx) {
	sr, ok := s.answerable(w, r, c)
	if !ok {
		return
	}
	comment := r.PostFormValue("comment")
	if _, err := c.act.Review(sr.Record.ID, r.PostFormValue("state"), comment, c.User.Name); err != nil {
		s.showRecordWith(w, r, c, http.StatusBadRequest, problemKey(err), func(d *recordData) { d.Comment, d.InReview = comment, true })
		return
	}
	http.Redirect(w, r, "/d/"+sr.Record.ID, http.StatusSeeOther)
}

// answerable is the record of the request's path when the user may answer
// for its province; otherwise the request is refused (and audited) and ok
// is false. Every handler that changes a record starts here.
func (s *Server) answerable(w http.ResponseWriter, r *http.Request, c *ctx) (sr hq.StoredRecord, ok bool) {
	id := r.PathValue("id")
	sr, o, err := s.recordFor(c, id)
	if err != nil {
		s.deny(w, r, c, errHidden, id)
		return sr, false
	}
	if !c.User.CanAnswer(o.Province) {
		s.deny(w, r, c, errForbidden, id)
		return sr, false
	}
	return sr, true
}

func problemKey(err error) string {
	var he *hq.Error
	if errors.As(err, &he) {
		return "hq.err." + he.Code
	}
	return "web.err.internal"
}

func (s *Server) assign(w http.ResponseWriter, r *http.Request, c *ctx) {
	sr, ok := s.answerable(w, r, c)
	if !ok {
		return
	}
	if err := c.act.SetAssignee(sr.Record.ID, clip(r.PostFormValue("assignee"), 64)); err != nil {
		s.showRecord(w, r, c, http.StatusBadRequest, problemKey(err), "")
		return
	}
	http.Redirect(w, r, "/d/"+sr.Record.ID, http.StatusSeeOther)
}

func (s *Server) note(w http.ResponseWriter, r *http.Request, c *ctx) {
	sr, ok := s.answerable(w, r, c)
	if !ok {
		return
	}
	if err := c.act.AddNote(sr.Record.ID, r.PostFormValue("note")); err != nil {
		s.showRecord(w, r, c, http.StatusBadRequest, problemKey(err), "")
		return
	}
	http.Redirect(w, r, "/d/"+sr.Record.ID+"#notes", http.StatusSeeOther)
}

// maxBulk bounds one bulk status change.
const maxBulk = 200

// bulkStatus gives several difficulties one status. Each is checked as if
// changed alone; one the reader may not answer stops the whole change
// before anything is written.
func (s *Server) bulkStatus(w http.ResponseWriter, r *http.Request, c *ctx) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, c, http.StatusBadRequest, "web.err.bad_filter")
		return
	}
	ids := r.PostForm["id"]
	status := r.PostForm.Get("status")
	if len(ids) == 0 || len(ids) > maxBulk {
		s.fail(w, r, c, http.StatusBadRequest, "web.err.bulk_count")
		return
	}
	if _, ok := domain.Find(domain.Statuses(), status); !ok {
		s.fail(w, r, c, http.StatusBadRequest, "hq.err.bad_status")
		return
	}
	for _, id := range ids {
		sr, o, err := s.recordFor(c, id)
		if err != nil {
			s.deny(w, r, c, errHidden, id)
			return
		}
		if !c.User.CanAnswer(o.Province) || sr.Record.Kind != record.KindDifficulty {
			s.deny(w, r, c, errForbidden, id)
			return
		}
	}
	n := 0
	for _, id := range ids {
		ev, err := c.act.Respond(id, status, "", c.User.Name)
		if err != nil {
			s.log.Error("bulk status", "record", id, "err", err)
			continue
		}
		if ev.Seq != 0 {
			n++
		}
	}
	back, err := url.ParseQuery(clip(r.PostForm.Get("back"), 2000))
	if err != nil {
		back = url.Values{}
	}
	f, err := parseFilter(back, record.KindDifficulty)
	if err != nil {
		f = filterForm{}
	}
	v := f.values()
	v.Set("done", strconv.Itoa(n))
	http.Redirect(w, r, "/inbox?"+v.Encode(), http.StatusSeeOther)
}
