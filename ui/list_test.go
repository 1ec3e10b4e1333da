package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"sotay/i18n"
	"sotay/record"
)

func TestFilterFindsWithoutDiacritics(t *testing.T) {
	st := openTestStore(t, true)
	fixture(t, st)
	u := startTUI(t, st, i18n.VI, 80, 24)
	u.waitFor("Tuần này")
	u.press("2")
	u.waitFor("5 bản ghi", "Tiếp công dân")
	u.press("/")
	u.typeText("soc son")
	u.waitFor("1 kết quả", "Khảo sát trụ sở")
	u.waitGone("Tiếp công dân") // the records that do not match go
	u.press("enter")            // keep the filter, back to the list keys
	u.press("enter")            // open the match
	u.waitFor("Khảo sát trụ sở làm việc sau sáp nhập", "Xã Sóc Sơn", "Khảo sát thực tế")
	u.press("esc")
	u.waitFor("/ soc son") // back on the list
	u.press("esc")         // clear the filter
	u.waitFor("5 bản ghi")
	u.quit()
}

func TestDifficultyFilters(t *testing.T) {
	st := openTestStore(t, true)
	fixture(t, st)
	u := startTUI(t, st, i18n.VI, 100, 30)
	u.waitFor("Tuần này")
	u.press("3")
	u.waitFor("3 bản ghi")
	u.press("m") // severity: low
	s := u.waitFor("Mức độ: Thấp", "1 kết quả", "Thiếu công chức địa chính")
	if strings.Contains(s, "Chậm chi trả") {
		t.Fatalf("severity filter let another through:\n%s", s)
	}
	u.press("m", "m", "m") // medium, high, urgent
	u.waitFor("Mức độ: Khẩn cấp", "Chậm chi trả")
	u.press("m") // back to all
	u.waitFor("3 bản ghi")
	u.press("t", "t", "t", "t") // status: answered
	u.waitFor("Trạng thái: Đã trả lời", "1 kết quả", "Chậm chi trả")
	u.press("esc")
	u.press("c") // category: the first one
	u.waitFor("Lĩnh vực: Tổ chức bộ máy, nhân sự", "1 kết quả", "Thiếu công chức")
	u.press("c", "c") // severance, then salary: nothing
	u.waitFor("Lĩnh vực: Tiền lương, phụ cấp", "0 kết quả", "Không có bản ghi nào khớp.")
	u.quit()
}

// TestPagingCrossesStorePages scrolls through more records than one page
// from the store holds.
func TestPagingCrossesStorePages(t *testing.T) {
	st := openTestStore(t, true)
	recs := make([]record.Record, 120)
	for i := range recs {
		recs[i] = record.Record{Kind: record.KindLog, Date: fmt.Sprintf("2025-%02d-%02d", 1+i/28, 1+i%28), Commune: "Xã Số " + fmt.Sprint(i), Activity: "other", Content: fmt.Sprintf("Bản ghi số %03d", i)}
	}
	if err := st.Import(t.Context(), recs, nil); err != nil {
		t.Fatal(err)
	}
	u := startTUI(t, st, i18n.VI, 80, 24)
	u.waitFor("Tuần này")
	u.press("2")
	u.waitFor("120 bản ghi", "Bản ghi số 119")
	for range 4 {
		u.press("pgdown")
	}
	// 4 screens of 19 rows down: the 77th newest, on the store's second
	// page of 50; the selected row is drawn reversed, so look at the top.
	s := u.waitFor("Bản ghi số 043")
	if !strings.Contains(s, "Bản ghi số 043") {
		t.Fatal(s)
	}
	for range 3 {
		u.press("pgup")
	}
	u.waitFor("Bản ghi số 100")
	u.waitGone("Bản ghi số 043")
	u.tm.Send(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	u.quit()
}

func TestDeleteAsksThenTombstones(t *testing.T) {
	st := openTestStore(t, true)
	fixture(t, st)
	u := startTUI(t, st, i18n.VI, 80, 24)
	u.waitFor("Tuần này")
	u.press("4")
	u.waitFor("2 bản ghi", "Quy trình giải quyết")
	u.press("d")
	u.waitFor("Xóa tập huấn «Quy trình giải quyết thủ tục hành chính»?")
	u.press("n")
	u.waitGone("Xóa tập huấn")
	u.press("d")
	u.waitFor("Xóa tập huấn")
	u.press("y")
	u.waitFor("1 bản ghi")
	recs := listAll(t, st, record.KindTraining)
	if len(recs) != 1 || recs[0].Topic != "Nghiệp vụ văn thư, lưu trữ" {
		t.Fatalf("after delete: %+v", recs)
	}
	// The tombstone waits to be sent like any change: still 10 records.
	if n, _ := st.Pending(); n != 10 {
		t.Fatalf("pending = %d, want 10", n)
	}
	u.quit()
}

func TestEditFromDetail(t *testing.T) {
	st := openTestStore(t, true)
	r := fixture(t, st)
	u := startTUI(t, st, i18n.VI, 80, 30)
	u.waitFor("Tuần này")
	u.press("3")
	u.waitFor("Chậm chi trả")
	u.press("enter")
	u.waitFor("Kinh phí chi trả do ngân sách tỉnh", "Đã trả lời")
	u.press("e")
	u.waitFor("Sửa khó khăn")
	u.press("tab")
	for range len([]rune("Xã Đông Anh")) {
		u.press("backspace")
	}
	u.typeText("Xã Thư Lâm")
	u.press("ctrl+s")
	u.waitFor("Xã Thư Lâm", "Kinh phí chi trả do ngân sách tỉnh") // back on the detail, re-read
	got, err := st.Get(r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Commune != "Xã Thư Lâm" || got.Rev != r.Rev+1 || got.Status != "answered" || len(got.Responses) != 1 {
		t.Fatalf("after edit: %+v", got)
	}
	u.press("d")
	u.waitFor("Xóa khó khăn")
	u.press("y")
	u.waitFor("2 bản ghi")
	if got, _ := st.Get(r.ID); !got.Deleted {
		t.Fatal("not a tombstone after delete")
	}
	u.quit()
}
