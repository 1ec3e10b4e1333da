package ui

import (
	"strings"
	"testing"

	"sotay/i18n"
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
	u.typeText("CODE-123")
	u.press("ctrl+s")
	u.waitFor("Tổng quan", "Trần Thị Bình · Đà Nẵng")
	p, err := st.Profile()
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "Trần Thị Bình" || p.Province != "da-nang" || p.Position != "Chuyên viên chính" {
		t.Fatalf("profile = %+v", p)
	}
	if code, _ := st.Setting("hq_code"); code != "CODE-123" {
		t.Fatalf("hq_code = %q", code)
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
