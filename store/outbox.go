package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"sotay/record"
)

// The outbox bucket holds seq(8) → id(16) rev(8): every change HQ has yet
// to hear of, in the order made; pending holds id(16) → the record's latest
// seq(8), so a record changed twice is sent once, at its latest rev. A
// change is queued in the transaction that makes it (writer.outbox) and
// leaves when HQ acknowledges the batch that carried it (AckPush).

// Pending is how many records have changes HQ has not acknowledged.
func (s *Store) Pending() (int, error) {
	var n int
	err := s.db.View(func(tx *bolt.Tx) error {
		n = int(getUint(tx.Bucket(bucketMeta), "pending"))
		return nil
	})
	return n, err
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

// Rejection is HQ's refusal of one pushed record.
type Rejection struct {
	ID         string
	Rev        int64
	Code       string
	Fields     []*record.FieldError
	Reason     string
	ClockAhead time.Duration // HQ's hint: the laptop's clock was this far ahead (see wire.Rejection)
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
	return s.AckPushReceived(through, rejected, time.Time{}, nil)
}

// AckPushReceived is AckPush with HQ's receipts (protocol 2): every record
// the batch settles that HQ did not reject is kept as received at its
// latest rev, at receivedAt or, for one in held (HQ already held it: a
// resend), at the time HQ gives there. A zero receivedAt keeps no receipt.
func (s *Store) AckPushReceived(through uint64, rejected []Rejection, receivedAt time.Time, held map[string]Receipt) error {
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
			v, err := json.Marshal(ParkedRecord{ID: record.FormatID(id), Rev: rj.Rev, Code: rj.Code, Fields: rj.Fields, Reason: rj.Reason, At: now,
				ClockAhead: rj.ClockAhead})
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
				if !refused[id] && !receivedAt.IsZero() {
					if err := receipt(tx, id, latest, receivedAt, held); err != nil {
						return err
					}
				}
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

// receipt keeps HQ's receipt of the record whose latest outbox entry is
// latest: the rev that entry sent.
func receipt(tx *bolt.Tx, id [16]byte, latest []byte, receivedAt time.Time, held map[string]Receipt) error {
	v := tx.Bucket(bucketOutbox).Get(latest)
	if len(v) != 24 {
		return nil
	}
	rev, at := int64(binary.BigEndian.Uint64(v[16:])), receivedAt
	if h, ok := held[record.FormatID(id)]; ok && h.Rev >= rev {
		rev, at = h.Rev, h.At
	}
	return putReceipt(tx, id, rev, at)
}
