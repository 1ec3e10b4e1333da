package hq

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"sotay/record"
	"sotay/sync/wire"
)

// Review is HQ's review of any record, the one function the admin command
// and the workspace call: action is record.ReviewHasIssues (a comment is
// required: the officer must know what to fix), record.ReviewApproved
// (locks the record in the notebook) or record.ReviewReopen (unlocks an
// approved one). The record keeps the review and its officer gets a review
// event, in one transaction.
func (d *DB) Review(recordID, action, comment, author string) (wire.Event, error) {
	id, err := record.ParseID(recordID)
	if err != nil {
		return wire.Event{}, ErrNoRecord
	}
	state := action
	switch action {
	case record.ReviewHasIssues, record.ReviewApproved:
	case record.ReviewReopen:
		state = record.ReviewReopened
	default:
		return wire.Event{}, ErrBadReview
	}
	comment, author = cleanText(comment), cleanText(author)
	if state == record.ReviewHasIssues && comment == "" {
		return wire.Event{}, ErrNeedComment
	}
	if len([]rune(comment)) > MaxResponse || len([]rune(author)) > record.MaxShort {
		return wire.Event{}, ErrTooLong
	}
	var ev wire.Event
	err = d.db.Update(func(tx *bolt.Tx) error {
		rb := tx.Bucket(bucketRecords)
		var sr StoredRecord
		if err := getJSON(rb, id[:], &sr); err != nil || sr.Record.Deleted {
			return ErrNoRecord
		}
		if state == record.ReviewReopened && (sr.Review == nil || !sr.Review.Locked()) {
			return ErrNotApproved
		}
		now := d.now().UTC()
		rv := &record.Review{State: state, Comment: comment, Author: author, At: now, Rev: sr.Record.Rev}
		sr.Review = rv
		if err := putJSON(rb, id[:], sr); err != nil {
			return err
		}
		ev = wire.Event{Kind: wire.EventReview, At: now, Record: sr.Record.ID, Review: rv}
		seq, err := addEvent(tx, sr.Officer, &ev)
		if err != nil {
			return err
		}
		return audit(tx, now, d.actor, "review", sr.Record.ID, fmt.Sprintf("event %d %s rev %d", seq, state, sr.Record.Rev))
	})
	d.idx.touch(id)
	return ev, err
}

// Thread is a difficulty's conversation as HQ holds it, in the order the
// officer's notebook shows it (record.Record.Thread).
func (d *DB) Thread(recordID string) (StoredRecord, []record.ThreadItem, error) {
	sr, err := d.Record(recordID)
	if err != nil {
		return StoredRecord{}, nil, err
	}
	if sr.Record.Kind != record.KindDifficulty {
		return sr, nil, ErrNotDifficulty
	}
	return sr, sr.Record.Thread(), nil
}
