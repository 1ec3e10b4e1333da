package hq

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestReadAtMost(t *testing.T) {
	for _, tt := range []struct {
		name        string
		n           int
		hint, limit int64
		wantLen     int
		maxCap      int
	}{
		{"small with a good hint", 100, 100, 1000, 100, 512},
		{"grows to the limit, not past", 5000, 10, 4096, 4097, 4097},
		{"exactly the limit", 4096, 10, 4096, 4096, 4097},
		{"empty", 0, 0, 10, 0, 11},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readAtMost(strings.NewReader(strings.Repeat("x", tt.n)), tt.hint, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.wantLen || cap(got) > tt.maxCap {
				t.Errorf("len %d cap %d, want len %d cap ≤ %d", len(got), cap(got), tt.wantLen, tt.maxCap)
			}
			if !bytes.Equal(got, bytes.Repeat([]byte("x"), tt.wantLen)) {
				t.Error("content changed")
			}
		})
	}
}

// One officer's pushes take turns; another officer's does not wait for
// them; a turn not given in time is errBusy; nothing is left behind.
func TestOfficerTurns(t *testing.T) {
	b := newBudget(Limits{})
	b.wait = 50 * time.Millisecond
	ctx := context.Background()
	endA, err := b.officer(ctx, "a")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.officer(ctx, "a"); !errors.Is(err, errBusy) {
		t.Fatalf("a second push of the same officer got a turn: %v", err)
	}
	endB, err := b.officer(ctx, "b")
	if err != nil {
		t.Fatalf("another officer waited: %v", err)
	}
	endB()
	endA()
	endA2, err := b.officer(ctx, "a")
	if err != nil {
		t.Fatalf("after the first push ended: %v", err)
	}
	endA2()
	if len(b.officers) != 0 {
		t.Errorf("%d officers left in the map", len(b.officers))
	}
}
