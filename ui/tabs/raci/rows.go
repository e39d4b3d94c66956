package raci

import (
	"slices"
	"strings"
	"time"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

// The list view's rows and the details of a RACI record.

func (r *Tab) renderRow(id string, _ bool, width int) string {
	if f, ok := widget.ProblemFor(r.data, id); ok {
		return widget.ProblemRow(r.c.Styles, f, width)
	}
	if r.mode == raciHandoffs {
		return r.handoffRow(id, width)
	}
	return r.raciRow(id, width)
}

func (r *Tab) renderBody(id string, width int) string {
	s := r.c.Styles
	if f, ok := widget.ProblemFor(r.data, id); ok {
		return widget.ProblemBody(s, f, width)
	}
	if r.handoffs[id] != nil {
		return r.handoffBody(id, width)
	}
	if r.racis[id] != nil {
		return r.raciBody(id, width)
	}
	return s.Muted.Render("Not found.")
}

// raciRow is one line of the list: marker, state, due, the Accountable,
// who is Responsible, and the title.
func (r *Tab) raciRow(id string, width int) string {
	s, o := r.c.Styles, r.data.Org
	x := r.racis[id]
	if x == nil {
		return ""
	}
	rec := x.rec
	aw, rw := 8, 0 // name columns; Responsible only when there is room
	switch {
	case width >= 70:
		aw, rw = 10, 12
	case width >= 56:
		rw = 8
	}
	mark := widget.Marker(s, r.data, id)
	if !x.open {
		line := common.Pad(common.Clean(rec.State), 7) + " " + common.Pad(dueShort(rec.Due, r.data.Today), 7) + " A " +
			common.Pad(compactNames(o, rec.Accountable, "+", aw), aw) + " "
		if rw > 0 {
			line += "R " + common.Pad(compactNames(o, rec.Responsible, ", ", rw), rw) + " "
		}
		return common.Fit(mark+" "+s.Muted.Render(line+common.Clean(rec.Title)), width)
	}
	broken := func(rule string) bool {
		return slices.ContainsFunc(common.FindingsFor(r.data, id), func(f model.Finding) bool { return f.Rule == rule })
	}
	state := common.Pad(common.Clean(rec.State), 7)
	if rec.State == "draft" {
		state = s.Muted.Render(state)
	}
	var a string
	switch {
	case len(rec.Accountable) == 0:
		a = s.Error.Render(common.Pad("no A", aw))
	case broken("raci.accountable-multiple") || broken("raci.accountable-team"):
		a = s.Error.Render(common.Pad(compactNames(o, rec.Accountable, "+", aw), aw))
	default:
		a = s.Role["A"].Render(common.Pad(compactNames(o, rec.Accountable, "+", aw), aw))
	}
	line := mark + " " + state + " " + r.dueCell(rec.Due, x.overdue) + " " + s.Muted.Render("A ") + a + " "
	if rw > 0 {
		var rr string
		if len(rec.Responsible) == 0 {
			rr = s.Error.Render(common.Pad("no R", rw))
		} else {
			rr = s.Role["R"].Render(common.Pad(compactNames(o, rec.Responsible, ", ", rw), rw))
		}
		line += s.Muted.Render("R ") + rr + " "
	}
	title := common.Clean(rec.Title)
	if len(x.breaks) > 0 {
		title = s.Error.Render(title)
	}
	return common.Fit(line+title, width)
}

// dueCell is a due date in seven cells: "Nov 29", "Nov 17!" in the warning
// colour when it has passed, "—" when there is none.
func (r *Tab) dueCell(due string, overdue bool) string {
	s := r.c.Styles
	if due == "" {
		return s.Muted.Render(common.Pad("—", 7))
	}
	d := dueShort(due, r.data.Today)
	if overdue {
		return s.Warning.Render(common.Pad(d+"!", 7))
	}
	return common.Pad(d, 7)
}

// raciBody is a RACI record's details: subject, state, each role with its
// people, the rules it breaks, and other items about the same subject.
func (r *Tab) raciBody(id string, width int) string {
	s, o := r.c.Styles, r.data.Org
	x := r.racis[id]
	rec := x.rec
	var b strings.Builder
	b.WriteString(s.Title.Render(common.Wrap(common.Clean(rec.Title), width)) + "\n")
	meta := s.Muted.Render(common.Clean(rec.ID)+" · ") + stateWord(s, rec.State)
	if rec.Due != "" {
		meta += s.Muted.Render(" · ") + r.dueLong(rec.Due, x.overdue)
	}
	b.WriteString(common.Wrap(meta, width) + "\n\n")
	widget.KeyValueWrapped(&b, s, "Subject", r.subjectText(rec.Subject), width)
	b.WriteString("\n")
	b.WriteString(widget.FindingLines(s, common.FindingsFor(r.data, id), width))

	roles := []struct {
		letter, name string
		who          []string
		needed       string
	}{
		{"A", "Accountable", rec.Accountable, "nobody — exactly one person must be Accountable"},
		{"R", "Responsible", rec.Responsible, "nobody — at least one person or team must do the work"},
		{"C", "Consulted", rec.Consulted, ""},
		{"I", "Informed", rec.Informed, ""},
	}
	for _, role := range roles {
		var names []string
		for _, p := range role.who {
			names = append(names, s.Role[role.letter].Render(common.PersonName(o, p)))
		}
		v := strings.Join(names, s.Muted.Render(", "))
		if v == "" && role.needed != "" && x.open {
			v = s.Error.Render(role.needed)
		}
		widget.KeyValueWrapped(&b, s, s.Role[role.letter].Render(role.letter)+" "+role.name, v, width)
	}

	others := slices.DeleteFunc(slices.Clone(r.bySubject[subjectKey(rec.Subject)]), func(o string) bool { return o == id })
	if len(others) > 0 {
		b.WriteString("\n" + s.Heading.Render("Same subject") + "\n")
		for _, oid := range others {
			b.WriteString(r.raciLine(oid, width) + "\n")
		}
	}
	return b.String()
}

// raciLine is a one-line mention of a RACI record in another's details.
func (r *Tab) raciLine(id string, width int) string {
	s, o := r.c.Styles, r.data.Org
	x := r.racis[id]
	a := s.Role["A"].Render("A " + shortNames(o, x.rec.Accountable, "+"))
	line := widget.Marker(s, r.data, id) + " " + common.Clean(x.rec.Title) + " " + a + s.Muted.Render(" · "+common.Clean(x.rec.State)+" · "+common.Clean(id))
	if !x.open {
		line = widget.Marker(s, r.data, id) + " " + s.Muted.Render(common.Clean(x.rec.Title)+" · "+common.Clean(x.rec.State)+" · "+common.Clean(id))
	}
	return common.Fit(line, width)
}

// subjectText says what a RACI record is about: a deliverable's name, or
// the linked record's title and ID.
func (r *Tab) subjectText(sub model.Subject) string {
	s, o := r.c.Styles, r.data.Org
	kind := s.Muted.Render(common.Label(common.Clean(sub.Kind)) + " · ")
	if sub.ID == "" {
		return kind + common.Clean(sub.Name)
	}
	if rec, ok := o.Get(sub.ID); ok {
		return kind + common.Clean(rec.RecordTitle()) + s.Muted.Render(" "+common.Clean(sub.ID))
	}
	return kind + s.Error.Render(common.Clean(sub.ID)+" (not found)")
}

// dueLong is "due Nov 29, 2026 · in 6 days" or "… · 5 days overdue".
func (r *Tab) dueLong(due string, overdue bool) string {
	s := r.c.Styles
	t, err := time.Parse(time.DateOnly, due)
	if err != nil {
		return s.Error.Render("due " + common.Clean(due) + " (not a date)")
	}
	y, m, d := r.data.Today.Date()
	days := int(t.Sub(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)).Hours() / 24)
	text := "due " + t.Format("Jan 2, 2006")
	switch {
	case overdue:
		return s.Warning.Render(text + " · " + common.Plural(-days, "day") + " overdue")
	case days == 0:
		text += " · today"
	case days > 0:
		text += " · in " + common.Plural(days, "day")
	}
	return s.Muted.Render(text)
}

// raciFilterText is what / matches for a RACI record: ID, title, subject,
// state and each participant's handle and name.
func (r *Tab) raciFilterText(x *raciInfo) string {
	rec := x.rec
	parts := []string{rec.ID, rec.Title, rec.Subject.Name, rec.Subject.ID, rec.State}
	for _, p := range x.parts {
		parts = append(parts, p.who, r.nameOf(p.who))
	}
	return strings.Join(parts, " ")
}

// nameOf is a participant's name as written (unclean: for filtering only).
func (r *Tab) nameOf(id string) string {
	if p := r.data.Org.People[id]; p != nil {
		return p.Name
	}
	if t := r.data.Org.Teams[id]; t != nil {
		return t.Name
	}
	return ""
}
