package ui

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sotay/i18n"
	"sotay/record"
)

// TestCreateEachKind fills the form of each kind from the keyboard and
// checks what the store holds and what the list shows.
func TestCreateEachKind(t *testing.T) {
	for _, tc := range []struct {
		kind  record.Kind
		tab   string
		fill  func(u *tui)
		check func(t *testing.T, r record.Record)
		shown string
	}{
		{record.KindLog, "2", func(u *tui) {
			u.press("tab")
			u.typeText("Phường Ba Đình")
			u.press("tab", "right", "right") // activity: the second choice
			u.press("tab")
			u.typeText("Họp với UBND phường")
			u.press("tab")
			u.typeText("Thống nhất lịch")
		}, func(t *testing.T, r record.Record) {
			if r.Commune != "Phường Ba Đình" || r.Activity != "meeting" || r.Content != "Họp với UBND phường" || r.Results != "Thống nhất lịch" || r.Date != "2026-02-05" {
				t.Fatalf("log = %+v", r)
			}
		}, "Họp với UBND phường"},
		{record.KindDifficulty, "3", func(u *tui) {
			u.press("backspace")
			for range 10 {
				u.press("backspace")
			}
			u.typeText("hôm qua")
			u.press("tab")
			u.typeText("Xã Tam Đảo")
			u.press("tab")
			u.typeText("ch")                          // category picked by its first letters: Chế độ, chính sách
			u.press("tab", "right", "right", "right") // severity: high
			u.press("tab")
			u.typeText("Thiếu kinh phí chi trả")
		}, func(t *testing.T, r record.Record) {
			if r.Date != "2026-02-04" || r.Commune != "Xã Tam Đảo" || r.Severity != "high" || r.Title != "Thiếu kinh phí chi trả" || r.Category == "" || r.Status != "new" {
				t.Fatalf("difficulty = %+v", r)
			}
		}, "Thiếu kinh phí chi trả"},
		{record.KindTraining, "4", func(u *tui) {
			u.press("tab")
			u.typeText("Hội trường xã")
			u.press("tab")
			u.typeText("Nghiệp vụ văn thư")
			u.press("tab", "tab")
			u.typeText("45")
			u.press("tab")
			u.typeText("20")
		}, func(t *testing.T, r record.Record) {
			if r.Topic != "Nghiệp vụ văn thư" || r.Participants != 45 || r.WomenOr(-1) != 20 || r.Commune != "Hội trường xã" {
				t.Fatalf("training = %+v", r)
			}
		}, "Nghiệp vụ văn thư"},
	} {
		t.Run(string(tc.kind), func(t *testing.T) {
			st := openTestStore(t, true)
			u := startTUI(t, st, i18n.VI, 100, 30)
			u.waitFor("Tuần này")
			u.press(tc.tab)
			u.waitFor("Chưa có bản ghi nào")
			u.press("n")
			u.waitFor("Thêm")
			tc.fill(u)
			u.press("ctrl+s")
			u.waitFor(tc.shown, "1 bản ghi")
			recs := listAll(t, st, tc.kind)
			if len(recs) != 1 {
				t.Fatalf("%d records", len(recs))
			}
			tc.check(t, recs[0])
			if keys, _ := st.DraftKeys(); len(keys) != 0 {
				t.Fatalf("drafts left after a save: %v", keys)
			}
			u.quit()
		})
	}
}

func TestValidationKeepsWhatWasTyped(t *testing.T) {
	st := openTestStore(t, true)
	u := startForm(t, st, "4", "Thêm tập huấn")
	u.press("tab")
	u.typeText("Xã Yên Lạc")
	u.press("tab", "tab", "tab")
	u.typeText("abc") // participants
	u.waitFor("«Số người tham dự»: «abc» không phải là số")
	u.press("ctrl+s")
	s := u.waitFor("Chưa lưu: còn 2 chỗ cần sửa.") // topic, participants
	for _, want := range []string{"«Chủ đề» là bắt buộc", "Xã Yên Lạc"} {
		if !strings.Contains(s, want) {
			t.Fatalf("screen lacks %q:\n%s", want, s)
		}
	}
	if n := len(listAll(t, st, record.KindTraining)); n != 0 {
		t.Fatalf("an invalid record was saved (%d)", n)
	}
	// Fix it where it is: the typed commune is still there.
	// Focus went to the first field with a problem: the topic.
	u.typeText("Kỹ năng số")
	u.press("tab", "tab")
	for range 3 {
		u.press("backspace")
	}
	u.typeText("30")
	u.press("ctrl+s")
	u.waitFor("Kỹ năng số", "1 bản ghi")
	r := listAll(t, st, record.KindTraining)[0]
	if r.Commune != "Xã Yên Lạc" || r.Participants != 30 {
		t.Fatalf("saved %+v", r)
	}
	u.quit()
}

func TestValidationScreen(t *testing.T) {
	st := openTestStore(t, true)
	u := startForm(t, st, "3", "Thêm khó khăn")
	u.press("tab")
	u.typeText("Xã Tam Đảo")
	u.press("ctrl+s")
	requireGolden(t, u.waitFor("Chưa lưu"))
	u.quit()
}

func TestEscAsksBeforeDiscarding(t *testing.T) {
	st := openTestStore(t, true)
	u := startForm(t, st, "2", "Thêm nhật ký")
	u.press("tab")
	u.typeText("Xã Đông Anh")
	u.press("esc")
	u.waitFor("Bỏ các thay đổi chưa lưu?")
	u.press("n") // no: back to the form, text intact
	u.waitGone("Bỏ các thay đổi")
	u.waitFor("Xã Đông Anh")
	u.press("esc")
	u.waitFor("Bỏ các thay đổi chưa lưu?")
	u.press("y")
	u.waitFor("Chưa có bản ghi nào")
	if keys, _ := st.DraftKeys(); len(keys) != 0 {
		t.Fatalf("discarded form left drafts %v", keys)
	}
	u.quit()
}

// TestDraftSurvivesQuit quits with a half-written form; the next start
// offers it back with what was typed.
func TestDraftSurvivesQuit(t *testing.T) {
	st := openTestStore(t, true)
	u := startForm(t, st, "2", "Thêm nhật ký")
	u.press("tab")
	u.typeText("Xã Sóc Sơn")
	u.quit()
	b, err := st.Draft("new:log")
	if err != nil || b == nil {
		t.Fatalf("no draft after quitting: %v", err)
	}
	var d draft
	if err := json.Unmarshal(b, &d); err != nil || d.Values["commune"] != "Xã Sóc Sơn" {
		t.Fatalf("draft = %s (%v)", b, err)
	}

	u = startTUI(t, st, i18n.VI, 80, 24)
	u.waitFor("Có 1 bản nháp chưa lưu")
	u.press("y")
	u.waitFor("Thêm nhật ký", "Xã Sóc Sơn")
	u.quit()
}

// TestDraftSavedWhileTyping: a crash loses at most the last moment of
// typing, because the draft is written shortly after every change.
func TestDraftSavedWhileTyping(t *testing.T) {
	st := openTestStore(t, true)
	u := startForm(t, st, "2", "Thêm nhật ký")
	u.press("tab")
	u.typeText("Xã Ba Vì")
	deadline := time.Now().Add(3 * time.Second)
	for {
		if b, _ := st.Draft("new:log"); b != nil && strings.Contains(string(b), "Xã Ba Vì") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no draft written while typing")
		}
		time.Sleep(20 * time.Millisecond)
	}
	u.quit()
}

func TestNFDTypingAndPaste(t *testing.T) {
	st := openTestStore(t, true)
	u := startForm(t, st, "2", "Thêm nhật ký")
	u.press("tab")
	// "Hà Nội" typed in NFD: base letters, then each combining mark as its
	// own key, as macOS and some Windows layouts send them.
	for _, r := range "Ha\u0300 No\u0302\u0323i" {
		u.tm.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	// The cursor moves by whole letters: one left (over the i), a
	// backspace, and the whole "ộ" goes, not only its last mark.
	u.press("left", "backspace")
	u.typeText("ộ")
	u.press("tab", "right", "tab")
	u.tm.Send(tea.PasteMsg{Content: "Ti\u00ea\u0301p d\u00e2n\r\nta\u0323i xa\u0303"})
	u.press("ctrl+s")
	u.waitFor("1 bản ghi")
	r := listAll(t, st, record.KindLog)[0]
	if r.Commune != "Hà Nội" {
		t.Fatalf("commune = %q (%U)", r.Commune, []rune(r.Commune))
	}
	if r.Content != "Tiếp dân\ntại xã" {
		t.Fatalf("content = %q", r.Content)
	}
	u.quit()
}

func TestHugePasteIsCapped(t *testing.T) {
	st := openTestStore(t, true)
	u := startForm(t, st, "2", "Thêm nhật ký")
	u.press("tab", "tab", "tab") // content
	huge := strings.Repeat("Nội dung rất dài. ", 1<<20/len("Nội dung rất dài. ")+1)
	u.tm.Send(tea.PasteMsg{Content: huge})
	u.waitFor("Đã cắt bớt: tối đa 10000 ký tự")
	u.press("ctrl+c")
	u.tm.WaitFinished(t)
	b, _ := st.Draft("new:log")
	var d draft
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	if n := len([]rune(d.Values["content"])); n != record.MaxLong {
		t.Fatalf("content kept %d characters, want %d", n, record.MaxLong)
	}
}

// TestCommuneCompletion: a commune typed before is offered as the officer
// types its first letters, without diacritics, and → fills it in.
func TestCommuneCompletion(t *testing.T) {
	st := openTestStore(t, true)
	fixture(t, st)
	u := startForm(t, st, "2", "Thêm nhật ký")
	u.press("tab")
	u.typeText("xa do")
	u.waitFor("Xã Đông Anh  (→ để điền)")
	u.press("right", "tab", "right", "tab")
	u.typeText("Họp")
	u.press("ctrl+s")
	u.waitFor("6 bản ghi")
	if r := listAll(t, st, record.KindLog)[0]; r.Commune != "Xã Đông Anh" || r.Content != "Họp" {
		t.Fatalf("saved %+v", r)
	}
	u.quit()
}
