package sync

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	gosync "sync"
	"time"

	"github.com/klauspost/compress/zstd"

	"sotay/buildinfo"
	"sotay/record"
	"sotay/store"
	"sotay/sync/wire"
	"sotay/vntext"
)

// ErrNotEnrolled: the notebook has no enrollment code yet.
var ErrNotEnrolled = &Error{Kind: FailNotEnrolled, Err: errors.New("the notebook is not enrolled with HQ")}

// Kinds of sync failure, kept as SyncState.LastError and named in the
// officer's words by the i18n catalog (key "sync.err." + kind).
const (
	FailOffline      = "offline"       // HQ cannot be reached (no network, HQ down, DNS)
	FailTimeout      = "timeout"       // the network is too slow or stalled
	FailCertificate  = "certificate"   // HQ's certificate is not the one enrolled
	FailUnauthorized = "unauthorized"  // HQ does not know the token
	FailRevoked      = "revoked"       // HQ revoked the token
	FailRateLimited  = "rate_limited"  // too many syncs in a minute
	FailServer       = "server"        // HQ answered with an error of its own
	FailRefused      = "refused"       // HQ refused a request (too large, bad data)
	FailRejected     = "rejected"      // some records were refused and parked
	FailLocal        = "local"         // the notebook itself failed
	FailNotEnrolled  = "not_enrolled"  // no enrollment code yet
	FailBadCode      = "bad_code"      // an enrollment code that does not parse
	FailOtherOfficer = "other_officer" // a code for another officer than the notebook's records went to HQ as
	FailHQTooOld     = "hq_too_old"    // HQ speaks an older protocol than this notebook (Detail: HQ's version)
	FailHQNoFiles    = "hq_no_files"   // HQ takes records but is too old to receive files (Detail: HQ's version)
)

// Error is a failed sync: its kind (one of the Fail* constants) and the
// cause.
type Error struct {
	Kind   string
	Code   string // HQ's code, when HQ answered
	Detail string // what the officer's words name, if anything (FailOtherOfficer: the old officer id)
	Err    error
}

func (e *Error) Error() string {
	if e.Code != "" {
		return fmt.Sprintf("sync %s (%s): %v", e.Kind, e.Code, e.Err)
	}
	return fmt.Sprintf("sync %s: %v", e.Kind, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// SyncKind is the failure's kind; the i18n catalog finds its words by it.
func (e *Error) SyncKind() string { return e.Kind }

// SyncDetail is what the kind's words name ("" for none).
func (e *Error) SyncDetail() string { return e.Detail }

// retryable failures are worth another attempt within one sync.
func (e *Error) retryable() bool {
	switch e.Kind {
	case FailOffline, FailTimeout, FailServer, FailRateLimited:
		return true
	}
	return false
}

// Options tune a Client. The zero value is what the program uses.
type Options struct {
	MaxRecords     int           // records per push batch; default 1000
	MaxBytes       int           // JSON bytes per push batch before compression; default 1 MiB
	PullLimit      int           // events per pull; default 500
	Attempts       int           // tries of one request before the sync fails; default 5
	BaseDelay      time.Duration // first backoff; default 250 ms
	MaxDelay       time.Duration // backoff cap; default 30 s
	RequestTimeout time.Duration // one request, body included; default 2 min
	Chunk          int           // bytes of file per upload request; default DefaultChunk
	Logger         *slog.Logger  // default: discard
	// Transport replaces the HTTP transport (tests, benchmarks); its TLS
	// settings are then the caller's.
	Transport http.RoundTripper
	// Now is the laptop's clock (default time.Now): the times the sync
	// state keeps, and what HQ's clock is compared with.
	Now func() time.Time
}

func (o *Options) defaults() {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.MaxRecords <= 0 {
		o.MaxRecords = 1000
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = 1 << 20
	}
	if o.PullLimit <= 0 {
		o.PullLimit = 500
	}
	if o.Attempts <= 0 {
		o.Attempts = 5
	}
	if o.BaseDelay <= 0 {
		o.BaseDelay = 250 * time.Millisecond
	}
	if o.MaxDelay <= 0 {
		o.MaxDelay = 30 * time.Second
	}
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = 2 * time.Minute
	}
	if o.Chunk <= 0 {
		o.Chunk = DefaultChunk
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
}

// Client syncs one notebook with its HQ: push, then pull. One Sync runs at a
// time; a second caller waits for the first.
type Client struct {
	st   *store.Store
	opt  Options
	http *http.Client
	enc  *zstd.Encoder
	dec  *zstd.Decoder

	mu         gosync.Mutex // one sync at a time
	umu        gosync.Mutex // one run of uploads at a time (upload.go)
	upChunk    int          // bytes of the next PATCH: shrinks after a cut, grows back
	batchBytes int          // shrinks after a failure mid-body, grows back after successes
	batchRecs  int          // shrinks when HQ finds a batch too large
	// skew is the laptop's clock less HQ's at the latest answer of the
	// sync under way; compared says there was one (see compareClock).
	skew     time.Duration
	compared bool
}

// New makes the client of an enrolled notebook, or returns ErrNotEnrolled.
func New(st *store.Store, opt Options) (*Client, error) {
	opt.defaults()
	ss, err := st.SyncState()
	if err != nil {
		return nil, fmt.Errorf("read sync state: %w", err)
	}
	if ss.HQ == "" || ss.Token == "" {
		return nil, ErrNotEnrolled
	}
	if !strings.HasPrefix(ss.HQ, "https://") {
		// Kept by an older build that took http codes: the token must not
		// travel in clear. A new code (always https) fixes it.
		return nil, &Error{Kind: FailBadCode, Err: fmt.Errorf("HQ's URL %q is not https", ss.HQ)}
	}
	tr := opt.Transport
	if tr == nil {
		tlsConf, err := TLSConfig(ss.Fingerprint)
		if err != nil {
			return nil, err
		}
		tr = &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           Dial,
			TLSClientConfig:       tlsConf,
			TLSHandshakeTimeout:   15 * time.Second,
			ResponseHeaderTimeout: time.Minute,
			IdleConnTimeout:       90 * time.Second,
			MaxIdleConnsPerHost:   2,
			DisableCompression:    true, // bodies are zstd, handled here
		}
	}
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedDefault), zstd.WithEncoderConcurrency(1))
	if err != nil {
		return nil, err
	}
	dec, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(64<<20))
	if err != nil {
		return nil, err
	}
	return &Client{st: st, opt: opt, http: &http.Client{Transport: tr}, enc: enc, dec: dec,
		batchBytes: opt.MaxBytes, batchRecs: opt.MaxRecords}, nil
}

// SendBuffer is the socket send buffer of a connection to HQ. The
// system's own grows to megabytes on a fast path: on a link that is cut,
// all of it is bytes the laptop counted as sent that never left, and an
// upload's progress would run ahead of the link. A second of a 2 Mbit/s
// link is more than the link's bandwidth-delay product at 300 ms.
const SendBuffer = 256 << 10

// Dial connects to HQ with the client's timeouts and send buffer.
func Dial(ctx context.Context, network, addr string) (net.Conn, error) {
	c, err := (&net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second}).DialContext(ctx, network, addr)
	if tc, ok := c.(*net.TCPConn); ok && err == nil {
		_ = tc.SetWriteBuffer(SendBuffer)
	}
	return c, err
}

// TLSConfig pins HQ's leaf certificate when the enrollment carried its
// fingerprint (HQ's self-signed certificate: the name is not checked, the
// key is), and otherwise verifies against the system's roots.
func TLSConfig(fingerprint string) (*tls.Config, error) {
	conf := &tls.Config{MinVersion: tls.VersionTLS12}
	if fingerprint == "" {
		return conf, nil
	}
	want, err := hex.DecodeString(fingerprint)
	if err != nil || len(want) != sha256.Size {
		return nil, &Error{Kind: FailCertificate, Err: fmt.Errorf("bad pinned fingerprint %q", fingerprint)}
	}
	conf.InsecureSkipVerify = true // replaced by the pin below
	conf.VerifyConnection = func(cs tls.ConnectionState) error {
		if len(cs.PeerCertificates) == 0 {
			return errCertMismatch
		}
		got := sha256.Sum256(cs.PeerCertificates[0].Raw)
		if subtle.ConstantTimeCompare(got[:], want) != 1 {
			return errCertMismatch
		}
		return nil
	}
	return conf, nil
}

var errCertMismatch = errors.New("HQ's certificate does not match the enrolled fingerprint")

// Sync pushes everything pending, then pulls what HQ has for the officer.
// progress, if not nil, hears of every batch. The sync state (last attempt,
// last success, last error) is updated whatever happens. An error is an
// *Error; records HQ rejected are parked and reported in Result.Rejected
// without failing the sync, though the last error says FailRejected while
// any stay parked.
func (c *Client) Sync(ctx context.Context, progress func(Progress)) (Result, error) {
	if c == nil { // a nil *Client in a non-nil interface: not enrolled
		return Result{}, ErrNotEnrolled
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if progress == nil {
		progress = func(Progress) {}
	}
	start := time.Now()
	var res Result
	res.HQNoFiles = c.checkFiles(ctx)
	err := c.push(ctx, progress, &res)
	if err == nil {
		err = c.pull(ctx, progress, &res)
	}
	now := c.opt.Now().UTC()
	kind := ""
	if err != nil {
		var se *Error
		if !errors.As(err, &se) {
			se = &Error{Kind: FailLocal, Err: err}
			err = se
		}
		if ctx.Err() != nil && se.Kind != FailLocal {
			se.Kind = FailTimeout
		}
		kind = se.Kind
	} else if parked, perr := c.st.Parked(); perr == nil && len(parked) > 0 {
		// The sync went through, but records wait for the officer to fix
		// them: that is what the status bar should say.
		kind = FailRejected
	} else if res.HQNoFiles && c.filesWaiting() {
		// The records went through; the files wait on the laptop until
		// HQ is updated, and the officer should know why.
		kind = FailHQNoFiles
	}
	skew, compared := c.skew, c.compared
	c.compared = false
	if uerr := c.st.UpdateSyncState(func(s *store.SyncState) {
		s.LastAttempt = now
		s.LastError = kind
		if compared {
			s.ClockSkew, s.ClockChecked = skew, now
		}
		if err == nil {
			s.LastSync = now
		}
	}); uerr != nil && err == nil {
		err = &Error{Kind: FailLocal, Err: uerr}
	}
	c.opt.Logger.Info("sync", "pushed", res.Pushed, "rejected", res.Rejected, "pulled", res.Pulled,
		"took", time.Since(start), "err", err)
	return res, err
}

func (c *Client) push(ctx context.Context, progress func(Progress), res *Result) error {
	ss, err := c.st.SyncState()
	if err != nil {
		return &Error{Kind: FailLocal, Err: err}
	}
	prof, err := c.st.Profile()
	if err != nil {
		return &Error{Kind: FailLocal, Err: err}
	}
	if len(ss.FilesAwaitHQ) > 0 && ss.HQProtocol >= wire.ProtocolFiles {
		// HQ was updated since it dropped these records' lists of files:
		// send them again, and their files can follow.
		n, err := c.st.ResendForFiles()
		if err != nil {
			return &Error{Kind: FailLocal, Err: err}
		}
		c.opt.Logger.Info("HQ now takes files: records queued again", "records", n)
		ss.FilesAwaitHQ = nil
	}
	total, err := c.st.Pending()
	if err != nil {
		return &Error{Kind: FailLocal, Err: err}
	}
	p := Progress{Phase: "push", TotalRecords: total}
	progress(p)
	after, failures := uint64(0), 0
	cur := c.prepare(prof.DeviceID, after, c.batchRecs, c.batchBytes)
	for {
		if cur.err != nil {
			return cur.err
		}
		batch := cur.batch
		if batch.Through == after {
			return nil // nothing more pending
		}
		var resp wire.PushResponse
		if len(batch.Records) > 0 {
			// Read and compress the next batch while this one is on the
			// wire: the outbox after batch.Through does not depend on
			// HQ's answer to this one.
			if ss.HQProtocol < wire.ProtocolFiles {
				// HQ may drop their lists of files: note them before they
				// go, to send again once HQ takes files (a record noted
				// twice is only sent again; one not noted would lose its
				// files at HQ).
				if err := c.noteFiles(batch.Records); err != nil {
					return err
				}
			}
			next := make(chan prepared, 1)
			recs, bytes := c.batchRecs, c.batchBytes
			go func() { next <- c.prepare(prof.DeviceID, batch.Through, recs, bytes) }()
			n, rerr := c.request(ctx, ss, http.MethodPost, wire.PathPushV2, cur.payload, &resp)
			p.Bytes += n
			cur = <-next
			if rerr != nil {
				switch {
				case rerr.Kind == FailOffline || rerr.Kind == FailTimeout:
					// The link broke, maybe during the body: send less at a time.
					c.batchBytes = max(c.batchBytes/2, minBatchBytes)
				case tooLarge(rerr.Code) && len(batch.Records) > 1:
					// HQ's limits are lower than ours: halve and go on.
					c.batchRecs = max(len(batch.Records)/2, 1)
					c.batchBytes = max(min(c.batchBytes, batch.Bytes)/2, minBatchBytes)
					c.opt.Logger.Info("HQ found the batch too large; halving", "records", c.batchRecs, "bytes", c.batchBytes)
					cur = c.prepare(prof.DeviceID, after, c.batchRecs, c.batchBytes)
					continue
				}
				if err := c.wait(ctx, &failures, rerr, progress, p); err != nil {
					return err
				}
				cur = c.prepare(prof.DeviceID, after, c.batchRecs, c.batchBytes)
				continue
			}
			failures = 0
			c.batchBytes = min(c.batchBytes*2, c.opt.MaxBytes)
			if resp.Ack != batch.Through {
				return &Error{Kind: FailServer, Err: fmt.Errorf("HQ acknowledged %d, batch ends at %d", resp.Ack, batch.Through)}
			}
		} else {
			// Only superseded entries: nothing to send, just drop them.
			cur = c.prepare(prof.DeviceID, batch.Through, c.batchRecs, c.batchBytes)
		}
		rej := make([]store.Rejection, len(resp.Rejected))
		for i, r := range resp.Rejected {
			rej[i] = rejection(r)
		}
		held := make(map[string]store.Receipt, len(resp.Held))
		for _, h := range resp.Held[:min(len(resp.Held), len(batch.Records))] {
			held[h.ID] = store.Receipt{Rev: h.Rev, At: h.At}
		}
		if err := c.st.AckPushReceived(batch.Through, rej, resp.ReceivedAt, held); err != nil {
			return &Error{Kind: FailLocal, Err: err}
		}
		if len(batch.Records) > len(rej) && ss.PushedAs != ss.OfficerID {
			// HQ now holds records under this officer id: enrolling as
			// another officer would strand them (see Enroll).
			if err := c.st.UpdateSyncState(func(s *store.SyncState) { s.PushedAs = s.OfficerID }); err != nil {
				return &Error{Kind: FailLocal, Err: err}
			}
			ss.PushedAs = ss.OfficerID
		}
		after = batch.Through
		res.Pushed += len(batch.Records) - len(rej)
		res.Rejected += len(rej)
		p.Batches++
		p.Records += len(batch.Records)
		progress(p)
	}
}

// pushBody writes the PushRequest of a batch. The records are already
// JSON; writing the envelope around them spares encoding/json a second
// pass over every byte.
func pushBody(device string, batch store.PushBatch) []byte {
	b := make([]byte, 0, batch.Bytes+len(batch.Records)+64+len(device))
	b = append(b, `{"device":`...)
	dev, _ := json.Marshal(device) // a string always marshals
	b = append(b, dev...)
	b = append(b, `,"through":`...)
	b = strconv.AppendUint(b, batch.Through, 10)
	b = append(b, `,"records":[`...)
	for i, r := range batch.Records {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, r...)
	}
	return append(b, ']', '}')
}

// prepared is a batch read from the outbox and made ready to send.
type prepared struct {
	batch   store.PushBatch
	payload []byte // the PushRequest as JSON, zstd-compressed
	err     error
}

// prepare reads the batch after sequence after and compresses it. It only
// reads the notebook, so it may run beside a request in flight.
func (c *Client) prepare(device string, after uint64, maxRecords, maxBytes int) prepared {
	batch, err := c.st.NextPush(after, maxRecords, maxBytes)
	if err != nil {
		return prepared{err: &Error{Kind: FailLocal, Err: err}}
	}
	if len(batch.Records) == 0 {
		return prepared{batch: batch}
	}
	body := pushBody(device, batch)
	return prepared{batch: batch, payload: c.enc.EncodeAll(body, make([]byte, 0, len(body)/4))}
}

// tooLarge says HQ refused a batch for its size, which a smaller batch
// fixes.
func tooLarge(code string) bool {
	return code == wire.CodeBodyTooLarge || code == wire.CodeInflateTooBig || code == wire.CodeTooMany
}

// minBatchBytes is as small as a batch gets on a bad link.
const minBatchBytes = 4 << 10

func (c *Client) pull(ctx context.Context, progress func(Progress), res *Result) error {
	p := Progress{Phase: "pull"}
	progress(p)
	failures := 0
	for {
		ss, err := c.st.SyncState()
		if err != nil {
			return &Error{Kind: FailLocal, Err: err}
		}
		var resp wire.PullResponse
		path := wire.PathPullV2 + "?after=" + strconv.FormatUint(ss.Cursor, 10) + "&limit=" + strconv.Itoa(c.opt.PullLimit)
		n, rerr := c.request(ctx, ss, http.MethodGet, path, nil, &resp)
		p.Bytes += n
		if rerr != nil {
			if err := c.wait(ctx, &failures, rerr, progress, p); err != nil {
				return err
			}
			continue
		}
		failures = 0
		if resp.Next < ss.Cursor {
			return &Error{Kind: FailServer, Err: fmt.Errorf("HQ moved the cursor back from %d to %d", ss.Cursor, resp.Next)}
		}
		if len(resp.Events) > 0 || resp.Next != ss.Cursor {
			if err := c.st.ApplyInbox(InboxEvents(resp.Events), resp.Next); err != nil {
				return &Error{Kind: FailLocal, Err: err}
			}
		}
		res.Pulled += len(resp.Events)
		p.Batches++
		p.Records += len(resp.Events)
		progress(p)
		if !resp.More || resp.Next == ss.Cursor {
			return nil
		}
	}
}

// wait decides what a failed request leads to: the sync's error when it is
// not worth retrying or the attempts are spent, otherwise a pause of
// exponential backoff with full jitter (or what HQ asked for with
// Retry-After) before the next attempt. A pause of a second or more is
// reported as progress, so nobody watches a silent sync.
func (c *Client) wait(ctx context.Context, failures *int, rerr *requestError, progress func(Progress), p Progress) error {
	c.opt.Logger.Warn("sync request failed", "attempt", *failures+1, "err", &rerr.Error)
	*failures++
	if !rerr.retryable() || *failures >= c.opt.Attempts {
		return &rerr.Error
	}
	d := Backoff(*failures-1, c.opt.BaseDelay, c.opt.MaxDelay)
	if rerr.retryAfter > d {
		d = rerr.retryAfter
	}
	if d >= time.Second {
		p.Waiting = d
		progress(p)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return &Error{Kind: FailTimeout, Err: ctx.Err()}
	case <-t.C:
		return nil
	}
}

// Backoff is the wait before retry number attempt (from 0): full jitter
// over an exponential ceiling base·2^attempt, capped at limit.
func Backoff(attempt int, base, limit time.Duration) time.Duration {
	// Compare before shifting: base<<attempt overflows int64 for a
	// one-minute base past about attempt 27 and could wrap to a small wait.
	ceil := limit
	if attempt = max(attempt, 0); attempt < 63 && base <= limit>>attempt {
		ceil = base << attempt
	}
	if ceil <= 0 {
		ceil = 1
	}
	return rand.N(ceil) + 1
}

// requestError is an Error with what the retry loop needs to know.
type requestError struct {
	Error
	retryAfter time.Duration
}

// request sends one request and decodes HQ's answer into out. It returns
// the bytes on the wire (request and response bodies, compressed).
func (c *Client) request(ctx context.Context, ss store.SyncState, method, path string, payload []byte, out any) (int64, *requestError) {
	ctx, cancel := context.WithTimeout(ctx, c.opt.RequestTimeout)
	defer cancel()
	var rd io.Reader
	if payload != nil {
		rd = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, method, ss.HQ+path, rd)
	if err != nil {
		return 0, &requestError{Error: Error{Kind: FailLocal, Err: err}}
	}
	req.Header.Set("Authorization", wire.BearerToken(ss.OfficerID, ss.Token))
	req.Header.Set("User-Agent", buildinfo.UserAgent())
	req.Header.Set(wire.HeaderVersion, buildinfo.Version())
	req.Header.Set(wire.HeaderTime, c.opt.Now().UTC().Format(wire.TimeLayout))
	req.Header.Set("Accept-Encoding", wire.ContentEncoding)
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Content-Encoding", wire.ContentEncoding)
	}
	sent := int64(len(payload))
	resp, err := c.http.Do(req)
	if err != nil {
		return sent, classify(err)
	}
	defer resp.Body.Close()
	c.compareClock(resp.Header)
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	sent += int64(len(raw))
	if err != nil {
		return sent, classify(err)
	}
	if resp.Header.Get("Content-Encoding") == wire.ContentEncoding {
		if raw, err = c.dec.DecodeAll(raw, nil); err != nil {
			return sent, &requestError{Error: Error{Kind: FailServer, Err: fmt.Errorf("decode HQ's answer: %w", err)}}
		}
	}
	if resp.StatusCode != http.StatusOK {
		return sent, c.refusal(ctx, ss, path, resp, raw)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return sent, &requestError{Error: Error{Kind: FailServer, Err: fmt.Errorf("read HQ's answer: %w", err)}}
	}
	return sent, nil
}

// refusal is HQ's answer other than 200 as a request error: its code, its
// message made safe for a terminal, and the kind of failure; a path HQ
// does not know leads to asking whether HQ is too old for it.
func (c *Client) refusal(ctx context.Context, ss store.SyncState, path string, resp *http.Response, raw []byte) *requestError {
	var eb wire.ErrorBody
	_ = json.Unmarshal(raw, &eb)
	eb.Code, eb.Message = machineWord(eb.Code), clip(vntext.ForTerminal(eb.Message), 300)
	re := &requestError{Error: Error{Code: eb.Code, Err: fmt.Errorf("HQ answered %s: %s", resp.Status, eb.Message)}}
	switch {
	case eb.Code == wire.CodeRevoked:
		re.Kind = FailRevoked
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		re.Kind = FailUnauthorized
	case resp.StatusCode == http.StatusTooManyRequests, eb.Code == wire.CodeBusy:
		re.Kind = FailRateLimited
		if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s > 0 {
			re.retryAfter = min(time.Duration(s)*time.Second, c.opt.MaxDelay)
		}
	case resp.StatusCode >= 500:
		re.Kind = FailServer
	default:
		re.Kind = FailRefused
	}
	if refusedPath(resp.StatusCode, eb.Code) && !strings.HasPrefix(path, "/v1/") {
		// An HQ older than this path answers it as an unknown page
		// (its API's 404, or its workspace's own refusal): ask HQ
		// which protocol it speaks before calling it anything else.
		if old := c.tooOld(ctx, ss, path); old != nil {
			return old
		}
	}
	return re
}

// refusedPath says an answer may mean the path is unknown to HQ: not
// found, method not allowed, or forbidden without one of the protocol's
// own codes for a bad token.
func refusedPath(status int, code string) bool {
	switch status {
	case http.StatusNotFound, http.StatusMethodNotAllowed:
		return true
	case http.StatusForbidden:
		return code != wire.CodeUnauthorized && code != wire.CodeRevoked
	}
	return false
}

// tooOld asks /v1/health which protocol HQ speaks and returns an error
// when it is older than the path needs: FailHQNoFiles for the files'
// paths, FailHQTooOld for the rest; nil otherwise (or when HQ does not
// say).
func (c *Client) tooOld(ctx context.Context, ss store.SyncState, path string) *requestError {
	h, ok := c.health(ctx, ss)
	if !ok {
		return nil
	}
	need, kind := 2, FailHQTooOld
	if strings.HasPrefix(path, wire.PathFiles) {
		need, kind = wire.ProtocolFiles, FailHQNoFiles
	}
	if h.Speaks() >= need {
		return nil
	}
	v := machineVersion(h.Version)
	return &requestError{Error: Error{Kind: kind, Detail: v,
		Err: fmt.Errorf("HQ (version %q) speaks sync protocol %d, this needs %d: HQ must be updated", v, h.Speaks(), need)}}
}

// health asks HQ's /v1/health, and keeps the protocol and version it
// tells in the sync state; ok is false when HQ did not say.
func (c *Client) health(ctx context.Context, ss store.SyncState) (h wire.Health, ok bool) {
	ctx, cancel := context.WithTimeout(ctx, min(c.opt.RequestTimeout, 30*time.Second))
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, ss.HQ+wire.PathHealth, nil)
	if err != nil {
		return h, false
	}
	req.Header.Set("User-Agent", buildinfo.UserAgent())
	req.Header.Set(wire.HeaderVersion, buildinfo.Version())
	resp, err := c.http.Do(req)
	if err != nil {
		return h, false
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || json.NewDecoder(io.LimitReader(resp.Body, 4096)).Decode(&h) != nil || !h.OK {
		return h, false
	}
	p, v := min(h.Speaks(), 1000), machineVersion(h.Version)
	if p != ss.HQProtocol || v != ss.HQVersion {
		if err := c.st.UpdateSyncState(func(s *store.SyncState) { s.HQProtocol, s.HQVersion = p, v }); err != nil {
			c.opt.Logger.Warn("keep HQ's protocol", "err", err)
		}
	}
	return h, true
}

// checkFiles says whether HQ is known to be too old to receive files,
// asking its /v1/health unless it already said it takes them (an HQ is
// updated, seldom put back: a files' path it no longer knows asks again).
func (c *Client) checkFiles(ctx context.Context) bool {
	ss, err := c.st.SyncState()
	if err != nil {
		return false
	}
	if ss.HQProtocol < wire.ProtocolFiles {
		if h, ok := c.health(ctx, ss); ok {
			ss.HQProtocol = h.Speaks()
		}
	}
	return NoFiles(ss)
}

// NoFiles says HQ, when last asked, was too old to receive files.
func NoFiles(ss store.SyncState) bool {
	return ss.HQProtocol > 0 && ss.HQProtocol < wire.ProtocolFiles
}

// filesWaiting says files of the notebook wait to go to HQ.
func (c *Client) filesWaiting() bool {
	ups, err := c.st.Uploads()
	return err == nil && len(ups) > 0
}

// noteFiles adds the records of a batch that list files to
// SyncState.FilesAwaitHQ.
func (c *Client) noteFiles(recs []json.RawMessage) error {
	var ids []string
	for _, raw := range recs {
		var r struct {
			ID          string            `json:"id"`
			Attachments []json.RawMessage `json:"attachments"`
		}
		if json.Unmarshal(raw, &r) == nil && len(r.Attachments) > 0 {
			ids = append(ids, r.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	if err := c.st.UpdateSyncState(func(s *store.SyncState) {
		for _, id := range ids {
			if !slices.Contains(s.FilesAwaitHQ, id) {
				s.FilesAwaitHQ = append(s.FilesAwaitHQ, id)
			}
		}
	}); err != nil {
		return &Error{Kind: FailLocal, Err: err}
	}
	return nil
}

// machineVersion is v when it looks like a version (letters, digits,
// . - + _), at most 40 characters, otherwise "".
func machineVersion(v string) string {
	if len(v) > 40 {
		return ""
	}
	for _, c := range []byte(v) {
		if (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && (c < '0' || c > '9') && c != '.' && c != '-' && c != '+' && c != '_' {
			return ""
		}
	}
	return v
}

func classify(err error) *requestError {
	var ce *tls.CertificateVerificationError
	var ue x509.UnknownAuthorityError
	var he x509.HostnameError
	switch {
	case errors.Is(err, errCertMismatch), errors.As(err, &ce), errors.As(err, &ue), errors.As(err, &he),
		strings.Contains(err.Error(), errCertMismatch.Error()):
		return &requestError{Error: Error{Kind: FailCertificate, Err: err}}
	case errors.Is(err, context.DeadlineExceeded), isTimeout(err):
		return &requestError{Error: Error{Kind: FailTimeout, Err: err}}
	}
	return &requestError{Error: Error{Kind: FailOffline, Err: err}}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// rejection is HQ's refusal of a record as the notebook keeps it. Every
// string in it came over the network and may be shown on a terminal:
// codes and field names must be machine words, text is stripped of
// escape sequences and cut short.
func rejection(r wire.Rejection) store.Rejection {
	out := store.Rejection{ID: r.ID, Rev: r.Rev, Code: machineWord(r.Code), Reason: clip(vntext.ForTerminal(r.Message), 300)}
	if r.ClockAhead > 0 && r.ClockAhead < 100*365*24*3600 {
		out.ClockAhead = time.Duration(r.ClockAhead) * time.Second
	}
	if out.Code == "" {
		out.Code = wire.RejectInvalid
	}
	for _, f := range r.Fields[:min(len(r.Fields), 32)] {
		fp := &record.FieldError{Field: machineWord(f.Field), Problem: record.Problem(machineWord(string(f.Problem))),
			Value: clip(vntext.ForTerminal(f.Value), 64), Limit: max(f.Limit, 0)}
		if fp.Field == "" || fp.Problem == "" {
			continue
		}
		for _, a := range f.Allowed[:min(len(f.Allowed), 64)] {
			fp.Allowed = append(fp.Allowed, clip(vntext.ForTerminal(a), 64))
		}
		out.Fields = append(out.Fields, fp)
	}
	return out
}

// machineWord is s when it is a code or a field name (a-z, 0-9, _ and -,
// at most 40), otherwise "".
func machineWord(s string) string {
	if len(s) == 0 || len(s) > 40 {
		return ""
	}
	for _, c := range []byte(s) {
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '_' && c != '-' {
			return ""
		}
	}
	return s
}

// clip cuts s to at most n characters.
func clip(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i] + "…"
		}
		n--
	}
	return s
}

// InboxEvents turns pulled events into what the notebook applies.
func InboxEvents(evs []wire.Event) []store.InboxEvent {
	out := make([]store.InboxEvent, 0, len(evs))
	for _, e := range evs {
		ie := store.InboxEvent{Seq: e.Seq, At: e.At}
		switch e.Kind {
		case wire.EventAnswer:
			ie.RecordID, ie.Status, ie.Response = e.Record, e.Status, e.Response
		case wire.EventNotice:
			ie.Notice = &store.Notice{At: e.At, Title: e.Title, Text: e.Text}
		case wire.EventReview:
			if e.Review == nil {
				continue
			}
			ie.RecordID, ie.Review = e.Record, e.Review
		default:
			continue // a kind this build does not know: skip, keep the cursor moving
		}
		out = append(out, ie)
	}
	return out
}

// compareClock notes how far the laptop's clock is from HQ's, from an
// answer's HeaderTime (or its Date, to the second). The request's own
// time on the network is far below wire.ClockTolerance.
func (c *Client) compareClock(h http.Header) {
	hq, ok := wire.ParseTime(h.Get(wire.HeaderTime))
	if !ok {
		d, err := http.ParseTime(h.Get("Date"))
		if err != nil {
			return
		}
		hq = d
	}
	c.skew, c.compared = c.opt.Now().Sub(hq), true
}

// ClockOff is how far the laptop's clock was from HQ's at the last sync
// that compared them, when that is beyond wire.ClockTolerance (positive:
// the laptop is ahead); ok is false when the clocks agree or were never
// compared.
func ClockOff(ss store.SyncState) (skew time.Duration, ok bool) {
	if ss.ClockChecked.IsZero() || ss.ClockSkew.Abs() <= wire.ClockTolerance {
		return 0, false
	}
	return ss.ClockSkew, true
}
