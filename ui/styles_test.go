package ui

import (
	"image/color"
	"math"
	"testing"
)

// The footer's key hints read on a dark and a light terminal: WCAG's
// contrast ratio of 4.5:1 for text, against black-ish and white.
func TestHelpContrast(t *testing.T) {
	for _, tc := range []struct {
		name   string
		isDark bool
		bg     color.Color
	}{
		{"dark (Windows Terminal)", true, color.RGBA{0x0C, 0x0C, 0x0C, 0xFF}},
		{"light", false, color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}},
	} {
		h := newStyles(tc.isDark, false).Help
		for name, st := range map[string]color.Color{"key": h.ShortKey.GetForeground(), "desc": h.ShortDesc.GetForeground(), "separator": h.ShortSeparator.GetForeground()} {
			if r := contrast(st, tc.bg); r < 4.5 {
				t.Errorf("%s: the %s's contrast is %.2f:1, want 4.5:1", tc.name, name, r)
			}
		}
	}
}

func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xFFFF
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}
