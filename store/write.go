package store

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Create saves a new record: it is given an id, rev 1 and the times, checked
// and cleaned (see Normalize), and written with its indexes and an outbox
// entry in one transaction. The saved record is returned.
func (s *Store) Create(r Record) (Record, error) {
	now := s.now()
	if err := s.prepareNew(&r, now); err != nil {
		return Record{}, err
	}
	err := s.db.Update(func(tx *bolt.Tx) error { return s.put(tx, &r, nil) })
	if err != nil {
		return Record{}, fmt.Errorf("save record: %w", err)
	}
	return r, nil
}

func (s *Store) prepareNew(r *Record, now time.Time) error {
	r.Status, r.Responses = "", nil // HQ's to set
	if err := r.Normalize(now); err != nil {
		return err
	}
	r.ID = formatID(s.ids.next(now))
	r.Rev = 1
	r.Deleted = false
	r.Created, r.Updated = now.UTC(), now.UTC()
	if r.Kind == KindDifficulty {
		r.Status = "new"
	}
	return nil
}

// Update saves a changed record at rev + 1. The body comes from r; the
// envelope and HQ's fields (status, responses) from what is stored.
func (s *Store) Update(r Record) (Record, error) {
	id, err := ParseID(r.ID)
	if err != nil {
		return Record{}, err
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
		return Record{}, fmt.Errorf("update record: %w", err)
	}
	return r, nil
}

// Delete turns a record into a tombstone at rev + 1: kept and synced, gone
// from lists and search.
func (s *Store) Delete(idText string) (Record, error) {
	id, err := ParseID(idText)
	if err != nil {
		return Record{}, err
	}
	var r Record
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
		return Record{}, fmt.Errorf("delete record: %w", err)
	}
	return r, nil
}

// Get returns a record, tombstones included.
func (s *Store) Get(idText string) (Record, error) {
	id, err := ParseID(idText)
	if err != nil {
		return Record{}, err
	}
	var r *Record
	err = s.db.View(func(tx *bolt.Tx) error {
		r, err = getRecord(tx, id)
		return err
	})
	if err != nil {
		return Record{}, err
	}
	return *r, nil
}

// ImportBatch is how many records Import writes per transaction.
const ImportBatch = 5000

// Import saves many new records, ImportBatch to a transaction, each with its
// indexes and outbox entry. Every record is checked before anything is
// written; the first invalid one stops the import with its position. A
// record's own id, rev and times are kept when it has them (restoring an
// export), otherwise it is made new. progress, if not nil, is told how many
// records are saved after each transaction.
func (s *Store) Import(ctx context.Context, recs []Record, progress func(done int)) error {
	now := s.now()
	for i := range recs {
		r := &recs[i]
		if r.ID == "" {
			if err := s.prepareNew(r, now); err != nil {
				return fmt.Errorf("record %d: %w", i+1, err)
			}
			continue
		}
		if _, err := ParseID(r.ID); err != nil {
			return fmt.Errorf("record %d: %w", i+1, err)
		}
		if err := r.Normalize(now); err != nil {
			return fmt.Errorf("record %d: %w", i+1, err)
		}
		if r.Rev < 1 {
			r.Rev = 1
		}
	}
	for start := 0; start < len(recs); start += ImportBatch {
		if err := ctxErr(ctx); err != nil {
			return err
		}
		end := min(start+ImportBatch, len(recs))
		err := s.db.Update(func(tx *bolt.Tx) error {
			for i := start; i < end; i++ {
				id, _ := ParseID(recs[i].ID)
				old, err := getRecord(tx, id)
				switch {
				case err == ErrNotFound:
					old = nil
				case err != nil:
					return err
				case old.Rev >= recs[i].Rev:
					continue // already holds this or a newer version
				}
				if err := s.put(tx, &recs[i], old); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		if progress != nil {
			progress(end)
		}
	}
	return nil
}

// put writes r over old (nil for a new record): the record, its indexes, the
// counters and an outbox entry. It is the single write path of every local
// change.
func (s *Store) put(tx *bolt.Tx, r *Record, old *Record) error {
	id, err := ParseID(r.ID)
	if err != nil {
		return err
	}
	if old != nil && !old.Deleted {
		if err := unindex(tx, old, id); err != nil {
			return err
		}
	}
	if err := writeRecord(tx, r, id); err != nil {
		return err
	}
	if !r.Deleted {
		if err := index(tx, r, id); err != nil {
			return err
		}
	}
	if err := count(tx, old, -1); err != nil {
		return err
	}
	if err := count(tx, r, +1); err != nil {
		return err
	}
	return appendOutbox(tx, id, r.Rev)
}

func writeRecord(tx *bolt.Tx, r *Record, id [16]byte) error {
	v, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketRecords).Put(id[:], v)
}

func getRecord(tx *bolt.Tx, id [16]byte) (*Record, error) {
	v := tx.Bucket(bucketRecords).Get(id[:])
	if v == nil {
		return nil, ErrNotFound
	}
	r := new(Record)
	if err := json.Unmarshal(v, r); err != nil {
		return nil, fmt.Errorf("read record %s: %w", formatID(id), err)
	}
	return r, nil
}

// count adds delta to the counters r takes part in: its kind, and for a
// difficulty its status. Tombstones and nil count for nothing.
func count(tx *bolt.Tx, r *Record, delta int64) error {
	if r == nil || r.Deleted {
		return nil
	}
	meta := tx.Bucket(bucketMeta)
	if err := addUint(meta, "count:"+string(r.Kind), delta); err != nil {
		return err
	}
	if r.Kind == KindDifficulty {
		return addUint(meta, "status:"+statusOrNew(r.Status), delta)
	}
	return nil
}

func statusOrNew(s string) string {
	if s == "" {
		return "new"
	}
	return s
}

// Counts are the notebook's totals: live records per kind, and difficulties
// per HQ status.
type Counts struct {
	Kinds    map[Kind]int   `json:"kinds"`
	Statuses map[string]int `json:"statuses"`
}

// Counts reads the totals; they are kept with every write, so this is cheap.
func (s *Store) Counts() (Counts, error) {
	c := Counts{Kinds: map[Kind]int{}, Statuses: map[string]int{}}
	err := s.db.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		for _, k := range Kinds() {
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
