package cli

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sotay/hq"
	"sotay/store"
	"sotay/sync"
	"sotay/sync/wire"
)

// TestSyncHQWithoutFiles: `sotay sync` facing an HQ of protocol 2 (records
// yes, files no) sends the records, keeps the file queued and says, in
// both languages and in --json, that HQ must be updated to receive files.
func TestSyncHQWithoutFiles(t *testing.T) {
	hqDir := t.TempDir()
	r := run(t, "", "--lang", "en", "hq", "--data-dir", hqDir, "enroll", "--name", "Nguyễn Văn An", "--province", "ha-noi",
		"--url", "https://hq.example.vn")
	en, err := wire.ParseCode(r.stdout)
	if err != nil {
		t.Fatalf("enroll: %+v, %v", r, err)
	}
	db, err := hq.OpenDB(hqDir, 0)
	if err != nil {
		t.Fatal(err)
	}
	api, err := hq.NewServer(db, hq.Limits{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	full := api.Handler()
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == wire.PathHealth:
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"ok":true,"version":"0.9.5","protocol":2}`))
		case strings.HasPrefix(r.URL.Path, wire.PathFiles):
			t.Errorf("%s %s asked of an HQ that said it takes no files", r.Method, r.URL.Path)
			http.NotFound(w, r)
		default:
			full.ServeHTTP(w, r)
		}
	}))
	t.Cleanup(func() { srv.Close(); api.Close(); db.Close() })

	dir := setUp(t)
	en.URL, en.Fingerprint = srv.URL, wire.Fingerprint(srv.Certificate().Raw)
	st, err := store.Open(filepath.Join(dir, store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = sync.Enroll(st, en.Code())
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	add := run(t, dir, "add", "log", "--date", "20/11/2026", "--commune", "Phường Ba Đình", "--activity", "meeting", "--content", "Họp")
	id := strings.TrimSpace(add.stdout)
	minutes := filepath.Join(t.TempDir(), "Biên bản.pdf")
	os.WriteFile(minutes, []byte("%PDF-1.7\nbiên bản"), 0o600)
	if r := run(t, dir, "attach", id, minutes); r.code != 0 {
		t.Fatalf("attach: %+v", r)
	}

	r = run(t, dir, "--lang", "en", "sync", "--json")
	var rep syncReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("sync --json: %+v, %v", r, err)
	}
	if r.code != ExitFailure || rep.Pushed != 1 || rep.Pending != 0 || rep.Files.Waiting != 1 || rep.Error != sync.FailHQNoFiles ||
		!strings.Contains(rep.Message, "update") || !strings.Contains(rep.Message, "files") {
		t.Errorf("sync --json: exit %d, %+v", r.code, rep)
	}
	for _, tc := range []struct{ lang, want string }{
		{"en", "cannot receive attached files"},
		{"vi", "chưa nhận được tệp đính kèm"},
	} {
		r := run(t, dir, "--lang", tc.lang, "sync")
		if r.code != ExitFailure || !strings.Contains(r.stderr, tc.want) || !strings.Contains(r.stderr, "0.9.5") {
			t.Errorf("sync in %s: exit %d, stderr %q", tc.lang, r.code, r.stderr)
		}
	}
	if r := run(t, dir, "--lang", "en", "status"); !strings.Contains(r.stdout, "cannot receive attached files") {
		t.Errorf("status after the sync: %q", r.stdout)
	}
}
