package ui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// Styles is the one set of styles of the program. Colours are picked for
// the terminal's background (dark or light); with NO_COLOR every colour is
// dropped and emphasis is carried by bold, underline and reverse, which
// read on any terminal.
type Styles struct {
	App        lipgloss.Style
	Title      lipgloss.Style
	Tab        lipgloss.Style
	TabActive  lipgloss.Style
	TabBar     lipgloss.Style
	Header     lipgloss.Style // list column headers
	Row        lipgloss.Style
	RowActive  lipgloss.Style
	Muted      lipgloss.Style
	Label      lipgloss.Style
	LabelFocus lipgloss.Style
	Value      lipgloss.Style
	Error      lipgloss.Style
	OK         lipgloss.Style
	Warn       lipgloss.Style
	Status     lipgloss.Style // the status bar
	StatusKey  lipgloss.Style
	Footer     lipgloss.Style
	Dialog     lipgloss.Style
	Bar        lipgloss.Style // bars of the overview
	BarEmpty   lipgloss.Style
	Unread     lipgloss.Style
	Severity   map[string]lipgloss.Style
	// Help draws the key hints of the footer and the help screen. Bubbles'
	// own greys (239 on 237 and the like) vanish on a dark Windows
	// Terminal; these keep a contrast of 4.5:1 or more on black and white.
	Help help.Styles
}

func newStyles(isDark, noColor bool) Styles {
	ld := lipgloss.LightDark(isDark)
	c := func(light, dark string) color.Color {
		if noColor {
			return lipgloss.NoColor{}
		}
		return ld(lipgloss.Color(light), lipgloss.Color(dark))
	}
	accent := c("#005F87", "#5FD7FF")
	muted := c("#6C6C6C", "#9E9E9E")
	red := c("#AF0000", "#FF5F5F")
	green := c("#005F00", "#87D787")
	yellow := c("#875F00", "#FFD75F")
	barBg := c("#D0D0D0", "#3A3A3A")

	s := Styles{
		App:        lipgloss.NewStyle(),
		Title:      lipgloss.NewStyle().Bold(true).Foreground(accent),
		Tab:        lipgloss.NewStyle().Padding(0, 1).Foreground(muted),
		TabActive:  lipgloss.NewStyle().Padding(0, 1).Bold(true).Underline(true).Foreground(accent),
		TabBar:     lipgloss.NewStyle(),
		Header:     lipgloss.NewStyle().Bold(true).Foreground(muted),
		Row:        lipgloss.NewStyle(),
		RowActive:  lipgloss.NewStyle().Reverse(true),
		Muted:      lipgloss.NewStyle().Foreground(muted),
		Label:      lipgloss.NewStyle().Foreground(muted),
		LabelFocus: lipgloss.NewStyle().Bold(true).Foreground(accent),
		Value:      lipgloss.NewStyle(),
		Error:      lipgloss.NewStyle().Bold(true).Foreground(red),
		OK:         lipgloss.NewStyle().Foreground(green),
		Warn:       lipgloss.NewStyle().Foreground(yellow),
		Status:     lipgloss.NewStyle().Reverse(true),
		StatusKey:  lipgloss.NewStyle().Reverse(true).Bold(true),
		Footer:     lipgloss.NewStyle().Foreground(muted),
		Dialog:     lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 1),
		Bar:        lipgloss.NewStyle().Foreground(accent),
		BarEmpty:   lipgloss.NewStyle().Foreground(barBg),
		Unread:     lipgloss.NewStyle().Bold(true).Foreground(yellow),
	}
	helpKey := lipgloss.NewStyle().Bold(true).Foreground(c("#303030", "#D0D0D0"))
	helpDesc := lipgloss.NewStyle().Foreground(c("#5F5F5F", "#A8A8A8"))
	helpSep := lipgloss.NewStyle().Foreground(c("#767676", "#8A8A8A"))
	s.Help = help.Styles{ShortKey: helpKey, ShortDesc: helpDesc, ShortSeparator: helpSep, Ellipsis: helpSep,
		FullKey: helpKey, FullDesc: helpDesc, FullSeparator: helpSep}
	s.Severity = map[string]lipgloss.Style{
		"low":    lipgloss.NewStyle().Foreground(muted),
		"medium": lipgloss.NewStyle(),
		"high":   lipgloss.NewStyle().Foreground(yellow).Bold(true),
		"urgent": lipgloss.NewStyle().Foreground(red).Bold(true),
	}
	return s
}
