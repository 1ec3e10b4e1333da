package hq

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"sotay/record"
	"sotay/sync/wire"
	"sotay/vntext"
)

func TestMatchWords(t *testing.T) {
	text := vntext.Fold("Chậm trả lương ở xã Ea Kao, tỉnh Đắk Lắk; Hà Nội")
	for q, want := range map[string]bool{
		"luong":     true,
		"dak lak":   true,
		"DAK LAK":   true,
		"ha no":     true,  // a prefix of a word
		"uong":      false, // inside a word, not its start
		"lak dak":   true,  // words in any order
		"luong hue": false,
		"tra luong": true,
		"chậm trả":  true,
		"kao,":      true,
		"":          true,
	} {
		if got := matchWords(vntext.Words(vntext.Fold(q)), text); got != want {
			t.Errorf("%q: %v, want %v", q, got, want)
		}
	}
}

// TestQueryRecords: filters, scope and cursor paging at the store.
func TestQueryRecords(t *testing.T) {
	db, err := OpenDB(t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	hn, _, _ := db.Enroll("An", "ha-noi")
	dl, _, _ := db.Enroll("Bih", "dak-lak")
	var gen record.IDGen
	now := time.Now().UTC()
	mk := func(title, sev, date string) record.Record {
		return record.Record{ID: record.FormatID(gen.Next(now)), Kind: record.KindDifficulty, Rev: 1, Created: now, Updated: now,
			Date: date, Commune: "Xã A", Category: "staffing", Severity: sev, Title: title}
	}
	if _, err := db.Apply(hn.ID, "d1", "", 1, []record.Record{mk("Một", "low", "2026-06-01"), mk("Hai", "urgent", "2026-06-03"),
		mk("Ba", "high", "2026-06-02")}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Apply(dl.ID, "d2", "", 1, []record.Record{mk("Bốn lương", "medium", "2026-06-04")}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	titles := func(f RecordFilter, limit int) []string {
		var out []string
		cursor := ""
		for {
			p, err := db.QueryRecords(ctx, f, cursor, limit)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range p.Rows {
				out = append(out, r.Record.Title)
			}
			if p.Next == "" {
				return out
			}
			cursor = p.Next
		}
	}
	for name, c := range map[string]struct {
		f    RecordFilter
		want string
	}{
		"by date":     {RecordFilter{Kind: record.KindDifficulty}, "Bốn lương Hai Ba Một"},
		"by severity": {RecordFilter{Kind: record.KindDifficulty, Sort: "severity"}, "Hai Ba Bốn lương Một"},
		"scoped":      {RecordFilter{Kind: record.KindDifficulty, Limited: true, Scope: []string{"dak-lak"}}, "Bốn lương"},
		"scope wins":  {RecordFilter{Kind: record.KindDifficulty, Limited: true, Scope: []string{"dak-lak"}, Provinces: []string{"ha-noi"}}, ""},
		"search":      {RecordFilter{Kind: record.KindDifficulty, Query: "luong"}, "Bốn lương"},
		"dates":       {RecordFilter{Kind: record.KindDifficulty, From: "2026-06-02", To: "2026-06-03"}, "Hai Ba"},
		"logs":        {RecordFilter{Kind: record.KindLog}, ""},
	} {
		if got := strings.Join(titles(c.f, 1), " "); got != c.want {
			t.Errorf("%s: %q, want %q", name, got, c.want)
		}
	}
	// The index follows writes made after it was built: an answer, a new
	// record, an edit and a deletion.
	p, _ := db.QueryRecords(ctx, RecordFilter{Kind: record.KindDifficulty, Query: "hai"}, "", 10)
	if _, err := db.Respond(p.Rows[0].Record.ID, "resolved", "Đã giải quyết", "HQ"); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(titles(RecordFilter{Kind: record.KindDifficulty, Status: "resolved"}, 10), " "); got != "Hai" {
		t.Errorf("after an answer: %q", got)
	}
	if got := strings.Join(titles(RecordFilter{Kind: record.KindDifficulty, Sort: "waiting"}, 10), " "); !strings.HasSuffix(got, "Hai") {
		t.Errorf("the answered one should wait least: %q", got)
	}
	five := mk("Năm", "high", "2026-06-05")
	if _, err := db.Apply(dl.ID, "d2", "", 2, []record.Record{five}); err != nil {
		t.Fatal(err)
	}
	five.Rev, five.Title = 2, "Năm đã sửa"
	if _, err := db.Apply(dl.ID, "d2", "", 3, []record.Record{five}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(titles(RecordFilter{Kind: record.KindDifficulty, Query: "sua"}, 10), " "); got != "Năm đã sửa" {
		t.Errorf("after an edit: %q", got)
	}
	five.Rev, five.Deleted = 3, true
	if _, err := db.Apply(dl.ID, "d2", "", 4, []record.Record{five}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(titles(RecordFilter{Kind: record.KindDifficulty, Query: "nam"}, 10), " "); got != "" {
		t.Errorf("after a deletion: %q", got)
	}
	if _, err := db.QueryRecords(ctx, RecordFilter{}, "not base64!", 10); err != ErrBadCursor {
		t.Errorf("bad cursor: %v", err)
	}
	// Several lists in one pass answer as each does alone, cursors too.
	first, err := db.QueryRecords(ctx, RecordFilter{Kind: record.KindDifficulty, Sort: "severity"}, "", 1)
	if err != nil {
		t.Fatal(err)
	}
	qs := []PageQuery{
		{Filter: RecordFilter{Kind: record.KindDifficulty}, Limit: 2},
		{Filter: RecordFilter{Kind: record.KindDifficulty, Sort: "severity"}, Cursor: first.Next, Limit: 1},
		{Filter: RecordFilter{Kind: record.KindDifficulty, Limited: true, Scope: []string{"dak-lak"}}, Limit: 5},
		{Filter: RecordFilter{Kind: record.KindLog}, Limit: 5},
	}
	pages, err := db.QueryPages(ctx, qs)
	if err != nil {
		t.Fatal(err)
	}
	for i, q := range qs {
		alone, err := db.QueryRecords(ctx, q.Filter, q.Cursor, q.Limit)
		if err != nil {
			t.Fatal(err)
		}
		ids := func(p RecordPage) string {
			var out []string
			for _, r := range p.Rows {
				out = append(out, r.Record.Title)
			}
			return fmt.Sprintf("%d %q next=%v", p.Total, out, p.Next != "")
		}
		if got, want := ids(pages[i]), ids(alone); got != want {
			t.Errorf("list %d in one pass: %s, alone: %s", i, got, want)
		}
	}
	if _, err := db.QueryPages(ctx, []PageQuery{{}, {Cursor: "not base64!"}}); err != ErrBadCursor {
		t.Errorf("bad cursor among several: %v", err)
	}
}

// TestUserAdminThroughSocket: `hq user` reaches a running server through
// its admin socket, and the workspace is served beside the API.
func TestUserAdminThroughSocket(t *testing.T) {
	dir := t.TempDir()
	url := serveInProcess(t, Config{DataDir: dir, Addr: "127.0.0.1:0",
		Workspace: func(*DB, *slog.Logger) (http.Handler, error) {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "pages") }), nil
		}})
	ua, closeFn, err := OpenUserAdmin(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer closeFn()
	if _, ok := ua.(socketUserAdmin); !ok {
		t.Fatalf("user admin is %T, want the socket", ua)
	}
	ctx := context.Background()
	ul, err := ua.AddUser(ctx, "Trần Bình", "binh@moha.gov.vn", RoleAdmin, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(ul.Link, url+SetupPath) {
		t.Errorf("link %q", ul.Link)
	}
	if _, err := ua.AddUser(ctx, "Trần Bình", "binh@moha.gov.vn", RoleAdmin, nil); err != ErrEmailTaken {
		t.Errorf("a second user with the email: %v", err)
	}
	if err := ua.DisableUser(ctx, "binh@moha.gov.vn"); err != nil {
		t.Fatal(err)
	}
	users, err := ua.Users(ctx)
	if err != nil || len(users) != 1 || users[0].Disabled.IsZero() {
		t.Errorf("users %+v %v", users, err)
	}
	cert, _, err := LoadOrCreateCert(dir, "", "")
	if err != nil {
		t.Fatal(err)
	}
	c := pinnedClient(t, CertFingerprint(cert))
	for path, want := range map[string]string{"/": "pages", "/inbox": "pages", "/v1/health": `{"ok":true,"version":`} {
		resp, err := c.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.HasPrefix(strings.TrimSpace(string(body)), want) {
			t.Errorf("%s: %q, want it to start %q", path, body, want)
		}
	}
}

// TestRefusedKept: a record HQ refuses from a push is kept for the
// officers page, until the officer sends a fixed rev that HQ takes.
func TestRefusedKept(t *testing.T) {
	h := startHQ(t, Limits{})
	e := h.enroll(t, "ha-noi")
	code, _ := wire.ParseCode(e.Code)
	auth := wire.BearerToken(code.Officer, code.Token)
	c := pinnedClient(t, h.fp)
	bad := validLog(newID(), 1)
	bad.Activity = "dancing" // not an activity
	ans := send(t, c, h.srv.URL, http.MethodPost, wire.PathPush, auth, wire.ContentEncoding, batchBody(t, "dev", 1, bad))
	if p := ans.push(t); len(p.Rejected) != 1 {
		t.Fatalf("push: %+v", p)
	}
	refused, err := h.db.Refused()
	if err != nil || len(refused[e.Officer.ID]) != 1 || refused[e.Officer.ID][0].Code != wire.RejectInvalid {
		t.Fatalf("refused %+v %v", refused, err)
	}
	fixed := validLog(bad.ID, 2)
	send(t, c, h.srv.URL, http.MethodPost, wire.PathPush, auth, wire.ContentEncoding, batchBody(t, "dev", 2, fixed))
	if refused, _ := h.db.Refused(); len(refused[e.Officer.ID]) != 0 {
		t.Errorf("a fixed record is still listed as refused: %+v", refused)
	}
}

// TestRevisionsKept: every rev a push replaces is kept, the last
// maxRevisionsKept of them.
func TestRevisionsKept(t *testing.T) {
	db, err := OpenDB(t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	o, _, _ := db.Enroll("An", "ha-noi")
	var gen record.IDGen
	now := time.Now().UTC()
	r := record.Record{ID: record.FormatID(gen.Next(now)), Kind: record.KindDifficulty, Created: now, Updated: now,
		Date: "2026-06-01", Commune: "Xã A", Category: "staffing", Severity: "low"}
	for rev := int64(1); rev <= maxRevisionsKept+5; rev++ {
		r.Rev, r.Title = rev, "Tiêu đề lần "+string(rune('A'+rev))
		if _, err := db.Apply(o.ID, "d", "", uint64(rev), []record.Record{r}); err != nil {
			t.Fatal(err)
		}
	}
	revs, err := db.Revisions(r.ID)
	if err != nil || len(revs) != maxRevisionsKept {
		t.Fatalf("%d revisions kept, %v", len(revs), err)
	}
	if revs[0].Record.Rev != 5 || revs[len(revs)-1].Record.Rev != maxRevisionsKept+4 {
		t.Errorf("kept revs %d..%d", revs[0].Record.Rev, revs[len(revs)-1].Record.Rev)
	}
}

// TestServeWorkspaceProcess: the real binary serves the workspace beside
// the API, and `hq user add` reaches it through the admin socket.
func TestServeWorkspaceProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dir := t.TempDir()
	p := startServe(t, dir, freeAddr(t))
	link := mustSotay(t, "--data-dir", dir, "hq", "user", "add", "--name", "Trần Bình", "--email", "binh@moha.gov.vn", "--role", "admin")
	if !strings.HasPrefix(link, p.url+SetupPath) {
		t.Fatalf("setup link %q", link)
	}
	cert, _, err := LoadOrCreateCert(dir, "", "")
	if err != nil {
		t.Fatal(err)
	}
	c := pinnedClient(t, CertFingerprint(cert))
	for path, want := range map[string]int{"/signin": 200, link[len(p.url):]: 200, "/inbox": 303, "/v1/health": 200} {
		c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		resp, err := c.Get(p.url + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("%s: %d, want %d", path, resp.StatusCode, want)
		}
		if path == "/signin" && !strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'self'") {
			t.Error("the real server's pages lack the CSP")
		}
	}
}
