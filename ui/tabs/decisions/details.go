package decisions

import (
	"slices"
	"strings"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

// detailsDoc is a decision's details as they are written: Markdown in
// parts, each rendered on its own, so that an author's unclosed code
// fence or HTML block cannot swallow the sections after it.
type detailsDoc struct {
	d     *Tab
	width int
	parts []string
	md    strings.Builder // Markdown not rendered yet
}

// render renders Markdown now, as a part of its own.
func (w *detailsDoc) render(md string) {
	if r := w.d.markdown(md, w.width); r != "" {
		w.parts = append(w.parts, r)
	}
}

// flush renders the Markdown written so far.
func (w *detailsDoc) flush() {
	w.render(w.md.String())
	w.md.Reset()
}

// prose is free text the author wrote, under a heading: Markdown, kept in
// its own part and guarded.
func (w *detailsDoc) prose(heading, text string) {
	if text = strings.TrimSpace(common.CleanBlock(text)); text == "" {
		return
	}
	if heading != "" {
		w.md.WriteString("## " + heading + "\n")
	}
	w.flush()
	w.render(guardProse(text))
}

// renderDecision renders a decision: the title block and who last changed
// it, its findings (styled here, not Markdown), then the record. Free text
// (context, rationale, consequences) is Markdown the author wrote;
// everything else is escaped.
func (d *Tab) renderDecision(x *model.Decision, width int) string {
	w := &detailsDoc{d: d, width: width}
	w.render(d.headMarkdown(x))
	// Who last changed it comes from git, not the record: outside the
	// Markdown, like the findings.
	if len(w.parts) > 0 {
		w.parts[len(w.parts)-1] += "\n" + d.lastChangeLine(x.ID, width)
	}
	if f := widget.FindingLines(d.c.Styles, common.FindingsFor(d.data, x.ID), width); f != "" {
		w.parts = append(w.parts, widget.FitRendered(strings.TrimRight(f, "\n"), width))
	}
	d.who(&w.md, x)
	w.prose("Context", x.Context)
	if len(x.Drivers) > 0 {
		w.md.WriteString("## Decision drivers\n\n")
		for _, dr := range x.Drivers {
			w.md.WriteString("- " + mdEscape(common.Clean(dr)) + "\n")
		}
		w.md.WriteString("\n")
	}
	options(&w.md, x)
	if chosen := chosenOf(x); x.Outcome != nil && (chosen != "" || strings.TrimSpace(x.Outcome.Rationale) != "") {
		w.md.WriteString("## Outcome\n\n")
		if chosen != "" {
			w.md.WriteString("✓ Chosen: **" + chosenName(x, chosen) + "**\n\n")
		}
		w.prose("", x.Outcome.Rationale)
	}
	w.prose("Consequences", x.Consequences)
	d.facts(&w.md, x)
	d.links(&w.md, x)
	w.flush()
	return strings.Join(w.parts, "\n\n")
}

// headMarkdown is the title, the status, date and ID, and what superseded
// the decision.
func (d *Tab) headMarkdown(x *model.Decision) string {
	var head strings.Builder
	title := mdEscape(common.Clean(x.Title))
	if title == "" {
		title = "(untitled)"
	}
	head.WriteString("# " + title + "\n\n")
	status := mdEscape(common.Label(common.Clean(x.Status)))
	if status == "" {
		status = "no status"
	}
	line := "**" + status + "**"
	if x.Date != "" {
		line += " · " + mdEscape(common.Clean(x.Date))
	}
	line += " · " + mdEscape(common.Clean(x.ID))
	head.WriteString(line + "\n")
	if x.SupersededBy != "" {
		head.WriteString("\nSuperseded by " + d.recordRef(x.SupersededBy) + "\n")
	}
	return head.String()
}

// who lists the people in each role.
func (d *Tab) who(b *strings.Builder, x *model.Decision) {
	o := d.data.Org
	var who []string
	role := func(name string, ids ...string) {
		var names []string
		for _, id := range ids {
			if id != "" {
				names = append(names, mdEscape(common.PersonName(o, id)))
			}
		}
		if len(names) > 0 {
			who = append(who, "- **"+name+":** "+strings.Join(names, ", "))
		}
	}
	role("Driver", x.Driver)
	role("Approver", x.Approver)
	role("Decision makers", x.DecisionMakers...)
	role("Consulted", x.Consulted...)
	role("Informed", x.Informed...)
	if len(who) > 0 {
		b.WriteString("## Who\n\n" + strings.Join(who, "\n") + "\n\n")
	}
}

func chosenOf(x *model.Decision) string {
	if x.Outcome == nil {
		return ""
	}
	return x.Outcome.Chosen
}

// options lists the options considered, each with its good and bad points,
// the chosen one marked.
func options(b *strings.Builder, x *model.Decision) {
	if len(x.Options) == 0 {
		return
	}
	chosen := chosenOf(x)
	b.WriteString("## Options considered\n\n")
	for _, opt := range x.Options {
		t := mdEscape(common.Clean(opt.Title))
		if t == "" {
			t = mdEscape(common.Clean(opt.ID))
		}
		if chosen != "" && opt.ID == chosen {
			t = "✓ chosen: " + t
		}
		b.WriteString("### " + t + "\n\n")
		for _, g := range opt.Good {
			b.WriteString("- *good:* " + mdEscape(common.Clean(g)) + "\n")
		}
		for _, g := range opt.Bad {
			b.WriteString("- *bad:* " + mdEscape(common.Clean(g)) + "\n")
		}
		b.WriteString("\n")
	}
}

// chosenName is the chosen option's title, or its ID (and a word when no
// option has it).
func chosenName(x *model.Decision, chosen string) string {
	i := slices.IndexFunc(x.Options, func(o model.Option) bool { return o.ID == chosen })
	if i < 0 {
		return mdEscape(common.Clean(chosen)) + " (not among the options)"
	}
	if t := mdEscape(common.Clean(x.Options[i].Title)); t != "" {
		return t
	}
	return mdEscape(common.Clean(chosen))
}

// facts are the review date (overdue or not) and the tags, on one line.
func (d *Tab) facts(b *strings.Builder, x *model.Decision) {
	var facts []string
	if x.ReviewBy != "" {
		r := "**Review by** " + mdEscape(common.Clean(x.ReviewBy))
		if x.Status == model.DecisionAccepted && !d.data.Today.IsZero() && x.ReviewBy < d.data.Today.Format("2006-01-02") {
			r += " (overdue)"
		}
		facts = append(facts, r)
	}
	if len(x.Tags) > 0 {
		var tags []string
		for _, t := range x.Tags {
			tags = append(tags, mdEscape(common.Clean(t)))
		}
		facts = append(facts, "**Tags** "+strings.Join(tags, ", "))
	}
	if len(facts) > 0 {
		b.WriteString(strings.Join(facts, " · ") + "\n\n")
	}
}

// links are the decisions it supersedes and is superseded by, and the
// goals it serves.
func (d *Tab) links(b *strings.Builder, x *model.Decision) {
	var links []string
	if x.Supersedes != "" {
		links = append(links, "- **Supersedes:** "+d.recordRef(x.Supersedes))
	}
	if x.SupersededBy != "" {
		links = append(links, "- **Superseded by:** "+d.recordRef(x.SupersededBy))
	}
	for _, g := range x.Goals {
		links = append(links, "- **Goal:** "+d.recordRef(g))
	}
	if len(links) > 0 {
		b.WriteString("## Linked records\n\n" + strings.Join(links, "\n") + "\n\n*Press l to jump to a linked record.*\n")
	}
}
