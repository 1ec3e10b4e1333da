package web

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"sotay/hq"
	"sotay/i18n"
	"sotay/record"
	"sotay/vntext"
)

// exportColumns are the fields of a kind's export, after the envelope.
func exportColumns(k record.Kind) []string {
	switch k {
	case record.KindLog:
		return []string{"activity", "content", "results", "next_steps", "partners"}
	case record.KindTraining:
		return []string{"topic", "audience", "participants", "women", "trainers", "hours", "notes"}
	}
	return []string{"category", "severity", "title", "description", "proposal", "status", "responses"}
}

func exportHeader(cat i18n.Catalog, k record.Kind) []string {
	h := []string{"id", cat.T("web.col.officer"), cat.Field("province"), cat.Field("date"), cat.Field("commune")}
	for _, f := range exportColumns(k) {
		h = append(h, cat.Field(f))
	}
	h = append(h, cat.T("web.col.review"))
	if k == record.KindDifficulty {
		h = append(h, cat.T("web.col.followups"), cat.T("web.col.last_followup"), cat.T("web.col.resolved"))
	}
	return append(h, cat.Field("attachments"), cat.T("web.col.received"))
}

func exportRow(p page, names map[string]string, row hq.RecordRow) []any {
	r := &row.Record
	out := []any{r.ID, names[row.Officer], p.Province(row.Province), r.Date, r.Commune}
	switch r.Kind {
	case record.KindLog:
		out = append(out, p.Activity(r.Activity), r.Content, r.Results, r.NextSteps, r.Partners)
	case record.KindTraining:
		out = append(out, r.Topic, r.Audience, r.Participants, hq.Optional(r.Women), r.Trainers, hq.Optional(r.Hours), r.Notes)
	default:
		last := ""
		if n := len(r.Responses); n > 0 {
			last = r.Responses[n-1].Text
		}
		out = append(out, p.Category(r.Category), p.Severity(r.Severity), r.Title, r.Description, r.Proposal,
			p.Status(r.Status), last)
	}
	review := ""
	if row.Review != nil {
		review = p.Cat.ReviewState(row.Review.State)
	}
	out = append(out, review)
	if r.Kind == record.KindDifficulty {
		latest, resolved := "", ""
		if n := len(r.FollowUps); n > 0 {
			latest = r.FollowUps[n-1].Text
		}
		if fu, ok := r.ResolvedOnSite(); ok {
			resolved = fu.Text
		}
		out = append(out, len(r.FollowUps), latest, resolved)
	}
	return append(out, fileNames(r), row.Received.In(hcm).Format("2006-01-02 15:04"))
}

// export streams exactly what the list's filter shows (the reader's role
// confining it as it confines the list), as CSV or xlsx, one record in
// memory at a time. It is audited with the filter.
func (s *Server) export(w http.ResponseWriter, r *http.Request, c *ctx) {
	f, err := parseFilter(r.URL.Query(), "")
	if err != nil || f.Kind == "" {
		s.fail(w, r, c, http.StatusBadRequest, "web.err.bad_filter")
		return
	}
	format := r.URL.Query().Get("format")
	if format != "csv" && format != "xlsx" {
		s.fail(w, r, c, http.StatusBadRequest, "web.err.bad_filter")
		return
	}
	_, names, err := s.visibleOfficers(c.User)
	if err != nil {
		s.fail(w, r, c, http.StatusInternalServerError, "web.err.internal")
		return
	}
	if err := c.act.AddAudit("export", format, f.describe()); err != nil {
		s.fail(w, r, c, http.StatusInternalServerError, "web.err.internal")
		return
	}
	p := page{Cat: c.Cat}
	name := fmt.Sprintf("sotay-%s-%s.%s", f.Kind, s.opt.Now().In(hcm).Format("2006-01-02"), format)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	each := func(fn func([]any) error) error {
		return s.st.EachMatching(r.Context(), f.record(c.User, s.opt.Now()), func(row hq.RecordRow) error {
			return fn(exportRow(p, names, row))
		})
	}
	header := exportHeader(c.Cat, f.Kind)
	if format == "csv" {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		err = writeCSV(w, header, each)
	} else {
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		err = writeXLSX(w, c.Cat.Kind(f.Kind), header, each)
	}
	if err != nil {
		// The headers are gone: all that is left is to cut the download
		// short, which the browser shows as failed.
		s.log.Error("export", "err", err)
		panic(http.ErrAbortHandler)
	}
}

func cellText(v any) string {
	switch x := v.(type) {
	case nil: // a number not recorded (hq.Optional)
		return ""
	case string:
		return vntext.ForCSV(x)
	case int:
		return strconv.Itoa(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case time.Time:
		return x.Format(time.RFC3339)
	}
	return vntext.ForCSV(fmt.Sprint(v))
}

// writeCSV writes UTF-8 with a byte-order mark, so Excel reads the
// Vietnamese right; every text cell passes the formula guard.
func writeCSV(w io.Writer, header []string, each func(func([]any) error) error) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("\ufeff")
	cw := csv.NewWriter(bw)
	if err := cw.Write(header); err != nil {
		return err
	}
	rec := make([]string, 0, len(header))
	err := each(func(row []any) error {
		rec = rec[:0]
		for _, v := range row {
			rec = append(rec, cellText(v))
		}
		return cw.Write(rec)
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

// writeXLSX streams rows into one sheet as they come (xlsx.go): memory
// stays the same whatever the number of rows.
func writeXLSX(w io.Writer, sheet string, header []string, each func(func([]any) error) error) error {
	x, err := newXLSXStream(w, sheet, header)
	if err != nil {
		return err
	}
	if err := each(x.Row); err != nil {
		return err
	}
	return x.Close()
}
