package store

import (
	"encoding/binary"

	bolt "go.etcd.io/bbolt"

	"sotay/record"
)

// Counts are the notebook's totals: live records per kind, and difficulties
// per HQ status.
type Counts struct {
	Kinds    map[record.Kind]int `json:"kinds"`
	Statuses map[string]int      `json:"statuses"`
}

// Counts reads the totals; they are kept with every write, so this is cheap.
func (s *Store) Counts() (Counts, error) {
	c := Counts{Kinds: map[record.Kind]int{}, Statuses: map[string]int{}}
	err := s.db.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		for _, k := range record.Kinds() {
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

// counters are the keys in meta of the counters r takes part in: its kind,
// and for a difficulty its status. Tombstones and nil count for nothing.
func counters(r *record.Record) (keys [2]string, n int) {
	if r == nil || r.Deleted {
		return keys, 0
	}
	keys[0] = "count:" + string(r.Kind)
	if r.Kind != record.KindDifficulty {
		return keys, 1
	}
	keys[1] = "status:" + record.StatusOrNew(r.Status)
	return keys, 2
}

// count adds delta to r's counters when the writer flushes.
func (w *writer) count(r *record.Record, delta int64) {
	keys, n := counters(r)
	for _, k := range keys[:n] {
		w.counts[k] += delta
	}
}

// count adds delta to r's counters at once, for a change made without a
// writer (HQ's status of a difficulty).
func count(tx *bolt.Tx, r *record.Record, delta int64) error {
	meta := tx.Bucket(bucketMeta)
	keys, n := counters(r)
	for _, k := range keys[:n] {
		if err := addUint(meta, k, delta); err != nil {
			return err
		}
	}
	return nil
}
