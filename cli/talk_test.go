package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sotay/hq"
	"sotay/record"
	"sotay/store"
)

// hqSays opens the notebook in dir and plays what a sync with HQ would
// have brought: receipts for everything pushed, then events.
func hqSays(t *testing.T, dir string, received time.Time, evs ...store.InboxEvent) {
	t.Helper()
	st, err := store.Open(filepath.Join(dir, store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	b, err := st.NextPush(0, 1000, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.AckPushReceived(b.Through, nil, received, nil); err != nil {
		t.Fatal(err)
	}
	if err := st.ApplyInbox(evs, uint64(len(evs))); err != nil {
		t.Fatal(err)
	}
}

func TestShowThreadReviewReceipt(t *testing.T) {
	dir := setUp(t)
	d := strings.TrimSpace(run(t, dir, "add", "difficulty", "--date", "2026-06-01", "--commune", "Xã Sóc Sơn",
		"--category", "staffing", "--severity", "high", "--title", "Thiếu công chức").stdout)
	tr := strings.TrimSpace(run(t, dir, "add", "training", "--date", "2026-06-01", "--commune", "Xã Sóc Sơn",
		"--topic", "Một cửa", "--participants", "30").stdout)
	at := time.Date(2026, 6, 2, 7, 2, 0, 0, time.UTC)
	hqSays(t, dir, at,
		store.InboxEvent{Seq: 1, At: at, RecordID: d, Status: "answered",
			Response: &record.Response{At: at, Author: "Tổ công tác", Text: "Bố trí \x1b[31mkiêm nhiệm", Status: "answered"}},
		store.InboxEvent{Seq: 2, At: at, RecordID: tr, Review: &record.Review{State: record.ReviewHasIssues, Comment: "Thiếu số nữ", At: at, Rev: 1}},
		store.InboxEvent{Seq: 3, At: at, Notice: &store.Notice{Title: "Giao ban", Text: "Thứ Hai 8h"}},
	)
	if r := run(t, dir, "--lang", "en", "followup", d, "--text", "Xã vẫn thiếu 2 người"); r.code != 0 || !strings.Contains(r.stdout, "rev 2") {
		t.Fatalf("followup: %+v", r)
	}
	r := run(t, dir, "show", d, "--json")
	var got struct {
		ID         string              `json:"id"`
		Rev        int64               `json:"rev"`
		Thread     []record.ThreadItem `json:"thread"`
		Waiting    bool                `json:"waiting_for_hq"`
		ReceivedAt *time.Time          `json:"received_at"`
		Pending    bool                `json:"pending"`
		Unread     bool                `json:"unread"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || r.code != 0 {
		t.Fatalf("show --json: %+v %v", r, err)
	}
	if len(got.Thread) != 2 || got.Thread[0].From != "hq" || got.Thread[0].Text != "Bố trí kiêm nhiệm" ||
		got.Thread[1].From != "officer" || !got.Waiting || got.Rev != 2 {
		t.Errorf("thread %+v waiting %v rev %d", got.Thread, got.Waiting, got.Rev)
	}
	// Rev 2 is not at HQ yet: no receipt for it, and it waits in the outbox.
	if got.ReceivedAt != nil || !got.Pending || !got.Unread {
		t.Errorf("received_at %v pending %v unread %v", got.ReceivedAt, got.Pending, got.Unread)
	}
	text := run(t, dir, "--lang", "en", "show", d)
	for _, want := range []string{"Follow-ups:", "Date: 01/06/2026", "Bố trí kiêm nhiệm", "Xã vẫn thiếu 2 người", "Waiting for HQ", "waiting for a sync"} {
		if !strings.Contains(text.stdout, want) {
			t.Errorf("show lacks %q:\n%s", want, text.stdout)
		}
	}
	if strings.Contains(text.stdout, "\x1b") {
		t.Error("an escape sequence from HQ reached the terminal")
	}

	var list []map[string]any
	r = run(t, dir, "list", "training", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || len(list) != 1 {
		t.Fatalf("list --json: %+v %v", r, err)
	}
	if ra, _ := list[0]["received_at"].(string); ra != at.Format(time.RFC3339) {
		t.Errorf("received_at %v, want %s", list[0]["received_at"], at.Format(time.RFC3339))
	}
	if rv, _ := list[0]["review"].(map[string]any); rv["state"] != record.ReviewHasIssues {
		t.Errorf("review %v", list[0]["review"])
	}

	var stat struct {
		NeedFix int `json:"need_fix"`
	}
	if r := run(t, dir, "status", "--json"); json.Unmarshal([]byte(r.stdout), &stat) != nil || stat.NeedFix != 1 {
		t.Errorf("status --json: %+v", r)
	}
	// Notices for scripts, then for people (who read them).
	var ns []store.Notice
	if r := run(t, dir, "notices", "--json"); json.Unmarshal([]byte(r.stdout), &ns) != nil || len(ns) != 1 || ns[0].Read {
		t.Fatalf("notices --json: %+v", r)
	}
	if r := run(t, dir, "notices"); !strings.Contains(r.stdout, "Giao ban") {
		t.Errorf("notices: %+v", r)
	}
	if r := run(t, dir, "notices", "--json"); json.Unmarshal([]byte(r.stdout), &ns) != nil || !ns[0].Read {
		t.Errorf("notice not read after it was shown: %+v", r)
	}

	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"resolve", []string{"resolve", d, "--note", "Xã đã bố trí"}, ExitOK, "resolved on site (rev 3)"},
		{"follow-up on a training", []string{"followup", tr, "--text", "x"}, ExitFailure, "only a difficulty"},
		{"no text", []string{"followup", d}, ExitUsage, "--text is required"},
		{"no id", []string{"show"}, ExitUsage, "a record id is needed"},
	}
	for _, tt := range tests {
		r := run(t, dir, append([]string{"--lang", "en"}, tt.args...)...)
		if r.code != tt.code || !strings.Contains(r.stdout+r.stderr, tt.want) {
			t.Errorf("%s: exit %d %q %q, want %d %q", tt.name, r.code, r.stdout, r.stderr, tt.code, tt.want)
		}
	}
	hqSays(t, dir, at, store.InboxEvent{Seq: 4, At: at, RecordID: d, Review: &record.Review{State: record.ReviewApproved, At: at, Rev: 3}})
	if r := run(t, dir, "--lang", "en", "followup", d, "--text", "x"); r.code != ExitFailure || !strings.Contains(r.stderr, "HQ approved this record") {
		t.Errorf("follow-up on an approved record: %+v", r)
	}
}

func TestHQReviewCommand(t *testing.T) {
	hqDir := t.TempDir()
	db, err := hq.OpenDB(hqDir, 0)
	if err != nil {
		t.Fatal(err)
	}
	o, _, err := db.Enroll("Nguyễn Văn An", "ha-noi")
	if err != nil {
		t.Fatal(err)
	}
	id := "01a2365b-209b-7000-b608-5cbcbf02f80f"
	rec := record.Record{ID: id, Kind: record.KindTraining, Rev: 1, Date: "2026-06-02", Commune: "Xã Sóc Sơn", Topic: "Một cửa", Participants: 40}
	if _, err := db.Apply(o.ID, "dev", "", 1, []record.Record{rec}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--state", "has_issues", "--comment", "Thiếu số nữ"}, ExitOK, "Needs correction"},
		{[]string{"--state", "has_issues"}, ExitFailure, "say what is wrong"},
		{[]string{"--state", "reopen"}, ExitFailure, "only an approved record"},
		{[]string{"--state", "approved"}, ExitOK, "Approved"},
		{[]string{"--state", "reopen", "--comment", "Bổ sung"}, ExitOK, "Reopened"},
		{[]string{"--state", "rejected"}, ExitUsage, "has_issues, approved, reopen"},
		{[]string{}, ExitUsage, "--state is required"},
	}
	for _, tt := range tests {
		r := run(t, "", append([]string{"--lang", "en", "hq", "--data-dir", hqDir, "review", id}, tt.args...)...)
		if r.code != tt.code || !strings.Contains(r.stdout+r.stderr, tt.want) {
			t.Errorf("hq review %v: exit %d %q %q, want %d %q", tt.args, r.code, r.stdout, r.stderr, tt.code, tt.want)
		}
	}
	r := run(t, "", "hq", "--data-dir", hqDir, "thread", id, "--json")
	var tv hq.ThreadView
	if err := json.Unmarshal([]byte(r.stdout), &tv); err != nil || tv.Review == nil || tv.Review.State != record.ReviewReopened {
		t.Fatalf("hq thread --json: %+v %v", r, err)
	}
}
