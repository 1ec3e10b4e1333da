package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"sotay/record"
)

// The parked bucket holds the records HQ refused, id(16) → ParkedRecord
// JSON. A parked record leaves the outbox so the rest of the queue goes on;
// the officer sees HQ's reason, fixes the record, and the new rev is pushed
// like any other change (and unparked once HQ takes it).

// ParkedRecord is a record HQ refused, with its reason. The catalog words
// the reason from Code and Fields (i18n Catalog.ParkedReason); Reason is
// HQ's own English, kept for the log and for codes this build does not know.
type ParkedRecord struct {
	ID     string               `json:"id"`
	Rev    int64                `json:"rev"`
	Code   string               `json:"code"`             // HQ's machine-readable reason
	Fields []*record.FieldError `json:"fields,omitempty"` // which fields break which rule
	Reason string               `json:"reason"`           // HQ's words
	At     time.Time            `json:"at"`               // when HQ refused it
}

// Refusal is what the i18n catalog words (Catalog.ParkedReason, which does
// not import this package): HQ's code, the fields, HQ's own words.
func (p ParkedRecord) Refusal() (code string, fields []*record.FieldError, reason string) {
	return p.Code, p.Fields, p.Reason
}

// Rejection is HQ's refusal of one pushed record.
type Rejection struct {
	ID     string
	Rev    int64
	Code   string
	Fields []*record.FieldError
	Reason string
}

// PushBatch is the next slice of the outbox to send: the latest version of
// each record changed in it, and the sequence that acknowledging it clears.
type PushBatch struct {
	Through uint64            // the last outbox sequence the batch covers
	Records []json.RawMessage // each record's JSON at its latest rev, HQ-owned fields empty
	Bytes   int               // the records' JSON size
}

// NextPush reads the outbox after sequence after and gathers up to
// maxRecords records or about maxBytes of JSON (at least one record),
// whichever comes first. An entry superseded by a later change of the same
// record is covered by Through but not sent: the later entry sends the
// record at its latest rev. An empty batch (Through == after) means nothing
// is pending after that point.
func (s *Store) NextPush(after uint64, maxRecords, maxBytes int) (PushBatch, error) {
	b := PushBatch{Through: after}
	err := s.db.View(func(tx *bolt.Tx) error {
		pend, recs := tx.Bucket(bucketPending), tx.Bucket(bucketRecords)
		c := tx.Bucket(bucketOutbox).Cursor()
		var start [8]byte
		binary.BigEndian.PutUint64(start[:], after+1)
		for k, v := c.Seek(start[:]); k != nil; k, v = c.Next() {
			id := v[:16]
			latest := pend.Get(id)
			if latest != nil && binary.BigEndian.Uint64(latest) > binary.BigEndian.Uint64(k) {
				b.Through = binary.BigEndian.Uint64(k) // superseded: covered, not sent
				continue
			}
			raw := recs.Get(id)
			if raw == nil {
				b.Through = binary.BigEndian.Uint64(k)
				continue
			}
			if len(b.Records) > 0 && (len(b.Records) >= maxRecords || b.Bytes+len(raw) > maxBytes) {
				break
			}
			out, err := pushJSON(raw)
			if err != nil {
				return err
			}
			b.Records = append(b.Records, out)
			b.Bytes += len(out)
			b.Through = binary.BigEndian.Uint64(k)
		}
		return nil
	})
	if err != nil {
		return PushBatch{}, fmt.Errorf("read outbox: %w", err)
	}
	return b, nil
}

// pushJSON is a stored record as it is pushed: logs and trainings as
// stored (they have no HQ-owned fields), difficulties with status and
// responses emptied, since only HQ writes those.
func pushJSON(stored []byte) (json.RawMessage, error) {
	if !bytes.Contains(stored, []byte(`"kind":"difficulty"`)) {
		return append(json.RawMessage(nil), stored...), nil
	}
	var r record.Record
	if err := json.Unmarshal(stored, &r); err != nil {
		return nil, fmt.Errorf("read record: %w", err)
	}
	r.Status, r.Responses = "", nil
	return r.MarshalJSON()
}

// AckPush settles a pushed batch in one transaction: the rejected records
// are parked with HQ's reason, every outbox entry through the sequence is
// dropped, and records HQ took are no longer parked.
func (s *Store) AckPush(through uint64, rejected []Rejection) error {
	now := s.now().UTC()
	err := s.db.Update(func(tx *bolt.Tx) error {
		parked := tx.Bucket(bucketParked)
		refused := make(map[[16]byte]bool, len(rejected))
		for _, rj := range rejected {
			id, err := record.ParseID(rj.ID)
			if err != nil {
				continue // not one of ours
			}
			refused[id] = true
			v, err := json.Marshal(ParkedRecord{ID: record.FormatID(id), Rev: rj.Rev, Code: rj.Code, Fields: rj.Fields, Reason: rj.Reason, At: now})
			if err != nil {
				return err
			}
			if err := parked.Put(id[:], v); err != nil {
				return err
			}
		}
		ob, pend, meta := tx.Bucket(bucketOutbox), tx.Bucket(bucketPending), tx.Bucket(bucketMeta)
		c := ob.Cursor()
		for k, v := c.First(); k != nil && binary.BigEndian.Uint64(k) <= through; k, v = c.First() {
			var id [16]byte
			copy(id[:], v[:16])
			if latest := pend.Get(id[:]); latest != nil && binary.BigEndian.Uint64(latest) <= through {
				if err := pend.Delete(id[:]); err != nil {
					return err
				}
				if err := addUint(meta, "pending", -1); err != nil {
					return err
				}
				if !refused[id] {
					if err := parked.Delete(id[:]); err != nil {
						return err
					}
				}
			}
			if err := ob.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("acknowledge push: %w", err)
	}
	return nil
}

// Parked lists the records HQ refused, oldest refusal first.
func (s *Store) Parked() ([]ParkedRecord, error) {
	var out []ParkedRecord
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketParked).ForEach(func(_, v []byte) error {
			var p ParkedRecord
			if err := json.Unmarshal(v, &p); err != nil {
				return fmt.Errorf("read parked record: %w", err)
			}
			out = append(out, p)
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	// Keys are ids; show in the order HQ refused them.
	slices.SortStableFunc(out, func(a, b ParkedRecord) int { return a.At.Compare(b.At) })
	return out, nil
}

// Requeue puts the parked records HQ refused with one of codes back in the
// outbox at their current rev, for when what made HQ refuse them has
// changed (a code re-issued for the officer who owns them). They stay
// parked until HQ takes them. It returns how many it queued; records an
// edit already queued are left as they are.
func (s *Store) Requeue(codes ...string) (int, error) {
	n := 0
	err := s.db.Update(func(tx *bolt.Tx) error {
		n = 0
		var ids [][16]byte
		err := tx.Bucket(bucketParked).ForEach(func(k, v []byte) error {
			var p ParkedRecord
			if len(k) == 16 && json.Unmarshal(v, &p) == nil && slices.Contains(codes, p.Code) {
				ids = append(ids, [16]byte(k))
			}
			return nil
		})
		if err != nil {
			return err
		}
		pend := tx.Bucket(bucketPending)
		for _, id := range ids {
			if pend.Get(id[:]) != nil {
				continue
			}
			r, err := getRecord(tx, id)
			if err == ErrNotFound {
				continue
			}
			if err != nil {
				return err
			}
			if err := appendOutbox(tx, id, r.Rev); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("requeue parked records: %w", err)
	}
	return n, nil
}
