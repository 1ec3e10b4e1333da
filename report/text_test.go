package report

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestTextLines: the plain-text layout says what the Markdown says, with
// no markup, and lines up its tables.
func TestTextLines(t *testing.T) {
	st := fixtureNotebook(t)
	r, err := Build(context.Background(), st, Week(clock), clock)
	if err != nil {
		t.Fatal(err)
	}
	lines := TextLines(r, 80)
	var all strings.Builder
	for _, l := range lines {
		all.WriteString(l.Text + "\n")
		if strings.ContainsAny(l.Text, "\x1b\u202e") {
			t.Errorf("line %q holds an escape or a bidi override", l.Text)
		}
		if l.Kind != LineTable && (strings.Contains(l.Text, "**") || strings.HasPrefix(l.Text, "|") || strings.HasPrefix(l.Text, "#") ||
			strings.Contains(l.Text, `\`)) {
			t.Errorf("line %q holds Markdown", l.Text)
		}
	}
	text := all.String()
	for _, want := range []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO",
		"I. TÌNH HÌNH CHUNG", "II. KẾT QUẢ CÔNG TÁC", "VI. NHIỆM VỤ THỜI GIAN TỚI", "Nơi nhận:", "Nguyễn Thị Minh Hằng"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in\n%s", want, text)
		}
	}
	if lines[0].Kind != LineHeader || !strings.HasSuffix(lines[0].Text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") || strings.Contains(lines[0].Text, "*") {
		t.Errorf("first line %+v, want the header with the national title on the right, no markup", lines[0])
	}
	// The right column starts at the same cell on every header line.
	col := -1
	for i, right := range []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", r.dateLine()} {
		l := lines[i]
		if l.Kind != LineHeader || !strings.HasSuffix(l.Text, right) {
			t.Errorf("header line %d = %+v, want it to end with %q", i, l, right)
			continue
		}
		at := ansi.StringWidth(l.Text) - ansi.StringWidth(right)
		if col >= 0 && at != col {
			t.Errorf("header line %q: right column at %d, want %d", l.Text, at, col)
		}
		col = at
	}
	if !strings.HasPrefix(lines[2].Text, "Số:      /BC-") {
		t.Errorf("number line %q lost the blank left for the number", lines[2].Text)
	}
	// The tables: every row of one table as wide as its rule, numbers
	// right-aligned under their heading.
	var table []string
	flush := func() {
		defer func() { table = nil }()
		if len(table) < 3 {
			if len(table) > 0 {
				t.Errorf("table %q too short", table)
			}
			return
		}
		if !strings.HasPrefix(table[1], "──") {
			t.Errorf("table %q: no rule under the heading", table)
		}
		w := ansi.StringWidth(table[1])
		if w > 80 {
			t.Errorf("table %q is %d cells wide, more than the terminal's 80", table, w)
		}
		for _, row := range table {
			if rw := ansi.StringWidth(row); rw > w {
				t.Errorf("row %q is %d cells, wider than the rule (%d)", row, rw, w)
			}
		}
		// Right-aligned numbers end where the heading ends.
		if head, last := table[0], table[len(table)-1]; ansi.StringWidth(head) != ansi.StringWidth(last) {
			t.Errorf("heading %q and total %q end in different cells", head, last)
		}
	}
	for _, l := range lines {
		if l.Kind == LineTable {
			table = append(table, l.Text)
		} else {
			flush()
		}
	}
	if !strings.Contains(text, "Tổng cộng") {
		t.Errorf("no table total in\n%s", text)
	}
}
