package cli

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// reportNotebook has a log on Sunday 22 November 2026 (the clock's day, the
// last of its week) and one on the Sunday before.
func reportNotebook(t *testing.T) string {
	t.Helper()
	dir := setUp(t)
	for _, rec := range [][]string{
		{"--date", "22/11/2026", "--commune", "Phường Ba Đình", "--activity", "meeting", "--content", "Làm việc ngày Chủ nhật trong tuần",
			"--next-steps", "Theo dõi việc bố trí trụ sở"},
		{"--date", "2026-11-15", "--commune", "Xã Sóc Sơn", "--activity", "survey", "--content", "Khảo sát tuần trước"},
	} {
		if r := run(t, dir, append([]string{"add", "log"}, rec...)...); r.code != 0 {
			t.Fatalf("add: %+v", r)
		}
	}
	return dir
}

func TestReportPeriods(t *testing.T) {
	dir := reportNotebook(t)
	for _, tc := range []struct {
		args     []string
		period   string
		has, not []string
	}{
		{[]string{"report"}, "(Tuần từ ngày 16/11/2026 đến ngày 22/11/2026)",
			[]string{"Làm việc ngày Chủ nhật trong tuần", "- Theo dõi việc bố trí trụ sở", "đã thực hiện 1 buổi làm việc tại 1 xã, phường."},
			[]string{"Khảo sát tuần trước", "0 lớp tập huấn"}},
		{[]string{"report", "--week", "2026-11-15"}, "(Tuần từ ngày 09/11/2026 đến ngày 15/11/2026)",
			[]string{"Khảo sát tuần trước"}, []string{"Làm việc ngày Chủ nhật"}},
		{[]string{"report", "--week=15/11/2026", "--format", "md"}, "(Tuần từ ngày 09/11/2026 đến ngày 15/11/2026)",
			[]string{"Khảo sát tuần trước"}, nil},
		{[]string{"report", "--month"}, "(Tháng 11 năm 2026)", []string{"Khảo sát tuần trước", "Làm việc ngày Chủ nhật"}, nil},
		{[]string{"report", "--month", "2026-10"}, "(Tháng 10 năm 2026)", []string{"Không có khó khăn, vướng mắc phát sinh trong kỳ."},
			[]string{"Khảo sát tuần trước"}},
		{[]string{"report", "--from", "16/11/2026", "--to", "hôm nay"}, "(Từ ngày 16/11/2026 đến ngày 22/11/2026)",
			[]string{"Làm việc ngày Chủ nhật"}, []string{"Khảo sát tuần trước"}},
	} {
		r := run(t, dir, tc.args...)
		if r.code != 0 {
			t.Errorf("%v: exit %d: %s", tc.args, r.code, r.stderr)
			continue
		}
		if !strings.Contains(r.stdout, tc.period) {
			t.Errorf("%v: no %q in\n%s", tc.args, tc.period, r.stdout)
		}
		for _, s := range tc.has {
			if !strings.Contains(r.stdout, s) {
				t.Errorf("%v: lacks %q", tc.args, s)
			}
		}
		for _, s := range tc.not {
			if strings.Contains(r.stdout, s) {
				t.Errorf("%v: has %q", tc.args, s)
			}
		}
		if !strings.Contains(r.stdout, "Hà Nội, ngày 22 tháng 11 năm 2026") {
			t.Errorf("%v: no date line", tc.args)
		}
	}
}

func TestReportUsageErrors(t *testing.T) {
	dir := reportNotebook(t)
	for _, args := range [][]string{
		{"report", "--week", "--month"},
		{"report", "--week", "2026-11-15", "--from", "2026-11-01", "--to", "2026-11-02"},
		{"report", "--month", "2026-13"},
		{"report", "--from", "2026-11-01"},
		{"report", "--from", "2026-11-10", "--to", "2026-11-01"},
		{"report", "--week", "yesterday-ish"},
		{"report", "--format", "pdf"},
		{"report", "--week", "2026-11-15", "extra"},
		{"report", "--nope"},
	} {
		if r := run(t, dir, args...); r.code != ExitUsage || r.stderr == "" {
			t.Errorf("%v: exit %d (want %d), stderr %q", args, r.code, ExitUsage, r.stderr)
		}
	}
	r := run(t, dir, "report", "--help")
	if r.code != 0 || !strings.Contains(r.stdout, "--week") || !strings.Contains(r.stdout, "-format") {
		t.Errorf("report --help: %+v", r)
	}
}

func TestReportDocx(t *testing.T) {
	dir := reportNotebook(t)
	out := filepath.Join(t.TempDir(), "tuan.docx")
	r := run(t, dir, "report", "--week", "--format", "docx", "-o", out)
	if r.code != 0 || !strings.Contains(r.stderr, out) {
		t.Fatalf("report docx: %+v", r)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	zr.Close()

	// Without -o the file is named for the period, in the current directory.
	cwd := t.TempDir()
	t.Chdir(cwd)
	r = run(t, dir, "report", "--month", "2026-11", "--format", "docx")
	want := filepath.Join(cwd, "bao-cao-thang-11-2026.docx")
	if r.code != 0 || !strings.Contains(r.stderr, "bao-cao-thang-11-2026.docx") {
		t.Fatalf("report docx without -o: %+v", r)
	}
	if _, err := os.Stat(want); err != nil {
		t.Fatal(err)
	}
}

func TestReportTextKept(t *testing.T) {
	dir := reportNotebook(t)
	r := run(t, dir, "report", "--assessment", "Hoàn thành tốt nhiệm vụ.\nCòn chậm ở hai xã.", "--proposals", "")
	if r.code != 0 || !strings.Contains(r.stdout, "Còn chậm ở hai xã.") || !strings.Contains(r.stdout, "Không có kiến nghị, đề xuất.") {
		t.Fatalf("report --assessment: %+v", r)
	}
	r = run(t, dir, "report")
	if !strings.Contains(r.stdout, "Hoàn thành tốt nhiệm vụ.") || !strings.Contains(r.stdout, "- Theo dõi việc bố trí trụ sở") {
		t.Errorf("the edit was not kept for the week:\n%s", r.stdout)
	}
	r = run(t, dir, "report", "--reset-text")
	if strings.Contains(r.stdout, "Hoàn thành tốt nhiệm vụ.") {
		t.Errorf("--reset-text kept the edit")
	}
}

// The report is an administrative document: Vietnamese whatever the
// language of the command line; errors follow the chosen language.
func TestReportLanguageAndNoProfile(t *testing.T) {
	dir := reportNotebook(t)
	r := run(t, dir, "--lang", "en", "report")
	if r.code != 0 || !strings.Contains(r.stdout, "# BÁO CÁO") || !strings.Contains(r.stdout, "I. TÌNH HÌNH CHUNG") {
		t.Errorf("--lang en report: %+v", r)
	}
	r = run(t, t.TempDir(), "report")
	if r.code != ExitFailure || !strings.Contains(r.stderr, "sotay init") {
		t.Errorf("report without a profile: %+v", r)
	}
}

func TestReportHeaderSettings(t *testing.T) {
	dir := reportNotebook(t)
	r := run(t, dir, "report", "--issuer", "SỞ NỘI VỤ", "--code", "SNV", "--recipients", "- Bộ Nội vụ;|- Lưu: VT.")
	if r.code != 0 {
		t.Fatalf("report with header flags: %+v", r)
	}
	r = run(t, dir, "report") // kept for the next report
	for _, want := range []string{"**SỞ NỘI VỤ**", "/BC-SNV", "- Bộ Nội vụ;\n- Lưu: VT."} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("header lacks %q:\n%s", want, r.stdout)
		}
	}
	r = run(t, dir, "report", "--code", "")
	if !strings.Contains(r.stdout, "/BC-TCTBP") {
		t.Errorf("--code \"\" did not restore the default")
	}
}

// TestReportFormatFromFile: without --format the file's extension says
// what to write; a --format that contradicts it is a usage error.
func TestReportFormatFromFile(t *testing.T) {
	dir := reportNotebook(t)
	tmp := t.TempDir()
	for _, tc := range []struct {
		args []string
		file string
		code int
		want string // the file's first bytes
	}{
		{nil, "r.docx", 0, "PK"},
		{nil, "R.DOCX", 0, "PK"},
		{nil, "r.md", 0, "| "},
		{nil, "r.markdown", 0, "| "},
		{nil, "r.txt", 0, "| "}, // an extension that names no format: the default
		{[]string{"--format", "docx"}, "r2.docx", 0, "PK"},
		{[]string{"--format", "md"}, "r2.md", 0, "| "},
		{[]string{"--format", "markdown"}, "r3.md", 0, "| "},
		{[]string{"--format", "docx"}, "r.bin", 0, "PK"},
		{[]string{"--format", "md"}, "bad.docx", ExitUsage, ""},
		{[]string{"--format", "docx"}, "bad.md", ExitUsage, ""},
		{[]string{"--format", "pdf"}, "bad2.docx", ExitUsage, ""},
	} {
		out := filepath.Join(tmp, tc.file)
		r := run(t, dir, append(append([]string{"report", "--week"}, tc.args...), "-o", out)...)
		if r.code != tc.code {
			t.Errorf("%v -o %s: exit %d, want %d (%s)", tc.args, tc.file, r.code, tc.code, r.stderr)
			continue
		}
		b, err := os.ReadFile(out)
		if tc.code != 0 {
			if err == nil {
				t.Errorf("%v -o %s: a file was written after a usage error", tc.args, tc.file)
			}
			if tc.args[1] != "pdf" && !strings.Contains(r.stderr, "--format "+tc.args[1]) {
				t.Errorf("%v -o %s: stderr %q does not say --format and the file disagree", tc.args, tc.file, r.stderr)
			}
			continue
		}
		if err != nil || !strings.HasPrefix(string(b), tc.want) {
			t.Errorf("%v -o %s: file starts %q (%v), want %q", tc.args, tc.file, b[:min(len(b), 8)], err, tc.want)
		}
	}
}
