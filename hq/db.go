// Package hq is the headquarters server: the HTTP API the notebooks sync
// with (the protocol of package sync/wire), its own bbolt store of
// officers, records, events and the audit log, enrollment, and the admin
// commands that reach a running server through a Unix socket or the
// database directly.
package hq

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"sotay/domain"
	"sotay/record"
	"sotay/sync/wire"
)

// DBFile is HQ's database inside its data directory.
const DBFile = "hq.db"

// Error is a refusal of an admin action or of a token, with a code that
// travels over the admin socket and names the message in the i18n catalog
// ("hq.err." + code).
type Error struct {
	Code string
	msg  string
}

func (e *Error) Error() string { return e.msg }

// HQCode is the error's code; the i18n catalog finds its words by it.
func (e *Error) HQCode() string { return e.Code }

// Errors callers tell apart.
var (
	ErrLocked        = &Error{"locked", "the HQ database is in use by another process"}
	ErrNoOfficer     = &Error{"no_officer", "no such officer"}
	ErrRevoked       = &Error{"revoked", "the officer's token was revoked"}
	ErrBadToken      = &Error{"bad_token", "wrong token"}
	ErrNoRecord      = &Error{"no_record", "no such record at HQ"}
	ErrNotDifficulty = &Error{"not_difficulty", "the record is not a difficulty"}
	ErrBadStatus     = &Error{"bad_status", "unknown status"}
	ErrBadProvince   = &Error{"bad_province", "unknown province"}
	ErrEmpty         = &Error{"empty", "text is required"}
	ErrTooLong       = &Error{"too_long", "text too long"}
	ErrNoURL         = &Error{"no_url", "HQ's public URL is not known: pass --url or start the server once"}
	// ErrNotServed: a setup link needs the address the server gave at its
	// last start; user commands have no --url of their own.
	ErrNotServed     = &Error{"not_served", "HQ's public URL is not known: start the server once"}
	ErrNotHTTPS      = &Error{"not_https", "enrollment codes carry an https URL: pass --url https://..."}
	ErrNoAdminSocket = &Error{"no_admin_socket", "the HQ server is running without its admin socket: stop it, run the command (it then opens the database directly), and start it again"}
	ErrBadReview     = &Error{"bad_review", "unknown review state: has_issues, approved or reopen"}
	ErrNeedComment   = &Error{"need_comment", "say what is wrong: a record with issues needs a comment"}
	ErrNotApproved   = &Error{"not_approved", "only an approved record can be reopened"}
)

// errMissing: getJSON found no value under the key.
var errMissing = errors.New("not found")

var (
	bucketMeta      = []byte("meta")      // "url", "fingerprint": what the server last served as
	bucketOfficers  = []byte("officers")  // officer id → Officer JSON
	bucketRecords   = []byte("records")   // record id(16) → StoredRecord JSON
	bucketByOfficer = []byte("byofficer") // officer 0x00 id(16) → nil
	bucketDevices   = []byte("devices")   // officer 0x00 device → high-water mark(8)
	bucketEvents    = []byte("events")    // seq(8) → eventRow JSON
	bucketEventIdx  = []byte("eventidx")  // officer 0x00 seq(8) → nil; notices under officer ""
	bucketAudit     = []byte("audit")     // seq(8) → AuditEntry JSON
)

// Officer is one enrolled officer as HQ knows them. Only the SHA-256 of
// the token is kept.
type Officer struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Province  string    `json:"province"`
	TokenHash string    `json:"token_hash"`
	Created   time.Time `json:"created"`
	Revoked   time.Time `json:"revoked,omitzero"`
	LastSync  time.Time `json:"last_sync,omitzero"`
	// Client is the sotay version the officer's notebook last synced with
	// (buildinfo.Clean'd; "" before the first sync or from a build that did
	// not say).
	Client string         `json:"client,omitempty"`
	Counts map[string]int `json:"counts,omitempty"` // live records per kind
}

// StoredRecord is a record as HQ holds it: at its latest rev, with the
// officer who sent it and when it was received. Status and responses in
// Record are HQ's own.
//
// Received is when HQ first held the record's current rev (the receipt the
// notebook shows); Review is HQ's latest review of it, nil for none.
type StoredRecord struct {
	Officer  string    `json:"officer"`
	Received time.Time `json:"received"`
	// Arrived is when HQ first held the record, at any rev: how fast HQ
	// answers counts from it. Records stored before it was kept have it
	// zero; ArrivedAt falls back to Received.
	Arrived time.Time      `json:"arrived,omitzero"`
	Record  record.Record  `json:"record"`
	Review  *record.Review `json:"review,omitempty"`
}

// ArrivedAt is when HQ first held the record, as well as HQ knows.
func (s *StoredRecord) ArrivedAt() time.Time {
	if s.Arrived.IsZero() {
		return s.Received
	}
	return s.Arrived
}

// AuditEntry is one admin action.
type AuditEntry struct {
	Seq    uint64    `json:"seq"`
	At     time.Time `json:"at"`
	Action string    `json:"action"` // enroll, reissue, revoke, respond, notice, and the workspace's (users.go)
	Target string    `json:"target"` // officer or record id
	Detail string    `json:"detail,omitempty"`
	Actor  Actor     `json:"actor,omitzero"` // who, from where; zero for the command line
}

type eventRow struct {
	Officer string `json:"officer,omitempty"` // "" for a notice to all
	wire.Event
}

// DB is HQ's database. It is safe for concurrent use.
type DB struct {
	db    *bolt.DB
	now   func() time.Time
	actor Actor // whose actions the audit log names; see As
	idx   *recordIndex
	dir   string // the data directory: files.go keeps attached files under it
}

// OpenDB opens (creating) HQ's database in dir. Another process holding it
// gives ErrLocked after timeout.
func OpenDB(dir string, timeout time.Duration) (*DB, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("open HQ database: %w", err)
	}
	if timeout <= 0 {
		timeout = time.Second
	}
	db, err := bolt.Open(filepath.Join(dir, DBFile), 0o600, &bolt.Options{Timeout: timeout, FreelistType: bolt.FreelistMapType})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, ErrLocked
	}
	if err != nil {
		return nil, fmt.Errorf("open HQ database: %w", err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketMeta, bucketOfficers, bucketRecords, bucketByOfficer,
			bucketDevices, bucketEvents, bucketEventIdx, bucketAudit, bucketUsers, bucketUserEmail, bucketSetup,
			bucketSessions, bucketWork, bucketPulled, bucketRefused, bucketRevisions} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open HQ database: %w", err)
	}
	// Concurrent pushes share a transaction (DB.Batch); a short window
	// keeps one device's pushes from waiting on it, and pushes that arrive
	// while a commit runs still gather into the next.
	db.MaxBatchDelay = 2 * time.Millisecond
	return &DB{db: db, now: time.Now, idx: newRecordIndex(), dir: dir}, nil
}

// Close closes the database.
func (d *DB) Close() error { return d.db.Close() }

// Check runs bbolt's consistency check.
func (d *DB) Check() error {
	return d.db.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// SetServed records the URL and certificate fingerprint the server runs
// with, so enrollment codes made while it is stopped point at it.
func (d *DB) SetServed(url, fingerprint string) error {
	return d.db.Update(func(tx *bolt.Tx) error {
		m := tx.Bucket(bucketMeta)
		if err := m.Put([]byte("url"), []byte(url)); err != nil {
			return err
		}
		return m.Put([]byte("fingerprint"), []byte(fingerprint))
	})
}

// Served returns what SetServed recorded.
func (d *DB) Served() (url, fingerprint string, err error) {
	err = d.db.View(func(tx *bolt.Tx) error {
		m := tx.Bucket(bucketMeta)
		url, fingerprint = string(m.Get([]byte("url"))), string(m.Get([]byte("fingerprint")))
		return nil
	})
	return url, fingerprint, err
}

// Enroll creates an officer and returns it with its secret token, which is
// shown once and never stored.
func (d *DB) Enroll(name, province string) (Officer, string, error) {
	name = cleanText(name)
	if name == "" {
		return Officer{}, "", ErrEmpty
	}
	if len([]rune(name)) > record.MaxShort {
		return Officer{}, "", ErrTooLong
	}
	if _, ok := domain.ProvinceBySlug(province); !ok {
		return Officer{}, "", ErrBadProvince
	}
	token := newToken()
	var o Officer
	err := d.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketOfficers)
		for range 100 {
			var suffix [3]byte
			rand.Read(suffix[:])
			id := province + "-" + hex.EncodeToString(suffix[:])
			if b.Get([]byte(id)) == nil {
				o = Officer{ID: id, Name: name, Province: province, TokenHash: hashToken(token), Created: d.now().UTC()}
				break
			}
		}
		if o.ID == "" {
			return errors.New("no free officer id")
		}
		if err := putJSON(b, []byte(o.ID), o); err != nil {
			return err
		}
		return audit(tx, d.now(), d.actor, "enroll", o.ID, name+" ("+province+")")
	})
	if err != nil {
		return Officer{}, "", fmt.Errorf("enroll: %w", err)
	}
	return o, token, nil
}

// Reissue gives an existing officer a new token: the old one stops at
// once, a revocation is lifted, and the officer's records and events stay
// theirs, so a notebook enrolled with the new code goes on where it was.
func (d *DB) Reissue(officer string) (Officer, string, error) {
	token := newToken()
	var o Officer
	err := d.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketOfficers)
		if err := getJSON(b, []byte(officer), &o); err != nil {
			return officerErr(err)
		}
		detail := "new token"
		if !o.Revoked.IsZero() {
			detail = "new token, revocation lifted"
		}
		o.TokenHash, o.Revoked = hashToken(token), time.Time{}
		if err := putJSON(b, []byte(o.ID), o); err != nil {
			return err
		}
		return audit(tx, d.now(), d.actor, "reissue", o.ID, detail)
	})
	if err != nil {
		return Officer{}, "", fmt.Errorf("reissue: %w", err)
	}
	return o, token, nil
}

// newToken is a fresh secret: 256 random bits, base64url.
func newToken() string {
	var secret [32]byte
	rand.Read(secret[:])
	return base64.RawURLEncoding.EncodeToString(secret[:])
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Revoke stops an officer's token at once.
func (d *DB) Revoke(officer string) error {
	return d.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketOfficers)
		var o Officer
		if err := getJSON(b, []byte(officer), &o); err != nil {
			return officerErr(err)
		}
		if !o.Revoked.IsZero() {
			return nil
		}
		o.Revoked = d.now().UTC()
		if err := putJSON(b, []byte(o.ID), o); err != nil {
			return err
		}
		return audit(tx, d.now(), d.actor, "revoke", o.ID, "")
	})
}

// Authenticate checks an officer's token, in constant time.
func (d *DB) Authenticate(officer, token string) (Officer, error) {
	var o Officer
	err := d.db.View(func(tx *bolt.Tx) error {
		return getJSON(tx.Bucket(bucketOfficers), []byte(officer), &o)
	})
	if err != nil {
		// Hash anyway so a wrong officer costs what a wrong token does.
		_ = subtle.ConstantTimeCompare([]byte(hashToken(token)), []byte(hashToken("")))
		return Officer{}, ErrBadToken
	}
	if subtle.ConstantTimeCompare([]byte(hashToken(token)), []byte(o.TokenHash)) != 1 {
		return Officer{}, ErrBadToken
	}
	if !o.Revoked.IsZero() {
		return Officer{}, ErrRevoked
	}
	return o, nil
}

// Apply writes a checked batch of an officer's records in one transaction
// with the device's high-water mark: a record is applied only when its rev
// is newer than what HQ holds, so a batch sent twice changes nothing. HQ's
// own fields (status, responses) are kept from what it holds, never taken
// from the push. A record whose id belongs to another officer is rejected.
// client, the version the notebook runs, is kept on the officer when given.
//
// Apply is protocol 1: the follow-ups of a difficulty are kept from what HQ
// holds (a notebook of then cannot have written any). ApplyV2 takes them
// from the push and tells the receipts.
func (d *DB) Apply(officer, device, client string, through uint64, recs []record.Record) ([]wire.Rejection, error) {
	res, err := d.apply(officer, device, client, through, recs, 1)
	return res.Rejected, err
}

// Applied is what applying a batch did: the records refused, when the
// batch was received, and the records HQ already held (with the time it
// first held them).
type Applied struct {
	Rejected   []wire.Rejection
	ReceivedAt time.Time
	Held       []wire.Receipt
}

// ApplyV2 is Apply for protocol 2: the officer's follow-ups travel in the
// record, and the answer carries receipts.
func (d *DB) ApplyV2(officer, device, client string, through uint64, recs []record.Record) (Applied, error) {
	return d.apply(officer, device, client, through, recs, 2)
}

func (d *DB) apply(officer, device, client string, through uint64, recs []record.Record, protocol int) (Applied, error) {
	var rejected []wire.Rejection
	var receipts []wire.Receipt
	now := d.now().UTC()
	// Most records are new to HQ: encode them as such outside the write
	// transaction, which every push waits for.
	fresh := make([][]byte, len(recs))
	for i, r := range recs {
		r.Status, r.Responses = "", nil
		if protocol < 2 {
			r.FollowUps = nil
		}
		if r.Kind == record.KindDifficulty {
			r.Status = record.StatusNew
		}
		v, err := json.Marshal(StoredRecord{Officer: officer, Received: now, Arrived: now, Record: r})
		if err != nil {
			return Applied{}, fmt.Errorf("apply push: %w", err)
		}
		fresh[i] = v
	}
	// Batch coalesces concurrent pushes into one transaction (one fsync);
	// the function may run twice, so it starts from scratch each time.
	err := d.db.Batch(func(tx *bolt.Tx) error {
		rejected, receipts = rejected[:0], receipts[:0]
		ob := tx.Bucket(bucketOfficers)
		var o Officer
		if err := getJSON(ob, []byte(officer), &o); err != nil {
			return officerErr(err)
		}
		if o.Counts == nil {
			o.Counts = map[string]int{}
		}
		rb, byOff := tx.Bucket(bucketRecords), tx.Bucket(bucketByOfficer)
		for i := range recs {
			r := recs[i]
			id, err := record.ParseID(r.ID)
			if err != nil {
				rejected = append(rejected, wire.Rejection{ID: r.ID, Rev: r.Rev, Code: wire.RejectBadID, Message: "bad id"})
				continue
			}
			var held StoredRecord
			hasOld := false
			if v := rb.Get(id[:]); v != nil {
				if err := json.Unmarshal(v, &held); err != nil {
					return fmt.Errorf("read record %s: %w", r.ID, err)
				}
				hasOld = true
				if held.Officer != officer {
					rejected = append(rejected, wire.Rejection{ID: r.ID, Rev: r.Rev, Code: wire.RejectOtherOfficer,
						Message: "the record id belongs to another officer"})
					continue
				}
				if held.Record.Rev >= r.Rev {
					// Already held at this rev or newer: a resend. Its
					// receipt is the time HQ first held it.
					if held.Record.Rev == r.Rev && len(held.Record.Attachments) == 0 && len(r.Attachments) > 0 {
						// First received by an HQ too old for files, which
						// dropped the list: the notebook sends the same rev
						// again for it (sync.Client, FilesAwaitHQ).
						held.Record.Attachments = r.Attachments
						if err := putJSON(rb, id[:], held); err != nil {
							return err
						}
					}
					receipts = append(receipts, wire.Receipt{ID: held.Record.ID, Rev: held.Record.Rev, At: held.Received})
					continue
				}
				if held.Record.Kind != r.Kind {
					rejected = append(rejected, wire.Rejection{ID: r.ID, Rev: r.Rev, Code: wire.RejectKindChanged,
						Message: "a record cannot change kind"})
					continue
				}
			}
			r.Status, r.Responses = "", nil
			var review *record.Review
			if hasOld {
				r.Status, r.Responses = held.Record.Status, held.Record.Responses
				if protocol < 2 {
					r.FollowUps = held.Record.FollowUps
				}
				if !held.Record.Deleted {
					o.Counts[string(held.Record.Kind)]--
				}
				review = held.Review
				if review != nil && (review.State == record.ReviewHasIssues || review.State == record.ReviewApproved) {
					// The officer changed a record HQ reviewed: a fix (or,
					// from a notebook that did not know of the approval, a
					// change) HQ should look at again.
					review = &record.Review{State: record.ReviewEdited, At: now, Rev: r.Rev}
					ev := wire.Event{Kind: wire.EventReview, At: now, Record: r.ID, Review: review}
					if _, err := addEvent(tx, officer, &ev); err != nil {
						return err
					}
				}
			} else if r.Kind == record.KindDifficulty {
				r.Status = record.StatusNew
			}
			if !r.Deleted {
				o.Counts[string(r.Kind)]++
			}
			if hasOld {
				if err := keepRevision(tx, id, held); err != nil { // workspace.go: the record's history
					return err
				}
				if err := putJSON(rb, id[:], StoredRecord{Officer: officer, Received: now, Arrived: held.ArrivedAt(), Record: r, Review: review}); err != nil {
					return err
				}
			} else if err := rb.Put(id[:], fresh[i]); err != nil {
				return err
			}
			if !hasOld {
				if err := byOff.Put(officerKey(officer, id[:]), nil); err != nil {
					return err
				}
			}
		}
		db := tx.Bucket(bucketDevices)
		dk := officerKey(officer, []byte(device))
		if hwm := db.Get(dk); hwm == nil || binary.BigEndian.Uint64(hwm) < through {
			if err := db.Put(dk, binary.BigEndian.AppendUint64(nil, through)); err != nil {
				return err
			}
		}
		o.LastSync = now
		if client != "" {
			o.Client = client
		}
		return putJSON(ob, []byte(o.ID), o)
	})
	d.idx.touch(recordIDs(recs)...) // index.go: the workspace's lists see the push
	if err != nil {
		return Applied{}, fmt.Errorf("apply push: %w", err)
	}
	return Applied{Rejected: rejected, ReceivedAt: now, Held: receipts}, nil
}

// TouchSync notes that an officer synced (a pull with nothing to push),
// and with which client version when given.
func (d *DB) TouchSync(officer, client string) error {
	return d.db.Batch(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketOfficers)
		var o Officer
		if err := getJSON(b, []byte(officer), &o); err != nil {
			return officerErr(err)
		}
		o.LastSync = d.now().UTC()
		if client != "" {
			o.Client = client
		}
		return putJSON(b, []byte(o.ID), o)
	})
}

// HighWater is the last outbox sequence HQ acknowledged to a device.
func (d *DB) HighWater(officer, device string) (uint64, error) {
	var n uint64
	err := d.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketDevices).Get(officerKey(officer, []byte(device))); len(v) == 8 {
			n = binary.BigEndian.Uint64(v)
		}
		return nil
	})
	return n, err
}

// MaxResponse is the longest answer or notice text HQ writes, in characters.
const MaxResponse = record.MaxLong

// Respond answers a difficulty: a new status and/or a text, written to the
// record and as an event for its officer's next pull. A status the record
// already has is no news: without text nothing is written and the event
// returned has Seq 0.
func (d *DB) Respond(recordID, status, text, author string) (wire.Event, error) {
	id, err := record.ParseID(recordID)
	if err != nil {
		return wire.Event{}, ErrNoRecord
	}
	if status != "" {
		if _, ok := domain.Find(domain.Statuses(), status); !ok {
			return wire.Event{}, ErrBadStatus
		}
	}
	text, author = cleanText(text), cleanText(author)
	if status == "" && text == "" {
		return wire.Event{}, ErrEmpty
	}
	if len([]rune(text)) > MaxResponse || len([]rune(author)) > record.MaxShort {
		return wire.Event{}, ErrTooLong
	}
	var ev wire.Event
	err = d.db.Update(func(tx *bolt.Tx) error {
		rb := tx.Bucket(bucketRecords)
		var sr StoredRecord
		if err := getJSON(rb, id[:], &sr); err != nil {
			return ErrNoRecord
		}
		if sr.Record.Kind != record.KindDifficulty {
			return ErrNotDifficulty
		}
		now := d.now().UTC()
		if status == sr.Record.Status {
			status = "" // already so: not news to the officer
		}
		if status == "" && text == "" {
			ev = wire.Event{} // nothing changes: no event, Seq 0
			return nil
		}
		if len(sr.Record.Responses) >= record.MaxResponses {
			return ErrTooLong
		}
		ev = wire.Event{Kind: wire.EventAnswer, At: now, Record: sr.Record.ID, Status: status}
		if status != "" {
			sr.Record.Status = status
		}
		// Every answer and every status change is an item of the thread
		// (protocol 1 carried only answers with text: see wire.Event.V1).
		resp := record.Response{At: now, Author: author, Text: text, Status: status}
		sr.Record.Responses = append(sr.Record.Responses, resp)
		ev.Response = &resp
		if err := putJSON(rb, id[:], sr); err != nil {
			return err
		}
		seq, err := addEvent(tx, sr.Officer, &ev)
		if err != nil {
			return err
		}
		return audit(tx, now, d.actor, "respond", sr.Record.ID, fmt.Sprintf("event %d status %q", seq, status))
	})
	d.idx.touch(id)
	return ev, err
}

// Notice sends a notice to every officer.
func (d *DB) Notice(title, text string) (wire.Event, error) {
	title, text = cleanText(title), cleanText(text)
	if title == "" || text == "" {
		return wire.Event{}, ErrEmpty
	}
	if len([]rune(title)) > record.MaxShort || len([]rune(text)) > MaxResponse {
		return wire.Event{}, ErrTooLong
	}
	var ev wire.Event
	err := d.db.Update(func(tx *bolt.Tx) error {
		now := d.now().UTC()
		ev = wire.Event{Kind: wire.EventNotice, At: now, Title: title, Text: text}
		seq, err := addEvent(tx, "", &ev)
		if err != nil {
			return err
		}
		return audit(tx, now, d.actor, "notice", fmt.Sprint(seq), title)
	})
	return ev, err
}

func addEvent(tx *bolt.Tx, officer string, ev *wire.Event) (uint64, error) {
	eb := tx.Bucket(bucketEvents)
	seq, err := eb.NextSequence()
	if err != nil {
		return 0, err
	}
	ev.Seq = seq
	k := binary.BigEndian.AppendUint64(nil, seq)
	if err := putJSON(eb, k, eventRow{Officer: officer, Event: *ev}); err != nil {
		return 0, err
	}
	return seq, tx.Bucket(bucketEventIdx).Put(officerKey(officer, k), nil)
}

// Events returns up to limit events for an officer after seq after: the
// answers to their difficulties and the notices to all, in order; next is
// the cursor to ask from next, more says whether more wait.
func (d *DB) Events(officer string, after uint64, limit int) (evs []wire.Event, next uint64, more bool, err error) {
	next = after
	err = d.db.View(func(tx *bolt.Tx) error {
		idx, eb := tx.Bucket(bucketEventIdx), tx.Bucket(bucketEvents)
		mine := seqsAfter(idx.Cursor(), officerKey(officer, nil), after, limit+1)
		all := seqsAfter(idx.Cursor(), officerKey("", nil), after, limit+1)
		seqs := mergeSeqs(mine, all)
		if len(seqs) > limit {
			seqs, more = seqs[:limit], true
		}
		for _, s := range seqs {
			var row eventRow
			if err := getJSON(eb, binary.BigEndian.AppendUint64(nil, s), &row); err != nil {
				return err
			}
			evs = append(evs, row.Event)
			next = s
		}
		return nil
	})
	return evs, next, more, err
}

func seqsAfter(c *bolt.Cursor, prefix []byte, after uint64, limit int) []uint64 {
	var out []uint64
	start := binary.BigEndian.AppendUint64(append([]byte(nil), prefix...), after+1)
	for k, _ := c.Seek(start); k != nil && bytes.HasPrefix(k, prefix) && len(out) < limit; k, _ = c.Next() {
		if len(k) == len(prefix)+8 {
			out = append(out, binary.BigEndian.Uint64(k[len(prefix):]))
		}
	}
	return out
}

func mergeSeqs(a, b []uint64) []uint64 {
	out := make([]uint64, 0, len(a)+len(b))
	for len(a) > 0 || len(b) > 0 {
		switch {
		case len(b) == 0 || (len(a) > 0 && a[0] < b[0]):
			out, a = append(out, a[0]), a[1:]
		default:
			out, b = append(out, b[0]), b[1:]
		}
	}
	return out
}

func officerKey(officer string, rest []byte) []byte {
	k := make([]byte, 0, len(officer)+1+len(rest))
	k = append(k, officer...)
	k = append(k, 0)
	return append(k, rest...)
}

func audit(tx *bolt.Tx, at time.Time, who Actor, action, target, detail string) error {
	b := tx.Bucket(bucketAudit)
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	return putJSON(b, binary.BigEndian.AppendUint64(nil, seq),
		AuditEntry{Seq: seq, At: at.UTC(), Action: action, Target: target, Detail: detail, Actor: who})
}

func putJSON(b *bolt.Bucket, k []byte, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(k, raw)
}

func getJSON(b *bolt.Bucket, k []byte, v any) error {
	raw := b.Get(k)
	if raw == nil {
		return errMissing
	}
	return json.Unmarshal(raw, v)
}

func officerErr(err error) error {
	if err == errMissing {
		return ErrNoOfficer
	}
	return err
}
