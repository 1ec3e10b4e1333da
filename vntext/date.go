package vntext

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// DateLayout is the wire and storage form of a calendar date.
const DateLayout = "2006-01-02"

// DisplayLayout is how officers write a date.
const DisplayLayout = "02/01/2006"

// ErrDate is returned for text that is not a date in any accepted form.
var ErrDate = errors.New("not a date (dd/mm/yyyy or yyyy-mm-dd)")

// ParseDate reads a calendar date as officers and scripts write it:
// yyyy-mm-dd, dd/mm/yyyy (also d/m/yyyy and dd-mm-yyyy), or the words
// "hôm nay"/"today" and "hôm qua"/"yesterday", relative to now. The result
// is midnight UTC of that date, a calendar date with no zone.
func ParseDate(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	switch Fold(s) {
	case "hom nay", "today", "nay":
		return today, nil
	case "hom qua", "yesterday", "qua":
		return today.AddDate(0, 0, -1), nil
	}
	for _, layout := range []string{DateLayout, "2/1/2006", "2-1-2006", "2.1.2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	// A day and month without a year ("28/02") are of this year, as an
	// officer writes them in a notebook.
	for _, layout := range []string{"2/1", "2-1", "2.1"} {
		if t, err := time.Parse(layout+"/2006", s+"/"+fmt.Sprint(now.Year())); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q: %w", s, ErrDate)
}

// FormatDate writes a stored date (yyyy-mm-dd) as dd/mm/yyyy; anything else
// is returned unchanged.
func FormatDate(stored string) string {
	t, err := time.Parse(DateLayout, stored)
	if err != nil {
		return stored
	}
	return t.Format(DisplayLayout)
}

// DateLine is the place-and-date line of an administrative document:
// "Hà Nội, ngày 05 tháng 02 năm 2026". Months 1 and 2 keep their leading
// zero, as Decree 30 writes them; later months do not.
func DateLine(place string, d time.Time) string {
	month := fmt.Sprintf("%d", d.Month())
	if d.Month() <= 2 {
		month = fmt.Sprintf("%02d", d.Month())
	}
	return fmt.Sprintf("%s, ngày %02d tháng %s năm %d", place, d.Day(), month, d.Year())
}
