package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runOpening is run with an opener that writes down what it opened.
func runOpening(t *testing.T, dir string, opened *[]string, fail error, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	env := Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut,
		Getenv: func(k string) string {
			if k == "SOTAY_DATA_DIR" {
				return dir
			}
			return ""
		},
		Now: func() time.Time { return fixedNow },
		Open: func(_ context.Context, p string) error {
			*opened = append(*opened, p)
			return fail
		},
	}
	code := Run(context.Background(), args, env)
	return result{code, out.String(), errOut.String()}
}

func TestAttachDetachOpen(t *testing.T) {
	dir := setUp(t)
	add := run(t, dir, "add", "log", "--date", "20/11/2026", "--commune", "Phường Ba Đình", "--activity", "meeting", "--content", "Họp")
	id := strings.TrimSpace(add.stdout)
	files := t.TempDir()
	minutes := filepath.Join(files, "Biên bản.pdf")
	os.WriteFile(minutes, []byte("%PDF-1.7\nbiên bản"), 0o600)
	page := filepath.Join(files, "trang.html")
	os.WriteFile(page, []byte("<html><script>alert(1)</script>"), 0o600)

	for _, tc := range []struct {
		name string
		args []string
		code int
		want string // in stdout (code 0) or stderr
	}{
		{"attach", []string{"attach", id, minutes}, 0, "Biên bản.pdf"},
		{"same name again", []string{"attach", id, minutes}, 1, "Biên bản.pdf"},
		{"html refused", []string{"attach", id, page}, 1, "PDF, JPEG, PNG, DOCX"},
		{"no file", []string{"attach", id}, 2, "attach ID"},
		{"missing file", []string{"attach", id, filepath.Join(files, "none.pdf")}, 1, "none.pdf"},
		{"detach unknown", []string{"detach", id, "khác.pdf"}, 1, "khác.pdf"},
	} {
		r := run(t, dir, tc.args...)
		got := r.stdout
		if tc.code != 0 {
			got = r.stderr
		}
		if r.code != tc.code || !strings.Contains(got, tc.want) {
			t.Errorf("%s: code %d, stdout %q, stderr %q", tc.name, r.code, r.stdout, r.stderr)
		}
	}
	var shown map[string]any
	json.Unmarshal([]byte(run(t, dir, "show", id, "--json").stdout), &shown)
	if files, _ := shown["attachments"].([]any); len(files) != 1 {
		t.Fatalf("show --json lists %v", shown["attachments"])
	}

	if r := run(t, dir, "show", id); !strings.Contains(r.stdout, "Tệp đính kèm: Biên bản.pdf (") {
		t.Errorf("show lacks the file: %s", r.stdout)
	}
	var opened []string
	if r := runOpening(t, dir, &opened, nil, "open", id, "biên bản.pdf"); r.code != 0 || len(opened) != 1 {
		t.Fatalf("open: %+v, opened %v", r, opened)
	}
	if b, err := os.ReadFile(opened[0]); err != nil || !bytes.HasPrefix(b, []byte("%PDF-1.7")) {
		t.Errorf("opened %s: %q, %v", opened[0], b, err)
	}
	if r := runOpening(t, dir, &opened, errors.New("no viewer"), "open", id, "Biên bản.pdf"); r.code != 1 || !strings.Contains(r.stderr, "no viewer") {
		t.Errorf("open failing: %+v", r)
	}
	if r := run(t, dir, "detach", id, "Biên bản.pdf"); r.code != 0 {
		t.Fatalf("detach: %+v", r)
	}
	if r := runOpening(t, dir, &opened, nil, "open", id, "Biên bản.pdf"); r.code != 1 {
		t.Errorf("opened a detached file: %+v", r)
	}
}
