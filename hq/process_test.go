package hq

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	gosync "sync"
	"syscall"
	"testing"
	"time"

	"sotay/record"
	"sotay/store"
)

// The end-to-end tests run the real binary: `sotay hq serve` as its own
// process on loopback with real TLS, and `sotay init/add/sync` as an
// officer would.

var (
	binOnce gosync.Once
	binPath string
	binErr  error
	binDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// sotayBin builds the binary once per test run.
func sotayBin(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "sotay-hq-test")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "sotay")
		if runtime.GOOS == "windows" {
			binPath += ".exe"
		}
		_, file, _, _ := runtime.Caller(0)
		cmd := exec.Command("go", "build", "-o", binPath, ".")
		cmd.Dir = filepath.Dir(filepath.Dir(file))
		if out, err := cmd.CombinedOutput(); err != nil {
			binErr = &buildError{out: string(out), err: err}
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

type buildError struct {
	out string
	err error
}

func (e *buildError) Error() string { return "go build: " + e.err.Error() + "\n" + e.out }

type result struct {
	stdout, stderr string
	code           int
}

// sotay runs the binary to completion (at most a minute).
func sotay(t testing.TB, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, sotayBin(t), args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.Env = append(os.Environ(), "SOTAY_LANG=en")
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run sotay %v: %v", args, err)
	}
	return result{out.String(), errb.String(), code}
}

func mustSotay(t testing.TB, args ...string) string {
	t.Helper()
	r := sotay(t, args...)
	if r.code != 0 {
		t.Fatalf("sotay %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return strings.TrimSpace(r.stdout)
}

// hqProcess is a running `sotay hq serve`.
type hqProcess struct {
	cmd  *exec.Cmd
	dir  string
	url  string
	done chan struct{}
}

// freeAddr finds a loopback port nobody listens on (for a server that must
// come back on the same address).
func freeAddr(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startServe starts `sotay hq serve` on addr and waits until it listens.
func startServe(t testing.TB, dir, addr string, extra ...string) *hqProcess {
	t.Helper()
	os.Remove(filepath.Join(dir, AddrFile))
	args := append([]string{"--data-dir", dir, "hq", "serve", "--addr", addr}, extra...)
	cmd := exec.Command(sotayBin(t), args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if testing.Verbose() {
		cmd.Stdout = os.Stdout
	} else {
		cmd.Stdout, cmd.Stderr = nil, nil
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &hqProcess{cmd: cmd, dir: dir, done: make(chan struct{})}
	go func() { cmd.Wait(); close(p.done) }()
	t.Cleanup(p.stop)
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if raw, err := os.ReadFile(filepath.Join(dir, AddrFile)); err == nil && len(raw) > 0 {
			p.url = strings.TrimSpace(string(raw))
			return p
		}
		select {
		case <-p.done:
			t.Fatalf("hq serve exited early: %v", cmd.ProcessState)
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatal("hq serve did not start listening within 15 s")
	return nil
}

// stop ends the server with SIGTERM (a clean shutdown) and waits.
func (p *hqProcess) stop() {
	select {
	case <-p.done:
		return
	default:
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		p.cmd.Process.Kill()
		<-p.done
	}
}

// kill ends the server with SIGKILL: no shutdown of any kind.
func (p *hqProcess) kill() {
	p.cmd.Process.Kill()
	<-p.done
}

// listRevs reads `sotay list KIND --json` of a notebook: id → rev.
func listRevs(t testing.TB, nbDir string) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, k := range record.Kinds() {
		var recs []record.Record
		raw := mustSotay(t, "--data-dir", nbDir, "list", string(k), "--json", "--limit", "1000000")
		if err := json.Unmarshal([]byte(raw), &recs); err != nil {
			t.Fatalf("list --json: %v\n%s", err, raw)
		}
		for _, r := range recs {
			out[r.ID] = r.Rev
		}
	}
	return out
}

// withDB opens HQ's database of a stopped server.
func withDB(t testing.TB, dir string, fn func(*DB)) {
	t.Helper()
	db, err := OpenDB(dir, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Check(); err != nil {
		t.Fatalf("HQ database check: %v", err)
	}
	fn(db)
}

func TestEndToEnd(t *testing.T) {
	root := t.TempDir()
	hqDir, nb := filepath.Join(root, "hq"), filepath.Join(root, "nb")
	addr := freeAddr(t)

	// Enrolled while HQ is stopped: the code names the address HQ will serve.
	code := mustSotay(t, "--data-dir", hqDir, "hq", "enroll", "--name", "Trần Thị Hoa",
		"--province", "ha-noi", "--url", "https://"+addr)
	if !strings.HasPrefix(code, "sotay1.") {
		t.Fatalf("enroll printed %q", code)
	}
	mustSotay(t, "--data-dir", nb, "init", "--name", "Trần Thị Hoa", "--province", "ha-noi", "--hq-code", code)

	// Records made while HQ is down.
	var ids []string
	for i := range 5 {
		ids = append(ids, mustSotay(t, "--data-dir", nb, "add", "log", "--date", "hôm nay", "--commune", "Phường Hoàn Kiếm",
			"--activity", "meeting", "--content", "Làm việc với UBND phường, buổi "+string(rune('1'+i))))
	}
	diff := mustSotay(t, "--data-dir", nb, "add", "difficulty", "--date", "hôm nay", "--commune", "Xã Sóc Sơn",
		"--category", "staffing", "--severity", "urgent", "--title", "Thiếu công chức địa chính")
	ids = append(ids, diff)
	mustSotay(t, "--data-dir", nb, "add", "training", "--date", "hôm nay", "--commune", "Xã Sóc Sơn",
		"--topic", "Chính quyền địa phương hai cấp", "--participants", "40", "--women", "18")

	r := sotay(t, "--data-dir", nb, "sync")
	if r.code != 1 || !strings.Contains(r.stderr, "cannot reach HQ") {
		t.Fatalf("sync with HQ down: exit %d, stderr %q", r.code, r.stderr)
	}

	hq := startServe(t, hqDir, addr)
	if hq.url != "https://"+addr {
		t.Fatalf("served at %s, enrolled for https://%s", hq.url, addr)
	}
	r = sotay(t, "--data-dir", nb, "sync", "--json")
	if r.code != 0 {
		t.Fatalf("sync: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	var rep struct{ Pushed, Pending int }
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || rep.Pushed != 7 || rep.Pending != 0 {
		t.Fatalf("sync --json = %s (%v)", r.stdout, err)
	}
	if !strings.Contains(r.stderr, "Sending: 7/7 records") {
		t.Errorf("no progress on stderr: %q", r.stderr)
	}

	// Admin commands go through the socket while the server runs.
	var officers []Officer
	if err := json.Unmarshal([]byte(mustSotay(t, "--data-dir", hqDir, "hq", "officers", "--json")), &officers); err != nil {
		t.Fatal(err)
	}
	if len(officers) != 1 || officers[0].Counts["log"] != 5 || officers[0].Counts["training"] != 1 || officers[0].LastSync.IsZero() {
		t.Fatalf("officers = %+v", officers)
	}
	// HQ kept the version the notebook's binary says it is.
	version := strings.TrimPrefix(strings.SplitN(mustSotay(t, "version"), "\n", 2)[0], "sotay ")
	var withVersion []struct {
		Client *string `json:"client_version"`
	}
	if err := json.Unmarshal([]byte(mustSotay(t, "--data-dir", hqDir, "hq", "officers", "--json")), &withVersion); err != nil ||
		len(withVersion) != 1 || withVersion[0].Client == nil || *withVersion[0].Client != version {
		t.Errorf("officers --json client_version = %+v (%v), want %q", withVersion, err, version)
	}
	if out := mustSotay(t, "--lang", "en", "--data-dir", hqDir, "hq", "officers"); !strings.Contains(out, "Version") || !strings.Contains(out, " "+version+" ") {
		t.Errorf("hq officers lacks the client version %q:\n%s", version, out)
	}
	mustSotay(t, "--data-dir", hqDir, "hq", "respond", diff, "--status", "in_progress", "--text", "Đã chuyển Vụ Tổ chức cán bộ")
	mustSotay(t, "--data-dir", hqDir, "hq", "notice", "--title", "Giao ban tuần", "--text", "Họp trực tuyến 8 giờ sáng thứ Hai")
	if r := sotay(t, "--data-dir", hqDir, "hq", "respond", ids[0], "--status", "answered"); r.code != 1 {
		t.Errorf("respond to a log: exit %d", r.code)
	}

	// Edits and deletes made in the notebook (as the TUI makes them).
	func() {
		st, err := store.Open(filepath.Join(nb, store.FileName), store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		rec, _ := st.Get(ids[0])
		rec.Results = "Thống nhất phương án"
		if _, err := st.Update(rec); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Delete(ids[1]); err != nil {
			t.Fatal(err)
		}
	}()
	r = sotay(t, "--data-dir", nb, "sync", "--json")
	if r.code != 0 {
		t.Fatalf("second sync: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	func() {
		st, err := store.Open(filepath.Join(nb, store.FileName), store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		d, _ := st.Get(diff)
		if d.Status != "in_progress" || len(d.Responses) != 1 || d.Responses[0].Text != "Đã chuyển Vụ Tổ chức cán bộ" {
			t.Errorf("difficulty after sync: status %q, responses %+v", d.Status, d.Responses)
		}
		ns, _ := st.Notices(context.Background(), 10)
		if len(ns) != 1 || ns[0].Title != "Giao ban tuần" {
			t.Errorf("notices = %+v", ns)
		}
	}()

	// Revoked while the server runs: refused at once.
	mustSotay(t, "--data-dir", hqDir, "hq", "revoke", officers[0].ID)
	mustSotay(t, "--data-dir", nb, "add", "log", "--date", "hôm nay", "--commune", "Phường Hoàn Kiếm",
		"--activity", "other", "--content", "Sau khi thu hồi")
	r = sotay(t, "--data-dir", nb, "sync")
	if r.code != 1 || !strings.Contains(r.stderr, "revoked") {
		t.Errorf("sync after revoke: exit %d, stderr %q", r.code, r.stderr)
	}
	want := listRevs(t, nb)
	hq.stop()

	// HQ holds exactly the notebook's records at their latest revs, the
	// deleted one as a tombstone, and nothing sent after the revocation.
	withDB(t, hqDir, func(db *DB) {
		held := map[string]int64{}
		deleted := 0
		db.EachRecord(func(r RecordRow) error {
			if r.Record.Deleted {
				deleted++
				if r.Record.ID != ids[1] || r.Record.Rev != 2 {
					t.Errorf("tombstone %s rev %d", r.Record.ID, r.Record.Rev)
				}
				return nil
			}
			held[r.Record.ID] = r.Record.Rev
			return nil
		})
		if deleted != 1 {
			t.Errorf("%d tombstones at HQ", deleted)
		}
		if len(held) != len(want)-1 {
			t.Errorf("HQ holds %d live records, notebook %d (one made after revocation)", len(held), len(want))
		}
		for id, rev := range held {
			if want[id] != rev {
				t.Errorf("record %s: HQ rev %d, notebook rev %d", id, rev, want[id])
			}
		}
		audit, _ := db.Audit()
		var actions []string
		for _, a := range audit {
			actions = append(actions, a.Action)
		}
		if strings.Join(actions, ",") != "enroll,respond,notice,revoke" {
			t.Errorf("audit = %v", actions)
		}
	})

	// Admin commands work with the server stopped, on the database.
	out := mustSotay(t, "--data-dir", hqDir, "hq", "officers")
	if !strings.Contains(out, "Trần Thị Hoa") || !strings.Contains(out, "revoked") {
		t.Errorf("hq officers (stopped) = %q", out)
	}
	mustSotay(t, "--data-dir", hqDir, "hq", "notice", "--title", "Khi máy chủ dừng", "--text", "vẫn gửi được")
}

// TestRejectedRecordParked: a record HQ refuses is parked with HQ's reason,
// the rest of the queue goes through, and `sotay sync` says so and exits 1
// until the officer deals with it.
func TestRejectedRecordParked(t *testing.T) {
	root := t.TempDir()
	hqDir := filepath.Join(root, "hq")
	p := startServe(t, hqDir, "127.0.0.1:0")
	nbA, nbB := filepath.Join(root, "a"), filepath.Join(root, "b")
	for _, nb := range []string{nbA, nbB} {
		code := mustSotay(t, "--data-dir", hqDir, "hq", "enroll", "--name", "Cán bộ", "--province", "hue")
		mustSotay(t, "--data-dir", nb, "init", "--name", "Cán bộ", "--province", "hue", "--hq-code", code)
	}
	id := mustSotay(t, "--data-dir", nbA, "add", "log", "--date", "hôm nay", "--commune", "Phường Thuận Hóa",
		"--activity", "survey", "--content", "Khảo sát")
	mustSotay(t, "--data-dir", nbA, "sync")

	// B imports A's record (an export passed around), keeping its id.
	func() {
		a, err := store.Open(filepath.Join(nbA, store.FileName), store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		rec, err := a.Get(id)
		a.Close()
		if err != nil {
			t.Fatal(err)
		}
		b, err := store.Open(filepath.Join(nbB, store.FileName), store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		if err := b.Import(context.Background(), []record.Record{rec}, nil); err != nil {
			t.Fatal(err)
		}
	}()
	own := mustSotay(t, "--data-dir", nbB, "add", "log", "--date", "hôm nay", "--commune", "Phường Thuận Hóa",
		"--activity", "meeting", "--content", "Họp")
	for range 2 { // and again: parked records keep the exit status at 1
		r := sotay(t, "--data-dir", nbB, "sync", "--json")
		if r.code != 1 || !strings.Contains(r.stderr, id) || !strings.Contains(r.stderr, "another officer") {
			t.Fatalf("sync with a refused record: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
		}
		var rep struct {
			Pending int
			Error   string
			Parked  []store.ParkedRecord
		}
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
			t.Fatal(err)
		}
		if rep.Pending != 0 || rep.Error != "rejected" || len(rep.Parked) != 1 || rep.Parked[0].Code != "other_officer" {
			t.Errorf("sync --json = %+v", rep)
		}
	}
	p.stop()
	func() {
		b, err := store.Open(filepath.Join(nbB, store.FileName), store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		if ss, _ := b.SyncState(); ss.LastError != "rejected" || ss.LastSync.IsZero() {
			t.Errorf("sync state with a parked record: last error %q, last sync %v", ss.LastError, ss.LastSync)
		}
	}()
	withDB(t, hqDir, func(db *DB) {
		a, _ := db.Record(id)
		b, err := db.Record(own)
		if err != nil || a.Officer == b.Officer {
			t.Errorf("B's own record: %+v, %v; A's record now belongs to %s", b, err, a.Officer)
		}
	})
}
