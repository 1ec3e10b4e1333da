package ui

import (
	"archive/zip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"sotay/i18n"
	"sotay/report"
)

// TestReportScreen opens the report from the main screen, edits section
// IV, saves it, exports the .docx, and moves between weeks and months.
func TestReportScreen(t *testing.T) {
	st := openTestStore(t, true)
	fixture(t, st)
	dir := t.TempDir()
	if err := st.SetSetting(report.SettingExportDir, dir); err != nil {
		t.Fatal(err)
	}
	u := startTUI(t, st, i18n.VI, 100, 30)
	u.waitFor("Tổng quan")
	u.press("r")
	scr := u.waitFor("Báo cáo tuần 02/02/2026 – 08/02/2026", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "I. TÌNH HÌNH CHUNG")
	for _, l := range strings.Split(scr, "\n") {
		if strings.Contains(l, "CỘNG HÒA") && (strings.Contains(l, "*") || strings.Contains(l, "|")) {
			t.Errorf("the preview shows Markdown: %q", l)
		}
	}

	u.press("e")
	u.waitFor("IV. ĐÁNH GIÁ", "Ctrl+S: lưu")
	u.typeText(" Hoàn thành tốt nhiệm vụ.")
	u.press("tab")
	u.waitFor("Tab: phần khác")
	u.typeText("- Đề nghị bổ sung biên chế.")
	u.press("ctrl+s")
	u.waitFor("Đã lưu nội dung báo cáo.", "(phần IV–VI đã sửa)")

	r, err := report.Build(context.Background(), st, report.Week(testNow), testNow)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Edited || !strings.HasSuffix(r.Text.Assessment, " Hoàn thành tốt nhiệm vụ.") || !strings.Contains(r.Text.Proposals, "- Đề nghị bổ sung biên chế.") {
		t.Fatalf("saved text = %+v", r.Text)
	}

	u.press("x")
	want := filepath.Join(dir, "bao-cao-tuan-06-2026.docx")
	u.waitFor("Đã ghi", "bao-cao-tuan-06-2026.docx")
	zr, err := zip.OpenReader(want)
	if err != nil {
		t.Fatalf("the exported report: %v", err)
	}
	zr.Close()

	u.press("m")
	u.waitFor("Báo cáo tháng 02/2026")
	u.press("[")
	u.waitFor("Báo cáo tháng 01/2026")
	u.press("w") // the week of 1 January, the month's first day
	u.waitFor("Báo cáo tuần 29/12/2025 – 04/01/2026")
	u.press("]")
	u.waitFor("Báo cáo tuần 05/01/2026 – 11/01/2026", "sổ tay công tác không ghi nhận")
	u.press("esc")
	u.waitFor("Tổng quan")
	u.waitGone("Báo cáo tuần")
	u.quit()
	if _, err := os.Stat(want); err != nil {
		t.Fatal(err)
	}
}

// TestReportScreenKeysAndRange, on an 80-column terminal: the footer fits
// and points to ?, ? lists every key of the screen, tables are aligned
// columns, and d asks for a range of dates, showing mistakes beside the
// field.
func TestReportScreenKeysAndRange(t *testing.T) {
	st := openTestStore(t, true)
	fixture(t, st)
	u := startTUI(t, st, i18n.VI, 80, 24)
	u.waitFor("Tổng quan")
	u.press("r")
	scr := u.waitFor("Báo cáo tuần 02/02/2026 – 08/02/2026", "I. TÌNH HÌNH CHUNG")
	lines := strings.Split(strings.TrimRight(scr, "\n"), "\n")
	footer := lines[len(lines)-1]
	for _, want := range []string{"? phím tắt", "esc quay lại", "[ ] kỳ trước/sau", "w/m/d chọn kỳ"} {
		if !strings.Contains(footer, want) {
			t.Errorf("footer %q lacks %q", footer, want)
		}
	}
	if strings.Contains(footer, "…") {
		t.Errorf("footer %q is cut", footer)
	}
	for _, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "|") {
			t.Errorf("a Markdown table row on screen: %q", l)
		}
	}

	u.press("?")
	u.waitFor("xuất .md", "khoảng ngày", "sửa IV–VI", "điền lại IV–VI", "quay lại")
	u.press("space")
	u.waitGone("xuất .md")
	u.waitFor("Báo cáo tuần 02/02/2026")

	u.press("d")
	u.waitFor("Báo cáo theo khoảng ngày", "Từ ngày", "Đến ngày", "02/02/2026", "08/02/2026")
	u.press("ctrl+u")
	u.typeText("32/01/2026")
	u.press("enter")
	u.waitFor("không phải ngày (dd/mm/yyyy)")
	u.press("ctrl+u")
	u.typeText("hôm nay")
	u.press("tab", "ctrl+u")
	u.typeText("01/02/2026")
	u.press("enter")
	u.waitFor("trước «Từ ngày»")
	u.press("ctrl+u")
	u.typeText("10/02/2026")
	u.press("tab", "ctrl+u")
	u.typeText("01/02/2026")
	u.press("enter")
	u.waitFor("Báo cáo từ 01/02/2026 đến 10/02/2026", "từ ngày 01/02/2026 đến ngày 10/02/2026")
	u.waitGone("Báo cáo theo khoảng ngày")
	u.press("]")
	u.waitFor("Báo cáo từ 11/02/2026 đến 20/02/2026")
	u.press("w")
	u.waitFor("Báo cáo tuần 09/02/2026 – 15/02/2026")
	u.press("esc")
	u.waitFor("Tổng quan")
	u.quit()
}

// openCalls records what the program asked the system to open.
type openCalls struct {
	mu    sync.Mutex
	paths []string
}

func (o *openCalls) open(_ context.Context, path string) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.paths = append(o.paths, path)
	return nil
}

func (o *openCalls) got() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]string(nil), o.paths...)
}

// TestReportExportFolderOpenAndInUse (issue 13, defect 9) at 80×24: the
// footer shows x/X, the preview ends with «Nơi nhận» as the .docx does;
// f chooses the folder and it is remembered; the file is named in words;
// o opens it and O its folder with the system's program; a file that
// cannot be written over (held by Word on Windows; here a folder of its
// name) is said to be open in another program, and another name offered.
func TestReportExportFolderOpenAndInUse(t *testing.T) {
	st := openTestStore(t, true)
	fixture(t, st)
	if err := st.SetSetting(report.SettingRecipients, "- Tổ công tác Bộ Nội vụ;\n- Lưu: VT."); err != nil {
		t.Fatal(err)
	}
	opened := &openCalls{}
	u := startTUIWith(t, st, Options{Lang: i18n.VI, Now: fixedNow, Open: opened.open}, 80, 24)
	u.waitFor("Tổng quan")
	u.press("r")
	scr := u.waitFor("Báo cáo tuần 02/02/2026 – 08/02/2026", "Lưu vào:", "(f: đổi)", "I. TÌNH HÌNH CHUNG")
	lines := strings.Split(strings.TrimRight(scr, "\n"), "\n")
	if footer := lines[len(lines)-1]; !strings.Contains(footer, "x/X xuất docx/md") || !strings.Contains(footer, "? phím tắt") {
		t.Errorf("footer %q lacks x/X or ?", footer)
	}
	u.press("G")
	u.waitFor("Nơi nhận:", "- Tổ công tác Bộ Nội vụ;", "- Lưu: VT.")

	u.press("o")
	u.waitFor("Chưa xuất tệp nào")

	dir := filepath.Join(t.TempDir(), "Báo cáo tuần")
	u.press("f")
	u.waitFor("Thư mục lưu báo cáo")
	u.press("ctrl+u")
	u.typeText(dir)
	u.press("enter")
	u.waitFor("Từ nay báo cáo lưu vào")
	if got, _ := st.Setting(report.SettingExportDir); got != dir {
		t.Fatalf("the folder chosen is not remembered: %q", got)
	}
	u.press("x")
	u.waitFor("Đã ghi bao-cao-tuan-06-2026.docx · o: mở tệp · O: mở thư mục")
	file := filepath.Join(dir, "bao-cao-tuan-06-2026.docx")
	u.press("o")
	u.waitFor("Đã mở")
	u.press("O")
	deadline := time.Now().Add(waitLimit)
	for len(opened.got()) < 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if got := opened.got(); len(got) != 2 || got[0] != file || got[1] != dir {
		t.Fatalf("opened %q, want the file then its folder", got)
	}

	// The .md is held: a folder stands where it goes, as a locked file
	// stands on Windows.
	held := filepath.Join(dir, "bao-cao-tuan-06-2026.md")
	if err := os.MkdirAll(filepath.Join(held, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	u.press("X")
	u.waitFor("Đã có tệp bao-cao-tuan-06-2026.md")
	u.press("y") // write over it: it cannot be
	u.waitFor("tệp đang mở trong", "chương trình khác (như Word)", "(2).md?")
	u.press("y")
	u.waitFor("Đã ghi bao-cao-tuan-06-2026 (2).md")
	if _, err := os.Stat(filepath.Join(dir, "bao-cao-tuan-06-2026 (2).md")); err != nil {
		t.Fatal(err)
	}
	u.quit()
}
