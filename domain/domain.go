// Package domain holds the fixed vocabularies of the seconded officers' work:
// the 34 provinces, the difficulty categories, the kinds of activity, the
// severities and the statuses HQ gives a difficulty. The tables are embedded
// copies of shared/domain so the binary needs nothing on disk.
package domain

import (
	_ "embed"
	"strings"
	"sync"
)

//go:embed provinces.tsv
var provincesTSV string

//go:embed categories.tsv
var categoriesTSV string

// Province is one of the 34 provincial-level units since 1 July 2025.
type Province struct {
	Slug       string
	Name       string // Vietnamese, NFC
	City       bool   // a centrally-run city rather than a tỉnh
	MergedFrom []string
}

// Term is an enumerated value with its Vietnamese and English labels.
type Term struct {
	Slug string
	VI   string
	EN   string
}

// Label returns the label in lang ("en" for English, Vietnamese otherwise).
func (t Term) Label(lang string) string {
	if lang == "en" {
		return t.EN
	}
	return t.VI
}

// tables is parsed once; the data never changes after start, so sharing it is safe.
var tables = sync.OnceValue(func() struct {
	provinces  []Province
	categories []Term
} {
	var t struct {
		provinces  []Province
		categories []Term
	}
	for _, row := range rows(provincesTSV) {
		p := Province{Slug: row[0], Name: row[1], City: len(row) > 2 && row[2] == "city"}
		if len(row) > 3 && row[3] != "" {
			for _, m := range strings.Split(row[3], ",") {
				p.MergedFrom = append(p.MergedFrom, strings.TrimSpace(m))
			}
		}
		t.provinces = append(t.provinces, p)
	}
	for _, row := range rows(categoriesTSV) {
		t.categories = append(t.categories, Term{Slug: row[0], VI: row[1], EN: row[2]})
	}
	return t
})

// rows parses a TSV table, skipping comments and the header line.
func rows(tsv string) [][]string {
	var out [][]string
	header := true
	for _, line := range strings.Split(tsv, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		out = append(out, strings.Split(line, "\t"))
	}
	return out
}

// Provinces returns the 34 provinces in the order of the official list.
func Provinces() []Province { return append([]Province(nil), tables().provinces...) }

// ProvinceBySlug finds a province by its slug.
func ProvinceBySlug(slug string) (Province, bool) {
	for _, p := range tables().provinces {
		if p.Slug == slug {
			return p, true
		}
	}
	return Province{}, false
}

// Categories returns the difficulty categories.
func Categories() []Term { return append([]Term(nil), tables().categories...) }

// Activities are the kinds of activity a daily log records.
func Activities() []Term {
	return []Term{
		{"survey", "Khảo sát thực tế", "Field survey"},
		{"meeting", "Họp, làm việc", "Meeting"},
		{"guidance", "Hướng dẫn nghiệp vụ", "Professional guidance"},
		{"inspection", "Kiểm tra, giám sát", "Inspection"},
		{"citizens", "Tiếp công dân", "Receiving citizens"},
		{"other", "Khác", "Other"},
	}
}

// Severities of a difficulty, from least to most pressing.
func Severities() []Term {
	return []Term{
		{"low", "Thấp", "Low"},
		{"medium", "Trung bình", "Medium"},
		{"high", "Cao", "High"},
		{"urgent", "Khẩn cấp", "Urgent"},
	}
}

// Statuses HQ gives a difficulty, in the order it moves through them.
func Statuses() []Term {
	return []Term{
		{"new", "Mới", "New"},
		{"acknowledged", "Đã tiếp nhận", "Acknowledged"},
		{"in_progress", "Đang xử lý", "In progress"},
		{"answered", "Đã trả lời", "Answered"},
		{"resolved", "Đã giải quyết", "Resolved"},
	}
}

// Find returns the term with slug in terms.
func Find(terms []Term, slug string) (Term, bool) {
	for _, t := range terms {
		if t.Slug == slug {
			return t, true
		}
	}
	return Term{}, false
}

// Slugs lists the slugs of terms, for error messages and help.
func Slugs(terms []Term) []string {
	out := make([]string, len(terms))
	for i, t := range terms {
		out[i] = t.Slug
	}
	return out
}

// ProvinceSlugs lists the slugs of the 34 provinces.
func ProvinceSlugs() []string {
	ps := tables().provinces
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Slug
	}
	return out
}
