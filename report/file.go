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

// FileName is the usual name of a period's report, in the words an
// officer reads (no ISO week notation): "bao-cao-tuan-06-2026.docx",
// "bao-cao-thang-11-2026.docx", "bao-cao-01-11-2026-den-15-11-2026.docx".
// The week is the ISO week (Monday to Sunday) and its year, which is the
// year of its Thursday: the week of 29/12/2025 is "tuan-01-2026".
func FileName(p Period, format string) string {
	var name string
	switch p.Kind {
	case PeriodWeek:
		y, w := p.From.ISOWeek()
		name = fmt.Sprintf("tuan-%02d-%d", w, y)
	case PeriodMonth:
		name = p.From.Format("thang-01-2006")
	default:
		name = p.From.Format("02-01-2006") + "-den-" + p.To.Format("02-01-2006")
	}
	return "bao-cao-" + name + "." + format
}

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
