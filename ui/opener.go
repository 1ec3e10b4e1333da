package ui

import (
	"os/exec"
	"runtime"
)

// Opener opens a file or a folder with the program the system uses for it
// (Word for a .docx, the file manager for a folder). The program's own
// Options take one so that a test can see the call without launching
// anything.
type Opener func(path string) error

// systemOpen starts the system's opener — xdg-open, open, or cmd's start —
// and does not wait for it: the program it opens lives on its own. Its
// output goes nowhere, never over the screen.
func systemOpen(path string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		// start's first quoted argument is a window title: give it one, so
		// that a path in quotes is taken as the path.
		cmd = exec.Command("cmd", "/c", "start", "", path)
	case "darwin":
		cmd = exec.Command("open", path)
	default:
		cmd = exec.Command("xdg-open", path)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }() // reaped when it ends; nothing waits on it
	return nil
}
