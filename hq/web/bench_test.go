package web

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"sotay/domain"
	"sotay/hq"
	"sotay/hq/auth"
	"sotay/record"
)

// Benchmarks of the workspace at national scale (DESIGN.md's budgets:
// inbox page ≤ 50 ms, filtered search ≤ 100 ms, a difficulty's page ≤ 20 ms,
// all server time), over an HQ database of SOTAY_BENCH_RECORDS records
// (default 100,000; the budget is stated at 1,000,000) from 200 officers:
//
//	SOTAY_BENCH_RECORDS=1000000 go test -run '^$' -bench Workspace -benchtime 5x ./hq/web/
//
// The database is generated once into the temporary directory and kept
// for later runs (delete sotay-hq-bench-N to make it anew).

const benchOfficers = 200

// benchDB opens (generating if needed) the benchmark HQ database and
// returns it with a signed-in member's session cookie and the id of one
// difficulty.
func benchDB(b *testing.B) (*hq.DB, *http.Cookie, string) {
	b.Helper()
	n := 100_000
	if v := os.Getenv("SOTAY_BENCH_RECORDS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < benchOfficers {
			b.Fatalf("SOTAY_BENCH_RECORDS=%q", v)
		}
	}
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("sotay-hq-bench-%d", n))
	done := filepath.Join(dir, "complete")
	if _, err := os.Stat(done); err != nil {
		os.RemoveAll(dir)
		start := time.Now()
		generate(b, dir, n)
		if err := os.WriteFile(done, nil, 0o600); err != nil {
			b.Fatal(err)
		}
		b.Logf("generated %d records from %d officers in %v", n, benchOfficers, time.Since(start).Round(time.Second))
	}
	db, err := hq.OpenDB(dir, 0)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	u, err := db.UserByEmail("bench@moha.gov.vn")
	if err != nil {
		b.Fatal(err)
	}
	token := auth.NewToken()
	now := time.Now()
	if err := db.SignedIn(u.ID, 0, auth.HashToken(token), hq.Session{User: u.ID, Created: now, Seen: now}, time.Hour, 12*time.Hour); err != nil {
		b.Fatal(err)
	}
	id, err := os.ReadFile(filepath.Join(dir, "difficulty"))
	if err != nil {
		b.Fatal(err)
	}
	return db, &http.Cookie{Name: CookieSession, Value: token}, string(id)
}

// generate writes n records from benchOfficers officers, one push of
// n/benchOfficers records each, as the officers' notebooks would.
func generate(b *testing.B, dir string, n int) {
	db, err := hq.OpenDB(dir, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if err := db.SetServed("https://hq.example.vn:8443", ""); err != nil {
		b.Fatal(err)
	}
	u, token, err := db.AddUser("Bench", "bench@moha.gov.vn", hq.RoleMember, nil)
	if err != nil {
		b.Fatal(err)
	}
	hash, _ := auth.HashPassword("bench password 2026")
	if _, err := db.CompleteSetup(token, hash, false, 0); err != nil {
		b.Fatal(err)
	}
	_ = u
	provinces := domain.ProvinceSlugs()
	rng := rand.New(rand.NewPCG(1, 2))
	var ids record.IDGen
	per := n / benchOfficers
	first := ""
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for o := range benchOfficers {
		off, _, err := db.Enroll(fmt.Sprintf("Cán bộ %d", o+1), provinces[o%len(provinces)])
		if err != nil {
			b.Fatal(err)
		}
		recs := make([]record.Record, 0, per)
		for i := range per {
			created := t0.Add(time.Duration(o*per+i) * 10 * time.Second)
			r := benchRecord(rng, i)
			r.ID, r.Rev, r.Created, r.Updated = record.FormatID(ids.Next(created)), 1, created, created
			if first == "" && r.Kind == record.KindDifficulty {
				first = r.ID
			}
			recs = append(recs, r)
		}
		if _, err := db.Apply(off.ID, "bench", "", uint64(per), recs); err != nil {
			b.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "difficulty"), []byte(first), 0o600); err != nil {
		b.Fatal(err)
	}
}

var (
	benchTopics = []string{"bố trí cán bộ, công chức sau sắp xếp", "chế độ cho người nghỉ việc theo Nghị định 178",
		"tiền lương và phụ cấp cán bộ cấp xã", "kinh phí hoạt động và cơ sở vật chất", "phân cấp, phân quyền giữa hai cấp",
		"dịch vụ công trực tuyến và chữ ký số", "quản lý đất đai và giải phóng mặt bằng", "trụ sở làm việc và phương tiện",
		"đào tạo, bồi dưỡng công chức cấp xã", "vị trí việc làm và biên chế", "lưu trữ hồ sơ, con dấu sau hợp nhất"}
	benchPlaces = []string{"An", "Bình", "Hòa", "Phú", "Thạnh", "Tân", "Long", "Hưng", "Phước", "Thuận", "Đông", "Tây",
		"Nam", "Bắc", "Hải", "Sơn", "Lâm", "Quang", "Minh", "Vĩnh", "Xuân", "Đức", "Lộc", "Mỹ", "Phong", "Yên", "Ngọc"}
	benchCategories = []string{"staffing", "severance", "salary", "finance", "facilities", "it", "procedures", "land"}
)

func benchRecord(rng *rand.Rand, i int) record.Record {
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	date := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(150)).Format("2006-01-02")
	commune := pick([]string{"Xã", "Phường"}) + " " + pick(benchPlaces) + " " + pick(benchPlaces)
	switch i % 10 {
	case 0, 1, 2:
		topic := pick(benchTopics)
		return record.Record{Kind: record.KindDifficulty, Date: date, Commune: commune, Category: pick(benchCategories),
			Severity: pick([]string{"low", "medium", "high", "urgent"}), Title: "Vướng mắc về " + topic,
			Description: fmt.Sprintf("Tại %s, %d công chức gặp khó khăn về %s.", commune, rng.IntN(40)+1, topic),
			Proposal:    "Đề nghị Bộ Nội vụ hướng dẫn về " + pick(benchTopics) + "."}
	case 3, 4:
		n := rng.IntN(120) + 10
		return record.Record{Kind: record.KindTraining, Date: date, Commune: commune, Topic: "Tập huấn " + pick(benchTopics),
			Audience: "Công chức cấp xã", Participants: n, Women: new(rng.IntN(n)), Hours: new(float64(rng.IntN(8) + 1))}
	}
	return record.Record{Kind: record.KindLog, Date: date, Commune: commune, Activity: pick([]string{"survey", "meeting", "guidance"}),
		Content: "Làm việc với UBND " + commune + " về " + pick(benchTopics) + ".", Results: "Đã thống nhất phương án."}
}

// benchPage measures the server's time for one page: the handler over an
// in-memory response, no network.
func benchPage(b *testing.B, path string) {
	db, cookie, id := benchDB(b)
	ws, err := New(FromDB(db), Options{})
	if err != nil {
		b.Fatal(err)
	}
	h := ws.Handler()
	if path == "/d/" {
		path += id
	}
	// The first page builds the index: time it apart, with the memory the
	// index holds.
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	start := time.Now()
	req := httptest.NewRequest(http.MethodGet, "https://hq.example.vn"+path, nil)
	req.AddCookie(cookie)
	h.ServeHTTP(httptest.NewRecorder(), req)
	runtime.GC()
	runtime.ReadMemStats(&m1)
	b.Logf("first page (index built): %v, heap +%d MB", time.Since(start).Round(time.Millisecond), (int64(m1.HeapAlloc)-int64(m0.HeapAlloc))>>20)
	b.ResetTimer()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodGet, "https://hq.example.vn"+path, nil)
		req.AddCookie(cookie)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("%s: %d", path, rec.Code)
		}
	}
}

func BenchmarkWorkspaceInbox(b *testing.B)  { benchPage(b, "/inbox") }
func BenchmarkWorkspaceSearch(b *testing.B) { benchPage(b, "/inbox?q=luong+phu+cap&severity=urgent") }
func BenchmarkWorkspaceFilter(b *testing.B) {
	benchPage(b, "/inbox?province=ha-noi&status=new&sort=severity")
}
func BenchmarkWorkspaceDifficulty(b *testing.B) { benchPage(b, "/d/") }

// BenchmarkWorkspaceExport streams every difficulty as CSV and as xlsx;
// peak-heap-MB is what the export holds at its peak above the heap before
// it, and must not grow with the rows (SOTAY_BENCH_RECORDS chooses them:
// three records in ten are difficulties, so 33,400 records export 10,020
// rows, 200,000 export 60,000 and 3,340,000 export 1,002,000).
func BenchmarkWorkspaceExport(b *testing.B) {
	db, cookie, _ := benchDB(b)
	ws, err := New(FromDB(db), Options{})
	if err != nil {
		b.Fatal(err)
	}
	rows := 0
	err = db.EachMatching(b.Context(), hq.RecordFilter{Kind: record.KindDifficulty}, func(hq.RecordRow) error {
		rows++
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	h := ws.Handler()
	b.ReportAllocs()
	for _, format := range []string{"csv", "xlsx"} {
		b.Run(format, func(b *testing.B) {
			for b.Loop() {
				req := httptest.NewRequest(http.MethodGet, "https://hq.example.vn/export?format="+format+"&kind=difficulty", nil)
				req.AddCookie(cookie)
				w := &countingWriter{h: http.Header{}}
				runtime.GC()
				runtime.ReadMemStats(&w.mem)
				w.base = w.mem.HeapAlloc
				h.ServeHTTP(w, req)
				if w.code != 0 && w.code != http.StatusOK {
					b.Fatalf("export: %d", w.code)
				}
				b.ReportMetric(float64(rows), "rows")
				b.ReportMetric(float64(w.n), "bytes/export")
				// Constant memory: what the export holds at its peak above
				// the heap before it, whatever the number of rows.
				b.ReportMetric(float64(w.peak-min(w.peak, w.base))/(1<<20), "peak-heap-MB")
			}
		})
	}
}

// countingWriter counts an export's bytes and samples the live heap at
// every write, for the peak an export holds (ReadMemStats stops the world:
// the time of this benchmark is not the export's alone).
type countingWriter struct {
	h          http.Header
	n, writes  int
	code       int
	mem        runtime.MemStats
	base, peak uint64
}

func (w *countingWriter) Header() http.Header { return w.h }
func (w *countingWriter) WriteHeader(c int)   { w.code = c }
func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += len(p)
	w.writes++
	runtime.ReadMemStats(&w.mem)
	w.peak = max(w.peak, w.mem.HeapAlloc)
	return io.Discard.Write(p)
}
