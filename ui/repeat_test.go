package ui

import (
	"strings"
	"testing"

	"sotay/i18n"
	"sotay/record"
)

// Fast repeat entry (issue 13): C duplicates the selected record, on a
// list or a record, as a new record dated today, saved once when the
// officer saves.
func TestDuplicateRecord(t *testing.T) {
	st := openTestStore(t, true)
	fixture(t, st)
	u := startTUI(t, st, i18n.VI, 80, 24)
	u.waitFor("Tuần này")
	u.press("2")
	u.waitFor("5 bản ghi")
	u.press("down") // 03/02, Phường Hoàn Kiếm
	u.press("C")
	s := u.waitFor("Thêm nhật ký công tác (bản sao, ngày hôm nay)", "05/02/2026", "Phường Hoàn Kiếm", "Hướng dẫn lập hồ sơ cán bộ dôi dư")
	if strings.Contains(s, "03/02/2026") {
		t.Fatalf("the copy keeps the old date:\n%s", s)
	}
	if n := len(listAll(t, st, record.KindLog)); n != 5 {
		t.Fatalf("%d logs before the copy is saved, want 5", n)
	}
	u.press("ctrl+s")
	u.waitFor("6 bản ghi")
	var copies []record.Record
	for _, r := range listAll(t, st, record.KindLog) {
		if r.Commune == "Phường Hoàn Kiếm" {
			copies = append(copies, r)
		}
	}
	if len(copies) != 2 || copies[0].Date != "2026-02-05" || copies[0].Rev != 1 || copies[0].Content != copies[1].Content ||
		copies[0].Activity != "guidance" || copies[1].Date != "2026-02-03" {
		t.Fatalf("after the copy: %+v", copies)
	}

	// From a record's detail: a training, its numbers kept.
	u.press("4")
	u.waitFor("2 bản ghi")
	u.press("down", "enter") // 03/02, the older training
	u.waitFor("Tập huấn: Nghiệp vụ văn thư")
	u.press("C")
	u.waitFor("Thêm tập huấn (bản sao, ngày hôm nay)", "45")
	u.press("ctrl+s")
	u.waitGone("bản sao")
	u.press("esc")
	u.waitFor("3 bản ghi")
	n := 0
	for _, r := range listAll(t, st, record.KindTraining) {
		if r.Topic == "Nghiệp vụ văn thư, lưu trữ" && r.Date == "2026-02-05" && r.Participants == 45 && r.WomenOr(-1) == 21 && r.HoursOr(-1) == 4 {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("the training's copy was not saved whole")
	}
	u.quit()
}

// A new log starts from the officer's last log: commune, activity and
// partners, each marked «như lần trước»; typing replaces such a value,
// backspace clears it.
func TestNewLogStartsAsLast(t *testing.T) {
	st := openTestStore(t, true)
	fixture(t, st)
	if _, err := st.Create(record.Record{Kind: record.KindLog, Date: "2026-02-05", Commune: "Xã Mê Linh", Activity: "inspection",
		Content: "Kiểm tra", Partners: "Phòng Nội vụ"}); err != nil {
		t.Fatal(err)
	}
	u := startTUI(t, st, i18n.VI, 80, 40)
	u.waitFor("Tuần này")
	u.press("2", "n")
	s := u.waitFor("Thêm nhật ký", "Xã, hoạt động và người làm việc cùng lấy như nhật ký trước.", "Xã Mê Linh", "Phòng Nội vụ", "Kiểm tra, giám sát")
	if c := strings.Count(s, "như lần trước"); c != 3 {
		t.Fatalf("%d fields marked as last time, want 3:\n%s", c, s)
	}
	u.press("tab")
	u.typeText("Phường Kim Mã")
	s = u.waitFor("Phường Kim Mã")
	if strings.Contains(s, "Xã Mê Linh") || strings.Count(s, "như lần trước") != 2 {
		t.Fatalf("typing did not replace the last commune:\n%s", s)
	}
	u.press("tab", "tab")
	u.typeText("Họp giao ban")
	u.press("tab", "tab", "tab", "backspace") // partners: cleared
	u.waitGone("Phòng Nội vụ")
	u.press("ctrl+s")
	u.waitFor("7 bản ghi")
	var got record.Record
	for _, r := range listAll(t, st, record.KindLog) {
		if r.Content == "Họp giao ban" {
			got = r
		}
	}
	if got.Commune != "Phường Kim Mã" || got.Activity != "inspection" || got.Partners != "" || got.Date != "2026-02-05" {
		t.Fatalf("saved %+v", got)
	}
	u.quit()
}

// T keeps a record as a named template (asking before replacing one of
// the same name); N lists the templates of the tab's kind, Enter opens a
// new record from one, d deletes one.
func TestTemplates(t *testing.T) {
	st := openTestStore(t, true)
	fixture(t, st)
	u := startTUI(t, st, i18n.VI, 80, 24)
	u.waitFor("Tuần này")
	u.press("2")
	u.waitFor("5 bản ghi")
	u.press("N")
	u.waitFor("Mẫu nhật ký", "Chưa có mẫu nào", "nhấn T để lưu")
	u.press("esc")
	u.press("down") // 03/02, Phường Hoàn Kiếm
	u.press("T")
	u.waitFor("Lưu làm mẫu", "Tên mẫu")
	u.typeText("Giao ban phường")
	u.press("enter")
	u.waitFor("Đã lưu mẫu «Giao ban phường».")
	u.press("down", "T")
	u.waitFor("Tên mẫu")
	u.typeText("giao ban phuong")
	u.press("enter")
	u.waitFor("Đã có mẫu «giao ban phuong». Thay bằng bản ghi này?")
	u.press("enter") // no: the first stays
	u.waitGone("Đã có mẫu")
	if ts, _ := st.Templates(record.KindLog); len(ts) != 1 || ts[0].Record.Commune != "Phường Hoàn Kiếm" {
		t.Fatalf("templates = %+v", ts)
	}

	u.press("N")
	u.waitFor("Mẫu nhật ký", "Giao ban phường — Hướng dẫn lập hồ sơ")
	u.press("enter")
	u.waitFor("Thêm nhật ký công tác theo mẫu «Giao ban phường»", "05/02/2026", "Hướng dẫn lập hồ sơ")
	u.press("ctrl+s")
	u.waitFor("6 bản ghi")
	if n := len(listAll(t, st, record.KindLog)); n != 6 {
		t.Fatalf("%d logs after a record from a template, want 6", n)
	}

	u.press("N")
	u.waitFor("Giao ban phường")
	u.press("d")
	u.waitFor("Xóa mẫu «Giao ban phường»?")
	u.press("y")
	u.waitFor("Chưa có mẫu nào")
	if ts, _ := st.Templates(record.KindLog); len(ts) != 0 {
		t.Fatalf("templates after delete = %+v", ts)
	}
	u.quit()
}

// Every date field takes the days of the week as officers write them
// ("thứ hai tuần trước", "t2"): a record's form and the report's range.
func TestWeekdayDatesInForms(t *testing.T) {
	st := openTestStore(t, true)
	u := startForm(t, st, "4", "Thêm tập huấn") // Thursday 05/02/2026
	u.press("ctrl+u")
	u.typeText("thứ hai tuần trước")
	u.press("tab")
	u.typeText("Xã Sóc Sơn")
	u.press("tab")
	u.typeText("Văn thư")
	u.press("tab", "tab")
	u.typeText("30")
	u.press("ctrl+s")
	u.waitFor("1 bản ghi")
	if recs := listAll(t, st, record.KindTraining); len(recs) != 1 || recs[0].Date != "2026-01-26" {
		t.Fatalf("saved %+v", recs)
	}
	u.press("r")
	u.waitFor("Báo cáo tuần")
	u.press("d")
	u.waitFor("Báo cáo theo khoảng ngày")
	u.press("ctrl+u")
	u.typeText("t2 tuần trước")
	u.press("tab", "ctrl+u")
	u.typeText("cn")
	u.press("enter")
	u.waitFor("Báo cáo từ 26/01/2026 đến 01/02/2026")
	u.quit()
}

// The template picker says what Enter does in one way: its hint and its
// footer read the same binding, "↵ dùng mẫu", not a list's "↵ xem".
func TestTemplatePickerHelp(t *testing.T) {
	st := openTestStore(t, true)
	fixture(t, st)
	if _, err := st.SaveTemplate("Giao ban", listAll(t, st, record.KindLog)[0], false); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		lang      i18n.Lang
		want, not string
	}{
		{i18n.VI, "↵ dùng mẫu", "↵ xem"},
		{i18n.EN, "↵ use template", "↵ open"},
	} {
		u := startTUI(t, st, tt.lang, 100, 24)
		u.press("2")
		u.press("N")
		s := u.waitFor("Giao ban")
		lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
		footer := lines[len(lines)-1]
		if !strings.Contains(footer, tt.want) || strings.Contains(s, tt.not) || strings.Count(s, tt.want) != 2 {
			t.Errorf("%s: hint and footer should both say %q, never %q:\n%s", tt.lang, tt.want, tt.not, s)
		}
		u.quit()
	}
}
