package store

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"sotay/record"
)

// A writer gathers the puts of many records and makes them in key order,
// bucket by bucket. bbolt inserts into in-memory nodes that split only at
// commit, so thousands of keys put out of order into one transaction cost a
// memmove each over an ever larger node; in order, each is an append.
// Deletions (of a changed record's old index entries) are made at once:
// they come before any put of the same key.
type writer struct {
	tx      *bolt.Tx
	puts    [numPutBuckets][]kv
	terms   map[string][]posting // word → postings, for bucketTerms
	fresh   bool                 // records wait in bucketFresh, not terms
	counts  map[string]int64
	pending map[[16]byte]bool // records in this writer (each one is queued)
	arena   []byte            // backing store of gathered keys and values
}

type kv struct{ k, v []byte }

// posting is one record under one word: its sortkey and kind.
type posting struct {
	sk   []byte
	kind byte
}

// The buckets a writer puts to, in the order it writes them.
const (
	putRecords = iota
	putByDate
	putFresh
	putOutbox
	putPending
	numPutBuckets
)

var putBucket = [numPutBuckets][]byte{bucketRecords, bucketByDate, bucketFresh, bucketOutbox, bucketPending}

func newWriter(tx *bolt.Tx) *writer {
	return &writer{tx: tx, terms: map[string][]posting{}, counts: map[string]int64{}, pending: map[[16]byte]bool{}}
}

// bytes copies parts into the arena and returns the copy. Slices handed out
// stay valid when the arena grows: growing allocates a new block.
func (w *writer) bytes(parts ...[]byte) []byte {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	if cap(w.arena)-len(w.arena) < n {
		// Small for one record, growing to large blocks for an import.
		w.arena = make([]byte, 0, max(n, min(2*cap(w.arena), 1<<20), 1<<10))
	}
	start := len(w.arena)
	for _, p := range parts {
		w.arena = append(w.arena, p...)
	}
	return w.arena[start:len(w.arena):len(w.arena)]
}

func (w *writer) put(bucket int, k, v []byte) {
	w.puts[bucket] = append(w.puts[bucket], kv{k, v})
}

// prepared is the part of a record's writes that needs nothing but the
// record, made ahead (and for an import, in parallel).
type prepared struct {
	json  []byte
	terms []string
	err   error
}

func prepare(r *record.Record) prepared {
	v, err := r.MarshalJSON()
	if err != nil {
		return prepared{err: err}
	}
	p := prepared{json: v}
	if !r.Deleted {
		p.terms = recordTerms(r)
	}
	return p
}

// add gathers the writes of r over old (nil for a new record). A writer
// holds one version of a record: old must be what is stored, so a second
// version of the same record needs a flush first.
func (w *writer) add(r *record.Record, old *record.Record) error {
	p := prepare(r)
	return w.addPrepared(r, old, &p)
}

// addPrepared is add with prepare(r) already done.
func (w *writer) addPrepared(r *record.Record, old *record.Record, p *prepared) error {
	if p.err != nil {
		return p.err
	}
	id, err := record.ParseID(r.ID)
	if err != nil {
		return err
	}
	if w.pending[id] {
		return fmt.Errorf("record %s twice in one write", r.ID)
	}
	if old != nil && !old.Deleted {
		wasFresh, err := unindex(w.tx, old, id)
		if err != nil {
			return err
		}
		if wasFresh {
			w.counts["fresh"]--
		}
	}
	w.put(putRecords, w.bytes(id[:]), p.json)
	if !r.Deleted {
		sk := sortKey(r.Date, id)
		kb := []byte{kindByte(r.Kind)}
		w.put(putByDate, w.bytes(kb, sk[:]), nil)
		terms := p.terms
		skb := w.bytes(sk[:])
		if w.fresh {
			w.put(putFresh, skb, kindValue[kb[0]])
			w.counts["fresh"]++
		} else {
			for _, t := range terms {
				w.terms[t] = append(w.terms[t], posting{skb, kb[0]})
			}
		}
		w.put(putRecords, w.bytes(id[:], []byte{forwardSuffix}), forwardValue(r.Kind, terms))
	}
	w.count(old, -1)
	w.count(r, +1)
	return w.outbox(id, r.Rev)
}

// flush makes the gathered puts, each bucket in key order, and adds up the
// counters. The writer can be used again afterwards.
func (w *writer) flush() error {
	for i, puts := range w.puts {
		if len(puts) == 0 {
			continue
		}
		// Keys are distinct: one version of each record. Ids and
		// sequences mostly come in order already.
		cmp := func(a, b kv) int { return bytes.Compare(a.k, b.k) }
		if !slices.IsSortedFunc(puts, cmp) {
			slices.SortFunc(puts, cmp)
		}
		b := w.tx.Bucket(putBucket[i])
		w.fill(b)
		for _, p := range puts {
			if err := b.Put(p.k, p.v); err != nil {
				return err
			}
		}
	}
	if err := w.flushTerms(); err != nil {
		return err
	}
	meta := w.tx.Bucket(bucketMeta)
	for key, delta := range w.counts {
		if delta != 0 {
			if err := addUint(meta, key, delta); err != nil {
				return err
			}
		}
	}
	w.reset()
	return nil
}

// flushTerms puts the search postings word by word in key order. Import
// gathers records in sortkey order, so a word's postings come sorted and
// only the words need sorting, not every posting.
func (w *writer) flushTerms() error {
	words := make([]string, 0, len(w.terms))
	for t, ps := range w.terms {
		if len(ps) > 0 {
			words = append(words, t)
		}
	}
	slices.Sort(words)
	b := w.tx.Bucket(bucketTerms)
	w.fill(b)
	key := make([]byte, 0, maxTermLen+1+sortKeyLen)
	for _, t := range words {
		ps := w.terms[t]
		cmp := func(a, b posting) int { return bytes.Compare(a.sk, b.sk) }
		if !slices.IsSortedFunc(ps, cmp) {
			slices.SortFunc(ps, cmp)
		}
		for i := 0; i < len(ps); {
			// One key for the postings of one date, up to maxGroup.
			head := ps[i]
			j := i + 1
			for j < len(ps) && j-i < maxGroup && bytes.Equal(ps[j].sk[:4], head.sk[:4]) {
				j++
			}
			key = append(append(append(key[:0], t...), 0), head.sk...)
			v := kindValue[head.kind]
			if j > i+1 {
				v = make([]byte, 1, 1+(j-i-1)*postingLen)
				v[0] = head.kind
				for _, p := range ps[i+1 : j] {
					v = append(append(v, p.sk[4:]...), p.kind)
				}
			}
			if err := b.Put(key, v); err != nil {
				return err
			}
			i = j
		}
	}
	return nil
}

// kindValue holds the one-byte values of postings, which bbolt keeps until
// the transaction ends: static, so nothing is allocated per posting.
var kindValue = func() (v [256][]byte) {
	for i := range v {
		v[i] = []byte{byte(i)}
	}
	return v
}()

// fill packs the pages an import writes fuller than bbolt's half: its keys
// come in runs, so pages split from them are not split again soon.
func (w *writer) fill(b *bolt.Bucket) {
	if !w.fresh {
		b.FillPercent = importFill
	}
}

const importFill = 0.9

// reset forgets what was gathered, keeping the buffers. The arena is not
// written over: bbolt keeps the values it is given until the transaction
// ends (see begin).
func (w *writer) reset() {
	for i := range w.puts {
		clear(w.puts[i]) // let go of the values not in the arena
		w.puts[i] = w.puts[i][:0]
	}
	for t, ps := range w.terms {
		w.terms[t] = ps[:0]
	}
	clear(w.counts)
	clear(w.pending)
}

// begin starts gathering for a new transaction: the last one is over, so
// its values in the arena are no longer needed.
func (w *writer) begin(tx *bolt.Tx) {
	w.reset()
	w.tx = tx
	w.arena = w.arena[:0]
}

// foldFresh moves the postings of every record waiting in fresh into the
// search index, from the words their forward lists hold.
func (w *writer) foldFresh() error {
	recs := w.tx.Bucket(bucketRecords)
	err := w.tx.Bucket(bucketFresh).ForEach(func(sk, kind []byte) error {
		id := idFromSortKey(sk)
		fwd := recs.Get(forwardKey(id))
		if len(fwd) < 2 {
			// Cannot happen (both are written and removed together);
			// if it did, failing here would fail every later save.
			return nil
		}
		skb := w.bytes(sk)
		for _, t := range strings.Fields(string(fwd[2:])) {
			w.terms[t] = append(w.terms[t], posting{skb, kind[0]})
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := w.tx.DeleteBucket(bucketFresh); err != nil {
		return err
	}
	if _, err := w.tx.CreateBucket(bucketFresh); err != nil {
		return err
	}
	if err := putUint(w.tx.Bucket(bucketMeta), "fresh", 0); err != nil {
		return err
	}
	return w.flush()
}
