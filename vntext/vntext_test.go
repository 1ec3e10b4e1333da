package vntext

import (
	"slices"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hà Nội", "ha noi"},
		{"HA NOI", "ha noi"},
		{norm.NFD.String("Hà Nội"), "ha noi"},
		{"Đà Nẵng", "da nang"},
		{"Thừa Thiên Huế", "thua thien hue"},
		{"ĐẮK LẮK", "dak lak"},
		{"Nghị quyết 202/2025/QH15", "nghi quyet 202/2025/qh15"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestClean(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"nfd to nfc", norm.NFD.String("Nghệ An"), "Nghệ An"},
		{"controls dropped", "a\x00b\x07c\x1b[31md", "abc[31md"},
		{"newline and tab kept", "a\nb\tc", "a\nb\tc"},
		{"crlf", "a\r\nb", "a\nb"},
		{"bidi override and noncharacters", "abc\u202Edef\uFFFEg\uFDD0", "abcdefg"},
	}
	for _, tt := range tests {
		if got := Clean(tt.in); got != tt.want {
			t.Errorf("%s: Clean(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestForTerminal(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"csi colour", "\x1b[31mđỏ\x1b[0m", "đỏ"},
		{"osc title", "\x1b]0;pwned\x07xin chào", "xin chào"},
		{"osc 52 clipboard", "\x1b]52;c;ZXZpbA==\x1b\\ok", "ok"},
		{"bidi override", "abc\u202Edef", "abcdef"},
		{"c1 and replacement", "a\u009bb\uFFFDc", "abc"},
		{"invalid utf8", "a\xffb", "ab"},
		{"newline kept", "dòng 1\ndòng 2\tx", "dòng 1\ndòng 2\tx"},
	}
	for _, tt := range tests {
		if got := ForTerminal(tt.in); got != tt.want {
			t.Errorf("%s: ForTerminal(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestSorter(t *testing.T) {
	got := []string{"Đà Nẵng", "Zeta", "Điện Biên", "Ân", "An Giang", "Ăn", "Ơn", "Ôn", "On"}
	slices.SortFunc(got, NewSorter().Compare)
	// a < ă < â, o < ô < ơ, and Đ sorts as a letter after D, not after Z.
	want := []string{"An Giang", "Ăn", "Ân", "Đà Nẵng", "Điện Biên", "On", "Ôn", "Ơn", "Zeta"}
	if !slices.Equal(got, want) {
		t.Errorf("sorted = %q, want %q", got, want)
	}
}

func TestParseDate(t *testing.T) {
	now := time.Date(2026, 11, 22, 9, 30, 0, 0, time.Local)
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"2026-11-05", "2026-11-05", true},
		{"05/11/2026", "2026-11-05", true},
		{"5/11/2026", "2026-11-05", true},
		{"05-11-2026", "2026-11-05", true},
		{"hôm nay", "2026-11-22", true},
		{"Hôm qua", "2026-11-21", true},
		{"today", "2026-11-22", true},
		{"31/02/2026", "", false},
		{"28/02", "2026-02-28", true}, // no year: this year
		{"5.11", "2026-11-05", true},
		{"31/02", "", false},
		{"28/02/", "", false},
		{"ngày mai", "", false},
		{"", "", false},
	}
	tests = append(tests, weekdayTests...)
	for _, tt := range tests {
		got, err := ParseDate(tt.in, now)
		if (err == nil) != tt.ok {
			t.Errorf("ParseDate(%q) err = %v, want ok=%v", tt.in, err, tt.ok)
			continue
		}
		if tt.ok && got.Format(DateLayout) != tt.want {
			t.Errorf("ParseDate(%q) = %s, want %s", tt.in, got.Format(DateLayout), tt.want)
		}
	}
}

// weekdayTests are days of the week as officers write them, read on
// Sunday 22/11/2026 (TestParseDate's clock): alone, the most recent such
// day, today included; "tuần trước"/"last", that day of the week before
// (weeks Monday to Sunday: this week began on Monday 16/11).
var weekdayTests = []struct {
	in, want string
	ok       bool
}{
	{"hôm kia", "2026-11-20", true},
	{"t2", "2026-11-16", true},
	{"T3", "2026-11-17", true},
	{"t4", "2026-11-18", true},
	{"t5", "2026-11-19", true},
	{"t6", "2026-11-20", true},
	{"t7", "2026-11-21", true},
	{"cn", "2026-11-22", true}, // today is a Sunday
	{"thứ hai", "2026-11-16", true},
	{"Thứ  Ba", "2026-11-17", true},
	{"thứ tư", "2026-11-18", true},
	{"thứ năm", "2026-11-19", true},
	{"thứ sáu", "2026-11-20", true},
	{"thứ bảy", "2026-11-21", true},
	{"thứ 7", "2026-11-21", true},
	{"chủ nhật", "2026-11-22", true},
	{"thứ hai tuần trước", "2026-11-09", true},
	{"chủ nhật tuần trước", "2026-11-15", true},
	{"t6 tuần trước", "2026-11-13", true},
	{"mon", "2026-11-16", true},
	{"Monday", "2026-11-16", true},
	{"thu", "2026-11-19", true},
	{"sun", "2026-11-22", true},
	{"last monday", "2026-11-09", true},
	{"last sunday", "2026-11-15", true},
	{"thứ tám", "", false},
	{"tuần trước", "", false},
	{"last", "", false},
}

// TestWeekdayOnOtherDays reads "t2" and "t2 tuần trước" on each day of one
// week: on Monday "t2" is today, and "tuần trước" always goes back into
// the week before.
func TestWeekdayOnOtherDays(t *testing.T) {
	for _, tt := range []struct{ today, t2, t2Last, cn string }{
		{"2026-11-16", "2026-11-16", "2026-11-09", "2026-11-15"}, // Monday
		{"2026-11-18", "2026-11-16", "2026-11-09", "2026-11-15"}, // Wednesday
		{"2026-11-21", "2026-11-16", "2026-11-09", "2026-11-15"}, // Saturday
		{"2026-11-22", "2026-11-16", "2026-11-09", "2026-11-22"}, // Sunday
		{"2027-01-01", "2026-12-28", "2026-12-21", "2026-12-27"}, // across a year
	} {
		now, _ := time.Parse(DateLayout, tt.today)
		now = now.Add(23 * time.Hour) // late in the day: still that date
		for in, want := range map[string]string{"t2": tt.t2, "thứ hai tuần trước": tt.t2Last, "cn": tt.cn} {
			got, err := ParseDate(in, now)
			if err != nil || got.Format(DateLayout) != want {
				t.Errorf("on %s ParseDate(%q) = %s, %v; want %s", tt.today, in, got.Format(DateLayout), err, want)
			}
		}
	}
}

func TestDateLine(t *testing.T) {
	tests := []struct {
		d    time.Time
		want string
	}{
		{time.Date(2026, 2, 5, 0, 0, 0, 0, time.UTC), "Hà Nội, ngày 05 tháng 02 năm 2026"},
		{time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC), "Hà Nội, ngày 22 tháng 11 năm 2026"},
		{time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC), "Hà Nội, ngày 09 tháng 3 năm 2026"},
	}
	for _, tt := range tests {
		if got := DateLine("Hà Nội", tt.d); got != tt.want {
			t.Errorf("DateLine = %q, want %q", got, tt.want)
		}
	}
	if got := FormatDate("2026-02-05"); got != "05/02/2026" {
		t.Errorf("FormatDate = %q", got)
	}
}
