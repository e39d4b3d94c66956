package ui

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/accordhq/accord/ui/widget"

	"github.com/accordhq/accord/ui/common"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/model"
	"github.com/charmbracelet/x/ansi"
	"github.com/sahilm/fuzzy"
)

// goals is the Goals tab: the pyramid (mission → strategic goals →
// objectives → key results) as a collapsible tree, KPIs in a group of
// their own at the end, each line with its health and progress. Filters by
// period, team and health narrow the tree but keep the ancestors of what
// they match on screen, dimmed, so the tree still reads.
type goals struct {
	widget.Frame
	c    common.Common
	data *common.Data

	// The tree, rebuilt by SetData: nodes in display order (depth first,
	// children by level then title), and the node of each ID.
	nodes []goalNode
	index map[string]int

	// Roll-ups, computed once per SetData: they are recursive.
	health    map[string]string
	progress  map[string]float64 // only goals whose progress is known
	decisions map[string][]string
	racis     map[string][]string

	// Filter choices: "" is all. periods and teams are what p and t cycle
	// through, before "all".
	periods      []string
	teams        []string
	period, team string
	healthF      string
	ready        bool // the default filters have been set

	collapsed map[string]bool

	// What period/team/health leave on screen: the list's items, the node
	// of each item (-1 for an unreadable file), and per node whether it
	// matches itself (else it is an ancestor, dimmed) and has children
	// among the items.
	items    []widget.Item
	itemNode []int
	matched  []bool
	hasKids  []bool
	matches  int

	// Set by the list's filter function on every refilter: the text query,
	// which nodes it matches, and the shape of the rows on screen.
	query string
	hit   []bool
	last  []bool // last of its parent's children on screen
	open  []bool // has children on screen
}

// goalNode is one row of the tree.
type goalNode struct {
	id       string
	parent   int // -1 for a root
	depth    int
	children []int
	title    string // cleaned
	filter   string // what / matches, lower-cased
}

// goalsKPIs is the ID of the row that groups the KPIs.
const goalsKPIs = "!group:kpi"

// goalsNoCheckIn is the health filter for goals nothing is known about.
const goalsNoCheckIn = "-"

// goalsHealths is the order H cycles through, after which comes "all".
var goalsHealths = []string{model.HealthAtRisk, model.HealthOffTrack, model.HealthOnTrack, model.HealthOnHold, goalsNoCheckIn}

func newGoals(c common.Common) *goals {
	g := &goals{collapsed: map[string]bool{}}
	g.Frame, g.c = widget.NewFrame(c, g.filterRows), c
	g.Row, g.Body, g.Header = g.renderRow, g.renderBody, g.renderHeader
	return g
}

func (g *goals) Title() string { return "Goals" }

func (g *goals) SetSize(w, h int) { g.Frame.SetSize(w, h) }

func (g *goals) Selected() string {
	id := g.List.Selected()
	if strings.HasPrefix(id, widget.ProblemPrefix) || id == goalsKPIs {
		return ""
	}
	return id
}

// Select shows a goal, or the goal a check-in is about: it unfolds the
// goal's ancestors and clears whichever filters hide it.
func (g *goals) Select(id string) bool {
	if g.data == nil {
		return false
	}
	o := g.data.Org
	if u := o.Updates[id]; u != nil {
		id = u.Target
	}
	gl := o.Goals[id]
	n, ok := g.index[id]
	if gl == nil || !ok {
		return false
	}
	refilter := false
	if !g.matched[n] {
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
	for p := g.nodes[n].parent; p >= 0; p = g.nodes[p].parent {
		if g.collapsed[g.nodes[p].id] {
			delete(g.collapsed, g.nodes[p].id)
			refilter = true
		}
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

func (g *goals) Capturing() bool { return g.List.Capturing() }

func (g *goals) Keys() []key.Binding {
	k := g.c.Keys
	if g.List.Capturing() {
		return []key.Binding{k.ApplyFilter, k.ClearFilter, k.FuzzyToggle}
	}
	_, _, side := widget.Split(g.Width)
	if g.Zoomed && !side {
		return []key.Binding{k.Close, k.DetailDown}
	}
	bs := []key.Binding{k.Filter}
	if g.List.Query() != "" {
		bs = append(bs, k.ClearFilter)
	}
	if !side && g.List.Selected() != "" {
		bs = append(bs, k.Open)
	}
	if g.query == "" && slices.Contains(g.hasKids, true) {
		bs = append(bs, k.Toggle, k.Expand, k.Collapse, k.ExpandAll, k.CollapseAll)
	}
	if len(g.periods) > 0 {
		bs = append(bs, k.GoalPeriod)
	}
	if len(g.teams) > 0 {
		bs = append(bs, k.GoalTeam)
	}
	bs = append(bs, k.GoalHealth)
	if side {
		bs = append(bs, k.DetailDown)
	}
	return bs
}

// SetData builds the tree and computes every goal's health and progress
// once; the filters and folds the user chose survive a reload.
func (g *goals) SetData(d *common.Data) {
	g.data = d
	o := d.Org
	g.buildTree(o)

	g.health = make(map[string]string, len(o.Goals))
	g.progress = make(map[string]float64, len(o.Goals))
	for id := range o.Goals {
		g.health[id] = o.Health(id)
		if p, ok := o.Progress(id); ok {
			g.progress[id] = p
		}
	}
	g.decisions = map[string][]string{}
	for _, did := range o.IDs(model.KindDecision) {
		for _, gid := range o.Decisions[did].Goals {
			if ds := g.decisions[gid]; len(ds) == 0 || ds[len(ds)-1] != did {
				g.decisions[gid] = append(ds, did)
			}
		}
	}
	g.racis = map[string][]string{}
	for _, rid := range o.IDs(model.KindRACI) {
		if sid := o.RACIs[rid].Subject.ID; sid != "" {
			g.racis[sid] = append(g.racis[sid], rid)
		}
	}

	// Periods: the current one first, then the configured ones, then any
	// a goal names that the configuration does not.
	cur := o.Config.CurrentPeriod
	g.periods = nil
	if cur != "" {
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

	if !g.ready {
		g.ready = true
		g.period = cur
		for _, nd := range g.nodes {
			if gl := o.Goals[nd.id]; gl != nil && gl.Level == model.LevelKeyResult && len(nd.children) > 0 {
				g.collapsed[nd.id] = true // the default view stops at key results
			}
		}
	}
	g.rebuild()
}

// buildTree lays the goals out depth first: roots (the mission, and goals
// whose parent does not resolve) by level and title, each goal's children
// by level and title, goals caught in a parent cycle after them, and the
// KPIs last under a group row of their own.
func (g *goals) buildTree(o *model.Org) {
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
	rank := func(level string) int {
		if i := slices.Index(model.GoalLevels, level); i >= 0 {
			return i
		}
		return len(model.GoalLevels)
	}
	type sortKey struct {
		rank  int
		title string
	}
	keys := make(map[string]sortKey, len(o.Goals))
	for id, gl := range o.Goals {
		keys[id] = sortKey{rank(gl.Level), strings.ToLower(gl.Title)}
	}
	byLevelTitle := func(a, b string) int {
		ka, kb := keys[a], keys[b]
		return cmp.Or(cmp.Compare(ka.rank, kb.rank), cmp.Compare(ka.title, kb.title), cmp.Compare(a, b))
	}
	for _, c := range kids {
		slices.SortFunc(c, byLevelTitle)
	}
	slices.SortFunc(roots, byLevelTitle)
	slices.SortFunc(kpis, byLevelTitle)

	// Goals no root reaches sit in a parent cycle; show them rather than
	// lose them.
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
	for _, id := range o.IDs(model.KindGoal) {
		if !reached[id] {
			roots = append(roots, id)
		}
	}

	g.nodes = make([]goalNode, 0, len(o.Goals)+1)
	g.index = make(map[string]int, len(o.Goals)+1)
	var add func(id string, parent, depth int)
	add = func(id string, parent, depth int) {
		if _, seen := g.index[id]; seen {
			return
		}
		n := len(g.nodes)
		g.index[id] = n
		nd := goalNode{id: id, parent: parent, depth: depth}
		if gl := o.Goals[id]; gl != nil {
			nd.title = common.Clean(gl.Title)
			nd.filter = strings.ToLower(strings.Join([]string{gl.ID, gl.Title, common.Label(gl.Level),
				common.PersonName(o, gl.Owner), common.TeamName(o, gl.Team), gl.Period, gl.State}, " "))
		} else {
			nd.title, nd.filter = "KPIs", "kpis"
		}
		g.nodes = append(g.nodes, nd)
		if parent >= 0 {
			g.nodes[parent].children = append(g.nodes[parent].children, n)
		}
		for _, c := range kids[id] {
			add(c, n, depth+1)
		}
	}
	for _, id := range roots {
		add(id, -1, 0)
	}
	if len(kpis) > 0 {
		add(goalsKPIs, -1, 0)
		for _, id := range kpis {
			add(id, g.index[goalsKPIs], 1)
		}
	}
}

func (g *goals) periodOK(gl *model.Goal) bool {
	// Goals without a period (the mission, strategic goals, KPIs) span
	// every period.
	return g.period == "" || gl.Period == "" || gl.Period == g.period
}

func (g *goals) teamOK(gl *model.Goal) bool { return g.team == "" || gl.Team == g.team }

func (g *goals) healthOK(gl *model.Goal) bool {
	switch g.healthF {
	case "":
		return true
	case goalsNoCheckIn:
		return g.health[gl.ID] == ""
	}
	return g.health[gl.ID] == g.healthF
}

// rebuild applies the period, team and health filters: the items are the
// goals that match and their ancestors, in tree order, after the files
// that could not be read.
func (g *goals) rebuild() {
	o := g.data.Org
	nn := len(g.nodes)
	g.matched = make([]bool, nn)
	g.hasKids = make([]bool, nn)
	in := make([]bool, nn)
	g.matches = 0
	for n := nn - 1; n >= 0; n-- { // children before their parents
		nd := &g.nodes[n]
		if gl := o.Goals[nd.id]; gl != nil && g.periodOK(gl) && g.teamOK(gl) && g.healthOK(gl) {
			g.matched[n], in[n] = true, true
			g.matches++
		}
		if in[n] && nd.parent >= 0 {
			in[nd.parent] = true
			g.hasKids[nd.parent] = true
		}
	}
	g.items = widget.ProblemItems(g.data, model.KindGoal)
	g.itemNode = make([]int, len(g.items), len(g.items)+nn)
	for i := range g.itemNode {
		g.itemNode[i] = -1
	}
	for n, nd := range g.nodes {
		if in[n] {
			g.items = append(g.items, widget.Item{ID: nd.id, Filter: nd.filter})
			g.itemNode = append(g.itemNode, n)
		}
	}
	g.setItems()
}

// setItems hands the items to the list, which refilters them (folds
// included); when the row under the cursor went away, the cursor moves to
// its nearest ancestor on screen.
func (g *goals) setItems() {
	sel := g.List.Selected()
	g.List.SetItems(g.items)
	if sel == "" || g.List.Selected() == sel {
		return
	}
	if n, ok := g.index[sel]; ok {
		for p := g.nodes[n].parent; p >= 0; p = g.nodes[p].parent {
			if g.List.Select(g.nodes[p].id) {
				return
			}
		}
	}
}

// filterRows is the list's filter: without a query, the rows folds leave
// open; with one, the matches and their ancestors, folds or not, in tree
// order. It also records which rows close a branch, for the guides.
func (g *goals) filterRows(items []widget.Item, query string, fz bool) []int {
	if len(items) != len(g.itemNode) {
		return widget.FilterItems(items, query, fz)
	}
	nn := len(g.nodes)
	shown := make([]bool, nn)
	g.query = query
	var problemHit map[int]bool
	if query == "" {
		g.hit = nil
		for _, n := range g.itemNode {
			if n < 0 {
				continue
			}
			p := g.nodes[n].parent
			shown[n] = p < 0 || shown[p] && !g.collapsed[g.nodes[p].id]
		}
	} else {
		g.hit = make([]bool, nn)
		problemHit = map[int]bool{}
		mark := func(i int) {
			n := g.itemNode[i]
			if n < 0 {
				problemHit[i] = true
				return
			}
			g.hit[n] = true
			shown[n] = true
			for p := g.nodes[n].parent; p >= 0 && !shown[p]; p = g.nodes[p].parent {
				shown[p] = true
			}
		}
		if fz {
			src := make([]string, len(items))
			for i, it := range items {
				src[i] = it.Filter
			}
			for _, m := range fuzzy.Find(query, src) {
				mark(m.Index)
			}
		} else {
			q := strings.ToLower(query)
			for i, n := range g.itemNode {
				text := strings.ToLower(items[i].Filter)
				if n >= 0 {
					text = g.nodes[n].filter
				}
				if strings.Contains(text, q) {
					mark(i)
				}
			}
		}
	}
	var out []int
	for i, n := range g.itemNode {
		if n < 0 && (query == "" || problemHit[i]) || n >= 0 && shown[n] {
			out = append(out, i)
		}
	}
	// Walk back up the rows: the first child of a parent met is its last.
	g.last = make([]bool, nn)
	g.open = make([]bool, nn)
	rootSeen := false
	for i := len(out) - 1; i >= 0; i-- {
		n := g.itemNode[out[i]]
		if n < 0 {
			continue
		}
		if p := g.nodes[n].parent; p >= 0 {
			g.last[n] = !g.open[p]
			g.open[p] = true
		} else {
			g.last[n] = !rootSeen
			rootSeen = true
		}
	}
	return out
}

func (g *goals) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	_, _, side := widget.Split(g.Width)
	if k, ok := msg.(tea.KeyPressMsg); ok && g.data != nil && !g.List.Capturing() && (side || !g.Zoomed) {
		if g.key(k) {
			return g, nil
		}
	}
	cmd, _ := g.Frame.Update(msg)
	return g, cmd
}

// key handles the tab's own keys: folding and the filters.
func (g *goals) key(k tea.KeyPressMsg) bool {
	keys := g.c.Keys
	n, onNode := g.index[g.List.Selected()]
	folds := g.query == ""
	switch {
	case key.Matches(k, keys.GoalPeriod):
		g.period = goalsCycle(g.period, g.periods)
	case key.Matches(k, keys.GoalTeam):
		g.team = goalsCycle(g.team, g.teams)
	case key.Matches(k, keys.GoalHealth):
		g.healthF = goalsCycle(g.healthF, goalsHealths)
	case folds && key.Matches(k, keys.ExpandAll):
		clear(g.collapsed)
		g.setItems()
		return true
	case folds && key.Matches(k, keys.CollapseAll):
		for n, nd := range g.nodes {
			if g.hasKids[n] {
				g.collapsed[nd.id] = true
			}
		}
		g.setItems()
		return true
	case folds && onNode && key.Matches(k, keys.Toggle):
		if g.hasKids[n] {
			g.collapsed[g.nodes[n].id] = !g.collapsed[g.nodes[n].id]
			g.setItems()
		}
		return true
	case folds && onNode && key.Matches(k, keys.Expand):
		if g.hasKids[n] && g.collapsed[g.nodes[n].id] {
			delete(g.collapsed, g.nodes[n].id)
			g.setItems()
		} else if g.open[n] {
			for _, c := range g.nodes[n].children {
				if g.List.Select(g.nodes[c].id) {
					break
				}
			}
		}
		return true
	case folds && onNode && key.Matches(k, keys.Collapse):
		if g.hasKids[n] && !g.collapsed[g.nodes[n].id] {
			g.collapsed[g.nodes[n].id] = true
			g.setItems()
		} else if p := g.nodes[n].parent; p >= 0 {
			g.List.Select(g.nodes[p].id)
		}
		return true
	default:
		return false
	}
	g.rebuild()
	return true
}

// goalsCycle is the choice after cur: each of opts in turn, then "" (all).
func goalsCycle(cur string, opts []string) string {
	if cur == "" {
		if len(opts) == 0 {
			return ""
		}
		return opts[0]
	}
	i := slices.Index(opts, cur)
	if i < 0 || i+1 >= len(opts) {
		return ""
	}
	return opts[i+1]
}

func (g *goals) View() string { return g.Frame.View() }

// name is a person's name (or a team's), cleaned.
func (g *goals) name(id string) string {
	o := g.data.Org
	if p := o.People[id]; p != nil {
		return common.Clean(p.Name)
	}
	if t := o.Teams[id]; t != nil {
		return common.Clean(t.Name) + " (team)"
	}
	return common.Clean(id)
}

func (g *goals) teamLabel(id string) string {
	if t := g.data.Org.Teams[id]; t != nil {
		return common.Clean(t.Name)
	}
	return common.Clean(id)
}

func (g *goals) healthLabel(h string) string {
	if h == goalsNoCheckIn {
		return g.c.Styles.Health("")
	}
	return g.c.Styles.Health(h)
}

// renderHeader shows the filters in force and how many goals match.
func (g *goals) renderHeader(width int) string {
	s := g.c.Styles
	value := func(v string) string {
		if v == "" {
			return s.Muted.Render("all")
		}
		return s.Heading.Render(v)
	}
	team := ""
	if g.team != "" {
		team = g.teamLabel(g.team)
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

// goalsCols is which columns a row has room for: the bar always, then the
// owner, team and period as the width allows. 0 means hidden.
type goalsCols struct{ bar, owner, team, period int }

// right is the width of the columns after the title.
func (c goalsCols) right() int {
	w := 1 + c.bar + 5
	for _, x := range []int{c.owner, c.team, c.period} {
		if x > 0 {
			w += x + 1
		}
	}
	return w
}

func goalsColumns(width int, period bool) goalsCols {
	// The title of a key result (four levels deep: 10 cells of tree and
	// health) keeps at least 30 cells before any optional column shows.
	const keyResultLead, minTitle = 1 + 10, 30
	c := goalsCols{bar: 10}
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

// treePrefix is the guides, branch and fold mark in front of node n.
func (g *goals) treePrefix(n int) string {
	nd := &g.nodes[n]
	var fold string
	switch {
	case g.open[n]:
		fold = "▾"
	case g.hasKids[n]:
		fold = "▸"
	case nd.depth > 0:
		fold = "─"
	default:
		fold = " "
	}
	if nd.depth == 0 {
		return fold + " "
	}
	guides := make([]string, 0, nd.depth+1)
	branch := "├─"
	if g.last[n] {
		branch = "└─"
	}
	guides = append(guides, fold+" ", branch)
	for p := nd.parent; p >= 0 && g.nodes[p].depth > 0; p = g.nodes[p].parent {
		if g.last[p] {
			guides = append(guides, "  ")
		} else {
			guides = append(guides, "│ ")
		}
	}
	slices.Reverse(guides)
	return strings.Join(guides, "")
}

func (g *goals) renderRow(id string, _ bool, width int) string {
	s, o := g.c.Styles, g.data.Org
	if f, ok := widget.ProblemFor(g.data, id); ok {
		return widget.ProblemRow(s, f, width)
	}
	n, ok := g.index[id]
	if !ok {
		return ""
	}
	prefix := g.treePrefix(n)
	gl := o.Goals[id]
	if gl == nil { // the KPI group
		return common.Fit(" "+s.Muted.Render(prefix)+s.Heading.Render("KPIs")+
			s.Muted.Render(" · "+common.Plural(len(g.nodes[n].children), "indicator")+" tracked apart from the pyramid"), width)
	}
	dim := !g.matched[n] || g.query != "" && !g.hit[n]
	style := func(st lipgloss.Style, text string) string {
		if dim {
			return s.Muted.Render(text)
		}
		return st.Render(text)
	}
	h := g.health[id]
	// With a period chosen, every row is of that period or of none.
	c := goalsColumns(width, g.period == "")

	titleW := max(width-1-ansi.StringWidth(prefix)-2-c.right(), 1)
	title := g.nodes[n].title
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
		b.WriteString(" " + style(s.Muted, common.Pad(goalsShortName(g.name(gl.Owner), c.owner), c.owner)))
	}
	if c.team > 0 {
		b.WriteString(" " + style(s.Muted, common.Pad(g.teamLabel(gl.Team), c.team)))
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

// renderBody is a goal's details: what it is, its metric and progress,
// health, findings, the latest check-ins, linked decisions and RACI
// records, and its children.
func (g *goals) renderBody(id string, width int) string {
	s, o := g.c.Styles, g.data.Org
	if f, ok := widget.ProblemFor(g.data, id); ok {
		return widget.ProblemBody(s, f, width)
	}
	if id == goalsKPIs {
		return g.kpiBody(width)
	}
	gl := o.Goals[id]
	if gl == nil {
		return s.Muted.Render("Not found.")
	}
	var b strings.Builder
	b.WriteString(s.Title.Render(common.Wrap(common.Clean(gl.Title), width)) + "\n")
	meta := []string{common.Label(gl.Level)}
	if gl.Team != "" {
		meta = append(meta, g.teamLabel(gl.Team))
	}
	if gl.Owner != "" {
		meta = append(meta, g.name(gl.Owner))
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

	p, known := g.progress[id]
	barW := max(min(20, width-5), 1)
	if m := gl.Metric; m != nil {
		unit := common.Clean(m.Unit)
		num := func(v float64) string { return common.Number(v) }
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
		better := "higher is better"
		if m.Direction == "decrease" {
			better = "lower is better"
		}
		b.WriteString(common.Wrap(line+s.Muted.Render(" ("+better+")"), width) + "\n")
	} else if known {
		b.WriteString(s.Muted.Render(common.Wrap("Progress from its children, by weight", width)) + "\n")
	}
	b.WriteString(common.Fit(s.Bar(p, known, barW), width) + "\n")
	h := g.health[id]
	health := s.Health(h)
	if h != "" && o.LatestUpdate(id) == nil {
		health += s.Muted.Render(" (rolled up: the weakest of its children)")
	}
	b.WriteString(common.Fit(s.Muted.Render("Health ")+health, width) + "\n\n")
	b.WriteString(widget.FindingLines(s, common.FindingsFor(g.data, id), width))

	b.WriteString(s.Heading.Render("Check-ins") + "\n")
	ups := o.UpdatesOf(id)
	if len(ups) == 0 {
		b.WriteString(s.Muted.Render("None yet.") + "\n")
	}
	for i := len(ups) - 1; i >= max(len(ups)-3, 0); i-- {
		b.WriteString(g.checkIn(ups[i], width))
	}
	if len(ups) > 3 {
		b.WriteString(s.Muted.Render(common.Wrap(fmt.Sprintf("and %s before these", common.Plural(len(ups)-3, "check-in")), width)) + "\n")
	}

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
				a = append(a, g.name(p))
			}
			b.WriteString(common.Fit(common.Clean(x.Title)+s.Muted.Render(" · ")+s.Role["A"].Render("A")+" "+strings.Join(a, ", ")+
				s.Muted.Render(" · "+common.Clean(x.State)), width) + "\n")
		}
	}
	if n, ok := g.index[id]; ok && len(g.nodes[n].children) > 0 {
		b.WriteString("\n" + s.Heading.Render("Children") + "\n")
		for _, c := range g.nodes[n].children {
			b.WriteString(g.childLine(g.nodes[c].id, width) + "\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// checkIn renders one check-in for a goal's details.
func (g *goals) checkIn(u *model.Update, width int) string {
	s := g.c.Styles
	var b strings.Builder
	head := []string{common.Clean(u.Date)}
	if d, err := time.Parse(time.DateOnly, u.Date); err == nil && g.data.Today.After(d) {
		head[0] += s.Muted.Render(" (" + common.Ago(g.data.Today, d) + ")")
	}
	head = append(head, g.name(u.Author), s.Health(u.Health))
	if u.Value != nil {
		v := common.Number(*u.Value)
		if gl := g.data.Org.Goals[u.Target]; gl != nil && gl.Metric != nil {
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
		asks = append(asks, g.name(a.From)+": "+a.What)
	}
	list("Asks", asks)
	list("Wins", u.Wins)
	return b.String() + "\n"
}

// childLine is a child goal: health, progress and title.
func (g *goals) childLine(id string, width int) string {
	s := g.c.Styles
	h := g.health[id]
	pct := "   —"
	if p, ok := g.progress[id]; ok {
		pct = fmt.Sprintf("%3d%%", int(p*100+0.5))
	}
	title := ""
	if n, ok := g.index[id]; ok {
		title = g.nodes[n].title
	}
	if gl := g.data.Org.Goals[id]; gl != nil && gl.Period != "" {
		title += s.Muted.Render(" · " + common.Clean(gl.Period))
	}
	return common.Fit(s.HealthStyle(h).Render(common.HealthSymbol(h))+" "+s.Muted.Render(pct)+" "+title, width)
}

func (g *goals) kpiBody(width int) string {
	s := g.c.Styles
	var b strings.Builder
	b.WriteString(s.Title.Render("KPIs") + "\n")
	b.WriteString(s.Muted.Render(common.Wrap("Key performance indicators: the numbers that say how the business is doing, tracked apart from the pyramid of goals and from any one period.", width)) + "\n\n")
	for _, c := range g.nodes[g.index[goalsKPIs]].children {
		b.WriteString(g.childLine(g.nodes[c].id, width) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// goalsShortName fits a name to width cells: whole when it fits, else the
// first name and the last name's initial ("Amara O."), else cut.
func goalsShortName(name string, width int) string {
	if ansi.StringWidth(name) <= width {
		return name
	}
	if f := strings.Fields(name); len(f) > 1 {
		last := []rune(f[len(f)-1])
		return f[0] + " " + string(last[0]) + "."
	}
	return name
}
