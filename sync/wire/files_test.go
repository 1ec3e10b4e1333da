package wire

import (
	"strings"
	"testing"
)

func TestFileMetaRoundTrip(t *testing.T) {
	m := FileMeta{SHA256: strings.Repeat("ab", 32), Name: "Biên bản, họp.pdf", Type: "application/pdf", Record: "019f17c1-ba80-7000-8000-000000000001"}
	got, err := ParseFileMeta(m.Encode())
	if err != nil || got != m {
		t.Fatalf("round trip: %+v, %v", got, err)
	}
	for _, bad := range []string{"", "sha256 !!!", "name Zm9v", strings.Repeat("a", 3000)} {
		if _, err := ParseFileMeta(bad); err == nil {
			t.Errorf("ParseFileMeta(%.20q) took it", bad)
		}
	}
}

// FuzzParseFileMeta: whatever the header, no panic, and what parses
// encodes back to the same meaning.
func FuzzParseFileMeta(f *testing.F) {
	f.Add(FileMeta{SHA256: "x", Name: "a.pdf", Type: "t", Record: "r"}.Encode())
	f.Add("sha256 ,name ,type ,record ")
	f.Fuzz(func(t *testing.T, h string) {
		m, err := ParseFileMeta(h)
		if err != nil {
			return
		}
		if back, err := ParseFileMeta(m.Encode()); err != nil || back != m {
			t.Errorf("%q: %+v does not round trip: %+v, %v", h, m, back, err)
		}
	})
}
