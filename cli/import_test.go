package cli

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

var regenImport = flag.Bool("regen-import-fixture", false, "rewrite testdata/so-cu-5000.xlsx from importFixtureRows")

// importFixture is an officer's old Excel log: 5,000 rows, of which the
// rows in badImportRows are wrong in one way each.
const importFixture = "testdata/so-cu-5000.xlsx"

// badImportRows are the spreadsheet rows (the header is row 1) that the
// fixture spoils, and what is wrong with each.
var badImportRows = map[int]string{
	17:   "31/02/2026",  // no such date
	402:  "không rõ",    // not a date
	833:  "2027-01-15",  // in the future
	1250: "",            // date missing
	1777: "commune",     // commune missing
	2050: "họp dân",     // unknown activity
	2601: "party",       // unknown activity
	3003: "content",     // content missing
	3340: "content",     // content only spaces
	3999: "13/13/2025",  // no such month
	4420: "activity",    // activity missing
	4998: "serial-2030", // an Excel date cell in 2030
}

// importFixtureRows makes the fixture's cells: a header in Vietnamese and
// 5,000 rows whose dates are Excel date cells, dd/mm/yyyy or yyyy-mm-dd
// text, and whose activities are slugs or labels with or without accents.
func importFixtureRows() [][]any {
	rows := [][]any{{"STT", "Ngày", "Xã/phường", "Hoạt động", "Nội dung công việc", "Kết quả", "Việc tiếp theo", "Phối hợp với"}}
	communes := []string{"Xã Ba Vì", "Phường Hoàn Kiếm", "Xã Sóc Sơn", "Phường Cầu Giấy", "Xã Minh Châu"}
	activities := []string{"meeting", "Khảo sát thực tế", "huong dan nghiep vu", "Inspection", "Tiếp công dân", "khác"}
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 1; i <= 5000; i++ {
		row := i + 1
		d := start.AddDate(0, 0, i%600)
		var date any
		switch i % 3 {
		case 0:
			date = d // an Excel date cell
		case 1:
			date = d.Format("02/01/2006")
		default:
			date = d.Format("2006-01-02")
		}
		commune := communes[i%len(communes)]
		activity := activities[i%len(activities)]
		content := fmt.Sprintf("Làm việc với UBND %s về sắp xếp bộ máy, lần %d", commune, i)
		switch bad := badImportRows[row]; bad {
		case "":
			if _, spoiled := badImportRows[row]; spoiled {
				date = ""
			}
		case "commune":
			commune = ""
		case "content":
			content = ""
			if row == 3340 {
				content = "   "
			}
		case "activity":
			activity = ""
		case "họp dân", "party":
			activity = bad
		case "serial-2030":
			date = time.Date(2030, 5, 1, 0, 0, 0, 0, time.UTC)
		default:
			date = bad
		}
		rows = append(rows, []any{i, date, commune, activity, content, "Đã thống nhất phương án", "Theo dõi", "Văn phòng UBND"})
	}
	return rows
}

// writeImportFixture writes rows as an .xlsx, time.Time cells as dates.
func writeImportFixture(t *testing.T, path string, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		cells := make([]any, len(row))
		for j, v := range row {
			if d, ok := v.(time.Time); ok {
				cells[j] = excelize.Cell{StyleID: dateStyle, Value: d}
				continue
			}
			cells[j] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, cells); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// TestImportFixture: the committed fixture is what the generator makes
// (go test ./cli -run TestImportFixture -regen-import-fixture rewrites it)
// and stays small.
func TestImportFixture(t *testing.T) {
	if *regenImport {
		writeImportFixture(t, importFixture, importFixtureRows())
	}
	fi, err := os.Stat(importFixture)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() > 400<<10 {
		t.Errorf("%s is %d bytes: keep the fixture small", importFixture, fi.Size())
	}
	f, err := excelize.OpenFile(importFixture)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := f.GetRows("Sheet1", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	want := importFixtureRows()
	if len(got) != len(want) {
		t.Fatalf("fixture has %d rows, generator %d", len(got), len(want))
	}
	for i := 1; i < len(want); i += 499 {
		if got[i][4] != want[i][4] {
			t.Errorf("row %d: %q, generator %q", i+1, got[i][4], want[i][4])
		}
	}
}

// TestImportExcel: the dry run names all 12 bad rows with their columns
// and writes nothing; the import refuses without --skip-invalid, writes
// the 4,988 good rows with it, and a second import writes nothing.
func TestImportExcel(t *testing.T) {
	dir := setUp(t)
	fixture, _ := filepath.Abs(importFixture)

	r := run(t, dir, "--lang", "en", "import", fixture, "--dry-run")
	if r.code != ExitFailure {
		t.Fatalf("dry run with bad rows: exit %d: %s", r.code, r.stderr)
	}
	var named []int
	for _, m := range regexp.MustCompile(`(?m)^Row (\d+), column «([^»]*)»`).FindAllStringSubmatch(r.stdout, -1) {
		var n int
		fmt.Sscan(m[1], &n)
		named = append(named, n)
		if m[2] == "—" {
			t.Errorf("row %d's problem names no column", n)
		}
	}
	var want []int
	for row := range badImportRows {
		want = append(want, row)
	}
	slices.Sort(want)
	if !slices.Equal(named, want) {
		t.Errorf("dry run names rows %v, want %v:\n%s", named, want, r.stdout)
	}
	for _, w := range []string{"Row 17, column «Ngày»", "Row 833, column «Ngày»: «Date»", "Row 2050, column «Hoạt động»: «Activity»: unknown value «họp dân»",
		"Row 1777, column «Xã/phường»", "Row 3340, column «Nội dung công việc»", "5000 rows: 4988 new records, 0 imported before, 0 repeated rows, 12 bad rows."} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("dry run lacks %q", w)
		}
	}
	if s := readStatus(t, dir); s.Records["log"] != 0 {
		t.Fatalf("dry run wrote %d logs", s.Records["log"])
	}

	r = run(t, dir, "--lang", "en", "import", fixture)
	if r.code != ExitFailure || !strings.Contains(r.stderr, "12 bad rows: nothing written") {
		t.Errorf("import with bad rows: exit %d %q", r.code, r.stderr)
	}
	if s := readStatus(t, dir); s.Records["log"] != 0 {
		t.Fatalf("a refused import wrote %d logs", s.Records["log"])
	}

	r = run(t, dir, "--lang", "en", "import", fixture, "--skip-invalid")
	if r.code != 0 || !strings.Contains(r.stdout, "Imported 4988 new records") || !strings.Contains(r.stderr, "Saving: 4988/4988") {
		t.Fatalf("import --skip-invalid: %+v", r)
	}
	if s := readStatus(t, dir); s.Records["log"] != 4988 || s.Pending != 4988 {
		t.Fatalf("after import: %+v", s)
	}
	// Dates in each form came through: an Excel date cell (row 4: i=3),
	// dd/mm/yyyy (row 5: i=4) and yyyy-mm-dd (row 3: i=2).
	list := run(t, dir, "list", "log", "--search", "lần 3", "--json").stdout + run(t, dir, "list", "log", "--search", "lần 4", "--json").stdout +
		run(t, dir, "list", "log", "--search", "lần 2", "--json").stdout
	for _, d := range []string{`"date":"2025-01-04"`, `"date":"2025-01-05"`, `"date":"2025-01-03"`} {
		if !strings.Contains(list, d) {
			t.Errorf("no record dated %s", d)
		}
	}

	r = run(t, dir, "--lang", "en", "import", fixture, "--skip-invalid")
	if r.code != 0 || !strings.Contains(r.stdout, "0 new records, 4988 imported before") {
		t.Errorf("second import: %+v", r)
	}
	if s := readStatus(t, dir); s.Records["log"] != 4988 {
		t.Errorf("second import wrote: %+v", s)
	}
}

// TestImportCSV: a CSV with semicolons, English headers, --map for an
// unknown header and a repeated row.
func TestImportCSV(t *testing.T) {
	dir := setUp(t)
	path := filepath.Join(t.TempDir(), "old.csv")
	csv := "\uFEFFDate;Commune;Severity;Category;Vấn đề khó khăn;Ghi chú riêng\n" +
		"20/11/2026;Xã A;Cao;salary;Chưa chi phụ cấp;x\n" +
		"\n" +
		"2026-11-19;Xã B;urgent;Tiền lương, phụ cấp;Thiếu kinh phí;y\n" +
		"20/11/2026;Xã A;Cao;salary;Chưa chi phụ cấp;x\n"
	if err := os.WriteFile(path, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, "--lang", "en", "import", path, "--map", "Vấn đề khó khăn=title", "--kind", "difficulty")
	if r.code != 0 || !strings.Contains(r.stdout, "Row 5 is the same as row 2") || !strings.Contains(r.stdout, "Imported 2 new records") {
		t.Fatalf("csv import: %+v", r)
	}
	if s := readStatus(t, dir); s.Records["difficulty"] != 2 {
		t.Errorf("after csv import: %+v", s)
	}
	for _, tt := range []struct {
		args []string
		code int
	}{
		{[]string{"import"}, ExitUsage},
		{[]string{"import", path, "--map", "Vấn đề=nothing"}, ExitUsage},
		{[]string{"import", "notes.pdf"}, ExitUsage},
		{[]string{"import", path}, ExitUsage}, // the kind cannot be told without the map
	} {
		if r := run(t, dir, tt.args...); r.code != tt.code {
			t.Errorf("%v: exit %d, want %d: %s", tt.args, r.code, tt.code, r.stderr)
		}
	}
}

// TestImportHelpSaysDryRunExit: a dry run with bad rows exits 1, as the
// import would; the help says so, in both languages, where a script's
// writer looks: the command's text and the flag.
func TestImportHelpSaysDryRunExit(t *testing.T) {
	for _, tt := range []struct {
		lang string
		want []string
	}{
		{"vi", []string{"kể cả khi chạy thử (--dry-run)", "thì thoát với mã 1, như khi nhập thật"}},
		{"en", []string{"a dry run (--dry-run) included", "exits 1 if a row is bad (without --skip-invalid)"}},
	} {
		r := run(t, t.TempDir(), "--lang", tt.lang, "import", "--help")
		for _, w := range tt.want {
			if !strings.Contains(r.stdout+r.stderr, w) {
				t.Errorf("%s: import --help lacks %q:\n%s%s", tt.lang, w, r.stdout, r.stderr)
			}
		}
	}
}
