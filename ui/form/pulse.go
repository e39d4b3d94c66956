package form

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/huh/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
)

// pulseDraft is a pulse as its form edits it; scores are "" (not rated)
// or "1" to "5"; actions are lines of "WHAT; ACCOUNTABLE; YYYY-MM-DD".
type pulseDraft struct {
	Team, About, Period                              string
	Clarity, Handoffs, Responsiveness, Understanding string
	Comment, Actions                                 string
}

// pulseForm rates, for a team of the user's, working with another team
// over a period: a new append-only pulse, and a RACI item per action (the
// pulse its subject, the person named Accountable and Responsible, the
// team rated informed), in one commit, as accord pulse rate makes them.
type pulseForm struct {
	formOrg
	me      string
	today   string
	id      string
	raciIDs []string // one per action line, made as lines appear
	formDraft[pulseDraft]
}

// NewPulse starts a pulse by team about about: when the user is not in
// team but in about, the other way round; when in neither, by the user's
// first team (and about the first other team when about is that one). The
// period is the current one of accord.yaml's pulse cadence (else the
// quarter).
func NewPulse(d *common.Data, team, about string) (*pulseForm, error) {
	if d.Me == "" {
		return nil, errors.New("pulses are signed by a person: add your git e-mail to your record in people/ (4 People, e)")
	}
	o := d.Org
	mine := myTeams(o, d.Me)
	if len(mine) == 0 {
		return nil, errors.New("a pulse rates for a team you belong to, and you are in none (4 People, e)")
	}
	switch {
	case slices.Contains(mine, team):
	case slices.Contains(mine, about): // the other side of the pair rates
		team, about = about, team
	default:
		team = mine[0]
	}
	if about == "" || about == team || o.Teams[about] == nil {
		about = ""
		for _, id := range o.IDs(model.KindTeam) {
			if id != team {
				about = id
				break
			}
		}
	}
	cadence := o.Config.Pulse.Cadence
	if cadence == "" {
		cadence = "quarterly"
	}
	dr := pulseDraft{Team: team, About: about, Period: model.PulsePeriod(cadence, d.Today)}
	return &pulseForm{formOrg: formOrg{o}, me: d.Me, today: d.Today.Format(time.DateOnly),
		id: model.NewID(model.KindPulse), formDraft: newDraft(dr)}, nil
}

// myTeams are the teams a person rates for: those they list, and those
// they lead.
func myTeams(o *model.Org, me string) []string {
	var out []string
	for _, id := range o.IDs(model.KindTeam) {
		if slices.Contains(o.TeamMembers(id), me) {
			out = append(out, id)
		}
	}
	return out
}

func (f *pulseForm) title() string { return "Pulse: how working with another team went" }

func (f *pulseForm) groups(ctx formCtx) []*huh.Group {
	d := &f.draft
	var mine []huh.Option[string]
	for _, id := range myTeams(f.org, f.me) {
		mine = append(mine, huh.NewOption(common.TeamName(f.org, id), id))
	}
	score := func(dim string, v *string) huh.Field {
		opts := []huh.Option[string]{huh.NewOption("—", "")}
		for i := 1; i <= 5; i++ {
			opts = append(opts, huh.NewOption(strconv.Itoa(i), strconv.Itoa(i)))
		}
		return huh.NewSelect[string]().Title(common.Capitalise(model.PulseDimensionNames[dim])).
			Description("1 poor, 5 excellent; — not rated.").Options(opts...).Inline(true).Value(v)
	}
	return []*huh.Group{huh.NewGroup(
		huh.NewSelect[string]().Title("Team").Description("Rating, for a team you belong to.").Options(mine...).Inline(true).Value(&d.Team),
		huh.NewSelect[string]().Title("Working with").Options(teamOptions(f.org, "")...).Inline(true).Value(&d.About).
			Validate(func(s string) error {
				if s == d.Team {
					return errors.New("a pulse rates working with another team")
				}
				return nil
			}),
		huh.NewInput().Title("Period").Description("A month (2026-11), a quarter (2026-Q4), a half or a year.").
			Value(&d.Period).Validate(both(required("a period"), ctx.check, "period")),
		score(model.PulseClarity, &d.Clarity),
		score(model.PulseHandoffs, &d.Handoffs),
		score(model.PulseResponsiveness, &d.Responsiveness),
		score(model.PulseUnderstanding, &d.Understanding),
		huh.NewText().Title("Comment").Description("What stands behind the scores.").Lines(2).Value(&d.Comment),
		huh.NewText().Title("Actions").Description("What should change, one per line: WHAT; ACCOUNTABLE; YYYY-MM-DD. Each becomes a RACI item.").
			Lines(2).Value(&d.Actions).Validate(func(s string) error {
			_, err := parseActions(s)
			return err
		}),
	)}
}

// parseActions reads the action lines.
func parseActions(s string) ([]model.PulseAction, error) {
	var out []model.PulseAction
	for i, l := range lines(s) {
		parts := strings.Split(l, ";")
		for j := range parts {
			parts[j] = strings.TrimSpace(parts[j])
		}
		if len(parts) != 3 || parts[0] == "" || parts[1] == "" {
			return nil, fmt.Errorf("action %d: write WHAT; ACCOUNTABLE; YYYY-MM-DD", i+1)
		}
		if _, err := time.Parse(time.DateOnly, parts[2]); err != nil {
			return nil, fmt.Errorf("action %d: the due date %q is not YYYY-MM-DD", i+1, parts[2])
		}
		out = append(out, model.PulseAction{What: parts[0], Accountable: parts[1], Due: parts[2]})
	}
	return out, nil
}

// build makes the pulse and its actions' RACI items.
func (f *pulseForm) build() (*model.Pulse, []model.Record, error) {
	d := f.draft
	p := &model.Pulse{ID: f.id, Team: d.Team, About: d.About, Period: strings.TrimSpace(d.Period), Author: f.me, Date: f.today,
		Comment: strings.TrimSpace(common.CleanBlock(d.Comment))}
	for dim, v := range map[string]string{model.PulseClarity: d.Clarity, model.PulseHandoffs: d.Handoffs,
		model.PulseResponsiveness: d.Responsiveness, model.PulseUnderstanding: d.Understanding} {
		n, _ := strconv.Atoi(v)
		p.Scores.Set(dim, n)
	}
	acts, err := parseActions(d.Actions)
	if err != nil {
		return nil, nil, err
	}
	var racis []model.Record
	for i, act := range acts {
		for len(f.raciIDs) <= i {
			f.raciIDs = append(f.raciIDs, model.NewID(model.KindRACI))
		}
		act.RACI = f.raciIDs[i]
		p.Actions = append(p.Actions, act)
		r := &model.RACI{ID: act.RACI, Title: act.What, Subject: model.Subject{Kind: string(model.KindPulse), ID: p.ID},
			Accountable: model.OneOrMore{act.Accountable}, Responsible: []string{act.Accountable}, Informed: []string{p.About},
			Due: act.Due, State: "draft"}
		if act.Accountable == f.me {
			r.State = "agreed" // the Accountable agrees their own item
		}
		racis = append(racis, r)
	}
	return p, racis, nil
}

func (f *pulseForm) records() ([]model.Record, error) {
	p, racis, err := f.build()
	if err != nil {
		return nil, err
	}
	return append([]model.Record{p}, racis...), nil
}

func (f *pulseForm) edits() ([]model.Edit, string, string, error) {
	p, racis, err := f.build()
	if err != nil {
		return nil, "", "", err
	}
	avg, ok := p.Scores.Average()
	if !ok {
		return nil, "", "", errors.New("give at least one score from 1 to 5")
	}
	edits := []model.Edit{{New: p}}
	for _, r := range racis {
		edits = append(edits, model.Edit{New: r})
	}
	msg := fmt.Sprintf("pulse(%s): %s rates %s %.1f for %s", p.ID, p.Team, p.About, avg, p.Period)
	if n := len(racis); n > 0 {
		msg += "; " + model.Plural(n, "action")
	}
	return edits, msg, p.ID, nil
}
