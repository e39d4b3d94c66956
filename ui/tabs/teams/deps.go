package teams

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

// depsView is the team × team dependencies: a row per team whose goals
// depend on others, a column per team depended on; a cell counts the open
// goals of the row's team that depend on the column's, and how many of
// those something of the column's team blocks.
type depsView struct {
	teams []string // rows and columns, by name
	cells map[[2]string]model.TeamDependency
	// goals and blocked count every cell; falling marks the pairs whose
	// pulse (either way) is falling.
	goals, blocked int
	falling        map[[2]string]bool
	worst          *model.PulseTrend
	row, col       int
}

func (v *depsView) set(d *common.Data) {
	o := d.Org
	v.cells = map[[2]string]model.TeamDependency{}
	seen := map[string]bool{}
	goals, blocked := map[string]bool{}, map[string]bool{}
	for _, td := range o.TeamDependencies(d.Today) {
		v.cells[[2]string{td.From, td.To}] = td
		seen[td.From], seen[td.To] = true, true
		for _, id := range td.Goals {
			goals[id] = true
		}
		for _, id := range td.AtRisk {
			blocked[id] = true
		}
	}
	v.goals, v.blocked = len(goals), len(blocked)
	v.teams = v.teams[:0]
	for _, id := range o.IDs(model.KindTeam) {
		if seen[id] {
			v.teams = append(v.teams, id)
		}
	}
	sortByName(o, v.teams)
	v.falling = map[[2]string]bool{}
	v.worst = nil
	trends := o.PulseTrends()
	for i, tr := range trends {
		if tr.Falling {
			v.falling[[2]string{tr.Team, tr.About}] = true
			v.falling[[2]string{tr.About, tr.Team}] = true
		}
		if w := worstTrend(trends); w >= 0 && i == w {
			v.worst = &trends[i]
		}
	}
	v.row = min(v.row, max(len(v.teams)-1, 0))
	v.col = min(v.col, max(len(v.teams)-1, 0))
	v.toBusiest()
}

// toBusiest moves a cursor that is on an empty cell to the cell with the
// most blocked goals, then the most goals.
func (v *depsView) toBusiest() {
	if len(v.teams) == 0 {
		return
	}
	if _, ok := v.cells[[2]string{v.teams[v.row], v.teams[v.col]}]; ok {
		return
	}
	best := -1
	for r, from := range v.teams {
		for c, to := range v.teams {
			td, ok := v.cells[[2]string{from, to}]
			if score := len(td.AtRisk)*1000 + len(td.Goals); ok && score > best {
				best, v.row, v.col = score, r, c
			}
		}
	}
}

// worstTrend is the index of the pair whose pulse fell most from one
// period to the next, or, when none fell, whose latest score is lowest;
// -1 when there are no trends.
func worstTrend(trends []model.PulseTrend) int {
	w := -1
	for i, tr := range trends {
		if w < 0 {
			w = i
			continue
		}
		cur := trends[w]
		switch {
		case tr.Change < cur.Change:
			w = i
		case tr.Change == cur.Change && tr.Latest().Average < cur.Latest().Average:
			w = i
		}
	}
	return w
}

func (v *depsView) key(t *Tab, k tea.KeyPressMsg) tea.Cmd {
	n := len(v.teams)
	if n == 0 {
		return nil
	}
	if dx, dy, ok := t.moveKey(k); ok {
		v.col = min(max(v.col+dx, 0), n-1)
		v.row = min(max(v.row+dy, 0), n-1)
		return nil
	}
	if key.Matches(k, t.open) {
		return v.openCell(t)
	}
	return nil
}

// openCell lists the goals behind the cursor's cell; enter goes to one.
func (v *depsView) openCell(t *Tab) tea.Cmd {
	o, s := t.data.Org, t.c.Styles
	from, to := v.teams[v.row], v.teams[v.col]
	td, ok := v.cells[[2]string{from, to}]
	if !ok {
		return common.Status(fmt.Sprintf("no goal of %s depends on %s", common.TeamName(o, from), common.TeamName(o, to)))
	}
	blocked := map[string]bool{}
	for _, id := range td.AtRisk {
		blocked[id] = true
	}
	var picks []widget.Pick
	for _, id := range td.Goals {
		g := o.Goals[id]
		text := s.Health(o.Health(id)) + " " + common.Clean(g.Title) + s.Muted.Render(" · "+common.PersonName(o, g.Owner))
		if blocked[id] {
			var why []string
			for _, b := range o.BlockedBy(id, t.data.Today) {
				why = append(why, common.Clean(b.ID)+" "+common.Clean(b.Reason))
			}
			text += s.Warning.Render(" · blocked by " + strings.Join(why, ", "))
		}
		picks = append(picks, widget.Pick{Target: id, Text: text, Filter: g.Title + " " + id})
	}
	title := fmt.Sprintf("Goals of %s that depend on %s", common.TeamName(o, from), common.TeamName(o, to))
	p := widget.NewPicker(t.c, title, "", picks).Wrapped(2)
	return func() tea.Msg { return common.PushMsg{Overlay: p} }
}

func (v *depsView) view(t *Tab) string {
	s, o := t.c.Styles, t.data.Org
	var b strings.Builder
	about := "no goal depends on another team's"
	if v.goals > 0 {
		verb := " depend"
		if v.goals == 1 {
			verb = " depends"
		}
		about = fmt.Sprintf("%s%s on other teams, %d blocked", common.Plural(v.goals, "goal"), verb, v.blocked)
	}
	b.WriteString(t.heading(about) + "\n")
	if v.worst != nil {
		b.WriteString(" " + pulseCallout(t, *v.worst) + "\n")
	}
	b.WriteString("\n")
	if len(v.teams) == 0 {
		b.WriteString(" " + s.Muted.Render(indent(common.Wrap("Goals name what they depend on in depends_on: goals of any team, hand-offs and decisions. None depends on another team's yet.", max(t.width-2, 1)))) + "\n")
		return b.String()
	}
	n := len(v.teams)
	labelW := 0
	for _, id := range v.teams {
		labelW = max(labelW, lipgloss.Width(common.TeamName(o, id)))
	}
	labelW = min(labelW, 16)
	cw := max(min((t.width-labelW-3)/n, 12), 4)
	// The column heads: the teams depended on.
	head := strings.Repeat(" ", labelW+2)
	for i, id := range v.teams {
		name := common.Pad(shortTeam(o, id, cw-1), cw)
		if i == v.col {
			head += s.Heading.Render(name)
		} else {
			head += s.Muted.Render(name)
		}
	}
	b.WriteString(head + "\n")
	for r, from := range v.teams {
		label := common.Pad(common.TeamName(o, from), labelW)
		if r == v.row {
			label = s.Heading.Render(label)
		}
		line := " " + label + " "
		for c, to := range v.teams {
			line += v.cell(t, from, to, cw, r == v.row && c == v.col)
		}
		b.WriteString(line + "\n")
	}
	b.WriteString(s.Muted.Render(common.Fit(" rows depend on columns: goals (blocked!) · ↓ the pair's pulse is falling", t.width)) + "\n\n")
	b.WriteString(v.cellDetails(t))
	return b.String()
}

// cell is one count: goals, and blocked ones with "!".
func (v *depsView) cell(t *Tab, from, to string, width int, cursor bool) string {
	s := t.c.Styles
	td, ok := v.cells[[2]string{from, to}]
	text, style := "·", s.Muted
	switch {
	case from == to:
		text = " "
	case ok:
		text = common.Itoa(len(td.Goals))
		style = lipgloss.NewStyle()
		if len(td.AtRisk) > 0 {
			text += " " + common.Itoa(len(td.AtRisk)) + "!"
			style = s.Warning
		}
	}
	if v.falling[[2]string{from, to}] {
		text += "↓"
		if !ok {
			style = s.Error
		}
	}
	cell := common.Pad(text, width-1) + " "
	if cursor {
		return s.Selected.Render(cell)
	}
	return style.Render(cell)
}

// cellDetails says what the cursor's cell holds.
func (v *depsView) cellDetails(t *Tab) string {
	s, o := t.c.Styles, t.data.Org
	from, to := v.teams[v.row], v.teams[v.col]
	var b strings.Builder
	td, ok := v.cells[[2]string{from, to}]
	if !ok {
		b.WriteString(" " + s.Muted.Render(common.Fit(fmt.Sprintf("No goal of %s depends on %s.", common.TeamName(o, from), common.TeamName(o, to)), t.width-1)) + "\n")
		return b.String()
	}
	b.WriteString(" " + common.Fit(fmt.Sprintf("%s depends on %s: %s, %d blocked", common.TeamName(o, from), common.TeamName(o, to),
		common.Plural(len(td.Goals), "goal"), len(td.AtRisk)), t.width-1) + "\n")
	blocked := map[string]bool{}
	for _, id := range td.AtRisk {
		blocked[id] = true
	}
	for _, id := range td.Goals {
		g := o.Goals[id]
		line := "  " + s.Health(o.Health(id)) + " " + common.Clean(g.Title)
		if blocked[id] {
			line += s.Warning.Render(" · blocked")
		}
		b.WriteString(common.Fit(line, t.width) + "\n")
	}
	return b.String()
}

// shortTeam is a team's name cut to a column: its handle when the name
// does not fit.
func shortTeam(o *model.Org, id string, width int) string {
	name := common.TeamName(o, id)
	if lipgloss.Width(name) > width {
		name = common.Clean(id)
	}
	return common.Fit(name, width)
}
