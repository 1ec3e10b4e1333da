package ui

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTalkInTmux drives the built program at 80×24 against a real HQ
// (`sotay hq serve`, TLS on loopback): the after-sync message told once,
// a training HQ marked for correction (its mark in the list and its
// detail), and a difficulty's thread. The screens are logged, and written
// to $SOTAY_CAPTURES when set.
func TestTalkInTmux(t *testing.T) {
	needTmux(t)
	if testing.Short() {
		t.Skip("builds the binary and runs HQ")
	}
	bin := buildBinary(t)
	hqDir, nb := t.TempDir(), t.TempDir()
	sotay := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "SOTAY_LANG=vi", "SOTAY_DATA_DIR="+nb)
		out, err := cmd.Output()
		if err != nil {
			var stderr []byte
			if ee, ok := err.(*exec.ExitError); ok {
				stderr = ee.Stderr
			}
			t.Fatalf("sotay %v: %v\n%s%s", args, err, out, stderr)
		}
		return strings.TrimSpace(string(out))
	}
	ctx, cancel := context.WithCancel(context.Background())
	serve := exec.CommandContext(ctx, bin, "hq", "--data-dir", hqDir, "serve", "--addr", "127.0.0.1:0")
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); serve.Wait() })
	deadline := time.Now().Add(20 * time.Second)
	for {
		if _, err := os.Stat(filepath.Join(hqDir, "addr")); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("hq serve did not start")
		}
		time.Sleep(50 * time.Millisecond)
	}
	code := sotay("hq", "--data-dir", hqDir, "enroll", "--name", "Nguyễn Văn An", "--province", "quang-tri")
	sotay("init", "--name", "Nguyễn Văn An", "--province", "quang-tri", "--hq-code", code)
	day := testNow.Format("2006-01-02")
	d := sotay("add", "difficulty", "--date", day, "--commune", "Xã Cam Lộ", "--category", "staffing",
		"--severity", "high", "--title", "Thiếu công chức địa chính")
	tr := sotay("add", "training", "--date", day, "--commune", "Xã Cam Lộ", "--topic", "Tập huấn một cửa",
		"--participants", "40", "--women", "12")
	sotay("sync")
	sotay("hq", "--data-dir", hqDir, "respond", d, "--status", "in_progress", "--text", "Đề nghị báo cáo số biên chế hiện có.")
	sotay("sync")
	sotay("followup", d, "--text", "Xã hiện có 18/22 biên chế, thiếu 2 công chức địa chính.")
	sotay("sync")
	sotay("hq", "--data-dir", hqDir, "respond", d, "--status", "answered", "--text", "Bố trí kiêm nhiệm theo Nghị định 33/2023/NĐ-CP.")
	sotay("hq", "--data-dir", hqDir, "review", tr, "--state", "has_issues", "--comment", "Số nữ tham gia chưa khớp danh sách ký.")

	captures := map[string]string{}
	tm := startTerm(t, 80, 24, []string{"SOTAY_DATA_DIR=" + nb, "SOTAY_LANG=", "NO_COLOR=1", "TERM=xterm-256color"}, bin)
	// s syncs; the TUI tells what the sync brought, once.
	tm.waitFor("Tuần này")
	tm.keys("s")
	captures["after-sync"] = tm.waitFor("Tổ công tác trả lời 1 khó khăn · 1 bản ghi cần sửa", "1 bản ghi cần sửa")
	tm.keys("4")
	captures["trainings"] = tm.waitFor("! ", "Tập huấn một cửa")
	tm.keys("Enter")
	captures["training-to-fix"] = tm.waitFor("Cần sửa", "Số nữ tham gia chưa khớp", "Tổ công tác đã nhận")
	tm.keys("Escape")
	time.Sleep(300 * time.Millisecond)
	tm.keys("3")
	tm.waitFor("Thiếu công chức địa chính")
	tm.keys("Enter")
	tm.waitFor("Tổ công tác  Trạng thái")
	tm.keys("End")
	captures["thread"] = tm.waitFor("Đề nghị báo cáo", "Xã hiện có 18/22", "Bố trí kiêm nhiệm")
	s := captures["thread"]
	if a, f, b := strings.Index(s, "Đề nghị báo cáo"), strings.Index(s, "Xã hiện có 18/22"), strings.Index(s, "Bố trí kiêm nhiệm"); !(a < f && f < b) {
		t.Errorf("the thread is out of order:\n%s", s)
	}
	tm.keys("q")
	for _, name := range []string{"after-sync", "trainings", "training-to-fix", "thread"} {
		t.Logf("%s at 80×24:\n%s", name, captures[name])
		if dir := os.Getenv("SOTAY_CAPTURES"); dir != "" {
			if err := os.WriteFile(filepath.Join(dir, name+".txt"), []byte(captures[name]), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
