package i18n

import "time"

// Keys of the laptop's clock compared with HQ's.
const (
	ClockAhead   Key = "clock.ahead"
	ClockBehind  Key = "clock.behind"
	ClockDays    Key = "clock.days"
	ClockHours   Key = "clock.hours"
	ClockMinutes Key = "clock.minutes"
	ClockParked  Key = "clock.parked"
	ClockFuture  Key = "clock.future"
)

func clockMessages() map[Key]msg {
	return map[Key]msg{
		ClockAhead: {"Đồng hồ máy tính chạy nhanh %s so với Tổ công tác: hãy chỉnh lại ngày giờ của máy, vì «hôm nay» của sổ tay đang là một ngày khác và Tổ công tác sẽ từ chối các ngày ở tương lai.",
			"This computer's clock is %s fast compared with the working group's: set its date and time right, as the notebook's «today» is another day and HQ refuses dates in the future."},
		ClockBehind: {"Đồng hồ máy tính chạy chậm %s so với Tổ công tác: hãy chỉnh lại ngày giờ của máy, vì «hôm nay» của sổ tay đang là một ngày khác.",
			"This computer's clock is %s slow compared with the working group's: set its date and time right, as the notebook's «today» is another day."},
		ClockDays:             {"%d ngày", "%d days"},
		ClockDays + ".one":    {"%d ngày", "%d day"},
		ClockHours:            {"%d giờ", "%d hours"},
		ClockHours + ".one":   {"%d giờ", "%d hour"},
		ClockMinutes:          {"%d phút", "%d minutes"},
		ClockMinutes + ".one": {"%d phút", "%d minute"},
		ClockParked: {"khi gửi, đồng hồ máy tính chạy nhanh %s so với Tổ công tác: chỉnh lại ngày giờ của máy rồi sửa ngày của bản ghi",
			"when it was sent, this computer's clock was %s fast compared with HQ's: set the clock right, then correct the record's date"},
		ClockFuture: {"sau giờ hiện tại của máy: đồng hồ máy tính đã bị chỉnh lùi", "after this computer's present time: its clock was set back"},
	}
}

// Span says a length of time as an officer would: whole days, else hours,
// else minutes ("365 ngày", "2 hours").
func (c Catalog) Span(d time.Duration) string {
	d = d.Abs()
	switch {
	case d >= 24*time.Hour:
		n := int((d + 12*time.Hour) / (24 * time.Hour))
		return c.N(ClockDays, n, n)
	case d >= time.Hour:
		n := int((d + 30*time.Minute) / time.Hour)
		return c.N(ClockHours, n, n)
	}
	n := int((d + 30*time.Second) / time.Minute)
	return c.N(ClockMinutes, n, n)
}

// ClockWarning tells the officer plainly that the laptop's clock is skew
// ahead of HQ's (behind when negative).
func (c Catalog) ClockWarning(skew time.Duration) string {
	if skew < 0 {
		return c.T(ClockBehind, c.Span(skew))
	}
	return c.T(ClockAhead, c.Span(skew))
}

// Ago says how long before now t was, for status lines: "3m20s", never a
// negative duration (a t after now says the clock was set back).
func (c Catalog) Ago(now, t time.Time) string {
	d := now.Sub(t).Round(time.Second)
	if d < 0 {
		return c.T(ClockFuture)
	}
	return d.String()
}
