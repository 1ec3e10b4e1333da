package record

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

func zipWith(t *testing.T, names ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("<x/>"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSniffType(t *testing.T) {
	for _, tc := range []struct {
		name    string
		content []byte
		want    string
		err     error
	}{
		{"pdf", []byte("%PDF-1.7\n..."), TypePDF, nil},
		{"jpeg", []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'}, TypeJPEG, nil},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), TypePNG, nil},
		{"docx", zipWith(t, "[Content_Types].xml", "word/document.xml"), TypeDOCX, nil},
		{"xlsx", zipWith(t, "[Content_Types].xml", "xl/workbook.xml"), TypeXLSX, nil},
		{"heic", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), "", ErrHEIC},
		{"plain zip", zipWith(t, "a.txt"), "", errUnknownType},
		{"html named .pdf", []byte("<html><script>alert(1)</script>"), "", errUnknownType},
		{"svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`), "", errUnknownType},
		{"empty", nil, "", errUnknownType},
		{"truncated zip", []byte("PK\x03\x04garbage"), "", errUnknownType},
	} {
		got, err := SniffType(bytes.NewReader(tc.content), int64(len(tc.content)))
		if got != tc.want || !errors.Is(err, tc.err) {
			t.Errorf("%s: got %q, %v; want %q, %v", tc.name, got, err, tc.want, tc.err)
		}
	}
}

func TestCleanFileName(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"bien-ban.pdf", "bien-ban.pdf", true},
		{`C:\Users\an\Biên bản họp.pdf`, "Biên bản họp.pdf", true},
		{"/home/an/ảnh trụ sở.jpg", "ảnh trụ sở.jpg", true},
		{"../../etc/passwd", "passwd", true}, // the last element only: nothing escapes
		{"..", "..", false},
		{"a\x00b.pdf", "a\x00b.pdf", false},
		{"a\x1bb.pdf", "a\x1bb.pdf", false},
		{"CON", "CON", false},
		{"con.pdf", "con.pdf", false},
		{"LPT1.docx", "LPT1.docx", false},
		{"com9", "com9", false},
		{"COMMENT.pdf", "COMMENT.pdf", true},
		{"aux.tar.gz", "aux.tar.gz", false},
		{"x.pdf.", "x.pdf.", false},
		{"a:b.pdf", "a:b.pdf", false},
		{"evil\u202Efdp.exe", "evil\u202Efdp.exe", false},
		{strings.Repeat("a", MaxFileNameBytes+1), strings.Repeat("a", MaxFileNameBytes+1), false},
		{"", "", false},
	} {
		got, err := CleanFileName(tc.in)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("CleanFileName(%q) = %q, %v; want %q ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
	}
	// A name from the network is refused whole, not cut to its last element.
	if err := CheckFileName("../x.pdf"); err == nil {
		t.Error("CheckFileName took ../x.pdf")
	}
}

func sampleAttachment(name string, size int64) Attachment {
	return Attachment{Name: name, Size: size, Type: TypePDF, SHA256: strings.Repeat("ab", 32)}
}

func TestNormalizeAttachments(t *testing.T) {
	now := time.Date(2026, 6, 5, 0, 0, 0, 0, time.UTC)
	many := make([]Attachment, MaxRecordFiles+1)
	for i := range many {
		many[i] = sampleAttachment(string(rune('a'+i))+".pdf", 10)
	}
	big := make([]Attachment, 5)
	for i := range big {
		big[i] = sampleAttachment(string(rune('a'+i))+".pdf", MaxFileBytes)
	}
	for _, tc := range []struct {
		name    string
		files   []Attachment
		problem Problem
		limit   int
	}{
		{"fine", []Attachment{sampleAttachment("a.pdf", 10), sampleAttachment("b.pdf", 10)}, "", 0},
		{"too many", many, ProblemFileCount, MaxRecordFiles},
		{"too big", []Attachment{sampleAttachment("a.pdf", MaxFileBytes+1)}, ProblemFileSize, MaxFileBytes >> 20},
		{"record too big", big, ProblemFilesSize, MaxRecordBytes >> 20},
		{"dup", []Attachment{sampleAttachment("a.pdf", 1), sampleAttachment("A.PDF", 1)}, ProblemFileDup, 0},
		{"bad name", []Attachment{sampleAttachment("../a.pdf", 1)}, ProblemFileName, 0},
		{"bad type", []Attachment{{Name: "a.svg", Size: 1, Type: "image/svg+xml", SHA256: strings.Repeat("ab", 32)}}, ProblemFileType, 0},
		{"bad hash", []Attachment{{Name: "a.pdf", Size: 1, Type: TypePDF, SHA256: "xyz"}}, ProblemFileHash, 0},
	} {
		r := Record{Kind: KindLog, Date: "2026-06-01", Commune: "X", Activity: "survey", Content: "c", Attachments: tc.files}
		err := r.Normalize(now)
		ve, _ := AsValidation(err)
		switch {
		case tc.problem == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.problem != "" && (ve == nil || ve.Field("attachments") == nil):
			t.Errorf("%s: want %s, got %v", tc.name, tc.problem, err)
		case tc.problem != "" && (ve.Field("attachments").Problem != tc.problem || ve.Field("attachments").Limit != tc.limit):
			t.Errorf("%s: got %+v, want %s limit %d", tc.name, ve.Field("attachments"), tc.problem, tc.limit)
		}
	}
}

// The list travels in the record's flat JSON and comes back unchanged.
func TestAttachmentsJSON(t *testing.T) {
	at := time.Date(2026, 6, 1, 8, 30, 0, 0, time.UTC)
	r := Record{ID: "019f17c1-ba80-7000-8000-000000000001", Kind: KindLog, Rev: 2, Created: at, Updated: at,
		Date: "2026-06-01", Commune: "X", Activity: "survey", Content: "c",
		Attachments: []Attachment{sampleAttachment("a.pdf", 10), {Name: "ảnh.jpg", Size: 300000, Type: TypeJPEG,
			SHA256: strings.Repeat("cd", 32), Original: &Original{Size: 4000000, SHA256: strings.Repeat("ef", 32)}}}}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back Record
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	b2, _ := json.Marshal(back)
	if !bytes.Equal(b, b2) || len(back.Attachments) != 2 || back.Attachments[1].Original.Size != 4000000 {
		t.Errorf("round trip changed it:\n%s\n%s", b, b2)
	}
	// EqualFold is Unicode-aware: "Ảnh.jpg" and "ảnh.jpg" are one name.
	if _, ok := back.Attachment("Ảnh.jpg"); !ok {
		t.Error("Attachment did not find ảnh.jpg by another case")
	}
	if _, ok := back.Attachment("b.pdf"); ok {
		t.Error("Attachment found a file the record does not list")
	}
}
