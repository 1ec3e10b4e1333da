package hq

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	gosync "sync"
	"time"

	"sotay/record"
	"sotay/sync/wire"
)

// The upload handler: tus 1.0 core (see sync/wire/files.go) written here
// rather than taken from github.com/tus/tusd/v2. tusd is sound, but what
// sotay needs from it is the small part: its file store names the bytes by
// upload id and keeps them where they were written (a file would be
// visible half-done unless a hook moved it), it checks no whole-file
// SHA-256 (its checksum extension is per request), and the officer's
// token, quota, record check and the concurrency bounds would all be
// hooks around it; its module would also bring cloud storage SDKs into
// go.sum. This handler is those rules and nothing else.

// uploads is what the server keeps in memory about uploads: the PATCH of
// each upload in flight (a new request for the same upload interrupts it,
// so a client back after a cut never waits on a dead connection), and how
// many run, per officer and in all.
type uploads struct {
	mu        gosync.Mutex
	active    map[string]*inflight // upload id → its PATCH in flight
	perOff    map[string]int       // officer → PATCHes in flight
	sums      map[string]*runningSum
	total     int
	lastSweep time.Time
}

// runningSum is the SHA-256 of an upload's bytes so far, kept while HQ
// runs so that the check at the end need not read the file again. After a
// restart it is gone, and the check reads the file.
type runningSum struct {
	h hash.Hash
	n int64
}

// maxSums bounds the running sums kept; past it, uploads are checked by
// reading them again.
const maxSums = 4096

// sum is the running sum of an upload that holds held bytes, or nil when
// HQ has none that covers them.
func (s *Server) sum(id string, held int64) *runningSum {
	s.up.mu.Lock()
	defer s.up.mu.Unlock()
	if s.up.sums == nil {
		s.up.sums = map[string]*runningSum{}
	}
	rs := s.up.sums[id]
	switch {
	case rs != nil && rs.n == held:
		return rs
	case held == 0 && len(s.up.sums) < maxSums:
		rs = &runningSum{h: sha256.New()}
		s.up.sums[id] = rs
		return rs
	}
	delete(s.up.sums, id)
	return nil
}

func (s *Server) forgetSum(id string) {
	s.up.mu.Lock()
	delete(s.up.sums, id)
	s.up.mu.Unlock()
}

type inflight struct {
	rc      *http.ResponseController
	done    chan struct{}
	mu      gosync.Mutex
	stopped bool
}

// stall is how long a PATCH may go without a byte before HQ ends it: a
// link that died without a word must not hold the upload.
const stall = time.Minute

// Read reads the body with a fresh stall deadline before every read,
// unless the PATCH was interrupted (stop): then the deadline stays past.
func (f *inflight) reader(r io.Reader) io.Reader {
	return readerFunc(func(p []byte) (int, error) {
		f.mu.Lock()
		if !f.stopped {
			_ = f.rc.SetReadDeadline(time.Now().Add(stall))
		}
		f.mu.Unlock()
		return r.Read(p)
	})
}

func (f *inflight) stop() {
	f.mu.Lock()
	f.stopped = true
	_ = f.rc.SetReadDeadline(time.Now())
	f.mu.Unlock()
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }

// File limits beside Limits' own; the zero value means the default.
const (
	defaultFileQuota   = 2 << 30             // bytes of files per officer
	defaultMaxChunk    = record.MaxFileBytes // bytes of one PATCH: a whole file on a good link
	defaultOpenUploads = 8                   // uploads open per officer
	maxPatchesPerOff   = 2                   // PATCHes in flight per officer
	maxPatchesAll      = 64                  // PATCHes in flight in all
)

func (s *Server) fileLimits() (quota, chunk int64, open int) {
	quota, chunk, open = s.lim.FileQuota, s.lim.MaxChunk, s.lim.OpenUploads
	if quota <= 0 {
		quota = defaultFileQuota
	}
	if chunk <= 0 {
		chunk = defaultMaxChunk
	}
	if open <= 0 {
		open = defaultOpenUploads
	}
	return
}

// files routes /v2/files and /v2/files/ID by method, behind the token.
func (s *Server) files(w http.ResponseWriter, r *http.Request) {
	w.Header().Set(wire.HeaderTus, wire.TusVersion)
	w.Header().Set("Cache-Control", "no-store")
	id, sub := strings.CutPrefix(r.URL.Path, wire.PathFiles+"/")
	method := r.Method
	switch {
	case !sub && r.URL.Path == wire.PathFiles && method == http.MethodPost:
		s.authed(method, s.createFile)(w, r)
	case sub && (method == http.MethodHead || method == http.MethodPatch):
		s.authed(method, func(w http.ResponseWriter, r *http.Request, o Officer) {
			if method == http.MethodHead {
				s.headFile(w, r, o, id)
			} else {
				s.patchFile(w, r, o, id)
			}
		})(w, r)
	case method == http.MethodOptions:
		w.Header().Set("Tus-Version", wire.TusVersion)
		w.Header().Set("Tus-Max-Size", strconv.Itoa(record.MaxFileBytes))
		w.WriteHeader(http.StatusNoContent)
	default:
		writeError(w, http.StatusMethodNotAllowed, wire.CodeMethod, "POST /v2/files, HEAD or PATCH /v2/files/ID")
	}
}

// fileError answers a refusal of an upload.
func fileError(w http.ResponseWriter, err error) {
	var he *Error
	if !errors.As(err, &he) {
		writeError(w, http.StatusInternalServerError, wire.CodeInternal, "could not store the file; retry")
		return
	}
	status := http.StatusBadRequest
	switch he.Code {
	case wire.CodeNotFound:
		status = http.StatusNotFound
	case wire.CodeNotListed, wire.CodeOffsetMismatch:
		status = http.StatusConflict
	case wire.CodeQuota, wire.CodeFileTooLarge:
		status = http.StatusRequestEntityTooLarge
	case wire.CodeTooManyUploads:
		status = http.StatusTooManyRequests
	case wire.CodeFileType:
		status = http.StatusUnsupportedMediaType
	case wire.CodeHashMismatch:
		status = wire.StatusHashMismatch
	}
	writeError(w, status, he.Code, he.msg)
}

func (s *Server) createFile(w http.ResponseWriter, r *http.Request, o Officer) {
	if r.Header.Get(wire.HeaderTus) != wire.TusVersion {
		w.Header().Set("Tus-Version", wire.TusVersion)
		writeError(w, http.StatusPreconditionFailed, wire.CodeBadRequest, "Tus-Resumable 1.0.0 expected")
		return
	}
	length, err := strconv.ParseInt(r.Header.Get(wire.HeaderLength), 10, 64)
	if err != nil || length <= 0 {
		writeError(w, http.StatusBadRequest, wire.CodeBadRequest, "Upload-Length must be a positive number")
		return
	}
	if length > record.MaxFileBytes {
		fileError(w, errFileTooBig)
		return
	}
	m, err := wire.ParseFileMeta(r.Header.Get(wire.HeaderMeta))
	if err != nil {
		writeError(w, http.StatusBadRequest, wire.CodeBadRequest, err.Error())
		return
	}
	if !validFileType(m.Type) {
		fileError(w, errFileType)
		return
	}
	s.sweepUploads()
	quota, _, open := s.fileLimits()
	row, held, err := s.db.createUpload(o.ID, length, m, open, quota)
	if err != nil {
		s.log.Warn("upload refused", "officer", o.ID, "sha256", m.SHA256, "err", err)
		fileError(w, err)
		return
	}
	if held {
		// HQ holds these bytes already: nothing to send.
		w.Header().Set(wire.HeaderOffset, strconv.FormatInt(length, 10))
		w.Header().Set("Location", wire.PathFiles+"/held-"+m.SHA256[:16])
		w.WriteHeader(http.StatusCreated)
		return
	}
	if err := os.MkdirAll(filepath.Dir(s.db.partPath(row.ID)), 0o700); err != nil {
		fileError(w, err)
		return
	}
	off, err := partSize(s.db.partPath(row.ID))
	if err != nil {
		fileError(w, err)
		return
	}
	w.Header().Set("Location", wire.PathFiles+"/"+row.ID)
	w.Header().Set(wire.HeaderOffset, strconv.FormatInt(off, 10))
	w.WriteHeader(http.StatusCreated)
}

func validFileType(t string) bool {
	for _, ft := range record.FileTypes() {
		if ft == t {
			return true
		}
	}
	return false
}

func partSize(p string) (int64, error) {
	fi, err := os.Stat(p)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return fi.Size(), nil
}

// headFile tells how many bytes HQ holds of an upload. A PATCH of it still
// in flight (its connection dead but not yet noticed) is ended first, so
// the offset told is the one a PATCH may continue from.
func (s *Server) headFile(w http.ResponseWriter, r *http.Request, o Officer, id string) {
	row, err := s.db.upload(o.ID, id)
	if err != nil {
		fileError(w, err)
		return
	}
	s.interrupt(id)
	off, err := partSize(s.db.partPath(row.ID))
	if err != nil {
		fileError(w, err)
		return
	}
	w.Header().Set(wire.HeaderOffset, strconv.FormatInt(off, 10))
	w.Header().Set(wire.HeaderLength, strconv.FormatInt(row.Length, 10))
	w.WriteHeader(http.StatusOK)
}

// interrupt ends the PATCH in flight for an upload, if any, and waits
// (a little) for it to let go.
func (s *Server) interrupt(id string) {
	s.up.mu.Lock()
	cur := s.up.active[id]
	s.up.mu.Unlock()
	if cur == nil {
		return
	}
	cur.stop()
	select {
	case <-cur.done:
	case <-time.After(5 * time.Second):
	}
}

// begin registers a PATCH in flight, within the bounds; false when over
// them.
func (s *Server) begin(officer, id string, rc *http.ResponseController) (*inflight, bool) {
	s.up.mu.Lock()
	defer s.up.mu.Unlock()
	if s.up.active == nil {
		s.up.active, s.up.perOff = map[string]*inflight{}, map[string]int{}
	}
	if s.up.active[id] != nil || s.up.perOff[officer] >= maxPatchesPerOff || s.up.total >= maxPatchesAll {
		return nil, false
	}
	f := &inflight{rc: rc, done: make(chan struct{})}
	s.up.active[id] = f
	s.up.perOff[officer]++
	s.up.total++
	return f, true
}

func (s *Server) end(officer, id string, f *inflight) {
	s.up.mu.Lock()
	delete(s.up.active, id)
	if s.up.perOff[officer]--; s.up.perOff[officer] <= 0 {
		delete(s.up.perOff, officer)
	}
	s.up.total--
	s.up.mu.Unlock()
	close(f.done)
}

// sweepUploads drops expired uploads, at most once an hour.
func (s *Server) sweepUploads() {
	s.up.mu.Lock()
	due := time.Since(s.up.lastSweep) > time.Hour
	if due {
		s.up.lastSweep = time.Now()
	}
	s.up.mu.Unlock()
	if due {
		if err := s.db.expireUploads(); err != nil {
			s.log.Warn("expire uploads", "err", err)
		}
	}
}

func (s *Server) patchFile(w http.ResponseWriter, r *http.Request, o Officer, id string) {
	if r.Header.Get(wire.HeaderTus) != wire.TusVersion {
		writeError(w, http.StatusPreconditionFailed, wire.CodeBadRequest, "Tus-Resumable 1.0.0 expected")
		return
	}
	if r.Header.Get("Content-Type") != wire.ContentTypeChunk {
		writeError(w, http.StatusUnsupportedMediaType, wire.CodeBadRequest, "Content-Type must be "+wire.ContentTypeChunk)
		return
	}
	row, err := s.db.upload(o.ID, id)
	if err != nil {
		fileError(w, err)
		return
	}
	offset, err := strconv.ParseInt(r.Header.Get(wire.HeaderOffset), 10, 64)
	if err != nil || offset < 0 {
		writeError(w, http.StatusBadRequest, wire.CodeBadRequest, "Upload-Offset must be a number")
		return
	}
	s.interrupt(id)
	rc := http.NewResponseController(w)
	f, ok := s.begin(o.ID, id, rc)
	if !ok {
		w.Header().Set("Retry-After", "2")
		writeError(w, http.StatusServiceUnavailable, wire.CodeBusy, "too many uploads at once; retry")
		return
	}
	defer s.end(o.ID, id, f)
	part := s.db.partPath(row.ID)
	held, err := partSize(part)
	if err != nil {
		fileError(w, err)
		return
	}
	if offset != held {
		w.Header().Set(wire.HeaderOffset, strconv.FormatInt(held, 10))
		fileError(w, &Error{wire.CodeOffsetMismatch, fmt.Sprintf("HQ holds %d bytes, not %d", held, offset)})
		return
	}
	_, maxChunk, _ := s.fileLimits()
	room := min(row.Length-held, maxChunk)
	if r.ContentLength > room {
		fileError(w, &Error{wire.CodeFileTooLarge, fmt.Sprintf("at most %d bytes from offset %d", room, held)})
		return
	}
	rs := s.sum(id, held)
	var sum io.Writer = io.Discard
	if rs != nil {
		sum = rs.h
	}
	written, werr := appendPart(part, held, io.LimitReader(f.reader(r.Body), room), sum)
	held += written
	if rs != nil {
		rs.n = held
	}
	if werr != nil {
		// The connection broke or was interrupted: what arrived is kept,
		// and the client's HEAD finds where to go on from.
		s.log.Info("upload cut", "officer", o.ID, "upload", id, "held", held, "err", werr)
		if errors.Is(werr, errWrite) {
			fileError(w, werr)
		}
		return
	}
	if held == row.Length {
		err := s.checkAndFinish(row, rs)
		s.forgetSum(id)
		if err != nil {
			s.log.Warn("upload refused at its end", "officer", o.ID, "upload", id, "err", err)
			fileError(w, err)
			return
		}
		s.log.Info("file received", "officer", o.ID, "sha256", row.SHA256, "size", row.Length)
	}
	w.Header().Set(wire.HeaderOffset, strconv.FormatInt(held, 10))
	w.WriteHeader(http.StatusNoContent)
}

// errWrite marks a failure of HQ's own disk, as opposed to the client's
// connection.
var errWrite = errors.New("write upload")

// appendPart writes what r gives to the part file from offset, synced, and
// to sum, and returns how much it wrote, even when reading r failed midway.
func appendPart(path string, offset int64, r io.Reader, sum io.Writer) (int64, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return 0, fmt.Errorf("%w: %v", errWrite, err)
	}
	defer f.Close()
	if err := f.Truncate(offset); err != nil {
		return 0, fmt.Errorf("%w: %v", errWrite, err)
	}
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		return 0, fmt.Errorf("%w: %v", errWrite, err)
	}
	buf := make([]byte, 64<<10)
	var n int64
	var rerr error
	for {
		k, err := r.Read(buf)
		if k > 0 {
			if _, werr := f.Write(buf[:k]); werr != nil {
				return n, fmt.Errorf("%w: %v", errWrite, werr)
			}
			sum.Write(buf[:k])
			n += int64(k)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			rerr = err
			break
		}
	}
	if err := f.Sync(); err != nil {
		return n, fmt.Errorf("%w: %v", errWrite, err)
	}
	return n, rerr
}

// checkAndFinish counts a whole upload received if its SHA-256 and its
// sniffed type are the declared ones; otherwise nothing of it stays. rs,
// when it covers the whole file, is its SHA-256; otherwise the file is
// read again.
func (s *Server) checkAndFinish(row uploadRow, rs *runningSum) error {
	part := s.db.partPath(row.ID)
	f, err := os.Open(part)
	if err != nil {
		return err
	}
	var got []byte
	if rs != nil && rs.n == row.Length {
		got = rs.h.Sum(nil)
	} else {
		h := sha256.New()
		if _, err := io.Copy(h, f); err != nil {
			f.Close()
			return err
		}
		got = h.Sum(nil)
	}
	typ, terr := record.SniffType(f, row.Length)
	f.Close()
	var refusal error
	switch {
	case hex.EncodeToString(got) != row.SHA256:
		refusal = errHash
	case terr != nil || typ != row.Type:
		refusal = errFileType
	}
	if refusal != nil {
		if err := s.db.dropUpload(row); err != nil {
			return err
		}
		return refusal
	}
	return s.db.finishUpload(row)
}
