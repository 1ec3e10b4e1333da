package report

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sotay/record"
	"sotay/store"
)

// The report names the files attached to each difficulty and training.
func TestReportListsFiles(t *testing.T) {
	st := fixtureNotebook(t)
	attach := func(kind record.Kind, name string, content []byte) {
		t.Helper()
		page, err := st.List(context.Background(), store.Query{Kind: kind, From: "2026-02-02", To: "2026-02-08", Limit: 1})
		if err != nil || len(page.Records) == 0 {
			t.Fatalf("no %s in the week: %v", kind, err)
		}
		p := filepath.Join(t.TempDir(), name)
		os.WriteFile(p, content, 0o600)
		if _, err := st.Attach(page.Records[0].ID, []string{p}, store.AttachOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	attach(record.KindTraining, "Danh sách học viên.pdf", []byte("%PDF-1.7 danh sách"))
	attach(record.KindDifficulty, "Biên bản làm việc.pdf", []byte("%PDF-1.7 biên bản"))
	r, err := Build(context.Background(), st, Week(clock), clock)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf, r); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, want := range []string{"Tài liệu kèm theo buổi tập huấn ngày", "Danh sách học viên.pdf", "Tài liệu kèm theo: Biên bản làm việc.pdf"} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}
