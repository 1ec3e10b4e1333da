// Package i18n is the one catalog of user-facing text: every string an
// officer or an HQ operator reads comes from here, in Vietnamese (the
// default) and English. Code and logs stay in English.
//
// Messages are grouped by where they are used, one file per group
// (common.go, cli.go, ui.go, …); each file contributes its entries to the
// catalog through a function listed in groups.
package i18n

import (
	"fmt"
	"sync"
)

// Lang is a language of the catalog.
type Lang string

// The languages.
const (
	VI Lang = "vi"
	EN Lang = "en"
)

// ParseLang reads a language setting; anything but "en" is Vietnamese.
func ParseLang(s string) Lang {
	if s == "en" || s == "EN" || s == "english" {
		return EN
	}
	return VI
}

// Key names a message.
type Key string

// msg is one message in both languages. Either may hold fmt verbs; both
// take the same arguments in the same order.
type msg struct{ vi, en string }

// groups are the files' contributions to the catalog.
var groups = []func() map[Key]msg{
	common, cliMessages, reportMessages, uiMessages, syncMessages, webMessages, wgMessages, overviewMessages,
	talkMessages, cliToolMessages, clockMessages, repeatMessages, attachMessages,
}

var all = sync.OnceValue(func() map[Key]msg {
	m := make(map[Key]msg)
	for _, g := range groups {
		for k, v := range g() {
			if _, dup := m[k]; dup {
				panic("i18n: duplicate key " + string(k))
			}
			m[k] = v
		}
	}
	return m
})

// Catalog speaks one language.
type Catalog struct{ Lang Lang }

// New returns the catalog for lang.
func New(lang Lang) Catalog { return Catalog{Lang: lang} }

// T returns the message key in the catalog's language, formatted with args.
// An unknown key is returned as is, so a missing entry shows rather than
// hides.
func (c Catalog) T(key Key, args ...any) string {
	m, ok := all()[key]
	if !ok {
		return string(key)
	}
	s := m.vi
	if c.Lang == EN {
		s = m.en
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// Both returns the message in Vietnamese and English, "vi (en)", for the
// places an officer and a helper reading over the shoulder should both
// understand: one-line errors of the command line. In English it is the
// English alone.
func (c Catalog) Both(key Key, args ...any) string {
	if c.Lang == EN {
		return New(EN).T(key, args...)
	}
	vi, en := New(VI).T(key, args...), New(EN).T(key, args...)
	if vi == en {
		return vi
	}
	return vi + " (" + en + ")"
}

// Has reports whether key is in the catalog; tests use it to check that
// every key a screen uses exists.
func Has(key Key) bool {
	_, ok := all()[key]
	return ok
}
