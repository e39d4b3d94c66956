package demo

import (
	"fmt"
	"strings"

	"github.com/accordhq/accord/model"
)

// Work across Northwind's teams: goals that depend on other teams' (Raj's
// key result waits on Platform's query latency, which is off track; Sales
// waits on Security's single sign-on, at risk), asks to Onboarding that
// are answered and one still open, asks past due on both sides, two
// quarters of pulses in which Onboarding's view of Platform falls, and a
// retro on a hand-off received. Its IDs are drawn after every other
// record's, so the rest of the demo keeps its IDs.

// dependencySpec is a goal and what it depends on: goal keys, or
// "dec:KEY" and "ho:KEY".
type dependencySpec struct {
	goal string
	on   []string
}

func northwindDependencies() []dependencySpec {
	return []dependencySpec{
		{goal: "c-days", on: []string{"c-latency", "dec:direct"}},
		{goal: "c-imports", on: []string{"dec:direct", "ho:parser"}},
		{goal: "c-closed", on: []string{"c-sso", "dec:onbpkg"}},
		{goal: "c-tickets", on: []string{"c-uptime", "c-days"}},
		{goal: "c-board", on: []string{"c-fresh"}},
		{goal: "c-sso", on: []string{"c-days"}},
	}
}

// pulseSpec is a pulse: the rating team, the team rated, who rates, the
// scores (clarity, hand-offs, responsiveness, understanding), what they
// say, and an action (what; accountable; due in days from today).
type pulseSpec struct {
	team, about, author string
	scores              [4]int
	comment             string
	action              [2]string
	actionDue           int
}

func northwindPulses() (prev, cur []pulseSpec) {
	prev = []pulseSpec{
		{team: "onboarding", about: "platform", author: "raj", scores: [4]int{4, 4, 5, 4},
			comment: "Platform turned the CSV timeouts around within a week of our ask."},
		{team: "platform", about: "onboarding", author: "tomas", scores: [4]int{3, 4, 4, 3},
			comment: "Asks arrive as Slack threads; a written ask with a date would help."},
		{team: "sales", about: "onboarding", author: "daniel", scores: [4]int{3, 3, 4, 3},
			comment: "Kick-offs start late when a deal closes at the end of the month."},
		{team: "onboarding", about: "sales", author: "raj", scores: [4]int{4, 3, 4, 4}},
		{team: "support", about: "platform", author: "lucia", scores: [4]int{3, 3, 3, 4}},
	}
	cur = []pulseSpec{
		{team: "onboarding", about: "platform", author: "raj", scores: [4]int{3, 2, 3, 3},
			comment: "The parser hand-off arrived without its runbook, and questions about it wait days for an answer.",
			action:  [2]string{"Every Platform hand-off to Onboarding ships with its runbook and a named contact", "grace"}, actionDue: 14},
		{team: "platform", about: "onboarding", author: "samir", scores: [4]int{4, 4, 4, 4},
			comment: "Asks now come with a date and a goal; much easier to plan for."},
		{team: "sales", about: "onboarding", author: "daniel", scores: [4]int{4, 3, 4, 3}},
		{team: "onboarding", about: "sales", author: "raj", scores: [4]int{4, 4, 4, 4}},
		{team: "support", about: "platform", author: "lucia", scores: [4]int{3, 3, 2, 4},
			comment: "The API outage weekend: we heard nothing for four hours."},
	}
	return prev, cur
}

func (n *northwind) buildAcross() {
	n.buildDependencies()
	n.buildAnswers()
	n.buildPulses()
	n.buildRetro()
}

func (n *northwind) ref(key string) string {
	switch {
	case strings.HasPrefix(key, "dec:"):
		return n.decID[key[4:]]
	case strings.HasPrefix(key, "ho:"):
		return n.hoID[key[3:]]
	}
	return n.goalID[key]
}

// buildDependencies has each goal's owner say what it depends on, a few
// days into the quarter.
func (n *northwind) buildDependencies() {
	for _, d := range northwindDependencies() {
		old := n.goal[d.goal]
		g := *old
		day := n.goalDay[d.goal] + 2
		for _, k := range d.on {
			g.DependsOn = append(g.DependsOn, n.ref(k))
			if gd, ok := n.goalDay[k]; ok {
				day = max(day, gd+2)
			}
		}
		n.goal[d.goal] = &g
		n.emit(day, g.Owner, fmt.Sprintf("goal(%s): depends_on set to %s", g.ID, strings.Join(g.DependsOn, ", ")), &g)
	}
}

// findAsk finds the check-in on a goal that asks something starting with
// what, the ask's number and the day it was written; nil when the story,
// squeezed into the days before today, left that check-in out.
func (n *northwind) findAsk(goalKey, what string) (*model.Update, int, int) {
	for _, e := range n.events {
		for _, r := range e.put {
			u, ok := r.(*model.Update)
			if !ok || u.Target != n.goalID[goalKey] {
				continue
			}
			for i, a := range u.Asks {
				if strings.HasPrefix(a.What, what) {
					return u, i + 1, e.day
				}
			}
		}
	}
	return nil, 0, 0
}

// buildAnswers dates some asks and answers them: Onboarding accepts
// Security's ask for a sprint and Raj answers Chloe's, while Sales's ask
// for kick-off capacity waits; Security accepts Onboarding's ask for a
// bucket policy sign-off and is late with it; Leadership has not answered
// Security's ask for a residency decision, now past due.
func (n *northwind) buildAnswers() {
	type answer struct {
		goal, what string
		due        int // days after the check-in; 0 for none
		by, resp   string
		after      int // days after the check-in; -1 for no answer
		note       string
	}
	answers := []answer{
		{goal: "c-sso", what: "a sprint on the enforced-SSO", due: 10, by: "raj", resp: model.AnswerAccept, after: 1,
			note: "Aiko takes it in the next sprint; the screen reuses the wizard's settings layout."},
		{goal: "c-closed", what: "capacity for two", due: 7, after: -1},
		{goal: "c-activation", what: "a date for the wizard", due: 5, by: "raj", resp: model.AnswerDone, after: 2,
			note: "100% of sign-ups from Monday."},
		{goal: "c-imports", what: "sign off the bucket policy", due: 2, by: "kwame", resp: model.AnswerAccept, after: 1,
			note: "Farah reviews it with the storage team this week."},
		{goal: "c-questionnaires", what: "a decision on EU data residency", due: 7, after: -1},
	}
	for _, a := range answers {
		u, num, day := n.findAsk(a.goal, a.what)
		if u == nil {
			continue
		}
		if a.due > 0 {
			u.Asks[num-1].Due = n.cal.date(day + a.due)
		}
		if a.after < 0 {
			continue
		}
		on := max(n.on(day+a.after), day)
		ans := &model.Answer{ID: n.ids.next(model.KindAnswer), Ask: fmt.Sprintf("%s#%d", u.ID, num), Author: a.by,
			Date: n.cal.date(on), Response: a.resp, Note: a.note}
		n.events = append(n.events, event{day: on, author: a.by,
			msg: fmt.Sprintf("answer(%s): %s %s", ans.ID, a.resp, ans.Ask), put: []model.Record{ans}})
	}
}

// buildPulses writes last quarter's pulses just after it ended and this
// quarter's a week ago; an action of this quarter's becomes a RACI item.
func (n *northwind) buildPulses() {
	prev, cur := northwindPulses()
	write := func(specs []pulseSpec, period string, day int) {
		for _, p := range specs {
			rec := &model.Pulse{ID: n.ids.next(model.KindPulse), Team: p.team, About: p.about, Period: period, Author: p.author,
				Date: n.cal.date(n.on(day)), Comment: p.comment,
				Scores: model.PulseScores{Clarity: p.scores[0], Handoffs: p.scores[1], Responsiveness: p.scores[2], Understanding: p.scores[3]}}
			put := []model.Record{rec}
			if p.action[0] != "" {
				raci := &model.RACI{ID: n.ids.next(model.KindRACI), Title: p.action[0],
					Subject:     model.Subject{Kind: string(model.KindPulse), ID: rec.ID},
					Accountable: model.OneOrMore{p.action[1]}, Responsible: []string{p.action[1]}, Informed: []string{p.team},
					Due: n.cal.date(p.actionDue), State: "draft"}
				rec.Actions = []model.PulseAction{{What: p.action[0], Accountable: p.action[1], Due: raci.Due, RACI: raci.ID}}
				put = append(put, raci)
			}
			avg, _ := rec.Scores.Average()
			n.emit(day, p.author, fmt.Sprintf("pulse(%s): %s rates %s %s for %s", rec.ID, p.team, p.about, model.FormatScore(avg), period), put...)
		}
	}
	write(prev, n.prev.label, max(n.cur.start+2, n.setup+3))
	write(cur, n.cur.label, -7)
}

// buildRetro looks back on the board pack hand-off Leadership received.
func (n *northwind) buildRetro() {
	r := &model.Retro{ID: n.ids.next(model.KindRetro), Subject: n.hoID["boardpack"], Author: "felix", Teams: []string{"data", "leadership"},
		WentWell:  []string{"Revenue metrics reconciled to the cent against last month's pack"},
		WentBadly: []string{"The pack arrived three days after the board deadline; churn was still defined two ways"}}
	day := n.on(-13)
	r.Date = n.cal.date(day)
	n.emit(day, "felix", fmt.Sprintf("retro(%s): on %s", r.ID, r.Subject), r)
}
