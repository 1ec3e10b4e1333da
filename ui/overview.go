package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"sotay/domain"
	"sotay/i18n"
	"sotay/record"
	"sotay/store"
	"sotay/vntext"
)

// overview is this week at a glance: logs by day, trainings held and their
// participants, open difficulties by status and severity, and the days
// with no log yet — drawn as bars, not only counted.
type overview struct {
	ctx    *shared
	w, h   int
	data   weekData
	pager  pager
	loaded bool
	err    error
	seq    int
}

// weekData is what the overview reads from the store.
type weekData struct {
	today        time.Time // the day it was read
	monday       time.Time
	logsByDay    [7]int
	trainings    int
	participants int
	byStatus     map[string]int // open difficulties (all time)
	bySeverity   map[string]int // open difficulties of the last 90 days
	difficulties int            // raised this week
	needFix      int            // records HQ found issues in, not yet fixed
}

// severityDays is how far back the overview counts open difficulties by
// severity: the ones an officer is still chasing.
const severityDays = 90

type overviewMsg struct {
	seq  int
	data weekData
	err  error
}

func newOverview(c *shared) *overview { return &overview{ctx: c, pager: newPager()} }

func (o *overview) SetSize(w, h int) {
	o.w, o.h = w, h
	o.pager.SetSize(w, h)
	o.layout()
}

func (o *overview) shown() tea.Cmd { return o.reload() }

func (o *overview) reload() tea.Cmd {
	o.seq++
	seq, st, today, bg := o.seq, o.ctx.st, o.ctx.today(), o.ctx.bg
	return func() tea.Msg {
		d, err := readWeek(bg, st, today)
		return overviewMsg{seq, d, err}
	}
}

// readWeek reads the week of today (Monday to Sunday) from the store. Only
// the week's records and the last 90 days' difficulties are read (each
// must be decoded to see its severity); totals and statuses come from the
// store's counters.
func readWeek(ctx context.Context, st *store.Store, today time.Time) (weekData, error) {
	wd := (int(today.Weekday()) + 6) % 7 // Monday 0
	d := weekData{today: today, monday: today.AddDate(0, 0, -wd), byStatus: map[string]int{}, bySeverity: map[string]int{}}
	from, to := d.monday.Format(vntext.DateLayout), d.monday.AddDate(0, 0, 6).Format(vntext.DateLayout)
	err := st.Scan(ctx, store.Query{Kind: record.KindLog, From: from, To: to}, func(r record.Record) error {
		if t, err := time.Parse(vntext.DateLayout, r.Date); err == nil {
			if i := int(t.Sub(d.monday).Hours() / 24); i >= 0 && i < 7 {
				d.logsByDay[i]++
			}
		}
		return nil
	})
	if err != nil {
		return d, err
	}
	err = st.Scan(ctx, store.Query{Kind: record.KindTraining, From: from, To: to}, func(r record.Record) error {
		d.trainings++
		d.participants += r.Participants
		return nil
	})
	if err != nil {
		return d, err
	}
	recent := today.AddDate(0, 0, -severityDays).Format(vntext.DateLayout)
	err = st.Scan(ctx, store.Query{Kind: record.KindDifficulty, From: recent}, func(r record.Record) error {
		if r.Date >= from && r.Date <= to {
			d.difficulties++
		}
		if record.StatusOrNew(r.Status) != record.StatusResolved {
			d.bySeverity[r.Severity]++
		}
		return nil
	})
	if err != nil {
		return d, err
	}
	fix, err := st.NeedFix()
	if err != nil {
		return d, err
	}
	d.needFix = len(fix)
	c, err := st.Counts()
	if err != nil {
		return d, err
	}
	for s, n := range c.Statuses {
		if s != "resolved" {
			d.byStatus[s] = n
		}
	}
	return d, nil
}

func (o *overview) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case overviewMsg:
		if msg.seq == o.seq {
			o.loaded, o.data, o.err = true, msg.data, msg.err
			o.layout()
		}
	case langMsg, tea.BackgroundColorMsg:
		o.layout()
	case tea.MouseWheelMsg:
		o.pager.update(msg, o.ctx.keys.Scroll)
	case changedMsg:
		return o.reload()
	case syncDoneMsg:
		if msg.res.Pulled > 0 {
			return o.reload()
		}
	case tea.KeyPressMsg:
		if key.Matches(msg, o.ctx.keys.List.New) {
			return openNewForm(o.ctx, record.KindLog)
		}
		o.pager.update(msg, o.ctx.keys.Scroll)
	}
	return nil
}

// View draws the week in a pager: on a short window it scrolls, so the
// difficulties at the bottom are reached.
func (o *overview) View() string { return o.pager.View() }

// layout lays the week out for the width, language and theme.
func (o *overview) layout() { o.pager.setLines(strings.Split(o.text(), "\n")) }

func (o *overview) text() string {
	c := o.ctx
	s := c.styles
	if o.err != nil {
		return s.Error.Render(c.cat.Error(o.err))
	}
	if !o.loaded {
		return s.Muted.Render(c.t(i18n.UILoading))
	}
	d := o.data
	sun := d.monday.AddDate(0, 0, 6)
	head := s.Title.Render(c.t(i18n.UIWeekTitle, d.monday.Format("02/01"), sun.Format("02/01/2006")))
	logs := 0
	for _, n := range d.logsByDay {
		logs += n
	}
	count := func(k i18n.Key, n int) string { return c.cat.N(k, n, formatCount(n)) }
	totals := s.Muted.Render(c.t(i18n.UITotals, strings.Join([]string{
		count(i18n.UICountLogs, logs), count(i18n.UICountDiffs, d.difficulties), count(i18n.UICountTrainings, d.trainings)}, " · ")))

	wide := o.w >= 78
	colW := o.w
	if wide {
		colW = (o.w - 3) / 2
	}
	left := o.logsBlock(colW)
	right := o.trainingBlock(colW) + "\n\n" + o.difficultyBlock(colW)
	var body string
	if wide {
		body = lipgloss.JoinHorizontal(lipgloss.Top, lipgloss.NewStyle().Width(colW).Render(left), "   ", right)
	} else {
		body = left + "\n\n" + right
	}
	if d.needFix > 0 {
		totals += "\n" + s.Warn.Render(c.cat.N(i18n.TalkNeedFix, d.needFix, d.needFix))
	}
	return head + "\n" + totals + "\n\n" + body
}

// bar draws n of max as a bar w cells wide.
func (o *overview) bar(n, most, w int) string {
	s := o.ctx.styles
	if w <= 0 {
		return ""
	}
	fill := 0
	if most > 0 {
		fill = (n*w + most - 1) / most
	}
	return s.Bar.Render(strings.Repeat("█", fill)) + s.BarEmpty.Render(strings.Repeat("·", w-fill))
}

func (o *overview) logsBlock(w int) string {
	c := o.ctx
	s := c.styles
	d := o.data
	lines := []string{s.Label.Render(c.t(i18n.UILogsByDay))}
	most := 0
	for _, n := range d.logsByDay {
		most = max(most, n)
	}
	today := d.today
	var empty []string
	past := 0 // days of the week up to today: the days still to come have no log yet, rightly
	for i, n := range d.logsByDay {
		day := d.monday.AddDate(0, 0, i)
		name := c.t(i18n.Key(fmt.Sprintf("ui.weekday.%d", i))) + " " + day.Format("02/01")
		label := fit(name, 9)
		count := fmt.Sprintf("%3d", n)
		if day.After(today) {
			lines = append(lines, s.Muted.Render(label))
			continue
		}
		past++
		if n == 0 {
			empty = append(empty, c.t(i18n.Key(fmt.Sprintf("ui.weekday.%d", i))))
			count = s.Warn.Render(" ─ ")
		}
		lines = append(lines, label+" "+o.bar(n, most, max(w-14, 3))+" "+count)
	}
	switch {
	case len(empty) > 0:
		lines = append(lines, s.Warn.Render(c.t(i18n.UIDaysNoLog, strings.Join(empty, ", "))))
	case past == len(d.logsByDay):
		lines = append(lines, s.OK.Render(c.t(i18n.UINoGapsWeek)))
	case past == 1:
		lines = append(lines, s.OK.Render(c.t(i18n.UINoGapsMonday)))
	default:
		// Mid-week: say how many days were counted, not "every day".
		lines = append(lines, s.OK.Render(c.t(i18n.UINoGaps, past)))
	}
	return fitLines(lines, w)
}

// fitLines cuts every line of a block to w cells.
func fitLines(lines []string, w int) string {
	for i, l := range lines {
		lines[i] = fitLine(l, w)
	}
	return strings.Join(lines, "\n")
}

func (o *overview) trainingBlock(w int) string {
	c := o.ctx
	s := c.styles
	return fitLines([]string{s.Label.Render(c.t(i18n.UITrainingsWeek)),
		c.cat.N(i18n.UICountSessions, o.data.trainings, formatCount(o.data.trainings)) + " · " +
			c.cat.N(i18n.UICountPeople, o.data.participants, formatCount(o.data.participants))}, w)
}

func (o *overview) difficultyBlock(w int) string {
	c := o.ctx
	s := c.styles
	d := o.data
	lines := []string{s.Label.Render(c.t(i18n.UIOpenByStatus))}
	most := 0
	for _, n := range d.byStatus {
		most = max(most, n)
	}
	for _, t := range domain.Statuses() {
		if t.Slug == "resolved" {
			continue
		}
		n := d.byStatus[t.Slug]
		lines = append(lines, fit(c.cat.Term(t), 14)+" "+o.bar(n, most, max(w-22, 3))+" "+fmt.Sprintf("%5s", formatCount(n)))
	}
	lines = append(lines, s.Label.Render(c.t(i18n.UIOpenBySeverity)))
	most = 0
	for _, n := range d.bySeverity {
		most = max(most, n)
	}
	for _, t := range domain.Severities() {
		n := d.bySeverity[t.Slug]
		name := fit(c.cat.Term(t), 14)
		if st, ok := s.Severity[t.Slug]; ok {
			name = st.Render(name)
		}
		lines = append(lines, name+" "+o.bar(n, most, max(w-22, 3))+" "+fmt.Sprintf("%5s", formatCount(n)))
	}
	return fitLines(lines, w)
}

func (o *overview) ShortHelp() []key.Binding {
	return []key.Binding{o.ctx.keys.List.New, o.ctx.keys.Global.NextTab, o.ctx.keys.Global.Sync, o.ctx.keys.Global.Settings}
}

func (o *overview) FullHelp() [][]key.Binding {
	g := o.ctx.keys.Global
	sk := o.ctx.keys.Scroll
	return [][]key.Binding{{g.NextTab, g.PrevTab, g.Tabs[0]}, {g.Sync, g.Settings, o.ctx.keys.List.New}, {sk.Up, sk.Down, sk.PageDown, sk.End}}
}

func (o *overview) Init() tea.Cmd { return o.reload() }
