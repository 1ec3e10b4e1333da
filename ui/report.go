package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"sotay/i18n"
	"sotay/report"
	"sotay/store"
	"sotay/vntext"
)

// reportScreen is the periodic report: pick a week or a month, read the
// preview, edit sections IV–VI, export as .docx or Markdown and see where
// the file went. Building, saving and writing run in tea.Cmds.
type reportScreen struct {
	ctx    *shared
	keys   reportKeys
	kind   report.PeriodKind
	anchor time.Time // a day inside the period shown
	gen    int       // the load whose answer is awaited
	rep    *report.Report
	err    error
	lines  []string // the preview, wrapped to the width
	w, h   int
	offset int
	closed bool

	// While editing sections IV–VI.
	editing bool
	section int
	texts   [3]string
	area    *areaInput

	wrote string // the last file written
}

type reportKeys struct {
	Prev, Next, Week, Month, Up, Down, Edit, Docx, Markdown, Reset, Back key.Binding
	NextSection, PrevSection, Save, Cancel                               key.Binding
}

func newReportKeys(c i18n.Catalog) reportKeys {
	b := func(help i18n.Key, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(keyName(keys[0]), c.T(help)))
	}
	return reportKeys{
		Prev:        b(i18n.UIReportKeyPrev, "[", "left", "h"),
		Next:        b(i18n.UIReportKeyNext, "]", "right", "l"),
		Week:        b(i18n.UIReportKeyWeek, "w"),
		Month:       b(i18n.UIReportKeyMonth, "m"),
		Up:          b(i18n.UIKeyUp, "up", "k"),
		Down:        b(i18n.UIKeyDown, "down", "j"),
		Edit:        b(i18n.UIReportKeyEdit, "e"),
		Docx:        b(i18n.UIReportKeyDocx, "x"),
		Markdown:    b(i18n.UIReportKeyMarkdown, "X"),
		Reset:       b(i18n.UIReportKeyReset, "R"),
		Back:        b(i18n.UIKeyBack, "esc", "q"),
		NextSection: b(i18n.UIReportKeySection, "tab"),
		PrevSection: b(i18n.UIReportKeySection, "shift+tab"),
		Save:        b(i18n.UIKeySave, "ctrl+s"),
		Cancel:      b(i18n.UIKeyCancel, "esc"),
	}
}

// openReport shows this week's report.
func openReport(c *shared) tea.Cmd {
	return push(&reportScreen{ctx: c, keys: newReportKeys(c.cat), kind: report.PeriodWeek, anchor: c.today()})
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
		path string
		err  error
	}
)

func (s *reportScreen) done() bool      { return s.closed }
func (s *reportScreen) capturing() bool { return s.editing }
func (s *reportScreen) Init() tea.Cmd   { return s.load() }

func (s *reportScreen) period() report.Period {
	if s.kind == report.PeriodMonth {
		return report.Month(s.anchor.Year(), s.anchor.Month())
	}
	return report.Week(s.anchor)
}

func (s *reportScreen) load() tea.Cmd {
	s.gen++
	gen, st, p, now := s.gen, s.ctx.st, s.period(), s.ctx.now()
	return func() tea.Msg {
		r, err := report.Build(context.Background(), st, p, now)
		return reportMsg{gen, r, err}
	}
}

func (s *reportScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	s.render()
	if s.area != nil {
		s.area.SetWidth(max(w-2, 10))
		s.area.SetHeight(max(h-5, 3))
	}
}

// render wraps the Markdown preview to the screen's width.
func (s *reportScreen) render() {
	s.lines = nil
	if s.rep == nil {
		return
	}
	var buf bytes.Buffer
	if err := report.WriteMarkdown(&buf, s.rep); err != nil {
		s.err = err
		return
	}
	wrap := lipgloss.NewStyle().Width(max(s.w-1, 20))
	for _, l := range strings.Split(strings.TrimRight(buf.String(), "\n"), "\n") {
		l = plainMarkdown(l)
		switch {
		case strings.HasPrefix(l, "#"):
			s.lines = append(s.lines, s.ctx.styles.Title.Render(strings.TrimLeft(l, "# ")))
		case strings.HasPrefix(l, "|"):
			s.lines = append(s.lines, l) // a table row: cut at the edge, not wrapped
		default:
			s.lines = append(s.lines, strings.Split(wrap.Render(l), "\n")...)
		}
	}
}

// plainMarkdown drops the emphasis marks and escapes of a Markdown line,
// for reading on the terminal.
func plainMarkdown(l string) string {
	l = strings.NewReplacer("**", "", "| *", "| ", "* |", " |").Replace(l)
	if len(l) > 2 && l[0] == '*' && l[len(l)-1] == '*' {
		l = l[1 : len(l)-1]
	}
	var b strings.Builder
	escaped := false
	for _, r := range l {
		if r == '\\' && !escaped {
			escaped = true
			continue
		}
		escaped = false
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), " ")
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
	case reportWroteMsg:
		if msg.err != nil {
			return toast(s.ctx.cat.BothError(msg.err), true)
		}
		s.wrote = msg.path
		return toast(s.ctx.t(i18n.UIReportWrote, msg.path), false)
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
	k := s.keys
	switch {
	case key.Matches(msg, k.Back):
		s.closed = true
	case key.Matches(msg, k.Prev), key.Matches(msg, k.Next):
		step := 1
		if key.Matches(msg, k.Prev) {
			step = -1
		}
		if s.kind == report.PeriodMonth {
			first := time.Date(s.anchor.Year(), s.anchor.Month(), 1, 0, 0, 0, 0, time.UTC)
			s.anchor = first.AddDate(0, step, 0)
		} else {
			s.anchor = s.anchor.AddDate(0, 0, 7*step)
		}
		s.offset = 0
		return s.load()
	case key.Matches(msg, k.Week):
		s.kind, s.offset = report.PeriodWeek, 0
		return s.load()
	case key.Matches(msg, k.Month):
		s.kind, s.offset = report.PeriodMonth, 0
		return s.load()
	case key.Matches(msg, k.Up):
		s.offset = max(s.offset-1, 0)
	case key.Matches(msg, k.Down):
		s.offset++
	case msg.String() == "pgdown" || msg.String() == "space":
		s.offset += max(s.h-4, 1)
	case msg.String() == "pgup":
		s.offset = max(s.offset-max(s.h-4, 1), 0)
	case key.Matches(msg, k.Edit) && s.rep != nil:
		t := s.rep.Text
		s.texts = [3]string{t.Assessment, t.Proposals, t.NextTasks}
		s.editing, s.section = true, 0
		s.area = newAreaInput(store.MaxLong)
		s.area.SetWidth(max(s.w-2, 10))
		s.area.SetHeight(max(s.h-5, 3))
		s.area.SetValue(s.texts[0])
		return s.area.Focus()
	case key.Matches(msg, k.Docx) && s.rep != nil:
		return s.write(report.FormatDocx)
	case key.Matches(msg, k.Markdown) && s.rep != nil:
		return s.write(report.FormatMarkdown)
	case key.Matches(msg, k.Reset) && s.rep != nil && s.rep.Edited:
		st, p, gen := s.ctx.st, s.period(), s.gen
		return push(newConfirm(s.ctx, s.ctx.t(i18n.UIReportResetAsk), func() tea.Cmd {
			return func() tea.Msg { return reportSavedMsg{gen, report.ResetText(st, p)} }
		}))
	}
	return nil
}

func (s *reportScreen) editKey(msg tea.KeyPressMsg) tea.Cmd {
	k := s.keys
	switch {
	case key.Matches(msg, k.Cancel):
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
	case key.Matches(msg, k.Save):
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
func (s *reportScreen) write(format string) tea.Cmd {
	r, st := s.rep, s.ctx.st
	return func() tea.Msg {
		dir, _ := st.Setting(report.SettingExportDir)
		if dir == "" {
			dir = defaultReportDir()
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return reportWroteMsg{err: err}
		}
		path := filepath.Join(dir, report.FileName(r.Period, format))
		return reportWroteMsg{path, report.WriteFile(path, r, format)}
	}
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
	if s.kind == report.PeriodMonth {
		title = c.t(i18n.UIReportMonth, p.From.Format("01/2006"))
	}
	head := st.Title.Render(title)
	if s.rep != nil && s.rep.Edited {
		head += "  " + st.Muted.Render(c.t(i18n.UIReportEdited))
	}
	out := []string{fitLine(head, s.w)}
	if s.wrote != "" {
		out = append(out, fitLine(st.OK.Render(c.t(i18n.UIReportWrote, s.wrote)), s.w))
	} else {
		out = append(out, "")
	}
	room := max(s.h-len(out), 1)
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
		s.offset = min(s.offset, max(len(s.lines)-room, 0))
		for _, l := range s.lines[s.offset:min(s.offset+room, len(s.lines))] {
			out = append(out, fitLine(l, s.w))
		}
	}
	return strings.Join(out, "\n")
}

func (s *reportScreen) ShortHelp() []key.Binding {
	k := s.keys
	if s.editing {
		return []key.Binding{k.NextSection, k.Save, k.Cancel}
	}
	return []key.Binding{k.Prev, k.Next, k.Week, k.Month, k.Edit, k.Docx, k.Markdown, k.Back}
}

func (s *reportScreen) FullHelp() [][]key.Binding {
	k := s.keys
	return [][]key.Binding{{k.Prev, k.Next, k.Week, k.Month}, {k.Up, k.Down, k.Edit, k.Reset}, {k.Docx, k.Markdown, k.Back},
		{k.NextSection, k.Save, k.Cancel}}
}
