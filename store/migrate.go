package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"sotay/record"
)

// SchemaVersion is the layout this code writes.
const SchemaVersion = 4

// A migration brings a file from one version to the next, in the one
// transaction that opens it: a crash leaves the old version whole.
type migration func(tx *bolt.Tx, m *migrating) error

// migrating is what a migration is given besides the transaction.
type migrating struct {
	codec    *codec
	progress func(done, total int) // nil when nobody watches
}

func (m *migrating) report(done, total int) {
	if m.progress != nil {
		m.progress(done, total)
	}
}

// migrations[i] brings a file from version i to i+1. Version 0 is an empty
// file.
var migrations = []migration{
	func(tx *bolt.Tx, _ *migrating) error {
		for _, name := range [][]byte{bucketMeta, bucketSettings, bucketDrafts, bucketRecords3,
			bucketByDate, bucketTerms, bucketForward, bucketOutbox, bucketPending,
			bucketInbox, bucketParked, bucketSync} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		return nil
	},
	// 2: records saved one at a time wait in fresh before their words
	// join the search index (see Store.put).
	func(tx *bolt.Tx, _ *migrating) error {
		_, err := tx.CreateBucketIfNotExists(bucketFresh)
		return err
	},
	// 3: forward lists move next to their records.
	func(tx *bolt.Tx, _ *migrating) error {
		fwd := tx.Bucket(bucketForward)
		if fwd == nil {
			return nil
		}
		recs := tx.Bucket(bucketRecords3)
		err := fwd.ForEach(func(k, v []byte) error {
			if len(k) != 16 {
				return nil
			}
			return recs.Put(append(append([]byte(nil), k...), forwardSuffix), append([]byte(nil), v...))
		})
		if err != nil {
			return err
		}
		return tx.DeleteBucket(bucketForward)
	},
	migrateTo4,
}

// forwardSuffix marks a schema-3 forward list: id(16) 'f' in records.
const forwardSuffix = 'f'

// migrateTo4 rewrites the records compressed with their doc number and
// outbox sequence (pending goes), and the search index as postings chunks
// (see postings.go); a record waiting in fresh keeps its words there.
func migrateTo4(tx *bolt.Tx, m *migrating) error {
	old := tx.Bucket(bucketRecords3)
	pend := tx.Bucket(bucketPending)
	fresh := tx.Bucket(bucketFresh)
	total := old.Stats().KeyN / 2 // a record and its forward list, or a tombstone alone: about
	for _, name := range [][]byte{bucketRecords, bucketDocs} {
		if _, err := tx.CreateBucket(name); err != nil {
			return fmt.Errorf("create %s: %w", name, err)
		}
	}
	if err := tx.DeleteBucket(bucketTerms); err != nil {
		return fmt.Errorf("drop old search index: %w", err)
	}
	if _, err := tx.CreateBucket(bucketTerms); err != nil {
		return err
	}
	recs, docs := tx.Bucket(bucketRecords), tx.Bucket(bucketDocs)
	recs.FillPercent, docs.FillPercent = importFill, importFill
	postings := map[string][]posting{}
	type waiting struct{ sk, fwd []byte }
	var toFresh []waiting
	done := 0
	c := old.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if len(k) != 16 {
			continue // a forward list, read with its record
		}
		var head struct {
			Kind    record.Kind `json:"kind"`
			Date    string      `json:"date"`
			Deleted bool        `json:"deleted"`
		}
		if err := json.Unmarshal(v, &head); err != nil {
			return fmt.Errorf("record %s: %w", record.FormatID([16]byte(k)), err)
		}
		seq, err := nextDoc(tx)
		if err != nil {
			return err
		}
		doc := docNum(seq, head.Kind)
		var outSeq uint64
		if p := pend.Get(k); len(p) == 8 {
			outSeq = binary.BigEndian.Uint64(p)
		}
		id := [16]byte(k)
		if err := recs.Put(id[:], m.codec.bodyValue(doc, outSeq, v)); err != nil {
			return err
		}
		if err := docs.Put(binary.BigEndian.AppendUint32(nil, doc), id[:]); err != nil {
			return err
		}
		if !head.Deleted {
			sk := sortKey(head.Date, id)
			fwd := old.Get(append(id[:], forwardSuffix))
			switch {
			case fresh.Get(sk[:]) != nil:
				toFresh = append(toFresh, waiting{append([]byte(nil), sk[:]...), append([]byte(nil), fwd...)})
			case len(fwd) > 1:
				day := binary.BigEndian.Uint32(sk[:4])
				for _, t := range strings.Fields(string(fwd[2:])) {
					postings[t] = append(postings[t], posting{day, doc})
				}
			}
		}
		if done++; done%256 == 0 {
			m.report(done, total)
		}
	}
	for _, f := range toFresh {
		if err := fresh.Put(f.sk, f.fwd); err != nil {
			return err
		}
	}
	w := newWriter(tx, m.codec)
	w.terms = postings
	if err := w.flushTerms(); err != nil {
		return err
	}
	for _, name := range [][]byte{bucketRecords3, bucketPending} {
		if err := tx.DeleteBucket(name); err != nil {
			return fmt.Errorf("drop %s: %w", name, err)
		}
	}
	m.report(done, done)
	return nil
}

// migrate brings the file up to date; rewrote says a migration rewrote
// the records (and left the pages of the old layout free).
func (s *Store) migrate(progress func(done, total int)) (rewrote bool, err error) {
	current := false
	err = s.db.View(func(tx *bolt.Tx) error {
		if meta := tx.Bucket(bucketMeta); meta != nil {
			current = getUint(meta, "schema") == uint64(len(migrations))
		}
		return nil
	})
	if err != nil || current {
		return false, err // nothing to write: opening costs no fsync
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		v := uint64(0)
		if meta := tx.Bucket(bucketMeta); meta != nil {
			v = getUint(meta, "schema")
		}
		if v > uint64(len(migrations)) {
			return fmt.Errorf("%w (schema %d, this build knows %d)", ErrTooNew, v, len(migrations))
		}
		m := &migrating{codec: s.codec, progress: progress}
		if v == 0 {
			// A new notebook: nothing to carry, so no long rewrite.
			return createSchema(tx)
		}
		rewrote = v < 4
		for ; v < uint64(len(migrations)); v++ {
			if err := migrations[v](tx, m); err != nil {
				return fmt.Errorf("migrate notebook to schema %d: %w", v+1, err)
			}
		}
		return putUint(tx.Bucket(bucketMeta), "schema", v)
	})
	return rewrote && err == nil, err
}

// createSchema makes an empty notebook of the current schema.
func createSchema(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketMeta, bucketSettings, bucketDrafts, bucketRecords, bucketDocs,
		bucketByDate, bucketTerms, bucketFresh, bucketOutbox, bucketInbox, bucketParked, bucketSync} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	return putUint(tx.Bucket(bucketMeta), "schema", uint64(len(migrations)))
}
