package report

import (
	"fmt"
	"io"

	"sotay/atomicfile"
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
	return atomicfile.Write(path, 0o644, func(w io.Writer) error { return write(w, r) })
}
