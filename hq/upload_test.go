package hq

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"sotay/record"
	"sotay/store"
	"sotay/sync"
	"sotay/sync/wire"
)

// fakePDF is n bytes that sniff as a PDF and do not compress.
func fakePDF(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	copy(b, "%PDF-1.7\n")
	return b
}

func sumHex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// attachFile writes content as name and attaches it to the record.
func attachFile(t testing.TB, st *store.Store, id, name string, content []byte) record.Attachment {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, content, 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := st.Attach(id, []string{p}, store.AttachOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return r.Attachments[len(r.Attachments)-1]
}

// hqHolds checks HQ holds the file whole: listed, in place, with its hash.
func hqHolds(t testing.TB, db *DB, content []byte) {
	t.Helper()
	sum := sumHex(content)
	fi, ok, err := db.File(sum)
	if err != nil || !ok || fi.Size != int64(len(content)) {
		t.Fatalf("HQ lists %s: %+v %v %v", sum, fi, ok, err)
	}
	got, err := os.ReadFile(db.FilePath(sum))
	if err != nil || sumHex(got) != sum {
		t.Fatalf("HQ's copy of %s: %d bytes, %v", sum, len(got), err)
	}
}

func TestUploadLoopback(t *testing.T) {
	h := startHQ(t, Limits{})
	en := h.enroll(t, "ha-noi")
	st := notebook(t, en.Code)
	rec := addLog(t, st, 1)
	content := fakePDF(3<<20 + 12345)
	attachFile(t, st, rec.ID, "Biên bản họp.pdf", content)
	c := fastClient(t, st, sync.Options{Chunk: 1 << 20})
	// Before the record is at HQ, its file waits.
	res, err := c.Upload(context.Background(), nil)
	if err != nil || res.Sent != 0 || res.Waiting != 1 {
		t.Fatalf("upload before push: %+v, %v", res, err)
	}
	if _, err := c.Sync(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	var last sync.UploadProgress
	res, err = c.Upload(context.Background(), func(p sync.UploadProgress) { last = p })
	if err != nil || res.Sent != 1 || res.Bytes != int64(len(content)) {
		t.Fatalf("upload: %+v, %v", res, err)
	}
	if last.Sent != int64(len(content)) || last.Name != "Biên bản họp.pdf" {
		t.Errorf("last progress %+v", last)
	}
	hqHolds(t, h.db, content)
	if ups, _ := st.Uploads(); len(ups) != 0 {
		t.Errorf("still waiting: %+v", ups)
	}
	// The same bytes on another record: HQ holds them, nothing is sent.
	rec2 := addLog(t, st, 2)
	p := filepath.Join(t.TempDir(), "copy.pdf")
	os.WriteFile(p, content, 0o600)
	if _, err := st.Attach(rec2.ID, []string{p}, store.AttachOptions{}); err != nil {
		t.Fatal(err)
	}
	if ups, _ := st.Uploads(); len(ups) != 0 {
		t.Errorf("a file already sent was queued again: %+v", ups)
	}
	parts, _ := filepath.Glob(filepath.Join(h.db.FilesDir(), "part", "*"))
	if len(parts) != 0 {
		t.Errorf("parts left: %v", parts)
	}
}

// rawHQ speaks the upload protocol by hand, as a hostile client would.
type rawHQ struct {
	t     *testing.T
	h     *testHQ
	token string
}

func (r rawHQ) do(method, path string, hdr map[string]string, body []byte) *http.Response {
	r.t.Helper()
	req, err := http.NewRequest(method, r.h.srv.URL+path, bytes.NewReader(body))
	if err != nil {
		r.t.Fatal(err)
	}
	if body == nil {
		req.Body, req.ContentLength = nil, 0
	}
	req.Header.Set("Authorization", "Bearer "+r.token)
	req.Header.Set(wire.HeaderTus, wire.TusVersion)
	for k, v := range hdr {
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	resp, err := r.h.srv.Client().Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

func (r rawHQ) create(m wire.FileMeta, length int) *http.Response {
	return r.do(http.MethodPost, wire.PathFiles, map[string]string{wire.HeaderLength: strconv.Itoa(length), wire.HeaderMeta: m.Encode()}, nil)
}

func (r rawHQ) patch(loc string, offset int, body []byte) *http.Response {
	return r.do(http.MethodPatch, loc, map[string]string{wire.HeaderOffset: strconv.Itoa(offset), "Content-Type": wire.ContentTypeChunk}, body)
}

func officerToken(t *testing.T, code string) string {
	t.Helper()
	e, err := wire.ParseCode(code)
	if err != nil {
		t.Fatal(err)
	}
	return e.Officer + "." + e.Token
}

// applyListing makes HQ hold a record of officer listing files, as a push
// would (a hostile notebook may list anything that passes the rules).
func applyListing(t *testing.T, db *DB, officer string, files ...record.Attachment) string {
	t.Helper()
	var gen record.IDGen
	now := time.Now().UTC()
	r := record.Record{ID: record.FormatID(gen.Next(now)), Kind: record.KindLog, Rev: 1, Created: now, Updated: now,
		Date: "2026-06-01", Commune: "Phường Ba Đình", Activity: "meeting", Content: "Họp", Attachments: files}
	rej, err := db.Apply(officer, "dev", "", 1, []record.Record{r})
	if err != nil || len(rej) != 0 {
		t.Fatalf("apply: %v %+v", err, rej)
	}
	return r.ID
}

// nothingStored checks HQ holds no file and no upload, and the officer's
// quota is back to nothing.
func nothingStored(t *testing.T, db *DB, officer, what string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(db.FilesDir(), "??", "*"))
	parts, _ := filepath.Glob(filepath.Join(db.FilesDir(), "part", "*"))
	n, used := 0, uint64(0)
	db.db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketFiles); b != nil {
			n = b.Stats().KeyN
		}
		if b := tx.Bucket(bucketFileQuota); b != nil {
			used = getUint64(b, officer)
		}
		return nil
	})
	if len(files) != 0 || n != 0 || len(parts) != 0 || used != 0 {
		t.Errorf("%s: HQ holds files %v (%d listed), parts %v, quota used %d", what, files, n, parts, used)
	}
}

func TestUploadHostile(t *testing.T) {
	h := startHQ(t, Limits{})
	en := h.enroll(t, "ha-noi")
	other := h.enroll(t, "hai-phong")
	me := rawHQ{t, h, officerToken(t, en.Code)}
	them := rawHQ{t, h, officerToken(t, other.Code)}

	good := fakePDF(100 << 10)
	html := []byte("<html><body><script>alert(document.cookie)</script></body></html>")
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`)
	att := func(name, typ string, content []byte) record.Attachment {
		return record.Attachment{Name: name, Size: int64(len(content)), Type: typ, SHA256: sumHex(content)}
	}
	// A hostile notebook listed an HTML page as a PDF: the rules on the
	// record cannot see the bytes, so HQ must.
	recID := applyListing(t, h.db, en.Officer.ID, att("good.pdf", record.TypePDF, good), att("page.pdf", record.TypePDF, html))
	meta := func(a record.Attachment) wire.FileMeta {
		return wire.FileMeta{SHA256: a.SHA256, Name: a.Name, Type: a.Type, Record: recID}
	}
	goodMeta, htmlMeta := meta(att("good.pdf", record.TypePDF, good)), meta(att("page.pdf", record.TypePDF, html))
	named := func(name string) func() *http.Response { // the good file declared under another name
		return func() *http.Response {
			m := goodMeta
			m.Name = name
			return me.create(m, len(good))
		}
	}

	for _, tc := range []struct {
		name   string
		create func() *http.Response
		status int
	}{
		{"too big", func() *http.Response { return me.create(goodMeta, record.MaxFileBytes+1) }, http.StatusRequestEntityTooLarge},
		{"length not the listed size", func() *http.Response { return me.create(goodMeta, len(good)+1) }, http.StatusConflict},
		{"name with ../", named("../../good.pdf"), http.StatusBadRequest},
		{"name with NUL", named("good\x00.pdf"), http.StatusBadRequest},
		{"reserved name", named("CON.pdf"), http.StatusBadRequest},
		{"SVG declared", func() *http.Response {
			return me.create(wire.FileMeta{SHA256: sumHex(svg), Name: "x.svg", Type: "image/svg+xml", Record: recID}, len(svg))
		}, http.StatusUnsupportedMediaType},
		{"HTML declared", func() *http.Response {
			return me.create(wire.FileMeta{SHA256: sumHex(html), Name: "x.html", Type: "text/html", Record: recID}, len(html))
		}, http.StatusUnsupportedMediaType},
		{"another officer's record", func() *http.Response { return them.create(goodMeta, len(good)) }, http.StatusConflict},
		{"not listed", func() *http.Response {
			return me.create(wire.FileMeta{SHA256: sumHex(svg), Name: "good.pdf", Type: record.TypePDF, Record: recID}, len(good))
		}, http.StatusConflict},
		{"no tus version", func() *http.Response {
			return me.do(http.MethodPost, wire.PathFiles, map[string]string{wire.HeaderTus: "", wire.HeaderLength: "10", wire.HeaderMeta: goodMeta.Encode()}, nil)
		}, http.StatusPreconditionFailed},
		{"no token", func() *http.Response {
			return rawHQ{t, h, "x.y"}.create(goodMeta, len(good))
		}, http.StatusUnauthorized},
	} {
		resp := tc.create()
		if resp.StatusCode != tc.status {
			t.Errorf("%s: status %d, want %d", tc.name, resp.StatusCode, tc.status)
		}
	}
	nothingStored(t, h.db, en.Officer.ID, "after refused creates")

	// An upload of the right length whose bytes are not the declared ones.
	resp := me.create(goodMeta, len(good))
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create: %d", resp.StatusCode)
	}
	loc := resp.Header.Get("Location")
	// Another officer cannot see or continue it.
	if r := them.do(http.MethodHead, loc, nil, nil); r.StatusCode != http.StatusNotFound {
		t.Errorf("another officer's HEAD: %d", r.StatusCode)
	}
	if r := them.patch(loc, 0, good[:100]); r.StatusCode != http.StatusNotFound {
		t.Errorf("another officer's PATCH: %d", r.StatusCode)
	}
	// An offset that skips ahead is refused and writes nothing.
	if r := me.patch(loc, 1000, good[1000:2000]); r.StatusCode != http.StatusConflict || r.Header.Get(wire.HeaderOffset) != "0" {
		t.Errorf("skipping ahead: %d, offset %q", r.StatusCode, r.Header.Get(wire.HeaderOffset))
	}
	if r := me.do(http.MethodPatch, loc, map[string]string{wire.HeaderOffset: "0", "Content-Type": "text/html"}, good[:10]); r.StatusCode != http.StatusUnsupportedMediaType {
		t.Errorf("PATCH of the wrong content type: %d", r.StatusCode)
	}
	if r := me.patch(loc, 0, good[:1000]); r.StatusCode != http.StatusNoContent || r.Header.Get(wire.HeaderOffset) != "1000" {
		t.Fatalf("first chunk: %d, offset %q", r.StatusCode, r.Header.Get(wire.HeaderOffset))
	}
	// More than the file holds.
	if r := me.patch(loc, 1000, make([]byte, len(good))); r.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("past the end: %d", r.StatusCode)
	}
	wrong := append([]byte(nil), good...)
	wrong[len(wrong)-1] ^= 0xFF
	if r := me.patch(loc, 1000, wrong[1000:]); r.StatusCode != wire.StatusHashMismatch {
		t.Errorf("wrong hash: %d", r.StatusCode)
	}
	nothingStored(t, h.db, en.Officer.ID, "after a wrong hash")
	if r := me.do(http.MethodHead, loc, nil, nil); r.StatusCode != http.StatusNotFound {
		t.Errorf("the refused upload still answers HEAD: %d", r.StatusCode)
	}

	// An HTML page whose hash is the declared one, declared a PDF: its
	// sniffed type gives it away at the end, and nothing stays.
	resp = me.create(htmlMeta, len(html))
	if r := me.patch(resp.Header.Get("Location"), 0, html); r.StatusCode != http.StatusUnsupportedMediaType {
		t.Errorf("HTML as PDF: %d", r.StatusCode)
	}
	nothingStored(t, h.db, en.Officer.ID, "after HTML declared a PDF")

	// And the good file goes through.
	resp = me.create(goodMeta, len(good))
	if r := me.patch(resp.Header.Get("Location"), 0, good); r.StatusCode != http.StatusNoContent {
		t.Fatalf("good file: %d", r.StatusCode)
	}
	hqHolds(t, h.db, good)
}

// The quota counts open uploads too, and a refused upload gives its share
// back.
func TestUploadQuota(t *testing.T) {
	h := startHQ(t, Limits{FileQuota: 150 << 10})
	en := h.enroll(t, "ha-noi")
	me := rawHQ{t, h, officerToken(t, en.Code)}
	a, b := fakePDF(100<<10), fakePDF(100<<10)
	att := func(n string, c []byte) record.Attachment {
		return record.Attachment{Name: n, Size: int64(len(c)), Type: record.TypePDF, SHA256: sumHex(c)}
	}
	recID := applyListing(t, h.db, en.Officer.ID, att("a.pdf", a), att("b.pdf", b))
	ma := wire.FileMeta{SHA256: sumHex(a), Name: "a.pdf", Type: record.TypePDF, Record: recID}
	mb := wire.FileMeta{SHA256: sumHex(b), Name: "b.pdf", Type: record.TypePDF, Record: recID}
	r0 := me.create(ma, len(a))
	if r0.StatusCode != http.StatusCreated {
		t.Fatalf("a: %d", r0.StatusCode)
	}
	if r := me.create(mb, len(b)); r.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("b over quota: %d", r.StatusCode)
	}
	// Asking again for a (a lost answer) continues the same upload.
	r1 := me.create(ma, len(a))
	if r1.StatusCode != http.StatusCreated || r1.Header.Get("Location") != r0.Header.Get("Location") {
		t.Errorf("a again: %d at %q, first at %q", r1.StatusCode, r1.Header.Get("Location"), r0.Header.Get("Location"))
	}
}

// The roll-up's sheets carry each record's files by name.
func TestRollupListsFiles(t *testing.T) {
	rr := &RecordRow{StoredRecord: StoredRecord{Officer: "o", Record: record.Record{ID: "x", Kind: record.KindTraining,
		Attachments: []record.Attachment{{Name: "Danh sách.pdf"}, {Name: "ảnh lớp học.jpg"}}}}, Province: "ha-noi"}
	row, cols := recordRow(rr, nil), recordColumns(record.KindTraining)
	if len(row) != len(cols) {
		t.Fatalf("%d cells for %d columns", len(row), len(cols))
	}
	found := false
	for i, c := range cols {
		if c.head == "Tệp đính kèm" {
			found = true
			if row[i] != "Danh sách.pdf; ảnh lớp học.jpg" {
				t.Errorf("files cell %q", row[i])
			}
		}
	}
	if !found {
		t.Error("no files column")
	}
}
