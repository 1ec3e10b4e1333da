package cli

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

// fixedNow is the clock of every CLI test: Sunday 22 November 2026, 09:30.
var fixedNow = time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC)

type result struct {
	code           int
	stdout, stderr string
}

// run runs the command line in-process against the notebook in dir.
func run(t *testing.T, dir string, args ...string) result {
	t.Helper()
	return runWith(t, dir, runOpts{}, args...)
}

// runOpts are what a test changes of the world a command sees: what is
// typed on stdin, whether stdin is a terminal, the laptop's clock
// (fixedNow unless given).
type runOpts struct {
	stdin    string
	terminal bool
	now      func() time.Time
}

func runWith(t *testing.T, dir string, o runOpts, args ...string) result {
	t.Helper()
	if o.now == nil {
		o.now = func() time.Time { return fixedNow }
	}
	var out, errOut bytes.Buffer
	env := Env{
		Stdin:  strings.NewReader(o.stdin),
		Stdout: &out,
		Stderr: &errOut,
		Getenv: func(k string) string {
			if k == "SOTAY_DATA_DIR" {
				return dir
			}
			return ""
		},
		Now:             o.now,
		StdinIsTerminal: func() bool { return o.terminal },
	}
	code := Run(context.Background(), args, env)
	return result{code, out.String(), errOut.String()}
}

// setUp makes a notebook with a profile.
func setUp(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if r := run(t, dir, "init", "--name", "Nguyễn Văn An", "--province", "ha-noi"); r.code != 0 {
		t.Fatalf("init: %+v", r)
	}
	return dir
}

type status struct {
	Pending int            `json:"pending"`
	Records map[string]int `json:"records"`
}

func readStatus(t *testing.T, dir string) status {
	t.Helper()
	r := run(t, dir, "status", "--json")
	if r.code != 0 {
		t.Fatalf("status: %+v", r)
	}
	var s status
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
		t.Fatalf("status --json: %v\n%s", err, r.stdout)
	}
	return s
}

func TestAddListRoundTrip(t *testing.T) {
	dir := setUp(t)
	nfd := norm.NFD.String("Làm việc tại Hà Nội")
	r := run(t, dir, "add", "log", "--date", "hôm qua", "--commune", "Phường Hoàn Kiếm",
		"--activity", "meeting", "--content", nfd, "--next-steps", "Theo dõi")
	if r.code != 0 || len(strings.TrimSpace(r.stdout)) != 36 {
		t.Fatalf("add: %+v", r)
	}
	id := strings.TrimSpace(r.stdout)
	for _, q := range []string{"ha noi", "HA NOI", norm.NFD.String("Hà Nội"), "lam vi"} {
		r = run(t, dir, "list", "log", "--search", q, "--json")
		var recs []map[string]any
		if err := json.Unmarshal([]byte(r.stdout), &recs); err != nil || r.code != 0 {
			t.Fatalf("list --search %q: %v %+v", q, err, r)
		}
		if len(recs) != 1 || recs[0]["id"] != id {
			t.Fatalf("list --search %q = %v, want the record %s", q, recs, id)
		}
		if recs[0]["content"] != "Làm việc tại Hà Nội" || recs[0]["date"] != "2026-11-21" ||
			recs[0]["next_steps"] != "Theo dõi" || recs[0]["rev"] != 1.0 {
			t.Errorf("stored record = %v (want NFC text, yesterday's date)", recs[0])
		}
	}
	r = run(t, dir, "list", "log")
	if !strings.Contains(r.stdout, "21/11/2026") || !strings.Contains(r.stdout, id) {
		t.Errorf("list table = %q", r.stdout)
	}
	if s := readStatus(t, dir); s.Pending != 1 || s.Records["log"] != 1 {
		t.Errorf("status = %+v", s)
	}
}

// TestBadInput checks every kind of bad input: a clear one-line error, the
// right exit code, and nothing written.
func TestBadInput(t *testing.T) {
	dir := setUp(t)
	log := []string{"add", "log", "--date", "20/11/2026", "--commune", "Xã A", "--activity", "meeting", "--content", "x"}
	training := []string{"add", "training", "--date", "20/11/2026", "--commune", "Xã A", "--topic", "T", "--participants", "10"}
	difficulty := []string{"add", "difficulty", "--date", "20/11/2026", "--commune", "Xã A", "--category", "salary", "--severity", "high", "--title", "T"}
	with := func(base []string, extra ...string) []string {
		return append(append([]string(nil), base...), extra...)
	}
	tests := []struct {
		name string
		args []string
		code int
		want string // in the error line
	}{
		{"missing required", []string{"add", "log", "--date", "20/11/2026"}, 1, "bắt buộc"},
		{"unknown activity", with(log, "--activity", "party"), 2, "party"},
		{"unknown category", with(difficulty, "--category", "weather"), 2, "weather"},
		{"unknown severity", with(difficulty, "--severity", "extreme"), 2, "extreme"},
		{"bad date", with(log, "--date", "31/02/2026"), 1, "dd/mm/yyyy"},
		{"future date", with(log, "--date", "01/01/2027"), 1, "tương lai"},
		{"negative participants", with(training, "--participants", "-3"), 1, "âm"},
		{"participants not a number", with(training, "--participants", "mười"), 1, "không phải là số"},
		{"women over participants", with(training, "--women", "11"), 1, "số nữ"},
		{"text too long", with(log, "--commune", strings.Repeat("x", 301)), 1, "300"},
		{"invalid utf-8", with(log, "--content", "a\xffb"), 1, "UTF-8"},
		{"unknown kind", []string{"add", "meeting"}, 2, "meeting"},
		{"no kind", []string{"add"}, 2, "log, difficulty"},
		{"unknown flag", with(log, "--colour", "red"), 2, "không có tham số «--colour»"},
		{"flag without value", []string{"add", "log", "--content"}, 2, "cần một giá trị"},
		{"unknown language", []string{"--lang", "fr", "status"}, 2, "vi, en"},
		{"hours out of range", with(training, "--hours", "100000"), 1, "vượt quá giới hạn"},
		{"unknown command", []string{"frobnicate"}, 2, "frobnicate"},
		{"bad export format", []string{"export", "--format", "pdf"}, 2, "pdf"},
		{"bad list date", []string{"list", "log", "--from", "tomorrow-ish"}, 2, "tomorrow-ish"},
		{"unknown province", []string{"init", "--province", "ha-giang"}, 2, "ha-giang"},
	}
	before := readStatus(t, dir)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, dir, tt.args...)
			if r.code != tt.code {
				t.Fatalf("exit = %d, want %d; stderr %q", r.code, tt.code, r.stderr)
			}
			first := strings.SplitN(r.stderr, "\n", 2)[0]
			if !strings.HasPrefix(first, "sotay: ") || !strings.Contains(first, tt.want) {
				t.Errorf("error line = %q, want it to mention %q", first, tt.want)
			}
			if tt.code == 1 && strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
				t.Errorf("error is not one line: %q", r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout = %q, want nothing", r.stdout)
			}
		})
	}
	after := readStatus(t, dir)
	if after.Pending != before.Pending || after.Records["log"]+after.Records["training"]+after.Records["difficulty"] != 0 {
		t.Errorf("bad input wrote something: before %+v after %+v", before, after)
	}
}

func TestAddNeedsProfile(t *testing.T) {
	dir := t.TempDir()
	r := run(t, dir, "add", "log", "--date", "20/11/2026", "--commune", "Xã A", "--activity", "meeting", "--content", "x")
	if r.code != 1 || !strings.Contains(r.stderr, "sotay init") {
		t.Errorf("add before init = %+v", r)
	}
}

func TestLockedNotebook(t *testing.T) {
	dir := setUp(t)
	// Hold the notebook open as a running TUI would, then try the CLI.
	a := &app{env: Env{Getenv: func(string) string { return dir }, Now: time.Now}}
	a.dataDir = dir
	if _, err := a.openStore(); err != nil {
		t.Fatal(err)
	}
	defer a.close()
	// How long the second open waits is store's to test (process_test.go);
	// here: the officer's words, in both languages, and exit 1.
	r := run(t, dir, "status")
	if r.code != 1 || !strings.Contains(r.stderr, "cửa sổ khác") || !strings.Contains(r.stderr, "another window") {
		t.Errorf("second open = %+v", r)
	}
}

func TestExport(t *testing.T) {
	dir := setUp(t)
	for _, args := range [][]string{
		{"add", "log", "--date", "20/11/2026", "--commune", "Phường Ba Đình", "--activity", "survey", "--content", "Khảo sát, \"trụ sở\"\nmới"},
		{"add", "training", "--date", "21/11/2026", "--commune", "Xã Đông Anh", "--topic", "Chuyển đổi số", "--participants", "30", "--women", "12", "--hours", "3.5"},
		{"add", "log", "--date", "19/11/2026", "--commune", "=HYPERLINK(\"http://x\")", "--activity", "other", "--content", "@SUM(A1)"},
	} {
		if r := run(t, dir, args...); r.code != 0 {
			t.Fatalf("%v: %+v", args, r)
		}
	}
	out := filepath.Join(t.TempDir(), "so-tay.csv")
	if r := run(t, dir, "export", "--format", "csv", "-o", out); r.code != 0 {
		t.Fatalf("export csv: %+v", r)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\uFEFFid,kind,rev")) {
		t.Errorf("csv does not start with a BOM and the header: %q", b[:min(len(b), 40)])
	}
	for _, want := range []string{"Phường Ba Đình", `"Khảo sát, ""trụ sở""` + "\nmới\"", "Chuyển đổi số", ",30,12,",
		`"'=HYPERLINK(""http://x"")"`, ",'@SUM(A1),"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("csv lacks %q:\n%s", want, b)
		}
	}
	// -o's extension picks the format; a contradicting --format is refused.
	asJSON := filepath.Join(t.TempDir(), "so-tay.json")
	if r := run(t, dir, "export", "-o", asJSON); r.code != 0 {
		t.Fatalf("export -o x.json: %+v", r)
	}
	if b, _ := os.ReadFile(asJSON); !bytes.HasPrefix(b, []byte("[")) {
		t.Errorf("export -o x.json wrote %q…", b[:min(len(b), 20)])
	}
	if r := run(t, dir, "export", "--format", "json", "-o", out); r.code != 2 {
		t.Errorf("export --format json -o x.csv = %+v, want a usage error", r)
	}
	r := run(t, dir, "export")
	var recs []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &recs); err != nil || len(recs) != 3 {
		t.Fatalf("export json: %v, %d records\n%s", err, len(recs), r.stdout)
	}
	if recs[0]["kind"] != "training" || recs[0]["hours"] != 3.5 {
		t.Errorf("newest first: %v", recs[0])
	}
}

func TestHelp(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"--help"}, []string{"init", "add", "list", "status", "export", "--data-dir"}},
		{[]string{"add", "--help"}, []string{"-next-steps", "-participants", "-category"}},
		{[]string{"list", "--help"}, []string{"-search", "-json", "-limit", "-severity"}},
		{[]string{"add", "log", "--help"}, []string{"-activity", "survey|meeting"}},
		{[]string{"--lang", "en", "--help"}, []string{"Usage: sotay", "Commands:"}},
	}
	for _, tt := range tests {
		r := run(t, dir, tt.args...)
		if r.code != 0 {
			t.Errorf("%v: exit %d", tt.args, r.code)
		}
		for _, w := range tt.want {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("%v: help lacks %q:\n%s", tt.args, w, r.stdout)
			}
		}
	}
}

// TestInitChecksBeforeWriting: a bad profile with a good HQ code leaves the
// notebook neither enrolled nor set up.
func TestInitChecksBeforeWriting(t *testing.T) {
	dir := t.TempDir()
	code := "sotay1." + base64.RawURLEncoding.EncodeToString([]byte(
		`{"u":"https://127.0.0.1:9","o":"ha-noi-1","t":"0123456789abcdef0123"}`))
	r := run(t, dir, "init", "--province", "ha-noi", "--hq-code", code)
	if r.code != 1 || !strings.Contains(r.stderr, "bắt buộc") {
		t.Fatalf("init without a name = %+v", r)
	}
	r = run(t, dir, "status", "--json")
	var s struct {
		HQ      string `json:"hq"`
		Officer string `json:"officer"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil || s.HQ != "" || s.Officer != "" {
		t.Fatalf("after a refused init: %+v (%v)", s, err)
	}
	if r := run(t, dir, "init", "--name", "Đỗ Thu Hà", "--province", "ha-noi", "--position", "Chuyên viên", "--hq-code", code); r.code != 0 {
		t.Fatalf("init = %+v", r)
	}
	// Re-running init changes only what it is given; --position "" clears.
	if r := run(t, dir, "init", "--position", ""); r.code != 0 {
		t.Fatalf("init --position '' = %+v", r)
	}
	r = run(t, dir, "status", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil || s.HQ != "https://127.0.0.1:9" || s.Officer != "Đỗ Thu Hà" {
		t.Fatalf("after init: %+v (%v)", s, err)
	}
}

// TestFileErrors: a missing folder or a folder for a file name is said in
// words, once, naming what the officer typed.
func TestFileErrors(t *testing.T) {
	dir := setUp(t)
	missing := filepath.Join(t.TempDir(), "khong-co", "x.json")
	tests := []struct {
		out, want string
	}{
		{missing, "Không tìm thấy tệp hoặc thư mục " + missing},
		{t.TempDir(), "là một thư mục"},
	}
	for _, tt := range tests {
		r := run(t, dir, "export", "-o", tt.out)
		if r.code != 1 || !strings.Contains(r.stderr, tt.want) || strings.Contains(r.stderr, ".tmp") {
			t.Errorf("export -o %s = %+v, want %q", tt.out, r, tt.want)
		}
	}
}

func TestSearchWithoutWords(t *testing.T) {
	dir := setUp(t)
	if r := run(t, dir, "add", "log", "--date", "20/11/2026", "--commune", "Xã A", "--activity", "meeting", "--content", "Họp"); r.code != 0 {
		t.Fatal(r)
	}
	r := run(t, dir, "list", "log", "--search", "!!!", "--json")
	if r.code != 0 || strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("search for punctuation = %+v, want an empty array", r)
	}
}
