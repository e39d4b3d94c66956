// Package goals is the Goals tab: the pyramid (mission → strategic goals →
// objectives → key results) as a collapsible tree, KPIs in a group of
// their own at the end, each line with its health and progress. Filters by
// period, team and health narrow the tree but keep the ancestors of what
// they match on screen, dimmed, so the tree still reads.
package goals

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

// Tab is the Goals tab.
type Tab struct {
	widget.Frame
	c    common.Common
	data *common.Data
	tree *widget.Tree

	// titles are the goals' titles, cleaned, by ID.
	titles map[string]string

	// Roll-ups, computed once per SetData: they are recursive.
	health    map[string]string
	progress  map[string]float64 // only goals whose progress is known
	decisions map[string][]string
	racis     map[string][]string
	// dependents are the goals whose depends_on names a record, sorted.
	dependents map[string][]string

	// Filter choices: "" is all. periods and teams are what p and t cycle
	// through, before "all".
	periods      []string
	teams        []string
	period, team string
	healthF      string
	ready        bool // the default filters and folds have been set
	// matches is how many goals the filters match.
	matches int
}

// kpiGroup is the ID of the row that groups the KPIs.
const kpiGroup = "!group:kpi"

// noCheckIn is the health filter for goals nothing is known about.
const noCheckIn = "-"

// healths is the order H cycles through, after which comes "all".
var healths = []string{model.HealthAtRisk, model.HealthOffTrack, model.HealthOnTrack, model.HealthOnHold, noCheckIn}

// New makes the tab; SetData fills it.
func New(c common.Common) *Tab {
	g := &Tab{c: c, tree: widget.NewTree()}
	g.Frame = widget.NewFrame(c, g.tree.Filter)
	g.tree.Attach(&g.List)
	g.List.SetContext(g.tree.Dimmed)
	g.Row, g.Body, g.Header, g.Empty = g.renderRow, g.renderBody, g.renderHeader, g.empty
	return g
}

// empty says what the tab holds and how to make the first goal, or which
// of the tab's filters leave nothing on screen.
func (g *Tab) empty() string {
	k := g.c.Keys
	if g.data != nil && len(g.data.Org.Goals) > 0 {
		return "No goals match these filters: " + k.GoalPeriod.Help().Key + ", " + k.GoalTeam.Help().Key + " and " +
			k.GoalHealth.Help().Key + " change them (each comes round to all)."
	}
	return "No goals yet. Goals are a pyramid: the mission, the strategic goals that serve it, their objectives and the key results that measure them, each with public check-ins; KPIs sit apart. " +
		k.New.Help().Key + " creates the first one, the mission."
}

func (g *Tab) Title() string { return "Goals" }

func (g *Tab) SetSize(w, h int) { g.Frame.SetSize(w, h) }

func (g *Tab) View() string { return g.Frame.View() }

func (g *Tab) Capturing() bool { return g.List.Capturing() }

// Selected is the goal under the cursor; "" on a dimmed row, which is
// on screen only to place a match below it (NotSelectable says so).
func (g *Tab) Selected() string {
	id := g.List.Selected()
	if strings.HasPrefix(id, widget.ProblemPrefix) || id == kpiGroup || g.tree.Dimmed(id) {
		return ""
	}
	return id
}

// NotSelectable says why the row under the cursor cannot be acted on,
// "" when it can or there is none.
func (g *Tab) NotSelectable() string {
	id := g.List.Selected()
	if g.tree.Has(id) && g.tree.Dimmed(id) {
		return common.Clean(id) + " is dimmed: it is shown only because a goal under it matches the filters (esc clears the text filter)"
	}
	return ""
}

// Select shows a goal, or the goal a check-in is about: it unfolds the
// goal's ancestors and clears whichever filters hide it.
func (g *Tab) Select(id string) bool {
	if g.data == nil {
		return false
	}
	o := g.data.Org
	if u := o.Updates[id]; u != nil {
		id = u.Target
	}
	gl := o.Goals[id]
	if gl == nil || !g.tree.Has(id) {
		return false
	}
	refilter := false
	if !g.tree.Matched(id) {
		if !g.periodOK(gl) {
			g.period = ""
		}
		if !g.teamOK(gl) {
			g.team = ""
		}
		if !g.healthOK(gl) {
			g.healthF = ""
		}
		refilter = true
	}
	if g.tree.Reveal(id) {
		refilter = true
	}
	if refilter {
		g.rebuild()
	}
	if !g.List.Select(id) {
		g.List.ClearFilter()
		g.List.Select(id)
	}
	return true
}

func (g *Tab) Keys() []key.Binding {
	k := g.c.Keys
	var own []key.Binding
	own = append(own, g.tree.FoldKeys(k)...)
	if len(g.periods) > 0 {
		own = append(own, k.GoalPeriod)
	}
	if len(g.teams) > 0 {
		own = append(own, k.GoalTeam)
	}
	own = append(own, k.GoalHealth)
	return g.FrameKeys(own...)
}

// SetData builds the tree and computes every goal's health and progress
// once; the filters and folds the user chose survive a reload.
func (g *Tab) SetData(d *common.Data) {
	g.data = d
	o := d.Org
	// The tree and the roll-ups are made side by side: each reads only
	// the organisation and sets its own fields.
	var wg sync.WaitGroup
	wg.Go(func() { g.rollUp(o) })
	g.buildTree(o)
	wg.Wait()
	g.choices(o)
	if !g.ready {
		g.ready = true
		g.period = o.Config.CurrentPeriod
		for _, id := range g.tree.Nodes() {
			// The default view stops at key results.
			if gl := o.Goals[id]; gl != nil && gl.Level == model.LevelKeyResult && len(g.tree.Children(id)) > 0 {
				g.tree.Fold(id)
			}
		}
	}
	g.rebuild()
}

// rollUp computes each goal's health and progress, and the decisions and
// RACI records that name it.
func (g *Tab) rollUp(o *model.Org) {
	g.health, g.progress = o.RollUps()
	g.decisions = map[string][]string{}
	for _, did := range o.IDs(model.KindDecision) {
		for _, gid := range o.Decisions[did].Goals {
			if ds := g.decisions[gid]; len(ds) == 0 || ds[len(ds)-1] != did {
				g.decisions[gid] = append(ds, did)
			}
		}
	}
	g.dependents = map[string][]string{}
	for _, gid := range o.IDs(model.KindGoal) {
		for _, dep := range o.Goals[gid].DependsOn {
			if ds := g.dependents[dep]; len(ds) == 0 || ds[len(ds)-1] != gid {
				g.dependents[dep] = append(ds, gid)
			}
		}
	}
	g.racis = map[string][]string{}
	for _, rid := range o.IDs(model.KindRACI) {
		if sid := o.RACIs[rid].Subject.ID; sid != "" {
			g.racis[sid] = append(g.racis[sid], rid)
		}
	}
}

// choices lists what p and t cycle through. Periods: the current one
// first, then the configured ones, then any a goal names that the
// configuration does not. Teams: those that own a goal, by name.
func (g *Tab) choices(o *model.Org) {
	g.periods = nil
	if cur := o.Config.CurrentPeriod; cur != "" {
		g.periods = append(g.periods, cur)
	}
	for _, p := range o.Config.Periods {
		if p != "" && !slices.Contains(g.periods, p) {
			g.periods = append(g.periods, p)
		}
	}
	var extra []string
	teams := map[string]bool{}
	for _, gl := range o.Goals {
		if gl.Period != "" && !slices.Contains(g.periods, gl.Period) && !slices.Contains(extra, gl.Period) {
			extra = append(extra, gl.Period)
		}
		if gl.Team != "" {
			teams[gl.Team] = true
		}
	}
	slices.Sort(extra)
	g.periods = append(g.periods, extra...)
	g.teams = slices.SortedFunc(func(yield func(string) bool) {
		for t := range teams {
			if !yield(t) {
				return
			}
		}
	}, func(a, b string) int {
		return cmp.Or(cmp.Compare(strings.ToLower(common.TeamName(o, a)), strings.ToLower(common.TeamName(o, b))), cmp.Compare(a, b))
	})
}

func (g *Tab) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	_, _, side := g.Split()
	if k, ok := msg.(tea.KeyPressMsg); ok && g.data != nil && !g.List.Capturing() && (side || !g.Zoomed) {
		if g.key(k) {
			return g, nil
		}
	}
	cmd, _ := g.Frame.Update(msg)
	return g, cmd
}

// key handles the tab's own keys: the filters, then the folds.
func (g *Tab) key(k tea.KeyPressMsg) bool {
	keys := g.c.Keys
	switch {
	case key.Matches(k, keys.GoalPeriod):
		g.period = common.Cycle(g.period, g.periods)
	case key.Matches(k, keys.GoalTeam):
		g.team = common.Cycle(g.team, g.teams)
	case key.Matches(k, keys.GoalHealth):
		g.healthF = common.Cycle(g.healthF, healths)
	default:
		return g.tree.Key(k, keys)
	}
	g.rebuild()
	g.List.ToFirstMatch()
	return true
}
