package render

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/accordhq/accord/model"
)

// Plain writes a Doc as plain text for a terminal. It leaves out the
// title (the command that prints it says what it is) and starts at the
// subtitle; each section follows under its title, indented, with its
// items' verbs in a column of their own and a record's field changes one
// per line. Long record text is cut shorter than in Markdown. Every
// string is cleaned (model.CleanText), so no escape sequence reaches the
// terminal.
func Plain(d *Doc) string {
	w := textWriter{doc: d}
	if len(d.Subtitle) > 0 {
		w.line(w.inlines(d.Subtitle))
	}
	for _, b := range d.Intro {
		w.line("")
		w.block(b, "")
	}
	for _, s := range d.Sections {
		w.section(s)
	}
	return strings.Join(w.lines, "\n") + "\n"
}

type textWriter struct {
	lines []string
	doc   *Doc
}

func (w *textWriter) line(s string) { w.lines = append(w.lines, strings.TrimRight(s, " ")) }

// textWidths are the lengths a Cut is shortened to, by Size.
var textWidths = [...]int{SizeName: 40, SizeTitle: 60, SizeSentence: 100, SizeParagraph: 200}

const textIndent = "  "

func (w *textWriter) section(s Section) {
	w.line("")
	w.line(clean(s.Title))
	if len(s.Badges)+len(s.Meta) > 0 {
		line := w.inlines(s.Badges)
		if len(s.Badges) > 0 && len(s.Meta) > 0 {
			line += " · "
		}
		w.line(textIndent + line + w.inlines(s.Meta))
	}
	for _, b := range s.Blocks {
		w.block(b, textIndent)
	}
	for _, sub := range s.Sections {
		w.section(sub)
	}
}

func (w *textWriter) block(b Block, indent string) {
	switch b := b.(type) {
	case Para:
		w.line(indent + w.inlines(b.Text))
	case Quote:
		w.line(indent + "> " + w.inlines(b.Text))
	case None:
		w.line(indent + clean(string(b)))
	case List:
		w.list(b, indent)
	case Table:
		w.table(b, indent)
	case Facts:
		for _, f := range b {
			w.line(indent + clean(f.Label) + ": " + w.inlines(f.Value))
		}
	case Lists:
		for _, l := range b {
			if len(l.Items) == 0 {
				continue
			}
			w.line(indent + clean(l.Title) + ":")
			for _, it := range l.Items {
				w.line(indent + "  - " + w.inlines(it))
			}
		}
	case Transitions:
		for _, r := range b.Rows {
			w.line(fmt.Sprintf("%s%-11s %s %s (was %s)", indent, orDash(r.To), clean(r.Kind), w.inlines(r.Subject), orDash(r.From)))
		}
	case Chart:
		w.line(indent + clean(chartWords(b)))
	case Rich:
		for _, l := range richLines(string(b)) {
			w.line(indent + l)
		}
	case Filters:
		// Only a page with its script filters.
	default:
		panic(fmt.Sprintf("render: Plain has no way to write %T", b))
	}
}

// list writes a list's items: when any has a verb, the verbs stand in a
// column and an item's notes and field changes line up under its text.
func (w *textWriter) list(l List, indent string) {
	column := false
	for _, it := range l.Items {
		column = column || it.Verb != ""
	}
	for _, it := range l.Items {
		text := w.inlines(it.Subject)
		if it.New {
			text += " (new)"
		}
		text += w.inlines(it.Text)
		if len(it.Sub) > 0 {
			var sub []string
			for _, s := range it.Sub {
				sub = append(sub, w.inlines(s))
			}
			text += ": " + strings.Join(sub, ", ")
		}
		var more []string
		for _, n := range it.Notes {
			note := w.inlines(n.Text)
			if n.Label != "" {
				note = clean(n.Label) + ": " + note
			}
			more = append(more, note)
		}
		for _, d := range model.DetailChanges(it.Changes) {
			more = append(more, "  "+clean(detailLine(d)))
		}
		if !column {
			w.line(indent + text)
			for _, m := range more {
				w.line(indent + "  " + m)
			}
			continue
		}
		w.line(fmt.Sprintf("%s%-11s %s", indent, clean(it.Verb), text))
		for _, m := range more {
			w.line(fmt.Sprintf("%s%-11s %s", indent, "", m))
		}
	}
}

func (w *textWriter) table(t Table, indent string) {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	var head []string
	for _, c := range t.Cols {
		head = append(head, clean(c.Title))
	}
	fmt.Fprintln(tw, indent+strings.Join(head, "\t"))
	for _, r := range t.Rows {
		var cells []string
		for i, c := range r.Cells {
			cell := w.inlines(c)
			if i == 0 && t.Outline && r.Depth > 0 {
				cell = strings.Repeat("  ", r.Depth-1) + "↳ " + cell
			}
			cells = append(cells, cell)
		}
		fmt.Fprintln(tw, indent+strings.Join(cells, "\t"))
	}
	tw.Flush()
	for _, l := range strings.Split(strings.TrimRight(b.String(), "\n"), "\n") {
		w.line(l)
	}
}

func (w *textWriter) inlines(ins []Inline) string {
	var b strings.Builder
	for i, in := range ins {
		if i > 0 && widget(in) {
			b.WriteString(" · ")
		}
		switch in := in.(type) {
		case Text:
			b.WriteString(clean(string(in)))
		case Strong:
			b.WriteString(clean(string(in)))
		case Code:
			b.WriteString(clean(string(in)))
		case Ref:
			b.WriteString(clean(string(in)) + w.address(string(in)))
		case Rec:
			b.WriteString(clean(in.Title) + w.address(in.ID))
		case Who:
			b.WriteString(clean(in.Name))
		case Cut:
			b.WriteString(cut(strings.TrimSpace(foldSpace(clean(in.Text))), textWidths[in.Size]))
		case Alert:
			b.WriteString(clean(string(in)))
		case Health:
			b.WriteString(HealthSymbol(string(in)) + " " + clean(HealthWords(string(in))))
		case Progress:
			b.WriteString(ProgressBar(in.Value) + " " + ProgressPercent(in.Value))
		case Counts:
			b.WriteString(clean(countsWords(in.Counts, in.None)))
		default:
			panic(fmt.Sprintf("render: Plain has no way to write %T", in))
		}
	}
	return b.String()
}

// address is " <URL>" of a record's page, when it has one: text has no
// links, but a mail reader makes one of it.
func (w *textWriter) address(id string) string {
	if href := w.doc.link(id); href != "" {
		return " <" + clean(href) + ">"
	}
	return ""
}

// clean is record text made safe for a terminal, on one line.
func clean(s string) string { return model.CleanText(s, false) }
