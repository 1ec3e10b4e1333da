package hq

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"sotay/domain"
	"sotay/internal/office"
	"sotay/internal/testenv"
	"sotay/record"
	"sotay/record/recordtest"
	"sotay/vntext"
)

// rollupFixture is three officers in two provinces (one province not in
// the list, as an old database might hold) and 2,000 records, some deleted
// and some dated outside the roll-up's range.
func rollupFixture() (Rollup, []RecordRow) {
	sync := time.Date(2026, 6, 29, 17, 0, 0, 0, time.UTC)
	officers := []Officer{
		{ID: "off-1", Name: "Nguyễn Văn An", Province: "ha-noi", LastSync: sync},
		{ID: "off-2", Name: "Lê Thị Bình", Province: "ha-noi", LastSync: sync.Add(-48 * time.Hour)},
		{ID: "off-3", Name: "Đặng Quốc Cường", Province: "ha-giang"}, // merged into Tuyên Quang in 2025
	}
	recs := recordtest.Records(2000, 200, time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC))
	rows := make([]RecordRow, len(recs))
	for i := range recs {
		o := officers[i%len(officers)]
		if i%97 == 0 {
			recs[i].Deleted = true
		}
		if recs[i].Kind == record.KindDifficulty && i%5 == 0 {
			recs[i].Responses = append(recs[i].Responses, record.Response{Text: "Trả lời \x1b[31mđỏ\x1b[0m"})
		}
		rows[i] = RecordRow{StoredRecord: StoredRecord{Officer: o.ID, Received: sync, Record: recs[i]}, Province: o.Province}
	}
	in := Rollup{From: "2026-01-01", To: "2026-05-31", Officers: officers,
		Records: func(fn func(RecordRow) error) error {
			for _, r := range rows {
				if err := fn(r); err != nil {
					return err
				}
			}
			return nil
		}}
	return in, rows
}

// expected counts the fixture the plain way, as HQ's own totals would.
type expected struct {
	kinds        map[record.Kind]int
	byProvince   map[string]map[record.Kind]int
	participants int
	women        int
	categories   map[string]int
	statuses     map[string]int
}

func count(in Rollup, rows []RecordRow) expected {
	e := expected{kinds: map[record.Kind]int{}, byProvince: map[string]map[record.Kind]int{},
		categories: map[string]int{}, statuses: map[string]int{}}
	for _, r := range rows {
		rec := r.Record
		if rec.Deleted || rec.Date < in.From || rec.Date > in.To {
			continue
		}
		e.kinds[rec.Kind]++
		if e.byProvince[r.Province] == nil {
			e.byProvince[r.Province] = map[record.Kind]int{}
		}
		e.byProvince[r.Province][rec.Kind]++
		e.participants += rec.Participants
		e.women += rec.WomenOr(0)
		if rec.Kind == record.KindDifficulty {
			e.categories[rec.Category]++
			e.statuses[rec.Status]++
		}
	}
	return e
}

func TestRollupXLSX(t *testing.T) {
	in, rows := rollupFixture()
	want := count(in, rows)
	var buf bytes.Buffer
	if err := WriteRollupXLSX(&buf, in); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	sheets := f.GetSheetList()
	if want := []string{"Tổng hợp", "Nhật ký công tác", "Khó khăn, vướng mắc", "Tập huấn"}; !slices.Equal(sheets, want) {
		t.Fatalf("sheets = %q, want %q", sheets, want)
	}
	for i, k := range record.Kinds() {
		got, err := f.GetRows(sheets[i+1])
		if err != nil {
			t.Fatal(err)
		}
		if len(got)-1 != want.kinds[k] {
			t.Errorf("%s: %d rows, want %d", sheets[i+1], len(got)-1, want.kinds[k])
		}
		if got[0][0] != "Tỉnh, thành phố" || got[0][3] != "Ngày" {
			t.Errorf("%s header = %q", sheets[i+1], got[0])
		}
		for _, row := range got[1:] {
			if strings.ContainsRune(strings.Join(row, ""), '\x1b') {
				t.Fatalf("%s: HQ text with escape sequences reached the sheet: %q", sheets[i+1], row)
			}
		}
	}

	sum, err := f.GetRows("Tổng hợp")
	if err != nil {
		t.Fatal(err)
	}
	head := sum[0]
	col := func(name string) int {
		i := slices.Index(head, name)
		if i < 0 {
			t.Fatalf("summary has no column %q: %q", name, head)
		}
		return i
	}
	num := func(row []string, name string) int {
		n, err := strconv.Atoi(row[col(name)])
		if err != nil {
			t.Fatalf("%q in column %s: %v", row[col(name)], name, err)
		}
		return n
	}
	// The 34 provinces, the old "ha-giang" an officer still has, the total.
	if len(sum) != 1+34+1+1 || sum[35][0] != "ha-giang" {
		t.Errorf("summary has %d rows (row 35: %q), want header + 34 provinces + ha-giang + total", len(sum), sum[35])
	}
	total := sum[len(sum)-1]
	if total[0] != "Tổng cộng" {
		t.Fatalf("last row is %q, want the total", total)
	}
	for _, c := range []struct {
		col  string
		want int
	}{
		{"Buổi làm việc", want.kinds[record.KindLog]},
		{"Lớp tập huấn", want.kinds[record.KindTraining]},
		{"Khó khăn, vướng mắc", want.kinds[record.KindDifficulty]},
		{"Lượt người tham dự", want.participants},
		{"Nữ", want.women},
		{"KK: Tiền lương, phụ cấp", want.categories["salary"]},
		{"KK đã trả lời", want.statuses["answered"]},
	} {
		if got := num(total, c.col); got != c.want {
			t.Errorf("total %s = %d, want %d", c.col, got, c.want)
		}
	}
	sumCats, sumStats := 0, 0
	for _, c := range domain.Categories() {
		sumCats += num(total, "KK: "+c.VI)
	}
	for _, s := range domain.Statuses() {
		sumStats += num(total, "KK "+strings.ToLower(s.VI))
	}
	if sumCats != want.kinds[record.KindDifficulty] || sumStats != want.kinds[record.KindDifficulty] {
		t.Errorf("categories add up to %d, statuses to %d, want %d", sumCats, sumStats, want.kinds[record.KindDifficulty])
	}
	for _, row := range sum[1 : len(sum)-1] {
		if row[0] == "Hà Nội" {
			if num(row, "Buổi làm việc") != want.byProvince["ha-noi"][record.KindLog] || row[1] != "Nguyễn Văn An, Lê Thị Bình" {
				t.Errorf("Hà Nội row = %q, want %d logs", row, want.byProvince["ha-noi"][record.KindLog])
			}
			if row[len(row)-1] != "29/06/2026 17:00" {
				t.Errorf("Hà Nội last sync = %q", row[len(row)-1])
			}
		}
	}

	for _, s := range sheets {
		panes, err := f.GetPanes(s)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header not frozen: %+v %v", s, panes, err)
		}
		if w, err := f.GetColWidth(s, "A"); err != nil || w < 10 {
			t.Errorf("%s: column A width %v %v", s, w, err)
		}
	}
}

func TestRollupCSV(t *testing.T) {
	in, rows := rollupFixture()
	want := count(in, rows)
	for _, table := range RollupTables() {
		var buf bytes.Buffer
		if err := WriteRollupCSV(&buf, in, table); err != nil {
			t.Fatal(err)
		}
		b, ok := bytes.CutPrefix(buf.Bytes(), []byte("\uFEFF"))
		if !ok {
			t.Fatalf("%s: no UTF-8 byte order mark", table)
		}
		recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		n := len(recs) - 1
		switch table {
		case "summary":
			if total := recs[n]; total[0] != "Tổng cộng" || total[2] != strconv.Itoa(want.kinds[record.KindLog]) {
				t.Errorf("summary total = %q, want %d logs", total, want.kinds[record.KindLog])
			}
		default:
			if n != want.kinds[record.Kind(table)] {
				t.Errorf("%s: %d rows, want %d", table, n, want.kinds[record.Kind(table)])
			}
		}
	}
	if err := WriteRollupCSV(&bytes.Buffer{}, in, "nope"); err == nil {
		t.Error("an unknown table was accepted")
	}
}

// TestRollupInLibreOfficeCalc opens the workbook in LibreOffice Calc
// headless and has it save the summary sheet as CSV: what Calc read must
// be what was written.
func TestRollupInLibreOfficeCalc(t *testing.T) {
	soffice := testenv.LookPath(t, "libreoffice-calc-nogui", "soffice", "libreoffice")
	testenv.Need(t, office.HasCalc(soffice), "LibreOffice Calc is not installed (Debian package libreoffice-calc-nogui)")
	in, rows := rollupFixture()
	want := count(in, rows)
	dir := t.TempDir()
	src := filepath.Join(dir, "tong-hop.xlsx")
	var buf bytes.Buffer
	if err := WriteRollupXLSX(&buf, in); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(src, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// 44 is ",", 34 is '"', 76 is UTF-8.
	out := office.Convert(t, soffice, dir, src, `csv:Text - txt - csv (StarCalc):44,34,76`)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatalf("Calc's CSV: %v\n%s", err, b)
	}
	if recs[0][0] != "Tỉnh, thành phố" || recs[1][0] != "Hà Nội" {
		t.Errorf("Calc read the summary as %q / %q", recs[0], recs[1])
	}
	total := recs[len(recs)-1]
	if total[0] != "Tổng cộng" || total[2] != fmt.Sprint(want.kinds[record.KindLog]) {
		t.Errorf("Calc's total row = %q, want %d logs", total, want.kinds[record.KindLog])
	}
}

// hostileRollup is one officer whose log and difficulty carry formulas in
// every text field an officer types.
func hostileRollup() Rollup {
	at := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	recs := []record.Record{
		{ID: "01950000-0000-7000-8000-000000000001", Kind: record.KindLog, Rev: 1, Created: at, Updated: at, Date: "2026-03-02",
			Commune: `=HYPERLINK("http://evil","x")`, Activity: "guidance", Content: "+cmd|' /C calc'!A0",
			Results: "@SUM(1+1)", NextSteps: "-2+3"},
		{ID: "01950000-0000-7000-8000-000000000002", Kind: record.KindDifficulty, Rev: 1, Created: at, Updated: at, Date: "2026-03-02",
			Commune: "Xã Yên Bình", Category: "personnel", Severity: "high", Title: "=1+1", Proposal: "\t=2+2",
			Responses: []record.Response{{At: at, Text: "=3+3"}}},
	}
	return Rollup{
		Officers: []Officer{{ID: "off-1", Name: "=EVIL()", Province: "ha-noi"}},
		Records: func(fn func(RecordRow) error) error {
			for _, r := range recs {
				if err := fn(RecordRow{StoredRecord: StoredRecord{Officer: "off-1", Received: at, Record: r}, Province: "ha-noi"}); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

func TestRollupCSVNoFormulas(t *testing.T) {
	in := hostileRollup()
	for _, table := range []string{"summary", "log", "difficulty"} {
		var buf bytes.Buffer
		if err := WriteRollupCSV(&buf, in, table); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\uFEFF")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if table != "summary" && len(recs) != 2 {
			t.Fatalf("%s: %d rows, want a header and one record", table, len(recs))
		}
		for _, row := range recs {
			for _, c := range row {
				if c != "" && (slices.Contains([]byte("=+@\t\r"), c[0]) || c[0] == '-' && vntext.ForCSV(c) != c) {
					t.Errorf("%s: cell %q would run as a formula", table, c)
				}
			}
		}
		if table == "log" && !slices.Contains(recs[1], `'=HYPERLINK("http://evil","x")`) {
			t.Errorf("log row %q: the commune is not kept as text", recs[1])
		}
	}
}

// TestRollupXLSXNoFormulas reads the workbook back: text that looks like a
// formula is a string cell, never a formula.
func TestRollupXLSXNoFormulas(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteRollupXLSX(&buf, hostileRollup()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	found := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if formula, err := f.GetCellFormula(sheet, cell); err != nil || formula != "" {
					t.Errorf("%s!%s = %q: formula %q (%v)", sheet, cell, v, formula, err)
				}
				if v == "" || !slices.Contains([]byte("=+@\t"), v[0]) {
					continue
				}
				found++
				if typ, err := f.GetCellType(sheet, cell); err != nil || typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
					t.Errorf("%s!%s = %q: type %v (%v), want a string", sheet, cell, v, typ, err)
				}
			}
		}
	}
	if found < 6 {
		t.Errorf("%d formula-like strings read back, want the fixture's 6 or more", found)
	}
}
