package report

import (
	"bufio"
	"io"
	"strings"

	"sotay/i18n"
)

// WriteMarkdown writes the report as Markdown: the Decree 30 header as a
// two-column table, then the title, sections I–VI, the signer and the
// recipients.
func WriteMarkdown(w io.Writer, r *Report) error {
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
	p("| ", mdEscape(r.numberLine()), " | *", mdCell(r.dateLine()), "* |")
	p()
	p("# ", vi.T(i18n.ReportTitle))
	p()
	for _, l := range r.summaryLines() {
		p("**", mdEscape(l), "**  ")
	}
	p()
	body := r.body()
	for i, b := range body {
		next := blockKind(-1)
		if i+1 < len(body) {
			next = body[i+1].kind
		}
		switch b.kind {
		case blockSection:
			p("## ", mdEscape(b.text))
		case blockHeading:
			p("### ", mdEscape(b.text))
		case blockPara:
			p(mdEscape(b.text))
		case blockBullet, blockSub:
			lead := "- "
			if b.kind == blockSub {
				lead = "  "
			}
			if next == blockSub {
				p(lead, mdEscape(b.text), "  ") // a hard break before the line under it
			} else {
				p(lead, mdEscape(b.text))
			}
			if next == blockBullet || next == blockSub {
				continue // the list goes on
			}
		case blockNote:
			p("*", mdEscape(b.text), "*")
		case blockTable:
			writeMarkdownTable(p, b)
		}
		p()
	}
	p("**", mdEscape(r.Header.SignerTitle), "**")
	p()
	p("**", mdEscape(r.Officer.Name), "**")
	p()
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

func writeMarkdownTable(p func(...string), b block) {
	for i, row := range b.rows {
		cells := make([]string, len(row))
		for j, c := range row {
			c = mdCell(c)
			if (i == 0 || (b.total && i == len(b.rows)-1)) && c != "" {
				c = "**" + c + "**"
			}
			cells[j] = c
		}
		p("| ", strings.Join(cells, " | "), " |")
		if i == 0 {
			seps := make([]string, len(row))
			for j := range row {
				seps[j] = "---"
				if j < len(b.num) && b.num[j] {
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

func mdCell(s string) string { return mdEscape(oneLine(s)) }
