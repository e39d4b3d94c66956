package goals

import (
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/uitest"
	"github.com/accordhq/accord/ui/widget"
	"github.com/charmbracelet/x/ansi"
)

// show is the tab over the store's organisation in a width × height
// terminal.
func show(st *uitest.Store, width, height int) *Tab {
	g := New(uitest.Context())
	uitest.Show(g, st, width, height)
	return g
}

// keys types keys into the tab.
func keys(t *testing.T, g *Tab, ks ...string) *Tab {
	t.Helper()
	uitest.Type(t, g, ks...)
	return g
}

// screen is the tab as drawn, without colours.
func screen(g *Tab) string { return ansi.Strip(g.View()) }

// listLines are the tab's lines: the header, then the rows.
func listLines(g *Tab) []string { return strings.Split(screen(g), "\n") }

// goalRows are the IDs of the tab's rows, in order, scrolled off or not.
func goalRows(g *Tab) []string { return g.List.IDs() }

// goalByTitle finds a goal of the fixture by its title and period.
func goalByTitle(t *testing.T, o *model.Org, title, period string) string {
	t.Helper()
	for _, id := range o.IDs(model.KindGoal) {
		if g := o.Goals[id]; g.Title == title && g.Period == period {
			return id
		}
	}
	t.Fatalf("no goal %q in %q", title, period)
	return ""
}

func missionOf(t *testing.T, o *model.Org) string {
	t.Helper()
	for _, id := range o.IDs(model.KindGoal) {
		if o.Goals[id].Level == model.LevelMission {
			return id
		}
	}
	t.Fatal("no mission")
	return ""
}

// typed is the keys for typing text.
func typed(s string) []string { return strings.Split(s, "") }

func TestGoalsDefaultViewIsTheCurrentPeriodTree(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	o := st.Org
	m := show(st, 80, 24)
	rows := goalRows(m)
	if rows[0] != missionOf(t, o) {
		t.Fatalf("first row is %s, want the mission", rows[0])
	}
	lines := listLines(m)
	if !strings.Contains(lines[0], "period 2026-Q4") || !strings.Contains(lines[0], "team all") || !strings.Contains(lines[0], "health all") {
		t.Errorf("header does not show the filters: %q", lines[0])
	}
	if !strings.Contains(lines[1], "▾") || !strings.Contains(lines[1], "Make every customer successful") || !strings.Contains(lines[1], "%") {
		t.Errorf("first row is not the open mission with its progress: %q", lines[1])
	}
	// Expanded down to key results, this quarter's only.
	cur := goalByTitle(t, o, "Median days to first dashboard", "2026-Q4")
	prev := goalByTitle(t, o, "Median days to first dashboard", "2026-Q3")
	if !slices.Contains(rows, cur) || slices.Contains(rows, prev) {
		t.Errorf("want this quarter's key result and not last quarter's: %v", rows)
	}
	// Strategic goals come before their objectives; KPIs close the list.
	strategic := goalByTitle(t, o, "Grow self-serve revenue", "")
	objective := goalByTitle(t, o, "Cut time to first value", "2026-Q4")
	if slices.Index(rows, strategic) > slices.Index(rows, objective) {
		t.Error("an objective is listed before its strategic goal")
	}
	k := slices.Index(rows, kpiGroup)
	if k < 0 {
		t.Fatal("no KPI group")
	}
	for _, id := range rows[k+1:] {
		if o.Goals[id].Level != model.LevelKPI {
			t.Errorf("%s (%s) after the KPI group", id, o.Goals[id].Level)
		}
	}
	for _, line := range strings.Split(screen(m), "\n") {
		if w := ansi.StringWidth(line); w > 80 {
			t.Errorf("line %d cells wide: %q", w, line)
		}
	}
}

func TestGoalsFoldAndUnfold(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	o := st.Org
	m := show(st, 80, 24)
	strategic := goalByTitle(t, o, "Grow self-serve revenue", "")
	objective := goalByTitle(t, o, "Cut time to first value", "2026-Q4")
	kr := goalByTitle(t, o, "Median days to first dashboard", "2026-Q4")
	all := len(goalRows(m))

	m.Select(strategic)
	m = keys(t, m, "space")
	if rows := goalRows(m); slices.Contains(rows, objective) || slices.Contains(rows, kr) || !slices.Contains(rows, strategic) {
		t.Fatalf("folding %s did not hide its children", strategic)
	}
	if !strings.Contains(screen(m), "▸ ▲ Grow self-serve revenue") {
		t.Errorf("folded goal has no ▸:\n%s", screen(m))
	}
	m = keys(t, m, "space")
	if rows := goalRows(m); !slices.Contains(rows, objective) || !slices.Contains(rows, kr) || len(rows) != all {
		t.Fatal("unfolding did not bring the children back")
	}

	// ← folds, then goes to the parent; → unfolds.
	m = keys(t, m, "left")
	if slices.Contains(goalRows(m), objective) || m.Selected() != strategic {
		t.Fatal("← did not fold the goal under the cursor")
	}
	m = keys(t, m, "left")
	if m.Selected() != missionOf(t, o) {
		t.Fatalf("← on a folded goal went to %s, not its parent", m.Selected())
	}
	m.Select(strategic)
	m = keys(t, m, "right")
	if !slices.Contains(goalRows(m), objective) {
		t.Fatal("→ did not unfold")
	}

	// - folds everything down to the roots; + opens it all again.
	m = keys(t, m, "-")
	if rows := goalRows(m); !slices.Equal(rows, []string{missionOf(t, o), kpiGroup}) {
		t.Fatalf("collapse all left %v", rows)
	}
	if m.Selected() != missionOf(t, o) {
		t.Error("the cursor did not move to the root its goal was folded into")
	}
	m = keys(t, m, "+")
	if len(goalRows(m)) != all {
		t.Fatalf("expand all shows %d rows, want %d", len(goalRows(m)), all)
	}
}

func TestGoalsNestedObjectivesSitUnderTheirParent(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	o := st.Org
	objective := goalByTitle(t, o, "Cut time to first value", "2026-Q4")
	o.Add(&model.Goal{ID: "GOAL-NESTED01", Title: "Zero-touch CSV imports", Level: model.LevelObjective,
		Parent: objective, Owner: "raj", Team: "onboarding", Period: "2026-Q4", State: "active"}, nil)
	o.Add(&model.Goal{ID: "GOAL-NESTED02", Title: "Imports with no support ticket", Level: model.LevelKeyResult,
		Parent: "GOAL-NESTED01", Owner: "raj", Team: "onboarding", Period: "2026-Q4", State: "active",
		Metric: &model.Metric{Unit: "%", Baseline: 60, Target: 90, Direction: "increase"}}, nil)
	o.Index()
	m := show(st, 80, 24)
	rows := goalRows(m)
	i := slices.Index(rows, objective)
	if i < 0 || rows[i+1] != "GOAL-NESTED01" || rows[i+2] != "GOAL-NESTED02" {
		t.Fatalf("nested objective not first under its parent (objectives before key results): %v", rows[i:i+4])
	}
	g := m
	if d := g.tree.Depth("GOAL-NESTED02"); d != 4 {
		t.Errorf("key result of a nested objective at depth %d, want 4", d)
	}
	m.Select("GOAL-NESTED02")
	if !strings.Contains(screen(m), "│ │ │ └── ○ Imports with no support ticket") {
		t.Errorf("tree guides:\n%s", screen(m))
	}
}

func TestGoalsFilterByPeriod(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	o := st.Org
	g := show(st, 80, 24)
	mission := missionOf(t, o)
	q3 := goalByTitle(t, o, "Shorten the path from sign-up to first dashboard", "2026-Q3")
	q4 := goalByTitle(t, o, "Cut time to first value", "2026-Q4")

	keys(t, g, "p")
	if rows := goalRows(g); !slices.Contains(rows, q3) || slices.Contains(rows, q4) || rows[0] != mission {
		t.Error("p did not switch to last quarter, mission first")
	}
	if !strings.Contains(listLines(g)[0], "period 2026-Q3") {
		t.Errorf("header: %q", listLines(g)[0])
	}
	keys(t, g, "p")
	if rows := goalRows(g); !slices.Contains(rows, q3) || !slices.Contains(rows, q4) || !strings.Contains(listLines(g)[0], "period all") {
		t.Error("third p does not show every period")
	}
	keys(t, g, "p")
	if rows := goalRows(g); slices.Contains(rows, q3) || !slices.Contains(rows, q4) {
		t.Error("p does not come back round to the current period")
	}
}

// Team: only that team's goals match; others stay as dimmed ancestors.
func TestGoalsFilterByTeam(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	o := st.Org
	g := keys(t, show(st, 80, 24), "t")
	team := g.team
	if team == "" || !strings.Contains(listLines(g)[0], "team "+o.Teams[team].Name) {
		t.Fatalf("t chose %q; header %q", team, listLines(g)[0])
	}
	for _, id := range goalRows(g) {
		if gl := o.Goals[id]; gl != nil && g.tree.Matched(id) != (gl.Team == team) {
			t.Errorf("%s of team %s: matched %v under team filter %s", id, gl.Team, g.tree.Matched(id), team)
		}
	}
	for range g.teams {
		keys(t, g, "t")
	}
	if g.team != "" || !strings.Contains(listLines(g)[0], "team all") {
		t.Error("t does not come back round to every team")
	}
}

// Health at risk: at-risk key results, their ancestors dimmed.
func TestGoalsFilterByHealth(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	o := st.Org
	mission := missionOf(t, o)
	g := keys(t, show(st, 80, 24), "H")
	if g.healthF != model.HealthAtRisk || !strings.Contains(listLines(g)[0], "health ▲ at risk") {
		t.Fatalf("H: %q", listLines(g)[0])
	}
	krs := 0
	for _, id := range goalRows(g) {
		gl := o.Goals[id]
		if gl == nil {
			continue
		}
		if gl.Level == model.LevelKeyResult {
			krs++
			if g.health[id] != model.HealthAtRisk {
				t.Errorf("key result %q is %s under the at-risk filter", gl.Title, g.health[id])
			}
		}
		if g.tree.Matched(id) != (g.health[id] == model.HealthAtRisk) {
			t.Errorf("%q (%s) matched=%v", gl.Title, g.health[id], g.tree.Matched(id))
		}
	}
	if krs == 0 || g.tree.Matched(mission) || goalRows(g)[0] != mission {
		t.Error("want at-risk key results under the mission, shown dimmed")
	}
	if slices.Contains(goalRows(g), goalByTitle(t, o, "p95 dashboard query latency", "2026-Q4")) {
		t.Error("an off-track key result shows under the at-risk filter")
	}
	for range healths {
		keys(t, g, "H")
	}
	if g.healthF != "" {
		t.Error("H does not come back round to every health")
	}
}

func TestGoalsTextFilterKeepsAncestors(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	o := st.Org
	m := show(st, 140, 40)
	want := []string{missionOf(t, o), goalByTitle(t, o, "Grow self-serve revenue", ""),
		goalByTitle(t, o, "Cut time to first value", "2026-Q4"), goalByTitle(t, o, "Median days to first dashboard", "2026-Q4")}
	m = keys(t, m, append([]string{"/"}, typed("median")...)...)
	if rows := goalRows(m); !slices.Equal(rows, want) {
		t.Fatalf("filter rows %v, want the match and its ancestors %v", rows, want)
	}
	if out := screen(m); !strings.Contains(out, "Make every customer successful") || !strings.Contains(out, "Median days to first dashboard") {
		t.Errorf("screen:\n%s", out)
	}
	// Fold keys do nothing while a filter is on, and help says so.
	if slices.ContainsFunc(m.Keys(), func(b key.Binding) bool { return b.Help().Key == "space" }) {
		t.Error("fold keys offered while filtering")
	}
	// A match inside a folded branch is found all the same.
	m = keys(t, m, "esc", "esc", "-", "/")
	m = keys(t, m, typed("median")...)
	if rows := goalRows(m); !slices.Equal(rows, want) {
		t.Fatalf("filter in a folded tree: %v", rows)
	}
	// Fuzzy: the ancestors stay too, in tree order.
	m = keys(t, m, "ctrl+t")
	if rows := goalRows(m); len(rows) < 4 || rows[0] != want[0] {
		t.Errorf("fuzzy rows %v", rows)
	}
	m = keys(t, m, "esc")
	if rows := goalRows(m); !slices.Equal(rows, []string{missionOf(t, o), kpiGroup}) {
		t.Errorf("clearing the filter should restore the folds: %v", rows)
	}
}

func TestGoalsSelectOpensWhatHidesTheGoal(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	o := st.Org
	m := show(st, 80, 24)
	kr := goalByTitle(t, o, "Median days to first dashboard", "2026-Q4")
	m = keys(t, m, "-")
	if !m.Select(kr) || m.Selected() != kr {
		t.Fatalf("select a key result in a folded branch: selected %s", m.Selected())
	}
	if !strings.Contains(screen(m), "Median days to first dashboard") {
		t.Errorf("key result not on screen:\n%s", screen(m))
	}

	// Another period and a text filter that hide the goal are cleared.
	old := goalByTitle(t, o, "Median days to first dashboard", "2026-Q3")
	m = keys(t, m, "/", "z", "z", "enter")
	g := m
	if !g.Select(old) || g.Selected() != old || g.period != "" || g.List.Query() != "" {
		t.Errorf("jump to last quarter's goal: selected %s, period %q, query %q", g.Selected(), g.period, g.List.Query())
	}

	// Not goals: the tab says no.
	for _, id := range []string{"raj", "onboarding", "DEC-NOTTHERE", ""} {
		if g.Select(id) {
			t.Errorf("Select(%q) = true", id)
		}
	}
	for id := range o.Decisions {
		if g.Select(id) {
			t.Errorf("Select(%s) = true", id)
		}
		break
	}
}

func TestGoalsSelectCheckInSelectsItsGoal(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	o := st.Org
	m := show(st, 80, 24)
	kr := goalByTitle(t, o, "Median days to first dashboard", "2026-Q4")
	up := o.LatestUpdate(kr)
	if !m.Select(up.ID) || m.Selected() != kr {
		t.Fatalf("select %s: selected %s, want %s", up.ID, m.Selected(), kr)
	}
}

func TestGoalsDetailShowsMetricAndCheckIns(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	o := st.Org
	kr := goalByTitle(t, o, "Median days to first dashboard", "2026-Q4")
	summary := o.LatestUpdate(kr).Summary
	first := summary[:strings.LastIndex(summary[:40], " ")]

	m := show(st, 140, 40)
	m.Select(kr)
	out := screen(m)
	for _, want := range []string{"14 → 8 → 5 days (lower is better)", "key result · Onboarding · Raj Patel · 2026-Q4 · active",
		"Health ▲ at risk", "Check-ins", "Raj Patel · ▲ at risk · value 8 days", first} {
		if !strings.Contains(out, want) {
			t.Errorf("details lack %q:\n%s", want, out)
		}
	}

	// On 80 columns the details open full screen with enter.
	m = show(st, 80, 24)
	m.Select(kr)
	m = keys(t, m, "enter")
	out = screen(m)
	if !strings.Contains(out, "14 → 8 → 5 days") || !strings.Contains(out, first) {
		t.Errorf("full-screen details:\n%s", out)
	}
	m = keys(t, m, "esc")
	if !strings.Contains(screen(m), "period 2026-Q4") {
		t.Error("esc does not return to the tree")
	}
}

func TestGoalsDetailLinksDecisionsRACIAndChildren(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	o := st.Org
	// A goal some decision names, and one a RACI record is about.
	var withDec, decTitle string
	for _, id := range o.IDs(model.KindDecision) {
		if d := o.Decisions[id]; len(d.Goals) > 0 && o.Goals[d.Goals[0]] != nil {
			withDec, decTitle = d.Goals[0], d.Title
			break
		}
	}
	objective := goalByTitle(t, o, "Cut time to first value", "2026-Q4")
	o.Add(&model.RACI{ID: "RACI-TESTGOAL", Title: "Time-to-value review", Subject: model.Subject{Kind: "goal", ID: objective},
		Accountable: model.OneOrMore{"mei"}, Responsible: []string{"raj"}, State: "agreed"}, nil)
	o.Index()
	m := show(st, 140, 60)
	m.Select(withDec)
	if out := screen(m); !strings.Contains(out, "Decisions") || !strings.Contains(out, decTitle[:30]) {
		t.Errorf("decision %q not in the details of %s:\n%s", decTitle, withDec, out)
	}
	m.Select(objective)
	out := screen(m)
	for _, want := range []string{"RACI", "Time-to-value review · A Mei Lin · agreed", "Children", "Median days to first dashboard · 2026-Q4"} {
		if !strings.Contains(out, want) {
			t.Errorf("objective details lack %q:\n%s", want, out)
		}
	}
}

func TestGoalsUnreadableFileIsAnErrorRow(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	st.Org.Problems = append(st.Org.Problems, model.Finding{Rule: "yaml.syntax", Severity: model.SeverityError,
		File: "goals/ZZ/GOAL-ZZZZZZZZ.yaml", Line: 3, Column: 7, Message: "mapping values are not allowed here"})
	m := show(st, 80, 24)
	if line := listLines(m)[1]; !strings.Contains(line, "✗ cannot read goals/ZZ/GOAL-ZZZZZZZZ.yaml:3") {
		t.Fatalf("first row %q, want the unreadable file", line)
	}
	if m.Selected() != "" {
		t.Error("an unreadable file counts as a selected record")
	}
	m = keys(t, m, "enter")
	if out := screen(m); !strings.Contains(out, "This file could not be read") || !strings.Contains(out, "mapping values are not allowed") {
		t.Errorf("details of the unreadable file:\n%s", out)
	}
	// Other filters do not hide it; the text filter finds it by name.
	m = keys(t, m, "esc", "H", "/")
	m = keys(t, m, typed("ZZZZ")...)
	if rows := goalRows(m); len(rows) != 1 || !strings.HasPrefix(rows[0], widget.ProblemPrefix) {
		t.Errorf("filtering by file name: %v", rows)
	}
}

// A goal that depends on an at-risk goal of another team says "blocked
// by" in its details and lists what it depends on; the goal depended on
// lists it under "Depended on by".
func TestDetailsShowDependenciesAndBlockers(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	o := st.Org
	kr := goalByTitle(t, o, "Median days to first dashboard", "2026-Q4")
	var risky string
	for _, id := range o.IDs(model.KindGoal) {
		if g := o.Goals[id]; g.Team != o.Goals[kr].Team && g.State == "active" && o.Reported(id) == model.HealthAtRisk {
			risky = id
			break
		}
	}
	if risky == "" {
		t.Fatal("the fixture has no goal at risk in another team")
	}
	o.Goals[kr].DependsOn = []string{risky}
	g := show(st, 200, 60)

	if !g.Select(kr) {
		t.Fatal("the key result is not in the tree")
	}
	out := uitest.OneLine(uitest.RightPane(screen(g)))
	for _, want := range []string{"Blocked by " + risky + " " + o.Goals[risky].Title + ": at risk", "Depends on"} {
		if !strings.Contains(out, want) {
			t.Errorf("the key result's details lack %q:\n%s", want, out)
		}
	}
	if !g.Select(risky) {
		t.Fatal("the goal depended on is not in the tree")
	}
	out = uitest.OneLine(uitest.RightPane(screen(g)))
	if !strings.Contains(out, "Depended on by") || !strings.Contains(out, "Median days to first dashboard") {
		t.Errorf("the goal depended on does not list the key result that depends on it:\n%s", out)
	}
	if strings.Contains(out, "Blocked by") {
		t.Errorf("a goal with no dependencies says it is blocked:\n%s", out)
	}
}
