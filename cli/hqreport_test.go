package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHQReport runs `sotay hq report` on a real HQ database: the month's
// report as Markdown and .docx, the group's edited section kept for the
// period, and the usage errors.
func TestHQReport(t *testing.T) {
	dir, _ := hqWithRecords(t)
	docx := filepath.Join(t.TempDir(), "bc.docx")
	for _, tc := range []struct {
		name string
		args []string
		code int
		want []string // in stdout
	}{
		{"month md", []string{"--month", "2026-11"}, 0, []string{"# BÁO CÁO", "(Tháng 11 năm 2026)", "| Hà Nội |", "| Điện Biên |",
			"| Tiền lương, phụ cấp | 0 | 0 | 20 | 0 | 20 | 19 |", "TỔ CÔNG TÁC THƯỜNG TRỰC"}},
		{"edit kept", []string{"--month", "2026-11", "--assessment", "Các tỉnh triển khai tốt."}, 0, []string{"Các tỉnh triển khai tốt."}},
		{"edit still there", []string{"--month", "2026-11"}, 0, []string{"Các tỉnh triển khai tốt.", "## VI. NHIỆM VỤ THỜI GIAN TỚI\n\n- Theo dõi"}},
		{"reset", []string{"--month", "2026-11", "--reset-text"}, 0, []string{"## IV. ĐÁNH GIÁ\n\nCác công chức biệt phái duy trì"}},
		{"docx", []string{"--month", "2026-11", "-o", docx}, 0, nil},
		{"two periods", []string{"--week", "--month"}, 2, nil},
		{"bad format", []string{"--month", "2026-11", "--format", "pdf"}, 2, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, "", append([]string{"hq", "--data-dir", dir, "report"}, tc.args...)...)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d: %+v", r.code, tc.code, r)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("report lacks %q:\n%s", w, r.stdout)
				}
			}
		})
	}
	if r := run(t, "", "hq", "--data-dir", filepath.Join(t.TempDir(), "typo"), "report"); r.code != 1 || !strings.Contains(r.stderr, "hq.db") {
		t.Errorf("a data directory without HQ's database: %+v", r)
	}
	b, err := os.ReadFile(docx)
	if err != nil || !bytes.HasPrefix(b, []byte("PK")) {
		t.Errorf("-o %s: not a .docx (%d bytes, %v)", docx, len(b), err)
	}
}

// TestHQReportWhileServing builds the report through the running server's
// admin socket.
func TestHQReportWhileServing(t *testing.T) {
	dir, _ := hqWithRecords(t)
	serveHQ(t, dir)
	r := run(t, "", "hq", "--data-dir", dir, "report", "--month", "2026-11", "--proposals", "- Kiến nghị qua máy chủ.")
	if r.code != 0 || !strings.Contains(r.stdout, "- Kiến nghị qua máy chủ.") || !strings.Contains(r.stdout, "| Điện Biên |") {
		t.Fatalf("hq report while serving: %+v", r)
	}
}
