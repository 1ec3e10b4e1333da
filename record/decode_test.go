package record_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"sotay/record"
	"sotay/record/recordtest"
)

// decodeBoth decodes data with Decode and with encoding/json and fails
// unless both give the same record, or both an error.
func decodeBoth(t *testing.T, data []byte) {
	t.Helper()
	var want record.Record
	wantErr := json.Unmarshal(data, &want)
	got := record.Record{Commune: "left over", Hours: new(9.0)} // Decode overwrites all of it
	gotErr := record.Decode(data, &got)
	if (gotErr == nil) != (wantErr == nil) {
		t.Fatalf("%s:\nDecode error %v, encoding/json error %v", data, gotErr, wantErr)
	}
	if wantErr == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%s:\nDecode     %#v\nencoding/json %#v", data, got, want)
	}
}

// Every record MarshalJSON writes reads back as encoding/json reads it,
// and so does whatever else comes: escapes, other keys, other types.
func TestDecode(t *testing.T) {
	at := time.Date(2026, 6, 1, 8, 30, 0, 123, time.UTC)
	full := recordtest.Sample(record.KindDifficulty, "2026-06-01")
	full.ID, full.Rev, full.Created, full.Updated = "019f17c1-ba80-7000-99f3-3d8a8ab67222", 3, at, at.Add(time.Hour)
	full.Title = "Dòng 1\nDòng 2\t\"trích\" \\ <b>&</b> \x01 \u2028 😀"
	full.Responses = []record.Response{{At: at, Author: "Vụ", Text: "Đã \"nhận\"", Status: "in_progress"}}
	full.FollowUps = []record.FollowUp{{At: at, Text: "Cảm ơn [ok] {x}", After: 1, Resolved: true}}
	full.Attachments = []record.Attachment{{Name: "ảnh [1].jpg", Size: 2048, Type: "image/jpeg", SHA256: strings.Repeat("ab", 32),
		Original: &record.Original{Size: 9000, SHA256: strings.Repeat("cd", 32)}}}
	training := recordtest.Sample(record.KindTraining, "2026-06-02")
	training.Hours, training.Participants, training.Women = new(1.5), 40, new(12)
	bad := recordtest.Sample(record.KindLog, "2026-06-03")
	bad.Content = "bad \xff utf-8"
	var written [][]byte
	for _, r := range append(recordtest.Records(300, 30, at), full, training, bad, record.Record{}) {
		b, err := r.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		written = append(written, b)
	}
	for _, b := range written {
		decodeBoth(t, b)
	}
	others := []string{
		`{"id":"a","kind":"log","commune":"X\u00e3 \u0110\/"}`,              // \u and \/ escapes
		`{"id":"a","commune":"\ud83d\ude00 \ud800"}`,                        // surrogates: encoding/json's way
		`{"ID":"a","Kind":"log"}`,                                           // keys in another case
		`{"id":"a","extra":1,"kind":"log"}`,                                 // a key Record has not
		`{"id":"a","responses":null,"followups":null}`,                      // null lists
		`{"id":"a","created":null,"rev":null}`,                              // null values
		`{ "id" : "a" , "rev" : 2 }`,                                        // spaces
		`{"id":"a","rev":1.5}`,                                              // not an integer
		`{"id":"a","rev":"1"}`,                                              // a string for a number
		`{"id":"a","hours":1e2,"women":-0,"participants":-3}`,               // number forms
		`{"id":"a","hours":01}`,                                             // not JSON
		`{"id":"a","deleted":tru}`,                                          // not JSON
		`{"id":"a","created":"2026-06-01"}`,                                 // not a timestamp
		`{"id":"a","created":"2026-06-01T08:30:00+07:00"}`,                  // an offset
		`{"id":"a","responses":[{"at":"2026-06-01T08:30:00Z","text":"]"}]}`, // a bracket in text
		`{"id":"a","responses":{}}`,                                         // not a list
		`{"id":"a","id":"b"}`,                                               // the last one wins
		`{"id":"a"`, `{"id":"a"}}`, `{}`, `[]`, `null`, ``, `{"id":"\x01"}`, `{"id":"a\`,
	}
	for _, s := range others {
		decodeBoth(t, []byte(s))
	}
}

// FuzzDecode holds Decode to encoding/json on any input; its seeds run
// with go test.
func FuzzDecode(f *testing.F) {
	for _, r := range recordtest.Records(20, 5, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)) {
		b, _ := r.MarshalJSON()
		f.Add(b)
	}
	f.Add([]byte(`{"id":"a","commune":"\u00e3\n\ud83d\ude00","hours":1.5e1,"responses":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) { decodeBoth(t, data) })
}
