package ui

import (
	"testing"
	"time"

	"sotay/record"
	"sotay/store"
)

// fixture fills a notebook with a week of work: logs on some days, two
// trainings, difficulties of each severity, one answered by HQ, and a
// notice. It returns the answered difficulty.
func fixture(t testing.TB, st *store.Store) record.Record {
	t.Helper()
	add := func(r record.Record) record.Record {
		t.Helper()
		saved, err := st.Create(r)
		if err != nil {
			t.Fatal(err)
		}
		return saved
	}
	for _, l := range []struct{ date, commune, activity, content string }{
		{"2026-02-02", "Phường Ba Đình", "meeting", "Làm việc với UBND phường về sắp xếp bộ máy"},
		{"2026-02-02", "Xã Sóc Sơn", "survey", "Khảo sát trụ sở làm việc sau sáp nhập"},
		{"2026-02-03", "Phường Hoàn Kiếm", "guidance", "Hướng dẫn lập hồ sơ cán bộ dôi dư"},
		{"2026-02-05", "Xã Đông Anh", "citizens", "Tiếp công dân về chế độ nghỉ việc"},
		{"2026-01-28", "Phường Tây Hồ", "inspection", "Kiểm tra việc bàn giao tài sản"},
	} {
		add(record.Record{Kind: record.KindLog, Date: l.date, Commune: l.commune, Activity: l.activity, Content: l.content})
	}
	add(record.Record{Kind: record.KindTraining, Date: "2026-02-03", Commune: "Hội trường UBND xã Sóc Sơn", Topic: "Nghiệp vụ văn thư, lưu trữ", Participants: 45, Women: new(21), Hours: new(4.0)})
	add(record.Record{Kind: record.KindTraining, Date: "2026-02-04", Commune: "Phường Ba Đình", Topic: "Quy trình giải quyết thủ tục hành chính", Participants: 60, Women: new(33)})
	add(record.Record{Kind: record.KindDifficulty, Date: "2026-02-02", Commune: "Xã Sóc Sơn", Category: "finance", Severity: "medium", Title: "Chưa có kinh phí sửa trụ sở"})
	add(record.Record{Kind: record.KindDifficulty, Date: "2026-02-03", Commune: "Phường Hoàn Kiếm", Category: "staffing", Severity: "low", Title: "Thiếu công chức địa chính"})
	answered := add(record.Record{Kind: record.KindDifficulty, Date: "2026-02-04", Commune: "Xã Đông Anh", Category: "severance", Severity: "urgent",
		Title: "Chậm chi trả chế độ cho cán bộ nghỉ việc", Description: "12 cán bộ không chuyên trách nghỉ việc từ 01/7 chưa nhận trợ cấp.", Proposal: "Đề nghị Bộ hướng dẫn nguồn kinh phí."})
	at := time.Date(2026, 2, 5, 8, 15, 0, 0, time.UTC)
	err := st.ApplyInbox([]store.InboxEvent{
		{Seq: 1, At: at, RecordID: answered.ID, Status: "answered", Response: &record.Response{At: at, Author: "Tổ công tác Bộ Nội vụ",
			Text: "Kinh phí chi trả do ngân sách tỉnh bảo đảm theo Nghị định 178/2024/NĐ-CP; đề nghị Sở Tài chính tham mưu.\x1b[31m"}},
		{Seq: 2, At: at, Notice: &store.Notice{Title: "Lịch giao ban trực tuyến tháng 2", Text: "Giao ban vào 14 giờ thứ Sáu hằng tuần."}},
	}, 2)
	if err != nil {
		t.Fatal(err)
	}
	r, err := st.Get(answered.ID)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
