package hq

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"sotay/internal/office"
	"sotay/internal/testenv"
	"sotay/report/decree30"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenFile compares got with testdata/name, or rewrites it under -update.
func goldenFile(t *testing.T, name string, got []byte) {
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
		t.Fatalf("%v (run go test ./hq -run TestWGReportGolden -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; got:\n%s", name, got)
	}
}

func wgReport(t testing.TB, db *DB, q PictureQuery) *WGReport {
	t.Helper()
	if q.Now.IsZero() {
		q.Now = fixtureNow
	}
	r, err := db.BuildWGReport(context.Background(), q, WGOptions{Signer: "Trần Văn Tổ"})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestWGReportGolden writes the working group's report of the fixture HQ
// as Markdown: the national week, a liaison's week, the month.
func TestWGReportGolden(t *testing.T) {
	db, _ := pictureFixture(t)
	for _, tc := range []struct {
		golden string
		q      PictureQuery
	}{
		{"wg-week.md", PictureQuery{Period: fixtureWeek}},
		{"wg-week-liaison.md", PictureQuery{Period: fixtureWeek, Limited: true, Scope: []string{"dak-lak", "tuyen-quang"}}},
		{"wg-month.md", PictureQuery{Period: decree30.Month(2026, 1)}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteWGReport(&buf, wgReport(t, db, tc.q), "md"); err != nil {
				t.Fatal(err)
			}
			goldenFile(t, tc.golden, buf.Bytes())
		})
	}
}

// TestWGReportContent checks what the report must say, beside the golden
// files: the numbers, the answers given, the overdue urgent one first, the
// proposals quoted once with their province, nothing of other provinces in
// a liaison's report.
func TestWGReportContent(t *testing.T) {
	db, _ := pictureFixture(t)
	md := func(q PictureQuery) string {
		var buf bytes.Buffer
		if err := WriteWGReport(&buf, wgReport(t, db, q), "md"); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	national := md(PictureQuery{Period: fixtureWeek})
	liaison := md(PictureQuery{Period: fixtureWeek, Limited: true, Scope: []string{"dak-lak", "tuyen-quang"}})
	for _, tc := range []struct {
		name, doc, want string
		present         bool
	}{
		{"totals", national, "4 công chức biệt phái tại 4 tỉnh, thành phố đã thực hiện 6 buổi làm việc với cơ sở, tổ chức 2 lớp tập huấn cho 105 lượt người (trong đó 45 nữ); ghi nhận 6 khó khăn", true},
		{"stale", national, "2 tỉnh, thành phố chưa đồng bộ dữ liệu quá 3 ngày: Cần Thơ (chưa đồng bộ); Tuyên Quang (lần cuối ngày 04/02/2026)", true},
		{"speed", national, "trung vị 24 giờ, 90% được trả lời trong vòng 16 ngày", true},
		{"answer quoted", national, "Thực hiện theo Nghị định 178/2024/NĐ-CP và Nghị định 67/2025/NĐ-CP.", true},
		{"overdue urgent first", national, "- Hà Nội, ngày 05/02/2026: Kho bạc chưa mở tài khoản cho xã mới (Tài chính, ngân sách, kho bạc; khẩn cấp; chờ 4 ngày)\n- Đắk Lắk", true},
		{"proposal with province", national, "Tuyên Quang (Nguyễn Thị Minh Hằng): “Bộ Nội vụ sớm ban hành văn bản hướng dẫn thống nhất.”", true},
		{"proposal once", national, "bộ nội vụ sớm ban hành", false},
		{"deleted left out", national, "Ghi nhầm", false},
		{"province without officer left out", national, "| Huế |", false},
		{"province with an officer kept", national, "| Cần Thơ | 0 | 0 |", true},
		{"liaison scope", liaison, "| Hà Nội |", false},
		{"liaison scope proposals", liaison, "Hà Nội (", false},
		{"liaison scope answers", liaison, "Nghị định 170/2025", false},
		{"liaison summary", liaison, "tại tỉnh Tuyên Quang, tỉnh Đắk Lắk", true},
		{"liaison overdue", liaison, "Chưa bố trí kinh phí hoạt động cho xã mới", true},
	} {
		if got := strings.Contains(tc.doc, tc.want); got != tc.present {
			t.Errorf("%s: contains %q = %v, want %v", tc.name, tc.want, got, tc.present)
		}
	}
}

// TestWGTextSaved: the group's edit of sections IV–VI is kept per period
// and scope, and reset brings the prefill back.
func TestWGTextSaved(t *testing.T) {
	db, _ := pictureFixture(t)
	q := PictureQuery{Period: fixtureWeek}
	r := wgReport(t, db, q)
	if r.Edited || !strings.Contains(r.Text.NextTasks, "Cần Thơ, Tuyên Quang") {
		t.Fatalf("prefill: edited %v, next tasks %q", r.Edited, r.Text.NextTasks)
	}
	edit := WGText{Assessment: "Tình hình ổn định.", Proposals: "- Kiến nghị một.\n- Kiến nghị hai.", NextTasks: ""}
	if err := db.SaveWGText(q.Period, false, nil, &edit); err != nil {
		t.Fatal(err)
	}
	again := wgReport(t, db, q)
	if !again.Edited || again.Text != edit {
		t.Errorf("edit lost: %+v", again.Text)
	}
	var buf bytes.Buffer
	if err := WriteWGReport(&buf, again, "md"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "- Kiến nghị hai.") || !strings.Contains(buf.String(), "Không có nhiệm vụ") && !strings.Contains(buf.String(), "VI. NHIỆM VỤ") {
		t.Errorf("edited sections not in the report:\n%s", buf.String())
	}
	liaison := wgReport(t, db, PictureQuery{Period: fixtureWeek, Limited: true, Scope: []string{"ha-noi"}})
	month := wgReport(t, db, PictureQuery{Period: decree30.Month(2026, 2)})
	if liaison.Edited || month.Edited {
		t.Error("another scope or period took the national week's edit")
	}
	if err := db.SaveWGText(q.Period, false, nil, nil); err != nil {
		t.Fatal(err)
	}
	if reset := wgReport(t, db, q); reset.Edited {
		t.Error("reset kept the edit")
	}
}

// TestWGReportDocxInLibreOffice converts the week's .docx with LibreOffice
// and reads the PDF back: A4, the Decree 30 header, the working group's
// sections and Vietnamese text intact; page 1 as a PNG in testdata/out for
// a person to look at.
func TestWGReportDocxInLibreOffice(t *testing.T) {
	soffice := testenv.LookPath(t, "libreoffice-writer-nogui", "soffice", "libreoffice")
	testenv.Need(t, office.HasWriter(soffice), "LibreOffice Writer is not installed (Debian package libreoffice-writer-nogui)")
	for _, tool := range []string{"pdfinfo", "pdftotext", "pdftoppm"} {
		testenv.LookPath(t, "poppler-utils", tool)
	}
	testenv.LookPath(t, "fontconfig", "fc-list")
	const sample = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập Hạnh phúc"
	testenv.Need(t, testenv.HasFont("Times New Roman", sample) || testenv.HasFont("Liberation Serif", sample),
		"no Times New Roman or Liberation Serif with Vietnamese glyphs (Debian package fonts-liberation2)")
	db, _ := pictureFixture(t)
	var doc bytes.Buffer
	if err := WriteWGReport(&doc, wgReport(t, db, PictureQuery{Period: fixtureWeek}), "docx"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src := filepath.Join(dir, WGFileName(fixtureWeek, "docx"))
	if err := os.WriteFile(src, doc.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	pdf := office.Convert(t, soffice, dir, src, "pdf")
	run := func(name string, args ...string) string {
		t.Helper()
		out, err := exec.Command(name, args...).Output()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return string(out)
	}
	info := run("pdfinfo", pdf)
	if !regexp.MustCompile(`Page size:\s+595(\.\d+)? x 841(\.\d+)? pts \(A4\)`).MatchString(info) {
		t.Errorf("not A4:\n%s", info)
	}
	text := run("pdftotext", "-layout", pdf, "-")
	for _, want := range []string{
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"Độc lập - Tự do - Hạnh phúc",
		"TỔ CÔNG TÁC",
		"THƯỜNG TRỰC",
		"/BC-TCTTT",
		"Hà Nội, ngày 09 tháng 02 năm 2026",
		"BÁO CÁO",
		"I. TÌNH HÌNH CHUNG",
		"1. Kết quả theo tỉnh, thành phố",
		"Tuyên Quang",
		"III. KHÓ KHĂN, VƯỚNG MẮC",
		"Kho bạc chưa mở tài khoản cho xã mới",
		"V. KIẾN NGHỊ, ĐỀ XUẤT",
		"TỔ TRƯỞNG",
		"Trần Văn Tổ",
		"Nơi nhận:",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	out := filepath.Join("testdata", "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	run("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", pdf, filepath.Join(out, "wg-week"))
	t.Logf("pages 1–2 rendered to %s/wg-week-*.png", out)
}
