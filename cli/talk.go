package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"sotay/domain"
	"sotay/i18n"
	"sotay/record"
	"sotay/store"
	"sotay/vntext"
)

// The conversation with HQ on the command line (issue 11): show a record
// with its thread, review and receipt; list notices; reply on a difficulty
// or mark it resolved on site.

func showCommand() command {
	return command{name: "show", summary: i18n.CLICmdShow, run: runShow}
}

func noticesCommand() command {
	return command{name: "notices", summary: i18n.CLICmdNotices, run: runNotices}
}

func followUpCommand() command {
	return command{name: "followup", summary: i18n.CLICmdFollowUp, run: func(ctx context.Context, a *app, fs *flag.FlagSet, args []string) error {
		return runFollowUp(a, fs, args, "followup", "text", i18n.CLIFlagText, false)
	}}
}

func resolveCommand() command {
	return command{name: "resolve", summary: i18n.CLICmdResolve, run: func(ctx context.Context, a *app, fs *flag.FlagSet, args []string) error {
		return runFollowUp(a, fs, args, "resolve", "note", i18n.CLIFlagNote, true)
	}}
}

// shown is a record as show --json prints it: the record's flat JSON with
// what HQ said of it beside.
type shown struct {
	Thread       []record.ThreadItem `json:"thread,omitempty"`
	WaitingForHQ bool                `json:"waiting_for_hq,omitempty"`
	Review       *record.Review      `json:"review"`
	ReceivedAt   *time.Time          `json:"received_at"`
	ReceivedRev  int64               `json:"received_rev,omitempty"`
	Pending      bool                `json:"pending"`
	Refused      string              `json:"refused,omitempty"` // HQ's reason, in the officer's words
	Unread       bool                `json:"unread"`
}

func (a *app) shownOf(r record.Record, v store.HQView) shown {
	s := shown{Review: v.Review, Pending: v.Pending, Unread: v.Unread}
	if r.Kind == record.KindDifficulty {
		s.Thread = r.Thread()
		s.WaitingForHQ = r.WaitingForHQ()
	}
	if v.Received(r.Rev) {
		at := v.Receipt.At
		s.ReceivedAt = &at
	}
	if v.Receipt != nil {
		s.ReceivedRev = v.Receipt.Rev
	}
	if v.Parked != nil {
		s.Refused = a.cat.ParkedReason(*v.Parked)
	}
	return s
}

// withHQ writes the record's JSON with the fields of extra after its own.
func withHQ(r record.Record, extra any) ([]byte, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	x, err := json.Marshal(extra)
	if err != nil {
		return nil, err
	}
	if len(x) <= 2 {
		return b, nil
	}
	return append(append(b[:len(b)-1], ','), x[1:]...), nil
}

func (a *app) idArg(fs *flag.FlagSet, args []string, verb string) (string, error) {
	rest, err := a.parse(fs, args)
	if err != nil {
		return "", err
	}
	if len(rest) != 1 {
		return "", &usageError{a.cat.T(i18n.CLINeedID, verb)}
	}
	return rest[0], nil
}

func runShow(ctx context.Context, a *app, fs *flag.FlagSet, args []string) error {
	asJSON := fs.Bool("json", false, a.cat.T(i18n.CLIFlagJSON))
	id, err := a.idArg(fs, args, "show")
	if err != nil {
		return err
	}
	st, err := a.openStore()
	if err != nil {
		return err
	}
	r, err := st.Get(id)
	if err != nil {
		return err
	}
	views, err := st.HQViews([]string{r.ID})
	if err != nil {
		return err
	}
	s := a.shownOf(r, views[r.ID])
	out := bufio.NewWriter(a.env.Stdout)
	defer out.Flush()
	if *asJSON {
		b, err := withHQ(r, s)
		if err != nil {
			return err
		}
		out.Write(b)
		out.WriteString("\n")
		return nil
	}
	a.writeRecordText(out, r, s)
	// Read on the screen: no longer unread (a script's --json leaves it).
	return st.MarkRead(r.ID)
}

// localTime is how a time from HQ reads to the officer: "14:02 03/12/2026".
func localTime(t time.Time) string { return t.Local().Format("15:04 02/01/2006") }

func (a *app) writeRecordText(w io.Writer, r record.Record, s shown) {
	fmt.Fprintf(w, "%s · %s · %s\n", a.cat.Kind(r.Kind), vntext.FormatDate(r.Date), r.ID)
	for _, f := range record.Fields(r.Kind) {
		v := r.Value(f.Name)
		if v == "" { // not recorded; a recorded 0 (women, hours) is shown
			continue
		}
		switch f.Type {
		case record.Choice:
			if t, ok := domain.Find(f.Choices(), v); ok {
				v = a.cat.Term(t)
			}
		case record.Date:
			v = vntext.FormatDate(v) // shown dd/mm/yyyy, as everywhere an officer reads a date
		}
		fmt.Fprintf(w, "%s: %s\n", a.cat.Field(f.Name), vntext.ForTerminal(v))
	}
	a.writeFiles(w, r)
	fmt.Fprintln(w)
	switch {
	case s.ReceivedAt != nil:
		fmt.Fprintln(w, a.cat.T(i18n.TalkReceived, localTime(*s.ReceivedAt)))
	case s.Refused != "":
		fmt.Fprintln(w, a.cat.T(i18n.TalkParked, s.Refused))
	default:
		line := a.cat.T(i18n.TalkNotReceived)
		if s.Pending {
			line += ": " + a.cat.T(i18n.TalkPendingSend)
		}
		fmt.Fprintln(w, line)
	}
	if s.Review != nil {
		line := a.cat.ReviewState(s.Review.State)
		if s.Review.Comment != "" {
			line = a.cat.T(i18n.TalkReviewComment, line, vntext.ForTerminal(s.Review.Comment))
		}
		fmt.Fprintln(w, line)
	}
	if r.Kind != record.KindDifficulty {
		return
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, a.cat.Field("followups")+":")
	if len(s.Thread) == 0 {
		fmt.Fprintln(w, "  "+a.cat.T(i18n.TalkNoThread))
	}
	for _, it := range s.Thread {
		who := a.cat.T(i18n.TalkFromOfficer)
		if it.From == record.FromHQ {
			who = a.cat.T(i18n.TalkFromHQ)
			if it.Author != "" {
				who = vntext.ForTerminal(it.Author)
			}
		}
		var parts []string
		if it.Resolved {
			parts = append(parts, a.cat.T(i18n.TalkResolved))
		}
		if it.Status != "" {
			label := it.Status
			if t, ok := domain.Find(domain.Statuses(), it.Status); ok {
				label = a.cat.Term(t)
			}
			parts = append(parts, a.cat.T(i18n.TalkStatusSet, label))
		}
		head := fmt.Sprintf("  [%s] %s", localTime(it.At), who)
		if len(parts) > 0 {
			head += " · " + strings.Join(parts, " · ")
		}
		fmt.Fprintln(w, head)
		if it.Text != "" {
			for _, line := range strings.Split(vntext.ForTerminal(it.Text), "\n") {
				fmt.Fprintln(w, "    "+line)
			}
		}
	}
	if s.WaitingForHQ {
		fmt.Fprintln(w, "  "+a.cat.T(i18n.TalkWaiting))
	}
}

func runNotices(ctx context.Context, a *app, fs *flag.FlagSet, args []string) error {
	asJSON := fs.Bool("json", false, a.cat.T(i18n.CLIFlagJSON))
	if err := a.parseNone(fs, args); err != nil {
		return err
	}
	st, err := a.openStore()
	if err != nil {
		return err
	}
	ns, err := st.Notices(ctx, 0)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(a.env.Stdout)
	defer out.Flush()
	if *asJSON {
		if ns == nil {
			ns = []store.Notice{}
		}
		b, err := json.Marshal(ns)
		if err != nil {
			return err
		}
		out.Write(b)
		out.WriteString("\n")
		return nil
	}
	if len(ns) == 0 {
		fmt.Fprintln(a.env.Stderr, a.cat.T(i18n.TalkNoNotices))
		return nil
	}
	for i, n := range ns {
		if i > 0 {
			fmt.Fprintln(out)
		}
		mark := " "
		if !n.Read {
			mark = "*"
		}
		fmt.Fprintf(out, "%s %s  %s\n%s\n", mark, localTime(n.At), vntext.ForTerminal(n.Title), vntext.ForTerminal(n.Text))
		if !n.Read {
			if err := st.MarkNoticeRead(n.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

func runFollowUp(a *app, fs *flag.FlagSet, args []string, verb, flagName string, usage i18n.Key, resolved bool) error {
	text := fs.String(flagName, "", a.cat.T(usage))
	id, err := a.idArg(fs, args, verb)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*text) == "" {
		return &usageError{a.cat.T(i18n.CLINeedFlag, "--"+flagName)}
	}
	st, err := a.openStore()
	if err != nil {
		return err
	}
	var r record.Record
	if resolved {
		r, err = st.Resolve(id, *text)
	} else {
		r, err = st.AddFollowUp(id, *text)
	}
	if err != nil {
		return err
	}
	key := i18n.TalkFollowUpSaved
	if resolved {
		key = i18n.TalkResolvedSaved
	}
	fmt.Fprintln(a.env.Stdout, a.cat.T(key, r.Rev))
	return nil
}

// hqReview is `sotay hq review RECORD --state has_issues|approved|reopen
// --comment …`, through the same DB.Review the workspace calls.
func (a *app) hqReview(ctx context.Context, fs *flag.FlagSet, args []string) error {
	var state, comment, author string
	choiceVar(fs, &state, "state", "", a.cat.T(i18n.HQFlagState), record.ReviewActions())
	fs.StringVar(&comment, "comment", "", a.cat.T(i18n.HQFlagComment))
	fs.StringVar(&author, "author", "Tổ công tác", a.cat.T(i18n.HQFlagAuthor))
	id, err := a.idArg(fs, args, "hq review")
	if err != nil {
		return err
	}
	if state == "" {
		return &usageError{a.cat.T(i18n.CLINeedFlag, "--state")}
	}
	adm, err := a.admin()
	if err != nil {
		return err
	}
	ev, err := adm.Review(ctx, id, state, comment, author)
	if err != nil {
		return err
	}
	fmt.Fprintln(a.env.Stdout, a.cat.T(i18n.TalkReviewed, a.cat.ReviewState(ev.Review.State)))
	return nil
}

// hqThread is `sotay hq thread RECORD [--json]`: the record as HQ holds
// it, with its review and, for a difficulty, the thread in its one order.
func (a *app) hqThread(ctx context.Context, fs *flag.FlagSet, args []string) error {
	asJSON := fs.Bool("json", false, a.cat.T(i18n.CLIFlagJSON))
	id, err := a.idArg(fs, args, "hq thread")
	if err != nil {
		return err
	}
	adm, err := a.admin()
	if err != nil {
		return err
	}
	tv, err := adm.Thread(ctx, id)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(a.env.Stdout)
	defer out.Flush()
	if *asJSON {
		b, err := json.Marshal(tv)
		if err != nil {
			return err
		}
		out.Write(b)
		out.WriteString("\n")
		return nil
	}
	r := tv.Record
	at := tv.Received
	s := shown{Review: tv.Review, ReceivedAt: &at, Thread: tv.Thread, WaitingForHQ: r.Kind == record.KindDifficulty && r.WaitingForHQ()}
	a.writeRecordText(out, r, s)
	return nil
}
