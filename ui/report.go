package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"sotay/atomicfile"
	"sotay/i18n"
	"sotay/record"
	"sotay/report"
	"sotay/store"
	"sotay/vntext"
)

// reportScreen is the periodic report: pick a week, a month or a range of
// dates, read the preview, edit sections IV–VI, export as .docx or Markdown and see where
// the file went. Building, saving and writing run in tea.Cmds.
type reportScreen struct {
	ctx    *shared
	kind   report.PeriodKind
	anchor time.Time // a day inside the period shown (week, month)
	// from and to are the range shown when kind is report.PeriodRange.
	from, to time.Time
	gen      int // the load whose answer is awaited
	rep      *report.Report
	err      error
	lines    []string // the preview, laid out for the width
	w, h     int
	pager    pager // the preview
	closed   bool

	// While editing sections IV–VI.
	editing bool
	section int
	texts   [3]string
	area    *areaInput

	wrote string // the last file written
	dir   string // the folder reports are written to
}

// openReport shows this week's report.
func openReport(c *shared) tea.Cmd {
	return push(&reportScreen{ctx: c, pager: newPager(), kind: report.PeriodWeek, anchor: c.today()})
}

type (
	reportMsg struct {
		gen int
		rep *report.Report
		err error
	}
	reportSavedMsg struct {
		gen int
		err error
	}
	reportWroteMsg struct {
		path   string
		err    error
		r      *report.Report // what was written, to write it elsewhere when it failed
		format string
	}
	// reportDirMsg carries the folder reports go to; saved when the
	// officer just chose it.
	reportDirMsg struct {
		dir   string
		saved bool
		err   error
	}
	// reportOpenedMsg says how opening a file or folder went.
	reportOpenedMsg struct {
		path string
		err  error
	}
)

func (s *reportScreen) done() bool      { return s.closed }
func (s *reportScreen) capturing() bool { return s.editing }
func (s *reportScreen) Init() tea.Cmd   { return tea.Batch(s.load(), s.loadDir()) }

// loadDir reads the folder reports are written to.
func (s *reportScreen) loadDir() tea.Cmd {
	st := s.ctx.st
	return func() tea.Msg { return reportDirMsg{dir: reportDir(st)} }
}

// reportDir is where reports are written: the folder the officer chose
// (report.SettingExportDir), else the Documents folder, else home.
func reportDir(st *store.Store) string {
	if dir, _ := st.Setting(report.SettingExportDir); dir != "" {
		return dir
	}
	return defaultReportDir()
}

func (s *reportScreen) period() report.Period {
	switch s.kind {
	case report.PeriodMonth:
		return report.Month(s.anchor.Year(), s.anchor.Month())
	case report.PeriodRange:
		if p, err := report.Range(s.from, s.to); err == nil {
			return p
		}
	}
	return report.Week(s.anchor)
}

func (s *reportScreen) load() tea.Cmd {
	s.gen++
	gen, st, p, now, bg := s.gen, s.ctx.st, s.period(), s.ctx.now(), s.ctx.bg
	return func() tea.Msg {
		r, err := report.Build(bg, st, p, now)
		return reportMsg{gen, r, err}
	}
}

func (s *reportScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	s.pager.SetSize(w, h-2) // under the title and the line of the file written
	s.render()
	if s.area != nil {
		s.area.SetWidth(max(w-2, 10))
		s.area.SetHeight(max(h-5, 3))
	}
}

// render lays the report out for the terminal from the Report itself:
// the header in two columns, sections as titles, tables as aligned columns
// (cut at the edge, never wrapped), paragraphs wrapped to the width with
// list items hanging under their dash.
func (s *reportScreen) render() {
	s.lines = nil
	defer func() {
		for i, l := range s.lines {
			s.lines[i] = fitLine(l, s.w)
		}
		s.pager.setLines(s.lines)
	}()
	if s.rep == nil {
		return
	}
	st := s.ctx.styles
	w := max(s.w-1, 20)
	wrap := func(text string, indent int) []string {
		lines := strings.Split(lipgloss.NewStyle().Width(w-indent).Render(text), "\n")
		pad := strings.Repeat(" ", indent)
		for i := range lines {
			lines[i] = pad + strings.TrimRight(lines[i], " ")
		}
		return lines
	}
	for _, l := range report.TextLines(s.rep, w) {
		switch l.Kind {
		case report.LineBlank:
			s.lines = append(s.lines, "")
		case report.LineHeader, report.LineTable:
			s.lines = append(s.lines, l.Text)
		case report.LineTitle, report.LineSection:
			for _, x := range wrap(l.Text, 0) {
				s.lines = append(s.lines, st.Title.Render(x))
			}
		case report.LineHeading, report.LineSigner:
			for _, x := range wrap(l.Text, 0) {
				s.lines = append(s.lines, st.Label.Render(x))
			}
		case report.LineBullet:
			// "- text": the lines after the first start under the text.
			lines := wrap(strings.TrimPrefix(l.Text, "- "), 2)
			lines[0] = "- " + lines[0][2:]
			s.lines = append(s.lines, lines...)
		case report.LineSub:
			s.lines = append(s.lines, wrap(l.Text, 2)...)
		case report.LineNote:
			for _, x := range wrap(l.Text, 0) {
				s.lines = append(s.lines, st.Muted.Render(x))
			}
		default:
			s.lines = append(s.lines, wrap(l.Text, 0)...)
		}
	}
}

func (s *reportScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case reportMsg:
		if msg.gen != s.gen {
			return nil // an older period's answer
		}
		s.rep, s.err = msg.rep, msg.err
		s.render()
		return nil
	case reportSavedMsg:
		if msg.err != nil {
			return toast(s.ctx.cat.BothError(msg.err), true)
		}
		return tea.Batch(s.load(), toast(s.ctx.t(i18n.UIReportSaved), false))
	case reportExistsMsg:
		return s.askOverwrite(msg)
	case reportWroteMsg:
		if msg.err != nil && atomicfile.InUse(msg.err) && msg.r != nil {
			// Word holds the file (Windows), or it may not be written:
			// say so, and offer the next free name beside it.
			m := reportExistsMsg{r: msg.r, format: msg.format, path: msg.path, free: freeName(msg.path)}
			return push(newConfirm(s.ctx, s.ctx.t(i18n.UIReportInUse, filepath.Base(m.path), filepath.Base(m.free)), func() tea.Cmd {
				return writeReport(m.free, m.r, m.format)
			}))
		}
		if msg.err != nil {
			return toast(s.ctx.cat.BothError(msg.err), true)
		}
		s.wrote = msg.path
		return toast(s.ctx.t(i18n.UIReportWrote, msg.path), false)
	case reportDirMsg:
		if msg.err != nil {
			return toast(s.ctx.t(i18n.UIReportFolderBad, s.ctx.cat.Error(msg.err)), true)
		}
		s.dir = msg.dir
		if msg.saved {
			return toast(s.ctx.t(i18n.UIReportFolderSaved, msg.dir), false)
		}
	case reportOpenedMsg:
		if msg.err != nil {
			return toast(s.ctx.t(i18n.UIReportOpenFailed, msg.path, s.ctx.cat.Error(msg.err)), true)
		}
		return toast(s.ctx.t(i18n.UIReportOpened, msg.path), false)
	case langMsg, tea.BackgroundColorMsg:
		s.render()
	case tea.MouseWheelMsg:
		if !s.editing {
			s.pager.update(msg, s.ctx.keys.Scroll)
		}
	case changedMsg, syncDoneMsg:
		if !s.editing {
			return s.load()
		}
	case tea.PasteMsg:
		if s.editing {
			cmd, _ := s.area.update(msg)
			return cmd
		}
	case tea.KeyPressMsg:
		if s.editing {
			return s.editKey(msg)
		}
		return s.key(msg)
	}
	return nil
}

func (s *reportScreen) key(msg tea.KeyPressMsg) tea.Cmd {
	k, sk := s.ctx.keys.Report, s.ctx.keys.Scroll
	switch {
	case key.Matches(msg, s.ctx.keys.Detail.Back):
		s.closed = true
	case key.Matches(msg, k.Prev), key.Matches(msg, k.Next):
		step := 1
		if key.Matches(msg, k.Prev) {
			step = -1
		}
		switch s.kind {
		case report.PeriodMonth:
			first := time.Date(s.anchor.Year(), s.anchor.Month(), 1, 0, 0, 0, 0, time.UTC)
			s.anchor = first.AddDate(0, step, 0)
		case report.PeriodRange:
			// The range just before or after, as many days long.
			days := int(s.to.Sub(s.from).Hours()/24) + 1
			s.from, s.to = s.from.AddDate(0, 0, step*days), s.to.AddDate(0, 0, step*days)
			s.anchor = s.from
		default:
			s.anchor = s.anchor.AddDate(0, 0, 7*step)
		}
		s.pager.top()
		return s.load()
	case key.Matches(msg, k.Week):
		s.kind = report.PeriodWeek
		s.pager.top()
		return s.load()
	case key.Matches(msg, k.Month):
		s.kind = report.PeriodMonth
		s.pager.top()
		return s.load()
	case key.Matches(msg, k.Range):
		p := s.period()
		return push(newRangeDialog(s.ctx, p.From, p.To, func(from, to time.Time) tea.Cmd {
			s.kind, s.from, s.to, s.anchor = report.PeriodRange, from, to, from
			s.pager.top()
			return s.load()
		}))
	case key.Matches(msg, s.ctx.keys.Global.Help):
		return push(newHelpScreen(s.ctx, s))
	case scrolls(msg, sk):
		s.pager.update(msg, sk)
	case key.Matches(msg, k.Edit) && s.rep != nil:
		t := s.rep.Text
		s.texts = [3]string{t.Assessment, t.Proposals, t.NextTasks}
		s.editing, s.section = true, 0
		s.area = newAreaInput(record.MaxLong)
		s.area.SetWidth(max(s.w-2, 10))
		s.area.SetHeight(max(s.h-5, 3))
		s.area.SetValue(s.texts[0])
		return s.area.Focus()
	case key.Matches(msg, k.Docx) && s.rep != nil:
		return s.write(report.FormatDocx)
	case key.Matches(msg, k.Markdown) && s.rep != nil:
		return s.write(report.FormatMarkdown)
	case key.Matches(msg, k.Open):
		if s.wrote == "" {
			return toast(s.ctx.t(i18n.UIReportNothingOpen), true)
		}
		return s.open(s.wrote)
	case key.Matches(msg, k.OpenDir):
		if s.wrote != "" {
			return s.open(filepath.Dir(s.wrote))
		}
		if s.dir != "" {
			return s.open(s.dir)
		}
	case key.Matches(msg, k.Folder):
		return push(newFolderDialog(s.ctx, s.dir))
	case key.Matches(msg, k.Reset) && s.rep != nil && s.rep.Edited:
		st, p, gen := s.ctx.st, s.period(), s.gen
		return push(newConfirm(s.ctx, s.ctx.t(i18n.UIReportResetAsk), func() tea.Cmd {
			return func() tea.Msg { return reportSavedMsg{gen, report.ResetText(st, p)} }
		}))
	}
	return nil
}

func (s *reportScreen) editKey(msg tea.KeyPressMsg) tea.Cmd {
	k, fk := s.ctx.keys.Report, s.ctx.keys.Form
	switch {
	case key.Matches(msg, fk.Cancel):
		s.editing, s.area = false, nil
		return nil
	case key.Matches(msg, k.NextSection), key.Matches(msg, k.PrevSection):
		s.texts[s.section] = s.area.Value()
		step := 1
		if key.Matches(msg, k.PrevSection) {
			step = 2
		}
		s.section = (s.section + step) % 3
		s.area.SetValue(s.texts[s.section])
		return nil
	case key.Matches(msg, fk.Save):
		s.texts[s.section] = s.area.Value()
		s.editing, s.area = false, nil
		r := *s.rep
		r.Text = report.Text{Assessment: s.texts[0], Proposals: s.texts[1], NextTasks: s.texts[2]}
		st, gen := s.ctx.st, s.gen
		return func() tea.Msg { return reportSavedMsg{gen, report.SaveText(st, &r)} }
	}
	cmd, _ := s.area.update(msg)
	return cmd
}

// write exports the report into the report folder: the setting
// report.SettingExportDir, else the officer's Documents folder, else home.
//
// A file already there is never written over without asking: the officer
// may have finished the last export in Word. "No", the default, saves the
// report under the next free name beside it.
func (s *reportScreen) write(format string) tea.Cmd {
	r, st := s.rep, s.ctx.st
	return func() tea.Msg {
		dir := reportDir(st)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return reportWroteMsg{err: err}
		}
		path := filepath.Join(dir, report.FileName(r.Period, format))
		if _, err := os.Stat(path); err == nil {
			return reportExistsMsg{r: r, format: format, path: path, free: freeName(path)}
		}
		return writeReport(path, r, format)()
	}
}

// writeReport writes r to path in a Cmd.
func writeReport(path string, r *report.Report, format string) tea.Cmd {
	return func() tea.Msg { return reportWroteMsg{path, report.WriteFile(path, r, format), r, format} }
}

// open opens path with the system's program, in a Cmd: starting it may
// take a moment, and Update never waits.
func (s *reportScreen) open(path string) tea.Cmd {
	open, bg := s.ctx.open, s.ctx.bg
	return func() tea.Msg { return reportOpenedMsg{path, open(bg, path)} }
}

// newFolderDialog asks for the folder reports are written to. The folder
// is checked (made when missing, must take a file) and remembered in a Cmd;
// a folder that cannot be used is said and the old one kept.
func newFolderDialog(c *shared, dir string) *form {
	var f *form
	f = newFormOf(c, formConfig{
		fields: []record.Field{{Name: "folder", Type: record.Text, Required: true, Max: 1000}},
		label:  func(string) string { return c.t(i18n.UIReportFolderField) },
		title:  func() string { return c.t(i18n.UIReportFolderTitle) },
		hint:   func() string { return c.t(i18n.UIReportFolderHint) },
		submit: func() tea.Cmd {
			v := strings.TrimSpace(f.fields[0].value())
			if v == "" {
				return nil
			}
			f.closed = true
			return chooseReportDir(c.st, v)
		},
		cancel: func() tea.Cmd {
			f.closed = true
			return nil
		},
		enterSubmits: true,
		dialog:       true,
	})
	f.fields[0].setValue(dir)
	return f
}

// chooseReportDir checks the folder typed (~ is home; relative to home
// otherwise), makes it when missing, checks a file can be written in it,
// and remembers it.
func chooseReportDir(st *store.Store, typed string) tea.Cmd {
	return func() tea.Msg {
		dir := typed
		if home, err := os.UserHomeDir(); err == nil {
			if rest, ok := strings.CutPrefix(dir, "~"); ok && (rest == "" || os.IsPathSeparator(rest[0])) {
				dir = filepath.Join(home, rest)
			} else if !filepath.IsAbs(dir) {
				dir = filepath.Join(home, dir)
			}
		}
		dir = filepath.Clean(dir)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return reportDirMsg{err: err}
		}
		probe, err := os.CreateTemp(dir, ".sotay-*.tmp")
		if err != nil {
			return reportDirMsg{err: err}
		}
		probe.Close()
		os.Remove(probe.Name())
		if err := st.SetSetting(report.SettingExportDir, dir); err != nil {
			return reportDirMsg{err: err}
		}
		return reportDirMsg{dir: dir, saved: true}
	}
}

// reportExistsMsg asks whether to write over an exported report.
type reportExistsMsg struct {
	r          *report.Report
	format     string
	path, free string // the file there, and the next name not taken
}

// freeName is path with " (2)", " (3)"… before its extension: the first
// that names no file.
func freeName(path string) string {
	ext := filepath.Ext(path)
	base := strings.TrimSuffix(path, ext)
	for n := 2; ; n++ {
		p := fmt.Sprintf("%s (%d)%s", base, n, ext)
		if _, err := os.Stat(p); err != nil {
			return p
		}
	}
}

// askOverwrite puts the question of an existing file to the officer.
func (s *reportScreen) askOverwrite(m reportExistsMsg) tea.Cmd {
	writeTo := func(path string) func() tea.Cmd {
		return func() tea.Cmd { return writeReport(path, m.r, m.format) }
	}
	q := newConfirm(s.ctx, s.ctx.t(i18n.UIReportExists, filepath.Base(m.path), filepath.Base(m.free)), writeTo(m.path))
	q.onNo = writeTo(m.free)
	return push(q)
}

func defaultReportDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return "."
	}
	for _, d := range []string{"Documents", "Tài liệu"} {
		if fi, err := os.Stat(filepath.Join(home, d)); err == nil && fi.IsDir() {
			return filepath.Join(home, d)
		}
	}
	return home
}

func (s *reportScreen) View() string {
	c := s.ctx
	st := c.styles
	p := s.period()
	title := c.t(i18n.UIReportWeek, vntext.FormatDate(p.FromDate()), vntext.FormatDate(p.ToDate()))
	switch s.kind {
	case report.PeriodMonth:
		title = c.t(i18n.UIReportMonth, p.From.Format("01/2006"))
	case report.PeriodRange:
		title = c.t(i18n.UIReportRange, vntext.FormatDate(p.FromDate()), vntext.FormatDate(p.ToDate()))
	}
	head := st.Title.Render(title)
	if s.rep != nil && s.rep.Edited {
		head += "  " + st.Muted.Render(c.t(i18n.UIReportEdited))
	}
	out := []string{fitLine(head, s.w)}
	switch {
	case s.wrote != "":
		out = append(out, fitLine(st.OK.Render(c.t(i18n.UIReportWroteOpenKeys, filepath.Base(s.wrote))), s.w))
	case s.dir != "":
		out = append(out, fitLine(st.Muted.Render(c.t(i18n.UIReportFolder, s.dir)), s.w))
	default:
		out = append(out, "")
	}
	switch {
	case s.err != nil:
		out = append(out, st.Error.Render(c.cat.BothError(s.err)))
	case s.rep == nil:
		out = append(out, st.Muted.Render(c.t(i18n.UIReportLoading)))
	case s.editing:
		names := []i18n.Key{i18n.ReportSection4, i18n.ReportSection5, i18n.ReportSection6}
		var tabs []string
		for i, n := range names {
			label := i18n.New(i18n.VI).T(n)
			if i == s.section {
				tabs = append(tabs, st.TabActive.Render(label))
			} else {
				tabs = append(tabs, st.Tab.Render(label))
			}
		}
		out = append(out, fitLine(strings.Join(tabs, ""), s.w), st.Muted.Render(c.t(i18n.UIReportEditHint)), s.area.View())
	default:
		out = append(out, s.pager.View())
	}
	return strings.Join(out, "\n")
}

func (s *reportScreen) ShortHelp() []key.Binding {
	k, fk, back := s.ctx.keys.Report, s.ctx.keys.Form, s.ctx.keys.Detail.Back
	if s.editing {
		return []key.Binding{k.NextSection, fk.Save, fk.Cancel}
	}
	// The rest are under ?: this line must fit 80 columns.
	return []key.Binding{k.PrevNext, k.Pick, k.Export, s.ctx.keys.Global.Help, back}
}

func (s *reportScreen) FullHelp() [][]key.Binding {
	k, fk, sk, back := s.ctx.keys.Report, s.ctx.keys.Form, s.ctx.keys.Scroll, s.ctx.keys.Detail.Back
	return [][]key.Binding{{k.Prev, k.Next, k.Week, k.Month, k.Range}, {sk.Up, sk.Down, k.Edit, k.Reset}, {k.Docx, k.Markdown, k.Open, k.OpenDir, k.Folder, back},
		{k.NextSection, k.PrevSection, fk.Save, fk.Cancel}}
}

// newRangeDialog asks for the two ends of a report's range of dates, as a
// form: each field takes dd/mm/yyyy, yyyy-mm-dd, «hôm nay» or «hôm qua»;
// a mistake is shown under its field and the dialog stays open.
func newRangeDialog(c *shared, from, to time.Time, onOK func(from, to time.Time) tea.Cmd) *form {
	labels := map[string]i18n.Key{"from": i18n.UIReportRangeFrom, "to": i18n.UIReportRangeTo}
	var f *form
	f = newFormOf(c, formConfig{
		fields: []record.Field{{Name: "from", Type: record.Date, Required: true}, {Name: "to", Type: record.Date, Required: true}},
		label:  func(name string) string { return c.t(labels[name]) },
		title:  func() string { return c.t(i18n.UIReportRangeTitle) },
		hint:   func() string { return c.t(i18n.UIReportRangeHint) },
		submit: func() tea.Cmd {
			dates, ok := rangeDates(f)
			if !ok {
				return nil
			}
			f.closed = true
			return onOK(dates[0], dates[1])
		},
		cancel: func() tea.Cmd {
			f.closed = true
			return nil
		},
		enterSubmits: true,
		dialog:       true,
		inputWidth:   14,
	})
	for i, t := range []time.Time{from, to} {
		f.fields[i].setValue(t.Format(vntext.DisplayLayout))
	}
	return f
}

// rangeDates reads both dates of the range dialog; when one is wrong or
// they are out of order it says so under the field and focuses it.
func rangeDates(f *form) ([2]time.Time, bool) {
	c := f.ctx
	var dates [2]time.Time
	for i, ff := range f.fields {
		ff.problem = ""
		v := strings.TrimSpace(ff.value())
		if v == "" {
			ff.problem = c.t(i18n.UIReportRangeEmpty)
			continue
		}
		t, err := vntext.ParseDate(v, c.now())
		if err != nil {
			ff.problem = c.t(i18n.UIReportRangeBad)
			continue
		}
		dates[i] = t
	}
	if f.fields[0].problem == "" && f.fields[1].problem == "" && dates[1].Before(dates[0]) {
		f.fields[1].problem = c.t(i18n.UIReportRangeBefore)
	}
	for i, ff := range f.fields {
		if ff.problem != "" {
			f.focusField(i)
			return dates, false
		}
	}
	return dates, true
}
