package hq

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"sotay/store"
	"sotay/sync"
)

// Uploads over bad links and through kills: a real `hq serve` behind
// toxiproxy, with a relay between the two that counts the bytes that
// crossed the link to HQ.

// relay forwards every connection to upstream and counts the bytes that
// go from the client to upstream.
type relay struct {
	addr string
	up   atomic.Int64
}

func startRelay(t *testing.T, upstream string) *relay {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	r := &relay{addr: ln.Addr().String()}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				u, err := net.Dial("tcp", upstream)
				if err != nil {
					return
				}
				defer u.Close()
				go func() {
					io.Copy(c, u)
					c.Close()
				}()
				io.Copy(countingWriter{u, &r.up}, c)
			}()
		}
	}()
	return r
}

// countingWriter counts the bytes written through it as they go.
type countingWriter struct {
	w io.Writer
	n *atomic.Int64
}

func (c countingWriter) Write(p []byte) (int, error) {
	k, err := c.w.Write(p)
	c.n.Add(int64(k))
	return k, err
}

// countingConn counts the bytes the client hands its connection.
type countingConn struct {
	net.Conn
	n *atomic.Int64
}

func (c countingConn) Write(p []byte) (int, error) {
	k, err := c.Conn.Write(p)
	c.n.Add(int64(k))
	return k, err
}

// uploadRig is a fault rig with the byte-counting relay in front of HQ.
type uploadRig struct {
	*faultRig
	relay *relay
}

func newUploadRig(t *testing.T) *uploadRig {
	t.Helper()
	var rl *relay
	r := newFaultRigVia(t, func(hqAddr string) string {
		rl = startRelay(t, hqAddr)
		return rl.addr
	})
	return &uploadRig{faultRig: r, relay: rl}
}

// notebookWithFile is the rig's enrolled notebook with one record
// carrying a size-byte PDF, the record already at HQ; it returns the
// file's bytes.
func (r *uploadRig) notebookWithFile(t *testing.T, size int) (*store.Store, []byte) {
	t.Helper()
	st := r.notebook(t, 0)
	rec := addLog(t, st, 1)
	content := fakePDF(size)
	attachFile(t, st, rec.ID, "Danh sách học viên.pdf", content)
	if _, err := fastClient(t, st, sync.Options{}).Sync(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	return st, content
}

// countingClient is a client whose connections count the bytes written to
// them.
func countingClient(t *testing.T, st *store.Store, opt sync.Options, wrote *atomic.Int64) *sync.Client {
	t.Helper()
	ss, err := st.SyncState()
	if err != nil {
		t.Fatal(err)
	}
	tlsConf, err := sync.TLSConfig(ss.Fingerprint)
	if err != nil {
		t.Fatal(err)
	}
	opt.Transport = &http.Transport{TLSClientConfig: tlsConf, DisableCompression: true,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := sync.Dial(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			return countingConn{c, wrote}, nil
		}}
	return fastClient(t, st, opt)
}

// hqFileMatches checks the file HQ holds (read from its data directory
// while it runs) has the content's hash.
func (r *uploadRig) hqFileMatches(t *testing.T, content []byte) {
	t.Helper()
	sum := sumHex(content)
	got, err := os.ReadFile(filepath.Join(r.hqDir, "files", sum[:2], sum))
	if err != nil || sumHex(got) != sum {
		t.Fatalf("HQ's copy: %d bytes, %v; want the file's %d bytes and hash", len(got), err, len(content))
	}
}

// partBytes is how much of the upload in progress HQ holds.
func (r *uploadRig) partBytes() int64 {
	m, _ := filepath.Glob(filepath.Join(r.hqDir, "files", "part", "*"))
	var n int64
	for _, p := range m {
		if fi, err := os.Stat(p); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// A file over a slow link cut every few hundred KB arrives whole, and the
// bytes that cross the link stay within 1.1× the file: each connection's
// bytes are kept by HQ, and the client goes on from HQ's offset. An upload
// that restarts from zero never completes here: no connection carries more
// than the cut, and the file needs all of it in one.
func TestUploadOverCutLink(t *testing.T) {
	for _, tc := range []struct {
		name      string
		size      int
		shortSize int
		rate      int // KB/s each way
		latency   int // ms each way
		cut       int // bytes per connection, client to HQ
	}{
		{"20MB at 2Mbit/s, 300ms, cut every 200KB", 20 << 20, 2 << 20, 250, 150, 200 << 10},
		{"1MB at 64kbit/s, 300ms, cut every 50KB", 1 << 20, 200 << 10, 8, 150, 50 << 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			size := tc.size
			if testing.Short() {
				size = tc.shortSize
			}
			r := newUploadRig(t)
			st, content := r.notebookWithFile(t, size)
			defer st.Close()
			r.toxic(t, `{"name":"lat_up","type":"latency","stream":"upstream","attributes":{"latency":`+strconv.Itoa(tc.latency)+`}}`)
			r.toxic(t, `{"name":"lat_down","type":"latency","stream":"downstream","attributes":{"latency":`+strconv.Itoa(tc.latency)+`}}`)
			r.toxic(t, `{"name":"bw_up","type":"bandwidth","stream":"upstream","attributes":{"rate":`+strconv.Itoa(tc.rate)+`}}`)
			r.toxic(t, `{"name":"bw_down","type":"bandwidth","stream":"downstream","attributes":{"rate":`+strconv.Itoa(tc.rate)+`}}`)
			r.toxic(t, `{"name":"cut","type":"limit_data","stream":"upstream","attributes":{"bytes":`+strconv.Itoa(tc.cut)+`}}`)
			before := r.relay.up.Load()
			var wrote atomic.Int64
			c := countingClient(t, st, sync.Options{Attempts: 20}, &wrote)
			start := time.Now()
			cuts := 0
			var res sync.UploadResult
			var err error
			for range 10 { // a run ends after Attempts failures in a row; the link is bad, not dead
				res, err = c.Upload(context.Background(), func(p sync.UploadProgress) {
					if p.Waiting > 0 {
						cuts++
					}
				})
				if err == nil {
					break
				}
			}
			if err != nil || res.Sent != 1 {
				t.Fatalf("upload: %+v, %v", res, err)
			}
			crossed := r.relay.up.Load() - before
			t.Logf("%d bytes in %v: %d bytes crossed the link to HQ (%.3f×), %d bytes of file sent (%.3f×), %d written to the client's sockets (%.3f×)",
				size, time.Since(start).Round(time.Millisecond), crossed, float64(crossed)/float64(size),
				res.Bytes, float64(res.Bytes)/float64(size), wrote.Load(), float64(wrote.Load())/float64(size))
			if float64(crossed) > 1.1*float64(size) {
				t.Errorf("%d bytes crossed the link for a %d-byte file: over 1.1×", crossed, size)
			}
			r.hqFileMatches(t, content)
		})
	}
}

// newSlowUpload is the rig of the kill tests: a notebook with an 8 MB file
// (2 MB under -short) whose record HQ holds, and 4 Mbit/s to HQ, slow
// enough to kill either end mid-upload.
func newSlowUpload(t *testing.T) (*uploadRig, *store.Store, []byte) {
	t.Helper()
	r := newUploadRig(t)
	size := 8 << 20
	if testing.Short() {
		size = 2 << 20
	}
	st, content := r.notebookWithFile(t, size)
	r.toxic(t, `{"name":"bw_up","type":"bandwidth","stream":"upstream","attributes":{"rate":512}}`)
	return r, st, content
}

// waitHeld waits until HQ holds n bytes of the upload; done closing first
// (the uploading process ended) fails the test.
func (r *uploadRig) waitHeld(t *testing.T, n int64, done <-chan struct{}) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for r.partBytes() < n {
		select {
		case <-done:
			t.Fatal("the upload ended before it could be cut")
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("HQ never held %d bytes of the upload", n)
		}
	}
}

// The client process killed mid-upload: the next `sotay sync` goes on from
// HQ's offset, and HQ's file has the hash.
func TestUploadClientKilled(t *testing.T) {
	r, st, content := newSlowUpload(t)
	size := len(content)
	st.Close()
	cmd := exec.Command(sotayBin(t), "--data-dir", r.nbDir, "sync", "--json")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	r.waitHeld(t, int64(size/4), done)
	cmd.Process.Kill()
	<-done
	held := r.partBytes()
	r.clearToxics()
	out := mustSotay(t, "--data-dir", r.nbDir, "sync", "--json")
	var rep struct {
		Files struct {
			Sent  int   `json:"sent"`
			Bytes int64 `json:"bytes"`
		} `json:"files"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("sync --json: %v\n%s", err, out)
	}
	t.Logf("killed with %d of %d bytes at HQ; the next sync sent %d", held, size, rep.Files.Bytes)
	if rep.Files.Sent != 1 || rep.Files.Bytes > int64(size)-held {
		t.Errorf("after the kill: %+v; want the file sent from HQ's %d bytes on", rep.Files, held)
	}
	r.hqFileMatches(t, content)
}

// HQ killed mid-upload: after its restart the client asks where HQ is and
// goes on from there; HQ's file has the hash.
func TestUploadHQKilled(t *testing.T) {
	r, st, content := newSlowUpload(t)
	size := len(content)
	defer st.Close()
	var wrote atomic.Int64
	c := countingClient(t, st, sync.Options{Attempts: 100, MaxDelay: 300 * time.Millisecond}, &wrote)
	type outcome struct {
		res sync.UploadResult
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		res, err := c.Upload(context.Background(), nil)
		done <- outcome{res, err}
	}()
	r.waitHeld(t, int64(size/4), nil)
	r.hq.kill()
	held := r.partBytes()
	time.Sleep(300 * time.Millisecond)
	r.hq = startServe(t, r.hqDir, r.hqAddr)
	var o outcome
	select {
	case o = <-done:
	case <-time.After(2 * time.Minute):
		t.Fatal("the upload did not finish after HQ came back")
	}
	t.Logf("HQ killed holding %d of %d bytes; %d bytes of file sent in all (%.3f×), %d written to sockets", held, size, o.res.Bytes, float64(o.res.Bytes)/float64(size), wrote.Load())
	if o.err != nil || o.res.Sent != 1 {
		t.Fatalf("upload: %+v, %v", o.res, o.err)
	}
	// Resumed, not restarted: a restart would have sent the held bytes
	// again on top of the whole file. (What the client had written past
	// HQ's offset when HQ died, in socket buffers, is lost either way.)
	if o.res.Bytes >= int64(size)+held {
		t.Errorf("%d bytes sent for %d with %d held at the kill: the upload started over", o.res.Bytes, size, held)
	}
	r.hqFileMatches(t, content)
}

// A file going up never holds back the push of records: a sync while an
// upload crawls goes through at once, and the upload still finishes.
func TestPushNotHeldByUpload(t *testing.T) {
	r, st, content := newSlowUpload(t)
	defer st.Close()
	c := fastClient(t, st, sync.Options{})
	done := make(chan error, 1)
	go func() {
		_, err := c.Upload(context.Background(), nil)
		done <- err
	}()
	r.waitHeld(t, int64(len(content)/8), nil)
	rec := addLog(t, st, 2)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	start := time.Now()
	res, err := c.Sync(ctx, nil)
	if err != nil || res.Pushed != 1 {
		t.Fatalf("sync during an upload: %+v, %v", res, err)
	}
	select {
	case <-done:
		t.Fatal("the upload ended before the sync: the test proves nothing")
	default:
	}
	t.Logf("record %s pushed in %v while the file went up", rec.ID, time.Since(start).Round(time.Millisecond))
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	r.hqFileMatches(t, content)
}
