package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"time"

	"sotay/i18n"
	"sotay/store"
	"sotay/sync"
)

func syncCommand() command {
	return command{name: "sync", summary: i18n.CLICmdSync, run: runSync}
}

// syncer is the notebook's sync client, or nil when the notebook is not
// enrolled with HQ. The TUI takes it as its Syncer. A code kept as the
// "hq_code" setting (where the TUI's setup screen may leave it) enrolls
// the notebook first.
func (a *app) syncer(st *store.Store) (*sync.Client, error) {
	if ss, err := st.SyncState(); err == nil && ss.HQ == "" {
		if code, _ := st.Setting("hq_code"); code != "" {
			if _, err := sync.Enroll(st, code); err != nil && a.log != nil {
				a.log.Warn("the enrollment code in the settings does not parse", "err", err)
			}
		}
	}
	c, err := sync.New(st, sync.Options{Logger: a.log, Now: a.env.Now})
	if errors.Is(err, sync.ErrNotEnrolled) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return c, nil
}

// syncReport is `sync --json`.
type syncReport struct {
	Pushed   int `json:"pushed"`
	Rejected int `json:"rejected"`
	// ClockSkew: the laptop's clock ahead of HQ's by this many seconds
	// (behind: negative) when beyond a few minutes; 0 otherwise.
	ClockSkew int64        `json:"clock_skew_seconds"`
	Pulled    int          `json:"pulled"`
	Pending   int          `json:"pending"`
	Bytes     int64        `json:"bytes"`
	Files     filesReport  `json:"files"`
	Parked    []parkedJSON `json:"parked"`
	Error     string       `json:"error"`   // the failure's kind, "" on success
	Message   string       `json:"message"` // the failure in words
}

// filesReport is what `sync --json` tells of attached files.
type filesReport struct {
	Sent    int    `json:"sent"`    // files HQ now holds whole
	Refused int    `json:"refused"` // files HQ refused (LastError: its code)
	Waiting int    `json:"waiting"` // files still to send
	Bytes   int64  `json:"bytes"`   // bytes of file sent, resent ones included
	Error   string `json:"error,omitempty"`
}

// parkedJSON is a parked record in `sync --json`: as kept, with the
// reason in the officer's words.
type parkedJSON struct {
	store.ParkedRecord
	Message string `json:"message"`
}

// runSync pushes and pulls once. It exits 0 only when everything pending
// went through: a failure, records HQ refused (parked until the officer
// fixes them), or records still queued are exit 1. Progress goes to
// stderr; --json prints a summary on stdout.
func runSync(ctx context.Context, a *app, fs *flag.FlagSet, args []string) error {
	var asJSON bool
	fs.BoolVar(&asJSON, "json", false, a.cat.T(i18n.CLIFlagJSON))
	if err := a.parseNone(fs, args); err != nil {
		return err
	}
	st, err := a.openStore()
	if err != nil {
		return err
	}
	c, err := a.syncer(st)
	if err != nil {
		return err
	}
	var bytes [2]int64
	var res sync.Result
	if c == nil {
		err = sync.ErrNotEnrolled // still a summary on stdout for --json
	} else {
		res, err = c.Sync(ctx, func(p sync.Progress) {
			if p.Waiting > 0 {
				fmt.Fprintln(a.env.Stderr, a.cat.T(i18n.SyncWaiting, int((p.Waiting+time.Second-1)/time.Second)))
				return
			}
			switch p.Phase {
			case "push":
				bytes[0] = p.Bytes
				if p.Batches > 0 {
					fmt.Fprintln(a.env.Stderr, a.cat.T(i18n.SyncPushing, p.Records, p.TotalRecords, humanBytes(p.Bytes)))
				}
			case "pull":
				bytes[1] = p.Bytes
				if p.Records > 0 {
					fmt.Fprintln(a.env.Stderr, a.cat.T(i18n.SyncPulling, p.Records, humanBytes(p.Bytes)))
				}
			}
		})
	}
	rep := syncReport{Pushed: res.Pushed, Rejected: res.Rejected, Pulled: res.Pulled, Bytes: bytes[0] + bytes[1]}
	if ss, serr := st.SyncState(); serr == nil {
		if skew, off := sync.ClockOff(ss); off {
			rep.ClockSkew = int64(skew / time.Second)
			// Before anything else: a wrong clock explains refused dates.
			fmt.Fprintln(a.env.Stderr, a.cat.ClockWarning(skew))
		}
	}
	if c != nil && err == nil {
		// Files go after the records, so they never hold a record back.
		rep.Files = a.uploadFiles(ctx, st, c)
	}
	rep.Pending, _ = st.Pending()
	parked, _ := st.Parked()
	rep.Parked = make([]parkedJSON, len(parked))
	for i, p := range parked {
		rep.Parked[i] = parkedJSON{ParkedRecord: p, Message: a.cat.ParkedReason(p)}
	}
	if err == nil && len(rep.Parked) > 0 {
		// Refused records have left the queue but have not gone through:
		// the officer has to fix them.
		err = &sync.Error{Kind: sync.FailRejected, Err: fmt.Errorf("HQ refused %d records", len(rep.Parked))}
	}
	if err == nil && rep.Files.Error != "" {
		err = &sync.Error{Kind: rep.Files.Error, Err: fmt.Errorf("%d files not sent", rep.Files.Waiting)}
	}
	if err == nil && rep.Pending > 0 {
		err = fmt.Errorf("%s", a.cat.Both(i18n.SyncStillQueued, rep.Pending))
	}
	if err != nil {
		rep.Error = failKind(err)
		rep.Message = a.cat.Error(err)
	}
	if asJSON {
		enc := json.NewEncoder(a.env.Stdout)
		enc.SetIndent("", "  ")
		if jerr := enc.Encode(rep); jerr != nil && err == nil {
			err = jerr
		}
	} else if err == nil {
		fmt.Fprintln(a.env.Stdout, a.cat.T(i18n.SyncDone, res.Pushed, res.Pulled))
	}
	if len(parked) > 0 {
		fmt.Fprintln(a.env.Stderr, a.cat.T(i18n.SyncRejected, len(parked)))
		for _, p := range parked {
			fmt.Fprintln(a.env.Stderr, a.cat.T(i18n.SyncParkedLine, p.ID, a.cat.ParkedReason(p)))
		}
	}
	return err
}

func humanBytes(n int64) string {
	switch {
	case n >= 10<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 10<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// uploadFiles sends the attached files waiting, with their progress on
// stderr, and removes the files no record needs any more.
func (a *app) uploadFiles(ctx context.Context, st *store.Store, c *sync.Client) filesReport {
	lastName, lastShown := "", time.Time{}
	res, err := c.Upload(ctx, func(p sync.UploadProgress) {
		if p.Waiting > 0 {
			fmt.Fprintln(a.env.Stderr, a.cat.T(i18n.SyncWaiting, int((p.Waiting+time.Second-1)/time.Second)))
			return
		}
		// A line per file, then at most one a second.
		if p.Name != lastName || time.Since(lastShown) >= time.Second || p.Sent == p.Size {
			lastName, lastShown = p.Name, time.Now()
			fmt.Fprintln(a.env.Stderr, a.cat.T(i18n.SyncUploading, p.Name, humanBytes(p.Sent), humanBytes(p.Size)))
		}
	})
	rep := filesReport{Sent: res.Sent, Refused: res.Refused, Waiting: res.Waiting, Bytes: res.Bytes}
	if res.Sent > 0 {
		fmt.Fprintln(a.env.Stderr, a.cat.T(i18n.SyncUploaded, res.Sent))
	}
	if err != nil {
		rep.Error = failKind(err)
		fmt.Fprintln(a.env.Stderr, a.cat.T(i18n.SyncFilesWaiting, res.Waiting)+": "+a.cat.Error(err))
	}
	if _, err := st.CollectFiles(); err != nil && a.log != nil {
		a.log.Warn("collect attached files", "err", err)
	}
	return rep
}

// failKind is the kind of a sync's failure (sync.Fail*), FailLocal for an
// error of the notebook's own.
func failKind(err error) string {
	var se *sync.Error
	if errors.As(err, &se) {
		return se.Kind
	}
	return sync.FailLocal
}
