package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"sotay/atomicfile"
	"sotay/i18n"
	"sotay/report"
	"sotay/vntext"
)

func reportCommand() command {
	return command{name: "report", summary: i18n.CLICmdReport, run: runReport}
}

// optionalValue is a flag that may stand alone (--week) or carry a value
// (--week=DATE, or --week DATE: the value then comes back as a positional
// argument, which runReport takes).
type optionalValue struct {
	set   bool
	value string
}

func (o *optionalValue) String() string   { return o.value }
func (o *optionalValue) IsBoolFlag() bool { return true }
func (o *optionalValue) Set(s string) error {
	o.set = true
	if s != "true" {
		o.value = s
	}
	return nil
}

// runReport builds the report of a week, a month or a range of dates and
// writes it as Markdown (to standard output unless -o) or .docx (to -o, or
// bao-cao-<period>.docx in the current directory).
func runReport(ctx context.Context, a *app, fs *flag.FlagSet, args []string) error {
	var week, month optionalValue
	var from, to, format, out, assessment, proposals, nextTasks string
	var resetText bool
	fs.Var(&week, "week", a.cat.T(i18n.CLIFlagWeek))
	fs.Var(&month, "month", a.cat.T(i18n.CLIFlagMonth))
	fs.StringVar(&from, "from", "", a.cat.T(i18n.CLIFlagFrom))
	fs.StringVar(&to, "to", "", a.cat.T(i18n.CLIFlagTo))
	choiceVar(fs, &format, "format", "md", a.cat.T(i18n.CLIFlagReportFormat), []string{"md", "markdown", "docx"})
	fs.StringVar(&out, "o", "", a.cat.T(i18n.CLIFlagReportOut))
	fs.StringVar(&assessment, "assessment", "", a.cat.T(i18n.CLIFlagAssessment))
	fs.StringVar(&proposals, "proposals", "", a.cat.T(i18n.CLIFlagProposals))
	fs.StringVar(&nextTasks, "next-tasks", "", a.cat.T(i18n.CLIFlagNextTasks))
	fs.BoolVar(&resetText, "reset-text", false, a.cat.T(i18n.CLIFlagResetText))
	// The header's settings, kept in the notebook for every later report.
	settings := []struct {
		flag, key string
		help      i18n.Key
		value     string
	}{
		{"parent", report.SettingParent, i18n.CLIFlagReportParent, ""},
		{"issuer", report.SettingIssuer, i18n.CLIFlagReportIssuer, ""},
		{"code", report.SettingCode, i18n.CLIFlagReportCode, ""},
		{"signer", report.SettingSigner, i18n.CLIFlagReportSigner, ""},
		{"recipients", report.SettingRecipients, i18n.CLIFlagReportRecipients, ""},
	}
	for i := range settings {
		fs.StringVar(&settings[i].value, settings[i].flag, "", a.cat.T(settings[i].help))
	}
	// parse prints the flags after this.
	fs.Usage = func() { fmt.Fprintf(a.env.Stdout, "%s\n\n", a.cat.T(i18n.CLIReportUsage)) }
	rest, err := a.parse(fs, args)
	if err != nil {
		return err
	}
	period, err := a.reportPeriod(&week, &month, from, to, rest)
	if err != nil {
		return err
	}
	if format, err = a.outputFormat(fs, format, out, map[string]string{".md": "md", ".markdown": "md", ".docx": "docx"}); err != nil {
		return err
	}
	var write func(io.Writer, *report.Report) error
	switch format {
	case "md", "markdown":
		write = report.WriteMarkdown
	case "docx":
		write = report.WriteDocx
		if out == "" {
			out = report.FileName(period, report.FormatDocx)
		}
	default:
		return &usageError{a.cat.T(i18n.CLIBadFormat, format, "md, docx")}
	}

	st, err := a.openStore()
	if err != nil {
		return err
	}
	for _, set := range settings {
		if !flagPassed(fs, set.flag) {
			continue
		}
		v := vntext.Clean(set.value)
		if set.flag == "recipients" {
			v = strings.Join(strings.Split(v, "|"), "\n")
		}
		if err := st.SetSetting(set.key, strings.TrimSpace(v)); err != nil {
			return err
		}
	}
	if resetText {
		if err := report.ResetText(st, period); err != nil {
			return err
		}
	}
	r, err := report.Build(ctx, st, period, a.env.Now())
	if err != nil {
		return err
	}
	edited := false
	for _, e := range []struct {
		flag string
		dst  *string
		v    string
	}{{"assessment", &r.Text.Assessment, assessment}, {"proposals", &r.Text.Proposals, proposals}, {"next-tasks", &r.Text.NextTasks, nextTasks}} {
		if flagPassed(fs, e.flag) {
			*e.dst = vntext.Clean(e.v)
			edited = true
		}
	}
	if edited {
		if err := report.SaveText(st, r); err != nil {
			return err
		}
	}
	if out == "" || out == "-" {
		return write(a.env.Stdout, r)
	}
	if err := atomicfile.Write(out, 0o644, func(w io.Writer) error { return write(w, r) }); err != nil {
		return err
	}
	if abs, err := filepath.Abs(out); err == nil {
		out = abs
	}
	fmt.Fprintln(a.env.Stderr, a.cat.T(i18n.CLIWrote, out))
	return nil
}

// reportPeriod reads the period flags: one of --week [DATE], --month
// [YYYY-MM] or --from/--to; this week when none is given.
func (a *app) reportPeriod(week, month *optionalValue, from, to string, rest []string) (report.Period, error) {
	chosen := 0
	for _, set := range []bool{week.set, month.set, from != "" || to != ""} {
		if set {
			chosen++
		}
	}
	if chosen > 1 {
		return report.Period{}, &usageError{a.cat.T(i18n.CLIReportOnePeriod)}
	}
	// "--week 2026-02-05": the value arrives as a positional argument.
	if len(rest) > 0 && (week.set && week.value == "" || month.set && month.value == "") {
		if week.set {
			week.value = rest[0]
		} else {
			month.value = rest[0]
		}
		rest = rest[1:]
	}
	if len(rest) > 0 {
		return report.Period{}, &usageError{a.cat.T(i18n.CLIUnexpectedArg, rest[0])}
	}
	now := a.env.Now()
	switch {
	case month.set:
		if month.value == "" {
			return report.Month(now.Year(), now.Month()), nil
		}
		p, err := report.ParseMonth(month.value)
		if err != nil {
			return p, &usageError{a.cat.T(i18n.CLIReportBadMonth, month.value)}
		}
		return p, nil
	case from != "" || to != "":
		if from == "" || to == "" {
			return report.Period{}, &usageError{a.cat.T(i18n.CLIReportNeedBoth)}
		}
		f, err := a.flagDate("from", from)
		if err != nil {
			return report.Period{}, err
		}
		t, err := a.flagDate("to", to)
		if err != nil {
			return report.Period{}, err
		}
		ft, _ := time.Parse(vntext.DateLayout, f)
		tt, _ := time.Parse(vntext.DateLayout, t)
		p, err := report.Range(ft, tt)
		if err != nil {
			return p, &usageError{a.cat.T(i18n.CLIReportBadRange, vntext.FormatDate(t), vntext.FormatDate(f))}
		}
		return p, nil
	}
	day := now
	if week.value != "" {
		d, err := a.flagDate("week", week.value)
		if err != nil {
			return report.Period{}, err
		}
		day, _ = time.Parse(vntext.DateLayout, d)
	}
	return report.Week(day), nil
}
