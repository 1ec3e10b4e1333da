package store

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"sotay/record"
)

// OutboxEntry says that a record changed to rev and HQ has yet to hear of it.
type OutboxEntry struct {
	Seq uint64
	ID  string
	Rev int64
}

func appendOutbox(tx *bolt.Tx, id [16]byte, rev int64) error {
	ob := tx.Bucket(bucketOutbox)
	seq, err := ob.NextSequence()
	if err != nil {
		return err
	}
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], seq)
	var v [24]byte
	copy(v[:16], id[:])
	binary.BigEndian.PutUint64(v[16:], uint64(rev))
	if err := ob.Put(k[:], v[:]); err != nil {
		return err
	}
	pend := tx.Bucket(bucketPending)
	if pend.Get(id[:]) == nil {
		if err := addUint(tx.Bucket(bucketMeta), "pending", 1); err != nil {
			return err
		}
	}
	return pend.Put(id[:], k[:])
}

// Outbox returns up to limit pending entries with sequence > after, in
// sequence order.
func (s *Store) Outbox(after uint64, limit int) ([]OutboxEntry, error) {
	var out []OutboxEntry
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketOutbox).Cursor()
		var start [8]byte
		binary.BigEndian.PutUint64(start[:], after+1)
		for k, v := c.Seek(start[:]); k != nil && len(out) < limit; k, v = c.Next() {
			var id [16]byte
			copy(id[:], v[:16])
			out = append(out, OutboxEntry{
				Seq: binary.BigEndian.Uint64(k),
				ID:  record.FormatID(id),
				Rev: int64(binary.BigEndian.Uint64(v[16:])),
			})
		}
		return nil
	})
	return out, err
}

// Ack drops every outbox entry with sequence ≤ through: HQ has them. A
// record stays pending while a later entry of it is still in the outbox.
func (s *Store) Ack(through uint64) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		ob, pend, meta := tx.Bucket(bucketOutbox), tx.Bucket(bucketPending), tx.Bucket(bucketMeta)
		c := ob.Cursor()
		for k, v := c.First(); k != nil && binary.BigEndian.Uint64(k) <= through; k, v = c.First() {
			id := append([]byte(nil), v[:16]...)
			if latest := pend.Get(id); latest != nil && binary.BigEndian.Uint64(latest) <= through {
				if err := pend.Delete(id); err != nil {
					return err
				}
				if err := addUint(meta, "pending", -1); err != nil {
					return err
				}
			}
			if err := ob.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("acknowledge outbox: %w", err)
	}
	return nil
}

// Pending is how many records have changes HQ has not acknowledged.
func (s *Store) Pending() (int, error) {
	var n int
	err := s.db.View(func(tx *bolt.Tx) error {
		n = int(getUint(tx.Bucket(bucketMeta), "pending"))
		return nil
	})
	return n, err
}
