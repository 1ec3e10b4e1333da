package ui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"sotay/domain"
	"sotay/i18n"
	"sotay/record"
	"sotay/store"
	"sotay/vntext"
)

// listPage is how many records a list holds: one page from the store.
const listPage = 50

// countCap bounds how far a filter's match count goes before it says
// "more than N": counting reads every match, and a count is only a hint.
const countCap = 1000

// recordList is the tab of one kind of record: a page of records, newest
// first, read from the store one page at a time, with a filter that goes
// through the store's search index.
type recordList struct {
	ctx  *shared
	kind record.Kind
	w, h int

	page  []record.Record
	after string   // the cursor this page was read from ("" for the first)
	prev  []string // the cursors of the pages before this one
	next  string   // the cursor of the page after ("" on the last)
	base  int      // the place of page[0] among all matches, from 0
	cur   cursor   // over page

	// Moves go to a place among all matches, not a row of the page: a burst
	// of keys lands where their sum says, however fast the pages come.
	want    int  // the place moved to
	seeking bool // pages are being read to reach want

	filter    *lineInput
	filtering bool
	query     string
	category  string
	severity  string
	status    string

	seq       int                // of the latest read asked for; older answers are dropped
	inflight  bool               // a page read is on its way
	stopCount context.CancelFunc // the count still running for an older query
	selectID  string             // select this record when the page lands
	total     int                // matching records (countCap+ when more)
	totalMore bool
	loaded    bool
	err       error
	unread    map[string]bool
	hq        map[string]store.HQView // what HQ said of the page's records (unreadMsg)
}

func newRecordList(c *shared, k record.Kind) *recordList {
	l := &recordList{ctx: c, kind: k, filter: newLineInput(record.MaxShort)}
	l.filter.Prompt = "/ "
	return l
}

// pageMsg is a page read for a list.
type pageMsg struct {
	kind  record.Kind
	seq   int
	after string
	prev  []string
	base  int
	sel   int // row to select; -1 for the last
	page  store.Page
	err   error
}

// countMsg is how many records a list's query matches.
type countMsg struct {
	kind record.Kind
	seq  int
	n    int
	more bool
	err  error
}

func (l *recordList) queryFor() store.Query {
	return store.Query{Kind: l.kind, Search: l.query, Category: l.category, Severity: l.severity, Status: l.status, Limit: listPage}
}

func (l *recordList) filtered() bool {
	return l.query != "" || l.category != "" || l.severity != "" || l.status != ""
}

// load reads the page starting at after, the match at place base; prev
// are the cursors before it.
func (l *recordList) load(after string, prev []string, base, sel int) tea.Cmd {
	l.seq++
	l.inflight = true
	seq, q, st, kind, bg := l.seq, l.queryFor(), l.ctx.st, l.kind, l.ctx.bg
	q.After = after
	return func() tea.Msg {
		p, err := st.List(bg, q)
		return pageMsg{kind: kind, seq: seq, after: after, prev: prev, base: base, sel: sel, page: p, err: err}
	}
}

// loadLast reads on from the page shown to the last one, in one Cmd, so
// that End reaches the oldest record without a frame per page.
func (l *recordList) loadLast() tea.Cmd {
	l.seq++
	l.inflight = true
	seq, q, st, kind, bg := l.seq, l.queryFor(), l.ctx.st, l.kind, l.ctx.bg
	after, prev, base := l.after, append([]string(nil), l.prev...), l.base
	return func() tea.Msg {
		for {
			q.After = after
			p, err := st.List(bg, q)
			if err != nil || p.Next == "" {
				return pageMsg{kind: kind, seq: seq, after: after, prev: prev, base: base, sel: -1, page: p, err: err}
			}
			prev = append(prev, after)
			after, base = p.Next, base+len(p.Records)
		}
	}
}

// reload reads the first page again and recounts.
func (l *recordList) reload() tea.Cmd {
	l.seeking = false
	cmd := l.load("", nil, 0, 0)
	return tea.Batch(cmd, l.countCmd())
}

// refresh re-reads the page shown, keeping the selection, after a change.
func (l *recordList) refresh() tea.Cmd {
	return tea.Batch(l.load(l.after, l.prev, l.base, l.cur.sel), l.countCmd())
}

func (l *recordList) countCmd() tea.Cmd {
	seq, q, st, kind, filtered := l.seq, l.queryFor(), l.ctx.st, l.kind, l.filtered()
	// The store keeps a counter per status: a status alone is counted
	// exactly, as the kind's total is, not up to countCap.
	byStatus := q.Status != "" && q.Search == "" && q.Category == "" && q.Severity == ""
	q.Limit = 0
	if l.stopCount != nil {
		l.stopCount() // typing on: the older query's count is of no use
	}
	ctx, cancel := context.WithCancel(l.ctx.bg)
	l.stopCount = cancel
	return func() tea.Msg {
		defer cancel()
		if !filtered || byStatus {
			c, err := st.Counts()
			if byStatus {
				return countMsg{kind: kind, seq: seq, n: c.Statuses[q.Status], err: err}
			}
			return countMsg{kind: kind, seq: seq, n: c.Kinds[kind], err: err}
		}
		n, more, err := st.Count(ctx, q, countCap)
		if ctx.Err() != nil {
			return nil
		}
		return countMsg{kind: kind, seq: seq, n: n, more: more, err: err}
	}
}

func (l *recordList) SetSize(w, h int) {
	l.w, l.h = w, h
	l.filter.SetWidth(max(w-4, 1))
	l.cur.setRoom(l.rows())
}

func (l *recordList) capturing() bool { return l.filtering }

// rows is how many records fit under the title, filter and header lines.
func (l *recordList) rows() int { return max(l.h-l.chrome(), 1) }

func (l *recordList) chrome() int {
	n := 2 // title, column header
	if l.filtering || l.query != "" {
		n++
	}
	if l.choiceFilters() {
		n++
	}
	return n
}

// choiceFilters reports whether a difficulty's category, severity or
// status filter is on.
func (l *recordList) choiceFilters() bool {
	return l.category != "" || l.severity != "" || l.status != ""
}

// filterLine names every filter on, each whole but the longest, which is
// shortened until all fit: a filter out of sight is a filter forgotten.
func (l *recordList) filterLine() string {
	c := l.ctx
	s := c.styles
	type shown struct {
		label i18n.Key
		value string
	}
	var parts []shown
	for _, f := range []struct {
		label i18n.Key
		val   string
		terms []domain.Term
	}{{i18n.UIFilterCategory, l.category, domain.Categories()}, {i18n.UIFilterSeverity, l.severity, domain.Severities()}, {i18n.UIFilterStatus, l.status, domain.Statuses()}} {
		if f.val != "" {
			t, _ := domain.Find(f.terms, f.val)
			parts = append(parts, shown{f.label, c.cat.Term(t)})
		}
	}
	clear := "  " + c.t(i18n.UIFilterClear, c.keys.List.ClearFilter.Help().Key)
	join := func() string {
		out := make([]string, len(parts))
		for i, p := range parts {
			out[i] = c.t(p.label, p.value)
		}
		return strings.Join(out, " · ")
	}
	for lipgloss.Width(join())+lipgloss.Width(clear) > l.w {
		longest := 0
		for i, p := range parts {
			if lipgloss.Width(p.value) > lipgloss.Width(parts[longest].value) {
				longest = i
			}
		}
		v := []rune(strings.TrimSuffix(parts[longest].value, "…"))
		if len(v) <= 4 {
			break // as short as it goes: the line is cut at the edge
		}
		parts[longest].value = string(v[:len(v)-1]) + "…"
	}
	return fitLine(s.Warn.Render(join())+s.Muted.Render(clear), l.w)
}

func (l *recordList) selected() (record.Record, bool) {
	if l.cur.sel >= len(l.page) {
		return record.Record{}, false
	}
	return l.page[l.cur.sel], true
}

func (l *recordList) Update(msg tea.Msg) tea.Cmd {
	cmd := l.update(msg)
	l.cur.setRoom(l.rows()) // the filter line comes and goes
	return cmd
}

func (l *recordList) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case pageMsg:
		if msg.kind != l.kind || msg.seq != l.seq {
			return nil
		}
		l.loaded = true
		l.inflight = false
		l.err = msg.err
		if msg.err != nil {
			l.ctx.log.Error("list records", "kind", l.kind, "err", msg.err)
			return nil
		}
		l.page, l.after, l.prev, l.next, l.base = msg.page.Records, msg.after, msg.prev, msg.page.Next, msg.base
		sel := msg.sel
		if l.selectID != "" {
			for i, r := range l.page {
				if r.ID == l.selectID {
					sel = i
				}
			}
			l.selectID = ""
		}
		if sel < 0 || sel >= len(l.page) {
			sel = len(l.page) - 1
		}
		if sel == 0 {
			l.cur.top = 0
		}
		l.cur.setLen(len(l.page))
		l.cur.to(sel)
		var more tea.Cmd
		if l.seeking {
			more = l.seek()
		}
		return tea.Batch(l.unreadCmd(), more)
	case countMsg:
		if msg.kind == l.kind && msg.seq == l.seq && msg.err == nil {
			l.total, l.totalMore = msg.n, msg.more
		}
		return nil
	case unreadMsg:
		if msg.kind == l.kind {
			l.unread, l.hq = msg.ids, msg.views
		}
		return nil
	case changedMsg:
		if msg.saved != "" && msg.kind == l.kind {
			// Show the record just saved: read from the top, select it there.
			l.selectID = msg.saved
			return l.reload()
		}
		return l.refresh()
	case unreadChangedMsg, syncDoneMsg:
		return tea.Batch(l.unreadCmd(), l.refreshIf(msg))
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			return l.move(-3)
		case tea.MouseWheelDown:
			return l.move(3)
		}
		return nil
	case tea.MouseClickMsg:
		// A click selects a row; a click on the selected row opens it.
		start, end := l.cur.window()
		if i := start + msg.Y - l.chrome(); msg.Y >= l.chrome() && i < end {
			if i == l.cur.sel {
				return push(newDetail(l.ctx, l.page[i]))
			}
			l.seeking = false
			l.cur.to(i)
		}
		return nil
	case tea.PasteMsg:
		if l.filtering {
			return l.filterInput(msg)
		}
		return nil
	case tea.KeyPressMsg:
		if l.filtering {
			return l.filterKey(msg)
		}
		return l.key(msg)
	}
	return nil
}

func (l *recordList) key(msg tea.KeyPressMsg) tea.Cmd {
	k := l.ctx.keys.List
	switch {
	case key.Matches(msg, k.Down):
		return l.move(1)
	case key.Matches(msg, k.Up):
		return l.move(-1)
	case key.Matches(msg, k.PageDown):
		return l.move(l.rows())
	case key.Matches(msg, k.PageUp):
		return l.move(-l.rows())
	case key.Matches(msg, k.Home):
		l.seeking = false
		return l.load("", nil, 0, 0)
	case key.Matches(msg, k.End):
		l.seeking = false
		if l.next == "" {
			l.cur.to(len(l.page) - 1)
			return nil
		}
		return l.loadLast()
	case key.Matches(msg, k.Filter):
		l.filtering = true
		return l.filter.Focus()
	case key.Matches(msg, k.ClearFilter):
		if l.filtered() {
			l.query, l.category, l.severity, l.status = "", "", "", ""
			l.filter.SetValue("")
			return l.reload()
		}
	case key.Matches(msg, k.New):
		return openNewForm(l.ctx, l.kind)
	case key.Matches(msg, k.Open):
		if r, ok := l.selected(); ok {
			return push(newDetail(l.ctx, r))
		}
	case key.Matches(msg, k.Edit):
		if r, ok := l.selected(); ok {
			return openForm(l.ctx, r.Kind, r)
		}
	case key.Matches(msg, k.Delete):
		if r, ok := l.selected(); ok {
			return confirmDelete(l.ctx, r, false)
		}
	case key.Matches(msg, k.Duplicate):
		if r, ok := l.selected(); ok {
			return openFilledForm(l.ctx, r, "")
		}
	case key.Matches(msg, k.SaveTemplate):
		if r, ok := l.selected(); ok {
			return saveTemplateDialog(l.ctx, r)
		}
	case key.Matches(msg, k.FromTemplate):
		return push(newTemplatePage(l.ctx, l.kind))
	case l.kind == record.KindDifficulty && key.Matches(msg, k.Category):
		l.category = cycle(domain.Categories(), l.category)
		return l.reload()
	case l.kind == record.KindDifficulty && key.Matches(msg, k.Severity):
		l.severity = cycle(domain.Severities(), l.severity)
		return l.reload()
	case l.kind == record.KindDifficulty && key.Matches(msg, k.Status):
		l.status = cycle(domain.Statuses(), l.status)
		return l.reload()
	}
	return nil
}

// cycle moves a filter to the next value of terms, and from the last back
// to "every value".
func cycle(terms []domain.Term, cur string) string {
	if cur == "" {
		return terms[0].Slug
	}
	for i, t := range terms {
		if t.Slug == cur && i+1 < len(terms) {
			return terms[i+1].Slug
		}
	}
	return ""
}

func (l *recordList) filterKey(msg tea.KeyPressMsg) tea.Cmd {
	k := l.ctx.keys.Filter
	switch {
	case key.Matches(msg, k.Done):
		l.filtering = false
		l.filter.Blur()
		return nil
	case key.Matches(msg, k.Cancel):
		l.filtering = false
		l.filter.Blur()
		l.filter.SetValue("")
		if l.query != "" {
			l.query = ""
			return l.reload()
		}
		return nil
	}
	return l.filterInput(msg)
}

func (l *recordList) filterInput(msg tea.Msg) tea.Cmd {
	cmd, changed := l.filter.update(msg)
	if !changed {
		return cmd
	}
	if q := strings.TrimSpace(l.filter.Value()); q != l.query {
		l.query = q
		return tea.Batch(cmd, l.reload())
	}
	return cmd
}

// move goes n rows down (up when negative), crossing into the next or the
// previous pages of the store when it runs off this one.
func (l *recordList) move(n int) tea.Cmd {
	if !l.seeking {
		l.want = l.base + l.cur.sel
	}
	l.want = max(l.want+n, 0)
	l.seeking = true
	return l.seek()
}

// seek reads the pages towards want one after another (a key held down
// outruns the store: the page on its way seeks on when it lands) and
// selects it, or the last match when there are fewer.
func (l *recordList) seek() tea.Cmd {
	if l.inflight {
		return nil
	}
	switch {
	case l.want >= l.base+len(l.page) && l.next != "":
		prev := append(append([]string(nil), l.prev...), l.after)
		return l.load(l.next, prev, l.base+len(l.page), 0)
	case l.want < l.base && len(l.prev) > 0:
		// Every page before this one was whole: it had a next.
		prev := append([]string(nil), l.prev[:len(l.prev)-1]...)
		return l.load(l.prev[len(l.prev)-1], prev, max(l.base-listPage, 0), 0)
	}
	l.seeking = false
	l.cur.to(l.want - l.base)
	return nil
}

// refreshIf re-reads the page when a sync brought news from HQ.
func (l *recordList) refreshIf(msg tea.Msg) tea.Cmd {
	if d, ok := msg.(syncDoneMsg); ok && d.res.Pulled > 0 {
		return l.refresh()
	}
	return nil
}

func (l *recordList) View() string {
	c := l.ctx
	s := c.styles
	var b strings.Builder
	b.WriteString(l.titleLine())
	b.WriteByte('\n')
	if l.choiceFilters() {
		b.WriteString(l.filterLine())
		b.WriteByte('\n')
	}
	if l.filtering || l.query != "" {
		b.WriteString(fitLine(l.filter.View(), l.w))
		b.WriteByte('\n')
	}
	cols := l.columns()
	b.WriteString(s.Header.Render(l.row(cols, l.headers(cols))))
	b.WriteByte('\n')
	switch {
	case l.err != nil:
		b.WriteString(s.Error.Render(c.cat.Error(l.err)))
	case !l.loaded:
		b.WriteString(s.Muted.Render(c.t(i18n.UILoading)))
	case len(l.page) == 0 && l.filtered():
		b.WriteString(s.Muted.Render(c.t(i18n.UINoMatch, c.keys.List.ClearFilter.Help().Key)))
	case len(l.page) == 0:
		b.WriteString(s.Muted.Render(c.t(i18n.UIEmptyList, c.keys.List.New.Help().Key)))
	}
	start, end := l.cur.window()
	for i := start; i < end; i++ {
		line := l.row(cols, l.cells(cols, &l.page[i]))
		// One mark a row, the most pressing: HQ found issues to fix,
		// news from HQ, HQ holds this version.
		r := &l.page[i]
		v := l.hq[r.ID]
		switch {
		case v.NeedsFix(r.Rev):
			line = s.Warn.Render("!") + line[1:]
		case l.unread[r.ID]:
			line = s.Unread.Render("●") + line[1:]
		case v.Received(r.Rev):
			line = s.Muted.Render("✓") + line[1:]
		}
		if i == l.cur.sel {
			line = s.RowActive.Render(line)
		}
		b.WriteString(line)
		if i < end-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func (l *recordList) titleLine() string {
	c := l.ctx
	s := c.styles
	title := s.Title.Render(c.cat.Kind(l.kind))
	var count string
	switch {
	case l.filtered() && l.totalMore:
		count = c.t(i18n.UIMatchesMore, formatCount(l.total))
	case l.filtered():
		count = c.cat.N(i18n.UIMatches, l.total, formatCount(l.total))
	default:
		count = c.cat.N(i18n.UIRecords, l.total, formatCount(l.total))
	}
	left := title + "  " + s.Muted.Render(count)
	pos := l.position()
	if pos == "" || lipgloss.Width(left)+2+lipgloss.Width(pos) > l.w {
		return fitLine(left, l.w)
	}
	return left + strings.Repeat(" ", l.w-lipgloss.Width(left)-lipgloss.Width(pos)) + s.Muted.Render(pos)
}

// position is where the selected record stands among all matches
// ("120 / 12.000").
func (l *recordList) position() string {
	if len(l.page) == 0 {
		return ""
	}
	total := formatCount(max(l.total, l.base+len(l.page)))
	if l.filtered() && l.totalMore {
		total += "+"
	}
	return l.ctx.t(i18n.UIListPosition, formatCount(l.base+l.cur.sel+1), total)
}

// column is one column of a list: a field shown at a width.
type column struct {
	field string
	width int
}

// columns fits the kind's columns to the width: the summary takes what the
// fixed ones leave, and the least useful columns go first when it is narrow.
func (l *recordList) columns() []column {
	w := l.w - 2 // the unread mark and a space
	var cols []column
	switch l.kind {
	case record.KindLog:
		cols = []column{{"date", 10}, {"commune", 18}, {"activity", 16}, {"content", 0}}
	case record.KindDifficulty:
		cols = []column{{"date", 10}, {"commune", 15}, {"severity", 10}, {"status", 12}, {"title", 0}}
	case record.KindTraining:
		cols = []column{{"date", 10}, {"commune", 18}, {"participants", 8}, {"topic", 0}}
	}
	for {
		fixed := 0
		for _, c := range cols {
			fixed += c.width + 1
		}
		if w-fixed >= 20 || len(cols) <= 2 {
			for i := range cols {
				if cols[i].width == 0 {
					cols[i].width = max(w-fixed, 4)
				}
			}
			return cols
		}
		// Drop the widest fixed column after the date.
		drop := 1
		for i := 1; i < len(cols)-1; i++ {
			if cols[i].width > cols[drop].width {
				drop = i
			}
		}
		cols = append(cols[:drop], cols[drop+1:]...)
	}
}

// headers names the columns: a field's short name where its full name
// would be cut (Số người tham dự → Số người).
func (l *recordList) headers(cols []column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = l.ctx.cat.Field(c.field)
		if short := i18n.Key("ui.col." + c.field); ansi.StringWidth(out[i]) > c.width && i18n.Has(short) {
			out[i] = l.ctx.t(short)
		}
	}
	return out
}

func (l *recordList) cells(cols []column, r *record.Record) []string {
	c := l.ctx
	out := make([]string, len(cols))
	for i, col := range cols {
		var v string
		switch col.field {
		case "date":
			v = vntext.FormatDate(r.Date)
		case "activity":
			v = termLabel(c, domain.Activities(), r.Activity)
		case "severity":
			v = termLabel(c, domain.Severities(), r.Severity)
		case "status":
			v = termLabel(c, domain.Statuses(), record.StatusOrNew(r.Status))
		default:
			v = oneLine(r.Value(col.field))
		}
		out[i] = v
	}
	return out
}

func (l *recordList) row(cols []column, cells []string) string {
	var b strings.Builder
	b.WriteString("  ")
	for i, col := range cols {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(fit(cells[i], col.width))
	}
	return fit(b.String(), l.w)
}

func (l *recordList) ShortHelp() []key.Binding {
	k := l.ctx.keys.List
	if l.filtering {
		return []key.Binding{k.Open, k.ClearFilter}
	}
	return []key.Binding{k.New, k.Open, k.Edit, k.Delete, k.Filter, l.ctx.keys.Global.NextTab}
}

func (l *recordList) FullHelp() [][]key.Binding {
	k := l.ctx.keys.List
	g := [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End},
		{k.Open, k.New, k.Edit, k.Delete},
		{k.Duplicate, k.FromTemplate, k.SaveTemplate},
		{k.Filter, k.ClearFilter},
	}
	if l.kind == record.KindDifficulty {
		g[3] = append(g[3], k.Category, k.Severity, k.Status)
	}
	return g
}

// termLabel is the label of slug among terms, or the slug itself.
func termLabel(c *shared, terms []domain.Term, slug string) string {
	if t, ok := domain.Find(terms, slug); ok {
		return c.cat.Term(t)
	}
	return slug
}

// formatCount writes a count with dots between thousands, as Vietnamese does.
func formatCount(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, ch := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(ch)
	}
	return b.String()
}

func (l *recordList) Init() tea.Cmd { return l.reload() }
