// Package store is the officer's notebook: one bbolt file holding the
// records, their indexes (date order and diacritic-folded search terms),
// the outbox that sync drains, the officer's profile, settings and drafts.
//
// Every change a user makes is one bbolt transaction that writes the record,
// its index entries and its outbox entry together, so a crash leaves all of
// it or none of it. A record saved on its own enters the search index in
// two steps, both searched: first it waits in a small bucket (fresh), then a
// later save moves every waiting record's words into the index at once
// (see Store.put). Import writes the index directly, grouped (see index.go).
//
// The files follow the buckets and what is done with them: store.go opens
// the file, migrate.go brings old layouts up to date; records.go creates,
// changes, deletes and reads records, import.go saves many at once, and
// writer.go is the batched writer both go through; body.go is how a record
// is kept (compressed, with its doc number and outbox sequence); counts.go
// keeps the totals, index.go the date order and search terms, postings.go
// the words' compressed postings, query.go reads them;
// outbox.go is what waits for HQ (push batches and their acknowledgement),
// parked.go what HQ refused, inbox.go what HQ sent, review.go what HQ said
// of each record (reviews, receipts) and the officer's follow-ups, syncstate.go the link
// with HQ; profile.go and settings.go the officer's own.
package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"sotay/record"
)

// FileName is the notebook's file inside its data directory.
const FileName = "sotay.db"

// Errors callers tell apart. Each carries a code the i18n catalog words
// ("err." + code), since the catalog does not import this package.
var (
	// ErrLocked: another process (another window) has the notebook open.
	ErrLocked error = &codedError{"locked", "the notebook is already open in another window"}
	// ErrNotFound: no record with that id.
	ErrNotFound error = &codedError{"not_found", "record not found"}
	// ErrDeleted: the record was deleted and cannot be edited.
	ErrDeleted error = &codedError{"deleted", "record was deleted"}
	// ErrNoProfile: the notebook has not been set up (sotay init).
	ErrNoProfile error = &codedError{"no_profile", "the notebook has no officer profile yet"}
	// ErrTooNew: the file was written by a newer sotay.
	ErrTooNew error = &codedError{"too_new", "the notebook was written by a newer version of sotay"}
)

// codedError is one of the errors above.
type codedError struct{ code, text string }

func (e *codedError) Error() string { return e.text }

// StoreCode names the error for the i18n catalog.
func (e *codedError) StoreCode() string { return e.code }

// Bucket names. Keys inside are described where they are written.
var (
	bucketMeta     = []byte("meta")     // schema version, profile, counters
	bucketSettings = []byte("settings") // key → value
	bucketDrafts   = []byte("drafts")   // key → opaque bytes from the UI
	bucketRecords  = []byte("recs")     // id(16) → doc(4) seq(8) zstd(JSON) (schema 4, see body.go)
	bucketDocs     = []byte("docs")     // doc(4) → id(16): the records the postings name (schema 4)
	bucketByDate   = []byte("bydate")   // kind(1) sortkey(20) → nil
	bucketTerms    = []byte("terms")    // term 0x00 day(4) → postings chunk (see postings.go)
	bucketFresh    = []byte("fresh")    // sortkey(20) → forward list: saved, not yet in terms (schema 2)
	bucketOutbox   = []byte("outbox")   // seq(8) → id(16) rev(8)

	// Older layouts, read by migrations only:
	bucketRecords3 = []byte("records") // schema 1–3: id(16) → record JSON; id(16) 'f' → forward list
	bucketForward  = []byte("forward") // schema 1–2: id(16) → forward list
	bucketPending  = []byte("pending") // schema 1–3: id(16) → latest seq(8), now in the record's value

	// Kept for sync, which owns their contents (see package sync):
	bucketInbox  = []byte("inbox")  // what HQ sent: notices and answers
	bucketParked = []byte("parked") // records HQ rejected, with its reason
	bucketSync   = []byte("sync")   // cursor, last success, last error, HQ
)

// Options tune Open. The zero value is what the program uses.
type Options struct {
	// LockTimeout is how long Open waits for another process to let go of
	// the file. Default one second.
	LockTimeout time.Duration
	// Now is the clock; default time.Now. Tests set it.
	Now func() time.Time
	// NoSync skips fsync. Only for throwaway notebooks in tests and benchmarks
	// that measure something other than durability.
	NoSync bool
	// Progress, if set, is told how far a migration of an older notebook
	// has come (records done of total), for the CLI or TUI to show: a
	// large notebook takes seconds.
	Progress func(done, total int)
}

// initialMmap is the address space mapped on open: room for a notebook of a
// few hundred thousand records without growing the map.
const initialMmap = 1 << 30

// defaultFreshMax bounds the records a search checks one by one (those in
// fresh) and spreads the cost of indexing them over that many saves.
const defaultFreshMax = 500

// Store is an open notebook. It is safe for concurrent use.
type Store struct {
	db    *bolt.DB
	codec *codec
	now   func() time.Time
	ids   record.IDGen
	path  string
	// freshMax is how many records wait in fresh before a save moves
	// their words into the search index.
	freshMax int
}

// Open opens the notebook at path, creating it and its directory if needed,
// and runs migrations. A second process gets ErrLocked after about a second.
func Open(path string, opt Options) (*Store, error) {
	if opt.LockTimeout == 0 {
		opt.LockTimeout = time.Second
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("open notebook: %w", err)
	}
	bopt := &bolt.Options{
		Timeout:      opt.LockTimeout,
		FreelistType: bolt.FreelistMapType,
		NoSync:       opt.NoSync,
	}
	if runtime.GOOS != "windows" && strconv.IntSize == 64 {
		// Map address space for a large notebook up front: each time
		// bbolt grows the map it copies every key of every node the
		// transaction touched out of the old one. (On Windows the file
		// would grow to the map size.)
		bopt.InitialMmapSize = initialMmap
	}
	db, err := bolt.Open(path, 0o600, bopt)
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, ErrLocked
	}
	if err != nil {
		return nil, fmt.Errorf("open notebook %s: %w", path, err)
	}
	c, err := newCodec()
	if err != nil {
		db.Close()
		return nil, err
	}
	s := &Store{db: db, codec: c, now: opt.Now, path: path, freshMax: defaultFreshMax}
	rewrote, err := s.migrate(opt.Progress)
	if err == nil && rewrote {
		err = s.compact(bopt)
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	if err := s.ensureBuckets(); err != nil {
		s.Close()
		return nil, fmt.Errorf("open notebook %s: %w", path, err)
	}
	return s, nil
}

// compact copies the notebook into a new file and puts it in the old one's
// place, after a migration freed most of the file's pages (bbolt never
// shrinks a file). A crash before the rename leaves the migrated file, one
// after it the copy; either opens.
func (s *Store) compact(bopt *bolt.Options) error {
	tmp := s.path + ".compact"
	os.Remove(tmp) // left by a crash: never in use
	dst, err := bolt.Open(tmp, 0o600, &bolt.Options{NoSync: bopt.NoSync})
	if err != nil {
		return fmt.Errorf("compact notebook: %w", err)
	}
	if err := bolt.Compact(dst, s.db, 64<<20); err != nil {
		dst.Close()
		os.Remove(tmp)
		return fmt.Errorf("compact notebook: %w", err)
	}
	if err := dst.Sync(); err != nil {
		dst.Close()
		os.Remove(tmp)
		return fmt.Errorf("compact notebook: %w", err)
	}
	if err := dst.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("compact notebook: %w", err)
	}
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("compact notebook: %w", err)
	}
	if err := os.Rename(tmp, s.path); err != nil {
		return fmt.Errorf("compact notebook: %w", err)
	}
	if d, err := os.Open(filepath.Dir(s.path)); err == nil {
		d.Sync() // the rename on disk: best effort, the data is already
		d.Close()
	}
	db, err := bolt.Open(s.path, 0o600, bopt)
	if err != nil {
		return fmt.Errorf("reopen compacted notebook: %w", err)
	}
	s.db = db
	return nil
}

// Close closes the file. Pending work is already durable.
func (s *Store) Close() error {
	s.codec.close()
	return s.db.Close()
}

// Path is the notebook's file.
func (s *Store) Path() string { return s.path }

// Check runs bbolt's consistency check over the whole file.
func (s *Store) Check() error {
	return s.db.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			if err != nil {
				return err
			}
		}
		return nil
	})
}

func getUint(b *bolt.Bucket, key string) uint64 {
	v := b.Get([]byte(key))
	if len(v) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(v)
}

func putUint(b *bolt.Bucket, key string, v uint64) error {
	var buf [8]byte
	binary.BigEndian.PutUint64(buf[:], v)
	return b.Put([]byte(key), buf[:])
}

func addUint(b *bolt.Bucket, key string, delta int64) error {
	v := int64(getUint(b, key)) + delta
	if v < 0 {
		v = 0
	}
	return putUint(b, key, uint64(v))
}

// ctxErr lets long scans stop when their caller gives up.
func ctxErr(ctx context.Context) error {
	if ctx == nil {
		return nil
	}
	return ctx.Err()
}
