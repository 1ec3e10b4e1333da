package cli

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"sotay/domain"
	"sotay/i18n"
	"sotay/record"
	"sotay/store"
	"sotay/vntext"
)

func listCommand() command {
	return command{name: "list", summary: i18n.CLICmdList, run: runList}
}

// runList prints the records of a kind, newest first: a table for people,
// or with --json one array of flat objects for scripts.
func runList(ctx context.Context, a *app, fs *flag.FlagSet, args []string) error {
	kind, args, err := a.kindArg(args)
	if err != nil {
		if isHelp(args) {
			a.kindHelp("list", func(fs *flag.FlagSet, k record.Kind) { a.listFlags(fs, k) })
			return flag.ErrHelp
		}
		return err
	}
	f := a.listFlags(fs, kind)
	if err := a.parseNone(fs, args); err != nil {
		return err
	}
	q, asJSON, from, to := f.q, f.asJSON, f.from, f.to
	if q.Limit < 0 {
		return &usageError{a.cat.T(i18n.CLIBadLimit)}
	}
	if q.From, err = a.flagDate("from", from); err != nil {
		return err
	}
	if q.To, err = a.flagDate("to", to); err != nil {
		return err
	}
	st, err := a.openStore()
	if err != nil {
		return err
	}
	out := bufio.NewWriter(a.env.Stdout)
	defer out.Flush()
	if asJSON {
		return writeJSONArray(ctx, st, q, out)
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	n := 0
	err = st.Scan(ctx, q, func(r record.Record) error {
		n++
		_, err := fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", vntext.FormatDate(r.Date), clip(r.Commune, 24), clip(oneLine(r.Summary()), 60), r.ID)
		return err
	})
	if err != nil {
		return err
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if n == 0 {
		fmt.Fprintln(a.env.Stderr, a.cat.T(i18n.CLINoRecords))
	}
	return nil
}

// listOptions are list's flags.
type listOptions struct {
	q        store.Query
	asJSON   bool
	from, to string
}

// listFlags registers list's flags for kind on fs.
func (a *app) listFlags(fs *flag.FlagSet, kind record.Kind) *listOptions {
	o := &listOptions{q: store.Query{Kind: kind}}
	fs.StringVar(&o.q.Search, "search", "", a.cat.T(i18n.CLIFlagSearch))
	fs.BoolVar(&o.asJSON, "json", false, a.cat.T(i18n.CLIFlagJSON))
	fs.StringVar(&o.from, "from", "", a.cat.T(i18n.CLIFlagFrom))
	fs.StringVar(&o.to, "to", "", a.cat.T(i18n.CLIFlagTo))
	fs.IntVar(&o.q.Limit, "limit", 0, a.cat.T(i18n.CLIFlagLimit))
	if kind == record.KindDifficulty {
		cats := domain.Slugs(domain.Categories())
		choiceVar(fs, &o.q.Category, "category", "", a.cat.Field("category")+": "+strings.Join(cats, "|"), cats)
		choiceVar(fs, &o.q.Severity, "severity", "", a.cat.Field("severity"), domain.Slugs(domain.Severities()))
		choiceVar(fs, &o.q.Status, "status", "", a.cat.Field("status"), domain.Slugs(domain.Statuses()))
	}
	return o
}

// listed is what list --json adds to each record from what HQ said of it:
// received_at is when HQ first held the record's current rev (null while
// HQ does not hold it), review HQ's latest review (null for none).
type listed struct {
	ReceivedAt *time.Time     `json:"received_at"`
	Review     *record.Review `json:"review"`
}

// writeJSONArray streams the matching records as one JSON array, one record
// a line, without holding them all in memory: what HQ said of them is read
// a page of records at a time.
func writeJSONArray(ctx context.Context, st *store.Store, q store.Query, out *bufio.Writer) error {
	out.WriteString("[")
	first := true
	const page = 256
	buf := make([]record.Record, 0, page)
	flush := func() error {
		ids := make([]string, len(buf))
		for i, r := range buf {
			ids[i] = r.ID
		}
		views, err := st.HQViews(ids)
		if err != nil {
			return err
		}
		for _, r := range buf {
			v := views[r.ID]
			x := listed{Review: v.Review}
			if v.Received(r.Rev) {
				at := v.Receipt.At
				x.ReceivedAt = &at
			}
			b, err := withHQ(r, x)
			if err != nil {
				return err
			}
			if !first {
				out.WriteString(",")
			}
			first = false
			out.WriteString("\n")
			if _, err := out.Write(b); err != nil {
				return err
			}
		}
		buf = buf[:0]
		return nil
	}
	err := st.Scan(ctx, q, func(r record.Record) error {
		buf = append(buf, r)
		if len(buf) == page {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return err
	}
	if !first {
		out.WriteString("\n")
	}
	_, err = out.WriteString("]\n")
	return err
}

// flagDate reads a date flag in any form officers write, as YYYY-MM-DD.
func (a *app) flagDate(name, v string) (string, error) {
	if v == "" {
		return "", nil
	}
	d, err := vntext.ParseDate(v, a.env.Now())
	if err != nil {
		return "", &usageError{a.cat.T(i18n.CLIBadDateFlag, name, v)}
	}
	return d.Format(vntext.DateLayout), nil
}

// clip shortens s to n characters with an ellipsis.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
