package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRepeatAndExportInTmux drives the built program in a real terminal
// through the keys issue 13 added: C copies a record as a new one dated
// today, T keeps a record as a template and N adds one from it; on the
// report screen f chooses the folder and x asks before it writes over a
// report already there, leaving it alone unless told yes.
func TestRepeatAndExportInTmux(t *testing.T) {
	needTmux(t)
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	data := t.TempDir()
	sotay := notebookCommand(t, bin, data)
	sotay("init", "--name", "Nguyễn Văn An", "--province", "quang-tri")
	old := time.Now().AddDate(0, 0, -10)
	sotay("add", "log", "--date", old.Format("2006-01-02"), "--commune", "Xã Cam Lộ", "--activity", "meeting", "--content", "Giao ban xã")
	tm := startTerm(t, 80, 24, []string{"SOTAY_DATA_DIR=" + data, "SOTAY_LANG=", "NO_COLOR=1", "TERM=xterm-256color"}, bin)
	tm.waitFor("Tuần này")
	today := time.Now().Format("02/01/2006")
	pause := func() { time.Sleep(300 * time.Millisecond) } // an Escape alone, not the start of alt+key

	// C: a copy dated today, saved once the officer saves.
	tm.keys("2")
	tm.waitFor("1 bản ghi", "Giao ban xã")
	tm.keys("C")
	tm.waitFor("(bản sao, ngày hôm nay)", today, "Xã Cam Lộ", "Giao ban xã")
	tm.keys("C-s")
	tm.waitFor("2 bản ghi")

	// T keeps the selected record as a template; N adds a record from it.
	tm.keys("T")
	tm.waitFor("Tên mẫu")
	tm.text("Giao ban tuần")
	tm.keys("Enter")
	tm.waitFor("Đã lưu mẫu «Giao ban tuần».")
	tm.keys("N")
	tm.waitFor("Mẫu nhật ký", "Giao ban tuần")
	tm.keys("Enter")
	tm.waitFor("theo mẫu «Giao ban tuần»", today, "Giao ban xã")
	tm.keys("C-s")
	tm.waitFor("3 bản ghi")

	// The report: f chooses the folder, x writes, a second x asks first.
	dir := filepath.Join(t.TempDir(), "Báo cáo")
	tm.keys("1")
	tm.waitFor("Tuần này")
	tm.keys("r")
	tm.waitFor("Lưu vào:", "(f: đổi)")
	tm.keys("f")
	tm.waitFor("Thư mục lưu báo cáo")
	tm.keys("C-u")
	tm.text(dir)
	tm.keys("Enter")
	tm.waitFor("Từ nay báo cáo lưu vào")
	tm.keys("x")
	tm.waitFor("Đã ghi bao-cao-tuan-")
	files, _ := filepath.Glob(filepath.Join(dir, "bao-cao-tuan-*.docx"))
	if len(files) != 1 {
		t.Fatalf("in the folder chosen: %q", files)
	}
	// The officer's edits in Word stand for the file as it is now.
	edited := []byte("the officer's edits")
	if err := os.WriteFile(files[0], edited, 0o644); err != nil {
		t.Fatal(err)
	}
	tm.keys("x")
	tm.waitFor("Đã có tệp " + filepath.Base(files[0]))
	tm.keys("Enter") // the default is no
	deadline := time.Now().Add(10 * time.Second)
	for s := tm.capture(); strings.Contains(s, "Đã có tệp"); s = tm.capture() {
		if time.Now().After(deadline) {
			t.Fatalf("the question is still open after Enter:\n%s", s)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if b, _ := os.ReadFile(files[0]); string(b) != string(edited) {
		t.Fatal("the report was written over without a yes")
	}
	tm.keys("x")
	tm.waitFor("Đã có tệp " + filepath.Base(files[0]))
	tm.keys("y")
	tm.waitFor("Đã ghi " + filepath.Base(files[0]))
	if b, _ := os.ReadFile(files[0]); string(b) == string(edited) || len(b) < 1000 {
		t.Fatalf("after yes the report is not written (%d bytes)", len(b))
	}
	tm.keys("Escape")
	pause()
	tm.keys("q")
	deadline = time.Now().Add(10 * time.Second)
	for !tm.exited() && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	// The copy and the record from the template are dated today, the
	// original keeps its date.
	list := sotay("list", "log")
	if strings.Count(list, "Giao ban xã") != 3 || strings.Count(list, today) != 2 || !strings.Contains(list, old.Format("02/01/2006")) {
		t.Fatalf("the logs are:\n%s", list)
	}
}
