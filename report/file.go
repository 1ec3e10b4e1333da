package report

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Formats are the files a report is written as.
const (
	FormatMarkdown = "md"
	FormatDocx     = "docx"
)

// FileName is the usual name of a period's report: "bao-cao-2026-W06.docx".
func FileName(p Period, format string) string { return "bao-cao-" + p.Key() + "." + format }

// WriteFile writes the report as format (FormatMarkdown or FormatDocx) to
// path through a temporary file in the same directory, synced and renamed
// over it: an interrupted export never leaves half a report.
func WriteFile(path string, r *Report, format string) error {
	var write func(io.Writer, *Report) error
	switch format {
	case FormatMarkdown:
		write = WriteMarkdown
	case FormatDocx:
		write = WriteDocx
	default:
		return fmt.Errorf("report format %q (md or docx)", format)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp, r); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
