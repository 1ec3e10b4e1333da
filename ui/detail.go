package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"sotay/domain"
	"sotay/i18n"
	"sotay/record"
	"sotay/vntext"
)

// detail shows one record whole; a difficulty also shows HQ's status and
// its answers, read-only.
type detail struct {
	ctx    *shared
	rec    record.Record
	w, h   int
	pager  pager
	gone   bool
	closed bool
}

func (d *detail) done() bool { return d.closed }

func newDetail(c *shared, r record.Record) *detail { return &detail{ctx: c, rec: r, pager: newPager()} }

// recordMsg is a record read again after a change.
type recordMsg struct {
	rec record.Record
	err error
}

func (d *detail) Init() tea.Cmd { return markRead(d.ctx, d.rec) }

func (d *detail) SetSize(w, h int) {
	d.w, d.h = w, h
	d.pager.SetSize(w, h)
	d.layout()
}

// layout sets the text of the record for the width, language and theme.
func (d *detail) layout() { d.pager.setLines(d.lines()) }

func (d *detail) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case changedMsg:
		st, id := d.ctx.st, d.rec.ID
		return func() tea.Msg {
			r, err := st.Get(id)
			return recordMsg{r, err}
		}
	case recordMsg:
		if msg.err == nil && msg.rec.ID == d.rec.ID {
			d.rec = msg.rec
			d.gone = msg.rec.Deleted
			d.layout()
		}
	case langMsg, tea.BackgroundColorMsg:
		d.layout()
	case tea.MouseWheelMsg:
		d.pager.update(msg, d.ctx.keys.Scroll)
	case tea.KeyPressMsg:
		k := d.ctx.keys.Detail
		switch {
		case key.Matches(msg, k.Back):
			d.closed = true
		case scrolls(msg, d.ctx.keys.Scroll):
			d.pager.update(msg, d.ctx.keys.Scroll)
		case key.Matches(msg, k.Edit) && !d.gone:
			return openForm(d.ctx, d.rec.Kind, d.rec)
		case key.Matches(msg, k.Delete) && !d.gone:
			return confirmDelete(d.ctx, d.rec, true)
		}
	}
	return nil
}

func (d *detail) lines() []string {
	c := d.ctx
	s := c.styles
	r := &d.rec
	width := max(d.w-4, 10)
	var out []string
	out = append(out, s.Title.Render(c.cat.Kind(r.Kind)+": "+oneLine(r.Summary())))
	if d.gone {
		out = append(out, s.Error.Render(c.t(i18n.UIRecordGone)))
	}
	out = append(out, "")
	// The label column fits the longest label, up to half the width; a
	// label longer than that stands on its own line above its value.
	labelW := 0
	for _, f := range record.Fields(r.Kind) {
		if !f.HQOwned {
			labelW = max(labelW, lipgloss.Width(c.cat.Field(f.Name)))
		}
	}
	labelW = min(labelW+2, width/2)
	indent := strings.Repeat(" ", labelW)
	for _, f := range record.Fields(r.Kind) {
		if f.HQOwned {
			continue
		}
		v := r.Value(f.Name)
		switch f.Type {
		case record.Date:
			v = vntext.FormatDate(v)
		case record.Choice:
			v = termLabel(c, f.Choices(), v)
		case record.Number:
			v = c.decimal(v)
		}
		if v == "" || (f.Type == record.Number && v == "0") {
			v = s.Muted.Render("—")
		}
		name := c.cat.Field(f.Name)
		label := s.Label.Render(name) + strings.Repeat(" ", max(labelW-lipgloss.Width(name), 0))
		if lipgloss.Width(name) > labelW-2 {
			out = append(out, s.Label.Render(name))
			label = indent
		}
		// Short values beside their label, long text wrapped beneath it.
		if f.Type != record.LongText {
			out = append(out, label+oneLine(v))
			continue
		}
		wrapped := strings.Split(lipgloss.NewStyle().Width(max(width-labelW, 10)).Render(v), "\n")
		out = append(out, label+wrapped[0])
		for _, l := range wrapped[1:] {
			out = append(out, indent+l)
		}
	}
	if r.Kind == record.KindDifficulty {
		st := termLabel(c, domain.Statuses(), vntext.ForTerminal(record.StatusOrNew(r.Status)))
		out = append(out, "", s.Title.Render(c.t(i18n.UIFromHQ))+"  "+s.Label.Render(c.cat.Field("status")+":")+" "+s.Warn.Render(st))
		if len(r.Responses) == 0 {
			out = append(out, "  "+s.Muted.Render(c.t(i18n.UINoResponses)))
		}
		for _, resp := range r.Responses {
			head := resp.At.In(c.loc).Format("02/01/2006 15:04")
			if a := vntext.ForTerminal(resp.Author); a != "" {
				head += " · " + a
			}
			out = append(out, "  "+s.Muted.Render(head))
			for _, l := range strings.Split(lipgloss.NewStyle().Width(width-2).Render(vntext.ForTerminal(resp.Text)), "\n") {
				out = append(out, "    "+l)
			}
		}
	}
	out = append(out, "", s.Muted.Render(c.t(i18n.UIRecordMeta, r.ID, r.Rev, r.Updated.In(c.loc).Format("02/01/2006 15:04"))))
	for i, l := range out {
		out[i] = fitLine(l, d.w)
	}
	return out
}

func (d *detail) View() string { return d.pager.View() }

func (d *detail) ShortHelp() []key.Binding {
	k := d.ctx.keys.Detail
	return []key.Binding{k.Edit, k.Delete, d.ctx.keys.Scroll.Down, k.Back}
}

func (d *detail) FullHelp() [][]key.Binding {
	k, sk := d.ctx.keys.Detail, d.ctx.keys.Scroll
	return [][]key.Binding{{sk.Up, sk.Down, sk.PageUp, sk.PageDown}, {k.Edit, k.Delete, k.Back}}
}

// markRead tells the store the officer has seen HQ's latest on r.
func markRead(c *shared, r record.Record) tea.Cmd {
	if r.Kind != record.KindDifficulty {
		return nil
	}
	return markReadCmd(c, r.ID)
}
