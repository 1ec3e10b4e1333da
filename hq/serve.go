package hq

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"
)

// AddrFile is written in the data directory once the server listens: the
// URL it serves, for scripts and tests.
const AddrFile = "addr"

// Config is how `hq serve` runs.
type Config struct {
	DataDir   string
	Addr      string // listen address; default ":8443"
	TLSCert   string // certificate and key files; default the self-signed one in DataDir
	TLSKey    string
	PlainHTTP bool   // serve HTTP, for a TLS proxy in front
	PublicURL string // the URL enrollment codes carry; default from Addr
	Limits    Limits
	Logger    *slog.Logger
	// Ready, if set, hears the URL once the server listens.
	Ready func(url string)
	// Workspace, if set, makes the pages served beside the API (package
	// hq/web; cli wires it, so hq does not import it).
	Workspace func(db *DB, log *slog.Logger) (http.Handler, error)
}

// Serve runs the HQ server until ctx ends: the API on Addr (HTTPS unless
// PlainHTTP) and the admin socket in DataDir.
func Serve(ctx context.Context, cfg Config) error {
	if cfg.Addr == "" {
		cfg.Addr = ":8443"
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	softMemoryLimit(log)
	db, err := OpenDB(cfg.DataDir, time.Second)
	if err != nil {
		return err
	}
	defer db.Close()

	var tlsConf *tls.Config
	fingerprint := ""
	if !cfg.PlainHTTP {
		cert, selfSigned, err := LoadOrCreateCert(cfg.DataDir, cfg.TLSCert, cfg.TLSKey)
		if err != nil {
			return err
		}
		if selfSigned {
			fingerprint = CertFingerprint(cert)
		}
		tlsConf = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	defer ln.Close()
	url := cfg.PublicURL
	if url == "" {
		url = localURL(ln.Addr().(*net.TCPAddr), cfg.PlainHTTP)
	}
	if err := db.SetServed(url, fingerprint); err != nil {
		return err
	}

	api, err := NewServer(db, cfg.Limits, log)
	if err != nil {
		return err
	}
	defer api.Close()
	handler := api.Handler()
	if cfg.Workspace != nil {
		pages, err := cfg.Workspace(db, log)
		if err != nil {
			return err
		}
		handler = Mount(handler, pages)
		// Ends before the database closes (defers run last first), so
		// Close never waits for a build nobody needs.
		wctx, stopWarm := context.WithCancel(ctx)
		defer stopWarm()
		go func() {
			start := time.Now()
			if err := db.WarmIndex(wctx); err != nil && wctx.Err() == nil {
				log.Warn("build the workspace's index", "err", err)
			} else if err == nil {
				log.Info("workspace index built", "took", time.Since(start))
			}
		}()
	}
	srv := &http.Server{
		Handler:           handler,
		TLSConfig:         tlsConf,
		ReadHeaderTimeout: 20 * time.Second,
		ReadTimeout:       10 * time.Minute, // a full batch over 64 kbit/s
		WriteTimeout:      10 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	// Without its admin socket HQ still serves the officers: the admin
	// commands then need the server stopped, and AdminDownFile tells them
	// to say so. (Seen on Windows under Wine, where AF_UNIX is missing.)
	downFile := filepath.Join(cfg.DataDir, AdminDownFile)
	_ = os.Remove(downFile)
	adminSrv := &http.Server{Handler: adminHandler(&dbAdmin{db: db, dir: cfg.DataDir}), ReadHeaderTimeout: 10 * time.Second}
	adminLn, adminErr := listenAdmin(cfg.DataDir)
	if adminErr != nil {
		log.Warn("admin commands cannot reach this server: stop it to run them (they then open the database directly)",
			"socket", filepath.Join(cfg.DataDir, SocketFile), "err", adminErr)
		if werr := os.WriteFile(downFile, []byte(adminErr.Error()+"\n"), 0o600); werr != nil {
			log.Warn("write admin-down file", "err", werr)
		}
		defer os.Remove(downFile)
	} else {
		defer os.Remove(filepath.Join(cfg.DataDir, SocketFile))
	}

	errc := make(chan error, 2)
	go func() {
		if tlsConf != nil {
			errc <- srv.ServeTLS(ln, "", "")
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	if adminLn != nil {
		go func() { errc <- adminSrv.Serve(adminLn) }()
	}
	if err := os.WriteFile(filepath.Join(cfg.DataDir, AddrFile), []byte(url+"\n"), 0o600); err != nil {
		log.Warn("write address file", "err", err)
	}
	log.Info("HQ serving", "url", url, "addr", ln.Addr().String(), "tls", tlsConf != nil, "fingerprint", fingerprint)
	if cfg.Ready != nil {
		cfg.Ready(url)
	}
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	shutdown(srv)
	shutdown(adminSrv)
	log.Info("HQ stopped")
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// localURL names the listener: its host, or this machine's name when it
// listens on every address.
func localURL(a *net.TCPAddr, plain bool) string {
	scheme := "https"
	if plain {
		scheme = "http"
	}
	host := a.IP.String()
	if a.IP.IsUnspecified() {
		if h, err := os.Hostname(); err == nil && h != "" {
			host = h
		} else {
			host = "localhost"
		}
	}
	return scheme + "://" + net.JoinHostPort(host, fmt.Sprint(a.Port))
}

// memoryLimit is the Go runtime's soft limit for a serving HQ. The push
// budget (Limits.MaxBodies, MaxDecoding) bounds what requests hold; the
// limit makes the collector return what they let go before the heap
// doubles, so HQ stays within DESIGN.md's 256 MB under attack. GOMEMLIMIT,
// when set, wins.
const memoryLimit = 160 << 20

func softMemoryLimit(log *slog.Logger) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(memoryLimit)
	log.Info("soft memory limit", "bytes", memoryLimit)
}
