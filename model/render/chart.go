package render

import (
	"fmt"
	"strings"
)

// A goal's value over time: an inline SVG on a page, a line of values in
// Markdown and text. The SVG holds only numbers the writer computes, the
// writer's class names and escaped words, so it loads and runs nothing.

// chartSize is the SVG's drawing box; it scales to the page's width.
const (
	chartW, chartH = 640.0, 220.0
	chartLeft      = 56.0 // room for the value labels
	chartRight     = 16.0
	chartTop       = 16.0
	chartBottom    = 34.0 // room for the date labels
)

func (w *htmlWriter) chart(c Chart) {
	if len(c.Points) == 0 {
		w.printf("<p class=\"none\">No check-in has reported a value yet.</p>\n")
		return
	}
	lo, hi := c.Baseline, c.Target
	if lo > hi {
		lo, hi = hi, lo
	}
	for _, p := range c.Points {
		lo, hi = min(lo, p.Value), max(hi, p.Value)
	}
	if hi == lo {
		hi, lo = hi+1, lo-1
	}
	pad := (hi - lo) * 0.08
	lo, hi = lo-pad, hi+pad
	y := func(v float64) float64 { return chartTop + (hi-v)/(hi-lo)*(chartH-chartTop-chartBottom) }
	first, okFirst := parseDay(c.Points[0].Date)
	last, okLast := parseDay(c.Points[len(c.Points)-1].Date)
	span := 0.0
	if okFirst && okLast {
		span = last.Sub(first).Hours()
	}
	x := func(i int) float64 {
		plot := chartW - chartLeft - chartRight
		if t, ok := parseDay(c.Points[i].Date); ok && span > 0 {
			return chartLeft + t.Sub(first).Hours()/span*plot
		}
		if len(c.Points) == 1 {
			return chartLeft + plot/2
		}
		return chartLeft + float64(i)/float64(len(c.Points)-1)*plot
	}
	unit := ""
	if c.Unit != "" {
		unit = " " + c.Unit
	}
	label := fmt.Sprintf("Value over time: from %s to %s%s; baseline %s, target %s", number(c.Points[0].Value),
		number(c.Points[len(c.Points)-1].Value), unit, number(c.Baseline), number(c.Target))
	w.printf("<figure class=\"chart\"><svg viewBox=\"0 0 %g %g\" role=\"img\" aria-label=\"%s\">", chartW, chartH, esc(label))
	w.printf("<title>%s</title>", esc(label))
	for _, ref := range []struct {
		class, word string
		v           float64
	}{{"baseline", "baseline", c.Baseline}, {"target", "target", c.Target}} {
		yy := y(ref.v)
		w.printf("<line class=\"%s\" x1=\"%g\" x2=\"%g\" y1=\"%.1f\" y2=\"%.1f\"/>", ref.class, chartLeft, chartW-chartRight, yy, yy)
		w.printf("<text class=\"axis\" x=\"%g\" y=\"%.1f\" text-anchor=\"end\">%s</text>", chartLeft-6, yy+4, esc(number(ref.v)))
		w.printf("<text class=\"axis %s\" x=\"%g\" y=\"%.1f\" text-anchor=\"end\">%s</text>", ref.class, chartW-chartRight, yy-5, ref.word)
	}
	var pts []string
	for i, p := range c.Points {
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(i), y(p.Value)))
	}
	w.printf("<polyline class=\"value\" points=\"%s\"/>", strings.Join(pts, " "))
	for i, p := range c.Points {
		w.printf("<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\"><title>%s: %s%s, %s</title></circle>",
			healthClass(p.Health), x(i), y(p.Value), esc(p.Date), esc(number(p.Value)), esc(unit), esc(HealthWords(p.Health)))
	}
	// Dates under the first and last points (and the middle one when
	// there is room), so the axis reads without crowding.
	marks := []int{0}
	if n := len(c.Points); n > 1 {
		if n > 4 {
			marks = append(marks, n/2)
		}
		marks = append(marks, n-1)
	}
	for _, i := range marks {
		anchor := "middle"
		switch {
		case i == 0 && len(c.Points) > 1:
			anchor = "start"
		case i == len(c.Points)-1 && len(c.Points) > 1:
			anchor = "end"
		}
		w.printf("<text class=\"axis\" x=\"%.1f\" y=\"%g\" text-anchor=\"%s\">%s</text>", x(i), chartH-10, anchor, esc(dayWords(c.Points[i].Date)))
	}
	w.printf("</svg><figcaption>%s</figcaption></figure>\n", esc(chartWords(c)))
}

// chartWords are a chart's values in a line: "14 (1 Oct) → 12 (8 Oct) →
// 9 (14 Nov) days; baseline 14, target 5". A long history keeps its first
// value and its last six.
func chartWords(c Chart) string {
	if len(c.Points) == 0 {
		return "No check-in has reported a value yet."
	}
	var parts []string
	pts := c.Points
	if len(pts) > 7 {
		parts = append(parts, pointWords(pts[0]), "…")
		pts = pts[len(pts)-6:]
	}
	for _, p := range pts {
		parts = append(parts, pointWords(p))
	}
	unit := ""
	if c.Unit != "" {
		unit = " " + c.Unit
	}
	return "Value by check-in: " + strings.Join(parts, " → ") + unit + "; baseline " + number(c.Baseline) + ", target " + number(c.Target) + "."
}

func pointWords(p ChartPoint) string {
	if t, ok := parseDay(p.Date); ok {
		return number(p.Value) + " (" + t.Format("2 Jan") + ")"
	}
	return number(p.Value)
}
