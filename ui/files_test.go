package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sotay/i18n"
	"sotay/record"
	"sotay/store"
	"sotay/sync"
)

func TestDroppedPath(t *testing.T) {
	for _, tc := range []struct{ in, goos, want string }{
		{"/home/an/Biên bản.pdf", "linux", "/home/an/Biên bản.pdf"},
		{"  '/home/an/Biên bản.pdf'  ", "linux", "/home/an/Biên bản.pdf"},
		{`"C:\Users\An\Biên bản họp.pdf"`, "windows", `C:\Users\An\Biên bản họp.pdf`},
		{`C:\Users\An\ảnh.jpg`, "windows", `C:\Users\An\ảnh.jpg`},
		{`/home/an/Bi\ên\ bản.pdf`, "linux", "/home/an/Biên bản.pdf"},
		{"file:///home/an/Bi%C3%AAn%20b%E1%BA%A3n.pdf", "linux", "/home/an/Biên bản.pdf"},
		{"file:///C:/Users/An/a%20b.pdf", "windows", `C:\Users\An\a b.pdf`},
		{"/Users/an/Desktop/ảnh\\ trụ\\ sở.jpg", "darwin", "/Users/an/Desktop/ảnh trụ sở.jpg"},
	} {
		if got := droppedPath(tc.in, tc.goos); got != tc.want {
			t.Errorf("droppedPath(%q, %s) = %q, want %q", tc.in, tc.goos, got, tc.want)
		}
	}
}

// run runs a command and the commands it batches, returning their
// messages (a Cmd's nil message is left out).
func runCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, runCmd(c)...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}

// openingApp is the program over a new notebook with one log, its files
// opened into the list it returns rather than by the system.
func openingApp(t *testing.T) (*store.Store, *app, record.Record, *[]string) {
	t.Helper()
	st := openTestStore(t, true)
	opened := new([]string)
	m := newApp(st, Options{Now: fixedNow, Open: func(_ context.Context, p string) error {
		*opened = append(*opened, p)
		return nil
	}}, true)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	r, err := st.Create(record.Record{Kind: record.KindLog, Date: "2026-02-05", Commune: "Xã Đông Anh", Activity: "meeting", Content: "Họp"})
	if err != nil {
		t.Fatal(err)
	}
	return st, m, r, opened
}

// A file attached through the path field (dropped: quoted) shows in the
// detail view, and `o` opens it with the system's program.
func TestAttachAndOpenInDetail(t *testing.T) {
	_, m, r, opened := openingApp(t)
	src := filepath.Join(t.TempDir(), "Biên bản họp.pdf")
	os.WriteFile(src, []byte("%PDF-1.7\nbiên bản"), 0o600)

	p := newAttachPage(m.ctx, r)
	p.SetSize(m.bodySize())
	p.Update(tea.PasteMsg{Content: "'" + src + "'"})
	var saved record.Record
	for _, msg := range runCmd(p.Update(keyMsg("enter"))) {
		if a, ok := msg.(attachedMsg); ok {
			if a.err != nil {
				t.Fatalf("attach: %v", a.err)
			}
			saved = a.rec
		}
	}
	if len(saved.Attachments) != 1 || saved.Attachments[0].Name != "Biên bản họp.pdf" {
		t.Fatalf("attached %+v", saved.Attachments)
	}
	// A refused file keeps the path typed and says why.
	bad := filepath.Join(t.TempDir(), "trang.html")
	os.WriteFile(bad, []byte("<html>"), 0o600)
	p2 := newAttachPage(m.ctx, saved)
	p2.SetSize(m.bodySize())
	p2.Update(tea.PasteMsg{Content: bad})
	for _, msg := range runCmd(p2.Update(keyMsg("enter"))) {
		p2.Update(msg)
	}
	if !strings.Contains(stripScreen(p2.View()), "«trang.html»") || p2.in.Value() != bad {
		t.Errorf("refusal: %q, path kept %q", p2.View(), p2.in.Value())
	}

	d := newDetail(m.ctx, saved)
	d.SetSize(m.bodySize())
	if screen := stripScreen(d.View()); !strings.Contains(screen, "1. Biên bản họp.pdf") {
		t.Errorf("detail lacks the file:\n%s", screen)
	}
	runCmd(d.Update(keyMsg("o")))
	if len(*opened) != 1 {
		t.Fatalf("opened %v", *opened)
	}
	if b, _ := os.ReadFile((*opened)[0]); !strings.HasPrefix(string(b), "%PDF-1.7") {
		t.Errorf("opened %s: %q", (*opened)[0], b)
	}
}

// uploadingSyncer is recordingSyncer with the sync client's Upload: it
// reports one file half sent, then waits for gate.
type uploadingSyncer struct {
	recordingSyncer
	gate chan struct{}
}

func (s *uploadingSyncer) Upload(ctx context.Context, progress func(sync.UploadProgress)) (sync.UploadResult, error) {
	progress(sync.UploadProgress{Name: "Biên bản.pdf", Sent: 5 << 20, Size: 10 << 20, TotalFiles: 2})
	<-s.gate
	return sync.UploadResult{Sent: 2}, nil
}

// After a sync that went through, the files go up in the background and
// the status bar says which one and how far; a failed sync sends none.
func TestUploadsAfterSync(t *testing.T) {
	st := openTestStore(t, true)
	us := &uploadingSyncer{recordingSyncer: recordingSyncer{st: st}, gate: make(chan struct{})}
	m := newApp(st, Options{Now: fixedNow, Syncer: us}, true)
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 24})
	if cmd := m.sync.Update(syncDoneMsg{err: errors.New("offline")}); m.sync.uploading {
		t.Fatalf("files went up after a failed sync (%v)", cmd != nil)
	}
	m.sync.Update(syncDoneMsg{})
	if !m.sync.uploading {
		t.Fatal("no upload after a sync that went through")
	}
	// The run itself, as the program would: progress, then the end.
	m.sync.uploading = false
	b, ok := m.sync.upload()().(tea.BatchMsg)
	if !ok || len(b) != 2 {
		t.Fatalf("upload is not a run and a listener: %T", b)
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- b[0]() }()
	m.sync.Update(b[1]())
	if bar := stripScreen(m.status.View()); !strings.Contains(bar, "↑ Biên bản.pdf 5.0 MB/10.0 MB (tệp 1/2)") {
		t.Errorf("status bar during the upload: %q", bar)
	}
	if m.sync.upload() != nil {
		t.Error("a second run started beside the first")
	}
	close(us.gate)
	m.sync.Update(<-done)
	if bar := stripScreen(m.status.View()); strings.Contains(bar, "↑") || m.sync.uploading {
		t.Errorf("status bar after the upload: %q", bar)
	}
}

// An HQ too old for files: the status bar and the sync state (p) say so in
// words, the records' count shows they went.
func TestSyncStateHQWithoutFiles(t *testing.T) {
	st := openTestStore(t, true)
	err := st.UpdateSyncState(func(ss *store.SyncState) {
		ss.HQ, ss.LastError, ss.LastAttempt = "https://hq.example", sync.FailHQNoFiles, testNow.Add(-time.Minute)
		ss.LastSync, ss.HQProtocol, ss.HQVersion = testNow.Add(-time.Minute), 2, "0.9.5"
	})
	if err != nil {
		t.Fatal(err)
	}
	u := startWithClock(t, st, &recordingSyncer{st: st}, newFakeClock(testNow))
	u.waitFor("0 chờ gửi", "Lỗi đồng bộ: Máy chủ Tổ công tác") // cut at 80 columns
	u.press("p")
	s := u.waitFor("Tình trạng đồng bộ", "https://hq.example", "bị Tổ công tác từ chối: 0")
	full := i18n.New(i18n.VI).SyncError(sync.FailHQNoFiles)
	if flat := strings.Join(strings.Fields(s), " "); !strings.Contains(flat, full) || !strings.Contains(full, "tệp đính kèm") {
		t.Fatalf("the sync state lacks %q:\n%s", full, s)
	}
	u.quit()
}

// `o` on a record with several files lists them (name, size, type) and
// opens the one picked, by Enter or by its number; Esc opens nothing.
func TestOpenChooser(t *testing.T) {
	st, m, r, opened := openingApp(t)
	dir := t.TempDir()
	files := []struct{ name, content string }{
		{"Biên bản.pdf", "%PDF-1.7\nbiên bản"},
		{"Danh sách.pdf", "%PDF-1.7\ndanh sách " + strings.Repeat("x", 3000)},
		{"Giấy mời.pdf", "%PDF-1.7\ngiấy mời"},
	}
	var paths []string
	for _, f := range files {
		p := filepath.Join(dir, f.name)
		os.WriteFile(p, []byte(f.content), 0o600)
		paths = append(paths, p)
	}
	var err error
	if r, err = st.Attach(r.ID, paths, store.AttachOptions{}); err != nil {
		t.Fatal(err)
	}
	openedText := func() string {
		t.Helper()
		if len(*opened) != 1 {
			t.Fatalf("opened %v, want one file", *opened)
		}
		b, _ := os.ReadFile((*opened)[0])
		*opened = nil
		return string(b)
	}
	for _, tc := range []struct {
		name string
		keys []string
		want string // the content opened; "" for none
	}{
		{"enter on the second", []string{"down", "enter"}, files[1].content},
		{"its number", []string{"3"}, files[2].content},
		{"the first by o", []string{"o"}, files[0].content},
		{"esc", []string{"down", "esc"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDetail(m.ctx, r)
			d.SetSize(m.bodySize())
			var ch *fileChooser
			for _, msg := range runCmd(d.Update(keyMsg("o"))) {
				if pm, ok := msg.(pushMsg); ok {
					ch, _ = pm.c.(*fileChooser)
				}
			}
			if ch == nil || len(*opened) != 0 {
				t.Fatalf("o with three files opened %v, no chooser", *opened)
			}
			ch.SetSize(m.bodySize())
			screen := stripScreen(ch.View())
			for _, want := range []string{"1. Biên bản.pdf", "2. Danh sách.pdf", "3. Giấy mời.pdf", "3 KB · PDF", "20 B · PDF"} {
				if !strings.Contains(screen, want) {
					t.Fatalf("chooser lacks %q:\n%s", want, screen)
				}
			}
			for _, k := range tc.keys {
				runCmd(ch.Update(keyMsg(k)))
			}
			if !ch.done() {
				t.Error("the chooser stays open")
			}
			if tc.want == "" {
				if len(*opened) != 0 {
					t.Errorf("esc opened %v", *opened)
				}
				return
			}
			if got := openedText(); got != tc.want {
				t.Errorf("opened %q, want %q", got, tc.want)
			}
		})
	}
}
