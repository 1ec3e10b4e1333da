package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"sotay/hq"
	"sotay/record"
)

// hqWithRecords makes an HQ database holding two officers' records, one
// difficulty answered, and returns its directory and HQ's own totals.
func hqWithRecords(t *testing.T) (string, hq.Totals) {
	t.Helper()
	dir := t.TempDir()
	db, err := hq.OpenDB(dir, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	n := 0
	for _, who := range []struct{ name, province string }{{"Nguyễn Văn An", "ha-noi"}, {"Lò Thị Hoa", "dien-bien"}} {
		o, _, err := db.Enroll(who.name, who.province)
		if err != nil {
			t.Fatal(err)
		}
		var recs []record.Record
		for i := range 30 {
			n++
			r := record.Record{ID: fmt.Sprintf("01950000-0000-7000-8000-%012d", n), Rev: 1,
				Date: fmt.Sprintf("2026-11-%02d", 1+i%20), Commune: "Xã Mường Ảng"}
			switch i % 3 {
			case 0:
				r.Kind, r.Activity, r.Content = record.KindLog, "meeting", "Làm việc với Ủy ban nhân dân xã"
			case 1:
				r.Kind, r.Category, r.Severity, r.Title = record.KindDifficulty, "salary", "high", "Chậm chi trả phụ cấp"
			case 2:
				r.Kind, r.Topic, r.Participants, r.Women = record.KindTraining, "Tập huấn nghiệp vụ", 40, new(18)
			}
			recs = append(recs, r)
		}
		if rej, err := db.Apply(o.ID, "device-1", "", 30, recs); err != nil || len(rej) > 0 {
			t.Fatalf("apply: %v %v", rej, err)
		}
	}
	if _, err := db.Respond("01950000-0000-7000-8000-000000000002", "answered", "Đã đề nghị Sở Tài chính chi trả.", "Tổ công tác"); err != nil {
		t.Fatal(err)
	}
	tot, err := db.Totals()
	if err != nil {
		t.Fatal(err)
	}
	return dir, tot
}

func TestHQExportXLSX(t *testing.T) {
	dir, tot := hqWithRecords(t)
	out := filepath.Join(t.TempDir(), "tong-hop.xlsx")
	r := run(t, "", "hq", "--data-dir", dir, "export", "-o", out)
	if r.code != 0 {
		t.Fatalf("hq export: %+v", r)
	}
	checkRollupXLSX(t, out, tot)
}

// TestHQExportWhileServing exports while the server holds the database:
// the records come through its admin socket.
func TestHQExportWhileServing(t *testing.T) {
	dir, tot := hqWithRecords(t)
	serveHQ(t, dir)
	out := filepath.Join(t.TempDir(), "tong-hop.xlsx")
	if r := run(t, "", "hq", "--data-dir", dir, "export", "--format", "xlsx", "-o", out); r.code != 0 {
		t.Fatalf("hq export while serving: %+v", r)
	}
	checkRollupXLSX(t, out, tot)

	r := run(t, "", "hq", "--data-dir", dir, "export", "--format", "csv", "--table", "difficulty")
	if r.code != 0 {
		t.Fatalf("hq export csv while serving: %+v", r)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix([]byte(r.stdout), []byte("\uFEFF")))).ReadAll()
	if err != nil || len(rows)-1 != tot.Kinds["difficulty"] {
		t.Fatalf("csv: %d rows (want %d), %v", len(rows)-1, tot.Kinds["difficulty"], err)
	}
}

func checkRollupXLSX(t *testing.T, path string, tot hq.Totals) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Tổng hợp")
	if err != nil {
		t.Fatal(err)
	}
	total := rows[len(rows)-1]
	for i, want := range map[int]int{2: tot.Kinds["log"], 3: tot.Kinds["training"], 7: tot.Kinds["difficulty"]} { // 5: women, 6: trainings without
		if got, _ := strconv.Atoi(total[i]); got != want {
			t.Errorf("total %q = %s, want HQ's own %d", rows[0][i], total[i], want)
		}
	}
	for sheet, kind := range map[string]string{"Nhật ký công tác": "log", "Khó khăn, vướng mắc": "difficulty", "Tập huấn": "training"} {
		got, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(got)-1 != tot.Kinds[kind] {
			t.Errorf("%s: %d rows, want HQ's %d", sheet, len(got)-1, tot.Kinds[kind])
		}
	}
}

func TestHQExportUsage(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"hq", "--data-dir", dir, "export", "--format", "pdf"},
		{"hq", "--data-dir", dir, "export", "--format", "csv", "--table", "nope"},
		{"hq", "--data-dir", dir, "export", "--from", "2026-11-10", "--to", "2026-11-01"},
		{"hq", "--data-dir", dir, "export", "extra"},
	} {
		if r := run(t, "", args...); r.code != ExitUsage {
			t.Errorf("%v: exit %d, want %d (%s)", args, r.code, ExitUsage, r.stderr)
		}
	}
	if r := run(t, "", "hq", "export", "--help"); r.code != 0 || !bytes.Contains([]byte(r.stdout), []byte("--table")) {
		t.Errorf("hq export --help: %+v", r)
	}
}

// TestHQExportFormatFromFile: -o's extension picks csv or xlsx when
// --format is not given, and contradicting it is a usage error.
func TestHQExportFormatFromFile(t *testing.T) {
	dir, _ := hqWithRecords(t)
	tmp := t.TempDir()
	for _, tc := range []struct {
		args []string
		file string
		code int
		want string
	}{
		{nil, "t.csv", 0, "\uFEFF"},
		{nil, "t.CSV", 0, "\uFEFF"},
		{nil, "t.xlsx", 0, "PK"},
		{[]string{"--table", "log"}, "log.csv", 0, "\uFEFF"},
		{[]string{"--format", "csv"}, "t2.csv", 0, "\uFEFF"},
		{[]string{"--format", "xlsx"}, "t2.xlsx", 0, "PK"},
		{[]string{"--format", "csv"}, "bad.xlsx", ExitUsage, ""},
		{[]string{"--format", "xlsx"}, "bad.csv", ExitUsage, ""},
	} {
		out := filepath.Join(tmp, tc.file)
		r := run(t, "", append(append([]string{"hq", "--data-dir", dir, "export"}, tc.args...), "-o", out)...)
		if r.code != tc.code {
			t.Errorf("%v -o %s: exit %d, want %d (%s)", tc.args, tc.file, r.code, tc.code, r.stderr)
			continue
		}
		b, err := os.ReadFile(out)
		if tc.code != 0 {
			if err == nil || !strings.Contains(r.stderr, "-o "+out) {
				t.Errorf("%v -o %s: file written (%v) or stderr %q does not name the file", tc.args, tc.file, err, r.stderr)
			}
			continue
		}
		if err != nil || !strings.HasPrefix(string(b), tc.want) {
			t.Errorf("%v -o %s: file starts %q (%v), want %q", tc.args, tc.file, b[:min(len(b), 8)], err, tc.want)
		}
	}
}

func TestHQExportBadTable(t *testing.T) {
	r := run(t, "", "hq", "--data-dir", t.TempDir(), "export", "--format", "csv", "--table", "bogus")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "--table") || !strings.Contains(r.stderr, `"bogus"`) || !strings.Contains(r.stderr, "summary, log, difficulty, training") ||
		strings.Contains(r.stderr, "định dạng") {
		t.Errorf("--table bogus: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestHQExportNoDatabase: a directory without HQ's database is an error
// naming it, and the export creates nothing there.
func TestHQExportNoDatabase(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(t.TempDir(), "t.xlsx")
	r := run(t, "", "hq", "--data-dir", dir, "export", "-o", out)
	if r.code != ExitFailure || !strings.Contains(r.stderr, filepath.Join(dir, hq.DBFile)) {
		t.Errorf("exit %d, stderr %q: want a failure naming %s", r.code, r.stderr, hq.DBFile)
	}
	if _, err := os.Stat(filepath.Join(dir, hq.DBFile)); err == nil {
		t.Error("the export created an HQ database")
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the export wrote a roll-up")
	}
}

// serveHQ runs an HQ server on dir until the test ends, so that admin
// commands go through its socket.
func serveHQ(t *testing.T, dir string) {
	t.Helper()
	serveHQWith(t, hq.Config{DataDir: dir, Addr: "127.0.0.1:0", PlainHTTP: true, PublicURL: "http://127.0.0.1:1"})
}

// serveHQWith runs `sotay hq serve` with cfg in this process until the
// test ends.
func serveHQWith(t *testing.T, cfg hq.Config) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan struct{}), make(chan error, 1)
	cfg.Ready = func(string) { close(ready) }
	go func() { done <- hq.Serve(ctx, cfg) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("serve: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("the HQ server did not start")
	}
}
