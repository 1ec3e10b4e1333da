package report

import (
	"fmt"
	"strconv"
	"strings"

	"sotay/domain"
	"sotay/i18n"
	"sotay/vntext"
)

// The writers share one layout of the body: the report turned into blocks
// once, in Vietnamese, then rendered as Markdown or WordprocessingML. What
// is said and in what order is decided here only.

type blockKind int

const (
	blockSection blockKind = iota // I. TÌNH HÌNH CHUNG
	blockHeading                  // 1. Làm việc với cơ sở
	blockPara                     // a paragraph
	blockBullet                   // a list item
	blockSub                      // a line under a list item
	blockNote                     // a remark, in italics
	blockTable                    // rows[0] is the header; a last row in bold when total is set
)

type block struct {
	kind blockKind
	text string
	rows [][]string
	num  []bool // numeric columns of a table, aligned right
	// weights share the page's width among a table's columns.
	weights []int
	total   bool // the last row of a table is a total
}

// periodPhrase names the period inside a sentence: "tuần từ ngày 02/02/2026
// đến ngày 08/02/2026", "tháng 02 năm 2026".
func periodPhrase(p Period) string {
	vi := i18n.New(i18n.VI)
	switch p.Kind {
	case PeriodWeek:
		return vi.T(i18n.ReportPeriodWeek, vntext.FormatDate(p.FromDate()), vntext.FormatDate(p.ToDate()))
	case PeriodMonth:
		m := strconv.Itoa(int(p.From.Month()))
		if p.From.Month() <= 2 {
			m = fmt.Sprintf("%02d", p.From.Month())
		}
		return vi.T(i18n.ReportPeriodMonth, m, p.From.Year())
	}
	return vi.T(i18n.ReportPeriodRange, vntext.FormatDate(p.FromDate()), vntext.FormatDate(p.ToDate()))
}

// summaryLines are the lines under "BÁO CÁO": what the report is about and
// its period in brackets.
func (r *Report) summaryLines() []string {
	vi := i18n.New(i18n.VI)
	return []string{vi.T(i18n.ReportSummary, provinceTitle(r.Officer.Province)), "(" + capitalize(periodPhrase(r.Period)) + ")"}
}

// numberLine is "Số:      /BC-TCTBP": the number is left blank for the
// clerk who registers the document.
func (r *Report) numberLine() string {
	return i18n.New(i18n.VI).T(i18n.ReportNumber, r.Header.Code)
}

// dateLine is "Tuyên Quang, ngày 05 tháng 02 năm 2026".
func (r *Report) dateLine() string { return vntext.DateLine(r.Header.Place, r.Date) }

func capitalize(s string) string {
	for i, c := range s {
		return strings.ToUpper(string(c)) + s[i+len(string(c)):]
	}
	return s
}

// body is sections I–VI.
func (r *Report) body() []block {
	vi := i18n.New(i18n.VI)
	var b []block
	add := func(k blockKind, text string) { b = append(b, block{kind: k, text: text}) }
	period, place := periodPhrase(r.Period), provinceTitle(r.Officer.Province)
	L, T, D := &r.Logs, &r.Training, &r.Difficulties

	add(blockSection, vi.T(i18n.ReportSection1))
	if L.Sessions+T.Sessions+D.Total == 0 {
		add(blockPara, vi.T(i18n.ReportOverviewEmpty, period, place))
	} else {
		add(blockPara, vi.T(i18n.ReportOverview, place, period, r.doneInPeriod()))
	}

	add(blockSection, vi.T(i18n.ReportSection2))
	add(blockHeading, vi.T(i18n.ReportWorkHeading))
	if L.Sessions == 0 {
		add(blockPara, vi.T(i18n.ReportWorkEmpty))
	} else {
		add(blockPara, vi.T(i18n.ReportWorkTotal, L.Sessions, L.Communes))
		t := block{kind: blockTable, num: []bool{false, true, true}, weights: []int{6, 2, 2}, total: true}
		t.rows = append(t.rows, []string{vi.T(i18n.ReportColActivity), vi.T(i18n.ReportColSessions), vi.T(i18n.ReportColCommunes)})
		for _, a := range L.ByActivity {
			t.rows = append(t.rows, []string{a.Activity.VI, strconv.Itoa(a.Sessions), strconv.Itoa(a.Communes)})
		}
		t.rows = append(t.rows, []string{vi.T(i18n.ReportColTotal), strconv.Itoa(L.Sessions), strconv.Itoa(L.Communes)})
		b = append(b, t)
		names := make([]string, len(L.ByCommune))
		for i, c := range L.ByCommune {
			names[i] = vi.T(i18n.ReportWorkCommuneN, c.Label, c.N)
		}
		add(blockPara, vi.T(i18n.ReportWorkCommunes, strings.Join(names, "; ")))
		add(blockPara, vi.T(i18n.ReportWorkDetails))
		for _, it := range L.Items {
			add(blockBullet, vi.T(i18n.ReportWorkItem, vntext.FormatDate(it.Date), it.Commune, it.Activity, it.Content))
			if it.Results != "" {
				add(blockSub, vi.T(i18n.ReportWorkResult, it.Results))
			}
		}
		if L.More > 0 {
			add(blockNote, vi.T(i18n.ReportMoreItems, len(L.Items), L.More))
		}
	}

	add(blockHeading, vi.T(i18n.ReportTrainHeading))
	if T.Sessions == 0 {
		add(blockPara, vi.T(i18n.ReportTrainEmpty))
	} else {
		s := vi.T(i18n.ReportTrainTotal, T.Sessions, T.Communes, T.Participants)
		if T.Women > 0 && T.Participants > 0 {
			s += vi.T(i18n.ReportTrainWomen, T.Women, decimal(100*float64(T.Women)/float64(T.Participants)))
		}
		if T.Hours > 0 {
			s += vi.T(i18n.ReportTrainHours, decimal(T.Hours))
		}
		add(blockPara, s+".")
		t := block{kind: blockTable, num: []bool{false, false, false, false, true, true}, weights: []int{15, 20, 30, 20, 9, 8}, total: true}
		t.rows = append(t.rows, []string{vi.T(i18n.ReportColDate), vi.T(i18n.ReportColPlace), vi.T(i18n.ReportColTopic),
			vi.T(i18n.ReportColAudience), vi.T(i18n.ReportColPeople), vi.T(i18n.ReportColWomen)})
		for _, it := range T.Items {
			t.rows = append(t.rows, []string{vntext.FormatDate(it.Date), it.Commune, it.Topic, it.Audience,
				strconv.Itoa(it.Participants), strconv.Itoa(it.Women)})
		}
		t.rows = append(t.rows, []string{vi.T(i18n.ReportColTotal), "", "", "", strconv.Itoa(T.Participants), strconv.Itoa(T.Women)})
		b = append(b, t)
		if T.More > 0 {
			add(blockNote, vi.T(i18n.ReportMoreItems, len(T.Items), T.More))
		}
	}

	add(blockSection, vi.T(i18n.ReportSection3))
	if D.Total == 0 {
		add(blockPara, vi.T(i18n.ReportDiffEmpty))
	} else {
		add(blockPara, vi.T(i18n.ReportDiffOverview, D.Total, D.ByOutcome[OutcomeResolvedOnSite],
			D.ByOutcome[OutcomeAnswered], D.ByOutcome[OutcomeEscalated]))
		add(blockHeading, vi.T(i18n.ReportDiffByCategory))
		t := block{kind: blockTable, num: []bool{false, true, true, true, true, true}, weights: []int{35, 11, 14, 10, 12, 14}, total: true}
		head := []string{vi.T(i18n.ReportColCategory)}
		for _, s := range domain.Severities() {
			head = append(head, s.VI)
		}
		t.rows = append(t.rows, append(head, vi.T(i18n.ReportColTotal)))
		for _, c := range D.ByCategory {
			row := []string{c.Category.VI}
			for _, n := range c.BySeverity {
				row = append(row, strconv.Itoa(n))
			}
			t.rows = append(t.rows, append(row, strconv.Itoa(c.Total)))
		}
		row := []string{vi.T(i18n.ReportColTotal)}
		for _, n := range D.BySeverity {
			row = append(row, strconv.Itoa(n))
		}
		t.rows = append(t.rows, append(row, strconv.Itoa(D.Total)))
		b = append(b, t)

		add(blockHeading, vi.T(i18n.ReportDiffDetails))
		for _, g := range []struct {
			o     Outcome
			title i18n.Key
		}{{OutcomeResolvedOnSite, i18n.ReportOutcomeOnSite}, {OutcomeAnswered, i18n.ReportOutcomeHQ}, {OutcomeEscalated, i18n.ReportOutcomeWaiting}} {
			if D.ByOutcome[g.o] == 0 {
				continue
			}
			add(blockPara, vi.T(g.title)+fmt.Sprintf(" (%d):", D.ByOutcome[g.o]))
			for _, it := range D.Items {
				if it.Outcome != g.o {
					continue
				}
				add(blockBullet, vi.T(i18n.ReportDiffItem, vntext.FormatDate(it.Date), it.Commune, it.Title,
					it.Category.VI, lower(it.Severity.VI), lower(it.Status.VI)))
				if it.Proposal != "" {
					add(blockSub, vi.T(i18n.ReportDiffProposal, it.Proposal))
				}
				for _, tl := range it.Thread {
					at := vntext.FormatDate(tl.At.Format(vntext.DateLayout))
					switch {
					case tl.Resolved:
						add(blockSub, vi.T(i18n.ReportDiffResolved, at, oneLine(tl.Text)))
					case tl.Officer:
						add(blockSub, vi.T(i18n.ReportDiffFollowUp, at, oneLine(tl.Text)))
					case tl.By != "":
						add(blockSub, vi.T(i18n.ReportDiffAnswerBy, at, tl.By, oneLine(tl.Text)))
					default:
						add(blockSub, vi.T(i18n.ReportDiffAnswer, at, oneLine(tl.Text)))
					}
				}
				if it.Answer != "" && len(it.Thread) == 0 {
					at := vntext.FormatDate(it.AnswerAt.Format(vntext.DateLayout))
					if it.AnswerBy != "" {
						add(blockSub, vi.T(i18n.ReportDiffAnswerBy, at, it.AnswerBy, oneLine(it.Answer)))
					} else {
						add(blockSub, vi.T(i18n.ReportDiffAnswer, at, oneLine(it.Answer)))
					}
				}
			}
		}
		if D.More > 0 {
			add(blockNote, vi.T(i18n.ReportMoreItems, len(D.Items), D.More))
		}
	}

	free := func(section i18n.Key, text string, empty i18n.Key) {
		add(blockSection, vi.T(section))
		lines := textLines(text)
		if len(lines) == 0 {
			add(blockPara, vi.T(empty))
		}
		for _, l := range lines {
			if item, ok := strings.CutPrefix(l, "- "); ok {
				add(blockBullet, strings.TrimSpace(item))
			} else {
				add(blockPara, l)
			}
		}
	}
	free(i18n.ReportSection4, r.Text.Assessment, i18n.ReportAssessmentEmpty)
	free(i18n.ReportSection5, r.Text.Proposals, i18n.ReportProposalsEmpty)
	free(i18n.ReportSection6, r.Text.NextTasks, i18n.ReportNextTasksEmpty)
	return b
}

// textLines are the non-blank lines of the officer's text, cleaned.
func textLines(s string) []string {
	var out []string
	for _, l := range strings.Split(vntext.Clean(s), "\n") {
		if l = strings.TrimSpace(strings.ReplaceAll(l, "\t", " ")); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func lower(s string) string { return strings.ToLower(s) }

// decimal writes a number the Vietnamese way: a comma before the decimals,
// at most one of them.
func decimal(f float64) string {
	s := strconv.FormatFloat(f, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	return strings.Replace(s, ".", ",", 1)
}

// doneInPeriod says what was done, leaving out what was not: "thực hiện 4
// buổi làm việc tại 3 xã, phường; ghi nhận 2 khó khăn, vướng mắc".
func (r *Report) doneInPeriod() string {
	vi := i18n.New(i18n.VI)
	var parts []string
	if n := r.Logs.Sessions; n > 0 {
		parts = append(parts, vi.T(i18n.ReportPartLogs, n, r.Logs.Communes))
	}
	if n := r.Training.Sessions; n > 0 {
		parts = append(parts, vi.T(i18n.ReportPartTrainings, n, r.Training.Participants))
	}
	if n := r.Difficulties.Total; n > 0 {
		parts = append(parts, vi.T(i18n.ReportPartDiffs, n))
	}
	return strings.Join(parts, "; ")
}
