package record

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"
)

// ErrBadID: text that is not a record id.
var ErrBadID = errors.New("not a record id")

// IDGen makes UUIDv7 ids (RFC 9562): 48 bits of Unix milliseconds, then 12
// bits used as a counter within the millisecond so ids made by one
// generator sort in the order they were made, then 62 random bits. The zero
// value is ready; it is safe for concurrent use.
type IDGen struct {
	mu     sync.Mutex
	lastMs int64
	seq    uint16
}

// Next makes the id of something made at now.
func (g *IDGen) Next(now time.Time) [16]byte {
	g.mu.Lock()
	ms := now.UnixMilli()
	if ms <= g.lastMs {
		ms = g.lastMs // the clock went back or stood still: keep order
		g.seq++
		if g.seq > 0x0fff {
			ms++
			g.seq = 0
		}
	} else {
		g.seq = 0
	}
	g.lastMs = ms
	seq := g.seq
	g.mu.Unlock()

	var id [16]byte
	_, _ = rand.Read(id[8:])
	binary.BigEndian.PutUint64(id[:8], uint64(ms)<<16)
	id[6] = 0x70 | byte(seq>>8)
	id[7] = byte(seq)
	id[8] = 0x80 | id[8]&0x3f
	return id
}

// FormatID writes an id in its canonical text form, the lower-case
// 8-4-4-4-12 UUID, so both ends key and compare ids alike.
func FormatID(id [16]byte) string {
	var b [36]byte
	hex.Encode(b[0:8], id[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], id[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], id[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], id[8:10])
	b[23] = '-'
	hex.Encode(b[24:], id[10:])
	return string(b[:])
}

// ParseID reads an id in the canonical form; it accepts any UUID, so records
// made elsewhere can be imported.
func ParseID(s string) ([16]byte, error) {
	var id [16]byte
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return id, fmt.Errorf("%w: %q", ErrBadID, s)
	}
	src := s[0:8] + s[9:13] + s[14:18] + s[19:23] + s[24:]
	if _, err := hex.Decode(id[:], []byte(src)); err != nil {
		return id, fmt.Errorf("%w: %q", ErrBadID, s)
	}
	return id, nil
}
