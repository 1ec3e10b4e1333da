package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"sotay/i18n"
	"sotay/record"
)

// TestLabelsWhole: at 80 and 50 columns, in both languages, no field label
// of a record's detail or a list's column header is cut, and a label never
// runs into its value.
func TestLabelsWhole(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.VI, i18n.EN} {
		for _, width := range []int{80, 50} {
			st := openTestStore(t, true)
			m := newApp(st, Options{Lang: lang, Now: fixedNow}, true)
			m.Update(tea.WindowSizeMsg{Width: width, Height: 24})
			cat := i18n.New(lang)
			r := record.Record{Kind: record.KindLog, Date: "2026-02-05", Commune: "Xã Đông Anh", Activity: "meeting", Content: "Họp"}
			d := newDetail(m.ctx, r)
			d.SetSize(m.bodySize())
			screen := stripScreen(d.View())
			for _, f := range record.Fields(record.KindLog) {
				if name := cat.Field(f.Name); !strings.Contains(screen, name) {
					t.Errorf("%s %d: detail lacks the whole label %q:\n%s", lang, width, name, screen)
				}
			}
			if strings.Contains(screen, "…") {
				t.Errorf("%s %d: detail cuts a label:\n%s", lang, width, screen)
			}
			for _, k := range []record.Kind{record.KindLog, record.KindDifficulty, record.KindTraining} {
				l := newRecordList(m.ctx, k)
				l.SetSize(m.bodySize())
				if head := strings.Join(l.headers(l.columns()), "|"); strings.Contains(stripScreen(l.row(l.columns(), l.headers(l.columns()))), "…") {
					t.Errorf("%s %d: %s list headers cut: %s", lang, width, k, head)
				}
			}
		}
	}
}
