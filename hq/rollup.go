package hq

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"sotay/domain"
	"sotay/i18n"
	"sotay/record"
	"sotay/vntext"
)

// Rollup is what HQ's national roll-up is made from: HQ's officers and
// records, from its database directly or through a running server's admin
// socket (see Reader); the writers know nothing of where they came from.
type Rollup struct {
	// From and To bound the records by their date (YYYY-MM-DD, inclusive);
	// "" leaves that end open.
	From, To string
	Officers []Officer
	// Records calls fn once for every record HQ holds, in any order, and
	// stops at fn's first error. Tombstones are passed over by the writers.
	// Each writer walks it once.
	Records func(fn func(RecordRow) error) error
}

// RollupTables are the tables of a roll-up: the summary by province, then
// one per kind of record. They are the sheets of the xlsx and the choices
// of WriteRollupCSV.
func RollupTables() []string {
	return []string{"summary", string(record.KindLog), string(record.KindDifficulty), string(record.KindTraining)}
}

// ProvinceSummary is one row of the summary sheet.
type ProvinceSummary struct {
	Province     domain.Province
	Officers     []string // names
	Logs         int
	Trainings    int
	Participants int
	Women        int // in the trainings that recorded it
	NoWomen      int // trainings without a number of women: unknown, not 0
	Difficulties int
	ByCategory   map[string]int // category slug → difficulties
	ByStatus     map[string]int // status slug → difficulties
	LastSync     time.Time
}

func (p *ProvinceSummary) add(rec *record.Record) {
	switch rec.Kind {
	case record.KindLog:
		p.Logs++
	case record.KindTraining:
		p.Trainings++
		p.Participants += rec.Participants
		p.Women += rec.WomenOr(0)
		if rec.Women == nil {
			p.NoWomen++
		}
	case record.KindDifficulty:
		p.Difficulties++
		p.ByCategory[rec.Category]++
		p.ByStatus[record.StatusOrNew(rec.Status)]++
	}
}

// summary keeps one row per province, the 34 in the official order first.
type summary struct {
	rows    []*ProvinceSummary
	byslug  map[string]*ProvinceSummary
	total   ProvinceSummary
	officer map[string]string // officer id → province, for records without one
}

func newSummary(in *Rollup) *summary {
	s := &summary{byslug: map[string]*ProvinceSummary{}, officer: map[string]string{}}
	s.total = ProvinceSummary{Province: domain.Province{Name: i18n.New(i18n.VI).T(i18n.RollupTotal)},
		ByCategory: map[string]int{}, ByStatus: map[string]int{}}
	for _, p := range domain.Provinces() {
		s.row(p.Slug).Province = p
	}
	for _, o := range in.Officers {
		s.officer[o.ID] = o.Province
		row := s.row(o.Province)
		row.Officers = append(row.Officers, o.Name)
		if o.LastSync.After(row.LastSync) {
			row.LastSync = o.LastSync
		}
		if o.LastSync.After(s.total.LastSync) {
			s.total.LastSync = o.LastSync
		}
	}
	return s
}

func (s *summary) row(slug string) *ProvinceSummary {
	if r := s.byslug[slug]; r != nil {
		return r
	}
	p, ok := domain.ProvinceBySlug(slug)
	if !ok {
		p = domain.Province{Slug: slug, Name: slug}
	}
	r := &ProvinceSummary{Province: p, ByCategory: map[string]int{}, ByStatus: map[string]int{}}
	s.byslug[slug] = r
	s.rows = append(s.rows, r)
	return r
}

func (s *summary) add(rr *RecordRow) {
	prov := rr.Province
	if prov == "" {
		prov = s.officer[rr.Officer]
	}
	s.row(prov).add(&rr.Record)
	s.total.add(&rr.Record)
}

// inRange reports whether a record belongs in the roll-up: live, and dated
// within From..To.
func (in *Rollup) inRange(r *record.Record) bool {
	return !r.Deleted && (in.From == "" || r.Date >= in.From) && (in.To == "" || r.Date <= in.To)
}

// Summarize walks the records once and returns the rows of the summary by
// province (the 34, then any other province an officer has) and the total.
func Summarize(in Rollup) ([]ProvinceSummary, ProvinceSummary, error) {
	s := newSummary(&in)
	err := in.walk(func(rr *RecordRow) error { s.add(rr); return nil })
	if err != nil {
		return nil, ProvinceSummary{}, err
	}
	out := make([]ProvinceSummary, len(s.rows))
	for i, r := range s.rows {
		out[i] = *r
	}
	return out, s.total, nil
}

func (in *Rollup) walk(fn func(*RecordRow) error) error {
	if in.Records == nil {
		return nil
	}
	err := in.Records(func(rr RecordRow) error {
		if !in.inRange(&rr.Record) {
			return nil
		}
		return fn(&rr)
	})
	if err != nil {
		return fmt.Errorf("roll-up: %w", err)
	}
	return nil
}

// column is one column of a table: its heading, width in characters and
// how its cells are written.
type column struct {
	head  string
	width float64
	typ   cellType
}

type cellType int

const (
	cellText cellType = iota
	cellInt
	cellFloat
	cellDate // a calendar date, YYYY-MM-DD in the record
	cellTime
)

// summaryColumns are the columns of the summary sheet.
func summaryColumns() []column {
	vi := i18n.New(i18n.VI)
	cols := []column{
		{vi.T(i18n.RollupColProvince), 20, cellText},
		{vi.T(i18n.RollupColOfficers), 28, cellText},
		{vi.T(i18n.RollupColLogs), 12, cellInt},
		{vi.T(i18n.RollupColTrainings), 12, cellInt},
		{vi.T(i18n.RollupColPeople), 14, cellInt},
		{vi.T(i18n.RollupColWomen), 8, cellInt},
		{vi.T(i18n.RollupColNoWomen), 14, cellInt},
		{vi.T(i18n.RollupColDiffs), 14, cellInt},
	}
	for _, c := range domain.Categories() {
		cols = append(cols, column{vi.T(i18n.RollupDiffCategory, c.VI), 16, cellInt})
	}
	for _, st := range domain.Statuses() {
		cols = append(cols, column{vi.T(i18n.RollupDiffStatus, strings.ToLower(st.VI)), 12, cellInt})
	}
	return append(cols, column{vi.T(i18n.RollupColLastSync), 18, cellTime})
}

func summaryRow(p *ProvinceSummary) []any {
	row := []any{p.Province.Name, strings.Join(p.Officers, ", "), p.Logs, p.Trainings, p.Participants, p.Women, p.NoWomen, p.Difficulties}
	for _, c := range domain.Categories() {
		row = append(row, p.ByCategory[c.Slug])
	}
	for _, st := range domain.Statuses() {
		row = append(row, p.ByStatus[st.Slug])
	}
	return append(row, p.LastSync)
}

// recordColumns are the columns of a kind's sheet: who and when, then the
// kind's fields as DESIGN.md names them, then HQ's answers for a
// difficulty.
func recordColumns(k record.Kind) []column {
	vi := i18n.New(i18n.VI)
	cols := []column{
		{vi.T(i18n.RollupColProvince), 16, cellText},
		{vi.T(i18n.RollupColOfficer), 22, cellText},
		{vi.T(i18n.RollupColReceived), 18, cellTime},
	}
	for _, f := range record.Fields(k) {
		c := column{head: vi.Field(f.Name), width: 20}
		switch f.Type {
		case record.Date:
			c.typ, c.width = cellDate, 12
		case record.Integer:
			c.typ, c.width = cellInt, 10
		case record.Number:
			c.typ, c.width = cellFloat, 10
		case record.LongText:
			c.width = 50
		case record.Choice:
			c.width = 22
		}
		cols = append(cols, c)
	}
	if k == record.KindDifficulty {
		cols = append(cols, column{vi.T(i18n.RollupColAnswers), 10, cellInt}, column{vi.T(i18n.RollupColLastReply), 50, cellText})
	}
	return append(cols, column{vi.Field("attachments"), 40, cellText},
		column{vi.T(i18n.RollupColOfficerID), 38, cellText}, column{"ID", 38, cellText})
}

func recordRow(rr *RecordRow, names map[string]string) []any {
	r := &rr.Record
	prov := rr.Province
	if p, ok := domain.ProvinceBySlug(prov); ok {
		prov = p.Name
	}
	row := []any{prov, names[rr.Officer], rr.Received}
	for _, f := range record.Fields(r.Kind) {
		switch f.Type {
		case record.Integer:
			if f.Name == "women" {
				row = append(row, Optional(r.Women)) // unknown: an empty cell, not 0
			} else {
				row = append(row, r.Participants)
			}
		case record.Number:
			row = append(row, Optional(r.Hours))
		case record.Choice:
			v := r.Value(f.Name)
			if f.Name == "status" {
				v = record.StatusOrNew(v)
			}
			if t, ok := domain.Find(f.Choices(), v); ok {
				v = t.VI
			}
			row = append(row, v)
		default:
			row = append(row, r.Value(f.Name))
		}
	}
	if r.Kind == record.KindDifficulty {
		last := ""
		if a, ok := record.LastAnswer(r.Responses); ok {
			last = vntext.ForPrint(a.Text)
		}
		row = append(row, record.Answers(r.Responses), last)
	}
	return append(row, attachmentNames(r), rr.Officer, r.ID)
}

// attachmentNames is a record's files in one cell: "name; name".
func attachmentNames(r *record.Record) string {
	names := make([]string, len(r.Attachments))
	for i, a := range r.Attachments {
		names[i] = vntext.ForPrint(a.Name)
	}
	return strings.Join(names, "; ")
}

// kindSheet is the sheet name of a kind: its Vietnamese name.
func kindSheet(k record.Kind) string { return i18n.New(i18n.VI).Kind(k) }

// WriteRollupXLSX writes the roll-up as one workbook: the summary by
// province first, then one sheet per kind of record, each with its header
// row frozen and columns sized for their content. Records stream to their
// sheets in one walk; only the summary is kept in memory.
func WriteRollupXLSX(w io.Writer, in Rollup) error {
	f := excelize.NewFile()
	defer f.Close()
	sumName := i18n.New(i18n.VI).T(i18n.RollupSummarySheet)
	if err := f.SetSheetName("Sheet1", sumName); err != nil {
		return fmt.Errorf("roll-up: %w", err)
	}
	st, err := newXLSXStyles(f)
	if err != nil {
		return fmt.Errorf("roll-up: %w", err)
	}
	names := officerNames(in.Officers)
	sheets := map[record.Kind]*xlsxSheet{}
	for _, k := range record.Kinds() {
		if _, err := f.NewSheet(kindSheet(k)); err != nil {
			return fmt.Errorf("roll-up: %w", err)
		}
		if sheets[k], err = newXLSXSheet(f, st, kindSheet(k), recordColumns(k)); err != nil {
			return fmt.Errorf("roll-up: %w", err)
		}
	}
	s := newSummary(&in)
	err = in.walk(func(rr *RecordRow) error {
		s.add(rr)
		sh := sheets[rr.Record.Kind]
		if sh == nil {
			return nil
		}
		return sh.row(recordRow(rr, names), false)
	})
	if err != nil {
		return err
	}
	for _, k := range record.Kinds() {
		if err := sheets[k].sw.Flush(); err != nil {
			return fmt.Errorf("roll-up: %w", err)
		}
	}
	sum, err := newXLSXSheet(f, st, sumName, summaryColumns())
	if err != nil {
		return fmt.Errorf("roll-up: %w", err)
	}
	for _, r := range s.rows {
		if err := sum.row(summaryRow(r), false); err != nil {
			return fmt.Errorf("roll-up: %w", err)
		}
	}
	if err := sum.row(summaryRow(&s.total), true); err != nil {
		return fmt.Errorf("roll-up: %w", err)
	}
	if err := sum.sw.Flush(); err != nil {
		return fmt.Errorf("roll-up: %w", err)
	}
	f.SetActiveSheet(0)
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("roll-up: %w", err)
	}
	return nil
}

func officerNames(officers []Officer) map[string]string {
	m := make(map[string]string, len(officers))
	for _, o := range officers {
		m[o.ID] = o.Name
	}
	return m
}

type xlsxStyles struct {
	head, bold, date, time, boldTime int
}

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	var s xlsxStyles
	var err error
	dateFmt, timeFmt := "dd/mm/yyyy", "dd/mm/yyyy hh:mm"
	border := []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}
	for _, x := range []struct {
		dst *int
		st  *excelize.Style
	}{
		{&s.head, &excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "center"}}},
		{&s.bold, &excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&s.date, &excelize.Style{CustomNumFmt: &dateFmt}},
		{&s.time, &excelize.Style{CustomNumFmt: &timeFmt}},
		{&s.boldTime, &excelize.Style{CustomNumFmt: &timeFmt, Font: &excelize.Font{Bold: true}}},
	} {
		if *x.dst, err = f.NewStyle(x.st); err != nil {
			return s, err
		}
	}
	return s, nil
}

// xlsxSheet streams rows to one sheet.
type xlsxSheet struct {
	sw   *excelize.StreamWriter
	cols []column
	st   xlsxStyles
	n    int // rows written
	buf  []any
}

func newXLSXSheet(f *excelize.File, st xlsxStyles, name string, cols []column) (*xlsxSheet, error) {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	head := make([]any, len(cols))
	for i, c := range cols {
		head[i] = excelize.Cell{StyleID: st.head, Value: c.head}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: 32}); err != nil {
		return nil, err
	}
	return &xlsxSheet{sw: sw, cols: cols, st: st, n: 1, buf: make([]any, len(cols))}, nil
}

func (s *xlsxSheet) row(vals []any, bold bool) error {
	for i, v := range vals {
		c := excelize.Cell{Value: v}
		switch s.cols[i].typ {
		case cellDate:
			if d, err := time.Parse(vntext.DateLayout, fmt.Sprint(v)); err == nil {
				c.Value, c.StyleID = d, s.st.date
			}
		case cellTime:
			if t, ok := v.(time.Time); ok {
				if t.IsZero() {
					c.Value = nil
				} else {
					c.Value, c.StyleID = t.UTC(), s.st.time
					if bold {
						c.StyleID = s.st.boldTime
					}
				}
			}
		default:
			if bold {
				c.StyleID = s.st.bold
			}
		}
		s.buf[i] = c
	}
	s.n++
	cell, err := excelize.CoordinatesToCellName(1, s.n)
	if err != nil {
		return err
	}
	return s.sw.SetRow(cell, s.buf)
}

// WriteRollupCSV writes one table of the roll-up ("summary", "log",
// "difficulty" or "training", see RollupTables) as CSV with a UTF-8 byte
// order mark, so spreadsheet programs read the Vietnamese right. Dates are
// YYYY-MM-DD, times RFC 3339 in UTC. Text that a spreadsheet would run
// as a formula is written as text (see vntext.ForCSV).
func WriteRollupCSV(w io.Writer, in Rollup, table string) error {
	if !slices.Contains(RollupTables(), table) {
		return fmt.Errorf("roll-up: no table %q (one of %s)", table, strings.Join(RollupTables(), ", "))
	}
	bw := bufio.NewWriter(w)
	bw.WriteString("\uFEFF")
	cw := csv.NewWriter(bw)
	var cols []column
	if table == "summary" {
		cols = summaryColumns()
	} else {
		cols = recordColumns(record.Kind(table))
	}
	heads := make([]string, len(cols))
	for i, c := range cols {
		heads[i] = c.head
	}
	if err := cw.Write(heads); err != nil {
		return err
	}
	cells := make([]string, len(cols))
	write := func(vals []any) error {
		for i, v := range vals {
			cells[i] = csvText(v)
		}
		return cw.Write(cells)
	}
	if table == "summary" {
		rows, total, err := Summarize(in)
		if err != nil {
			return err
		}
		for i := range rows {
			if err := write(summaryRow(&rows[i])); err != nil {
				return err
			}
		}
		if err := write(summaryRow(&total)); err != nil {
			return err
		}
	} else {
		names := officerNames(in.Officers)
		err := in.walk(func(rr *RecordRow) error {
			if string(rr.Record.Kind) != table {
				return nil
			}
			return write(recordRow(rr, names))
		})
		if err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// Optional is a number the officer may not have recorded, as a cell:
// nil (an empty cell, in a sheet or a CSV) when unknown, so that an
// unknown never reads as 0.
func Optional[T int | float64](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

func csvText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return vntext.ForCSV(v)
	case int:
		return strconv.Itoa(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case time.Time:
		if v.IsZero() {
			return ""
		}
		return v.UTC().Format(time.RFC3339)
	}
	return fmt.Sprint(v)
}
