package hq

import (
	"encoding/binary"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"sotay/record"
)

// The read API: what `hq officers`, exports and dashboards read. Each call
// is one read transaction, so it sees one consistent state.

// Officers lists every officer, revoked ones included, with their last sync
// and live record counts per kind.
func (d *DB) Officers() ([]Officer, error) {
	var out []Officer
	err := d.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketOfficers).ForEach(func(_, v []byte) error {
			var o Officer
			if err := json.Unmarshal(v, &o); err != nil {
				return err
			}
			out = append(out, o)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list officers: %w", err)
	}
	return out, nil
}

// Officer returns one officer.
func (d *DB) Officer(id string) (Officer, error) {
	var o Officer
	err := d.db.View(func(tx *bolt.Tx) error {
		return officerErr(getJSON(tx.Bucket(bucketOfficers), []byte(id), &o))
	})
	return o, err
}

// RecordRow is a record with who sent it, from where, and when HQ got it.
type RecordRow struct {
	StoredRecord
	Province string // the officer's province
}

// EachRecord calls fn for every record HQ holds (tombstones included: check
// Record.Deleted), in id order, which is creation order. fn's error stops
// the walk and is returned.
func (d *DB) EachRecord(fn func(RecordRow) error) error {
	return d.db.View(func(tx *bolt.Tx) error {
		provinces := map[string]string{}
		ob := tx.Bucket(bucketOfficers)
		return tx.Bucket(bucketRecords).ForEach(func(_, v []byte) error {
			var row RecordRow
			if err := json.Unmarshal(v, &row.StoredRecord); err != nil {
				return err
			}
			p, ok := provinces[row.Officer]
			if !ok {
				var o Officer
				if getJSON(ob, []byte(row.Officer), &o) == nil {
					p = o.Province
				}
				provinces[row.Officer] = p
			}
			row.Province = p
			return fn(row)
		})
	})
}

// Record returns one record as HQ holds it.
func (d *DB) Record(id string) (StoredRecord, error) {
	rid, err := record.ParseID(id)
	if err != nil {
		return StoredRecord{}, ErrNoRecord
	}
	var sr StoredRecord
	err = d.db.View(func(tx *bolt.Tx) error {
		if err := getJSON(tx.Bucket(bucketRecords), rid[:], &sr); err != nil {
			return ErrNoRecord
		}
		return nil
	})
	return sr, err
}

// Totals counts HQ's live records by kind, by difficulty category and by
// difficulty status.
type Totals struct {
	Kinds      map[string]int `json:"kinds"`
	Categories map[string]int `json:"categories"`
	Statuses   map[string]int `json:"statuses"`
}

// Totals walks the records once and counts them.
func (d *DB) Totals() (Totals, error) {
	t := Totals{Kinds: map[string]int{}, Categories: map[string]int{}, Statuses: map[string]int{}}
	err := d.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketRecords).ForEach(func(_, v []byte) error {
			var sr StoredRecord
			if err := json.Unmarshal(v, &sr); err != nil {
				return err
			}
			r := sr.Record
			if r.Deleted {
				return nil
			}
			t.Kinds[string(r.Kind)]++
			if r.Kind == record.KindDifficulty {
				t.Categories[r.Category]++
				t.Statuses[r.Status]++
			}
			return nil
		})
	})
	return t, err
}

// Audit lists the admin actions, oldest first.
func (d *DB) Audit() ([]AuditEntry, error) {
	var out []AuditEntry
	err := d.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketAudit).ForEach(func(k, v []byte) error {
			var a AuditEntry
			if err := json.Unmarshal(v, &a); err != nil {
				return err
			}
			a.Seq = binary.BigEndian.Uint64(k)
			out = append(out, a)
			return nil
		})
	})
	return out, err
}
