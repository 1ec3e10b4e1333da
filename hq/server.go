package hq

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	gosync "sync"
	"time"
	"unicode/utf8"

	"github.com/klauspost/compress/zstd"

	"sotay/buildinfo"
	"sotay/record"
	"sotay/sync/wire"
)

// Server answers the notebooks: push, pull, health.
type Server struct {
	db   *DB
	lim  Limits
	log  *slog.Logger
	now  func() time.Time
	mem  *budget
	enc  *zstd.Encoder
	rate *rateLimiter
	up   uploads // upload.go
}

// NewServer makes the API over db. log may be nil.
func NewServer(db *DB, lim Limits, log *slog.Logger) (*Server, error) {
	lim.defaults()
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderConcurrency(2))
	if err != nil {
		return nil, err
	}
	return &Server{db: db, lim: lim, log: log, now: time.Now, mem: newBudget(lim), enc: enc,
		rate: newRateLimiter(lim.PerMinute)}, nil
}

// Handler routes the protocol's paths; anything unexpected is a 4xx with
// an ErrorBody, and a panic is a 500, never a dead server.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc(wire.PathHealth, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, wire.Health{OK: true, Version: buildinfo.Version(), Protocol: wire.Protocol})
	})
	mux.HandleFunc(wire.PathPush, s.authed(http.MethodPost, s.pushV(1)))
	mux.HandleFunc(wire.PathPull, s.authed(http.MethodGet, s.pullV(1)))
	mux.HandleFunc(wire.PathPushV2, s.authed(http.MethodPost, s.pushV(2)))
	mux.HandleFunc(wire.PathPullV2, s.authed(http.MethodGet, s.pullV(2)))
	mux.HandleFunc(wire.PathFiles, s.files) // protocol 3: attached files, upload.go
	mux.HandleFunc(wire.PathFiles+"/", s.files)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, wire.CodeNotFound, "no such path")
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// HQ's clock on every answer, refusals included: the notebook
		// checks its own against it at each sync.
		w.Header().Set(wire.HeaderTime, s.now().UTC().Format(wire.TimeLayout))
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error("panic in handler", "path", r.URL.Path, "panic", p)
				writeError(w, http.StatusInternalServerError, wire.CodeInternal, "internal error")
			}
		}()
		mux.ServeHTTP(w, r)
	})
}

// clientVersion is the version a notebook says it runs: its Sotay-Version
// header, else the "sotay/VERSION" of its User-Agent; cleaned, since a
// client may send anything.
func clientVersion(r *http.Request) string {
	if v := buildinfo.Clean(r.Header.Get(wire.HeaderVersion)); v != "" {
		return v
	}
	if rest, ok := strings.CutPrefix(r.Header.Get("User-Agent"), "sotay/"); ok {
		v, _, _ := strings.Cut(rest, " ")
		return buildinfo.Clean(v)
	}
	return ""
}

// refusal is why a whole request is refused: its HTTP status, and the
// code and message of its ErrorBody.
type refusal struct {
	status  int
	code    string
	message string
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, wire.ErrorBody{Code: code, Message: msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// authed checks the method, the bearer token and the officer's rate, then
// hands over with the officer.
func (s *Server) authed(method string, h func(http.ResponseWriter, *http.Request, Officer)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != method {
			w.Header().Set("Allow", method)
			writeError(w, http.StatusMethodNotAllowed, wire.CodeMethod, "use "+method)
			return
		}
		tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		officer, secret, ok2 := strings.Cut(tok, ".")
		if !ok || !ok2 || officer == "" || secret == "" || len(tok) > 512 {
			writeError(w, http.StatusUnauthorized, wire.CodeUnauthorized, "missing or malformed token")
			return
		}
		o, err := s.db.Authenticate(officer, secret)
		switch {
		case errors.Is(err, ErrRevoked):
			writeError(w, http.StatusUnauthorized, wire.CodeRevoked, "this officer's token was revoked; ask HQ for a new enrollment code")
			return
		case err != nil:
			writeError(w, http.StatusUnauthorized, wire.CodeUnauthorized, "unknown token")
			return
		}
		if wait := s.rate.take(o.ID, s.now()); wait > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(int(wait/time.Second)+1))
			writeError(w, http.StatusTooManyRequests, wire.CodeRateLimited, "too many requests; retry later")
			return
		}
		h(w, r, o)
	}
}

// pushV serves a push of the given protocol version.
func (s *Server) pushV(protocol int) func(http.ResponseWriter, *http.Request, Officer) {
	return func(w http.ResponseWriter, r *http.Request, o Officer) { s.push(w, r, o, protocol) }
}

func (s *Server) push(w http.ResponseWriter, r *http.Request, o Officer, protocol int) {
	start := time.Now()
	endTurn, err := s.mem.officer(r.Context(), o.ID)
	if err != nil {
		s.busy(w, o)
		return
	}
	defer endTurn()
	body, release, err := s.mem.readBody(r.Context(), w, r, s.lim.MaxBody)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.Is(err, errBusy) {
			s.busy(w, o)
			return
		}
		if errors.As(err, &mbe) {
			writeError(w, http.StatusRequestEntityTooLarge, wire.CodeBodyTooLarge,
				fmt.Sprintf("body over %d bytes", s.lim.MaxBody))
			return
		}
		writeError(w, http.StatusBadRequest, wire.CodeBadRequest, "could not read the body")
		return
	}
	defer release()
	releaseInflation, err := s.mem.inflation(r.Context())
	if err != nil {
		s.busy(w, o)
		return
	}
	req, rejected, rf := decodePush(r.Header.Get("Content-Encoding"), body, s.lim, s.now())
	releaseInflation()
	if rf != nil {
		s.log.Warn("push refused", "officer", o.ID, "code", rf.code, "msg", rf.message)
		writeError(w, rf.status, rf.code, rf.message)
		return
	}
	applied, err := s.db.apply(o.ID, req.Device, clientVersion(r), req.Through, req.Records, protocol)
	if err != nil {
		s.log.Error("apply push", "officer", o.ID, "err", err)
		writeError(w, http.StatusInternalServerError, wire.CodeInternal, "could not store the batch; retry")
		return
	}
	resp := wire.PushResponse{Ack: req.Through, Rejected: append(rejected, applied.Rejected...)}
	hintClock(resp.Rejected, r.Header.Get(wire.HeaderTime), s.now())
	if protocol >= 2 {
		resp.ReceivedAt, resp.Held = applied.ReceivedAt, applied.Held
	}
	if err := s.db.NoteRefused(o.ID, resp.Rejected); err != nil { // workspace.go: the officers page shows them
		s.log.Warn("note refused records", "officer", o.ID, "err", err)
	}
	s.log.Info("push", "officer", o.ID, "device", req.Device, "through", req.Through,
		"records", len(req.Records), "rejected", len(resp.Rejected), "bytes", len(body), "took", time.Since(start))
	writeJSON(w, http.StatusOK, resp)
}

// busy answers a push that waited too long for memory to decode it: the
// client backs off and sends it again.
func (s *Server) busy(w http.ResponseWriter, o Officer) {
	s.log.Warn("push deferred: too many being decoded", "officer", o.ID)
	w.Header().Set("Retry-After", "5")
	writeError(w, http.StatusServiceUnavailable, wire.CodeBusy, "HQ is busy; retry shortly")
}

// MaxPull is the most events one pull returns.
const MaxPull = 1000

// pullV serves a pull of the given protocol version.
func (s *Server) pullV(protocol int) func(http.ResponseWriter, *http.Request, Officer) {
	return func(w http.ResponseWriter, r *http.Request, o Officer) { s.pull(w, r, o, protocol) }
}

func (s *Server) pull(w http.ResponseWriter, r *http.Request, o Officer, protocol int) {
	q := r.URL.Query()
	after, err := strconv.ParseUint(q.Get("after"), 10, 64)
	if err != nil && q.Get("after") != "" {
		writeError(w, http.StatusBadRequest, wire.CodeBadRequest, "after must be a number")
		return
	}
	limit := 500
	if v := q.Get("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 {
			writeError(w, http.StatusBadRequest, wire.CodeBadRequest, "limit must be a positive number")
			return
		}
	}
	limit = min(limit, MaxPull)
	evs, next, more, err := s.db.Events(o.ID, after, limit)
	if err != nil {
		s.log.Error("pull", "officer", o.ID, "err", err)
		writeError(w, http.StatusInternalServerError, wire.CodeInternal, "could not read events; retry")
		return
	}
	if err := s.db.TouchSync(o.ID, clientVersion(r)); err != nil {
		s.log.Warn("note last sync", "officer", o.ID, "err", err)
	}
	if next > after {
		if err := s.db.NotePulled(o.ID, next); err != nil { // workspace.go
			s.log.Warn("note pulled", "officer", o.ID, "err", err)
		}
	}
	if protocol < 2 {
		// A notebook of protocol 1 gets what it always got; the cursor
		// still moves past what it would not understand.
		v1 := evs[:0:0]
		for _, e := range evs {
			if e1, ok := e.V1(); ok {
				v1 = append(v1, e1)
			}
		}
		evs = v1
	}
	if evs == nil {
		evs = []wire.Event{}
	}
	raw, err := json.Marshal(wire.PullResponse{Events: evs, Next: next, More: more})
	if err != nil {
		writeError(w, http.StatusInternalServerError, wire.CodeInternal, "could not encode events")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if strings.Contains(r.Header.Get("Accept-Encoding"), wire.ContentEncoding) {
		raw = s.enc.EncodeAll(raw, nil)
		w.Header().Set("Content-Encoding", wire.ContentEncoding)
	}
	w.Write(raw)
}

// decodePush turns a push body into a checked batch. The whole request is
// refused (a *refusal: status, code, message) when the body is not zstd,
// inflates past the limit, is not UTF-8 or not a PushRequest, or carries
// too many records. Single records that break the rules (too large, not
// valid) come back as rejections and are left out of the batch; the rest
// are normalized as the notebook would.
func decodePush(encoding string, body []byte, lim Limits, now time.Time) (*wire.PushRequest, []wire.Rejection, *refusal) {
	lim.defaults()
	if encoding != wire.ContentEncoding {
		return nil, nil, &refusal{http.StatusUnsupportedMediaType, wire.CodeBadEncoding, "the body must be zstd (Content-Encoding: zstd)"}
	}
	raw, err := inflate(body, lim.MaxInflated)
	switch {
	case errors.Is(err, errInflateTooBig), errors.Is(err, zstd.ErrDecoderSizeExceeded), errors.Is(err, zstd.ErrWindowSizeExceeded):
		return nil, nil, &refusal{http.StatusRequestEntityTooLarge, wire.CodeInflateTooBig,
			fmt.Sprintf("the body inflates past %d bytes", lim.MaxInflated)}
	case errors.Is(err, errNotObject):
		return nil, nil, &refusal{http.StatusBadRequest, wire.CodeBadJSON, "the body is not a push batch"}
	case err != nil:
		return nil, nil, &refusal{http.StatusBadRequest, wire.CodeBadEncoding, "the body is not a valid zstd stream"}
	}
	if !utf8.Valid(raw) {
		return nil, nil, &refusal{http.StatusBadRequest, wire.CodeInvalidUTF8, "the body is not UTF-8"}
	}
	var batch struct {
		Device  string            `json:"device"`
		Through uint64            `json:"through"`
		Records []json.RawMessage `json:"records"`
	}
	if err := json.Unmarshal(raw, &batch); err != nil {
		return nil, nil, &refusal{http.StatusBadRequest, wire.CodeBadJSON, "the body is not a push batch"}
	}
	if len(batch.Records) > lim.MaxRecords {
		return nil, nil, &refusal{http.StatusRequestEntityTooLarge, wire.CodeTooMany,
			fmt.Sprintf("more than %d records in one batch", lim.MaxRecords)}
	}
	if batch.Device == "" || len(batch.Device) > 64 || !utf8.ValidString(batch.Device) || strings.ContainsRune(batch.Device, 0) {
		return nil, nil, &refusal{http.StatusBadRequest, wire.CodeBadRequest, "missing or bad device id"}
	}
	req := &wire.PushRequest{Device: batch.Device, Through: batch.Through, Records: make([]record.Record, 0, len(batch.Records))}
	var rejected []wire.Rejection
	seen := make(map[string]int, len(batch.Records))
	for _, rr := range batch.Records {
		var r record.Record
		if len(rr) > lim.MaxRecordBytes {
			var env struct {
				ID  string `json:"id"`
				Rev int64  `json:"rev"`
			}
			_ = json.Unmarshal(rr, &env)
			rejected = append(rejected, wire.Rejection{ID: short(env.ID), Rev: env.Rev, Code: wire.RejectTooLarge,
				Message: fmt.Sprintf("the record is over %d bytes", lim.MaxRecordBytes)})
			continue
		}
		if err := json.Unmarshal(rr, &r); err != nil {
			var env struct {
				ID string `json:"id"`
			}
			_ = json.Unmarshal(rr, &env)
			rejected = append(rejected, wire.Rejection{ID: short(env.ID), Code: wire.RejectNotRecord, Message: "not a record"})
			continue
		}
		if rj := checkRecord(&r, now); rj != nil {
			rj.ID, rj.Rev = short(r.ID), r.Rev
			rejected = append(rejected, *rj)
			continue
		}
		if i, dup := seen[r.ID]; dup { // the same record twice: keep the newer
			if r.Rev > req.Records[i].Rev {
				req.Records[i] = r
			}
			continue
		}
		seen[r.ID] = len(req.Records)
		req.Records = append(req.Records, r)
	}
	return req, rejected, nil
}

// checkRecord applies the notebook's rules and the envelope's: a UUIDv7
// id, a rev in 1..MaxRev. It returns the refusal (without id and rev), or
// nil.
func checkRecord(r *record.Record, now time.Time) *wire.Rejection {
	id, err := record.ParseID(r.ID)
	if err != nil || id[6]>>4 != 7 || id[8]>>6 != 0b10 {
		return &wire.Rejection{Code: wire.RejectBadID, Message: "the id is not a UUIDv7"}
	}
	r.ID = record.FormatID(id)
	if r.Rev < 1 || r.Rev > wire.MaxRev {
		return &wire.Rejection{Code: wire.RejectBadRev, Message: fmt.Sprintf("rev outside 1..%d", int64(wire.MaxRev))}
	}
	r.Status, r.Responses = "", nil // HQ's own
	if err := r.Normalize(now); err != nil {
		if ve, ok := record.AsValidation(err); ok {
			parts := make([]string, len(ve.Fields))
			for i, fe := range ve.Fields {
				parts[i] = fe.Error()
			}
			return &wire.Rejection{Code: wire.RejectInvalid, Fields: ve.Fields, Message: strings.Join(parts, "; ")}
		}
		return &wire.Rejection{Code: wire.RejectInvalid, Message: err.Error()}
	}
	return nil
}

func short(s string) string {
	if len(s) > 64 || !utf8.ValidString(s) {
		return ""
	}
	return s
}

// rateLimiter is a token bucket per officer: perMinute requests a minute,
// with a burst of as many.
type rateLimiter struct {
	mu        gosync.Mutex
	perMinute float64
	buckets   map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newRateLimiter(perMinute int) *rateLimiter {
	return &rateLimiter{perMinute: float64(perMinute), buckets: map[string]*bucket{}}
}

// take spends one token of officer's bucket; it returns 0 when allowed,
// otherwise how long until a token is free.
func (l *rateLimiter) take(officer string, now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[officer]
	if b == nil {
		b = &bucket{tokens: l.perMinute, last: now}
		l.buckets[officer] = b
	}
	b.tokens = min(l.perMinute, b.tokens+now.Sub(b.last).Minutes()*l.perMinute)
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return 0
	}
	return time.Duration((1 - b.tokens) / l.perMinute * float64(time.Minute))
}

// Close releases the server's codecs.
func (s *Server) Close() { s.enc.Close() }

// inflate decompresses a request body as a stream, so that what a body
// costs in memory is bounded by the limit (and a window of at most
// maxWindow), whatever its frame header claims: a zstd bomb is cut off at
// the limit. A body that does not start as a JSON object is refused after
// its first block, not after inflating to the limit.
func inflate(body []byte, limit int64) ([]byte, error) {
	dec, err := zstd.NewReader(bytes.NewReader(body), zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true),
		zstd.WithDecoderMaxWindow(maxWindow))
	if err != nil {
		return nil, err
	}
	defer dec.Close()
	br := bufio.NewReaderSize(io.LimitReader(dec, limit+1), 4096)
	if first, err := firstNonSpace(br); err == nil && first != '{' {
		return nil, errNotObject
	}
	raw, err := readAtMost(br, int64(len(body))*6+512, limit)
	if err != nil {
		return nil, err
	}
	if int64(len(raw)) > limit {
		return nil, errInflateTooBig
	}
	return raw, nil
}

const maxWindow = 8 << 20

var (
	errInflateTooBig = errors.New("inflates past the limit")
	errNotObject     = errors.New("not a JSON object")
)

// firstNonSpace peeks at the first byte that is not JSON whitespace.
func firstNonSpace(br *bufio.Reader) (byte, error) {
	for i := 1; i <= br.Size(); i++ {
		b, err := br.Peek(i)
		if len(b) < i {
			return 0, err
		}
		switch c := b[i-1]; c {
		case ' ', '\t', '\n', '\r':
		default:
			return c, nil
		}
	}
	return ' ', nil
}

// shutdown gives in-flight requests a moment to finish.
func shutdown(srv *http.Server) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(ctx)
}

// hintClock marks the refusals of a date in the future with how far the
// notebook's clock (its HeaderTime, clientTime) is ahead of HQ's, when that
// is beyond wire.ClockTolerance: the officer then learns that the laptop's
// clock, not the record, is wrong.
func hintClock(rejected []wire.Rejection, clientTime string, now time.Time) {
	t, ok := wire.ParseTime(clientTime)
	if !ok {
		return
	}
	ahead := t.Sub(now)
	if ahead <= wire.ClockTolerance {
		return
	}
	for i := range rejected {
		for _, f := range rejected[i].Fields {
			if f.Problem == record.ProblemFuture {
				rejected[i].ClockAhead = int64(ahead / time.Second)
			}
		}
	}
}
