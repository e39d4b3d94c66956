package ui

import (
	"slices"
	"strings"
	"testing"

	"github.com/accordhq/accord/ui/widget"

	"github.com/accordhq/accord/ui/common"

	"charm.land/bubbles/v2/key"
	"github.com/accordhq/accord/model"
	"github.com/charmbracelet/x/ansi"
)

// goalsOf is the Goals tab of a model.
func goalsOf(m Model) *goals { return m.screens[tabGoals].(*goals) }

// goalRows are the IDs of the Goals tab's rows, in order, scrolled off or not.
func goalRows(m Model) []string {
	return goalsOf(m).List.IDs()
}

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

// listLines are the lines of the tab's body (under the tabs and the rule).
func listLines(m Model) []string {
	return strings.Split(screen(m), "\n")[3:]
}

func TestGoalsDefaultViewIsTheCurrentPeriodTree(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	o := st.Org
	m := newTestModel(t, st, 80, 24)
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
	k := slices.Index(rows, goalsKPIs)
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
	st := northwind(t)
	o := st.Org
	m := newTestModel(t, st, 80, 24)
	strategic := goalByTitle(t, o, "Grow self-serve revenue", "")
	objective := goalByTitle(t, o, "Cut time to first value", "2026-Q4")
	kr := goalByTitle(t, o, "Median days to first dashboard", "2026-Q4")
	all := len(goalRows(m))

	goalsOf(m).Select(strategic)
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
	if slices.Contains(goalRows(m), objective) || goalsOf(m).Selected() != strategic {
		t.Fatal("← did not fold the goal under the cursor")
	}
	m = keys(t, m, "left")
	if goalsOf(m).Selected() != missionOf(t, o) {
		t.Fatalf("← on a folded goal went to %s, not its parent", goalsOf(m).Selected())
	}
	goalsOf(m).Select(strategic)
	m = keys(t, m, "right")
	if !slices.Contains(goalRows(m), objective) {
		t.Fatal("→ did not unfold")
	}

	// - folds everything down to the roots; + opens it all again.
	m = keys(t, m, "-")
	if rows := goalRows(m); !slices.Equal(rows, []string{missionOf(t, o), goalsKPIs}) {
		t.Fatalf("collapse all left %v", rows)
	}
	if goalsOf(m).Selected() != missionOf(t, o) {
		t.Error("the cursor did not move to the root its goal was folded into")
	}
	m = keys(t, m, "+")
	if len(goalRows(m)) != all {
		t.Fatalf("expand all shows %d rows, want %d", len(goalRows(m)), all)
	}
}

func TestGoalsNestedObjectivesSitUnderTheirParent(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	o := st.Org
	objective := goalByTitle(t, o, "Cut time to first value", "2026-Q4")
	o.Add(&model.Goal{ID: "GOAL-NESTED01", Title: "Zero-touch CSV imports", Level: model.LevelObjective,
		Parent: objective, Owner: "raj", Team: "onboarding", Period: "2026-Q4", State: "active"}, nil)
	o.Add(&model.Goal{ID: "GOAL-NESTED02", Title: "Imports with no support ticket", Level: model.LevelKeyResult,
		Parent: "GOAL-NESTED01", Owner: "raj", Team: "onboarding", Period: "2026-Q4", State: "active",
		Metric: &model.Metric{Unit: "%", Baseline: 60, Target: 90, Direction: "increase"}}, nil)
	o.Index()
	m := newTestModel(t, st, 80, 24)
	rows := goalRows(m)
	i := slices.Index(rows, objective)
	if i < 0 || rows[i+1] != "GOAL-NESTED01" || rows[i+2] != "GOAL-NESTED02" {
		t.Fatalf("nested objective not first under its parent (objectives before key results): %v", rows[i:i+4])
	}
	g := goalsOf(m)
	if d := g.nodes[g.index["GOAL-NESTED02"]].depth; d != 4 {
		t.Errorf("key result of a nested objective at depth %d, want 4", d)
	}
	goalsOf(m).Select("GOAL-NESTED02")
	if !strings.Contains(screen(m), "│ │ │ └── ○ Imports with no support ticket") {
		t.Errorf("tree guides:\n%s", screen(m))
	}
}

func TestGoalsFilterByPeriodTeamAndHealth(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	o := st.Org
	m := newTestModel(t, st, 80, 24)
	mission := missionOf(t, o)
	q3 := goalByTitle(t, o, "Shorten the path from sign-up to first dashboard", "2026-Q3")
	q4 := goalByTitle(t, o, "Cut time to first value", "2026-Q4")

	m = keys(t, m, "p")
	if rows := goalRows(m); !slices.Contains(rows, q3) || slices.Contains(rows, q4) || rows[0] != mission {
		t.Error("p did not switch to last quarter, mission first")
	}
	if !strings.Contains(listLines(m)[0], "period 2026-Q3") {
		t.Errorf("header: %q", listLines(m)[0])
	}
	m = keys(t, m, "p")
	if rows := goalRows(m); !slices.Contains(rows, q3) || !slices.Contains(rows, q4) || !strings.Contains(listLines(m)[0], "period all") {
		t.Error("third p does not show every period")
	}
	m = keys(t, m, "p")
	if rows := goalRows(m); slices.Contains(rows, q3) || !slices.Contains(rows, q4) {
		t.Error("p does not come back round to the current period")
	}

	// Team: only that team's goals match; others stay as dimmed ancestors.
	m = keys(t, m, "t")
	g := goalsOf(m)
	team := g.team
	if team == "" || !strings.Contains(listLines(m)[0], "team "+o.Teams[team].Name) {
		t.Fatalf("t chose %q; header %q", team, listLines(m)[0])
	}
	for _, id := range goalRows(m) {
		n := g.index[id]
		if gl := o.Goals[id]; gl != nil && g.matched[n] != (gl.Team == team) {
			t.Errorf("%s of team %s: matched %v under team filter %s", id, gl.Team, g.matched[n], team)
		}
	}
	for range g.teams {
		m = keys(t, m, "t")
	}
	if goalsOf(m).team != "" || !strings.Contains(listLines(m)[0], "team all") {
		t.Error("t does not come back round to every team")
	}

	// Health at risk: at-risk key results, their ancestors dimmed.
	m = keys(t, m, "H")
	g = goalsOf(m)
	if g.healthF != model.HealthAtRisk || !strings.Contains(listLines(m)[0], "health ▲ at risk") {
		t.Fatalf("H: %q", listLines(m)[0])
	}
	krs := 0
	for _, id := range goalRows(m) {
		gl := o.Goals[id]
		if gl == nil {
			continue
		}
		n := g.index[id]
		if gl.Level == model.LevelKeyResult {
			krs++
			if g.health[id] != model.HealthAtRisk {
				t.Errorf("key result %q is %s under the at-risk filter", gl.Title, g.health[id])
			}
		}
		if g.matched[n] != (g.health[id] == model.HealthAtRisk) {
			t.Errorf("%q (%s) matched=%v", gl.Title, g.health[id], g.matched[n])
		}
	}
	if krs == 0 || g.matched[g.index[mission]] || goalRows(m)[0] != mission {
		t.Error("want at-risk key results under the mission, shown dimmed")
	}
	if slices.Contains(goalRows(m), goalByTitle(t, o, "p95 dashboard query latency", "2026-Q4")) {
		t.Error("an off-track key result shows under the at-risk filter")
	}
	for range goalsHealths {
		m = keys(t, m, "H")
	}
	if goalsOf(m).healthF != "" {
		t.Error("H does not come back round to every health")
	}
}

func TestGoalsTextFilterKeepsAncestors(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	o := st.Org
	m := newTestModel(t, st, 140, 40)
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
	if slices.ContainsFunc(goalsOf(m).Keys(), func(b key.Binding) bool { return b.Help().Key == "space" }) {
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
	if rows := goalRows(m); !slices.Equal(rows, []string{missionOf(t, o), goalsKPIs}) {
		t.Errorf("clearing the filter should restore the folds: %v", rows)
	}
}

func TestGoalsSelectOpensWhatHidesTheGoal(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	o := st.Org
	m := newTestModel(t, st, 80, 24)
	kr := goalByTitle(t, o, "Median days to first dashboard", "2026-Q4")
	m = keys(t, m, "-", "4")
	m = update(t, m, common.JumpMsg{ID: kr})
	if m.active != tabGoals || goalsOf(m).Selected() != kr {
		t.Fatalf("jump to a key result in a folded branch: tab %d, selected %s", m.active, goalsOf(m).Selected())
	}
	if !strings.Contains(screen(m), "Median days to first dashboard") {
		t.Errorf("key result not on screen:\n%s", screen(m))
	}

	// Another period and a text filter that hide the goal are cleared.
	old := goalByTitle(t, o, "Median days to first dashboard", "2026-Q3")
	m = keys(t, m, "/", "z", "z", "enter")
	m = update(t, m, common.JumpMsg{ID: old})
	g := goalsOf(m)
	if g.Selected() != old || g.period != "" || g.List.Query() != "" {
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
	st := northwind(t)
	o := st.Org
	m := newTestModel(t, st, 80, 24)
	kr := goalByTitle(t, o, "Median days to first dashboard", "2026-Q4")
	up := o.LatestUpdate(kr)
	m = keys(t, m, "4")
	m = update(t, m, common.JumpMsg{ID: up.ID})
	if m.active != tabGoals || goalsOf(m).Selected() != kr {
		t.Fatalf("jump to %s: tab %d, selected %s, want %s", up.ID, m.active, goalsOf(m).Selected(), kr)
	}
}

func TestGoalsDetailShowsMetricAndCheckIns(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	o := st.Org
	kr := goalByTitle(t, o, "Median days to first dashboard", "2026-Q4")
	summary := o.LatestUpdate(kr).Summary
	first := summary[:strings.LastIndex(summary[:40], " ")]

	m := newTestModel(t, st, 140, 40)
	goalsOf(m).Select(kr)
	out := screen(m)
	for _, want := range []string{"14 → 8 → 5 days (lower is better)", "key result · Onboarding · Raj Patel · 2026-Q4 · active",
		"Health ▲ at risk", "Check-ins", "Raj Patel · ▲ at risk · value 8 days", first} {
		if !strings.Contains(out, want) {
			t.Errorf("details lack %q:\n%s", want, out)
		}
	}

	// On 80 columns the details open full screen with enter.
	m = newTestModel(t, st, 80, 24)
	goalsOf(m).Select(kr)
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
	st := northwind(t)
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
	m := newTestModel(t, st, 140, 60)
	goalsOf(m).Select(withDec)
	if out := screen(m); !strings.Contains(out, "Decisions") || !strings.Contains(out, decTitle[:30]) {
		t.Errorf("decision %q not in the details of %s:\n%s", decTitle, withDec, out)
	}
	goalsOf(m).Select(objective)
	out := screen(m)
	for _, want := range []string{"RACI", "Time-to-value review · A Mei Lin · agreed", "Children", "Median days to first dashboard · 2026-Q4"} {
		if !strings.Contains(out, want) {
			t.Errorf("objective details lack %q:\n%s", want, out)
		}
	}
}

func TestGoalsUnreadableFileIsAnErrorRow(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	st.Org.Problems = append(st.Org.Problems, model.Finding{Rule: "yaml.syntax", Severity: model.SeverityError,
		File: "goals/ZZ/GOAL-ZZZZZZZZ.yaml", Line: 3, Column: 7, Message: "mapping values are not allowed here"})
	m := newTestModel(t, st, 80, 24)
	if line := listLines(m)[1]; !strings.Contains(line, "✗ cannot read goals/ZZ/GOAL-ZZZZZZZZ.yaml:3") {
		t.Fatalf("first row %q, want the unreadable file", line)
	}
	if goalsOf(m).Selected() != "" {
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

func TestGoalsHostileTitleStaysClean(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	o := st.Org
	objective := goalByTitle(t, o, "Cut time to first value", "2026-Q4")
	title := "Evil \x1b[2J\u202etxt.exe " + strings.Repeat("W", 5000)
	o.Add(&model.Goal{ID: "GOAL-EVIL0001", Title: title, Description: title + "\n\x1b]52;c;aGk=\x07" + title,
		Level: model.LevelKeyResult, Parent: objective, Owner: "raj", Team: "onboarding", Period: "2026-Q4", State: "active",
		Metric: &model.Metric{Unit: "\x1b[31mdays\u202e", Baseline: 1, Target: 2, Direction: "increase"}}, nil)
	o.Index()
	for _, size := range [][2]int{{80, 24}, {140, 40}, {100, 30}} {
		m := newTestModel(t, st, size[0], size[1])
		goalsOf(m).Select("GOAL-EVIL0001")
		views := []Model{m, keys(t, m, "enter"), keys(t, m, "enter", "J", "J")}
		for i, v := range views {
			raw := v.render()
			out := screen(v)
			if !strings.Contains(out, "Evil") {
				t.Errorf("%dx%d view %d: the goal is not shown:\n%s", size[0], size[1], i, out)
			}
			if strings.ContainsAny(out, "\x1b\u202e\x07") || strings.Contains(out, "[2J") || strings.Contains(out, "]52;") {
				t.Errorf("%dx%d view %d: escape or bidi text reached the screen:\n%q", size[0], size[1], i, out)
			}
			lines := strings.Split(raw, "\n")
			if len(lines) != size[1] {
				t.Errorf("%dx%d view %d: %d lines", size[0], size[1], i, len(lines))
			}
			for n, line := range lines {
				if w := ansi.StringWidth(line); w > size[0] {
					t.Errorf("%dx%d view %d: line %d is %d cells wide", size[0], size[1], i, n, w)
				}
			}
		}
	}
}
