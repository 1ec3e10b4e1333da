package hq

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"sotay/domain"
	"sotay/record"
	"sotay/report/decree30"
	"sotay/vntext"
)

// The national picture: for a week or a month, what each province's
// officer did, how the difficulties stand and how fast HQ answers them. It
// is computed from the workspace's in-memory index (index.go), one pass
// over the rows, so it costs tens of milliseconds at a million records;
// only the few records it lists by name are read from bbolt.

// Defaults of a PictureQuery.
const (
	DefaultStaleAfter = 3 * 24 * time.Hour // an officer not synced for longer is marked
	DefaultTrendWeeks = 12
	DefaultListed     = 50 // overdue difficulties listed by name
)

// DefaultDue is how long a difficulty may wait for HQ's first answer, by
// severity in domain.Severities order (low, medium, high, urgent): the
// working group's convention; past it the difficulty is overdue.
var DefaultDue = [4]time.Duration{14 * 24 * time.Hour, 7 * 24 * time.Hour, 3 * 24 * time.Hour, 24 * time.Hour}

// DueDays is how many whole days a difficulty of severity may wait for
// HQ's first answer (DefaultDue, rounded up; an unknown severity as
// medium): the inbox's "unanswered for more than N days" with it lists what
// the overview counts overdue.
func DueDays(severity string) int {
	i := slices.Index(domain.Slugs(domain.Severities()), severity)
	if i < 0 || i >= len(DefaultDue) {
		i = 1
	}
	day := 24 * time.Hour
	return int((DefaultDue[i] + day - 1) / day)
}

// vnZone is Viet Nam's time: an answer written at 06:00 on a Monday in
// Hà Nội belongs to that Monday's week, not to Sunday's in UTC.
var vnZone = time.FixedZone("ICT", 7*3600)

// PictureQuery chooses the picture: its period and whose provinces.
type PictureQuery struct {
	Period decree30.Period
	// Limited confines the picture to the provinces in Scope (a liaison's);
	// the reader's role sets it, never the URL.
	Limited bool
	Scope   []string
	Now     time.Time

	StaleAfter time.Duration    // 0: DefaultStaleAfter
	Due        [4]time.Duration // zero entries: DefaultDue
	TrendWeeks int              // 0: DefaultTrendWeeks
	Listed     int              // 0: DefaultListed
}

func (q *PictureQuery) defaults() {
	if q.Now.IsZero() {
		q.Now = time.Now()
	}
	if q.StaleAfter <= 0 {
		q.StaleAfter = DefaultStaleAfter
	}
	for i, d := range q.Due {
		if d <= 0 {
			q.Due[i] = DefaultDue[i]
		}
	}
	if q.TrendWeeks <= 0 {
		q.TrendWeeks = DefaultTrendWeeks
	}
	if q.Listed <= 0 {
		q.Listed = DefaultListed
	}
}

// sees reports whether the reader sees a province.
func (q *PictureQuery) sees(province string) bool {
	return !q.Limited || slices.Contains(q.Scope, province)
}

// Picture is the national picture (or a liaison's part of it).
type Picture struct {
	Period decree30.Period
	Now    time.Time
	// Provinces are the provinces the reader sees, the 34 in the official
	// order first, then any other an officer was enrolled with.
	Provinces []ProvincePicture
	Total     ProvincePicture // Province is zero; Officers empty
	Trend     []TrendWeek     // oldest first, the period's last week last
	Backlog   Backlog
	Speed     AnswerSpeed
	// Overdue are the difficulties waiting for HQ's first answer past
	// their due time: urgent ones first, then the longest waiting; at most
	// PictureQuery.Listed of them, OverdueTotal counts all.
	Overdue      []OverdueItem
	OverdueTotal int
}

// OfficerSync is an officer and when their notebook last synced.
type OfficerSync struct {
	ID, Name string
	LastSync time.Time // zero: never
	Stale    bool      // never synced, or not for longer than StaleAfter
}

// ProvincePicture is one province in the period.
type ProvincePicture struct {
	Province domain.Province
	Officers []OfficerSync // active officers, revoked ones left out
	LastSync time.Time     // the latest of its officers'
	Stale    bool          // it has officers and none synced within StaleAfter

	Sessions     int // working sessions (logs) dated in the period
	Trainings    int
	Participants int
	Women        int // in the trainings that recorded it
	NoWomen      int // trainings without a number of women: unknown, counted apart
	// By severity, in domain.Severities order: difficulties dated in the
	// period; first answered by HQ in the period (whatever their date);
	// still open now (not answered nor resolved), dated up to the period's
	// end.
	Opened, Answered, Open [4]int
}

// Sum adds a severity array.
func Sum(a [4]int) int { return a[0] + a[1] + a[2] + a[3] }

// TrendWeek is one week of the trend, all the reader's provinces together.
type TrendWeek struct {
	Week                              decree30.Period
	Sessions, Trainings, Participants int
	Opened, Answered                  int
	MedianAnswer                      time.Duration // of the answers given that week; 0 without any
	medianSamples                     []int64
}

// Backlog is the open difficulties as a province × category table.
type Backlog struct {
	Categories []domain.Term // every category, in the domain's order
	Rows       []BacklogRow  // the reader's provinces with any open difficulty
	Totals     []int         // by category
	Total      int
	Max        int // the largest cell, to shade the others against
}

// BacklogRow is one province's open difficulties by category.
type BacklogRow struct {
	Province domain.Province
	Counts   []int // as Backlog.Categories
	Total    int
}

// SpeedStat is how fast HQ answered a group of difficulties: over those
// first answered in the period, the median and the 90th percentile of the
// time from their arrival at HQ to that answer; and how many of the group
// still wait for a first answer now.
type SpeedStat struct {
	Slug, Label string
	Answered    int
	Median, P90 time.Duration
	Waiting     int
	samples     []int64
}

// AnswerSpeed is SpeedStat for everything and by province, category and
// severity (groups with neither answers nor waiting left out).
type AnswerSpeed struct {
	All                                SpeedStat
	ByProvince, ByCategory, BySeverity []SpeedStat
}

// OverdueItem is a difficulty waiting past its due time.
type OverdueItem struct {
	ID       string
	Province domain.Province
	Officer  string // name
	Date     string // the difficulty's date, YYYY-MM-DD
	Title    string
	Category domain.Term
	Severity domain.Term
	Status   domain.Term
	Arrived  time.Time
	Waiting  time.Duration
}

// provinceSlot keeps, per officer index of the record index, where the
// officer's records count: the position of their province in the
// picture, or -1 when the reader does not see it.
type pictureBuild struct {
	q       *PictureQuery
	p       *Picture
	slot    map[string]int // province slug → index in p.Provinces
	byOff   []int          // officer index → province slot, -1 unseen; grown lazily
	offProv map[string]string
	from    uint32
	to      uint32
	// The period and the trend weeks as instants in Viet Nam's time, for
	// answers.
	pFrom, pTo   int64
	weekFrom     []int64 // start of each trend week; weekFrom[len] is the end
	trendFrom    uint32
	weekOf       []int8      // date - trendFrom (YYYYMMDD numbers) → trend week, -1 none
	backlog      [][]int     // slot → category index (0 unknown) → count
	speedProv    []SpeedStat // by slot
	speedCat     []SpeedStat // by category index (0: other)
	speedSev     []SpeedStat // by severity index (0: unknown)
	overdue      []overdueRow
	overdueTotal int
	names        map[string]string // officer id → name
	resolved     uint8
	answeredSt   uint8
}

type overdueRow struct {
	id      [16]byte
	sev     uint8
	arrived int64
}

func dateNum(t time.Time) uint32 {
	return uint32(t.Year()*10000 + int(t.Month())*100 + t.Day())
}

func vnMidnight(t time.Time) int64 {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, vnZone).UnixNano()
}

// Picture computes the national picture for q.
func (d *DB) Picture(ctx context.Context, q PictureQuery) (*Picture, error) {
	q.defaults()
	p := &Picture{Period: q.Period, Now: q.Now}
	dirty := d.idx.takeDirty()
	err := d.db.View(func(tx *bolt.Tx) error {
		x := d.idx
		x.mu.Lock()
		defer x.mu.Unlock()
		if err := x.prepare(ctx, tx, dirty); err != nil {
			return err
		}
		b, err := newPictureBuild(tx, &q, p)
		if err != nil {
			return err
		}
		if err := b.scan(ctx, x); err != nil {
			return err
		}
		return b.finish(tx, x)
	})
	if err != nil {
		d.idx.touch(dirty...)
		return nil, fmt.Errorf("national picture: %w", err)
	}
	return p, nil
}

func newPictureBuild(tx *bolt.Tx, q *PictureQuery, p *Picture) (*pictureBuild, error) {
	b := &pictureBuild{q: q, p: p, slot: map[string]int{}, offProv: map[string]string{}}
	add := func(prov domain.Province) int {
		if i, ok := b.slot[prov.Slug]; ok {
			return i
		}
		b.slot[prov.Slug] = len(p.Provinces)
		p.Provinces = append(p.Provinces, ProvincePicture{Province: prov})
		return len(p.Provinces) - 1
	}
	for _, prov := range domain.Provinces() {
		if q.sees(prov.Slug) {
			add(prov)
		}
	}
	officers, err := officersIn(tx)
	if err != nil {
		return nil, err
	}
	b.names = make(map[string]string, len(officers))
	for _, o := range officers {
		b.names[o.ID] = o.Name
		b.offProv[o.ID] = o.Province
		if !q.sees(o.Province) || !o.Revoked.IsZero() {
			continue
		}
		prov, ok := domain.ProvinceBySlug(o.Province)
		if !ok {
			prov = domain.Province{Slug: o.Province, Name: o.Province}
		}
		pp := &p.Provinces[add(prov)]
		s := OfficerSync{ID: o.ID, Name: o.Name, LastSync: o.LastSync,
			Stale: o.LastSync.IsZero() || q.Now.Sub(o.LastSync) > q.StaleAfter}
		pp.Officers = append(pp.Officers, s)
		if o.LastSync.After(pp.LastSync) {
			pp.LastSync = o.LastSync
		}
	}
	for i := range p.Provinces {
		pp := &p.Provinces[i]
		pp.Stale = len(pp.Officers) > 0 && (pp.LastSync.IsZero() || q.Now.Sub(pp.LastSync) > q.StaleAfter)
		vntext.SortBy(pp.Officers, func(o OfficerSync) string { return o.Name })
	}

	b.from, b.to = dateNum(q.Period.From), dateNum(q.Period.To)
	b.pFrom, b.pTo = vnMidnight(q.Period.From), vnMidnight(q.Period.To.AddDate(0, 0, 1))
	last := decree30.Week(q.Period.To)
	for w := range q.TrendWeeks {
		wk := decree30.Week(last.From.AddDate(0, 0, -7*(q.TrendWeeks-1-w)))
		p.Trend = append(p.Trend, TrendWeek{Week: wk})
		b.weekFrom = append(b.weekFrom, vnMidnight(wk.From))
	}
	b.weekFrom = append(b.weekFrom, vnMidnight(last.To.AddDate(0, 0, 1)))
	// Dates are YYYYMMDD numbers: a dense table from the first day of the
	// trend to its last (a few thousand entries across a new year) finds a
	// row's week without a map lookup per row.
	b.trendFrom = dateNum(p.Trend[0].Week.From)
	b.weekOf = make([]int8, dateNum(last.To)-b.trendFrom+1)
	for i := range b.weekOf {
		b.weekOf[i] = -1
	}
	for w, tw := range p.Trend {
		for day := range 7 {
			b.weekOf[dateNum(tw.Week.From.AddDate(0, 0, day))-b.trendFrom] = int8(w)
		}
	}

	cats := domain.Categories()
	p.Backlog.Categories = cats
	b.backlog = make([][]int, len(p.Provinces))
	for i := range b.backlog {
		b.backlog[i] = make([]int, len(cats)+1)
	}
	b.speedProv = make([]SpeedStat, len(p.Provinces))
	for i, pp := range p.Provinces {
		b.speedProv[i] = SpeedStat{Slug: pp.Province.Slug, Label: pp.Province.Name}
	}
	b.speedCat = make([]SpeedStat, len(cats)+1)
	for i, c := range cats {
		b.speedCat[i+1] = SpeedStat{Slug: c.Slug, Label: c.VI}
	}
	b.speedCat[0] = SpeedStat{Slug: "", Label: "?"}
	sevs := domain.Severities()
	b.speedSev = make([]SpeedStat, len(sevs)+1)
	for i, s := range sevs {
		b.speedSev[i+1] = SpeedStat{Slug: s.Slug, Label: s.VI}
	}
	b.speedSev[0] = SpeedStat{Slug: "", Label: "?"}
	return b, nil
}

// officersIn reads every officer in the transaction.
func officersIn(tx *bolt.Tx) ([]Officer, error) {
	var out []Officer
	err := tx.Bucket(bucketOfficers).ForEach(func(_, v []byte) error {
		var o Officer
		if err := json.Unmarshal(v, &o); err != nil {
			return err
		}
		out = append(out, o)
		return nil
	})
	return out, err
}

// slotOf is the province slot of an officer index, -1 when unseen.
func (b *pictureBuild) slotOf(x *recordIndex, o uint32) int {
	for int(o) >= len(b.byOff) {
		i := len(b.byOff)
		s, ok := b.slot[b.offProv[x.officers[i]]]
		if !ok {
			s = -1
		}
		b.byOff = append(b.byOff, s)
	}
	return b.byOff[o]
}

func (b *pictureBuild) scan(ctx context.Context, x *recordIndex) error {
	v := &x.vocab
	kLog, kTrain, kDiff := v.kinds[string(record.KindLog)], v.kinds[string(record.KindTraining)], v.kinds[string(record.KindDifficulty)]
	b.resolved, b.answeredSt = v.statuses[record.StatusResolved], v.statuses[record.StatusAnswered]
	now := b.q.Now.UnixNano()
	var due [5]int64 // by sev index; 0 (unknown) as medium
	for i, dd := range b.q.Due {
		due[i+1] = int64(dd)
	}
	due[0] = due[2]
	p := b.p
	for i := range x.rows {
		if i%65536 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		r := &x.rows[i]
		if r.deleted {
			continue
		}
		s := b.slotOf(x, r.officer)
		if s < 0 {
			continue
		}
		pp := &p.Provinces[s]
		inPeriod := r.date >= b.from && r.date <= b.to
		w, inTrend := -1, false
		if d := r.date - b.trendFrom; r.date >= b.trendFrom && int(d) < len(b.weekOf) {
			w = int(b.weekOf[d])
			inTrend = w >= 0
		}
		switch r.kind {
		case kLog:
			if inPeriod {
				pp.Sessions++
			}
			if inTrend {
				p.Trend[w].Sessions++
			}
		case kTrain:
			if inPeriod {
				pp.Trainings++
				pp.Participants += int(r.participants)
				pp.Women += int(r.women)
				if r.noWomen {
					pp.NoWomen++
				}
			}
			if inTrend {
				p.Trend[w].Trainings++
				p.Trend[w].Participants += int(r.participants)
			}
		case kDiff:
			sev := int(r.sev) // 1..4, 0 unknown
			sevAt := max(sev-1, 0)
			if inPeriod {
				pp.Opened[sevAt]++
			}
			if inTrend {
				p.Trend[w].Opened++
			}
			cat := int(r.cat)
			if cat >= len(b.speedCat) {
				cat = 0
			}
			settled := r.firstAnswer != 0 || r.status == b.resolved || r.status == b.answeredSt
			if r.firstAnswer != 0 {
				wait := max(r.firstAnswer-r.arrived, 0)
				if r.firstAnswer >= b.pFrom && r.firstAnswer < b.pTo {
					pp.Answered[sevAt]++
					for _, st := range []*SpeedStat{&b.speedProv[s], &b.speedCat[cat], &b.speedSev[sev]} {
						st.samples = append(st.samples, wait)
					}
				}
				if r.firstAnswer >= b.weekFrom[0] && r.firstAnswer < b.weekFrom[len(b.weekFrom)-1] {
					wk, _ := slices.BinarySearch(b.weekFrom, r.firstAnswer+1)
					tw := &p.Trend[wk-1]
					tw.Answered++
					tw.medianSamples = append(tw.medianSamples, wait)
				}
			}
			if !settled {
				if r.date <= b.to {
					pp.Open[sevAt]++
				}
				b.backlog[s][cat]++
				b.speedProv[s].Waiting++
				b.speedCat[cat].Waiting++
				b.speedSev[sev].Waiting++
				if now-r.arrived > due[sev] {
					b.overdueTotal++
					b.overdue = append(b.overdue, overdueRow{id: r.id, sev: r.sev, arrived: r.arrived})
					if len(b.overdue) >= 4*b.q.Listed+1024 {
						b.keepFirstOverdue() // bounded: thousands may be overdue, a few dozen are listed
					}
				}
			}
		}
	}
	return nil
}

// finish turns the counts into the picture and reads the overdue
// difficulties it lists.
func (b *pictureBuild) finish(tx *bolt.Tx, x *recordIndex) error {
	p := b.p
	t := &p.Total
	for _, pp := range p.Provinces {
		t.Sessions += pp.Sessions
		t.Trainings += pp.Trainings
		t.Participants += pp.Participants
		t.Women += pp.Women
		t.NoWomen += pp.NoWomen
		for i := range 4 {
			t.Opened[i] += pp.Opened[i]
			t.Answered[i] += pp.Answered[i]
			t.Open[i] += pp.Open[i]
		}
		if pp.LastSync.After(t.LastSync) {
			t.LastSync = pp.LastSync
		}
	}
	for i := range p.Trend {
		tw := &p.Trend[i]
		tw.MedianAnswer = time.Duration(quantile(tw.medianSamples, 0.5))
		tw.medianSamples = nil
	}

	bl := &p.Backlog
	bl.Totals = make([]int, len(bl.Categories))
	for s, counts := range b.backlog {
		row := BacklogRow{Province: p.Provinces[s].Province, Counts: make([]int, len(bl.Categories))}
		for c := range bl.Categories {
			row.Counts[c] = counts[c+1]
		}
		row.Counts[len(row.Counts)-1] += counts[0] // an unknown category counts as "other", the last
		for c, n := range row.Counts {
			row.Total += n
			bl.Totals[c] += n
			bl.Max = max(bl.Max, n)
		}
		if row.Total > 0 {
			bl.Rows = append(bl.Rows, row)
			bl.Total += row.Total
		}
	}

	all := SpeedStat{Slug: "all"}
	stats := func(in []SpeedStat) []SpeedStat {
		var out []SpeedStat
		for _, st := range in {
			st.finish()
			if st.Answered+st.Waiting > 0 {
				out = append(out, st)
			}
		}
		return out
	}
	for _, st := range b.speedSev {
		all.samples = append(all.samples, st.samples...)
		all.Waiting += st.Waiting
	}
	all.finish()
	p.Speed = AnswerSpeed{All: all, ByProvince: stats(b.speedProv), ByCategory: stats(b.speedCat[1:]), BySeverity: stats(b.speedSev[1:])}
	if other := b.speedCat[0]; other.Waiting+len(other.samples) > 0 {
		other.finish()
		p.Speed.ByCategory = append(p.Speed.ByCategory, other)
	}

	b.keepFirstOverdue()
	p.OverdueTotal = b.overdueTotal
	names := b.names
	rb := tx.Bucket(bucketRecords)
	for _, o := range b.overdue {
		var sr StoredRecord
		if err := getJSON(rb, o.id[:], &sr); err != nil {
			return fmt.Errorf("read record: %w", err)
		}
		r := &sr.Record
		it := OverdueItem{ID: r.ID, Officer: names[sr.Officer], Date: r.Date, Title: decree30.OneLine(r.Title),
			Category: term(domain.Categories(), r.Category), Severity: term(domain.Severities(), r.Severity),
			Status: term(domain.Statuses(), record.StatusOrNew(r.Status)), Arrived: sr.ArrivedAt()}
		it.Waiting = b.q.Now.Sub(it.Arrived)
		if s, ok := b.slot[b.offProv[sr.Officer]]; ok {
			it.Province = p.Provinces[s].Province
		}
		p.Overdue = append(p.Overdue, it)
	}
	return nil
}

// keepFirstOverdue keeps the overdue rows listed first: urgent first, then
// the most severe, then the longest waiting.
func (b *pictureBuild) keepFirstOverdue() {
	slices.SortFunc(b.overdue, func(a, c overdueRow) int {
		if a.sev != c.sev {
			return int(c.sev) - int(a.sev)
		}
		if c := cmpInt64(a.arrived, c.arrived); c != 0 {
			return c
		}
		return bytesCompare(a.id[:], c.id[:])
	})
	b.overdue = b.overdue[:min(len(b.overdue), b.q.Listed)]
}

func (st *SpeedStat) finish() {
	st.Answered = len(st.samples)
	st.Median = time.Duration(quantile(st.samples, 0.5))
	st.P90 = time.Duration(quantile(st.samples, 0.9))
	st.samples = nil
}

// quantile is the q-quantile of xs by the nearest-rank method (the value
// below which a share q of them lie, itself one of them); 0 for none. It
// reorders xs (a selection, not a sort: linear on average).
func quantile(xs []int64, q float64) int64 {
	if len(xs) == 0 {
		return 0
	}
	rank := int(q*float64(len(xs)) + 0.999999999)
	return nth(xs, min(max(rank, 1), len(xs))-1)
}

// nth puts the k-th smallest of xs at xs[k] (smaller before, larger after)
// and returns it: Hoare's selection with a middle pivot.
func nth(xs []int64, k int) int64 {
	lo, hi := 0, len(xs)-1
	for lo < hi {
		pivot := xs[lo+(hi-lo)/2]
		i, j := lo, hi
		for i <= j {
			for xs[i] < pivot {
				i++
			}
			for xs[j] > pivot {
				j--
			}
			if i <= j {
				xs[i], xs[j] = xs[j], xs[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return xs[k]
		}
	}
	return xs[k]
}

// term is the term of slug in terms, or one named by the slug itself for a
// value no longer in the list.
func term(terms []domain.Term, slug string) domain.Term {
	if t, ok := domain.Find(terms, slug); ok {
		return t
	}
	return domain.Term{Slug: slug, VI: slug, EN: slug}
}
