package hq

import (
	"context"
	"errors"
	"io"
	"net/http"
	gosync "sync"
	"time"

	"golang.org/x/sync/semaphore"
)

// budget bounds the memory that push requests hold at once, across all of
// them: without it, every request in flight may hold a full body and a
// full inflation, and 200 parallel zstd bombs from one valid token took HQ
// to gigabytes. Bodies and inflations draw on separate budgets, so slow
// uploads (a batch over 64 kbit/s takes minutes) never hold up the fast
// inflations, and an inflation reserves its worst case before it starts.
// One officer decodes one push at a time (a notebook pushes one batch at a
// time anyway), so a flood from one token queues behind itself and never
// in front of another officer's push.
type budget struct {
	bodies     *semaphore.Weighted
	inflating  *semaphore.Weighted
	perInflate int64
	wait       time.Duration

	mu       gosync.Mutex
	officers map[string]*officerTurn
}

// officerTurn is one officer's turn to push, and how many wait for it (the
// entry goes when none does, so the map holds only officers in flight).
type officerTurn struct {
	turn    chan struct{}
	waiting int
}

// errBusy is a request that waited too long for its share of the budget:
// HQ answers 503 with Retry-After, and the client backs off and resends.
var errBusy = errors.New("too many pushes being decoded at once")

func newBudget(lim Limits) *budget {
	// The inflated bytes, their parsed copies and the decoder's window.
	per := 2*lim.MaxInflated + maxWindow
	total := max(lim.MaxDecoding, per)
	return &budget{
		bodies:     semaphore.NewWeighted(max(lim.MaxBodies, lim.MaxBody)),
		inflating:  semaphore.NewWeighted(total),
		perInflate: per,
		wait:       30 * time.Second,
		officers:   map[string]*officerTurn{},
	}
}

// officer waits for the officer's turn to push; release ends it.
func (b *budget) officer(ctx context.Context, id string) (release func(), err error) {
	b.mu.Lock()
	t := b.officers[id]
	if t == nil {
		t = &officerTurn{turn: make(chan struct{}, 1)}
		b.officers[id] = t
	}
	t.waiting++
	b.mu.Unlock()
	done := func() {
		b.mu.Lock()
		if t.waiting--; t.waiting == 0 {
			delete(b.officers, id)
		}
		b.mu.Unlock()
	}
	ctx, cancel := context.WithTimeout(ctx, b.wait)
	defer cancel()
	select {
	case t.turn <- struct{}{}:
		return func() { <-t.turn; done() }, nil
	case <-ctx.Done():
		done()
		return nil, errBusy
	}
}

// readBody reads a request body of at most limit bytes, holding its size
// from the bodies budget until release is called.
func (b *budget) readBody(ctx context.Context, w http.ResponseWriter, r *http.Request, limit int64) (body []byte, release func(), err error) {
	size := limit
	if r.ContentLength >= 0 && r.ContentLength <= limit {
		size = r.ContentLength
	}
	if err := b.acquire(ctx, b.bodies, size); err != nil {
		return nil, nil, err
	}
	release = func() { b.bodies.Release(size) }
	body, err = readAtMost(http.MaxBytesReader(w, r.Body, limit), size, limit)
	if err != nil {
		release()
		return nil, nil, err
	}
	return body, release, nil
}

// inflation holds the worst case of one inflation until release is called.
func (b *budget) inflation(ctx context.Context) (release func(), err error) {
	if err := b.acquire(ctx, b.inflating, b.perInflate); err != nil {
		return nil, err
	}
	return func() { b.inflating.Release(b.perInflate) }, nil
}

func (b *budget) acquire(ctx context.Context, s *semaphore.Weighted, n int64) error {
	ctx, cancel := context.WithTimeout(ctx, b.wait)
	defer cancel()
	if err := s.Acquire(ctx, n); err != nil {
		return errBusy
	}
	return nil
}

// readAtMost reads r to its end into a buffer that starts at hint bytes and
// never grows past limit+1, where io.ReadAll and bytes.Buffer would double
// to twice the limit.
func readAtMost(r io.Reader, hint, limit int64) ([]byte, error) {
	buf := make([]byte, 0, min(max(hint, 512), limit+1))
	for {
		if len(buf) == cap(buf) {
			if int64(len(buf)) > limit {
				return buf, nil
			}
			grown := make([]byte, len(buf), min(int64(cap(buf))*2, limit+1))
			copy(grown, buf)
			buf = grown
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}
