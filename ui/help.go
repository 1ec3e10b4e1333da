package ui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"sotay/i18n"
)

// helpScreen lists every key: those of the screen it was opened from, then
// the ones that work everywhere.
type helpScreen struct {
	ctx    *shared
	from   component
	w, h   int
	model  help.Model
	pager  pager
	closed bool
}

func (h *helpScreen) done() bool { return h.closed }

func newHelpScreen(c *shared, from component) *helpScreen {
	m := help.New()
	m.ShowAll = true
	return &helpScreen{ctx: c, from: from, model: m, pager: newPager()}
}

func (h *helpScreen) SetSize(w, ht int) {
	h.w, h.h = w, ht
	h.model.SetWidth(w)
	h.pager.SetSize(w, ht)
	h.pager.setLines(strings.Split(h.text(), "\n"))
}

func (h *helpScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case langMsg, tea.BackgroundColorMsg:
		h.pager.setLines(strings.Split(h.text(), "\n"))
	case tea.MouseWheelMsg:
		h.pager.update(msg, h.ctx.keys.Scroll)
	case tea.KeyPressMsg:
		// A scroll key scrolls while there is more to read; any other key,
		// or a scroll key with nowhere to go, closes help.
		if !h.pager.update(msg, h.ctx.keys.Scroll) {
			h.closed = true
		}
	}
	return nil
}

func (h *helpScreen) View() string { return h.pager.View() }

// text lists the keys for the width, language and theme.
func (h *helpScreen) text() string {
	c := h.ctx
	s := c.styles
	h.model.Styles = c.styles.Help
	g := c.keys.Global
	out := []string{
		s.Title.Render(c.t(i18n.UIHelpTitle)),
		"",
		s.Label.Render(c.t(i18n.UIHelpHere)),
		h.model.FullHelpView(h.from.FullHelp()),
		"",
		s.Label.Render(c.t(i18n.UIHelpEverywhere)),
		h.model.FullHelpView([][]key.Binding{{g.NextTab, g.PrevTab, g.Tabs[0]}, {g.Sync, g.Settings, g.Report}, {g.Parked, g.Undo, g.Bin}, {g.Help, g.Quit, g.ForceQuit}}),
		"",
		s.Label.Render(c.t(i18n.UIHelpForms)),
		h.model.FullHelpView(c.keys.Form.helpGroups()),
		"",
		s.Muted.Render(c.t(i18n.UIHelpClose)),
	}
	return strings.Join(out, "\n")
}

func (k FormKeys) helpGroups() [][]key.Binding {
	return [][]key.Binding{{k.Next, k.Prev}, {k.ChoicePrev, k.ChoiceNext}, {k.Save, k.Cancel}}
}

func (h *helpScreen) ShortHelp() []key.Binding  { return nil }
func (h *helpScreen) FullHelp() [][]key.Binding { return nil }

func (h *helpScreen) Init() tea.Cmd { return nil }
