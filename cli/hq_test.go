package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	gosync "sync"
	"testing"
	"time"
)

// syncWriter is a buffer a running command writes while the test reads.
type syncWriter struct {
	mu  gosync.Mutex
	buf bytes.Buffer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

func (w *syncWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// TestHQAdminWithoutSocket: with a server that runs without its admin
// socket, an admin command says to stop the server, in both languages.
func TestHQAdminWithoutSocket(t *testing.T) {
	// A data directory beyond the Unix socket path limit: the socket
	// cannot be created, as on Windows under Wine.
	hqDir := filepath.Join(t.TempDir(), strings.Repeat("d", 120))
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan struct{}), make(chan result, 1)
	var out, errOut syncWriter
	go func() {
		env := Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }}
		code := Run(ctx, []string{"--lang", "en", "hq", "--data-dir", hqDir, "serve", "--addr", "127.0.0.1:0"}, env)
		done <- result{code: code}
	}()
	defer func() {
		cancel()
		if r := <-done; r.code != ExitOK {
			t.Errorf("hq serve: exit %d, stderr %q", r.code, errOut.String())
		}
	}()
	go func() {
		for ctx.Err() == nil && !strings.Contains(out.String(), "HQ is serving") {
			time.Sleep(20 * time.Millisecond)
		}
		close(ready)
	}()
	select {
	case <-ready:
	case r := <-done:
		t.Fatalf("hq serve ended: exit %d, stderr %q", r.code, errOut.String())
	case <-time.After(20 * time.Second):
		t.Fatal("hq serve did not start")
	}
	if !strings.Contains(errOut.String(), "only run with the server stopped") {
		t.Errorf("hq serve does not warn on the terminal: %q", errOut.String())
	}
	tests := []struct {
		lang, want string
	}{
		{"en", "stop the server, run this command again"},
		{"vi", "hãy dừng máy chủ, chạy lại lệnh này"},
	}
	for _, tt := range tests {
		r := run(t, "", "--lang", tt.lang, "hq", "--data-dir", hqDir, "officers")
		if r.code != ExitFailure || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("hq officers (%s) with no admin socket: exit %d, stderr %q", tt.lang, r.code, r.stderr)
		}
	}
}
