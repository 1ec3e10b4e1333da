package report

import (
	"time"

	"sotay/report/decree30"
)

// The period of a report lives in decree30, which HQ's report shares; these
// names keep the officer's report's API.

// PeriodKind says how a period was chosen.
type PeriodKind = decree30.PeriodKind

// Period is the span of calendar dates a report covers, both ends included.
type Period = decree30.Period

// The kinds of period a report covers.
const (
	PeriodWeek  = decree30.PeriodWeek
	PeriodMonth = decree30.PeriodMonth
	PeriodRange = decree30.PeriodRange
)

// Week is the week, Monday to Sunday, that contains d.
func Week(d time.Time) Period { return decree30.Week(d) }

// Month is the calendar month of year.
func Month(year int, month time.Month) Period { return decree30.Month(year, month) }

// Range is the dates from..to. It fails when to is before from.
func Range(from, to time.Time) (Period, error) { return decree30.Range(from, to) }

// ParseMonth reads "YYYY-MM" (or "MM/YYYY", as officers write it).
func ParseMonth(s string) (Period, error) { return decree30.ParseMonth(s) }

func day(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }
