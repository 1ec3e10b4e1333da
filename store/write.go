package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"sotay/record"
)

// Create saves a new record: it is given an id, rev 1 and the times, checked
// and cleaned (see record.Record.Normalize), and written with its indexes and an outbox
// entry in one transaction. The saved record is returned.
func (s *Store) Create(r record.Record) (record.Record, error) {
	now := s.now()
	if err := s.prepareNew(&r, now); err != nil {
		return record.Record{}, err
	}
	err := s.db.Update(func(tx *bolt.Tx) error { return s.put(tx, &r, nil) })
	if err != nil {
		return record.Record{}, fmt.Errorf("save record: %w", err)
	}
	return r, nil
}

func (s *Store) prepareNew(r *record.Record, now time.Time) error {
	r.Status, r.Responses = "", nil // HQ's to set
	if err := r.Normalize(now); err != nil {
		return err
	}
	s.stamp(r, now)
	return nil
}

// stamp makes a checked record new: an id, rev 1, the times, HQ's status.
func (s *Store) stamp(r *record.Record, now time.Time) {
	r.ID = record.FormatID(s.ids.Next(now))
	r.Rev = 1
	r.Deleted = false
	r.Created, r.Updated = now.UTC(), now.UTC()
	if r.Kind == record.KindDifficulty {
		r.Status = record.StatusNew
	}
}

// Update saves a changed record at rev + 1. The body comes from r; the
// envelope and HQ's fields (status, responses) from what is stored.
func (s *Store) Update(r record.Record) (record.Record, error) {
	id, err := record.ParseID(r.ID)
	if err != nil {
		return record.Record{}, err
	}
	now := s.now()
	err = s.db.Update(func(tx *bolt.Tx) error {
		old, err := getRecord(tx, id)
		if err != nil {
			return err
		}
		if old.Deleted {
			return ErrDeleted
		}
		r.Kind, r.Created, r.Deleted = old.Kind, old.Created, false
		r.Status, r.Responses = old.Status, old.Responses
		if err := r.Normalize(now); err != nil {
			return err
		}
		r.Rev = old.Rev + 1
		r.Updated = now.UTC()
		return s.put(tx, &r, old)
	})
	if err != nil {
		return record.Record{}, fmt.Errorf("update record: %w", err)
	}
	return r, nil
}

// Delete turns a record into a tombstone at rev + 1: kept and synced, gone
// from lists and search.
func (s *Store) Delete(idText string) (record.Record, error) {
	id, err := record.ParseID(idText)
	if err != nil {
		return record.Record{}, err
	}
	var r record.Record
	err = s.db.Update(func(tx *bolt.Tx) error {
		old, err := getRecord(tx, id)
		if err != nil {
			return err
		}
		if old.Deleted {
			return ErrDeleted
		}
		r = *old
		r.Deleted = true
		r.Rev++
		r.Updated = s.now().UTC()
		return s.put(tx, &r, old)
	})
	if err != nil {
		return record.Record{}, fmt.Errorf("delete record: %w", err)
	}
	return r, nil
}

// Get returns a record, tombstones included.
func (s *Store) Get(idText string) (record.Record, error) {
	id, err := record.ParseID(idText)
	if err != nil {
		return record.Record{}, err
	}
	var r *record.Record
	err = s.db.View(func(tx *bolt.Tx) error {
		r, err = getRecord(tx, id)
		return err
	})
	if err != nil {
		return record.Record{}, err
	}
	return *r, nil
}

// ImportBatch is how many records Import writes per transaction.
const ImportBatch = 10000

// Import saves many new records, ImportBatch to a transaction, each with its
// indexes and outbox entry. Every record is checked before anything is
// written; the first invalid one stops the import with its position. A
// record's own id, rev and times are kept when it has them (restoring an
// export), otherwise it is made new; recs is filled in with what was saved.
// progress, if not nil, is told how many records are saved after each
// transaction.
//
// Records are written in order of their date, and new ones get their ids
// in that order: then each transaction's index entries fall in one stretch
// of every index instead of all over it, and a transaction rewrites pages
// in proportion to its own size, not the notebook's. When an id comes more
// than once (versions of one record), the order given is kept instead.
func (s *Store) Import(ctx context.Context, recs []record.Record, progress func(done int)) error {
	now := s.now()
	errs := make([]error, len(recs))
	parallel(len(recs), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			r := &recs[i]
			if r.ID != "" {
				if _, err := record.ParseID(r.ID); err != nil {
					errs[i] = err
					continue
				}
			} else {
				r.Status, r.Responses = "", nil // HQ's to set
			}
			errs[i] = r.Normalize(now)
			if r.ID != "" && r.Rev < 1 {
				r.Rev = 1
			}
		}
	})
	for i, err := range errs {
		if err != nil {
			return fmt.Errorf("record %d: %w", i+1, err)
		}
	}
	order := make([]int, len(recs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(recs[a].Date, recs[b].Date) })
	for _, i := range order {
		if recs[i].ID == "" {
			s.stamp(&recs[i], now)
		}
	}
	if hasRepeats(recs) {
		// Keep the versions of a record in the order given.
		slices.Sort(order)
	} else {
		// Sortkey order (newest date first, then newest id): each
		// word's postings then come in key order.
		keys := make([][sortKeyLen]byte, len(recs))
		for i := range recs {
			id, _ := record.ParseID(recs[i].ID)
			keys[i] = sortKey(recs[i].Date, id)
		}
		slices.SortFunc(order, func(a, b int) int { return bytes.Compare(keys[a][:], keys[b][:]) })
	}
	w := newWriter(nil) // one for every batch: it keeps its buffers
	// While one batch is written (one CPU), the next is prepared (the
	// others): two sets of prepared records, taking turns.
	var preps [2][]prepared
	for i := range preps {
		preps[i] = make([]prepared, min(ImportBatch, len(recs)))
	}
	prepareBatch := func(start int) {
		batch := order[start:min(start+ImportBatch, len(recs))]
		out := preps[start/ImportBatch%2]
		parallel(len(batch), func(lo, hi int) {
			for j := lo; j < hi; j++ {
				out[j] = prepare(&recs[batch[j]])
			}
		})
	}
	if len(recs) > 0 {
		prepareBatch(0)
	}
	for start := 0; start < len(recs); start += ImportBatch {
		if err := ctxErr(ctx); err != nil {
			return err
		}
		end := min(start+ImportBatch, len(recs))
		batch, preps := order[start:end], preps[start/ImportBatch%2]
		ahead := make(chan struct{})
		go func() {
			defer close(ahead)
			if end < len(recs) {
				prepareBatch(end)
			}
		}()
		err := s.db.Update(func(tx *bolt.Tx) error {
			w.begin(tx)
			for j, i := range batch {
				id, _ := record.ParseID(recs[i].ID)
				if w.pending[id] {
					// The same record twice in a batch: write what is
					// gathered so the second sees the first.
					if err := w.flush(); err != nil {
						return err
					}
				}
				old, err := getRecord(tx, id)
				switch {
				case err == ErrNotFound:
					old = nil
				case err != nil:
					return err
				case old.Rev >= recs[i].Rev:
					continue // already holds this or a newer version
				}
				if err := w.addPrepared(&recs[i], old, &preps[j]); err != nil {
					return err
				}
			}
			return w.flush()
		})
		<-ahead
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		if progress != nil {
			progress(end)
		}
	}
	return nil
}

// hasRepeats says whether an id comes more than once in recs.
func hasRepeats(recs []record.Record) bool {
	seen := make(map[string]bool)
	for _, r := range recs {
		if r.ID != "" {
			if seen[r.ID] {
				return true
			}
			seen[r.ID] = true
		}
	}
	return false
}

// put writes r over old (nil for a new record): the record, its indexes, the
// counters and an outbox entry. It is the single write path of every local
// change; Import gathers many of them in one writer.
//
// A record saved on its own does not put its words in the search index at
// once: forty-odd postings land on forty-odd pages that the fsync'd commit
// would write. It waits in fresh, which searches read too; when freshMax
// records wait, the save that finds them moves them all into the index in
// one go.
func (s *Store) put(tx *bolt.Tx, r *record.Record, old *record.Record) error {
	w := newWriter(tx)
	w.fresh = true
	if err := w.add(r, old); err != nil {
		return err
	}
	if err := w.flush(); err != nil {
		return err
	}
	if getUint(tx.Bucket(bucketMeta), "fresh") >= uint64(s.freshMax) {
		return w.foldFresh()
	}
	return nil
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

// parallel calls fn on pieces of [0, n), one per CPU, and waits.
func parallel(n int, fn func(lo, hi int)) {
	workers := max(1, min(runtime.GOMAXPROCS(0), n/256))
	var wg sync.WaitGroup
	for k := range workers {
		wg.Go(func() { fn(n*k/workers, n*(k+1)/workers) })
	}
	wg.Wait()
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

// count adds delta to the counters r takes part in: its kind, and for a
// difficulty its status. Tombstones and nil count for nothing.
func (w *writer) count(r *record.Record, delta int64) {
	if r == nil || r.Deleted {
		return
	}
	w.counts["count:"+string(r.Kind)] += delta
	if r.Kind == record.KindDifficulty {
		w.counts["status:"+record.StatusOrNew(r.Status)] += delta
	}
}

// outbox queues HQ's copy of the record at rev: the next sequence → id and
// rev, and the record's latest sequence in pending.
func (w *writer) outbox(id [16]byte, rev int64) error {
	seq, err := w.tx.Bucket(bucketOutbox).NextSequence()
	if err != nil {
		return err
	}
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], seq)
	var v [24]byte
	copy(v[:16], id[:])
	binary.BigEndian.PutUint64(v[16:], uint64(rev))
	key := w.bytes(k[:])
	w.put(putOutbox, key, w.bytes(v[:]))
	if !w.pending[id] && w.tx.Bucket(bucketPending).Get(id[:]) == nil {
		w.counts["pending"]++
	}
	w.pending[id] = true
	w.put(putPending, w.bytes(id[:]), key)
	return nil
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

func getRecord(tx *bolt.Tx, id [16]byte) (*record.Record, error) {
	v := tx.Bucket(bucketRecords).Get(id[:])
	if v == nil {
		return nil, ErrNotFound
	}
	r := new(record.Record)
	if err := json.Unmarshal(v, r); err != nil {
		return nil, fmt.Errorf("read record %s: %w", record.FormatID(id), err)
	}
	return r, nil
}

// Counts are the notebook's totals: live records per kind, and difficulties
// per HQ status.
type Counts struct {
	Kinds    map[record.Kind]int `json:"kinds"`
	Statuses map[string]int      `json:"statuses"`
}

// Counts reads the totals; they are kept with every write, so this is cheap.
func (s *Store) Counts() (Counts, error) {
	c := Counts{Kinds: map[record.Kind]int{}, Statuses: map[string]int{}}
	err := s.db.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		for _, k := range record.Kinds() {
			c.Kinds[k] = int(getUint(meta, "count:"+string(k)))
		}
		cur := meta.Cursor()
		prefix := []byte("status:")
		for k, v := cur.Seek(prefix); k != nil && len(k) > len(prefix) && string(k[:len(prefix)]) == string(prefix); k, v = cur.Next() {
			if n := int(binary.BigEndian.Uint64(v)); n > 0 {
				c.Statuses[string(k[len(prefix):])] = n
			}
		}
		return nil
	})
	return c, err
}

// writeRecord stores r's JSON under its id, leaving the indexes alone: for
// changes to fields no index holds (HQ's status and responses).
func writeRecord(tx *bolt.Tx, r *record.Record, id [16]byte) error {
	v, err := r.MarshalJSON()
	if err != nil {
		return err
	}
	return tx.Bucket(bucketRecords).Put(id[:], v)
}

// count adds delta to the counters r takes part in: its kind, and for a
// difficulty its status. Tombstones and nil count for nothing.
func count(tx *bolt.Tx, r *record.Record, delta int64) error {
	if r == nil || r.Deleted {
		return nil
	}
	meta := tx.Bucket(bucketMeta)
	if err := addUint(meta, "count:"+string(r.Kind), delta); err != nil {
		return err
	}
	if r.Kind == record.KindDifficulty {
		return addUint(meta, "status:"+record.StatusOrNew(r.Status), delta)
	}
	return nil
}
