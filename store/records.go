package store

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"sotay/record"
)

// Create saves a new record: it is given an id, rev 1 and the times,
// checked and cleaned (see record.Record.Normalize), and written with its
// indexes and an outbox entry in one transaction. The saved record is
// returned.
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
	r.Status, r.Responses, r.FollowUps = "", nil, nil // HQ's to set; nothing to follow up yet
	r.Attachments = nil                               // files come through Attach, which stores them
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
// envelope, HQ's fields (status, responses) and the follow-ups (see
// AddFollowUp) from what is stored. A record HQ approved is ErrApproved.
func (s *Store) Update(r record.Record) (record.Record, error) {
	now := s.now()
	return s.modify(r.ID, "update record", func(old *record.Record) (record.Record, error) {
		r.Kind, r.Created, r.Deleted = old.Kind, old.Created, false
		r.Status, r.Responses, r.FollowUps = old.Status, old.Responses, old.FollowUps
		r.Attachments = old.Attachments // changed only by Attach and Detach
		if err := r.Normalize(now); err != nil {
			return record.Record{}, err
		}
		r.Updated = now.UTC()
		return r, nil
	})
}

// Delete turns a record into a tombstone at rev + 1: kept and synced, gone
// from lists and search.
func (s *Store) Delete(idText string) (record.Record, error) {
	return s.modify(idText, "delete record", func(old *record.Record) (record.Record, error) {
		r := *old
		r.Deleted = true
		r.Updated = s.now().UTC()
		return r, nil
	})
}

// modify is the one way a stored record changes: in one transaction, change
// makes the new version from the stored one (a tombstone is ErrDeleted),
// which is saved at the next rev with its indexes and an outbox entry.
// Errors but a bad id are wrapped with what, as the caller names the change.
func (s *Store) modify(idText, what string, change func(old *record.Record) (record.Record, error)) (record.Record, error) {
	return s.modifyTx(idText, what, func(_ *bolt.Tx, old *record.Record) (record.Record, error) { return change(old) })
}

// modifyTx is modify whose change also writes, in the same transaction,
// what goes with the new version (attach.go: the files' upload queue).
func (s *Store) modifyTx(idText, what string, change func(tx *bolt.Tx, old *record.Record) (record.Record, error)) (record.Record, error) {
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
		if err := locked(tx, id); err != nil {
			return err
		}
		if r, err = change(tx, old); err != nil {
			return err
		}
		r.Rev = old.Rev + 1
		return s.put(tx, &r, old)
	})
	if err != nil {
		return record.Record{}, fmt.Errorf("%s: %w", what, err)
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

// writeRecord stores r's JSON under its id, leaving the indexes alone: for
// changes to fields no index holds (HQ's status and responses).
func writeRecord(tx *bolt.Tx, r *record.Record, id [16]byte) error {
	v, err := r.MarshalJSON()
	if err != nil {
		return err
	}
	return tx.Bucket(bucketRecords).Put(id[:], v)
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
