package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"sotay/record"
)

// pathTree makes a folder of files and folders to complete in.
func pathTree(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"Tài liệu", "Ảnh", "Tài khoản", ".ẩn"} {
		os.Mkdir(filepath.Join(root, d), 0o700)
	}
	for _, f := range []string{"Tài liệu/Biên bản họp.pdf", "Tài liệu/Biên bản tập huấn.pdf", "Tài liệu/Danh sách.xlsx", "Ảnh/xã.jpg", "ghi chú.docx"} {
		os.WriteFile(filepath.Join(root, f), []byte("%PDF-1.7\n"), 0o600)
	}
	return root
}

func TestCompletePath(t *testing.T) {
	root := pathTree(t)
	sep := string(filepath.Separator)
	for _, tc := range []struct {
		name, typed, want string
		matches           []string
	}{
		{"one folder ends with the separator", root + sep + "Ản", root + sep + "Ảnh" + sep, nil},
		{"one file", root + sep + "Tài liệu" + sep + "D", root + sep + "Tài liệu" + sep + "Danh sách.xlsx", nil},
		{"several: the common beginning, listed", root + sep + "Tài liệu" + sep + "B", root + sep + "Tài liệu" + sep + "Biên bản ",
			[]string{"Biên bản họp.pdf", "Biên bản tập huấn.pdf"}},
		{"several sharing only what is typed", root + sep + "Tài ", root + sep + "Tài ", []string{"Tài khoản" + sep, "Tài liệu" + sep}},
		{"a folder lists its names, not the hidden", root + sep, root + sep, []string{"Tài khoản" + sep, "Tài liệu" + sep, "ghi chú.docx", "Ảnh" + sep}},
		{"hidden when asked", root + sep + ".", root + sep + ".ẩn" + sep, nil},
		{"no match: unchanged", root + sep + "zz", root + sep + "zz", nil},
		{"no such folder: unchanged", root + sep + "không có" + sep + "a", root + sep + "không có" + sep + "a", nil},
		{"~ is the home folder", "~" + sep + "Tài l", root + sep + "Tài liệu" + sep, nil},
		{"~ alone: the home folder, ready for a name", "~", root + sep, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, matches := completePath(tc.typed, root)
			if got != tc.want || strings.Join(matches, "|") != strings.Join(tc.matches, "|") {
				t.Errorf("completePath(%q) = %q %q, want %q %q", tc.typed, got, matches, tc.want, tc.matches)
			}
		})
	}
}

// Tab in the attach page completes the path typed, lists several matches,
// and what it completed attaches; a dropped path still attaches as it is.
func TestAttachPageCompletes(t *testing.T) {
	root := pathTree(t)
	sep := string(filepath.Separator)
	st := openTestStore(t, true)
	m := newApp(st, Options{Now: fixedNow, Open: func(context.Context, string) error { return nil }}, true)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	r, err := st.Create(record.Record{Kind: record.KindLog, Date: "2026-02-05", Commune: "Xã Đông Anh", Activity: "meeting", Content: "Họp"})
	if err != nil {
		t.Fatal(err)
	}
	p := newAttachPage(m.ctx, r)
	p.SetSize(m.bodySize())
	p.Update(tea.PasteMsg{Content: root + sep + "Tài l"})
	p.Update(keyMsg("tab"))
	if want := root + sep + "Tài liệu" + sep; p.in.Value() != want {
		t.Fatalf("after tab: %q, want %q", p.in.Value(), want)
	}
	for _, k := range []string{"B", "tab"} {
		p.Update(keyMsg(k))
	}
	screen := stripScreen(p.View())
	if !strings.Contains(screen, "Biên bản họp.pdf") || !strings.Contains(screen, "Biên bản tập huấn.pdf") ||
		!strings.HasSuffix(p.in.Value(), sep+"Biên bản ") {
		t.Fatalf("several matches: value %q\n%s", p.in.Value(), screen)
	}
	for _, k := range []string{"h", "tab"} {
		p.Update(keyMsg(k))
	}
	if strings.Contains(stripScreen(p.View()), "tập huấn") {
		t.Errorf("the list stays after a key:\n%s", stripScreen(p.View()))
	}
	var saved record.Record
	for _, msg := range runCmd(p.Update(keyMsg("enter"))) {
		if a, ok := msg.(attachedMsg); ok && a.err == nil {
			saved = a.rec
		} else if ok {
			t.Fatalf("attach %q: %v", p.in.Value(), a.err)
		}
	}
	if len(saved.Attachments) != 1 || saved.Attachments[0].Name != "Biên bản họp.pdf" {
		t.Fatalf("attached %+v", saved.Attachments)
	}
}
