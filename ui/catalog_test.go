package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"strconv"
	"testing"

	"sotay/i18n"
)

// TestCatalogComplete checks every key declared for the screens: present in
// both languages, with the same formatting verbs.
func TestCatalogComplete(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "../i18n/ui.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var keys []i18n.Key
	ast.Inspect(f, func(n ast.Node) bool {
		if vs, ok := n.(*ast.ValueSpec); ok && len(vs.Values) == 1 {
			if lit, ok := vs.Values[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				s, _ := strconv.Unquote(lit.Value)
				keys = append(keys, i18n.Key(s))
			}
		}
		return true
	})
	for i := range 7 {
		keys = append(keys, i18n.Key("ui.weekday."+strconv.Itoa(i)))
	}
	if len(keys) < 50 {
		t.Fatalf("found only %d keys", len(keys))
	}
	verbs := regexp.MustCompile(`%[dsvq]`)
	for _, k := range keys {
		if !i18n.Has(k) {
			t.Errorf("%s: not in the catalog", k)
			continue
		}
		vi, en := i18n.New(i18n.VI).T(k), i18n.New(i18n.EN).T(k)
		if vi == "" || en == "" {
			t.Errorf("%s: empty", k)
		}
		if a, b := verbs.FindAllString(vi, -1), verbs.FindAllString(en, -1); len(a) != len(b) {
			t.Errorf("%s: verbs %v in Vietnamese, %v in English", k, a, b)
		}
	}
}
