package web

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"strconv"
	"time"
	"unicode/utf8"

	"sotay/vntext"
)

// A workbook of one sheet, written row by row straight into the response:
// the zip's entries and the sheet's XML go out as they are made, so an
// export of a million rows holds no more memory than one of ten, and the
// first bytes leave before the last record is read.
//
// Why not excelize's StreamWriter (v2.11.0, stream.go): it keeps the sheet
// in a bytes.Buffer until StreamChunkSize (16 MiB, a package constant),
// then in a temporary file, and File.WriteTo copies that into the zip only
// after every row is written. Memory grows up to 16 MiB plus what the
// workbook's other parts hold, the disk holds the whole uncompressed sheet,
// and the browser waits with nothing until the end.
//
// The sheet uses inline strings (no shared-string table to keep in memory)
// and two styles beyond the default: a bold header, and quotePrefix for text
// that a spreadsheet would otherwise take as a formula when the cell is
// edited (the rule vntext.ForCSV applies to CSV; in xlsx the prefix is a
// style, so the reader does not see an apostrophe).

// xlsxStream writes one sheet of an xlsx workbook to w.
type xlsxStream struct {
	zw   *zip.Writer
	bw   *bufio.Writer // the sheet's entry
	rows int
	buf  []byte
	ref  [16]byte // a cell's reference
	num  [32]byte // a number's text
}

const (
	xlsxStyleHeader = 1
	xlsxStyleText   = 2 // quotePrefix: text that looks like a formula
)

// newXLSXStream starts a workbook whose one sheet is called sheet and
// writes its header row.
func newXLSXStream(w io.Writer, sheet string, header []string) (*xlsxStream, error) {
	zw := zip.NewWriter(w)
	for _, part := range []struct{ name, body string }{
		{"[Content_Types].xml", xlsxContentTypes},
		{"_rels/.rels", xlsxRootRels},
		{"xl/_rels/workbook.xml.rels", xlsxWorkbookRels},
		{"xl/styles.xml", xlsxStyles},
		{"xl/workbook.xml", fmt.Sprintf(xlsxWorkbook, xmlText(nil, sheetName(sheet)))},
	} {
		f, err := zw.Create(part.name)
		if err != nil {
			return nil, err
		}
		if _, err := io.WriteString(f, part.body); err != nil {
			return nil, err
		}
	}
	f, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		return nil, err
	}
	x := &xlsxStream{zw: zw, bw: bufio.NewWriterSize(f, 32<<10)}
	x.bw.WriteString(xml1 + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>` +
		`</sheetView></sheetViews>`)
	if n := len(header); n > 0 {
		fmt.Fprintf(x.bw, `<cols><col min="1" max="%d" width="20" customWidth="1"/></cols>`, n)
	}
	x.bw.WriteString(`<sheetData>`)
	hdr := make([]any, len(header))
	for i, h := range header {
		hdr[i] = h
	}
	if err := x.row(hdr, xlsxStyleHeader); err != nil {
		return nil, err
	}
	return x, nil
}

// Row writes one row: strings as text, ints and float64s as numbers, times
// as text in RFC 3339; anything else as its text.
func (x *xlsxStream) Row(vals []any) error { return x.row(vals, 0) }

func (x *xlsxStream) row(vals []any, style int) error {
	x.rows++
	b := x.buf[:0]
	b = append(b, `<row r="`...)
	b = strconv.AppendInt(b, int64(x.rows), 10)
	b = append(b, `">`...)
	for i, v := range vals {
		cell := strconv.AppendInt(columnName(x.ref[:0], i), int64(x.rows), 10)
		switch n := v.(type) {
		case int:
			b = numberCell(b, cell, strconv.AppendInt(x.num[:0], int64(n), 10))
			continue
		case int64:
			b = numberCell(b, cell, strconv.AppendInt(x.num[:0], n, 10))
			continue
		case float64:
			b = numberCell(b, cell, strconv.AppendFloat(x.num[:0], n, 'f', -1, 64))
			continue
		}
		s := ""
		switch t := v.(type) {
		case string:
			s = t
		case time.Time:
			s = t.Format(time.RFC3339)
		default:
			s = fmt.Sprint(v)
		}
		if s == "" {
			continue
		}
		st := style
		if st == 0 && vntext.ForCSV(s) != s {
			st = xlsxStyleText
		}
		b = append(b, `<c r="`...)
		b = append(b, cell...)
		b = append(b, '"')
		if st != 0 {
			b = append(b, ` s="`...)
			b = strconv.AppendInt(b, int64(st), 10)
			b = append(b, '"')
		}
		b = append(b, ` t="inlineStr"><is><t xml:space="preserve">`...)
		b = xmlText(b, s)
		b = append(b, `</t></is></c>`...)
	}
	b = append(b, `</row>`...)
	x.buf = b[:0]
	_, err := x.bw.Write(b)
	return err
}

func numberCell(b, cell, num []byte) []byte {
	b = append(b, `<c r="`...)
	b = append(b, cell...)
	b = append(b, `"><v>`...)
	b = append(b, num...)
	return append(b, `</v></c>`...)
}

// Close ends the sheet and the workbook.
func (x *xlsxStream) Close() error {
	x.bw.WriteString(`</sheetData></worksheet>`)
	if err := x.bw.Flush(); err != nil {
		return err
	}
	return x.zw.Close()
}

// columnName appends the spreadsheet name of column i (0 → A, 26 → AA).
func columnName(b []byte, i int) []byte {
	if i >= 26 {
		b = columnName(b, i/26-1)
	}
	return append(b, byte('A'+i%26))
}

// xmlText appends s escaped for XML 1.0, dropping the characters XML
// cannot carry at all (controls other than tab and newlines, broken UTF-8).
func xmlText(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r == '"':
			b = append(b, "&quot;"...)
		case r == utf8.RuneError && size == 1, r < 0x20 && r != '\t' && r != '\n' && r != '\r',
			r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return b
}

// sheetName is name as a sheet may be called: at most 31 characters, none
// of []:*?/\.
func sheetName(name string) string {
	out := make([]rune, 0, 31)
	for _, r := range name {
		switch r {
		case '[', ']', ':', '*', '?', '/', '\\':
			r = ' '
		}
		if len(out) == 31 {
			break
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		return "Sheet1"
	}
	return string(out)
}

const xml1 = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const xlsxContentTypes = xml1 + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
	`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
	`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
	`</Types>`

const xlsxRootRels = xml1 + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
	`</Relationships>`

const xlsxWorkbookRels = xml1 + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`</Relationships>`

const xlsxWorkbook = xml1 + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
	`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
	`<sheets><sheet name="%s" sheetId="1" r:id="rId1"/></sheets></workbook>`

// xlsxStyles: cell style 0 the default, 1 the header (bold, shaded), 2 text
// with quotePrefix.
const xlsxStyles = xml1 + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
	`<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
	`<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
	`<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/></patternFill></fill></fills>` +
	`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
	`<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>` +
	`<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1" applyNumberFormat="1"/></cellXfs>` +
	`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
	`</styleSheet>`
