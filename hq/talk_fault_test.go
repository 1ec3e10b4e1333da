package hq

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"sotay/record"
	"sotay/store"
	"sotay/sync"
)

// TestTalkUnderFaults reruns the fault rig's bad links with the
// conversation in flight: follow-ups pushed, answers and reviews pulled,
// fixes pushed, over connections cut mid-body or slowed to 64 kbit/s with
// 300 ms latency. Each follow-up, answer and review state ends up exactly
// once on both ends, and the threads are the same.
func TestTalkUnderFaults(t *testing.T) {
	tests := []struct {
		name   string
		toxics []string
		kill   bool // HQ killed with SIGKILL while the fixes and follow-ups are pushed
	}{
		{"cut mid-body", []string{`{"name":"cut","type":"limit_data","stream":"upstream","attributes":{"bytes":6000}}`}, false},
		{"64 kbit/s, 300 ms", []string{
			`{"name":"lat_down","type":"latency","stream":"downstream","attributes":{"latency":300}}`,
			`{"name":"lat_up","type":"latency","stream":"upstream","attributes":{"latency":300}}`,
			`{"name":"bw_up","type":"bandwidth","stream":"upstream","attributes":{"rate":8}}`,
			`{"name":"bw_down","type":"bandwidth","stream":"downstream","attributes":{"rate":8}}`,
		}, false},
		{"HQ killed mid-push", []string{`{"name":"bw_up","type":"bandwidth","stream":"upstream","attributes":{"rate":64}}`}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			r := newFaultRig(t)
			st := r.notebook(t, 40)
			defer st.Close()
			var diffs []record.Record
			for i := range 6 {
				diffs = append(diffs, addDifficulty(t, st, fmt.Sprintf("Khó khăn số %d", i)))
			}
			page, err := st.List(ctx, store.Query{Kind: record.KindLog, Limit: 4})
			if err != nil {
				t.Fatal(err)
			}
			logs := page.Records
			for _, js := range tt.toxics {
				r.toxic(t, js)
			}
			c := fastClient(t, st, sync.Options{})
			syncUntilDone(t, c, st, 30, 3*time.Minute)

			// HQ answers every difficulty, approves the first, and finds
			// issues in four logs.
			adm, closeAdm, err := OpenAdmin(r.hqDir)
			if err != nil {
				t.Fatal(err)
			}
			for i, d := range diffs {
				if _, err := adm.Respond(ctx, d.ID, record.StatusInProgress, fmt.Sprintf("Trả lời %d", i), "Tổ công tác"); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := adm.Review(ctx, diffs[0].ID, record.ReviewApproved, "", "Tổ công tác"); err != nil {
				t.Fatal(err)
			}
			for _, l := range logs {
				if _, err := adm.Review(ctx, l.ID, record.ReviewHasIssues, "Ghi rõ kết quả", "Tổ công tác"); err != nil {
					t.Fatal(err)
				}
			}
			closeAdm()
			syncUntilDone(t, c, st, 30, 3*time.Minute)

			// The officer replies twice on every difficulty but the
			// approved one, and fixes the logs; all of it over the bad link.
			for _, d := range diffs[1:] {
				for j := range 2 {
					if _, err := st.AddFollowUp(d.ID, fmt.Sprintf("Bổ sung lần %d", j+1)); err != nil {
						t.Fatal(err)
					}
				}
			}
			if _, err := st.AddFollowUp(diffs[0].ID, "x"); err == nil {
				t.Fatal("a follow-up on an approved difficulty was saved")
			}
			for _, l := range logs {
				l, err := st.Get(l.ID)
				if err != nil {
					t.Fatal(err)
				}
				l.Results = "Đã bổ sung kết quả"
				if _, err := st.Update(l); err != nil {
					t.Fatal(err)
				}
			}
			if tt.kill {
				// Enough behind the fixes that HQ dies with the push under way.
				more := make([]record.Record, 1500)
				for i := range more {
					more[i] = record.Record{Kind: record.KindLog, Date: "2026-06-02", Commune: "Phường Hồng Bàng",
						Activity: "meeting", Content: fmt.Sprintf("Họp giao ban số %d: %x", i, time.Now().UnixNano())}
				}
				if err := st.Import(ctx, more, nil); err != nil {
					t.Fatal(err)
				}
				kc := fastClient(t, st, sync.Options{MaxRecords: 100})
				done, pushed := make(chan error, 1), make(chan struct{})
				go func() {
					first := true
					_, err := kc.Sync(ctx, func(p sync.Progress) {
						if p.Phase == "push" && p.Batches > 0 && first {
							first = false
							close(pushed)
						}
					})
					done <- err
				}()
				select {
				case <-pushed:
				case <-time.After(time.Minute):
					t.Fatal("no batch went through")
				}
				r.hq.kill()
				time.Sleep(300 * time.Millisecond)
				r.hq = startServe(t, r.hqDir, r.hqAddr)
				t.Logf("HQ killed mid-push and restarted; the interrupted sync: %v", <-done)
			}
			syncUntilDone(t, c, st, 30, 3*time.Minute)
			syncUntilDone(t, c, st, 30, 3*time.Minute) // pulls the edited events the last push made
			r.clearToxics()
			news, err := st.TakeNews()
			if err != nil {
				t.Fatal(err)
			}
			if news.Answered != len(diffs) || news.NeedFix != len(logs) {
				t.Errorf("news %+v, want %d answered and %d to fix, each once", news, len(diffs), len(logs))
			}
			if fix, _ := st.NeedFix(); len(fix) != 0 {
				t.Errorf("still to fix after the fixes: %v", fix)
			}
			r.checkHQHolds(t, st) // stops HQ
			withDB(t, r.hqDir, func(db *DB) {
				for i, d := range diffs {
					sameThread(t, db, st, d.ID)
					nb, _ := st.Get(d.ID)
					want := 2
					if i == 0 {
						want = 0
					}
					if len(nb.FollowUps) != want || record.Answers(nb.Responses) != 1 {
						t.Errorf("difficulty %d: %d follow-ups, %d answers; want %d and 1", i, len(nb.FollowUps), record.Answers(nb.Responses), want)
					}
				}
				views, err := st.HQViews(append(ids(logs), diffs[0].ID))
				if err != nil {
					t.Fatal(err)
				}
				for _, l := range logs {
					sr, err := db.Record(l.ID)
					if err != nil {
						t.Fatal(err)
					}
					v := views[l.ID]
					if sr.Review == nil || sr.Review.State != record.ReviewEdited || v.Review == nil || *v.Review != *sr.Review {
						t.Errorf("log %s: HQ review %+v, notebook %+v", l.ID, sr.Review, v.Review)
					}
					if !v.Received(sr.Record.Rev) || !v.Receipt.At.Equal(sr.Received) {
						t.Errorf("log %s: receipt %+v, HQ received rev %d at %v", l.ID, v.Receipt, sr.Record.Rev, sr.Received)
					}
				}
				if v := views[diffs[0].ID]; !v.Locked() {
					t.Errorf("approved difficulty not locked: %+v", v.Review)
				}
				// Each review state once: HQ's events for the officer hold
				// one has_issues and one edited per log, one approval.
				evs, _, _, err := db.Events(r.officer(t, db), 0, 10000)
				if err != nil {
					t.Fatal(err)
				}
				reviews := map[string]int{}
				for _, e := range evs {
					if e.Review != nil {
						reviews[e.Record+" "+e.Review.State]++
					}
				}
				for _, l := range logs {
					for _, state := range []string{record.ReviewHasIssues, record.ReviewEdited} {
						if n := reviews[l.ID+" "+state]; n != 1 {
							t.Errorf("log %s: %d %s events, want 1", l.ID, n, state)
						}
					}
				}
				if n := reviews[diffs[0].ID+" "+record.ReviewApproved]; n != 1 {
					t.Errorf("%d approvals, want 1", n)
				}
				raw, _ := json.Marshal(reviews)
				t.Logf("HQ wrote %d events for the officer; reviews %s", len(evs), raw)
			})
		})
	}
}

func ids(recs []record.Record) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r.ID
	}
	return out
}

// officer is the rig's one officer.
func (r *faultRig) officer(t *testing.T, db *DB) string {
	t.Helper()
	os, err := db.Officers()
	if err != nil || len(os) != 1 {
		t.Fatalf("officers %v %v", os, err)
	}
	return os[0].ID
}
