package store

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"sotay/record"
)

// schema3File is a notebook written by the schema-3 code (commit e39ef41)
// with TestWriteSchema3Fixture; schema3Golden is what that code read back
// from it. Both are kept so every later schema is migrated from a real file.
const (
	schema3File   = "testdata/schema3.db"
	schema3Golden = "testdata/schema3.golden.json"
)

// fixtureSearches are the queries whose results must survive a migration:
// one and two words, prefixes down to one letter, kinds and dates.
var fixtureSearches = []Query{
	{},
	{Kind: record.KindLog},
	{Kind: record.KindDifficulty, Status: "new"},
	{Search: "xa"},
	{Search: "ha noi"},
	{Search: "cong chuc"},
	{Search: "khao ngan"},
	{Search: "p"},
	{Search: "t", Kind: record.KindTraining},
	{Search: "phuong", From: "2026-01-01", To: "2026-03-31"},
	{Search: "che do chinh sach"},
}

// notebookDump is everything a user or sync can read from a notebook.
type notebookDump struct {
	Records  []record.Record `json:"records"` // by id, tombstones included
	Searches [][]string      `json:"searches"`
	Push     PushBatch       `json:"push"`
	Pending  int             `json:"pending"`
	Parked   []ParkedRecord  `json:"parked"`
	Notices  []Notice        `json:"notices"`
	Unread   [2]int          `json:"unread"`
	Counts   Counts          `json:"counts"`
	Sync     SyncState       `json:"sync"`
}

// dump reads d from s; ids are the records to get one by one.
func dump(t *testing.T, s *Store, ids []string) notebookDump {
	t.Helper()
	ctx := context.Background()
	var d notebookDump
	for _, id := range ids {
		r, err := s.Get(id)
		if err != nil {
			t.Fatalf("get %s: %v", id, err)
		}
		d.Records = append(d.Records, r)
	}
	for _, q := range fixtureSearches {
		var got []string
		q.Limit = 7 // several pages: cursors too
		for {
			p, err := s.List(ctx, q)
			if err != nil {
				t.Fatalf("list %+v: %v", q, err)
			}
			for _, r := range p.Records {
				got = append(got, r.ID)
			}
			if p.Next == "" {
				break
			}
			q.After = p.Next
		}
		d.Searches = append(d.Searches, got)
	}
	var err error
	if d.Push, err = s.NextPush(0, math.MaxInt32, math.MaxInt32); err != nil {
		t.Fatal(err)
	}
	if d.Pending, err = s.Pending(); err != nil {
		t.Fatal(err)
	}
	if d.Parked, err = s.Parked(); err != nil {
		t.Fatal(err)
	}
	if d.Notices, err = s.Notices(ctx, 0); err != nil {
		t.Fatal(err)
	}
	if d.Unread[0], d.Unread[1], err = s.UnreadCounts(); err != nil {
		t.Fatal(err)
	}
	if d.Counts, err = s.Counts(); err != nil {
		t.Fatal(err)
	}
	if d.Sync, err = s.SyncState(); err != nil {
		t.Fatal(err)
	}
	return d
}

// TestWriteSchema3Fixture wrote testdata/schema3.db and its golden dump with
// the schema-3 code. It only runs when asked (SOTAY_WRITE_SCHEMA3=1) and
// must be run at a schema-3 commit: at a later one it would write that
// schema instead.
func TestWriteSchema3Fixture(t *testing.T) {
	if os.Getenv("SOTAY_WRITE_SCHEMA3") == "" {
		t.Skip("writes testdata at a schema-3 commit only")
	}
	if SchemaVersion != 3 {
		t.Fatalf("schema %d: check out a schema-3 commit", SchemaVersion)
	}
	os.Remove(schema3File)
	clock := genNow
	s, err := Open(schema3File, Options{NoSync: true, Now: func() time.Time { clock = clock.Add(time.Second); return clock }})
	if err != nil {
		t.Fatal(err)
	}
	// Indexed in bulk, then saved one at a time (some still in fresh),
	// changed, deleted, partly pushed, refused, answered.
	if err := s.Import(context.Background(), newGen(11).records(400), nil); err != nil {
		t.Fatal(err)
	}
	var made []record.Record
	for _, r := range recent(newGen(12).records(120)) {
		made = append(made, mustCreate(t, s, r))
	}
	s.freshMax = 1 << 30 // the rest stay in fresh
	for _, r := range recent(newGen(13).records(30)) {
		made = append(made, mustCreate(t, s, r))
	}
	for i, r := range made[:20] {
		r.Content += " sửa lần hai"
		if _, err := s.Update(r); err != nil {
			t.Fatal(i, err)
		}
	}
	for _, r := range made[140:145] {
		if _, err := s.Delete(r.ID); err != nil {
			t.Fatal(err)
		}
	}
	b, err := s.NextPush(0, 300, math.MaxInt32)
	if err != nil {
		t.Fatal(err)
	}
	var rj []Rejection
	for _, raw := range b.Records[:3] {
		var r record.Record
		if err := json.Unmarshal(raw, &r); err != nil {
			t.Fatal(err)
		}
		rj = append(rj, Rejection{ID: r.ID, Rev: r.Rev, Code: "invalid", Reason: "test refusal"})
	}
	if err := s.AckPush(b.Through, rj); err != nil {
		t.Fatal(err)
	}
	var diff []record.Record
	for _, r := range made {
		if r.Kind == record.KindDifficulty && !slices.ContainsFunc(made[140:145], func(d record.Record) bool { return d.ID == r.ID }) {
			diff = append(diff, r)
		}
	}
	at := genNow.Add(time.Hour)
	err = s.ApplyInbox([]InboxEvent{
		{Seq: 1, At: at, RecordID: diff[0].ID, Status: "in_progress"},
		{Seq: 2, At: at, RecordID: diff[1].ID, Response: &record.Response{At: at, Author: "Vụ Chính quyền địa phương", Text: "Đã tiếp nhận."}},
		{Seq: 3, At: at, Notice: &Notice{ID: "n1", At: at, Title: "Thông báo", Text: "Họp giao ban thứ Hai."}},
	}, 3)
	if err != nil {
		t.Fatal(err)
	}
	d := dump(t, s, allIDs(t, s))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	out, err := json.MarshalIndent(d, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(schema3Golden, out, 0o644); err != nil {
		t.Fatal(err)
	}
}

// allIDs lists every record's id, tombstones included, in id order.
func allIDs(t *testing.T, s *Store) []string {
	t.Helper()
	var ids []string
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketRecords).ForEach(func(k, _ []byte) error {
			if len(k) == 16 {
				ids = append(ids, record.FormatID([16]byte(k)))
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// TestMigrateSchema3 opens a copy of the schema-3 notebook: the migration
// runs on open, and everything read afterwards is what the schema-3 code
// read from it.
func TestMigrateSchema3(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sotay.db")
	if err := copyFile(schema3File, path); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, Options{NoSync: true, Now: func() time.Time { return genNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + ".compact"); !os.IsNotExist(err) {
		t.Errorf("the compaction's copy is left: %v", err)
	}
	before, _ := os.Stat(schema3File)
	if after, _ := os.Stat(path); after.Size() >= before.Size() {
		t.Errorf("file %d bytes after migration, %d before", after.Size(), before.Size())
	}
	readsAsGolden(t, s, schema3Golden)
}

// readsAsGolden fails unless s reads as the dump in the file golden says:
// the same records, searches, outbox and the rest, compared as JSON (what
// callers see, times included).
func readsAsGolden(t *testing.T, s *Store, golden string) {
	t.Helper()
	raw, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	var want notebookDump
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(want.Records))
	for i, r := range want.Records {
		ids[i] = r.ID
	}
	got := dump(t, s, ids)
	gotJSON, _ := json.Marshal(got)
	wantJSON, _ := json.Marshal(want)
	if string(gotJSON) != string(wantJSON) {
		for i := range want.Records {
			if !reflect.DeepEqual(got.Records[i], want.Records[i]) {
				t.Errorf("record %s: got %+v\nwant %+v", ids[i], got.Records[i], want.Records[i])
				break
			}
		}
		for i := range want.Searches {
			if !slices.Equal(got.Searches[i], want.Searches[i]) {
				t.Errorf("search %+v: got %d ids, want %d", fixtureSearches[i], len(got.Searches[i]), len(want.Searches[i]))
			}
		}
		t.Fatalf("after migration the notebook reads differently")
	}
}

// writeSchema1 writes a schema-1 notebook holding recs, each indexed and
// queued for HQ, in that layout: record JSON by id, every posting in terms
// (term 0x00 sortkey → kind), forward lists in their own bucket, the
// outbox with pending beside it.
func writeSchema1(t *testing.T, path string, recs ...record.Record) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		if err := migrations[0](tx, nil); err != nil {
			return err
		}
		meta := tx.Bucket(bucketMeta)
		for _, r := range recs {
			id, err := record.ParseID(r.ID)
			if err != nil {
				return err
			}
			v, err := r.MarshalJSON()
			if err != nil {
				return err
			}
			sk := sortKey(r.Date, id)
			kind := kindByte(r.Kind)
			terms := recordTerms(&r)
			if err := tx.Bucket(bucketRecords3).Put(id[:], v); err != nil {
				return err
			}
			if err := tx.Bucket(bucketByDate).Put(append([]byte{kind}, sk[:]...), nil); err != nil {
				return err
			}
			for _, term := range terms {
				if err := tx.Bucket(bucketTerms).Put(append(append([]byte(term), 0), sk[:]...), []byte{kind}); err != nil {
					return err
				}
			}
			if err := tx.Bucket(bucketForward).Put(id[:], forwardValue(r.Kind, terms)); err != nil {
				return err
			}
			seq, err := tx.Bucket(bucketOutbox).NextSequence()
			if err != nil {
				return err
			}
			k := binary.BigEndian.AppendUint64(nil, seq)
			out := binary.BigEndian.AppendUint64(append([]byte(nil), id[:]...), uint64(r.Rev))
			if err := tx.Bucket(bucketOutbox).Put(k, out); err != nil {
				return err
			}
			if err := tx.Bucket(bucketPending).Put(id[:], k); err != nil {
				return err
			}
			if err := addUint(meta, "count:"+string(r.Kind), 1); err != nil {
				return err
			}
			if err := addUint(meta, "pending", 1); err != nil {
				return err
			}
		}
		return putUint(meta, "schema", 1)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestMigrateLarge migrates a large schema-3 notebook made elsewhere, when
// given one: SOTAY_SCHEMA3_FILE names it and SOTAY_SCHEMA3_GOLDEN what the
// schema-3 code read from it (see TestWriteSchema3Fixture's dump). It
// reports the time and the sizes before and after.
func TestMigrateLarge(t *testing.T) {
	src, golden := os.Getenv("SOTAY_SCHEMA3_FILE"), os.Getenv("SOTAY_SCHEMA3_GOLDEN")
	if src == "" || golden == "" {
		t.Skip("SOTAY_SCHEMA3_FILE and SOTAY_SCHEMA3_GOLDEN name a large schema-3 notebook")
	}
	path := filepath.Join(t.TempDir(), "sotay.db")
	if err := copyFile(src, path); err != nil {
		t.Fatal(err)
	}
	before, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	calls, last := 0, 0
	start := time.Now()
	s, err := Open(path, Options{Progress: func(done, total int) { calls, last = calls+1, done }})
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	defer s.Close()
	after, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	// Open compacts the file after the migration: bbolt never shrinks
	// one, and the old layout's pages are free.
	t.Logf("migrated %d records in %v (%d progress calls); file %d → %d bytes", last, took, calls, before.Size(), after.Size())
	readsAsGolden(t, s, golden)
	if calls == 0 {
		t.Error("no progress reported")
	}
}

// TestMigrateFailsWhole breaks the last record of the schema-3 notebook, so
// the migration fails after rewriting every other one: the file is left
// exactly at schema 3, and opens again once mended.
func TestMigrateFailsWhole(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sotay.db")
	if err := copyFile(schema3File, path); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	var lastKey, lastVal []byte
	keys := func(tx *bolt.Tx) (n int) {
		tx.ForEach(func(_ []byte, b *bolt.Bucket) error { n += b.Stats().KeyN; return nil })
		return n
	}
	var before int
	err = db.Update(func(tx *bolt.Tx) error {
		recs := tx.Bucket(bucketRecords3)
		c := recs.Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			if len(k) == 16 {
				lastKey, lastVal = append([]byte(nil), k...), append([]byte(nil), v...)
				break
			}
		}
		before = keys(tx)
		return recs.Put(lastKey, []byte("{not json"))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	progressed := 0
	if _, err := Open(path, Options{NoSync: true, Progress: func(done, _ int) { progressed = done }}); err == nil {
		t.Fatal("migration of a broken record succeeded")
	}
	if progressed == 0 {
		t.Error("the migration stopped before it began: not the case under test")
	}
	if v := schemaOf(t, path); v != 3 {
		t.Fatalf("after a failed migration the file claims schema %d", v)
	}
	db, err = bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketRecords) != nil || tx.Bucket(bucketRecords3) == nil {
			return errors.New("a failed migration left part of its work")
		}
		if n := keys(tx); n != before {
			return fmt.Errorf("%d keys after a failed migration, %d before", n, before)
		}
		return tx.Bucket(bucketRecords3).Put(lastKey, lastVal)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, Options{NoSync: true})
	if err != nil {
		t.Fatalf("mended file: %v", err)
	}
	s.Close()
}
