package hq

import (
	"context"
	"testing"
	"time"

	"sotay/record"
	"sotay/report/decree30"
)

// TestUnknownWomenCountedApart: trainings pushed with the number of women
// unknown (absent), zero and seven add up to seven women in the picture,
// the workspace's totals and the roll-up, with the unknown one counted
// apart and the all-male one counted as a real 0.
func TestUnknownWomenCountedApart(t *testing.T) {
	db, err := OpenDB(t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	o, _, err := db.Enroll("Nguyễn Văn An", "ha-noi")
	if err != nil {
		t.Fatal(err)
	}
	var gen record.IDGen
	at := time.Date(2026, 2, 4, 2, 0, 0, 0, time.UTC)
	var recs []record.Record
	for _, women := range []*int{nil, new(0), new(7)} {
		recs = append(recs, record.Record{ID: record.FormatID(gen.Next(at)), Kind: record.KindTraining, Rev: 1, Created: at, Updated: at,
			Date: "2026-02-04", Commune: "Xã Sóc Sơn", Topic: "Hộ tịch", Participants: 20, Women: women})
	}
	if rej, err := db.Apply(o.ID, "d1", "", 1, recs); err != nil || len(rej) > 0 {
		t.Fatalf("apply: %v %v", rej, err)
	}
	ctx := context.Background()
	p, err := db.Picture(ctx, PictureQuery{Period: decree30.Week(at), Now: at})
	if err != nil {
		t.Fatal(err)
	}
	page, err := db.QueryRecords(ctx, RecordFilter{Kind: record.KindTraining}, "", 10)
	if err != nil {
		t.Fatal(err)
	}
	var rows []RecordRow
	if err := db.EachRecord(func(rr RecordRow) error { rows = append(rows, rr); return nil }); err != nil {
		t.Fatal(err)
	}
	_, total, err := Summarize(Rollup{Officers: []Officer{{ID: o.ID, Province: "ha-noi"}}, Records: func(fn func(RecordRow) error) error {
		for _, r := range rows {
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name           string
		women, noWomen int
	}{
		{"picture", p.Total.Women, p.Total.NoWomen},
		{"workspace", page.Women, page.NoWomen},
		{"roll-up", total.Women, total.NoWomen},
	} {
		if tt.women != 7 || tt.noWomen != 1 {
			t.Errorf("%s: %d women, %d trainings without; want 7 and 1", tt.name, tt.women, tt.noWomen)
		}
	}
	// The record as HQ keeps it: unknown stays unknown, 0 stays 0.
	got := map[string]bool{}
	for _, r := range rows {
		got[r.Record.Value("women")] = true
	}
	if !got[""] || !got["0"] || !got["7"] {
		t.Errorf("HQ's records read women %v, want unknown, 0 and 7", got)
	}
}
