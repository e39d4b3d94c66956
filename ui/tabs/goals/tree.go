package goals

import (
	"cmp"
	"slices"
	"strings"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

// buildTree lays the goals out depth first: roots (the mission, and goals
// whose parent does not resolve) by level and title, each goal's children
// by level and title, goals caught in a parent cycle after them, and the
// KPIs last under a group row of their own.
func (g *Tab) buildTree(o *model.Org) {
	kids := map[string][]string{}
	var roots, kpis []string
	for id, gl := range o.Goals {
		parent := o.Goals[gl.Parent]
		switch {
		case gl.Level == model.LevelKPI && (parent == nil || parent.Level != model.LevelKPI):
			kpis = append(kpis, id)
		case parent == nil || parent.ID == id:
			roots = append(roots, id)
		default:
			kids[gl.Parent] = append(kids[gl.Parent], id)
		}
	}
	byLevelTitle := levelTitleOrder(o)
	for _, c := range kids {
		slices.SortFunc(c, byLevelTitle)
	}
	slices.SortFunc(roots, byLevelTitle)
	slices.SortFunc(kpis, byLevelTitle)
	roots = append(roots, unreached(o, roots, kpis, kids)...)
	if len(kpis) > 0 {
		roots = append(roots, kpiGroup)
		kids[kpiGroup] = kpis
	}

	g.titles = make(map[string]string, len(o.Goals)+1)
	g.titles[kpiGroup] = "KPIs"
	for id, gl := range o.Goals {
		g.titles[id] = common.Clean(gl.Title)
	}
	g.tree.Build(roots, kids, func(id string) string {
		gl := o.Goals[id]
		if gl == nil {
			return "kpis"
		}
		return strings.Join([]string{gl.ID, gl.Title, common.Label(gl.Level),
			common.PersonName(o, gl.Owner), common.TeamName(o, gl.Team), gl.Period, gl.State}, " ")
	})
}

// levelTitleOrder orders goals the way people read a pyramid: by level
// (mission first), then by title, then by ID.
func levelTitleOrder(o *model.Org) func(a, b string) int {
	type sortKey struct {
		rank  int
		title string
	}
	keys := make(map[string]sortKey, len(o.Goals))
	for id, gl := range o.Goals {
		rank := slices.Index(model.GoalLevels, gl.Level)
		if rank < 0 {
			rank = len(model.GoalLevels)
		}
		keys[id] = sortKey{rank, strings.ToLower(gl.Title)}
	}
	return func(a, b string) int {
		ka, kb := keys[a], keys[b]
		return cmp.Or(cmp.Compare(ka.rank, kb.rank), cmp.Compare(ka.title, kb.title), cmp.Compare(a, b))
	}
}

// unreached are the goals no root or KPI reaches, in ID order: they sit in
// a parent cycle. They are shown as roots rather than lost.
func unreached(o *model.Org, roots, kpis []string, kids map[string][]string) []string {
	reached := make(map[string]bool, len(o.Goals))
	stack := append(slices.Clone(roots), kpis...)
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !reached[id] {
			reached[id] = true
			stack = append(stack, kids[id]...)
		}
	}
	var out []string
	for _, id := range o.IDs(model.KindGoal) {
		if !reached[id] {
			out = append(out, id)
		}
	}
	return out
}

func (g *Tab) periodOK(gl *model.Goal) bool {
	// Goals without a period (the mission, strategic goals, KPIs) span
	// every period.
	return g.period == "" || gl.Period == "" || gl.Period == g.period
}

func (g *Tab) teamOK(gl *model.Goal) bool { return g.team == "" || gl.Team == g.team }

func (g *Tab) healthOK(gl *model.Goal) bool {
	switch g.healthF {
	case "":
		return true
	case noCheckIn:
		return g.health[gl.ID] == ""
	}
	return g.health[gl.ID] == g.healthF
}

// rebuild applies the period, team and health filters: the rows are the
// files that could not be read, then the goals that match and their
// ancestors, in tree order.
func (g *Tab) rebuild() {
	o := g.data.Org
	g.matches = g.tree.Show(widget.ProblemItems(g.data, model.KindGoal), func(id string) bool {
		gl := o.Goals[id]
		return gl != nil && g.periodOK(gl) && g.teamOK(gl) && g.healthOK(gl)
	})
}
