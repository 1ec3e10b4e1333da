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
// yyyy-mm-dd, dd/mm/yyyy (also d/m/yyyy and dd-mm-yyyy), dd/mm of this
// year, the words "hôm nay"/"today", "hôm qua"/"yesterday" and "hôm kia",
// or a day of the week (see weekdayDate), relative to now. The result is
// midnight UTC of that date, a calendar date with no zone.
func ParseDate(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	folded := strings.Join(strings.Fields(Fold(s)), " ")
	switch folded {
	case "hom nay", "today", "nay":
		return today, nil
	case "hom qua", "yesterday", "qua":
		return today.AddDate(0, 0, -1), nil
	case "hom kia", "kia":
		return today.AddDate(0, 0, -2), nil
	}
	if d, ok := weekdayDate(folded, today); ok {
		return d, nil
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

// weekdayNames are the ways a day of the week is written, folded (no
// marks, lower case): "t2", "thứ hai", "thứ 2", "cn", "chủ nhật", and the
// English names and their abbreviations. "thu" alone is English Thursday:
// Vietnamese "thứ" never stands without its number.
var weekdayNames = map[string]time.Weekday{
	"t2": time.Monday, "thu hai": time.Monday, "thu 2": time.Monday, "mon": time.Monday, "monday": time.Monday,
	"t3": time.Tuesday, "thu ba": time.Tuesday, "thu 3": time.Tuesday, "tue": time.Tuesday, "tues": time.Tuesday, "tuesday": time.Tuesday,
	"t4": time.Wednesday, "thu tu": time.Wednesday, "thu 4": time.Wednesday, "wed": time.Wednesday, "wednesday": time.Wednesday,
	"t5": time.Thursday, "thu nam": time.Thursday, "thu 5": time.Thursday, "thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday, "thursday": time.Thursday,
	"t6": time.Friday, "thu sau": time.Friday, "thu 6": time.Friday, "fri": time.Friday, "friday": time.Friday,
	"t7": time.Saturday, "thu bay": time.Saturday, "thu 7": time.Saturday, "sat": time.Saturday, "saturday": time.Saturday,
	"cn": time.Sunday, "chu nhat": time.Sunday, "sun": time.Sunday, "sunday": time.Sunday,
}

// weekdayDate reads a day of the week, folded: alone ("t2", "thứ hai",
// "mon") it is the most recent such day, today included — an officer
// writes up what was done, not what is planned; with "tuần trước" after it
// or "last" before it ("thứ hai tuần trước", "last monday") it is that day
// of the week before this one, weeks running Monday to Sunday as the
// reports count them.
func weekdayDate(folded string, today time.Time) (time.Time, bool) {
	name, lastWeek := folded, false
	if n, ok := strings.CutSuffix(folded, " tuan truoc"); ok {
		name, lastWeek = n, true
	} else if n, ok := strings.CutPrefix(folded, "last "); ok {
		name, lastWeek = n, true
	}
	wd, ok := weekdayNames[name]
	if !ok {
		return time.Time{}, false
	}
	if lastWeek {
		sinceMonday := (int(today.Weekday()) + 6) % 7
		monday := today.AddDate(0, 0, -sinceMonday-7)
		return monday.AddDate(0, 0, (int(wd)+6)%7), true
	}
	back := (int(today.Weekday()) - int(wd) + 7) % 7
	return today.AddDate(0, 0, -back), true
}
