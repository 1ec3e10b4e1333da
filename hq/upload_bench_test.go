package hq

import (
	"context"
	"crypto/tls"
	"io"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"sotay/sync"
)

// BenchmarkUploadVsTLSCopy measures an attached file's upload to HQ on
// loopback (create, PATCH, HQ's hash and type check, the rename and its
// listing) beside a plain TLS copy of the same bytes into a file at the
// other end, synced: the budget is ≥ 80% of the copy's throughput. Both
// are reported in MB/s, and their ratio in percent.
func BenchmarkUploadVsTLSCopy(b *testing.B) {
	const size = 16 << 20
	h := startHQ(b, Limits{})
	en := h.enroll(b, "ha-noi")
	st := notebook(b, en.Code)
	c := fastClient(b, st, sync.Options{})
	copyAddr := startTLSSink(b, h.srv.TLS.Certificates[0], b.TempDir())
	var upload, plain time.Duration
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		rec := addLog(b, st, i)
		content := fakePDF(size)
		attachFile(b, st, rec.ID, "tệp.pdf", content)
		if _, err := c.Sync(context.Background(), nil); err != nil {
			b.Fatal(err)
		}
		src := filepath.Join(b.TempDir(), "src")
		os.WriteFile(src, content, 0o600)
		b.StartTimer()
		t0 := time.Now()
		res, err := c.Upload(context.Background(), nil)
		upload += time.Since(t0)
		if err != nil || res.Sent != 1 {
			b.Fatalf("upload: %+v %v", res, err)
		}
		t0 = time.Now()
		tlsCopy(b, copyAddr, src)
		plain += time.Since(t0)
	}
	mb := func(d time.Duration) float64 { return float64(size) * float64(b.N) / d.Seconds() / (1 << 20) }
	b.ReportMetric(mb(upload), "upload-MB/s")
	b.ReportMetric(mb(plain), "tls-copy-MB/s")
	b.ReportMetric(100*plain.Seconds()/upload.Seconds(), "%-of-copy")
}

// startTLSSink accepts TLS connections and writes what each sends into a
// file in dir, synced, then answers one byte.
func startTLSSink(b *testing.B, cert tls.Certificate, dir string) string {
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{cert}})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ln.Close() })
	go func() {
		for n := 0; ; n++ {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			f, err := os.Create(filepath.Join(dir, "copy"))
			if err == nil {
				io.Copy(f, c)
				f.Sync()
				f.Close()
			}
			c.Write([]byte{1})
			c.Close()
		}
	}()
	return ln.Addr().String()
}

// tlsCopy sends the file at src over a new TLS connection and waits for
// the sink's answer.
func tlsCopy(b *testing.B, addr, src string) {
	conn, err := tls.Dial("tcp", addr, &tls.Config{InsecureSkipVerify: true})
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	f, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if _, err := io.Copy(conn, f); err != nil {
		b.Fatal(err)
	}
	conn.CloseWrite()
	var one [1]byte
	if _, err := io.ReadFull(conn, one[:]); err != nil {
		b.Fatal(err)
	}
	_ = net.ErrClosed
}
