package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image/jpeg"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"sotay/hq"
	"sotay/photo/phototest"
	"sotay/record"
	"sotay/sync/wire"
)

func hexOf(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func listing(name, typ string, content []byte) record.Attachment {
	return record.Attachment{Name: name, Size: int64(len(content)), Type: typ, SHA256: hexOf(content)}
}

// upload sends a file through the real upload API, as the officer's
// notebook does, and returns HQ's last status.
func (r *rig) upload(t *testing.T, en hq.Enrolled, recID string, a record.Attachment, content []byte) int {
	t.Helper()
	e, err := wire.ParseCode(en.Code)
	if err != nil {
		t.Fatal(err)
	}
	send := func(method, path string, hdr map[string]string, body []byte) *http.Response {
		req, _ := http.NewRequest(method, r.srv.URL+path, bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+e.Officer+"."+e.Token)
		req.Header.Set(wire.HeaderTus, wire.TusVersion)
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		resp, err := r.srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	resp := send(http.MethodPost, wire.PathFiles, map[string]string{wire.HeaderLength: strconv.Itoa(len(content)),
		wire.HeaderMeta: wire.FileMeta{SHA256: a.SHA256, Name: a.Name, Type: a.Type, Record: recID}.Encode()}, nil)
	if resp.StatusCode != http.StatusCreated {
		return resp.StatusCode
	}
	return send(http.MethodPatch, resp.Header.Get("Location"), map[string]string{wire.HeaderOffset: "0",
		"Content-Type": wire.ContentTypeChunk}, content).StatusCode
}

func TestRecordFiles(t *testing.T) {
	r := newRig(t, Options{})
	hn := r.officer(t, "Nguyễn Văn An", "ha-noi")
	photoBytes := phototest.PhoneJPEG(800, 600, 1)
	pdfBytes := []byte("%PDF-1.7\n% biên bản\n")
	page := []byte("<html><script>alert(document.cookie)</script></html>")
	files := []record.Attachment{
		listing("ảnh trụ sở.jpg", record.TypeJPEG, photoBytes),
		listing("Biên bản & kết luận.pdf", record.TypePDF, pdfBytes),
		listing("trang.pdf", record.TypePDF, page), // a hostile notebook's listing
	}
	rec := r.push(t, hn.Officer.ID, record.Record{Kind: record.KindLog, Date: "2026-06-01", Commune: "Phường Ba Đình",
		Activity: "meeting", Content: "Họp", Attachments: files})[0]
	for i, content := range [][]byte{photoBytes, pdfBytes} {
		if st := r.upload(t, hn, rec.ID, files[i], content); st != http.StatusNoContent {
			t.Fatalf("upload %s: %d", files[i].Name, st)
		}
	}
	if st := r.upload(t, hn, rec.ID, files[2], page); st != http.StatusUnsupportedMediaType {
		t.Errorf("HTML listed as a PDF: upload %d", st)
	}

	member := r.user(t, "member@bnv.gov.vn", hq.RoleMember, false)
	c := r.browser(t)
	r.signIn(t, c, member)
	ans := r.get(t, c, "/d/"+rec.ID)
	base := "/d/" + rec.ID + "/files/"
	for _, want := range []string{
		`<img src="` + base + files[0].SHA256 + `/thumb"`,
		`<a href="` + base + files[1].SHA256 + `" download>Biên bản &amp; kết luận.pdf</a>`,
		`<span>trang.pdf</span>`, // not held: no link
	} {
		if !strings.Contains(ans.body, want) {
			t.Errorf("record page lacks %s", want)
		}
	}
	if strings.Contains(ans.body, base+files[2].SHA256) {
		t.Error("a file HQ does not hold has a link")
	}

	for _, tc := range []struct {
		name, path, typ string
		status          int
		body            []byte
	}{
		{"pdf", base + files[1].SHA256, record.TypePDF, http.StatusOK, pdfBytes},
		{"photo", base + files[0].SHA256, record.TypeJPEG, http.StatusOK, photoBytes},
		{"thumbnail", base + files[0].SHA256 + "/thumb", record.TypeJPEG, http.StatusOK, nil},
		{"not held", base + files[2].SHA256, "", http.StatusNotFound, nil},
		{"not listed", base + hexOf([]byte("other")), "", http.StatusNotFound, nil},
		{"not a hash", base + "..%2F..%2Fhq.db", "", http.StatusNotFound, nil},
		{"thumbnail of a pdf", base + files[1].SHA256 + "/thumb", "", http.StatusNotFound, nil},
	} {
		a := r.get(t, c, tc.path)
		if a.status != tc.status {
			t.Errorf("%s: status %d, want %d", tc.name, a.status, tc.status)
			continue
		}
		if tc.status != http.StatusOK {
			continue
		}
		h := a.header
		if h.Get("Content-Type") != tc.typ || !strings.HasPrefix(h.Get("Content-Disposition"), "attachment;") ||
			h.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(h.Get("Content-Security-Policy"), "sandbox") ||
			!strings.Contains(h.Get("Content-Security-Policy"), "default-src 'none'") {
			t.Errorf("%s: headers %v", tc.name, h)
		}
		if tc.body != nil && a.body != string(tc.body) {
			t.Errorf("%s: %d bytes, want %d", tc.name, len(a.body), len(tc.body))
		}
		if tc.name == "thumbnail" {
			cfg, err := jpeg.DecodeConfig(strings.NewReader(a.body))
			if err != nil || max(cfg.Width, cfg.Height) > thumbSide {
				t.Errorf("thumbnail %d×%d, %v", cfg.Width, cfg.Height, err)
			}
		}
	}
	if !r.audited(t, "download", rec.ID) {
		t.Error("a download was not audited")
	}
	// The name travels whole in UTF-8, and safely in ASCII.
	if cd := r.get(t, c, base+files[1].SHA256).header.Get("Content-Disposition"); cd !=
		`attachment; filename="Bi_n b_n & k_t lu_n.pdf"; filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20&%20k%E1%BA%BFt%20lu%E1%BA%ADn.pdf` {
		t.Errorf("Content-Disposition %s", cd)
	}

	// A liaison sees only their provinces' files.
	for _, tc := range []struct {
		province string
		status   int
	}{{"ha-noi", http.StatusOK}, {"hai-phong", http.StatusNotFound}} {
		l := r.user(t, "lien-lac-"+tc.province+"@bnv.gov.vn", hq.RoleLiaison, false, tc.province)
		lc := r.browser(t)
		r.signIn(t, lc, l)
		if a := r.get(t, lc, base+files[1].SHA256); a.status != tc.status {
			t.Errorf("liaison of %s: %d, want %d", tc.province, a.status, tc.status)
		}
	}

	// The export lists the record's files.
	exp := r.get(t, c, "/export?kind=log&format=csv")
	if !strings.Contains(exp.body, "Biên bản & kết luận.pdf") || !strings.Contains(exp.body, "ảnh trụ sở.jpg") {
		t.Errorf("export lacks the files:\n%s", exp.body)
	}
}

// In Chromium, the record page shows the photo's thumbnail under the
// workspace's CSP, and the files as links.
func TestBrowserRecordFiles(t *testing.T) {
	r := newRig(t, Options{})
	ctx := startBrowser(t, r)
	hn := r.officer(t, "Nguyễn Văn An", "ha-noi")
	photoBytes := phototest.PhoneJPEG(1200, 900, 2)
	pdfBytes := []byte("%PDF-1.7\n% biên bản\n")
	files := []record.Attachment{listing("ảnh trụ sở UBND.jpg", record.TypeJPEG, photoBytes), listing("Biên bản họp.pdf", record.TypePDF, pdfBytes)}
	rec := r.push(t, hn.Officer.ID, record.Record{Kind: record.KindLog, Date: "2026-06-01", Commune: "Phường Ba Đình",
		Activity: "meeting", Content: "Họp với UBND phường về sắp xếp bộ máy", Attachments: files})[0]
	for i, c := range [][]byte{photoBytes, pdfBytes} {
		if st := r.upload(t, hn, rec.ID, files[i], c); st != http.StatusNoContent {
			t.Fatalf("upload: %d", st)
		}
	}
	member := r.user(t, "member@bnv.gov.vn", hq.RoleMember, false)
	browserSignIn(t, ctx, r, member)
	step(t, ctx, "open the record", chromedp.Navigate(r.srv.URL+"/d/"+rec.ID), chromedp.WaitVisible(chromedp.CSS("section.files img")))
	var loaded bool
	for range 50 {
		var err error
		loaded, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const i = document.querySelector("section.files img"); return i.complete && i.naturalWidth > 0 })()`))
		if err != nil {
			t.Fatal(err)
		}
		if loaded {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !loaded {
		t.Error("the thumbnail did not load")
	}
	if got := text(t, ctx, "section.files"); !strings.Contains(got, "Biên bản họp.pdf") || !strings.Contains(got, "ảnh trụ sở UBND.jpg") {
		t.Errorf("files section: %q", got)
	}
	shot(t, ctx, "record-files")
}
