package store

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
	"golang.org/x/text/unicode/norm"

	"sotay/domain"
	"sotay/record"
	"sotay/record/recordtest"
	"sotay/vntext"
)

func TestSearchVietnamese(t *testing.T) {
	s, _ := openTest(t)
	mk := func(commune, content string) string {
		r := recordtest.Sample(record.KindLog, "2026-06-10")
		r.Commune, r.Content = commune, content
		return mustCreate(t, s, r).ID
	}
	hanoi := mk("Phường Hà Nội", "Làm việc với Ủy ban nhân dân")
	danang := mk("Đà Nẵng", "Khảo sát thực tế đường giao thông")
	nfd := mk(norm.NFD.String("Xã Nghĩa Đô"), norm.NFD.String("Hướng dẫn nghiệp vụ"))
	nhanoi := mk("Xã Hà Nam", "Nơi làm việc chật hẹp") // "ha", "noi" in other fields
	tests := []struct {
		q    string
		want []string
	}{
		{"ha noi", []string{nhanoi, hanoi}},
		{"HA NOI", []string{nhanoi, hanoi}},
		{norm.NFD.String("Hà Nội"), []string{nhanoi, hanoi}},
		{"Hà Nội", []string{nhanoi, hanoi}},
		{"phuong ha noi", []string{hanoi}},
		{"da nang", []string{danang}},
		{"Đà Nẵng", []string{danang}},
		{"đa nang", []string{danang}},
		{"ha no", []string{nhanoi, hanoi}},
		{"h", []string{nhanoi, nfd, hanoi}},
		{"nghia do", []string{nfd}},
		{"nghĩa đô", []string{nfd}},
		{"huong dan", []string{nfd}},
		{"uy ban", []string{hanoi}},
		{"ủy", []string{hanoi}},
		{"oi", nil}, // inside a word, not at its start
		{"noi ha", []string{nhanoi, hanoi}},
		{"  ha,  noi! ", []string{nhanoi, hanoi}},
		{"ha noi xyz", nil},
		{"hanoi", nil},
	}
	for _, tt := range tests {
		if got := ids(listAll(t, s, Query{Search: tt.q})); !slices.Equal(got, tt.want) {
			t.Errorf("search %q = %v, want %v", tt.q, got, tt.want)
		}
	}
	// Stored NFC, whatever came in.
	r, _ := s.Get(nfd)
	if r.Commune != "Xã Nghĩa Đô" || !norm.NFC.IsNormalString(r.Content) {
		t.Errorf("NFD input stored as %q / %q", r.Commune, r.Content)
	}
}

// A word that starts several words of one record ("xa" in "xã" and "xanh")
// finds that record once.
func TestSearchPrefixOfSeveralWords(t *testing.T) {
	s, _ := openTest(t)
	r := recordtest.Sample(record.KindLog, "2026-06-10")
	r.Commune, r.Content = "Xã Xuân Xanh", "Xa xôi, xây dựng xã"
	one := mustCreate(t, s, r).ID
	two := mustCreate(t, s, recordtest.Sample(record.KindLog, "2026-06-09")).ID // "Xã Tân Lập"
	for _, q := range []string{"x", "xa", "xa x", "x x"} {
		if got := ids(listAll(t, s, Query{Search: q})); !slices.Equal(got, []string{one, two}) {
			t.Errorf("search %q = %v, want %v", q, got, []string{one, two})
		}
	}
	// And pages over such a search neither repeat nor skip.
	for i := 0; i < 30; i++ {
		mustCreate(t, s, r)
	}
	want := ids(listAll(t, s, Query{Search: "xa"}))
	var got []string
	q := Query{Search: "xa", Limit: 4}
	for {
		p, err := s.List(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ids(p.Records)...)
		if p.Next == "" {
			break
		}
		q.After = p.Next
	}
	if len(want) != 32 || !slices.Equal(got, want) {
		t.Errorf("paged search: %d records, scan: %d, want 32 each", len(got), len(want))
	}
}

func TestSearchKinds(t *testing.T) {
	s, _ := openTest(t)
	l := mustCreate(t, s, recordtest.Sample(record.KindLog, "2026-06-03"))        // Xã Tân Lập
	d := mustCreate(t, s, recordtest.Sample(record.KindDifficulty, "2026-06-02")) // Phường Ba Đình
	tr := recordtest.Sample(record.KindTraining, "2026-06-01")
	tr.Commune = "Xã Tân Lập"
	tid := mustCreate(t, s, tr).ID
	tests := []struct {
		q    Query
		want []string
	}{
		{Query{Search: "tan lap"}, []string{l.ID, tid}},
		{Query{Search: "tan lap", Kind: record.KindTraining}, []string{tid}},
		{Query{Search: "tan lap", Kind: record.KindDifficulty}, nil},
		{Query{Search: "ba dinh", Kind: record.KindDifficulty}, []string{d.ID}},
		{Query{Search: "tan", From: "2026-06-02"}, []string{l.ID}},
		{Query{Search: "tan", To: "2026-06-02"}, []string{tid}},
	}
	for _, tt := range tests {
		if got := ids(listAll(t, s, tt.q)); !slices.Equal(got, tt.want) {
			t.Errorf("%+v = %v, want %v", tt.q, got, tt.want)
		}
	}
}

// Words longer than the indexed length are found by their start.
func TestSearchLongWord(t *testing.T) {
	s, _ := openTest(t)
	r := recordtest.Sample(record.KindLog, "2026-06-10")
	long := "Nghịquyếtsốhaitrămlinhhaihaimươihaimươilămquốchộimườilămvềsắpxếp"
	r.Content = long + " khác"
	id := mustCreate(t, s, r).ID
	for _, q := range []string{long, long[:20], vntext.Fold(long) + " khac"} {
		if got := ids(listAll(t, s, Query{Search: q})); !slices.Equal(got, []string{id}) {
			t.Errorf("search %q = %v", q, got)
		}
	}
}

func TestSortVietnamese(t *testing.T) {
	names := []string{"Đặng", "Dương", "Ánh", "Anh", "Ân", "Ăn", "Bình", "Ơn", "Ông", "Ong", "Ưng", "Ung", "Zô"}
	vntext.SortBy(names, func(s string) string { return s })
	want := []string{"Anh", "Ánh", "Ăn", "Ân", "Bình", "Dương", "Đặng", "Ong", "Ông", "Ơn", "Ung", "Ưng", "Zô"}
	if !slices.Equal(names, want) {
		t.Errorf("sorted names = %v\nwant %v", names, want)
	}
	provs := domain.Provinces()
	vntext.SortBy(provs, func(p domain.Province) string { return p.Name })
	pos := map[string]int{}
	for i, p := range provs {
		pos[p.Name] = i
	}
	// D before Đ, and Đ before E; not byte order, which puts Đ after every
	// Latin letter.
	for _, pair := range [][2]string{{"Cần Thơ", "Điện Biên"}, {"Điện Biên", "Đồng Nai"}, {"Đồng Tháp", "Gia Lai"}, {"An Giang", "Bắc Ninh"}, {"Tây Ninh", "Thanh Hóa"}} {
		if pos[pair[0]] >= pos[pair[1]] {
			t.Errorf("%s sorts after %s", pair[0], pair[1])
		}
	}
}

// Saved records wait in fresh, are found there, and move into the index
// when freshMax of them wait; edits and deletes work on either side.
func TestFresh(t *testing.T) {
	s, _ := openTest(t)
	s.freshMax = 4
	freshCount := func() (keys int, counter uint64) {
		s.db.View(func(tx *bolt.Tx) error {
			keys = tx.Bucket(bucketFresh).Stats().KeyN
			counter = getUint(tx.Bucket(bucketMeta), "fresh")
			return nil
		})
		return keys, counter
	}
	var made []record.Record
	for i, want := range []int{1, 2, 3, 0, 1, 2} {
		r := recordtest.Sample(record.KindLog, "2026-06-10")
		r.Commune = fmt.Sprintf("Xã Thử %d", i)
		made = append(made, mustCreate(t, s, r))
		if keys, counter := freshCount(); keys != want || counter != uint64(want) {
			t.Fatalf("after %d saves: %d waiting, counter %d, want %d", i+1, keys, counter, want)
		}
		if got := len(listAll(t, s, Query{Search: "xa thu"})); got != i+1 {
			t.Fatalf("after %d saves: search finds %d", i+1, got)
		}
	}
	// made[0] is in the index, made[5] in fresh.
	for _, r := range []record.Record{made[0], made[5]} {
		r.Commune = "Phường Đổi Tên"
		if _, err := s.Update(r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Delete(made[4].ID); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q    string
		want []string
	}{
		{"doi ten", []string{made[5].ID, made[0].ID}},
		{"xa thu", []string{made[3].ID, made[2].ID, made[1].ID}},
		{"thu 4", nil},
		{"thu 5", nil},
		{"tan lap", nil},
	}
	for _, tt := range tests {
		if got := ids(listAll(t, s, Query{Search: tt.q})); !slices.Equal(got, tt.want) {
			t.Errorf("search %q = %v, want %v", tt.q, got, tt.want)
		}
	}
	if keys, counter := freshCount(); keys != int(counter) {
		t.Errorf("%d waiting, counter says %d", keys, counter)
	}
}

// The index cuts words the way vntext does, which is how queries are cut:
// the same set, capped.
func TestRecordTermsMatchVntext(t *testing.T) {
	g := newGen(12)
	recs := g.records(300)
	odd := recordtest.Sample(record.KindLog, "2026-06-01")
	odd.Commune = norm.NFD.String("Xã Đắk Glei, ĐẮK GLEI") + " 3/2 x²y ½ Ⅻ 中文字 ٣"
	odd.Content = strings.Repeat("Nghịquyết", 8) + "A " + strings.Repeat("Nghịquyết", 8) + "B " + "a_b-c.d\tđ\nđ"
	recs = append(recs, odd)
	for _, r := range recs {
		var texts []string
		for _, f := range record.Fields(r.Kind) {
			if f.Type == record.Text || f.Type == record.LongText {
				texts = append(texts, r.Value(f.Name))
			}
		}
		var want []string
		for _, w := range terms(texts...) {
			want = append(want, capTerm(w))
		}
		slices.Sort(want)
		want = slices.Compact(want)
		if got := recordTerms(&r); !slices.Equal(got, want) {
			t.Fatalf("recordTerms = %q\nwant          %q", got, want)
		}
	}
}

// Two long words that share their indexed start give one posting, so
// deleting the record leaves none behind (imported: grouped postings).
func TestLongWordsSharingAStart(t *testing.T) {
	s, _ := openTest(t)
	var recs []record.Record
	for i := 0; i < 3; i++ {
		r := recordtest.Sample(record.KindLog, "2026-06-01")
		r.Content = strings.Repeat("Nghịquyết", 8) + "A " + strings.Repeat("Nghịquyết", 8) + "B"
		recs = append(recs, r)
	}
	if err := s.Import(t.Context(), recs, nil); err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if _, err := s.Delete(r.ID); err != nil {
			t.Fatal(err)
		}
	}
	if got := listAll(t, s, Query{Search: "nghiquyet"}); len(got) != 0 {
		t.Errorf("deleted records still found: %d", len(got))
	}
}

// A word whose postings start at the index's first key is found. Digits
// sort before letters, so "12" is that key here: seeking a word's first
// chunk used to step back from it (bbolt's Prev at the first key returns
// nil but stays there) and then forward past it, so a search of "1" or
// "12" lost the records of that chunk (TestModel seed 1796211751257141707).
func TestSearchFirstKeyOfIndex(t *testing.T) {
	tests := []struct {
		name     string
		contents []string // one record each, a day apart, newest first
		q        string
		want     []int // indexes into contents
	}{
		{"one character, first word of the index", []string{"12 a", "178 b", "xa c"}, "1", []int{0, 1}},
		{"the first word itself", []string{"12 a", "178 b"}, "12", []int{0}},
		{"first word and a later one", []string{"12 xa", "12 ha", "178 xa"}, "1 xa", []int{0, 2}},
		{"later word after it", []string{"12 a", "178 b"}, "17", []int{1}},
		{"no digits: first letter word", []string{"an xa", "ba xa", "an ha"}, "a", []int{0, 2}},
		{"first word over two chunks", repeatText("12 xa", maxChunk+5), "1", upTo(maxChunk + 5)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTest(t)
			s.freshMax = 1 // every save moves its words into the index at once
			made := make([]string, len(tt.contents))
			for i, c := range tt.contents {
				r := record.Record{Kind: record.KindLog, Date: genNow.AddDate(0, 0, -i).Format(vntext.DateLayout), Commune: "Zz", Activity: "meeting", Content: c}
				made[i] = mustCreate(t, s, r).ID
			}
			var want []string
			for _, i := range tt.want {
				want = append(want, made[i])
			}
			if got := ids(listAll(t, s, Query{Search: tt.q})); !slices.Equal(got, want) {
				t.Errorf("search %q = %d records %v, want %d %v", tt.q, len(got), got, len(want), want)
			}
		})
	}
}

func repeatText(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

func upTo(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}
