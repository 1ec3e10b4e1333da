package report

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"sotay/i18n"
	"sotay/vntext"
)

// LineKind says what a line of the plain-text report is, so a terminal can
// style it and knows whether it may wrap it.
type LineKind int

// The kinds of line of the plain-text report.
const (
	LineBlank   LineKind = iota
	LineHeader           // the Decree 30 header, two aligned columns: cut, never wrapped
	LineTitle            // "BÁO CÁO" and the lines under it
	LineSection          // I. TÌNH HÌNH CHUNG
	LineHeading          // 1. Làm việc với cơ sở
	LinePara             // a paragraph, to wrap
	LineBullet           // a list item, "- " and its text, to wrap under the text
	LineSub              // a line under a list item, indented
	LineNote             // a remark
	LineTable            // a table row or rule, columns aligned: cut, never wrapped
	LineSigner           // the signer's title and name
)

// Line is one line of the report as plain text.
type Line struct {
	Kind LineKind
	Text string
}

// minColumn is as narrow as a text column of a table gets on a narrow
// terminal.
const minColumn = 8

// TextLines lays the report out as plain text for a terminal width cells
// wide (0: no limit): the header in two columns, the title, sections I–VI with their tables as aligned
// columns narrowed to fit the width (their cells cut with "…"; the .docx
// and Markdown keep them whole), the signer and the recipients. Paragraphs
// are one line each, for the terminal to wrap. Nothing in it is markup, and text
// that reached the report from the network cannot move the cursor.
func TextLines(r *Report, width int) []Line {
	vi := i18n.New(i18n.VI)
	var out []Line
	add := func(k LineKind, text string) {
		out = append(out, Line{k, vntext.ForTerminal(oneLine(text))})
	}
	aligned := func(k LineKind, text string) { out = append(out, Line{k, text}) }
	blank := func() { out = append(out, Line{Kind: LineBlank}) }

	for _, row := range alignRows([][]string{
		{r.Header.Parent, vi.T(i18n.ReportNationalTitle)},
		{r.Header.Issuer, vi.T(i18n.ReportMotto)},
		{r.numberLine(), r.dateLine()},
	}, nil, width) {
		aligned(LineHeader, row)
	}
	blank()
	add(LineTitle, vi.T(i18n.ReportTitle))
	for _, l := range r.summaryLines() {
		add(LineTitle, l)
	}
	for _, b := range r.body() {
		switch b.Kind {
		case blockSection:
			blank()
			add(LineSection, b.Text)
		case blockHeading:
			add(LineHeading, b.Text)
		case blockPara:
			add(LinePara, b.Text)
		case blockBullet:
			add(LineBullet, "- "+b.Text)
		case blockSub:
			add(LineSub, b.Text)
		case blockNote:
			add(LineNote, b.Text)
		case blockTable:
			rows := alignRows(b.Rows, b.Num, width)
			width := 0
			for _, row := range rows {
				width = max(width, ansi.StringWidth(row))
			}
			rule := strings.Repeat("─", width)
			for i, row := range rows {
				if b.Total && i == len(rows)-1 && i > 1 {
					aligned(LineTable, rule)
				}
				aligned(LineTable, row)
				if i == 0 {
					aligned(LineTable, rule)
				}
			}
		}
	}
	blank()
	add(LineSigner, r.Header.SignerTitle)
	add(LineSigner, r.Officer.Name)
	blank()
	add(LinePara, vi.T(i18n.ReportRecipients))
	for _, l := range r.Header.Recipients {
		if item, ok := strings.CutPrefix(l, "- "); ok {
			add(LineBullet, "- "+item)
		} else {
			add(LinePara, l)
		}
	}
	return out
}

// alignRows pads the cells of rows into columns two spaces apart, numeric
// columns (num) to the right. When the rows are wider than width (width >
// 0), the widest text columns narrow, down to minColumn, and their longer
// cells end in "…". Widths are terminal cells, so a Vietnamese letter with
// its marks counts as one.
func alignRows(rows [][]string, num []bool, width int) []string {
	var widths []int
	cells := make([][]string, len(rows))
	for i, row := range rows {
		cells[i] = make([]string, len(row))
		for j, c := range row {
			// One line, its own spacing kept ("Số:      /BC-…").
			c = strings.Map(func(r rune) rune {
				if r == '\n' || r == '\t' {
					return ' '
				}
				return r
			}, vntext.ForTerminal(c))
			cells[i][j] = c
			if j >= len(widths) {
				widths = append(widths, 0)
			}
			widths[j] = max(widths[j], ansi.StringWidth(c))
		}
	}
	isNum := func(j int) bool { return j < len(num) && num[j] }
	total := func() int {
		n := 2 * (len(widths) - 1)
		for _, w := range widths {
			n += w
		}
		return n
	}
	for width > 0 && total() > width {
		widest := -1
		for j, w := range widths {
			if !isNum(j) && w > minColumn && (widest < 0 || w > widths[widest]) {
				widest = j
			}
		}
		if widest < 0 {
			break // as narrow as it goes: the terminal cuts the rest
		}
		widths[widest]--
	}
	out := make([]string, len(rows))
	for i, row := range cells {
		var b strings.Builder
		for j, c := range row {
			if j > 0 {
				b.WriteString("  ")
			}
			c = ansi.Truncate(c, widths[j], "…")
			pad := strings.Repeat(" ", widths[j]-ansi.StringWidth(c))
			switch {
			case isNum(j):
				b.WriteString(pad + c)
			case j < len(row)-1:
				b.WriteString(c + pad)
			default:
				b.WriteString(c)
			}
		}
		out[i] = b.String()
	}
	return out
}
