package hq

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	gosync "sync"
	"testing"

	"sotay/buildinfo"
	"sotay/sync"
	"sotay/sync/wire"
)

// headerRecorder notes the headers of every request the client sends.
type headerRecorder struct {
	mu   gosync.Mutex
	next http.RoundTripper
	seen []http.Header
}

func (r *headerRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	r.seen = append(r.seen, req.Header.Clone())
	r.mu.Unlock()
	return r.next.RoundTrip(req)
}

// TestClientVersion: the notebook names its version on every request and
// HQ keeps the last one on the officer.
func TestClientVersion(t *testing.T) {
	h := startHQ(t, Limits{})
	e := h.enroll(t, "ha-noi")
	st := notebook(t, e.Code)
	addLog(t, st, 1)
	rec := &headerRecorder{next: pinnedClient(t, h.fp).Transport}
	c := fastClient(t, st, sync.Options{Transport: rec})
	if _, err := c.Sync(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if len(rec.seen) < 2 {
		t.Fatalf("%d requests, want a push and a pull", len(rec.seen))
	}
	wantUA := "sotay/" + buildinfo.Version() + " ("
	for i, hd := range rec.seen {
		if hd.Get(wire.HeaderVersion) != buildinfo.Version() || !strings.HasPrefix(hd.Get("User-Agent"), wantUA) {
			t.Errorf("request %d: %s %q, User-Agent %q", i, wire.HeaderVersion, hd.Get(wire.HeaderVersion), hd.Get("User-Agent"))
		}
	}
	if got := officerClient(t, h.db, e.Officer.ID); got != buildinfo.Version() {
		t.Errorf("HQ keeps client %q, want %q", got, buildinfo.Version())
	}

	// What a client claims is cleaned; a request that says nothing keeps
	// the last version known.
	hc := pinnedClient(t, h.fp)
	auth := "Bearer " + e.Officer.ID + "." + mustParse(t, e.Code).Token
	tests := []struct {
		name, header, ua, want string
	}{
		{"header", "1.4.0", "", "1.4.0"},
		{"user agent only", "", "sotay/1.5.0-rc.1 (windows/amd64)", "1.5.0-rc.1"},
		{"header wins", "1.6.0", "sotay/1.5.0 (linux/arm64)", "1.6.0"},
		{"spaces, tabs and non-ASCII", "2.0 \tphiên bản <b>", "", "2.0phinbn<b>"},
		{"too long", strings.Repeat("7", 500), "", strings.Repeat("7", buildinfo.MaxLen)},
		{"nothing said", "", "curl/8.0", strings.Repeat("7", buildinfo.MaxLen)},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(http.MethodGet, h.srv.URL+wire.PathPull, nil)
		req.Header.Set("Authorization", auth)
		if tt.header != "" {
			req.Header.Set(wire.HeaderVersion, tt.header)
		}
		req.Header.Set("User-Agent", tt.ua)
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: pull answered %s", tt.name, resp.Status)
		}
		if got := officerClient(t, h.db, e.Officer.ID); got != tt.want {
			t.Errorf("%s: HQ keeps %q, want %q", tt.name, got, tt.want)
		}
	}
}

func officerClient(t *testing.T, db *DB, id string) string {
	t.Helper()
	officers, err := db.Officers()
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range officers {
		if o.ID == id {
			return o.Client
		}
	}
	t.Fatalf("no officer %s", id)
	return ""
}

func mustParse(t *testing.T, code string) wire.Enrollment {
	t.Helper()
	e, err := wire.ParseCode(code)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestHealthVersion: /v1/health tells HQ's own version, without a token.
func TestHealthVersion(t *testing.T) {
	h := startHQ(t, Limits{})
	resp, err := pinnedClient(t, h.fp).Get(h.srv.URL + wire.PathHealth)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		OK      bool   `json:"ok"`
		Version string `json:"version"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != 200 || !body.OK || body.Version != buildinfo.Version() {
		t.Errorf("health: %s %+v (%v)", resp.Status, body, err)
	}
}
