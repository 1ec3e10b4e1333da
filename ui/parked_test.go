package ui

import (
	"strings"
	"testing"

	"sotay/i18n"
	"sotay/record"
	"sotay/store"
)

// park pushes the whole outbox and has HQ refuse the records given, as
// the sync client does with HQ's answer.
func park(t *testing.T, st *store.Store, refused ...store.Rejection) {
	t.Helper()
	b, err := st.NextPush(0, 1000, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.AckPush(b.Through, refused); err != nil {
		t.Fatal(err)
	}
}

// TestParkedRecordsShown: the status bar counts the records HQ refused, p
// lists each with HQ's reason in the officer's words, and Enter opens its
// form; once saved, the record waits to be sent again.
func TestParkedRecordsShown(t *testing.T) {
	st := openTestStore(t, true)
	fixture(t, st)
	tr := listAll(t, st, record.KindTraining)[0]
	park(t, st,
		store.Rejection{ID: tr.ID, Rev: tr.Rev, Code: "invalid", Fields: []*record.FieldError{{Field: "women", Problem: record.ProblemWomen}}},
		store.Rejection{ID: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", Rev: 1, Code: "unknown_code", Reason: "gone\x1b[2J away"},
	)
	u := startTUI(t, st, i18n.VI, 80, 24)
	u.waitFor("Nguyễn Văn An", "Bị từ chối: 2 (phím p)")
	u.press("p")
	s := u.waitFor("Bản ghi bị Tổ công tác từ chối: 2", "Tập huấn: "+tr.Topic, "gone away")
	if strings.Contains(s, "\x1b") {
		t.Fatal("HQ's escape sequence reached the screen")
	}
	want := i18n.New(i18n.VI).ParkedReason(store.ParkedRecord{Fields: []*record.FieldError{{Field: "women", Problem: record.ProblemWomen}}})
	u.waitFor(want[:min(len(want), 40)])
	u.press("down", "enter") // the training: the unknown id sorts first
	u.waitFor("Sửa tập huấn")
	u.press("ctrl+s")
	u.waitFor("Chờ gửi: 1")
	u.press("esc")
	u.waitGone("Bản ghi bị Tổ công tác từ chối")
	u.quit()
}
