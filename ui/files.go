package ui

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"runtime"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"sotay/i18n"
	"sotay/record"
	"sotay/store"
	"sotay/sync"
	"sotay/vntext"
)

// Attached files in the TUI (issue 12): the files section of the detail
// view, `o` to open them with the system's program (of several, the one
// picked in a chooser), and the page where a path is typed or dropped.

// fileLines are the detail view's files section.
func (d *detail) fileLines() []string {
	c, s := d.ctx, d.ctx.styles
	if len(d.rec.Attachments) == 0 {
		return nil
	}
	out := []string{"", s.Title.Render(c.t(i18n.FieldAttachments))}
	for i, a := range d.rec.Attachments {
		line := fmt.Sprintf("  %d. %s  %s", i+1, vntext.ForTerminal(a.Name), s.Muted.Render(sizeText(a.Size)))
		if a.Original != nil {
			line += s.Muted.Render(" · " + c.t(i18n.UIFileReduced, sizeText(a.Original.Size)))
		}
		out = append(out, line)
	}
	return out
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", (n+512)>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// openFiles is `o`: the record's one file opens at once; of several, a
// chooser lists them (name, size, type) for the officer to pick one.
func (d *detail) openFiles() tea.Cmd {
	switch len(d.rec.Attachments) {
	case 0:
		return toast(d.ctx.t(i18n.UINoFiles), false)
	case 1:
		return openFile(d.ctx, d.rec.ID, d.rec.Attachments[0])
	}
	return push(newFileChooser(d.ctx, d.rec))
}

// openFile opens one attached file with the system's program.
func openFile(c *shared, id string, a record.Attachment) tea.Cmd {
	st, open, bg := c.st, c.open, c.bg
	return func() tea.Msg {
		p, err := st.OpenPath(id, a.Name)
		if err == nil {
			err = open(bg, p)
		}
		if err != nil {
			c.log.Warn("open attached file", "name", a.Name, "err", err)
			return toastMsg{c.t(i18n.CLIOpenFailed, a.Name, c.cat.Error(err)), true}
		}
		return nil
	}
}

// fileChooser lists a record's files; Enter opens the one selected and
// closes the list, Esc closes it.
type fileChooser struct {
	ctx    *shared
	rec    record.Record
	cur    cursor
	w, h   int
	closed bool
}

func newFileChooser(c *shared, r record.Record) *fileChooser {
	p := &fileChooser{ctx: c, rec: r}
	p.cur.setLen(len(r.Attachments))
	return p
}

func (p *fileChooser) Init() tea.Cmd { return nil }

// capturing: digits pick a file here, not a tab.
func (p *fileChooser) capturing() bool { return true }
func (p *fileChooser) done() bool      { return p.closed }
func (p *fileChooser) SetSize(w, h int) {
	p.w, p.h = w, h
	p.cur.setRoom(h - 3) // under the title, the hint and a blank line
}

func (p *fileChooser) Update(msg tea.Msg) tea.Cmd {
	k := p.ctx.keys.Files
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelUp {
			p.cur.move(-1)
		} else if msg.Button == tea.MouseWheelDown {
			p.cur.move(1)
		}
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Back):
			p.closed = true
		case key.Matches(msg, k.Up):
			p.cur.move(-1)
		case key.Matches(msg, k.Down):
			p.cur.move(1)
		case key.Matches(msg, k.Open):
			if p.cur.sel < len(p.rec.Attachments) {
				p.closed = true
				return openFile(p.ctx, p.rec.ID, p.rec.Attachments[p.cur.sel])
			}
		default:
			// 1 to 9 open that file at once.
			if r := []rune(msg.Text); len(r) == 1 && r[0] >= '1' && r[0] <= '9' && int(r[0]-'0') <= len(p.rec.Attachments) {
				p.closed = true
				return openFile(p.ctx, p.rec.ID, p.rec.Attachments[r[0]-'1'])
			}
		}
	}
	return nil
}

func (p *fileChooser) View() string {
	c, s := p.ctx, p.ctx.styles
	out := []string{fitLine(s.Title.Render(c.t(i18n.UIOpenChooseTitle, oneLine(p.rec.Summary()))), p.w),
		fitLine(s.Muted.Render(c.t(i18n.UIOpenChooseHint)), p.w), ""}
	start, end := p.cur.window()
	for i := start; i < end; i++ {
		a := p.rec.Attachments[i]
		mark, rs := "  ", s.Row
		if i == p.cur.sel {
			mark, rs = "› ", s.RowActive
		}
		line := fmt.Sprintf("%d. %s", i+1, vntext.ForTerminal(a.Name))
		out = append(out, fitLine(mark+rs.Render(line)+s.Muted.Render("  "+sizeText(a.Size)+" · "+typeLabel(a.Type)), p.w))
	}
	return strings.Join(out, "\n")
}

func (p *fileChooser) ShortHelp() []key.Binding {
	k := p.ctx.keys.Files
	return []key.Binding{k.Open, k.Down, k.Up, k.Back}
}

func (p *fileChooser) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

// typeLabel is a file's type as officers know it.
func typeLabel(t string) string {
	switch t {
	case record.TypePDF:
		return "PDF"
	case record.TypeJPEG:
		return "JPEG"
	case record.TypePNG:
		return "PNG"
	case record.TypeDOCX:
		return "DOCX"
	case record.TypeXLSX:
		return "XLSX"
	}
	return vntext.ForTerminal(t)
}

// droppedPath is the path a terminal hands over when a file is dragged
// onto it, or one pasted: quoted ('…' or "…") or not, a file:// URL,
// spaces escaped with backslashes (POSIX terminals) — made a plain path.
func droppedPath(s string, goos string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '\'' || s[0] == '"') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	if rest, ok := strings.CutPrefix(s, "file://"); ok {
		if p, err := url.PathUnescape(rest); err == nil {
			if goos == "windows" {
				p = strings.ReplaceAll(strings.TrimPrefix(p, "/"), "/", `\`)
			}
			return p
		}
	}
	if goos != "windows" && strings.Contains(s, `\`) {
		var b strings.Builder
		for i := 0; i < len(s); i++ {
			if s[i] == '\\' && i+1 < len(s) {
				i++
			}
			b.WriteByte(s[i])
		}
		return b.String()
	}
	return s
}

// attachPage is where the officer types, pastes or drops the path of a
// file to attach to a record. The attach is the store's one transaction;
// a refusal keeps the path and says why in the officer's words.
type attachPage struct {
	ctx     *shared
	rec     record.Record
	in      *lineInput
	w, h    int
	problem string
	matches []string // the names Tab found when it found several
	saving  bool
	closed  bool
}

type attachedMsg struct {
	p   *attachPage
	rec record.Record
	err error
}

func newAttachPage(c *shared, r record.Record) *attachPage {
	return &attachPage{ctx: c, rec: r, in: newLineInput(4096)}
}

func (p *attachPage) Init() tea.Cmd   { return p.in.Focus() }
func (p *attachPage) capturing() bool { return true }
func (p *attachPage) done() bool      { return p.closed }
func (p *attachPage) SetSize(w, h int) {
	p.w, p.h = w, h
	p.in.SetWidth(max(w-4, 10))
}

func (p *attachPage) Update(msg tea.Msg) tea.Cmd {
	k := p.ctx.keys.Form
	switch msg := msg.(type) {
	case attachedMsg:
		if msg.p != p {
			return nil
		}
		p.saving = false
		if msg.err != nil {
			p.problem = p.ctx.cat.Error(msg.err)
			return nil
		}
		a := msg.rec.Attachments[len(msg.rec.Attachments)-1]
		return tea.Batch(pop, func() tea.Msg { return changedMsg{kind: msg.rec.Kind} },
			toast(p.ctx.t(i18n.CLIAttached, a.Name, sizeText(a.Size)), false))
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Cancel):
			p.closed = true
			return nil
		case key.Matches(msg, k.Save), msg.String() == "enter":
			return p.save()
		case key.Matches(msg, k.CompletePath):
			p.complete()
			return nil
		}
	}
	cmd, changed := p.in.update(msg)
	if changed {
		p.matches = nil
	}
	return cmd
}

// complete completes the path typed (Tab), a pasted or dropped one too.
func (p *attachPage) complete() {
	home, _ := os.UserHomeDir()
	typed := droppedPath(p.in.Value(), runtime.GOOS)
	done, matches := completePath(typed, home)
	p.in.SetValue(done)
	p.in.CursorEnd()
	p.matches, p.problem = matches, ""
}

func (p *attachPage) save() tea.Cmd {
	home, _ := os.UserHomeDir()
	path := expandHome(droppedPath(p.in.Value(), runtime.GOOS), home)
	if path == "" || p.saving {
		return nil
	}
	p.saving = true
	st, id := p.ctx.st, p.rec.ID
	return func() tea.Msg {
		r, err := st.Attach(id, []string{path}, store.AttachOptions{})
		return attachedMsg{p, r, err}
	}
}

func (p *attachPage) View() string {
	c, s := p.ctx, p.ctx.styles
	lines := []string{fitLine(s.Title.Render(c.t(i18n.UIAttachTitle, oneLine(p.rec.Summary()))), p.w), "",
		fitLine(s.Muted.Render(c.t(i18n.UIAttachHint)), p.w), p.in.View()}
	if p.problem != "" {
		lines = append(lines, fitLine(s.Error.Render(p.problem), p.w))
	}
	for i, m := range p.matches {
		if i == maxShownMatches {
			lines = append(lines, fitLine(s.Muted.Render(c.t(i18n.UIPathMore, len(p.matches)-i)), p.w))
			break
		}
		lines = append(lines, fitLine(s.Muted.Render("  "+vntext.ForTerminal(m)), p.w))
	}
	return strings.Join(lines, "\n")
}

func (p *attachPage) ShortHelp() []key.Binding {
	k := p.ctx.keys.Form
	return []key.Binding{k.CompletePath, k.Save, k.Cancel}
}

func (p *attachPage) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

// Uploader is what the TUI needs to send attached files; the sync client
// has it. A Syncer without it sends records only.
type Uploader interface {
	Upload(ctx context.Context, progress func(sync.UploadProgress)) (sync.UploadResult, error)
}

// Messages of the files' uploads, run beside the syncs: after a sync that
// went through, the files waiting go up in the background, so a slow file
// never holds back the next push of records.
type (
	uploadProgressMsg struct {
		p  sync.UploadProgress
		ch <-chan sync.UploadProgress
	}
	uploadDoneMsg struct {
		res sync.UploadResult
		err error
	}
)

// upload starts sending the files waiting, unless a run is on already.
func (s *syncScheduler) upload() tea.Cmd {
	up, ok := s.ctx.syncer.(Uploader)
	if !ok || s.uploading {
		return nil
	}
	s.uploading = true
	bg := s.ctx.bg
	ch := make(chan sync.UploadProgress, 1)
	run := func() tea.Msg {
		defer close(ch)
		res, err := up.Upload(bg, func(p sync.UploadProgress) {
			select {
			case ch <- p:
			default:
			}
		})
		return uploadDoneMsg{res, err}
	}
	return tea.Batch(run, listenUpload(ch))
}

func listenUpload(ch <-chan sync.UploadProgress) tea.Cmd {
	return func() tea.Msg {
		p, ok := <-ch
		if !ok {
			return nil
		}
		return uploadProgressMsg{p, ch}
	}
}

// updateUpload follows an upload run.
func (s *syncScheduler) updateUpload(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case uploadProgressMsg:
		s.upProgress = msg.p
		return listenUpload(msg.ch)
	case uploadDoneMsg:
		s.uploading = false
		s.upProgress = sync.UploadProgress{}
		if msg.err != nil {
			s.ctx.log.Warn("upload of files failed", "err", msg.err)
		}
	}
	return nil
}

// uploadSlot is the status bar's word on a file going up: its name and
// how far, "" when none is.
func (b *statusBar) uploadSlot() string {
	p := b.sched.upProgress
	if !b.sched.uploading || p.Name == "" {
		return ""
	}
	return b.ctx.t(i18n.UIUploading, vntext.ForTerminal(p.Name), sizeText(p.Sent), sizeText(p.Size), p.Files+1, p.TotalFiles)
}
