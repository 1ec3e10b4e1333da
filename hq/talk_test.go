package hq

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"sotay/i18n"
	"sotay/record"
	"sotay/store"
	"sotay/sync"
	"sotay/sync/wire"
)

// Issue 11 end to end, with the real client over real TLS on loopback.

func syncOnce(t *testing.T, c *sync.Client) sync.Result {
	t.Helper()
	res, err := c.Sync(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// sameThread fails unless HQ and the notebook hold the difficulty's thread
// alike, item for item.
func sameThread(t *testing.T, db *DB, st *store.Store, id string) []record.ThreadItem {
	t.Helper()
	_, hqThread, err := db.Thread(id)
	if err != nil {
		t.Fatal(err)
	}
	nb, err := st.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	h, _ := json.Marshal(hqThread)
	n, _ := json.Marshal(nb.Thread())
	if string(h) != string(n) {
		t.Fatalf("threads differ\nHQ:       %s\nnotebook: %s", h, n)
	}
	return hqThread
}

func TestConversationLoopback(t *testing.T) {
	h := startHQ(t, Limits{})
	en := h.enroll(t, "ha-noi")
	st := notebook(t, en.Code)
	c := fastClient(t, st, sync.Options{})
	d := addDifficulty(t, st, "Thiếu công chức địa chính")
	other := addDifficulty(t, st, "Chậm chi trả chế độ") // received first: older in the waiting order
	tr, err := st.Create(record.Record{Kind: record.KindTraining, Date: "2026-06-02", Commune: "Xã Sóc Sơn",
		Topic: "Tập huấn một cửa", Participants: 40, Women: new(12)})
	if err != nil {
		t.Fatal(err)
	}
	syncOnce(t, c)

	// HQ answers; the officer reads it, then replies while offline.
	if _, err := h.db.Respond(d.ID, record.StatusInProgress, "Đề nghị báo cáo số biên chế hiện có.", "Tổ công tác"); err != nil {
		t.Fatal(err)
	}
	syncOnce(t, c)
	if news, _ := st.TakeNews(); news.Answered != 1 {
		t.Errorf("news after the answer: %+v", news)
	}
	if _, err := st.AddFollowUp(d.ID, "Xã hiện có 18/22 biên chế, thiếu 2 địa chính."); err != nil {
		t.Fatal(err)
	}
	syncOnce(t, c)
	held, err := h.db.Record(d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(held.Record.FollowUps) != 1 || !held.Record.WaitingForHQ() || held.Record.Status != record.StatusInProgress {
		t.Fatalf("HQ holds follow-ups %+v waiting %v status %q", held.Record.FollowUps, held.Record.WaitingForHQ(), held.Record.Status)
	}
	// In the workspace's "waiting" order the difficulty the officer wrote
	// on last comes before one HQ answered and nobody wrote on since,
	// though that one was received earlier.
	if _, err := h.db.Respond(other.ID, record.StatusAnswered, "Đã chuyển Sở Tài chính.", "Tổ công tác"); err != nil {
		t.Fatal(err)
	}
	page, err := h.db.QueryRecords(context.Background(), RecordFilter{Kind: record.KindDifficulty, Sort: "waiting", Now: time.Now()}, "", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Rows) != 2 || page.Rows[0].Record.ID != d.ID {
		t.Fatalf("waiting order: %v, want the followed-up difficulty first", ids(func() (out []record.Record) {
			for _, r := range page.Rows {
				out = append(out, r.Record)
			}
			return out
		}()))
	}

	// HQ answers again, with a status, and marks the training has_issues.
	if _, err := h.db.Respond(d.ID, record.StatusAnswered, "Bố trí kiêm nhiệm theo Nghị định 33.", "Tổ công tác"); err != nil {
		t.Fatal(err)
	}
	if _, err := h.db.Review(tr.ID, record.ReviewHasIssues, "Số nữ tham gia chưa khớp danh sách.", "Tổ công tác"); err != nil {
		t.Fatal(err)
	}
	syncOnce(t, c)
	if news, _ := st.TakeNews(); news != (store.News{Answered: 2, NeedFix: 1}) {
		t.Errorf("news: %+v, want 2 answered, 1 to fix", news)
	}
	if fix, _ := st.NeedFix(); len(fix) != 1 || fix[0] != tr.ID {
		t.Fatalf("to fix: %v, want the training", fix)
	}
	th := sameThread(t, h.db, st, d.ID)
	var from []string
	for _, it := range th {
		from = append(from, it.From)
	}
	if got := strings.Join(from, " "); got != "hq officer hq" {
		t.Fatalf("thread order %q", got)
	}

	// The officer fixes the training (rev + 1) and syncs: HQ sees edited,
	// and so does the notebook, in the same sync.
	fixed := tr
	fixed.Women = new(15)
	if fixed, err = st.Update(fixed); err != nil {
		t.Fatal(err)
	}
	syncOnce(t, c)
	sr, err := h.db.Record(tr.ID)
	if err != nil {
		t.Fatal(err)
	}
	if sr.Review == nil || sr.Review.State != record.ReviewEdited || sr.Record.Rev != 2 || sr.Record.WomenOr(-1) != 15 {
		t.Fatalf("HQ after the fix: review %+v rev %d", sr.Review, sr.Record.Rev)
	}
	views, err := st.HQViews([]string{tr.ID, d.ID})
	if err != nil {
		t.Fatal(err)
	}
	v := views[tr.ID]
	if v.Review == nil || v.Review.State != record.ReviewEdited || v.NeedsFix(fixed.Rev) {
		t.Errorf("notebook's review after the fix: %+v", v.Review)
	}
	// The receipt is HQ's own time of receiving rev 2.
	if !v.Received(2) || !v.Receipt.At.Equal(sr.Received) {
		t.Errorf("receipt %+v, HQ received rev %d at %v", v.Receipt, sr.Record.Rev, sr.Received)
	}
	if !views[d.ID].Received(2) {
		t.Errorf("difficulty receipt %+v, want rev 2", views[d.ID].Receipt)
	}

	// Approved locks the difficulty in the notebook until HQ reopens it.
	if _, err := h.db.Review(d.ID, record.ReviewApproved, "", "Tổ công tác"); err != nil {
		t.Fatal(err)
	}
	syncOnce(t, c)
	if _, err := st.Resolve(d.ID, "Đã giải quyết tại xã"); !errors.Is(err, store.ErrApproved) {
		t.Fatalf("resolve an approved difficulty: %v", err)
	}
	if _, err := h.db.Review(d.ID, record.ReviewReopen, "Bổ sung kết quả", "Tổ công tác"); err != nil {
		t.Fatal(err)
	}
	syncOnce(t, c)
	if _, err := st.Resolve(d.ID, "Đã giải quyết tại xã: UBND xã bố trí kiêm nhiệm."); err != nil {
		t.Fatal(err)
	}
	syncOnce(t, c)
	th = sameThread(t, h.db, st, d.ID)
	if last := th[len(th)-1]; !last.Resolved || last.From != record.FromOfficer {
		t.Fatalf("last item %+v, want the officer's resolution", last)
	}
	// A review refused: no comment for has_issues, unknown action.
	if _, err := h.db.Review(tr.ID, record.ReviewHasIssues, " ", ""); !errors.Is(err, ErrNeedComment) {
		t.Errorf("has_issues without a comment: %v", err)
	}
	if _, err := h.db.Review(tr.ID, "rejected", "x", ""); !errors.Is(err, ErrBadReview) {
		t.Errorf("unknown review: %v", err)
	}
}

// oldHQ is an HQ from before protocol 2, as the notebook meets it: its API
// (which never served /v2: a 404) or its workspace behind the same
// address (a page refusing the post), and a health without a protocol.
func oldHQ(t *testing.T, unknown func(w http.ResponseWriter)) *testHQ {
	t.Helper()
	return startHQWrapped(t, Limits{}, func(v1 http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch {
			case r.URL.Path == wire.PathHealth:
				writeJSON(w, http.StatusOK, map[string]any{"ok": true, "version": "0.9.0"})
			case strings.HasPrefix(r.URL.Path, "/v1/"):
				v1.ServeHTTP(w, r)
			default:
				unknown(w)
			}
		})
	})
}

func TestNewNotebookOldHQ(t *testing.T) {
	tests := []struct {
		name    string
		unknown func(w http.ResponseWriter)
	}{
		{"API answers not found", func(w http.ResponseWriter) {
			writeError(w, http.StatusNotFound, wire.CodeNotFound, "no such path")
		}},
		{"workspace refuses the post", func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusForbidden)
			w.Write([]byte("<!doctype html><p>Yêu cầu bị từ chối</p>"))
		}},
		{"workspace has no such page", func(w http.ResponseWriter) {
			http.NotFound(w, nil)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hOld := oldHQ(t, tt.unknown)
			en := hOld.enroll(t, "ha-noi")
			st := notebook(t, en.Code)
			addDifficulty(t, st, "Thiếu công chức")
			c := fastClient(t, st, sync.Options{})
			_, err := c.Sync(context.Background(), nil)
			var se *sync.Error
			if !errors.As(err, &se) || se.Kind != sync.FailHQTooOld || se.Detail != "0.9.0" {
				t.Fatalf("sync with an old HQ: %v, want %s", err, sync.FailHQTooOld)
			}
			if n, _ := st.Pending(); n != 1 {
				t.Errorf("pending %d: the record must wait", n)
			}
			msg := i18n.New(i18n.EN).Error(err)
			if !strings.Contains(msg, "0.9.0") || !strings.Contains(msg, "update") {
				t.Errorf("the officer reads %q", msg)
			}
		})
	}
}
