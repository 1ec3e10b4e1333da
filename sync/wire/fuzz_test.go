package wire

import (
	"strings"
	"testing"
)

// FuzzParseCode: whatever an officer pastes, ParseCode either refuses it
// with ErrBadCode or returns an enrollment that survives a round trip.
//
//	go test -run '^$' -fuzz FuzzParseCode -fuzztime 100000x ./sync/wire/
func FuzzParseCode(f *testing.F) {
	f.Add(Enrollment{URL: "https://hq.example.vn:8443", Officer: "ha-noi-3f9a01", Token: strings.Repeat("x", 43),
		Fingerprint: strings.Repeat("ab", 32)}.Code())
	f.Add("sotay1.")
	f.Add("sotay1.eyJ1IjoiaHR0cHM6Ly94In0")
	f.Add(" sotay1.e30 \n")
	f.Fuzz(func(t *testing.T, code string) {
		e, err := ParseCode(code)
		if err != nil {
			if err != ErrBadCode {
				t.Fatalf("ParseCode error %v is not ErrBadCode", err)
			}
			return
		}
		again, err := ParseCode(e.Code())
		if err != nil || again != e {
			t.Fatalf("round trip of %+v: %+v, %v", e, again, err)
		}
	})
}
