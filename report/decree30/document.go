// Package decree30 is the administrative report as a document in the
// layout of Decree 30/2020/NĐ-CP — the header, the title and its summary,
// a body of blocks, the signer and the recipients — and its writers:
// Markdown and .docx. It knows nothing of where the numbers came from: the
// officer's report (package report) and HQ's working-group report (package
// hq) both fill a Document, so neither the notebook nor HQ's database is
// linked into the other.
package decree30

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"sotay/i18n"
	"sotay/vntext"
)

// Document is one report, in Vietnamese, ready to write.
type Document struct {
	Header  Header
	Date    time.Time // the day the report is dated
	Summary []string  // the lines under "BÁO CÁO"
	Body    []Block
	Signer  string // the name under the signer's title
}

// Header is what stands above the body and below it: the issuing body, the
// number, the place, the signer's title and the recipients.
type Header struct {
	Parent      string   // "BỘ NỘI VỤ"
	Issuer      string   // "TỔ CÔNG TÁC BIỆT PHÁI"
	Code        string   // "TCTBP" in "Số: …/BC-TCTBP"
	Place       string   // the place of the date line
	SignerTitle string   // "NGƯỜI BÁO CÁO" or the signer's position
	Recipients  []string // "- Lãnh đạo Bộ Nội vụ (để báo cáo);"…
}

// BlockKind says what a block of the body is.
type BlockKind int

// The kinds of block.
const (
	Section BlockKind = iota // I. TÌNH HÌNH CHUNG
	Heading                  // 1. Làm việc với cơ sở
	Para                     // a paragraph
	Bullet                   // a list item
	Sub                      // a line under a list item
	Note                     // a remark, in italics
	Table                    // Rows[0] is the header; a last row in bold when Total is set
)

// Block is one piece of the body.
type Block struct {
	Kind BlockKind
	Text string
	Rows [][]string
	Num  []bool // numeric columns of a table, aligned right
	// Weights share the page's width among a table's columns.
	Weights []int
	Total   bool // the last row of a table is a total
}

// NumberLine is "Số:      /BC-TCTBP": the number is left blank for the
// clerk who registers the document.
func (d *Document) NumberLine() string {
	return i18n.New(i18n.VI).T(i18n.ReportNumber, d.Header.Code)
}

// DateLine is "Tuyên Quang, ngày 05 tháng 02 năm 2026".
func (d *Document) DateLine() string { return vntext.DateLine(d.Header.Place, d.Date) }

// Author is who the document properties name: the signer.
func (d *Document) Author() string { return d.Signer }

// DuringPhrase is "during the period" inside a sentence: "trong tuần từ
// ngày … đến ngày …", "trong tháng 02 năm 2026", but for a range of dates
// just "từ ngày … đến ngày …" ("trong từ ngày" is not Vietnamese).
func DuringPhrase(p Period) string {
	if p.Kind == PeriodWeek || p.Kind == PeriodMonth {
		return i18n.New(i18n.VI).T(i18n.ReportDuring, PeriodPhrase(p))
	}
	return PeriodPhrase(p)
}

// PeriodPhrase names the period inside a sentence: "tuần từ ngày
// 02/02/2026 đến ngày 08/02/2026", "tháng 02 năm 2026".
func PeriodPhrase(p Period) string {
	vi := i18n.New(i18n.VI)
	switch p.Kind {
	case PeriodWeek:
		return vi.T(i18n.ReportPeriodWeek, vntext.FormatDate(p.FromDate()), vntext.FormatDate(p.ToDate()))
	case PeriodMonth:
		m := strconv.Itoa(int(p.From.Month()))
		if p.From.Month() <= 2 {
			m = fmt.Sprintf("%02d", p.From.Month())
		}
		return vi.T(i18n.ReportPeriodMonth, m, p.From.Year())
	}
	return vi.T(i18n.ReportPeriodRange, vntext.FormatDate(p.FromDate()), vntext.FormatDate(p.ToDate()))
}

// Capitalize upper-cases the first letter.
func Capitalize(s string) string {
	for i, c := range s {
		return strings.ToUpper(string(c)) + s[i+len(string(c)):]
	}
	return s
}

// Lines are the non-blank lines of a text someone typed, cleaned, as the
// free sections (assessment, proposals) show them: a line starting "- " is
// a list item.
func Lines(s string) []Block {
	var out []Block
	for _, l := range strings.Split(vntext.Clean(s), "\n") {
		l = strings.TrimSpace(strings.ReplaceAll(l, "\t", " "))
		if l == "" {
			continue
		}
		if item, ok := strings.CutPrefix(l, "- "); ok {
			out = append(out, Block{Kind: Bullet, Text: strings.TrimSpace(item)})
		} else {
			out = append(out, Block{Kind: Para, Text: l})
		}
	}
	return out
}

// Decimal writes a number the Vietnamese way: a comma before the
// decimals, at most one of them.
func Decimal(f float64) string {
	s := strconv.FormatFloat(f, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	return strings.Replace(s, ".", ",", 1)
}
