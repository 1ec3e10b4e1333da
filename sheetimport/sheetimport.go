// Package sheetimport reads the logs officers kept in spreadsheets (a .csv
// or an .xlsx file, one record a row under a header row) into records the
// notebook can import: each column matched to a field by its header, in
// Vietnamese or English, each cell checked by the record's own rules, and
// every problem named by its row and column.
//
// Re-importing a file must not make duplicates. Each row's record id is
// derived from its content (the normalized fields of its kind) and a
// random seed kept in the notebook: the same row read again gets the same
// id, which the store's import skips as already held (store.Import keeps a
// newer or equal revision). A ledger of imported rows would do the same
// with more to keep; the derived id also survives rows being reordered or
// added to the file, needs nothing written for a dry run, and, through the
// per-notebook seed, never collides with another officer's import of the
// same sheet at HQ. A row edited in the file between two imports is a new
// record; two identical rows in one file are one record (the later one is
// reported as a repeat).
package sheetimport

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"sotay/i18n"
	"sotay/record"
	"sotay/vntext"
)

// MaxRows bounds the rows of one file: a decade of daily logs is a few
// thousand; more is not a notebook.
const MaxRows = 200000

// Errors a caller tells apart; the catalog words them (see Problem).
var (
	ErrFormat    = errors.New("not a .csv or .xlsx file")
	ErrEmpty     = errors.New("the file has no header row")
	ErrTooMany   = fmt.Errorf("more than %d rows", MaxRows)
	ErrNoKind    = errors.New("cannot tell the kind of record from the columns")
	ErrNoColumns = errors.New("no column matches a field")
)

// Options steer a read.
type Options struct {
	Kind record.Kind // "" to tell it from the columns
	// Map names the field of a column by its header: "Nội dung công
	// việc" → "content". It overrides the headers' own matching.
	Map map[string]string
	// Seed makes the derived ids this notebook's own (see Seed).
	Seed []byte
	Now  time.Time // for "hôm nay" and dates in the future
	// Progress, if not nil, is told the rows read so far and the total.
	Progress func(done, total int)
}

// Column is one column of the header row and the field it fills ("" for
// none: the column is not imported).
type Column struct {
	Header string
	Field  string
}

// Problem is what is wrong with one cell (Column "" for the row as a
// whole).
type Problem struct {
	Row    int // the spreadsheet's row number: the header is row 1
	Column string
	Field  *record.FieldError
}

// Plan is what an import would do: the records to create, the rows they
// come from, and the problems of the rows that cannot be imported.
type Plan struct {
	Kind     record.Kind // the kind of every row, or "" when a column gives each row's
	Columns  []Column
	Records  []record.Record // valid rows, with their derived ids
	Rows     []int           // Rows[i] is the row Records[i] comes from
	Problems []Problem       // in row order
	BadRows  int             // rows with at least one problem
	Repeats  [][2]int        // {row, earlier row} for rows identical to an earlier one
	Total    int             // data rows read (blank rows not counted)
}

// ReadFile reads path (.csv or .xlsx, by its extension).
func ReadFile(path string, opt Options) (*Plan, error) {
	rows, err := readRows(path)
	if err != nil {
		return nil, err
	}
	return Build(rows, opt)
}

// readRows returns the cells of the file's first sheet, header first.
func readRows(path string) ([][]string, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".txt":
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		return readCSV(b)
	case ".xlsx", ".xlsm":
		f, err := excelize.OpenFile(path)
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
		defer f.Close()
		// Raw values: a cell typed as a date is its serial number, not
		// whatever display format the officer's Excel gave it.
		rows, err := f.GetRows(f.GetSheetName(f.GetActiveSheetIndex()), excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		return rows, nil
	}
	return nil, fmt.Errorf("%s: %w", path, ErrFormat)
}

// readCSV reads UTF-8 CSV (a BOM is dropped) separated by commas, or by
// semicolons or tabs as Excel writes them where the comma is the decimal
// mark, as in Vietnamese.
func readCSV(b []byte) ([][]string, error) {
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	first, _, _ := bytes.Cut(b, []byte("\n"))
	sep := ','
	if n := bytes.Count(first, []byte(";")); n > bytes.Count(first, []byte(",")) {
		sep = ';'
	}
	if bytes.Count(first, []byte("\t")) > bytes.Count(first, []byte(string(sep))) {
		sep = '\t'
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = sep, -1, true
	var rows [][]string
	for {
		row, err := r.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read csv: %w", err)
		}
		if len(rows) > MaxRows {
			return nil, ErrTooMany
		}
		// Blank lines are skipped by the reader: keep them as empty rows
		// so that row numbers are the lines a spreadsheet shows.
		line, _ := r.FieldPos(0)
		for len(rows)+1 < line && len(rows) <= MaxRows {
			rows = append(rows, nil)
		}
		rows = append(rows, row)
	}
}

// Build turns a header row and data rows into a plan.
func Build(rows [][]string, opt Options) (*Plan, error) {
	if len(rows) == 0 {
		return nil, ErrEmpty
	}
	if len(rows) > MaxRows+1 {
		return nil, ErrTooMany
	}
	p := &Plan{}
	kindCol := -1
	mapped := 0
	for i, h := range rows[0] {
		field, err := fieldOf(h, opt.Map)
		if err != nil {
			return nil, err
		}
		if field == "kind" {
			kindCol = i
			field = ""
		}
		if field != "" {
			mapped++
		}
		p.Columns = append(p.Columns, Column{Header: strings.TrimSpace(h), Field: field})
	}
	if mapped == 0 {
		return nil, ErrNoColumns
	}
	p.Kind = opt.Kind
	if p.Kind == "" && kindCol < 0 {
		k, ok := guessKind(p.Columns)
		if !ok {
			return nil, ErrNoKind
		}
		p.Kind = k
	}
	seen := map[string]int{}
	data := rows[1:]
	for i, cells := range data {
		if opt.Progress != nil && ((i+1)%1000 == 0 || i == len(data)-1) {
			opt.Progress(i+1, len(data))
		}
		rowNum := i + 2
		if blank(cells) {
			continue
		}
		p.Total++
		kind := p.Kind
		if kind == "" {
			k, ok := parseKind(cell(cells, kindCol))
			if !ok {
				p.add(Problem{Row: rowNum, Column: rows[0][kindCol], Field: &record.FieldError{Field: "kind",
					Problem: record.ProblemChoice, Value: record.ShortValue(cell(cells, kindCol)), Allowed: kindNames()}})
				continue
			}
			kind = k
		}
		r, problems := readRow(kind, p.Columns, cells, rowNum, opt.Now)
		if len(problems) > 0 {
			for _, pr := range problems {
				p.add(pr)
			}
			continue
		}
		id := derivedID(opt.Seed, &r)
		if earlier, dup := seen[id]; dup {
			p.Repeats = append(p.Repeats, [2]int{rowNum, earlier})
			continue
		}
		seen[id] = rowNum
		r.ID, r.Rev = id, 1
		r.Created, r.Updated = opt.Now.UTC(), opt.Now.UTC()
		if r.Kind == record.KindDifficulty {
			r.Status = record.StatusNew
		}
		p.Records = append(p.Records, r)
		p.Rows = append(p.Rows, rowNum)
	}
	return p, nil
}

func (p *Plan) add(pr Problem) {
	if n := len(p.Problems); n == 0 || p.Problems[n-1].Row != pr.Row {
		p.BadRows++
	}
	p.Problems = append(p.Problems, pr)
}

// readRow fills a record of kind from one row's cells and checks it as the
// notebook will when it saves it.
func readRow(kind record.Kind, cols []Column, cells []string, rowNum int, now time.Time) (record.Record, []Problem) {
	r := record.Record{Kind: kind}
	colOf := map[string]string{}
	values := map[string]string{}
	for i, c := range cols {
		if c.Field == "" {
			continue
		}
		f, ok := record.FieldByName(kind, c.Field)
		if !ok || f.HQOwned {
			continue // a column of another kind's field, in a mixed file
		}
		colOf[c.Field] = c.Header
		v := strings.TrimSpace(cell(cells, i))
		switch f.Type {
		case record.Date:
			v = excelDate(v)
		case record.Choice:
			v = choiceSlug(f, v)
		}
		values[c.Field] = v
	}
	err := r.SetValues(values)
	if err == nil {
		err = r.Normalize(now)
	}
	if err == nil {
		return r, nil
	}
	ve, ok := record.AsValidation(err)
	if !ok {
		return r, []Problem{{Row: rowNum, Field: &record.FieldError{Field: "kind", Problem: record.ProblemChoice}}}
	}
	problems := make([]Problem, len(ve.Fields))
	for i, fe := range ve.Fields {
		problems[i] = Problem{Row: rowNum, Column: colOf[fe.Field], Field: fe}
	}
	return r, problems
}

// excelDate turns an Excel serial date (days since 30 December 1899, as a
// cell typed as a date holds it) into yyyy-mm-dd; other text is left for
// the record's own date rules.
func excelDate(v string) string {
	n, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(n) || n < 1 || n > 2958465 { // 9999-12-31
		return v
	}
	d := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(n))
	return d.Format(vntext.DateLayout)
}

// choiceSlug accepts a choice as its slug or its label in either language,
// with or without diacritics: "Họp, làm việc", "hop lam viec", "meeting".
func choiceSlug(f record.Field, v string) string {
	want := fold(v)
	for _, t := range f.Choices() {
		if want == fold(t.Slug) || want == fold(t.VI) || want == fold(t.EN) {
			return t.Slug
		}
	}
	return v
}

// fold is the form headers and choices are compared in: search folding,
// with punctuation as spaces ("Xã/phường" = "xa phuong").
func fold(s string) string {
	s = vntext.Fold(s)
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9')
	}), " ")
}

// synonyms are the headers officers' own sheets use for each field,
// folded, beyond the field's name and its labels in the catalog.
var synonyms = map[string][]string{
	"date":         {"ngay", "ngay thang", "thoi gian", "ngay lam viec"},
	"commune":      {"xa", "phuong", "xa phuong", "dia ban", "dia diem", "don vi", "noi lam viec", "place"},
	"activity":     {"hoat dong", "loai", "hinh thuc"},
	"content":      {"noi dung", "cong viec", "noi dung lam viec", "work", "description of work"},
	"results":      {"ket qua", "ket qua dat duoc"},
	"next_steps":   {"viec tiep theo", "huong xu ly", "de xuat tiep theo", "kien nghi tiep theo"},
	"partners":     {"phoi hop", "lam viec voi", "thanh phan"},
	"category":     {"linh vuc", "nhom"},
	"severity":     {"muc do", "muc do nghiem trong", "priority"},
	"title":        {"van de", "kho khan", "tieu de", "kho khan vuong mac"},
	"description":  {"mo ta", "chi tiet"},
	"proposal":     {"de xuat", "kien nghi", "kien nghi de xuat"},
	"topic":        {"chu de", "noi dung tap huan", "ten lop"},
	"audience":     {"doi tuong", "doi tuong tham du"},
	"participants": {"so nguoi", "so nguoi tham du", "so luong", "tong so", "luot nguoi"},
	"women":        {"nu", "so nu", "trong do nu"},
	"trainers":     {"giang vien", "bao cao vien"},
	"hours":        {"so gio", "thoi luong", "gio"},
	"notes":        {"ghi chu", "danh gia"},
	"kind":         {"loai ban ghi", "kind"},
}

// headerFields maps every folded header this package knows to its field.
func headerFields() map[string]string {
	m := map[string]string{}
	vi, en := i18n.New(i18n.VI), i18n.New(i18n.EN)
	for _, k := range record.Kinds() {
		for _, f := range record.Fields(k) {
			if f.HQOwned {
				continue
			}
			for _, h := range append([]string{f.Name, strings.ReplaceAll(f.Name, "_", "-"), vi.Field(f.Name), en.Field(f.Name)}, synonyms[f.Name]...) {
				if _, taken := m[fold(h)]; !taken {
					m[fold(h)] = f.Name
				}
			}
		}
	}
	for _, h := range synonyms["kind"] {
		m[fold(h)] = "kind"
	}
	return m
}

// fieldOf is the field a header names: --map first, then the known
// headers; "" for a column not imported.
func fieldOf(header string, userMap map[string]string) (string, error) {
	h := fold(header)
	for col, field := range userMap {
		if fold(col) == h {
			return field, nil
		}
	}
	return headerFields()[h], nil
}

// ValidField says name (as a flag writes it, - for _) is a field --map may
// name, and returns it as the record names it.
func ValidField(name string) (string, bool) {
	name = strings.ReplaceAll(strings.TrimSpace(name), "-", "_")
	if name == "kind" {
		return name, true
	}
	for _, k := range record.Kinds() {
		if f, ok := record.FieldByName(k, name); ok && !f.HQOwned {
			return name, true
		}
	}
	return "", false
}

// guessKind is the one kind whose required fields the columns all fill.
func guessKind(cols []Column) (record.Kind, bool) {
	have := map[string]bool{}
	for _, c := range cols {
		have[c.Field] = true
	}
	var found []record.Kind
	for _, k := range record.Kinds() {
		ok := true
		for _, f := range record.Fields(k) {
			if f.Required && !have[f.Name] {
				ok = false
			}
		}
		if ok {
			found = append(found, k)
		}
	}
	if len(found) != 1 {
		return "", false
	}
	return found[0], true
}

func parseKind(v string) (record.Kind, bool) {
	v = fold(v)
	vi, en := i18n.New(i18n.VI), i18n.New(i18n.EN)
	for _, k := range record.Kinds() {
		if v == string(k) || v == fold(vi.Kind(k)) || v == fold(en.Kind(k)) {
			return k, true
		}
	}
	return "", false
}

func kindNames() []string {
	var out []string
	for _, k := range record.Kinds() {
		out = append(out, string(k))
	}
	return out
}

func cell(cells []string, i int) string {
	if i < 0 || i >= len(cells) {
		return ""
	}
	return cells[i]
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// derivedID is a row's record id: a UUIDv7 whose time is the record's
// date and whose other bits are a hash of the seed and the record's
// normalized fields, so the same row always gets the same id.
func derivedID(seed []byte, r *record.Record) string {
	h := sha256.New()
	h.Write(seed)
	h.Write([]byte(r.Kind))
	for _, f := range record.Fields(r.Kind) {
		h.Write([]byte{0})
		h.Write([]byte(r.Value(f.Name)))
	}
	sum := h.Sum(nil)
	var id [16]byte
	d, _ := time.Parse(vntext.DateLayout, r.Date)
	binary.BigEndian.PutUint64(id[:8], uint64(d.UnixMilli())<<16)
	copy(id[6:], sum[:10])
	id[6] = 0x70 | id[6]&0x0f
	id[8] = 0x80 | id[8]&0x3f
	return record.FormatID(id)
}

// Settings is where the seed is kept: the notebook's settings.
type Settings interface {
	Setting(key string) (string, error)
	SetSetting(key, value string) error
}

// seedKey is the notebook setting that holds the seed.
const seedKey = "import_seed"

// Seed returns the notebook's import seed, making it on first use (create
// false: a dry run makes none and uses a throwaway).
func Seed(st Settings, create bool) ([]byte, error) {
	v, err := st.Setting(seedKey)
	if err != nil {
		return nil, err
	}
	if b, err := hex.DecodeString(v); err == nil && len(b) == 16 {
		return b, nil
	}
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	if create {
		if err := st.SetSetting(seedKey, hex.EncodeToString(b)); err != nil {
			return nil, err
		}
	}
	return b, nil
}
