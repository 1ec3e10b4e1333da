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
	"sotay/vntext"
)

// detail shows one record whole, with what HQ said of it (its receipt and
// review); a difficulty also shows HQ's status and its thread (HQ's answers
// and the officer's follow-ups in one order), read-only.
type detail struct {
	ctx    *shared
	rec    record.Record
	hq     store.HQView // read in a Cmd (hqViewMsg)
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

func (d *detail) Init() tea.Cmd {
	return tea.Batch(markRead(d.ctx, d.rec), loadHQView(d.ctx, d.rec.ID))
}

// hqViewMsg is what HQ said of a record, read from the notebook.
type hqViewMsg struct {
	id   string
	view store.HQView
}

func loadHQView(c *shared, id string) tea.Cmd {
	st, log := c.st, c.log
	return func() tea.Msg {
		vs, err := st.HQViews([]string{id})
		if err != nil {
			log.Error("read HQ's view of a record", "id", id, "err", err)
			return nil
		}
		return hqViewMsg{id, vs[id]}
	}
}

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
		return tea.Batch(func() tea.Msg {
			r, err := st.Get(id)
			return recordMsg{r, err}
		}, loadHQView(d.ctx, id))
	case hqViewMsg:
		if msg.id == d.rec.ID {
			d.hq = msg.view
			d.layout()
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
		case key.Matches(msg, k.Duplicate):
			return openFilledForm(d.ctx, d.rec, "")
		case key.Matches(msg, k.SaveTemplate):
			return saveTemplateDialog(d.ctx, d.rec)
		case key.Matches(msg, k.Open):
			return d.openFiles()
		case key.Matches(msg, k.Attach) && !d.gone:
			return push(newAttachPage(d.ctx, d.rec))
		case key.Matches(msg, k.Reply) && !d.gone && d.rec.Kind == record.KindDifficulty:
			return push(newReply(d.ctx, d.rec, false))
		case key.Matches(msg, k.Resolve) && !d.gone && d.rec.Kind == record.KindDifficulty:
			return push(newReply(d.ctx, d.rec, true))
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
		if v == "" { // not recorded; a recorded 0 shows as 0
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
	out = append(out, d.fileLines()...)
	out = append(out, "")
	out = append(out, d.hqLines(width)...)
	if r.Kind == record.KindDifficulty {
		st := termLabel(c, domain.Statuses(), vntext.ForTerminal(record.StatusOrNew(r.Status)))
		out = append(out, "", s.Title.Render(c.t(i18n.UIFromHQ))+"  "+s.Label.Render(c.cat.Field("status")+":")+" "+s.Warn.Render(st))
		out = append(out, d.threadLines(width)...)
	}
	out = append(out, "", s.Muted.Render(c.t(i18n.UIRecordMeta, r.ID, r.Rev, r.Updated.In(c.loc).Format("02/01/2006 15:04"))))
	for i, l := range out {
		out[i] = fitLine(l, d.w)
	}
	return out
}

// hqLines say whether HQ holds the record as it is now, and since when,
// or why not; and HQ's review with its comment.
func (d *detail) hqLines(width int) []string {
	c, s, v, r := d.ctx, d.ctx.styles, d.hq, &d.rec
	var out []string
	switch {
	case v.Received(r.Rev):
		out = append(out, s.OK.Render("✓ "+c.t(i18n.TalkReceived, v.Receipt.At.In(c.loc).Format("15:04 02/01"))))
	case v.Parked != nil:
		out = append(out, s.Error.Render(c.t(i18n.TalkParked, c.cat.ParkedReason(*v.Parked))))
	default:
		line := c.t(i18n.TalkNotReceived)
		if v.Pending {
			line += ": " + c.t(i18n.TalkPendingSend)
		}
		out = append(out, s.Muted.Render(line))
	}
	if rv := v.Review; rv != nil {
		style := s.Muted
		if rv.NeedsFix(r.Rev) || rv.Locked() {
			style = s.Warn
		}
		state := rv.State
		if state == record.ReviewHasIssues && !rv.NeedsFix(r.Rev) {
			state = record.ReviewEdited // fixed here, HQ has yet to see it
		}
		out = append(out, style.Render(c.cat.ReviewState(state)))
		if rv.Comment != "" {
			for _, l := range strings.Split(lipgloss.NewStyle().Width(max(width-2, 10)).Render(vntext.ForTerminal(rv.Comment)), "\n") {
				out = append(out, "  "+l)
			}
		}
	}
	return out
}

// threadLines are the difficulty's thread: HQ's answers and status
// changes and the officer's follow-ups, in their one order.
func (d *detail) threadLines(width int) []string {
	c, s, r := d.ctx, d.ctx.styles, &d.rec
	th := r.Thread()
	if len(th) == 0 {
		return []string{"  " + s.Muted.Render(c.t(i18n.UINoResponses))}
	}
	var out []string
	for _, it := range th {
		head := it.At.In(c.loc).Format("02/01/2006 15:04") + " · "
		if it.From == record.FromOfficer {
			head += c.t(i18n.TalkFromOfficer)
		} else if a := vntext.ForTerminal(it.Author); a != "" {
			head += a
		} else {
			head += c.t(i18n.TalkFromHQ)
		}
		if it.Status != "" {
			head += " · " + c.t(i18n.TalkStatusSet, termLabel(c, domain.Statuses(), vntext.ForTerminal(it.Status)))
		}
		if it.Resolved {
			head += " · " + c.t(i18n.TalkResolved)
		}
		out = append(out, "  "+s.Muted.Render(head))
		if it.Text != "" {
			for _, l := range strings.Split(lipgloss.NewStyle().Width(max(width-2, 10)).Render(vntext.ForTerminal(it.Text)), "\n") {
				out = append(out, "    "+l)
			}
		}
	}
	if r.WaitingForHQ() {
		out = append(out, "  "+s.Warn.Render(c.t(i18n.TalkWaiting)))
	}
	return out
}

func (d *detail) View() string { return d.pager.View() }

func (d *detail) ShortHelp() []key.Binding {
	k := d.ctx.keys.Detail
	if d.rec.Kind == record.KindDifficulty {
		return []key.Binding{k.Edit, k.Reply, k.Delete, d.ctx.keys.Scroll.Down, k.Back}
	}
	return []key.Binding{k.Edit, k.Delete, d.ctx.keys.Scroll.Down, k.Back}
}

func (d *detail) FullHelp() [][]key.Binding {
	k, sk := d.ctx.keys.Detail, d.ctx.keys.Scroll
	if d.rec.Kind == record.KindDifficulty {
		return [][]key.Binding{{sk.Up, sk.Down, sk.PageUp, sk.PageDown}, {k.Edit, k.Delete, k.Reply, k.Resolve, k.Attach, k.Open, k.Back}, {k.Duplicate, k.SaveTemplate}}
	}
	return [][]key.Binding{{sk.Up, sk.Down, sk.PageUp, sk.PageDown}, {k.Edit, k.Delete, k.Attach, k.Open, k.Back}, {k.Duplicate, k.SaveTemplate}}
}

// markRead tells the store the officer has seen HQ's latest on r (an
// answer, or a review of a record of any kind).
func markRead(c *shared, r record.Record) tea.Cmd { return markReadCmd(c, r.ID) }
