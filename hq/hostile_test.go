package hq

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"

	"sotay/internal/testenv"
	"sotay/record"
	"sotay/sync"
	"sotay/sync/wire"
)

// Hostile input against a running server: every refusal is a 4xx with a
// machine-readable code, nothing is stored, and the server stays up.

func zstdBytes(t testing.TB, b []byte) []byte {
	t.Helper()
	enc, err := zstd.NewWriter(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer enc.Close()
	return enc.EncodeAll(b, nil)
}

// bomb is a zstd stream of n bytes of one letter (no content size in the header, so
// only decoding finds out how large it is).
func bomb(t testing.TB, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc, err := zstd.NewWriter(&buf, zstd.WithEncoderLevel(zstd.SpeedFastest))
	if err != nil {
		t.Fatal(err)
	}
	// It starts as a push batch would, so that HQ cannot refuse it before
	// inflating: only the inflation limit stops it.
	enc.Write([]byte(`{"device":"`))
	filler := bytes.Repeat([]byte{'a'}, 1<<20)
	for range n >> 20 {
		enc.Write(filler)
	}
	enc.Close()
	return buf.Bytes()
}

type rawAnswer struct {
	status int
	header http.Header
	body   []byte
}

func (a rawAnswer) code() string {
	var eb wire.ErrorBody
	json.Unmarshal(a.body, &eb)
	return eb.Code
}

func (a rawAnswer) push(t testing.TB) wire.PushResponse {
	t.Helper()
	if a.status != http.StatusOK {
		t.Fatalf("push answered %d: %s", a.status, a.body)
	}
	var pr wire.PushResponse
	if err := json.Unmarshal(a.body, &pr); err != nil {
		t.Fatal(err)
	}
	return pr
}

// send makes one raw request to the server at base.
func send(t testing.TB, c *http.Client, base, method, path, auth, encoding string, body []byte) rawAnswer {
	t.Helper()
	req, err := http.NewRequest(method, base+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	if encoding != "" {
		req.Header.Set("Content-Encoding", encoding)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return rawAnswer{resp.StatusCode, resp.Header, raw}
}

func validLog(id string, rev int64) record.Record {
	return record.Record{ID: id, Kind: record.KindLog, Rev: rev, Date: "2026-06-01", Commune: "Xã Tân Phú",
		Activity: "meeting", Content: fmt.Sprintf("Nội dung rev %d", rev),
		Created: time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC), Updated: time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)}
}

func batchBody(t testing.TB, device string, through uint64, recs ...record.Record) []byte {
	t.Helper()
	raw, err := json.Marshal(wire.PushRequest{Device: device, Through: through, Records: recs})
	if err != nil {
		t.Fatal(err)
	}
	return zstdBytes(t, raw)
}

func newID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x70
	b[8] = b[8]&0x3f | 0x80
	return record.FormatID(b)
}

func countRecords(t testing.TB, db *DB) int {
	t.Helper()
	n := 0
	db.EachRecord(func(RecordRow) error { n++; return nil })
	return n
}

func TestHostileInput(t *testing.T) {
	h := startHQ(t, Limits{MaxRecords: 100, PerMinute: 10000})
	c := h.srv.Client()
	a, b := h.enroll(t, "ha-noi"), h.enroll(t, "hue")
	ea, _ := wire.ParseCode(a.Code)
	eb, _ := wire.ParseCode(b.Code)
	authA, authB := wire.BearerToken(ea.Officer, ea.Token), wire.BearerToken(eb.Officer, eb.Token)
	revoked := h.enroll(t, "can-tho")
	er, _ := wire.ParseCode(revoked.Code)
	if err := h.db.Revoke(er.Officer); err != nil {
		t.Fatal(err)
	}

	held := newID()
	if ans := send(t, c, h.srv.URL, "POST", wire.PathPush, authA, "zstd", batchBody(t, "dev-a", 1, validLog(held, 2))); len(ans.push(t).Rejected) != 0 {
		t.Fatalf("valid push rejected: %s", ans.body)
	}
	before := countRecords(t, h.db)

	badUTF8 := []byte(`{"device":"d","through":1,"records":[{"id":"` + newID() + `","kind":"log","rev":1,"date":"2026-06-01","commune":"X` + "\xff\xfe" + `","activity":"meeting","content":"c"}]}`)
	tooMany := make([]record.Record, 101)
	for i := range tooMany {
		tooMany[i] = validLog(newID(), 1)
	}
	random := make([]byte, 5<<20)
	rand.Read(random)
	garbage := make([]byte, 4096)
	rand.Read(garbage)

	refusals := []struct {
		name     string
		method   string
		path     string
		auth     string
		encoding string
		body     []byte
		status   int
		code     string
	}{
		{"no token", "POST", wire.PathPush, "", "zstd", batchBody(t, "d", 1, validLog(newID(), 1)), 401, wire.CodeUnauthorized},
		{"malformed token", "POST", wire.PathPush, "Bearer nodot", "zstd", batchBody(t, "d", 1), 401, wire.CodeUnauthorized},
		{"wrong token", "POST", wire.PathPush, wire.BearerToken(ea.Officer, eb.Token), "zstd", batchBody(t, "d", 1, validLog(newID(), 1)), 401, wire.CodeUnauthorized},
		{"unknown officer", "POST", wire.PathPush, wire.BearerToken("ha-noi-000000", ea.Token), "zstd", batchBody(t, "d", 1), 401, wire.CodeUnauthorized},
		{"revoked token", "POST", wire.PathPush, wire.BearerToken(er.Officer, er.Token), "zstd", batchBody(t, "d", 1, validLog(newID(), 1)), 401, wire.CodeRevoked},
		{"revoked token pull", "GET", wire.PathPull, wire.BearerToken(er.Officer, er.Token), "", nil, 401, wire.CodeRevoked},
		{"not zstd", "POST", wire.PathPush, authA, "", []byte(`{"device":"d","records":[]}`), 415, wire.CodeBadEncoding},
		{"gzip", "POST", wire.PathPush, authA, "gzip", []byte{0x1f, 0x8b}, 415, wire.CodeBadEncoding},
		{"corrupt zstd", "POST", wire.PathPush, authA, "zstd", garbage, 400, wire.CodeBadEncoding},
		{"truncated zstd", "POST", wire.PathPush, authA, "zstd", batchBody(t, "d", 1, tooMany[:50]...)[:200], 400, wire.CodeBadEncoding},
		{"zstd bomb", "POST", wire.PathPush, authA, "zstd", bomb(t, 256<<20), 413, wire.CodeInflateTooBig},
		{"body too large", "POST", wire.PathPush, authA, "zstd", random, 413, wire.CodeBodyTooLarge},
		{"invalid utf-8", "POST", wire.PathPush, authA, "zstd", zstdBytes(t, badUTF8), 400, wire.CodeInvalidUTF8},
		{"not json", "POST", wire.PathPush, authA, "zstd", zstdBytes(t, []byte("<xml/>")), 400, wire.CodeBadJSON},
		{"records not a list", "POST", wire.PathPush, authA, "zstd", zstdBytes(t, []byte(`{"device":"d","records":{"a":1}}`)), 400, wire.CodeBadJSON},
		{"no device", "POST", wire.PathPush, authA, "zstd", batchBody(t, "", 1, validLog(newID(), 1)), 400, wire.CodeBadRequest},
		{"too many records", "POST", wire.PathPush, authA, "zstd", batchBody(t, "d", 1, tooMany...), 413, wire.CodeTooMany},
		{"GET push", "GET", wire.PathPush, authA, "", nil, 405, wire.CodeMethod},
		{"POST pull", "POST", wire.PathPull, authA, "", nil, 405, wire.CodeMethod},
		{"bad cursor", "GET", wire.PathPull + "?after=-1", authA, "", nil, 400, wire.CodeBadRequest},
		{"bad limit", "GET", wire.PathPull + "?limit=x", authA, "", nil, 400, wire.CodeBadRequest},
		{"unknown path", "GET", "/v3/push", authA, "", nil, 404, wire.CodeNotFound},
		{"wrong method on v2", "GET", wire.PathPushV2, authA, "", nil, 405, wire.CodeMethod},
	}
	for _, tc := range refusals {
		t.Run(tc.name, func(t *testing.T) {
			ans := send(t, c, h.srv.URL, tc.method, tc.path, tc.auth, tc.encoding, tc.body)
			if ans.status != tc.status || ans.code() != tc.code {
				t.Errorf("answered %d %q, want %d %q (%s)", ans.status, ans.code(), tc.status, tc.code, bytes.TrimSpace(ans.body))
			}
			var eb wire.ErrorBody
			if json.Unmarshal(ans.body, &eb) != nil || eb.Message == "" {
				t.Errorf("refusal without a message: %s", ans.body)
			}
		})
	}
	if n := countRecords(t, h.db); n != before {
		t.Errorf("refused requests stored records: %d → %d", before, n)
	}

	// Per-record rejections: the rest of the batch goes in.
	long := validLog(newID(), 1)
	long.Partners = strings.Repeat("ư", record.MaxShort+1)
	huge := validLog(newID(), 1)
	huge.Content = strings.Repeat("a", 300<<10)
	badKind := validLog(newID(), 1)
	badKind.Kind = "memo"
	noRev := validLog(newID(), 0)
	hugeRev := validLog(newID(), 9223372036854775807)
	zeroID := validLog("00000000-0000-0000-0000-000000000000", 1)
	v4 := []byte(newID())
	v4[14] = '4' // a UUIDv4: random, not time-ordered
	notV7 := validLog(string(v4), 1)
	badVariant := []byte(newID())
	badVariant[19] = 'c' // variant 110, not 10
	notRFC := validLog(string(badVariant), 1)
	future := validLog(newID(), 1)
	future.Date = "2099-01-01"
	good := validLog(newID(), 1)
	claim := validLog(held, 9) // B claims A's record
	ans := send(t, c, h.srv.URL, "POST", wire.PathPush, authB, "zstd",
		batchBody(t, "dev-b", 7, long, huge, badKind, noRev, hugeRev, zeroID, notV7, notRFC, future, good, claim))
	pr := ans.push(t)
	if pr.Ack != 7 {
		t.Errorf("ack = %d", pr.Ack)
	}
	codes := map[string]string{}
	fields := map[string][]*record.FieldError{}
	for _, r := range pr.Rejected {
		codes[r.ID], fields[r.ID] = r.Code, r.Fields
	}
	wantCodes := map[string]string{long.ID: wire.RejectInvalid, huge.ID: wire.RejectTooLarge, badKind.ID: wire.RejectInvalid,
		noRev.ID: wire.RejectBadRev, hugeRev.ID: wire.RejectBadRev, zeroID.ID: wire.RejectBadID, notV7.ID: wire.RejectBadID,
		notRFC.ID: wire.RejectBadID, future.ID: wire.RejectInvalid, claim.ID: wire.RejectOtherOfficer}
	wantFields := map[string]record.FieldError{
		long.ID:    {Field: "partners", Problem: record.ProblemTooLong, Limit: record.MaxShort},
		badKind.ID: {Field: "kind", Problem: record.ProblemChoice},
		future.ID:  {Field: "date", Problem: record.ProblemFuture},
	}
	for id, want := range wantFields {
		if got := fields[id]; len(got) != 1 || got[0].Field != want.Field || got[0].Problem != want.Problem || got[0].Limit != want.Limit {
			t.Errorf("record %s rejected for %+v, want %+v", id, got, want)
		}
	}
	for id, code := range wantCodes {
		if codes[id] != code {
			t.Errorf("record %s rejected as %q, want %q", id, codes[id], code)
		}
	}
	if len(pr.Rejected) != len(wantCodes) {
		t.Errorf("rejected %d records, want %d: %+v", len(pr.Rejected), len(wantCodes), pr.Rejected)
	}
	if sr, err := h.db.Record(good.ID); err != nil || sr.Officer != eb.Officer {
		t.Errorf("the good record of the batch: %+v, %v", sr, err)
	}
	if sr, _ := h.db.Record(held); sr.Officer != ea.Officer || sr.Record.Rev != 2 {
		t.Errorf("A's record after B's claim: officer %s rev %d", sr.Officer, sr.Record.Rev)
	}

	// HQ-owned fields in a push are ignored.
	d := record.Record{ID: newID(), Kind: record.KindDifficulty, Rev: 1, Date: "2026-06-01", Commune: "Xã A",
		Category: "staffing", Severity: "low", Title: "t", Status: "resolved",
		Responses: []record.Response{{Author: "forged", Text: "forged"}}}
	send(t, c, h.srv.URL, "POST", wire.PathPush, authA, "zstd", batchBody(t, "dev-a", 2, d)).push(t)
	if sr, _ := h.db.Record(d.ID); sr.Record.Status != "new" || len(sr.Record.Responses) != 0 {
		t.Errorf("pushed HQ-owned fields were taken: %+v", sr.Record)
	}

	// A replayed batch changes nothing; an old one does not roll back.
	newer := send(t, c, h.srv.URL, "POST", wire.PathPush, authA, "zstd", batchBody(t, "dev-a", 3, validLog(held, 3)))
	newer.push(t)
	n := countRecords(t, h.db)
	for _, body := range [][]byte{batchBody(t, "dev-a", 3, validLog(held, 3)), batchBody(t, "dev-a", 1, validLog(held, 2))} {
		if pr := send(t, c, h.srv.URL, "POST", wire.PathPush, authA, "zstd", body).push(t); len(pr.Rejected) != 0 {
			t.Errorf("replay rejected: %+v", pr.Rejected)
		}
	}
	if sr, _ := h.db.Record(held); sr.Record.Rev != 3 || sr.Record.Content != "Nội dung rev 3" {
		t.Errorf("after replays HQ holds rev %d %q", sr.Record.Rev, sr.Record.Content)
	}
	if countRecords(t, h.db) != n {
		t.Error("a replay added records")
	}
	if hw, _ := h.db.HighWater(ea.Officer, "dev-a"); hw != 3 {
		t.Errorf("high-water mark = %d, want 3", hw)
	}

	if ans := send(t, c, h.srv.URL, "GET", wire.PathHealth, "", "", nil); ans.status != 200 {
		t.Fatalf("server not healthy after hostile input: %d", ans.status)
	}
	if err := h.db.Check(); err != nil {
		t.Fatal(err)
	}
}

func TestRateLimit(t *testing.T) {
	h := startHQ(t, Limits{PerMinute: 5})
	e, _ := wire.ParseCode(h.enroll(t, "ha-noi").Code)
	auth := wire.BearerToken(e.Officer, e.Token)
	c := h.srv.Client()
	for i := range 5 {
		if ans := send(t, c, h.srv.URL, "GET", wire.PathPull, auth, "", nil); ans.status != 200 {
			t.Fatalf("request %d: %d", i+1, ans.status)
		}
	}
	ans := send(t, c, h.srv.URL, "GET", wire.PathPull, auth, "", nil)
	if ans.status != 429 || ans.code() != wire.CodeRateLimited {
		t.Fatalf("6th request in a minute: %d %s", ans.status, ans.body)
	}
	if s, err := strconv.Atoi(ans.header.Get("Retry-After")); err != nil || s < 1 || s > 60 {
		t.Errorf("Retry-After = %q", ans.header.Get("Retry-After"))
	}
	// Another officer is not slowed by the first.
	e2, _ := wire.ParseCode(h.enroll(t, "hue").Code)
	if ans := send(t, c, h.srv.URL, "GET", wire.PathPull, wire.BearerToken(e2.Officer, e2.Token), "", nil); ans.status != 200 {
		t.Errorf("other officer: %d", ans.status)
	}
}

// TestZstdBombProcess sends a bomb to a real `hq serve` process and checks
// that it is refused, the process's peak memory stays bounded, and it goes
// on serving.
func TestZstdBombProcess(t *testing.T) {
	dir := t.TempDir()
	p := startServe(t, dir, "127.0.0.1:0")
	adm, closeAdm, err := OpenAdmin(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer closeAdm()
	en, err := adm.Enroll(context.Background(), "Bom", "ha-noi", "")
	if err != nil {
		t.Fatal(err)
	}
	e, _ := wire.ParseCode(en.Code)
	c := pinnedClient(t, e.Fingerprint)
	payload := bomb(t, 1<<30) // 1 GiB of zeros
	t.Logf("bomb: %d bytes inflating to 1 GiB", len(payload))
	for range 3 {
		ans := send(t, c, p.url, "POST", wire.PathPush, wire.BearerToken(e.Officer, e.Token), "zstd", payload)
		if ans.status != 413 || ans.code() != wire.CodeInflateTooBig {
			t.Fatalf("bomb answered %d %s", ans.status, ans.body)
		}
	}
	if ans := send(t, c, p.url, "GET", wire.PathHealth, "", "", nil); ans.status != 200 {
		t.Fatalf("server down after bombs: %d", ans.status)
	}
	kb := peakRSS(t, p.cmd.Process.Pid)
	t.Logf("hq serve peak RSS after three 1 GiB bombs: %d MB", kb>>10)
	if kb > 150<<10 {
		t.Errorf("peak RSS %d MB: inflation is not bounded", kb>>10)
	}
}

// pinnedClient trusts exactly the certificate with this fingerprint, as
// the notebook's client does.
func pinnedClient(t testing.TB, fingerprint string) *http.Client {
	t.Helper()
	conf, err := sync.TLSConfig(fingerprint)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Timeout: time.Minute, Transport: &http.Transport{TLSClientConfig: conf}}
}

// TestZstdBombsParallel sends many zstd bombs at once from one valid token
// while another officer pushes real records: HQ's peak memory stays within
// DESIGN.md's 256 MB and every legitimate push is answered.
func TestZstdBombsParallel(t *testing.T) {
	bombs := 200
	if testing.Short() {
		bombs = 40
	}
	dir := t.TempDir()
	p := startServe(t, dir, "127.0.0.1:0")
	adm, closeAdm, err := OpenAdmin(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer closeAdm()
	attacker, err := adm.Enroll(context.Background(), "Bom", "ha-noi", "")
	if err != nil {
		t.Fatal(err)
	}
	honest, err := adm.Enroll(context.Background(), "Thật", "hue", "")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := wire.ParseCode(attacker.Code)
	h, _ := wire.ParseCode(honest.Code)
	c := pinnedClient(t, a.Fingerprint)
	c.Transport.(*http.Transport).MaxConnsPerHost = 0
	payload := bomb(t, 1<<30)
	t.Logf("%d bombs of %d bytes, each inflating to 1 GiB", bombs, len(payload))

	post := func(auth string, body []byte) (int, error) {
		req, err := http.NewRequest("POST", p.url+wire.PathPush, bytes.NewReader(body))
		if err != nil {
			return 0, err
		}
		req.Header.Set("Authorization", auth)
		req.Header.Set("Content-Encoding", "zstd")
		resp, err := c.Do(req)
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close()
		io.Copy(io.Discard, resp.Body)
		return resp.StatusCode, nil
	}
	var wg gosync.WaitGroup
	bombStatus := make(chan int, bombs)
	for range bombs {
		wg.Go(func() {
			st, err := post(wire.BearerToken(a.Officer, a.Token), payload)
			if err != nil {
				t.Errorf("bomb: %v", err)
			}
			bombStatus <- st
		})
	}
	const honestPushes = 10
	var honestBodies [][]byte
	for i := range honestPushes {
		honestBodies = append(honestBodies, batchBody(t, "laptop-hue", uint64(i+1), validLog(newID(), 1)))
	}
	honestStatus := make(chan int, honestPushes)
	wg.Go(func() {
		for i, body := range honestBodies {
			st, err := post(wire.BearerToken(h.Officer, h.Token), body)
			if err != nil {
				t.Errorf("honest push %d: %v", i, err)
			}
			honestStatus <- st
		}
	})
	wg.Wait()
	close(bombStatus)
	close(honestStatus)
	for st := range bombStatus {
		if st != http.StatusRequestEntityTooLarge && st != http.StatusTooManyRequests && st != http.StatusServiceUnavailable {
			t.Errorf("a bomb was answered %d", st)
		}
	}
	n := 0
	for st := range honestStatus {
		if st != http.StatusOK {
			t.Errorf("a legitimate push during the attack was answered %d", st)
		}
		n++
	}
	if n != honestPushes {
		t.Errorf("%d of %d legitimate pushes answered", n, honestPushes)
	}
	kb := peakRSS(t, p.cmd.Process.Pid)
	t.Logf("hq serve peak RSS under %d parallel bombs: %d MB (limit 256 MB)", bombs, kb>>10)
	if kb > 256<<10 {
		t.Errorf("peak RSS %d MB over 256 MB", kb>>10)
	}
}

// peakRSS is a process's peak resident memory in KiB (VmHWM).
func peakRSS(t testing.TB, pid int) int {
	t.Helper()
	status, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	testenv.Need(t, err == nil, "no /proc to read peak memory from")
	for _, line := range strings.Split(string(status), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.Atoi(f[1])
			return kb
		}
	}
	t.Fatal("no VmHWM in /proc status")
	return 0
}
