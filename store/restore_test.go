package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"sotay/record"
)

// A deleted record comes back whole at the next rev, in lists, search and
// counts again, with an outbox entry to send it.
func TestRestore(t *testing.T) {
	now := time.Date(2026, 2, 5, 9, 0, 0, 0, time.UTC)
	st, err := Open(filepath.Join(t.TempDir(), FileName), Options{Now: func() time.Time { return now }, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	r, err := st.Create(record.Record{Kind: record.KindLog, Date: "2026-02-05", Commune: "Xã Sóc Sơn", Activity: "meeting", Content: "Họp giao ban"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Restore(r.ID); !errors.Is(err, ErrNotDeleted) {
		t.Fatalf("restore of a live record: %v", err)
	}
	if _, err := st.Delete(r.ID); err != nil {
		t.Fatal(err)
	}
	bin, err := st.Deleted(context.Background(), now.AddDate(0, 0, -30))
	if err != nil || len(bin) != 1 || bin[0].ID != r.ID {
		t.Fatalf("recycle bin: %v %+v", err, bin)
	}
	if bin, _ := st.Deleted(context.Background(), now.Add(time.Hour)); len(bin) != 0 {
		t.Fatalf("a bin since after the delete holds %d", len(bin))
	}
	back, err := st.Restore(r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if back.Deleted || back.Rev != r.Rev+2 || back.Content != r.Content {
		t.Fatalf("restored %+v", back)
	}
	p, err := st.List(context.Background(), Query{Kind: record.KindLog, Search: "giao ban"})
	if err != nil || len(p.Records) != 1 {
		t.Fatalf("search after restore: %v %+v", err, p.Records)
	}
	if c, _ := st.Counts(); c.Kinds[record.KindLog] != 1 {
		t.Fatalf("count after restore = %d", c.Kinds[record.KindLog])
	}
	if bin, _ := st.Deleted(context.Background(), time.Time{}); len(bin) != 0 {
		t.Fatalf("a restored record still in the bin: %+v", bin)
	}
	if n, _ := st.Pending(); n != 1 {
		t.Fatalf("pending = %d, want 1 (the record's newest rev)", n)
	}
}
