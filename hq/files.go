package hq

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"

	"sotay/atomicfile"
	"sotay/record"
	"sotay/sync/wire"
)

// Attached files at HQ. The bytes of a file received whole live under the
// data directory in files/, one file per SHA-256; an upload in progress
// is files/part/ID, renamed into place only once its last byte is in and
// its hash and type are checked, so a file is never half-visible. What HQ
// knows of them is in bbolt:
//
//	files:     sha256 hex → FileInfo JSON: a file HQ holds
//	uploads:   upload id → uploadRow JSON: an upload in progress
//	filequota: officer → bytes(8): what the officer's files and open
//	           uploads take, against Limits.FileQuota

var (
	bucketFiles     = []byte("files")
	bucketUploads   = []byte("uploads")
	bucketFileQuota = []byte("filequota")
)

// FileInfo is a file HQ holds.
type FileInfo struct {
	Size     int64     `json:"size"`
	Type     string    `json:"type"`
	Received time.Time `json:"received"`
	Officer  string    `json:"officer"` // who sent it first
}

// uploadRow is an upload in progress.
type uploadRow struct {
	ID      string    `json:"id"`
	Officer string    `json:"officer"`
	Record  string    `json:"record"`
	SHA256  string    `json:"sha256"`
	Name    string    `json:"name"`
	Type    string    `json:"type"`
	Length  int64     `json:"length"`
	Created time.Time `json:"created"`
}

// uploadTTL is how long an upload nobody continues keeps its bytes and its
// share of the quota.
const uploadTTL = 7 * 24 * time.Hour

// Errors of uploads, each with its wire code.
var (
	errNotListed   = &Error{wire.CodeNotListed, "no record of the officer at HQ lists this file"}
	errQuota       = &Error{wire.CodeQuota, "over the officer's quota of files at HQ"}
	errTooMany     = &Error{wire.CodeTooManyUploads, "too many uploads open at once"}
	errNoUpload    = &Error{wire.CodeNotFound, "no such upload"}
	errHash        = &Error{wire.CodeHashMismatch, "the bytes do not have the declared SHA-256"}
	errFileType    = &Error{wire.CodeFileType, "the file is not of the declared type"}
	errFileTooBig  = &Error{wire.CodeFileTooLarge, "the file is over the per-file limit"}
	errFileBadName = &Error{wire.CodeBadName, "the file name cannot be used"}
)

// FilesDir is where HQ keeps attached files.
func (d *DB) FilesDir() string { return filepath.Join(d.dir, "files") }

// FilePath is where the file with that SHA-256 (hex) is kept.
func (d *DB) FilePath(sum string) string { return filepath.Join(d.FilesDir(), sum[:2], sum) }

func (d *DB) partPath(id string) string { return filepath.Join(d.FilesDir(), "part", id) }

// File says whether HQ holds the file with that hash, and what it is.
func (d *DB) File(sum string) (FileInfo, bool, error) {
	var fi FileInfo
	found := false
	err := d.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketFiles)
		if b == nil {
			return nil
		}
		if v := b.Get([]byte(sum)); v != nil {
			found = true
			return json.Unmarshal(v, &fi)
		}
		return nil
	})
	return fi, found, err
}

// createUpload checks a declared file against the officer's record and
// quota and opens its upload. held is true when HQ already holds the
// bytes (sent by this or another record): nothing is opened then.
func (d *DB) createUpload(officer string, length int64, m wire.FileMeta, maxOpen int, quota int64) (row uploadRow, held bool, err error) {
	if err := record.CheckFileName(m.Name); err != nil {
		return uploadRow{}, false, errFileBadName
	}
	if length <= 0 || length > record.MaxFileBytes {
		return uploadRow{}, false, errFileTooBig
	}
	id, err := record.ParseID(m.Record)
	if err != nil || !record.IsSHA256(m.SHA256) {
		return uploadRow{}, false, errNotListed
	}
	var buf [16]byte
	rand.Read(buf[:])
	row = uploadRow{ID: hex.EncodeToString(buf[:]), Officer: officer, Record: m.Record, SHA256: m.SHA256,
		Name: m.Name, Type: m.Type, Length: length, Created: d.now().UTC()}
	err = d.db.Update(func(tx *bolt.Tx) error {
		var sr StoredRecord
		if err := getJSON(tx.Bucket(bucketRecords), id[:], &sr); err != nil || sr.Officer != officer {
			return errNotListed
		}
		a, ok := sr.Record.Attachment(m.Name)
		if !ok || a.SHA256 != m.SHA256 || a.Size != length || a.Type != m.Type {
			return errNotListed
		}
		files, err := tx.CreateBucketIfNotExists(bucketFiles)
		if err != nil {
			return err
		}
		if files.Get([]byte(m.SHA256)) != nil {
			held = true
			return nil
		}
		ups, err := tx.CreateBucketIfNotExists(bucketUploads)
		if err != nil {
			return err
		}
		open := 0
		c := ups.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			var u uploadRow
			if json.Unmarshal(v, &u) == nil && u.Officer == officer {
				if u.SHA256 == m.SHA256 {
					row = u // the same file asked again (an answer lost): continue that upload
					return nil
				}
				open++
			}
		}
		if open >= maxOpen {
			return errTooMany
		}
		q, err := tx.CreateBucketIfNotExists(bucketFileQuota)
		if err != nil {
			return err
		}
		if used := getUint64(q, officer); used+uint64(length) > uint64(quota) {
			return errQuota
		}
		if err := addQuota(q, officer, length); err != nil {
			return err
		}
		return putJSON(ups, []byte(row.ID), row)
	})
	if err != nil {
		return uploadRow{}, false, err
	}
	return row, held, nil
}

// upload returns the officer's upload id; another officer's is errNoUpload.
func (d *DB) upload(officer, id string) (uploadRow, error) {
	var row uploadRow
	err := d.db.View(func(tx *bolt.Tx) error {
		ups := tx.Bucket(bucketUploads)
		if ups == nil || len(id) != 32 {
			return errNoUpload
		}
		if err := getJSON(ups, []byte(id), &row); err != nil || row.Officer != officer {
			return errNoUpload
		}
		return nil
	})
	return row, err
}

// finishUpload counts a checked file received: it is renamed into place
// and listed, and the upload closed, in that order (a crash between leaves
// the file in place and the upload open; finishing again lists it).
func (d *DB) finishUpload(row uploadRow) error {
	final := d.FilePath(row.SHA256)
	if err := os.MkdirAll(filepath.Dir(final), 0o700); err != nil {
		return err
	}
	if err := os.Rename(d.partPath(row.ID), final); err != nil {
		return err
	}
	atomicfile.SyncDir(filepath.Dir(final))
	return d.db.Update(func(tx *bolt.Tx) error {
		files, err := tx.CreateBucketIfNotExists(bucketFiles)
		if err != nil {
			return err
		}
		if files.Get([]byte(row.SHA256)) == nil {
			if err := putJSON(files, []byte(row.SHA256), FileInfo{Size: row.Length, Type: row.Type, Received: d.now().UTC(), Officer: row.Officer}); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketUploads).Delete([]byte(row.ID))
	})
}

// dropUpload ends an upload that failed its checks (or expired): its bytes
// go and its share of the quota comes back. Nothing of it stays.
func (d *DB) dropUpload(row uploadRow) error {
	if err := os.Remove(d.partPath(row.ID)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return d.db.Update(func(tx *bolt.Tx) error {
		ups := tx.Bucket(bucketUploads)
		if ups == nil || ups.Get([]byte(row.ID)) == nil {
			return nil
		}
		if err := ups.Delete([]byte(row.ID)); err != nil {
			return err
		}
		return addQuota(tx.Bucket(bucketFileQuota), row.Officer, -row.Length)
	})
}

// expireUploads drops the uploads nobody continued for uploadTTL.
func (d *DB) expireUploads() error {
	var old []uploadRow
	cutoff := d.now().Add(-uploadTTL)
	err := d.db.View(func(tx *bolt.Tx) error {
		ups := tx.Bucket(bucketUploads)
		if ups == nil {
			return nil
		}
		return ups.ForEach(func(_, v []byte) error {
			var u uploadRow
			if json.Unmarshal(v, &u) == nil && u.Created.Before(cutoff) {
				if fi, err := os.Stat(d.partPath(u.ID)); err != nil || fi.ModTime().Before(cutoff) {
					old = append(old, u)
				}
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	for _, u := range old {
		if err := d.dropUpload(u); err != nil {
			return err
		}
	}
	return nil
}

func getUint64(b *bolt.Bucket, key string) uint64 {
	if v := b.Get([]byte(key)); len(v) == 8 {
		return binary.BigEndian.Uint64(v)
	}
	return 0
}

func addQuota(b *bolt.Bucket, officer string, delta int64) error {
	if b == nil {
		return fmt.Errorf("no quota bucket")
	}
	return b.Put([]byte(officer), binary.BigEndian.AppendUint64(nil, uint64(max(int64(getUint64(b, officer))+delta, 0))))
}
