package raci

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

// handoffInfo is what the hand-offs view shows of one hand-off, computed
// once per load.
type handoffInfo struct {
	rec *model.Handoff
	// done: delivered, received or rejected, so no longer due.
	done    bool
	overdue bool
}

// closed hand-offs (received or rejected) sort last and are muted.
func (h *handoffInfo) closed() bool { return h.rec.State == "received" || h.rec.State == "rejected" }

// handoffRow is one line of the hand-offs view: marker, state, from team →
// to team, due (overdue in the warning colour), title.
func (r *Tab) handoffRow(id string, width int) string {
	s, o := r.c.Styles, r.data.Org
	x := r.handoffs[id]
	if x == nil {
		return ""
	}
	h := x.rec
	teamW := min(10, max(5, (width-40)/3))
	route := common.Pad(common.Fit(common.TeamName(o, h.From.Team), teamW)+" → "+common.Fit(common.TeamName(o, h.To.Team), teamW), 2*teamW+3)
	mark := widget.Marker(s, r.data, id)
	if x.closed() {
		due := common.Pad(dueShort(h.Due, r.data.Today), 7)
		return common.Fit(mark+" "+s.Muted.Render(common.Pad(common.Label(common.Clean(h.State)), 11)+" "+route+" "+due+" "+common.Clean(h.Title)), width)
	}
	state := common.Pad(common.Label(common.Clean(h.State)), 11)
	if h.State == "delivered" {
		state = s.Info.Render(state)
	}
	return common.Fit(mark+" "+state+" "+route+" "+r.dueCell(h.Due, x.overdue)+" "+common.Clean(h.Title), width)
}

// handoffBody is a hand-off's details: who hands what to whom, by when,
// what is expected, each deliverable with its acceptance criteria as a
// checklist, and the RACI records about it.
func (r *Tab) handoffBody(id string, width int) string {
	s, o := r.c.Styles, r.data.Org
	x := r.handoffs[id]
	h := x.rec
	var b strings.Builder
	b.WriteString(s.Title.Render(common.Wrap(common.Clean(h.Title), width)) + "\n")
	meta := s.Muted.Render(common.Clean(h.ID)+" · ") + stateWord(s, h.State)
	if h.Due != "" {
		if x.done {
			meta += s.Muted.Render(" · due " + common.Clean(h.Due))
		} else {
			meta += s.Muted.Render(" · ") + r.dueLong(h.Due, x.overdue)
		}
	}
	b.WriteString(common.Wrap(meta, width) + "\n\n")
	party := func(p model.Party) string {
		v := common.TeamName(o, p.Team)
		if p.Owner != "" {
			v += s.Muted.Render(" · ") + common.PersonName(o, p.Owner)
		}
		return v
	}
	widget.KeyValueWrapped(&b, s, "From", party(h.From), width)
	widget.KeyValueWrapped(&b, s, "To", party(h.To), width)
	b.WriteString("\n")
	b.WriteString(widget.FindingLines(s, common.FindingsFor(r.data, id), width))

	if strings.TrimSpace(h.Expectations) != "" {
		b.WriteString(s.Heading.Render("Expectations") + "\n")
		b.WriteString(common.Wrap(strings.TrimRight(common.CleanBlock(h.Expectations), "\n"), width) + "\n\n")
	}

	b.WriteString(s.Heading.Render("Deliverables") + "\n")
	if len(h.Deliverables) == 0 {
		b.WriteString(s.Muted.Render("None listed.") + "\n")
	}
	box := "☐ "
	if h.State == "received" {
		box = "☑ "
	}
	for _, d := range h.Deliverables {
		b.WriteString(hangingWrap("▪ ", common.Clean(d.Title), width) + "\n")
		for _, a := range d.Acceptance {
			b.WriteString(hangingWrap("  "+box, common.Clean(a), width) + "\n")
		}
	}

	about := r.bySubject[subjectKey(model.Subject{Kind: "handoff", ID: id})]
	b.WriteString("\n" + s.Heading.Render("RACI") + "\n")
	if len(about) == 0 {
		b.WriteString(s.Muted.Render("No RACI record is about this hand-off.") + "\n")
	}
	for _, rid := range about {
		b.WriteString(r.raciLine(rid, width) + "\n")
	}
	return b.String()
}

// hangingWrap wraps text after a prefix, indenting the lines that follow
// under the text.
func hangingWrap(prefix, text string, width int) string {
	w := lipgloss.Width(prefix)
	lines := strings.Split(common.Wrap(text, max(width-w, 4)), "\n")
	indent := strings.Repeat(" ", w)
	for i := range lines {
		if i == 0 {
			lines[i] = common.Fit(prefix+lines[i], width)
		} else {
			lines[i] = common.Fit(indent+lines[i], width)
		}
	}
	return strings.Join(lines, "\n")
}

// handoffFilterText is what / matches for a hand-off: ID, title, state,
// both teams and both owners, by handle and name.
func (r *Tab) handoffFilterText(h *model.Handoff) string {
	return strings.Join([]string{h.ID, h.Title, h.State,
		h.From.Team, r.nameOf(h.From.Team), h.From.Owner, r.nameOf(h.From.Owner),
		h.To.Team, r.nameOf(h.To.Team), h.To.Owner, r.nameOf(h.To.Owner)}, " ")
}
