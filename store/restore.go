package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"sotay/record"
)

// ErrNotDeleted is Restore's answer for a record that was not deleted.
var ErrNotDeleted = errors.New("the record is not deleted")

// Restore brings a deleted record back as it was, at rev + 1: the undo of a
// delete, a new revision synced like any other.
func (s *Store) Restore(idText string) (record.Record, error) {
	id, err := record.ParseID(idText)
	if err != nil {
		return record.Record{}, err
	}
	var r record.Record
	err = s.db.Update(func(tx *bolt.Tx) error {
		old, err := s.getRecord(tx, id)
		if err != nil {
			return err
		}
		if !old.Deleted {
			return ErrNotDeleted
		}
		r = *old
		r.Deleted, r.Rev, r.Updated = false, old.Rev+1, s.now().UTC()
		return s.put(tx, &r, old)
	})
	if err != nil {
		return record.Record{}, fmt.Errorf("restore record: %w", err)
	}
	return r, nil
}

// Deleted lists the records deleted since since, the latest deletion
// first: the recycle bin, from which Restore brings them back. Tombstones
// are in no index, so this reads the records bucket; a tombstone is told
// by its JSON before that is parsed.
func (s *Store) Deleted(ctx context.Context, since time.Time) ([]record.Record, error) {
	var out []record.Record
	mark := []byte(`"deleted":true`)
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketRecords).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if err := ctx.Err(); err != nil {
				return err
			}
			if len(k) != 16 {
				continue
			}
			raw, err := s.codec.bodyJSON(v)
			if err != nil {
				return fmt.Errorf("read record %s: %w", record.FormatID([16]byte(k)), err)
			}
			if !bytes.Contains(raw, mark) {
				continue // a live record
			}
			var r record.Record
			if err := json.Unmarshal(raw, &r); err != nil {
				return fmt.Errorf("read record %s: %w", record.FormatID([16]byte(k)), err)
			}
			if r.Deleted && !r.Updated.Before(since) {
				out = append(out, r)
			}
		}
		return nil
	})
	slices.SortFunc(out, func(a, b record.Record) int { return b.Updated.Compare(a.Updated) })
	return out, err
}
