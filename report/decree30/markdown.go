package decree30

import (
	"bufio"
	"io"
	"strings"

	"sotay/i18n"
)

// WriteMarkdown writes the report as Markdown: the Decree 30 header as a
// two-column table, then the title, sections I–VI, the signer and the
// recipients.
func WriteMarkdown(w io.Writer, r *Document) error {
	vi := i18n.New(i18n.VI)
	bw := bufio.NewWriter(w)
	p := func(s ...string) {
		for _, x := range s {
			bw.WriteString(x)
		}
		bw.WriteString("\n")
	}
	p("| ", mdCell(r.Header.Parent), " | **", mdCell(vi.T(i18n.ReportNationalTitle)), "** |")
	p("| :---: | :---: |")
	p("| **", mdCell(r.Header.Issuer), "** | **", mdCell(vi.T(i18n.ReportMotto)), "** |")
	p("| ", mdEscape(r.NumberLine()), " | *", mdCell(r.DateLine()), "* |")
	p()
	p("# ", vi.T(i18n.ReportTitle))
	p()
	for _, l := range r.Summary {
		p("**", mdEscape(l), "**  ")
	}
	p()
	body := r.Body
	for i, b := range body {
		next := BlockKind(-1)
		if i+1 < len(body) {
			next = body[i+1].Kind
		}
		switch b.Kind {
		case Section:
			p("## ", mdEscape(b.Text))
		case Heading:
			p("### ", mdEscape(b.Text))
		case Para:
			p(mdEscape(b.Text))
		case Bullet, Sub:
			lead := "- "
			if b.Kind == Sub {
				lead = "  "
			}
			if next == Sub {
				p(lead, mdEscape(b.Text), "  ") // a hard break before the line under it
			} else {
				p(lead, mdEscape(b.Text))
			}
			if next == Bullet || next == Sub {
				continue // the list goes on
			}
		case Note:
			p("*", mdEscape(b.Text), "*")
		case Table:
			writeMarkdownTable(p, b)
		}
		p()
	}
	p("**", mdEscape(r.Header.SignerTitle), "**")
	p()
	if r.Signer != "" { // left for a hand to write when nobody is named
		p("**", mdEscape(r.Signer), "**")
		p()
	}
	p("**", vi.T(i18n.ReportRecipients), "**")
	p()
	for _, l := range r.Header.Recipients {
		if item, ok := strings.CutPrefix(l, "- "); ok {
			p("- ", mdEscape(item))
		} else {
			p(mdEscape(l), "  ")
		}
	}
	return bw.Flush()
}

func writeMarkdownTable(p func(...string), b Block) {
	for i, row := range b.Rows {
		cells := make([]string, len(row))
		for j, c := range row {
			c = mdCell(c)
			if (i == 0 || (b.Total && i == len(b.Rows)-1)) && c != "" {
				c = "**" + c + "**"
			}
			cells[j] = c
		}
		p("| ", strings.Join(cells, " | "), " |")
		if i == 0 {
			seps := make([]string, len(row))
			for j := range row {
				seps[j] = "---"
				if j < len(b.Num) && b.Num[j] {
					seps[j] = "---:"
				}
			}
			p("| ", strings.Join(seps, " | "), " |")
		}
	}
}

// mdEscape keeps the officer's text from turning into Markdown markup: the
// characters that mean something to Markdown are escaped, and a line that
// would start a heading, a list or a quote is escaped at its start.
func mdEscape(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch c {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '#':
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	out := b.String()
	if len(out) > 0 && strings.ContainsRune("-+=", rune(out[0])) {
		out = "\\" + out
	}
	return out
}

func mdCell(s string) string { return mdEscape(OneLine(s)) }

// OneLine joins a text's lines and spaces into one line.
func OneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
