package model

// The report's goal sections: the strategic tree, the teams, what is at
// risk and the check-ins missing.

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// goals fills the mission, the strategic tree, the unaligned goals, the
// KPIs and the health counts.
func (b *reportBuilder) goals() {
	o := b.o
	var missions, strategic, roots []string
	for _, id := range o.IDs(KindGoal) {
		g := o.Goals[id]
		if g.State == "draft" || !b.inPeriod(g) {
			continue
		}
		switch g.Level {
		case LevelMission:
			missions = append(missions, id)
			continue
		case LevelStrategic:
			strategic = append(strategic, id)
			continue
		}
		if !b.ourTeam(g.Team) {
			continue
		}
		b.covered[id] = true
	}
	if len(missions) > 0 {
		m := b.goalLine(o.Goals[b.sortedGoals(missions)[0]], 0)
		b.r.Mission = &m
	}
	// Each covered goal belongs to the nearest strategic ancestor; goals
	// without one are roots of their own.
	placed := map[string]bool{}
	for _, id := range b.sortedGoals(strategic) {
		s := ReportStrategic{Goal: b.goalLine(o.Goals[id], 0), Goals: []ReportGoal{}}
		b.walk(id, 0, &s.Goals, placed, id)
		if len(s.Goals) > 0 || b.teams == nil || b.teams[o.Goals[id].Team] {
			b.r.Strategic = append(b.r.Strategic, s)
		}
	}
	for id := range b.covered {
		if placed[id] {
			continue
		}
		// A root: its parent is not covered, or it has a loop above it.
		if p := o.Goals[o.Goals[id].Parent]; p == nil || !b.covered[p.ID] || b.loops(id) {
			roots = append(roots, id)
		}
	}
	for _, id := range b.sortedGoals(roots) {
		if placed[id] {
			continue
		}
		if o.Goals[id].Level == LevelKPI {
			var kpis []ReportGoal
			b.place(id, 0, &kpis, placed, "")
			b.r.KPIs = append(b.r.KPIs, kpis...)
			continue
		}
		b.place(id, 0, &b.r.Unaligned, placed, "")
	}
	b.r.Health = HealthCounts{}
	for id := range b.covered {
		if l := o.Goals[id].Level; l == LevelObjective || l == LevelKeyResult {
			b.r.Health.add(b.health(o.Goals[id]))
		}
	}
	b.r.Strategic = nonNil(b.r.Strategic)
	b.r.Unaligned = nonNil(b.r.Unaligned)
	b.r.KPIs = nonNil(b.r.KPIs)
}

// loops reports whether the goal's parent chain loops.
func (b *reportBuilder) loops(id string) bool {
	seen := map[string]bool{}
	for cur := id; cur != ""; cur = b.o.Goals[cur].Parent {
		if seen[cur] {
			return true
		}
		seen[cur] = true
		if b.o.Goals[cur] == nil {
			return false
		}
	}
	return false
}

// walk places the covered goals under id, depth first by title. A goal
// that is not covered (another team's objective) is skipped, but the goals
// under it are still walked, one level up.
func (b *reportBuilder) walk(id string, depth int, out *[]ReportGoal, placed map[string]bool, strategic string) {
	for _, c := range b.sortedGoals(b.o.Children(id)) {
		if placed[c] {
			continue
		}
		if !b.covered[c] {
			if g := b.o.Goals[c]; g.Level != LevelStrategic && g.Level != LevelMission && g.State != "draft" {
				placed[c] = true // not shown, but never walked twice
				b.walk(c, depth, out, placed, strategic)
			}
			continue
		}
		b.place(c, depth, out, placed, strategic)
	}
}

func (b *reportBuilder) place(id string, depth int, out *[]ReportGoal, placed map[string]bool, strategic string) {
	placed[id] = true
	if strategic != "" {
		b.strategicOf[id] = strategic
	}
	*out = append(*out, b.goalLine(b.o.Goals[id], depth))
	b.walk(id, depth+1, out, placed, strategic)
}

func (c HealthCounts) add(h string) {
	if h == "" {
		h = HealthNone
	}
	c[h]++
}

// weaker reports whether health a is worse than b for a roll-up: healths
// that do not count (on hold, unknown) are never weaker.
func weaker(a, b string) bool {
	ra, rb := healthRank(a), healthRank(b)
	return ra >= 0 && (rb < 0 || ra < rb)
}

// teamRollup rolls the covered goals up per team.
func (b *reportBuilder) teamRollup() {
	o := b.o
	byTeam := map[string][]string{}
	for id := range b.covered {
		g := o.Goals[id]
		if g.Level == LevelObjective || g.Level == LevelKeyResult {
			byTeam[g.Team] = append(byTeam[g.Team], id)
		}
	}
	var ids []string
	for _, id := range o.IDs(KindTeam) {
		if b.ourTeam(id) {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, func(x, y string) int {
		return cmp.Or(cmp.Compare(strings.ToLower(b.teamName(x)), strings.ToLower(b.teamName(y))), cmp.Compare(x, y))
	})
	for _, id := range ids {
		t := o.Teams[id]
		rt := ReportTeam{Team: id, Name: b.teamName(id), Lead: t.Lead, Counts: HealthCounts{}, Goals: []ReportGoal{}}
		if t.Lead != "" {
			rt.LeadName = b.personName(t.Lead)
		}
		goals := byTeam[id]
		mine := map[string]bool{}
		for _, g := range goals {
			mine[g] = true
			rt.Counts.add(b.health(o.Goals[g]))
		}
		var sum float64
		var known int
		for _, g := range b.sortedGoals(goals) {
			if mine[o.Goals[g].Parent] {
				continue
			}
			line := b.goalLine(o.Goals[g], 0)
			rt.Goals = append(rt.Goals, line)
			if rt.Health == "" || weaker(line.Health, rt.Health) {
				rt.Health = line.Health
			}
			if line.Progress != nil {
				sum += *line.Progress
				known++
			}
		}
		if known > 0 {
			rt.Progress = ptrTo(round3(sum / float64(known)))
		}
		b.r.Teams = append(b.r.Teams, rt)
	}
	b.r.Teams = nonNil(b.r.Teams)
}

// atRisk lists the covered goals, and the strategic goals, whose own latest
// check-in says at risk or off track.
func (b *reportBuilder) atRisk() {
	o := b.o
	var out []ReportAtRisk
	consider := func(id string) {
		g := o.Goals[id]
		u := o.LatestUpdate(id)
		if g.State != "active" || u == nil || (u.Health != HealthAtRisk && u.Health != HealthOffTrack) {
			return
		}
		a := ReportAtRisk{Goal: b.goalLine(g, 0), CheckIn: u.ID, Date: u.Date, Author: u.Author,
			AuthorName: b.personName(u.Author), Confidence: u.Confidence, Summary: u.Summary,
			Problems: nonNil(slices.Clone(u.Problems)), Plans: nonNil(slices.Clone(u.Plans)), Asks: []ReportAsk{}}
		for _, ask := range u.Asks {
			to := ask.Addressee()
			name := b.personName(to)
			if b.o.People[to] == nil {
				name = b.teamName(to)
			}
			a.Asks = append(a.Asks, ReportAsk{From: to, FromName: name, What: ask.What})
		}
		if s := b.strategicOf[id]; s != "" {
			a.StrategicID, a.StrategicTitle = s, o.Goals[s].Title
		}
		out = append(out, a)
	}
	for id := range b.covered {
		consider(id)
	}
	for _, s := range b.r.Strategic {
		if b.ourTeam(s.Goal.Team) {
			consider(s.Goal.ID)
		}
	}
	levelOrder := func(l string) int { return slices.Index(GoalLevels, l) }
	reported := func(g ReportGoal) string { return cmp.Or(g.Reported, g.Health) }
	slices.SortFunc(out, func(x, y ReportAtRisk) int {
		return cmp.Or(cmp.Compare(healthRank(reported(x.Goal)), healthRank(reported(y.Goal))),
			cmp.Compare(levelOrder(x.Goal.Level), levelOrder(y.Goal.Level)),
			cmp.Compare(strings.ToLower(x.Goal.TeamName), strings.ToLower(y.Goal.TeamName)),
			cmp.Compare(strings.ToLower(x.Goal.Title), strings.ToLower(y.Goal.Title)), cmp.Compare(x.Goal.ID, y.Goal.ID))
	})
	b.r.AtRisk = nonNil(out)
}

// missingCheckIns lists active goals in scope whose check-ins are behind
// their cadence, as the update.stale rule counts: the cadence plus
// limits.stale_grace_days since the last dated check-in, or none at all.
func (b *reportBuilder) missingCheckIns() {
	var out []ReportMissingCheckIn
	if b.today.IsZero() {
		b.r.MissingCheckIns = []ReportMissingCheckIn{}
		return
	}
	o := b.o
	grace := o.Config.StaleGraceDays()
	check := func(g *Goal) {
		every := cadenceDays[g.Cadence]
		if g.State != "active" || every == 0 {
			return
		}
		m := ReportMissingCheckIn{Goal: b.goalLine(g, 0), Cadence: g.Cadence}
		if last, lastDate := o.lastDatedUpdate(g.ID); last != nil {
			m.DaysSince = int(b.today.Sub(lastDate).Hours() / 24)
			if m.DaysSince <= every+grace {
				return
			}
			m.LastDate = last.Date
			m.Due = lastDate.AddDate(0, 0, every).Format(time.DateOnly)
		}
		out = append(out, m)
	}
	for id := range b.covered {
		check(o.Goals[id])
	}
	for _, s := range b.r.Strategic {
		if b.ourTeam(s.Goal.Team) {
			check(o.Goals[s.Goal.ID])
		}
	}
	slices.SortFunc(out, func(x, y ReportMissingCheckIn) int {
		// Never checked in first, then the longest silence.
		return cmp.Or(cmp.Compare(len(x.LastDate), len(y.LastDate)), cmp.Compare(y.DaysSince, x.DaysSince),
			cmp.Compare(strings.ToLower(x.Goal.Title), strings.ToLower(y.Goal.Title)), cmp.Compare(x.Goal.ID, y.Goal.ID))
	})
	b.r.MissingCheckIns = nonNil(out)
}
