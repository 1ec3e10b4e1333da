package store

import (
	"encoding/binary"
	"time"

	bolt "go.etcd.io/bbolt"

	"sotay/vntext"
)

// A sortkey orders records newest first by their calendar date, then by id
// (newest made first): ^days since 1970 (4 bytes) then ^id (16 bytes), so a
// forward cursor walks from the newest record to the oldest.
const sortKeyLen = 20

// maxTermLen caps an indexed word; longer words are indexed by their start,
// which prefix search still finds.
const maxTermLen = 48

func kindByte(k Kind) byte {
	switch k {
	case KindLog:
		return 'l'
	case KindDifficulty:
		return 'd'
	case KindTraining:
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

// recordTerms lists the distinct folded words of r's text fields.
func recordTerms(r *Record) []string {
	var texts []string
	for _, f := range Fields(r.Kind) {
		if f.Type == Text || f.Type == LongText {
			texts = append(texts, *r.text(f.Name))
		}
	}
	terms := vntext.Terms(texts...)
	for i, t := range terms {
		terms[i] = capTerm(t)
	}
	return terms
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

// forwardValue is what a search checks a candidate against without loading
// the record: its kind and " term term … ".
func forwardValue(k Kind, terms []string) []byte {
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

// index writes r's entries in the date index, the search terms and the
// forward list. A tombstone has none.
func index(tx *bolt.Tx, r *Record, id [16]byte) error {
	sk := sortKey(r.Date, id)
	if err := tx.Bucket(bucketByDate).Put(append([]byte{kindByte(r.Kind)}, sk[:]...), nil); err != nil {
		return err
	}
	terms := recordTerms(r)
	tb := tx.Bucket(bucketTerms)
	kb := []byte{kindByte(r.Kind)}
	for _, t := range terms {
		if err := tb.Put(termKey(t, sk[:]), kb); err != nil {
			return err
		}
	}
	return tx.Bucket(bucketForward).Put(id[:], forwardValue(r.Kind, terms))
}

// unindex removes what index wrote for the stored version old.
func unindex(tx *bolt.Tx, old *Record, id [16]byte) error {
	sk := sortKey(old.Date, id)
	if err := tx.Bucket(bucketByDate).Delete(append([]byte{kindByte(old.Kind)}, sk[:]...)); err != nil {
		return err
	}
	tb := tx.Bucket(bucketTerms)
	for _, t := range recordTerms(old) {
		if err := tb.Delete(termKey(t, sk[:])); err != nil {
			return err
		}
	}
	return tx.Bucket(bucketForward).Delete(id[:])
}
