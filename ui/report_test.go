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
	u.waitFor("Báo cáo tuần 02/02/2026 – 08/02/2026", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "I. TÌNH HÌNH CHUNG")

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
