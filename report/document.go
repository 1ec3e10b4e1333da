package report

import (
	"fmt"
	"strconv"
	"strings"

	"sotay/domain"
	"sotay/i18n"
	"sotay/report/decree30"
	"sotay/vntext"
)

// The writers share one layout of the body: the report turned into blocks
// of a decree30.Document once, in Vietnamese, then rendered as Markdown,
// WordprocessingML or text. What is said and in what order is decided here
// only.

type block = decree30.Block

const (
	blockSection = decree30.Section
	blockHeading = decree30.Heading
	blockPara    = decree30.Para
	blockBullet  = decree30.Bullet
	blockSub     = decree30.Sub
	blockNote    = decree30.Note
	blockTable   = decree30.Table
)

// periodPhrase names the period inside a sentence.
func periodPhrase(p Period) string { return decree30.PeriodPhrase(p) }

// Document is the report laid out for the writers.
func (r *Report) Document() *decree30.Document {
	return &decree30.Document{
		Header: decree30.Header{Parent: r.Header.Parent, Issuer: r.Header.Issuer, Code: r.Header.Code,
			Place: r.Header.Place, SignerTitle: r.Header.SignerTitle, Recipients: r.Header.Recipients},
		Date: r.Date, Summary: r.summaryLines(), Body: r.body(), Signer: r.Officer.Name,
	}
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
	return (&decree30.Document{Header: decree30.Header{Code: r.Header.Code}}).NumberLine()
}

// dateLine is "Tuyên Quang, ngày 05 tháng 02 năm 2026".
func (r *Report) dateLine() string { return vntext.DateLine(r.Header.Place, r.Date) }

func capitalize(s string) string { return decree30.Capitalize(s) }

// body is sections I–VI.
func (r *Report) body() []block {
	vi := i18n.New(i18n.VI)
	var b []block
	add := func(k decree30.BlockKind, text string) { b = append(b, block{Kind: k, Text: text}) }
	during, place := decree30.DuringPhrase(r.Period), provinceTitle(r.Officer.Province)
	L, T, D := &r.Logs, &r.Training, &r.Difficulties

	add(blockSection, vi.T(i18n.ReportSection1))
	if L.Sessions+T.Sessions+D.Total == 0 {
		add(blockPara, decree30.Capitalize(vi.T(i18n.ReportOverviewEmpty, during, place)))
	} else {
		add(blockPara, vi.T(i18n.ReportOverview, place, during, r.doneInPeriod()))
	}

	add(blockSection, vi.T(i18n.ReportSection2))
	add(blockHeading, vi.T(i18n.ReportWorkHeading))
	if L.Sessions == 0 {
		add(blockPara, vi.T(i18n.ReportWorkEmpty))
	} else {
		add(blockPara, vi.T(i18n.ReportWorkTotal, L.Sessions, L.Communes))
		t := block{Kind: blockTable, Num: []bool{false, true, true}, Weights: []int{6, 2, 2}, Total: true}
		t.Rows = append(t.Rows, []string{vi.T(i18n.ReportColActivity), vi.T(i18n.ReportColSessions), vi.T(i18n.ReportColCommunes)})
		for _, a := range L.ByActivity {
			t.Rows = append(t.Rows, []string{a.Activity.VI, strconv.Itoa(a.Sessions), strconv.Itoa(a.Communes)})
		}
		t.Rows = append(t.Rows, []string{vi.T(i18n.ReportColTotal), strconv.Itoa(L.Sessions), strconv.Itoa(L.Communes)})
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
		switch {
		case T.NoWomen == T.Sessions:
			s += vi.T(i18n.ReportTrainWomenNone)
		case T.NoWomen > 0:
			s += vi.T(i18n.ReportTrainWomenSome, T.Women, T.NoWomen)
		case T.Participants > 0:
			s += vi.T(i18n.ReportTrainWomen, T.Women, decimal(100*float64(T.Women)/float64(T.Participants)))
		}
		switch {
		case T.NoHours == T.Sessions:
			s += vi.T(i18n.ReportTrainHoursNone)
		case T.NoHours > 0:
			s += vi.T(i18n.ReportTrainHoursSome, decimal(T.Hours), T.NoHours)
		default:
			s += vi.T(i18n.ReportTrainHours, decimal(T.Hours))
		}
		add(blockPara, s+".")
		t := block{Kind: blockTable, Num: []bool{false, false, false, false, true, true}, Weights: []int{15, 20, 30, 20, 9, 8}, Total: true}
		t.Rows = append(t.Rows, []string{vi.T(i18n.ReportColDate), vi.T(i18n.ReportColPlace), vi.T(i18n.ReportColTopic),
			vi.T(i18n.ReportColAudience), vi.T(i18n.ReportColPeople), vi.T(i18n.ReportColWomen)})
		for _, it := range T.Items {
			t.Rows = append(t.Rows, []string{vntext.FormatDate(it.Date), it.Commune, it.Topic, it.Audience,
				strconv.Itoa(it.Participants), countOrBlank(it.Women)})
		}
		t.Rows = append(t.Rows, []string{vi.T(i18n.ReportColTotal), "", "", "", strconv.Itoa(T.Participants), totalOrBlank(T.Women, T.NoWomen < T.Sessions)})
		b = append(b, t)
		for _, it := range T.Items {
			if len(it.Files) > 0 {
				add(blockBullet, vi.T(i18n.ReportTrainFiles, vntext.FormatDate(it.Date), it.Topic, strings.Join(it.Files, "; ")))
			}
		}
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
		t := block{Kind: blockTable, Num: []bool{false, true, true, true, true, true}, Weights: []int{35, 11, 14, 10, 12, 14}, Total: true}
		head := []string{vi.T(i18n.ReportColCategory)}
		for _, s := range domain.Severities() {
			head = append(head, s.VI)
		}
		t.Rows = append(t.Rows, append(head, vi.T(i18n.ReportColTotal)))
		for _, c := range D.ByCategory {
			row := []string{c.Category.VI}
			for _, n := range c.BySeverity {
				row = append(row, strconv.Itoa(n))
			}
			t.Rows = append(t.Rows, append(row, strconv.Itoa(c.Total)))
		}
		row := []string{vi.T(i18n.ReportColTotal)}
		for _, n := range D.BySeverity {
			row = append(row, strconv.Itoa(n))
		}
		t.Rows = append(t.Rows, append(row, strconv.Itoa(D.Total)))
		b = append(b, t)

		add(blockHeading, vi.T(i18n.ReportDiffDetails))
		letter := 'a' // the groups shown are lettered a), b), … in turn
		for _, g := range []struct {
			o     Outcome
			title i18n.Key
		}{{OutcomeResolvedOnSite, i18n.ReportOutcomeOnSite}, {OutcomeAnswered, i18n.ReportOutcomeHQ}, {OutcomeEscalated, i18n.ReportOutcomeWaiting}} {
			if D.ByOutcome[g.o] == 0 {
				continue
			}
			add(blockPara, fmt.Sprintf("%c) %s (%d):", letter, vi.T(g.title), D.ByOutcome[g.o]))
			letter++
			for _, it := range D.Items {
				if it.Outcome != g.o {
					continue
				}
				add(blockBullet, vi.T(i18n.ReportDiffItem, vntext.FormatDate(it.Date), it.Commune, it.Title,
					it.Category.VI, lower(it.Severity.VI), lower(it.Status.VI)))
				if it.Proposal != "" {
					add(blockSub, vi.T(i18n.ReportDiffProposal, it.Proposal))
				}
				if len(it.Files) > 0 {
					add(blockSub, vi.T(i18n.ReportFiles, strings.Join(it.Files, "; ")))
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
		lines := decree30.Lines(text)
		if len(lines) == 0 {
			add(blockPara, vi.T(empty))
		}
		b = append(b, lines...)
	}
	free(i18n.ReportSection4, r.Text.Assessment, i18n.ReportAssessmentEmpty)
	free(i18n.ReportSection5, r.Text.Proposals, i18n.ReportProposalsEmpty)
	free(i18n.ReportSection6, r.Text.NextTasks, i18n.ReportNextTasksEmpty)
	return b
}

func lower(s string) string { return strings.ToLower(s) }

// decimal writes a number the Vietnamese way: a comma before the decimals,
// at most one of them.
func decimal(f float64) string { return decree30.Decimal(f) }

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

// countOrBlank writes a count that may be unrecorded (nil): blank; a
// recorded 0 is "0".
func countOrBlank(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

// totalOrBlank is a column's total, blank when no row has a number.
func totalOrBlank(n int, any bool) string {
	if !any {
		return ""
	}
	return strconv.Itoa(n)
}
