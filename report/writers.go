package report

import (
	"io"

	"sotay/report/decree30"
)

// WriteDocx writes the report as a Word document in the layout of Decree
// 30/2020/NĐ-CP (see decree30.WriteDocx).
func WriteDocx(w io.Writer, r *Report) error { return decree30.WriteDocx(w, r.Document()) }

// WriteMarkdown writes the report as Markdown: the Decree 30 header as a
// two-column table, then the title, sections I–VI, the signer and the
// recipients.
func WriteMarkdown(w io.Writer, r *Report) error { return decree30.WriteMarkdown(w, r.Document()) }
