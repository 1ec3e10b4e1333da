package web

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strings"
)

// Charts are SVG drawn here, on the server: no script draws them, nothing
// comes from elsewhere, and every chart's numbers are also a table on the
// page (the template puts it beside the chart). Colours are classes of the
// style sheet, so the dark theme recolours them; text is escaped.

// series is one set of bars of a chart.
type series struct {
	Name   string
	Class  string // chart-a, chart-b: the style sheet's colours
	Values []float64
}

// barChart draws grouped vertical bars, one group per label, with the
// largest value's gridline and a legend. Each bar carries its value as a
// tooltip (<title>). label formats a value.
func barChart(title string, labels []string, ss []series, label func(float64) string) template.HTML {
	const (
		w, h                      = 720.0, 240.0
		left, right, top, bottom  = 44.0, 8.0, 28.0, 34.0
		plotW, plotH              = w - left - right, h - top - bottom
		gapFrac                   = 0.25
		legendBox, legendFontSize = 10.0, 12
	)
	top1 := 0.0
	for _, s := range ss {
		for _, v := range s.Values {
			top1 = math.Max(top1, v)
		}
	}
	scale := niceCeil(top1)
	var b strings.Builder
	esc := html.EscapeString
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %g %g" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg">`, w, h, esc(title))
	fmt.Fprintf(&b, `<title>%s</title>`, esc(title))
	// Legend.
	x := left
	for _, s := range ss {
		fmt.Fprintf(&b, `<rect class="%s" x="%g" y="6" width="%g" height="%g"/>`, s.Class, x, legendBox, legendBox)
		fmt.Fprintf(&b, `<text class="chart-text" x="%g" y="15" font-size="%d">%s</text>`, x+legendBox+4, legendFontSize, esc(s.Name))
		x += legendBox + 12 + float64(len([]rune(s.Name)))*7
	}
	// Axis and the gridline of the scale.
	fmt.Fprintf(&b, `<line class="chart-axis" x1="%g" y1="%g" x2="%g" y2="%g"/>`, left, top+plotH, w-right, top+plotH)
	if scale > 0 {
		fmt.Fprintf(&b, `<line class="chart-grid" x1="%g" y1="%g" x2="%g" y2="%g"/>`, left, top, w-right, top)
		fmt.Fprintf(&b, `<text class="chart-text" x="%g" y="%g" font-size="11" text-anchor="end">%s</text>`, left-4, top+4, esc(label(scale)))
	}
	fmt.Fprintf(&b, `<text class="chart-text" x="%g" y="%g" font-size="11" text-anchor="end">0</text>`, left-4, top+plotH+4)
	n := len(labels)
	if n > 0 && len(ss) > 0 {
		group := plotW / float64(n)
		bar := group * (1 - gapFrac) / float64(len(ss))
		every := max(1, n/12) // at most about twelve labels under the axis
		for i, l := range labels {
			gx := left + float64(i)*group + group*gapFrac/2
			for j, s := range ss {
				v := 0.0
				if i < len(s.Values) {
					v = s.Values[i]
				}
				bh := 0.0
				if scale > 0 {
					bh = plotH * v / scale
				}
				fmt.Fprintf(&b, `<rect class="%s" x="%.1f" y="%.1f" width="%.1f" height="%.1f"><title>%s · %s: %s</title></rect>`,
					s.Class, gx+float64(j)*bar, top+plotH-bh, math.Max(bar-1, 1), bh, esc(l), esc(s.Name), esc(label(v)))
			}
			if i%every == 0 {
				fmt.Fprintf(&b, `<text class="chart-text" x="%.1f" y="%g" font-size="11" text-anchor="middle">%s</text>`,
					gx+group*(1-gapFrac)/2, h-bottom+16, esc(l))
			}
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // every piece of text above is escaped
}

// niceCeil rounds v up to 1, 2 or 5 times a power of ten, for a gridline
// a reader takes in at a glance.
func niceCeil(v float64) float64 {
	if v <= 0 {
		return 0
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}
