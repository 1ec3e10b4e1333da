package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"sotay/record"
)

func TestImport(t *testing.T) {
	s, _ := openTest(t)
	recs := newGen(7).records(2*ImportBatch + 1234)
	var progress []int
	if err := s.Import(context.Background(), recs, func(n int) { progress = append(progress, n) }); err != nil {
		t.Fatal(err)
	}
	n := len(recs)
	if !slices.Equal(progress, []int{ImportBatch, 2 * ImportBatch, n}) {
		t.Errorf("progress = %v", progress)
	}
	stored := listAll(t, s, Query{})
	if !slices.Equal(ids(stored), ids(newestFirst(recs))) {
		t.Fatalf("list after import: %d records, want %d in order", len(stored), n)
	}
	kinds := map[record.Kind]int{}
	for _, r := range recs {
		kinds[r.Kind]++
		if r.Rev != 1 || r.ID == "" {
			t.Fatalf("imported record rev %d id %q", r.Rev, r.ID)
		}
	}
	c, _ := s.Counts()
	if fmt.Sprint(c.Kinds) != fmt.Sprint(kinds) || pending(t, s) != n || len(outboxAll(t, s)) != n {
		t.Errorf("counts %v (want %v), pending %d, outbox %d, want %d", c.Kinds, kinds, pending(t, s), len(outboxAll(t, s)), n)
	}
	if got := len(listAll(t, s, Query{Search: "uy ban nhan dan"})); got == 0 {
		t.Error("imported records are not found by search")
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
}

// Importing an export again: ids, revs and times are kept, a version not
// newer than the stored one is skipped, and a record twice in one batch
// ends at its newest version.
func TestImportExport(t *testing.T) {
	s, _ := openTest(t)
	made := newGen(8).records(300)
	if err := s.Import(context.Background(), made, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.AckPush(1<<40, nil); err != nil {
		t.Fatal(err)
	}
	export := listAll(t, s, Query{})

	var again []record.Record
	want := map[string]record.Record{}
	for i, r := range export {
		switch i % 4 {
		case 0: // the same version: skipped
			again = append(again, r)
		case 1: // newer: taken
			r.Rev, r.Commune = 4, "Xã Mới Nhập"
			again = append(again, r)
			want[r.ID] = r
		case 2: // newer, then older in the same batch: the newer stays
			a, b := r, r
			a.Rev, a.Commune = 6, "Phường Quỳnh Lưu"
			b.Rev, b.Commune = 3, "Phường Ba"
			again = append(again, a, b)
			want[r.ID] = a
		case 3: // older, then newer in the same batch
			a, b := r, r
			a.Rev, a.Commune = 2, "Xã Hai"
			b.Rev, b.Commune, b.Deleted = 7, "Xã Khuê Bảy", true
			again = append(again, a, b)
			want[r.ID] = b
		}
	}
	if err := s.Import(context.Background(), again, nil); err != nil {
		t.Fatal(err)
	}
	for _, r := range export {
		got, err := s.Get(r.ID)
		if err != nil {
			t.Fatal(err)
		}
		w, changed := want[r.ID]
		if !changed {
			w = r
		}
		if jsonOf(t, got) != jsonOf(t, w) {
			t.Fatalf("after import:\n%s\nwant\n%s", jsonOf(t, got), jsonOf(t, w))
		}
	}
	// The outbox holds each change once, with its rev, in import order.
	var wantOutbox []string
	for _, r := range again {
		if w, ok := want[r.ID]; ok && (r.Rev == w.Rev || (r.Rev == 2 && w.Rev == 7)) {
			wantOutbox = append(wantOutbox, fmt.Sprint(r.ID, r.Rev))
		}
	}
	var gotOutbox []string
	for _, e := range outboxAll(t, s) {
		gotOutbox = append(gotOutbox, fmt.Sprint(e.ID, e.Rev))
	}
	if !slices.Equal(gotOutbox, wantOutbox) {
		t.Errorf("outbox after import:\n%v\nwant\n%v", gotOutbox, wantOutbox)
	}
	if n := pending(t, s); n != len(want) {
		t.Errorf("pending %d, want %d", n, len(want))
	}
	if got := len(listAll(t, s, Query{Search: "khue bay"})); got != 0 {
		t.Errorf("deleted by import, still found: %d", got)
	}
	if got, w := len(listAll(t, s, Query{Search: "quynh luu"})), len(export)/4; got != w {
		t.Errorf("search for the imported commune: %d, want %d", got, w)
	}

	// Into a new notebook, an export keeps ids, revs and times.
	s2, _ := openTest(t)
	if err := s2.Import(context.Background(), slices.Clone(export), nil); err != nil {
		t.Fatal(err)
	}
	for _, r := range export[:20] {
		got, _ := s2.Get(r.ID)
		if jsonOf(t, got) != jsonOf(t, r) {
			t.Errorf("restored %s\nwant     %s", jsonOf(t, got), jsonOf(t, r))
		}
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
}

func TestImportCancelled(t *testing.T) {
	s, _ := openTest(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Import(ctx, newGen(9).records(10), nil); !errors.Is(err, context.Canceled) {
		t.Errorf("Import with a cancelled context: %v", err)
	}
	if c, _ := s.Counts(); c.Kinds[record.KindLog] != 0 {
		t.Errorf("a cancelled import wrote %v", c)
	}
}

// Imported postings are grouped by word and date; editing and deleting
// records at the head, inside and at the end of groups, creating more on
// the same dates, and paging through them all agree with a plain search.
func TestGroupedPostings(t *testing.T) {
	s, c := openTest(t)
	s.freshMax = 9
	g := newGen(10)
	g.communes = g.communes[:5]
	recs := g.records(600)
	for i := range recs {
		recs[i].Date = genNow.AddDate(0, 0, -(i % 3)).Format("2006-01-02")
	}
	if err := s.Import(context.Background(), recs, nil); err != nil {
		t.Fatal(err)
	}
	m := &model{recs: map[string]record.Record{}, terms: map[string][]string{}}
	for _, r := range recs {
		m.put(r)
	}
	rng := newGen(11).r
	queries := []string{"xa", "phuong", "uy ban", "cong chuc", "hoi truong", "kho khan", "d", "nghi dinh 178", g.communes[0], g.communes[3]}
	check := func(step string) {
		t.Helper()
		for _, q := range queries {
			for _, k := range []record.Kind{"", record.KindLog} {
				want := ids(m.query(Query{Search: q, Kind: k}))
				if got := ids(listAll(t, s, Query{Search: q, Kind: k})); !slices.Equal(got, want) {
					t.Fatalf("%s: search %q kind %q: %d records, want %d", step, q, k, len(got), len(want))
				}
				var paged []string
				pq := Query{Search: q, Kind: k, Limit: 7}
				for {
					p, err := s.List(context.Background(), pq)
					if err != nil {
						t.Fatal(err)
					}
					paged = append(paged, ids(p.Records)...)
					if p.Next == "" {
						break
					}
					pq.After = p.Next
				}
				if !slices.Equal(paged, want) {
					t.Fatalf("%s: paged search %q: %d records, want %d", step, q, len(paged), len(want))
				}
			}
		}
	}
	groups := 0
	s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketTerms).ForEach(func(k, v []byte) error {
			gs, err := decodeChunk(binary.BigEndian.Uint32(k[len(k)-4:]), v)
			if err != nil {
				return err
			}
			if n := len(gs); n > 1 || n == 1 && len(gs[0].docs) > 1 {
				groups++
			}
			return nil
		})
	})
	if groups == 0 {
		t.Fatal("import wrote no chunk of several postings")
	}
	check("after import")
	for i := 0; i < 300; i++ {
		live := m.live()
		id := live[rng.IntN(len(live))]
		c.t = c.t.Add(time.Second)
		switch rng.IntN(3) {
		case 0:
			r, err := s.Delete(id)
			if err != nil {
				t.Fatal(err)
			}
			m.put(r)
		case 1:
			r := m.recs[id]
			r.Commune = g.communes[rng.IntN(len(g.communes))]
			r.Date = genNow.AddDate(0, 0, -rng.IntN(4)).Format("2006-01-02")
			got, err := s.Update(r)
			if err != nil {
				t.Fatal(err)
			}
			m.put(got)
		default:
			r := g.record()
			r.Date = genNow.AddDate(0, 0, -rng.IntN(3)).Format("2006-01-02")
			m.put(mustCreate(t, s, r))
		}
		if i%50 == 49 {
			check(fmt.Sprintf("after %d changes", i+1))
		}
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
}
