// Package opener opens a file with the program the officer's system uses
// for its type: the PDF reader, the photo viewer, Word or Excel. The CLI
// (`sotay open`) and the TUI (`o`) take an Opener, so tests give their own.
package opener

import (
	"context"
	"fmt"
	"os/exec"
	"runtime"
)

// Opener opens the file at path and returns once the system's program was
// started (not when it closes).
type Opener func(ctx context.Context, path string) error

// System opens files with the system's program: xdg-open on Linux and the
// BSDs, open on macOS, and on Windows the shell's file handler through
// rundll32 (cmd's start would read & or ^ in a file name as its own).
func System() Opener {
	return func(ctx context.Context, path string) error {
		name, args := Command(runtime.GOOS, path)
		cmd := exec.CommandContext(ctx, name, args...)
		if err := cmd.Start(); err != nil {
			return fmt.Errorf("start %s: %w", name, err)
		}
		go cmd.Wait() // reaped when the viewer exits; xdg-open returns at once
		return nil
	}
}

// Command is the program and arguments that open path on goos.
func Command(goos, path string) (string, []string) {
	switch goos {
	case "windows":
		return "rundll32", []string{"url.dll,FileProtocolHandler", path}
	case "darwin":
		return "open", []string{path}
	}
	return "xdg-open", []string{path}
}
