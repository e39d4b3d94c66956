package goals

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
	"github.com/charmbracelet/x/ansi"
)

func (g *Tab) healthLabel(h string) string {
	if h == noCheckIn {
		return g.c.Styles.Health("")
	}
	return g.c.Styles.Health(h)
}

// renderHeader shows the filters in force and how many goals match.
func (g *Tab) renderHeader(width int) string {
	s := g.c.Styles
	value := func(v string) string {
		if v == "" {
			return s.Muted.Render("all")
		}
		return s.Heading.Render(v)
	}
	team := ""
	if g.team != "" {
		team = common.TeamName(g.data.Org, g.team)
	}
	health := s.Muted.Render("all")
	if g.healthF != "" {
		health = g.healthLabel(g.healthF)
	}
	left := " " + s.Key.Render("p") + s.Muted.Render(" period ") + value(common.Clean(g.period)) +
		s.Muted.Render(" · ") + s.Key.Render("t") + s.Muted.Render(" team ") + value(team) +
		s.Muted.Render(" · ") + s.Key.Render("H") + s.Muted.Render(" health ") + health
	right := s.Muted.Render(common.Plural(g.matches, "goal") + " ")
	if g.matches == 0 && g.data != nil && len(g.data.Org.Goals) > 0 {
		right = s.Warning.Render("none match ")
	}
	if gap := width - ansi.StringWidth(left) - ansi.StringWidth(right); gap >= 1 {
		return left + strings.Repeat(" ", gap) + right
	}
	return common.Fit(left, width)
}

// columns is which columns a row has room for: the bar always, then the
// owner, team and period as the width allows. 0 means hidden.
type columns struct{ bar, owner, team, period int }

// right is the width of the columns after the title.
func (c columns) right() int {
	w := 1 + c.bar + 5
	for _, x := range []int{c.owner, c.team, c.period} {
		if x > 0 {
			w += x + 1
		}
	}
	return w
}

func columnsFor(width int, period bool) columns {
	// The title of a key result (four levels deep: 10 cells of tree and
	// health) keeps at least 30 cells before any optional column shows.
	const keyResultLead, minTitle = 1 + 10, 30
	c := columns{bar: 10}
	room := width - keyResultLead - minTitle - c.right()
	if room < 0 {
		c.bar = max(c.bar+room, 6)
		return c
	}
	for _, col := range []struct {
		w *int
		n int
	}{{&c.owner, 11}, {&c.team, 11}, {&c.period, 7}} {
		if room >= col.n+1 && (col.w != &c.period || period) {
			*col.w = col.n
			room -= col.n + 1
		}
	}
	return c
}

// renderRow is a goal's line: its finding mark, the tree's guides, its
// health, title, the columns that fit and its progress; an ancestor shown
// only for a match below it is dimmed.
func (g *Tab) renderRow(id string, _ bool, width int) string {
	s, o := g.c.Styles, g.data.Org
	if f, ok := widget.ProblemFor(g.data, id); ok {
		return widget.ProblemRow(s, f, width)
	}
	if !g.tree.Has(id) {
		return ""
	}
	prefix := g.tree.Prefix(id)
	gl := o.Goals[id]
	if gl == nil { // the KPI group
		return common.Fit(" "+s.Muted.Render(prefix)+s.Heading.Render("KPIs")+
			s.Muted.Render(" · "+common.Plural(len(g.tree.Children(id)), "indicator")+" tracked apart from the pyramid"), width)
	}
	dim := g.tree.Dimmed(id)
	style := func(st lipgloss.Style, text string) string {
		if dim {
			return s.Muted.Render(text)
		}
		return st.Render(text)
	}
	h := g.health[id]
	// With a period chosen, every row is of that period or of none.
	c := columnsFor(width, g.period == "")

	titleW := max(width-1-ansi.StringWidth(prefix)-2-c.right(), 1)
	title := g.titles[id]
	if gl.State == "draft" {
		title += " (draft)"
	}
	titleStyle := lipgloss.NewStyle()
	if gl.Level == model.LevelMission || gl.Level == model.LevelStrategic {
		titleStyle = s.Title
	}
	if gl.State == "closed" || gl.State == "draft" {
		titleStyle = s.Muted
	}

	var b strings.Builder
	b.WriteString(widget.Marker(s, g.data, id))
	b.WriteString(s.Muted.Render(prefix))
	b.WriteString(style(s.HealthStyle(h), common.HealthSymbol(h)) + " ")
	b.WriteString(style(titleStyle, common.Pad(title, titleW)))
	if c.owner > 0 {
		b.WriteString(" " + style(s.Muted, common.Pad(shortName(common.PersonName(o, gl.Owner), c.owner), c.owner)))
	}
	if c.team > 0 {
		b.WriteString(" " + style(s.Muted, common.Pad(common.TeamName(o, gl.Team), c.team)))
	}
	if c.period > 0 {
		b.WriteString(" " + style(s.Muted, common.Pad(common.Clean(gl.Period), c.period)))
	}
	p, known := g.progress[id]
	bar := s.Bar(p, known, c.bar)
	if dim {
		bar = s.Muted.Render(ansi.Strip(bar))
	}
	b.WriteString(" " + common.Pad(bar, c.bar+5))
	return common.Fit(b.String(), width)
}

// shortName fits a name to width cells: whole when it fits, else the
// first name and the last name's initial ("Amara O."), else cut.
func shortName(name string, width int) string {
	if ansi.StringWidth(name) <= width {
		return name
	}
	if f := strings.Fields(name); len(f) > 1 {
		last := []rune(f[len(f)-1])
		return f[0] + " " + string(last[0]) + "."
	}
	return name
}
