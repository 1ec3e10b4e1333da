package vntext

import (
	"sort"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Sorter orders strings the Vietnamese way: a < ă < â, d < đ, o < ô < ơ,
// u < ư. A Sorter is not safe for concurrent use; make one where it is needed.
type Sorter struct{ c *collate.Collator }

// NewSorter returns a Vietnamese collation.
func NewSorter() *Sorter { return &Sorter{c: collate.New(language.Vietnamese)} }

// Compare returns -1, 0 or +1 as a sorts before, with or after b.
func (s *Sorter) Compare(a, b string) int { return s.c.CompareString(a, b) }

// SortBy sorts items by the Vietnamese collation of key(item), stably.
func SortBy[T any](items []T, key func(T) string) {
	s := NewSorter()
	sort.SliceStable(items, func(i, j int) bool { return s.Compare(key(items[i]), key(items[j])) < 0 })
}
