package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"sotay/i18n"
	"sotay/record"
	"sotay/sheetimport"
	"sotay/vntext"
)

func importCommand() command {
	return command{name: "import", summary: i18n.CLICmdImport, run: runImport}
}

// previewRows is how many of the records to create import shows.
const previewRows = 10

// runImport reads a .csv or .xlsx of old logs (see sheetimport), shows
// what it would create and every bad row's problems, and imports the valid
// rows through the store's batched import: all or nothing unless
// --skip-invalid. Rows already imported are skipped.
func runImport(ctx context.Context, a *app, fs *flag.FlagSet, args []string) error {
	var kind string
	var maps repeatFlag
	choiceVar(fs, &kind, "kind", "", a.cat.T(i18n.CLIFlagImportKind), kindNames())
	fs.Var(&maps, "map", a.cat.T(i18n.CLIFlagImportMap))
	dryRun := fs.Bool("dry-run", false, a.cat.T(i18n.CLIFlagDryRun))
	skipInvalid := fs.Bool("skip-invalid", false, a.cat.T(i18n.CLIFlagSkipInvalid))
	fs.Usage = func() { fmt.Fprintf(a.env.Stdout, "%s\n\n", a.cat.T(i18n.CLIImportUsage)) }
	rest, err := a.parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return &usageError{a.cat.T(i18n.CLIImportNeedFile)}
	}
	file := rest[0]
	colMap := map[string]string{}
	for _, m := range maps {
		col, field, ok := strings.Cut(m, "=")
		name, valid := sheetimport.ValidField(field)
		if !ok || strings.TrimSpace(col) == "" || !valid {
			return &usageError{a.cat.T(i18n.CLIImportBadMap, m)}
		}
		colMap[strings.TrimSpace(col)] = name
	}
	st, err := a.openStore()
	if err != nil {
		return err
	}
	if _, err := st.Profile(); err != nil {
		return err
	}
	seed, err := sheetimport.Seed(st, !*dryRun)
	if err != nil {
		return err
	}
	opt := sheetimport.Options{Kind: record.Kind(kind), Map: colMap, Seed: seed, Now: a.env.Now(),
		Progress: a.progress(i18n.CLIImportReading)}
	plan, err := sheetimport.ReadFile(file, opt)
	switch {
	case errors.Is(err, sheetimport.ErrFormat):
		return &usageError{a.cat.T(i18n.CLIImportFormat, file)}
	case errors.Is(err, sheetimport.ErrNoKind):
		return &usageError{a.cat.T(i18n.CLIImportNoKind)}
	case errors.Is(err, sheetimport.ErrNoColumns):
		return fail(i18n.CLIImportNoColumns, file)
	case errors.Is(err, sheetimport.ErrEmpty):
		return fail(i18n.CLIImportEmpty, file)
	case errors.Is(err, sheetimport.ErrTooMany):
		return fail(i18n.CLIImportTooMany, sheetimport.MaxRows)
	case err != nil:
		return err
	}
	ids := make([]string, len(plan.Records))
	for i, r := range plan.Records {
		ids[i] = r.ID
	}
	held, err := st.Held(ids)
	if err != nil {
		return err
	}
	fresh := plan.Records[:0:0]
	var freshRows []int
	for i, r := range plan.Records {
		if !held[r.ID] {
			fresh = append(fresh, r)
			freshRows = append(freshRows, plan.Rows[i])
		}
	}
	a.writePlan(plan, fresh, freshRows, len(plan.Records)-len(fresh))
	if plan.BadRows > 0 && !*skipInvalid {
		return fail(i18n.CLIImportRefused, plan.BadRows)
	}
	if *dryRun {
		fmt.Fprintln(a.env.Stdout, a.cat.T(i18n.CLIImportDryRun))
		return nil
	}
	if len(fresh) == 0 {
		fmt.Fprintln(a.env.Stdout, a.cat.T(i18n.CLIImportNothing))
		return nil
	}
	saving := a.progress(i18n.CLIImportSaving)
	if err := st.Import(ctx, fresh, func(done int) { saving(done, len(fresh)) }); err != nil {
		return err
	}
	fmt.Fprintln(a.env.Stdout, a.cat.T(i18n.CLIImportDone, len(fresh)))
	return nil
}

// progress reports long work on stderr, every thousand items, only for
// work of more than a thousand.
func (a *app) progress(key i18n.Key) func(done, total int) {
	return func(done, total int) {
		if total > 1000 && (done%1000 == 0 || done == total) {
			fmt.Fprintln(a.env.Stderr, a.cat.T(key, done, total))
		}
	}
}

// writePlan prints what import found: every bad row's problems by row and
// column, repeated rows, the first records it would create, and the counts.
func (a *app) writePlan(p *sheetimport.Plan, fresh []record.Record, rows []int, held int) {
	w := a.env.Stdout
	for _, pr := range p.Problems {
		col := pr.Column
		if col == "" {
			col = "—"
		}
		fmt.Fprintln(w, a.cat.T(i18n.CLIImportProblem, pr.Row, col, a.cat.Problem(pr.Field)))
	}
	for _, rep := range p.Repeats {
		fmt.Fprintln(w, a.cat.T(i18n.CLIImportRepeat, rep[0], rep[1]))
	}
	if len(fresh) > 0 {
		fmt.Fprintln(w, a.cat.T(i18n.CLIImportPreview))
	}
	for i, r := range fresh[:min(len(fresh), previewRows)] {
		fmt.Fprintf(w, "  %s %-6d %s  %s  %s  %s\n", a.cat.T(i18n.CLIImportRowWord), rows[i], a.cat.Kind(r.Kind),
			vntext.FormatDate(r.Date), clip(r.Commune, 24), clip(oneLine(r.Summary()), 50))
	}
	if len(fresh) > previewRows {
		fmt.Fprintln(w, "  "+a.cat.T(i18n.CLIImportMore, len(fresh)-previewRows))
	}
	fmt.Fprintln(w, a.cat.T(i18n.CLIImportSummary, p.Total, len(fresh), held, len(p.Repeats), p.BadRows))
}

func kindNames() []string {
	var out []string
	for _, k := range record.Kinds() {
		out = append(out, string(k))
	}
	return out
}

func fail(key i18n.Key, args ...any) error { return &failure{key, args} }
