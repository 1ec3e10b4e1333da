package report

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"math"
	"strings"
	"testing"
	"time"

	"sotay/record"
	"sotay/store"
)

// render writes r as Markdown, as the text of its .docx and as the TUI's
// preview lines: the three places an officer reads a report.
func render(t *testing.T, r *Report) (md, docx, preview string) {
	t.Helper()
	var b bytes.Buffer
	if err := WriteMarkdown(&b, r); err != nil {
		t.Fatal(err)
	}
	md = b.String()
	b.Reset()
	if err := WriteDocx(&b, r); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			x, _ := io.ReadAll(rc)
			rc.Close()
			docx = string(x)
		}
	}
	var lines []string
	for _, l := range TextLines(r, 0) {
		lines = append(lines, l.Text)
	}
	return md, docx, strings.Join(lines, "\n")
}

func date(s string) time.Time {
	d, _ := time.Parse("2006-01-02", s)
	return d
}

// TestRangeWording: a range of dates reads "Từ ngày … đến ngày …", never
// "Trong từ ngày …"; weeks and months keep "trong".
func TestRangeWording(t *testing.T) {
	st := fixtureNotebook(t)
	tests := []struct {
		p    func() Period
		want string
	}{
		{func() Period { p, _ := Range(date("2026-11-01"), date("2026-11-15")); return p }, "Từ ngày 01/11/2026 đến ngày 15/11/2026, sổ tay công tác không ghi nhận"},
		{func() Period { p, _ := Range(date("2026-02-01"), date("2026-02-08")); return p }, "tỉnh Tuyên Quang, từ ngày 01/02/2026 đến ngày 08/02/2026, cán bộ biệt phái đã"},
		{func() Period { return Week(date("2026-02-04")) }, "tỉnh Tuyên Quang, trong tuần từ ngày 02/02/2026 đến ngày 08/02/2026, cán bộ"},
		{func() Period { return Week(date("2026-03-04")) }, "Trong tuần từ ngày 02/03/2026 đến ngày 08/03/2026, sổ tay"},
		{func() Period { return Month(2026, time.February) }, "trong tháng 02 năm 2026, cán bộ"},
	}
	for _, tt := range tests {
		r, err := Build(context.Background(), st, tt.p(), clock)
		if err != nil {
			t.Fatal(err)
		}
		md, docx, preview := render(t, r)
		for name, s := range map[string]string{"md": md, "docx": docx, "preview": preview} {
			if !strings.Contains(s, tt.want) {
				t.Errorf("%s lacks %q", name, tt.want)
			}
			if strings.Contains(strings.ToLower(s), "trong từ ngày") {
				t.Errorf("%s says «trong từ ngày»", name)
			}
		}
	}
}

// TestOutcomeLettering: the groups of section 2 are lettered from a) in
// the order they are shown, whichever are empty.
func TestOutcomeLettering(t *testing.T) {
	st := openNotebook(t, store.Options{NoSync: true})
	if _, err := st.Create(record.Record{Kind: record.KindDifficulty, Date: "2026-02-03", Commune: "Xã Yên Sơn",
		Category: "it", Severity: "high", Title: "Mất kết nối"}); err != nil {
		t.Fatal(err)
	}
	r, err := Build(context.Background(), st, Week(date("2026-02-04")), clock)
	if err != nil {
		t.Fatal(err)
	}
	md, docx, preview := render(t, r)
	for name, s := range map[string]string{"md": md, "docx": docx, "preview": preview} {
		if !strings.Contains(s, "a) Đã báo cáo, đang chờ xử lý (1):") || strings.Contains(s, "c) ") {
			t.Errorf("%s: the only group is not a):\n%s", name, s)
		}
	}
}

// TestUnknownIsNotZero: a training without women or hours leaves those
// blank and says "chưa ghi", in Markdown, the .docx and the preview.
func TestUnknownIsNotZero(t *testing.T) {
	st := openNotebook(t, store.Options{NoSync: true})
	for _, tr := range []record.Record{
		{Kind: record.KindTraining, Date: "2026-02-03", Commune: "Xã Yên Sơn", Topic: "Chữ ký số", Participants: 30},
		{Kind: record.KindTraining, Date: "2026-02-04", Commune: "Xã Yên Sơn", Topic: "Một cửa", Participants: 20},
	} {
		if _, err := st.Create(tr); err != nil {
			t.Fatal(err)
		}
	}
	r, err := Build(context.Background(), st, Week(date("2026-02-04")), clock)
	if err != nil {
		t.Fatal(err)
	}
	md, docx, preview := render(t, r)
	for name, s := range map[string]string{"md": md, "docx": docx, "preview": preview} {
		for _, want := range []string{"50 lượt người tham dự, số nữ chưa ghi; thời lượng chưa ghi."} {
			if !strings.Contains(s, want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
		if strings.Contains(s, "0 nữ") || strings.Contains(s, "0 giờ") {
			t.Errorf("%s counts unknown as zero", name)
		}
	}
	if !strings.Contains(md, "| Chữ ký số |  | 30 |  |") && !strings.Contains(md, "| 30 |  |") {
		t.Errorf("the women cell of an unrecorded training is not blank:\n%s", md)
	}

	// One of two with women and hours recorded: the total says how many lack them.
	if _, err := st.Create(record.Record{Kind: record.KindTraining, Date: "2026-02-05", Commune: "Xã Yên Sơn",
		Topic: "Lưu trữ", Participants: 10, Women: new(4), Hours: new(2.0)}); err != nil {
		t.Fatal(err)
	}
	r, _ = Build(context.Background(), st, Week(date("2026-02-04")), clock)
	md, _, _ = render(t, r)
	if want := "60 lượt người tham dự, trong đó có 4 nữ (2 lớp chưa ghi số nữ); tổng thời lượng 2 giờ (2 lớp chưa ghi số giờ)."; !strings.Contains(md, want) {
		t.Errorf("md lacks %q:\n%s", want, md)
	}
}

// TestZeroIsNotUnknown: an all-male session of no length recorded as 0
// (not left empty) counts as 0 women, never as "chưa ghi", in every
// rendering; its women cell reads 0.
func TestZeroIsNotUnknown(t *testing.T) {
	st := openNotebook(t, store.Options{NoSync: true})
	for _, tr := range []record.Record{
		{Kind: record.KindTraining, Date: "2026-02-03", Commune: "Xã Yên Sơn", Topic: "Dân quân", Participants: 30, Women: new(0), Hours: new(3.0)},
		{Kind: record.KindTraining, Date: "2026-02-04", Commune: "Xã Yên Sơn", Topic: "Một cửa", Participants: 20, Women: new(0), Hours: new(2.0)},
	} {
		if _, err := st.Create(tr); err != nil {
			t.Fatal(err)
		}
	}
	r, err := Build(context.Background(), st, Week(date("2026-02-04")), clock)
	if err != nil {
		t.Fatal(err)
	}
	if tr := r.Training; tr.NoWomen != 0 || tr.NoHours != 0 || tr.Women != 0 || tr.Hours != 5 {
		t.Errorf("summary %+v: a recorded 0 is counted as unknown", tr)
	}
	md, docx, preview := render(t, r)
	for name, s := range map[string]string{"md": md, "docx": docx, "preview": preview} {
		if want := "50 lượt người tham dự, trong đó có 0 nữ (0%); tổng thời lượng 5 giờ."; !strings.Contains(s, want) {
			t.Errorf("%s lacks %q", name, want)
		}
		if strings.Contains(s, "chưa ghi") {
			t.Errorf("%s says a recorded 0 is not recorded", name)
		}
	}
	if !strings.Contains(md, "| Dân quân |  | 30 | 0 |") {
		t.Errorf("the women cell of an all-male training is not 0:\n%s", md)
	}
}

// TestCountsBounded: a count no session can have is refused when saved,
// and totals never wrap around to a negative number.
func TestCountsBounded(t *testing.T) {
	st := openNotebook(t, store.Options{NoSync: true})
	_, err := st.Create(record.Record{Kind: record.KindTraining, Date: "2026-02-03", Commune: "Xã A", Topic: "T",
		Participants: 4611686018427387904})
	if ve, ok := record.AsValidation(err); !ok || ve.Field("participants") == nil || ve.Field("participants").Problem != record.ProblemRange {
		t.Fatalf("4611686018427387904 participants saved or refused wrongly: %v", err)
	}
	tests := []struct {
		total, n int
		ok       bool
	}{
		{0, record.MaxParticipants, true},
		{0, record.MaxParticipants + 1, false},
		{math.MaxInt - 5, 5, true},
		{math.MaxInt - 5, 6, false},
		{10, -1, false},
	}
	for _, tt := range tests {
		total := tt.total
		err := addCount(&total, tt.n)
		if (err == nil) != tt.ok || (err == nil && total != tt.total+tt.n) || (err != nil && total != tt.total) {
			t.Errorf("addCount(%d, %d) = %d, %v", tt.total, tt.n, total, err)
		}
	}
}
