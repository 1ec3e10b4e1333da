package cli

import (
	"bufio"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"sotay/atomicfile"
	"sotay/domain"
	"sotay/i18n"
	"sotay/record"
	"sotay/store"
	"sotay/vntext"
)

func exportCommand() command {
	return command{name: "export", summary: i18n.CLICmdExport, run: runExport}
}

// runExport writes every live record, as JSON (one array) or CSV (with a
// UTF-8 byte order mark, so Excel reads the Vietnamese right).
func runExport(ctx context.Context, a *app, fs *flag.FlagSet, args []string) error {
	var format, out string
	choiceVar(fs, &format, "format", "json", a.cat.T(i18n.CLIFlagFormat), []string{"json", "csv"})
	fs.StringVar(&out, "o", "", a.cat.T(i18n.CLIFlagOut))
	if err := a.parseNone(fs, args); err != nil {
		return err
	}
	format, err := a.outputFormat(fs, format, out, map[string]string{".json": "json", ".csv": "csv"})
	if err != nil {
		return err
	}
	var write func(context.Context, *store.Store, io.Writer) error
	switch format {
	case "json":
		write = func(ctx context.Context, st *store.Store, w io.Writer) error {
			bw := bufio.NewWriter(w)
			if err := writeJSONArray(ctx, st, store.Query{}, bw); err != nil {
				return err
			}
			return bw.Flush()
		}
	case "csv":
		write = writeCSV
	default:
		return &usageError{a.cat.T(i18n.CLIBadFormat, format, "json, csv")}
	}
	st, err := a.openStore()
	if err != nil {
		return err
	}
	if out == "" || out == "-" {
		return write(ctx, st, a.env.Stdout)
	}
	if err := atomicfile.Write(out, 0o600, func(w io.Writer) error { return write(ctx, st, w) }); err != nil {
		return err
	}
	fmt.Fprintln(a.env.Stderr, a.cat.T(i18n.CLIWrote, out))
	return nil
}

// csvColumns are the envelope and the fields of every kind, each once, in
// the order of DESIGN.md.
func csvColumns() []string {
	cols := []string{"id", "kind", "rev", "deleted", "created", "updated"}
	seen := map[string]bool{}
	for _, k := range record.Kinds() {
		for _, f := range record.Fields(k) {
			if !seen[f.Name] {
				seen[f.Name] = true
				cols = append(cols, f.Name)
			}
		}
	}
	return append(cols, "responses")
}

func writeCSV(ctx context.Context, st *store.Store, w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("\uFEFF")
	cw := csv.NewWriter(bw)
	cols := csvColumns()
	if err := cw.Write(cols); err != nil {
		return err
	}
	row := make([]string, len(cols))
	err := st.Scan(ctx, store.Query{}, func(r record.Record) error {
		for i, c := range cols {
			row[i] = vntext.ForCSV(csvCell(&r, c))
		}
		return cw.Write(row)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

func csvCell(r *record.Record, col string) string {
	switch col {
	case "id":
		return r.ID
	case "kind":
		return string(r.Kind)
	case "rev":
		return strconv.FormatInt(r.Rev, 10)
	case "deleted":
		return strconv.FormatBool(r.Deleted)
	case "created":
		return r.Created.UTC().Format(time.RFC3339)
	case "updated":
		return r.Updated.UTC().Format(time.RFC3339)
	case "responses":
		var parts []string
		for _, resp := range r.Responses {
			if resp.Text == "" {
				continue // a status change alone: the status column has it
			}
			parts = append(parts, resp.At.UTC().Format(time.RFC3339)+" "+resp.Author+": "+resp.Text)
		}
		return strings.Join(parts, "\n")
	}
	if _, ok := record.FieldByName(r.Kind, col); !ok {
		return ""
	}
	return r.Value(col)
}

// provinceName is a province's name from its slug (the slug if unknown).
func (a *app) provinceName(slug string) string {
	if p, ok := domain.ProvinceBySlug(slug); ok {
		return p.Name
	}
	return slug
}
