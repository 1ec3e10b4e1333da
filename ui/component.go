package ui

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

// component is what every screen and part of a screen implements: a model
// that starts its own work, updates in place, draws itself into the size it
// was given and names its keys for the footer and the help screen.
type component interface {
	Init() tea.Cmd
	Update(msg tea.Msg) tea.Cmd
	View() string
	SetSize(width, height int)
	help.KeyMap
}

// The optional parts of a component, which the root finds by assertion.
type (
	// capturing is a component that wants every key, as a form or an open
	// filter does: global single-letter keys must not fire while typing.
	capturing interface{ capturing() bool }

	// closer is a page or dialog that a key closed. It leaves the stack at
	// once, in the same Update, so the keys typed after it reach the screen
	// beneath rather than a page about to go.
	closer interface{ done() bool }

	// overlay is a dialog: drawn over the page beneath instead of
	// replacing it.
	overlay interface{ isOverlay() bool }

	// shower is a tab that wants to know it was brought to the front.
	shower interface{ shown() tea.Cmd }
)
