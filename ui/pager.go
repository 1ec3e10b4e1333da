package ui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
)

// pager shows a long text (a record, a notice, the report's preview, help)
// in a viewport that the scroll keys and the mouse wheel move. The text is
// laid out by its owner when it or the size changes, never while drawing.
type pager struct {
	vp viewport.Model
}

func newPager() pager {
	vp := viewport.New()
	vp.SoftWrap = false
	vp.SetHorizontalStep(0)
	return pager{vp: vp}
}

func (p *pager) SetSize(w, h int) {
	p.vp.SetWidth(max(w, 1))
	p.vp.SetHeight(max(h, 1))
}

// setLines replaces the text, keeping the place read when it still exists.
func (p *pager) setLines(lines []string) { p.vp.SetContentLines(lines) }

// top goes back to the start of the text.
func (p *pager) top() { p.vp.GotoTop() }

// update scrolls for a scroll key or the wheel and reports whether msg was
// one of them and moved the text.
func (p *pager) update(msg tea.Msg, k ScrollKeys) bool {
	before := p.vp.YOffset()
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			p.vp.ScrollUp(3)
		case tea.MouseWheelDown:
			p.vp.ScrollDown(3)
		}
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Up):
			p.vp.ScrollUp(1)
		case key.Matches(msg, k.Down):
			p.vp.ScrollDown(1)
		case key.Matches(msg, k.PageUp):
			p.vp.PageUp()
		case key.Matches(msg, k.PageDown):
			p.vp.PageDown()
		case key.Matches(msg, k.Home):
			p.vp.GotoTop()
		case key.Matches(msg, k.End):
			p.vp.GotoBottom()
		}
	}
	return p.vp.YOffset() != before
}

// scrolls reports whether msg is a scroll key or the wheel, moved or not.
func scrolls(msg tea.Msg, k ScrollKeys) bool {
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		return true
	case tea.KeyPressMsg:
		return key.Matches(msg, k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End)
	}
	return false
}

func (p *pager) View() string { return p.vp.View() }
