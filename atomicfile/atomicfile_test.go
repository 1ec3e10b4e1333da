package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "báo cáo.md")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		write   func(io.Writer) error
		want    string
		wantErr bool
	}{
		{"replaces the file", func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }, "new", false},
		{"a failed write leaves the old file", func(w io.Writer) error {
			io.WriteString(w, "half")
			return errors.New("disk full")
		}, "new", true},
	}
	for _, tt := range tests {
		err := Write(path, 0o600, tt.write)
		if (err != nil) != tt.wantErr {
			t.Fatalf("%s: err = %v", tt.name, err)
		}
		got, _ := os.ReadFile(path)
		if string(got) != tt.want {
			t.Errorf("%s: file = %q, want %q", tt.name, got, tt.want)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 {
			t.Errorf("%s: temporary files left: %v", tt.name, entries)
		}
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", fi.Mode().Perm())
	}
}

// TestWriteErrorsNameThePath: the officer reads the file they asked for,
// not the temporary one, and the cause stays testable.
func TestWriteErrorsNameThePath(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name  string
		path  string
		cause error
	}{
		{"missing folder", filepath.Join(dir, "no", "such", "x.csv"), fs.ErrNotExist},
		{"a folder", dir, syscall.EISDIR},
	}
	for _, tt := range tests {
		err := Write(tt.path, 0o600, func(io.Writer) error { return nil })
		var pe *fs.PathError
		if !errors.As(err, &pe) || pe.Path != tt.path || !errors.Is(err, tt.cause) {
			t.Errorf("%s: err = %#v, want a PathError for %s caused by %v", tt.name, err, tt.path, tt.cause)
		}
	}
}

// TestInUse: a file that cannot be replaced where it is (here a folder of
// its name, as a locked document is on Windows) is told apart from other
// failures, so that the officer is told to close it or choose another name.
func TestInUse(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, "bao-cao.docx")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	err := Write(folder, 0o644, func(w io.Writer) error { _, err := w.Write([]byte("x")); return err })
	if err == nil || !InUse(err) {
		t.Fatalf("writing over a folder: %v, InUse %v", err, InUse(err))
	}
	for _, e := range []error{
		&fs.PathError{Op: "write", Path: "a", Err: fs.ErrPermission},
		fmt.Errorf("export: %w", &fs.PathError{Op: "write", Path: "a", Err: syscall.EACCES}),
	} {
		if !InUse(e) {
			t.Errorf("InUse(%v) = false", e)
		}
	}
	for _, e := range []error{nil, errors.New("disk full"), &fs.PathError{Op: "write", Path: "a", Err: syscall.ENOSPC}} {
		if InUse(e) {
			t.Errorf("InUse(%v) = true", e)
		}
	}
}
