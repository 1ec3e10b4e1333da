package web

import (
	"bytes"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"sotay/domain"
	"sotay/hq"
	"sotay/i18n"
	"sotay/report/decree30"
)

// The overview, the workspace's home: the national picture of a week or a
// month (hq.Picture) as tables and server-drawn charts, and the working
// group's report of the same period (hq.WGReport): its text to edit, its
// file to download. A liaison's overview and report cover their provinces
// only; the role decides, never the URL.

// periodForm is the period a page shows: ?period=week|month&at=YYYY-MM-DD.
type periodForm struct {
	Kind string // "week" or "month"
	At   time.Time
}

func parsePeriod(q url.Values, now time.Time) (periodForm, error) {
	f := periodForm{Kind: q.Get("period")}
	if f.Kind == "" {
		f.Kind = "week"
	}
	if f.Kind != "week" && f.Kind != "month" {
		return f, errors.New("bad period")
	}
	today := now.In(hcm)
	f.At = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	if at := q.Get("at"); at != "" {
		t, err := time.Parse("2006-01-02", at)
		if err != nil || t.Year() < 2000 || t.Year() > 2200 {
			return f, errors.New("bad date")
		}
		f.At = t
	}
	return f, nil
}

func (f periodForm) period() decree30.Period {
	if f.Kind == "month" {
		return decree30.Month(f.At.Year(), f.At.Month())
	}
	return decree30.Week(f.At)
}

// query is the period as a URL query, shifted by n periods.
func (f periodForm) query(n int) string {
	at := f.At
	if f.Kind == "month" {
		at = time.Date(at.Year(), at.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	} else {
		at = at.AddDate(0, 0, 7*n)
	}
	return url.Values{"period": {f.Kind}, "at": {at.Format("2006-01-02")}}.Encode()
}

// pictureQuery is the picture of the period for reader u.
func pictureQuery(u hq.User, p decree30.Period, now time.Time) hq.PictureQuery {
	q := hq.PictureQuery{Period: p, Now: now}
	if u.Role == hq.RoleLiaison {
		q.Limited, q.Scope = true, slices.Clone(u.Provinces)
	}
	return q
}

// speedRow is a row of the answer-speed table, or the heading of a group
// of rows.
type speedRow struct {
	Head  bool
	Label string
	Stat  hq.SpeedStat
}

type overviewData struct {
	F          periodForm
	Period     string // "tuần từ ngày … đến ngày …"
	Query      string // this period
	Prev, Next string
	P          *hq.Picture
	Stale      int // provinces with an officer not synced in time
	Sum        func([4]int) int
	Severities []domain.Term
	SevDesc    []domain.Term      // urgent first
	Desc       func([4]int) []int // counts by severity, urgent first
	OpenCols   int
	// Charts, each with its numbers in a table on the page.
	TrendDiffs, TrendWork, Speed template.HTML
	SpeedTable                   []speedRow // by severity (urgent first), category, province
	Shade                        func(n int) int
	Hours                        func(time.Duration) string
}

func (s *Server) overview(w http.ResponseWriter, r *http.Request, c *ctx) {
	now := s.opt.Now()
	f, err := parsePeriod(r.URL.Query(), now)
	if err != nil {
		s.fail(w, r, c, http.StatusBadRequest, "web.err.bad_filter")
		return
	}
	p, err := s.st.Picture(r.Context(), pictureQuery(c.User, f.period(), now))
	if err != nil {
		s.log.Error("overview", "err", err)
		s.fail(w, r, c, http.StatusInternalServerError, "web.err.internal")
		return
	}
	cat := c.Cat
	d := overviewData{F: f, Period: decree30.PeriodPhrase(f.period()), Query: f.query(0), Prev: f.query(-1), Next: f.query(1),
		P: p, Sum: hq.Sum, Severities: domain.Severities(), Hours: func(d time.Duration) string { return hours(cat, d) },
		Desc: func(a [4]int) []int { return []int{a[3], a[2], a[1], a[0]} }}
	d.SevDesc = slices.Clone(d.Severities)
	slices.Reverse(d.SevDesc)
	d.OpenCols = len(d.SevDesc) + 1
	if cat.Lang == i18n.EN {
		d.Period = periodEN(f.period())
	}
	for _, pp := range p.Provinces {
		if pp.Stale {
			d.Stale++
		}
	}
	labels := make([]string, len(p.Trend))
	opened, answered := make([]float64, len(p.Trend)), make([]float64, len(p.Trend))
	sessions, trainings := make([]float64, len(p.Trend)), make([]float64, len(p.Trend))
	for i, tw := range p.Trend {
		labels[i] = tw.Week.From.Format("02/01")
		opened[i], answered[i] = float64(tw.Opened), float64(tw.Answered)
		sessions[i], trainings[i] = float64(tw.Sessions), float64(tw.Trainings)
	}
	count := func(v float64) string { return strconv.Itoa(int(v)) }
	d.TrendDiffs = barChart(cat.T("web.overview.chart.diffs"), labels, []series{
		{Name: cat.T("web.overview.opened"), Class: "chart-a", Values: opened},
		{Name: cat.T("web.overview.answered"), Class: "chart-b", Values: answered}}, count)
	d.TrendWork = barChart(cat.T("web.overview.chart.work"), labels, []series{
		{Name: cat.T("web.overview.sessions"), Class: "chart-a", Values: sessions},
		{Name: cat.T("web.overview.trainings"), Class: "chart-b", Values: trainings}}, count)
	sevs := domain.Severities()
	var sevLabels []string
	var med, p90 []float64
	d.SpeedTable = append(d.SpeedTable, speedRow{Head: true, Label: cat.Field("severity")})
	for i := len(sevs) - 1; i >= 0; i-- {
		for _, st := range p.Speed.BySeverity {
			if st.Slug == sevs[i].Slug {
				d.SpeedTable = append(d.SpeedTable, speedRow{Label: cat.Term(sevs[i]), Stat: st})
				sevLabels = append(sevLabels, cat.Term(sevs[i]))
				med, p90 = append(med, st.Median.Hours()), append(p90, st.P90.Hours())
			}
		}
	}
	d.SpeedTable = append(d.SpeedTable, speedRow{Head: true, Label: cat.Field("category")})
	for _, st := range p.Speed.ByCategory {
		label := st.Label
		if t, ok := domain.Find(domain.Categories(), st.Slug); ok {
			label = cat.Term(t)
		}
		d.SpeedTable = append(d.SpeedTable, speedRow{Label: label, Stat: st})
	}
	d.SpeedTable = append(d.SpeedTable, speedRow{Head: true, Label: cat.Field("province")})
	for _, st := range p.Speed.ByProvince {
		d.SpeedTable = append(d.SpeedTable, speedRow{Label: st.Label, Stat: st})
	}
	d.Speed = barChart(cat.T("web.overview.chart.speed"), sevLabels, []series{
		{Name: cat.T("web.overview.median"), Class: "chart-a", Values: med},
		{Name: cat.T("web.overview.p90"), Class: "chart-b", Values: p90}},
		func(h float64) string { return hours(cat, time.Duration(h*float64(time.Hour))) })
	most := p.Backlog.Max
	d.Shade = func(n int) int {
		if n <= 0 || most <= 0 {
			return 0
		}
		return min(4, (4*n+most-1)/most) // 1..4, the largest cell darkest
	}
	s.render(w, r, c, http.StatusOK, "overview", "web.overview.title", d)
}

// hours says a wait: hours under two days, days beyond.
func hours(cat i18n.Catalog, d time.Duration) string {
	if d < 48*time.Hour {
		return cat.T("web.overview.hours", decree30.Decimal(d.Hours()))
	}
	return cat.T("web.overview.days", decree30.Decimal(d.Hours()/24))
}

// periodEN names a period in English.
func periodEN(p decree30.Period) string {
	if p.Kind == decree30.PeriodMonth {
		return p.From.Format("January 2006")
	}
	return "the week of " + p.From.Format("02/01/2006") + "–" + p.To.Format("02/01/2006")
}

// reportData is the group's report page: its sections to edit, its files.
type reportData struct {
	F       periodForm
	Period  string
	Query   string
	Text    hq.WGText
	Edited  bool
	CanEdit bool
	Done    bool
}

func (s *Server) wgReport(c *ctx, r *http.Request) (periodForm, *hq.WGReport, error) {
	now := s.opt.Now()
	f, err := parsePeriod(r.URL.Query(), now)
	if err != nil {
		return f, nil, err
	}
	rep, err := s.st.BuildWGReport(r.Context(), pictureQuery(c.User, f.period(), now), hq.WGOptions{})
	return f, rep, err
}

// reportPage shows the group's sections IV–VI of the period, prefilled or
// as saved, to edit before the file is downloaded.
func (s *Server) reportPage(w http.ResponseWriter, r *http.Request, c *ctx) {
	f, rep, err := s.wgReport(c, r)
	if err != nil {
		s.fail(w, r, c, http.StatusBadRequest, "web.err.bad_filter")
		return
	}
	d := reportData{F: f, Period: decree30.PeriodPhrase(f.period()), Query: f.query(0), Text: rep.Text, Edited: rep.Edited,
		CanEdit: slices.Contains(answerers, c.User.Role), Done: r.URL.Query().Get("done") != ""}
	if c.Cat.Lang == i18n.EN {
		d.Period = periodEN(f.period())
	}
	s.render(w, r, c, http.StatusOK, "report", "web.report.title", d)
}

// saveReportText keeps the group's sections (or forgets them: reset) for
// the period and the reader's scope.
func (s *Server) saveReportText(w http.ResponseWriter, r *http.Request, c *ctx) {
	f, err := parsePeriod(r.URL.Query(), s.opt.Now())
	if err != nil {
		s.fail(w, r, c, http.StatusBadRequest, "web.err.bad_filter")
		return
	}
	q := pictureQuery(c.User, f.period(), s.opt.Now())
	var t *hq.WGText
	if r.PostFormValue("reset") == "" {
		t = &hq.WGText{Assessment: r.PostFormValue("assessment"), Proposals: r.PostFormValue("proposals"),
			NextTasks: r.PostFormValue("next_tasks")}
	}
	if err := c.act.SaveWGText(q.Period, q.Limited, q.Scope, t); err != nil {
		if errors.Is(err, hq.ErrTooLong) {
			s.fail(w, r, c, http.StatusBadRequest, "web.report.too_long")
			return
		}
		s.log.Error("save report text", "err", err)
		s.fail(w, r, c, http.StatusInternalServerError, "web.err.internal")
		return
	}
	http.Redirect(w, r, "/report?"+f.query(0)+"&done=1", http.StatusSeeOther)
}

// reportFile downloads the group's report of the period as .docx or
// Markdown. It is audited.
func (s *Server) reportFile(w http.ResponseWriter, r *http.Request, c *ctx) {
	format := r.URL.Query().Get("format")
	if format != "docx" && format != "md" {
		s.fail(w, r, c, http.StatusBadRequest, "web.err.bad_filter")
		return
	}
	f, rep, err := s.wgReport(c, r)
	if err != nil {
		s.fail(w, r, c, http.StatusBadRequest, "web.err.bad_filter")
		return
	}
	var buf bytes.Buffer
	if err := hq.WriteWGReport(&buf, rep, format); err != nil {
		s.log.Error("report file", "err", err)
		s.fail(w, r, c, http.StatusInternalServerError, "web.err.internal")
		return
	}
	if err := c.act.AddAudit("report", format, f.period().Key()); err != nil {
		s.fail(w, r, c, http.StatusInternalServerError, "web.err.internal")
		return
	}
	ct := "text/markdown; charset=utf-8"
	if format == "docx" {
		ct = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", `attachment; filename="`+hq.WGFileName(f.period(), format)+`"`)
	w.Write(buf.Bytes())
}
