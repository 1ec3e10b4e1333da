package wire

import (
	"errors"
	"strings"
	"testing"
)

func TestEnrollmentRoundTrip(t *testing.T) {
	e := Enrollment{URL: "https://hq.example.vn:8443/", Officer: "ha-noi-3f9a01", Token: strings.Repeat("x", 43),
		Fingerprint: strings.Repeat("AB", 32)}
	got, err := ParseCode(e.Code())
	if err != nil {
		t.Fatal(err)
	}
	if got.URL != "https://hq.example.vn:8443" || got.Fingerprint != strings.Repeat("ab", 32) || got.Token != e.Token {
		t.Errorf("round trip = %+v", got)
	}
	bad := []Enrollment{
		{URL: "ftp://x", Officer: "o", Token: e.Token},
		{URL: "https://", Officer: "o", Token: e.Token},
		{URL: "https://x", Officer: "a.b", Token: e.Token},
		{URL: "https://x", Officer: "o", Token: "short"},
		{URL: "https://x", Officer: "o", Token: e.Token, Fingerprint: "abcd"},
		{URL: "http://hq.example.vn", Officer: "o", Token: e.Token}, // the token would travel in clear
		{URL: "https://x", Officer: "\x1b[2J\x1b]0;pwned\x07", Token: e.Token},
		{URL: "https://x", Officer: "Ha-Noi", Token: e.Token},
		{URL: "https://x", Officer: "-x", Token: e.Token},
		{URL: "https://x", Officer: strings.Repeat("a", 65), Token: e.Token},
		{URL: "https://x", Officer: "ha-noi\u202e", Token: e.Token},
		{URL: "https://x\u202e.vn", Officer: "o", Token: e.Token},
		{URL: "https://user:pw@x", Officer: "o", Token: e.Token},
		{URL: "https://x", Officer: "o", Token: strings.Repeat("x", 20) + "\r\nX: y"},
	}
	for _, b := range bad {
		if _, err := ParseCode(b.Code()); !errors.Is(err, ErrBadCode) {
			t.Errorf("ParseCode(%+v) = %v", b, err)
		}
	}
}
