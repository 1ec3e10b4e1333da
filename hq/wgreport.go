package hq

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"sotay/domain"
	"sotay/i18n"
	"sotay/record"
	"sotay/report/decree30"
	"sotay/vntext"
)

// The working group's own report to the Ministry's leadership, for a week
// or a month, in the Decree 30 layout of the officer's report
// (report/decree30): the national picture in numbers, the difficulties by
// category with the answers given, the urgent and overdue ones, the
// officers' proposals quoted with their province, and the group's own
// assessment, proposals and next tasks, prefilled and editable.

// Bounds of the lists the report quotes one by one; the counts always
// cover everything.
const (
	wgAnswersPerCategory = 8
	wgProposals          = 30
	wgOverdue            = 30
	wgProposalReads      = 1000 // difficulties read at most to find the proposals
)

// bucketWGText keeps the group's edited sections, one per period and scope.
var bucketWGText = []byte("wgtext")

// WGReport is the working group's report for a period.
type WGReport struct {
	Period  decree30.Period
	Date    time.Time // the day it is dated
	Header  decree30.Header
	Signer  string
	Limited bool     // a liaison's report: Scope's provinces only
	Scope   []string // province slugs, when Limited

	Picture    *Picture
	ByCategory []WGCategory
	// Proposals are the officers' proposals on the difficulties dated in
	// the period, one per distinct text, most severe first; MoreProposals
	// counts the difficulties of the period left unread once enough were
	// quoted.
	Proposals     []WGProposal
	MoreProposals int
	// UrgentOpened and UrgentAnswered count the urgent difficulties dated
	// in the period, and those of them HQ has answered.
	UrgentOpened, UrgentAnswered int

	Text   WGText
	Edited bool // Text is the group's saved edit, not the prefill
}

// WGCategory is one category of difficulty in the report.
type WGCategory struct {
	Category domain.Term
	Opened   [4]int // dated in the period, by severity
	Open     int    // open now, all dates
	Answers  []WGAnswer
	More     int // answers in the period not listed
}

// WGAnswer is a difficulty HQ answered in the period and its latest answer.
type WGAnswer struct {
	Province domain.Province
	Date     string
	Title    string
	Severity domain.Term
	Answer   string
	AnswerAt time.Time
}

// WGProposal is an officer's proposal, quoted.
type WGProposal struct {
	Province domain.Province
	Officer  string
	Text     string
}

// WGText is the group's own sections.
type WGText struct {
	Assessment string `json:"assessment"` // IV. Đánh giá
	Proposals  string `json:"proposals"`  // V. Kiến nghị, đề xuất
	NextTasks  string `json:"next_tasks"` // VI. Nhiệm vụ thời gian tới
}

// WGOptions are the report's signer and header; zero fields take the
// working group's defaults.
type WGOptions struct {
	Header decree30.Header
	Signer string
}

// BuildWGReport builds the working group's report for q's period and
// reader (q.Limited, q.Scope), dated q.Now, with the group's saved text
// for the period and scope when there is one.
func (d *DB) BuildWGReport(ctx context.Context, q PictureQuery, opt WGOptions) (*WGReport, error) {
	q.defaults()
	if q.Listed < wgOverdue {
		q.Listed = wgOverdue
	}
	pic, err := d.Picture(ctx, q)
	if err != nil {
		return nil, err
	}
	r := &WGReport{Period: q.Period, Date: q.Now.In(vnZone), Header: wgHeader(opt.Header), Signer: opt.Signer,
		Limited: q.Limited, Scope: slices.Clone(q.Scope), Picture: pic}
	r.Date = time.Date(r.Date.Year(), r.Date.Month(), r.Date.Day(), 0, 0, 0, 0, time.UTC)
	if err := d.wgDetails(ctx, &q, r); err != nil {
		return nil, fmt.Errorf("working group report: %w", err)
	}
	saved, err := d.WGText(q.Period, q.Limited, q.Scope)
	if err != nil {
		return nil, err
	}
	if saved != nil {
		r.Text, r.Edited = *saved, true
	} else {
		r.Text = r.prefill()
	}
	return r, nil
}

func wgHeader(h decree30.Header) decree30.Header {
	vi := i18n.New(i18n.VI)
	def := func(s *string, k i18n.Key) {
		if *s = strings.TrimSpace(vntext.Clean(*s)); *s == "" {
			*s = vi.T(k)
		}
	}
	def(&h.Parent, i18n.ReportDefaultParent)
	def(&h.Issuer, i18n.WGDefaultIssuer)
	def(&h.Code, i18n.WGDefaultCode)
	def(&h.Place, i18n.WGDefaultPlace)
	def(&h.SignerTitle, i18n.WGDefaultSigner)
	if len(h.Recipients) == 0 {
		h.Recipients = strings.Split(vi.T(i18n.WGDefaultRecipients), "\n")
	}
	return h
}

// wgDetails gathers what the report quotes. The index counts the
// difficulties of the period by category and chooses, most severe first,
// the few whose answers and proposals are quoted; only those are read from
// bbolt, so the month's report costs about what the overview does.
func (d *DB) wgDetails(ctx context.Context, q *PictureQuery, r *WGReport) error {
	from, to := dateNum(q.Period.From), dateNum(q.Period.To)
	pFrom, pTo := vnMidnight(q.Period.From), vnMidnight(q.Period.To.AddDate(0, 0, 1))
	in := func(t int64) bool { return t >= pFrom && t < pTo }
	cats := domain.Categories()
	byCat := make([]WGCategory, len(cats))
	for i, c := range cats {
		byCat[i].Category = c
	}
	for c, n := range r.Picture.Backlog.Totals {
		byCat[c].Open = n
	}
	answered := make([][]*idxRow, len(cats)) // answered in the period, by category
	var dated []*idxRow                      // dated in the period, for their proposals

	dirty := d.idx.takeDirty()
	err := d.db.View(func(tx *bolt.Tx) error {
		x := d.idx
		x.mu.Lock()
		defer x.mu.Unlock()
		if err := x.prepare(ctx, tx, dirty); err != nil {
			return err
		}
		provinces := officerProvinces(tx)
		f := RecordFilter{Kind: record.KindDifficulty, Limited: q.Limited, Scope: q.Scope}
		rf := x.filter(&f, func(o string) string { return provinces[o] })
		urgent := x.vocab.sevs["urgent"]
		for i := range x.rows {
			if i%65536 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			row := &x.rows[i]
			inDate := row.date >= from && row.date <= to
			// A response within the period: the first or the latest is in
			// it (one between two outside it is missed; answers are days
			// apart, periods a week or a month).
			inAnswer := row.firstAnswer != 0 && (in(row.firstAnswer) || in(row.lastAnswer))
			if !inDate && !inAnswer || !rf.match(row) {
				continue
			}
			c := int(row.cat) - 1
			if c < 0 || c >= len(cats) {
				c = len(cats) - 1 // a category no longer listed counts as "other", the last
			}
			if inDate {
				if row.sev > 0 {
					byCat[c].Opened[row.sev-1]++
				}
				if row.sev == urgent {
					r.UrgentOpened++
					if row.firstAnswer != 0 {
						r.UrgentAnswered++
					}
				}
				dated = append(dated, row)
			}
			if inAnswer {
				answered[c] = append(answered[c], row)
			}
		}

		names := map[string]string{}
		officers, err := officersIn(tx)
		if err != nil {
			return err
		}
		for _, o := range officers {
			names[o.ID] = o.Name
		}
		rb := tx.Bucket(bucketRecords)
		read := func(row *idxRow) (StoredRecord, error) {
			var sr StoredRecord
			if err := getJSON(rb, row.id[:], &sr); err != nil {
				return sr, fmt.Errorf("read record: %w", err)
			}
			return sr, nil
		}
		for c, rows := range answered {
			// Most severe first, then by the latest answer, then by id, so
			// the report reads the same whatever order the index holds.
			slices.SortFunc(rows, func(a, b *idxRow) int {
				if a.sev != b.sev {
					return int(b.sev) - int(a.sev)
				}
				if a.lastAnswer != b.lastAnswer {
					return cmpInt64(a.lastAnswer, b.lastAnswer)
				}
				return bytesCompare(a.id[:], b.id[:])
			})
			if len(rows) > wgAnswersPerCategory {
				byCat[c].More = len(rows) - wgAnswersPerCategory
				rows = rows[:wgAnswersPerCategory]
			}
			for _, row := range rows {
				sr, err := read(row)
				if err != nil {
					return err
				}
				rec := &sr.Record
				for j := len(rec.Responses) - 1; j >= 0; j-- { // the latest answer given within the period
					if resp := rec.Responses[j]; resp.Text != "" && in(resp.At.UnixNano()) {
						byCat[c].Answers = append(byCat[c].Answers, WGAnswer{Province: provinceOf(provinces[sr.Officer]),
							Date: rec.Date, Title: decree30.OneLine(vntext.ForPrint(rec.Title)),
							Severity: term(domain.Severities(), rec.Severity),
							Answer:   decree30.OneLine(vntext.ForPrint(resp.Text)), AnswerAt: resp.At})
						break
					}
				}
			}
		}

		// Proposals, most severe first, then oldest: read until enough
		// distinct ones are quoted.
		slices.SortFunc(dated, func(a, b *idxRow) int {
			if a.sev != b.sev {
				return int(b.sev) - int(a.sev)
			}
			if a.date != b.date {
				return int(a.date) - int(b.date)
			}
			return bytesCompare(a.id[:], b.id[:])
		})
		seen := map[string]bool{}
		for i, row := range dated {
			// Enough quoted, or enough read: many officers propose the
			// same few things, and reading a month's every difficulty
			// to find 30 different texts would cost seconds.
			if len(r.Proposals) == wgProposals || i == wgProposalReads {
				r.MoreProposals = len(dated) - i
				break
			}
			sr, err := read(row)
			if err != nil {
				return err
			}
			p := decree30.OneLine(vntext.ForPrint(sr.Record.Proposal))
			k := strings.TrimRight(vntext.Fold(p), ".;,!… ")
			if p == "" || seen[k] {
				continue
			}
			seen[k] = true
			r.Proposals = append(r.Proposals, WGProposal{Province: provinceOf(provinces[sr.Officer]), Officer: names[sr.Officer], Text: p})
		}
		return nil
	})
	if err != nil {
		d.idx.touch(dirty...)
		return err
	}
	for _, c := range byCat {
		if Sum(c.Opened)+c.Open+len(c.Answers) > 0 {
			r.ByCategory = append(r.ByCategory, c)
		}
	}
	return nil
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func provinceOf(slug string) domain.Province {
	if p, ok := domain.ProvinceBySlug(slug); ok {
		return p
	}
	return domain.Province{Slug: slug, Name: slug}
}

// wgTextKey names the group's text of a period for a reader's scope: a
// liaison's edits of their provinces' report are not the national one's.
func wgTextKey(p decree30.Period, limited bool, scope []string) []byte {
	k := p.Key()
	if limited {
		s := slices.Clone(scope)
		slices.Sort(s)
		k += "|" + strings.Join(s, ",")
	}
	return []byte(k)
}

// WGText returns the group's saved sections for a period and scope, nil
// when none were saved.
func (d *DB) WGText(p decree30.Period, limited bool, scope []string) (*WGText, error) {
	var t *WGText
	err := d.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketWGText)
		if b == nil {
			return nil
		}
		v := b.Get(wgTextKey(p, limited, scope))
		if v == nil {
			return nil
		}
		t = new(WGText)
		return json.Unmarshal(v, t)
	})
	if err != nil {
		return nil, fmt.Errorf("read the working group's text: %w", err)
	}
	return t, nil
}

// SaveWGText keeps the group's sections for a period and scope (nil
// forgets them: the next report is prefilled again). It is audited.
func (d *DB) SaveWGText(p decree30.Period, limited bool, scope []string, t *WGText) error {
	if t != nil {
		for _, s := range []*string{&t.Assessment, &t.Proposals, &t.NextTasks} {
			*s = vntext.Clean(*s)
			if len([]rune(*s)) > record.MaxLong {
				return ErrTooLong
			}
		}
	}
	err := d.db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketWGText)
		if err != nil {
			return err
		}
		k := wgTextKey(p, limited, scope)
		action := "report_text"
		if t == nil {
			action = "report_text_reset"
			if err := b.Delete(k); err != nil {
				return err
			}
		} else if err := putJSON(b, k, t); err != nil {
			return err
		}
		return audit(tx, d.now(), d.actor, action, string(k), "")
	})
	if err != nil && !errors.Is(err, ErrTooLong) {
		return fmt.Errorf("save the working group's text: %w", err)
	}
	return err
}

// prefill writes sections IV–VI from the numbers: a factual assessment to
// build on, proposals on what waits, next tasks.
func (r *WGReport) prefill() WGText {
	vi := i18n.New(i18n.VI)
	p := r.Picture
	t := &p.Total
	var out WGText
	as := []string{vi.T(i18n.WGAssessPrefill, num(t.Sessions), num(t.Trainings), num(Sum(t.Answered)))}
	if p.Speed.All.Answered > 0 {
		as = append(as, vi.T(i18n.WGAssessSpeed, duration(p.Speed.All.Median)))
	}
	stale := r.staleProvinces()
	if len(stale) > 0 {
		as = append(as, vi.T(i18n.WGAssessStale, len(stale)))
	}
	out.Assessment = strings.Join(as, " ")

	var props []string
	if p.OverdueTotal > 0 {
		urgent := 0
		for _, o := range p.Overdue {
			if o.Severity.Slug == "urgent" {
				urgent++
			}
		}
		props = append(props, vi.T(i18n.WGProposeOverdue, num(p.OverdueTotal), num(urgent)))
	}
	top, n := "", 0
	for c, k := range p.Backlog.Totals {
		if k > n {
			top, n = p.Backlog.Categories[c].VI, k
		}
	}
	if n > 0 {
		props = append(props, vi.T(i18n.WGProposeCategory, lowerFirst(top), num(n)))
	}
	out.Proposals = strings.Join(props, "\n")

	tasks := []string{vi.T(i18n.WGTaskFollow)}
	if len(stale) > 0 {
		names := make([]string, len(stale))
		for i, s := range stale {
			names[i] = s.Province.Name
		}
		tasks = append(tasks, vi.T(i18n.WGTaskSync, strings.Join(names, ", ")))
	}
	tasks = append(tasks, vi.T(i18n.WGTaskGuide))
	out.NextTasks = strings.Join(tasks, "\n")
	return out
}

// staleProvinces are the provinces with an officer who has not synced
// within the stale limit (provinces without any officer are not stale:
// nobody is there to sync).
func (r *WGReport) staleProvinces() []ProvincePicture {
	var out []ProvincePicture
	for _, pp := range r.Picture.Provinces {
		if pp.Stale {
			out = append(out, pp)
		}
	}
	return out
}

// num writes a count the Vietnamese way, thousands apart by dots:
// "103.121".
func num(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

func lowerFirst(s string) string {
	for i, c := range s {
		return strings.ToLower(string(c)) + s[i+len(string(c)):]
	}
	return s
}

// duration says a wait the way the report does: hours under two days,
// days beyond, one decimal at most.
func duration(d time.Duration) string {
	vi := i18n.New(i18n.VI)
	if d < 48*time.Hour {
		return vi.T(i18n.WGHours, decree30.Decimal(d.Hours()))
	}
	return vi.T(i18n.WGDays, decree30.Decimal(d.Hours()/24))
}

// Document lays the report out in the Decree 30 layout.
func (r *WGReport) Document() *decree30.Document {
	vi := i18n.New(i18n.VI)
	summary := vi.T(i18n.WGSummaryAll)
	if r.Limited {
		names := make([]string, 0, len(r.Picture.Provinces))
		for _, pp := range r.Picture.Provinces {
			names = append(names, provinceTitle(pp.Province))
		}
		summary = vi.T(i18n.WGSummarySome, strings.Join(names, ", "))
	}
	return &decree30.Document{Header: r.Header, Date: r.Date, Signer: r.Signer,
		Summary: []string{summary, "(" + decree30.Capitalize(decree30.PeriodPhrase(r.Period)) + ")"},
		Body:    r.body()}
}

// provinceTitle is "tỉnh Tuyên Quang" or "thành phố Hà Nội".
func provinceTitle(p domain.Province) string {
	vi := i18n.New(i18n.VI)
	if p.City {
		return vi.T(i18n.ReportCityOf, p.Name)
	}
	return vi.T(i18n.ReportProvinceOf, p.Name)
}

func (r *WGReport) body() []decree30.Block {
	vi := i18n.New(i18n.VI)
	var b []decree30.Block
	add := func(k decree30.BlockKind, text string) { b = append(b, decree30.Block{Kind: k, Text: text}) }
	itoa := num
	p := r.Picture
	t := &p.Total
	during := decree30.DuringPhrase(r.Period)
	officers, withOfficer := 0, 0
	for _, pp := range p.Provinces {
		officers += len(pp.Officers)
		if len(pp.Officers) > 0 {
			withOfficer++
		}
	}

	// I. The general situation.
	add(decree30.Section, vi.T(i18n.ReportSection1))
	if officers == 0 && t.Sessions+t.Trainings+Sum(t.Opened) == 0 {
		add(decree30.Para, decree30.Capitalize(vi.T(i18n.WGOverviewEmpty, during)))
	} else {
		// Trainings without the number of women are counted apart: an
		// unknown is not a zero.
		women := vi.T(i18n.WGWomen, num(t.Women))
		if t.NoWomen > 0 {
			women = vi.T(i18n.WGWomenSome, num(t.Women), num(t.NoWomen))
		}
		add(decree30.Para, decree30.Capitalize(vi.T(i18n.WGOverview, during, num(officers), num(withOfficer), num(t.Sessions), num(t.Trainings),
			num(t.Participants), women, num(Sum(t.Opened)))))
	}
	urgentWaiting := 0
	for _, st := range p.Speed.BySeverity {
		if st.Slug == "urgent" {
			urgentWaiting = st.Waiting
		}
	}
	add(decree30.Para, vi.T(i18n.WGAnsweredOpen, num(Sum(t.Answered)), num(p.Speed.All.Waiting), num(urgentWaiting)))
	staleDays := int(DefaultStaleAfter / (24 * time.Hour))
	if stale := r.staleProvinces(); len(stale) == 0 {
		add(decree30.Para, vi.T(i18n.WGStaleNone, staleDays))
	} else {
		names := make([]string, len(stale))
		for i, pp := range stale {
			if pp.LastSync.IsZero() {
				names[i] = vi.T(i18n.WGStaleNever, pp.Province.Name)
			} else {
				names[i] = vi.T(i18n.WGStaleAt, pp.Province.Name, vntext.FormatDate(pp.LastSync.In(vnZone).Format(vntext.DateLayout)))
			}
		}
		add(decree30.Para, vi.T(i18n.WGStale, len(stale), staleDays, strings.Join(names, "; ")))
	}

	// II. Results: by province, and how fast HQ answered.
	add(decree30.Section, vi.T(i18n.ReportSection2))
	add(decree30.Heading, vi.T(i18n.WGByProvince))
	tb := decree30.Block{Kind: decree30.Table, Total: true,
		Num:     []bool{false, true, true, true, true, true, true, true},
		Weights: []int{25, 12, 11, 11, 9, 10, 11, 11}}
	tb.Rows = append(tb.Rows, []string{vi.T(i18n.WGColProvince), vi.T(i18n.WGColSessions), vi.T(i18n.WGColTrainings),
		vi.T(i18n.WGColPeople), vi.T(i18n.WGColWomen), vi.T(i18n.WGColOpened), vi.T(i18n.WGColAnswered), vi.T(i18n.WGColOpen)})
	row := func(name string, pp *ProvincePicture) []string {
		return []string{name, itoa(pp.Sessions), itoa(pp.Trainings), itoa(pp.Participants), itoa(pp.Women),
			itoa(Sum(pp.Opened)), itoa(Sum(pp.Answered)), itoa(Sum(pp.Open))}
	}
	for i := range p.Provinces {
		// A province without an officer and without numbers says nothing
		// (with the 34 officers enrolled, every province has a row).
		pp := &p.Provinces[i]
		if len(pp.Officers) == 0 && pp.Sessions+pp.Trainings+Sum(pp.Opened)+Sum(pp.Answered)+Sum(pp.Open) == 0 {
			continue
		}
		tb.Rows = append(tb.Rows, row(pp.Province.Name, pp))
	}
	tb.Rows = append(tb.Rows, row(vi.T(i18n.ReportColTotal), t))
	b = append(b, tb)

	add(decree30.Heading, vi.T(i18n.WGSpeedHeading))
	all := p.Speed.All
	if all.Answered == 0 {
		add(decree30.Para, vi.T(i18n.WGSpeedNone))
	} else {
		add(decree30.Para, vi.T(i18n.WGSpeed, num(all.Answered), duration(all.Median), duration(all.P90)))
	}
	if all.Answered+all.Waiting > 0 {
		sp := decree30.Block{Kind: decree30.Table, Total: true, Num: []bool{false, true, true, true, true},
			Weights: []int{28, 18, 18, 18, 18}}
		sp.Rows = append(sp.Rows, []string{vi.T(i18n.WGColSeverity), vi.T(i18n.WGColAnswered), vi.T(i18n.WGColMedian),
			vi.T(i18n.WGColP90), vi.T(i18n.WGColWaiting)})
		cell := func(st SpeedStat, d time.Duration) string {
			if st.Answered == 0 {
				return "-"
			}
			return duration(d)
		}
		sevs := domain.Severities()
		for i := len(sevs) - 1; i >= 0; i-- { // urgent first
			for _, st := range p.Speed.BySeverity {
				if st.Slug == sevs[i].Slug {
					sp.Rows = append(sp.Rows, []string{sevs[i].VI, itoa(st.Answered), cell(st, st.Median), cell(st, st.P90), itoa(st.Waiting)})
				}
			}
		}
		sp.Rows = append(sp.Rows, []string{vi.T(i18n.ReportColTotal), itoa(all.Answered), cell(all, all.Median), cell(all, all.P90), itoa(all.Waiting)})
		b = append(b, sp)
	}

	// III. Difficulties: by category with the answers, overdue, proposals.
	add(decree30.Section, vi.T(i18n.ReportSection3))
	add(decree30.Heading, vi.T(i18n.WGDiffByCategory))
	if len(r.ByCategory) == 0 {
		add(decree30.Para, vi.T(i18n.WGDiffEmpty))
	} else {
		ct := decree30.Block{Kind: decree30.Table, Total: true, Num: []bool{false, true, true, true, true, true, true},
			Weights: []int{34, 10, 11, 9, 11, 11, 14}}
		head := []string{vi.T(i18n.ReportColCategory)}
		for _, s := range domain.Severities() {
			head = append(head, s.VI)
		}
		ct.Rows = append(ct.Rows, append(head, vi.T(i18n.WGColTotal), vi.T(i18n.WGColOpenNow)))
		var bySev [4]int
		open := 0
		for _, c := range r.ByCategory {
			row := []string{c.Category.VI}
			for i, n := range c.Opened {
				row = append(row, itoa(n))
				bySev[i] += n
			}
			ct.Rows = append(ct.Rows, append(row, itoa(Sum(c.Opened)), itoa(c.Open)))
			open += c.Open
		}
		total := []string{vi.T(i18n.ReportColTotal)}
		for _, n := range bySev {
			total = append(total, itoa(n))
		}
		ct.Rows = append(ct.Rows, append(total, itoa(Sum(bySev)), itoa(open)))
		b = append(b, ct)

		given := false
		for _, c := range r.ByCategory {
			if len(c.Answers) == 0 {
				continue
			}
			if !given {
				add(decree30.Para, vi.T(i18n.WGAnswersGiven))
				given = true
			}
			add(decree30.Para, vi.T(i18n.WGAnswerCategory, c.Category.VI, num(len(c.Answers)+c.More)))
			for _, a := range c.Answers {
				add(decree30.Bullet, vi.T(i18n.WGAnswerItem, a.Province.Name, a.Title, strings.ToLower(a.Severity.VI), vntext.FormatDate(a.Date)))
				add(decree30.Sub, vi.T(i18n.WGAnswerText, vntext.FormatDate(a.AnswerAt.In(vnZone).Format(vntext.DateLayout)), a.Answer))
			}
			if c.More > 0 {
				add(decree30.Note, vi.T(i18n.WGMore, num(len(c.Answers)), num(c.More)))
			}
		}
	}

	add(decree30.Heading, vi.T(i18n.WGOverdueHeading))
	if r.UrgentOpened > 0 {
		add(decree30.Para, vi.T(i18n.WGUrgentOpened, num(r.UrgentOpened), num(r.UrgentAnswered)))
	}
	if p.OverdueTotal == 0 {
		add(decree30.Para, vi.T(i18n.WGOverdueNone))
	} else {
		add(decree30.Para, vi.T(i18n.WGOverdue, num(p.OverdueTotal)))
		listed := p.Overdue[:min(len(p.Overdue), wgOverdue)]
		for _, o := range listed {
			add(decree30.Bullet, vi.T(i18n.WGOverdueItem, o.Province.Name, vntext.FormatDate(o.Date), o.Title,
				o.Category.VI, strings.ToLower(o.Severity.VI), duration(o.Waiting)))
		}
		if more := p.OverdueTotal - len(listed); more > 0 {
			add(decree30.Note, vi.T(i18n.WGMore, num(len(listed)), num(more)))
		}
	}

	add(decree30.Heading, vi.T(i18n.WGProposals))
	if len(r.Proposals) == 0 {
		add(decree30.Para, vi.T(i18n.WGProposalsNone))
	}
	for _, q := range r.Proposals {
		add(decree30.Bullet, vi.T(i18n.WGProposalItem, q.Province.Name, q.Officer, q.Text))
	}
	if r.MoreProposals > 0 {
		add(decree30.Note, vi.T(i18n.WGProposalsMore, num(len(r.Proposals)), num(r.MoreProposals)))
	}

	free := func(section i18n.Key, text string, empty i18n.Key) {
		add(decree30.Section, vi.T(section))
		lines := decree30.Lines(text)
		if len(lines) == 0 {
			add(decree30.Para, vi.T(empty))
		}
		b = append(b, lines...)
	}
	free(i18n.ReportSection4, r.Text.Assessment, i18n.ReportAssessmentEmpty)
	free(i18n.ReportSection5, r.Text.Proposals, i18n.ReportProposalsEmpty)
	free(i18n.ReportSection6, r.Text.NextTasks, i18n.ReportNextTasksEmpty)
	return b
}

// WGFileName is the usual name of the group's report of a period:
// "bao-cao-tct-2026-W06.docx".
func WGFileName(p decree30.Period, format string) string {
	return "bao-cao-tct-" + p.Key() + "." + format
}

// WriteWGReport writes the report as format: "docx" or "md".
func WriteWGReport(w io.Writer, r *WGReport, format string) error {
	switch format {
	case "docx":
		return decree30.WriteDocx(w, r.Document())
	case "md":
		return decree30.WriteMarkdown(w, r.Document())
	}
	return fmt.Errorf("report format %q (md or docx)", format)
}

// WGReportRequest asks for the working group's report through Admin (the
// `sotay hq report` command, directly or over the admin socket).
type WGReportRequest struct {
	Period decree30.Period `json:"period"`
	Format string          `json:"format"` // "docx" or "md"
	Signer string          `json:"signer,omitempty"`
	// Reset forgets the group's saved sections of the period first; the
	// sections set in Edit then replace what the report would show, and
	// are saved for the period.
	Reset bool       `json:"reset,omitempty"`
	Edit  WGTextEdit `json:"edit,omitzero"`
}

// WGTextEdit replaces the sections that are set.
type WGTextEdit struct {
	Assessment *string `json:"assessment,omitempty"`
	Proposals  *string `json:"proposals,omitempty"`
	NextTasks  *string `json:"next_tasks,omitempty"`
}

// WGReportFile does the request: the national report of its period,
// dated now, as a file.
func (d *DB) WGReportFile(ctx context.Context, req WGReportRequest) ([]byte, error) {
	if req.Format != "docx" && req.Format != "md" {
		return nil, fmt.Errorf("report format %q (md or docx)", req.Format)
	}
	if req.Reset {
		if err := d.SaveWGText(req.Period, false, nil, nil); err != nil {
			return nil, err
		}
	}
	r, err := d.BuildWGReport(ctx, PictureQuery{Period: req.Period, Now: d.now()}, WGOptions{Signer: req.Signer})
	if err != nil {
		return nil, err
	}
	edited := false
	for _, e := range []struct{ dst, v *string }{{&r.Text.Assessment, req.Edit.Assessment},
		{&r.Text.Proposals, req.Edit.Proposals}, {&r.Text.NextTasks, req.Edit.NextTasks}} {
		if e.v != nil {
			*e.dst, edited = *e.v, true
		}
	}
	if edited {
		if err := d.SaveWGText(req.Period, false, nil, &r.Text); err != nil {
			return nil, err
		}
		r.Edited = true
	}
	var buf bytes.Buffer
	if err := WriteWGReport(&buf, r, req.Format); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
