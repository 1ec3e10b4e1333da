package store

import (
	"context"
	"errors"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"sotay/record"
	"sotay/vntext"
)

// model is what the notebook should hold, kept the simple way: every record
// in a map, the outbox in a slice, search by looking at every record.
type model struct {
	recs    map[string]record.Record
	terms   map[string][]string // id → folded words of its text
	outbox  []outboxEntry
	lastSeq uint64
}

// terms folds s and returns its distinct words, in order of first
// appearance: the model's plain way to what the search index holds.
func terms(s ...string) []string {
	seen := make(map[string]struct{})
	var out []string
	for _, part := range s {
		for _, w := range vntext.Words(vntext.Fold(part)) {
			if _, ok := seen[w]; !ok {
				seen[w] = struct{}{}
				out = append(out, w)
			}
		}
	}
	return out
}

func TestTerms(t *testing.T) {
	got := terms("Xã Hà Nội, hà nội!", "Đà Nẵng-2025")
	want := []string{"xa", "ha", "noi", "da", "nang", "2025"}
	if !slices.Equal(got, want) {
		t.Errorf("terms = %q, want %q", got, want)
	}
}

func (m *model) put(r record.Record) {
	m.recs[r.ID] = r
	var texts []string
	for _, f := range record.Fields(r.Kind) {
		if f.Type == record.Text || f.Type == record.LongText {
			texts = append(texts, r.Value(f.Name))
		}
	}
	m.terms[r.ID] = terms(texts...)
	m.lastSeq++
	m.outbox = append(m.outbox, outboxEntry{Seq: m.lastSeq, ID: r.ID, Rev: r.Rev})
}

func (m *model) ack(through uint64) {
	m.outbox = slices.DeleteFunc(m.outbox, func(e outboxEntry) bool { return e.Seq <= through })
}

func (m *model) pending() int {
	ids := map[string]bool{}
	for _, e := range m.outbox {
		ids[e.ID] = true
	}
	return len(ids)
}

// matches is the search rule of DESIGN.md: each folded query word starts
// some word of the record.
func (m *model) matches(id string, words []string) bool {
	for _, w := range words {
		if !slices.ContainsFunc(m.terms[id], func(t string) bool { return strings.HasPrefix(t, w) }) {
			return false
		}
	}
	return true
}

func (m *model) query(q Query) []record.Record {
	words := vntext.Words(vntext.Fold(q.Search))
	if len(words) == 0 && strings.TrimSpace(q.Search) != "" {
		return nil // "(" has no word to match: nothing does (Query.Search)
	}
	var out []record.Record
	for id, r := range m.recs {
		switch {
		case r.Deleted,
			q.Kind != "" && r.Kind != q.Kind,
			q.From != "" && r.Date < q.From,
			q.To != "" && r.Date > q.To,
			q.Category != "" && r.Category != q.Category,
			!m.matches(id, words):
			continue
		}
		out = append(out, r)
	}
	return newestFirst(out)
}

func (m *model) live() []string {
	var ids []string
	for id, r := range m.recs {
		if !r.Deleted {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

func (m *model) all() []string {
	ids := make([]string, 0, len(m.recs))
	for id := range m.recs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

func jsonOf(t *testing.T, r record.Record) string {
	t.Helper()
	b, err := r.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestModel runs random sequences of writes, reads and acknowledgements
// against the notebook and the model and checks they agree after each.
// -store.ops sets the length, -store.seed replays a failure.
func TestModel(t *testing.T) {
	ops := sized("store.ops", *flagOps, 500)
	seed := *flagSeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("seed %d: go test ./store -run TestModel -args -store.seed=%d -store.ops=%d", seed, seed, ops)
		}
	})
	rng := rand.New(rand.NewPCG(seed, 1))
	g := newGen(seed)
	g.communes = g.communes[:12] // few communes, so searches hit many records
	c := &clock{t: genNow}
	path := filepath.Join(t.TempDir(), FileName)
	s, err := Open(path, Options{Now: c.now, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Close() }()
	// Records wait in fresh until a few dozen saves (not 500), so that
	// folding them into the index happens often here.
	freshMax := 1 + rng.IntN(40)
	s.freshMax = freshMax
	m := &model{recs: map[string]record.Record{}, terms: map[string][]string{}}
	ctx := context.Background()

	// near picks a date in the last 40 days, so that many records share one.
	near := func() string { return genNow.AddDate(0, 0, -rng.IntN(40)).Format(vntext.DateLayout) }
	pickID := func(ids []string) string { return ids[rng.IntN(len(ids))] }
	// searchFor makes a query from words of a random record: prefixes, as
	// typed, with or without marks, sometimes NFD, sometimes a word no
	// record has.
	searchFor := func() string {
		ids := m.live()
		if len(ids) == 0 || rng.IntN(10) == 0 {
			return pick(rng, []string{"zzz", "q", "xa", "hà", "PHƯỜNG", "nội dung", "đ"})
		}
		r := m.recs[pickID(ids)]
		words := strings.Fields(r.Commune + " " + r.Summary())
		var q []string
		for n := 1 + rng.IntN(2); n > 0; n-- {
			w := []rune(pick(rng, words))
			w = w[:1+rng.IntN(len(w))]
			q = append(q, string(w))
		}
		text := strings.Join(q, " ")
		switch rng.IntN(4) {
		case 0:
			text = vntext.Fold(text)
		case 1:
			text = norm.NFD.String(strings.ToUpper(text))
		}
		return text
	}
	checkQuery := func(op int, q Query) {
		want := ids(m.query(q))
		got := ids(listAll(t, s, q))
		if !slices.Equal(got, want) {
			t.Fatalf("op %d: %+v: store %d records %v\nmodel %d records %v", op, q, len(got), got, len(want), want)
		}
		// The same through pages.
		q.Limit = 1 + rng.IntN(25)
		var paged []string
		for {
			p, err := s.List(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			paged = append(paged, ids(p.Records)...)
			if p.Next == "" || len(paged) > len(want) {
				break
			}
			q.After = p.Next
		}
		if !slices.Equal(paged, want) {
			t.Fatalf("op %d: %+v paged: %v\nwant %v", op, q, paged, want)
		}
	}
	checkAll := func(op int) {
		for _, id := range m.all() {
			got, err := s.Get(id)
			if err != nil {
				t.Fatalf("op %d: Get %s: %v", op, id, err)
			}
			if a, b := jsonOf(t, got), jsonOf(t, m.recs[id]); a != b {
				t.Fatalf("op %d: record %s\nstore %s\nmodel %s", op, id, a, b)
			}
		}
		counts, err := s.Counts()
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[record.Kind]int{}
		for _, id := range m.live() {
			kinds[m.recs[id].Kind]++
		}
		for _, k := range record.Kinds() {
			if counts.Kinds[k] != kinds[k] {
				t.Fatalf("op %d: count of %s = %d, model %d", op, k, counts.Kinds[k], kinds[k])
			}
		}
	}
	checkOutbox := func(op int) {
		got := outboxAll(t, s)
		if len(got) != len(m.outbox) || (len(got) > 0 && !slices.Equal(got, m.outbox)) {
			t.Fatalf("op %d: outbox %v\nmodel %v", op, got, m.outbox)
		}
		if n := pending(t, s); n != m.pending() {
			t.Fatalf("op %d: pending %d, model %d", op, n, m.pending())
		}
	}

	for op := 0; op < ops; op++ {
		c.t = c.t.Add(time.Duration(rng.IntN(3000)) * time.Millisecond)
		live := m.live()
		switch n := rng.IntN(100); {
		case n < 30 || len(live) == 0: // create
			r := g.record()
			r.Date = near()
			got, err := s.Create(r)
			if err != nil {
				t.Fatalf("op %d: create: %v", op, err)
			}
			if got.Rev != 1 || m.recs[got.ID].ID != "" {
				t.Fatalf("op %d: created rev %d, id %s seen before: %v", op, got.Rev, got.ID, m.recs[got.ID].ID != "")
			}
			m.put(got)
		case n < 45: // update a live record
			old := m.recs[pickID(live)]
			edit := old
			switch rng.IntN(3) {
			case 0:
				edit.Commune = pick(rng, g.communes)
			case 1:
				edit.Date = near()
			default:
				fresh := g.ofKind(old.Kind)
				fresh.ID, fresh.Date = old.ID, old.Date
				edit = fresh
			}
			got, err := s.Update(edit)
			if err != nil {
				t.Fatalf("op %d: update: %v", op, err)
			}
			if got.Rev != old.Rev+1 || !got.Created.Equal(old.Created) || !got.Updated.Equal(c.t) || got.Status != old.Status {
				t.Fatalf("op %d: update envelope %+v after %+v", op, got, old)
			}
			m.put(got)
		case n < 52: // delete a live record
			old := m.recs[pickID(live)]
			got, err := s.Delete(old.ID)
			if err != nil {
				t.Fatalf("op %d: delete: %v", op, err)
			}
			want := old
			want.Deleted, want.Rev, want.Updated = true, old.Rev+1, c.t.UTC()
			if jsonOf(t, got) != jsonOf(t, want) {
				t.Fatalf("op %d: tombstone %s\nwant %s", op, jsonOf(t, got), jsonOf(t, want))
			}
			m.put(got)
		case n < 55: // change a tombstone: refused, nothing written
			var dead []string
			for id, r := range m.recs {
				if r.Deleted {
					dead = append(dead, id)
				}
			}
			if len(dead) == 0 {
				continue
			}
			slices.Sort(dead)
			id := pickID(dead)
			if _, err := s.Delete(id); !errors.Is(err, ErrDeleted) {
				t.Fatalf("op %d: delete of a tombstone: %v", op, err)
			}
			if _, err := s.Update(m.recs[id]); !errors.Is(err, ErrDeleted) {
				t.Fatalf("op %d: update of a tombstone: %v", op, err)
			}
		case n < 75: // search
			q := Query{Search: searchFor()}
			if rng.IntN(3) == 0 {
				q.Kind = pick(rng, record.Kinds())
			}
			checkQuery(op, q)
		case n < 85: // list
			q := Query{}
			if rng.IntN(2) == 0 {
				q.Kind = pick(rng, record.Kinds())
			}
			if rng.IntN(3) == 0 {
				q.From = near()
			}
			if rng.IntN(3) == 0 {
				q.To = near()
			}
			if rng.IntN(8) == 0 {
				q.Kind, q.Category = record.KindDifficulty, pick(rng, []string{"staffing", "salary", "it", "land"})
			}
			checkQuery(op, q)
		case n < 93: // acknowledge up to a random point
			through := uint64(0)
			if len(m.outbox) > 0 {
				through = m.outbox[rng.IntN(len(m.outbox))].Seq
			}
			if err := s.AckPush(through, nil); err != nil {
				t.Fatal(err)
			}
			m.ack(through)
			checkOutbox(op)
		case n < 94: // close and open again
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if s, err = Open(path, Options{Now: c.now, NoSync: true}); err != nil {
				t.Fatal(err)
			}
			s.freshMax = freshMax
		default:
			checkOutbox(op)
		}
		if op%500 == 499 {
			checkAll(op)
		}
	}
	checkAll(ops)
	checkOutbox(ops)
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d ops: %d records, %d live, %d in the outbox, fresh up to %d", ops, len(m.recs), len(m.live()), len(m.outbox), freshMax)
}
