package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"sotay/i18n"
	"sotay/record"
)

// reply is the page where the officer writes a follow-up on a difficulty,
// or the note that it was resolved on site. Saving is the store's one
// transaction (rev + 1 and the outbox entry); a refusal keeps the text.
type reply struct {
	ctx      *shared
	rec      record.Record
	resolved bool
	in       *areaInput
	w, h     int
	problem  string
	saving   bool
	closed   bool
}

type replySavedMsg struct {
	r   *reply
	rec record.Record
	err error
}

func newReply(c *shared, r record.Record, resolved bool) *reply {
	in := newAreaInput(record.MaxLong)
	return &reply{ctx: c, rec: r, resolved: resolved, in: in}
}

func (p *reply) Init() tea.Cmd   { return p.in.Focus() }
func (p *reply) capturing() bool { return true }
func (p *reply) done() bool      { return p.closed }
func (p *reply) SetSize(w, h int) {
	p.w, p.h = w, h
	p.in.SetWidth(max(w-4, 10))
	p.in.SetHeight(max(h-6, 3))
}

func (p *reply) Update(msg tea.Msg) tea.Cmd {
	k := p.ctx.keys.Form
	switch msg := msg.(type) {
	case replySavedMsg:
		if msg.r != p {
			return nil
		}
		p.saving = false
		if msg.err != nil {
			p.problem = p.ctx.cat.Error(msg.err)
			return nil
		}
		p.problem = ""
		key := i18n.TalkFollowUpSaved
		if p.resolved {
			key = i18n.TalkResolvedSaved
		}
		// Saved while no key is pressed: the page leaves by popMsg (the
		// root drops a closed page only after a key).
		return tea.Batch(pop, func() tea.Msg { return changedMsg{kind: record.KindDifficulty} },
			toast(p.ctx.t(key, msg.rec.Rev), false))
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Cancel):
			p.closed = true
			return nil
		case key.Matches(msg, k.Save):
			return p.save()
		}
	}
	cmd, _ := p.in.update(msg)
	return cmd
}

func (p *reply) save() tea.Cmd {
	text := p.in.Value()
	if strings.TrimSpace(text) == "" {
		p.problem = p.ctx.cat.Problem(&record.FieldError{Field: "followups", Problem: record.ProblemRequired})
		return nil
	}
	if p.saving {
		return nil
	}
	p.saving = true
	st, id, resolved := p.ctx.st, p.rec.ID, p.resolved
	return func() tea.Msg {
		var rec record.Record
		var err error
		if resolved {
			rec, err = st.Resolve(id, text)
		} else {
			rec, err = st.AddFollowUp(id, text)
		}
		return replySavedMsg{p, rec, err}
	}
}

func (p *reply) View() string {
	c, s := p.ctx, p.ctx.styles
	title := c.t(i18n.UIReplyTitle, oneLine(p.rec.Summary()))
	if p.resolved {
		title = c.t(i18n.UIResolveTitle, oneLine(p.rec.Summary()))
	}
	lines := []string{fitLine(s.Title.Render(title), p.w), ""}
	lines = append(lines, p.in.View())
	if p.problem != "" {
		lines = append(lines, fitLine(s.Error.Render(p.problem), p.w))
	}
	return strings.Join(lines, "\n")
}

func (p *reply) ShortHelp() []key.Binding {
	k := p.ctx.keys.Form
	return []key.Binding{k.Save, k.Cancel}
}

func (p *reply) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }
