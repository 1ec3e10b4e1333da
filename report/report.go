// Package report builds the seconded officer's periodic report from the
// notebook — a week (Monday to Sunday), a month or any range of dates — and
// writes it as Markdown or as a .docx in the layout of Decree 30/2020/NĐ-CP.
// HQ's national roll-up is HQ's own (hq/rollup.go).
//
// The report is an administrative document and is always in Vietnamese; its
// wording lives in the i18n catalog (i18n/report.go) like every other string.
package report

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"
	"unicode"

	"sotay/domain"
	"sotay/i18n"
	"sotay/record"
	"sotay/store"
	"sotay/vntext"
)

// MaxItems bounds the records a report lists one by one in each section;
// beyond it the report gives the newest MaxItems and says how many more
// there were. The totals always count everything.
const MaxItems = 60

// maxTexts bounds the distinct proposals and next steps gathered to prefill
// sections V and VI.
const maxTexts = 30

// Settings of the notebook the report header reads; each has a default.
const (
	SettingParent     = "report.parent"       // governing body, first line on the left
	SettingIssuer     = "report.issuer"       // issuing body, bold, under it
	SettingCode       = "report.code"         // the part after "BC-" in "Số: …/BC-…"
	SettingRecipients = "report.recipients"   // "Nơi nhận", one a line
	SettingSigner     = "report.signer_title" // the title above the signature
	SettingExportDir  = "report.dir"          // where the TUI writes exported reports
)

// draftPrefix keys the officer's edited sections IV–VI, one per period.
const draftPrefix = "report/"

// Report is one period's report: its header, the aggregates of sections
// I–III, and the officer's own text of sections IV–VI.
type Report struct {
	Period Period
	Date   time.Time // the day the report is dated

	Header  Header
	Officer Officer

	Logs         LogSummary
	Training     TrainingSummary
	Difficulties DifficultySummary

	// Text is sections IV–VI. Build prefills it, or loads what the officer
	// saved for this period (Edited is then true); change it and call
	// SaveText before writing to keep the edit.
	Text   Text
	Edited bool
}

// Header is what stands above the body and below it: the issuing body, the
// number, the place, the signer and the recipients.
type Header struct {
	Parent      string   // "BỘ NỘI VỤ"
	Issuer      string   // "TỔ CÔNG TÁC BIỆT PHÁI"
	Code        string   // "TCTBP" in "Số: …/BC-TCTBP"
	Place       string   // the province's name
	SignerTitle string   // "NGƯỜI BÁO CÁO" or the officer's position
	Recipients  []string // "- Lãnh đạo Bộ Nội vụ (để báo cáo);"…
}

// Officer is who reports.
type Officer struct {
	Name     string
	Position string
	Province domain.Province
}

// Text is the officer's own sections.
type Text struct {
	Assessment string `json:"assessment"` // IV. Đánh giá
	Proposals  string `json:"proposals"`  // V. Kiến nghị, đề xuất
	NextTasks  string `json:"next_tasks"` // VI. Nhiệm vụ thời gian tới
}

// Count is a label with a number.
type Count struct {
	Label string
	N     int
}

// LogSummary is section II.1: the working sessions of the period.
type LogSummary struct {
	Sessions   int
	Communes   int // distinct communes and wards worked in
	ByActivity []ActivityCount
	ByCommune  []Count // most sessions first
	Items      []LogItem
	More       int // sessions not listed in Items
}

// ActivityCount is the sessions of one kind of activity.
type ActivityCount struct {
	Activity domain.Term
	Sessions int
	Communes int
}

// LogItem is one working session as the report lists it.
type LogItem struct {
	Date, Commune, Activity, Content, Results string
}

// TrainingSummary is section II.2: training sessions. A session without
// women or hours recorded (nil: the form's empty field) is unknown, not
// zero: Women and Hours add up the sessions that have them (a recorded 0
// among them), and NoWomen, NoHours count those that do not.
type TrainingSummary struct {
	Sessions     int
	Communes     int
	Participants int
	Women        int
	Hours        float64
	NoWomen      int // sessions with no number of women recorded
	NoHours      int // sessions with no length recorded
	Items        []TrainingItem
	More         int
}

// TrainingItem is one training session; Women nil is "not recorded".
type TrainingItem struct {
	Date, Commune, Topic, Audience string
	Participants                   int
	Women                          *int
	Files                          []string // the names of its attached files (minutes, lists, photos)
}

// ErrTotalTooLarge: a total of the report does not fit in a number; the
// notebook holds counts no session can have (saved before they were
// bounded, see record.MaxParticipants).
var ErrTotalTooLarge = errors.New("a report total is too large: a training's count of people is impossible")

// addCount adds n to *total, refusing what would overflow or what no
// session can have.
func addCount(total *int, n int) error {
	if n < 0 || n > record.MaxParticipants || *total > math.MaxInt-n {
		return ErrTotalTooLarge
	}
	*total += n
	return nil
}

// Outcome is where a difficulty stands, as the report groups them.
type Outcome int

// Outcomes. A difficulty HQ marked resolved without ever answering was
// settled where it arose; one HQ answered (or resolved after answering) was
// answered by HQ; every other one is still with HQ.
const (
	OutcomeEscalated Outcome = iota
	OutcomeAnswered
	OutcomeResolvedOnSite
)

// DifficultySummary is section III.
type DifficultySummary struct {
	Total      int
	BySeverity [4]int // in domain.Severities order
	ByCategory []CategoryCount
	ByOutcome  [3]int // indexed by Outcome
	Items      []DifficultyItem
	More       int
}

// CategoryCount is the difficulties of one category, by severity.
type CategoryCount struct {
	Category   domain.Term
	BySeverity [4]int
	Total      int
}

// DifficultyItem is one difficulty with HQ's latest answer.
type DifficultyItem struct {
	Date, Commune, Title, Proposal string
	Category, Severity, Status     domain.Term
	Outcome                        Outcome
	Answer                         string // HQ's latest response, made safe
	AnswerBy                       string
	AnswerAt                       time.Time
	// Thread is the conversation with text, in its one order, when the
	// officer wrote follow-ups (otherwise HQ's latest answer says it); at
	// most maxThread items, the latest.
	Thread []ThreadLine
	Files  []string // the names of its attached files
}

// ThreadLine is one item of a difficulty's thread as the report prints it.
type ThreadLine struct {
	At       time.Time
	Officer  bool   // the officer's follow-up, else HQ's answer
	By       string // HQ's author
	Text     string // made safe
	Resolved bool   // the officer's note that it was resolved on site
}

// maxThread bounds the thread lines of one difficulty in a report.
const maxThread = 10

// Build reads the period's records from the notebook and makes the report
// dated now. It streams the records: only the aggregates and the bounded
// lists stay in memory.
func Build(ctx context.Context, st *store.Store, p Period, now time.Time) (*Report, error) {
	r := &Report{Period: p, Date: day(now)}
	prof, err := st.Profile()
	if err != nil {
		return nil, err
	}
	r.Officer = Officer{Name: prof.Name, Position: prof.Position}
	if prov, ok := domain.ProvinceBySlug(prof.Province); ok {
		r.Officer.Province = prov
	} else {
		r.Officer.Province = domain.Province{Slug: prof.Province, Name: prof.Province}
	}
	if r.Header, err = header(st, r.Officer); err != nil {
		return nil, err
	}

	var (
		logs  logAgg
		train trainAgg
		diffs diffAgg
	)
	logs.init()
	train.init()
	diffs.init()
	// One scan, one read transaction: the report sees one state of the
	// notebook even if a sync writes meanwhile.
	err = st.Scan(ctx, store.Query{From: p.FromDate(), To: p.ToDate()}, func(rec record.Record) error {
		switch rec.Kind {
		case record.KindLog:
			logs.add(&rec)
		case record.KindTraining:
			return train.add(&rec)
		case record.KindDifficulty:
			diffs.add(&rec)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("build report: %w", err)
	}
	r.Logs = logs.summary()
	r.Training = train.summary()
	r.Difficulties = diffs.summary()

	saved, err := st.Draft(draftPrefix + p.Key())
	if err != nil {
		return nil, fmt.Errorf("build report: %w", err)
	}
	if saved != nil && json.Unmarshal(saved, &r.Text) == nil {
		r.Edited = true
	} else {
		r.Text = r.prefill(logs.steps.items, diffs.proposals.items)
	}
	return r, nil
}

// SaveText keeps the officer's sections IV–VI for the report's period, so
// the next Build of the same period shows them again.
func SaveText(st *store.Store, r *Report) error {
	b, err := json.Marshal(r.Text)
	if err != nil {
		return err
	}
	if err := st.SetDraft(draftPrefix+r.Period.Key(), b); err != nil {
		return fmt.Errorf("save report text: %w", err)
	}
	r.Edited = true
	return nil
}

// ResetText forgets the officer's edits for period p: the next Build
// prefills sections IV–VI again.
func ResetText(st *store.Store, p Period) error {
	if err := st.SetDraft(draftPrefix+p.Key(), nil); err != nil {
		return fmt.Errorf("reset report text: %w", err)
	}
	return nil
}

func header(st *store.Store, o Officer) (Header, error) {
	vi := i18n.New(i18n.VI)
	get := func(key string, def i18n.Key, args ...any) (string, error) {
		v, err := st.Setting(key)
		if err != nil {
			return "", fmt.Errorf("read setting %s: %w", key, err)
		}
		if v = strings.TrimSpace(vntext.Clean(v)); v != "" {
			return v, nil
		}
		return vi.T(def, args...), nil
	}
	var h Header
	var err error
	if h.Parent, err = get(SettingParent, i18n.ReportDefaultParent); err != nil {
		return h, err
	}
	if h.Issuer, err = get(SettingIssuer, i18n.ReportDefaultIssuer); err != nil {
		return h, err
	}
	if h.Code, err = get(SettingCode, i18n.ReportDefaultCode); err != nil {
		return h, err
	}
	signer := strings.ToUpper(o.Position)
	if signer == "" {
		signer = vi.T(i18n.ReportDefaultSigner)
	}
	if h.SignerTitle, err = get(SettingSigner, i18n.ReportPlain, signer); err != nil {
		return h, err
	}
	rcpt, err := get(SettingRecipients, i18n.ReportDefaultRecipients, provinceTitle(o.Province))
	if err != nil {
		return h, err
	}
	for _, line := range strings.Split(rcpt, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			h.Recipients = append(h.Recipients, line)
		}
	}
	h.Place = o.Province.Name
	return h, nil
}

// provinceTitle is "tỉnh Tuyên Quang" or "thành phố Hà Nội".
func provinceTitle(p domain.Province) string {
	vi := i18n.New(i18n.VI)
	if p.City {
		return vi.T(i18n.ReportCityOf, p.Name)
	}
	return vi.T(i18n.ReportProvinceOf, p.Name)
}

// prefill writes sections IV–VI from the records: a factual assessment to
// build on, the proposals the difficulties carried, the next steps the logs
// noted.
func (r *Report) prefill(steps, proposals []string) Text {
	vi := i18n.New(i18n.VI)
	var t Text
	if r.Logs.Sessions+r.Training.Sessions+r.Difficulties.Total > 0 {
		t.Assessment = vi.T(i18n.ReportAssessmentPrefill, r.doneInPeriod())
		if d := r.Difficulties; d.Total > 0 {
			t.Assessment += " " + vi.T(i18n.ReportAssessmentHandled, d.ByOutcome[OutcomeResolvedOnSite]+d.ByOutcome[OutcomeAnswered], d.Total)
		}
	}
	t.Proposals = bullets(proposals)
	t.NextTasks = bullets(steps)
	return t
}

func bullets(items []string) string {
	var b strings.Builder
	for _, s := range slices.Backward(items) {
		b.WriteString("- ")
		b.WriteString(capitalize(s))
		b.WriteString("\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// oneLine joins a text's lines and spaces into one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// fileNames are the names of a record's attached files, made safe for a
// document.
func fileNames(r *record.Record) []string {
	var out []string
	for _, a := range r.Attachments {
		out = append(out, oneLine(vntext.ForPrint(a.Name)))
	}
	return out
}

// distinct gathers up to maxTexts different texts, ignoring case, accents,
// spacing and final punctuation when comparing. Scans run newest first, so
// it keeps the newest texts (bullets lists them oldest first).
type distinct struct {
	seen  map[string]bool
	items []string
}

func (d *distinct) add(s string) {
	if s == "" || len(d.items) >= maxTexts || d.seen[s] {
		return // the raw text is remembered too, to skip folding it again
	}
	line := oneLine(s)
	if line == "" {
		return
	}
	k := strings.TrimRight(vntext.Fold(line), ".;,!… ")
	if d.seen == nil {
		d.seen = map[string]bool{}
	}
	d.seen[s] = true
	if !d.seen["\x00"+k] {
		d.seen["\x00"+k] = true
		d.items = append(d.items, line)
	}
}

// communes counts sessions per commune, matching names regardless of
// accents and case.
type communes struct {
	n     map[string]int
	label map[string]string
	key   map[string]string // as typed → folded, so each spelling is folded once
}

func (c *communes) init() {
	c.n, c.label, c.key = map[string]int{}, map[string]string{}, map[string]string{}
}

func (c *communes) add(typed string) string {
	k, seen := c.key[typed]
	if seen {
		c.n[k]++
		return k
	}
	name := oneLine(typed)
	k = vntext.Fold(name)
	c.key[typed] = k
	// Keep the first spelling met, unless a later one is capitalised and
	// it is not ("Xã Yên Sơn" over "xã yên sơn").
	if old, ok := c.label[k]; !ok || (!startsUpper(old) && startsUpper(name)) {
		c.label[k] = name
	}
	c.n[k]++
	return k
}

// counts are the communes, most sessions first, then in Vietnamese order.
func (c *communes) counts() []Count {
	out := make([]Count, 0, len(c.n))
	for k, n := range c.n {
		out = append(out, Count{Label: c.label[k], N: n})
	}
	vntext.SortBy(out, func(x Count) string { return x.Label })
	slices.SortStableFunc(out, func(a, b Count) int { return b.N - a.N })
	return out
}

// full says whether a list has its MaxItems, counting one more that is
// left out. Scans run newest first, so the lists keep the newest records;
// the summaries reverse them to read oldest first.
func full(n int, more *int) bool {
	if n >= MaxItems {
		*more++
		return true
	}
	return false
}

type logAgg struct {
	sessions   int
	communes   communes
	byActivity map[string]*ActivityCount
	actCommune map[[2]string]bool
	items      []LogItem
	more       int
	steps      distinct
}

func (a *logAgg) init() {
	a.communes.init()
	a.byActivity = map[string]*ActivityCount{}
	a.actCommune = map[[2]string]bool{}
}

func (a *logAgg) add(r *record.Record) {
	a.sessions++
	ck := a.communes.add(r.Commune)
	act := a.byActivity[r.Activity]
	if act == nil {
		act = &ActivityCount{Activity: term(domain.Activities(), r.Activity)}
		a.byActivity[r.Activity] = act
	}
	act.Sessions++
	if !a.actCommune[[2]string{r.Activity, ck}] {
		a.actCommune[[2]string{r.Activity, ck}] = true
		act.Communes++
	}
	if !full(len(a.items), &a.more) {
		a.items = append(a.items, LogItem{Date: r.Date, Commune: oneLine(r.Commune), Activity: act.Activity.VI,
			Content: oneLine(r.Content), Results: oneLine(r.Results)})
	}
	a.steps.add(r.NextSteps)
}

func (a *logAgg) summary() LogSummary {
	s := LogSummary{Sessions: a.sessions, Communes: len(a.communes.n), ByCommune: a.communes.counts(), More: a.more,
		ByActivity: inTermOrder(domain.Activities(), a.byActivity)}
	s.Items = a.items
	slices.Reverse(s.Items)
	return s
}

type trainAgg struct {
	s        TrainingSummary
	communes communes
	items    []TrainingItem
}

func (a *trainAgg) init() { a.communes.init() }

func (a *trainAgg) add(r *record.Record) error {
	if err := addCount(&a.s.Participants, r.Participants); err != nil {
		return fmt.Errorf("training %s: %w", r.ID, err)
	}
	if err := addCount(&a.s.Women, r.WomenOr(0)); err != nil {
		return fmt.Errorf("training %s: %w", r.ID, err)
	}
	a.s.Sessions++
	if r.Women == nil {
		a.s.NoWomen++
	}
	if r.Hours != nil {
		a.s.Hours += *r.Hours
	} else {
		a.s.NoHours++
	}
	a.communes.add(r.Commune)
	if !full(len(a.items), &a.s.More) {
		a.items = append(a.items, TrainingItem{Date: r.Date, Commune: oneLine(r.Commune), Topic: oneLine(r.Topic),
			Audience: oneLine(r.Audience), Participants: r.Participants, Women: r.Women, Files: fileNames(r)})
	}
	return nil
}

func (a *trainAgg) summary() TrainingSummary {
	s := a.s
	s.Communes = len(a.communes.n)
	s.Items = a.items
	slices.Reverse(s.Items)
	return s
}

type diffAgg struct {
	s          DifficultySummary
	severities []domain.Term
	byCategory map[string]*CategoryCount
	items      []DifficultyItem
	proposals  distinct
}

func (a *diffAgg) init() {
	a.byCategory = map[string]*CategoryCount{}
	a.severities = domain.Severities()
}

func (a *diffAgg) add(r *record.Record) {
	a.s.Total++
	sev := slices.IndexFunc(a.severities, func(t domain.Term) bool { return t.Slug == r.Severity })
	cat := a.byCategory[r.Category]
	if cat == nil {
		cat = &CategoryCount{Category: term(domain.Categories(), r.Category)}
		a.byCategory[r.Category] = cat
	}
	cat.Total++
	if sev >= 0 {
		cat.BySeverity[sev]++
		a.s.BySeverity[sev]++
	}
	status := record.StatusOrNew(r.Status)
	var outcome Outcome
	_, onSite := r.ResolvedOnSite()
	answers := record.Answers(r.Responses)
	switch {
	case onSite && answers == 0, status == record.StatusResolved && answers == 0:
		outcome = OutcomeResolvedOnSite
	case status == record.StatusAnswered || status == record.StatusResolved || answers > 0:
		outcome = OutcomeAnswered
	default:
		outcome = OutcomeEscalated
	}
	a.s.ByOutcome[outcome]++
	if !full(len(a.items), &a.s.More) {
		it := DifficultyItem{Date: r.Date, Commune: oneLine(r.Commune), Title: oneLine(r.Title),
			Proposal: oneLine(r.Proposal), Category: cat.Category, Outcome: outcome, Files: fileNames(r)}
		it.Severity, _ = domain.Find(domain.Severities(), r.Severity)
		if t, ok := domain.Find(domain.Statuses(), status); ok {
			it.Status = t
		} else {
			it.Status = domain.Term{Slug: vntext.ForPrint(status), VI: vntext.ForPrint(status), EN: vntext.ForPrint(status)}
		}
		if last, ok := record.LastAnswer(r.Responses); ok {
			it.Answer, it.AnswerBy, it.AnswerAt = vntext.ForPrint(last.Text), oneLine(vntext.ForPrint(last.Author)), last.At
		}
		if len(r.FollowUps) > 0 {
			for _, ti := range r.Thread() {
				if ti.Text == "" {
					continue // a status change alone: the status is printed
				}
				it.Thread = append(it.Thread, ThreadLine{At: ti.At, Officer: ti.From == record.FromOfficer,
					By: oneLine(vntext.ForPrint(ti.Author)), Text: vntext.ForPrint(ti.Text), Resolved: ti.Resolved})
			}
			it.Thread = it.Thread[max(len(it.Thread)-maxThread, 0):]
		}
		a.items = append(a.items, it)
	}
	a.proposals.add(r.Proposal)
}

func (a *diffAgg) summary() DifficultySummary {
	s := a.s
	s.ByCategory = inTermOrder(domain.Categories(), a.byCategory)
	s.Items = a.items
	slices.Reverse(s.Items)
	return s
}

func startsUpper(s string) bool {
	for _, c := range s {
		return unicode.IsUpper(c)
	}
	return false
}

// term is the term of slug in terms, or one named by the slug itself for a
// value no longer in the list.
func term(terms []domain.Term, slug string) domain.Term {
	if t, ok := domain.Find(terms, slug); ok {
		return t
	}
	return domain.Term{Slug: slug, VI: slug, EN: slug}
}

// inTermOrder lists the counts in the order of terms, then those of slugs
// no longer in the list, by slug.
func inTermOrder[T any](terms []domain.Term, bySlug map[string]*T) []T {
	out := make([]T, 0, len(bySlug))
	for _, t := range terms {
		if c := bySlug[t.Slug]; c != nil {
			out = append(out, *c)
		}
	}
	for _, slug := range slices.Sorted(maps.Keys(bySlug)) {
		if _, known := domain.Find(terms, slug); !known {
			out = append(out, *bySlug[slug])
		}
	}
	return out
}
