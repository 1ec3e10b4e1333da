package store

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	bolt "go.etcd.io/bbolt"

	"sotay/record"
)

// ImportBatch is how many records Import writes per transaction.
const ImportBatch = 10000

// Import saves many new records, ImportBatch to a transaction, each with its
// indexes and outbox entry. Every record is checked before anything is
// written; the first invalid one stops the import with its position. A
// record's own id, rev and times are kept when it has them (restoring an
// export), otherwise it is made new; recs is filled in with what was saved.
// progress, if not nil, is told how many records are saved after each
// transaction.
//
// Records are written in order of their date, and new ones get their ids
// in that order: then each transaction's index entries fall in one stretch
// of every index instead of all over it, and a transaction rewrites pages
// in proportion to its own size, not the notebook's. When an id comes more
// than once (versions of one record), the order given is kept instead.
func (s *Store) Import(ctx context.Context, recs []record.Record, progress func(done int)) error {
	now := s.now()
	errs := make([]error, len(recs))
	parallel(len(recs), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			r := &recs[i]
			if r.ID != "" {
				if _, err := record.ParseID(r.ID); err != nil {
					errs[i] = err
					continue
				}
			} else {
				r.Status, r.Responses = "", nil // HQ's to set
			}
			errs[i] = r.Normalize(now)
			if r.ID != "" && r.Rev < 1 {
				r.Rev = 1
			}
		}
	})
	for i, err := range errs {
		if err != nil {
			return fmt.Errorf("record %d: %w", i+1, err)
		}
	}
	order := make([]int, len(recs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(recs[a].Date, recs[b].Date) })
	for _, i := range order {
		if recs[i].ID == "" {
			s.stamp(&recs[i], now)
		}
	}
	if hasRepeats(recs) {
		// Keep the versions of a record in the order given.
		slices.Sort(order)
	} else {
		// Sortkey order (newest date first, then newest id): each
		// word's postings then come in key order.
		keys := make([][sortKeyLen]byte, len(recs))
		for i := range recs {
			id, _ := record.ParseID(recs[i].ID)
			keys[i] = sortKey(recs[i].Date, id)
		}
		slices.SortFunc(order, func(a, b int) int { return bytes.Compare(keys[a][:], keys[b][:]) })
	}
	w := newWriter(nil) // one for every batch: it keeps its buffers
	// While one batch is written (one CPU), the next is prepared (the
	// others): two sets of prepared records, taking turns.
	var preps [2][]prepared
	for i := range preps {
		preps[i] = make([]prepared, min(ImportBatch, len(recs)))
	}
	prepareBatch := func(start int) {
		batch := order[start:min(start+ImportBatch, len(recs))]
		out := preps[start/ImportBatch%2]
		parallel(len(batch), func(lo, hi int) {
			for j := lo; j < hi; j++ {
				out[j] = prepare(&recs[batch[j]])
			}
		})
	}
	if len(recs) > 0 {
		prepareBatch(0)
	}
	for start := 0; start < len(recs); start += ImportBatch {
		if err := ctxErr(ctx); err != nil {
			return err
		}
		end := min(start+ImportBatch, len(recs))
		batch, preps := order[start:end], preps[start/ImportBatch%2]
		ahead := make(chan struct{})
		go func() {
			defer close(ahead)
			if end < len(recs) {
				prepareBatch(end)
			}
		}()
		err := s.db.Update(func(tx *bolt.Tx) error {
			w.begin(tx)
			for j, i := range batch {
				id, _ := record.ParseID(recs[i].ID)
				if w.pending[id] {
					// The same record twice in a batch: write what is
					// gathered so the second sees the first.
					if err := w.flush(); err != nil {
						return err
					}
				}
				old, err := getRecord(tx, id)
				switch {
				case err == ErrNotFound:
					old = nil
				case err != nil:
					return err
				case old.Rev >= recs[i].Rev:
					continue // already holds this or a newer version
				}
				if err := w.addPrepared(&recs[i], old, &preps[j]); err != nil {
					return err
				}
			}
			return w.flush()
		})
		<-ahead
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		if progress != nil {
			progress(end)
		}
	}
	return nil
}

// hasRepeats says whether an id comes more than once in recs.
func hasRepeats(recs []record.Record) bool {
	seen := make(map[string]bool)
	for _, r := range recs {
		if r.ID != "" {
			if seen[r.ID] {
				return true
			}
			seen[r.ID] = true
		}
	}
	return false
}

// parallel calls fn on pieces of [0, n), one per CPU, and waits.
func parallel(n int, fn func(lo, hi int)) {
	workers := max(1, min(runtime.GOMAXPROCS(0), n/256))
	var wg sync.WaitGroup
	for k := range workers {
		wg.Go(func() { fn(n*k/workers, n*(k+1)/workers) })
	}
	wg.Wait()
}

// Held says which of ids the notebook already holds (tombstones included),
// in one read: what an import can tell the officer it will skip.
func (s *Store) Held(ids []string) (map[string]bool, error) {
	out := make(map[string]bool)
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRecords)
		for _, idText := range ids {
			id, err := record.ParseID(idText)
			if err != nil {
				return err
			}
			if b.Get(id[:]) != nil {
				out[idText] = true
			}
		}
		return nil
	})
	return out, err
}
