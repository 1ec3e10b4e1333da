package hq

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"sotay/sync/wire"
)

// Reader is what exports read from HQ's data, whether the server runs
// (through its admin socket, since bbolt lets one process hold the file) or
// not (from the database itself).
type Reader interface {
	Officers(ctx context.Context) ([]Officer, error)
	// EachRecord calls fn for every record HQ holds, tombstones included,
	// in creation order; fn's error stops the walk and is returned.
	EachRecord(ctx context.Context, fn func(RecordRow) error) error
}

// OpenReader reaches HQ's data in dir for reading: through the running
// server's socket when one answers, otherwise by opening the database,
// which must exist. close releases it.
func OpenReader(dir string) (Reader, func() error, error) {
	sock := filepath.Join(dir, SocketFile)
	if conn, err := net.DialTimeout("unix", sock, time.Second); err == nil {
		conn.Close()
		return &socketReader{c: &http.Client{Transport: &http.Transport{
			DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
				var d net.Dialer
				return d.DialContext(ctx, "unix", sock)
			},
		}}}, func() error { return nil }, nil
	}
	// An export never creates HQ's database: a mistyped --data-dir must
	// say so, not write an empty roll-up.
	if _, err := os.Stat(filepath.Join(dir, DBFile)); err != nil {
		return nil, nil, fmt.Errorf("HQ data: %w", err)
	}
	db, err := OpenDB(dir, time.Second)
	if errors.Is(err, ErrLocked) {
		return nil, nil, fmt.Errorf("%w, and its admin socket %s does not answer", ErrLocked, sock)
	}
	if err != nil {
		return nil, nil, err
	}
	return dbReader{db}, db.Close, nil
}

type dbReader struct{ db *DB }

func (r dbReader) Officers(context.Context) ([]Officer, error) { return r.db.Officers() }

func (r dbReader) EachRecord(ctx context.Context, fn func(RecordRow) error) error {
	n := 0
	return r.db.EachRecord(func(row RecordRow) error {
		if n++; n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		return fn(row)
	})
}

// recordLine is one line of the socket's /records stream: a record, or the
// end (with the error that cut it short, if any). A stream without its end
// line was cut and is an error.
type recordLine struct {
	Row   *RecordRow `json:"row,omitempty"`
	End   bool       `json:"end,omitempty"`
	Error string     `json:"error,omitempty"`
}

// serveRecords answers the socket's /records with every record, one JSON
// line each, read in one transaction of the server's own database.
func serveRecords(ctx context.Context, a Admin, w http.ResponseWriter) {
	da, ok := a.(*dbAdmin)
	if !ok {
		writeError(w, http.StatusNotFound, wire.CodeNotFound, "no such admin action")
		return
	}
	w.Header().Set("Content-Type", "application/x-ndjson")
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	err := dbReader{da.db}.EachRecord(ctx, func(row RecordRow) error {
		return enc.Encode(recordLine{Row: &row})
	})
	end := recordLine{End: true}
	if err != nil {
		end.Error = err.Error()
	}
	_ = enc.Encode(end)
	_ = bw.Flush()
}

type socketReader struct{ c *http.Client }

func (r *socketReader) post(ctx context.Context, action string) (*http.Response, error) {
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://hq-admin/"+action, bytes.NewReader([]byte("{}")))
	if err != nil {
		return nil, err
	}
	resp, err := r.c.Do(hr)
	if err != nil {
		return nil, fmt.Errorf("reach the HQ server: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		defer resp.Body.Close()
		var eb wire.ErrorBody
		_ = json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&eb)
		return nil, fmt.Errorf("HQ server: %s", eb.Message)
	}
	return resp, nil
}

func (r *socketReader) Officers(ctx context.Context) ([]Officer, error) {
	resp, err := r.post(ctx, "officers")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out []Officer
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, fmt.Errorf("read the HQ server's officers: %w", err)
	}
	return out, nil
}

func (r *socketReader) EachRecord(ctx context.Context, fn func(RecordRow) error) error {
	resp, err := r.post(ctx, "records")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	dec := json.NewDecoder(bufio.NewReaderSize(resp.Body, 64<<10))
	for {
		var line recordLine
		if err := dec.Decode(&line); err != nil {
			return fmt.Errorf("read the HQ server's records: %w", err)
		}
		switch {
		case line.End && line.Error != "":
			return fmt.Errorf("HQ server: %s", line.Error)
		case line.End:
			return nil
		case line.Row != nil:
			if err := fn(*line.Row); err != nil {
				return err
			}
		}
	}
}
