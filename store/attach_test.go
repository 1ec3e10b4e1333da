package store

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sotay/photo/phototest"
	"sotay/record"
	"sotay/record/recordtest"
)

// writeTemp writes content to a file named name in a fresh folder.
func writeTemp(t *testing.T, name string, content []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func hexSum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// keptFiles lists the hashes kept in the notebook's files folder.
func keptFiles(t *testing.T, s *Store) []string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(s.FilesDir(), "??", "*"))
	out := make([]string, 0, len(m))
	for _, p := range m {
		out = append(out, filepath.Base(p))
	}
	return out
}

var pdf = []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

func TestAttachOneTransaction(t *testing.T) {
	s, _ := openTest(t)
	a := mustCreate(t, s, recordtest.Sample(record.KindLog, "2026-06-01"))
	b := mustCreate(t, s, recordtest.Sample(record.KindDifficulty, "2026-06-01"))
	before := pending(t, s)
	p := writeTemp(t, "Biên bản họp.pdf", pdf)
	got, err := s.Attach(a.ID, []string{p}, AttachOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := record.Attachment{Name: "Biên bản họp.pdf", Size: int64(len(pdf)), Type: record.TypePDF, SHA256: hexSum(pdf)}
	if got.Rev != a.Rev+1 || len(got.Attachments) != 1 || got.Attachments[0] != want {
		t.Fatalf("attached: rev %d, %+v", got.Rev, got.Attachments)
	}
	if stored, _ := s.Get(a.ID); len(stored.Attachments) != 1 {
		t.Errorf("stored record lists %d files", len(stored.Attachments))
	}
	if n := len(outboxAll(t, s)); n != 3 || pending(t, s) != before {
		t.Errorf("outbox %d entries, pending %d (was %d): the attach is a change like any other", n, pending(t, s), before)
	}
	// The same file on another record is stored once, and queued once.
	if _, err := s.Attach(b.ID, []string{writeTemp(t, "copy.pdf", pdf)}, AttachOptions{}); err != nil {
		t.Fatal(err)
	}
	if kept := keptFiles(t, s); len(kept) != 1 || kept[0] != want.SHA256 {
		t.Errorf("kept %v, want the one file", kept)
	}
	ups, err := s.Uploads()
	if err != nil || len(ups) != 1 || ups[0].SHA256 != want.SHA256 || ups[0].Record != a.ID {
		t.Errorf("uploads %+v, %v", ups, err)
	}
	// An edit of the body keeps the list.
	edited := got
	edited.Content = "Đã sửa"
	edited.Attachments = nil
	if e, err := s.Update(edited); err != nil || len(e.Attachments) != 1 {
		t.Errorf("update dropped the files: %+v, %v", e.Attachments, err)
	}
	path, err := s.OpenPath(a.ID, "BIÊN BẢN HỌP.PDF")
	if err != nil || filepath.Base(path) != want.SHA256 {
		t.Errorf("OpenPath = %q, %v", path, err)
	}
	d, err := s.Detach(a.ID, "Biên bản họp.pdf")
	if err != nil || len(d.Attachments) != 0 {
		t.Fatalf("detach: %+v, %v", d.Attachments, err)
	}
	if _, err := s.Detach(a.ID, "Biên bản họp.pdf"); err == nil {
		t.Error("detached a file twice")
	}
}

// Every refused file leaves the record, the outbox and the files folder
// as they were.
func TestAttachRefused(t *testing.T) {
	s, _ := openTest(t)
	r := mustCreate(t, s, recordtest.Sample(record.KindLog, "2026-06-01"))
	big := make([]byte, record.MaxFileBytes+1)
	copy(big, "%PDF-")
	for _, tc := range []struct {
		name    string
		file    string
		content []byte
		problem record.Problem
	}{
		{"html named pdf", "x.pdf", []byte("<html><script>alert(1)</script></html>"), record.ProblemFileType},
		{"svg", "x.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`), record.ProblemFileType},
		{"heic", "IMG_0001.HEIC", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), record.ProblemHEIC},
		{"too big", "big.pdf", big, record.ProblemFileSize},
		{"reserved name", "CON.pdf", pdf, record.ProblemFileName},
		{"empty", "e.pdf", nil, record.ProblemFileType},
	} {
		p := writeTemp(t, tc.file, tc.content)
		_, err := s.Attach(r.ID, []string{writeTemp(t, "ok.pdf", pdf), p}, AttachOptions{})
		ve, _ := record.AsValidation(err)
		if ve == nil || ve.Field("attachments") == nil || ve.Field("attachments").Problem != tc.problem {
			t.Errorf("%s: got %v, want %s", tc.name, err, tc.problem)
		}
	}
	// A name already on the record.
	if _, err := s.Attach(r.ID, []string{writeTemp(t, "a.pdf", pdf)}, AttachOptions{}); err != nil {
		t.Fatal(err)
	}
	_, err := s.Attach(r.ID, []string{writeTemp(t, "A.pdf", []byte("%PDF-other"))}, AttachOptions{})
	if ve, _ := record.AsValidation(err); ve == nil || ve.Field("attachments").Problem != record.ProblemFileDup {
		t.Errorf("same name twice: %v", err)
	}
	got, _ := s.Get(r.ID)
	if got.Rev != r.Rev+1 || len(got.Attachments) != 1 {
		t.Errorf("after refusals: rev %d, %d files", got.Rev, len(got.Attachments))
	}
	// Files refused before the transaction were never written; the ones
	// copied for a refused attach (ok.pdf, the second A.pdf) are orphans
	// that collection removes once old.
	s.now = func() time.Time { return time.Now().Add(2 * time.Hour) }
	if _, err := s.CollectFiles(); err != nil {
		t.Fatal(err)
	}
	if kept := keptFiles(t, s); len(kept) != 1 {
		t.Errorf("kept %d files after collection, want 1", len(kept))
	}
}

// A phone photo travels reduced; the original is what the officer opens.
func TestAttachPhotoReduced(t *testing.T) {
	s, _ := openTest(t)
	r := mustCreate(t, s, recordtest.Sample(record.KindLog, "2026-06-01"))
	orig := phototest.PhoneJPEG(2400, 1800, 1)
	got, err := s.Attach(r.ID, []string{writeTemp(t, "trụ sở.jpg", orig)}, AttachOptions{})
	if err != nil {
		t.Fatal(err)
	}
	a := got.Attachments[0]
	if a.Original == nil || a.Original.SHA256 != hexSum(orig) || a.Size >= int64(len(orig)) || a.Type != record.TypeJPEG {
		t.Fatalf("attachment %+v (original %d bytes)", a, len(orig))
	}
	t.Logf("a 2400×1800 photo of %d bytes travels in %d", len(orig), a.Size)
	if p, _ := s.OpenPath(r.ID, "trụ sở.jpg"); filepath.Base(p) != a.Original.SHA256 {
		t.Errorf("opens %s, want the original", p)
	}
	if ups, _ := s.Uploads(); len(ups) != 1 || ups[0].SHA256 != a.SHA256 {
		t.Errorf("queued %+v, want the reduced copy", ups)
	}
	// The officer may send the original instead.
	got, err = s.Attach(r.ID, []string{writeTemp(t, "gốc.jpg", orig)}, AttachOptions{Original: true})
	if err != nil {
		t.Fatal(err)
	}
	if b := got.Attachments[1]; b.Original != nil || b.SHA256 != hexSum(orig) {
		t.Errorf("original asked, got %+v", b)
	}
}

// A large PNG travels as a reduced JPEG when it is opaque, as it is when
// it has transparency; the original is what the officer opens.
func TestAttachPNGReduced(t *testing.T) {
	s, _ := openTest(t)
	r := mustCreate(t, s, recordtest.Sample(record.KindLog, "2026-06-01"))
	scan := phototest.ScanPNG(1240, 1754, 3, false) // 2.2 MP
	stamp := phototest.ScanPNG(1240, 1754, 3, true)
	got, err := s.Attach(r.ID, []string{writeTemp(t, "biên bản.png", scan), writeTemp(t, "con dấu.png", stamp)}, AttachOptions{})
	if err != nil {
		t.Fatal(err)
	}
	a, b := got.Attachments[0], got.Attachments[1]
	if a.Original == nil || a.Original.SHA256 != hexSum(scan) || a.Size >= int64(len(scan)) || a.Type != record.TypeJPEG {
		t.Fatalf("opaque scan attached as %+v (PNG of %d bytes)", a, len(scan))
	}
	t.Logf("a 1240×1754 PNG scan of %d bytes travels as a JPEG of %d: %d bytes saved", len(scan), a.Size, int64(len(scan))-a.Size)
	if b.Original != nil || b.Type != record.TypePNG || b.SHA256 != hexSum(stamp) {
		t.Errorf("PNG with transparency attached as %+v, want it as it is", b)
	}
	if p, _ := s.OpenPath(r.ID, "biên bản.png"); filepath.Base(p) != hexSum(scan) {
		t.Errorf("opens %s, want the original PNG", p)
	}
}

// A deleted record keeps its files until HQ holds the tombstone.
func TestDeletedRecordKeepsFilesUntilHQHasTombstone(t *testing.T) {
	s, _ := openTest(t)
	r := mustCreate(t, s, recordtest.Sample(record.KindLog, "2026-06-01"))
	keep := mustCreate(t, s, recordtest.Sample(record.KindLog, "2026-06-02"))
	if _, err := s.Attach(r.ID, []string{writeTemp(t, "a.pdf", pdf)}, AttachOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Attach(keep.ID, []string{writeTemp(t, "b.pdf", []byte("%PDF-b"))}, AttachOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Delete(r.ID); err != nil {
		t.Fatal(err)
	}
	s.now = func() time.Time { return time.Now().Add(2 * time.Hour) }
	if n, err := s.CollectFiles(); err != nil || n != 0 {
		t.Fatalf("collected %d, %v before HQ holds the tombstone", n, err)
	}
	batch, err := s.NextPush(0, 100, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AckPushReceived(batch.Through, nil, time.Now(), nil); err != nil {
		t.Fatal(err)
	}
	if n, err := s.CollectFiles(); err != nil || n != 1 {
		t.Fatalf("collected %d, %v after HQ holds the tombstone; want 1", n, err)
	}
	if kept := keptFiles(t, s); len(kept) != 1 || kept[0] != hexSum([]byte("%PDF-b")) {
		t.Errorf("kept %v", kept)
	}
	if ups, _ := s.Uploads(); len(ups) != 1 || !strings.HasPrefix(ups[0].Name, "b") {
		t.Errorf("uploads after collection: %+v", ups)
	}
}

// Upload state survives a reopened notebook.
func TestUploadStatePersists(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(filepath.Join(dir, FileName), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	r, _ := s.Create(recordtest.Sample(record.KindLog, "2026-06-01"))
	if _, err := s.Attach(r.ID, []string{writeTemp(t, "a.pdf", pdf)}, AttachOptions{}); err != nil {
		t.Fatal(err)
	}
	ups, _ := s.Uploads()
	u := ups[0]
	u.URL, u.Offset = "/v2/files/abc", 12
	if err := s.SaveUpload(u); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(filepath.Join(dir, FileName), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ups, _ = s.Uploads()
	if len(ups) != 1 || ups[0].URL != u.URL || ups[0].Offset != 12 {
		t.Fatalf("after reopen: %+v", ups)
	}
	u = ups[0]
	u.Done = true
	s.SaveUpload(u)
	if ups, _ := s.Uploads(); len(ups) != 0 {
		t.Errorf("a sent file still waits: %+v", ups)
	}
	if sent, _ := s.FileSent(u.SHA256); !sent {
		t.Error("FileSent false after done")
	}
}
