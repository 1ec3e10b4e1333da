package hq

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"sotay/sync/wire"
)

// serveInProcess runs Serve until the test ends and returns its URL.
func serveInProcess(t *testing.T, cfg Config) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	cfg.Ready = func(url string) { ready <- url }
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, cfg) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	select {
	case url := <-ready:
		return url
	case err := <-done:
		t.Fatalf("Serve ended: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not start")
	}
	return ""
}

func TestServeGivenCertificate(t *testing.T) {
	certDir := t.TempDir()
	if err := createCert(filepath.Join(certDir, "c.pem"), filepath.Join(certDir, "k.pem")); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	url := serveInProcess(t, Config{DataDir: dir, Addr: "127.0.0.1:0",
		TLSCert: filepath.Join(certDir, "c.pem"), TLSKey: filepath.Join(certDir, "k.pem")})
	if !strings.HasPrefix(url, "https://127.0.0.1:") {
		t.Errorf("url = %s", url)
	}
	fi, err := os.Stat(filepath.Join(dir, SocketFile))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("admin socket: %v, mode %v", err, fi.Mode())
	}
	if _, err := os.Stat(filepath.Join(dir, CertFile)); err == nil {
		t.Error("a self-signed certificate was made although one was given")
	}
	adm, closeAdm, err := OpenAdmin(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer closeAdm()
	if _, ok := adm.(*socketAdmin); !ok {
		t.Errorf("admin while serving is %T, want the socket", adm)
	}
	en, err := adm.Enroll(context.Background(), "Vũ Thị Lan", "hue", "")
	if err != nil {
		t.Fatal(err)
	}
	e, err := wire.ParseCode(en.Code)
	if err != nil {
		t.Fatal(err)
	}
	// A certificate HQ did not make is checked against the system's roots,
	// not pinned.
	if e.Fingerprint != "" || e.URL != url {
		t.Errorf("code = %+v", e)
	}
	if _, err := adm.Enroll(context.Background(), "x", "atlantis", ""); err != ErrBadProvince {
		t.Errorf("enroll in an unknown province over the socket: %v", err)
	}
	if err := adm.Revoke(context.Background(), "nobody"); err != ErrNoOfficer {
		t.Errorf("revoke an unknown officer over the socket: %v", err)
	}
}

func TestServePlainHTTPBehindProxy(t *testing.T) {
	dir := t.TempDir()
	url := serveInProcess(t, Config{DataDir: dir, Addr: "127.0.0.1:0", PlainHTTP: true, PublicURL: "https://hq.example.vn"})
	if url != "https://hq.example.vn" {
		t.Errorf("url = %s", url)
	}
	raw, _ := os.ReadFile(filepath.Join(dir, AddrFile))
	if strings.TrimSpace(string(raw)) != url {
		t.Errorf("addr file = %q", raw)
	}
	if _, err := os.Stat(filepath.Join(dir, CertFile)); err == nil {
		t.Error("a certificate was made for plain HTTP")
	}
	code := func() string {
		adm, closeAdm, err := OpenAdmin(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer closeAdm()
		en, err := adm.Enroll(context.Background(), "Đỗ Minh", "hue", "")
		if err != nil {
			t.Fatal(err)
		}
		return en.Code
	}()
	if e, _ := wire.ParseCode(code); e.Fingerprint != "" || e.URL != "https://hq.example.vn" {
		t.Errorf("code behind a proxy = %+v", e)
	}
}

// TestServeWithoutAdminSocket: a socket that cannot be created (as on
// Windows under Wine) does not stop HQ serving; the reason is logged and
// admin commands say to stop the server.
func TestServeWithoutAdminSocket(t *testing.T) {
	tests := []struct {
		name string
		dir  func(t *testing.T) string
	}{
		{"path beyond the Unix socket limit", func(t *testing.T) string {
			// sun_path holds 108 bytes on Linux, 104 on macOS.
			return filepath.Join(t.TempDir(), strings.Repeat("d", 120))
		}},
		{"a directory where the socket goes", func(t *testing.T) string {
			dir := t.TempDir()
			// Not empty, so the stale-socket removal cannot clear it.
			if err := os.MkdirAll(filepath.Join(dir, SocketFile, "x"), 0o700); err != nil {
				t.Fatal(err)
			}
			return dir
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tt.dir(t)
			var logBuf syncBuffer
			url := serveInProcess(t, Config{DataDir: dir, Addr: "127.0.0.1:0",
				Logger: slog.New(slog.NewTextHandler(&logBuf, nil))})
			cert, _, err := LoadOrCreateCert(dir, "", "")
			if err != nil {
				t.Fatal(err)
			}
			resp, err := pinnedClient(t, CertFingerprint(cert)).Get(url + wire.PathHealth)
			if err != nil {
				t.Fatalf("health without an admin socket: %v", err)
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Fatalf("health: %s", resp.Status)
			}
			if log := logBuf.String(); !strings.Contains(log, "admin commands cannot reach this server") {
				t.Errorf("the log does not say why admin commands fail:\n%s", log)
			}
			if _, err := os.Stat(filepath.Join(dir, AdminDownFile)); err != nil {
				t.Errorf("no %s: %v", AdminDownFile, err)
			}
			_, _, err = OpenAdmin(dir)
			if !errors.Is(err, ErrNoAdminSocket) {
				t.Errorf("admin while the server runs without its socket: %v, want ErrNoAdminSocket", err)
			}
		})
	}
}

// syncBuffer is a bytes.Buffer the server's goroutines may log into.
type syncBuffer struct {
	mu  gosync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
