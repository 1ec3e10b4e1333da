package store

import (
	"bytes"
	"container/heap"
	"context"
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
	Search string      // words; each must start a word of the record (folded)
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
// it walks the date index of each kind wanted, merged; with them it walks
// the postings of the rarest word merged across every indexed word it
// starts, and checks the other words against the candidate's forward list
// before loading it; records not yet indexed (fresh) are checked against
// every word. Filters that need the record body are
// applied last.
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
	wantKind := func(b byte) bool {
		for _, k := range kinds {
			if kindByte(k) == b {
				return true
			}
		}
		return false
	}
	needBody := q.Category != "" || q.Severity != "" || q.Status != ""
	if needBody {
		// Only difficulties have a category, a severity and a status.
		if q.Kind != "" && q.Kind != record.KindDifficulty {
			return nil
		}
		kinds = []record.Kind{record.KindDifficulty}
	}
	return s.db.View(func(tx *bolt.Tx) error {
		var m merger
		var others [][]byte
		if len(words) == 0 {
			c := tx.Bucket(bucketByDate)
			for _, k := range kinds {
				m.add(c.Cursor(), []byte{kindByte(k)}, false)
			}
		} else {
			// Walk the rarest word's postings (the longest, between
			// words too common to count) and check the others.
			b := tx.Bucket(bucketTerms)
			driver, fewest := 0, -1
			for i, w := range words {
				n := postingsUpTo(b.Cursor(), w, rareEnough)
				if fewest < 0 || n < fewest || n == fewest && len(w) > len(words[driver]) {
					driver, fewest = i, n
				}
			}
			for i, w := range words {
				if i != driver {
					others = append(others, []byte(" "+w))
				}
			}
			for _, term := range termsWithPrefix(b.Cursor(), words[driver]) {
				m.add(b.Cursor(), append([]byte(term), 0), true)
			}
			// Records not yet in the index: each checked against
			// every word.
			all := make([][]byte, len(words))
			for i, w := range words {
				all[i] = []byte(" " + w)
			}
			recs := tx.Bucket(bucketRecords)
			m.add(tx.Bucket(bucketFresh).Cursor(), nil, false)
			m[len(m)-1].check = func(sk, kind []byte) bool {
				id := idFromSortKey(sk)
				fwd := recs.Get(forwardKey(id))
				return len(kind) == 1 && wantKind(kind[0]) && fwd != nil && containsAll(fwd, all)
			}
		}
		start := after
		if q.To != "" && (start == nil || bytes.Compare(dateBound(q.To), start) > 0) {
			start = dateBound(q.To)
		}
		m.seek(start)
		var from []byte
		if q.From != "" {
			from = dateBound(q.From)
		}
		recs := tx.Bucket(bucketRecords)
		var prev []byte
		for n := 0; m.Len() > 0; n++ {
			if n%1024 == 0 {
				if err := ctxErr(ctx); err != nil {
					return err
				}
			}
			sk, val := m.pop()
			if after != nil && bytes.Equal(sk, after) {
				continue
			}
			// A record with several words that start with the
			// search word is in several postings: merged, they
			// come one after another.
			if prev != nil && bytes.Equal(sk, prev) {
				continue
			}
			prev = sk
			if from != nil && bytes.Compare(sk[:4], from) > 0 {
				break // older than From: sortkeys only get older from here
			}
			id := idFromSortKey(sk)
			if len(words) > 0 {
				if len(val) != 1 || !wantKind(val[0]) {
					continue
				}
				if len(others) > 0 {
					fwd := recs.Get(forwardKey(id))
					if fwd == nil || !containsAll(fwd, others) {
						continue
					}
				}
			}
			r, err := getRecord(tx, id)
			if err != nil {
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
		return nil
	})
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

// rareEnough is where postingsUpTo stops counting: past it a word is
// common, and which of two common words drives a search matters little.
const rareEnough = 2000

// postingsUpTo counts the postings of the indexed words that start with
// prefix, stopping at limit.
func postingsUpTo(c *bolt.Cursor, prefix string, limit int) int {
	n := 0
	p := []byte(prefix)
	for k, v := c.Seek(p); k != nil && bytes.HasPrefix(k, p) && n < limit; k, v = c.Next() {
		n += 1 + (len(v)-1)/postingLen
	}
	return n
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

// merger walks several cursors over key ranges that share a sortkey suffix,
// yielding sortkeys in order: a k-way merge on a heap.
type merger []*source

// source is one key range of a merger: a kind's date index, or a word's
// postings. Postings are grouped (see index.go), so a source reads a whole
// date of them at a time, in order, into buf.
type source struct {
	c       *bolt.Cursor
	prefix  []byte
	grouped bool
	check   func(sk, val []byte) bool // if set, keys it refuses are skipped
	sk      []byte                    // current sortkey; nil when the range is done
	val     []byte                    // its value: a posting's kind

	buf          []entry // the postings of the current date, from pos
	pos          int
	nextK, nextV []byte // the first key after them
}

type entry struct {
	sk   [sortKeyLen]byte
	kind [1]byte
}

// ours says whether k is a key of the range.
func (s *source) ours(k []byte) bool {
	return k != nil && len(k) == len(s.prefix)+sortKeyLen && bytes.HasPrefix(k, s.prefix)
}

// load places the source at key k (and its value v), skipping sortkeys
// below min.
func (s *source) load(k, v, min []byte) {
	if !s.grouped {
		for s.check != nil && s.ours(k) && !s.check(k[len(s.prefix):], v) {
			k, v = s.c.Next()
		}
		if s.ours(k) {
			s.sk, s.val = k[len(s.prefix):], v
		} else {
			s.sk = nil
		}
		return
	}
	for s.ours(k) {
		var day [4]byte
		copy(day[:], k[len(s.prefix):])
		// A new slice each date: the sortkeys handed out stay valid.
		buf := make([]entry, 0, 8)
		keys := 0
		for ; s.ours(k) && [4]byte(k[len(s.prefix):]) == day; k, v = s.c.Next() {
			keys++
			var e entry
			copy(e.sk[:], k[len(s.prefix):])
			e.kind[0] = v[0]
			buf = append(buf, e)
			for off := 1; off+postingLen <= len(v); off += postingLen {
				copy(e.sk[4:], v[off:off+16])
				e.kind[0] = v[off+16]
				buf = append(buf, e)
			}
		}
		if keys > 1 {
			slices.SortFunc(buf, func(a, b entry) int { return bytes.Compare(a.sk[:], b.sk[:]) })
		}
		pos := 0
		for pos < len(buf) && min != nil && bytes.Compare(buf[pos].sk[:], min) < 0 {
			pos++
		}
		s.nextK, s.nextV = k, v
		if pos < len(buf) {
			s.buf, s.pos = buf, pos
			s.sk, s.val = s.buf[pos].sk[:], s.buf[pos].kind[:]
			return
		}
	}
	s.sk = nil
}

// next moves the source to its next sortkey.
func (s *source) next() {
	if !s.grouped {
		k, v := s.c.Next()
		s.load(k, v, nil)
		return
	}
	s.pos++
	if s.pos < len(s.buf) {
		s.sk, s.val = s.buf[s.pos].sk[:], s.buf[s.pos].kind[:]
		return
	}
	s.load(s.nextK, s.nextV, nil)
}

// add adds a range: keys prefix+sortkey, grouped when they are postings.
func (m *merger) add(c *bolt.Cursor, prefix []byte, grouped bool) {
	*m = append(*m, &source{c: c, prefix: prefix, grouped: grouped})
}

// seek places every cursor at the first sortkey ≥ sk (the start when sk is
// nil; sk may be a bare date, 4 bytes) and builds the heap.
func (m *merger) seek(sk []byte) {
	live := (*m)[:0]
	for _, s := range *m {
		target := sk
		if s.grouped && len(sk) > 4 {
			target = sk[:4] // a group of the date may hold sk
		}
		k, v := s.c.Seek(append(append([]byte(nil), s.prefix...), target...))
		s.load(k, v, sk)
		if s.sk != nil {
			live = append(live, s)
		}
	}
	*m = live
	heap.Init(m)
}

// pop returns the smallest sortkey and its value and advances its cursor.
// The returned slices stay valid for the transaction.
func (m *merger) pop() (sk, val []byte) {
	s := (*m)[0]
	sk, val = s.sk, s.val
	s.next()
	if s.sk == nil {
		heap.Pop(m)
	} else {
		heap.Fix(m, 0)
	}
	return sk, val
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
