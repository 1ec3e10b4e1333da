// Package office runs LibreOffice headless for the tests that check a
// document opens as it should: the officer's .docx report (report) and
// HQ's roll-up workbook (hq). Whether LibreOffice is there, the tests ask
// internal/testenv.
package office

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Convert has LibreOffice convert src into dir as to (a format and an
// optional filter, "pdf" or "csv:…") and returns the new file's path. Each
// call runs with a profile of its own in dir, so tests running at once do
// not fight over ~/.config/libreoffice.
func Convert(t testing.TB, soffice, dir, src, to string) string {
	t.Helper()
	profile := "file://" + filepath.ToSlash(filepath.Join(dir, "lo-profile"))
	// A first start of LibreOffice builds its profile; on a loaded 2-core
	// machine (a -race run beside other work) that alone took over 3
	// minutes. The bound is for a hung soffice, not for a slow one.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation="+profile, "--headless", "--norestore",
		"--convert-to", to, "--outdir", dir, src)
	start := time.Now()
	outb, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice (%s so far): %v\n%s", time.Since(start).Round(time.Second), err, outb)
	}
	dst := strings.TrimSuffix(src, filepath.Ext(src)) + "." + strings.SplitN(to, ":", 2)[0]
	if _, err := os.Stat(dst); err != nil {
		t.Fatalf("soffice made no %s: %v\n%s", dst, err, outb)
	}
	return dst
}

// HasCalc looks for Calc's library beside soffice: Writer alone cannot
// open a workbook.
func HasCalc(soffice string) bool { return beside(soffice, "sclo") }

// HasWriter looks for Writer's library beside soffice: soffice installed
// with Calc alone says only "source file could not be loaded" to a .docx.
func HasWriter(soffice string) bool { return beside(soffice, "swlo") }

// beside reports whether the LibreOffice module lib (its library's name
// without prefix and suffix) is installed in soffice's folder.
func beside(soffice, lib string) bool {
	real, err := filepath.EvalSymlinks(soffice)
	if err != nil {
		return false
	}
	for _, name := range []string{"lib" + lib + ".so", "lib" + lib + ".dylib", lib + ".dll"} {
		if _, err := os.Stat(filepath.Join(filepath.Dir(real), name)); err == nil {
			return true
		}
	}
	return false
}
