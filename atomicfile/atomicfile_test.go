package atomicfile

import (
	"errors"
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
