package hq

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/klauspost/compress/zstd"

	"sotay/record"
	"sotay/sync"
	"sotay/sync/wire"
)

// The fixtures under testdata/v1 were recorded from the notebook's client
// and HQ as they were before the conversation, review and receipts of
// issue 11 (protocol 1): push.json is the body of a push (three records, a
// difficulty at rev 2), pull.json HQ's answer to the next pull (an answer
// with a status, a status alone, a notice). Notebooks built before that
// change are in the field; these tests hold the new HQ and client to them.

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "v1", name))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// oldClientDo sends what a protocol-1 notebook sends: the token, zstd for
// a body, and nothing a later protocol added.
func oldClientDo(t *testing.T, h *testHQ, en Enrolled, method, path string, body []byte) (int, []byte) {
	t.Helper()
	code, err := wire.ParseCode(en.Code)
	if err != nil {
		t.Fatal(err)
	}
	var rd io.Reader
	if body != nil {
		enc, _ := zstd.NewWriter(nil)
		rd = bytes.NewReader(enc.EncodeAll(body, nil))
	}
	req, err := http.NewRequest(method, h.srv.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", wire.BearerToken(code.Officer, code.Token))
	req.Header.Set("User-Agent", "sotay/0.9.0 (linux/amd64)")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Content-Encoding", wire.ContentEncoding)
	}
	resp, err := h.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, raw
}

// TestCompatV1PushAccepted: the new HQ takes a protocol-1 push whole.
func TestCompatV1PushAccepted(t *testing.T) {
	h := startHQ(t, Limits{})
	en := h.enroll(t, "ha-noi")
	push := readFixture(t, "push.json")
	var sent wire.PushRequest
	if err := json.Unmarshal(push, &sent); err != nil {
		t.Fatal(err)
	}
	status, raw := oldClientDo(t, h, en, http.MethodPost, wire.PathPush, push)
	if status != http.StatusOK {
		t.Fatalf("push: %d %s", status, raw)
	}
	var resp wire.PushResponse
	if err := json.Unmarshal(raw, &resp); err != nil {
		t.Fatal(err)
	}
	if resp.Ack != sent.Through || len(resp.Rejected) != 0 {
		t.Fatalf("answer %+v, want ack %d and no rejection", resp, sent.Through)
	}
	want := map[string]int64{}
	for _, r := range sent.Records {
		want[r.ID] = r.Rev
	}
	if got := hqRevs(t, h.db, en.Officer.ID); !reflect.DeepEqual(got, want) {
		t.Fatalf("HQ holds %v, want %v", got, want)
	}
	// Sent again (the answer lost): nothing changes, still acknowledged.
	if status, raw := oldClientDo(t, h, en, http.MethodPost, wire.PathPush, push); status != http.StatusOK {
		t.Fatalf("resend: %d %s", status, raw)
	}
	if got := hqRevs(t, h.db, en.Officer.ID); !reflect.DeepEqual(got, want) {
		t.Fatalf("after a resend HQ holds %v, want %v", got, want)
	}
}

// TestCompatV1PullSameShape: after the same push and the same answers, a
// protocol-1 notebook pulling from the new HQ gets what it got from the
// old one, field for field (times aside).
func TestCompatV1PullSameShape(t *testing.T) {
	h := startHQ(t, Limits{})
	en := h.enroll(t, "ha-noi")
	push := readFixture(t, "push.json")
	if status, raw := oldClientDo(t, h, en, http.MethodPost, wire.PathPush, push); status != http.StatusOK {
		t.Fatalf("push: %d %s", status, raw)
	}
	var want map[string]any
	if err := json.Unmarshal(readFixture(t, "pull.json"), &want); err != nil {
		t.Fatal(err)
	}
	// Replay what HQ did between the two recorded syncs.
	evs := want["events"].([]any)
	for _, e := range evs {
		ev := e.(map[string]any)
		var err error
		switch ev["kind"] {
		case wire.EventAnswer:
			text, author := "", ""
			if r, ok := ev["response"].(map[string]any); ok {
				text, author = r["text"].(string), r["author"].(string)
			}
			_, err = h.db.Respond(ev["record"].(string), ev["status"].(string), text, author)
		case wire.EventNotice:
			_, err = h.db.Notice(ev["title"].(string), ev["text"].(string))
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	status, raw := oldClientDo(t, h, en, http.MethodGet, wire.PathPull+"?after=0&limit=500", nil)
	if status != http.StatusOK {
		t.Fatalf("pull: %d %s", status, raw)
	}
	var got map[string]any
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	dropTimes(got)
	dropTimes(want)
	if !reflect.DeepEqual(got, want) {
		g, _ := json.MarshalIndent(got, "", "  ")
		w, _ := json.MarshalIndent(want, "", "  ")
		t.Fatalf("a protocol-1 pull now reads\n%s\nwant\n%s", g, w)
	}
}

// dropTimes removes every "at" (they differ from run to run).
func dropTimes(v any) {
	switch x := v.(type) {
	case map[string]any:
		delete(x, "at")
		for _, y := range x {
			dropTimes(y)
		}
	case []any:
		for _, y := range x {
			dropTimes(y)
		}
	}
}

// TestCompatV1PullUnderstood: the notebook's client still understands a
// protocol-1 pull answer (an older HQ's, or the new HQ's on /v1).
func TestCompatV1PullUnderstood(t *testing.T) {
	var sent wire.PushRequest
	if err := json.Unmarshal(readFixture(t, "push.json"), &sent); err != nil {
		t.Fatal(err)
	}
	st := notebook(t, "")
	if err := st.Import(context.Background(), sent.Records, nil); err != nil {
		t.Fatal(err)
	}
	var pr wire.PullResponse
	if err := json.Unmarshal(readFixture(t, "pull.json"), &pr); err != nil {
		t.Fatal(err)
	}
	if err := st.ApplyInbox(sync.InboxEvents(pr.Events), pr.Next); err != nil {
		t.Fatal(err)
	}
	var diff record.Record
	for _, r := range sent.Records {
		if r.Kind == record.KindDifficulty {
			diff = r
		}
	}
	d, err := st.Get(diff.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != record.StatusAnswered {
		t.Errorf("status %q, want answered", d.Status)
	}
	texts := 0
	for _, r := range d.Responses {
		if r.Text == "Đã chuyển Vụ Công chức xem xét." && r.Author == "Tổ công tác" {
			texts++
		}
	}
	if texts != 1 {
		t.Errorf("responses %+v: want the answer once", d.Responses)
	}
	ns, err := st.Notices(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(ns) != 1 || ns[0].Title != "Lịch giao ban tháng 6" {
		t.Errorf("notices %+v", ns)
	}
	ss, err := st.SyncState()
	if err != nil {
		t.Fatal(err)
	}
	if ss.Cursor != pr.Next {
		t.Errorf("cursor %d, want %d", ss.Cursor, pr.Next)
	}
}
