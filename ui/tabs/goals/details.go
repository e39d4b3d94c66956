package goals

import (
	"fmt"
	"strings"
	"time"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

// renderBody is a goal's details: what it is, its metric and progress,
// health, findings, the latest check-ins, linked decisions and RACI
// records, and its children.
func (g *Tab) renderBody(id string, width int) string {
	s, o := g.c.Styles, g.data.Org
	if f, ok := widget.ProblemFor(g.data, id); ok {
		return widget.ProblemBody(s, f, width)
	}
	if id == kpiGroup {
		return g.kpiBody(width)
	}
	gl := o.Goals[id]
	if gl == nil {
		return s.Muted.Render("Not found.")
	}
	var b strings.Builder
	g.about(&b, gl, width)
	g.measure(&b, gl, width)
	g.blockedBy(&b, gl, width)
	b.WriteString(widget.FindingLines(s, common.FindingsFor(g.data, id), width))
	g.checkIns(&b, id, width)
	g.links(&b, id, width)
	g.dependencies(&b, gl, width)
	if kids := g.tree.Children(id); len(kids) > 0 {
		b.WriteString("\n" + s.Heading.Render("Children") + "\n")
		styled := map[string]string{}
		for _, c := range kids {
			b.WriteString(g.childLine(c, width, styled) + "\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// about is what a goal is: its title, level, team, owner, period, state
// and ID, and its description.
func (g *Tab) about(b *strings.Builder, gl *model.Goal, width int) {
	s, o := g.c.Styles, g.data.Org
	b.WriteString(s.Title.Render(common.Wrap(common.Clean(gl.Title), width)) + "\n")
	meta := []string{common.Label(gl.Level)}
	if gl.Team != "" {
		meta = append(meta, common.TeamName(o, gl.Team))
	}
	if gl.Owner != "" {
		meta = append(meta, common.PersonName(o, gl.Owner))
	}
	if gl.Period != "" {
		meta = append(meta, common.Clean(gl.Period))
	}
	state := common.Clean(gl.State)
	if gl.Outcome != "" {
		state += ": " + common.Label(common.Clean(gl.Outcome))
	}
	meta = append(meta, state)
	b.WriteString(s.Muted.Render(common.Wrap(strings.Join(meta, " · ")+" · "+common.Clean(gl.ID), width)) + "\n")
	if gl.Description != "" {
		b.WriteString("\n" + common.Wrap(common.CleanBlock(gl.Description), width) + "\n")
	}
	b.WriteString("\n")
}

// measure is where a goal stands: its metric from baseline to target (or
// a word that progress comes from its children), its progress bar and its
// health.
func (g *Tab) measure(b *strings.Builder, gl *model.Goal, width int) {
	s, o := g.c.Styles, g.data.Org
	p, known := g.progress[gl.ID]
	if m := gl.Metric; m != nil {
		b.WriteString(common.Wrap(metricLine(o, gl.ID, m)+s.Muted.Render(" ("+better(m)+")"), width) + "\n")
	} else if known {
		b.WriteString(s.Muted.Render(common.Wrap("Progress from its children, by weight", width)) + "\n")
	}
	b.WriteString(common.Fit(s.Bar(p, known, max(min(20, width-5), 1)), width) + "\n")
	h := g.health[gl.ID]
	health := s.Health(h)
	if h != "" && h != model.HealthStale && o.LatestUpdate(gl.ID) == nil {
		health += s.Muted.Render(" (rolled up: the weakest of its children)")
	}
	b.WriteString(common.Fit(s.Muted.Render("Health ")+health, width) + "\n")
	if h == model.HealthStale {
		// Stale says the news is old: say how old, and what it was.
		st := o.Staleness(gl, o.Today)
		why := fmt.Sprintf("The last check-in, %s on %s, said %s %s ago; a %s goal wants one every %s.",
			common.Clean(st.Last.ID), common.Clean(st.Last.Date), common.Label(o.Reported(gl.ID)),
			common.Plural(st.Days, "day"), common.Clean(gl.Cadence), common.Plural(st.Every, "day"))
		b.WriteString(s.Muted.Render(common.Wrap(why, width)) + "\n")
	}
	b.WriteString("\n")
}

// metricLine is "14 → 8 → 5 days": baseline, current value and target.
func metricLine(o *model.Org, id string, m *model.Metric) string {
	unit := common.Clean(m.Unit)
	num := common.Number
	if unit == "%" {
		num = func(v float64) string { return common.Number(v) + "%" }
	}
	cur := "no value yet"
	if v, ok := o.CurrentValue(id); ok {
		cur = num(v)
	}
	line := num(m.Baseline) + " → " + cur + " → " + num(m.Target)
	if unit != "" && unit != "%" {
		line += " " + unit
	}
	return line
}

func better(m *model.Metric) string {
	if m.Direction == "decrease" {
		return "lower is better"
	}
	return "higher is better"
}

// checkIns are a goal's last three check-ins, newest first, and how many
// came before.
func (g *Tab) checkIns(b *strings.Builder, id string, width int) {
	s := g.c.Styles
	b.WriteString(s.Heading.Render("Check-ins") + "\n")
	ups := g.data.Org.UpdatesOf(id)
	if len(ups) == 0 {
		b.WriteString(s.Muted.Render("None yet.") + "\n")
	}
	for i := len(ups) - 1; i >= max(len(ups)-3, 0); i-- {
		b.WriteString(g.checkIn(ups[i], width))
	}
	if len(ups) > 3 {
		b.WriteString(s.Muted.Render(common.Wrap(fmt.Sprintf("and %s before these", common.Plural(len(ups)-3, "check-in")), width)) + "\n")
	}
}

// links are the decisions that name a goal and the RACI records about it.
func (g *Tab) links(b *strings.Builder, id string, width int) {
	s, o := g.c.Styles, g.data.Org
	if ds := g.decisions[id]; len(ds) > 0 {
		b.WriteString("\n" + s.Heading.Render("Decisions") + "\n")
		for _, did := range ds {
			d := o.Decisions[did]
			b.WriteString(common.Fit(s.Muted.Render(common.Pad(common.Label(common.Clean(d.Status)), 11))+common.Clean(d.Title), width) + "\n")
		}
	}
	if rs := g.racis[id]; len(rs) > 0 {
		b.WriteString("\n" + s.Heading.Render("RACI") + "\n")
		for _, rid := range rs {
			x := o.RACIs[rid]
			var a []string
			for _, p := range x.Accountable {
				a = append(a, common.PersonName(o, p))
			}
			b.WriteString(common.Fit(common.Clean(x.Title)+s.Muted.Render(" · ")+s.Role["A"].Render("A")+" "+strings.Join(a, ", ")+
				s.Muted.Render(" · "+common.Clean(x.State)), width) + "\n")
		}
	}
}

// blockedBy says what of the goal's dependencies stands in its way: a
// goal at risk or off track, a decision open past its review date, a
// hand-off late or rejected (model.Org.BlockedBy).
func (g *Tab) blockedBy(b *strings.Builder, gl *model.Goal, width int) {
	s, o := g.c.Styles, g.data.Org
	if len(gl.DependsOn) == 0 {
		return
	}
	bs := o.BlockedBy(gl.ID, g.data.Today)
	for _, bl := range bs {
		line := "Blocked by " + common.Clean(bl.ID) + " " + g.recordTitle(bl.ID) + ": " + common.Clean(bl.Reason)
		b.WriteString(s.Warning.Render(common.Wrap(line, width)) + "\n")
	}
	if len(bs) > 0 {
		b.WriteString("\n")
	}
}

// dependencies are what the goal depends on (goals of any team, hand-offs,
// decisions), each with where it stands, and the goals that depend on it.
func (g *Tab) dependencies(b *strings.Builder, gl *model.Goal, width int) {
	s, o := g.c.Styles, g.data.Org
	if deps := o.DependenciesOf(gl.ID); len(deps) > 0 {
		b.WriteString("\n" + s.Heading.Render("Depends on") + "\n")
		for _, r := range deps {
			b.WriteString(g.dependencyLine(r, width) + "\n")
		}
	}
	if ds := g.dependents[gl.ID]; len(ds) > 0 {
		b.WriteString("\n" + s.Heading.Render("Depended on by") + "\n")
		for _, id := range ds {
			b.WriteString(g.dependencyLine(o.Goals[id], width) + "\n")
		}
	}
}

// dependencyLine is a record a goal depends on, or a goal that depends on
// one: its state (a goal's health), team and title.
func (g *Tab) dependencyLine(r model.Record, width int) string {
	s, o := g.c.Styles, g.data.Org
	var state string
	switch r := r.(type) {
	case *model.Goal:
		state = s.Health(g.health[r.ID])
	case *model.Decision:
		state = s.DecisionStatus(r.Status).Render(common.Clean(r.Status))
	case *model.Handoff:
		state = s.Muted.Render(common.Label(common.Clean(r.State)))
	}
	team := ""
	if t := o.TeamOf(r); t != "" {
		team = s.Muted.Render(" · " + common.TeamName(o, t))
	}
	return common.Fit(state+" "+common.Clean(r.RecordTitle())+team, width)
}

// recordTitle is a record's title, cleaned, or "" when it is not known.
func (g *Tab) recordTitle(id string) string {
	if r, ok := g.data.Org.Get(id); ok {
		return common.Clean(r.RecordTitle())
	}
	return ""
}

// checkIn renders one check-in for a goal's details.
func (g *Tab) checkIn(u *model.Update, width int) string {
	s, o := g.c.Styles, g.data.Org
	var b strings.Builder
	head := []string{common.Clean(u.Date)}
	if d, err := time.Parse(time.DateOnly, u.Date); err == nil && g.data.Today.After(d) {
		head[0] += s.Muted.Render(" (" + common.Ago(g.data.Today, d) + ")")
	}
	head = append(head, common.PersonName(o, u.Author), s.Health(u.Health))
	if u.Value != nil {
		v := common.Number(*u.Value)
		if gl := o.Goals[u.Target]; gl != nil && gl.Metric != nil {
			if unit := common.Clean(gl.Metric.Unit); unit == "%" {
				v += unit
			} else if unit != "" {
				v += " " + unit
			}
		}
		head = append(head, "value "+v)
	}
	if u.Confidence != nil {
		head = append(head, "confidence "+common.Number(*u.Confidence))
	}
	b.WriteString(common.Wrap(strings.Join(head, s.Muted.Render(" · ")), width) + "\n")
	if u.Summary != "" {
		b.WriteString(common.Wrap(common.CleanBlock(u.Summary), width) + "\n")
	}
	list := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		b.WriteString(s.Muted.Render(title) + "\n")
		for _, it := range items {
			lines := strings.Split(common.Wrap(common.Clean(it), max(width-2, 1)), "\n")
			b.WriteString("• " + strings.Join(lines, "\n  ") + "\n")
		}
	}
	list("Problems", u.Problems)
	list("Plans", u.Plans)
	var asks []string
	for _, a := range u.Asks {
		asks = append(asks, common.PersonName(o, a.From)+": "+a.What)
	}
	list("Asks", asks)
	list("Wins", u.Wins)
	return b.String() + "\n"
}

// childLine is a child goal: health, progress and title. styled keeps
// the styled pieces (health mark, percentage, period) for the lines of
// one pane: a goal may have hundreds of children, and styling is most of
// a line's cost.
func (g *Tab) childLine(id string, width int, styled map[string]string) string {
	s := g.c.Styles
	style := func(key string, render func() string) string {
		out, ok := styled[key]
		if !ok {
			out = render()
			styled[key] = out
		}
		return out
	}
	h := g.health[id]
	pct := "   —"
	if p, ok := g.progress[id]; ok {
		pct = common.Percent(p)
	}
	title := g.titles[id]
	if gl := g.data.Org.Goals[id]; gl != nil && gl.Period != "" {
		title += style("period "+gl.Period, func() string { return s.Muted.Render(" · " + common.Clean(gl.Period)) })
	}
	mark := style("health "+h, func() string { return s.HealthStyle(h).Render(common.HealthSymbol(h)) })
	return common.Fit(mark+" "+style("pct "+pct, func() string { return s.Muted.Render(pct) })+" "+title, width)
}

func (g *Tab) kpiBody(width int) string {
	s := g.c.Styles
	var b strings.Builder
	b.WriteString(s.Title.Render("KPIs") + "\n")
	b.WriteString(s.Muted.Render(common.Wrap("Key performance indicators: the numbers that say how the business is doing, tracked apart from the pyramid of goals and from any one period.", width)) + "\n\n")
	styled := map[string]string{}
	for _, c := range g.tree.Children(kpiGroup) {
		b.WriteString(g.childLine(c, width, styled) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}
