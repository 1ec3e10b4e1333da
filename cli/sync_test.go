package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"sotay/store"
	"sotay/sync"
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
	code := sync.Enrollment{URL: "https://127.0.0.1:9", Officer: "ha-noi-1", Token: strings.Repeat("k", 43)}.Code()
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
