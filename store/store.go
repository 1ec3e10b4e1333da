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
// writer.go is the batched writer both go through; counts.go keeps the
// totals, index.go the date order and search terms, query.go reads them;
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
	bucketRecords  = []byte("records")  // id(16) → record JSON; id(16) 'f' → forward list (schema 3)
	bucketByDate   = []byte("bydate")   // kind(1) sortkey(20) → nil
	bucketTerms    = []byte("terms")    // term 0x00 sortkey(20) → kind(1) [^id(16) kind(1)]… (see index.go)
	bucketForward  = []byte("forward")  // schema 1–2: id(16) → forward list, now in records
	bucketFresh    = []byte("fresh")    // sortkey(20) → kind(1): saved, not yet in terms (schema 2)
	bucketOutbox   = []byte("outbox")   // seq(8) → id(16) rev(8)
	bucketPending  = []byte("pending")  // id(16) → latest seq(8)

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
}

// initialMmap is the address space mapped on open: room for a notebook of a
// few hundred thousand records without growing the map.
const initialMmap = 1 << 30

// defaultFreshMax bounds the records a search checks one by one (those in
// fresh) and spreads the cost of indexing them over that many saves.
const defaultFreshMax = 500

// Store is an open notebook. It is safe for concurrent use.
type Store struct {
	db   *bolt.DB
	now  func() time.Time
	ids  record.IDGen
	path string
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
	s := &Store{db: db, now: opt.Now, path: path, freshMax: defaultFreshMax}
	if err := s.migrate(); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.ensureBuckets(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open notebook %s: %w", path, err)
	}
	return s, nil
}

// Close closes the file. Pending work is already durable.
func (s *Store) Close() error { return s.db.Close() }

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
