package hq

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"path/filepath"
	"slices"
	gosync "sync"
	"testing"
	"time"

	"sotay/record"
	"sotay/store"
	"sotay/sync"
	"sotay/sync/wire"
)

// Benchmarks of DESIGN.md's sync budgets:
//
//	go test -run '^$' -bench 'PushBacklog|Ingest' -benchtime 1x ./hq/
//
// BenchmarkPushBacklog: a 100,000-record backlog pushed to a local HQ
// (budget ≤ 10 s; bytes on the wire ≤ 20% of the records' plain JSON).
// BenchmarkIngest500: HQ ingest from 500 devices pushing at once (budget
// ≥ 10,000 records/s), with p50/p99 push latency.

// benchText makes varied officer prose: sentences drawn from a bank, with
// names and numbers, so compression sees text like the real thing rather
// than one line repeated.
type benchText struct{ r *rand.Rand }

var (
	benchOpenings = []string{"Làm việc với Ủy ban nhân dân", "Khảo sát thực tế tại", "Họp với Đảng ủy và lãnh đạo",
		"Hướng dẫn nghiệp vụ cho công chức", "Kiểm tra việc sắp xếp bộ máy tại", "Tiếp công dân tại trụ sở",
		"Trao đổi với Văn phòng HĐND và UBND", "Giám sát giải quyết thủ tục hành chính tại",
		"Làm việc với Trung tâm phục vụ hành chính công", "Dự hội nghị sơ kết chính quyền hai cấp tại"}
	benchSubjects = []string{"về bố trí cán bộ, công chức sau sắp xếp", "về chế độ cho người nghỉ việc theo Nghị định 178",
		"về tiền lương và phụ cấp cán bộ cấp xã", "về bảo hiểm xã hội cho người hoạt động không chuyên trách",
		"về kinh phí hoạt động và cơ sở vật chất", "về phân cấp, phân quyền giữa hai cấp",
		"về dịch vụ công trực tuyến và chữ ký số", "về quản lý đất đai và giải phóng mặt bằng",
		"về trụ sở làm việc và phương tiện đi lại", "về đào tạo, bồi dưỡng công chức cấp xã",
		"về vị trí việc làm và biên chế", "về lưu trữ hồ sơ, con dấu sau hợp nhất"}
	benchResults = []string{"Đã thống nhất phương án và giao phòng chuyên môn tham mưu.", "Địa phương cam kết hoàn thành trong tháng.",
		"Còn vướng về nguồn kinh phí, đề nghị tỉnh hỗ trợ.", "Đã hướng dẫn trực tiếp cho %d công chức.",
		"Tiếp nhận %d hồ sơ, giải quyết đúng hạn %d hồ sơ.", "Ghi nhận %d ý kiến của người dân.",
		"Đề xuất bổ sung %d biên chế công chức địa chính.", "Lập biên bản làm việc, gửi Sở Nội vụ theo dõi."}
	benchSyllables = []string{"An", "Bình", "Hòa", "Phú", "Thạnh", "Tân", "Long", "Hưng", "Phước", "Thuận", "Đông", "Tây",
		"Nam", "Bắc", "Trung", "Hải", "Sơn", "Lâm", "Thủy", "Quang", "Minh", "Thành", "Vĩnh", "Xuân", "Đức", "Nghĩa",
		"Lộc", "Mỹ", "Phong", "Hiệp", "Yên", "Kim", "Ngọc", "Cẩm", "Châu", "Giang", "Khánh", "Thịnh", "Định", "Ninh"}
)

func (g benchText) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

func (g benchText) commune() string {
	return g.pick([]string{"Xã", "Xã", "Phường", "Đặc khu"}) + " " + g.pick(benchSyllables) + " " + g.pick(benchSyllables)
}

func (g benchText) sentence(bank []string) string {
	s := g.pick(bank)
	return fmt.Sprintf(s, g.r.IntN(200)+1, g.r.IntN(100)+1)
}

func (g benchText) record(i int) record.Record {
	date := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.r.IntN(150)).Format("2006-01-02")
	switch i % 10 {
	case 0, 1:
		return record.Record{Kind: record.KindDifficulty, Date: date, Commune: g.commune(),
			Category: g.pick([]string{"staffing", "severance", "salary", "finance", "procedures"}), Severity: g.pick([]string{"low", "medium", "high", "urgent"}),
			Title: g.pick(benchSubjects)[4:], Description: g.pick(benchOpenings) + " " + g.commune() + " " + g.pick(benchSubjects) + ". " + g.sentence(benchResults),
			Proposal: "Đề nghị Bộ Nội vụ hướng dẫn " + g.pick(benchSubjects)[4:] + "."}
	case 2:
		n := g.r.IntN(120) + 10
		return record.Record{Kind: record.KindTraining, Date: date, Commune: g.commune(), Topic: "Tập huấn " + g.pick(benchSubjects)[4:],
			Audience: "Công chức cấp xã", Participants: n, Women: new(g.r.IntN(n)), Trainers: "Tổ công tác Bộ Nội vụ", Hours: new(float64(g.r.IntN(8) + 1))}
	}
	return record.Record{Kind: record.KindLog, Date: date, Commune: g.commune(),
		Activity: g.pick([]string{"survey", "meeting", "guidance", "inspection", "citizens", "other"}),
		Content:  g.pick(benchOpenings) + " " + g.commune() + " " + g.pick(benchSubjects) + ".",
		Results:  g.sentence(benchResults) + " " + g.sentence(benchResults), NextSteps: "Tiếp tục theo dõi " + g.pick(benchSubjects)[4:] + "."}
}

func knownCategories(b *testing.B) {
	for _, c := range []string{"staffing", "severance", "salary", "finance", "procedures"} {
		r := record.Record{Kind: record.KindDifficulty, Date: "2026-01-01", Commune: "x", Category: c, Severity: "low", Title: "t"}
		if err := r.Normalize(time.Now()); err != nil {
			b.Fatalf("category %s: %v", c, err)
		}
	}
}

func BenchmarkPushBacklog(b *testing.B) {
	const n = 100_000
	knownCategories(b)
	for i := range b.N {
		b.StopTimer()
		h := startHQ(b, Limits{PerMinute: 1 << 20})
		en := h.enroll(b, "ha-noi")
		st, err := store.Open(filepath.Join(b.TempDir(), store.FileName), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := st.SetProfile(store.Profile{Name: "Bench", Province: "ha-noi"}); err != nil {
			b.Fatal(err)
		}
		if _, err := sync.Enroll(st, en.Code); err != nil {
			b.Fatal(err)
		}
		g := benchText{rand.New(rand.NewPCG(uint64(i), 7))}
		recs := make([]record.Record, n)
		for j := range recs {
			recs[j] = g.record(j)
		}
		if err := st.Import(context.Background(), recs, nil); err != nil {
			b.Fatal(err)
		}
		plain := 0
		err = st.Scan(context.Background(), store.Query{}, func(r record.Record) error {
			raw, err := json.Marshal(r)
			plain += len(raw) + 1
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		c, err := sync.New(st, sync.Options{})
		if err != nil {
			b.Fatal(err)
		}
		var wire int64
		b.StartTimer()
		start := time.Now()
		res, err := c.Sync(context.Background(), func(p sync.Progress) {
			if p.Phase == "push" {
				wire = p.Bytes
			}
		})
		took := time.Since(start)
		b.StopTimer()
		if err != nil || res.Pushed != n {
			b.Fatalf("sync: %+v, %v", res, err)
		}
		b.ReportMetric(took.Seconds(), "s/backlog")
		b.ReportMetric(float64(n)/took.Seconds(), "records/s")
		b.ReportMetric(float64(wire)/float64(plain)*100, "%wire/json")
		b.ReportMetric(float64(plain)/(1<<20), "MB-json")
		b.ReportMetric(float64(wire)/(1<<20), "MB-wire")
		st.Close()
	}
}

func BenchmarkIngest500(b *testing.B) {
	const devices, batches, perBatch = 500, 2, 100
	knownCategories(b)
	for i := range b.N {
		b.StopTimer()
		h := startHQ(b, Limits{PerMinute: 1 << 20})
		adm := &dbAdmin{db: h.db, dir: h.dir}
		type device struct {
			auth   string
			bodies [][]byte
		}
		devs := make([]device, devices)
		g := benchText{rand.New(rand.NewPCG(uint64(i), 11))}
		for d := range devs {
			en, err := adm.Enroll(context.Background(), fmt.Sprintf("Cán bộ %d", d), "ha-noi", "")
			if err != nil {
				b.Fatal(err)
			}
			e, _ := wire.ParseCode(en.Code)
			devs[d].auth = wire.BearerToken(e.Officer, e.Token)
			for k := range batches {
				recs := make([]record.Record, perBatch)
				for j := range recs {
					r := g.record(j)
					r.ID, r.Rev = newID(), 1
					r.Created, r.Updated = time.Now().UTC(), time.Now().UTC()
					recs[j] = r
				}
				devs[d].bodies = append(devs[d].bodies, batchBody(b, fmt.Sprintf("dev-%d", d), uint64((k+1)*perBatch), recs...))
			}
		}
		tr := h.srv.Client().Transport.(*http.Transport).Clone()
		tr.MaxIdleConnsPerHost = devices
		tr.MaxConnsPerHost = devices
		client := &http.Client{Transport: tr, Timeout: 2 * time.Minute}
		var mu gosync.Mutex
		var lat []time.Duration
		var failed int
		var wg gosync.WaitGroup
		startGate := make(chan struct{})
		for d := range devs {
			wg.Add(1)
			go func(dv device) {
				defer wg.Done()
				<-startGate
				for _, body := range dv.bodies {
					t0 := time.Now()
					ans := send(b, client, h.srv.URL, "POST", wire.PathPush, dv.auth, "zstd", body)
					el := time.Since(t0)
					mu.Lock()
					lat = append(lat, el)
					if ans.status != 200 {
						failed++
					}
					mu.Unlock()
				}
			}(devs[d])
		}
		b.StartTimer()
		start := time.Now()
		close(startGate)
		wg.Wait()
		took := time.Since(start)
		b.StopTimer()
		if failed > 0 {
			b.Fatalf("%d pushes failed", failed)
		}
		total := devices * batches * perBatch
		if got := countRecords(b, h.db); got != total {
			b.Fatalf("HQ holds %d records, want %d", got, total)
		}
		slices.Sort(lat)
		b.ReportMetric(float64(total)/took.Seconds(), "records/s")
		b.ReportMetric(float64(lat[len(lat)/2].Milliseconds()), "ms-p50")
		b.ReportMetric(float64(lat[len(lat)*99/100].Milliseconds()), "ms-p99")
		tr.CloseIdleConnections()
	}
}
