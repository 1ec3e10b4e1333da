package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"sotay/record"
	"sotay/vntext"
)

// What HQ says of each record, beside it (never inside the record's JSON,
// so a push never carries it and the record's encoding stays the
// officer's):
//
//	review   id(16) → record.Review JSON: HQ's latest review (pull events)
//	receipts id(16) → rev(8) at(8, unix ns): HQ holds the record at rev since at (push answers)
//
// Both buckets are created on open when missing: older notebooks lack them
// and gain them without a schema change, since nothing else moves.
var (
	bucketReview   = []byte("review")
	bucketReceipts = []byte("receipts")
)

// ErrApproved: HQ approved the record; it is locked until HQ reopens it.
var ErrApproved error = &codedError{"approved", "HQ approved this record: it is locked until HQ reopens it"}

// ErrNotDifficulty: follow-ups and resolutions are for difficulties.
var ErrNotDifficulty error = &codedError{"not_difficulty", "only a difficulty has a conversation with HQ"}

// ensureBuckets creates the buckets a notebook may lack, writing only
// when one is missing.
func (s *Store) ensureBuckets() error {
	missing := false
	_ = s.db.View(func(tx *bolt.Tx) error {
		missing = tx.Bucket(bucketReview) == nil || tx.Bucket(bucketReceipts) == nil
		return nil
	})
	if !missing {
		return nil
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketReview, bucketReceipts} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
}

// Receipt is HQ's word that it holds a record at Rev since At (HQ's clock).
type Receipt struct {
	Rev int64     `json:"rev"`
	At  time.Time `json:"at"`
}

// HQView is what HQ said of one record, its review and its receipt (nil
// for none), and what still waits to reach HQ: a change in the outbox
// (Pending) or a refusal (Parked).
type HQView struct {
	Review  *record.Review
	Receipt *Receipt
	Pending bool
	Parked  *ParkedRecord
	Unread  bool // HQ changed it (answer, status, review) since the officer last opened it
}

// Received says HQ holds rev (the record's current one).
func (v HQView) Received(rev int64) bool { return v.Receipt != nil && v.Receipt.Rev >= rev }

// NeedsFix says HQ found issues the officer has not yet fixed in rev.
func (v HQView) NeedsFix(rev int64) bool { return v.Review != nil && v.Review.NeedsFix(rev) }

// Locked says HQ approved the record.
func (v HQView) Locked() bool { return v.Review != nil && v.Review.Locked() }

// HQViews reads HQ's review and receipt of each id, in one read. Unknown
// or malformed ids are left out.
func (s *Store) HQViews(ids []string) (map[string]HQView, error) {
	out := make(map[string]HQView, len(ids))
	err := s.db.View(func(tx *bolt.Tx) error {
		for _, idText := range ids {
			id, err := record.ParseID(idText)
			if err != nil {
				continue
			}
			v, err := hqView(tx, id)
			if err != nil {
				return err
			}
			out[idText] = v
		}
		return nil
	})
	return out, err
}

func hqView(tx *bolt.Tx, id [16]byte) (HQView, error) {
	var v HQView
	if raw := tx.Bucket(bucketReview).Get(id[:]); raw != nil {
		v.Review = new(record.Review)
		if err := json.Unmarshal(raw, v.Review); err != nil {
			return v, fmt.Errorf("read review: %w", err)
		}
	}
	if raw := tx.Bucket(bucketReceipts).Get(id[:]); len(raw) == 16 {
		v.Receipt = &Receipt{Rev: int64(binary.BigEndian.Uint64(raw)), At: time.Unix(0, int64(binary.BigEndian.Uint64(raw[8:]))).UTC()}
	}
	// A record waiting for HQ holds its latest outbox sequence (body.go).
	stored := tx.Bucket(bucketRecords).Get(id[:])
	v.Pending = pendingSeq(stored, ackedThrough(tx))
	if raw := tx.Bucket(bucketParked).Get(id[:]); raw != nil {
		v.Parked = new(ParkedRecord)
		if err := json.Unmarshal(raw, v.Parked); err != nil {
			return v, fmt.Errorf("read parked record: %w", err)
		}
	}
	v.Unread = tx.Bucket(bucketInbox).Get(unreadKey(id)) != nil
	return v, nil
}

// locked is ErrApproved when HQ approved the record.
func locked(tx *bolt.Tx, id [16]byte) error {
	raw := tx.Bucket(bucketReview).Get(id[:])
	if raw == nil {
		return nil
	}
	var rv record.Review
	if err := json.Unmarshal(raw, &rv); err != nil {
		return fmt.Errorf("read review: %w", err)
	}
	if rv.Locked() {
		return ErrApproved
	}
	return nil
}

// NeedFix lists the records HQ found issues in that the officer has not
// changed since: what the overview counts ("2 bản ghi cần sửa").
func (s *Store) NeedFix() ([]string, error) {
	var out []string
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketReview).ForEach(func(k, v []byte) error {
			var rv record.Review
			if err := json.Unmarshal(v, &rv); err != nil || rv.State != record.ReviewHasIssues || len(k) != 16 {
				return err
			}
			r, err := s.getRecord(tx, [16]byte(k))
			if err == ErrNotFound {
				return nil
			}
			if err != nil {
				return err
			}
			if !r.Deleted && rv.NeedsFix(r.Rev) {
				out = append(out, r.ID)
			}
			return nil
		})
	})
	return out, err
}

// putReview keeps HQ's review of a record the notebook holds, made safe
// for a terminal. It reports whether anything changed (an event pulled
// twice changes nothing).
func (s *Store) putReview(tx *bolt.Tx, idText string, in *record.Review) (bool, error) {
	id, err := record.ParseID(idText)
	if err != nil || !record.ValidReviewState(in.State) {
		return false, nil // not ours to understand
	}
	if _, err := s.getRecord(tx, id); err == ErrNotFound {
		return false, nil
	} else if err != nil {
		return false, err
	}
	rv := record.Review{State: in.State, Comment: clipText(vntext.ForTerminal(in.Comment), record.MaxLong),
		Author: clipText(vntext.ForTerminal(in.Author), record.MaxShort), At: in.At.UTC(), Rev: in.Rev}
	b := tx.Bucket(bucketReview)
	if old := b.Get(id[:]); old != nil {
		var held record.Review
		if json.Unmarshal(old, &held) == nil && held == rv {
			return false, nil
		}
	}
	v, err := json.Marshal(rv)
	if err != nil {
		return false, err
	}
	if err := b.Put(id[:], v); err != nil {
		return false, err
	}
	return true, tx.Bucket(bucketInbox).Put(unreadKey(id), nil)
}

// putReceipt keeps HQ's receipt of id at rev, unless it already holds one
// as new.
func putReceipt(tx *bolt.Tx, id [16]byte, rev int64, at time.Time) error {
	b := tx.Bucket(bucketReceipts)
	if old := b.Get(id[:]); len(old) == 16 && int64(binary.BigEndian.Uint64(old)) >= rev {
		return nil
	}
	var v [16]byte
	binary.BigEndian.PutUint64(v[:8], uint64(rev))
	binary.BigEndian.PutUint64(v[8:], uint64(at.UnixNano()))
	return b.Put(id[:], v[:])
}

// clipText cuts s to at most n characters.
func clipText(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// AddFollowUp saves the officer's reply on a difficulty, at rev + 1 with
// its outbox entry, in one transaction: it answers every item HQ had sent
// by then.
func (s *Store) AddFollowUp(idText, text string) (record.Record, error) {
	return s.followUp(idText, text, false, "save follow-up")
}

// Resolve marks a difficulty resolved on site with the officer's note, as
// a follow-up (see AddFollowUp).
func (s *Store) Resolve(idText, note string) (record.Record, error) {
	return s.followUp(idText, note, true, "mark resolved")
}

func (s *Store) followUp(idText, text string, resolved bool, what string) (record.Record, error) {
	now := s.now()
	return s.modify(idText, what, func(old *record.Record) (record.Record, error) {
		if old.Kind != record.KindDifficulty {
			return record.Record{}, ErrNotDifficulty
		}
		r := *old
		r.FollowUps = append(append([]record.FollowUp(nil), old.FollowUps...),
			record.FollowUp{At: now.UTC(), Text: text, After: len(old.Responses), Resolved: resolved})
		if err := r.Normalize(now); err != nil {
			return record.Record{}, err
		}
		r.Updated = now.UTC()
		return r, nil
	})
}
