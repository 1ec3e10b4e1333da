package ui

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"sotay/internal/testenv"
)

// The end-to-end test runs the built binary in a real terminal (tmux) as an
// officer would: first-run setup, one record of each kind with Vietnamese
// text typed and pasted in NFD, a filter without diacritics, quit, start
// again, and everything is still there.

// term is one tmux server with one window running a command.
type term struct {
	t      testing.TB
	socket string
}

func needTmux(t testing.TB) {
	testenv.LookPath(t, "tmux", "tmux")
}

// buildBinary builds sotay once for the test.
func buildBinary(t testing.TB) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "sotay")
	out, err := exec.Command("go", "build", "-o", bin, "sotay").CombinedOutput()
	if err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// notebookCommand runs the built binary's commands on the notebook in
// data, as an officer at a shell would, and fails the test on an error.
func notebookCommand(t testing.TB, bin, data string) func(args ...string) string {
	return func(args ...string) string {
		t.Helper()
		out, err := exec.Command(bin, append([]string{"--data-dir", data}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		return string(out)
	}
}

func startTerm(t testing.TB, w, h int, env []string, argv ...string) *term {
	t.Helper()
	tm := &term{t: t, socket: fmt.Sprintf("sotay-e2e-%d-%d", os.Getpid(), time.Now().UnixNano())}
	cmd := append([]string{"env"}, env...)
	cmd = append(cmd, argv...)
	args := append([]string{"-L", tm.socket, "-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h)}, cmd...)
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		t.Fatalf("tmux: %v\n%s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })
	return tm
}

func (tm *term) tmux(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", tm.socket}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// keys sends tmux key names (Tab, C-s, Escape, Enter, …).
func (tm *term) keys(keys ...string) { tm.tmux(append([]string{"send-keys", "-t", "e2e"}, keys...)...) }

// text types text literally, byte for byte (NFD stays NFD).
func (tm *term) text(s string) { tm.tmux("send-keys", "-t", "e2e", "-l", s) }

// paste pastes text as a terminal does (bracketed paste).
func (tm *term) paste(s string) {
	tm.tmux("set-buffer", "-b", "e2e", s)
	tm.tmux("paste-buffer", "-p", "-d", "-b", "e2e", "-t", "e2e")
}

func (tm *term) capture() string { return tm.tmux("capture-pane", "-p", "-t", "e2e") }

func (tm *term) waitFor(want ...string) string {
	tm.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var s string
	for time.Now().Before(deadline) {
		s = tm.capture()
		ok := true
		for _, w := range want {
			if !strings.Contains(s, w) {
				ok = false
			}
		}
		if ok {
			return s
		}
		time.Sleep(20 * time.Millisecond)
	}
	tm.t.Fatalf("terminal never showed %q; screen:\n%s", want, s)
	return ""
}

// exited reports whether the program has ended: its session is gone, or
// its pane is dead (kept by remain-on-exit; tmux does not always draw its
// "Pane is dead" line before the test looks).
func (tm *term) exited() bool {
	out, err := exec.Command("tmux", "-L", tm.socket, "list-panes", "-t", "e2e", "-F", "#{pane_dead} #{pane_dead_status} #{pane_dead_signal}").CombinedOutput()
	if err != nil {
		return true
	}
	f := strings.Fields(string(out))
	return len(f) > 0 && f[0] == "1"
}

func nfd(s string) string { return norm.NFD.String(s) }

func TestEndToEndInTmux(t *testing.T) {
	needTmux(t)
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	data := t.TempDir()
	env := []string{"SOTAY_DATA_DIR=" + data, "SOTAY_LANG=", "NO_COLOR=1", "TERM=xterm-256color"}
	run := func() *term {
		tm := startTerm(t, 80, 24, env, bin)
		// The session ends with the program; keep it so a failure shows the screen.
		tm.tmux("set-option", "-t", "e2e", "remain-on-exit", "on")
		return tm
	}

	tm := run()
	tm.waitFor("Thiết lập sổ tay công tác")
	tm.text(nfd("Nguyễn Văn An"))
	tm.keys("Tab")
	tm.text("ha noi")
	tm.waitFor("Hà Nội")
	tm.keys("Tab")
	tm.text(nfd("Chuyên viên"))
	tm.keys("C-s")
	tm.waitFor("Tổng quan", "Nguyễn Văn An · Hà Nội")

	// A work log: commune typed in NFD, content pasted in NFD.
	tm.keys("2")
	tm.waitFor("Chưa có bản ghi nào")
	tm.keys("n")
	tm.waitFor("Thêm nhật ký")
	tm.keys("Tab")
	tm.text(nfd("Phường Hoàn Kiếm"))
	tm.keys("Tab", "Right", "Right", "Tab")
	tm.paste(nfd("Họp với UBND phường tại Hà Nội\nvề sắp xếp bộ máy"))
	tm.keys("C-s")
	tm.waitFor("1 bản ghi", "Phường Hoàn Kiếm")

	// A difficulty.
	tm.keys("3")
	tm.waitFor("Chưa có bản ghi nào")
	tm.keys("n")
	tm.waitFor("Thêm khó khăn")
	tm.keys("Tab")
	tm.text(nfd("Xã Đông Anh"))
	tm.keys("Tab", "Right", "Tab", "Right", "Right", "Right", "Right", "Tab")
	tm.text(nfd("Chậm chi trả chế độ nghỉ việc"))
	tm.keys("Tab")
	tm.paste(nfd("Mười hai cán bộ chưa nhận trợ cấp."))
	tm.keys("C-s")
	tm.waitFor("1 bản ghi", "Chậm chi trả chế độ")

	// A training session.
	tm.keys("4")
	tm.waitFor("Chưa có bản ghi nào")
	tm.keys("n")
	tm.waitFor("Thêm tập huấn")
	tm.keys("Tab")
	tm.paste(nfd("Hội trường xã Sóc Sơn"))
	tm.keys("Tab")
	tm.text(nfd("Nghiệp vụ văn thư, lưu trữ"))
	tm.keys("Tab", "Tab")
	tm.text("45")
	tm.keys("C-s")
	tm.waitFor("1 bản ghi", "Nghiệp vụ văn thư")

	// "ha noi" finds the log.
	tm.keys("2")
	tm.waitFor("Phường Hoàn Kiếm")
	tm.keys("/")
	tm.text("ha noi")
	tm.waitFor("/ ha noi", "1 kết quả", "Phường Hoàn Kiếm")
	tm.keys("Enter", "q")
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(tm.capture(), "Pane is dead") && !tm.exited() {
		if time.Now().After(deadline) {
			t.Fatalf("q did not quit:\n%s", tm.capture())
		}
		time.Sleep(20 * time.Millisecond)
	}

	// Start again: everything is still there.
	tm = run()
	tm.waitFor("Tổng quan", "Trong tuần: 1 nhật ký · 1 khó khăn · 1 buổi tập huấn")
	tm.keys("2")
	tm.waitFor("Phường Hoàn Kiếm", "Họp với UBND phường")
	tm.keys("3")
	tm.waitFor("Xã Đông Anh", "Chậm chi trả chế độ")
	tm.keys("4")
	tm.waitFor("Nghiệp vụ văn thư, lưu trữ", "45")
	tm.keys("q")

	// What was stored is NFC, whatever the keyboard sent.
	deadline = time.Now().Add(5 * time.Second)
	var out []byte
	for {
		var err error
		out, err = exec.Command(bin, "--data-dir", data, "list", "log", "--json").Output()
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("list: %v", err)
		}
		time.Sleep(50 * time.Millisecond) // the TUI still holds the notebook
	}
	var logs []map[string]any
	if err := json.Unmarshal(out, &logs); err != nil || len(logs) != 1 {
		t.Fatalf("list --json: %v\n%s", err, out)
	}
	if got, want := logs[0]["content"], "Họp với UBND phường tại Hà Nội\nvề sắp xếp bộ máy"; got != want || !norm.NFC.IsNormalString(want) {
		t.Fatalf("content = %q, want %q (NFC)", got, want)
	}
	if got := logs[0]["commune"]; got != "Phường Hoàn Kiếm" {
		t.Fatalf("commune = %q", got)
	}
}
