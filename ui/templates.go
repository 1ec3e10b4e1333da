package ui

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"sotay/i18n"
	"sotay/record"
	"sotay/store"
)

// templatePage lists the templates of one kind of record by name: Enter
// opens the form of a new record from one, d deletes one (after asking).
// It is opened with N from that kind's list.
type templatePage struct {
	ctx    *shared
	kind   record.Kind
	items  []store.Template
	loaded bool
	err    error
	cur    cursor
	w, h   int
	closed bool
}

// templatesMsg carries the templates read from the store.
type templatesMsg struct {
	kind  record.Kind
	items []store.Template
	err   error
}

func newTemplatePage(c *shared, kind record.Kind) *templatePage {
	return &templatePage{ctx: c, kind: kind}
}

func (p *templatePage) done() bool    { return p.closed }
func (p *templatePage) Init() tea.Cmd { return p.load() }
func (p *templatePage) SetSize(w, h int) {
	p.w, p.h = w, h
	p.cur.setRoom(h - 3) // under the title, the hint and a blank line
}

func (p *templatePage) load() tea.Cmd {
	st, kind := p.ctx.st, p.kind
	return func() tea.Msg {
		items, err := st.Templates(kind)
		return templatesMsg{kind, items, err}
	}
}

func (p *templatePage) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case templatesMsg:
		if msg.kind != p.kind {
			return nil
		}
		p.loaded, p.err, p.items = true, msg.err, msg.items
		p.cur.setLen(len(p.items))
	case templatesChangedMsg:
		return p.load()
	case tea.KeyPressMsg:
		k := p.ctx.keys
		switch {
		case key.Matches(msg, k.Detail.Back):
			p.closed = true
		case key.Matches(msg, k.List.Up):
			p.cur.move(-1)
		case key.Matches(msg, k.List.Down):
			p.cur.move(1)
		case key.Matches(msg, k.Templates.Use):
			if t, ok := p.selected(); ok {
				p.closed = true
				return openFilledForm(p.ctx, t.Record, t.Name)
			}
		case key.Matches(msg, k.Templates.Delete):
			if t, ok := p.selected(); ok {
				return confirmDeleteTemplate(p.ctx, t)
			}
		}
	}
	return nil
}

func (p *templatePage) selected() (store.Template, bool) {
	if p.cur.sel < 0 || p.cur.sel >= len(p.items) {
		return store.Template{}, false
	}
	return p.items[p.cur.sel], true
}

// templatesChangedMsg says a template was saved or deleted.
type templatesChangedMsg struct{}

func confirmDeleteTemplate(c *shared, t store.Template) tea.Cmd {
	st := c.st
	return push(newConfirm(c, c.t(i18n.UITemplateDelete, t.Name), func() tea.Cmd {
		return func() tea.Msg {
			if err := st.DeleteTemplate(t.Record.Kind, t.Name); err != nil {
				return toastMsg{c.cat.Error(err), true}
			}
			return tea.Batch(func() tea.Msg { return templatesChangedMsg{} },
				toast(c.t(i18n.UITemplateDeleted, t.Name), false))()
		}
	}))
}

func (p *templatePage) View() string {
	c := p.ctx
	s := c.styles
	out := []string{s.Title.Render(c.t(i18n.UITemplatesTitle, lowerFirst(c.cat.Kind(p.kind))))}
	if p.loaded && p.err == nil && len(p.items) == 0 {
		return strings.Join(append(out, "", c.t(i18n.UITemplatesNone, c.keys.List.SaveTemplate.Help().Key)), "\n")
	}
	if state, ok := c.listState(out, p.err, p.loaded, len(p.items), i18n.UITemplatesNone); !ok {
		return state
	}
	k := c.keys
	out = append(out, s.Muted.Render(bindingsHint(k.Templates.Use, k.Templates.Delete, k.Detail.Back)), "")
	start, end := p.cur.window()
	for i := start; i < end; i++ {
		t := p.items[i]
		line := t.Name
		if sum := oneLine(t.Record.Summary()); sum != "" {
			line += s.Muted.Render(" — " + sum)
		}
		mark, rs := "  ", s.Row
		if i == p.cur.sel {
			mark, rs = "› ", s.RowActive
		}
		out = append(out, fitLine(mark+rs.Render(line), p.w))
	}
	return strings.Join(out, "\n")
}

func (p *templatePage) ShortHelp() []key.Binding {
	k := p.ctx.keys
	return []key.Binding{k.Templates.Use, k.Templates.Delete, k.List.Down, k.List.Up, k.Detail.Back}
}

func (p *templatePage) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

// saveTemplateDialog asks a name for a template made of r and saves it;
// a name already used asks before replacing that template.
func saveTemplateDialog(c *shared, r record.Record) tea.Cmd {
	var f *form
	f = newFormOf(c, formConfig{
		fields: []record.Field{{Name: "name", Type: record.Text, Required: true, Max: store.MaxTemplateName}},
		label:  func(string) string { return c.t(i18n.UITemplateName) },
		title:  func() string { return c.t(i18n.UITemplateSaveAs, oneLine(r.Summary())) },
		hint:   func() string { return c.t(i18n.UITemplateSaveHint) },
		submit: func() tea.Cmd {
			name := strings.TrimSpace(f.fields[0].value())
			if name == "" {
				f.fields[0].problem = c.t(i18n.UITemplateNameBad, store.MaxTemplateName)
				return nil
			}
			f.closed = true
			return saveTemplate(c, name, r, false)
		},
		cancel: func() tea.Cmd {
			f.closed = true
			return nil
		},
		enterSubmits: true,
		dialog:       true,
	})
	return push(f)
}

// saveTemplate saves r as the template name, in a Cmd; when the name is
// taken it asks whether to replace that template.
func saveTemplate(c *shared, name string, r record.Record, replace bool) tea.Cmd {
	st := c.st
	return func() tea.Msg {
		t, err := st.SaveTemplate(name, r, replace)
		switch {
		case errors.Is(err, store.ErrTemplateExists):
			return push(newConfirm(c, c.t(i18n.UITemplateReplace, name), func() tea.Cmd {
				return saveTemplate(c, name, r, true)
			}))()
		case errors.Is(err, store.ErrTemplateName):
			return toastMsg{c.t(i18n.UITemplateNameBad, store.MaxTemplateName), true}
		case err != nil:
			return toastMsg{c.cat.Error(err), true}
		}
		return tea.Batch(func() tea.Msg { return templatesChangedMsg{} },
			toast(c.t(i18n.UITemplateSaved, t.Name), false))()
	}
}
