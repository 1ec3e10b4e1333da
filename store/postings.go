package store

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// The search postings (schema 4). Each word's postings are kept in chunks,
// newest day first, each under the key
//
//	word 0x00 day(4) → groups
//
// where day is the complemented day number of the chunk's first (newest)
// group, as in a sortkey. A group is the records of the word on one day:
//
//	uvarint(day − previous group's day) uvarint(n) n × uvarint(doc − previous doc)
//
// with doc numbers (see docNum) ascending. A posting costs a byte or two
// instead of the seventeen of an id and a kind, and a save rewrites the
// one small chunk of each of its words that holds its day. A day's group
// is never split between chunks, so the chunk holding a day is the last one
// whose key is at or before it.

// maxChunk is the postings a chunk holds before it is split: small enough
// that a save rewrites little, large enough that keys cost little.
const maxChunk = 128

// posting is one record under one word: its day (complemented, as in a
// sortkey: newest first) and its doc number.
type posting struct{ day, doc uint32 }

func cmpPosting(a, b posting) int {
	if a.day != b.day {
		return cmp.Compare(a.day, b.day)
	}
	return cmp.Compare(a.doc, b.doc)
}

// group is a word's postings of one day.
type group struct {
	day  uint32
	docs []uint32
}

func chunkKey(term string, day uint32) []byte {
	k := make([]byte, 0, len(term)+5)
	k = append(k, term...)
	k = append(k, 0)
	return binary.BigEndian.AppendUint32(k, day)
}

func encodeChunk(gs []group) []byte {
	n := 0
	for _, g := range gs {
		n += 4 + 3*len(g.docs)
	}
	v := make([]byte, 0, n)
	prevDay := gs[0].day
	for _, g := range gs {
		v = binary.AppendUvarint(v, uint64(g.day-prevDay))
		prevDay = g.day
		v = binary.AppendUvarint(v, uint64(len(g.docs)))
		prev := uint32(0)
		for _, d := range g.docs {
			v = binary.AppendUvarint(v, uint64(d-prev))
			prev = d
		}
	}
	return v
}

// chunkReader reads a chunk's groups one at a time.
type chunkReader struct {
	v   []byte
	off int
	day uint32
}

// next reads the next group into docs (reusing it); ok is false at the end.
func (r *chunkReader) next(docs []uint32) (day uint32, out []uint32, ok bool, err error) {
	if r.off >= len(r.v) {
		return 0, docs, false, nil
	}
	d, n1 := binary.Uvarint(r.v[r.off:])
	if n1 <= 0 {
		return 0, docs, false, fmt.Errorf("bad postings chunk")
	}
	r.off += n1
	r.day += uint32(d)
	cnt, n2 := binary.Uvarint(r.v[r.off:])
	if n2 <= 0 || cnt > uint64(len(r.v)) {
		return 0, docs, false, fmt.Errorf("bad postings chunk")
	}
	r.off += n2
	out = docs[:0]
	prev := uint32(0)
	for range cnt {
		x, n := binary.Uvarint(r.v[r.off:])
		if n <= 0 {
			return 0, docs, false, fmt.Errorf("bad postings chunk")
		}
		r.off += n
		prev += uint32(x)
		out = append(out, prev)
	}
	return r.day, out, true, nil
}

func decodeChunk(keyDay uint32, v []byte) ([]group, error) {
	r := chunkReader{v: v, day: keyDay}
	var gs []group
	for {
		day, docs, ok, err := r.next(nil)
		if err != nil || !ok {
			return gs, err
		}
		gs = append(gs, group{day, docs})
	}
}

// chunkFor finds the chunk of term that day belongs in: the last one whose
// first day is at or before day, or, when day is newer than every chunk,
// the first. key is nil when term has no chunk. Postings of days before
// next (when hasNext) belong in the same chunk.
func chunkFor(b *bolt.Bucket, term string, day uint32) (key, val []byte, next uint32, hasNext bool) {
	prefix := chunkKey(term, 0)[:len(term)+1]
	ours := func(k []byte) bool { return len(k) == len(prefix)+4 && bytes.HasPrefix(k, prefix) }
	dayOf := func(k []byte) uint32 { return binary.BigEndian.Uint32(k[len(prefix):]) }
	c := b.Cursor()
	k, v := c.Seek(chunkKey(term, day))
	if ours(k) && dayOf(k) == day {
		key, val = k, v
		if nk, _ := c.Next(); ours(nk) {
			next, hasNext = dayOf(nk), true
		}
		return key, val, next, hasNext
	}
	var pk, pv []byte
	if k == nil {
		pk, pv = c.Last()
	} else {
		pk, pv = c.Prev()
	}
	if ours(pk) {
		if ours(k) {
			next, hasNext = dayOf(k), true
		}
		return pk, pv, next, hasNext
	}
	if !ours(k) {
		return nil, nil, 0, false
	}
	// Newer than every chunk: into the first, which then starts earlier.
	c.Seek(k)
	if nk, _ := c.Next(); ours(nk) {
		next, hasNext = dayOf(nk), true
	}
	return k, v, next, hasNext
}

// mergeTerm adds postings (sorted, none already there) to term's chunks.
func mergeTerm(b *bolt.Bucket, term string, ps []posting) error {
	for len(ps) > 0 {
		key, val, next, hasNext := chunkFor(b, term, ps[0].day)
		j := len(ps)
		if hasNext {
			j, _ = slices.BinarySearchFunc(ps, next, func(p posting, d uint32) int { return cmp.Compare(p.day, d) })
		}
		var gs []group
		if key != nil {
			var err error
			if gs, err = decodeChunk(binary.BigEndian.Uint32(key[len(key)-4:]), val); err != nil {
				return fmt.Errorf("word %q: %w", term, err)
			}
			if err := b.Delete(append([]byte(nil), key...)); err != nil {
				return err
			}
		}
		if err := putChunks(b, term, addPostings(gs, ps[:j])); err != nil {
			return err
		}
		ps = ps[j:]
	}
	return nil
}

// addPostings merges sorted postings into groups.
func addPostings(gs []group, ps []posting) []group {
	out := make([]group, 0, len(gs)+len(ps))
	i := 0
	for len(ps) > 0 || i < len(gs) {
		switch {
		case len(ps) == 0 || i < len(gs) && gs[i].day < ps[0].day:
			out = append(out, gs[i])
			i++
		default:
			day := ps[0].day
			j := 1
			for j < len(ps) && ps[j].day == day {
				j++
			}
			g := group{day: day}
			if i < len(gs) && gs[i].day == day {
				g.docs = gs[i].docs
				i++
			}
			for _, p := range ps[:j] {
				g.docs = append(g.docs, p.doc)
			}
			slices.Sort(g.docs)
			g.docs = slices.Compact(g.docs)
			out = append(out, g)
			ps = ps[j:]
		}
	}
	return out
}

// putChunks writes groups as chunks of up to maxChunk postings. They are
// cut from the oldest end, so the newest chunk, where saves land, is the
// one left part-full.
func putChunks(b *bolt.Bucket, term string, gs []group) error {
	end := len(gs)
	for end > 0 {
		start, n := end, 0
		for start > 0 && (n == 0 || n+len(gs[start-1].docs) <= maxChunk) {
			start--
			n += len(gs[start].docs)
		}
		if err := b.Put(chunkKey(term, gs[start].day), encodeChunk(gs[start:end])); err != nil {
			return err
		}
		end = start
	}
	return nil
}

// removePosting takes doc off term's group of day.
func removePosting(b *bolt.Bucket, term string, day, doc uint32) error {
	key, val, _, _ := chunkFor(b, term, day)
	if key == nil {
		return nil
	}
	gs, err := decodeChunk(binary.BigEndian.Uint32(key[len(key)-4:]), val)
	if err != nil {
		return fmt.Errorf("word %q: %w", term, err)
	}
	i := slices.IndexFunc(gs, func(g group) bool { return g.day == day })
	if i < 0 {
		return nil
	}
	j, found := slices.BinarySearch(gs[i].docs, doc)
	if !found {
		return nil
	}
	gs[i].docs = slices.Delete(gs[i].docs, j, j+1)
	if len(gs[i].docs) == 0 {
		gs = slices.Delete(gs, i, i+1)
	}
	if err := b.Delete(append([]byte(nil), key...)); err != nil {
		return err
	}
	if len(gs) == 0 {
		return nil
	}
	return b.Put(chunkKey(term, gs[0].day), encodeChunk(gs))
}

// termIter walks one word's groups, newest day first.
type termIter struct {
	c      *bolt.Cursor
	prefix []byte
	r      chunkReader
	day    uint32
	docs   []uint32
	done   bool
	err    error
}

func newTermIter(b *bolt.Bucket, term string) *termIter {
	return &termIter{c: b.Cursor(), prefix: append([]byte(term), 0)}
}

func (t *termIter) ours(k []byte) bool {
	return len(k) == len(t.prefix)+4 && bytes.HasPrefix(k, t.prefix)
}

// load starts reading the chunk k, v.
func (t *termIter) load(k, v []byte) bool {
	if !t.ours(k) {
		t.done = true
		return false
	}
	t.r = chunkReader{v: v, day: binary.BigEndian.Uint32(k[len(t.prefix):])}
	return true
}

// next moves to the next group.
func (t *termIter) next() {
	for !t.done {
		day, docs, ok, err := t.r.next(t.docs)
		if err != nil {
			t.err, t.done = err, true
			return
		}
		if ok {
			t.day, t.docs = day, docs
			return
		}
		t.load(t.c.Next())
	}
}

// seek moves to the first group of day or after (never back).
func (t *termIter) seek(day uint32) {
	if t.r.v != nil && (t.done || t.day >= day) {
		return
	}
	k, v := t.c.Seek(append(t.prefix[:len(t.prefix):len(t.prefix)], binary.BigEndian.AppendUint32(nil, day)...))
	if !t.ours(k) || binary.BigEndian.Uint32(k[len(t.prefix):]) != day {
		// The chunk before may hold day.
		var pk, pv []byte
		if k == nil {
			pk, pv = t.c.Last()
		} else {
			pk, pv = t.c.Prev()
		}
		if t.ours(pk) {
			k, v = pk, pv
		} else if k != nil {
			// Back to k by seeking, not by Next: at the bucket's first
			// key bbolt's Prev returns nil but leaves the cursor on that
			// key, so Next would skip it (and with it a word's first chunk).
			k, v = t.c.Seek(k)
		}
	}
	t.done = false
	if !t.load(k, v) {
		return
	}
	for t.next(); !t.done && t.day < day; t.next() {
	}
}

// wordIter walks the union of the groups of every word a search word
// starts, day by day.
type wordIter struct {
	terms []*termIter
	day   uint32
	docs  []uint32
	done  bool
}

func (w *wordIter) settle() error {
	w.done = true
	for _, t := range w.terms {
		if t.err != nil {
			return t.err
		}
		if !t.done && (w.done || t.day < w.day) {
			w.day, w.done = t.day, false
		}
	}
	if w.done {
		return nil
	}
	w.docs = w.docs[:0]
	n := 0
	for _, t := range w.terms {
		if !t.done && t.day == w.day {
			w.docs = append(w.docs, t.docs...)
			n++
		}
	}
	if n > 1 {
		slices.Sort(w.docs)
		w.docs = slices.Compact(w.docs)
	}
	return nil
}

func (w *wordIter) seek(day uint32) error {
	for _, t := range w.terms {
		t.seek(day)
	}
	return w.settle()
}

func (w *wordIter) next() error {
	for _, t := range w.terms {
		if !t.done && t.day == w.day {
			t.next()
		}
	}
	return w.settle()
}

// intersect keeps in a the docs also in b; both ascending.
func intersect(a, b []uint32) []uint32 {
	out := a[:0]
	j := 0
	for _, x := range a {
		for j < len(b) && b[j] < x {
			j++
		}
		if j == len(b) {
			break
		}
		if b[j] == x {
			out = append(out, x)
		}
	}
	return out
}
