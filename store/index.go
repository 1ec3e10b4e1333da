package store

import (
	"bytes"
	"encoding/binary"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"sotay/record"
	"sotay/vntext"
)

// A sortkey orders records newest first by their calendar date, then by id
// (newest made first): ^days since 1970 (4 bytes) then ^id (16 bytes), so a
// forward cursor walks from the newest record to the oldest.
const sortKeyLen = 20

// maxTermLen caps an indexed word; longer words are indexed by their start,
// which prefix search still finds.
const maxTermLen = 48

func kindByte(k record.Kind) byte {
	switch k {
	case record.KindLog:
		return 'l'
	case record.KindDifficulty:
		return 'd'
	case record.KindTraining:
		return 't'
	}
	return '?'
}

func sortKey(date string, id [16]byte) [sortKeyLen]byte {
	var k [sortKeyLen]byte
	binary.BigEndian.PutUint32(k[:4], ^dayNumber(date))
	for i, b := range id {
		k[4+i] = ^b
	}
	return k
}

// dateBound is the first sortkey of a date: every record of that date sorts
// at or after it.
func dateBound(date string) []byte {
	var k [4]byte
	binary.BigEndian.PutUint32(k[:], ^dayNumber(date))
	return k[:]
}

// dayNumber counts days from 1970-01-01 plus an offset so that every date the
// notebook accepts is positive.
func dayNumber(date string) uint32 {
	t, err := time.Parse(vntext.DateLayout, date)
	if err != nil {
		return 0
	}
	return uint32(t.Unix()/86400 + 1<<20)
}

func idFromSortKey(sk []byte) [16]byte {
	var id [16]byte
	for i := range id {
		id[i] = ^sk[4+i]
	}
	return id
}

// recordTerms lists the distinct folded words of r's text fields, as
// the search finds them, capped at maxTermLen, in byte order. It folds
// the fields in one go and cuts words out of the result without a map:
// an import calls it for every record.
func recordTerms(r *record.Record) []string {
	var b strings.Builder
	r.WriteText(&b)
	folded := vntext.Fold(b.String())
	terms := make([]string, 0, 64)
	start := -1
	for i, c := range folded {
		inWord := c < utf8.RuneSelf && ('a' <= c && c <= 'z' || '0' <= c && c <= '9' || 'A' <= c && c <= 'Z') ||
			c >= utf8.RuneSelf && (unicode.IsLetter(c) || unicode.IsDigit(c))
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			terms = append(terms, capTerm(folded[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		terms = append(terms, capTerm(folded[start:]))
	}
	slices.Sort(terms)
	return slices.Compact(terms) // after capping: two long words may share a start
}

func capTerm(t string) string {
	if len(t) <= maxTermLen {
		return t
	}
	cut := maxTermLen
	for cut > 0 && t[cut]&0xc0 == 0x80 { // do not split a UTF-8 sequence
		cut--
	}
	return t[:cut]
}

func termKey(term string, sk []byte) []byte {
	k := make([]byte, 0, len(term)+1+sortKeyLen)
	k = append(k, term...)
	k = append(k, 0)
	return append(k, sk...)
}

// forwardKey is where a record's forward list is kept: in the records
// bucket, right after the record (id, then 'f'), so that a save writes both
// to one page and a search finds a candidate's record next to its list.
func forwardKey(id [16]byte) []byte {
	k := make([]byte, 17)
	copy(k, id[:])
	k[16] = forwardSuffix
	return k
}

const forwardSuffix = 'f'

// forwardValue is what a search checks a candidate against without loading
// the record: its kind and " term term … ".
func forwardValue(k record.Kind, terms []string) []byte {
	n := 2
	for _, t := range terms {
		n += len(t) + 1
	}
	v := make([]byte, 0, n)
	v = append(v, kindByte(k), ' ')
	for _, t := range terms {
		v = append(v, t...)
		v = append(v, ' ')
	}
	return v
}

// The search postings. A key is a word, 0x00 and the sortkey of the head
// posting; the value is the head's kind, then any further postings of the
// same date as (^id(16), kind(1)) in ascending order, each after the head:
//
//	word 0x00 ^day(4) ^id(16) → kind(1) [^id(16) kind(1)]…
//
// Create writes one posting to a key. Import writes the postings of a word
// and a date together under one key (up to maxGroup), which is far fewer
// keys for bbolt to place. Groups of one date may overlap: readers gather a
// date's keys and sort their postings (see source).
const (
	postingLen = 16 + 1
	maxGroup   = 100
)

// unindex removes what the writer wrote for the stored version old: its
// postings, or its place in fresh (then wasFresh).
func unindex(tx *bolt.Tx, old *record.Record, id [16]byte) (wasFresh bool, err error) {
	sk := sortKey(old.Date, id)
	if err := tx.Bucket(bucketByDate).Delete(append([]byte{kindByte(old.Kind)}, sk[:]...)); err != nil {
		return false, err
	}
	if fresh := tx.Bucket(bucketFresh); fresh.Get(sk[:]) != nil {
		if err := fresh.Delete(sk[:]); err != nil {
			return false, err
		}
		wasFresh = true
	} else {
		tb := tx.Bucket(bucketTerms)
		for _, t := range recordTerms(old) {
			if err := deletePosting(tb, t, sk[:]); err != nil {
				return false, err
			}
		}
	}
	return wasFresh, tx.Bucket(bucketRecords).Delete(forwardKey(id))
}

// deletePosting removes the posting of sortkey sk from word term: its own
// key, the head of a group (the next posting becomes the head), or one
// inside a group that starts earlier on the same date.
func deletePosting(b *bolt.Bucket, term string, sk []byte) error {
	key := termKey(term, sk)
	if v := b.Get(key); v != nil {
		if len(v) == 1 {
			return b.Delete(key)
		}
		next := termKey(term, append(sk[:4:4], v[1:17]...))
		rest := append([]byte{v[17]}, v[1+postingLen:]...)
		if err := b.Delete(key); err != nil {
			return err
		}
		return b.Put(next, rest)
	}
	day := key[:len(key)-16]
	c := b.Cursor()
	for k, v := c.Seek(day); k != nil && bytes.HasPrefix(k, day) && bytes.Compare(k, key) < 0; k, v = c.Next() {
		for off := 1; off+postingLen <= len(v); off += postingLen {
			if bytes.Equal(v[off:off+16], sk[4:]) {
				nv := append(append([]byte(nil), v[:off]...), v[off+postingLen:]...)
				return b.Put(append([]byte(nil), k...), nv)
			}
		}
	}
	return nil
}
