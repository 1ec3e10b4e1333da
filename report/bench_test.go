package report

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"sotay/record/recordtest"
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
		if err := st.Import(context.Background(), recordtest.Records(n, days, end), nil); err != nil {
			b.Fatal(err)
		}
	})
	return path
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
