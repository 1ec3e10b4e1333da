package store

import (
	"bytes"
	"container/heap"
	"context"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"sotay/record"
	"sotay/vntext"
)

// Query selects records: live ones (never tombstones), newest first by
// their date. Every part is optional.
type Query struct {
	Kind   record.Kind // "" for every kind
	Search string      // words; each must start a word of the record (folded); text with no word ("(") matches nothing
	From   string      // first date, YYYY-MM-DD, inclusive
	To     string      // last date, YYYY-MM-DD, inclusive
	// Difficulties only:
	Category string
	Severity string
	Status   string

	Limit int    // page size; 0 for all (Scan) or 50 (List)
	After string // Page.Next of the page before
}

// Page is one page of a list.
type Page struct {
	Records []record.Record
	Next    string // "" on the last page
}

// DefaultPage is List's page size when the query names none.
const DefaultPage = 50

// List returns one page of records matching q.
func (s *Store) List(ctx context.Context, q Query) (Page, error) {
	if q.Limit <= 0 {
		q.Limit = DefaultPage
	}
	var p Page
	var last []byte
	err := s.scan(ctx, q, func(r *record.Record, sk []byte) (bool, error) {
		if len(p.Records) == q.Limit {
			p.Next = hex.EncodeToString(last)
			return false, nil
		}
		p.Records = append(p.Records, *r)
		last = append(last[:0], sk...)
		return true, nil
	})
	return p, err
}

// Scan calls fn for every record matching q, newest first, until fn returns
// an error. Nothing is held in memory but the record at hand.
func (s *Store) Scan(ctx context.Context, q Query, fn func(record.Record) error) error {
	n := 0
	return s.scan(ctx, q, func(r *record.Record, _ []byte) (bool, error) {
		if err := fn(*r); err != nil {
			return false, err
		}
		n++
		return q.Limit <= 0 || n < q.Limit, nil
	})
}

// Count counts the records matching q, stopping at max (0 for no cap); more
// says it stopped there.
func (s *Store) Count(ctx context.Context, q Query, max int) (n int, more bool, err error) {
	err = s.scan(ctx, q, func(*record.Record, []byte) (bool, error) {
		if max > 0 && n == max {
			more = true
			return false, nil
		}
		n++
		return true, nil
	})
	return n, more, err
}

// scan walks the records matching q in sortkey order. Without search words
// it walks the date index of each kind wanted, merged. With them it walks
// every search word's postings (the union of the indexed words it starts)
// day by day, leaping each to the newest day all of them reach, and
// intersects their doc numbers there; records not yet indexed (fresh) are
// checked against every word and merged in. Filters that need the record
// body are applied last.
func (s *Store) scan(ctx context.Context, q Query, fn func(r *record.Record, sk []byte) (bool, error)) error {
	words := vntext.Words(vntext.Fold(q.Search))
	if len(words) == 0 && strings.TrimSpace(q.Search) != "" {
		return nil // "!!!" has no word to match: nothing does, rather than everything
	}
	for i, w := range words {
		words[i] = capTerm(w)
	}
	var after []byte
	if q.After != "" {
		var err error
		if after, err = hex.DecodeString(q.After); err != nil || len(after) != sortKeyLen {
			return fmt.Errorf("list: bad page cursor")
		}
	}
	kinds := record.Kinds()
	if q.Kind != "" {
		kinds = []record.Kind{q.Kind}
	}
	needBody := q.Category != "" || q.Severity != "" || q.Status != ""
	if needBody {
		// Only difficulties have a category, a severity and a status.
		if q.Kind != "" && q.Kind != record.KindDifficulty {
			return nil
		}
		kinds = []record.Kind{record.KindDifficulty}
	}
	var want [256]bool
	for _, k := range kinds {
		want[kindByte(k)] = true
	}
	start := after
	if q.To != "" && (start == nil || bytes.Compare(dateBound(q.To), start) > 0) {
		start = dateBound(q.To)
	}
	var from []byte
	if q.From != "" {
		from = dateBound(q.From)
	}
	return s.db.View(func(tx *bolt.Tx) error {
		var next func() ([]byte, error)
		if len(words) == 0 {
			var m merger
			c := tx.Bucket(bucketByDate)
			for _, k := range kinds {
				m.add(c.Cursor(), []byte{kindByte(k)})
			}
			m.seek(start)
			next = func() ([]byte, error) {
				if m.Len() == 0 {
					return nil, nil
				}
				return m.pop(), nil
			}
		} else {
			next = newSearch(tx, words, &want, start).next
		}
		var prev []byte
		rr, r := s.newRecordReader(tx), new(record.Record)
		for n := 0; ; n++ {
			if n%1024 == 0 {
				if err := ctxErr(ctx); err != nil {
					return err
				}
			}
			sk, err := next()
			if err != nil || sk == nil {
				return err
			}
			if after != nil && bytes.Compare(sk, after) <= 0 {
				continue
			}
			if prev != nil && bytes.Equal(sk, prev) {
				continue
			}
			prev = sk
			if from != nil && bytes.Compare(sk[:4], from) > 0 {
				return nil // older than From: sortkeys only get older from here
			}
			if err := rr.get(idFromSortKey(sk), r); err != nil {
				return err
			}
			if r.Deleted {
				continue // the index never points at a tombstone; never show one
			}
			if needBody && !(matches(q.Category, r.Category) && matches(q.Severity, r.Severity) && matches(q.Status, record.StatusOrNew(r.Status))) {
				continue
			}
			more, err := fn(r, sk)
			if err != nil || !more {
				return err
			}
		}
	})
}

// search yields the sortkeys of the records that have every search word,
// in order: the indexed ones a day at a time, merged with the fresh ones.
type search struct {
	docs  *bolt.Bucket
	words []*wordIter
	want  *[256]bool
	start []byte

	day []entry // the indexed matches of the current day, sorted, from pos
	pos int
	// indexDone: no indexed match is left after day.
	indexDone bool

	fresh *source
	err   error
}

type entry [sortKeyLen]byte

func newSearch(tx *bolt.Tx, words []string, want *[256]bool, start []byte) *search {
	terms := tx.Bucket(bucketTerms)
	s := &search{docs: tx.Bucket(bucketDocs), want: want, start: start}
	var startDay uint32
	if len(start) >= 4 {
		startDay = binary.BigEndian.Uint32(start)
	}
	for _, w := range words {
		wi := &wordIter{}
		for _, t := range termsWithPrefix(terms.Cursor(), w) {
			wi.terms = append(wi.terms, newTermIter(terms, t))
		}
		if s.err == nil {
			s.err = wi.seek(startDay)
		}
		s.words = append(s.words, wi)
	}
	all := make([][]byte, len(words))
	for i, w := range words {
		all[i] = []byte(" " + w)
	}
	s.fresh = &source{c: tx.Bucket(bucketFresh).Cursor(), check: func(_, fwd []byte) bool {
		return len(fwd) > 1 && want[fwd[0]] && containsAll(fwd, all)
	}}
	if start == nil {
		s.fresh.load(s.fresh.c.First())
	} else {
		s.fresh.load(s.fresh.c.Seek(start))
	}
	s.fillDay()
	return s
}

// next returns the next matching sortkey, nil at the end.
func (s *search) next() ([]byte, error) {
	for s.err == nil {
		var idx []byte
		if s.pos < len(s.day) {
			idx = s.day[s.pos][:]
		} else if !s.indexDone {
			s.fillDay()
			continue
		}
		fr := s.fresh.sk
		switch {
		case idx == nil && fr == nil:
			return nil, nil
		case fr == nil || idx != nil && bytes.Compare(idx, fr) < 0:
			s.pos++
			if s.start != nil && bytes.Compare(idx, s.start) < 0 {
				continue
			}
			return idx, nil
		default:
			s.fresh.next()
			return fr, nil
		}
	}
	return nil, s.err
}

// fillDay finds the next day on which every word has a record, and its
// records of the kinds wanted, in sortkey order.
func (s *search) fillDay() {
	// A new slice each day: the sortkeys handed out stay valid.
	s.day, s.pos = nil, 0
	for {
		var top uint32
		for i, w := range s.words {
			if w.done {
				s.indexDone = true
				return
			}
			if i == 0 || w.day > top {
				top = w.day
			}
		}
		behind := false
		for _, w := range s.words {
			if w.day < top {
				behind = true
				if s.err = w.seek(top); s.err != nil {
					return
				}
			}
		}
		if behind {
			continue // leapt: check again that all stand on one day
		}
		// Every word is on day top: intersect, smallest list first.
		smallest := 0
		for i, w := range s.words {
			if len(w.docs) < len(s.words[smallest].docs) {
				smallest = i
			}
		}
		docs := append([]uint32(nil), s.words[smallest].docs...)
		for i, w := range s.words {
			if i != smallest && len(docs) > 0 {
				docs = intersect(docs, w.docs)
			}
		}
		for _, w := range s.words {
			if s.err = w.next(); s.err != nil {
				return
			}
		}
		var key [4]byte
		for _, d := range docs {
			if !s.want[docKind(d)] {
				continue
			}
			id := s.docs.Get(binary.BigEndian.AppendUint32(key[:0], d))
			if len(id) != 16 {
				continue // cannot happen: doc numbers are never reused
			}
			var e entry
			binary.BigEndian.PutUint32(e[:4], top)
			for i, b := range id {
				e[4+i] = ^b
			}
			s.day = append(s.day, e)
		}
		if len(s.day) > 0 {
			slices.SortFunc(s.day, func(a, b entry) int { return bytes.Compare(a[:], b[:]) })
			return
		}
	}
}

func matches(want, got string) bool { return want == "" || want == got }

func containsAll(fwd []byte, words [][]byte) bool {
	for _, w := range words {
		if !bytes.Contains(fwd[1:], w) {
			return false
		}
	}
	return true
}

// termsWithPrefix lists the indexed words that start with prefix, jumping
// from one word to the next without reading their postings.
func termsWithPrefix(c *bolt.Cursor, prefix string) []string {
	var terms []string
	k, _ := c.Seek([]byte(prefix))
	for k != nil && strings.HasPrefix(string(k), prefix) {
		end := bytes.IndexByte(k, 0)
		if end < 0 {
			break
		}
		term := string(k[:end])
		terms = append(terms, term)
		k, _ = c.Seek(append([]byte(term), 1))
	}
	return terms
}

// merger walks several cursors over key ranges that share a sortkey suffix
// (the date index of each kind), yielding sortkeys in order: a k-way merge
// on a heap.
type merger []*source

// source is one key range of a merger, or the records waiting in fresh.
type source struct {
	c      *bolt.Cursor
	prefix []byte
	check  func(sk, val []byte) bool // if set, keys it refuses are skipped
	sk     []byte                    // current sortkey; nil when the range is done
}

// ours says whether k is a key of the range.
func (s *source) ours(k []byte) bool {
	return k != nil && len(k) == len(s.prefix)+sortKeyLen && bytes.HasPrefix(k, s.prefix)
}

// load places the source at key k (and its value v).
func (s *source) load(k, v []byte) {
	for s.check != nil && s.ours(k) && !s.check(k[len(s.prefix):], v) {
		k, v = s.c.Next()
	}
	if s.ours(k) {
		s.sk = k[len(s.prefix):]
	} else {
		s.sk = nil
	}
}

// next moves the source to its next sortkey.
func (s *source) next() { s.load(s.c.Next()) }

// add adds a range: keys prefix+sortkey.
func (m *merger) add(c *bolt.Cursor, prefix []byte) {
	*m = append(*m, &source{c: c, prefix: prefix})
}

// seek places every cursor at the first sortkey ≥ sk (the start when sk is
// nil; sk may be a bare date, 4 bytes) and builds the heap.
func (m *merger) seek(sk []byte) {
	live := (*m)[:0]
	for _, s := range *m {
		s.load(s.c.Seek(append(append([]byte(nil), s.prefix...), sk...)))
		if s.sk != nil {
			live = append(live, s)
		}
	}
	*m = live
	heap.Init(m)
}

// pop returns the smallest sortkey and advances its cursor. The returned
// slice stays valid for the transaction.
func (m *merger) pop() []byte {
	s := (*m)[0]
	sk := s.sk
	s.next()
	if s.sk == nil {
		heap.Pop(m)
	} else {
		heap.Fix(m, 0)
	}
	return sk
}

func (m merger) Len() int           { return len(m) }
func (m merger) Less(i, j int) bool { return bytes.Compare(m[i].sk, m[j].sk) < 0 }
func (m merger) Swap(i, j int)      { m[i], m[j] = m[j], m[i] }
func (m *merger) Push(x any)        { *m = append(*m, x.(*source)) }
func (m *merger) Pop() any {
	old := *m
	s := old[len(old)-1]
	*m = old[:len(old)-1]
	return s
}
