package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"sotay/i18n"
	"sotay/record"
)

// fieldHeight counts the lines fieldView draws, so that the form scrolls to
// its focused field without drawing it on every key.
func TestFieldHeightMatchesView(t *testing.T) {
	st := openTestStore(t, true)
	m := newApp(st, Options{Lang: i18n.VI, Now: fixedNow}, true)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	for _, k := range []record.Kind{record.KindLog, record.KindDifficulty, record.KindTraining} {
		f := newForm(m.ctx, k, record.Record{})
		f.communes = []string{"Xã Sóc Sơn"}
		f.SetSize(80, 21)
		for i, ff := range f.fields {
			if i%2 == 0 {
				ff.problem = "sai"
			}
			if ff.f.Name == "commune" {
				ff.setValue("Xã S")
			}
			for _, focused := range []bool{false, true} {
				if got, want := f.fieldHeight(ff, focused), len(f.fieldView(ff, focused)); got != want {
					t.Errorf("%s.%s focused=%v: height %d, view %d lines", k, ff.f.Name, focused, got, want)
				}
			}
		}
	}
}
