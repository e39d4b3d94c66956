package render

import (
	_ "embed"
	"fmt"
	"html"
	"strings"

	"github.com/accordhq/accord/model"
)

//go:embed page.css
var pageCSS string

// HTML writes a Doc as one self-contained page: inline CSS, no scripts, no
// images, fonts or links to fetch, so it opens offline, can be mailed as
// an attachment and prints well (a print stylesheet keeps colours and
// avoids breaking an entry across pages). Every string is cleaned
// (model.CleanText) and escaped; attributes hold only the writer's own
// class names, numbers and section IDs.
func HTML(d *Doc) string {
	w := &htmlWriter{}
	title := esc(d.Title)
	w.printf("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	w.printf("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"Accord\">\n")
	w.printf("<title>%s</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>%s</h1>\n", title, pageCSS, title)
	if len(d.Subtitle) > 0 {
		w.printf("<p class=\"scope\">%s</p>\n", w.inlines(d.Subtitle))
	}
	for _, b := range d.Intro {
		if p, ok := b.(Para); ok && !p.Muted {
			w.printf("<p class=\"lead\">%s</p>\n", w.inlines(p.Text))
			continue
		}
		w.block(b)
	}
	w.printf("</header>\n")
	for _, s := range d.Sections {
		w.printf("\n<section%s>\n<h2>%s</h2>\n", idAttr(s.ID), esc(s.Title))
		w.sectionBody(s)
		w.printf("</section>\n")
	}
	if len(d.Footer) > 0 {
		w.printf("\n<footer>%s</footer>\n", w.inlines(d.Footer))
	}
	w.printf("</body>\n</html>\n")
	return w.b.String()
}

type htmlWriter struct{ b strings.Builder }

func (w *htmlWriter) printf(format string, args ...any) { fmt.Fprintf(&w.b, format, args...) }

func (w *htmlWriter) sectionBody(s Section) {
	if s.Fold != "" {
		w.printf("<details><summary>%s</summary>\n", esc(s.Fold))
	}
	for _, b := range s.Blocks {
		w.block(b)
	}
	for _, sub := range s.Sections {
		w.subsection(sub)
	}
	if s.Fold != "" {
		w.printf("</details>\n")
	}
}

// subsection is a section within a section: a plain heading, a group in
// a box or an entry as a card.
func (w *htmlWriter) subsection(s Section) {
	switch s.Style {
	case StyleGroup:
		w.printf("<div class=\"group\"%s>\n<h3><span class=\"title\">%s</span>", idAttr(s.ID), esc(s.Title))
		if len(s.Badges) > 0 {
			w.printf(" %s", w.inlines(s.Badges))
		}
		w.printf("</h3>\n")
		if len(s.Meta) > 0 {
			w.printf("<p class=\"muted\">%s</p>\n", w.inlines(s.Meta))
		}
		w.sectionBody(s)
		w.printf("</div>\n")
	case StyleEntry:
		w.printf("<article class=\"entry %s\"%s>\n<h3>%s</h3>\n", healthClass(s.Accent), idAttr(s.ID), esc(s.Title))
		w.sectionBody(s)
		w.printf("</article>\n")
	default:
		w.printf("<h3%s>%s</h3>\n", idAttr(s.ID), esc(s.Title))
		if len(s.Badges)+len(s.Meta) > 0 {
			w.printf("<p class=\"muted\">%s</p>\n", w.inlines(append(append([]Inline{}, s.Badges...), s.Meta...)))
		}
		w.sectionBody(s)
	}
}

func (w *htmlWriter) block(b Block) {
	switch b := b.(type) {
	case Para:
		if b.Muted {
			w.printf("<p class=\"muted\">%s</p>\n", w.inlines(b.Text))
		} else {
			w.printf("<p>%s</p>\n", w.inlines(b.Text))
		}
	case Quote:
		w.printf("<blockquote>%s</blockquote>\n", w.inlines(b.Text))
	case None:
		w.printf("<p class=\"none\">%s</p>\n", esc(string(b)))
	case List:
		w.printf("<ul class=\"plain\">\n")
		for _, it := range b.Items {
			w.printf("<li>%s</li>\n", w.item(it))
		}
		w.printf("</ul>\n")
	case Table:
		w.table(b)
	case Facts:
		w.printf("<ul class=\"cards\">\n")
		for _, f := range b {
			class := ""
			if f.Wide {
				class = " class=\"wide\""
			}
			w.printf("<li%s><b>%s</b>%s</li>\n", class, esc(f.Label), w.inlines(f.Value))
		}
		w.printf("</ul>\n")
	case Lists:
		w.printf("<div class=\"lists\">\n")
		for _, l := range b {
			if len(l.Items) == 0 {
				continue
			}
			w.printf("<div><h4>%s</h4><ul>", esc(l.Title))
			for _, it := range l.Items {
				w.printf("<li>%s</li>", w.inlines(it))
			}
			w.printf("</ul></div>\n")
		}
		w.printf("</div>\n")
	case Transitions:
		w.table(b.table())
	default:
		panic(fmt.Sprintf("render: HTML has no way to write %T", b))
	}
}

// item is a list item's content: its verb in bold, the thing and what
// happened, what it lists in columns, its notes a labelled line or a
// quotation each, its field changes a line each. A page has room: it
// shows every item and every word.
func (w *htmlWriter) item(it Item) string {
	var b strings.Builder
	switch {
	case it.Verb == "" || it.Implied:
	case it.New:
		b.WriteString("<b>New, " + esc(it.Verb) + ":</b> ")
	default:
		b.WriteString("<b>" + esc(capitalise(it.Verb)) + "</b> ")
	}
	b.WriteString(w.inlines(it.Subject) + w.inlines(it.Text))
	if len(it.Sub) > 0 {
		b.WriteString("\n<ul class=\"columns\">")
		for _, s := range it.Sub {
			b.WriteString("<li>" + w.inlines(s) + "</li>")
		}
		b.WriteString("</ul>")
	}
	for _, n := range it.Notes {
		switch {
		case n.Quote:
			b.WriteString("<blockquote>" + w.inlines(n.Text) + "</blockquote>")
		case n.Muted:
			fmt.Fprintf(&b, "<span class=\"kv\"><span class=\"label\">%s</span><span class=\"muted\">%s</span></span>", esc(n.Label), w.inlines(n.Text))
		default:
			fmt.Fprintf(&b, "<span class=\"kv\"><span class=\"label\">%s</span><span>%s</span></span>", esc(n.Label), w.inlines(n.Text))
		}
	}
	if len(it.Changes) > 0 {
		b.WriteString("<ul class=\"changes\">")
		for _, d := range model.DetailChanges(it.Changes) {
			b.WriteString("<li>" + esc(detailLine(d)) + "</li>")
		}
		b.WriteString("</ul>")
	}
	return b.String()
}

func (w *htmlWriter) table(t Table) {
	class := ""
	if t.Outline {
		class = " class=\"outline\""
	}
	w.printf("<table%s>\n<thead><tr>", class)
	for _, c := range t.Cols {
		w.printf("<th%s>%s</th>", nowrap(c.NoWrap), esc(c.Title))
	}
	w.printf("</tr></thead>\n<tbody>\n")
	for _, r := range t.Rows {
		if t.Outline {
			rowClass := "child"
			if r.Strong {
				rowClass = "strong"
			}
			w.printf("<tr class=\"%s\">", rowClass)
		} else {
			w.printf("<tr>")
		}
		for i, c := range r.Cells {
			switch {
			case i == 0 && t.Outline:
				arrow := ""
				if r.Depth > 0 {
					arrow = "↳"
				}
				w.printf("<td class=\"tree\" style=\"padding-left: %.1frem\"><span class=\"arrow\">%s</span>%s</td>", 1.6+1.2*float64(r.Depth), arrow, w.inlines(c))
			default:
				w.printf("<td%s>%s</td>", nowrap(i < len(t.Cols) && t.Cols[i].NoWrap), w.inlines(c))
			}
		}
		w.printf("</tr>\n")
	}
	w.printf("</tbody>\n</table>\n")
}

func nowrap(ok bool) string {
	if ok {
		return " class=\"nowrap\""
	}
	return ""
}

func (w *htmlWriter) inlines(ins []Inline) string {
	var b strings.Builder
	for i, in := range ins {
		if i > 0 && widget(in) {
			b.WriteString(" ")
		}
		switch in := in.(type) {
		case Text:
			b.WriteString(esc(string(in)))
		case Strong:
			b.WriteString("<b>" + esc(string(in)) + "</b>")
		case Code:
			b.WriteString("<code>" + esc(string(in)) + "</code>")
		case Ref:
			b.WriteString("<span class=\"id\">" + esc(string(in)) + "</span>")
		case Rec:
			b.WriteString(esc(in.Title))
			if in.ID != "" {
				b.WriteString(" <span class=\"id\">" + esc(in.ID) + "</span>")
			}
		case Cut:
			b.WriteString(esc(in.Text))
		case Alert:
			b.WriteString("<span class=\"chip off\">" + esc(string(in)) + "</span>")
		case Health:
			h := string(in)
			fmt.Fprintf(&b, "<span class=\"chip %s\">%s %s</span>", healthClass(h), HealthSymbol(h), esc(HealthWords(h)))
		case Progress:
			width := 0
			if in.Value != nil {
				width = int(*in.Value*100 + 0.5)
			}
			fmt.Fprintf(&b, "<span class=\"progress\"><span class=\"bar\"><span style=\"width: %d%%\"></span></span><span class=\"pct\">%s</span></span>",
				width, ProgressPercent(in.Value))
		case Counts:
			var chips []string
			for _, h := range healthOrder() {
				if n := in.Counts[h]; n > 0 {
					words := HealthWords(h)
					if h == model.HealthNone {
						words = in.None
					}
					chips = append(chips, fmt.Sprintf("<span class=\"chip %s\">%s %d %s</span>", healthClass(h), HealthSymbol(h), n, esc(words)))
				}
			}
			if len(chips) == 0 {
				chips = []string{"none"}
			}
			b.WriteString(strings.Join(chips, " "))
		default:
			panic(fmt.Sprintf("render: HTML has no way to write %T", in))
		}
	}
	return b.String()
}

// healthClass maps a health to a CSS class from a fixed set, so no record
// value ever lands in a class attribute.
func healthClass(h string) string {
	switch h {
	case model.HealthOnTrack, "achieved":
		return "ok"
	case model.HealthAtRisk, "partially_achieved":
		return "risk"
	case model.HealthOffTrack, "missed":
		return "off"
	case model.HealthOnHold, "dropped":
		return "hold"
	}
	return "none"
}

// idAttr is a section's id attribute, or nothing.
func idAttr(id string) string {
	if id == "" {
		return ""
	}
	return " id=\"" + esc(id) + "\""
}

// esc makes text safe in an element or a quoted attribute.
func esc(s string) string { return html.EscapeString(model.CleanText(s, false)) }
