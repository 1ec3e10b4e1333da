package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"sotay/i18n"
	"sotay/record"
)

// TestScreens keeps golden copies of the main screens at 80×24 and 120×40.
func TestScreens(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		w, h := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			st := openTestStore(t, true)
			r := fixture(t, st)
			u := startTUI(t, st, i18n.VI, w, h)
			shot := func(name string, want ...string) {
				t.Run(name, func(t *testing.T) {
					parent := u.t
					u.t = t
					defer func() { u.t = parent }()
					s := u.waitFor(want...)
					requireGolden(t, strings.ReplaceAll(s, r.ID, "<id>"))
				})
			}
			shot("overview", "Tuần này: 02/02 – 08/02/2026", "2 buổi · 105 người tham dự", "Khó khăn (1)", "Thông báo (1)")
			u.press("2")
			shot("logs", "5 bản ghi", "Kiểm tra việc bàn giao", "Khó khăn (1)")
			u.press("3")
			shot("difficulties", "3 bản ghi", "Chậm chi trả", "Khó khăn (1)", "● 04/02")
			u.press("enter")
			// Opening it marks HQ's answer read: the tab's count goes.
			shot("difficulty", "Kinh phí chi trả do ngân sách tỉnh", "Tổ công tác Bộ Nội vụ", "Khó khăn  Tập huấn")
			u.press("esc")
			u.waitFor("3 bản ghi")
			u.press("4", "n")
			u.waitFor("Thêm tập huấn")
			u.press("ctrl+s")
			shot("training-form-errors", "Chưa lưu: còn 3 chỗ cần sửa.")
			u.press("esc")
			u.press("5")
			shot("notices", "Lịch giao ban trực tuyến tháng 2")
			u.press("?")
			shot("help", "Phím tắt", "Mọi nơi")
			u.quit()
		})
	}
}

// HQ's text is stripped of escape sequences before it is drawn.
func TestHQTextIsSafe(t *testing.T) {
	st := openTestStore(t, true)
	r := fixture(t, st)
	// Import keeps a record's HQ fields as given: text that did not pass
	// through the inbox's cleaning, as an old notebook might hold.
	r.Rev++
	r.Responses[0].Text = "Trả lời\x1b[2J\x1b[31m đỏ\u202e"
	r.Responses[0].Author = "HQ\x1b[5m"
	if err := st.Import(t.Context(), []record.Record{r}, nil); err != nil {
		t.Fatal(err)
	}
	got, err := st.Get(r.ID)
	if err != nil || !strings.Contains(got.Responses[0].Text, "\x1b") {
		t.Skipf("the store cleans imported answers itself (%v)", err)
	}
	m := newApp(st, Options{Lang: i18n.VI, Now: fixedNow}, true)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	d := newDetail(m.ctx, got)
	d.SetSize(80, 40)
	v := d.View()
	if strings.ContainsAny(v, "\x07\u202e") || strings.Contains(v, "\x1b[2J") || strings.Contains(v, "\x1b]0") || strings.Contains(v, "\x1b[5m") {
		t.Fatalf("escape sequence from HQ reached the screen: %q", v)
	}
	if !strings.Contains(v, "Trả lời đỏ") {
		t.Fatalf("the answer's text is gone: %q", v)
	}
}

func TestLanguageSwitch(t *testing.T) {
	st := openTestStore(t, true)
	fixture(t, st)
	u := startTUI(t, st, i18n.VI, 80, 24)
	u.waitFor("Tổng quan", "Nhật ký theo ngày")
	u.press(",")
	u.waitFor("Cài đặt", "Ngôn ngữ", "Tiếng Việt")
	for range 4 {
		u.press("tab")
	}
	u.press("right")
	u.waitFor("English")
	u.press("ctrl+s")
	u.waitFor("Overview", "Logs by day", "Settings saved.")
	if v, _ := st.Setting("lang"); v != "en" {
		t.Fatalf("lang setting = %q", v)
	}
	u.press("2")
	u.waitFor("Work log", "5 records", "Meeting")
	u.quit()

	// English from the start, as --lang en asks.
	u = startTUI(t, st, i18n.EN, 80, 24)
	u.waitFor("Overview", "Difficulties", "Notices")
	u.quit()
}

// TestResizeNeverPanics shrinks the window step by step down to 1×1 and
// back; below the minimum the screen says so.
func TestResizeNeverPanics(t *testing.T) {
	st := openTestStore(t, true)
	fixture(t, st)
	u := startTUI(t, st, i18n.VI, 80, 24)
	u.waitFor("Tuần này")
	for _, tab := range []string{"1", "2", "3", "4", "5"} {
		u.press(tab)
		for w, h := 80, 24; w >= 1 && h >= 1; w, h = w-7, h-2 {
			u.tm.Send(tea.WindowSizeMsg{Width: w, Height: h})
			u.screen()
		}
		u.tm.Send(tea.WindowSizeMsg{Width: 40, Height: 12})
		u.waitFor("Cửa sổ quá nhỏ")
		u.tm.Send(tea.WindowSizeMsg{Width: 50, Height: 14})
		u.waitGone("Cửa sổ quá nhỏ")
	}
	u.press("2", "n")
	u.waitFor("Thêm")
	for w := 120; w >= 1; w -= 9 {
		u.tm.Send(tea.WindowSizeMsg{Width: w, Height: max(w/4, 1)})
		u.screen()
	}
	u.tm.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	u.waitFor("Thêm nhật ký")
	u.quit()
}

func TestSettingsEditProfile(t *testing.T) {
	st := openTestStore(t, true)
	u := startTUI(t, st, i18n.VI, 80, 24)
	u.waitFor("Nguyễn Văn An · Hà Nội")
	u.press(",")
	u.waitFor("Cài đặt")
	for range len([]rune("Nguyễn Văn An")) {
		u.press("backspace")
	}
	u.typeText("Lê Thị Hoa")
	u.press("tab")
	u.typeText("hue")
	u.waitFor("Huế")
	u.press("ctrl+s")
	u.waitFor("Lê Thị Hoa · Huế", "Đã lưu cài đặt.")
	if p, _ := st.Profile(); p.Name != "Lê Thị Hoa" || p.Province != "hue" || p.Position != "Chuyên viên" {
		t.Fatalf("profile = %+v", p)
	}
	// F1 shows the keys even inside a form, where ? is text.
	u.press("2", "n")
	u.waitFor("Thêm nhật ký")
	u.tm.Send(tea.KeyPressMsg{Code: tea.KeyF1})
	u.waitFor("Phím tắt", "Biểu mẫu")
	u.press("x")
	u.waitFor("Thêm nhật ký")
	u.quit()
}
