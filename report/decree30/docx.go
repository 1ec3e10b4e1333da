package decree30

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"sotay/i18n"
)

// The .docx is written by hand on archive/zip: a WordprocessingML package
// is a handful of XML parts, and the report needs only paragraphs, runs,
// tables, one header with a PAGE field and one section. Lengths are in
// twentieths of a point (twips); font sizes in half points.
const (
	pageWidth    = 11906 // A4, 210 mm
	pageHeight   = 16838 // A4, 297 mm
	marginTop    = 1134  // 20 mm
	marginBottom = 1134  // 20 mm
	marginLeft   = 1701  // 30 mm
	marginRight  = 850   // 15 mm
	headerDist   = 567   // 10 mm: the page number sits in the top margin
	textWidth    = pageWidth - marginLeft - marginRight
	firstIndent  = 567 // 1 cm at the start of body paragraphs

	sizeBody   = 28 // 14 pt
	sizeHeader = 26 // 13 pt
	sizeTable  = 26 // 13 pt
	sizeSmall  = 24 // 12 pt ("Nơi nhận:")
	sizeList   = 22 // 11 pt (the recipients)
)

const font = "Times New Roman"

// WriteDocx writes the report as a Word document in the layout of Decree
// 30/2020/NĐ-CP: A4, margins 20/20/30/15 mm, Times New Roman 13–14 pt, the
// issuing body beside the national title and motto, the number and the
// place-and-date line, "BÁO CÁO" and its summary, the body, the signer
// beside "Nơi nhận", and page numbers centred at the top from page 2.
func WriteDocx(w io.Writer, r *Document) error {
	zw := zip.NewWriter(w)
	// Fixed times keep the file the same for the same report.
	modified := time.Date(r.Date.Year(), r.Date.Month(), r.Date.Day(), 0, 0, 0, 0, time.UTC)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypesXML},
		{"_rels/.rels", rootRelsXML},
		{"docProps/core.xml", coreXML(r, modified)},
		{"word/_rels/document.xml.rels", documentRelsXML},
		{"word/styles.xml", stylesXML},
		{"word/settings.xml", settingsXML},
		{"word/header1.xml", pageNumberHeaderXML},
		{"word/header2.xml", emptyHeaderXML},
		{"word/document.xml", documentXML(r)},
	}
	for _, p := range parts {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return fmt.Errorf("write docx: %w", err)
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return fmt.Errorf("write docx: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write docx: %w", err)
	}
	return nil
}

// run is a stretch of text with one formatting.
type run struct {
	text                    string
	bold, italic, underline bool
	size                    int // half points; 0 for the paragraph's default
}

// para is a paragraph's formatting.
type para struct {
	align       string // left, center, right, both
	firstLine   int
	left, right int
	before      int // spacing in twips
	after       int
	border      bool // a line under the paragraph (the short rules under the issuer and the summary)
	keepNext    bool
	markSize    int // size of an empty paragraph's mark, half points
}

// wml builds WordprocessingML.
type wml struct{ b bytes.Buffer }

func (x *wml) s(parts ...string) {
	for _, p := range parts {
		x.b.WriteString(p)
	}
}

// esc escapes text for XML. Characters XML 1.0 cannot carry are replaced
// by EscapeText; the officer's text was cleaned of them on save anyway.
func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func (x *wml) para(p para, runs ...run) {
	x.s("<w:p><w:pPr>")
	if p.keepNext {
		x.s(`<w:keepNext/>`)
	}
	if p.border {
		x.s(`<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>`)
	}
	x.s(fmt.Sprintf(`<w:spacing w:before="%d" w:after="%d"/>`, p.before, p.after))
	if p.firstLine != 0 || p.left != 0 || p.right != 0 {
		x.s(fmt.Sprintf(`<w:ind w:left="%d" w:right="%d" w:firstLine="%d"/>`, p.left, p.right, p.firstLine))
	}
	if p.align != "" {
		x.s(`<w:jc w:val="`, p.align, `"/>`)
	}
	if p.markSize != 0 {
		x.s(fmt.Sprintf(`<w:rPr><w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr>`, p.markSize, p.markSize))
	}
	x.s("</w:pPr>")
	for _, r := range runs {
		x.run(r)
	}
	x.s("</w:p>")
}

func (x *wml) run(r run) {
	x.s("<w:r>")
	if r.bold || r.italic || r.underline || r.size != 0 {
		x.s("<w:rPr>")
		if r.bold {
			x.s("<w:b/><w:bCs/>")
		}
		if r.italic {
			x.s("<w:i/><w:iCs/>")
		}
		// The schema fixes the order of run properties; Word refuses a
		// document that breaks it.
		if r.size != 0 {
			x.s(fmt.Sprintf(`<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, r.size, r.size))
		}
		if r.underline {
			x.s(`<w:u w:val="single"/>`)
		}
		x.s("</w:rPr>")
	}
	x.s(`<w:t xml:space="preserve">`, esc(r.text), "</w:t></w:r>")
}

// table starts a table of the given column widths; borders draws its grid.
func (x *wml) table(widths []int, borders bool) {
	total := 0
	for _, w := range widths {
		total += w
	}
	x.s(fmt.Sprintf(`<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:jc w:val="center"/>`, total))
	if borders {
		x.s(`<w:tblBorders>`)
		for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
			x.s(`<w:`, side, ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
		}
		x.s(`</w:tblBorders>`)
	}
	x.s(`<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		x.s(fmt.Sprintf(`<w:gridCol w:w="%d"/>`, w))
	}
	x.s(`</w:tblGrid>`)
}

func (x *wml) cell(width int, fill func()) {
	x.s(fmt.Sprintf(`<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>`, width))
	fill()
	x.s(`</w:tc>`)
}

func documentXML(r *Document) string {
	vi := i18n.New(i18n.VI)
	var x wml
	x.s(xml.Header, `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>`)

	// The header block: issuing body | national title and motto; number |
	// place and date.
	left, right := 3686, textWidth-3686
	centre := para{align: "center"}
	x.table([]int{left, right}, false)
	x.s("<w:tr>")
	x.cell(left, func() {
		x.para(centre, run{text: strings.ToUpper(r.Header.Parent), size: sizeHeader})
		for _, l := range strings.Split(strings.ToUpper(r.Header.Issuer), "\n") {
			x.para(centre, run{text: l, bold: true, size: sizeHeader})
		}
		x.para(para{align: "center", border: true, left: 1100, right: 1100, markSize: 4})
	})
	x.cell(right, func() {
		x.para(centre, run{text: vi.T(i18n.ReportNationalTitle), bold: true, size: sizeHeader})
		x.para(centre, run{text: vi.T(i18n.ReportMotto), bold: true, underline: true, size: sizeBody})
	})
	x.s("</w:tr><w:tr>")
	x.cell(left, func() {
		x.para(para{align: "center", before: 120}, run{text: r.NumberLine(), size: sizeHeader})
	})
	x.cell(right, func() {
		x.para(para{align: "center", before: 120}, run{text: r.DateLine(), italic: true, size: sizeBody})
	})
	x.s("</w:tr></w:tbl>")

	x.para(para{align: "center", before: 360}, run{text: vi.T(i18n.ReportTitle), bold: true, size: sizeBody})
	for _, l := range r.Summary {
		x.para(centre, run{text: l, bold: true, size: sizeBody})
	}
	x.para(para{align: "center", after: 240, left: 3400, right: 3400, border: true, markSize: 8})

	body := para{align: "both", firstLine: firstIndent, before: 120}
	for _, b := range r.Body {
		switch b.Kind {
		case Section:
			p := body
			p.keepNext = true
			x.para(p, run{text: b.Text, bold: true})
		case Heading:
			p := body
			p.keepNext = true
			x.para(p, run{text: b.Text, bold: true, italic: true})
		case Para:
			x.para(body, run{text: b.Text})
		case Bullet:
			x.para(body, run{text: "- " + b.Text})
		case Sub:
			p := body
			p.before = 0
			x.para(p, run{text: b.Text, italic: true})
		case Note:
			x.para(body, run{text: b.Text, italic: true})
		case Table:
			writeDocxTable(&x, b)
		}
	}

	// The signer, beside "Nơi nhận".
	x.para(para{before: 240})
	x.table([]int{left + 600, right - 600}, false)
	x.s("<w:tr>")
	x.cell(left+600, func() {
		x.para(para{}, run{text: vi.T(i18n.ReportRecipients), bold: true, italic: true, size: sizeSmall})
		for _, l := range r.Header.Recipients {
			x.para(para{}, run{text: l, size: sizeList})
		}
	})
	x.cell(right-600, func() {
		x.para(centre, run{text: r.Header.SignerTitle, bold: true, size: sizeBody})
		for range 4 {
			x.para(centre) // room for the signature
		}
		x.para(centre, run{text: r.Signer, bold: true, size: sizeBody})
	})
	x.s("</w:tr></w:tbl>")

	x.s(fmt.Sprintf(`<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader1"/><w:headerReference w:type="first" r:id="rIdHeader2"/>`+
		`<w:pgSz w:w="%d" w:h="%d"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="%d" w:footer="%d" w:gutter="0"/>`+
		`<w:titlePg/></w:sectPr></w:body></w:document>`,
		pageWidth, pageHeight, marginTop, marginRight, marginBottom, marginLeft, headerDist, headerDist))
	return x.b.String()
}

func writeDocxTable(x *wml, b Block) {
	if len(b.Rows) == 0 {
		return
	}
	sum := 0
	for _, w := range b.Weights {
		sum += w
	}
	widths := make([]int, len(b.Weights))
	for j, w := range b.Weights {
		widths[j] = textWidth * w / sum
	}
	x.table(widths, true)
	for i, row := range b.Rows {
		x.s("<w:tr>")
		if i == 0 {
			x.s(`<w:trPr><w:tblHeader/></w:trPr>`)
		}
		strong := i == 0 || (b.Total && i == len(b.Rows)-1)
		for j, c := range row {
			align := "left"
			switch {
			case i == 0:
				align = "center"
			case j < len(b.Num) && b.Num[j]:
				align = "right"
			}
			x.cell(widths[j], func() {
				x.para(para{align: align, before: 40, after: 40}, run{text: c, bold: strong, size: sizeTable})
			})
		}
		x.s("</w:tr>")
	}
	x.s("</w:tbl>")
}

func coreXML(r *Document, modified time.Time) string {
	title := i18n.New(i18n.VI).T(i18n.ReportTitle) + " " + strings.Join(r.Summary, " ")
	return xml.Header + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + esc(title) + `</dc:title><dc:creator>` + esc(r.Author()) + `</dc:creator><dc:language>vi-VN</dc:language>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + modified.Format(time.RFC3339) + `</dcterms:created>` +
		`<dcterms:modified xsi:type="dcterms:W3CDTF">` + modified.Format(time.RFC3339) + `</dcterms:modified></cp:coreProperties>`
}

const contentTypesXML = xml.Header + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
	`<Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`</Types>`

const rootRelsXML = xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`</Relationships>`

const documentRelsXML = xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
	`<Relationship Id="rIdHeader1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>` +
	`<Relationship Id="rIdHeader2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/>` +
	`</Relationships>`

// stylesXML sets Times New Roman 14 pt, Vietnamese, single spacing as the
// default of every paragraph.
var stylesXML = xml.Header + `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:docDefaults><w:rPrDefault><w:rPr>` +
	`<w:rFonts w:ascii="` + font + `" w:hAnsi="` + font + `" w:eastAsia="` + font + `" w:cs="` + font + `"/>` +
	fmt.Sprintf(`<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, sizeBody, sizeBody) +
	`<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/></w:style>` +
	`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>` +
	`<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	`</w:styles>`

const settingsXML = xml.Header + `<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>` +
	`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
	`</w:settings>`

// pageNumberHeaderXML is the header of pages 2 onwards: the page number,
// centred. The first page has titlePg and the empty header2.
const pageNumberHeaderXML = xml.Header + `<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:p><w:pPr><w:pStyle w:val="Header"/><w:jc w:val="center"/></w:pPr>` +
	`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
	`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>`

const emptyHeaderXML = xml.Header + `<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr></w:p></w:hdr>`
