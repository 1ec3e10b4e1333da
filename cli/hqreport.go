package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"sotay/atomicfile"
	"sotay/hq"
	"sotay/i18n"
	"sotay/vntext"
)

// hqReport writes the working group's report: `sotay hq report
// --week|--month [--format md|docx] [-o FILE]`, through the running
// server's admin socket or from the database directly.
func (a *app) hqReport(ctx context.Context, fs *flag.FlagSet, args []string) error {
	var week, month optionalValue
	var format, out, signer, assessment, proposals, nextTasks string
	var resetText bool
	fs.Var(&week, "week", a.cat.T(i18n.CLIFlagWeek))
	fs.Var(&month, "month", a.cat.T(i18n.CLIFlagMonth))
	choiceVar(fs, &format, "format", "md", a.cat.T(i18n.CLIFlagReportFormat), []string{"md", "markdown", "docx"})
	fs.StringVar(&out, "o", "", a.cat.T(i18n.CLIFlagReportOut))
	fs.StringVar(&signer, "signer", "", a.cat.T(i18n.CLIFlagWGSigner))
	fs.StringVar(&assessment, "assessment", "", a.cat.T(i18n.CLIFlagAssessment))
	fs.StringVar(&proposals, "proposals", "", a.cat.T(i18n.CLIFlagProposals))
	fs.StringVar(&nextTasks, "next-tasks", "", a.cat.T(i18n.CLIFlagNextTasks))
	fs.BoolVar(&resetText, "reset-text", false, a.cat.T(i18n.CLIFlagResetText))
	fs.Usage = func() { fmt.Fprintf(a.env.Stdout, "%s\n\n", a.cat.T(i18n.CLIHQReportUsage)) }
	rest, err := a.parse(fs, args)
	if err != nil {
		return err
	}
	period, err := a.reportPeriod(&week, &month, "", "", rest)
	if err != nil {
		return err
	}
	if format, err = a.outputFormat(fs, format, out, map[string]string{".md": "md", ".markdown": "md", ".docx": "docx"}); err != nil {
		return err
	}
	switch format {
	case "markdown":
		format = "md"
	case "md":
	case "docx":
		if out == "" {
			out = hq.WGFileName(period, "docx")
		}
	default:
		return &usageError{a.cat.T(i18n.CLIBadFormat, format, "md, docx")}
	}
	req := hq.WGReportRequest{Period: period, Format: format, Signer: vntext.Clean(signer), Reset: resetText}
	// Only the sections passed change; the others keep what was saved or
	// prefilled.
	for _, e := range []struct {
		flag string
		dst  **string
		v    *string
	}{{"assessment", &req.Edit.Assessment, &assessment}, {"proposals", &req.Edit.Proposals, &proposals},
		{"next-tasks", &req.Edit.NextTasks, &nextTasks}} {
		if flagPassed(fs, e.flag) {
			*e.dst = e.v
		}
	}

	// A report never creates HQ's database: a mistyped --data-dir must say
	// so, not print an empty report.
	dir, err := a.hqDir()
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(dir, hq.DBFile)); err != nil {
		return fmt.Errorf("HQ data: %w", err)
	}
	adm, err := a.admin()
	if err != nil {
		return err
	}
	file, err := adm.WGReport(ctx, req)
	if err != nil {
		return err
	}
	write := func(w io.Writer) error { _, err := w.Write(file); return err }
	if out == "" || out == "-" {
		return write(a.env.Stdout)
	}
	if err := atomicfile.Write(out, 0o644, write); err != nil {
		return err
	}
	if abs, err := filepath.Abs(out); err == nil {
		out = abs
	}
	fmt.Fprintln(a.env.Stderr, a.cat.T(i18n.CLIWrote, out))
	return nil
}
