package store

import (
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
	// ClockAhead: HQ saw the laptop's clock this far ahead of its own when
	// it refused a date in the future (0: no such hint).
	ClockAhead time.Duration `json:"clock_ahead,omitempty"`
}

// ClockHint is HQ's hint that the laptop's clock was ahead (0: none), for
// the i18n catalog.
func (p ParkedRecord) ClockHint() time.Duration { return p.ClockAhead }

// Refusal is what the i18n catalog words (Catalog.ParkedReason, which does
// not import this package): HQ's code, the fields, HQ's own words.
func (p ParkedRecord) Refusal() (code string, fields []*record.FieldError, reason string) {
	return p.Code, p.Fields, p.Reason
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
		n, err = s.requeue(tx, ids)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("requeue parked records: %w", err)
	}
	return n, nil
}

// requeue puts the records back in the outbox at their current rev,
// leaving those an edit already queued and those no longer kept; it
// returns how many it queued.
func (s *Store) requeue(tx *bolt.Tx, ids [][16]byte) (int, error) {
	n := 0
	recs, acked := tx.Bucket(bucketRecords), ackedThrough(tx)
	w := newWriter(tx, s.codec)
	w.fresh = true // only outbox entries: no pages to pack
	for _, id := range ids {
		stored := recs.Get(id[:])
		if len(stored) < bodyHead || pendingSeq(stored, acked) {
			continue // gone, or an edit already queued it
		}
		r, err := s.getRecord(tx, id)
		if err != nil {
			return 0, err
		}
		seq, err := w.outbox(id, r.Rev, false)
		if err != nil {
			return 0, err
		}
		if err := recs.Put(id[:], withSeq(stored, seq)); err != nil {
			return 0, err
		}
		n++
	}
	return n, w.flush()
}
