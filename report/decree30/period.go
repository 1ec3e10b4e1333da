package decree30

import (
	"fmt"
	"time"

	"sotay/vntext"
)

// PeriodKind says how a period was chosen; it changes only how the period
// is named.
type PeriodKind string

// The kinds of period a report covers.
const (
	PeriodWeek  PeriodKind = "week"
	PeriodMonth PeriodKind = "month"
	PeriodRange PeriodKind = "range"
)

// Period is the span of calendar dates a report covers, both ends included.
// Dates are calendar dates (midnight UTC), as records store them: a record
// dated Sunday is in that Sunday's week whatever the hour it was written.
type Period struct {
	Kind     PeriodKind
	From, To time.Time
}

// Week is the week, Monday to Sunday, that contains d.
func Week(d time.Time) Period {
	d = day(d)
	back := (int(d.Weekday()) + 6) % 7 // days since Monday
	from := d.AddDate(0, 0, -back)
	return Period{Kind: PeriodWeek, From: from, To: from.AddDate(0, 0, 6)}
}

// Month is the calendar month of year.
func Month(year int, month time.Month) Period {
	from := time.Date(year, month, 1, 0, 0, 0, 0, time.UTC)
	return Period{Kind: PeriodMonth, From: from, To: from.AddDate(0, 1, -1)}
}

// Range is the dates from..to. It fails when to is before from.
func Range(from, to time.Time) (Period, error) {
	from, to = day(from), day(to)
	if to.Before(from) {
		return Period{}, fmt.Errorf("report period: %s is before %s", to.Format(vntext.DateLayout), from.Format(vntext.DateLayout))
	}
	return Period{Kind: PeriodRange, From: from, To: to}, nil
}

// ParseMonth reads "YYYY-MM" (or "MM/YYYY", as officers write it).
func ParseMonth(s string) (Period, error) {
	for _, layout := range []string{"2006-01", "01/2006", "1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return Month(t.Year(), t.Month()), nil
		}
	}
	return Period{}, fmt.Errorf("%q is not a month (YYYY-MM)", s)
}

// FromDate and ToDate are the ends as stored dates, YYYY-MM-DD.
func (p Period) FromDate() string { return p.From.Format(vntext.DateLayout) }

// ToDate is the last date of the period, YYYY-MM-DD.
func (p Period) ToDate() string { return p.To.Format(vntext.DateLayout) }

// Key names the period in file names and draft keys: "2026-W06",
// "2026-02", "2026-02-01_2026-02-10".
func (p Period) Key() string {
	switch p.Kind {
	case PeriodWeek:
		y, w := p.From.ISOWeek()
		return fmt.Sprintf("%d-W%02d", y, w)
	case PeriodMonth:
		return p.From.Format("2006-01")
	}
	return p.FromDate() + "_" + p.ToDate()
}

// Contains reports whether the stored date (YYYY-MM-DD) lies in p.
func (p Period) Contains(date string) bool {
	return date >= p.FromDate() && date <= p.ToDate()
}

func day(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
