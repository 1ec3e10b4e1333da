package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestDefectsInTmux drives the built program in a real terminal through
// the defects an officer met (issue 13): keys on the too-small screen, the
// delete question's default, ? on a record, a burst of PageDowns and End.
func TestDefectsInTmux(t *testing.T) {
	needTmux(t)
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	data := t.TempDir()
	run := notebookCommand(t, bin, data)
	run("init", "--name", "Nguyễn Văn An", "--province", "quang-tri")
	const logs = 60
	for i := 1; i <= logs; i++ {
		run("add", "log", "--date", testNow.AddDate(0, 0, -i).Format("2006-01-02"), "--commune", "Xã Cam Lộ",
			"--activity", "meeting", "--content", fmt.Sprintf("Làm việc số %d", i))
	}
	tm := startTerm(t, 80, 24, []string{"SOTAY_DATA_DIR=" + data, "SOTAY_LANG=", "NO_COLOR=1", "TERM=xterm-256color"}, bin)
	tm.waitFor("Tuần này")
	pause := func() { time.Sleep(300 * time.Millisecond) } // an Escape alone, not the start of alt+key
	tm.keys("2")
	tm.waitFor("60 bản ghi", "1 / 60")

	// 1: on the too-small screen d, y delete nothing.
	tm.tmux("resize-window", "-t", "e2e", "-x", "40", "-y", "12")
	tm.waitFor("Cửa sổ quá nhỏ")
	tm.keys("d")
	tm.keys("y")
	time.Sleep(500 * time.Millisecond) // the keys are read before the window grows again
	tm.tmux("resize-window", "-t", "e2e", "-x", "80", "-y", "24")
	tm.waitFor("60 bản ghi", "Làm việc số 1")

	// 2: Enter answers no.
	tm.keys("d")
	tm.waitFor("Xóa nhật ký", "n/↵ không")
	tm.keys("Enter")
	deadline := time.Now().Add(10 * time.Second)
	for s := tm.capture(); strings.Contains(s, "Xóa nhật ký"); s = tm.capture() {
		if time.Now().After(deadline) {
			t.Fatalf("the question is still open after Enter:\n%s", s)
		}
		time.Sleep(20 * time.Millisecond)
	}
	tm.waitFor("60 bản ghi", "Làm việc số 1")

	// 4: ? on a record.
	tm.keys("Enter")
	tm.waitFor("lần sửa", "? phím tắt")
	tm.keys("?")
	tm.waitFor("Phím tắt", "Mọi nơi")
	tm.keys("Escape")
	pause()
	tm.keys("Escape")
	pause()
	tm.waitFor("60 bản ghi")

	// 7: a burst of PageDowns lands where their sum says; End reaches the oldest.
	tm.keys("PageDown", "PageDown", "PageDown")
	tm.waitFor("58 / 60") // 3 × 19 rows from the first
	tm.keys("End")
	tm.waitFor("60 / 60", "Làm việc số 60")
	tm.keys("q")
}
