package ui

import (
	"strings"
	"testing"
	"time"

	"sotay/i18n"
	"sotay/record"
	"sotay/record/recordtest"
	"sotay/vntext"
)

// TestOverviewNoGapsCountsDaysSoFar: with a log on every day up to today,
// the overview says how many days it counted; "every day" is said only
// once the whole week has passed, since the days to come have no log yet.
func TestOverviewNoGapsCountsDaysSoFar(t *testing.T) {
	monday := time.Date(2026, 2, 2, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		lang      i18n.Lang
		today     int // days after Monday
		want, not string
	}{
		{"thursday", i18n.VI, 3, "Đủ nhật ký cả 4 ngày, từ thứ Hai đến hôm nay.", "Ngày nào"},
		{"thursday en", i18n.EN, 3, "A log on each of the 4 days from Monday to today.", "every day"},
		{"monday", i18n.VI, 0, "Hôm nay, thứ Hai, đã có nhật ký.", "Ngày nào"},
		{"sunday", i18n.VI, 6, "Ngày nào trong tuần cũng có nhật ký.", "Đủ nhật ký"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			today := monday.AddDate(0, 0, tt.today)
			now := func() time.Time { return today.Add(10 * time.Hour) }
			st := openTestStore(t, true)
			for d := 0; d <= tt.today; d++ {
				if _, err := st.Create(recordtest.Sample(record.KindLog, monday.AddDate(0, 0, d).Format(vntext.DateLayout))); err != nil {
					t.Fatal(err)
				}
			}
			m := newApp(st, Options{Lang: tt.lang, Now: now}, true)
			wd, err := readWeek(m.ctx.bg, st, m.ctx.today())
			if err != nil {
				t.Fatal(err)
			}
			o := newOverview(m.ctx)
			o.SetSize(120, 30)
			o.Update(overviewMsg{seq: o.seq, data: wd})
			screen := stripScreen(o.View())
			if !strings.Contains(screen, tt.want) || strings.Contains(screen, tt.not) {
				t.Errorf("overview on day %d: want %q and not %q:\n%s", tt.today, tt.want, tt.not, screen)
			}
		})
	}
}
