package render

import (
	_ "embed"
	"fmt"
	"html"
	"slices"
	"strings"

	"github.com/accordhq/accord/model"
)

//go:embed page.css
var pageCSS string

// HTML writes a Doc as a page. On its own (Doc.Page nil) it is one
// self-contained page: inline CSS, no scripts, no images, fonts or links
// to fetch, so it opens offline, can be mailed as an attachment and prints
// well (a print stylesheet keeps colours and avoids breaking an entry
// across pages). As a page of a published site it loads the site's style
// sheet and, where it filters a table, its one script — both relative, so
// the site works from file:// — and carries the site's navigation. Every
// string is cleaned (model.CleanText) and escaped; attributes hold only
// the writer's own class names, numbers, anchors and the addresses
// Doc.Link gives (checked by safeHref).
func HTML(d *Doc) string {
	w := &htmlWriter{doc: d}
	title := esc(d.Title)
	w.printf("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	w.printf("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<meta name=\"generator\" content=\"Accord\">\n")
	w.printf("<title>%s</title>\n", title)
	if p := d.Page; p != nil {
		w.printf("<link rel=\"stylesheet\" href=\"%s\">\n", attr(p.Root+"style.css"))
		if p.Feed != "" {
			w.printf("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"%s\" href=\"%s\">\n", title, attr(safeHref(p.Root+p.Feed)))
		}
		if p.Filter {
			w.printf("<script src=\"%s\" defer></script>\n", attr(p.Root+"filter.js"))
		}
	} else {
		w.printf("<style>\n%s</style>\n", pageCSS)
	}
	w.printf("</head>\n<body>\n")
	if p := d.Page; p != nil && len(p.Nav) > 0 {
		w.printf("<nav>")
		for _, n := range p.Nav {
			current := ""
			if n.Href == p.Current {
				current = " aria-current=\"page\""
			}
			w.printf("<a href=\"%s\"%s>%s</a>", attr(safeHref(p.Root+n.Href)), current, esc(n.Title))
		}
		if p.Feed != "" {
			w.printf("<a class=\"feed\" href=\"%s\">Atom feed</a>", attr(safeHref(p.Root+p.Feed)))
		}
		w.printf("</nav>\n")
	}
	w.printf("<header>\n<h1>%s</h1>\n", title)
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

type htmlWriter struct {
	b   strings.Builder
	doc *Doc
}

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
		accent := "plain"
		if s.Accent != "" {
			accent = healthClass(s.Accent)
		}
		w.printf("<article class=\"entry %s\"%s>\n<h3>%s</h3>\n", accent, idAttr(s.ID), esc(s.Title))
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
			w.printf("<li%s>%s</li>\n", idAttr(it.ID), w.item(it))
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
	case Chart:
		w.chart(b)
	case Rich:
		w.printf("<div class=\"rich\">%s</div>\n", richHTML(string(b)))
	case Filters:
		w.filters(b)
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
		w.printf("<tr%s%s", idAttr(r.ID), tagAttrs(r.Tags))
		if t.Outline {
			rowClass := "child"
			if r.Strong {
				rowClass = "strong"
			}
			w.printf(" class=\"%s\">", rowClass)
		} else {
			w.printf(">")
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
			if href := w.doc.link(string(in)); href != "" {
				b.WriteString("<a class=\"id\" href=\"" + attr(href) + "\">" + esc(string(in)) + "</a>")
			} else {
				b.WriteString("<span class=\"id\">" + esc(string(in)) + "</span>")
			}
		case Rec:
			// Linked, the title is enough: the address holds the ID.
			if href := w.doc.link(in.ID); href != "" {
				b.WriteString("<a href=\"" + attr(href) + "\">" + esc(in.Title) + "</a>")
			} else {
				b.WriteString(esc(in.Title))
				if in.ID != "" {
					b.WriteString(" <span class=\"id\">" + esc(in.ID) + "</span>")
				}
			}
		case Who:
			if href := w.doc.linkWho(in); href != "" {
				b.WriteString("<a href=\"" + attr(href) + "\">" + esc(in.Name) + "</a>")
			} else {
				b.WriteString(esc(in.Name))
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

// attr makes an address safe in a quoted attribute.
func attr(s string) string { return html.EscapeString(model.CleanText(s, false)) }

// tagAttrs are a row's tags as data attributes for the filter script:
// data-KEY="v1 v2". Keys are the builder's own words; a key that is not
// plain lower-case letters is left out rather than trusted.
func tagAttrs(tags map[string][]string) string {
	if len(tags) == 0 {
		return ""
	}
	keys := make([]string, 0, len(tags))
	for k := range tags {
		if k != "" && strings.Trim(k, "abcdefghijklmnopqrstuvwxyz") == "" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(" data-" + k + "=\"" + esc(strings.Join(tags[k], " ")) + "\"")
	}
	return b.String()
}

// filters draws a Filters block: hidden until the site's script shows it,
// so a page without scripts shows every row and no dead controls.
func (w *htmlWriter) filters(fs Filters) {
	w.printf("<div class=\"filters\" hidden>")
	for _, f := range fs {
		if f.Key == "" || strings.Trim(f.Key, "abcdefghijklmnopqrstuvwxyz") != "" {
			continue
		}
		w.printf("<label>%s <select data-key=\"%s\"><option value=\"\">all</option>", esc(f.Label), f.Key)
		for _, o := range f.Options {
			w.printf("<option value=\"%s\">%s</option>", esc(o[0]), esc(o[1]))
		}
		w.printf("</select></label>")
	}
	w.printf("<span class=\"count\"></span></div>\n")
}
