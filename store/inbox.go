package store

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	"sotay/domain"
	"sotay/record"
	"sotay/vntext"
)

// The inbox bucket holds what HQ sent:
//
//	"n" seq(8)  → notice JSON (seq is HQ's event sequence, so newest sorts last)
//	"u" id(16)  → nil: a difficulty HQ changed that the officer has not opened since
var (
	inboxNoticePrefix = []byte("n")
	inboxUnreadPrefix = []byte("u")
)

// Notice is a message HQ sent to every officer.
type Notice struct {
	ID    string    `json:"id"`
	At    time.Time `json:"at"`
	Title string    `json:"title"`
	Text  string    `json:"text"`
	Read  bool      `json:"read"`
}

// InboxEvent is one thing HQ tells the notebook on a pull: a new status of
// one of the officer's difficulties, an answer to it, or a notice to all.
type InboxEvent struct {
	Seq      uint64           // HQ's event sequence
	At       time.Time        // when HQ wrote it
	RecordID string           // the difficulty a status or an answer is about
	Status   string           // the difficulty's new status; "" leaves it as is
	Response *record.Response // an answer or a status change to add to the thread; nil for none
	Notice   *Notice          // a notice to all officers; nil for none
	Review   *record.Review   // HQ's new review of the record RecordID; nil for none
}

// ApplyInbox writes a batch of HQ's events and the new pull cursor in one
// transaction. HQ-owned fields (status, responses) change in place: no new
// rev and no outbox entry, since HQ already has them; the per-status counts
// move with the status. Text from HQ is made safe for a terminal before it
// is kept. Events about records the notebook does not hold are skipped; an
// answer already held is not added twice. Reviews are kept beside the
// record (see review.go). What the events brought adds to the news the
// TUI tells once (TakeNews).
func (s *Store) ApplyInbox(events []InboxEvent, cursor uint64) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		inbox := tx.Bucket(bucketInbox)
		var news News
		answered := map[string]bool{}
		for _, ev := range events {
			if ev.Notice != nil {
				added, err := putNotice(inbox, ev)
				if err != nil {
					return err
				}
				if added {
					news.Notices++
				}
			}
			if ev.RecordID != "" && (ev.Status != "" || ev.Response != nil) {
				changed, err := s.applyToRecord(tx, ev)
				if err != nil {
					return err
				}
				if changed && !answered[ev.RecordID] && ev.Response != nil && ev.Response.Text != "" {
					answered[ev.RecordID] = true
				}
			}
			if ev.RecordID != "" && ev.Review != nil {
				changed, err := s.putReview(tx, ev.RecordID, ev.Review)
				if err != nil {
					return err
				}
				if changed && ev.Review.State == record.ReviewHasIssues {
					news.NeedFix++
				}
			}
		}
		st, _ := readSyncState(tx)
		if cursor > st.Cursor {
			st.Cursor = cursor
		}
		// Difficulties answered count once until told, over many pulls.
		for id := range answered {
			if !slices.Contains(st.NewsAnswered, id) && len(st.NewsAnswered) < maxNewsIDs {
				st.NewsAnswered = append(st.NewsAnswered, id)
				st.News.Answered++
			}
		}
		st.News.Notices += news.Notices
		st.News.NeedFix += news.NeedFix
		return writeSyncState(tx, st)
	})
	if err != nil {
		return fmt.Errorf("apply HQ events: %w", err)
	}
	return nil
}

func putNotice(inbox *bolt.Bucket, ev InboxEvent) (bool, error) {
	key := noticeKey(ev.Seq)
	if inbox.Get(key) != nil {
		return false, nil // already held
	}
	n := *ev.Notice
	n.ID = strconv.FormatUint(ev.Seq, 10)
	if n.At.IsZero() {
		n.At = ev.At
	}
	n.Title = vntext.ForTerminal(n.Title)
	n.Text = vntext.ForTerminal(n.Text)
	n.Read = false
	v, err := json.Marshal(n)
	if err != nil {
		return false, err
	}
	return true, inbox.Put(key, v)
}

// applyToRecord adds an answer or status change to a difficulty and
// reports whether anything changed.
func (s *Store) applyToRecord(tx *bolt.Tx, ev InboxEvent) (bool, error) {
	id, err := record.ParseID(ev.RecordID)
	if err != nil {
		return false, nil // not ours to understand; HQ sends only our ids
	}
	old, err := s.getRecord(tx, id)
	if err == ErrNotFound {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if old.Kind != record.KindDifficulty {
		return false, nil
	}
	r := *old
	r.Responses = slices.Clone(old.Responses)
	changed := false
	if st := ev.Status; st != "" && st != record.StatusOrNew(old.Status) {
		if _, ok := domain.Find(domain.Statuses(), st); ok {
			r.Status = st
			changed = true
		}
	}
	if ev.Response != nil {
		resp := record.Response{
			At:     ev.Response.At.UTC(),
			Author: vntext.ForTerminal(ev.Response.Author),
			Text:   vntext.ForTerminal(ev.Response.Text),
			Status: machineStatus(ev.Response.Status),
		}
		if (resp.Text != "" || resp.Status != "") && len(r.Responses) < record.MaxResponses &&
			!slices.ContainsFunc(r.Responses, func(x record.Response) bool {
				return x.At.Equal(resp.At) && x.Text == resp.Text && x.Author == resp.Author && x.Status == resp.Status
			}) {
			r.Responses = append(r.Responses, resp)
			changed = true
		}
	}
	if !changed {
		return false, nil
	}
	// Neither status nor responses are in the date or search indexes, so
	// only the record and the counters change.
	if err := s.writeRecord(tx, &r, id); err != nil {
		return false, err
	}
	if err := count(tx, old, -1); err != nil {
		return false, err
	}
	if err := count(tx, &r, +1); err != nil {
		return false, err
	}
	if r.Deleted {
		return true, nil // kept, but there is nothing to open
	}
	return true, tx.Bucket(bucketInbox).Put(unreadKey(id), nil)
}

// machineStatus is s when it is a status this build knows, else "".
func machineStatus(s string) string {
	if _, ok := domain.Find(domain.Statuses(), s); ok {
		return s
	}
	return ""
}

// News is what pulls brought since the officer was last told: how many
// difficulties HQ answered, new notices, records HQ found issues in.
type News struct {
	Answered int `json:"answered,omitempty"`
	Notices  int `json:"notices,omitempty"`
	NeedFix  int `json:"need_fix,omitempty"`
}

// maxNewsIDs bounds the difficulties the news remembers as answered.
const maxNewsIDs = 10000

// Empty says there is nothing to tell.
func (n News) Empty() bool { return n == News{} }

// TakeNews returns the news and clears it, in one transaction, so that it
// is told once (whichever process synced).
func (s *Store) TakeNews() (News, error) {
	var n News
	err := s.db.Update(func(tx *bolt.Tx) error {
		st, _ := readSyncState(tx)
		n, st.News, st.NewsAnswered = st.News, News{}, nil
		if n.Empty() {
			return nil
		}
		return writeSyncState(tx, st)
	})
	return n, err
}

func noticeKey(seq uint64) []byte {
	k := make([]byte, 0, 9)
	k = append(k, inboxNoticePrefix...)
	return binary.BigEndian.AppendUint64(k, seq)
}

func unreadKey(id [16]byte) []byte {
	return append(append([]byte(nil), inboxUnreadPrefix...), id[:]...)
}

// Notices lists up to limit notices, newest first.
func (s *Store) Notices(ctx context.Context, limit int) ([]Notice, error) {
	var out []Notice
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketInbox).Cursor()
		// Step back from the first key after the notices.
		k, _ := c.Seek([]byte{inboxNoticePrefix[0] + 1})
		var v []byte
		if k == nil {
			k, v = c.Last()
		} else {
			k, v = c.Prev()
		}
		for ; k != nil && k[0] == inboxNoticePrefix[0] && (limit <= 0 || len(out) < limit); k, v = c.Prev() {
			if err := ctxErr(ctx); err != nil {
				return err
			}
			var n Notice
			if err := json.Unmarshal(v, &n); err != nil {
				return fmt.Errorf("read notice: %w", err)
			}
			out = append(out, n)
		}
		return nil
	})
	return out, err
}

// MarkNoticeRead marks a notice as read. An unknown id is ErrNotFound.
func (s *Store) MarkNoticeRead(id string) error {
	seq, err := strconv.ParseUint(id, 10, 64)
	if err != nil {
		return ErrNotFound
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		inbox := tx.Bucket(bucketInbox)
		key := noticeKey(seq)
		v := inbox.Get(key)
		if v == nil {
			return ErrNotFound
		}
		var n Notice
		if err := json.Unmarshal(v, &n); err != nil {
			return fmt.Errorf("read notice: %w", err)
		}
		if n.Read {
			return nil
		}
		n.Read = true
		nv, err := json.Marshal(n)
		if err != nil {
			return err
		}
		return inbox.Put(key, nv)
	})
}

// UnreadCounts says how many notices are unread and how many difficulties
// HQ changed since the officer last opened them.
func (s *Store) UnreadCounts() (notices, answers int, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketInbox).Cursor()
		for k, v := c.Seek(inboxNoticePrefix); k != nil && k[0] == inboxNoticePrefix[0]; k, v = c.Next() {
			var n Notice
			if err := json.Unmarshal(v, &n); err != nil {
				return fmt.Errorf("read notice: %w", err)
			}
			if !n.Read {
				notices++
			}
		}
		// Only difficulties: a review of a log or a training is marked in
		// its own list, not counted on the difficulties' tab.
		for k, _ := c.Seek(inboxUnreadPrefix); k != nil && k[0] == inboxUnreadPrefix[0]; k, _ = c.Next() {
			if len(k) != 17 {
				continue
			}
			r, err := s.getRecord(tx, [16]byte(k[1:]))
			if err == nil && r.Kind == record.KindDifficulty {
				answers++
			}
		}
		return nil
	})
	return notices, answers, err
}

// Unread reports whether HQ changed the difficulty (status or answer) since
// the officer last opened it.
func (s *Store) Unread(recordID string) (bool, error) {
	id, err := record.ParseID(recordID)
	if err != nil {
		return false, err
	}
	var unread bool
	err = s.db.View(func(tx *bolt.Tx) error {
		unread = tx.Bucket(bucketInbox).Get(unreadKey(id)) != nil
		return nil
	})
	return unread, err
}

// MarkRead records that the officer opened the difficulty.
func (s *Store) MarkRead(recordID string) error {
	id, err := record.ParseID(recordID)
	if err != nil {
		return err
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketInbox).Delete(unreadKey(id))
	})
}
