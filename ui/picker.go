package ui

import (
	"strings"

	"sotay/domain"
	"sotay/vntext"
)

// pickOption is one thing a picker offers: what is kept, what is shown,
// and the words it is found by.
type pickOption struct {
	slug, label string
	words       []string // folded
}

// picker is a form field's list of options filtered by what is typed:
// each typed word must start a word of the option, diacritics ignored, so
// "ha n" finds Hà Nội.
type picker struct {
	all     []pickOption
	matches []pickOption
	sel     int // in matches
}

func newPicker(opts []pickOption) *picker {
	p := &picker{all: opts}
	p.filter("")
	return p
}

func (p *picker) filter(typed string) {
	words := vntext.Words(vntext.Fold(typed))
	p.matches = p.matches[:0]
	for _, o := range p.all {
		if allPrefixes(words, o.words) {
			p.matches = append(p.matches, o)
		}
	}
	p.sel = min(p.sel, max(len(p.matches)-1, 0))
}

// value is the slug picked, "" when nothing matches.
func (p *picker) value() string {
	if p.sel < len(p.matches) {
		return p.matches[p.sel].slug
	}
	return ""
}

// choose picks the option slug among all of them.
func (p *picker) choose(slug string) {
	p.filter("")
	for i, o := range p.matches {
		if o.slug == slug {
			p.sel = i
		}
	}
}

// window is the range of matches to draw, rows at most, around the pick.
func (p *picker) window(rows int) (start, end int) {
	start = max(min(p.sel-rows/2, len(p.matches)-rows), 0)
	return start, min(start+rows, len(p.matches))
}

// provinceOptions are the 34 provinces, found by their name and the names
// of the provinces merged into them.
func provinceOptions() []pickOption {
	var out []pickOption
	for _, p := range domain.Provinces() {
		out = append(out, pickOption{slug: p.Slug, label: p.Name,
			words: vntext.Words(vntext.Fold(p.Name + " " + strings.Join(p.MergedFrom, " ")))})
	}
	return out
}

func allPrefixes(words, of []string) bool {
	for _, w := range words {
		found := false
		for _, o := range of {
			if strings.HasPrefix(o, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
