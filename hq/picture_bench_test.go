package hq

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"sotay/domain"
	"sotay/record"
	"sotay/report/decree30"
)

// Benchmarks of the national picture and the working group's month report
// (DESIGN.md's budgets at 1,000,000 records: overview ≤ 200 ms server
// time, the month's report ≤ 2 s), over an HQ database of
// SOTAY_BENCH_RECORDS records (default 100,000) from 200 officers in the
// 34 provinces, five months of work, six difficulties in ten answered:
//
//	SOTAY_BENCH_RECORDS=1000000 go test -run '^$' -bench 'Picture|WGReport' -benchtime 5x ./hq/
//
// The database is generated once into the temporary directory and kept
// (delete sotay-hq-picture-bench-N to make it anew). The index is built
// before the timer starts, as a running server has it warm.

const pictureBenchOfficers = 200

func pictureBenchDB(b *testing.B) *DB {
	b.Helper()
	n := 100_000
	if v := os.Getenv("SOTAY_BENCH_RECORDS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < pictureBenchOfficers {
			b.Fatalf("SOTAY_BENCH_RECORDS=%q", v)
		}
	}
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("sotay-hq-picture-bench-%d", n))
	done := filepath.Join(dir, "complete")
	if _, err := os.Stat(done); err != nil {
		os.RemoveAll(dir)
		start := time.Now()
		generatePicture(b, dir, n)
		if err := os.WriteFile(done, nil, 0o600); err != nil {
			b.Fatal(err)
		}
		b.Logf("generated %d records in %v", n, time.Since(start).Round(time.Second))
	}
	db, err := OpenDB(dir, 0)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	start := time.Now()
	if err := db.WarmIndex(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.Logf("index built in %v", time.Since(start).Round(time.Millisecond))
	return db
}

// generatePicture pushes n records as the officers' notebooks would, then
// answers six in ten difficulties in one transaction per officer (written
// directly: Respond's one transaction per answer would take an hour).
func generatePicture(b *testing.B, dir string, n int) {
	db, err := OpenDB(dir, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	provinces := domain.ProvinceSlugs()
	rng := rand.New(rand.NewPCG(3, 4))
	var ids record.IDGen
	per := n / pictureBenchOfficers
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	sevs := []string{"low", "medium", "high", "urgent"}
	cats := domain.Slugs(domain.Categories())
	for o := range pictureBenchOfficers {
		arrived := t0.AddDate(0, 0, o%150)
		db.now = func() time.Time { return arrived }
		off, _, err := db.Enroll(fmt.Sprintf("Cán bộ %d", o+1), provinces[o%len(provinces)])
		if err != nil {
			b.Fatal(err)
		}
		recs := make([]record.Record, 0, per)
		for i := range per {
			date := t0.AddDate(0, 0, rng.IntN(150)).Format("2006-01-02")
			r := record.Record{Date: date, Commune: fmt.Sprintf("Xã %d", rng.IntN(3000))}
			switch i % 10 {
			case 0, 1, 2:
				r.Kind, r.Category, r.Severity = record.KindDifficulty, cats[rng.IntN(len(cats))], sevs[rng.IntN(4)]
				r.Title = fmt.Sprintf("Vướng mắc số %d về %s", rng.IntN(500), r.Category)
				r.Proposal = fmt.Sprintf("Đề nghị Bộ Nội vụ hướng dẫn nội dung %d.", rng.IntN(200))
			case 3, 4:
				r.Kind, r.Topic, r.Participants = record.KindTraining, "Tập huấn nghiệp vụ", rng.IntN(120)+10
				r.Women = new(rng.IntN(r.Participants))
			default:
				r.Kind, r.Activity, r.Content = record.KindLog, "meeting", "Làm việc với UBND xã"
			}
			created := t0.Add(time.Duration(o*per+i) * 10 * time.Second)
			r.ID, r.Rev, r.Created, r.Updated = record.FormatID(ids.Next(created)), 1, created, created
			recs = append(recs, r)
		}
		if _, err := db.Apply(off.ID, "bench", "", uint64(per), recs); err != nil {
			b.Fatal(err)
		}
		err = db.db.Update(func(tx *bolt.Tx) error {
			rb := tx.Bucket(bucketRecords)
			for _, r := range recs {
				if r.Kind != record.KindDifficulty || rng.IntN(10) >= 6 {
					continue
				}
				id, _ := record.ParseID(r.ID)
				var sr StoredRecord
				if err := getJSON(rb, id[:], &sr); err != nil {
					return err
				}
				at := sr.Received.Add(time.Duration(rng.IntN(240)) * time.Hour)
				sr.Record.Status = record.StatusAnswered
				sr.Record.Responses = []record.Response{{At: at, Author: "Tổ công tác", Text: "Thực hiện theo hướng dẫn tại văn bản số " + strconv.Itoa(rng.IntN(900)) + "/BNV-CQĐP."}}
				v, err := json.Marshal(sr)
				if err != nil {
					return err
				}
				if err := rb.Put(id[:], v); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

var benchNow = time.Date(2026, 6, 1, 9, 0, 0, 0, vnZone)

// BenchmarkPicture is the overview's data for a month, national and a
// liaison's two provinces.
func BenchmarkPicture(b *testing.B) {
	db := pictureBenchDB(b)
	for _, tc := range []struct {
		name string
		q    PictureQuery
	}{
		{"national", PictureQuery{Period: decree30.Month(2026, 3), Now: benchNow}},
		{"liaison", PictureQuery{Period: decree30.Month(2026, 3), Now: benchNow, Limited: true, Scope: []string{"ha-noi", "dak-lak"}}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				p, err := db.Picture(context.Background(), tc.q)
				if err != nil || p.Total.Sessions == 0 {
					b.Fatalf("picture: %v, %d sessions", err, p.Total.Sessions)
				}
			}
		})
	}
}

// BenchmarkWGReportMonth builds the working group's month report and
// writes it as .docx.
func BenchmarkWGReportMonth(b *testing.B) {
	db := pictureBenchDB(b)
	q := PictureQuery{Period: decree30.Month(2026, 3), Now: benchNow}
	for b.Loop() {
		r, err := db.BuildWGReport(context.Background(), q, WGOptions{})
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		if err := WriteWGReport(&buf, r, "docx"); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(buf.Len()), "bytes/docx")
	}
}
