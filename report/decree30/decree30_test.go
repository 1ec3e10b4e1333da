package decree30

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestPeriodPhrase(t *testing.T) {
	for _, tc := range []struct {
		p    Period
		want string
	}{
		{Week(time.Date(2026, 2, 5, 0, 0, 0, 0, time.UTC)), "tuần từ ngày 02/02/2026 đến ngày 08/02/2026"},
		{Month(2026, 2), "tháng 02 năm 2026"},
		{Month(2026, 11), "tháng 11 năm 2026"},
	} {
		if got := PeriodPhrase(tc.p); got != tc.want {
			t.Errorf("PeriodPhrase(%v) = %q, want %q", tc.p.Key(), got, tc.want)
		}
	}
}

func TestLines(t *testing.T) {
	got := Lines("Đoạn một.\n\n- Ý a\n  - Ý b  \n\x1b[31mđỏ")
	if len(got) != 4 || got[0].Kind != Para || got[0].Text != "Đoạn một." || got[1].Kind != Bullet || got[1].Text != "Ý a" ||
		got[2].Kind != Bullet || got[2].Text != "Ý b" || strings.ContainsRune(got[3].Text, '\x1b') {
		t.Errorf("Lines = %+v", got)
	}
}

// TestMarkdownSigner: a document without a signer's name leaves the line
// for a hand to write rather than printing empty bold markers.
func TestMarkdownSigner(t *testing.T) {
	for _, tc := range []struct {
		signer string
		want   string
		absent string
	}{
		{"Trần Văn Tổ", "**Trần Văn Tổ**", ""},
		{"", "**TỔ TRƯỞNG**", "****"},
	} {
		var buf bytes.Buffer
		d := &Document{Header: Header{Parent: "BỘ NỘI VỤ", Issuer: "TỔ CÔNG TÁC", Code: "TCT", Place: "Hà Nội", SignerTitle: "TỔ TRƯỞNG"},
			Date: time.Date(2026, 2, 9, 0, 0, 0, 0, time.UTC), Summary: []string{"Tóm tắt"}, Signer: tc.signer,
			Body: []Block{{Kind: Section, Text: "I. TÌNH HÌNH CHUNG"}}}
		if err := WriteMarkdown(&buf, d); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), tc.want) || tc.absent != "" && strings.Contains(buf.String(), tc.absent) {
			t.Errorf("signer %q:\n%s", tc.signer, buf.String())
		}
		if !strings.Contains(buf.String(), "Hà Nội, ngày 09 tháng 02 năm 2026") {
			t.Errorf("date line missing:\n%s", buf.String())
		}
	}
}
