package model

// What every section of a report shares: the dates and teams it covers,
// names for handles, and a goal as a report shows it.

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"
)

// reportBuilder holds what the sections share: the resolved dates, the
// teams in scope and the goals covered.
type reportBuilder struct {
	o            *Org
	r            Report
	steps        Attributions // who took each step, when known
	today        time.Time    // midnight UTC; zero when unknown
	since, until string       // YYYY-MM-DD, "" when open
	sinceT       time.Time
	untilT       time.Time
	teams        map[string]bool // nil: every team
	covered      map[string]bool // goal IDs in the period and scope
	strategicOf  map[string]string
}

func newReportBuilder(o *Org, opts ReportOptions) *reportBuilder {
	b := &reportBuilder{o: o, covered: map[string]bool{}, strategicOf: map[string]string{}, steps: opts.Steps}
	if !opts.Today.IsZero() {
		b.today = day(opts.Today)
		b.r.Today = b.today.Format(time.DateOnly)
	}
	period := opts.Period
	if period == "" && opts.Since.IsZero() && opts.Until.IsZero() {
		if _, _, ok := PeriodRange(o.Config.CurrentPeriod); ok {
			period = o.Config.CurrentPeriod
		} else if !b.today.IsZero() {
			period = QuarterOf(b.today)
		}
	}
	if period != "" {
		b.r.Period = period
		if first, last, ok := PeriodRange(period); ok {
			b.sinceT, b.untilT = first, last
		}
	} else {
		if !opts.Since.IsZero() {
			b.sinceT = day(opts.Since)
		}
		b.untilT = b.today
		if !opts.Until.IsZero() {
			b.untilT = day(opts.Until)
		}
	}
	if !b.sinceT.IsZero() {
		b.since = b.sinceT.Format(time.DateOnly)
	}
	if !b.untilT.IsZero() {
		b.until = b.untilT.Format(time.DateOnly)
	}
	b.r.Org, b.r.Since, b.r.Until = o.Config.Org, b.since, b.until
	if t := o.Teams[opts.Team]; t != nil {
		b.r.Team, b.r.TeamName = t.ID, t.Name
		b.teams = map[string]bool{t.ID: true}
		// The teams under it, however deep; a cycle stops at a team seen.
		for grew := true; grew; {
			grew = false
			for _, id := range o.IDs(KindTeam) {
				if tt := o.Teams[id]; !b.teams[id] && b.teams[tt.Parent] {
					b.teams[id], grew = true, true
				}
			}
		}
	}
	return b
}

// inDates reports whether a YYYY-MM-DD date falls in the period.
func (b *reportBuilder) inDates(date string) bool {
	if _, ok := parseDay(date); !ok {
		return false
	}
	return (b.since == "" || date >= b.since) && (b.until == "" || date <= b.until)
}

// inPeriod reports whether a goal belongs to the period: it has none (the
// mission, strategic goals, KPIs), it names the report's period, or its
// period's days overlap the report's.
func (b *reportBuilder) inPeriod(g *Goal) bool {
	if g.Period == "" || g.Period == b.r.Period {
		return true
	}
	first, last, ok := PeriodRange(g.Period)
	if !ok {
		return false
	}
	return (b.untilT.IsZero() || !first.After(b.untilT)) && (b.sinceT.IsZero() || !last.Before(b.sinceT))
}

// ourTeam reports whether a team is in the report's scope.
func (b *reportBuilder) ourTeam(team string) bool { return b.teams == nil || b.teams[team] }

// ourPerson reports whether a person (or team) is in scope: the whole
// organisation, a team in scope, or a member of one.
func (b *reportBuilder) ourPerson(handle string) bool {
	if b.teams == nil {
		return true
	}
	if b.teams[handle] {
		return true
	}
	if p := b.o.People[handle]; p != nil {
		for _, t := range p.Teams {
			if b.teams[t] {
				return true
			}
		}
	}
	return false
}

func (b *reportBuilder) anyOurs(handles ...[]string) bool {
	for _, hs := range handles {
		for _, h := range hs {
			if h != "" && b.ourPerson(h) {
				return true
			}
		}
	}
	return false
}

func (b *reportBuilder) personName(h string) string {
	if p := b.o.People[h]; p != nil && p.Name != "" {
		return p.Name
	}
	return h
}

// names are the names of people or teams, for handles of either.
func (b *reportBuilder) names(handles []string) []string {
	out := []string{}
	for _, h := range handles {
		if b.o.People[h] == nil && b.o.Teams[h] != nil {
			out = append(out, b.teamName(h))
		} else {
			out = append(out, b.personName(h))
		}
	}
	return out
}

func (b *reportBuilder) teamName(t string) string {
	if tt := b.o.Teams[t]; tt != nil && tt.Name != "" {
		return tt.Name
	}
	return t
}

func (b *reportBuilder) goalLine(g *Goal, depth int) ReportGoal {
	rg := ReportGoal{ID: g.ID, Title: g.Title, Level: g.Level, Depth: depth,
		Owner: g.Owner, Team: g.Team, Period: g.Period, State: g.State,
		Health: b.health(g), Metric: g.Metric}
	if rg.Health == HealthStale {
		rg.Reported = b.o.Reported(g.ID)
	}
	if g.Owner != "" {
		rg.OwnerName = b.personName(g.Owner)
	}
	if g.Team != "" {
		rg.TeamName = b.teamName(g.Team)
	}
	if p, ok := b.o.Progress(g.ID); ok {
		rg.Progress = ptrTo(round3(p))
	}
	if v, ok := b.o.CurrentValue(g.ID); ok && g.Metric != nil {
		rg.Current = ptrTo(v)
	}
	if u := b.o.LatestUpdate(g.ID); u != nil {
		rg.LastCheckIn = u.Date
	}
	return rg
}

func ptrTo[T any](v T) *T { return &v }

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

// sortedGoals returns goal IDs ordered by title, then ID.
func (b *reportBuilder) sortedGoals(ids []string) []string {
	out := slices.Clone(ids)
	slices.SortFunc(out, func(x, y string) int {
		return cmp.Or(cmp.Compare(strings.ToLower(b.o.Goals[x].Title), strings.ToLower(b.o.Goals[y].Title)), cmp.Compare(x, y))
	})
	return out
}

// dueKey sorts undated items last.
func dueKey(due string) string {
	if _, ok := parseDay(due); ok {
		return due
	}
	return sortLast
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// health is a goal's health on the report's day: stale when its check-in
// is overdue then (whatever the organisation's own Today), else what its
// check-ins and children report.
func (b *reportBuilder) health(g *Goal) string {
	h := b.o.Reported(g.ID)
	if !b.today.IsZero() && h != HealthOnHold && b.o.Staleness(g, b.today).Overdue {
		return HealthStale
	}
	return h
}
