package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"sotay/i18n"
	"sotay/record"
	"sotay/store"
	"sotay/vntext"
)

// noticeLimit bounds the notices listed: HQ sends a few a week.
const noticeLimit = 200

// noticeList is the tab of HQ's notices, newest first; unread ones are
// marked until opened.
type noticeList struct {
	ctx     *shared
	w, h    int
	notices []store.Notice
	cur     cursor
	unread  int
	answers int // difficulties with news from HQ
	err     error
	loaded  bool
}

func newNoticeList(c *shared) *noticeList { return &noticeList{ctx: c} }

// Messages of the inbox.
type (
	noticesMsg struct {
		notices         []store.Notice
		unread, answers int
		err             error
	}
	unreadMsg struct {
		kind  record.Kind
		ids   map[string]bool
		views map[string]store.HQView // review and receipt of each record of the page
	}
)

func (n *noticeList) reload() tea.Cmd {
	st, bg := n.ctx.st, n.ctx.bg
	return func() tea.Msg {
		ns, err := st.Notices(bg, noticeLimit)
		if err != nil {
			return noticesMsg{err: err}
		}
		u, a, err := st.UnreadCounts()
		return noticesMsg{notices: ns, unread: u, answers: a, err: err}
	}
}

func (n *noticeList) shown() tea.Cmd { return n.reload() }

func (n *noticeList) SetSize(w, h int) {
	n.w, n.h = w, h
	n.cur.setRoom(h - 1) // under the title
}

func (n *noticeList) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case noticesMsg:
		n.loaded = true
		n.err = msg.err
		if msg.err == nil {
			n.notices, n.unread, n.answers = msg.notices, msg.unread, msg.answers
			n.cur.setLen(len(n.notices))
		}
	case syncDoneMsg, changedMsg, unreadChangedMsg:
		return n.reload()
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelUp {
			n.cur.move(-3)
		} else if msg.Button == tea.MouseWheelDown {
			n.cur.move(3)
		}
	case tea.MouseClickMsg:
		// A click selects a notice; a click on the selected one opens it.
		start, end := n.cur.window()
		if i := start + msg.Y - 1; msg.Y >= 1 && i < end {
			if i == n.cur.sel {
				return n.open()
			}
			n.cur.to(i)
		}
	case tea.KeyPressMsg:
		k := n.ctx.keys.List
		switch {
		case key.Matches(msg, k.Down):
			n.cur.move(1)
		case key.Matches(msg, k.Up):
			n.cur.move(-1)
		case key.Matches(msg, k.PageDown):
			n.cur.move(n.h - 2)
		case key.Matches(msg, k.PageUp):
			n.cur.move(-(n.h - 2))
		case key.Matches(msg, k.Home):
			n.cur.to(0)
		case key.Matches(msg, k.End):
			n.cur.to(len(n.notices) - 1)
		case key.Matches(msg, k.Open):
			return n.open()
		}
	}
	return nil
}

// open shows the selected notice and marks it read.
func (n *noticeList) open() tea.Cmd {
	if n.cur.sel >= len(n.notices) {
		return nil
	}
	no := n.notices[n.cur.sel]
	st := n.ctx.st
	read := func() tea.Msg {
		if err := st.MarkNoticeRead(no.ID); err != nil {
			return nil
		}
		return unreadChangedMsg{}
	}
	return tea.Batch(push(newNoticeView(n.ctx, no)), read)
}

func (n *noticeList) View() string {
	c := n.ctx
	s := c.styles
	lines := []string{s.Title.Render(c.t(i18n.UITabNotices)) + "  " + s.Muted.Render(c.t(i18n.UIUnreadCount, n.unread))}
	switch {
	case n.err != nil:
		lines = append(lines, s.Error.Render(c.cat.Error(n.err)))
	case !n.loaded:
		lines = append(lines, s.Muted.Render(c.t(i18n.UILoading)))
	case len(n.notices) == 0:
		lines = append(lines, s.Muted.Render(c.t(i18n.UINoNotices)))
	}
	start, end := n.cur.window()
	for i := start; i < end; i++ {
		no := n.notices[i]
		mark := "  "
		if !no.Read {
			mark = s.Unread.Render("● ")
		}
		line := mark + fit(no.At.In(c.loc).Format("02/01/2006"), 11) + oneLine(vntext.ForTerminal(no.Title))
		line = fit(line, n.w)
		if i == n.cur.sel {
			line = s.RowActive.Render(line)
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

func (n *noticeList) ShortHelp() []key.Binding {
	k := n.ctx.keys.List
	return []key.Binding{k.Open, k.Down, n.ctx.keys.Global.NextTab}
}

func (n *noticeList) FullHelp() [][]key.Binding {
	k := n.ctx.keys.List
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Open}}
}

// noticeView shows one notice, however long, in a pager.
type noticeView struct {
	ctx    *shared
	n      store.Notice
	w, h   int
	pager  pager
	closed bool
}

func (v *noticeView) done() bool { return v.closed }

func newNoticeView(c *shared, n store.Notice) *noticeView {
	return &noticeView{ctx: c, n: n, pager: newPager()}
}

func (v *noticeView) SetSize(w, h int) {
	v.w, v.h = w, h
	v.pager.SetSize(w, h)
	v.layout()
}

// layout sets the notice's text for the width, language and theme.
func (v *noticeView) layout() {
	s := v.ctx.styles
	body := lipgloss.NewStyle().Width(max(v.w-4, 10)).Render(vntext.ForTerminal(v.n.Text))
	lines := append([]string{
		fitLine(s.Title.Render(oneLine(vntext.ForTerminal(v.n.Title))), v.w),
		s.Muted.Render(v.n.At.In(v.ctx.loc).Format("02/01/2006 15:04")),
		"",
	}, strings.Split(body, "\n")...)
	v.pager.setLines(lines)
}

func (v *noticeView) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case langMsg, tea.BackgroundColorMsg:
		v.layout()
	case tea.MouseWheelMsg:
		v.pager.update(msg, v.ctx.keys.Scroll)
	case tea.KeyPressMsg:
		if key.Matches(msg, v.ctx.keys.Detail.Back) {
			v.closed = true
			return nil
		}
		v.pager.update(msg, v.ctx.keys.Scroll)
	}
	return nil
}

func (v *noticeView) View() string { return v.pager.View() }

func (v *noticeView) ShortHelp() []key.Binding {
	return []key.Binding{v.ctx.keys.Scroll.Down, v.ctx.keys.Scroll.PageDown, v.ctx.keys.Detail.Back}
}

func (v *noticeView) FullHelp() [][]key.Binding {
	sk := v.ctx.keys.Scroll
	return [][]key.Binding{{sk.Up, sk.Down, sk.PageUp, sk.PageDown, sk.Home, sk.End}, {v.ctx.keys.Detail.Back}}
}

// unreadCmd finds, in one read, what HQ said of the page's records: which
// have news (an answer, a status, a review) and their review and receipt,
// for the marks of the list.
func (l *recordList) unreadCmd() tea.Cmd {
	if len(l.page) == 0 {
		return nil
	}
	ids := make([]string, len(l.page))
	for i, r := range l.page {
		ids[i] = r.ID
	}
	st, kind, log := l.ctx.st, l.kind, l.ctx.log
	return func() tea.Msg {
		views, err := st.HQViews(ids)
		if err != nil {
			log.Error("read HQ's view of the list", "err", err)
			return nil
		}
		out := map[string]bool{}
		for id, v := range views {
			if v.Unread {
				out[id] = true
			}
		}
		return unreadMsg{kind: kind, ids: out, views: views}
	}
}

// markReadCmd records that the officer opened a difficulty.
func markReadCmd(c *shared, id string) tea.Cmd {
	st, log := c.st, c.log
	return func() tea.Msg {
		if u, err := st.Unread(id); err != nil || !u {
			return nil
		}
		if err := st.MarkRead(id); err != nil {
			log.Error("mark read", "id", id, "err", err)
			return nil
		}
		return unreadChangedMsg{}
	}
}

// unreadChangedMsg asks the lists to read the unread marks again.
type unreadChangedMsg struct{}

func (n *noticeList) Init() tea.Cmd { return n.reload() }
func (v *noticeView) Init() tea.Cmd { return nil }
