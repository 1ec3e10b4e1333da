package hq

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sotay/record"
	"sotay/store"
	"sotay/sync"
	"sotay/sync/wire"
)

// testHQ is the API over a real database on a real TLS listener on
// loopback, in this process.
type testHQ struct {
	db  *DB
	dir string
	srv *httptest.Server
	fp  string
}

func startHQ(t testing.TB, lim Limits) *testHQ {
	t.Helper()
	return startHQWrapped(t, lim, func(api http.Handler) http.Handler { return api })
}

// startHQWrapped is startHQ answering through wrap(the API): an older HQ
// as a notebook meets it, simulated over today's.
func startHQWrapped(t testing.TB, lim Limits, wrap func(api http.Handler) http.Handler) *testHQ {
	t.Helper()
	dir := t.TempDir()
	db, err := OpenDB(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	api, err := NewServer(db, lim, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(wrap(api.Handler()))
	srv.StartTLS()
	h := &testHQ{db: db, dir: dir, srv: srv, fp: wire.Fingerprint(srv.Certificate().Raw)}
	if err := db.SetServed(srv.URL, h.fp); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		srv.Close()
		api.Close()
		db.Close()
	})
	return h
}

func (h *testHQ) enroll(t testing.TB, province string) Enrolled {
	t.Helper()
	e, err := (&dbAdmin{db: h.db, dir: h.dir}).Enroll(context.Background(), "Nguyễn Văn An", province, "")
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// notebook is an officer's notebook enrolled with code.
func notebook(t testing.TB, code string) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), store.FileName), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.SetProfile(store.Profile{Name: "Nguyễn Văn An", Province: "ha-noi"}); err != nil {
		t.Fatal(err)
	}
	if code != "" {
		if _, err := sync.Enroll(st, code); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func fastClient(t testing.TB, st *store.Store, opt sync.Options) *sync.Client {
	t.Helper()
	if opt.BaseDelay == 0 {
		opt.BaseDelay = 10 * time.Millisecond
	}
	if opt.MaxDelay == 0 {
		opt.MaxDelay = 100 * time.Millisecond
	}
	c, err := sync.New(st, opt)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func addLog(t testing.TB, st *store.Store, i int) record.Record {
	t.Helper()
	r, err := st.Create(record.Record{Kind: record.KindLog, Date: "2026-06-01", Commune: "Phường Ba Đình",
		Activity: "meeting", Content: fmt.Sprintf("Làm việc với UBND phường lần %d", i)})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func addDifficulty(t testing.TB, st *store.Store, title string) record.Record {
	t.Helper()
	r, err := st.Create(record.Record{Kind: record.KindDifficulty, Date: "2026-06-01", Commune: "Xã Sóc Sơn",
		Category: "staffing", Severity: "high", Title: title})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// hqRevs maps record id → rev of what HQ holds for officer (tombstones too).
func hqRevs(t testing.TB, db *DB, officer string) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	err := db.EachRecord(func(r RecordRow) error {
		if r.Officer == officer {
			out[r.Record.ID] = r.Record.Rev
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// notebookRevs maps record id → rev of everything in the notebook.
func notebookRevs(t testing.TB, st *store.Store) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, k := range record.Kinds() {
		err := st.Scan(context.Background(), store.Query{Kind: k}, func(r record.Record) error {
			out[r.ID] = r.Rev
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func sameRevs(t testing.TB, hq, nb map[string]int64) {
	t.Helper()
	for id, rev := range nb {
		if hq[id] != rev {
			t.Errorf("record %s: HQ holds rev %d, notebook rev %d", id, hq[id], rev)
		}
	}
}

func TestLoopbackSync(t *testing.T) {
	h := startHQ(t, Limits{})
	en := h.enroll(t, "ha-noi")
	st := notebook(t, en.Code)
	c := fastClient(t, st, sync.Options{MaxRecords: 7})
	ctx := context.Background()

	var logs []record.Record
	for i := range 20 {
		logs = append(logs, addLog(t, st, i))
	}
	d := addDifficulty(t, st, "Thiếu biên chế công chức tư pháp")
	var seen []sync.Progress
	res, err := c.Sync(ctx, func(p sync.Progress) { seen = append(seen, p) })
	if err != nil {
		t.Fatal(err)
	}
	if res.Pushed != 21 || res.Rejected != 0 {
		t.Fatalf("result = %+v", res)
	}
	if n, _ := st.Pending(); n != 0 {
		t.Fatalf("pending after sync = %d", n)
	}
	if last := seen[len(seen)-1]; last.Phase != "pull" {
		t.Errorf("last progress = %+v", last)
	}
	pushBatches := 0
	for _, p := range seen {
		if p.Phase == "push" && p.Batches > pushBatches {
			pushBatches = p.Batches
		}
	}
	if pushBatches != 3 {
		t.Errorf("pushed in %d batches of ≤7, want 3", pushBatches)
	}
	held := hqRevs(t, h.db, en.Officer.ID)
	if len(held) != 21 {
		t.Fatalf("HQ holds %d records, want 21", len(held))
	}
	sameRevs(t, held, notebookRevs(t, st))

	// Edits and deletes propagate.
	logs[0].Content = "Nội dung đã sửa"
	if logs[0], err = st.Update(logs[0]); err != nil {
		t.Fatal(err)
	}
	del, err := st.Delete(logs[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Sync(ctx, nil); err != nil {
		t.Fatal(err)
	}
	sr, err := h.db.Record(logs[0].ID)
	if err != nil || sr.Record.Rev != 2 || sr.Record.Content != "Nội dung đã sửa" {
		t.Errorf("edited record at HQ = %+v, %v", sr.Record, err)
	}
	sr, _ = h.db.Record(del.ID)
	if !sr.Record.Deleted || sr.Record.Rev != del.Rev {
		t.Errorf("deleted record at HQ = rev %d deleted %v", sr.Record.Rev, sr.Record.Deleted)
	}
	o, _ := h.db.Officer(en.Officer.ID)
	if o.Counts["log"] != 19 || o.Counts["difficulty"] != 1 || o.LastSync.IsZero() {
		t.Errorf("officer counts = %v, last sync %v", o.Counts, o.LastSync)
	}

	// HQ answers and sends a notice; both arrive on the next sync.
	if _, err := h.db.Respond(d.ID, "answered", "Đề nghị \x1b]0;x\x07tỉnh bố trí kiêm nhiệm", "Tổ công tác"); err != nil {
		t.Fatal(err)
	}
	if _, err := h.db.Notice("Giao ban tuần", "Họp trực tuyến 8 giờ thứ Hai"); err != nil {
		t.Fatal(err)
	}
	res, err = c.Sync(ctx, nil)
	if err != nil || res.Pulled != 2 {
		t.Fatalf("pull: %+v, %v", res, err)
	}
	got, _ := st.Get(d.ID)
	if got.Status != "answered" || len(got.Responses) != 1 || got.Responses[0].Text != "Đề nghị tỉnh bố trí kiêm nhiệm" {
		t.Errorf("difficulty after pull = status %q responses %+v", got.Status, got.Responses)
	}
	if got.Rev != d.Rev {
		t.Errorf("HQ's answer changed the rev: %d → %d", d.Rev, got.Rev)
	}
	if n, _ := st.Pending(); n != 0 {
		t.Errorf("HQ's answer made %d records pending", n)
	}
	notices, answers, _ := st.UnreadCounts()
	if notices != 1 || answers != 1 {
		t.Errorf("unread = %d notices, %d answers", notices, answers)
	}
	// A later edit by the officer keeps HQ's status at HQ.
	got.Proposal = "Bổ sung biên chế"
	if _, err := st.Update(got); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Sync(ctx, nil); err != nil {
		t.Fatal(err)
	}
	sr, _ = h.db.Record(d.ID)
	if sr.Record.Status != "answered" || len(sr.Record.Responses) != 1 || sr.Record.Proposal != "Bổ sung biên chế" {
		t.Errorf("HQ record after officer edit = %+v", sr.Record)
	}
	// Nothing new: a sync pulls nothing more.
	if res, err = c.Sync(ctx, nil); err != nil || res.Pulled != 0 || res.Pushed != 0 {
		t.Errorf("idle sync = %+v, %v", res, err)
	}
	ss, _ := st.SyncState()
	if ss.LastSync.IsZero() || ss.LastError != "" {
		t.Errorf("sync state = %+v", ss)
	}

	// Revoked: refused at once, in words the officer can act on.
	if err := h.db.Revoke(en.Officer.ID); err != nil {
		t.Fatal(err)
	}
	addLog(t, st, 99)
	_, err = c.Sync(ctx, nil)
	var se *sync.Error
	if !errors.As(err, &se) || se.Kind != sync.FailRevoked {
		t.Fatalf("sync with a revoked token: %v", err)
	}
	if n, _ := st.Pending(); n != 1 {
		t.Errorf("pending after refused sync = %d", n)
	}
	ss, _ = st.SyncState()
	if ss.LastError != sync.FailRevoked {
		t.Errorf("last error = %q", ss.LastError)
	}
}

func TestWrongFingerprintRefused(t *testing.T) {
	h := startHQ(t, Limits{})
	en := h.enroll(t, "ha-noi")
	e, _ := wire.ParseCode(en.Code)
	e.Fingerprint = strings.Repeat("ab", 32)
	st := notebook(t, e.Code())
	addLog(t, st, 1)
	_, err := fastClient(t, st, sync.Options{}).Sync(context.Background(), nil)
	var se *sync.Error
	if !errors.As(err, &se) || se.Kind != sync.FailCertificate {
		t.Fatalf("sync to a server with another certificate: %v", err)
	}
	if len(hqRevs(t, h.db, en.Officer.ID)) != 0 {
		t.Error("records reached HQ past a wrong pin")
	}
}

func TestOfflineFailsAndKeepsOutbox(t *testing.T) {
	h := startHQ(t, Limits{})
	en := h.enroll(t, "ha-noi")
	h.srv.Close()
	st := notebook(t, en.Code)
	addLog(t, st, 1)
	_, err := fastClient(t, st, sync.Options{Attempts: 2}).Sync(context.Background(), nil)
	var se *sync.Error
	if !errors.As(err, &se) || se.Kind != sync.FailOffline {
		t.Fatalf("sync with HQ down: %v", err)
	}
	if n, _ := st.Pending(); n != 1 {
		t.Errorf("pending = %d", n)
	}
}

func TestEnrollmentCode(t *testing.T) {
	h := startHQ(t, Limits{})
	en := h.enroll(t, "ha-noi")
	e, err := wire.ParseCode("  " + en.Code[:20] + "\n" + en.Code[20:] + " ")
	if err != nil {
		t.Fatal(err)
	}
	if e.URL != h.srv.URL || e.Officer != en.Officer.ID || e.Fingerprint != h.fp {
		t.Errorf("code carries %+v", e)
	}
	if _, err := h.db.Authenticate(e.Officer, e.Token); err != nil {
		t.Errorf("token from the code: %v", err)
	}
	if _, err := h.db.Authenticate(e.Officer, e.Token+"x"); !errors.Is(err, ErrBadToken) {
		t.Errorf("wrong token: %v", err)
	}
	o, _ := h.db.Officer(e.Officer)
	if strings.Contains(o.TokenHash, e.Token) || o.TokenHash == "" {
		t.Error("HQ keeps the token rather than its hash")
	}
	for _, bad := range []string{"", "sotay1.", "sotay1.!!!", "sotay2." + en.Code[7:], en.Code[:len(en.Code)-5]} {
		if _, err := wire.ParseCode(bad); !errors.Is(err, wire.ErrBadCode) {
			t.Errorf("ParseCode(%q) = %v", bad, err)
		}
	}
}

// TestBatchShrinksToHQLimits: HQ allows fewer records per batch than the
// client sends; the client halves its batches and the sync completes.
func TestBatchShrinksToHQLimits(t *testing.T) {
	h := startHQ(t, Limits{MaxRecords: 10})
	en := h.enroll(t, "ha-noi")
	st := notebook(t, en.Code)
	for i := range 55 {
		addLog(t, st, i)
	}
	res, err := fastClient(t, st, sync.Options{MaxRecords: 1000}).Sync(context.Background(), nil)
	if err != nil || res.Pushed != 55 {
		t.Fatalf("sync against lower limits: %+v, %v", res, err)
	}
	if n := len(hqRevs(t, h.db, en.Officer.ID)); n != 55 {
		t.Errorf("HQ holds %d records", n)
	}
}

// TestReissueAfterRevoke: HQ revokes an officer, then re-issues a code for
// the same officer id (through the admin socket, as `sotay hq enroll
// --officer` does while the server runs). The notebook enrolled with it
// pushes edits of its old records and receives answers on them; a code for
// a new officer id is refused before it can strand them.
func TestReissueAfterRevoke(t *testing.T) {
	h := startHQ(t, Limits{PerMinute: 10000})
	ctx := context.Background()
	first := h.enroll(t, "ha-noi")
	st := notebook(t, first.Code)
	d := addDifficulty(t, st, "Thiếu cán bộ địa chính")
	l := addLog(t, st, 1)
	if _, err := fastClient(t, st, sync.Options{}).Sync(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if err := h.db.Revoke(first.Officer.ID); err != nil {
		t.Fatal(err)
	}
	var se *sync.Error
	if _, err := fastClient(t, st, sync.Options{}).Sync(ctx, nil); !errors.As(err, &se) || se.Kind != sync.FailRevoked {
		t.Fatalf("sync after revoke: %v", err)
	}

	// A new officer's code would strand the records: refused, naming the id.
	other := h.enroll(t, "ha-noi")
	if _, err := sync.Enroll(st, other.Code); !errors.As(err, &se) || se.Kind != sync.FailOtherOfficer || se.Detail != first.Officer.ID {
		t.Fatalf("enroll with another officer's code: %v", err)
	}

	ln, err := listenAdmin(h.dir)
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: adminHandler(&dbAdmin{db: h.db, dir: h.dir})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	again, err := newSocketAdmin(filepath.Join(h.dir, SocketFile)).Reissue(ctx, first.Officer.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if again.Officer.ID != first.Officer.ID || again.Code == first.Code || again.Officer.TokenHash != "" {
		t.Fatalf("re-issued %+v", again)
	}
	if _, err := newSocketAdmin(filepath.Join(h.dir, SocketFile)).Reissue(ctx, "ha-noi-nobody", ""); !errors.Is(err, ErrNoOfficer) {
		t.Errorf("re-issue of an unknown officer: %v", err)
	}
	old, _ := wire.ParseCode(first.Code)
	if _, err := h.db.Authenticate(old.Officer, old.Token); !errors.Is(err, ErrBadToken) {
		t.Errorf("the old token after re-issue: %v", err)
	}
	entries, err := h.db.Audit()
	if err != nil || entries[len(entries)-1].Action != "reissue" || entries[len(entries)-1].Target != first.Officer.ID {
		t.Errorf("audit log ends with %+v, %v", entries[len(entries)-1], err)
	}

	if _, err := sync.Enroll(st, again.Code); err != nil {
		t.Fatal(err)
	}
	l.Content = "Nội dung sửa sau khi cấp lại mã"
	if l, err = st.Update(l); err != nil {
		t.Fatal(err)
	}
	if _, err := h.db.Respond(d.ID, "answered", "Tỉnh bố trí kiêm nhiệm", "Tổ công tác"); err != nil {
		t.Fatal(err)
	}
	res, err := fastClient(t, st, sync.Options{}).Sync(ctx, nil)
	if err != nil || res.Rejected != 0 || res.Pushed != 1 {
		t.Fatalf("sync after re-issue: %+v, %v", res, err)
	}
	if parked, _ := st.Parked(); len(parked) != 0 {
		t.Errorf("parked after re-issue: %+v", parked)
	}
	if sr, err := h.db.Record(l.ID); err != nil || sr.Officer != first.Officer.ID || sr.Record.Rev != 2 || sr.Record.Content != l.Content {
		t.Errorf("HQ holds %+v, %v; want rev 2 of the edit", sr, err)
	}
	got, err := st.Get(d.ID)
	if err != nil || got.Status != "answered" || len(got.Responses) != 1 {
		t.Errorf("the answer after re-issue: %+v, %v", got, err)
	}

	// The same status again is no news: no event, nothing to pull.
	if ev, err := h.db.Respond(d.ID, "answered", "", "Tổ công tác"); err != nil || ev.Seq != 0 {
		t.Errorf("repeated status: %+v, %v", ev, err)
	}
	if evs, _, _, _ := h.db.Events(first.Officer.ID, 0, 100); len(evs) != 1 {
		t.Errorf("%d events after a repeated status, want 1", len(evs))
	}
}

// TestRateLimitedSyncSaysSo: a pause HQ asks for is reported as progress,
// not waited out in silence.
func TestRateLimitedSyncSaysSo(t *testing.T) {
	h := startHQ(t, Limits{PerMinute: 2})
	st := notebook(t, h.enroll(t, "hue").Code)
	c := fastClient(t, st, sync.Options{MaxDelay: time.Second, Attempts: 2})
	if _, err := c.Sync(context.Background(), nil); err != nil { // spends both requests of the minute
		t.Fatal(err)
	}
	addLog(t, st, 1)
	var waits []time.Duration
	_, err := c.Sync(context.Background(), func(p sync.Progress) {
		if p.Waiting > 0 {
			waits = append(waits, p.Waiting)
		}
	})
	var se *sync.Error
	if !errors.As(err, &se) || se.Kind != sync.FailRateLimited {
		t.Fatalf("sync over the rate: %v", err)
	}
	if len(waits) != 1 || waits[0] != time.Second {
		t.Errorf("waits reported: %v, want one of 1s", waits)
	}
}

// TestStrandedRecordsGoAfterReissue: a notebook that an older build let
// enroll as a new officer had its old records refused as another
// officer's and parked. Enrolling with a code re-issued for the old id
// sends them again, untouched.
func TestStrandedRecordsGoAfterReissue(t *testing.T) {
	h := startHQ(t, Limits{PerMinute: 10000})
	ctx := context.Background()
	first := h.enroll(t, "ha-noi")
	st := notebook(t, first.Code)
	l := addLog(t, st, 1)
	if _, err := fastClient(t, st, sync.Options{}).Sync(ctx, nil); err != nil {
		t.Fatal(err)
	}
	// What an older build did: take another officer's code as it came.
	other, _ := wire.ParseCode(h.enroll(t, "ha-noi").Code)
	st.UpdateSyncState(func(s *store.SyncState) { s.OfficerID, s.Token = other.Officer, other.Token })
	l.Content = "Sửa khi đang dùng mã của cán bộ khác"
	l, _ = st.Update(l)
	if res, _ := fastClient(t, st, sync.Options{}).Sync(ctx, nil); res.Rejected != 1 {
		t.Fatalf("push as another officer: %+v", res)
	}
	if parked, _ := st.Parked(); len(parked) != 1 || parked[0].Code != wire.RejectOtherOfficer {
		t.Fatalf("parked = %+v", parked)
	}

	again, err := (&dbAdmin{db: h.db, dir: h.dir}).Reissue(ctx, first.Officer.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sync.Enroll(st, again.Code); err != nil {
		t.Fatal(err)
	}
	if n, _ := st.Pending(); n != 1 {
		t.Errorf("pending after enrolling as the right officer = %d, want 1", n)
	}
	if res, err := fastClient(t, st, sync.Options{}).Sync(ctx, nil); err != nil || res.Pushed != 1 {
		t.Fatalf("sync after re-issue: %+v, %v", res, err)
	}
	if parked, _ := st.Parked(); len(parked) != 0 {
		t.Errorf("still parked: %+v", parked)
	}
	if sr, _ := h.db.Record(l.ID); sr.Officer != first.Officer.ID || sr.Record.Rev != 2 {
		t.Errorf("HQ holds %s rev %d", sr.Officer, sr.Record.Rev)
	}
}
