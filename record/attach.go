package record

import (
	"archive/zip"
	"bytes"
	"encoding/hex"
	"errors"
	"io"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Attachments are the officer's files on a record (minutes, signed lists,
// photos): the record lists each one by name, size, type and SHA-256; the
// bytes live beside the notebook and at HQ, content-addressed by that hash.
// The list is the officer's data like the body: it travels in the push, and
// changes only through attach and detach (rev + 1).

// Attachment is one file listed on a record. SHA256, Size and Type are of
// the bytes HQ receives; when a large photo travels as a smaller copy,
// Original names the officer's own file, kept on the laptop.
type Attachment struct {
	Name     string    `json:"name"`
	Size     int64     `json:"size"`
	Type     string    `json:"type"`   // one of FileTypes, sniffed from the content
	SHA256   string    `json:"sha256"` // lowercase hex
	Original *Original `json:"original,omitempty"`
}

// Original is the officer's own file behind a reduced copy.
type Original struct {
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Limits of attachments, named in the messages that refuse a file.
const (
	MaxFileBytes     = 25 << 20  // one file
	MaxRecordFiles   = 20        // files on one record
	MaxRecordBytes   = 100 << 20 // all files of one record
	MaxFileNameBytes = 200       // a file's name, in bytes of UTF-8
)

// The types a file may have, as sniffed from its first bytes (never from
// its name).
const (
	TypePDF  = "application/pdf"
	TypeJPEG = "image/jpeg"
	TypePNG  = "image/png"
	TypeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	TypeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// FileTypes lists the accepted types.
func FileTypes() []string { return []string{TypePDF, TypeJPEG, TypePNG, TypeDOCX, TypeXLSX} }

// IsImage says a type is shown as a picture (HQ's thumbnails).
func IsImage(t string) bool { return t == TypeJPEG || t == TypePNG }

// Problems of attachments (Field "attachments"). Value names the file.
const (
	ProblemFileType  Problem = "file_type"   // not PDF, JPEG, PNG, DOCX or XLSX
	ProblemHEIC      Problem = "file_heic"   // a HEIC/HEIF photo: no maintained pure-Go decoder to read it
	ProblemFileSize  Problem = "file_size"   // over MaxFileBytes (Limit)
	ProblemFileCount Problem = "file_count"  // over MaxRecordFiles (Limit)
	ProblemFilesSize Problem = "files_size"  // over MaxRecordBytes (Limit)
	ProblemFileName  Problem = "file_name"   // a name no file system takes safely
	ProblemFileDup   Problem = "file_dup"    // two files of one record with one name
	ProblemFileHash  Problem = "file_sha256" // not a SHA-256 in hex
	ProblemNoFile    Problem = "no_file"     // no file of that name on the record
)

// ErrHEIC is returned by SniffType for HEIC/HEIF photos.
var ErrHEIC = errors.New("HEIC photo")

// errUnknownType is returned by SniffType for everything else it refuses.
var errUnknownType = errors.New("unsupported file type")

// SniffType tells the type of a file from its content: the magic bytes of
// PDF, JPEG and PNG, and for a ZIP the part that makes it a Word document or
// an Excel workbook. A HEIC photo is ErrHEIC (no maintained pure-Go decoder
// exists to shrink or show it); anything else is an error.
func SniffType(r io.ReaderAt, size int64) (string, error) {
	var head [16]byte
	n, _ := r.ReadAt(head[:], 0)
	h := head[:n]
	switch {
	case bytes.HasPrefix(h, []byte("%PDF-")):
		return TypePDF, nil
	case bytes.HasPrefix(h, []byte{0xFF, 0xD8, 0xFF}):
		return TypeJPEG, nil
	case bytes.HasPrefix(h, []byte("\x89PNG\r\n\x1a\n")):
		return TypePNG, nil
	case len(h) >= 12 && string(h[4:8]) == "ftyp" && isHEIFBrand(string(h[8:12])):
		return "", ErrHEIC
	case bytes.HasPrefix(h, []byte("PK\x03\x04")):
		zr, err := zip.NewReader(r, size)
		if err != nil {
			return "", errUnknownType
		}
		for _, f := range zr.File {
			switch f.Name {
			case "word/document.xml":
				return TypeDOCX, nil
			case "xl/workbook.xml":
				return TypeXLSX, nil
			}
		}
	}
	return "", errUnknownType
}

func isHEIFBrand(b string) bool {
	switch b {
	case "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "avif":
		return true
	}
	return false
}

// CleanFileName makes the name a file is listed under from what the
// officer's system called it: the last path element (Windows or POSIX),
// NFC. It refuses (ProblemFileName) a name that could escape a folder or
// that some system would not take: empty, "." or "..", NUL or other
// control characters, characters Windows forbids, a trailing dot or space,
// a reserved device name (CON, PRN, AUX, NUL, COM1–9, LPT1–9, with any
// extension), or longer than MaxFileNameBytes.
func CleanFileName(name string) (string, error) {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	return name, CheckFileName(name)
}

// CheckFileName checks a listed name as CleanFileName does, without taking
// its last element: a name from the network is refused whole.
func CheckFileName(name string) error {
	bad := func() error {
		return &FieldError{Field: "attachments", Problem: ProblemFileName, Value: ShortValue(strings.ToValidUTF8(name, "?"))}
	}
	if name == "" || name == "." || name == ".." || !utf8.ValidString(name) || !norm.NFC.IsNormalString(name) ||
		len(name) > MaxFileNameBytes || strings.ContainsAny(name, `/\:*?"<>|`) ||
		strings.HasSuffix(name, ".") || strings.HasSuffix(name, " ") || strings.HasPrefix(name, " ") {
		return bad()
	}
	for _, c := range name {
		if unicode.IsControl(c) || c == utf8.RuneError || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) {
			return bad() // control characters, and bidi overrides that disguise an extension
		}
	}
	base := strings.ToUpper(strings.TrimSpace(strings.SplitN(name, ".", 2)[0]))
	switch base {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return bad()
	}
	if len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) && base[3] >= '0' && base[3] <= '9' {
		return bad()
	}
	return nil
}

// IsSHA256 says s is a SHA-256 in lowercase hex.
func IsSHA256(s string) bool {
	if len(s) != 64 || strings.ToLower(s) != s {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

// normalizeAttachments checks the list: names, types, sizes, hashes and
// the per-record limits. Names are compared without case, as Windows and
// macOS do.
func (r *Record) normalizeAttachments() *FieldError {
	if len(r.Attachments) == 0 {
		r.Attachments = nil
		return nil
	}
	if len(r.Attachments) > MaxRecordFiles {
		return &FieldError{Field: "attachments", Problem: ProblemFileCount, Limit: MaxRecordFiles}
	}
	var total int64
	seen := map[string]bool{}
	for _, a := range r.Attachments {
		if err := CheckFileName(a.Name); err != nil {
			var fe *FieldError
			errors.As(err, &fe)
			return fe
		}
		key := strings.ToLower(a.Name)
		switch {
		case seen[key]:
			return &FieldError{Field: "attachments", Problem: ProblemFileDup, Value: ShortValue(a.Name)}
		case !validType(a.Type):
			return &FieldError{Field: "attachments", Problem: ProblemFileType, Value: ShortValue(a.Name)}
		case a.Size <= 0 || a.Size > MaxFileBytes:
			return &FieldError{Field: "attachments", Problem: ProblemFileSize, Value: ShortValue(a.Name), Limit: MaxFileBytes >> 20}
		case !IsSHA256(a.SHA256), a.Original != nil && (!IsSHA256(a.Original.SHA256) || a.Original.Size <= 0):
			return &FieldError{Field: "attachments", Problem: ProblemFileHash, Value: ShortValue(a.Name)}
		}
		seen[key] = true
		if total += a.Size; total > MaxRecordBytes {
			return &FieldError{Field: "attachments", Problem: ProblemFilesSize, Value: ShortValue(a.Name), Limit: MaxRecordBytes >> 20}
		}
	}
	return nil
}

func validType(t string) bool {
	for _, ft := range FileTypes() {
		if t == ft {
			return true
		}
	}
	return false
}

// Attachment returns the record's file listed under name (compared without
// case), or false.
func (r *Record) Attachment(name string) (Attachment, bool) {
	for _, a := range r.Attachments {
		if strings.EqualFold(a.Name, name) {
			return a, true
		}
	}
	return Attachment{}, false
}

// FileProblem is a refusal of one file, as a *FieldError of the field
// "attachments" naming the file.
func FileProblem(p Problem, name string, limit int) error {
	return &FieldError{Field: "attachments", Problem: p, Value: ShortValue(path.Base(strings.ReplaceAll(name, `\`, "/"))), Limit: limit}
}
