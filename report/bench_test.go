package report

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"sotay/domain"
	"sotay/record"
	"sotay/store"
)

// benchNotebooks are built once per run of the test binary and removed by
// TestMain: importing 100,000 records takes seconds, the benchmarks reuse
// them.
var benchNotebooks struct {
	dir  string
	once map[string]*sync.Once
	mu   sync.Mutex
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchNotebooks.dir != "" {
		os.RemoveAll(benchNotebooks.dir)
	}
	os.Exit(code)
}

// bigNotebook returns the path of a notebook of n records whose dates are
// spread evenly over days days ending 30 June 2026.
func bigNotebook(b *testing.B, n, days int) string {
	benchNotebooks.mu.Lock()
	defer benchNotebooks.mu.Unlock()
	if benchNotebooks.dir == "" {
		d, err := os.MkdirTemp("", "sotay-report-bench-")
		if err != nil {
			b.Fatal(err)
		}
		benchNotebooks.dir, benchNotebooks.once = d, map[string]*sync.Once{}
	}
	name := fmt.Sprintf("%d-%d", n, days)
	path := filepath.Join(benchNotebooks.dir, name, store.FileName)
	once := benchNotebooks.once[name]
	if once == nil {
		once = new(sync.Once)
		benchNotebooks.once[name] = once
	}
	once.Do(func() {
		end := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
		st, err := store.Open(path, store.Options{NoSync: true, Now: func() time.Time { return end }})
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		if err := st.SetProfile(store.Profile{Name: "Trần Văn Bình", Province: "lao-cai"}); err != nil {
			b.Fatal(err)
		}
		if err := st.Import(context.Background(), genRecords(n, days, end), nil); err != nil {
			b.Fatal(err)
		}
	})
	return path
}

// genRecords makes n plausible records: 60% logs, 25% difficulties (some
// answered by HQ), 15% trainings, over 300 communes.
func genRecords(n, days int, end time.Time) []record.Record {
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
			rec.Women = r.IntN(rec.Participants + 1)
			rec.Hours = 4
		}
	}
	return recs
}

func benchmarkBuild(b *testing.B, n, days int, p Period) {
	path := bigNotebook(b, n, days)
	st, err := store.Open(path, store.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	now := p.To.AddDate(0, 0, 1)
	var records int
	b.ResetTimer()
	for b.Loop() {
		r, err := Build(context.Background(), st, p, now)
		if err != nil {
			b.Fatal(err)
		}
		records = r.Logs.Sessions + r.Training.Sessions + r.Difficulties.Total
		if err := WriteMarkdown(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(records), "records/report")
}

// BenchmarkBuildMonth: March 2026's report (build and Markdown) on a
// 100,000-record notebook kept over two years. Budget: ≤ 1 s.
func BenchmarkBuildMonth(b *testing.B) {
	benchmarkBuild(b, 100_000, 730, Month(2026, 3))
}

// BenchmarkBuildMonthDense: the worst case, all 100,000 records in the
// month reported.
func BenchmarkBuildMonthDense(b *testing.B) {
	benchmarkBuild(b, 100_000, 30, Month(2026, 6))
}

// BenchmarkDocxMonth writes the month's .docx.
func BenchmarkDocxMonth(b *testing.B) {
	path := bigNotebook(b, 100_000, 730)
	st, err := store.Open(path, store.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	r, err := Build(context.Background(), st, Month(2026, 3), time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := WriteDocx(&buf, r); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}
