package hq

import (
	"testing"
	"time"
	"unicode/utf8"

	"github.com/klauspost/compress/zstd"
)

// FuzzDecodePush feeds the push decoder arbitrary bodies, raw (as a
// hostile client could send them) or zstd-compressed JSON (to reach the
// JSON and record checks). It must never panic; what it accepts must obey
// the limits and the record rules.
//
//	go test -run '^$' -fuzz FuzzDecodePush -fuzztime 20s ./hq/
func FuzzDecodePush(f *testing.F) {
	enc, err := zstd.NewWriter(nil)
	if err != nil {
		f.Fatal(err)
	}
	lim := Limits{MaxRecords: 50, MaxInflated: 1 << 20, MaxRecordBytes: 16 << 10}
	now := time.Date(2026, 6, 30, 9, 0, 0, 0, time.UTC)
	f.Add([]byte(`{"device":"d","through":3,"records":[{"id":"01900000-0000-7000-8000-000000000001","kind":"log","rev":1,"date":"2026-06-01","commune":"Xã A","activity":"meeting","content":"Họp"}]}`), true)
	f.Add([]byte(`{"device":"d","records":[]}`), true)
	f.Add([]byte{0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x58, 0x00, 0x00}, false)
	f.Fuzz(func(t *testing.T, data []byte, compress bool) {
		body := data
		if compress {
			body = enc.EncodeAll(data, nil)
		}
		req, rejected, rf := decodePush("zstd", body, lim, now)
		if rf != nil {
			if rf.status < 400 || rf.status > 499 || rf.code == "" || rf.message == "" {
				t.Fatalf("refusal %+v is not a 4xx with a code and a message", rf)
			}
			return
		}
		if len(req.Records)+len(rejected) > lim.MaxRecords {
			t.Fatalf("%d records accepted past the limit %d", len(req.Records)+len(rejected), lim.MaxRecords)
		}
		for _, r := range req.Records {
			if r.Status != "" || r.Responses != nil {
				t.Fatal("HQ-owned fields came through")
			}
			if !utf8.ValidString(r.Content) || !utf8.ValidString(r.Title) {
				t.Fatal("invalid UTF-8 accepted")
			}
			again := r
			if rj := checkRecord(&again, now); rj != nil {
				t.Fatalf("accepted record fails the rules on a second look: %+v", rj)
			}
		}
		for _, rj := range rejected {
			if rj.Code == "" || rj.Message == "" {
				t.Fatalf("rejection without code or message: %+v", rj)
			}
		}
	})
}
