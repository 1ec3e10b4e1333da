package store

import (
	"errors"
	"fmt"

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
		old, err := getRecord(tx, id)
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
