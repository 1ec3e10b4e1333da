package store

import (
	"bytes"
	"encoding/binary"
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
	codec   *codec
	puts    [numPutBuckets][]kv
	terms   map[string][]posting // word → postings, for bucketTerms
	fresh   bool                 // records wait in bucketFresh, not terms
	counts  map[string]int64
	pending map[[16]byte]bool // records in this writer (each one is queued)
	arena   []byte            // backing store of gathered keys and values
}

type kv struct{ k, v []byte }

// The buckets a writer puts to, in the order it writes them.
const (
	putRecords = iota
	putByDate
	putFresh
	putOutbox
	putDocs
	numPutBuckets
)

var putBucket = [numPutBuckets][]byte{bucketRecords, bucketByDate, bucketFresh, bucketOutbox, bucketDocs}

func newWriter(tx *bolt.Tx, c *codec) *writer {
	return &writer{tx: tx, codec: c, terms: map[string][]posting{}, counts: map[string]int64{}, pending: map[[16]byte]bool{}}
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
	value []byte // the stored value, its head (doc, seq) to fill in
	terms []string
	err   error
}

func prepare(r *record.Record, c *codec) prepared {
	v, err := r.MarshalJSON()
	if err != nil {
		return prepared{err: err}
	}
	p := prepared{value: c.bodyValue(0, 0, v)}
	if !r.Deleted {
		p.terms = recordTerms(r)
	}
	return p
}

// add gathers the writes of r over old (nil for a new record). A writer
// holds one version of a record: old must be what is stored, so a second
// version of the same record needs a flush first.
func (w *writer) add(r *record.Record, old *record.Record) error {
	p := prepare(r, w.codec)
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
	var doc uint32
	var oldSeq uint64
	if old != nil {
		v := w.tx.Bucket(bucketRecords).Get(id[:])
		if len(v) < bodyHead {
			return fmt.Errorf("record %s: stored value of %d bytes", r.ID, len(v))
		}
		doc, oldSeq = bodyDoc(v), bodySeq(v)
		if !old.Deleted {
			wasFresh, err := unindex(w.tx, old, id, doc)
			if err != nil {
				return err
			}
			if wasFresh {
				w.counts["fresh"]--
			}
		}
	} else {
		n, err := nextDoc(w.tx)
		if err != nil {
			return err
		}
		doc = docNum(n, r.Kind)
		if !w.fresh {
			w.putDoc(doc, id[:])
		}
	}
	seq, err := w.outbox(id, r.Rev, old != nil && oldSeq > ackedThrough(w.tx))
	if err != nil {
		return err
	}
	binary.BigEndian.PutUint32(p.value, doc)
	binary.BigEndian.PutUint64(p.value[4:], seq)
	w.put(putRecords, w.bytes(id[:]), p.value)
	if !r.Deleted {
		sk := sortKey(r.Date, id)
		kb := []byte{kindByte(r.Kind)}
		w.put(putByDate, w.bytes(kb, sk[:]), nil)
		if w.fresh {
			// The words wait with the record's place in fresh.
			w.put(putFresh, w.bytes(sk[:]), forwardValue(r.Kind, p.terms))
			w.counts["fresh"]++
		} else {
			day := binary.BigEndian.Uint32(sk[:4])
			for _, t := range p.terms {
				w.terms[t] = append(w.terms[t], posting{day, doc})
			}
		}
	}
	w.count(old, -1)
	w.count(r, +1)
	return nil
}

// putDoc names the record of doc number doc for the search. A record
// saved on its own gets it when it leaves fresh, not in its own save: one
// page fewer to write then.
func (w *writer) putDoc(doc uint32, id []byte) {
	w.put(putDocs, w.bytes(binary.BigEndian.AppendUint32(nil, doc)), w.bytes(id))
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

// flushTerms merges the gathered postings into each word's chunks, word
// by word in key order.
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
	for _, t := range words {
		ps := w.terms[t]
		if !slices.IsSortedFunc(ps, cmpPosting) {
			slices.SortFunc(ps, cmpPosting)
		}
		if err := mergeTerm(b, t, ps); err != nil {
			return err
		}
	}
	return nil
}

// fill packs pages fuller than bbolt's half where keys come in order: the
// records, doc numbers and outbox take keys that only grow (time-ordered
// ids, sequences), so a full page is never split again; an import's other
// keys come in runs, so pages split from them are not split again soon.
func (w *writer) fill(b *bolt.Bucket) {
	b.FillPercent = importFill
	if w.fresh && b != w.tx.Bucket(bucketRecords) && b != w.tx.Bucket(bucketOutbox) && b != w.tx.Bucket(bucketDocs) {
		b.FillPercent = bolt.DefaultFillPercent
	}
}

const importFill = 0.95

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
// search index, from the words kept with each.
func (w *writer) foldFresh() error {
	recs := w.tx.Bucket(bucketRecords)
	err := w.tx.Bucket(bucketFresh).ForEach(func(sk, fwd []byte) error {
		id := idFromSortKey(sk)
		v := recs.Get(id[:])
		if len(fwd) < 2 || len(v) < bodyHead {
			// Cannot happen (both are written and removed together);
			// if it did, failing here would fail every later save.
			return nil
		}
		day, doc := binary.BigEndian.Uint32(sk[:4]), bodyDoc(v)
		w.putDoc(doc, id[:])
		for _, t := range strings.Fields(string(fwd[2:])) {
			w.terms[t] = append(w.terms[t], posting{day, doc})
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
