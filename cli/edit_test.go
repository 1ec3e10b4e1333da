package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sotay/record"
	"sotay/store"
)

func addLog(t *testing.T, dir string) string {
	t.Helper()
	r := run(t, dir, "add", "log", "--date", "20/11/2026", "--commune", "Xã A", "--activity", "meeting", "--content", "Họp xã")
	if r.code != 0 {
		t.Fatalf("add: %+v", r)
	}
	return strings.TrimSpace(r.stdout)
}

func showJSON(t *testing.T, dir, id string) map[string]any {
	t.Helper()
	r := run(t, dir, "show", id, "--json")
	if r.code != 0 {
		t.Fatalf("show: %+v", r)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestEdit: one save at the next rev with the fields given; mistakes are
// refused with nothing written.
func TestEdit(t *testing.T) {
	dir := setUp(t)
	id := addLog(t, dir)
	r := run(t, dir, "--lang", "en", "edit", id, "--content", "Họp với UBND xã", "--next-steps", "Theo dõi", "--date", "hôm qua")
	if r.code != 0 || !strings.Contains(r.stdout, "revision 2") {
		t.Fatalf("edit: %+v", r)
	}
	m := showJSON(t, dir, id)
	if m["rev"].(float64) != 2 || m["content"] != "Họp với UBND xã" || m["next_steps"] != "Theo dõi" || m["date"] != "2026-11-21" || m["commune"] != "Xã A" {
		t.Errorf("after edit: %v", m)
	}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no field", []string{"edit", id}, ExitUsage, "no field"},
		{"field of another kind", []string{"edit", id, "--participants", "3"}, ExitUsage, "not a field"},
		{"bad choice", []string{"edit", id, "--activity", "họp"}, ExitUsage, "survey"},
		{"empty required", []string{"edit", id, "--content", " "}, ExitFailure, "required"},
		{"no such record", []string{"edit", "0190a8f2-0000-7000-8000-000000000000", "--content", "x"}, ExitFailure, "not found"},
		{"no id", []string{"edit", "--content", "x"}, ExitUsage, "edit"},
	}
	for _, tt := range tests {
		r := run(t, dir, append([]string{"--lang", "en"}, tt.args...)...)
		if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%s: exit %d %q, want %d %q", tt.name, r.code, r.stderr, tt.code, tt.want)
		}
	}
	if m := showJSON(t, dir, id); m["rev"].(float64) != 2 {
		t.Errorf("a refused edit wrote: rev %v", m["rev"])
	}
}

// TestEditApprovedRefused: a record HQ approved is locked, and edit says so.
func TestEditApprovedRefused(t *testing.T) {
	dir := setUp(t)
	id := addLog(t, dir)
	st, err := store.Open(filepath.Join(dir, store.FileName), store.Options{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	ev := store.InboxEvent{Seq: 1, At: fixedNow, RecordID: id, Review: &record.Review{State: record.ReviewApproved, At: fixedNow, Rev: 1}}
	if err := st.ApplyInbox([]store.InboxEvent{ev}, 1); err != nil {
		t.Fatal(err)
	}
	st.Close()
	r := run(t, dir, "--lang", "en", "edit", id, "--content", "x")
	if r.code != ExitFailure || !strings.Contains(r.stderr, "HQ approved this record") {
		t.Errorf("edit of an approved record: %+v", r)
	}
	if m := showJSON(t, dir, id); m["rev"].(float64) != 1 {
		t.Errorf("approved record changed: rev %v", m["rev"])
	}
}

// TestDelete: asks on a terminal (default no), needs --yes without one.
func TestDelete(t *testing.T) {
	dir := setUp(t)
	id := addLog(t, dir)
	tests := []struct {
		name     string
		stdin    string
		terminal bool
		args     []string
		code     int
		deleted  bool
	}{
		{"no terminal, no --yes", "", false, []string{"delete", id}, ExitUsage, false},
		{"terminal, Enter", "\n", true, []string{"delete", id}, ExitOK, false},
		{"terminal, n", "n\n", true, []string{"delete", id}, ExitOK, false},
		{"terminal, c", "c\n", true, []string{"delete", id}, ExitOK, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runWith(t, dir, runOpts{stdin: tt.stdin, terminal: tt.terminal}, tt.args...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d: %s", r.code, tt.code, r.stderr)
			}
			if got := showJSON(t, dir, id)["deleted"] == true; got != tt.deleted {
				t.Errorf("deleted = %v, want %v", got, tt.deleted)
			}
		})
	}
	id2 := addLog(t, dir)
	if r := runWith(t, dir, runOpts{}, "delete", id2, "--yes"); r.code != 0 || showJSON(t, dir, id2)["deleted"] != true {
		t.Errorf("delete --yes: %+v", r)
	}
	if r := runWith(t, dir, runOpts{}, "delete", id2, "--yes"); r.code != ExitFailure {
		t.Errorf("deleting twice: %+v", r)
	}
}

// TestWomenZeroIsZero: `--women 0` records an all-male session, shown and
// exported as 0; leaving it out (or editing it to "") is "not recorded",
// absent from the JSON and from `show`.
func TestWomenZeroIsZero(t *testing.T) {
	dir := setUp(t)
	tests := []struct {
		name      string
		args      []string
		want      any // the JSON's women: nil when absent
		showWomen string
	}{
		{"zero", []string{"--women", "0", "--hours", "0"}, 0.0, "Trong đó nữ: 0"},
		{"left out", nil, nil, ""},
		{"some", []string{"--women", "4"}, 4.0, "Trong đó nữ: 4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"add", "training", "--date", "20/11/2026", "--commune", "Xã A", "--topic", "T", "--participants", "10"}, tt.args...)
			r := run(t, dir, args...)
			if r.code != 0 {
				t.Fatalf("add: %+v", r)
			}
			id := strings.TrimSpace(r.stdout)
			m := showJSON(t, dir, id)
			if w, ok := m["women"]; w != tt.want || ok != (tt.want != nil) {
				t.Errorf("women in JSON: %v (present %v), want %v", w, ok, tt.want)
			}
			shown := run(t, dir, "show", id).stdout
			if tt.showWomen != "" && !strings.Contains(shown, tt.showWomen) || tt.showWomen == "" && strings.Contains(shown, "Trong đó nữ") {
				t.Errorf("show, want %q:\n%s", tt.showWomen, shown)
			}
			if tt.want == nil {
				return
			}
			// Emptied by an edit: unknown again.
			if r := run(t, dir, "edit", id, "--women", ""); r.code != 0 {
				t.Fatalf("edit: %+v", r)
			}
			if w, ok := showJSON(t, dir, id)["women"]; ok {
				t.Errorf("women emptied by edit still %v", w)
			}
		})
	}
}
