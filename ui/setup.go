package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"sotay/domain"
	"sotay/i18n"
	"sotay/record"
	"sotay/store"
	"sotay/sync"
	"sotay/vntext"
)

// setupScreen asks who keeps the notebook: on the first run (name,
// province, position, an optional enrollment code) and later as the
// settings screen, which adds the language.
type setupScreen struct {
	ctx      *shared
	settings bool
	w, h     int

	name, position, code *lineInput
	province             *lineInput // filters the 34 provinces as typed
	matches              []domain.Province
	pick                 int // selected match
	lang                 int // 0 Vietnamese, 1 English
	focus                int
	problems             map[string]string
	problem              string
	saving               bool
	closed               bool
	linked               string // HQ's address when the notebook is enrolled
}

func (s *setupScreen) done() bool { return s.closed }

// Fields of the setup screen, in order.
const (
	setupName = iota
	setupProvince
	setupPosition
	setupCode
	setupLang
)

func newSetupScreen(c *shared, settings bool) *setupScreen {
	s := &setupScreen{ctx: c, settings: settings, problems: map[string]string{},
		name: newLineInput(record.MaxShort), province: newLineInput(60), position: newLineInput(record.MaxShort), code: newLineInput(4096)}
	s.filterProvinces()
	if settings {
		p := c.profile
		s.name.SetValue(p.Name)
		s.position.SetValue(p.Position)
		for i, pr := range s.matches {
			if pr.Slug == p.Province {
				s.pick = i
			}
		}
		if c.cat.Lang == i18n.EN {
			s.lang = 1
		}
	}
	return s
}

// settingsMsg carries the HQ the notebook is linked to into the settings
// screen.
type settingsMsg struct{ hq string }

func (s *setupScreen) Init() tea.Cmd {
	cmds := []tea.Cmd{s.focusField(0)}
	if s.settings {
		st := s.ctx.st
		cmds = append(cmds, func() tea.Msg {
			ss, _ := st.SyncState()
			return settingsMsg{ss.HQ}
		})
	}
	return tea.Batch(cmds...)
}

func (s *setupScreen) capturing() bool { return true }

func (s *setupScreen) inputs() []*lineInput {
	return []*lineInput{s.name, s.province, s.position, s.code}
}

func (s *setupScreen) last() int {
	if s.settings {
		return setupLang
	}
	return setupCode
}

func (s *setupScreen) focusField(i int) tea.Cmd {
	s.focus = min(max(i, 0), s.last())
	for _, in := range s.inputs() {
		in.Blur()
	}
	if s.focus < len(s.inputs()) {
		return s.inputs()[s.focus].Focus()
	}
	return nil
}

func (s *setupScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	for _, in := range s.inputs() {
		in.SetWidth(max(w-8, 4))
	}
}

// filterProvinces keeps the provinces whose name has every typed word as
// the start of one of its words, diacritics ignored: "ha n" finds Hà Nội.
func (s *setupScreen) filterProvinces() {
	words := vntext.Words(vntext.Fold(s.province.Value()))
	s.matches = s.matches[:0]
	for _, p := range domain.Provinces() {
		name := vntext.Words(vntext.Fold(p.Name + " " + strings.Join(p.MergedFrom, " ")))
		if allPrefixes(words, name) {
			s.matches = append(s.matches, p)
		}
	}
	s.pick = min(s.pick, max(len(s.matches)-1, 0))
}

func allPrefixes(words, of []string) bool {
	for _, w := range words {
		found := false
		for _, o := range of {
			if strings.HasPrefix(o, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// profileSavedMsg is the answer of the store to the setup screen.
type profileSavedMsg struct {
	s       *setupScreen
	p       store.Profile
	err     error
	codeErr error        // the enrollment code was refused
	client  *sync.Client // made when a code enrolled the notebook
}

// enrolledMsg gives the program the sync client of a newly enrolled
// notebook.
type enrolledMsg struct{ client *sync.Client }

func (s *setupScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case settingsMsg:
		s.linked = msg.hq
	case profileSavedMsg:
		if msg.s == s {
			return s.saved(msg)
		}
	case tea.PasteMsg:
		return s.input(msg)
	case tea.KeyPressMsg:
		k := s.ctx.keys.Form
		switch {
		case key.Matches(msg, k.Save):
			return s.save()
		case key.Matches(msg, k.Cancel):
			if s.settings {
				s.closed = true
				return nil
			}
		case key.Matches(msg, k.Next):
			return s.focusField(s.focus + 1)
		case key.Matches(msg, k.Prev):
			return s.focusField(s.focus - 1)
		case key.Matches(msg, k.Submit):
			if s.focus == s.last() {
				return s.save()
			}
			return s.focusField(s.focus + 1)
		case key.Matches(msg, k.PickUp):
			if s.focus == setupProvince && s.pick > 0 {
				s.pick--
				return nil
			}
			return s.focusField(s.focus - 1)
		case key.Matches(msg, k.PickDown):
			if s.focus == setupProvince && s.pick < len(s.matches)-1 {
				s.pick++
				return nil
			}
			return s.focusField(s.focus + 1)
		case key.Matches(msg, k.ChoicePrev, k.ChoiceNext):
			if s.focus == setupLang {
				s.lang = 1 - s.lang
				return nil
			}
		}
		return s.input(msg)
	}
	return nil
}

func (s *setupScreen) input(msg tea.Msg) tea.Cmd {
	if s.focus >= len(s.inputs()) {
		return nil
	}
	in := s.inputs()[s.focus]
	cmd, changed := in.update(msg)
	if changed && in == s.province {
		s.pick = 0
		s.filterProvinces()
		delete(s.problems, "province")
	}
	return cmd
}

func (s *setupScreen) save() tea.Cmd {
	if s.saving {
		return nil
	}
	p := s.ctx.profile
	p.Name, p.Position = s.name.Value(), s.position.Value()
	p.Province = ""
	if s.pick < len(s.matches) {
		p.Province = s.matches[s.pick].Slug
	}
	lang := i18n.VI
	if s.lang == 1 {
		lang = i18n.EN
	}
	code, settings, st, log := strings.TrimSpace(s.code.Value()), s.settings, s.ctx.st, s.ctx.log
	s.saving = true
	return func() tea.Msg {
		if err := st.SetProfile(p); err != nil {
			return profileSavedMsg{s: s, err: err}
		}
		var client *sync.Client
		if code != "" {
			if _, err := sync.Enroll(st, code); err != nil {
				return profileSavedMsg{s: s, codeErr: err}
			}
			c, err := sync.New(st, sync.Options{Logger: log})
			if err != nil {
				return profileSavedMsg{s: s, codeErr: err}
			}
			client = c
		}
		if settings {
			if err := st.SetSetting("lang", string(lang)); err != nil {
				return profileSavedMsg{s: s, err: err}
			}
		}
		saved, err := st.Profile()
		return profileSavedMsg{s: s, p: saved, err: err, client: client}
	}
}

func (s *setupScreen) saved(msg profileSavedMsg) tea.Cmd {
	s.saving = false
	s.problems = map[string]string{}
	s.problem = ""
	if msg.codeErr != nil {
		// Beneath the code's field the error's own words say it all; a
		// prefix ("the code cannot be used: …") only repeated them.
		s.problems["hq_code"] = s.ctx.cat.Error(msg.codeErr)
		s.focusField(setupCode)
		return nil
	}
	if msg.err != nil {
		if ve, ok := record.AsValidation(msg.err); ok {
			for _, fe := range ve.Fields {
				s.problems[fe.Field] = s.ctx.cat.Problem(fe)
			}
			return nil
		}
		s.problem = s.ctx.t(i18n.UISaveFailed, s.ctx.cat.Error(msg.err))
		return nil
	}
	p := msg.p
	cmds := []tea.Cmd{func() tea.Msg { return profileMsg{p} }}
	if msg.client != nil {
		c := msg.client
		cmds = append(cmds, func() tea.Msg { return enrolledMsg{c} })
	}
	if s.settings {
		lang := i18n.VI
		if s.lang == 1 {
			lang = i18n.EN
		}
		cmds = append([]tea.Cmd{pop}, cmds...)
		cmds = append(cmds, func() tea.Msg { return langMsg{lang} }, toast(i18n.New(lang).T(i18n.UISettingsSaved), false))
	}
	return tea.Sequence(cmds...)
}

func (s *setupScreen) View() string {
	c := s.ctx
	st := c.styles
	var lines []string
	if s.settings {
		lines = append(lines, st.Title.Render(c.t(i18n.UISettingsTitle)))
	} else {
		lines = append(lines, st.Title.Render(c.t(i18n.UISetupTitle)), st.Muted.Render(fitLine(c.t(i18n.UISetupIntro), s.w)))
	}
	if s.problem != "" {
		lines = append(lines, st.Error.Render(s.problem))
	}
	label := func(i int, name string, required bool) string {
		l := c.cat.Field(name)
		if name == "hq_code" {
			l = c.t(i18n.UIEnrollCode)
		}
		if name == "lang" {
			l = c.t(i18n.UILanguage)
		}
		if required {
			l += " *"
		}
		if i == s.focus {
			return "› " + st.LabelFocus.Render(l)
		}
		return "  " + st.Label.Render(l)
	}
	field := func(i int, name string, required bool, in *lineInput) {
		lines = append(lines, "", label(i, name, required), "    "+in.View())
		if p := s.problems[name]; p != "" {
			// Wrapped, not cut: the officer must read all of it to act.
			for _, l := range strings.Split(lipgloss.NewStyle().Width(max(s.w-6, 10)).Render("! "+p), "\n") {
				lines = append(lines, "    "+st.Error.Render(l))
			}
		}
	}
	field(setupName, "name", true, s.name)
	field(setupProvince, "province", true, s.province)
	// The matching provinces: a window of them around the one picked.
	rows := 4
	if s.focus == setupProvince {
		rows = max(min(s.h-18, 8), 3)
	}
	start := max(min(s.pick-rows/2, len(s.matches)-rows), 0)
	for i := start; i < min(start+rows, len(s.matches)); i++ {
		name := s.matches[i].Name
		if i == s.pick {
			lines = append(lines, "    "+st.RowActive.Render(" "+name+" "))
		} else {
			lines = append(lines, "     "+st.Muted.Render(name))
		}
	}
	if len(s.matches) == 0 {
		lines = append(lines, "    "+st.Error.Render(c.t(i18n.UINoProvince)))
	}
	field(setupPosition, "position", false, s.position)
	field(setupCode, "hq_code", false, s.code)
	if s.linked != "" {
		lines = append(lines, "    "+st.Muted.Render(c.t(i18n.UILinkedTo, vntext.ForTerminal(s.linked))))
	}
	if s.settings {
		langs := []string{c.t(i18n.UILangVI), c.t(i18n.UILangEN)}
		v := "‹ " + langs[s.lang] + " ›"
		if s.focus == setupLang {
			v = st.LabelFocus.Render(v)
		}
		lines = append(lines, "", label(setupLang, "lang", false), "    "+v)
	}
	for i, l := range lines {
		lines[i] = fitLine(l, s.w)
	}
	// Keep the focused field on screen on short windows.
	if len(lines) > s.h {
		cut := len(lines) - s.h
		if s.focus <= setupProvince {
			lines = lines[:s.h]
		} else {
			lines = lines[cut:]
		}
	}
	return strings.Join(lines, "\n")
}

func (s *setupScreen) ShortHelp() []key.Binding {
	k := s.ctx.keys.Form
	b := []key.Binding{k.Save, k.Next, k.Prev}
	if s.settings {
		b = append(b, k.Cancel)
	}
	return b
}

func (s *setupScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }
