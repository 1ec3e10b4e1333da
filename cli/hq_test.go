package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sotay/hq"
)

// TestHQAdminWithoutSocket: with a server that runs without its admin
// socket, an admin command says to stop the server, in both languages.
func TestHQAdminWithoutSocket(t *testing.T) {
	// A data directory beyond the Unix socket path limit: the socket
	// cannot be created, as on Windows under Wine.
	hqDir := filepath.Join(t.TempDir(), strings.Repeat("d", 120))
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan string, 1), make(chan error, 1)
	go func() {
		done <- hq.Serve(ctx, hq.Config{DataDir: hqDir, Addr: "127.0.0.1:0", Ready: func(u string) { ready <- u }})
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	}()
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("Serve ended: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not start")
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
