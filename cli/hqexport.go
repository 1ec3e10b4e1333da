package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"sotay/atomicfile"
	"sotay/hq"
	"sotay/i18n"
)

// hqExport writes HQ's national roll-up: `sotay hq export --format
// csv|xlsx [--table T] [--from DATE --to DATE] [-o FILE]`. It reads the
// HQ database directly, or through the running server's admin socket.
func (a *app) hqExport(ctx context.Context, fs *flag.FlagSet, args []string) error {
	var format, table, from, to, out string
	choiceVar(fs, &format, "format", "xlsx", a.cat.T(i18n.CLIFlagRollupFormat), []string{"xlsx", "csv"})
	choiceVar(fs, &table, "table", "summary", a.cat.T(i18n.CLIFlagRollupTable, strings.Join(hq.RollupTables(), ", ")), hq.RollupTables())
	fs.StringVar(&from, "from", "", a.cat.T(i18n.CLIFlagFrom))
	fs.StringVar(&to, "to", "", a.cat.T(i18n.CLIFlagTo))
	fs.StringVar(&out, "o", "", a.cat.T(i18n.CLIFlagRollupOut))
	fs.Usage = func() { fmt.Fprintf(a.env.Stdout, "%s\n\n", a.cat.T(i18n.CLIHQExportUsage)) }
	if err := a.parseNone(fs, args); err != nil {
		return err
	}
	in := hq.Rollup{}
	var err error
	if in.From, err = a.flagDate("from", from); err != nil {
		return err
	}
	if in.To, err = a.flagDate("to", to); err != nil {
		return err
	}
	if in.From != "" && in.To != "" && in.To < in.From {
		return &usageError{a.cat.T(i18n.CLIReportBadRange, to, from)}
	}
	if format, err = a.outputFormat(fs, format, out, map[string]string{".csv": "csv", ".xlsx": "xlsx"}); err != nil {
		return err
	}
	var write func(io.Writer) error
	switch format {
	case "xlsx":
		write = func(w io.Writer) error { return hq.WriteRollupXLSX(w, in) }
		if out == "" {
			out = "tong-hop-" + a.env.Now().Format("2006-01-02") + ".xlsx"
		}
	case "csv":
		if !slices.Contains(hq.RollupTables(), table) {
			return &usageError{a.cat.T(i18n.CLIRollupBadTable, table, strings.Join(hq.RollupTables(), ", "))}
		}
		write = func(w io.Writer) error { return hq.WriteRollupCSV(w, in, table) }
	default:
		return &usageError{a.cat.T(i18n.CLIBadFormat, format, "csv, xlsx")}
	}

	dir, err := a.hqDir()
	if err != nil {
		return err
	}
	rd, closeFn, err := hq.OpenReader(dir)
	if err != nil {
		return err
	}
	a.closeFn = append(a.closeFn, func() { closeFn() })
	if in.Officers, err = rd.Officers(ctx); err != nil {
		return err
	}
	in.Records = func(fn func(hq.RecordRow) error) error { return rd.EachRecord(ctx, fn) }
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
