//go:build !windows

package hq

import "os"

// protectSocket makes the admin socket its owner's alone: the file mode is
// the access control on Unix.
func protectSocket(path string) error {
	return os.Chmod(path, 0o600)
}
