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

// provinceAliases are names people use that are not the province's own.
var provinceAliases = map[string]string{"ho-chi-minh": "sài gòn saigon"}

// provinceOptions are the 34 provinces, found by their name, its initials
// ("hcm"), "tp"/"thành phố" for a city, the names people use ("sài gòn")
// and the names of the provinces merged into them ("bình dương").
func provinceOptions() []pickOption {
	var out []pickOption
	for _, p := range domain.Provinces() {
		name := vntext.Words(vntext.Fold(p.Name))
		initials := ""
		for _, w := range name {
			initials += w[:1]
		}
		words := append(name, initials)
		if p.City {
			words = append(words, "tp", "thanh", "pho")
		}
		words = append(words, vntext.Words(vntext.Fold(provinceAliases[p.Slug]+" "+strings.Join(p.MergedFrom, " ")))...)
		out = append(out, pickOption{slug: p.Slug, label: p.Name, words: words})
	}
	return out
}

// label is the label of the option picked, "" when nothing matches.
func (p *picker) label() string {
	if p.sel < len(p.matches) {
		return p.matches[p.sel].label
	}
	return ""
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
