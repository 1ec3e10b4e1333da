// Package recordtest makes records for tests and benchmarks: one valid
// record of a kind (Sample), or many of every kind, always the same for
// the same arguments (Records). The record rules, the notebook, the
// officer's report and HQ's roll-up test with them.
package recordtest

import (
	"fmt"
	"math/rand/v2"
	"time"

	"sotay/domain"
	"sotay/record"
)

// Records makes n plausible records: 60% logs, 25% difficulties (some
// answered by HQ), 15% trainings, over 300 communes, dated over days days
// ending at end, created an hour before end. The same arguments make the
// same records.
func Records(n, days int, end time.Time) []record.Record {
	r := rand.New(rand.NewPCG(1, 2))
	communes := make([]string, 300)
	for i := range communes {
		communes[i] = fmt.Sprintf("%s %s %d", []string{"Xã", "Phường", "Đặc khu"}[i%3], []string{"Yên Bình", "Bắc Hà", "Sa Pa", "Mường Khương", "Bảo Thắng"}[i%5], i)
	}
	acts, cats, sevs, stats := domain.Activities(), domain.Categories(), domain.Severities(), domain.Statuses()
	created := end.Add(-time.Hour)
	recs := make([]record.Record, n)
	for i := range recs {
		rec := &recs[i]
		rec.ID = fmt.Sprintf("01950000-0000-7000-8000-%012d", i+1)
		rec.Rev, rec.Created, rec.Updated = 1, created, created
		rec.Date = end.AddDate(0, 0, -r.IntN(days)).Format("2006-01-02")
		rec.Commune = communes[r.IntN(len(communes))]
		switch k := r.IntN(100); {
		case k < 60:
			rec.Kind = record.KindLog
			rec.Activity = acts[r.IntN(len(acts))].Slug
			rec.Content = "Làm việc với Ủy ban nhân dân về bố trí cán bộ, công chức sau sắp xếp; hướng dẫn quy trình tiếp nhận hồ sơ trực tuyến."
			rec.Results = "Thống nhất lộ trình sắp xếp trụ sở trong quý tới."
			rec.NextSteps = fmt.Sprintf("Theo dõi việc thực hiện kết luận số %d.", r.IntN(50))
		case k < 85:
			rec.Kind = record.KindDifficulty
			rec.Category = cats[r.IntN(len(cats))].Slug
			rec.Severity = sevs[r.IntN(len(sevs))].Slug
			rec.Title = "Chưa có hướng dẫn chi trả chế độ cho người nghỉ việc theo Nghị định 178"
			rec.Proposal = fmt.Sprintf("Đề nghị Bộ Nội vụ hướng dẫn nội dung %d.", r.IntN(50))
			rec.Status = stats[r.IntN(len(stats))].Slug
			if rec.Status == "answered" || rec.Status == "resolved" && r.IntN(2) == 0 {
				rec.Responses = []record.Response{{At: created, Author: "Tổ công tác", Text: "Thực hiện theo Nghị định 178/2024/NĐ-CP."}}
			}
		default:
			rec.Kind = record.KindTraining
			rec.Topic = "Quy trình giải quyết thủ tục hành chính cấp xã"
			rec.Participants = 20 + r.IntN(80)
			rec.Women = new(r.IntN(rec.Participants + 1))
			rec.Hours = new(4.0)
		}
	}
	return recs
}

// Sample returns a valid record of kind k dated date (YYYY-MM-DD), with
// only its required fields and a few others set.
func Sample(k record.Kind, date string) record.Record {
	switch k {
	case record.KindLog:
		return record.Record{Kind: k, Date: date, Commune: "Xã Tân Lập", Activity: "meeting", Content: "Làm việc với Ủy ban nhân dân xã"}
	case record.KindDifficulty:
		return record.Record{Kind: k, Date: date, Commune: "Phường Ba Đình", Category: "staffing", Severity: "high", Title: "Thiếu công chức địa chính"}
	default:
		return record.Record{Kind: k, Date: date, Commune: "Hội trường xã", Topic: "Nghiệp vụ văn thư", Participants: 40, Women: new(12)}
	}
}
