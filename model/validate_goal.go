package model

import (
	"math"
	"slices"
	"strings"
)

// The rules of goals: shape of the pyramid, metrics, periods, stale check-ins.

// ---- goals ----

// cadenceDays is how often a cadence wants a check-in.
var cadenceDays = map[string]int{"weekly": 7, "biweekly": 14, "monthly": 31, "quarterly": 92}

func (v *validator) goal(g *Goal) {
	v.checkID(g)
	v.required(g, "title", g.Title)
	levelOK := v.enum(g, "level", g.Level, GoalLevels, true)
	v.enum(g, "state", g.State, GoalStates, true)
	v.enum(g, "outcome", g.Outcome, GoalOutcomes, false)
	v.enum(g, "cadence", g.Cadence, Cadences, false)
	v.period(g)
	parentOK := v.ref(g, "parent", "parent", g.Parent, KindGoal)
	v.ref(g, "owner", "owner", g.Owner, KindPerson)
	v.ref(g, "team", "team", g.Team, KindTeam)
	v.dependencies(g)
	if w := g.Weight; w != nil && (*w < 0 || math.IsNaN(*w) || math.IsInf(*w, 0)) {
		v.add(g, "schema.range", SeverityError, "weight", "weight %s is out of range; a weight is a number of 0 or more", formatNumber(*w))
	}
	if levelOK && (parentOK || g.Parent == "") {
		v.goalShape(g)
	}
	if m := g.Metric; m != nil {
		v.metric(g, m)
	} else if g.Level == LevelKeyResult || g.Level == LevelKPI {
		v.add(g, "goal.metric-missing", SeverityError, "level", "%s %s needs a metric (unit, baseline, target and direction)",
			articleFor(levelWord(g.Level)), levelWord(g.Level))
	}
	if g.State == "closed" && g.Outcome == "" {
		v.add(g, "goal.outcome-missing", SeverityWarning, "state", "the goal is closed but has no outcome; set one of %s", strings.Join(GoalOutcomes, ", "))
	}
	if g.State == "active" {
		v.stale(g)
	}
	if g.State != "closed" {
		v.inactiveOwner(g, "owner", "owner", g.Owner, "goal")
	}
}

func (v *validator) period(g *Goal) {
	p := g.Period
	if p == "" || slices.Contains(v.o.Config.Periods, p) {
		return
	}
	if !ValidPeriod(p) {
		v.add(g, "period.format", SeverityError, "period", "period %s is not a year (2026), a half (2026-H1) or a quarter (2026-Q4)", quoteValue(p))
		return
	}
	if len(v.o.Config.Periods) > 0 {
		v.add(g, "period.unknown", SeverityWarning, "period", "period %s is not one of the periods in accord.yaml (%s)", p, capList(v.o.Config.Periods))
	}
}

// validPeriod accepts 2026, 2026-H1 and 2026-Q4.
func ValidPeriod(p string) bool {
	if len(p) < 4 {
		return false
	}
	for i := 0; i < 4; i++ {
		if p[i] < '0' || p[i] > '9' {
			return false
		}
	}
	switch rest := p[4:]; {
	case rest == "":
		return true
	case len(rest) == 3 && rest[0] == '-' && rest[1] == 'Q':
		return rest[2] >= '1' && rest[2] <= '4'
	case len(rest) == 3 && rest[0] == '-' && rest[1] == 'H':
		return rest[2] == '1' || rest[2] == '2'
	}
	return false
}

// goalShape checks the goal's place in the pyramid. The parent, if any, is
// known to be a goal.
func (v *validator) goalShape(g *Goal) {
	var parentLevel string
	if p := v.o.Goals[g.Parent]; p != nil {
		parentLevel = p.Level
		if !slices.Contains(GoalLevels, parentLevel) {
			return // the parent's own level is reported on the parent
		}
	}
	is := func() string { return articleFor(levelWord(parentLevel)) + " " + levelWord(parentLevel) }
	switch g.Level {
	case LevelMission:
		if g.Parent != "" {
			v.add(g, "goal.shape", SeverityWarning, "parent", "the mission sits at the top and has no parent, but parent is %s, %s", g.Parent, is())
		}
	case LevelStrategic:
		if g.Parent != "" && parentLevel != LevelMission {
			v.add(g, "goal.shape", SeverityWarning, "parent", "a strategic goal's parent must be the mission, but %s is %s", g.Parent, is())
		}
	case LevelObjective:
		switch {
		case g.Parent == "":
			v.add(g, "goal.shape", SeverityWarning, "level", "an objective must serve a strategic goal or another objective, but it has no parent")
		case parentLevel != LevelStrategic && parentLevel != LevelObjective:
			v.add(g, "goal.shape", SeverityWarning, "parent", "an objective's parent must be a strategic goal or another objective, but %s is %s", g.Parent, is())
		}
	case LevelKeyResult:
		switch {
		case g.Parent == "":
			v.add(g, "goal.shape", SeverityWarning, "level", "a key result must measure an objective, but it has no parent")
		case parentLevel != LevelObjective:
			v.add(g, "goal.shape", SeverityWarning, "parent", "a key result's parent must be an objective, but %s is %s", g.Parent, is())
		}
	}
}

func (v *validator) metric(g *Goal, m *Metric) {
	v.enum(g, "metric.direction", m.Direction, MetricDirections, true)
	if units := v.o.Config.Enums.Units; len(units) > 0 && m.Unit != "" && !slices.Contains(units, m.Unit) {
		v.add(g, "schema.unit", SeverityWarning, "metric", "metric.unit %s is not one of the units in accord.yaml (%s)", quoteValue(m.Unit), capList(units))
	}
	switch {
	case m.Direction == "increase" && m.Target < m.Baseline:
		v.add(g, "goal.metric-target", SeverityWarning, "metric", "the metric should increase, but its target %s is below its baseline %s", formatNumber(m.Target), formatNumber(m.Baseline))
	case m.Direction == "decrease" && m.Target > m.Baseline:
		v.add(g, "goal.metric-target", SeverityWarning, "metric", "the metric should decrease, but its target %s is above its baseline %s", formatNumber(m.Target), formatNumber(m.Baseline))
	case m.Target == m.Baseline && g.Level == LevelKeyResult:
		// A KPI may hold a level; a key result has to move something.
		v.add(g, "goal.metric-target", SeverityWarning, "metric", "the metric's target equals its baseline (%s), so the key result asks for no change", formatNumber(m.Target))
	}
}

// stale warns when an active goal's check-ins have fallen behind its cadence.
func (v *validator) stale(g *Goal) {
	if !v.hasToday {
		return
	}
	st := v.o.Staleness(g, v.today)
	switch {
	case st.Every == 0:
	case st.Last == nil:
		what := "no check-in yet"
		if len(v.o.UpdatesOf(g.ID)) > 0 {
			what = "no check-in with a readable date"
		}
		v.add(g, "update.stale", SeverityWarning, "cadence", "the goal has %s; a %s goal needs one every %d days", what, g.Cadence, st.Every)
	case st.Overdue:
		v.add(g, "update.stale", SeverityWarning, "cadence", "the last check-in (%s, %s) was %d days ago; a %s goal needs one every %d days, with %d days' grace",
			st.Last.ID, st.Last.Date, st.Days, g.Cadence, st.Every, st.Grace)
	}
}
