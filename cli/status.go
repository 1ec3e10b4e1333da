package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"time"

	"sotay/i18n"
	"sotay/record"
	"sotay/sync"
)

func statusCommand() command {
	return command{name: "status", summary: i18n.CLICmdStatus, run: runStatus}
}

// statusReport is `status --json`: DESIGN.md's pending, last_sync,
// last_error and hq, with the notebook's totals.
type statusReport struct {
	Officer   string         `json:"officer"`
	Province  string         `json:"province"`
	Notebook  string         `json:"notebook"`
	Pending   int            `json:"pending"`
	Parked    int            `json:"parked"`   // records HQ refused, waiting for the officer
	NeedFix   int            `json:"need_fix"` // records HQ reviewed as having issues, not yet fixed
	LastSync  *time.Time     `json:"last_sync"`
	LastError string         `json:"last_error"`
	HQ        string         `json:"hq"`
	Records   map[string]int `json:"records"`
	Statuses  map[string]int `json:"difficulty_statuses"`
	// ClockSkew is how many seconds this laptop's clock was ahead of
	// HQ's (behind: negative) at the last sync, when beyond
	// wire.ClockTolerance; 0 when they agree or were never compared.
	ClockSkew int64 `json:"clock_skew_seconds"`
}

func runStatus(_ context.Context, a *app, fs *flag.FlagSet, args []string) error {
	var asJSON bool
	fs.BoolVar(&asJSON, "json", false, a.cat.T(i18n.CLIFlagJSON))
	if err := a.parseNone(fs, args); err != nil {
		return err
	}
	st, err := a.openStore()
	if err != nil {
		return err
	}
	rep := statusReport{Notebook: st.Path(), Records: map[string]int{}}
	if p, err := st.Profile(); err == nil {
		rep.Officer, rep.Province = p.Name, p.Province
	}
	if rep.Pending, err = st.Pending(); err != nil {
		return err
	}
	parked, err := st.Parked()
	if err != nil {
		return err
	}
	rep.Parked = len(parked)
	fix, err := st.NeedFix()
	if err != nil {
		return err
	}
	rep.NeedFix = len(fix)
	ss, err := st.SyncState()
	if err != nil {
		return err
	}
	if !ss.LastSync.IsZero() {
		rep.LastSync = &ss.LastSync
	}
	rep.LastError, rep.HQ = ss.LastError, ss.HQ
	skew, clockOff := sync.ClockOff(ss)
	rep.ClockSkew = int64(skew / time.Second)
	counts, err := st.Counts()
	if err != nil {
		return err
	}
	for k, n := range counts.Kinds {
		rep.Records[string(k)] = n
	}
	rep.Statuses = counts.Statuses
	if asJSON {
		enc := json.NewEncoder(a.env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	w := a.env.Stdout
	if rep.Officer != "" {
		fmt.Fprintf(w, "%s: %s (%s)\n", a.cat.Field("name"), rep.Officer, a.provinceName(rep.Province))
	}
	fmt.Fprintf(w, "%s: %s\n", a.cat.T(i18n.CLINotebook), rep.Notebook)
	for _, k := range record.Kinds() {
		fmt.Fprintf(w, "%s: %d\n", a.cat.Kind(k), rep.Records[string(k)])
	}
	fmt.Fprintf(w, "%s: %d\n", a.cat.T(i18n.CLIPending), rep.Pending)
	if rep.Parked > 0 {
		fmt.Fprintf(w, "%s: %d\n", a.cat.T(i18n.CLIParked), rep.Parked)
	}
	if rep.NeedFix > 0 {
		fmt.Fprintln(w, a.cat.N(i18n.TalkNeedFix, rep.NeedFix, rep.NeedFix))
	}
	hq := rep.HQ
	if hq == "" {
		hq = a.cat.T(i18n.CLINoHQ)
	}
	fmt.Fprintf(w, "HQ: %s\n", hq)
	last := a.cat.T(i18n.CLINever)
	if rep.LastSync != nil {
		last = rep.LastSync.Local().Format("02/01/2006 15:04") + " (" + a.cat.Ago(a.env.Now(), *rep.LastSync) + ")"
	}
	fmt.Fprintf(w, "%s: %s\n", a.cat.T(i18n.CLILastSync), last)
	if rep.LastError != "" {
		fmt.Fprintf(w, "%s: %s\n", a.cat.T(i18n.CLILastError), a.cat.SyncError(rep.LastError))
	}
	if clockOff {
		fmt.Fprintln(w, a.cat.ClockWarning(skew))
	}
	return nil
}
