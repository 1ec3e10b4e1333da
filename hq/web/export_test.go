package web

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"sotay/hq"
	"sotay/internal/office"
	"sotay/internal/testenv"
	"sotay/record"
)

// hostileCells are texts an officer might type that a spreadsheet would
// run or that XML must escape.
var hostileCells = []string{`=HYPERLINK("http://evil","bấm")`, "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3",
	`<b>Trụ sở & "kho"</b>`, "Đắk Lắk\nhai dòng"}

// TestXLSXStream: the streaming writer's workbook opens in excelize with
// every value as written, numbers as numbers, no formula anywhere, and the
// formula-looking text marked quotePrefix (style 2), not changed.
func TestXLSXStream(t *testing.T) {
	var buf bytes.Buffer
	header := []string{"Văn bản", "Số", "Giờ"}
	rows := [][]any{}
	for i, s := range hostileCells {
		rows = append(rows, []any{s, i * 10, 1.5 + float64(i)})
	}
	rows = append(rows, []any{"bỏ \x01ký tự \ufffe điều khiển", -3, 0.0})
	err := writeXLSX(&buf, "Khó khăn: [tháng 6]/2026 và còn dài nữa", header, func(fn func([]any) error) error {
		for _, r := range rows {
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("excelize cannot open the stream's workbook: %v", err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	if sheet != "Khó khăn   tháng 6  2026 và còn" {
		t.Errorf("sheet name %q", sheet)
	}
	got, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got[0], header) || len(got) != len(rows)+1 {
		t.Fatalf("rows %q", got)
	}
	for i, s := range hostileCells {
		cell := "A" + string(rune('2'+i))
		if v, _ := f.GetCellValue(sheet, cell); v != s {
			t.Errorf("%s = %q, want %q", cell, v, s)
		}
		if fm, _ := f.GetCellFormula(sheet, cell); fm != "" {
			t.Errorf("%s holds a formula %q", cell, fm)
		}
		st, _ := f.GetCellStyle(sheet, cell)
		guarded := s[0] == '=' || s[0] == '+' || s[0] == '@' || s == "-2+3"
		if guarded != (st == xlsxStyleText) {
			t.Errorf("%s %q: style %d (guarded %v)", cell, s, st, guarded)
		}
		if typ, _ := f.GetCellType(sheet, "B"+cell[1:]); typ == excelize.CellTypeInlineString {
			t.Errorf("the number in B%s is text", cell[1:])
		}
	}
	if v, _ := f.GetCellValue(sheet, "A8"); v != "bỏ ký tự  điều khiển" {
		t.Errorf("characters XML cannot carry: %q", v)
	}
	// No part of the workbook is buffered whole: every entry is deflated
	// (a stored entry would need its size before its bytes).
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Method != zip.Deflate {
			t.Errorf("%s is not deflated", zf.Name)
		}
	}
}

func TestColumnName(t *testing.T) {
	for _, tt := range []struct {
		i    int
		want string
	}{{0, "A"}, {25, "Z"}, {26, "AA"}, {51, "AZ"}, {52, "BA"}, {701, "ZZ"}, {702, "AAA"}} {
		if got := string(columnName(nil, tt.i)); got != tt.want {
			t.Errorf("column %d = %s, want %s", tt.i, got, tt.want)
		}
	}
}

// TestExportXLSXInCalc: the workspace's xlsx export, hostile text and all,
// opens in LibreOffice Calc, which reads every text as text.
func TestExportXLSXInCalc(t *testing.T) {
	soffice := testenv.LookPath(t, "libreoffice-calc-nogui", "soffice", "libreoffice")
	testenv.Need(t, office.HasCalc(soffice), "LibreOffice Calc is not installed (Debian package libreoffice-calc-nogui)")
	r := newRig(t, Options{})
	o := r.officer(t, "Nguyễn Văn An", "ha-noi")
	var recs []record.Record
	for _, s := range hostileCells {
		d := difficulty(s, "Xã Sóc Sơn", "staffing", "high")
		d.Description = s
		recs = append(recs, d)
	}
	r.push(t, o.Officer.ID, recs...)
	c := r.browser(t)
	r.signIn(t, c, r.user(t, "m@moha.gov.vn", hq.RoleMember, false))
	ans := r.get(t, c, "/export?format=xlsx&kind=difficulty")
	if ans.status != http.StatusOK {
		t.Fatalf("export: %d", ans.status)
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "kho-khan.xlsx")
	if err := os.WriteFile(src, []byte(ans.body), 0o644); err != nil {
		t.Fatal(err)
	}
	out := office.Convert(t, soffice, dir, src, `csv:Text - txt - csv (StarCalc):44,34,76`)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatalf("Calc's CSV: %v\n%s", err, b)
	}
	if len(got) != len(hostileCells)+1 || got[0][0] != "id" {
		t.Fatalf("Calc read %d rows: %q", len(got), got)
	}
	titles := map[string]bool{}
	for _, row := range got[1:] {
		titles[row[7]] = true // id, officer, province, date, commune, category, severity, title
	}
	for _, s := range hostileCells {
		if !titles[s] {
			t.Errorf("Calc does not read %q as that text; titles %v", s, titles)
		}
	}
}

// TestListMarksAndExportColumns: the lists mark a record's review state
// and a difficulty the officer wrote on last; the exports carry the review
// state, the officer's follow-ups (count and latest) and a resolution on
// site, in CSV and xlsx alike.
func TestListMarksAndExportColumns(t *testing.T) {
	r := newRig(t, Options{})
	o := r.officer(t, "Nguyễn Văn An", "ha-noi")
	recs := r.push(t, o.Officer.ID,
		difficulty("Chưa có phụ cấp", "Xã Sóc Sơn", "salary", "high"),
		difficulty("Thiếu máy quét", "Phường Ba Đình", "it", "low"),
		difficulty("Trụ sở dột", "Xã Đông Anh", "facilities", "medium"),
		record.Record{Kind: record.KindTraining, Date: "2026-06-02", Commune: "Xã Sóc Sơn", Topic: "Hộ tịch", Participants: 40, Women: new(25)},
		record.Record{Kind: record.KindLog, Date: "2026-06-02", Commune: "Xã Sóc Sơn", Activity: "meeting", Content: "Họp với xã"})
	waiting, quiet, resolved, training, log := recs[0], recs[1], recs[2], recs[3], recs[4]
	if _, err := r.db.Respond(waiting.ID, "in_progress", "Đề nghị gửi danh sách.", "Tổ công tác"); err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	waiting.Rev, resolved.Rev = 2, 2
	waiting.FollowUps = []record.FollowUp{{At: now, Text: "Đã gửi lần một", After: 0}, {At: now, Text: "Danh sách 14 người", After: 1}}
	resolved.FollowUps = []record.FollowUp{{At: now, Text: "Xã tự sửa mái", After: 0, Resolved: true}}
	if res, err := r.db.ApplyV2(o.Officer.ID, "dev", "", 2, []record.Record{waiting, resolved}); err != nil || len(res.Rejected) > 0 {
		t.Fatalf("push v2: %+v %v", res, err)
	}
	for _, rv := range []struct{ id, state, comment string }{
		{training.ID, record.ReviewHasIssues, "Số nữ lớn hơn số người dự?"},
		{log.ID, record.ReviewApproved, ""},
		{quiet.ID, record.ReviewHasIssues, "Ghi rõ xã"},
	} {
		if _, err := r.db.Review(rv.id, rv.state, rv.comment, "Tổ công tác"); err != nil {
			t.Fatal(err)
		}
	}
	training.Rev, training.Women = 2, new(20) // the officer fixes it: HQ sees it edited
	if res, err := r.db.ApplyV2(o.Officer.ID, "dev", "", 3, []record.Record{training}); err != nil || len(res.Rejected) > 0 {
		t.Fatalf("push v2: %+v %v", res, err)
	}
	c := r.browser(t)
	r.signIn(t, c, r.user(t, "m@moha.gov.vn", hq.RoleMember, false))

	// The lists' marks, found in the row of the record they belong to.
	rowOf := func(page, id string) string {
		i := strings.Index(page, `href="/d/`+id+`"`)
		if i < 0 {
			t.Fatalf("the list does not show %s", id)
		}
		return page[i : i+strings.Index(page[i:], "</tr>")]
	}
	lists := map[string]string{"/inbox": r.get(t, c, "/inbox").body, "/trainings": r.get(t, c, "/trainings").body,
		"/logs": r.get(t, c, "/logs").body}
	for _, tt := range []struct {
		list, id string
		want     []string
		not      []string
	}{
		{"/inbox", waiting.ID, []string{`badge waiting">Chờ Tổ công tác trả lời`, "<td>0 ngày</td>"}, []string{"rv-", "đã trả lời"}},
		{"/inbox", quiet.ID, []string{`badge rv-has_issues">Cần sửa`}, []string{"badge waiting"}},
		{"/inbox", resolved.ID, nil, []string{"badge waiting", "rv-"}},
		{"/trainings", training.ID, []string{`badge rv-edited">Đã sửa, chờ Tổ công tác xem lại`}, nil},
		{"/logs", log.ID, []string{`badge rv-approved">Đã duyệt (khóa)`}, nil},
	} {
		row := rowOf(lists[tt.list], tt.id)
		for _, w := range tt.want {
			if !strings.Contains(row, w) {
				t.Errorf("%s row of %s lacks %q:\n%s", tt.list, tt.id, w, row)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(row, n) {
				t.Errorf("%s row of %s has %q:\n%s", tt.list, tt.id, n, row)
			}
		}
	}

	// The exports' columns, by header, in both formats.
	read := func(kind, format string) []map[string]string {
		t.Helper()
		ans := r.get(t, c, "/export?kind="+kind+"&format="+format)
		if ans.status != http.StatusOK {
			t.Fatalf("export %s %s: %d", kind, format, ans.status)
		}
		var rows [][]string
		if format == "csv" {
			var err error
			if rows, err = csv.NewReader(strings.NewReader(strings.TrimPrefix(ans.body, "\ufeff"))).ReadAll(); err != nil {
				t.Fatal(err)
			}
		} else {
			f, err := excelize.OpenReader(strings.NewReader(ans.body))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if rows, err = f.GetRows(f.GetSheetName(0)); err != nil {
				t.Fatal(err)
			}
		}
		var out []map[string]string
		for _, row := range rows[1:] {
			m := map[string]string{}
			for i, h := range rows[0] {
				if i < len(row) {
					m[h] = row[i]
				}
			}
			out = append(out, m)
		}
		return out
	}
	byID := func(rows []map[string]string, id string) map[string]string {
		for _, m := range rows {
			if m["id"] == id {
				return m
			}
		}
		t.Fatalf("the export lacks %s", id)
		return nil
	}
	for _, format := range []string{"csv", "xlsx"} {
		diffs := read("difficulty", format)
		for _, tt := range []struct {
			id                                  string
			review, count, latest, resolvedNote string
		}{
			{waiting.ID, "", "2", "Danh sách 14 người", ""},
			{quiet.ID, "Cần sửa", "0", "", ""},
			{resolved.ID, "", "1", "Xã tự sửa mái", "Xã tự sửa mái"},
		} {
			m := byID(diffs, tt.id)
			got := []string{m["Đánh giá"], m["Số lần cán bộ trao đổi"], m["Trao đổi gần nhất của cán bộ"], m["Giải quyết tại cơ sở (ghi chú)"]}
			want := []string{tt.review, tt.count, tt.latest, tt.resolvedNote}
			if !slices.Equal(got, want) {
				t.Errorf("%s export of %s: review, follow-ups, latest, resolved = %q, want %q", format, tt.id, got, want)
			}
		}
		if m := byID(read("training", format), training.ID); m["Đánh giá"] != "Đã sửa, chờ Tổ công tác xem lại" {
			t.Errorf("%s export of the training: review %q", format, m["Đánh giá"])
		}
		if m := byID(read("log", format), log.ID); m["Đánh giá"] != "Đã duyệt (khóa)" {
			t.Errorf("%s export of the log: review %q", format, m["Đánh giá"])
		}
	}
}
