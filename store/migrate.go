package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// SchemaVersion is the layout this code writes.
const SchemaVersion = 3

// migrations[i] brings a file from version i to i+1. Version 0 is an empty
// file.
var migrations = []func(tx *bolt.Tx) error{
	func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketMeta, bucketSettings, bucketDrafts, bucketRecords,
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
	func(tx *bolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists(bucketFresh)
		return err
	},
	// 3: forward lists move next to their records (see forwardKey).
	func(tx *bolt.Tx) error {
		fwd := tx.Bucket(bucketForward)
		if fwd == nil {
			return nil
		}
		recs := tx.Bucket(bucketRecords)
		err := fwd.ForEach(func(k, v []byte) error {
			if len(k) != 16 {
				return nil
			}
			return recs.Put(forwardKey([16]byte(k)), append([]byte(nil), v...))
		})
		if err != nil {
			return err
		}
		return tx.DeleteBucket(bucketForward)
	},
}

func (s *Store) migrate() error {
	current := false
	err := s.db.View(func(tx *bolt.Tx) error {
		if meta := tx.Bucket(bucketMeta); meta != nil {
			current = getUint(meta, "schema") == uint64(len(migrations))
		}
		return nil
	})
	if err != nil || current {
		return err // nothing to write: opening costs no fsync
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		v := uint64(0)
		if meta := tx.Bucket(bucketMeta); meta != nil {
			v = getUint(meta, "schema")
		}
		if v > uint64(len(migrations)) {
			return fmt.Errorf("%w (schema %d, this build knows %d)", ErrTooNew, v, len(migrations))
		}
		for ; v < uint64(len(migrations)); v++ {
			if err := migrations[v](tx); err != nil {
				return fmt.Errorf("migrate notebook to schema %d: %w", v+1, err)
			}
		}
		return putUint(tx.Bucket(bucketMeta), "schema", v)
	})
}
