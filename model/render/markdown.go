package render

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/accordhq/accord/model"
)

// Markdown writes a Doc as GitHub-flavoured Markdown: a heading per
// section, tables, lists; a folded section inside <details>. Lists and
// tables longer than their Most are cut, with a line that counts the
// rest. Every string is cleaned (model.CleanText), folded to one line and
// escaped, so record text cannot break a table or make emphasis, a link
// or HTML.
func Markdown(d *Doc) string {
	w := mdWriter{level: max(d.Level, 1), doc: d}
	w.chunk(strings.Repeat("#", w.level) + " " + mdEscape(d.Title, false))
	if len(d.Subtitle) > 0 {
		w.chunk(w.inlines(d.Subtitle, true))
	}
	for _, b := range d.Intro {
		w.block(b)
	}
	for _, s := range d.Sections {
		w.section(s, w.level+1)
	}
	return strings.Join(w.chunks, "\n\n") + "\n"
}

// mdWriter collects a document's chunks: its headings, paragraphs, lists
// and tables, which stand apart by a blank line.
type mdWriter struct {
	level  int
	chunks []string
	doc    *Doc
}

func (w *mdWriter) chunk(s string) { w.chunks = append(w.chunks, s) }

// mdWidths are the lengths a Cut is shortened to, by Size.
var mdWidths = [...]int{SizeName: 60, SizeTitle: 100, SizeSentence: 200, SizeParagraph: 400}

func (w *mdWriter) section(s Section, level int) {
	w.chunk(strings.Repeat("#", min(level, 6)) + " " + mdEscape(s.Title, false))
	if s.Fold != "" {
		w.chunk("<details><summary>" + mdEscape(s.Fold, false) + "</summary>")
	}
	if len(s.Badges)+len(s.Meta) > 0 {
		line := w.inlines(s.Badges, true)
		if len(s.Badges) > 0 && len(s.Meta) > 0 {
			line += " · "
		}
		w.chunk(line + w.inlines(s.Meta, len(s.Badges) == 0))
	}
	for _, b := range s.Blocks {
		w.block(b)
	}
	for _, sub := range s.Sections {
		w.section(sub, level+1)
	}
	if s.Fold != "" {
		w.chunk("</details>")
	}
}

func (w *mdWriter) block(b Block) {
	switch b := b.(type) {
	case Para:
		w.chunk(w.inlines(b.Text, true))
	case Quote:
		w.chunk("> " + w.inlines(b.Text, true))
	case None:
		w.chunk("_" + mdEscape(string(b), false) + "_")
	case List:
		w.list(b)
	case Table:
		w.table(b)
	case Facts:
		var lines []string
		for _, f := range b {
			lines = append(lines, "- **"+mdEscape(f.Label, false)+":** "+w.inlines(f.Value, false))
		}
		w.chunk(strings.Join(lines, "\n"))
	case Lists:
		for _, l := range b {
			if len(l.Items) == 0 {
				continue
			}
			w.chunk("**" + mdEscape(l.Title, false) + "**")
			var lines []string
			for _, it := range l.Items {
				lines = append(lines, "- "+w.inlines(it, true))
			}
			w.chunk(strings.Join(lines, "\n"))
		}
	case Transitions:
		w.table(b.table())
	case Chart:
		w.chunk(mdEscape(chartWords(b), true))
	case Rich:
		var lines []string
		for _, l := range richLines(string(b)) {
			if rest, ok := strings.CutPrefix(l, "- "); ok {
				lines = append(lines, "- "+mdEscape(rest, true))
			} else if rest, ok := strings.CutPrefix(l, "* "); ok {
				lines = append(lines, "- "+mdEscape(rest, true))
			} else {
				lines = append(lines, mdEscape(l, true)+"  ")
			}
		}
		if len(lines) > 0 {
			lines[len(lines)-1] = strings.TrimSuffix(lines[len(lines)-1], "  ")
			w.chunk(strings.Join(lines, "\n"))
		}
	case Filters:
		// Only a page with its script filters.
	default:
		panic(fmt.Sprintf("render: Markdown has no way to write %T", b))
	}
}

func (w *mdWriter) list(l List) {
	var lines []string
	items := l.Items
	if l.Most > 0 && len(items) > l.Most {
		items = items[:l.Most]
	}
	for _, it := range items {
		lines = append(lines, w.item(it)...)
	}
	if n := len(l.Items) - len(items); n > 0 {
		lines = append(lines, "- … and "+fmt.Sprint(n)+" more"+w.more(l.More))
	}
	w.chunk(strings.Join(lines, "\n"))
}

// item is a list item's lines: its verb in bold, the thing, what happened
// and a summary of its field changes; then its notes, a quotation each or
// a line each ending in a hard line break but the last.
func (w *mdWriter) item(it Item) []string {
	line := "- "
	switch {
	case it.Verb == "" || it.Implied:
	case it.New:
		line += "**New, " + mdEscape(it.Verb, false) + ":** "
	default:
		line += "**" + mdEscape(capitalise(it.Verb), false) + "** "
	}
	line += w.inlines(it.Subject, line == "- ") + w.inlines(it.Text, false)
	if len(it.Changes) > 0 {
		line += ": " + mdEscape(cut(SummarizeDetails(it.Changes, 6), mdWidths[SizeParagraph]), false)
	}
	if len(it.Sub) > 0 {
		var sub []string
		for _, s := range it.Sub {
			sub = append(sub, w.inlines(s, false))
		}
		line += ": " + strings.Join(sub, ", ")
	}
	lines := []string{line}
	for _, n := range it.Notes {
		if n.Quote {
			lines = append(lines, "  > "+w.inlines(n.Text, true))
			continue
		}
		lines[len(lines)-1] += "  " // a hard line break
		text := w.inlines(n.Text, n.Label == "")
		if n.Label != "" {
			text = mdEscape(n.Label, true) + ": " + text
		}
		lines = append(lines, "  "+text)
	}
	return lines
}

func (w *mdWriter) table(t Table) {
	var head, rule []string
	for _, c := range t.Cols {
		head = append(head, mdEscape(c.Title, false))
		rule = append(rule, "---")
	}
	lines := []string{"| " + strings.Join(head, " | ") + " |", "|" + strings.Join(rule, "|") + "|"}
	rows := t.Rows
	if t.Most > 0 && len(rows) > t.Most {
		rows = rows[:t.Most]
	}
	for _, r := range rows {
		var cells []string
		for i, c := range r.Cells {
			cell := w.inlines(c, false)
			if strings.TrimSpace(cell) == "" {
				cell = " "
			}
			if i == 0 && t.Outline {
				if r.Strong {
					cell = "**" + cell + "**"
				}
				if r.Depth > 0 {
					// Em spaces survive table-cell trimming; the arrow says "under".
					cell = strings.Repeat("\u2003", r.Depth-1) + "↳ " + cell
				}
			}
			cells = append(cells, cell)
		}
		lines = append(lines, "| "+strings.Join(cells, " | ")+" |")
	}
	if n := len(t.Rows) - len(rows); n > 0 {
		lines = append(lines, "", "… and "+fmt.Sprint(n)+" more"+w.more(t.More))
	}
	w.chunk(strings.Join(lines, "\n"))
}

// more is where the rest of a cut list is, in parentheses.
func (w *mdWriter) more(where []Inline) string {
	if len(where) == 0 {
		return ""
	}
	return " (" + w.inlines(where, false) + ")"
}

// inlines writes a run of inlines; lineStart says the run opens a line, so
// a first character that would start a heading, list or quote is escaped.
func (w *mdWriter) inlines(ins []Inline, lineStart bool) string {
	var b strings.Builder
	for i, in := range ins {
		if i > 0 && widget(in) {
			b.WriteString(" · ")
		}
		start := lineStart && b.Len() == 0
		switch in := in.(type) {
		case Text:
			b.WriteString(mdEscape(string(in), start))
		case Strong:
			b.WriteString("**" + mdEscape(strings.TrimSpace(string(in)), false) + "**")
		case Code:
			b.WriteString(mdCode(string(in)))
		case Ref:
			b.WriteString(w.linked(mdCode(string(in)), string(in)))
		case Rec:
			b.WriteString(w.linked(mdEscape(strings.TrimSpace(in.Title), start), in.ID))
		case Who:
			name := mdEscape(strings.TrimSpace(in.Name), start)
			if href := w.doc.linkWho(in); href != "" && name != "" {
				name = "[" + name + "](" + mdURL(href) + ")"
			}
			b.WriteString(name)
		case Cut:
			b.WriteString(mdEscape(cut(strings.TrimSpace(foldSpace(model.CleanText(in.Text, false))), mdWidths[in.Size]), start))
		case Alert:
			b.WriteString(mdEscape(string(in), start))
		case Health:
			b.WriteString(HealthSymbol(string(in)) + " " + mdEscape(HealthWords(string(in)), false))
		case Progress:
			// A no-break space keeps the bar and its figure on one line.
			b.WriteString("`" + ProgressBar(in.Value) + "`\u00a0" + ProgressPercent(in.Value))
		case Counts:
			b.WriteString(mdEscape(countsWords(in.Counts, in.None), start))
		default:
			panic(fmt.Sprintf("render: Markdown has no way to write %T", in))
		}
	}
	return b.String()
}

// linked is text made a link to a record's page, when it has one.
func (w *mdWriter) linked(text, id string) string {
	if href := w.doc.link(id); href != "" && text != "" {
		return "[" + text + "](" + mdURL(href) + ")"
	}
	return text
}

// mdEscape makes text safe inline Markdown: cleaned to one line, runs of
// white space folded, and every character that could start emphasis,
// code, a link, HTML, an entity or a table cell escaped; at the start of
// a line, also one that could start a heading, a list or a quotation.
func mdEscape(s string, lineStart bool) string {
	s = foldSpace(model.CleanText(s, false))
	var b strings.Builder
	for i, r := range s {
		switch {
		case strings.ContainsRune("\\`*_[]<>|~&", r):
			b.WriteByte('\\')
		case lineStart && i == 0 && strings.ContainsRune("#+-=>!", r):
			b.WriteByte('\\')
		case lineStart && (r == '.' || r == ')') && i > 0 && allDigits(s[:i]):
			b.WriteByte('\\') // "1." would start a numbered list
		}
		b.WriteRune(r)
	}
	return b.String()
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// mdCode writes a key as inline code; keys never hold a backtick, but the
// check keeps a hostile one from breaking out.
func mdCode(s string) string {
	s = model.CleanText(s, false)
	if strings.Contains(s, "`") {
		return mdEscape(s, false)
	}
	return "`" + s + "`"
}

// foldSpace turns each run of white space into one space, keeping one at
// either end.
func foldSpace(s string) string {
	if !strings.Contains(s, "  ") && !strings.ContainsAny(s, "\t\n\r\v\f") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
