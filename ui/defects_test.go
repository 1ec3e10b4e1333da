package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"sotay/i18n"
	"sotay/record"
	"sotay/report"
	"sotay/store"
	"sotay/sync"
)

// Tests for the defects an officer met in daily use (issue 13), each
// named for what it keeps from coming back.

// On the "window too small" screen keys do nothing unseen: d then y
// deleted a record there. Only quit and help work.
func TestTooSmallScreenIgnoresKeys(t *testing.T) {
	st := openTestStore(t, true)
	fixture(t, st)
	u := startTUI(t, st, i18n.VI, 80, 24)
	u.waitFor("Tuần này")
	u.press("2")
	u.waitFor("5 bản ghi")
	u.tm.Send(tea.WindowSizeMsg{Width: 40, Height: 12})
	u.waitFor("Cửa sổ quá nhỏ")
	u.press("d", "y", "n", "esc", "3", "enter")
	u.tm.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	s := u.waitFor("5 bản ghi")
	if strings.Contains(s, "Xóa") || strings.Contains(s, "Thêm nhật ký") || !strings.Contains(s, "Phường Tây Hồ") {
		t.Fatalf("keys acted on the too-small screen:\n%s", s)
	}
	if n := len(listAll(t, st, record.KindLog)); n != 5 {
		t.Fatalf("%d logs after keys on the too-small screen, want 5", n)
	}
	u.tm.Send(tea.WindowSizeMsg{Width: 40, Height: 12})
	u.waitFor("Cửa sổ quá nhỏ")
	u.press("q")
	u.tm.WaitFinished(t)
}

// Delete is never confirmed by Enter: the default answer is no, and only
// y says yes.
func TestDeleteDefaultsToNo(t *testing.T) {
	for _, k := range []string{"enter", "c", "esc", "n", "x"} {
		t.Run(k, func(t *testing.T) {
			st := openTestStore(t, true)
			fixture(t, st)
			u := startTUI(t, st, i18n.VI, 80, 24)
			u.waitFor("Tuần này")
			u.press("4")
			u.waitFor("2 bản ghi")
			u.press("d")
			u.waitFor("Xóa tập huấn")
			u.press(k)
			if k == "x" || k == "c" {
				// A key that answers nothing leaves the question open.
				u.waitFor("Xóa tập huấn")
				u.press("esc")
			}
			u.waitGone("Xóa tập huấn")
			u.waitFor("2 bản ghi")
			if n := len(listAll(t, st, record.KindTraining)); n != 2 {
				t.Fatalf("%q deleted a record", k)
			}
			u.quit()
		})
	}
}

// ? opens help and the footer names it on every screen; F1 where ? is
// text. The footer keeps it at 60 columns, where it was cut.
func TestHelpOnEveryScreen(t *testing.T) {
	for _, width := range []int{80, 60} {
		st := openTestStore(t, true)
		fixture(t, st)
		u := startTUI(t, st, i18n.VI, width, 24)
		u.waitFor("Tuần này")
		footer := func() string {
			lines := strings.Split(strings.TrimRight(u.screen(), "\n"), "\n")
			return lines[len(lines)-1]
		}
		for _, tc := range []struct {
			name, open, want, help string
		}{
			{"overview", "1", "Tuần này", "?"},
			{"list", "2", "5 bản ghi", "?"},
			{"record", "enter", "lần sửa", "?"},
			{"notices", "5", "Lịch giao ban", "?"},
			{"notice", "enter", "Giao ban vào 14 giờ", "?"},
			{"report", "r", "Báo cáo tuần", "?"},
			{"refused", "p", "Không có bản ghi nào bị từ chối", "?"},
			{"form", "n", "Thêm nhật ký", "f1"},
			{"settings", ",", "Cài đặt", "f1"},
		} {
			if tc.name == "record" {
				u.press("2")
				u.waitFor("5 bản ghi")
			}
			if tc.name == "form" {
				u.press("2")
				u.waitFor("5 bản ghi")
			}
			u.press(tc.open)
			u.waitFor(tc.want)
			hint := "? phím tắt"
			if tc.help == "f1" {
				hint = "F1 phím tắt"
			}
			if f := footer(); !strings.Contains(f, hint) {
				t.Errorf("%d columns, %s: footer %q lacks %q", width, tc.name, f, hint)
			}
			u.press(tc.help)
			u.waitFor("Phím tắt", "Mọi nơi")
			u.press("esc")
			u.waitGone("Mọi nơi")
			u.waitFor(tc.want)
			// Back to the main screen for the next one.
			for range 3 {
				if strings.Contains(u.screen(), "Tuần này") || strings.Contains(u.screen(), "bản ghi") {
					break
				}
				u.press("esc")
			}
			if tc.name == "form" {
				u.waitFor("5 bản ghi")
			}
		}
		u.quit()
	}
}

// The keys of the main screen (1–5, s, r) work on the pages too.
func TestGlobalKeysOnPages(t *testing.T) {
	st := openTestStore(t, true)
	fixture(t, st)
	u := startTUI(t, st, i18n.VI, 80, 24)
	u.waitFor("Tuần này")
	u.press("3", "enter")
	u.waitFor("Kinh phí chi trả")
	u.press("4")
	u.waitFor("2 bản ghi", "Quy trình giải quyết")
	u.waitGone("Kinh phí chi trả")
	u.press("enter")
	u.waitFor("lần sửa")
	u.press("s")
	u.waitFor("nhập mã đăng ký trong Cài đặt")
	u.press("r")
	u.waitFor("Báo cáo tuần")
	u.press("1")
	u.waitFor("Tuần này")
	u.quit()
}

// q has one meaning: it quits, from a page as from a list; esc goes back.
func TestQQuitsFromEveryScreen(t *testing.T) {
	for _, tc := range []struct {
		name string
		keys []string
		want string
	}{
		{"list", []string{"2"}, "5 bản ghi"},
		{"record", []string{"2", "enter"}, "lần sửa"},
		{"notice", []string{"5", "enter"}, "Giao ban vào 14 giờ"},
		{"report", []string{"r"}, "Báo cáo tuần"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := openTestStore(t, true)
			fixture(t, st)
			u := startTUI(t, st, i18n.VI, 80, 24)
			u.waitFor("Tuần này")
			u.press(tc.keys...)
			u.waitFor(tc.want)
			u.press("q")
			u.tm.WaitFinished(t, teatest.WithFinalTimeout(waitLimit))
		})
	}
}

// Type-ahead in a choice shows what was typed, starts over after a pause,
// and finds any word of a label, diacritics ignored.
func TestChoiceTypeAhead(t *testing.T) {
	st := openTestStore(t, true)
	clock := newFakeClock(testNow)
	u := startWithClock(t, st, nil, clock)
	u.waitFor("Tuần này")
	u.press("3", "n")
	u.waitFor("Thêm khó khăn")
	u.press("tab", "tab") // date, commune, category
	u.waitFor("› Lĩnh vực")
	u.typeText("t")
	u.waitFor("‹ Tổ chức bộ máy, nhân sự ›", "Đã gõ «t»")
	clock.waitTimer(t, findPause)
	clock.Advance(findPause)
	u.waitGone("Đã gõ «t»")
	u.typeText("tien")
	u.waitFor("‹ Tiền lương, phụ cấp ›", "Đã gõ «tien»")
	clock.waitTimers(t, findPause, 4) // one a letter: the last one resets
	clock.Advance(findPause)
	u.waitGone("Đã gõ")
	u.typeText("kho")
	u.waitFor("‹ Tài chính, ngân sách, kho bạc ›", "Đã gõ «kho»")
	clock.waitTimers(t, findPause, 3)
	clock.Advance(findPause)
	u.waitGone("Đã gõ")
	u.typeText("wz")
	u.waitFor("Không lựa chọn nào có «wz»", "‹ Tài chính, ngân sách, kho bạc ›")
	u.quit()
}

// manyLogs adds n logs, one a day back from testNow, numbered from the
// newest ("Nhật ký số 1") to the oldest.
func manyLogs(t testing.TB, st *store.Store, n int) {
	t.Helper()
	recs := make([]record.Record, n)
	for i := range recs {
		recs[i] = record.Record{Kind: record.KindLog, Date: testNow.AddDate(0, 0, -i).Format("2006-01-02"),
			Commune: "Xã Sóc Sơn", Activity: "meeting", Content: fmt.Sprintf("Nhật ký số %d", i+1)}
	}
	for i := len(recs) - 1; i >= 0; i-- { // oldest first: the newest has the newest id
		if _, err := st.Create(recs[i]); err != nil {
			t.Fatal(err)
		}
	}
}

// Paging is deterministic: a burst of PageDowns lands where their sum says
// however the pages come, End reaches the oldest record, and the list says
// where it stands.
func TestPagingBurstAndEnd(t *testing.T) {
	st := openTestStore(t, true)
	manyLogs(t, st, 400)
	for round := range 3 {
		u := startTUI(t, st, i18n.VI, 80, 24)
		u.waitFor("Tuần này")
		u.press("2")
		u.waitFor("400 bản ghi", "1 / 400")
		rows := 24 - 3 - 2 // tab bar, status, footer; title, column header
		for range 15 {
			u.press("pgdown")
		}
		want := 15*rows + 1
		s := u.waitFor(fmt.Sprintf("%d / 400", want))
		if !strings.Contains(s, fmt.Sprintf("Nhật ký số %d ", want)) {
			t.Fatalf("round %d: the selected record is not on screen:\n%s", round, s)
		}
		u.press("end")
		u.waitFor("400 / 400", "Nhật ký số 400")
		for range 3 {
			u.press("pgup")
		}
		u.waitFor(fmt.Sprintf("%d / 400", 400-3*rows))
		u.press("home")
		u.waitFor("1 / 400", "Nhật ký số 1 ")
		u.quit()
	}
}

// Being offline is the usual state, not an error; refused records and an
// error the officer must act on show side by side; p shows the whole sync
// state, the last error in full.
func TestSyncStateOfflineRefusedAndWhole(t *testing.T) {
	st := openTestStore(t, true)
	fixture(t, st)
	setState := func(kind string) {
		t.Helper()
		err := st.UpdateSyncState(func(ss *store.SyncState) {
			ss.HQ, ss.LastError, ss.LastAttempt = "https://hq.example", kind, testNow.Add(-time.Hour)
			ss.LastSync = testNow.Add(-26 * time.Hour)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	setState(sync.FailOffline)
	clock := newFakeClock(testNow) // no sync runs by itself: the state stays as set
	u := startWithClock(t, st, &recordingSyncer{st: st}, clock)
	s := u.waitFor("10 chờ gửi", "Ngoại tuyến")
	if strings.Contains(s, "Lỗi") {
		t.Fatalf("offline shown as an error:\n%s", s)
	}
	u.quit()

	tr := listAll(t, st, record.KindTraining)[0]
	park(t, st, store.Rejection{ID: tr.ID, Rev: tr.Rev, Code: "invalid", Fields: []*record.FieldError{{Field: "women", Problem: record.ProblemWomen}}})
	setState(sync.FailRevoked)
	u = startWithClock(t, st, &recordingSyncer{st: st}, newFakeClock(testNow))
	u.waitFor("Bị từ chối: 1 (phím p) · Lỗi đồng bộ: Mã") // both, cut at 80 columns
	u.press("p")
	s = u.waitFor("Tình trạng đồng bộ", "https://hq.example", "04/02/2026 07:30", "Bản ghi bị Tổ công tác từ chối: 1")
	full := i18n.New(i18n.VI).SyncError(sync.FailRevoked)
	if flat := strings.Join(strings.Fields(s), " "); !strings.Contains(flat, full) {
		t.Fatalf("the sync state lacks the whole error %q:\n%s", full, s)
	}
	u.quit()
}

// Every filter on shows at 80 columns, and the empty list says how to
// clear them.
func TestFiltersShownWhole(t *testing.T) {
	st := openTestStore(t, true)
	fixture(t, st)
	u := startTUI(t, st, i18n.VI, 80, 24)
	u.waitFor("Tuần này")
	u.press("3")
	u.waitFor("3 bản ghi")
	u.press("c", "c")           // severance: Chế độ, chính sách cho người nghỉ việc
	u.press("m", "m", "m", "m") // urgent
	u.press("t")                // new
	u.waitFor("Lĩnh vực: Chế độ", "Mức độ: Khẩn cấp", "Trạng thái: Mới", "esc: bỏ lọc")
	u.press("t") // acknowledged: nothing
	u.waitFor("Trạng thái: Đã tiếp nhận", "Không có bản ghi nào khớp. Nhấn esc để bỏ lọc.")
	u.press("esc")
	s := u.waitFor("3 bản ghi")
	if strings.Contains(s, "Lĩnh vực:") {
		t.Fatalf("filters still shown after esc:\n%s", s)
	}
	u.quit()
}

// A date without a year is of this year; the count of problems in the
// form's header follows the fixes; hours keep their decimal comma.
func TestFormDatesCountsAndDecimals(t *testing.T) {
	st := openTestStore(t, true)
	u := startForm(t, st, "4", "Thêm tập huấn")
	u.press("ctrl+u")
	u.typeText("28/01")
	u.press("ctrl+s")
	u.waitFor("Chưa lưu: còn 3 chỗ cần sửa.") // commune, topic, participants: the date is taken
	u.typeText("Xã Sóc Sơn")
	u.waitFor("Chưa lưu: còn 2 chỗ cần sửa.")
	u.press("tab")
	u.typeText("Văn thư")
	u.waitFor("Chưa lưu: còn 1 chỗ cần sửa.")
	u.press("tab", "tab")
	u.typeText("30")
	u.waitGone("chỗ cần sửa")
	u.press("tab", "tab", "tab")
	u.typeText("3,5")
	u.press("ctrl+s")
	u.waitFor("1 bản ghi")
	recs := listAll(t, st, record.KindTraining)
	if len(recs) != 1 || recs[0].Date != "2026-01-28" || recs[0].HoursOr(-1) != 3.5 {
		t.Fatalf("saved %+v", recs)
	}
	u.press("enter")
	u.waitFor("3,5")
	u.quit()
}

// The overview scrolls on a short window to the difficulties at its
// bottom; English says "This week" once.
func TestOverviewScrollsAndSaysWeekOnce(t *testing.T) {
	st := openTestStore(t, true)
	fixture(t, st)
	u := startTUI(t, st, i18n.VI, 60, 20)
	s := u.waitFor("Tuần này")
	if strings.Contains(s, "Khẩn cấp") {
		t.Fatalf("60×20 shows the whole overview; the test needs a shorter window:\n%s", s)
	}
	u.press("end")
	u.waitFor("Khẩn cấp")
	u.press("home")
	u.waitFor("Tuần này")
	u.quit()

	u = startTUI(t, st, i18n.EN, 80, 24)
	s = u.waitFor("This week")
	if n := strings.Count(s, "This week"); n != 1 {
		t.Fatalf("English says \"This week\" %d times:\n%s", n, s)
	}
	u.quit()
}

// Clicks work where the mouse is captured: a tab, a row, the selected row
// again to open it.
func TestMouseClicks(t *testing.T) {
	st := openTestStore(t, true)
	fixture(t, st)
	u := startTUI(t, st, i18n.VI, 80, 24)
	s := u.waitFor("Tuần này")
	click := func(x, y int) { u.tm.Send(tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft}) }
	x := strings.Index(strings.Split(s, "\n")[0], "Khó khăn")
	x = len([]rune(strings.Split(s, "\n")[0][:x]))
	click(x+1, 0)
	u.waitFor("3 bản ghi", "1 / 3")
	click(10, 4) // the second record: tab bar, title, column header, first row
	u.waitFor("2 / 3")
	click(10, 4)
	u.waitFor("lần sửa") // its detail
	u.press("esc")
	u.waitFor("2 / 3")
	u.quit()
}

// The province field shows the province picked, not what was typed to find
// it, and finds it by the names people use.
func TestProvincePicked(t *testing.T) {
	st := openTestStore(t, true)
	u := startTUI(t, st, i18n.VI, 80, 24)
	u.waitFor("Nguyễn Văn An · Hà Nội")
	u.press(",")
	u.waitFor("Cài đặt", "┃ Nguyễn Văn An")
	u.waitFor("│ Hà Nội") // the current province, in its field
	u.press("tab")
	for _, tc := range []struct{ typed, want string }{
		{"tp hcm", "Hồ Chí Minh"},
		{"sài gòn", "Hồ Chí Minh"},
		{"binh duong", "Hồ Chí Minh"},
		{"quang tri", "Quảng Trị"},
	} {
		u.press("ctrl+u")
		u.typeText(tc.typed)
		u.waitFor("┃ " + tc.typed)
		u.press("tab", "shift+tab") // leave the field and come back
		u.waitFor("┃ " + tc.want)
	}
	u.press("ctrl+s")
	u.waitFor("Nguyễn Văn An · Quảng Trị")
	u.quit()
}

// A status filter alone is counted exactly, like the kind's total: no
// "more than 1.000" where the store keeps the exact number.
func TestStatusFilterCountedExactly(t *testing.T) {
	st := openTestStore(t, true)
	for i := range countCap + 1 {
		_, err := st.Create(record.Record{Kind: record.KindDifficulty, Date: "2026-02-02", Commune: "Xã Sóc Sơn",
			Category: "finance", Severity: "low", Title: fmt.Sprintf("Khó khăn %d", i)})
		if err != nil {
			t.Fatal(err)
		}
	}
	u := startTUI(t, st, i18n.VI, 80, 24)
	u.waitFor("Tuần này")
	u.press("3")
	u.waitFor("1.001 bản ghi")
	u.press("t") // status: new
	s := u.waitFor("Trạng thái: Mới", "1.001 kết quả")
	if strings.Contains(s, "hơn") {
		t.Fatalf("an exact count said as «more than»:\n%s", s)
	}
	u.quit()
}

// u takes back the last change: a delete, an edit, a creation; each undo
// is a change of its own, waiting to be sent.
func TestUndoLastChange(t *testing.T) {
	st := openTestStore(t, true)
	fixture(t, st)
	u := startTUI(t, st, i18n.VI, 80, 24)
	u.waitFor("Tuần này")
	u.press("u")
	u.waitFor("Không có gì để hoàn tác.")

	u.press("4")
	u.waitFor("2 bản ghi", "Quy trình giải quyết")
	u.press("d")
	u.waitFor("Xóa tập huấn")
	u.press("y")
	u.waitFor("1 bản ghi", "Nhấn u để hoàn tác")
	u.press("u")
	u.waitFor("2 bản ghi", "Đã hoàn tác: Quy trình giải quyết")

	u.press("e")
	u.waitFor("Sửa tập huấn")
	u.press("tab")
	u.press("ctrl+u")
	u.typeText("Xã Mê Linh")
	u.press("ctrl+s")
	u.waitGone("Sửa tập huấn")
	u.waitFor("Xã Mê Linh")
	u.press("u")
	u.waitGone("Xã Mê Linh")

	u.press("n")
	u.waitFor("Thêm tập huấn")
	u.press("tab")
	u.typeText("Xã Ba Vì")
	u.press("tab")
	u.typeText("Lưu trữ số")
	u.press("tab", "tab")
	u.typeText("12")
	u.press("ctrl+s")
	u.waitGone("Thêm tập huấn")
	u.waitFor("3 bản ghi", "Lưu trữ số")
	u.press("u")
	u.waitFor("2 bản ghi", "Đã hoàn tác: Lưu trữ số")
	u.press("u")
	u.waitFor("Không có gì để hoàn tác.")

	recs := listAll(t, st, record.KindTraining)
	if len(recs) != 2 {
		t.Fatalf("%d trainings after the undos, want 2", len(recs))
	}
	for _, r := range recs {
		if r.Commune == "Xã Mê Linh" {
			t.Fatalf("the edit was not undone: %+v", r)
		}
	}
	u.quit()
}

// Deleted records wait in the recycle bin (b) and come back with Enter.
func TestRecycleBin(t *testing.T) {
	st := openTestStore(t, true)
	fixture(t, st)
	u := startTUI(t, st, i18n.VI, 80, 24)
	u.waitFor("Tuần này")
	u.press("b")
	u.waitFor("Thùng rác trống.")
	u.press("esc", "4")
	u.waitFor("2 bản ghi", "Quy trình giải quyết")
	u.press("d")
	u.waitFor("Xóa tập huấn")
	u.press("y")
	u.waitFor("1 bản ghi")
	u.press("b")
	u.waitFor("Thùng rác: bản ghi đã xóa trong 30 ngày qua", "Xóa 05/02/2026 09:30  Tập huấn: Quy trình giải quyết")
	u.press("enter")
	u.waitFor("Đã khôi phục: Quy trình giải quyết", "Thùng rác trống.")
	u.press("esc")
	u.waitFor("2 bản ghi")
	if n := len(listAll(t, st, record.KindTraining)); n != 2 {
		t.Fatalf("%d trainings after the restore, want 2", n)
	}
	u.quit()
}

// A second export never writes over the first without asking: no, the
// default, keeps both; y writes over it.
func TestReportExportAsksBeforeOverwriting(t *testing.T) {
	st := openTestStore(t, true)
	fixture(t, st)
	dir := t.TempDir()
	if err := st.SetSetting(report.SettingExportDir, dir); err != nil {
		t.Fatal(err)
	}
	u := startTUI(t, st, i18n.VI, 100, 30)
	u.waitFor("Tổng quan")
	u.press("r")
	u.waitFor("Báo cáo tuần 02/02/2026", "I. TÌNH HÌNH CHUNG") // x waits for the report
	first := filepath.Join(dir, "bao-cao-tuan-06-2026.docx")
	u.press("x")
	u.waitFor("Đã ghi", "bao-cao-tuan-06-2026.docx")
	if err := os.WriteFile(first, []byte("sửa trong Word"), 0o644); err != nil {
		t.Fatal(err)
	}
	u.press("x")
	u.waitFor("Đã có tệp bao-cao-tuan-06-2026.docx", "(2).docx")
	u.press("enter") // no: another name
	u.waitFor("Đã ghi", "bao-cao-tuan-06-2026 (2).docx")
	if b, _ := os.ReadFile(first); string(b) != "sửa trong Word" {
		t.Fatal("the first export was written over")
	}
	if _, err := os.Stat(filepath.Join(dir, "bao-cao-tuan-06-2026 (2).docx")); err != nil {
		t.Fatal(err)
	}
	u.press("x")
	u.waitFor("Đã có tệp bao-cao-tuan-06-2026.docx", "(3).docx")
	u.press("y")
	u.waitGone("Đã có tệp")
	deadline := time.Now().Add(waitLimit)
	for {
		if b, _ := os.ReadFile(first); string(b) != "sửa trong Word" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("y did not write over the file")
		}
		time.Sleep(10 * time.Millisecond)
	}
	u.quit()
}
