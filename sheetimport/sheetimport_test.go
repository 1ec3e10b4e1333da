package sheetimport

import (
	"testing"
	"time"

	"sotay/record"
)

var now = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

// TestCells: headers, dates and choices as officers' sheets write them.
func TestCells(t *testing.T) {
	tests := []struct {
		header, cell string
		want         string // the field's stored value, or "!" for a problem
	}{
		{"Ngày", "20/11/2026", "2026-11-20"},
		{"NGAY", "2026-11-20", "2026-11-20"},
		{"Date", "46346", "2026-11-20"}, // an Excel date cell
		{"Ngày", "46346.5", "2026-11-20"},
		{"Ngày", "31/02/2026", "!"},
		{"Hoạt động", "Họp, làm việc", "meeting"},
		{"hoat dong", "hop lam viec", "meeting"},
		{"Activity", "Field survey", "survey"},
		{"Loại hoạt động", "họp dân", "!"},
		{"Xã, phường", " Xã A ", "Xã A"},
	}
	for _, tt := range tests {
		rows := [][]string{{"Ngày", "Xã/phường", "Hoạt động", "Nội dung"}, {"20/11/2026", "Xã B", "meeting", "c"}}
		field, _ := fieldOf(tt.header, nil)
		col := map[string]int{"date": 0, "commune": 1, "activity": 2}[field]
		if field == "" {
			t.Errorf("header %q matches no field", tt.header)
			continue
		}
		rows[0][col] = tt.header
		rows[1][col] = tt.cell
		p, err := Build(rows, Options{Now: now})
		if err != nil {
			t.Fatalf("%q: %v", tt.header, err)
		}
		if tt.want == "!" {
			if p.BadRows != 1 || p.Problems[0].Column != tt.header {
				t.Errorf("%q=%q: problems %+v, want one in that column", tt.header, tt.cell, p.Problems)
			}
			continue
		}
		if len(p.Records) != 1 || p.Records[0].Value(field) != tt.want {
			t.Errorf("%q=%q: %+v %+v, want %s", tt.header, tt.cell, p.Records, p.Problems, tt.want)
		}
	}
}

// TestDerivedID: the same row gets the same id with the same seed, another
// with another seed; the id is a UUIDv7 the store accepts.
func TestDerivedID(t *testing.T) {
	rows := [][]string{{"Ngày", "Xã/phường", "Hoạt động", "Nội dung"}, {"20/11/2026", "Xã B", "meeting", "c"}}
	ids := map[string]string{}
	for _, seed := range []string{"a", "a", "b"} {
		p, err := Build(rows, Options{Now: now, Seed: []byte(seed)})
		if err != nil || len(p.Records) != 1 {
			t.Fatal(err)
		}
		id := p.Records[0].ID
		if _, err := record.ParseID(id); err != nil || id[14] != '7' {
			t.Errorf("id %q is not a UUIDv7", id)
		}
		if prev, ok := ids[seed]; ok && prev != id {
			t.Errorf("seed %s: %s then %s", seed, prev, id)
		}
		ids[seed] = id
	}
	if ids["a"] == ids["b"] {
		t.Error("two notebooks derive the same id")
	}
}

// TestKindGuess: the kind is told from the required columns, or refused.
func TestKindGuess(t *testing.T) {
	tests := []struct {
		header []string
		want   record.Kind
	}{
		{[]string{"Ngày", "Xã", "Hoạt động", "Nội dung"}, record.KindLog},
		{[]string{"Ngày", "Xã", "Lĩnh vực", "Mức độ", "Vấn đề"}, record.KindDifficulty},
		{[]string{"Ngày", "Xã", "Chủ đề", "Số người"}, record.KindTraining},
		{[]string{"Ngày", "Xã"}, ""},
	}
	for _, tt := range tests {
		p, err := Build([][]string{tt.header}, Options{Now: now})
		switch {
		case tt.want == "" && err != ErrNoKind:
			t.Errorf("%v: %v, want ErrNoKind", tt.header, err)
		case tt.want != "" && (err != nil || p.Kind != tt.want):
			t.Errorf("%v: %v %v, want %s", tt.header, p, err, tt.want)
		}
	}
}
