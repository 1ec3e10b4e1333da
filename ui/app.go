package ui

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"sotay/i18n"
	"sotay/opener"
	"sotay/record"
	"sotay/store"
	"sotay/sync"
)

// Options configure Run.
type Options struct {
	Lang   i18n.Lang
	Syncer Syncer // nil until the notebook is enrolled with HQ
	Log    *slog.Logger
	Now    func() time.Time // the day the wall clock reads; time.Now when nil
	Clock  Clock            // the clock timers run on; the wall clock when nil
	// Open opens an attached file, an exported report or its folder with
	// the system's program when nil; tests give their own to see the call.
	Open opener.Opener
}

// Syncer is what the TUI needs of the sync client.
type Syncer interface {
	Sync(ctx context.Context, progress func(sync.Progress)) (sync.Result, error)
}

// Run shows the notebook until the officer quits.
func Run(ctx context.Context, st *store.Store, opt Options) error {
	m := newApp(st, opt, os.Getenv("NO_COLOR") != "")
	defer m.ctx.stopBg()
	p := tea.NewProgram(m, tea.WithContext(ctx))
	_, err := p.Run()
	if err != nil && ctx.Err() == nil {
		return fmt.Errorf("run the TUI: %w", err)
	}
	return nil
}

// The smallest window the screens are laid out for; below it the program
// says so instead of drawing a broken screen.
const (
	minWidth  = 50
	minHeight = 14
)

// Tabs of the main screen.
const (
	tabOverview = iota
	tabLog
	tabDifficulty
	tabTraining
	tabNotices
)

// app is the root model: it owns the shared context, the tabs, the stack of
// pages and dialogs over them, and the status bar, and routes each message
// to whoever should see it.
type app struct {
	ctx    *shared
	setup  *setupScreen // before the officer has a profile
	tabs   []component
	tab    int
	stack  []component // pages (form, detail, settings) and dialogs, top last
	status *statusBar
	sync   *syncScheduler
	undo   *undoStep // the officer's last change, to take back with u
	help   help.Model
	toast  string
	toastN int
	toastE bool
	ready  bool

	// Frames while keys flood in (see frameGap).
	frame     string    // the last screen drawn
	frameAt   time.Time // when it was drawn
	hold      bool      // the last message was a key too close to that frame: show it again
	redrawDue bool      // a redrawMsg is on its way
}

// toastFor is how long a passing message stays in the footer.
const toastFor = 4 * time.Second

// frameGap is the least time between two screens drawn for keys: bubbletea
// draws after every message, and a paste without bracketed paste (tmux
// paste-buffer without -p, some terminals) is a key per character. Keys
// closer than this are drawn together, a frame per gap, so a megabyte of
// keys costs their handling, not a million screens. The gap is one frame
// at 60 Hz: a held key is on screen within it, inside the 16 ms budget
// from keypress to frame, and a typist's keys are farther apart anyway.
const frameGap = 16 * time.Millisecond

// Frames are paced by the wall clock even when timers run on a fake one:
// what is paced is the real cost of drawing.
//
// redrawMsg draws the screen the held keys left.
type redrawMsg struct{}

func newApp(st *store.Store, opt Options, noColor bool) *app {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Clock == nil {
		opt.Clock = wallClock{opt.Now}
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	c := &shared{st: st, clock: opt.Clock, loc: opt.Clock.Now().Location(), log: opt.Log, syncer: opt.Syncer, noColor: noColor, isDark: true, open: opt.Open}
	if c.open == nil {
		c.open = opener.System()
	}
	c.bg, c.stopBg = context.WithCancel(context.Background())
	c.setLang(opt.Lang)
	c.styles = newStyles(c.isDark, noColor)
	a := &app{ctx: c, help: help.New()}
	a.help.Styles = c.styles.Help
	a.sync = newSyncScheduler(c)
	a.status = newStatusBar(c, a.sync)
	if p, err := st.Profile(); err == nil {
		c.profile = p
	} else {
		a.setup = newSetupScreen(c, false)
	}
	a.tabs = []component{
		newOverview(c),
		newRecordList(c, record.KindLog),
		newRecordList(c, record.KindDifficulty),
		newRecordList(c, record.KindTraining),
		newNoticeList(c),
	}
	return a
}

func (a *app) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor, a.status.refresh(), a.sync.start(), a.status.clockTick()}
	if a.setup != nil {
		return tea.Batch(append(cmds, a.setup.Init())...)
	}
	return tea.Batch(append(cmds, a.loadAll(), offerDrafts(a.ctx))...)
}

// loadAll starts every tab: each reads what it shows.
func (a *app) loadAll() tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(a.tabs))
	for _, t := range a.tabs {
		cmds = append(cmds, t.Init())
	}
	return tea.Batch(cmds...)
}

// Messages between components and the root.
type (
	pushMsg struct { // show a page or dialog on top
		c    component
		note i18n.Key // a message to show with it
	}
	popMsg     struct{} // close the top page or dialog
	changedMsg struct {
		kind  record.Kind
		saved string    // the id of a record just saved: lists select it
		undo  *undoStep // how to take the change back
	}
	toastMsg struct {
		text string
		err  bool
	}
	toastDoneMsg struct{ n int }
	langMsg      struct{ lang i18n.Lang }
	profileMsg   struct{ p store.Profile }
	quitMsg      struct{}
)

func push(c component) tea.Cmd { return func() tea.Msg { return pushMsg{c: c} } }
func pop() tea.Msg             { return popMsg{} }
func toast(text string, isErr bool) tea.Cmd {
	return func() tea.Msg { return toastMsg{text, isErr} }
}

// bodySize is the room left for a tab or page: the tab bar, the status bar
// and the footer take a line each.
func (a *app) bodySize() (int, int) { return a.ctx.width, max(a.ctx.height-3, 1) }

func (a *app) resize() {
	w, h := a.bodySize()
	for _, t := range a.tabs {
		t.SetSize(w, h)
	}
	for _, p := range a.stack {
		p.SetSize(w, h)
	}
	if a.setup != nil {
		a.setup.SetSize(a.ctx.width, max(a.ctx.height-1, 1))
	}
	a.help.SetWidth(a.ctx.width)
}

// Update handles msg, then lays out the screen View will show, unless a
// flood of keys holds the last one (see frameGap).
func (a *app) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	a.hold = false
	_, cmd := a.update(msg)
	if !a.hold || a.frame == "" {
		a.frame, a.frameAt = a.render(), time.Now()
	}
	return a, cmd
}

func (a *app) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.ctx.width, a.ctx.height = msg.Width, msg.Height
		a.ready = true
		a.resize()
		return a, nil
	case tea.BackgroundColorMsg:
		a.ctx.isDark = msg.IsDark()
		a.ctx.styles = newStyles(a.ctx.isDark, a.ctx.noColor)
		a.help.Styles = a.ctx.styles.Help
		return a, a.broadcast(msg) // text laid out in the old colours is laid out again
	case pushMsg:
		w, h := a.bodySize()
		msg.c.SetSize(w, h)
		a.stack = append(a.stack, msg.c)
		cmds := []tea.Cmd{msg.c.Init()}
		if msg.note != "" {
			cmds = append(cmds, toast(a.ctx.t(msg.note), false))
		}
		return a, tea.Batch(cmds...)
	case popMsg:
		if len(a.stack) > 0 {
			a.stack = a.stack[:len(a.stack)-1]
		}
		return a, nil
	case changedMsg:
		if msg.undo != nil {
			a.undo = msg.undo
		}
		return a, tea.Batch(a.broadcast(msg), a.status.refresh(), a.sync.afterSave())
	case undoneMsg:
		if msg.err != nil {
			return a, toast(a.ctx.t(i18n.UIUndoFailed, a.ctx.cat.Error(msg.err)), true)
		}
		return a, tea.Batch(a.broadcast(changedMsg{kind: msg.kind}), a.status.refresh(), a.sync.afterSave(),
			toast(a.ctx.t(i18n.UIUndone, msg.what), false))
	case toastMsg:
		a.toast, a.toastE = msg.text, msg.err
		a.toastN++
		n := a.toastN
		return a, a.ctx.after(toastFor, func(time.Time) tea.Msg { return toastDoneMsg{n} })
	case toastDoneMsg:
		if msg.n == a.toastN {
			a.toast = ""
		}
		return a, nil
	case langMsg:
		a.ctx.setLang(msg.lang)
		return a, a.broadcast(msg)
	case profileMsg:
		a.ctx.profile = msg.p
		if a.setup != nil {
			a.setup = nil
			a.resize()
			return a, tea.Batch(a.loadAll(), a.status.refresh())
		}
		return a, nil
	case quitMsg:
		a.ctx.stopBg()
		return a, tea.Quit
	case enrolledMsg:
		start := a.ctx.syncer == nil
		a.ctx.syncer = msg.client
		cmds := []tea.Cmd{a.status.refresh(), a.sync.now()}
		if start {
			cmds = append(cmds, a.sync.start())
		}
		return a, tea.Batch(cmds...)
	case draftsMsg:
		if a.setup != nil {
			return a, nil
		}
		return a, msg.offer(a.ctx)
	case statusMsg:
		return a, tea.Batch(a.status.Update(msg), a.sync.Update(msg))
	case clockMsg:
		a.status.Update(msg)
		return a, a.status.clockTick() // drawn again after this message: the sync's age moves on
	case syncNowMsg, syncTickMsg, syncStartMsg, syncProgressMsg, uploadProgressMsg, uploadDoneMsg:
		return a, a.sync.Update(msg)
	case syncDoneMsg:
		return a, tea.Batch(a.sync.Update(msg), a.status.refresh(), a.broadcast(msg), takeNews(a.ctx))
	case tea.KeyPressMsg:
		return a, a.holdFrame(a.key(msg))
	case redrawMsg:
		a.redrawDue = false
		return a, nil
	case tea.MouseClickMsg:
		return a, a.click(msg)
	case tea.MouseWheelMsg, tea.PasteMsg:
		return a, a.top().Update(msg)
	}
	return a, a.broadcast(msg)
}

// holdFrame keeps the last screen for a key that came within frameGap of
// it, and makes sure the screen is drawn once the gap has passed.
func (a *app) holdFrame(cmd tea.Cmd) tea.Cmd {
	if a.frame == "" || time.Since(a.frameAt) >= frameGap {
		return cmd
	}
	a.hold = true
	if a.redrawDue {
		return cmd
	}
	a.redrawDue = true
	wait := frameGap - time.Since(a.frameAt) // the rest of this frame's gap
	return tea.Batch(cmd, tea.Tick(wait, func(time.Time) tea.Msg { return redrawMsg{} }))
}

// top is the component that gets the keys: the setup screen, the page or
// dialog on top of the stack, or the current tab.
func (a *app) top() component {
	if a.setup != nil {
		return a.setup
	}
	if len(a.stack) > 0 {
		return a.stack[len(a.stack)-1]
	}
	return a.tabs[a.tab]
}

// broadcast gives a non-key message to everyone: results of store reads
// carry what they are for, and each component takes only its own.
func (a *app) broadcast(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	if a.setup != nil {
		cmds = append(cmds, a.setup.Update(msg))
	}
	for _, t := range a.tabs {
		cmds = append(cmds, t.Update(msg))
	}
	for _, p := range a.stack {
		cmds = append(cmds, p.Update(msg))
	}
	return tea.Batch(cmds...)
}

func (a *app) key(msg tea.KeyPressMsg) tea.Cmd {
	g := a.ctx.keys.Global
	if key.Matches(msg, g.ForceQuit) {
		return a.quit()
	}
	top := a.top()
	if a.tooSmall() {
		// Nothing on screen to act on: a key must not change what cannot
		// be seen. Quitting and help still work.
		switch {
		case key.Matches(msg, g.Quit):
			return a.quit()
		case key.Matches(msg, g.Help):
			if _, open := top.(*helpScreen); !open {
				return push(newHelpScreen(a.ctx, top))
			}
		}
		return nil
	}
	if key.Matches(msg, g.HelpAnywhere) {
		// F1 opens help from anywhere, forms included, where ? is typed.
		if _, open := top.(*helpScreen); !open {
			return push(newHelpScreen(a.ctx, top))
		}
	}
	_, onHelp := top.(*helpScreen) // any key closes help
	if c, ok := top.(capturing); a.setup != nil || onHelp || (ok && c.capturing()) {
		cmd := top.Update(msg)
		a.dropClosed()
		return cmd
	}
	// The keys that work on every screen where nothing is typed.
	if i, ok := g.tab(msg); ok {
		if !a.closePages() {
			return nil
		}
		return a.switchTab(i)
	}
	switch {
	case key.Matches(msg, g.Quit):
		return a.quit()
	case key.Matches(msg, g.Help):
		return push(newHelpScreen(a.ctx, top))
	case key.Matches(msg, g.Sync):
		return a.sync.now()
	case key.Matches(msg, g.Undo):
		return a.undoLast()
	case key.Matches(msg, g.Bin):
		if _, open := top.(*binPage); !open {
			return push(newBinPage(a.ctx))
		}
	case key.Matches(msg, g.Settings):
		return push(newSetupScreen(a.ctx, true))
	case key.Matches(msg, g.Parked):
		if _, open := top.(*parkedPage); !open {
			return push(newParkedPage(a.ctx))
		}
	case key.Matches(msg, g.Report):
		if _, open := top.(*reportScreen); !open {
			return openReport(a.ctx)
		}
	}
	if len(a.stack) > 0 {
		// Pages move with arrows and letters of their own: the tab keys
		// are the main screen's.
		cmd := top.Update(msg)
		a.dropClosed()
		return cmd
	}
	switch {
	case key.Matches(msg, g.NextTab):
		return a.switchTab((a.tab + 1) % len(a.tabs))
	case key.Matches(msg, g.PrevTab):
		return a.switchTab((a.tab + len(a.tabs) - 1) % len(a.tabs))
	}
	return top.Update(msg)
}

// closePages closes every page over the tabs, unless one holds typed text
// (a form), and reports whether they are closed.
func (a *app) closePages() bool {
	for _, p := range a.stack {
		if c, ok := p.(capturing); ok && c.capturing() {
			return false
		}
		if _, ok := p.(*form); ok {
			return false
		}
	}
	clear(a.stack)
	a.stack = a.stack[:0]
	return true
}

func (a *app) dropClosed() {
	kept := a.stack[:0]
	for _, p := range a.stack {
		if c, ok := p.(closer); ok && c.done() {
			continue
		}
		kept = append(kept, p)
	}
	clear(a.stack[len(kept):])
	a.stack = kept
}

func (a *app) switchTab(i int) tea.Cmd {
	a.tab = i
	if s, ok := a.tabs[i].(shower); ok {
		return s.shown()
	}
	return nil
}

// quit saves any open form as a draft before leaving.
func (a *app) quit() tea.Cmd {
	var cmds []tea.Cmd
	for _, p := range a.stack {
		if f, ok := p.(*form); ok {
			cmds = append(cmds, f.saveDraftNow())
		}
	}
	cmds = append(cmds, func() tea.Msg { return quitMsg{} })
	return tea.Sequence(cmds...)
}

func (a *app) View() tea.View {
	var v tea.View
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "sotay"
	v.Content = a.frame
	return v
}

func (a *app) render() string {
	c := a.ctx
	if !a.ready {
		return ""
	}
	if a.tooSmall() {
		msg := c.t(i18n.UITooSmall, minWidth, minHeight, c.width, c.height)
		return lipgloss.NewStyle().Width(max(c.width, 1)).MaxHeight(max(c.height, 1)).Render(msg)
	}
	if a.setup != nil {
		return lipgloss.JoinVertical(lipgloss.Left, a.setup.View(), a.footer(a.setup))
	}
	w, h := a.bodySize()
	body := a.bodyView(w, h)
	return lipgloss.JoinVertical(lipgloss.Left, a.tabBar(), body, a.status.View(), a.footer(a.top()))
}

// tooSmall reports whether the window is below the size screens are laid
// out for.
func (a *app) tooSmall() bool { return a.ctx.width < minWidth || a.ctx.height < minHeight }

// bodyView draws the current tab or the top page, with dialogs composed
// over what is beneath them.
func (a *app) bodyView(w, h int) string {
	base := a.tabs[a.tab]
	start := 0
	for i, p := range a.stack {
		if o, ok := p.(overlay); !ok || !o.isOverlay() {
			base, start = p, i+1
		}
	}
	out := fitBlock(base.View(), w, h)
	for _, d := range a.stack[start:] {
		box := d.View()
		x := max((w-lipgloss.Width(box))/2, 0)
		y := max((h-lipgloss.Height(box))/2, 0)
		comp := lipgloss.NewCompositor(lipgloss.NewLayer(out), lipgloss.NewLayer(box).X(x).Y(y).Z(1))
		out = fitBlock(comp.Render(), w, h)
	}
	return out
}

// tabNames are the names on the tab bar, with HQ's news counted.
func (a *app) tabNames() []string {
	c := a.ctx
	names := []string{c.t(i18n.UITabOverview), c.t(i18n.UITabLog), c.t(i18n.UITabDifficulty), c.t(i18n.UITabTraining), c.t(i18n.UITabNotices)}
	// HQ's news waiting to be read: notices, and answers to difficulties.
	if n, ok := a.tabs[tabNotices].(*noticeList); ok {
		if n.unread > 0 {
			names[tabNotices] += fmt.Sprintf(" (%d)", n.unread)
		}
		if n.answers > 0 {
			names[tabDifficulty] += fmt.Sprintf(" (%d)", n.answers)
		}
	}
	return names
}

// tabAt is the tab drawn at column x of the tab bar.
func (a *app) tabAt(x int) (int, bool) {
	if a.narrowTabs() {
		return 0, false
	}
	left := 0
	for i, n := range a.tabNames() {
		w := lipgloss.Width(a.ctx.styles.Tab.Render(n))
		if x >= left && x < left+w {
			return i, true
		}
		left += w
	}
	return 0, false
}

// narrowTabs reports whether the window is too narrow for every tab's name.
func (a *app) narrowTabs() bool {
	w := 0
	for _, n := range a.tabNames() {
		w += lipgloss.Width(a.ctx.styles.Tab.Render(n))
	}
	return w > a.ctx.width
}

// click acts on a left click: a tab of the tab bar, or whatever is under
// it on the screen shown, which gets the click in its own coordinates.
func (a *app) click(m tea.MouseClickMsg) tea.Cmd {
	if a.tooSmall() || a.setup != nil || m.Button != tea.MouseLeft {
		return nil
	}
	_, h := a.bodySize()
	switch {
	case m.Y == 0:
		if i, ok := a.tabAt(m.X); ok && a.closePages() {
			return a.switchTab(i)
		}
	case m.Y <= h:
		m.Y-- // under the tab bar
		cmd := a.top().Update(m)
		a.dropClosed()
		return cmd
	}
	return nil
}

func (a *app) tabBar() string {
	c := a.ctx
	names := a.tabNames()
	parts := make([]string, len(names))
	for i, n := range names {
		if i == a.tab {
			parts[i] = c.styles.TabActive.Render(n)
		} else {
			parts[i] = c.styles.Tab.Render(n)
		}
	}
	bar := strings.Join(parts, "")
	if lipgloss.Width(bar) > c.width {
		// Too narrow for every name: show the current tab with its number.
		bar = c.styles.TabActive.Render(fmt.Sprintf("%d/%d %s", a.tab+1, len(names), names[a.tab]))
	}
	return fitLine(bar, c.width)
}

// footer is the one-line key hint, or a passing message.
func (a *app) footer(top component) string {
	c := a.ctx
	if a.toast != "" {
		st := c.styles.OK
		if a.toastE {
			st = c.styles.Error
		}
		return fitLine(st.Render(a.toast), c.width)
	}
	if _, onHelp := top.(*helpScreen); onHelp {
		return ""
	}
	// The key to help is on every screen: F1 where ? is typed.
	g := c.keys.Global
	helpKey := g.Help
	if cp, ok := top.(capturing); a.setup != nil || (ok && cp.capturing()) {
		helpKey = g.HelpAnywhere
	}
	var binds []key.Binding
	for _, b := range top.ShortHelp() {
		if b.Help().Key != helpKey.Help().Key {
			binds = append(binds, b)
		}
	}
	if helpKey.Help().Key == g.Help.Help().Key && len(a.stack) == 0 && a.setup == nil {
		binds = append(binds, helpKey, g.Quit)
	} else {
		binds = append(binds, helpKey)
	}
	whole := a.help
	whole.SetWidth(0) // not cut: to see whether it fits
	if line := whole.ShortHelpView(binds); lipgloss.Width(line) <= c.width {
		return line
	}
	// Too narrow for every key: the others are cut, help stays.
	hint := a.help.ShortHelpView([]key.Binding{helpKey})
	rest := make([]key.Binding, 0, len(binds))
	for _, b := range binds {
		if b.Help().Key != helpKey.Help().Key {
			rest = append(rest, b)
		}
	}
	for n := len(rest); n > 0; n-- {
		line := whole.ShortHelpView(rest[:n]) + " …" + a.help.ShortSeparator + hint
		if lipgloss.Width(line) <= c.width {
			return line
		}
	}
	return fitLine(hint, c.width)
}
