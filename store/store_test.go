package store

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"sotay/record"
	"sotay/record/recordtest"
)

// clock is a settable test clock.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// openTest opens a new notebook in a temp dir with a clock at genNow. It
// skips fsync: these tests are about contents, not durability.
func openTest(t *testing.T) (*Store, *clock) {
	t.Helper()
	c := &clock{t: genNow}
	s, err := Open(filepath.Join(t.TempDir(), FileName), Options{Now: c.now, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, c
}

func mustCreate(t *testing.T, s *Store, r record.Record) record.Record {
	t.Helper()
	got, err := s.Create(r)
	if err != nil {
		t.Fatalf("create %s: %v", r.Kind, err)
	}
	return got
}

// hqAnswers sets a difficulty's HQ-owned fields the way sync does: in the
// record and the status counters, without an outbox entry.
func hqAnswers(t *testing.T, s *Store, id, status, text string) {
	t.Helper()
	bid, _ := record.ParseID(id)
	err := s.db.Update(func(tx *bolt.Tx) error {
		old, err := s.getRecord(tx, bid)
		if err != nil {
			return err
		}
		r := *old
		r.Status = status
		r.Responses = append(r.Responses, record.Response{At: genNow, Author: "Tổ công tác", Text: text})
		if err := s.writeRecord(tx, &r, bid); err != nil {
			return err
		}
		if err := count(tx, old, -1); err != nil {
			return err
		}
		return count(tx, &r, +1)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// outboxEntry is one entry of the outbox bucket: a record changed to rev
// at sequence seq.
type outboxEntry struct {
	Seq uint64
	ID  string
	Rev int64
}

// outboxAll reads the whole outbox, in sequence order.
func outboxAll(t *testing.T, s *Store) []outboxEntry {
	t.Helper()
	var out []outboxEntry
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketOutbox).ForEach(func(k, v []byte) error {
			out = append(out, outboxEntry{Seq: binary.BigEndian.Uint64(k), ID: record.FormatID([16]byte(v[:16])),
				Rev: int64(binary.BigEndian.Uint64(v[16:]))})
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func pending(t *testing.T, s *Store) int {
	t.Helper()
	n, err := s.Pending()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func listAll(t *testing.T, s *Store, q Query) []record.Record {
	t.Helper()
	var out []record.Record
	if err := s.Scan(context.Background(), q, func(r record.Record) error { out = append(out, r); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func ids(recs []record.Record) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r.ID
	}
	return out
}

func TestCreateGet(t *testing.T) {
	for _, k := range record.Kinds() {
		t.Run(string(k), func(t *testing.T) {
			s, _ := openTest(t)
			in := recordtest.Sample(k, "2026-06-29")
			in.ID, in.Rev, in.Status = "not-an-id", 7, "resolved" // made by Create, not taken
			r := mustCreate(t, s, in)
			if _, err := record.ParseID(r.ID); err != nil || r.ID[14] != '7' {
				t.Errorf("id %q is not a UUIDv7", r.ID)
			}
			if r.Rev != 1 || r.Deleted || !r.Created.Equal(genNow) || !r.Updated.Equal(genNow) {
				t.Errorf("envelope = rev %d deleted %v created %v updated %v", r.Rev, r.Deleted, r.Created, r.Updated)
			}
			wantStatus := ""
			if k == record.KindDifficulty {
				wantStatus = "new"
			}
			if r.Status != wantStatus {
				t.Errorf("status = %q, want %q", r.Status, wantStatus)
			}
			got, err := s.Get(r.ID)
			if err != nil {
				t.Fatal(err)
			}
			// As JSON: women and hours are pointers, equal by what they hold.
			gj, _ := json.Marshal(got)
			wj, _ := json.Marshal(r)
			if string(gj) != string(wj) {
				t.Errorf("Get = %s\nwant  %s", gj, wj)
			}
			if ob := outboxAll(t, s); len(ob) != 1 || ob[0].ID != r.ID || ob[0].Rev != 1 {
				t.Errorf("outbox = %+v", ob)
			}
		})
	}
}

func TestUpdate(t *testing.T) {
	for _, k := range record.Kinds() {
		t.Run(string(k), func(t *testing.T) {
			s, c := openTest(t)
			r := mustCreate(t, s, recordtest.Sample(k, "2026-06-20"))
			if k == record.KindDifficulty {
				hqAnswers(t, s, r.ID, "answered", "Đã có hướng dẫn tại Công văn 123")
			}
			c.t = c.t.Add(time.Hour)
			edit := r
			edit.Commune = "Xã Mới"
			edit.Date = "28/06/2026"
			edit.Status, edit.Responses = "resolved", nil // HQ's: ignored
			edit.Rev, edit.Created, edit.Deleted = 99, time.Time{}, true
			got, err := s.Update(edit)
			if err != nil {
				t.Fatal(err)
			}
			stored, _ := s.Get(r.ID)
			for _, g := range []record.Record{got, stored} {
				if g.Rev != 2 || g.Deleted || !g.Created.Equal(r.Created) || !g.Updated.Equal(c.t) {
					t.Errorf("envelope = rev %d deleted %v created %v updated %v", g.Rev, g.Deleted, g.Created, g.Updated)
				}
				if g.Commune != "Xã Mới" || g.Date != "2026-06-28" {
					t.Errorf("body = %q %q", g.Commune, g.Date)
				}
				if k == record.KindDifficulty && (g.Status != "answered" || len(g.Responses) != 1) {
					t.Errorf("HQ fields lost: status %q, %d responses", g.Status, len(g.Responses))
				}
			}
			ob := outboxAll(t, s)
			if len(ob) != 2 || ob[1].Rev != 2 || pending(t, s) != 1 {
				t.Errorf("outbox = %+v, pending %d", ob, pending(t, s))
			}
			// The search index follows the edit.
			if n := len(listAll(t, s, Query{Search: "xa moi"})); n != 1 {
				t.Errorf("search for the new commune: %d records", n)
			}
			if n := len(listAll(t, s, Query{Search: r.Commune})); n != 0 {
				t.Errorf("search for the old commune: %d records", n)
			}
		})
	}
}

func TestDelete(t *testing.T) {
	s, _ := openTest(t)
	keep := mustCreate(t, s, recordtest.Sample(record.KindLog, "2026-06-01"))
	r := mustCreate(t, s, recordtest.Sample(record.KindDifficulty, "2026-06-02"))
	tomb, err := s.Delete(r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !tomb.Deleted || tomb.Rev != 2 {
		t.Errorf("tombstone rev %d deleted %v", tomb.Rev, tomb.Deleted)
	}
	got, err := s.Get(r.ID)
	if err != nil || !got.Deleted || got.Title != r.Title {
		t.Errorf("Get tombstone = %+v, %v", got, err)
	}
	for _, q := range []Query{{}, {Kind: record.KindDifficulty}, {Search: "thieu cong chuc"}, {Status: "new"}} {
		if got := ids(listAll(t, s, q)); slices.Contains(got, r.ID) {
			t.Errorf("%+v lists the deleted record", q)
		}
	}
	if got := ids(listAll(t, s, Query{})); !slices.Equal(got, []string{keep.ID}) {
		t.Errorf("list = %v", got)
	}
	c, _ := s.Counts()
	if c.Kinds[record.KindDifficulty] != 0 || c.Statuses["new"] != 0 || c.Kinds[record.KindLog] != 1 {
		t.Errorf("counts = %+v", c)
	}
	ob := outboxAll(t, s)
	if last := ob[len(ob)-1]; last.ID != r.ID || last.Rev != 2 {
		t.Errorf("last outbox entry = %+v", last)
	}
	if _, err := s.Update(r); !errors.Is(err, ErrDeleted) {
		t.Errorf("Update of a tombstone: %v", err)
	}
	if _, err := s.Delete(r.ID); !errors.Is(err, ErrDeleted) {
		t.Errorf("second Delete: %v", err)
	}
}

func TestGetErrors(t *testing.T) {
	s, _ := openTest(t)
	tests := []struct {
		id   string
		want error
	}{
		{"", record.ErrBadID},
		{"hello", record.ErrBadID},
		{"0190b5a8-1c2d-7e3f-8a4b-5c6d7e8f9a0g", record.ErrBadID},
		{"0190b5a8-1c2d-7e3f-8a4b-5c6d7e8f9a0b", ErrNotFound},
	}
	for _, tt := range tests {
		if _, err := s.Get(tt.id); !errors.Is(err, tt.want) {
			t.Errorf("Get(%q) = %v, want %v", tt.id, err, tt.want)
		}
		if _, err := s.Delete(tt.id); !errors.Is(err, tt.want) {
			t.Errorf("Delete(%q) = %v, want %v", tt.id, err, tt.want)
		}
		if _, err := s.Update(record.Record{ID: tt.id, Kind: record.KindLog}); !errors.Is(err, tt.want) {
			t.Errorf("Update(%q) = %v, want %v", tt.id, err, tt.want)
		}
	}
}

// fill creates n records of every kind spread over dates, some on the same
// date, and returns them all.
func fill(t *testing.T, s *Store, n int) []record.Record {
	t.Helper()
	var out []record.Record
	for i := 0; i < n; i++ {
		for _, k := range record.Kinds() {
			out = append(out, mustCreate(t, s, recordtest.Sample(k, genNow.AddDate(0, 0, -(i*7)%40).Format("2006-01-02"))))
		}
	}
	return out
}

// newestFirst orders records the way lists do: by date, newest first, then
// newest made first.
func newestFirst(recs []record.Record) []record.Record {
	out := slices.Clone(recs)
	slices.SortFunc(out, func(a, b record.Record) int {
		if a.Date != b.Date {
			return -cmpString(a.Date, b.Date)
		}
		return -cmpString(a.ID, b.ID)
	})
	return out
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestPagination(t *testing.T) {
	s, _ := openTest(t)
	all := fill(t, s, 45) // 135 records
	ctx := context.Background()
	tests := []struct {
		q    Query
		want func(record.Record) bool
	}{
		{Query{Limit: 20}, func(record.Record) bool { return true }},
		{Query{Limit: 7, Kind: record.KindTraining}, func(r record.Record) bool { return r.Kind == record.KindTraining }},
		{Query{Limit: 1, Kind: record.KindDifficulty}, func(r record.Record) bool { return r.Kind == record.KindDifficulty }},
		{Query{Limit: 50}, func(record.Record) bool { return true }},
		{Query{Limit: 135}, func(record.Record) bool { return true }},
		{Query{Limit: 11, Search: "xa tan"}, func(r record.Record) bool { return r.Kind == record.KindLog }},
		{Query{Limit: 9, From: "2026-06-01", To: "2026-06-20"}, func(r record.Record) bool { return r.Date >= "2026-06-01" && r.Date <= "2026-06-20" }},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%+v", tt.q), func(t *testing.T) {
			var want []record.Record
			for _, r := range newestFirst(all) {
				if tt.want(r) {
					want = append(want, r)
				}
			}
			var got []string
			q := tt.q
			for pages := 0; ; pages++ {
				if pages > len(all)+1 {
					t.Fatal("pages never end")
				}
				p, err := s.List(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				if len(p.Records) > q.Limit || (p.Next != "" && len(p.Records) != q.Limit) {
					t.Fatalf("page of %d records (limit %d), next %q", len(p.Records), q.Limit, p.Next)
				}
				got = append(got, ids(p.Records)...)
				if p.Next == "" {
					break
				}
				q.After = p.Next
			}
			if !slices.Equal(got, ids(want)) {
				t.Errorf("pages give %d records, want %d in order\ngot  %v\nwant %v", len(got), len(want), got, ids(want))
			}
			n, more, err := s.Count(ctx, Query{Kind: tt.q.Kind, Search: tt.q.Search, From: tt.q.From, To: tt.q.To}, 0)
			if err != nil || n != len(want) || more {
				t.Errorf("Count = %d %v %v, want %d", n, more, err, len(want))
			}
		})
	}
	if n, more, _ := s.Count(ctx, Query{}, 10); n != 10 || !more {
		t.Errorf("Count capped at 10 = %d, more %v", n, more)
	}
	if _, err := s.List(ctx, Query{After: "zz"}); err == nil {
		t.Error("a bad cursor is accepted")
	}
}

// A record deleted between two pages does not break the cursor.
func TestPaginationAfterDelete(t *testing.T) {
	s, _ := openTest(t)
	all := newestFirst(fill(t, s, 10))
	p, err := s.List(context.Background(), Query{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Delete(p.Records[9].ID); err != nil { // the cursor's own record
		t.Fatal(err)
	}
	p2, err := s.List(context.Background(), Query{Limit: 10, After: p.Next})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids(p2.Records), ids(all[10:20])) {
		t.Errorf("page after a deleted cursor = %v, want %v", ids(p2.Records), ids(all[10:20]))
	}
}

func TestDateRange(t *testing.T) {
	s, _ := openTest(t)
	byDate := map[string]string{}
	for d := 1; d <= 10; d++ {
		date := fmt.Sprintf("2026-06-%02d", d)
		byDate[date] = mustCreate(t, s, recordtest.Sample(record.KindLog, date)).ID
		mustCreate(t, s, recordtest.Sample(record.KindTraining, date))
	}
	tests := []struct {
		from, to string
		want     []int // days, newest first
	}{
		{"2026-06-03", "2026-06-07", []int{7, 6, 5, 4, 3}},
		{"2026-06-05", "2026-06-05", []int{5}},
		{"", "2026-06-02", []int{2, 1}},
		{"2026-06-09", "", []int{10, 9}},
		{"2026-06-11", "", nil},
		{"2026-06-07", "2026-06-03", nil},
		{"", "", []int{10, 9, 8, 7, 6, 5, 4, 3, 2, 1}},
	}
	for _, tt := range tests {
		var want []string
		for _, d := range tt.want {
			want = append(want, byDate[fmt.Sprintf("2026-06-%02d", d)])
		}
		got := ids(listAll(t, s, Query{Kind: record.KindLog, From: tt.from, To: tt.to}))
		if !slices.Equal(got, want) {
			t.Errorf("%s..%s = %v, want %v", tt.from, tt.to, got, want)
		}
	}
}

func TestFilters(t *testing.T) {
	s, _ := openTest(t)
	mk := func(cat, sev string) string {
		r := recordtest.Sample(record.KindDifficulty, "2026-06-10")
		r.Category, r.Severity = cat, sev
		return mustCreate(t, s, r).ID
	}
	a := mk("staffing", "high")
	b := mk("salary", "high")
	c := mk("salary", "low")
	mustCreate(t, s, recordtest.Sample(record.KindLog, "2026-06-10"))
	hqAnswers(t, s, c, "resolved", "Đã giải quyết")
	tests := []struct {
		q    Query
		want []string
	}{
		{Query{Category: "salary"}, []string{c, b}},
		{Query{Severity: "high"}, []string{b, a}},
		{Query{Category: "salary", Severity: "high"}, []string{b}},
		{Query{Status: "new"}, []string{b, a}},
		{Query{Status: "resolved"}, []string{c}},
		{Query{Status: "answered"}, nil},
		{Query{Category: "land"}, nil},
		{Query{Kind: record.KindDifficulty, Category: "salary", Search: "dia chinh"}, []string{c, b}},
	}
	for _, tt := range tests {
		if got := ids(listAll(t, s, tt.q)); !slices.Equal(got, tt.want) {
			t.Errorf("%+v = %v, want %v", tt.q, got, tt.want)
		}
	}
}

func TestCounts(t *testing.T) {
	s, _ := openTest(t)
	var diffs []string
	for i := 0; i < 4; i++ {
		mustCreate(t, s, recordtest.Sample(record.KindLog, "2026-06-01"))
		diffs = append(diffs, mustCreate(t, s, recordtest.Sample(record.KindDifficulty, "2026-06-01")).ID)
	}
	tr := mustCreate(t, s, recordtest.Sample(record.KindTraining, "2026-06-01"))
	hqAnswers(t, s, diffs[0], "answered", "a")
	hqAnswers(t, s, diffs[1], "answered", "b")
	hqAnswers(t, s, diffs[2], "in_progress", "c")
	if _, err := s.Delete(diffs[1]); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Delete(tr.ID); err != nil {
		t.Fatal(err)
	}
	// A local edit keeps the difficulty's status and its count.
	d0, _ := s.Get(diffs[0])
	d0.Title = "Đã sửa"
	if _, err := s.Update(d0); err != nil {
		t.Fatal(err)
	}
	got, err := s.Counts()
	if err != nil {
		t.Fatal(err)
	}
	want := Counts{
		Kinds:    map[record.Kind]int{record.KindLog: 4, record.KindDifficulty: 3, record.KindTraining: 0},
		Statuses: map[string]int{"answered": 1, "in_progress": 1, "new": 1},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Counts = %v, want %v", got, want)
	}
}

func TestOutboxAckPending(t *testing.T) {
	s, _ := openTest(t)
	a := mustCreate(t, s, recordtest.Sample(record.KindLog, "2026-06-01"))      // seq 1
	b := mustCreate(t, s, recordtest.Sample(record.KindTraining, "2026-06-01")) // seq 2
	if _, err := s.Update(a); err != nil {                                      // seq 3
		t.Fatal(err)
	}
	c := mustCreate(t, s, recordtest.Sample(record.KindDifficulty, "2026-06-01")) // seq 4
	if _, err := s.Delete(c.ID); err != nil {                                     // seq 5
		t.Fatal(err)
	}
	type ent struct {
		seq uint64
		id  string
		rev int64
	}
	all := []ent{{1, a.ID, 1}, {2, b.ID, 1}, {3, a.ID, 2}, {4, c.ID, 1}, {5, c.ID, 2}}
	check := func(step string, from int, wantPending int) {
		t.Helper()
		var got []ent
		for _, e := range outboxAll(t, s) {
			got = append(got, ent{e.Seq, e.ID, e.Rev})
		}
		if !slices.Equal(got, all[from:]) {
			t.Errorf("%s: outbox = %v, want %v", step, got, all[from:])
		}
		if n := pending(t, s); n != wantPending {
			t.Errorf("%s: pending = %d, want %d", step, n, wantPending)
		}
	}
	check("start", 0, 3)
	// After seq 1, two records go: b at 2 and a's rev 2 at 3; c's rev 1 at 4
	// is covered, not sent, as its rev 2 at 5 supersedes it.
	if b, _ := s.NextPush(1, 2, 1<<20); len(b.Records) != 2 || b.Through != 4 {
		t.Errorf("NextPush(1, 2) = %d records through %d", len(b.Records), b.Through)
	}
	if err := s.AckPush(0, nil); err != nil {
		t.Fatal(err)
	}
	check("ack 0", 0, 3)
	if err := s.AckPush(1, nil); err != nil { // a's rev 1; its rev 2 is still queued
		t.Fatal(err)
	}
	check("ack 1", 1, 3)
	if err := s.AckPush(3, nil); err != nil {
		t.Fatal(err)
	}
	check("ack 3", 3, 1)
	if err := s.AckPush(3, nil); err != nil { // again: nothing changes
		t.Fatal(err)
	}
	check("ack 3 again", 3, 1)
	if err := s.AckPush(100, nil); err != nil {
		t.Fatal(err)
	}
	check("ack all", 5, 0)
	// A change after everything was acknowledged is pending again, with a
	// sequence after the last one.
	if _, err := s.Update(b); err != nil {
		t.Fatal(err)
	}
	if ob := outboxAll(t, s); len(ob) != 1 || ob[0].Seq != 6 || ob[0].Rev != 2 || pending(t, s) != 1 {
		t.Errorf("after a new edit: outbox %+v pending %d", ob, pending(t, s))
	}
}

func TestSettingsDrafts(t *testing.T) {
	s, _ := openTest(t)
	if v, err := s.Setting("lang"); err != nil || v != "" {
		t.Errorf("unset setting = %q, %v", v, err)
	}
	for _, step := range []struct{ set, want string }{{"en", "en"}, {"vi", "vi"}, {"", ""}} {
		if err := s.SetSetting("lang", step.set); err != nil {
			t.Fatal(err)
		}
		if v, _ := s.Setting("lang"); v != step.want {
			t.Errorf("after SetSetting(%q): %q", step.set, v)
		}
	}
	if d, err := s.Draft("log"); err != nil || d != nil {
		t.Errorf("no draft = %q, %v", d, err)
	}
	s.SetDraft("log", []byte("nội dung đang gõ"))
	s.SetDraft("training", []byte("x"))
	if d, _ := s.Draft("log"); string(d) != "nội dung đang gõ" {
		t.Errorf("draft = %q", d)
	}
	if keys, _ := s.DraftKeys(); !slices.Equal(keys, []string{"log", "training"}) {
		t.Errorf("DraftKeys = %v", keys)
	}
	s.SetDraft("log", nil)
	if keys, _ := s.DraftKeys(); !slices.Equal(keys, []string{"training"}) {
		t.Errorf("DraftKeys after removing = %v", keys)
	}
	if n := pending(t, s); n != 0 {
		t.Errorf("settings and drafts made %d records pending", n)
	}
}

func TestProfile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	s, err := Open(path, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Profile(); !errors.Is(err, ErrNoProfile) {
		t.Errorf("new notebook Profile: %v", err)
	}
	if err := s.SetProfile(Profile{Name: "  Nguyễn Văn An ", Province: "ha-noi", DeviceID: ""}); err != nil {
		t.Fatal(err)
	}
	p1, err := s.Profile()
	if err != nil || p1.Name != "Nguyễn Văn An" || p1.Province != "ha-noi" {
		t.Fatalf("Profile = %+v, %v", p1, err)
	}
	if _, err := record.ParseID(p1.DeviceID); err != nil {
		t.Errorf("device id %q: %v", p1.DeviceID, err)
	}
	// A later change keeps the device id, even when asked for another.
	if err := s.SetProfile(Profile{Name: "Nguyễn Văn An", Province: "da-nang", Position: "Chuyên viên", DeviceID: "other"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(path, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p2, _ := s.Profile()
	if p2.DeviceID != p1.DeviceID || p2.Province != "da-nang" || p2.Position != "Chuyên viên" {
		t.Errorf("after a change and reopen: %+v (device id was %q)", p2, p1.DeviceID)
	}
}

func schemaOf(t *testing.T, path string) uint64 {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v uint64
	db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketMeta); b != nil {
			v = getUint(b, "schema")
		}
		return nil
	})
	return v
}

func TestSchemaMigrations(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "dir", FileName) // Open makes the directories

	// Version 0: a bbolt file with nothing in it.
	db, err := bolt.Open(filepath.Join(dir, "empty.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, p := range []string{path, filepath.Join(dir, "empty.db")} {
		s, err := Open(p, Options{NoSync: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Create(recordtest.Sample(record.KindLog, "2026-06-01")); err != nil {
			t.Errorf("%s: create after migrating: %v", p, err)
		}
		s.Close()
		if v := schemaOf(t, p); v != SchemaVersion {
			t.Errorf("%s: schema %d, want %d", p, v, SchemaVersion)
		}
		// Opening again changes nothing and keeps the record.
		s, err = Open(p, Options{NoSync: true})
		if err != nil {
			t.Fatal(err)
		}
		if c, _ := s.Counts(); c.Kinds[record.KindLog] != 1 {
			t.Errorf("%s: reopened counts %v", p, c)
		}
		s.Close()
	}

	// A schema 1 file (no fresh bucket, every posting in terms, forward
	// lists in their own bucket) with a record in it is brought up to date
	// and keeps working.
	v1 := filepath.Join(dir, "v1.db")
	old := recordtest.Sample(record.KindLog, "2026-06-01")
	old.ID, old.Rev = record.FormatID(new(record.IDGen).Next(genNow)), 1
	old.Created, old.Updated = genNow, genNow
	if err := old.Normalize(genNow); err != nil {
		t.Fatal(err)
	}
	writeSchema1(t, v1, old)
	s, err := Open(v1, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	fresh := mustCreate(t, s, recordtest.Sample(record.KindLog, "2026-06-02"))
	if got := ids(listAll(t, s, Query{Search: "tan lap"})); !slices.Equal(got, []string{fresh.ID, old.ID}) {
		t.Errorf("after migrating from schema 1: search = %v", got)
	}
	if _, err := s.Delete(old.ID); err != nil {
		t.Fatal(err)
	}
	if got := ids(listAll(t, s, Query{Search: "tan lap"})); !slices.Equal(got, []string{fresh.ID}) {
		t.Errorf("after deleting the migrated record: search = %v", got)
	}
	s.db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketForward) != nil {
			t.Error("the forward bucket is still there")
		}
		return nil
	})
	s.Close()
	if v := schemaOf(t, v1); v != SchemaVersion {
		t.Errorf("schema 1 file now at %d", v)
	}

	// A file from a newer sotay is refused, and left as it was.
	db, err = bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error { return putUint(tx.Bucket(bucketMeta), "schema", SchemaVersion+1) })
	db.Close()
	if _, err := Open(path, Options{NoSync: true}); !errors.Is(err, ErrTooNew) {
		t.Errorf("Open of a newer file: %v, want ErrTooNew", err)
	}
	if v := schemaOf(t, path); v != SchemaVersion+1 {
		t.Errorf("refused file now claims schema %d", v)
	}
}

func TestCheckAndPath(t *testing.T) {
	s, _ := openTest(t)
	fill(t, s, 20)
	if err := s.Check(); err != nil {
		t.Errorf("Check: %v", err)
	}
	if filepath.Base(s.Path()) != FileName {
		t.Errorf("Path %q", s.Path())
	}
}
