package sync

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"sotay/buildinfo"
	"sotay/record"
	"sotay/store"
	"sotay/sync/wire"
)

// Uploads of attached files (protocol 3, sync/wire/files.go). They run
// apart from Sync, under their own lock, so a file crawling over a bad
// link never holds back the push of records; a file goes only once HQ
// holds the record that lists it (HQ checks that too). After a cut the
// client asks HQ how much it holds (HEAD) and sends the rest from there;
// where it got is kept in the notebook (store.SaveUpload), so a laptop
// that died mid-upload resumes after restart.

// UploadProgress is reported while files go up.
type UploadProgress struct {
	Name       string // the file going up now
	Sent, Size int64  // bytes HQ holds of it, and its size
	Files      int    // files finished so far in this run
	TotalFiles int    // files that were waiting when the run began
	Bytes      int64  // bytes of file sent in this run (bodies, resent ones included)
	Waiting    time.Duration
}

// UploadResult sums up one run of uploads.
type UploadResult struct {
	Sent    int    // files HQ now holds whole
	Refused int    // files HQ refused for good (kept with HQ's code)
	Waiting int    // files still waiting (the run ended early)
	Bytes   int64  // bytes of file sent, resent ones included
	LastErr string // HQ's code of the last refusal, if any
}

// DefaultChunk is the most one PATCH sends: a whole file (record's
// per-file limit), as HQ takes by default. A cut loses nothing of a chunk
// that HQ received (HQ keeps every byte that arrived), so smaller chunks
// would only add round trips and syncs to disk.
const DefaultChunk = record.MaxFileBytes

// Upload sends every file waiting in the notebook whose record HQ holds.
// An error is an *Error when the run stopped early (HQ unreachable past
// the attempts, the token refused); files HQ refused one by one are
// counted in UploadResult.Refused and do not fail the run.
func (c *Client) Upload(ctx context.Context, progress func(UploadProgress)) (UploadResult, error) {
	if c == nil {
		return UploadResult{}, ErrNotEnrolled
	}
	c.umu.Lock()
	defer c.umu.Unlock()
	if progress == nil {
		progress = func(UploadProgress) {}
	}
	var res UploadResult
	ups, err := c.st.Uploads()
	if err != nil {
		return res, &Error{Kind: FailLocal, Err: err}
	}
	ss, err := c.st.SyncState()
	if err != nil {
		return res, &Error{Kind: FailLocal, Err: err}
	}
	if NoFiles(ss) && len(ups) > 0 {
		// HQ said it cannot take files: they wait on the laptop, and the
		// officer is told HQ must be updated, without a request that
		// would only be refused.
		res.Waiting = len(ups)
		return res, &Error{Kind: FailHQNoFiles, Detail: ss.HQVersion,
			Err: fmt.Errorf("HQ (version %q) speaks sync protocol %d, files need %d: HQ must be updated", ss.HQVersion, ss.HQProtocol, wire.ProtocolFiles)}
	}
	p := UploadProgress{TotalFiles: len(ups)}
	for i, u := range ups {
		if views, err := c.st.HQViews([]string{u.Record}); err == nil && views[u.Record].Pending {
			res.Waiting++ // its record has not reached HQ yet: the next run
			continue
		}
		err := c.uploadOne(ctx, ss, &u, &p, progress)
		res.Bytes = p.Bytes
		if err == nil {
			res.Sent++
			p.Files++
			continue
		}
		var se *Error
		if errors.As(err, &se) && se.Kind == FailRefused && se.Code == wire.CodeNotListed {
			// HQ holds no version of the record that lists the file (a
			// refused record, a detached file): not now, maybe later.
			res.Waiting++
			continue
		}
		if errors.As(err, &se) && se.Kind == FailRefused && se.Code != wire.CodeQuota {
			res.Refused++
			res.LastErr = se.Code
			u.Failed = se.Code
			if serr := c.st.SaveUpload(u); serr != nil {
				return res, &Error{Kind: FailLocal, Err: serr}
			}
			continue
		}
		res.Waiting += len(ups) - i
		return res, err
	}
	return res, nil
}

// uploadOne sends one file to the end, resuming where HQ is.
func (c *Client) uploadOne(ctx context.Context, ss store.SyncState, u *store.Upload, p *UploadProgress, progress func(UploadProgress)) error {
	f, err := os.Open(c.st.FilePath(u.SHA256))
	if err != nil {
		return &Error{Kind: FailLocal, Err: fmt.Errorf("read attached file %q: %w", u.Name, err)}
	}
	defer f.Close()
	p.Name, p.Size, p.Sent = u.Name, u.Size, u.Offset
	progress(*p)
	failures := 0
	known := false // the offset came from HQ in this run
	piece := 0     // bytes per write to the connection; 0 for no bound
	for {
		if err := ctx.Err(); err != nil {
			return &Error{Kind: FailTimeout, Err: err}
		}
		var rerr *requestError
		switch {
		case u.URL == "":
			rerr = c.createUpload(ctx, ss, u)
			known = rerr == nil
		case !known:
			rerr = c.headUpload(ctx, ss, u)
			known = rerr == nil
			if rerr != nil && rerr.Code == wire.CodeNotFound {
				// HQ no longer has the upload (expired): start it again.
				u.URL, u.Offset, rerr = "", 0, nil
				continue
			}
		case u.Offset >= u.Size:
			u.Done = true
			p.Sent = u.Size
			progress(*p)
			if err := c.st.SaveUpload(*u); err != nil {
				return &Error{Kind: FailLocal, Err: err}
			}
			return nil
		default:
			var sent int64
			sent, rerr = c.patchUpload(ctx, ss, u, f, piece)
			p.Bytes += sent
			if rerr == nil {
				c.upChunk = min(c.upChunk*2, c.opt.Chunk)
			} else {
				known = false // after a cut, ask HQ where it is
				if rerr.Kind == FailOffline || rerr.Kind == FailTimeout {
					piece, c.upChunk = cutPiece, minChunk
				}
				if rerr.Code == wire.CodeOffsetMismatch {
					rerr = nil
				}
			}
		}
		if rerr == nil {
			failures = 0
			if err := c.st.SaveUpload(*u); err != nil {
				return &Error{Kind: FailLocal, Err: err}
			}
			p.Sent = u.Offset
			progress(*p)
			continue
		}
		if err := c.waitUpload(ctx, &failures, rerr, progress, *p); err != nil {
			return err
		}
	}
}

// waitUpload is wait for uploads: the same backoff and attempts, reported
// as upload progress.
func (c *Client) waitUpload(ctx context.Context, failures *int, rerr *requestError, progress func(UploadProgress), p UploadProgress) error {
	return c.wait(ctx, failures, rerr, func(q Progress) {
		p.Waiting = q.Waiting
		progress(p)
	}, Progress{})
}

// fileRequest sends one request of the upload protocol and returns HQ's
// answer, or the failure as the rest of sync words it.
func (c *Client) fileRequest(ctx context.Context, ss store.SyncState, method, path string, hdr http.Header, body io.Reader, n int64) (*http.Response, *requestError) {
	req, err := http.NewRequestWithContext(ctx, method, ss.HQ+path, body)
	if err != nil {
		return nil, &requestError{Error: Error{Kind: FailLocal, Err: err}}
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	req.ContentLength = n
	if n == 0 {
		req.Body = nil
	}
	req.Header.Set("Authorization", wire.BearerToken(ss.OfficerID, ss.Token))
	req.Header.Set("User-Agent", buildinfo.UserAgent())
	req.Header.Set(wire.HeaderVersion, buildinfo.Version())
	req.Header.Set(wire.HeaderTus, wire.TusVersion)
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, classify(err)
	}
	if resp.StatusCode >= 300 {
		raw, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
		return nil, c.refusal(ctx, ss, path, resp, raw)
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	return resp, nil
}

// offsetOf reads HQ's Upload-Offset, bounded by the file's size.
func offsetOf(resp *http.Response, size int64) (int64, *requestError) {
	off, err := strconv.ParseInt(resp.Header.Get(wire.HeaderOffset), 10, 64)
	if err != nil || off < 0 || off > size {
		return 0, &requestError{Error: Error{Kind: FailServer, Err: fmt.Errorf("HQ answered an offset of %q for a file of %d bytes", resp.Header.Get(wire.HeaderOffset), size)}}
	}
	return off, nil
}

func (c *Client) createUpload(ctx context.Context, ss store.SyncState, u *store.Upload) *requestError {
	ctx, cancel := context.WithTimeout(ctx, c.opt.RequestTimeout)
	defer cancel()
	hdr := http.Header{}
	hdr.Set(wire.HeaderLength, strconv.FormatInt(u.Size, 10))
	hdr.Set(wire.HeaderMeta, wire.FileMeta{SHA256: u.SHA256, Name: u.Name, Type: u.Type, Record: u.Record}.Encode())
	resp, rerr := c.fileRequest(ctx, ss, http.MethodPost, wire.PathFiles, hdr, nil, 0)
	if rerr != nil {
		return rerr
	}
	loc := resp.Header.Get("Location")
	if !strings.HasPrefix(loc, wire.PathFiles+"/") || len(loc) > 200 {
		return &requestError{Error: Error{Kind: FailServer, Err: fmt.Errorf("HQ answered the upload's place as %q", loc)}}
	}
	off, rerr := offsetOf(resp, u.Size)
	if rerr != nil {
		return rerr
	}
	u.URL, u.Offset = loc, off
	return nil
}

func (c *Client) headUpload(ctx context.Context, ss store.SyncState, u *store.Upload) *requestError {
	ctx, cancel := context.WithTimeout(ctx, c.opt.RequestTimeout)
	defer cancel()
	resp, rerr := c.fileRequest(ctx, ss, http.MethodHead, u.URL, nil, nil, 0)
	if rerr != nil {
		return rerr
	}
	off, rerr := offsetOf(resp, u.Size)
	if rerr == nil {
		u.Offset = off
	}
	return rerr
}

// minChunk is the PATCH a cut link gets: what the client writes past a
// cut is lost, and a link that cuts gets less at a time; each PATCH that
// goes through doubles it again, back to a whole file within a few.
const minChunk = 256 << 10

// cutPiece bounds each write of a file's bytes to the connection once the
// link has been cut during the upload. TLS seals each write in records of
// its own, and a cut loses the record it falls in; Go grows records to
// 16 KB as a connection goes on, so on a link cut every 50 KB a cut would
// lose 8 KB on average. Small writes cost a little CPU, which a link that
// is cut can spare; a healthy one keeps large writes.
const cutPiece = 2 << 10

// patchUpload sends the file from u.Offset, one chunk, written piece bytes
// at a time (0: as large as the transport likes), and returns the bytes
// it handed the connection.
func (c *Client) patchUpload(ctx context.Context, ss store.SyncState, u *store.Upload, f *os.File, piece int) (int64, *requestError) {
	if c.upChunk <= 0 {
		c.upChunk = c.opt.Chunk
	}
	n := min(u.Size-u.Offset, int64(c.upChunk))
	// The request's time grows with the chunk; the stall timeout of HQ
	// ends a dead link sooner.
	ctx, cancel := context.WithTimeout(ctx, c.opt.RequestTimeout+time.Duration(n/2048)*time.Second)
	defer cancel()
	hdr := http.Header{}
	hdr.Set(wire.HeaderOffset, strconv.FormatInt(u.Offset, 10))
	hdr.Set("Content-Type", wire.ContentTypeChunk)
	body := &countingReader{r: io.NewSectionReader(f, u.Offset, n), piece: piece}
	resp, rerr := c.fileRequest(ctx, ss, http.MethodPatch, u.URL, hdr, body, n)
	if rerr != nil {
		return body.n, rerr
	}
	off, rerr := offsetOf(resp, u.Size)
	if rerr != nil {
		return body.n, rerr
	}
	u.Offset = off
	return body.n, nil
}

// countingReader counts what is read, at most piece bytes a read (0: no
// bound).
type countingReader struct {
	r     io.Reader
	n     int64
	piece int
}

func (c *countingReader) Read(p []byte) (int, error) {
	if c.piece > 0 && len(p) > c.piece {
		p = p[:c.piece]
	}
	k, err := c.r.Read(p)
	c.n += int64(k)
	return k, err
}
