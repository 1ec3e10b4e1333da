package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"sotay/domain"
	"sotay/i18n"
	"sotay/record"
	"sotay/store"
	"sotay/sync"
	"sotay/vntext"
)

// setupScreen asks who keeps the notebook: on the first run (name,
// province, position, an optional enrollment code) and later as the
// settings screen, which adds the language. It is a configuration of the
// form; what it adds is the saving of the profile and the enrollment.
type setupScreen struct {
	ctx      *shared
	settings bool
	form     *form
	closed   bool
	linked   string // HQ's address when the notebook is enrolled
}

func (s *setupScreen) done() bool { return s.closed }

// languages are the choices of the language field.
func languages() []domain.Term {
	vi, en := i18n.New(i18n.VI), i18n.New(i18n.EN)
	return []domain.Term{
		{Slug: string(i18n.VI), VI: vi.T(i18n.UILangVI), EN: en.T(i18n.UILangVI)},
		{Slug: string(i18n.EN), VI: vi.T(i18n.UILangEN), EN: en.T(i18n.UILangEN)},
	}
}

func newSetupScreen(c *shared, settings bool) *setupScreen {
	s := &setupScreen{ctx: c, settings: settings}
	fields := []record.Field{
		{Name: "name", Type: record.Text, Required: true, Max: record.MaxShort},
		{Name: "province", Type: record.Text, Required: true, Max: 60},
		{Name: "position", Type: record.Text, Max: record.MaxShort},
		{Name: "hq_code", Type: record.Text, Max: 4096},
	}
	if settings {
		fields = append(fields, record.Field{Name: "lang", Type: record.Choice, Choices: languages})
	}
	s.form = newFormOf(c, formConfig{
		fields: fields,
		label: func(name string) string {
			switch name {
			case "hq_code":
				return c.t(i18n.UIEnrollCode)
			case "lang":
				return c.t(i18n.UILanguage)
			}
			return c.cat.Field(name)
		},
		title: func() string {
			if settings {
				return c.t(i18n.UISettingsTitle)
			}
			return c.t(i18n.UISetupTitle)
		},
		hint: func() string {
			if settings {
				return c.t(i18n.UIFormHint)
			}
			return c.t(i18n.UISetupIntro)
		},
		submit: func() tea.Cmd { return s.save() },
		cancel: func() tea.Cmd {
			s.closed = settings // the first run has nowhere to go back to
			return nil
		},
		enterOnLast: true,
		pick:        map[string][]pickOption{"province": provinceOptions()},
		note: func(name string) string {
			if name == "hq_code" && s.linked != "" {
				return c.t(i18n.UILinkedTo, vntext.ForTerminal(s.linked))
			}
			return ""
		},
	})
	if settings {
		p := c.profile
		s.form.field("name").setValue(p.Name)
		s.form.field("province").setValue(p.Province)
		s.form.field("position").setValue(p.Position)
		s.form.field("lang").setValue(string(c.cat.Lang))
	}
	return s
}

// settingsMsg carries the HQ the notebook is linked to into the settings
// screen.
type settingsMsg struct{ hq string }

func (s *setupScreen) Init() tea.Cmd {
	cmds := []tea.Cmd{s.form.Init()}
	if s.settings {
		st := s.ctx.st
		cmds = append(cmds, func() tea.Msg {
			ss, _ := st.SyncState()
			return settingsMsg{ss.HQ}
		})
	}
	return tea.Batch(cmds...)
}

func (s *setupScreen) capturing() bool  { return true }
func (s *setupScreen) SetSize(w, h int) { s.form.SetSize(w, h) }
func (s *setupScreen) View() string     { return s.form.View() }

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
		return nil
	case profileSavedMsg:
		if msg.s == s {
			return s.saved(msg)
		}
		return nil
	}
	return s.form.Update(msg)
}

func (s *setupScreen) lang() i18n.Lang {
	if ff := s.form.field("lang"); ff != nil && ff.value() == string(i18n.EN) {
		return i18n.EN
	}
	return i18n.VI
}

func (s *setupScreen) save() tea.Cmd {
	f := s.form
	if f.saving {
		return nil
	}
	p := s.ctx.profile
	p.Name, p.Position, p.Province = f.field("name").value(), f.field("position").value(), f.field("province").value()
	code, settings, lang, st, log := strings.TrimSpace(f.field("hq_code").value()), s.settings, s.lang(), s.ctx.st, s.ctx.log
	f.saving = true
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
	f := s.form
	f.saving = false
	f.problem = ""
	for _, ff := range f.fields {
		ff.problem = ""
	}
	defer f.follow()
	if msg.codeErr != nil {
		// Beneath the code's field the error's own words say it all; a
		// prefix ("the code cannot be used: …") only repeated them.
		f.field("hq_code").problem = s.ctx.cat.Error(msg.codeErr)
		for i, ff := range f.fields {
			if ff.f.Name == "hq_code" {
				return f.focusField(i)
			}
		}
		return nil
	}
	if msg.err != nil {
		if ve, ok := record.AsValidation(msg.err); ok {
			for _, fe := range ve.Fields {
				if ff := f.field(fe.Field); ff != nil {
					ff.problem = s.ctx.cat.Problem(fe)
				}
			}
			return nil
		}
		f.problem = s.ctx.t(i18n.UISaveFailed, s.ctx.cat.Error(msg.err))
		return nil
	}
	p := msg.p
	cmds := []tea.Cmd{func() tea.Msg { return profileMsg{p} }}
	if msg.client != nil {
		c := msg.client
		cmds = append(cmds, func() tea.Msg { return enrolledMsg{c} })
	}
	if s.settings {
		lang := s.lang()
		cmds = append([]tea.Cmd{pop}, cmds...)
		cmds = append(cmds, func() tea.Msg { return langMsg{lang} }, toast(i18n.New(lang).T(i18n.UISettingsSaved), false))
	}
	return tea.Sequence(cmds...)
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
