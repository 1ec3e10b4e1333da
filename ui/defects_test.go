package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"sotay/i18n"
	"sotay/record"
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
