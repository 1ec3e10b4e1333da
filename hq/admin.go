package hq

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"sotay/record"
	"sotay/sync/wire"
	"sotay/vntext"
)

// SocketFile is the admin socket in the data directory. Its protection is
// the access control: mode 0600 on Unix, an ACL for the current user alone
// on Windows (protectSocket).
const SocketFile = "admin.sock"

// AdminDownFile is written in the data directory by a server that serves
// without its admin socket (it could not be created: seen on Windows under
// Wine); it holds the reason. Admin commands read it to say what to do.
const AdminDownFile = "admin.down"

// Admin is what the `hq` admin commands do, whether the server runs (they
// go through its socket) or not (they open the database).
type Admin interface {
	Enroll(ctx context.Context, name, province, url string) (Enrolled, error)
	// Reissue gives an existing officer a new code (a new token; the old
	// one stops), for a lost laptop or after a revocation.
	Reissue(ctx context.Context, officer, url string) (Enrolled, error)
	Revoke(ctx context.Context, officer string) error
	Respond(ctx context.Context, record, status, text, author string) (wire.Event, error)
	Notice(ctx context.Context, title, text string) (wire.Event, error)
	Officers(ctx context.Context) ([]Officer, error)
	// Review marks a record has_issues (with a comment) or approved, or
	// reopens an approved one (DB.Review).
	Review(ctx context.Context, record, action, comment, author string) (wire.Event, error)
	// Thread is a record as HQ holds it and, for a difficulty, its thread.
	Thread(ctx context.Context, record string) (ThreadView, error)
	// WGReport is the working group's national report of a period, as a
	// file (wgreport.go).
	WGReport(ctx context.Context, req WGReportRequest) ([]byte, error)
}

// ThreadView is a record as HQ holds it, with its thread (empty but for a
// difficulty).
type ThreadView struct {
	StoredRecord
	Thread []record.ThreadItem `json:"thread"`
}

// Enrolled is an officer and the code to give them.
type Enrolled struct {
	Officer Officer `json:"officer"`
	Code    string  `json:"code"`
}

// OpenAdmin reaches HQ's data in dir: through the running server's socket
// when one answers, otherwise by opening the database. close releases it.
func OpenAdmin(dir string) (Admin, func() error, error) {
	sock := filepath.Join(dir, SocketFile)
	if conn, err := net.DialTimeout("unix", sock, time.Second); err == nil {
		conn.Close()
		return newSocketAdmin(sock), func() error { return nil }, nil
	}
	db, err := OpenDB(dir, time.Second)
	if errors.Is(err, ErrLocked) {
		if why, rerr := os.ReadFile(filepath.Join(dir, AdminDownFile)); rerr == nil {
			return nil, nil, fmt.Errorf("%w (%s)", ErrNoAdminSocket, strings.TrimSpace(string(why)))
		}
		return nil, nil, fmt.Errorf("%w, and its admin socket %s does not answer", ErrLocked, sock)
	}
	if err != nil {
		return nil, nil, err
	}
	return &dbAdmin{db: db, dir: dir}, db.Close, nil
}

// dbAdmin does the admin work on the database itself: directly for a
// stopped server, and behind the socket for a running one.
type dbAdmin struct {
	db  *DB
	dir string
}

func (a *dbAdmin) Enroll(_ context.Context, name, province, url string) (Enrolled, error) {
	url, fp, err := a.served(url)
	if err != nil {
		return Enrolled{}, err
	}
	o, token, err := a.db.Enroll(name, province)
	if err != nil {
		return Enrolled{}, err
	}
	return enrolled(o, url, token, fp)
}

func (a *dbAdmin) Reissue(_ context.Context, officer, url string) (Enrolled, error) {
	url, fp, err := a.served(url)
	if err != nil {
		return Enrolled{}, err
	}
	o, token, err := a.db.Reissue(officer)
	if err != nil {
		return Enrolled{}, err
	}
	return enrolled(o, url, token, fp)
}

// served is the URL (url if given) and the certificate fingerprint a code
// carries. Codes are always https: a plain-HTTP server sits behind a TLS
// proxy whose https URL it was given.
func (a *dbAdmin) served(url string) (string, string, error) {
	servedURL, fp, err := a.db.Served()
	if err != nil {
		return "", "", err
	}
	if servedURL == "" {
		// Never served: the certificate the server will make is made now,
		// so the code pins the right one.
		cert, self, err := LoadOrCreateCert(a.dir, "", "")
		if err != nil {
			return "", "", err
		}
		if self {
			fp = CertFingerprint(cert)
		}
	}
	if url == "" {
		url = servedURL
	}
	if url == "" {
		return "", "", ErrNoURL
	}
	if !strings.HasPrefix(url, "https://") {
		return "", "", ErrNotHTTPS
	}
	return url, fp, nil
}

func enrolled(o Officer, url, token, fp string) (Enrolled, error) {
	e := wire.Enrollment{URL: url, Officer: o.ID, Token: token, Fingerprint: fp}
	if _, err := wire.ParseCode(e.Code()); err != nil {
		return Enrolled{}, fmt.Errorf("HQ's URL %q: %w", url, err)
	}
	o.TokenHash = ""
	return Enrolled{Officer: o, Code: e.Code()}, nil
}

func (a *dbAdmin) Revoke(_ context.Context, officer string) error { return a.db.Revoke(officer) }

func (a *dbAdmin) Respond(_ context.Context, record, status, text, author string) (wire.Event, error) {
	return a.db.Respond(record, status, text, author)
}

func (a *dbAdmin) Notice(_ context.Context, title, text string) (wire.Event, error) {
	return a.db.Notice(title, text)
}

func (a *dbAdmin) Review(_ context.Context, rec, action, comment, author string) (wire.Event, error) {
	return a.db.Review(rec, action, comment, author)
}

func (a *dbAdmin) Thread(_ context.Context, rec string) (ThreadView, error) {
	sr, th, err := a.db.Thread(rec)
	if errors.Is(err, ErrNotDifficulty) {
		err = nil
	}
	if th == nil {
		th = []record.ThreadItem{}
	}
	return ThreadView{StoredRecord: sr, Thread: th}, err
}

func (a *dbAdmin) Officers(context.Context) ([]Officer, error) {
	officers, err := a.db.Officers()
	for i := range officers {
		officers[i].TokenHash = "" // never leaves the database
	}
	return officers, err
}

// adminErrors travel over the socket by code.
var adminErrors = func() map[string]error {
	m := map[string]error{}
	for _, e := range []*Error{ErrLocked, ErrNoOfficer, ErrRevoked, ErrBadToken, ErrNoRecord, ErrNotDifficulty,
		ErrBadStatus, ErrBadProvince, ErrEmpty, ErrTooLong, ErrNoURL, ErrNotServed, ErrNotHTTPS, ErrNoAdminSocket,
		ErrBadEmail, ErrEmailTaken, ErrBadRole, ErrNeedProv, ErrNoUser, ErrBadSetup,
		ErrBadReview, ErrNeedComment, ErrNotApproved} {
		m[e.Code] = e
	}
	return m
}()

func adminCode(err error) string {
	var he *Error
	if errors.As(err, &he) {
		return he.Code
	}
	return wire.CodeInternal
}

type adminRequest struct {
	Name     string `json:"name,omitempty"`
	Province string `json:"province,omitempty"`
	URL      string `json:"url,omitempty"`
	Officer  string `json:"officer,omitempty"`
	Record   string `json:"record,omitempty"`
	Status   string `json:"status,omitempty"`
	Text     string `json:"text,omitempty"`
	Author   string `json:"author,omitempty"`
	Title    string `json:"title,omitempty"`
	Action   string `json:"action,omitempty"`
	Comment  string `json:"comment,omitempty"`

	Report *WGReportRequest `json:"report,omitempty"`
}

// adminHandler serves the socket: POST /ACTION with an adminRequest.
func adminHandler(a Admin) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/user/") {
			serveUserAdmin(a, w, r) // useradmin.go
			return
		}
		var req adminRequest
		if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&req); err != nil {
			writeError(w, http.StatusBadRequest, wire.CodeBadJSON, "not an admin request")
			return
		}
		ctx := r.Context()
		var out any
		var err error
		switch r.URL.Path {
		case "/enroll":
			out, err = a.Enroll(ctx, req.Name, req.Province, req.URL)
		case "/reissue":
			out, err = a.Reissue(ctx, req.Officer, req.URL)
		case "/revoke":
			err = a.Revoke(ctx, req.Officer)
			out = map[string]bool{"ok": true}
		case "/respond":
			out, err = a.Respond(ctx, req.Record, req.Status, req.Text, req.Author)
		case "/notice":
			out, err = a.Notice(ctx, req.Title, req.Text)
		case "/officers":
			out, err = a.Officers(ctx)
		case "/review":
			out, err = a.Review(ctx, req.Record, req.Action, req.Comment, req.Author)
		case "/thread":
			out, err = a.Thread(ctx, req.Record)
		case "/wgreport":
			if req.Report == nil {
				writeError(w, http.StatusBadRequest, wire.CodeBadJSON, "no report asked for")
				return
			}
			var file []byte
			file, err = a.WGReport(ctx, *req.Report)
			out = wgReportFile{File: file}
		case "/records": // a stream, see export.go
			serveRecords(ctx, a, w)
			return
		default:
			writeError(w, http.StatusNotFound, wire.CodeNotFound, "no such admin action")
			return
		}
		if err != nil {
			writeError(w, http.StatusBadRequest, adminCode(err), err.Error())
			return
		}
		writeJSON(w, http.StatusOK, out)
	})
}

// socketAdmin sends admin actions to the running server.
type socketAdmin struct{ c *http.Client }

func newSocketAdmin(sock string) *socketAdmin {
	return &socketAdmin{c: &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "unix", sock)
		},
	}}}
}

// call posts req to the running server's admin action and decodes its
// answer into out (nil: none wanted); every admin and user command goes
// through it.
func (a *socketAdmin) call(ctx context.Context, action string, req any, out any) error {
	body, _ := json.Marshal(req)
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://hq-admin/"+action, bytes.NewReader(body))
	if err != nil {
		return err
	}
	resp, err := a.c.Do(hr)
	if err != nil {
		return fmt.Errorf("reach the HQ server: %w", err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return fmt.Errorf("read the HQ server's answer: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		var eb wire.ErrorBody
		_ = json.Unmarshal(raw, &eb)
		if e, ok := adminErrors[eb.Code]; ok {
			return e
		}
		return fmt.Errorf("HQ server: %s", vntext.ForTerminal(eb.Message))
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(raw, out)
}

func (a *socketAdmin) Enroll(ctx context.Context, name, province, url string) (Enrolled, error) {
	var e Enrolled
	err := a.call(ctx, "enroll", adminRequest{Name: name, Province: province, URL: url}, &e)
	return e, err
}

func (a *socketAdmin) Reissue(ctx context.Context, officer, url string) (Enrolled, error) {
	var e Enrolled
	err := a.call(ctx, "reissue", adminRequest{Officer: officer, URL: url}, &e)
	return e, err
}

func (a *socketAdmin) Revoke(ctx context.Context, officer string) error {
	return a.call(ctx, "revoke", adminRequest{Officer: officer}, nil)
}

func (a *socketAdmin) Respond(ctx context.Context, record, status, text, author string) (wire.Event, error) {
	var ev wire.Event
	err := a.call(ctx, "respond", adminRequest{Record: record, Status: status, Text: text, Author: author}, &ev)
	return ev, err
}

func (a *socketAdmin) Notice(ctx context.Context, title, text string) (wire.Event, error) {
	var ev wire.Event
	err := a.call(ctx, "notice", adminRequest{Title: title, Text: text}, &ev)
	return ev, err
}

func (a *socketAdmin) Review(ctx context.Context, rec, action, comment, author string) (wire.Event, error) {
	var ev wire.Event
	err := a.call(ctx, "review", adminRequest{Record: rec, Action: action, Comment: comment, Author: author}, &ev)
	return ev, err
}

func (a *socketAdmin) Thread(ctx context.Context, rec string) (ThreadView, error) {
	var tv ThreadView
	err := a.call(ctx, "thread", adminRequest{Record: rec}, &tv)
	return tv, err
}

// wgReportFile is the socket's answer to /wgreport.
type wgReportFile struct {
	File []byte `json:"file"`
}

func (a *dbAdmin) WGReport(ctx context.Context, req WGReportRequest) ([]byte, error) {
	return a.db.WGReportFile(ctx, req)
}

func (a *socketAdmin) WGReport(ctx context.Context, req WGReportRequest) ([]byte, error) {
	var f wgReportFile
	err := a.call(ctx, "wgreport", adminRequest{Report: &req}, &f)
	return f.File, err
}

func (a *socketAdmin) Officers(ctx context.Context) ([]Officer, error) {
	var os []Officer
	err := a.call(ctx, "officers", adminRequest{}, &os)
	return os, err
}

// listenAdmin opens the admin socket, its owner's alone (protectSocket). A
// stale socket file (left by a killed server; the database lock proves no
// other server runs) is removed first. A socket that cannot be protected
// is closed: better no admin socket than one anybody may use.
func listenAdmin(dir string) (net.Listener, error) {
	sock := filepath.Join(dir, SocketFile)
	_ = os.Remove(sock)
	ln, err := net.Listen("unix", sock)
	if err != nil {
		return nil, fmt.Errorf("open admin socket: %w", err)
	}
	if err := protectSocket(sock); err != nil {
		ln.Close()
		_ = os.Remove(sock)
		return nil, fmt.Errorf("protect admin socket: %w", err)
	}
	return ln, nil
}
