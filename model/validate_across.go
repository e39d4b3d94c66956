package model

import (
	"fmt"
	"slices"
	"strings"
)

// The rules of work across teams: goals' dependencies, asks, answers,
// pulses and retros.

// dependencies checks a goal's depends_on: references resolve to goals,
// hand-offs or decisions; depending on a closed or cancelled record is a
// warning. Loops are found by dependencyCycles.
func (v *validator) dependencies(g *Goal) {
	v.refs(g, "depends_on", g.DependsOn, KindGoal, KindHandoff, KindDecision)
	for _, id := range g.DependsOn {
		if g.State == "closed" {
			break
		}
		var why string
		switch r, _ := v.o.Get(id); r := r.(type) {
		case *Goal:
			if r.State == "closed" {
				why = "goal " + id + " is closed"
				if r.Outcome != "" {
					why += " (" + r.Outcome + ")"
				}
			}
		case *Decision:
			switch r.Status {
			case DecisionRejected, DecisionDeprecated, DecisionSuperseded:
				why = "decision " + id + " is " + r.Status
			}
		case *Handoff:
			if r.State == "rejected" {
				why = "hand-off " + id + " was rejected"
			}
		}
		if why != "" {
			v.add(g, "goal.dependency-closed", SeverityWarning, "depends_on", "depends_on names %s; depend on what replaces it, or remove it", why)
		}
	}
}

// dependencyCycles reports every loop of depends_on links among goals,
// once, on the loop's smallest ID, looking at the loops through ids (every
// goal's for Validate, the edited ones for ValidateRecords).
func (v *validator) dependencyCycles(ids []string) {
	for _, id := range ids {
		g := v.o.Goals[id]
		if g == nil || len(g.DependsOn) == 0 {
			continue
		}
		loop := v.o.dependencyLoop(id)
		if loop == nil || slices.Min(loop) != id {
			continue
		}
		v.add(g, "goal.dependency-cycle", SeverityError, "depends_on", "depends_on links form a loop: %s → %s; a goal cannot wait on itself",
			strings.Join(loop, " → "), id)
	}
}

// ask checks one ask of a check-in: whom it asks, what, when and for
// which goal.
func (v *validator) ask(u *Update, i int, a Ask) {
	to := a.Addressee()
	if to == "" || !v.has(KindPerson, to) && !v.has(KindTeam, to) {
		label := fmt.Sprintf("to in ask %d", i+1)
		if v.requiredIn(u, "asks", label, "ask", to) {
			v.ref(u, "asks", label, to, KindPerson, KindTeam)
		}
	}
	if a.What == "" {
		v.requiredIn(u, "asks", fmt.Sprintf("what in ask %d", i+1), "ask", a.What)
	}
	if a.To != "" && a.From != "" && a.To != a.From {
		v.add(u, "ask.to-and-from", SeverityWarning, "asks", "ask %d names both to: %s and from: %s; from: is the old name of to:, so %s is read", i+1, a.To, a.From, a.To)
	}
	if a.Due != "" {
		if _, ok := parseDay(a.Due); !ok {
			v.add(u, "schema.date", SeverityError, "asks", "due in ask %d %s is not a date written YYYY-MM-DD", i+1, quoteValue(a.Due))
		}
	}
	if a.Goal != "" && !v.has(KindGoal, a.Goal) {
		v.ref(u, "asks", fmt.Sprintf("goal in ask %d", i+1), a.Goal, KindGoal)
	}
}

func (v *validator) answer(a *Answer) {
	v.checkID(a)
	if v.required(a, "ask", a.Ask) {
		if ref, err := ParseAskRef(a.Ask, false); err != nil {
			v.add(a, "ref.unknown", SeverityError, "ask", "%s", err.Error())
		} else if _, u, ok := v.o.FindAsk(ref); !ok {
			if u == nil {
				v.add(a, "ref.unknown", SeverityError, "ask", "ask names check-in %s, which is not a known check-in", ref.CheckIn)
			} else {
				v.add(a, "ref.unknown", SeverityError, "ask", "ask names ask %d of %s, which has %s", ref.N, ref.CheckIn, Plural(len(u.Asks), "ask"))
			}
		}
	}
	if v.required(a, "author", a.Author) {
		v.ref(a, "author", "author", a.Author, KindPerson)
	}
	if v.required(a, "date", a.Date) {
		v.date(a, "date", a.Date)
	}
	v.enum(a, "response", a.Response, AnswerResponses, true)
	v.appendOnly(a, "answer")
}

func (v *validator) pulse(p *Pulse) {
	v.checkID(p)
	teamOK := v.required(p, "team", p.Team) && v.ref(p, "team", "team", p.Team, KindTeam)
	aboutOK := v.required(p, "about", p.About) && v.ref(p, "about", "about", p.About, KindTeam)
	if teamOK && aboutOK && p.Team == p.About {
		v.add(p, "pulse.same-team", SeverityError, "about", "a pulse rates working with another team, but team and about are both %s", p.Team)
	}
	if v.required(p, "period", p.Period) {
		if _, ok := PeriodStart(p.Period); !ok {
			v.add(p, "period.format", SeverityError, "period", "period %s is not a month (2026-11), a quarter (2026-Q4), a half (2026-H1) or a year (2026)", quoteValue(p.Period))
		}
	}
	if v.required(p, "author", p.Author) {
		v.ref(p, "author", "author", p.Author, KindPerson)
	}
	if v.required(p, "date", p.Date) {
		v.date(p, "date", p.Date)
	}
	rated := false
	for _, d := range PulseDimensions {
		s := p.Scores.Get(d)
		if s == 0 {
			continue
		}
		rated = true
		if s < 1 || s > 5 {
			v.add(p, "schema.range", SeverityError, "scores", "scores.%s %d is out of range; a score runs from 1 to 5", d, s)
		}
	}
	if !rated {
		v.add(p, "schema.required", SeverityError, "scores", "scores rate nothing; a pulse rates at least one of %s from 1 to 5", strings.Join(PulseDimensions, ", "))
	}
	for i, a := range p.Actions {
		if a.What == "" {
			v.requiredIn(p, "actions", fmt.Sprintf("what in action %d", i+1), "action", a.What)
		}
		v.ref(p, "actions", fmt.Sprintf("accountable in action %d", i+1), a.Accountable, KindPerson)
		if a.Due != "" {
			if _, ok := parseDay(a.Due); !ok {
				v.add(p, "schema.date", SeverityError, "actions", "due in action %d %s is not a date written YYYY-MM-DD", i+1, quoteValue(a.Due))
			}
		}
		v.ref(p, "actions", fmt.Sprintf("raci in action %d", i+1), a.RACI, KindRACI)
	}
	v.appendOnly(p, "pulse")
}

func (v *validator) retro(r *Retro) {
	v.checkID(r)
	if v.required(r, "subject", r.Subject) {
		v.ref(r, "subject", "subject", r.Subject, KindHandoff, KindGoal)
	}
	if v.required(r, "author", r.Author) {
		v.ref(r, "author", "author", r.Author, KindPerson)
	}
	if v.required(r, "date", r.Date) {
		v.date(r, "date", r.Date)
	}
	v.refs(r, "teams", r.Teams, KindTeam)
	if len(r.WentWell) == 0 && len(r.WentBadly) == 0 {
		v.add(r, "schema.required", SeverityError, "went_well", "a retro says what went well or what went badly; both are empty")
	}
}

// appendOnly reports an answer or pulse that differs from the base
// revision: like check-ins, they are never edited once they land.
func (v *validator) appendOnly(r Record, word string) {
	base, ok := v.opts.Base[r.RecordID()]
	if !ok || base == nil || base.RecordKind() != r.RecordKind() {
		return
	}
	if changes := Diff(base, r); len(changes) > 0 {
		v.add(r, string(r.RecordKind())+".edited", SeverityError, topField(changes[0].Field),
			"the %s was edited after it landed (%s); %ss are append-only, so add a new %s instead", word, Summarize(changes), word, word)
	}
}

// deletedAppendOnly reports an answer or pulse with the ID that the base
// revision has and the organisation no longer does.
func (v *validator) deletedAppendOnly(id string) {
	base, ok := v.opts.Base[id]
	if !ok || base == nil {
		return
	}
	switch base.(type) {
	case *Answer, *Pulse:
	default:
		return
	}
	if _, still := v.o.Get(id); still {
		return
	}
	word := kindWord(base.RecordKind())
	v.addAt(base.RecordKind(), id, string(base.RecordKind())+".deleted", SeverityWarning, "id",
		fmt.Sprintf("%s %s was deleted; %ss are append-only, so add a new %s instead", word, id, word, word))
}

// pulseConfig checks accord.yaml's pulse settings.
func (v *validator) pulseConfig() {
	if c := v.o.Config.Pulse.Cadence; c != "" && !slices.Contains(PulseCadences, c) {
		v.out = append(v.out, Finding{Rule: "schema.enum", Severity: SeverityError, File: ConfigPath, Field: "pulse",
			Message: fmt.Sprintf("pulse.cadence %s is not one of %s", quoteValue(c), strings.Join(PulseCadences, ", "))})
	}
}
