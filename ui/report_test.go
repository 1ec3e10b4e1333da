package ui

import (
	"archive/zip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
	want := filepath.Join(dir, "bao-cao-2026-W06.docx")
	u.waitFor("Đã ghi", "bao-cao-2026-W06.docx")
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
