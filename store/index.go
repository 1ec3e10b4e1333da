package store

import (
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

// forwardValue is what a record waiting in fresh is kept with, and what a
// search checks it against without loading it: its kind and
// " term term … ".
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

// unindex removes what the writer wrote for the stored version old, whose
// doc number is doc: its date key, and its postings or its place in fresh
// (then wasFresh).
func unindex(tx *bolt.Tx, old *record.Record, id [16]byte, doc uint32) (wasFresh bool, err error) {
	sk := sortKey(old.Date, id)
	if err := tx.Bucket(bucketByDate).Delete(append([]byte{kindByte(old.Kind)}, sk[:]...)); err != nil {
		return false, err
	}
	if fresh := tx.Bucket(bucketFresh); fresh.Get(sk[:]) != nil {
		return true, fresh.Delete(sk[:])
	}
	tb := tx.Bucket(bucketTerms)
	day := binary.BigEndian.Uint32(sk[:4])
	for _, t := range recordTerms(old) {
		if err := removePosting(tb, t, day, doc); err != nil {
			return false, err
		}
	}
	return false, nil
}
