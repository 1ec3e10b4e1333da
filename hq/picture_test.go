package hq

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"sotay/record"
	"sotay/report/decree30"
)

// The fixture HQ: the week of Monday 2 February 2026, read on Monday 9
// February at 09:00 in Hà Nội. Four provinces have an officer: Hà Nội
// (synced an hour ago, plus a revoked officer), Tuyên Quang (last synced
// five days ago: stale), Đắk Lắk (synced two days ago) and Cần Thơ
// (enrolled, never synced).
var (
	fixtureNow  = vnTime("2026-02-09", 9, 0)
	fixtureWeek = decree30.Week(time.Date(2026, 2, 5, 0, 0, 0, 0, time.UTC))
)

func vnTime(date string, h, m int) time.Time {
	t, err := time.ParseInLocation("2006-01-02", date, vnZone)
	if err != nil {
		panic(err)
	}
	return t.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
}

// fixtureIDs names the fixture's difficulties for the tests.
type fixtureIDs struct {
	hn, tq, dl, ct string
	d              map[string]string // d1… → record id
}

// pictureFixture builds the fixture in a real bbolt HQ: enrollment, pushes
// and answers through DB's own methods, each at its moment of the story.
func pictureFixture(t testing.TB) (*DB, fixtureIDs) {
	t.Helper()
	db, err := OpenDB(t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	clock := vnTime("2026-01-01", 8, 0)
	db.now = func() time.Time { return clock }
	enroll := func(name, prov string) string {
		o, _, err := db.Enroll(name, prov)
		if err != nil {
			t.Fatal(err)
		}
		return o.ID
	}
	ids := fixtureIDs{d: map[string]string{}}
	ids.hn = enroll("Nguyễn Văn An", "ha-noi")
	gone := enroll("Phạm Văn Cũ", "ha-noi")
	if err := db.Revoke(gone); err != nil {
		t.Fatal(err)
	}
	ids.tq = enroll("Nguyễn Thị Minh Hằng", "tuyen-quang")
	ids.dl = enroll("Y Bih Niê", "dak-lak")
	ids.ct = enroll("Lê Văn Cường", "can-tho")

	var gen record.IDGen
	n := 0
	mk := func(r record.Record) record.Record {
		n++
		at := vnTime(r.Date, 8, 0)
		r.ID, r.Rev, r.Created, r.Updated = record.FormatID(gen.Next(at)), 1, at, at
		if r.Commune == "" {
			r.Commune = "Xã Tân Lập"
		}
		return r
	}
	push := func(officer string, at time.Time, recs ...record.Record) {
		t.Helper()
		clock = at
		if rej, err := db.Apply(officer, "dev-"+officer, "", uint64(n), recs); err != nil || len(rej) > 0 {
			t.Fatalf("push: %v %v", rej, err)
		}
	}
	diff := func(key, date, cat, sev, title, proposal string) record.Record {
		r := mk(record.Record{Kind: record.KindDifficulty, Date: date, Category: cat, Severity: sev, Title: title, Proposal: proposal})
		ids.d[key] = r.ID
		return r
	}
	log := func(date string) record.Record {
		return mk(record.Record{Kind: record.KindLog, Date: date, Activity: "guidance", Content: "Hướng dẫn nghiệp vụ"})
	}
	train := func(date string, people, women int) record.Record {
		return mk(record.Record{Kind: record.KindTraining, Date: date, Topic: "Thủ tục hành chính cấp xã", Participants: people, Women: new(women)})
	}
	answer := func(key string, at time.Time, status, text string) {
		t.Helper()
		clock = at
		if _, err := db.Respond(ids.d[key], status, text, "Tổ công tác"); err != nil {
			t.Fatal(err)
		}
	}

	// Tuyên Quang: an old difficulty, then the week's work, last sync 4 February.
	push(ids.tq, vnTime("2026-01-20", 9, 0), diff("d4", "2026-01-20", "salary", "medium",
		"Chậm chi trả phụ cấp cho công chức xã sau sắp xếp", "Hướng dẫn cách tính phụ cấp khu vực."))
	push(ids.tq, vnTime("2026-02-04", 9, 0), log("2026-02-03"), train("2026-02-03", 45, 20),
		diff("d3", "2026-02-03", "severance", "high", "Chưa có hướng dẫn chi trả chế độ cho người nghỉ việc",
			"Bộ Nội vụ sớm ban hành văn bản hướng dẫn thống nhất."),
		diff("d5", "2026-02-04", "it", "low", "Đường truyền chậm tại bộ phận một cửa", ""))

	// Hà Nội: a session the week before, the week's work.
	push(ids.hn, vnTime("2026-01-27", 18, 0), log("2026-01-27"))
	push(ids.hn, vnTime("2026-02-02", 10, 0), log("2026-02-02"),
		diff("d1", "2026-02-02", "staffing", "high", "Thiếu công chức tư pháp - hộ tịch cấp xã",
			"Cho phép tuyển dụng bổ sung công chức tư pháp - hộ tịch."))
	push(ids.hn, vnTime("2026-02-05", 9, 0), log("2026-02-03"), log("2026-02-05"), train("2026-02-04", 60, 25),
		diff("d2", "2026-02-05", "finance", "urgent", "Kho bạc chưa mở tài khoản cho xã mới",
			"Bộ Tài chính chỉ đạo Kho bạc mở tài khoản ngay."))

	// Đắk Lắk: an old unanswered difficulty, the week's work, a deleted one.
	push(ids.dl, vnTime("2026-01-10", 9, 0), diff("d8", "2026-01-10", "finance", "high",
		"Chưa bố trí kinh phí hoạt động cho xã mới", "Bố trí kinh phí năm 2026 cho các xã mới."))
	d9 := diff("d9", "2026-02-06", "staffing", "urgent", "Ghi nhầm", "")
	push(ids.dl, vnTime("2026-02-07", 8, 0), log("2026-02-06"), log("2026-02-07"),
		diff("d6", "2026-02-06", "staffing", "urgent", "Chủ tịch UBND xã nghỉ việc, chưa có người điều hành",
			"Cho phép Phó Chủ tịch điều hành tạm thời."),
		diff("d7", "2026-02-06", "land", "medium", "Vướng mắc thẩm quyền cấp giấy chứng nhận quyền sử dụng đất",
			"bộ nội vụ sớm ban hành văn bản hướng dẫn thống nhất"), // the same proposal as Tuyên Quang's, other case
		d9)

	answer("d1", vnTime("2026-02-03", 10, 0), "answered", "Thực hiện theo Nghị định 170/2025/NĐ-CP về tuyển dụng công chức.")
	answer("d4", vnTime("2026-02-05", 9, 0), "answered", "Áp dụng Thông tư 01/2025/TT-BNV.")
	answer("d3", vnTime("2026-02-06", 15, 0), "answered", "Thực hiện theo Nghị định 178/2024/NĐ-CP và Nghị định 67/2025/NĐ-CP.")
	answer("d5", vnTime("2026-02-06", 16, 0), "resolved", "") // settled on site: no answer text
	answer("d6", vnTime("2026-02-07", 12, 0), "in_progress", "Đề nghị UBND tỉnh giao Phó Chủ tịch UBND xã điều hành.")

	// Đắk Lắk edits the answered difficulty and deletes the mistaken one
	// that evening: HQ still counts d6 from its first arrival.
	sr, err := db.Record(ids.d["d6"])
	if err != nil {
		t.Fatal(err)
	}
	edit := sr.Record
	edit.Rev, edit.Description = 2, "Đã có văn bản của UBND tỉnh."
	d9.Rev, d9.Deleted = 2, true
	push(ids.dl, vnTime("2026-02-07", 18, 0), edit, d9)

	// Hà Nội's notebook synced an hour before the picture is read.
	clock = fixtureNow.Add(-time.Hour)
	if err := db.TouchSync(ids.hn, ""); err != nil {
		t.Fatal(err)
	}
	clock = fixtureNow
	return db, ids
}

func TestPicture(t *testing.T) {
	db, ids := pictureFixture(t)
	ctx := context.Background()
	p, err := db.Picture(ctx, PictureQuery{Period: fixtureWeek, Now: fixtureNow})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Provinces) != 34 {
		t.Fatalf("%d provinces, want the 34", len(p.Provinces))
	}
	by := map[string]ProvincePicture{}
	for _, pp := range p.Provinces {
		by[pp.Province.Slug] = pp
	}
	for _, tc := range []struct {
		slug                   string
		officers               int
		stale                  bool
		sessions, trains, ppl  int
		women                  int
		opened, answered, open [4]int
	}{
		{"ha-noi", 1, false, 3, 1, 60, 25, [4]int{0, 0, 1, 1}, [4]int{0, 0, 1, 0}, [4]int{0, 0, 0, 1}},
		{"tuyen-quang", 1, true, 1, 1, 45, 20, [4]int{1, 0, 1, 0}, [4]int{0, 1, 1, 0}, [4]int{}},
		{"dak-lak", 1, false, 2, 0, 0, 0, [4]int{0, 1, 0, 1}, [4]int{0, 0, 0, 1}, [4]int{0, 1, 1, 0}},
		{"can-tho", 1, true, 0, 0, 0, 0, [4]int{}, [4]int{}, [4]int{}},
		{"hue", 0, false, 0, 0, 0, 0, [4]int{}, [4]int{}, [4]int{}}, // nobody to sync: not stale
	} {
		t.Run(tc.slug, func(t *testing.T) {
			pp := by[tc.slug]
			if len(pp.Officers) != tc.officers || pp.Stale != tc.stale {
				t.Errorf("officers %d stale %v, want %d %v (%+v)", len(pp.Officers), pp.Stale, tc.officers, tc.stale, pp.Officers)
			}
			if pp.Sessions != tc.sessions || pp.Trainings != tc.trains || pp.Participants != tc.ppl || pp.Women != tc.women {
				t.Errorf("sessions %d trainings %d participants %d women %d, want %d %d %d %d",
					pp.Sessions, pp.Trainings, pp.Participants, pp.Women, tc.sessions, tc.trains, tc.ppl, tc.women)
			}
			if pp.Opened != tc.opened || pp.Answered != tc.answered || pp.Open != tc.open {
				t.Errorf("opened %v answered %v open %v, want %v %v %v", pp.Opened, pp.Answered, pp.Open, tc.opened, tc.answered, tc.open)
			}
		})
	}
	if hn := by["ha-noi"]; len(hn.Officers) == 1 && hn.Officers[0].Name != "Nguyễn Văn An" {
		t.Errorf("Hà Nội lists %q: a revoked officer is not the province's officer", hn.Officers[0].Name)
	}

	// How fast: d6 4 h, d1 24 h, d3 54 h, d4 384 h (arrived 20 January).
	h := time.Hour
	sp := p.Speed
	if sp.All.Answered != 4 || sp.All.Median != 24*h || sp.All.P90 != 384*h || sp.All.Waiting != 3 {
		t.Errorf("all: %+v, want 4 answered, median 24h, p90 384h, 3 waiting", sp.All)
	}
	speed := map[string]SpeedStat{}
	for _, st := range append(append(sp.BySeverity, sp.ByCategory...), sp.ByProvince...) {
		speed[st.Slug] = st
	}
	for slug, want := range map[string][3]time.Duration{ // answered, median, p90
		"urgent":      {1, 4 * h, 4 * h}, // edited after the answer: still from its first arrival
		"high":        {2, 24 * h, 54 * h},
		"medium":      {1, 384 * h, 384 * h},
		"staffing":    {2, 4 * h, 24 * h},
		"tuyen-quang": {2, 54 * h, 384 * h},
		"dak-lak":     {1, 4 * h, 4 * h},
	} {
		if st := speed[slug]; time.Duration(st.Answered) != want[0] || st.Median != want[1] || st.P90 != want[2] {
			t.Errorf("%s: %d answered, median %v, p90 %v; want %v", slug, st.Answered, st.Median, st.P90, want)
		}
	}

	// Overdue: the urgent d2 (4 days) first, then the high d8 (30 days); d7
	// (medium, 2 days) is within its week.
	if p.OverdueTotal != 2 || len(p.Overdue) != 2 || p.Overdue[0].ID != ids.d["d2"] || p.Overdue[1].ID != ids.d["d8"] {
		t.Errorf("overdue %d: %+v, want d2 then d8", p.OverdueTotal, p.Overdue)
	}
	if len(p.Overdue) > 0 && (p.Overdue[0].Province.Slug != "ha-noi" || p.Overdue[0].Officer != "Nguyễn Văn An" ||
		p.Overdue[0].Waiting != 4*24*h) {
		t.Errorf("overdue d2 = %+v", p.Overdue[0])
	}

	// The backlog: Hà Nội finance 1, Đắk Lắk finance 1 and land 1.
	bl := p.Backlog
	cells := map[string]int{}
	for _, row := range bl.Rows {
		for c, n := range row.Counts {
			if n > 0 {
				cells[row.Province.Slug+"/"+bl.Categories[c].Slug] = n
			}
		}
	}
	if bl.Total != 3 || bl.Max != 1 || len(cells) != 3 || cells["ha-noi/finance"] != 1 || cells["dak-lak/finance"] != 1 || cells["dak-lak/land"] != 1 {
		t.Errorf("backlog total %d max %d cells %v", bl.Total, bl.Max, cells)
	}

	// The trend: 12 weeks ending with the period's.
	if len(p.Trend) != 12 || p.Trend[11].Week != fixtureWeek {
		t.Fatalf("trend of %d weeks ending %v", len(p.Trend), p.Trend[len(p.Trend)-1].Week)
	}
	last, prev := p.Trend[11], p.Trend[10]
	if last.Sessions != 6 || last.Trainings != 2 || last.Participants != 105 || last.Opened != 6 || last.Answered != 4 || last.MedianAnswer != 24*h {
		t.Errorf("last week %+v", last)
	}
	if prev.Sessions != 1 || prev.Opened != 0 || prev.Answered != 0 {
		t.Errorf("the week before %+v, want one session", prev)
	}
}

// TestPictureScope: a liaison sees their provinces only, in every part.
func TestPictureScope(t *testing.T) {
	db, ids := pictureFixture(t)
	for _, tc := range []struct {
		name      string
		scope     []string
		provinces int
		sessions  int
		overdue   []string
		waiting   int
	}{
		{"national", nil, 34, 6, []string{"d2", "d8"}, 3},
		{"Tuyên Quang and Đắk Lắk", []string{"tuyen-quang", "dak-lak"}, 2, 3, []string{"d8"}, 2},
		{"Hà Nội", []string{"ha-noi"}, 1, 3, []string{"d2"}, 1},
		{"none", []string{}, 0, 0, nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := db.Picture(context.Background(), PictureQuery{Period: fixtureWeek, Now: fixtureNow,
				Limited: tc.scope != nil, Scope: tc.scope})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, o := range p.Overdue {
				for k, id := range ids.d {
					if id == o.ID {
						got = append(got, k)
					}
				}
			}
			if len(p.Provinces) != tc.provinces || p.Total.Sessions != tc.sessions ||
				fmt.Sprint(got) != fmt.Sprint(tc.overdue) || p.Speed.All.Waiting != tc.waiting {
				t.Errorf("%d provinces, %d sessions, overdue %v, waiting %d; want %d %d %v %d",
					len(p.Provinces), p.Total.Sessions, got, p.Speed.All.Waiting, tc.provinces, tc.sessions, tc.overdue, tc.waiting)
			}
			for _, row := range p.Backlog.Rows {
				if tc.scope != nil && !contains(tc.scope, row.Province.Slug) {
					t.Errorf("backlog shows %s to a liaison of %v", row.Province.Slug, tc.scope)
				}
			}
		})
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func TestQuantile(t *testing.T) {
	for _, tc := range []struct {
		xs   []int64
		q    float64
		want int64
	}{
		{nil, 0.5, 0},
		{[]int64{7}, 0.9, 7},
		{[]int64{4, 1, 3, 2}, 0.5, 2},
		{[]int64{4, 1, 3, 2}, 0.9, 4},
		{[]int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.9, 9},
		{[]int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.5, 5},
	} {
		if got := quantile(append([]int64(nil), tc.xs...), tc.q); got != tc.want {
			t.Errorf("quantile(%v, %v) = %d, want %d", tc.xs, tc.q, got, tc.want)
		}
	}
	// The selection agrees with a sort on random slices, duplicates
	// included.
	rng := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		xs := make([]int64, 1+rng.IntN(60))
		for i := range xs {
			xs[i] = rng.Int64N(20)
		}
		sorted := slices.Sorted(slices.Values(xs))
		for _, q := range []float64{0.5, 0.9} {
			rank := int(math.Ceil(q * float64(len(xs))))
			if got, want := quantile(slices.Clone(xs), q), sorted[max(rank, 1)-1]; got != want {
				t.Fatalf("quantile(%v, %v) = %d, want %d", xs, q, got, want)
			}
		}
	}
}

func TestNum(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1.000", 103121: "103.121", 2868594: "2.868.594", -4500: "-4.500"} {
		if got := num(n); got != want {
			t.Errorf("num(%d) = %q, want %q", n, got, want)
		}
	}
}
