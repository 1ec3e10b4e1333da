// Package atomicfile writes a file so that readers, and a crash, see either
// the old file or the whole new one: never half of it. Exports, reports and
// HQ's certificate all go through it.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
)

// Write writes path through a temporary file in the same directory, synced
// to disk and renamed over path, with permissions perm. write fills the
// file; if it fails, path is left as it was.
func Write(path string, perm os.FileMode, write func(io.Writer) error) error {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return &fs.PathError{Op: "write", Path: path, Err: syscall.EISDIR}
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return pathError(path, err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	err = write(tmp)
	if err == nil {
		err = tmp.Chmod(perm)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return pathError(path, err)
	}
	SyncDir(dir)
	return nil
}

// pathError names path, not the temporary file, in a file-system error, so
// that the officer reads the name they gave.
func pathError(path string, err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		err = pe.Err
	case errors.As(err, &le):
		err = le.Err
	default:
		return fmt.Errorf("write %s: %w", path, err)
	}
	return &fs.PathError{Op: "write", Path: path, Err: err}
}

// SyncDir makes the rename itself durable where the OS allows it; Windows
// cannot sync a directory, and a failure here loses nothing already written.
func SyncDir(dir string) {
	if runtime.GOOS == "windows" {
		return
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// Windows' answers when another program holds the file (Word keeps an
// open document locked): ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION.
// The numbers mean other things elsewhere, so they count only on Windows.
const (
	errSharingViolation syscall.Errno = 32
	errLockViolation    syscall.Errno = 33
)

// InUse reports whether Write failed because the file cannot be replaced
// where it is — held open by another program (Windows), not to be written,
// or a folder of that name — rather than for want of room or a broken
// disk: the officer can close the program or choose another name.
func InUse(err error) bool {
	var errno syscall.Errno
	switch {
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EISDIR), errors.Is(err, syscall.EBUSY),
		errors.Is(err, syscall.ETXTBSY), errors.Is(err, syscall.EROFS):
		return true
	case runtime.GOOS == "windows" && errors.As(err, &errno):
		return errno == errSharingViolation || errno == errLockViolation
	}
	return false
}
