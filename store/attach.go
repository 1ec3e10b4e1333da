package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"sotay/atomicfile"
	"sotay/photo"
	"sotay/record"
)

// Attachments in the notebook. The bytes of every file live in the folder
// FilesDir beside the notebook's file, one file per SHA-256 (the same file
// attached twice is stored once), written whole or not at all
// (atomicfile). The record lists them (record.Attachment); attaching is one
// transaction that saves the record's new rev with its outbox entry, the
// file's upload in the queue (bucket uploads) and its reference (bucket
// filerefs), so a crash leaves the record with the file queued or neither.
// A file whose bytes were written but whose transaction failed is an
// orphan that CollectFiles removes.
//
//	uploads:  sha256 hex → Upload JSON: what to send HQ, and how far it got
//	filerefs: sha256 hex 0x00 id(16) → nil: which records list a file
//	          (both the copy that travels and the original)

var (
	bucketUploads  = []byte("uploads")
	bucketFileRefs = []byte("filerefs")
)

// FilesDir is the folder of the notebook's attached files.
func (s *Store) FilesDir() string { return filepath.Join(filepath.Dir(s.path), "files") }

// FilePath is where the file with that SHA-256 (hex) is kept.
func (s *Store) FilePath(sum string) string {
	return filepath.Join(s.FilesDir(), sum[:2], sum)
}

// Upload is one file waiting to reach HQ (or that reached it: Done).
type Upload struct {
	SHA256 string `json:"sha256"`
	Name   string `json:"name"`   // as the first record that listed it calls it
	Size   int64  `json:"size"`   //
	Type   string `json:"type"`   //
	Record string `json:"record"` // a record that lists it: HQ checks it does
	URL    string `json:"url,omitempty"`
	Offset int64  `json:"offset,omitempty"` // what HQ last said it holds
	Done   bool   `json:"done,omitempty"`
	Failed string `json:"failed,omitempty"` // HQ's code when it refused the file for good
}

// AttachOptions tune Attach.
type AttachOptions struct {
	// Original sends photos as they are instead of a reduced copy.
	Original bool
}

// stored is one file copied into FilesDir, ready to be listed.
type stored struct {
	att  record.Attachment
	refs []string // hashes the record now references
}

// Attach copies the files at paths into the notebook and lists them on the
// record, in one transaction with its new rev. A file is checked before
// anything is written: its name (record.CleanFileName), its size, its type
// (sniffed from the content); a photo over photo.MaxPixels also gets a
// reduced copy, which is what travels, unless opt.Original. The whole list
// must fit the record's limits; nothing is listed if one file is refused.
func (s *Store) Attach(idText string, paths []string, opt AttachOptions) (record.Record, error) {
	if _, err := record.ParseID(idText); err != nil {
		return record.Record{}, err
	}
	files := make([]stored, 0, len(paths))
	for _, p := range paths {
		f, err := s.storeFile(p, opt)
		if err != nil {
			return record.Record{}, err
		}
		files = append(files, f)
	}
	now := s.now()
	return s.modifyTx(idText, "attach files", func(tx *bolt.Tx, old *record.Record) (record.Record, error) {
		r := *old
		r.Attachments = slices.Clone(old.Attachments)
		for _, f := range files {
			if _, dup := r.Attachment(f.att.Name); dup {
				return record.Record{}, record.FileProblem(record.ProblemFileDup, f.att.Name, 0)
			}
			r.Attachments = append(r.Attachments, f.att)
		}
		if err := r.Normalize(now); err != nil {
			return record.Record{}, err
		}
		r.Updated = now.UTC()
		id, _ := record.ParseID(r.ID)
		for _, f := range files {
			if err := queueUpload(tx, f.att, r.ID); err != nil {
				return record.Record{}, err
			}
			for _, sum := range f.refs {
				if err := putRef(tx, sum, id); err != nil {
					return record.Record{}, err
				}
			}
		}
		return r, nil
	})
}

// Detach takes the file listed under name off the record (rev + 1). Its
// bytes stay until CollectFiles finds no record needs them.
func (s *Store) Detach(idText, name string) (record.Record, error) {
	now := s.now()
	return s.modifyTx(idText, "detach file", func(tx *bolt.Tx, old *record.Record) (record.Record, error) {
		r := *old
		r.Attachments = nil
		found := false
		for _, a := range old.Attachments {
			if strings.EqualFold(a.Name, name) && !found {
				found = true
				continue
			}
			r.Attachments = append(r.Attachments, a)
		}
		if !found {
			return record.Record{}, record.FileProblem(record.ProblemNoFile, name, 0)
		}
		r.Updated = now.UTC()
		return r, nil
	})
}

// OpenPath is the file an officer opens for the record's file name: the
// original when a reduced copy travels.
func (s *Store) OpenPath(idText, name string) (string, error) {
	r, err := s.Get(idText)
	if err != nil {
		return "", err
	}
	a, ok := r.Attachment(name)
	if !ok {
		return "", record.FileProblem(record.ProblemNoFile, name, 0)
	}
	sum := a.SHA256
	if a.Original != nil {
		sum = a.Original.SHA256
	}
	p := s.FilePath(sum)
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("open file %q: %w", a.Name, err)
	}
	return p, nil
}

// storeFile checks the file at path and copies it (and its reduced copy)
// into FilesDir.
func (s *Store) storeFile(path string, opt AttachOptions) (stored, error) {
	name, err := record.CleanFileName(path)
	if err != nil {
		return stored{}, err
	}
	f, err := os.Open(path)
	if err != nil {
		return stored{}, fmt.Errorf("attach %q: %w", name, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return stored{}, fmt.Errorf("attach %q: %w", name, err)
	}
	if !fi.Mode().IsRegular() {
		return stored{}, record.FileProblem(record.ProblemFileType, name, 0)
	}
	if fi.Size() > record.MaxFileBytes {
		return stored{}, record.FileProblem(record.ProblemFileSize, name, record.MaxFileBytes>>20)
	}
	if fi.Size() == 0 {
		return stored{}, record.FileProblem(record.ProblemFileType, name, 0)
	}
	typ, err := record.SniffType(f, fi.Size())
	if errors.Is(err, record.ErrHEIC) {
		return stored{}, record.FileProblem(record.ProblemHEIC, name, 0)
	}
	if err != nil {
		return stored{}, record.FileProblem(record.ProblemFileType, name, 0)
	}
	data, err := io.ReadAll(io.LimitReader(f, record.MaxFileBytes+1))
	if err != nil {
		return stored{}, fmt.Errorf("attach %q: %w", name, err)
	}
	if int64(len(data)) != fi.Size() {
		return stored{}, fmt.Errorf("attach %q: the file changed while it was read", name)
	}
	sum, err := s.keepBytes(data)
	if err != nil {
		return stored{}, fmt.Errorf("attach %q: %w", name, err)
	}
	att := record.Attachment{Name: name, Size: int64(len(data)), Type: typ, SHA256: sum}
	out := stored{att: att, refs: []string{sum}}
	if (typ == record.TypeJPEG || typ == record.TypePNG) && !opt.Original {
		if big, err := photo.TooLarge(bytes.NewReader(data)); err == nil && big {
			small, err := photo.Reduce(data)
			if err != nil {
				return stored{}, fmt.Errorf("attach %q: %w", name, err)
			}
			if small != nil && len(small) < len(data) {
				ssum, err := s.keepBytes(small)
				if err != nil {
					return stored{}, fmt.Errorf("attach %q: %w", name, err)
				}
				out.att = record.Attachment{Name: name, Size: int64(len(small)), Type: record.TypeJPEG, SHA256: ssum,
					Original: &record.Original{Size: att.Size, SHA256: sum}}
				out.refs = append(out.refs, ssum)
			}
		}
	}
	return out, nil
}

// keepBytes writes data under its SHA-256, unless a file of that hash is
// already kept, and returns the hash.
func (s *Store) keepBytes(data []byte) (string, error) {
	h := sha256.Sum256(data)
	sum := hex.EncodeToString(h[:])
	p := s.FilePath(sum)
	if fi, err := os.Stat(p); err == nil && fi.Size() == int64(len(data)) {
		// Touched, so CollectFiles leaves it to the attach listing it.
		now := time.Now()
		return sum, os.Chtimes(p, now, now)
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return "", err
	}
	err := atomicfile.Write(p, 0o600, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
	return sum, err
}

func queueUpload(tx *bolt.Tx, a record.Attachment, recordID string) error {
	b, err := tx.CreateBucketIfNotExists(bucketUploads)
	if err != nil {
		return err
	}
	if v := b.Get([]byte(a.SHA256)); v != nil {
		var u Upload
		if json.Unmarshal(v, &u) == nil && (u.Done || u.Failed == "") {
			return nil // already queued or sent: the same bytes go once
		}
	}
	return putJSONValue(b, a.SHA256, Upload{SHA256: a.SHA256, Name: a.Name, Size: a.Size, Type: a.Type, Record: recordID})
}

func putRef(tx *bolt.Tx, sum string, id [16]byte) error {
	b, err := tx.CreateBucketIfNotExists(bucketFileRefs)
	if err != nil {
		return err
	}
	return b.Put(append(append([]byte(sum), 0), id[:]...), nil)
}

func putJSONValue(b *bolt.Bucket, key string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put([]byte(key), data)
}

// Uploads lists the files not yet at HQ, in hash order.
func (s *Store) Uploads() ([]Upload, error) {
	var out []Upload
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketUploads)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var u Upload
			if err := json.Unmarshal(v, &u); err != nil {
				return fmt.Errorf("read upload %s: %w", k, err)
			}
			if !u.Done && u.Failed == "" {
				out = append(out, u)
			}
			return nil
		})
	})
	return out, err
}

// SaveUpload keeps how far a file's upload got (its URL at HQ, HQ's
// offset, done or refused), so an upload cut by a dead laptop resumes
// after restart.
func (s *Store) SaveUpload(u Upload) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketUploads)
		if err != nil {
			return err
		}
		if b.Get([]byte(u.SHA256)) == nil {
			return nil // collected meanwhile
		}
		return putJSONValue(b, u.SHA256, u)
	})
	if err != nil {
		return fmt.Errorf("save upload state: %w", err)
	}
	return nil
}

// FileSent says the file with that hash reached HQ whole.
func (s *Store) FileSent(sum string) (bool, error) {
	sent := false
	err := s.db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketUploads); b != nil {
			var u Upload
			if v := b.Get([]byte(sum)); v != nil && json.Unmarshal(v, &u) == nil {
				sent = u.Done
			}
		}
		return nil
	})
	return sent, err
}

// CollectFiles removes the files no record needs any more: a file stays
// while a live record lists it, or a deleted one whose tombstone HQ does
// not hold yet (HQ may still ask for the file until it knows the record is
// gone), and files whose attach never committed go too. A file written or
// touched in the last hour stays whatever the records say: an attach may
// be listing it right now. It returns how many files it removed.
func (s *Store) CollectFiles() (int, error) {
	keep := map[string]bool{}
	var dead [][]byte
	err := s.db.View(func(tx *bolt.Tx) error {
		refs := tx.Bucket(bucketFileRefs)
		if refs == nil {
			return nil
		}
		return refs.ForEach(func(k, _ []byte) error {
			if len(k) != 64+1+16 {
				return nil
			}
			sum, id := string(k[:64]), [16]byte(k[65:])
			r, err := s.getRecord(tx, id)
			if err != nil && !errors.Is(err, ErrNotFound) {
				return err
			}
			needed := err == nil && listsFile(r, sum)
			if needed && r.Deleted {
				v, err := hqView(tx, id)
				if err != nil {
					return err
				}
				needed = !v.Received(r.Rev)
			}
			if needed {
				keep[sum] = true
			} else {
				dead = append(dead, slices.Clone(k))
			}
			return nil
		})
	})
	if err != nil {
		return 0, fmt.Errorf("collect files: %w", err)
	}
	removed := 0
	entries, _ := filepath.Glob(filepath.Join(s.FilesDir(), "??", "*"))
	cutoff := s.now().Add(-time.Hour)
	for _, p := range entries {
		sum := filepath.Base(p)
		if keep[sum] {
			continue
		}
		if !record.IsSHA256(sum) {
			continue // atomicfile's temporary files, or not ours
		}
		if fi, err := os.Stat(p); err != nil || !fi.ModTime().Before(cutoff) {
			continue // an attach may be listing it right now
		}
		if os.Remove(p) == nil {
			removed++
		}
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		refs, ups := tx.Bucket(bucketFileRefs), tx.Bucket(bucketUploads)
		for _, k := range dead {
			if refs != nil {
				if err := refs.Delete(k); err != nil {
					return err
				}
			}
			if sum := k[:64]; ups != nil && !keep[string(sum)] {
				if err := ups.Delete(sum); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return removed, fmt.Errorf("collect files: %w", err)
	}
	return removed, nil
}

func listsFile(r *record.Record, sum string) bool {
	for _, a := range r.Attachments {
		if a.SHA256 == sum || (a.Original != nil && a.Original.SHA256 == sum) {
			return true
		}
	}
	return false
}

// ResendForFiles puts the records of SyncState.FilesAwaitHQ back in the
// outbox at their current rev and empties the list, in one transaction:
// HQ, now able to keep their list of files, takes the same rev again for
// it. Records an edit already queued, or since removed, are left alone.
// It returns how many it queued.
func (s *Store) ResendForFiles() (int, error) {
	n := 0
	err := s.db.Update(func(tx *bolt.Tx) error {
		n = 0
		st, _ := readSyncState(tx)
		if len(st.FilesAwaitHQ) == 0 {
			return nil
		}
		var ids [][16]byte
		for _, s := range st.FilesAwaitHQ {
			if id, err := record.ParseID(s); err == nil {
				ids = append(ids, id)
			}
		}
		var err error
		if n, err = s.requeue(tx, ids); err != nil {
			return err
		}
		st.FilesAwaitHQ = nil
		return writeSyncState(tx, st)
	})
	if err != nil {
		return 0, fmt.Errorf("queue records again for their files: %w", err)
	}
	return n, nil
}
