package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"sotay/hq"
)

// TestHQUser: `hq user add` prints a one-time setup link on stdout; list
// and disable work on the database when no server runs.
func TestHQUser(t *testing.T) {
	dir := t.TempDir()
	db, err := hq.OpenDB(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetServed("https://hq.example.vn:8443", ""); err != nil {
		t.Fatal(err)
	}
	db.Close()
	r := run(t, dir, "hq", "user", "add", "--data-dir", dir, "--name", "Phạm Thu Trang", "--email", "Trang@MOHA.gov.vn",
		"--role", "liaison", "--province", "hue", "--province", "da-nang")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "https://hq.example.vn:8443"+hq.SetupPath) {
		t.Fatalf("add: %+v", r)
	}
	for _, bad := range [][]string{
		{"--name", "X", "--email", "not-an-email", "--role", "member"},
		{"--name", "X", "--email", "x@moha.gov.vn", "--role", "boss"},
		{"--name", "X", "--email", "x@moha.gov.vn", "--role", "liaison"},
		{"--name", "X", "--email", "trang@moha.gov.vn", "--role", "member"},
	} {
		args := append([]string{"hq", "user", "add", "--data-dir", dir}, bad...)
		if r := run(t, dir, args...); r.code == 0 {
			t.Errorf("%v accepted", bad)
		}
	}
	r = run(t, dir, "hq", "user", "list", "--data-dir", dir, "--json")
	var users []hq.User
	if err := json.Unmarshal([]byte(r.stdout), &users); err != nil || len(users) != 1 {
		t.Fatalf("list: %v %+v", err, r)
	}
	u := users[0]
	if u.Email != "trang@moha.gov.vn" || u.Role != hq.RoleLiaison || len(u.Provinces) != 2 || u.PassHash != "" || u.SetupUntil.IsZero() {
		t.Errorf("listed %+v", u)
	}
	if r := run(t, dir, "hq", "user", "disable", "--data-dir", dir, "trang@moha.gov.vn"); r.code != 0 {
		t.Fatalf("disable: %+v", r)
	}
	r = run(t, dir, "hq", "user", "list", "--data-dir", dir)
	if !strings.Contains(r.stdout, "đã khóa") {
		t.Errorf("list after disable:\n%s", r.stdout)
	}
}

// TestHQUserNeverServed: before the server's first start HQ does not know
// its address, so no setup link can be made. The words say to start the
// server (user commands have no --url), and no user is written.
func TestHQUserNeverServed(t *testing.T) {
	dir := t.TempDir()
	db, err := hq.OpenDB(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, lang := range []string{"vi", "en"} {
		r := run(t, dir, "--lang", lang, "hq", "user", "add", "--data-dir", dir, "--name", "Phạm Thu Trang",
			"--email", "trang@moha.gov.vn", "--role", "member")
		if r.code != ExitFailure || !strings.Contains(r.stderr, "sotay hq serve") || strings.Contains(r.stderr, "--url") {
			t.Errorf("%s: add on a never-served HQ: %+v", lang, r)
		}
	}
	r := run(t, dir, "hq", "user", "list", "--data-dir", dir, "--json")
	var users []hq.User
	if err := json.Unmarshal([]byte(r.stdout), &users); err != nil || len(users) != 0 {
		t.Fatalf("list after a refused add: %v %+v", err, r)
	}
}
