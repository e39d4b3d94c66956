package model

import "slices"

// The report's sections on work across teams: goals blocked by what they
// depend on, the asks between each pair of teams, and how each pair rates
// working together.

// ReportBlocked is a goal the report covers that something it depends on
// blocks.
type ReportBlocked struct {
	GoalID    string          `json:"goal_id"`
	GoalTitle string          `json:"goal_title"`
	Owner     string          `json:"owner"`
	OwnerName string          `json:"owner_name"`
	TeamName  string          `json:"team_name"`
	Blockers  []ReportBlocker `json:"blocked_by"`
}

// ReportBlocker is one thing that blocks a goal.
type ReportBlocker struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	TeamName string `json:"team_name"`
	Reason   string `json:"reason"`
}

// ReportAskPair is the give and take between two teams in the period.
type ReportAskPair struct {
	AskPair
	FromName string `json:"from_name"`
	ToName   string `json:"to_name"`
}

// ReportPulse is one pair's pulse trend.
type ReportPulse struct {
	PulseTrend
	TeamName  string `json:"team_name"`
	AboutName string `json:"about_name"`
}

// blocked lists the covered goals something blocks, by goal ID.
func (b *reportBuilder) blocked() {
	out := []ReportBlocked{}
	for _, bl := range b.o.BlockedGoals(b.today) {
		g := bl.Goal
		if !b.covered[g.ID] {
			continue
		}
		rb := ReportBlocked{GoalID: g.ID, GoalTitle: g.Title, Owner: g.Owner, OwnerName: b.personName(g.Owner), TeamName: b.teamName(g.Team)}
		for _, x := range bl.Blockers {
			r, _ := b.o.Get(x.ID)
			rb.Blockers = append(rb.Blockers, ReportBlocker{ID: x.ID, Title: r.RecordTitle(), TeamName: b.teamName(b.o.TeamOf(r)), Reason: x.Reason})
		}
		out = append(out, rb)
	}
	b.r.Blocked = out
}

// askPairs counts the asks made in the period between pairs of teams, in
// a team's report those the team makes or is asked.
func (b *reportBuilder) askPairs() {
	out := []ReportAskPair{}
	for _, p := range b.o.AskPairs(b.today, b.since, b.until) {
		if b.teams != nil && !b.teams[p.From] && !b.teams[p.To] {
			continue
		}
		out = append(out, ReportAskPair{AskPair: p, FromName: b.teamName(p.From), ToName: b.teamName(p.To)})
	}
	b.r.AskPairs = out
}

// pulses lists the pulse trends, falling pairs first, in a team's report
// those the team is in; points after the period are left out.
func (b *reportBuilder) pulses() {
	out := []ReportPulse{}
	for _, t := range b.o.PulseTrends() {
		if b.teams != nil && !b.teams[t.Team] && !b.teams[t.About] {
			continue
		}
		if b.until != "" {
			t.Points = slices.DeleteFunc(slices.Clone(t.Points), func(p PulsePoint) bool {
				start, _ := PeriodStart(p.Period)
				return start.After(b.untilT)
			})
			if len(t.Points) == 0 {
				continue
			}
			t.Change, t.Falling = 0, false
			if n := len(t.Points); n > 1 {
				t.Change = round2(t.Points[n-1].Average - t.Points[n-2].Average)
				t.Falling = t.Change <= -PulseFall
			}
		}
		out = append(out, ReportPulse{PulseTrend: t, TeamName: b.teamName(t.Team), AboutName: b.teamName(t.About)})
	}
	slices.SortStableFunc(out, func(x, y ReportPulse) int {
		if x.Falling != y.Falling {
			if x.Falling {
				return -1
			}
			return 1
		}
		return 0
	})
	b.r.Pulses = out
}
