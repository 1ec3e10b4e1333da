package web

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"sotay/atomicfile"
	"sotay/hq"
	"sotay/i18n"
	"sotay/photo"
	"sotay/record"
)

// Attached files on the record page (issue 12): the list, image
// thumbnails, and downloads. A file is only ever served as a download
// (Content-Disposition: attachment) with the type HQ checked when it
// arrived, nosniff, and a CSP that sandboxes it, so an HTML or SVG an
// officer managed to send can never run as a page of the workspace. Who may
// download a file is who may read its record: the same recordFor, so a
// liaison gets only their provinces' files.

// Files is what the file pages read from HQ's database.
type Files interface {
	File(sum string) (hq.FileInfo, bool, error)
	FilePath(sum string) string
	FilesDir() string
}

// fileRow is one file on the record page.
type fileRow struct {
	record.Attachment
	Held    bool   // HQ holds it whole
	Image   bool   // shown as a thumbnail
	URL     string // the download
	Thumb   string // the thumbnail, for an image HQ holds
	Reduced bool   // a reduced copy of a photo; the original is on the laptop
}

// thumbSide is the long side of a thumbnail, in pixels.
const thumbSide = 320

// filesOf lists the record's files as the page shows them.
func (s *Server) filesOf(sr hq.StoredRecord) []fileRow {
	if s.files == nil {
		return nil
	}
	out := make([]fileRow, 0, len(sr.Record.Attachments))
	for _, a := range sr.Record.Attachments {
		fi, held, err := s.files.File(a.SHA256)
		held = held && err == nil && fi.Type == a.Type
		base := "/d/" + sr.Record.ID + "/files/" + a.SHA256
		row := fileRow{Attachment: a, Held: held, URL: base, Reduced: a.Original != nil}
		if held && record.IsImage(a.Type) {
			row.Image, row.Thumb = true, base+"/thumb"
		}
		out = append(out, row)
	}
	return out
}

// fileFor is the file of the request's path as the user may read it: the
// record visible to them lists it, and HQ holds it with the type listed.
func (s *Server) fileFor(w http.ResponseWriter, r *http.Request, c *ctx) (record.Attachment, hq.FileInfo, bool) {
	id, sum := r.PathValue("id"), r.PathValue("sum")
	sr, _, err := s.recordFor(c, id)
	if err != nil || s.files == nil || !record.IsSHA256(sum) {
		s.deny(w, r, c, errHidden, id)
		return record.Attachment{}, hq.FileInfo{}, false
	}
	for _, a := range sr.Record.Attachments {
		if a.SHA256 != sum {
			continue
		}
		fi, held, err := s.files.File(sum)
		if err != nil || !held || fi.Type != a.Type {
			break
		}
		return a, fi, true
	}
	s.deny(w, r, c, errHidden, id)
	return record.Attachment{}, hq.FileInfo{}, false
}

// download serves a file as an attachment, never as a page.
func (s *Server) download(w http.ResponseWriter, r *http.Request, c *ctx) {
	a, fi, ok := s.fileFor(w, r, c)
	if !ok {
		return
	}
	f, err := os.Open(s.files.FilePath(a.SHA256))
	if err != nil {
		s.fail(w, r, c, http.StatusInternalServerError, "web.err.internal")
		return
	}
	defer f.Close()
	_ = c.act.AddAudit("download", r.PathValue("id"), a.Name)
	fileHeaders(w, fi.Type, a.Name)
	http.ServeContent(w, r, "", fi.Received, f)
}

// thumb serves a small JPEG of an image file, made once and kept beside
// the files.
func (s *Server) thumb(w http.ResponseWriter, r *http.Request, c *ctx) {
	a, fi, ok := s.fileFor(w, r, c)
	if !ok || !record.IsImage(fi.Type) {
		if ok {
			s.deny(w, r, c, errHidden, r.PathValue("id"))
		}
		return
	}
	p := filepath.Join(s.files.FilesDir(), "thumbs", a.SHA256+".jpg")
	data, err := os.ReadFile(p)
	if err != nil {
		src, err := os.ReadFile(s.files.FilePath(a.SHA256))
		if err == nil {
			data, err = photo.Thumbnail(src, thumbSide)
		}
		if err != nil {
			w.WriteHeader(http.StatusNotFound) // the page shows the file's name instead
			return
		}
		if os.MkdirAll(filepath.Dir(p), 0o700) == nil {
			_ = atomicfile.Write(p, 0o600, func(wr io.Writer) error {
				_, err := wr.Write(data)
				return err
			})
		}
	}
	name := strings.TrimSuffix(a.Name, filepath.Ext(a.Name)) + "-thumb.jpg"
	fileHeaders(w, record.TypeJPEG, name)
	w.Header().Set("Cache-Control", "private, max-age=86400")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
}

// fileHeaders are the headers of every file HQ serves: its checked type,
// a download under its name, no sniffing, and a CSP that gives a file
// opened as a page no script, no origin and nothing to load.
func fileHeaders(w http.ResponseWriter, typ, name string) {
	h := w.Header()
	h.Set("Content-Type", typ)
	h.Set("Content-Disposition", contentDisposition(name))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox; frame-ancestors 'none'")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "private, no-store")
	}
}

// contentDisposition names the download: an ASCII fallback and the name in
// UTF-8 (RFC 6266, RFC 5987), with nothing that could end the header's
// quoting.
func contentDisposition(name string) string {
	ascii := strings.Map(func(r rune) rune {
		if r < 0x20 || r >= 0x7f || r == '"' || r == '\\' || r == ';' {
			return '_'
		}
		return r
	}, name)
	var enc strings.Builder
	for _, c := range []byte(name) {
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			enc.WriteByte(c) // RFC 5987's attr-char
		} else {
			fmt.Fprintf(&enc, "%%%02X", c)
		}
	}
	return fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, ascii, enc.String())
}

// Bytes is a file size as people read it: "840 KB", "2,4 MB" (a decimal
// comma in Vietnamese).
func (p page) Bytes(n int64) string {
	var s string
	switch {
	case n >= 1<<20:
		s = fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		s = fmt.Sprintf("%d KB", (n+512)>>10)
	default:
		s = fmt.Sprintf("%d B", n)
	}
	if p.Cat.Lang == i18n.VI {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// fileNames is the record's files in one export cell: "name (size); …".
func fileNames(r *record.Record) string {
	var b strings.Builder
	for i, a := range r.Attachments {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s (%s)", a.Name, page{Cat: i18n.New(i18n.EN)}.Bytes(a.Size))
	}
	return b.String()
}
