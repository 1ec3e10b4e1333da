// Package ui is the officer's full-screen notebook: a Bubble Tea program with
// tabs for the overview, the three kinds of record and HQ's notices; lists
// read a page at a time from the store, forms to create and edit, a detail
// view, a status bar with the sync state, and help. Every string the officer
// reads comes from package i18n.
//
// The root model (app.go) routes messages to the screen on top of its page
// stack; every screen implements component and reads the shared context for
// size, styles, keys, catalog and store. Store reads and writes run in
// tea.Cmds, never in Update.
package ui

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"sotay/i18n"
	"sotay/opener"
	"sotay/store"
)

// shared is the one context every component reads: the notebook, the
// officer's language, the theme, the keys, the clock and the screen size.
type shared struct {
	st      *store.Store
	cat     i18n.Catalog
	styles  Styles
	keys    KeyMap
	clock   Clock
	loc     *time.Location // the officer's time zone, for times from HQ
	log     *slog.Logger
	syncer  Syncer
	open    opener.Opener // opens attached files and exported reports with the system's program
	profile store.Profile
	noColor bool
	isDark  bool

	// bg is the context of background work (a sync): cancelled when the
	// program ends.
	bg     context.Context
	stopBg context.CancelFunc

	width, height int
}

// setLang switches the catalog and the key help that is built from it.
func (c *shared) setLang(l i18n.Lang) {
	c.cat = i18n.New(l)
	c.keys = newKeyMap(c.cat)
}

// t is shorthand for the catalog's T.
func (c *shared) t(key i18n.Key, args ...any) string { return c.cat.T(key, args...) }

// decimal writes a stored number as the officer reads it: with a decimal
// comma in Vietnamese ("3,5" hours), as the forms take it.
func (c *shared) decimal(v string) string {
	if c.cat.Lang == i18n.VI {
		return strings.Replace(v, ".", ",", 1)
	}
	return v
}

// today is the officer's calendar date.
func (c *shared) today() time.Time {
	n := c.now()
	return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
}

// listState is what a page of loaded rows shows under its heading out
// while it has no rows to draw: the error, "loading", or its empty text.
// ok is false then; true means the rows are there to draw.
func (c *shared) listState(out []string, err error, loaded bool, n int, empty i18n.Key) (view string, ok bool) {
	switch {
	case err != nil:
		return strings.Join(append(out, c.styles.Error.Render(c.cat.Error(err))), "\n"), false
	case !loaded:
		return strings.Join(append(out, c.styles.Muted.Render(c.t(i18n.UILoading))), "\n"), false
	case n == 0:
		return strings.Join(append(out, "", c.t(empty)), "\n"), false
	}
	return "", true
}
