package hq

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	gosync "sync"
	"sync/atomic"
	"testing"

	"github.com/klauspost/compress/zstd"

	"sotay/i18n"
	"sotay/sync"
	"sotay/sync/wire"
)

// protocol2HQ is an HQ from before files, as a notebook meets it: it takes
// /v2/push but its records have no "attachments" (its JSON decoder drops
// the field), it has no /v2/files (a 404) and its health says protocol 2.
// update turns it into today's HQ over the same data and address.
type protocol2HQ struct {
	*testHQ
	update     func()
	filesAsked atomic.Int64 // requests to /v2/files while old
}

func oldHQForFiles(t *testing.T) *protocol2HQ {
	t.Helper()
	dec, _ := zstd.NewReader(nil)
	enc, _ := zstd.NewWriter(nil)
	t.Cleanup(dec.Close)
	var mu gosync.Mutex // the coders are not safe for concurrent use
	var updated atomic.Bool
	h := &protocol2HQ{update: func() { updated.Store(true) }}
	h.testHQ = startHQWrapped(t, Limits{}, func(full http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch {
			case updated.Load():
				full.ServeHTTP(w, r)
			case r.URL.Path == wire.PathHealth:
				writeJSON(w, http.StatusOK, map[string]any{"ok": true, "version": "0.9.5", "protocol": 2})
			case strings.HasPrefix(r.URL.Path, wire.PathFiles):
				h.filesAsked.Add(1)
				writeError(w, http.StatusNotFound, wire.CodeNotFound, "no such path")
			case r.URL.Path == wire.PathPushV2:
				raw, _ := io.ReadAll(io.LimitReader(r.Body, 8<<20))
				mu.Lock()
				plain, err := dec.DecodeAll(raw, nil)
				var req struct {
					Device  string           `json:"device"`
					Through uint64           `json:"through"`
					Records []map[string]any `json:"records"`
				}
				if err == nil {
					err = json.Unmarshal(plain, &req)
				}
				for _, rec := range req.Records {
					delete(rec, "attachments") // what protocol 2's record type never had
				}
				plain, _ = json.Marshal(req)
				body := enc.EncodeAll(plain, nil)
				mu.Unlock()
				if err != nil {
					writeError(w, http.StatusBadRequest, wire.CodeBadEncoding, "bad body")
					return
				}
				r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
				full.ServeHTTP(w, r)
			default:
				full.ServeHTTP(w, r)
			}
		})
	})
	return h
}

// TestNewNotebookHQWithoutFiles: a notebook with attached files facing an
// HQ of protocol 2 learns it before the push, says so in words, sends the
// records all the same, keeps the files queued without asking /v2/files,
// and once HQ is updated sends the records again for their lists and then
// the files: nothing lost.
func TestNewNotebookHQWithoutFiles(t *testing.T) {
	h := oldHQForFiles(t)
	en := h.enroll(t, "ha-noi")
	st := notebook(t, en.Code)
	plain := addLog(t, st, 1)
	withFile := addLog(t, st, 2)
	content := fakePDF(200 << 10)
	attachFile(t, st, withFile.ID, "Biên bản.pdf", content)
	c := fastClient(t, st, sync.Options{})
	ctx := context.Background()

	res, err := c.Sync(ctx, nil)
	if err != nil || res.Pushed != 2 || !res.HQNoFiles {
		t.Fatalf("sync with an HQ too old for files: %+v, %v (want both records pushed, HQNoFiles)", res, err)
	}
	if n, _ := st.Pending(); n != 0 {
		t.Errorf("pending %d: the records' sync must go on", n)
	}
	ss, _ := st.SyncState()
	if ss.LastError != sync.FailHQNoFiles || ss.HQProtocol != 2 || ss.HQVersion != "0.9.5" || ss.LastSync.IsZero() {
		t.Errorf("sync state %q protocol %d version %q last sync %v", ss.LastError, ss.HQProtocol, ss.HQVersion, ss.LastSync)
	}
	if len(ss.FilesAwaitHQ) != 1 || ss.FilesAwaitHQ[0] != withFile.ID {
		t.Errorf("records to send again: %v, want [%s]", ss.FilesAwaitHQ, withFile.ID)
	}
	ures, err := c.Upload(ctx, nil)
	var se *sync.Error
	if !errors.As(err, &se) || se.Kind != sync.FailHQNoFiles || se.Detail != "0.9.5" || ures.Waiting != 1 {
		t.Fatalf("upload to an HQ too old for files: %+v, %v", ures, err)
	}
	if n := h.filesAsked.Load(); n != 0 {
		t.Errorf("%d requests to /v2/files of an HQ that said it has none", n)
	}
	if ups, _ := st.Uploads(); len(ups) != 1 || ups[0].Failed != "" {
		t.Errorf("the file must stay queued: %+v", ups)
	}
	for _, lang := range []i18n.Lang{i18n.EN, i18n.VI} {
		msg := i18n.New(lang).Error(err)
		if !strings.Contains(msg, "0.9.5") || msg == i18n.New(lang).Error(&sync.Error{Kind: sync.FailHQTooOld, Detail: "0.9.5"}) {
			t.Errorf("the officer reads %q", msg)
		}
	}
	if msg := i18n.New(i18n.EN).SyncError(ss.LastError); !strings.Contains(msg, "update") || !strings.Contains(msg, "files") {
		t.Errorf("the status says %q", msg)
	}

	h.update()
	res, err = c.Sync(ctx, nil)
	if err != nil || res.HQNoFiles {
		t.Fatalf("sync with the updated HQ: %+v, %v", res, err)
	}
	ss, _ = st.SyncState()
	if ss.LastError != "" || len(ss.FilesAwaitHQ) != 0 || ss.HQProtocol != wire.Protocol {
		t.Errorf("after the update: error %q, still to send %v, protocol %d", ss.LastError, ss.FilesAwaitHQ, ss.HQProtocol)
	}
	ures, err = c.Upload(ctx, nil)
	if err != nil || ures.Sent != 1 {
		t.Fatalf("upload to the updated HQ: %+v, %v", ures, err)
	}
	hqHolds(t, h.db, content)
	sr, err := h.db.Record(withFile.ID)
	if err != nil || len(sr.Record.Attachments) != 1 || sr.Record.Attachments[0].SHA256 != sumHex(content) {
		t.Errorf("HQ's record lists %+v, %v", sr.Record.Attachments, err)
	}
	nb, _ := st.Get(withFile.ID)
	if sr.Record.Rev != nb.Rev {
		t.Errorf("HQ holds rev %d, the notebook %d: the same rev goes again, no new one", sr.Record.Rev, nb.Rev)
	}
	if sr, _ := h.db.Record(plain.ID); len(sr.Record.Attachments) != 0 {
		t.Errorf("a record without files lists %+v", sr.Record.Attachments)
	}
}
