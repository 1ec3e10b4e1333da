package record

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestThreadOrder(t *testing.T) {
	at := time.Date(2026, 12, 3, 14, 2, 0, 0, time.UTC)
	hq := func(text, status string) Response {
		return Response{At: at, Author: "Tổ công tác", Text: text, Status: status}
	}
	// The officer's clock runs a day behind: order must not follow it.
	fu := func(text string, after int) FollowUp {
		return FollowUp{At: at.Add(-24 * time.Hour), Text: text, After: after}
	}
	tests := []struct {
		name    string
		resp    []Response
		fus     []FollowUp
		want    string
		waiting bool
	}{
		{"nothing", nil, nil, "", false},
		{"only HQ", []Response{hq("a1", "in_progress"), hq("", "answered")}, nil, "hq:a1 hq: ", false},
		{"reply before any answer", []Response{hq("a1", "")}, []FollowUp{fu("f0", 0)}, "officer:f0 hq:a1 ", false},
		{"reply to the answer", []Response{hq("a1", "")}, []FollowUp{fu("f1", 1)}, "hq:a1 officer:f1 ", true},
		{"two replies, then answers", []Response{hq("a1", ""), hq("a2", ""), hq("a3", "")},
			[]FollowUp{fu("f1", 1), fu("f1b", 1), fu("f3", 3)}, "hq:a1 officer:f1 officer:f1b hq:a2 hq:a3 officer:f3 ", true},
		{"resolved on site", []Response{hq("a1", "")}, []FollowUp{{Text: "xong", After: 1, Resolved: true}}, "hq:a1 officer:xong ", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Record{Kind: KindDifficulty, Responses: tt.resp, FollowUps: tt.fus}
			var b strings.Builder
			for _, it := range r.Thread() {
				b.WriteString(it.From + ":" + it.Text + " ")
			}
			if b.String() != tt.want {
				t.Errorf("thread %q, want %q", b.String(), tt.want)
			}
			if r.WaitingForHQ() != tt.waiting {
				t.Errorf("waiting %v, want %v", r.WaitingForHQ(), tt.waiting)
			}
		})
	}
}

func TestFollowUpRules(t *testing.T) {
	now := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	base := func() Record {
		return Record{Kind: KindDifficulty, Date: "2026-12-01", Commune: "Xã A", Category: "staffing", Severity: "high", Title: "T"}
	}
	tests := []struct {
		name    string
		edit    func(*Record)
		problem Problem // "" for valid
	}{
		{"fine", func(r *Record) { r.FollowUps = []FollowUp{{Text: " cảm ơn ", After: 0}, {Text: "x", After: 2}} }, ""},
		{"empty text", func(r *Record) { r.FollowUps = []FollowUp{{Text: "  "}} }, ProblemRequired},
		{"too long", func(r *Record) { r.FollowUps = []FollowUp{{Text: strings.Repeat("a", MaxLong+1)}} }, ProblemTooLong},
		{"after goes back", func(r *Record) { r.FollowUps = []FollowUp{{Text: "a", After: 2}, {Text: "b", After: 1}} }, ProblemRange},
		{"negative after", func(r *Record) { r.FollowUps = []FollowUp{{Text: "a", After: -1}} }, ProblemRange},
		{"too many", func(r *Record) { r.FollowUps = make([]FollowUp, MaxFollowUps+1) }, ProblemRange},
		{"too much text together", func(r *Record) {
			for range 7 {
				r.FollowUps = append(r.FollowUps, FollowUp{Text: strings.Repeat("ạ", MaxLong)})
			}
		}, ProblemTooLong},
		{"on a log", func(r *Record) {
			*r = Record{Kind: KindLog, Date: "2026-12-01", Commune: "Xã A", Activity: "meeting", Content: "c",
				FollowUps: []FollowUp{{Text: "a"}}}
		}, ProblemChoice},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := base()
			tt.edit(&r)
			err := r.Normalize(now)
			if tt.problem == "" {
				if err != nil {
					t.Fatal(err)
				}
				if r.FollowUps[0].Text != "cảm ơn" {
					t.Errorf("text %q not trimmed", r.FollowUps[0].Text)
				}
				return
			}
			ve, ok := AsValidation(err)
			if !ok || ve.Field("followups") == nil || ve.Field("followups").Problem != tt.problem {
				t.Fatalf("err %v, want followups %s", err, tt.problem)
			}
		})
	}
}

// Follow-ups survive the record's JSON both ways; a difficulty without
// any has no followups key (so protocol-1 bodies are unchanged).
func TestFollowUpsJSON(t *testing.T) {
	r := Record{ID: "x", Kind: KindDifficulty, FollowUps: []FollowUp{{At: time.Unix(0, 0).UTC(), Text: "t", After: 1, Resolved: true}},
		Responses: []Response{{Text: "", Status: "answered"}}}
	raw, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back Record
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	if len(back.FollowUps) != 1 || !back.FollowUps[0].Resolved || back.FollowUps[0].After != 1 || back.Responses[0].Status != "answered" {
		t.Fatalf("round trip lost data: %s", raw)
	}
	r.FollowUps = nil
	raw, _ = json.Marshal(r)
	if strings.Contains(string(raw), "followups") {
		t.Fatalf("empty follow-ups written: %s", raw)
	}
}
