package model

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// Dependencies between goals: a goal's depends_on names goals of any team,
// hand-offs and decisions it cannot succeed without. What goes wrong there
// blocks the goal (BlockedBy); counted per pair of teams it shows how
// departments lean on each other (TeamDependencies).

// DependenciesOf lists the records a goal depends on that exist, in the
// order depends_on names them.
func (o *Org) DependenciesOf(goalID string) []Record {
	g := o.Goals[goalID]
	if g == nil {
		return nil
	}
	var out []Record
	for _, id := range g.DependsOn {
		if r, ok := o.Get(id); ok {
			switch r.(type) {
			case *Goal, *Handoff, *Decision:
				out = append(out, r)
			}
		}
	}
	return out
}

// Dependents lists the goals whose depends_on names id, sorted by ID.
func (o *Org) Dependents(id string) []*Goal {
	var out []*Goal
	for _, g := range o.Goals {
		if slices.Contains(g.DependsOn, id) {
			out = append(out, g)
		}
	}
	slices.SortFunc(out, func(a, b *Goal) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// Blocker is one dependency that stands in a goal's way, and why.
type Blocker struct {
	ID     string `json:"id"`
	Kind   Kind   `json:"kind"`
	Reason string `json:"reason"`
}

// BlockedBy lists what blocks an open goal, in depends_on order: a goal
// depended on that is at risk or off track (or closed as missed), a
// decision still draft or proposed past its review_by date, a hand-off
// rejected or past due and not delivered. today dates the decision's and
// the hand-off's checks; zero skips them. A closed goal is blocked by
// nothing.
func (o *Org) BlockedBy(goalID string, today time.Time) []Blocker {
	g := o.Goals[goalID]
	if g == nil || g.State == "closed" {
		return nil
	}
	day, dated := dayOf(today)
	var out []Blocker
	for _, r := range o.DependenciesOf(goalID) {
		if why := o.blocks(r, day, dated); why != "" {
			out = append(out, Blocker{ID: r.RecordID(), Kind: r.RecordKind(), Reason: why})
		}
	}
	return out
}

// blocks says why a record a goal depends on stands in its way, or "".
func (o *Org) blocks(r Record, day time.Time, dated bool) string {
	switch d := r.(type) {
	case *Goal:
		switch h := o.Reported(d.ID); h {
		case HealthAtRisk:
			return "at risk"
		case HealthOffTrack:
			return "off track"
		case "missed":
			return "closed as missed"
		}
	case *Decision:
		if d.Status != DecisionDraft && d.Status != DecisionProposed || !dated {
			return ""
		}
		if due, ok := parseDay(d.ReviewBy); ok && due.Before(day) {
			return fmt.Sprintf("still %s, past its review date %s", d.Status, d.ReviewBy)
		}
	case *Handoff:
		switch d.State {
		case "rejected":
			return "rejected"
		case "delivered", "received":
			return ""
		}
		if due, ok := parseDay(d.Due); ok && dated && due.Before(day) {
			return fmt.Sprintf("%s, due %s", handoffStateWord(d.State), d.Due)
		}
	}
	return ""
}

func handoffStateWord(s string) string {
	if s == "in_progress" {
		return "in progress"
	}
	return s
}

// Blocked is an open goal and what blocks it.
type Blocked struct {
	Goal     *Goal     `json:"-"`
	GoalID   string    `json:"goal"`
	Blockers []Blocker `json:"blocked_by"`
}

// BlockedGoals lists every open goal something blocks, sorted by goal ID.
func (o *Org) BlockedGoals(today time.Time) []Blocked {
	var out []Blocked
	for _, id := range o.IDs(KindGoal) {
		g := o.Goals[id]
		if len(g.DependsOn) == 0 {
			continue
		}
		if bs := o.BlockedBy(id, today); len(bs) > 0 {
			out = append(out, Blocked{Goal: g, GoalID: id, Blockers: bs})
		}
	}
	return out
}

// TeamOf is the team a record a goal may depend on belongs to: a goal's
// team, a hand-off's sending team (it delivers), a decision's driver's
// first team.
func (o *Org) TeamOf(r Record) string {
	switch d := r.(type) {
	case *Goal:
		return d.Team
	case *Handoff:
		return d.From.Team
	case *Decision:
		return o.firstTeam(d.Driver)
	}
	return ""
}

// TeamDependency is how much one team leans on another: the open goals of
// From that depend on something of To, and which of those it blocks.
type TeamDependency struct {
	From string `json:"from"`
	To   string `json:"to"`
	// Goals are the IDs of From's goals that depend on To, sorted.
	Goals []string `json:"goals"`
	// AtRisk are those of Goals that something of To blocks.
	AtRisk []string `json:"at_risk,omitempty"`
}

// TeamDependencies counts, for each pair of different teams, the goals of
// one (not closed) that depend on records of the other, sorted by
// depending team, then the team depended on.
func (o *Org) TeamDependencies(today time.Time) []TeamDependency {
	day, dated := dayOf(today)
	by := map[[2]string]*TeamDependency{}
	for _, id := range o.IDs(KindGoal) {
		g := o.Goals[id]
		if g.Team == "" || g.State == "closed" || len(g.DependsOn) == 0 {
			continue
		}
		for _, r := range o.DependenciesOf(id) {
			to := o.TeamOf(r)
			if to == "" || to == g.Team {
				continue
			}
			key := [2]string{g.Team, to}
			td := by[key]
			if td == nil {
				td = &TeamDependency{From: g.Team, To: to}
				by[key] = td
			}
			if n := len(td.Goals); n == 0 || td.Goals[n-1] != id {
				td.Goals = append(td.Goals, id)
			}
			if o.blocks(r, day, dated) != "" {
				if n := len(td.AtRisk); n == 0 || td.AtRisk[n-1] != id {
					td.AtRisk = append(td.AtRisk, id)
				}
			}
		}
	}
	out := make([]TeamDependency, 0, len(by))
	for _, td := range by {
		out = append(out, *td)
	}
	slices.SortFunc(out, func(a, b TeamDependency) int { return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To)) })
	return out
}

// dependencyLoop finds a loop of depends_on links among goals that starts
// and ends at start, walking each goal's dependencies in the order its
// depends_on names them, depth first; nil when there is none.
func (o *Org) dependencyLoop(start string) []string {
	visited := map[string]bool{}
	var path []string
	var walk func(id string) bool
	walk = func(id string) bool {
		g := o.Goals[id]
		if g == nil {
			return false
		}
		path = append(path, id)
		for _, next := range g.DependsOn {
			if next == start {
				return true
			}
			if !visited[next] {
				visited[next] = true
				if walk(next) {
					return true
				}
			}
		}
		path = path[:len(path)-1]
		return false
	}
	visited[start] = true
	if walk(start) {
		return path
	}
	return nil
}
