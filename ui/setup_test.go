package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"sotay/i18n"
	"sotay/sync/wire"
)

func TestSetupFirstRun(t *testing.T) {
	st := openTestStore(t, false)
	u := startTUI(t, st, i18n.VI, 80, 24)
	u.waitFor("Thiết lập sổ tay công tác", "Tỉnh/thành phố")
	u.typeText("Trần Thị Bình")
	u.press("tab")
	u.typeText("da nang") // no diacritics: still finds Đà Nẵng
	s := u.waitFor("Đà Nẵng")
	if want := "Hà Nội"; strings.Contains(s, want) {
		t.Fatalf("filter «da nang» still lists %s:\n%s", want, s)
	}
	u.press("tab")
	u.typeText("Chuyên viên chính")
	u.press("tab")
	u.typeText("CODE-123") // not a code: said next to the field
	u.press("ctrl+s")
	// One message, wrapped to the window, never cut or said twice.
	s = u.waitFor("! Mã đăng ký không hợp lệ", "«sotay1.»")
	if strings.Count(s, "Mã đăng ký không") != 1 || strings.Contains(s, "toà…") {
		t.Fatalf("the code's error is repeated or cut:\n%s", s)
	}
	for range len("CODE-123") {
		u.press("backspace")
	}
	// A real code (to an HQ that is not there: the sync that follows fails
	// and says so, the notebook keeps working).
	code := wire.Enrollment{URL: "https://127.0.0.1:9", Officer: "da-nang-1", Token: "0123456789abcdef0123"}.Code()
	u.tm.Send(tea.PasteMsg{Content: code})
	u.press("ctrl+s")
	u.waitFor("Tổng quan", "Trần Thị Bình · Đà Nẵng")
	p, err := st.Profile()
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "Trần Thị Bình" || p.Province != "da-nang" || p.Position != "Chuyên viên chính" {
		t.Fatalf("profile = %+v", p)
	}
	if ss, _ := st.SyncState(); ss.HQ != "https://127.0.0.1:9" || ss.OfficerID != "da-nang-1" {
		t.Fatalf("sync state after enrolling = %+v", ss)
	}
	u.quit()
}

func TestSetupNeedsNameAndProvince(t *testing.T) {
	st := openTestStore(t, false)
	u := startTUI(t, st, i18n.VI, 80, 24)
	u.waitFor("Thiết lập sổ tay công tác")
	u.press("tab")
	u.typeText("zzz") // no province matches
	u.waitFor("Không có tỉnh/thành phố nào khớp.")
	u.press("ctrl+s")
	u.waitFor("«Họ và tên» là bắt buộc", "«Tỉnh/thành phố» là bắt buộc")
	if _, err := st.Profile(); err == nil {
		t.Fatal("a profile was saved from an invalid setup")
	}
	u.quit()
}
