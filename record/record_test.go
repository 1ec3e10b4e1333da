package record

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{
		"", "Hà Nội", `"quoted" \ back`, "dòng 1\ndòng 2\tcột\r", "\x00\x01\x1f\x7f", "<b>&</b>",
		"\u2028\u2029", "bad \xff utf-8 \xc3", "😀 Đ",
	} {
		got := appendJSONString(nil, s)
		var back, want string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Errorf("%+q: %s is not JSON: %v", s, got, err)
			continue
		}
		std, _ := json.Marshal(s)
		json.Unmarshal(std, &want)
		if back != want {
			t.Errorf("%+q: reads back as %+q, encoding/json gives %+q", s, back, want)
		}
	}
}

// A record goes through its flat JSON and back unchanged.
func TestRecordJSON(t *testing.T) {
	at := time.Date(2026, 6, 1, 8, 30, 0, 123, time.UTC)
	for _, r := range []Record{
		{ID: "019f17c1-ba80-7000-8000-000000000001", Kind: KindLog, Rev: 3, Created: at, Updated: at.Add(time.Hour),
			Date: "2026-06-01", Commune: "Xã \"Tân\" Lập", Activity: "survey", Content: "a\nb\t\\c", Results: "<ok>", NextSteps: "x", Partners: "Sở"},
		{ID: "019f17c1-ba80-7000-8000-000000000002", Kind: KindDifficulty, Rev: 1, Deleted: true, Created: at, Updated: at,
			Date: "2026-06-02", Commune: "P", Category: "it", Severity: "urgent", Title: "t", Status: "answered",
			Responses: []Response{{At: at, Author: "HQ", Text: "Trả lời"}}},
		{ID: "019f17c1-ba80-7000-8000-000000000003", Kind: KindTraining, Rev: 2, Created: at, Updated: at,
			Date: "2026-06-03", Commune: "H", Topic: "T", Participants: 50, Women: new(20), Hours: new(3.5), Notes: "n"},
	} {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var back Record
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		if jsonOf(t, back) != jsonOf(t, r) {
			t.Errorf("round trip:\n%s\n%s", jsonOf(t, r), jsonOf(t, back))
		}
		var flat map[string]any
		json.Unmarshal(b, &flat)
		for _, f := range Fields(r.Kind) {
			if _, ok := flat[f.Name]; !ok {
				t.Errorf("%s: no field %q in %s", r.Kind, f.Name, b)
			}
		}
	}
}

func jsonOf(t *testing.T, r Record) string {
	t.Helper()
	b, err := r.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSetValues: every number problem at once, in field order; a field of
// another kind is an error.
func TestSetValues(t *testing.T) {
	r := Record{Kind: KindTraining}
	err := r.SetValues(map[string]string{"hours": "ba", "participants": "mười", "topic": "T"})
	ve, ok := AsValidation(err)
	if !ok || len(ve.Fields) != 2 || ve.Fields[0].Field != "participants" || ve.Fields[1].Field != "hours" || r.Topic != "T" {
		t.Errorf("SetValues = %v, topic %q", err, r.Topic)
	}
	if err := r.SetValues(map[string]string{"activity": "meeting"}); err == nil {
		t.Error("a log's field set on a training")
	}
	if err := r.SetValues(map[string]string{"participants": "30", "hours": "1,5"}); err != nil || r.Participants != 30 || r.HoursOr(-1) != 1.5 {
		t.Errorf("SetValues = %v: %d, %v", err, r.Participants, r.Value("hours"))
	}
}

// TestUnknownIsNotZeroOnTheWire: a training's women and hours not recorded
// are absent from its JSON and read back as unknown; a recorded 0 travels
// as 0 and reads back as 0, as does the 0 of a record written before the
// two were told apart.
func TestUnknownIsNotZeroOnTheWire(t *testing.T) {
	base := `{"id":"01900000-0000-7000-8000-000000000003","kind":"training","rev":1,"deleted":false,` +
		`"created":"2026-06-01T08:00:00Z","updated":"2026-06-01T08:00:00Z","date":"2026-06-01","commune":"X","topic":"T","participants":40`
	tests := []struct {
		name         string
		women        *int
		hours        *float64
		json         string // what a reader finds in the body
		absent       string // what it must not find
		women2, hrs2 string // Value after a round trip
	}{
		{"unknown", nil, nil, `"participants":40,"trainers"`, `"women"`, "", ""},
		{"zero", new(0), new(0.0), `"women":0,"trainers":"","hours":0,`, `"women":null`, "0", "0"},
		{"some", new(12), new(3.5), `"women":12,"trainers":"","hours":3.5,`, `"women":null`, "12", "3.5"},
	}
	for _, tt := range tests {
		r := Record{ID: "01900000-0000-7000-8000-000000000003", Kind: KindTraining, Rev: 1, Date: "2026-06-01", Commune: "X",
			Topic: "T", Participants: 40, Women: tt.women, Hours: tt.hours}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), tt.json) || strings.Contains(string(b), tt.absent) {
			t.Errorf("%s: %s lacks %s or has %s", tt.name, b, tt.json, tt.absent)
		}
		var back Record
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if back.Value("women") != tt.women2 || back.Value("hours") != tt.hrs2 {
			t.Errorf("%s: reads back women %q hours %q, want %q %q", tt.name, back.Value("women"), back.Value("hours"), tt.women2, tt.hrs2)
		}
	}
	// Bodies as other clients and older notebooks wrote them.
	for _, tt := range []struct{ body, women, hours string }{
		{base + `,"women":0,"hours":0}`, "0", "0"}, // an old 0 stays 0
		{base + `}`, "", ""},
		{base + `,"women":null,"hours":null}`, "", ""},
	} {
		var r Record
		if err := json.Unmarshal([]byte(tt.body), &r); err != nil {
			t.Fatal(err)
		}
		if r.Value("women") != tt.women || r.Value("hours") != tt.hours {
			t.Errorf("%s: women %q hours %q, want %q %q", tt.body, r.Value("women"), r.Value("hours"), tt.women, tt.hours)
		}
	}
}
