package model

// The report's sections on other records: decisions, RACI gaps and
// overload, overdue hand-offs and wins.

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// ourDecision reports whether a decision concerns the teams in scope: one
// of its people or teams is in scope, or it serves one of their goals.
func (b *reportBuilder) ourDecision(d *Decision) bool {
	if b.teams == nil {
		return true
	}
	if b.anyOurs([]string{d.Driver, d.Approver}, d.DecisionMakers, d.Consulted, d.Informed) {
		return true
	}
	for _, g := range d.Goals {
		if gg := b.o.Goals[g]; gg != nil && b.teams[gg.Team] {
			return true
		}
	}
	return false
}

func (b *reportBuilder) decisionLine(d *Decision) ReportDecision {
	rd := ReportDecision{ID: d.ID, Title: d.Title, Status: d.Status, Date: d.Date, Driver: d.Driver, Approver: d.Approver}
	if d.Driver != "" {
		rd.DriverName = b.personName(d.Driver)
	}
	if d.Approver != "" {
		rd.ApproverName = b.personName(d.Approver)
	}
	if d.Status == DecisionAccepted || d.Status == DecisionRejected {
		rd.DecidedBy = b.steps.ByLineFor(b.o, d.ID, d.Status)
	}
	if d.Outcome != nil {
		rd.Chosen = d.Outcome.Chosen
		for _, opt := range d.Options {
			if opt.ID == d.Outcome.Chosen && opt.Title != "" {
				rd.Chosen = opt.Title
			}
		}
		rd.Rationale = OneLine(d.Outcome.Rationale, 200)
	}
	return rd
}

// decisions lists the decisions made and superseded in the period, and
// those awaiting approval.
func (b *reportBuilder) decisions() {
	o := b.o
	var made, superseded, proposed []ReportDecision
	for _, id := range o.IDs(KindDecision) {
		d := o.Decisions[id]
		if !b.ourDecision(d) {
			continue
		}
		switch d.Status {
		case DecisionAccepted:
			if b.inDates(d.Date) {
				made = append(made, b.decisionLine(d))
			}
		case DecisionProposed:
			proposed = append(proposed, b.decisionLine(d))
		case DecisionSuperseded:
			rd := b.decisionLine(d)
			rd.Rationale = ""
			// It was superseded when its successor was decided; without a
			// successor to date it, its own date stands in.
			if next := o.Decisions[d.SupersededBy]; next != nil {
				rd.SupersededBy, rd.SupersededByTitle = next.ID, next.Title
				if _, ok := parseDay(next.Date); ok {
					rd.Date = next.Date
				}
				if next.Outcome != nil {
					rd.Rationale = OneLine(next.Outcome.Rationale, 200)
				}
			} else {
				rd.SupersededBy = d.SupersededBy
			}
			if b.inDates(rd.Date) {
				superseded = append(superseded, rd)
			}
		}
	}
	byDate := func(x, y ReportDecision) int { return cmp.Or(cmp.Compare(x.Date, y.Date), cmp.Compare(x.ID, y.ID)) }
	slices.SortFunc(made, byDate)
	slices.SortFunc(superseded, byDate)
	slices.SortFunc(proposed, byDate)
	b.r.Decisions, b.r.Superseded, b.r.Proposed = nonNil(made), nonNil(superseded), nonNil(proposed)
}

// OneLine is the first line of s, trimmed and cut at a word boundary to at
// most max runes (with an ellipsis) when max > 0.
func OneLine(s string, max int) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	s = strings.TrimSpace(s)
	r := []rune(s)
	if max <= 0 || len(r) <= max {
		return s
	}
	cut := max - 1
	for i := cut; i > max/2; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(r[:cut]), " ,;:.") + "…"
}

// raciGapRules are the validation rules a report lists as RACI gaps, in
// the order it lists them, with the words it uses.
var raciGapRules = []struct{ rule, text string }{
	{"raci.accountable-missing", "no Accountable"},
	{"raci.accountable-multiple", "more than one Accountable"},
	{"raci.accountable-team", "a team is Accountable"},
	{"raci.responsible-missing", "nobody Responsible"},
}

// ourRACI reports whether a RACI item concerns the teams in scope: its
// Accountable or Responsible is in scope, or its subject is their goal or
// hand-off.
func (b *reportBuilder) ourRACI(r *RACI) bool {
	if b.teams == nil || b.anyOurs(r.Accountable, r.Responsible) {
		return true
	}
	if g := b.o.Goals[r.Subject.ID]; g != nil && b.teams[g.Team] {
		return true
	}
	if h := b.o.Handoffs[r.Subject.ID]; h != nil && (b.teams[h.From.Team] || b.teams[h.To.Team]) {
		return true
	}
	return false
}

// raci lists the RACI gaps, from the same rules Validate applies, and the
// people Accountable for too much.
func (b *reportBuilder) raci() {
	o := b.o
	gaps := map[string][]Gap{}
	for _, f := range Validate(o, ValidateOptions{}) {
		if o.RACIs[f.ID] == nil {
			continue
		}
		for _, g := range raciGapRules {
			if f.Rule == g.rule {
				text := g.text
				if r := o.RACIs[f.ID]; g.rule == "raci.accountable-multiple" {
					text = fmt.Sprintf("%s Accountables", numberWord(len(distinct(r.Accountable))))
				}
				if !slices.ContainsFunc(gaps[f.ID], func(x Gap) bool { return x.Rule == g.rule }) {
					gaps[f.ID] = append(gaps[f.ID], Gap{Rule: g.rule, Text: text})
				}
			}
		}
	}
	var out []ReportRACIGap
	for id, gs := range gaps {
		r := o.RACIs[id]
		if !b.ourRACI(r) {
			continue
		}
		slices.SortFunc(gs, func(x, y Gap) int {
			ix := slices.IndexFunc(raciGapRules, func(g struct{ rule, text string }) bool { return g.rule == x.Rule })
			iy := slices.IndexFunc(raciGapRules, func(g struct{ rule, text string }) bool { return g.rule == y.Rule })
			return cmp.Compare(ix, iy)
		})
		out = append(out, ReportRACIGap{ID: id, Title: r.Title, Due: r.Due,
			Accountable: nonNil(slices.Clone([]string(r.Accountable))), Responsible: nonNil(slices.Clone(r.Responsible)),
			AccountableNames: b.names(r.Accountable), ResponsibleNames: b.names(r.Responsible), Gaps: gs})
	}
	slices.SortFunc(out, func(x, y ReportRACIGap) int {
		return cmp.Or(cmp.Compare(dueKey(x.Due), dueKey(y.Due)), cmp.Compare(x.ID, y.ID))
	})
	b.r.RACIGaps = nonNil(out)

	// Overload counts as the raci.overload rule does: open items, each
	// Accountable once per item.
	limit := o.Config.MaxAccountable()
	items := map[string][]ReportRef{}
	for _, id := range o.IDs(KindRACI) {
		r := o.RACIs[id]
		if r.State == "retired" {
			continue
		}
		for _, a := range distinct(r.Accountable) {
			if a != "" {
				items[a] = append(items[a], ReportRef{ID: id, Title: r.Title, Due: r.Due})
			}
		}
	}
	var over []ReportOverload
	for who, refs := range items {
		if o.People[who] == nil || len(refs) <= limit || !b.ourPerson(who) {
			continue
		}
		slices.SortFunc(refs, func(x, y ReportRef) int {
			return cmp.Or(cmp.Compare(dueKey(x.Due), dueKey(y.Due)), cmp.Compare(x.ID, y.ID))
		})
		over = append(over, ReportOverload{Person: who, Name: b.personName(who), Count: len(refs), Limit: limit, Items: refs})
	}
	slices.SortFunc(over, func(x, y ReportOverload) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Person, y.Person))
	})
	b.r.Overloaded = nonNil(over)
}

// handoffs lists the open hand-offs in scope that are past due.
func (b *reportBuilder) handoffs() {
	var out []ReportHandoff
	for _, id := range b.o.IDs(KindHandoff) {
		h := b.o.Handoffs[id]
		due, ok := parseDay(h.Due)
		if !ok || b.today.IsZero() || !due.Before(b.today) || slices.Contains(handoffDone, h.State) {
			continue
		}
		if !b.ourTeam(h.From.Team) && !b.ourTeam(h.To.Team) {
			continue
		}
		rh := ReportHandoff{ID: id, Title: h.Title, State: h.State, Due: h.Due,
			DaysOverdue: int(b.today.Sub(due).Hours() / 24),
			FromTeam:    h.From.Team, FromTeamName: b.teamName(h.From.Team), FromOwner: h.From.Owner,
			ToTeam: h.To.Team, ToTeamName: b.teamName(h.To.Team), ToOwner: h.To.Owner}
		if h.From.Owner != "" {
			rh.FromOwnerName = b.personName(h.From.Owner)
		}
		if h.To.Owner != "" {
			rh.ToOwnerName = b.personName(h.To.Owner)
		}
		out = append(out, rh)
	}
	slices.SortFunc(out, func(x, y ReportHandoff) int {
		return cmp.Or(cmp.Compare(y.DaysOverdue, x.DaysOverdue), cmp.Compare(x.ID, y.ID))
	})
	b.r.OverdueHandoffs = nonNil(out)
}

// wins collects the wins of check-ins dated in the period on goals of the
// teams in scope, newest first.
func (b *reportBuilder) wins() {
	var out []ReportWin
	for _, id := range b.o.IDs(KindUpdate) {
		u := b.o.Updates[id]
		g := b.o.Goals[u.Target]
		if len(u.Wins) == 0 || g == nil || !b.ourTeam(g.Team) || !b.inDates(u.Date) {
			continue
		}
		for _, w := range u.Wins {
			if strings.TrimSpace(w) == "" {
				continue
			}
			rw := ReportWin{Text: w, Date: u.Date, CheckIn: u.ID, Author: u.Author, AuthorName: b.personName(u.Author),
				GoalID: g.ID, GoalTitle: g.Title, Team: g.Team}
			if g.Team != "" {
				rw.TeamName = b.teamName(g.Team)
			}
			out = append(out, rw)
		}
	}
	slices.SortStableFunc(out, func(x, y ReportWin) int {
		return cmp.Or(cmp.Compare(y.Date, x.Date), cmp.Compare(x.CheckIn, y.CheckIn))
	})
	b.r.Wins = nonNil(out)
}

// asked lists, for a team's report, the asks that still stand addressed to
// the team, a team under it or one of their people.
func (b *reportBuilder) asked() {
	out := []ReportAskTo{}
	if b.teams != nil {
		for _, oa := range b.o.OpenAsks() {
			to := oa.Ask.Addressee()
			if !b.ourPerson(to) {
				continue
			}
			name := b.personName(to)
			if b.o.People[to] == nil {
				name = b.teamName(to)
			}
			out = append(out, ReportAskTo{To: to, ToName: name, What: oa.Ask.What, CheckIn: oa.CheckIn.ID, Date: oa.CheckIn.Date,
				Author: oa.CheckIn.Author, AuthorName: b.personName(oa.CheckIn.Author), GoalID: oa.Goal.ID, GoalTitle: oa.Goal.Title})
		}
	}
	b.r.Asked = out
}
