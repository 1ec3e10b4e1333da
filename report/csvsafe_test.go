package report

import (
	"bytes"
	"encoding/csv"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"sotay/record"
)

func TestSafeCSVCell(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"Làm việc với xã", "Làm việc với xã"},
		{`=HYPERLINK("http://evil","x")`, `'=HYPERLINK("http://evil","x")`},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"},
		{"\t=1+1", "'\t=1+1"},
		{"\r=1+1", "'\r=1+1"},
		{"- một ý", "'- một ý"},
		{"-", "'-"},
		{"-3", "-3"},
		{"+12", "+12"},
		{"-2,5", "-2,5"},
		{"-2.5", "-2.5"},
		{"-2.", "'-2."},
		{"-.5", "'-.5"},
		{"-1e5", "'-1e5"},
		{"3=3", "3=3"},
		{"Nghị định 178/2024", "Nghị định 178/2024"},
	} {
		if got := SafeCSVCell(tc.in); got != tc.want {
			t.Errorf("SafeCSVCell(%q) = %q, want %q", tc.in, got, tc.want)
		}
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
		Officers: []RollupOfficer{{ID: "off-1", Name: "=EVIL()", Province: "ha-noi"}},
		Records: func(fn func(RollupRecord) error) error {
			for _, r := range recs {
				if err := fn(RollupRecord{Officer: "off-1", Province: "ha-noi", Received: at, Record: r}); err != nil {
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
				if c != "" && (slices.Contains([]byte("=+@\t\r"), c[0]) || c[0] == '-' && !plainNumber(c[1:])) {
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
