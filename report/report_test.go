package report

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sotay/record"
	"sotay/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// clock is the fixture's "now": Thursday 5 February 2026, the day the
// week's report is written.
var clock = time.Date(2026, 2, 5, 16, 30, 0, 0, time.UTC)

// openNotebook makes a real notebook file in a temporary directory with the
// officer's profile.
func openNotebook(t testing.TB, opt store.Options) *store.Store {
	t.Helper()
	if opt.Now == nil {
		// The notebook's own clock is a few days later, so the fixture's
		// records after the reported week are not refused as future dates.
		opt.Now = func() time.Time { return clock.AddDate(0, 0, 6) }
	}
	st, err := store.Open(filepath.Join(t.TempDir(), store.FileName), opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.SetProfile(store.Profile{Name: "Nguyễn Thị Minh Hằng", Province: "tuyen-quang", Position: "Chuyên viên chính"}); err != nil {
		t.Fatal(err)
	}
	return st
}

func id(n int) string { return fmt.Sprintf("01950000-0000-7000-8000-%012d", n) }

// fixture is a week of an officer's notebook around the week of Monday 2
// February 2026, with records just outside it on both sides. Difficulties
// carry HQ's status and answers as sync would have stored them, one answer
// with escape sequences and a bidi override that must not reach the report.
func fixture() []record.Record {
	at := func(d string, h, m int) time.Time {
		t, _ := time.Parse("2006-01-02", d)
		return t.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
	}
	rec := func(n int, r record.Record, created time.Time) record.Record {
		r.ID, r.Rev, r.Created, r.Updated = id(n), 1, created, created
		return r
	}
	return []record.Record{
		rec(1, record.Record{Kind: record.KindLog, Date: "2026-02-01", Commune: "Xã Yên Sơn", Activity: "meeting",
			Content: "Họp giao ban tuần trước (ngày Chủ nhật của tuần trước, không thuộc kỳ)."}, at("2026-02-01", 20, 0)),
		rec(2, record.Record{Kind: record.KindLog, Date: "2026-02-02", Commune: "Xã Yên Sơn", Activity: "survey",
			Content: "Khảo sát thực tế việc bố trí trụ sở làm việc sau hợp nhất.", Results: "Trụ sở đủ chỗ cho 3 phòng chuyên môn.",
			NextSteps: "Đề nghị tỉnh bổ sung máy tính cho bộ phận một cửa."}, at("2026-02-02", 9, 0)),
		rec(3, record.Record{Kind: record.KindLog, Date: "2026-02-03", Commune: "Phường Minh Xuân", Activity: "guidance",
			Content:   "Hướng dẫn nghiệp vụ tiếp nhận hồ sơ trực tuyến cho công chức *bộ phận một cửa*.",
			NextSteps: "Theo dõi việc giải quyết hồ sơ trực tuyến."}, at("2026-02-03", 14, 0)),
		rec(4, record.Record{Kind: record.KindLog, Date: "2026-02-04", Commune: "xã yên sơn", Activity: "survey",
			Content: "Khảo sát lần hai tại thôn Đồng Bùng.", NextSteps: "theo dõi việc giải quyết hồ sơ trực tuyến"}, at("2026-02-04", 8, 0)),
		// Sunday night, the last date of the week: in.
		rec(5, record.Record{Kind: record.KindLog, Date: "2026-02-08", Commune: "Phường Hà Giang 1", Activity: "citizens",
			Content: "Tiếp công dân về chế độ nghỉ việc theo Nghị định 178.", Results: "Giải đáp 8 kiến nghị."}, at("2026-02-08", 23, 59)),
		// The next Monday: out.
		rec(6, record.Record{Kind: record.KindLog, Date: "2026-02-09", Commune: "Xã Hàm Yên", Activity: "meeting",
			Content: "Họp với Đảng ủy xã (thứ Hai tuần sau, không thuộc kỳ)."}, at("2026-02-09", 0, 1)),

		rec(7, record.Record{Kind: record.KindTraining, Date: "2026-02-05", Commune: "Phường Minh Xuân",
			Topic: "Quy trình giải quyết thủ tục hành chính cấp xã", Audience: "Công chức cấp xã",
			Participants: 45, Women: new(20), Hours: new(4.0)}, at("2026-02-05", 8, 0)),
		rec(8, record.Record{Kind: record.KindTraining, Date: "2026-02-07", Commune: "Xã Yên Sơn",
			Topic: "Chữ ký số và dịch vụ công trực tuyến", Audience: "Cán bộ, công chức xã",
			Participants: 30, Women: new(13), Hours: new(3.5)}, at("2026-02-07", 8, 0)),
		rec(9, record.Record{Kind: record.KindTraining, Date: "2026-02-09", Commune: "Xã Hàm Yên",
			Topic: "Tập huấn tuần sau (không thuộc kỳ)", Participants: 99}, at("2026-02-09", 8, 0)),

		rec(10, record.Record{Kind: record.KindDifficulty, Date: "2026-02-02", Commune: "Xã Yên Sơn", Category: "facilities",
			Severity: "medium", Title: "Thiếu máy tính cho bộ phận một cửa", Proposal: "Tỉnh bổ sung 5 máy tính.",
			Status: "resolved"}, at("2026-02-02", 10, 0)),
		rec(11, record.Record{Kind: record.KindDifficulty, Date: "2026-02-03", Commune: "Phường Minh Xuân", Category: "severance",
			Severity: "high", Title: "Chưa có hướng dẫn chi trả chế độ cho người nghỉ việc",
			Proposal: "Bộ Nội vụ sớm ban hành văn bản hướng dẫn thống nhất.", Status: "answered",
			Responses: []record.Response{
				{At: at("2026-02-03", 18, 0), Author: "Tổ công tác", Text: "Đã tiếp nhận."},
				{At: at("2026-02-04", 9, 30), Author: "Vụ Tổ chức\x1b[2J", Text: "Thực hiện theo \x1b[31mNghị định 178/2024/NĐ-CP\x1b[0m\u202e và Thông tư 01/2025/TT-BNV."},
			}}, at("2026-02-03", 15, 0)),
		rec(12, record.Record{Kind: record.KindDifficulty, Date: "2026-02-06", Commune: "Xã Yên Sơn", Category: "it",
			Severity: "urgent", Title: "Phần mềm một cửa điện tử mất kết nối", Proposal: "Tỉnh bổ sung máy tính cho bộ phận một cửa.",
			Status: "in_progress"}, at("2026-02-06", 11, 0)),
		rec(13, record.Record{Kind: record.KindDifficulty, Date: "2026-02-10", Commune: "Xã Hàm Yên", Category: "salary",
			Severity: "low", Title: "Khó khăn tuần sau (không thuộc kỳ)"}, at("2026-02-10", 11, 0)),
	}
}

func fixtureNotebook(t testing.TB) *store.Store {
	st := openNotebook(t, store.Options{NoSync: true})
	if err := st.Import(context.Background(), fixture(), nil); err != nil {
		t.Fatal(err)
	}
	return st
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; got:\n%s", name, got)
	}
}

// TestFileName: a report's file is named in words an officer reads,
// never in ISO week notation.
func TestFileName(t *testing.T) {
	d := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	rng, _ := Range(d("2026-11-01"), d("2026-11-15"))
	for _, tc := range []struct {
		p      Period
		format string
		want   string
	}{
		{Week(d("2026-12-02")), FormatDocx, "bao-cao-tuan-49-2026.docx"},
		{Week(d("2026-02-05")), FormatMarkdown, "bao-cao-tuan-06-2026.md"},
		{Week(d("2026-01-01")), FormatDocx, "bao-cao-tuan-01-2026.docx"}, // 29/12/2025–04/01/2026
		{Month(2026, 11), FormatDocx, "bao-cao-thang-11-2026.docx"},
		{Month(2027, 2), FormatDocx, "bao-cao-thang-02-2027.docx"},
		{rng, FormatDocx, "bao-cao-01-11-2026-den-15-11-2026.docx"},
	} {
		if got := FileName(tc.p, tc.format); got != tc.want {
			t.Errorf("FileName(%s) = %q, want %q", tc.p.Key(), got, tc.want)
		}
	}
}

func TestPeriod(t *testing.T) {
	d := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	for _, tc := range []struct {
		name     string
		p        Period
		from, to string
		key      string
	}{
		{"week of a Thursday", Week(d("2026-02-05")), "2026-02-02", "2026-02-08", "2026-W06"},
		{"week of a Monday", Week(d("2026-02-02")), "2026-02-02", "2026-02-08", "2026-W06"},
		{"week of a Sunday", Week(d("2026-02-08")), "2026-02-02", "2026-02-08", "2026-W06"},
		{"week across years", Week(d("2026-01-01")), "2025-12-29", "2026-01-04", "2026-W01"},
		{"week, late hour", Week(time.Date(2026, 2, 8, 23, 59, 0, 0, time.UTC)), "2026-02-02", "2026-02-08", "2026-W06"},
		{"February", Month(2026, 2), "2026-02-01", "2026-02-28", "2026-02"},
		{"leap February", Month(2028, 2), "2028-02-01", "2028-02-29", "2028-02"},
		{"December", Month(2025, 12), "2025-12-01", "2025-12-31", "2025-12"},
	} {
		if got := tc.p.FromDate() + " " + tc.p.ToDate() + " " + tc.p.Key(); got != tc.from+" "+tc.to+" "+tc.key {
			t.Errorf("%s: got %s, want %s %s %s", tc.name, got, tc.from, tc.to, tc.key)
		}
	}
	if _, err := Range(d("2026-02-05"), d("2026-02-04")); err == nil {
		t.Error("Range accepted an end before its start")
	}
	p, err := ParseMonth("02/2026")
	if err != nil || p.Key() != "2026-02" {
		t.Errorf("ParseMonth(02/2026) = %v, %v", p.Key(), err)
	}
	if _, err := ParseMonth("2026-13"); err == nil {
		t.Error("ParseMonth accepted month 13")
	}
}

func TestBuildWeek(t *testing.T) {
	st := fixtureNotebook(t)
	r, err := Build(context.Background(), st, Week(clock), clock)
	if err != nil {
		t.Fatal(err)
	}
	// Sunday 8 February is in, Sunday 1 and Monday 9 are not.
	if r.Logs.Sessions != 4 {
		t.Errorf("sessions = %d, want 4 (2, 3, 4 and Sunday 8 February)", r.Logs.Sessions)
	}
	if r.Logs.Communes != 3 {
		t.Errorf("communes = %d, want 3 (Xã Yên Sơn counted once whatever its case)", r.Logs.Communes)
	}
	if last := r.Logs.Items[len(r.Logs.Items)-1]; last.Date != "2026-02-08" {
		t.Errorf("last session listed is %s, want Sunday 2026-02-08", last.Date)
	}
	if tr := r.Training; tr.Sessions != 2 || tr.Participants != 75 || tr.Women != 33 || tr.NoWomen != 0 || tr.Communes != 2 {
		t.Errorf("training = %+v, want 2 sessions, 75 participants, 33 women, 2 communes", tr)
	}
	d := r.Difficulties
	if d.Total != 3 || d.ByOutcome != [3]int{1, 1, 1} {
		t.Errorf("difficulties = %d by outcome %v, want 3 as [1 1 1]", d.Total, d.ByOutcome)
	}
	for _, it := range d.Items {
		if strings.ContainsAny(it.Answer+it.AnswerBy, "\x1b\u202e") {
			t.Errorf("HQ's answer kept control characters: %q by %q", it.Answer, it.AnswerBy)
		}
	}
	// Next steps are gathered once each, ignoring case and accents.
	if n := strings.Count(r.Text.NextTasks, "\n") + 1; n != 2 {
		t.Errorf("next tasks prefilled with %d lines, want 2:\n%s", n, r.Text.NextTasks)
	}
	if r.Edited {
		t.Error("a report never edited says Edited")
	}
}

func TestMarkdownGolden(t *testing.T) {
	st := fixtureNotebook(t)
	for _, tc := range []struct {
		golden string
		p      Period
	}{
		{"week.md", Week(clock)},
		{"month.md", Month(2026, 2)},
		{"empty-week.md", Week(time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC))},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			r, err := Build(context.Background(), st, tc.p, clock)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := WriteMarkdown(&buf, r); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.golden, buf.Bytes())
		})
	}
}

func TestEmptySectionsWording(t *testing.T) {
	st := fixtureNotebook(t)
	r, err := Build(context.Background(), st, Week(time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)), clock)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf, r); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Không có khó khăn, vướng mắc phát sinh trong kỳ.",
		"Trong kỳ không có buổi làm việc nào được ghi nhận.",
		"Trong kỳ không tổ chức lớp tập huấn nào.",
		"Không có kiến nghị, đề xuất.",
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("empty report lacks %q", want)
		}
	}
}

func TestTextEditsSurvive(t *testing.T) {
	st := fixtureNotebook(t)
	ctx := context.Background()
	r, err := Build(ctx, st, Week(clock), clock)
	if err != nil {
		t.Fatal(err)
	}
	r.Text.Assessment = "Hoàn thành tốt nhiệm vụ được giao.\nMột số xã còn lúng túng."
	if err := SaveText(st, r); err != nil {
		t.Fatal(err)
	}
	again, err := Build(ctx, st, Week(clock.AddDate(0, 0, 2)), clock) // same week, another day
	if err != nil {
		t.Fatal(err)
	}
	if !again.Edited || again.Text.Assessment != r.Text.Assessment {
		t.Fatalf("edit lost: edited=%v assessment=%q", again.Edited, again.Text.Assessment)
	}
	other, err := Build(ctx, st, Month(2026, 2), clock)
	if err != nil {
		t.Fatal(err)
	}
	if other.Edited {
		t.Error("the month's report took the week's edit")
	}
	if err := ResetText(st, Week(clock)); err != nil {
		t.Fatal(err)
	}
	reset, err := Build(ctx, st, Week(clock), clock)
	if err != nil {
		t.Fatal(err)
	}
	if reset.Edited || reset.Text.Assessment == r.Text.Assessment {
		t.Error("ResetText kept the edit")
	}
}

func TestHeaderSettings(t *testing.T) {
	st := fixtureNotebook(t)
	for k, v := range map[string]string{SettingParent: "UBND TỈNH TUYÊN QUANG", SettingIssuer: "SỞ NỘI VỤ",
		SettingCode: "SNV", SettingRecipients: "- Bộ Nội vụ;\n\n- Lưu: VT."} {
		if err := st.SetSetting(k, v); err != nil {
			t.Fatal(err)
		}
	}
	r, err := Build(context.Background(), st, Week(clock), clock)
	if err != nil {
		t.Fatal(err)
	}
	h := r.Header
	if h.Parent != "UBND TỈNH TUYÊN QUANG" || h.Issuer != "SỞ NỘI VỤ" || r.numberLine() != "Số:      /BC-SNV" ||
		len(h.Recipients) != 2 || h.SignerTitle != "CHUYÊN VIÊN CHÍNH" || h.Place != "Tuyên Quang" {
		t.Errorf("header = %+v, number %q", h, r.numberLine())
	}
	if got := r.dateLine(); got != "Tuyên Quang, ngày 05 tháng 02 năm 2026" {
		t.Errorf("date line = %q", got)
	}
}
