package hq

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"sotay/domain"
	"sotay/record"
	"sotay/sync/wire"
	"sotay/vntext"
)

// What the workspace reads and writes about records: the filtered,
// sorted, paged lists; the work HQ keeps on a record that never goes to
// the officer (who handles it, internal notes); notices to chosen
// provinces.

// RecordFilter chooses records for the workspace's lists and exports.
// Zero fields choose all. Tombstones are never chosen.
type RecordFilter struct {
	Kind record.Kind
	// Limited confines the records to the provinces in Scope (a liaison's);
	// the reader's role sets it, never the URL.
	Limited bool
	Scope   []string

	Provinces []string // chosen provinces (any of)
	Category  string
	Severity  string
	Status    string
	From, To  string // the record's date, YYYY-MM-DD, inclusive
	Officer   string
	// UnansweredDays chooses difficulties without any answer (or whose
	// officer wrote last: a follow-up HQ has not answered) received more
	// than that many days ago.
	UnansweredDays int
	// Query is searched, diacritics folded, over the record's text: each
	// word must begin a word of it.
	Query string
	Sort  string // "date" (newest first, the default), "severity" (most pressing first), "waiting" (unanswered longest first)
	Now   time.Time
}

// Sorts the lists offer.
func Sorts() []string { return []string{"date", "severity", "waiting"} }

// RecordPage is one page of a list.
type RecordPage struct {
	Rows  []RecordRow
	Total int    // records matching the filter
	Next  string // cursor of the next page, "" at the end
	// Totals of trainings over the whole filter.
	Sessions, Participants, Women int
	NoWomen                       int // sessions without a number of women, not in Women
}

// ErrBadCursor: a cursor that no page gave.
var ErrBadCursor = &Error{"bad_cursor", "bad page cursor"}

func queryWords(q string) []string { return vntext.Words(vntext.Fold(q)) }

func unansweredCutoff(f *RecordFilter) time.Time {
	now := f.Now
	if now.IsZero() {
		now = time.Now()
	}
	return now.Add(-time.Duration(f.UnansweredDays) * 24 * time.Hour)
}

// officerProvinces maps every officer to their province.
func officerProvinces(tx *bolt.Tx) map[string]string {
	m := map[string]string{}
	_ = tx.Bucket(bucketOfficers).ForEach(func(k, v []byte) error {
		var o Officer
		if json.Unmarshal(v, &o) == nil {
			m[o.ID] = o.Province
		}
		return nil
	})
	return m
}

// QueryRecords returns the page of records after cursor ("" for the
// first) matching f in f's order, with the count of all that match. It
// filters the in-memory index (index.go) and reads from bbolt only the
// records of the page.
func (d *DB) QueryRecords(ctx context.Context, f RecordFilter, cursor string, limit int) (RecordPage, error) {
	pages, err := d.QueryPages(ctx, []PageQuery{{Filter: f, Cursor: cursor, Limit: limit}})
	if err != nil {
		return RecordPage{}, err
	}
	return pages[0], nil
}

// PageQuery is one list QueryPages answers.
type PageQuery struct {
	Filter RecordFilter
	Cursor string
	Limit  int
}

// QueryPages answers several lists in one pass over the index, as
// QueryRecords answers one: a page that shows a second list (the inbox's
// urgent banner) pays for one walk of a million rows, not two.
func (d *DB) QueryPages(ctx context.Context, qs []PageQuery) ([]RecordPage, error) {
	afters := make([]*idxRow, len(qs))
	for i, q := range qs {
		if q.Cursor != "" {
			r, err := decodeCursor(q.Cursor)
			if err != nil {
				return nil, err
			}
			afters[i] = &r
		}
	}
	pages := make([]RecordPage, len(qs))
	dirty := d.idx.takeDirty()
	err := d.db.View(func(tx *bolt.Tx) error {
		x := d.idx
		x.mu.Lock()
		defer x.mu.Unlock()
		if err := x.prepare(ctx, tx, dirty); err != nil {
			return err
		}
		provinces := officerProvinces(tx)
		rfs := make([]rowFilter, len(qs))
		heaps := make([]best, len(qs))
		for i := range qs {
			qs[i].Limit = max(qs[i].Limit, 1)
			rfs[i] = x.filter(&qs[i].Filter, func(o string) string { return provinces[o] })
			heaps[i] = best{sort: qs[i].Filter.Sort, n: qs[i].Limit + 1}
		}
		training := x.vocab.kinds[string(record.KindTraining)]
		for n := range x.rows {
			if n%65536 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			r := &x.rows[n]
			for i := range rfs {
				if !rfs[i].match(r) {
					continue
				}
				page := &pages[i]
				page.Total++
				if r.kind == training {
					page.Sessions++
					page.Participants += int(r.participants)
					page.Women += int(r.women)
					if r.noWomen {
						page.NoWomen++
					}
				}
				if afters[i] != nil && cmpRows(qs[i].Filter.Sort, r, afters[i]) <= 0 {
					continue
				}
				heaps[i].offer(r)
			}
		}
		rb := tx.Bucket(bucketRecords)
		for i := range qs {
			rows := heaps[i].sorted()
			if len(rows) > qs[i].Limit {
				pages[i].Next = encodeCursor(rows[qs[i].Limit-1])
				rows = rows[:qs[i].Limit]
			}
			for _, r := range rows {
				var row RecordRow
				if err := getJSON(rb, r.id[:], &row.StoredRecord); err != nil {
					return fmt.Errorf("read record: %w", err)
				}
				row.Province = provinces[row.Officer]
				pages[i].Rows = append(pages[i].Rows, row)
			}
		}
		return nil
	})
	if err != nil {
		d.idx.touch(dirty...) // not applied: keep them for the next query
		return nil, fmt.Errorf("query records: %w", err)
	}
	return pages, nil
}

// EachMatching calls fn for every record matching f, in creation order,
// holding only one record at a time: exports of any size stream. It reads
// bbolt directly, judging each record by the same rules as the index.
func (d *DB) EachMatching(ctx context.Context, f RecordFilter, fn func(RecordRow) error) error {
	return d.db.View(func(tx *bolt.Tx) error {
		provinces := officerProvinces(tx)
		x := newRecordIndex() // only to name officers and slugs as rows do
		rf := x.filter(&f, func(o string) string { return provinces[o] })
		var kindJSON []byte
		if f.Kind != "" {
			kindJSON = []byte(`"kind":"` + string(f.Kind) + `"`)
		}
		n := 0
		return tx.Bucket(bucketRecords).ForEach(func(k, v []byte) error {
			if n++; n%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			// The kind sits in every record's JSON as the encoder wrote it:
			// skipping other kinds before decoding saves most of the work.
			if kindJSON != nil && !bytes.Contains(v, kindJSON) {
				return nil
			}
			var sr StoredRecord
			if err := json.Unmarshal(v, &sr); err != nil {
				return fmt.Errorf("read record: %w", err)
			}
			row := x.row([16]byte(k), &sr)
			if !rf.match(&row) {
				return nil
			}
			return fn(RecordRow{StoredRecord: sr, Province: provinces[sr.Officer]})
		})
	})
}

// searchText is the text a record is searched by, folded.
func searchText(r *record.Record) string {
	return vntext.Fold(strings.Join([]string{r.Title, r.Description, r.Proposal, r.Commune, r.Content, r.Results,
		r.NextSteps, r.Partners, r.Topic, r.Audience, r.Trainers, r.Notes}, " "))
}

// matchWords: every query word begins some word of text, so "luong" finds
// "lương" and "dak lak" finds "Đắk Lắk".
func matchWords(words []string, text string) bool {
	for _, w := range words {
		found := false
		for i := 0; ; {
			j := strings.Index(text[i:], w)
			if j < 0 {
				break
			}
			at := i + j
			if at == 0 || !isWordByte(text[at-1]) {
				found = true
				break
			}
			i = at + 1
		}
		if !found {
			return false
		}
	}
	return true
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80
}

// Work is what HQ keeps about a record for itself: who handles it and
// notes among the working group. None of it goes to the officer.
type Work struct {
	Assignee string `json:"assignee,omitempty"` // user id
	Notes    []Note `json:"notes,omitempty"`
}

// Note is one internal note.
type Note struct {
	At     time.Time `json:"at"`
	Author string    `json:"author"` // user id
	Name   string    `json:"name"`
	Text   string    `json:"text"`
}

// RecordWork returns HQ's work on a record (zero when none).
func (d *DB) RecordWork(id string) (Work, error) {
	rid, err := record.ParseID(id)
	if err != nil {
		return Work{}, ErrNoRecord
	}
	var w Work
	err = d.db.View(func(tx *bolt.Tx) error {
		if err := getJSON(tx.Bucket(bucketWork), rid[:], &w); err != nil && !errors.Is(err, errMissing) {
			return err
		}
		return nil
	})
	return w, err
}

// SetAssignee makes user (a member or admin; "" for nobody) handle a record.
func (d *DB) SetAssignee(id, user string) error {
	return d.updateWork(id, "assign", user, func(w *Work, tx *bolt.Tx) error {
		if user != "" {
			var u User
			if err := getJSON(tx.Bucket(bucketUsers), []byte(user), &u); err != nil || !u.Disabled.IsZero() || u.Role == RoleViewer {
				return ErrNoUser
			}
		}
		w.Assignee = user
		return nil
	})
}

// AddNote adds an internal note to a record.
func (d *DB) AddNote(id, text string) error {
	text = cleanText(text)
	if text == "" {
		return ErrEmpty
	}
	if len([]rune(text)) > MaxResponse {
		return ErrTooLong
	}
	return d.updateWork(id, "note", fmt.Sprintf("%d chars", len([]rune(text))), func(w *Work, _ *bolt.Tx) error {
		w.Notes = append(w.Notes, Note{At: d.now().UTC(), Author: d.actor.User, Name: d.actor.Name, Text: text})
		return nil
	})
}

func (d *DB) updateWork(id, action, detail string, fn func(*Work, *bolt.Tx) error) error {
	rid, err := record.ParseID(id)
	if err != nil {
		return ErrNoRecord
	}
	return d.db.Update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketRecords).Get(rid[:]) == nil {
			return ErrNoRecord
		}
		wb := tx.Bucket(bucketWork)
		var w Work
		if err := getJSON(wb, rid[:], &w); err != nil && !errors.Is(err, errMissing) {
			return err
		}
		if err := fn(&w, tx); err != nil {
			return err
		}
		if err := putJSON(wb, rid[:], w); err != nil {
			return err
		}
		return audit(tx, d.now(), d.actor, action, id, detail)
	})
}

// NoticeTo sends a notice to the officers of the chosen provinces only
// (every officer when none are chosen). It returns how many officers it
// went to (0 meaning all, through the shared channel).
func (d *DB) NoticeTo(title, text string, provinces []string) (int, error) {
	if len(provinces) == 0 {
		_, err := d.Notice(title, text)
		return 0, err
	}
	for _, p := range provinces {
		if _, ok := domain.ProvinceBySlug(p); !ok {
			return 0, ErrBadProvince
		}
	}
	title, text = cleanText(title), cleanText(text)
	if title == "" || text == "" {
		return 0, ErrEmpty
	}
	if len([]rune(title)) > record.MaxShort || len([]rune(text)) > MaxResponse {
		return 0, ErrTooLong
	}
	n := 0
	err := d.db.Update(func(tx *bolt.Tx) error {
		now := d.now().UTC()
		var officers []string
		err := tx.Bucket(bucketOfficers).ForEach(func(_, v []byte) error {
			var o Officer
			if json.Unmarshal(v, &o) == nil && o.Revoked.IsZero() && slices.Contains(provinces, o.Province) {
				officers = append(officers, o.ID)
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, o := range officers {
			ev := wire.Event{Kind: wire.EventNotice, At: now, Title: title, Text: text}
			if _, err := addEvent(tx, o, &ev); err != nil {
				return err
			}
		}
		n = len(officers)
		return audit(tx, now, d.actor, "notice", strings.Join(provinces, ","), fmt.Sprintf("%s (%d officers)", title, n))
	})
	return n, err
}

// NoticeSent is a notice HQ sent, how many officers it went to and how
// many of them have pulled it since.
type NoticeSent struct {
	wire.Event
	Officers int
	Pulled   int
}

// Notices lists the notices HQ sent, newest first, up to limit.
func (d *DB) Notices(limit int) ([]NoticeSent, error) {
	var out []NoticeSent
	err := d.db.View(func(tx *bolt.Tx) error {
		pulled := map[string]uint64{}
		active := 0
		err := tx.Bucket(bucketOfficers).ForEach(func(_, v []byte) error {
			var o Officer
			if json.Unmarshal(v, &o) == nil && o.Revoked.IsZero() {
				active++
				if p := tx.Bucket(bucketPulled).Get([]byte(o.ID)); len(p) == 8 {
					pulled[o.ID] = binary.BigEndian.Uint64(p)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		c := tx.Bucket(bucketEvents).Cursor()
		// One notice to chosen provinces is one event per officer: they
		// share a moment and a title.
		group := map[string]int{}
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			var row eventRow
			if err := json.Unmarshal(v, &row); err != nil {
				return err
			}
			if row.Kind != wire.EventNotice {
				continue
			}
			seq := binary.BigEndian.Uint64(k)
			if row.Officer == "" {
				if len(out) == limit {
					break
				}
				n := NoticeSent{Event: row.Event, Officers: active}
				for _, p := range pulled {
					if p >= seq {
						n.Pulled++
					}
				}
				out = append(out, n)
				continue
			}
			key := row.At.String() + "\x00" + row.Title
			i, ok := group[key]
			if !ok {
				if len(out) == limit {
					break
				}
				i = len(out)
				group[key] = i
				out = append(out, NoticeSent{Event: row.Event})
			}
			out[i].Officers++
			if pulled[row.Officer] >= seq {
				out[i].Pulled++
			}
		}
		return nil
	})
	return out, err
}

// NotePulled records that a pull answered an officer with the events up to
// seq, for the notices' "pulled by" counts.
func (d *DB) NotePulled(officer string, seq uint64) error {
	return d.db.Batch(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPulled)
		if p := b.Get([]byte(officer)); len(p) == 8 && binary.BigEndian.Uint64(p) >= seq {
			return nil
		}
		return b.Put([]byte(officer), binary.BigEndian.AppendUint64(nil, seq))
	})
}

// EnrollOfficer enrolls an officer and makes their code for the URL and
// certificate the server serves with, for the workspace's officers page.
func (d *DB) EnrollOfficer(name, province string) (Enrolled, error) {
	url, fp, err := d.Served()
	if err != nil {
		return Enrolled{}, err
	}
	if !strings.HasPrefix(url, "https://") {
		return Enrolled{}, ErrNotHTTPS
	}
	o, token, err := d.Enroll(name, province)
	if err != nil {
		return Enrolled{}, err
	}
	return enrolled(o, url, token, fp)
}

// ReissueOfficer gives an officer a new code, as EnrollOfficer makes one.
func (d *DB) ReissueOfficer(id string) (Enrolled, error) {
	url, fp, err := d.Served()
	if err != nil {
		return Enrolled{}, err
	}
	if !strings.HasPrefix(url, "https://") {
		return Enrolled{}, ErrNotHTTPS
	}
	o, token, err := d.Reissue(id)
	if err != nil {
		return Enrolled{}, err
	}
	return enrolled(o, url, token, fp)
}

// RecordEvents lists what HQ sent an officer about one record (answers and
// status changes), in order: the thread as the officer's notebook has it.
func (d *DB) RecordEvents(officer, recordID string) ([]wire.Event, error) {
	var out []wire.Event
	err := d.db.View(func(tx *bolt.Tx) error {
		eb := tx.Bucket(bucketEvents)
		prefix := officerKey(officer, nil)
		c := tx.Bucket(bucketEventIdx).Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			var row eventRow
			if err := getJSON(eb, k[len(prefix):], &row); err != nil {
				return err
			}
			if row.Kind == wire.EventAnswer && row.Record == recordID {
				out = append(out, row.Event)
			}
		}
		return nil
	})
	return out, err
}

// Refusal is a record HQ refused from an officer's push and does not hold
// at that rev since: what the officers page shows as refused, and why.
type Refusal struct {
	Record  string    `json:"record"`
	Rev     int64     `json:"rev"`
	Code    string    `json:"code"`
	Message string    `json:"message"`
	At      time.Time `json:"at"`
}

// maxRefusalsKept bounds what one officer's refusals may hold at HQ.
const maxRefusalsKept = 1000

// NoteRefused keeps the records HQ refused from an officer's push.
func (d *DB) NoteRefused(officer string, rej []wire.Rejection) error {
	if len(rej) == 0 {
		return nil
	}
	now := d.now().UTC()
	return d.db.Batch(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRefused)
		prefix := officerKey(officer, nil)
		n := 0
		c := b.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			n++
		}
		for _, r := range rej {
			id := r.ID
			if id == "" || len(id) > 64 {
				continue
			}
			k := officerKey(officer, []byte(id))
			if b.Get(k) == nil {
				if n >= maxRefusalsKept {
					continue
				}
				n++
			}
			msg := r.Message
			if len(msg) > 500 {
				msg = msg[:500]
			}
			if err := putJSON(b, k, Refusal{Record: id, Rev: r.Rev, Code: r.Code, Message: cleanText(msg), At: now}); err != nil {
				return err
			}
		}
		return nil
	})
}

// Refused lists, by officer, the refused records HQ still does not hold at
// the refused rev or newer (an officer who fixed a record and sent it
// again is no longer listed for it).
func (d *DB) Refused() (map[string][]Refusal, error) {
	out := map[string][]Refusal{}
	err := d.db.View(func(tx *bolt.Tx) error {
		rb := tx.Bucket(bucketRecords)
		return tx.Bucket(bucketRefused).ForEach(func(k, v []byte) error {
			officer, _, ok := bytes.Cut(k, []byte{0})
			if !ok {
				return nil
			}
			var r Refusal
			if err := json.Unmarshal(v, &r); err != nil {
				return err
			}
			if id, err := record.ParseID(r.Record); err == nil {
				var sr StoredRecord
				if getJSON(rb, id[:], &sr) == nil && sr.Record.Rev >= r.Rev {
					return nil
				}
			}
			out[string(officer)] = append(out[string(officer)], r)
			return nil
		})
	})
	return out, err
}

// maxRevisionsKept bounds the history HQ keeps of one record: an officer
// editing in a loop cannot grow HQ's database without end.
const maxRevisionsKept = 20

// keepRevision keeps the version a push is replacing, so the workspace can
// show what changed and when.
func keepRevision(tx *bolt.Tx, id [16]byte, old StoredRecord) error {
	b := tx.Bucket(bucketRevisions)
	if err := putJSON(b, binary.BigEndian.AppendUint64(id[:], uint64(old.Record.Rev)), old); err != nil {
		return err
	}
	var keys [][]byte
	c := b.Cursor()
	for k, _ := c.Seek(id[:]); k != nil && bytes.HasPrefix(k, id[:]); k, _ = c.Next() {
		keys = append(keys, bytes.Clone(k))
	}
	for len(keys) > maxRevisionsKept {
		if err := b.Delete(keys[0]); err != nil {
			return err
		}
		keys = keys[1:]
	}
	return nil
}

// Revisions returns the earlier versions HQ kept of a record, oldest first
// (at most maxRevisionsKept).
func (d *DB) Revisions(id string) ([]StoredRecord, error) {
	rid, err := record.ParseID(id)
	if err != nil {
		return nil, ErrNoRecord
	}
	var out []StoredRecord
	err = d.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketRevisions).Cursor()
		for k, v := c.Seek(rid[:]); k != nil && bytes.HasPrefix(k, rid[:]); k, v = c.Next() {
			var sr StoredRecord
			if err := json.Unmarshal(v, &sr); err != nil {
				return err
			}
			out = append(out, sr)
		}
		return nil
	})
	return out, err
}
