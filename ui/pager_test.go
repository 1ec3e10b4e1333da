package ui

import (
	"fmt"
	"strings"
	"testing"

	"sotay/i18n"
	"sotay/store"
)

// A notice of 10,000 characters reads to its end: End and PgDn scroll
// it (issue 11: it stopped after about 2,300 characters).
func TestLongNoticeScrolls(t *testing.T) {
	st := openTestStore(t, true)
	var b strings.Builder
	for i := 0; b.Len() < 10000; i++ {
		fmt.Fprintf(&b, "Đoạn %d của thông báo dài. ", i)
	}
	b.WriteString("HẾT THÔNG BÁO")
	err := st.ApplyInbox([]store.InboxEvent{{Seq: 1, At: testNow, Notice: &store.Notice{Title: "Thông báo dài", Text: b.String()}}}, 1)
	if err != nil {
		t.Fatal(err)
	}
	u := startTUI(t, st, i18n.VI, 80, 24)
	u.waitFor("Tuần này")
	u.press("5")
	u.waitFor("Thông báo dài")
	u.press("enter")
	u.waitFor("Đoạn 0 của")
	u.press("end")
	u.waitFor("HẾT THÔNG BÁO")
	u.waitGone("Đoạn 0 của")
	u.press("home")
	u.waitFor("Đoạn 0 của")
	for range 30 {
		u.press("pgdown")
	}
	u.waitFor("HẾT THÔNG BÁO")
	u.quit()
}
