package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"sotay/store"
	"sotay/sync"
	"sotay/sync/wire"
)

func TestSyncNotEnrolled(t *testing.T) {
	dir := setUp(t)
	r := run(t, dir, "--lang", "en", "sync")
	if r.code != ExitFailure || !strings.Contains(r.stderr, "not enrolled") {
		t.Errorf("sync before enrollment: %+v", r)
	}
	r = run(t, dir, "--lang", "en", "init", "--hq-code", "sotay1.garbage")
	if r.code != ExitFailure || !strings.Contains(r.stderr, "not a valid enrollment code") {
		t.Errorf("init with a bad code: %+v", r)
	}
	if r := run(t, dir, "sync", "--bogus"); r.code != ExitUsage {
		t.Errorf("sync --bogus: exit %d", r.code)
	}
}

func TestSyncerFromSetting(t *testing.T) {
	dir := setUp(t)
	st, err := store.Open(filepath.Join(dir, store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a := &app{}
	if c, err := a.syncer(st); c != nil || err != nil {
		t.Fatalf("syncer of a notebook not enrolled = %v, %v", c, err)
	}
	code := wire.Enrollment{URL: "https://127.0.0.1:9", Officer: "ha-noi-1", Token: strings.Repeat("k", 43)}.Code()
	if err := st.SetSetting("hq_code", code); err != nil {
		t.Fatal(err)
	}
	c, err := a.syncer(st)
	if c == nil || err != nil {
		t.Fatalf("syncer after the setup screen kept a code = %v, %v", c, err)
	}
	if ss, _ := st.SyncState(); ss.OfficerID != "ha-noi-1" {
		t.Errorf("sync state = %+v", ss)
	}
}

func TestSyncJSONNotEnrolled(t *testing.T) {
	dir := setUp(t)
	r := run(t, dir, "--lang", "en", "sync", "--json")
	var rep syncReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || r.code != ExitFailure {
		t.Fatalf("sync --json before enrollment: %+v (%v)", r, err)
	}
	if rep.Error != sync.FailNotEnrolled || !strings.Contains(rep.Message, "not enrolled") || rep.Parked == nil {
		t.Errorf("summary = %+v", rep)
	}
}

// TestHQCommandLine: flag mistakes are a line on stderr and exit 2 with
// nothing on stdout (which carries codes); --help prints the flags once.
func TestHQCommandLine(t *testing.T) {
	hqDir := t.TempDir()
	cases := []struct {
		name   string
		args   []string
		code   int
		stdout string // a part stdout must hold once; "" for empty
	}{
		{"misspelt flag", []string{"enroll", "--nme", "X"}, ExitUsage, ""},
		{"enroll help", []string{"enroll", "--help"}, ExitOK, "-officer"},
		{"serve help", []string{"serve", "--help"}, ExitOK, "-plain-http"},
		{"serve help shows HQ's folder", []string{"serve", "--help"}, ExitOK, "HQ's data directory"},
		{"bad address", []string{"serve", "--addr", "nonsense"}, ExitUsage, ""},
		{"bad port", []string{"serve", "--addr", ":http-ish"}, ExitUsage, ""},
		{"http public URL", []string{"serve", "--plain-http", "--url", "http://hq.example.vn"}, ExitUsage, ""},
		{"officer and name", []string{"enroll", "--officer", "ha-noi-1", "--name", "X"}, ExitUsage, ""},
		{"http code URL", []string{"enroll", "--name", "X", "--province", "ha-noi", "--url", "http://hq.example.vn"}, ExitFailure, ""},
		{"re-issue for nobody", []string{"enroll", "--officer", "ha-noi-000000", "--url", "https://hq.example.vn"}, ExitFailure, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, "", append([]string{"--lang", "en", "hq", "--data-dir", hqDir}, tc.args...)...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d: %+v", r.code, tc.code, r)
			}
			if tc.stdout == "" && r.stdout != "" || tc.stdout != "" && strings.Count(r.stdout, tc.stdout) != 1 {
				t.Errorf("stdout = %q, want %q once", r.stdout, tc.stdout)
			}
			if tc.code != ExitOK && (r.stderr == "" || strings.Contains(r.stderr, "Usage of")) {
				t.Errorf("stderr = %q", r.stderr)
			}
		})
	}
}

// TestHQReissue: `hq enroll --officer ID` gives an officer a new code
// with the database opened directly; the officer keeps their id.
func TestHQReissue(t *testing.T) {
	hqDir := t.TempDir()
	hq := func(args ...string) result {
		return run(t, "", append([]string{"--lang", "en", "hq", "--data-dir", hqDir}, args...)...)
	}
	r := hq("enroll", "--name", "Trần Thị Bình", "--province", "hue", "--url", "https://hq.example.vn")
	first, err := wire.ParseCode(r.stdout)
	if r.code != 0 || err != nil {
		t.Fatalf("enroll: %+v, %v", r, err)
	}
	if r := hq("revoke", first.Officer); r.code != 0 {
		t.Fatalf("revoke: %+v", r)
	}
	r = hq("enroll", "--officer", first.Officer, "--url", "https://hq.example.vn")
	again, err := wire.ParseCode(r.stdout)
	if r.code != 0 || err != nil || again.Officer != first.Officer || again.Token == first.Token ||
		again.URL != "https://hq.example.vn" || !strings.Contains(r.stderr, "New enrollment code") {
		t.Fatalf("re-issue: %+v, %v", r, err)
	}
	r = hq("officers", "--json")
	var officers []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &officers); err != nil || len(officers) != 1 {
		t.Fatalf("officers --json: %+v, %v", r, err)
	}
	o := officers[0]
	if _, has := o["token_hash"]; has {
		t.Errorf("token hash shown: %v", o)
	}
	if v, has := o["last_sync"]; !has || v != nil {
		t.Errorf("last_sync of an officer who never synced: %v", o)
	}
	if v, has := o["revoked"]; !has || v != nil {
		t.Errorf("revoked after re-issue: %v", o)
	}
	if v, has := o["client_version"]; !has || v != nil {
		t.Errorf("client_version of an officer who never synced: %v", o)
	}
	if c, _ := o["counts"].(map[string]any); c["log"] != 0.0 || c["difficulty"] != 0.0 || c["training"] != 0.0 {
		t.Errorf("counts: %v", o["counts"])
	}
}
