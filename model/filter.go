package model

import (
	"fmt"
	"slices"
	"strings"
)

// Filter selects records for lists and saved views. Empty fields match
// everything; each field is matched case-insensitively.
type Filter struct {
	Team   string `yaml:"team,omitempty" json:"team,omitempty"`
	Owner  string `yaml:"owner,omitempty" json:"owner,omitempty"`
	Status string `yaml:"status,omitempty" json:"status,omitempty"`
	Health string `yaml:"health,omitempty" json:"health,omitempty"`
	Period string `yaml:"period,omitempty" json:"period,omitempty"`
}

// Match reports whether a record passes the filter. What each field means
// depends on the kind: Owner is a goal's owner, a check-in's author, a
// decision's driver or approver, a RACI's Accountable or Responsible, a
// hand-off's owner on either side; Status is a goal's, RACI's or hand-off's
// state or a decision's status; Team is the owning team, either team of a
// hand-off, or a person's team.
func (o *Org) Match(r Record, f Filter) bool {
	var teams, owners []string
	var status, health, period string
	switch r := r.(type) {
	case *Goal:
		teams, owners, status, period = []string{r.Team}, []string{r.Owner}, r.State, r.Period
		if f.Health != "" {
			health = o.Health(r.ID)
		}
	case *Update:
		owners, health = []string{r.Author}, r.Health
		if g := o.Goals[r.Target]; g != nil {
			teams, period = []string{g.Team}, g.Period
		}
	case *Decision:
		owners, status = []string{r.Driver, r.Approver}, r.Status
		owners = append(owners, r.DecisionMakers...)
	case *RACI:
		owners, status = append(slices.Clone([]string(r.Accountable)), r.Responsible...), r.State
		teams = r.Responsible
	case *Handoff:
		teams, owners, status = []string{r.From.Team, r.To.Team}, []string{r.From.Owner, r.To.Owner}, r.State
	case *Person:
		teams, owners = r.Teams, []string{r.ID}
		if r.IsActive() {
			status = "active"
		} else {
			status = "inactive"
		}
	case *Team:
		teams, owners = []string{r.ID, r.Parent}, []string{r.Lead}
	}
	return matchAny(f.Team, teams) && matchAny(f.Owner, owners) &&
		matchOne(f.Status, status) && matchOne(f.Health, health) && matchOne(f.Period, period)
}

func matchOne(want, have string) bool {
	return want == "" || strings.EqualFold(want, have)
}

func matchAny(want string, have []string) bool {
	if want == "" {
		return true
	}
	for _, h := range have {
		if strings.EqualFold(want, h) {
			return true
		}
	}
	return false
}

// List returns the records of one kind that pass the filter, sorted by ID.
func (o *Org) List(k Kind, f Filter) []Record {
	var out []Record
	for _, id := range o.IDs(k) {
		r, _ := o.Get(id)
		if o.Match(r, f) {
			out = append(out, r)
		}
	}
	return out
}

// FilterError is a filter value that cannot match anything of a kind: a
// health on decisions, a status people do not have, a period that is not
// one, a team nobody has. It names the values that would work.
type FilterError struct {
	Flag, Value string
	Msg         string
}

func (e *FilterError) Error() string { return e.Msg }

// Check reports the first filter value that does not apply to kind k in
// o, naming the accepted values, so a typo is an error rather than an
// empty list.
func (f Filter) Check(o *Org, k Kind) error {
	bad := func(flag, value, format string, args ...any) error {
		return &FilterError{Flag: flag, Value: value, Msg: fmt.Sprintf("--%s %q: ", flag, value) + fmt.Sprintf(format, args...)}
	}
	oneOf := func(flag, value string, accepted []string) error {
		for _, a := range accepted {
			if strings.EqualFold(a, value) {
				return nil
			}
		}
		return bad(flag, value, "want one of %s%s", strings.Join(accepted, ", "), DidYouMean(value, accepted))
	}
	if f.Health != "" {
		switch k {
		case KindGoal:
			if err := oneOf("health", f.Health, append(slices.Clone(Healths), HealthStale)); err != nil {
				return err
			}
		case KindUpdate:
			if err := oneOf("health", f.Health, Healths); err != nil {
				return err
			}
		default:
			return bad("health", f.Health, "only goals and check-ins have a health, not %s", k.Plural())
		}
	}
	if f.Status != "" {
		states := map[Kind][]string{KindGoal: GoalStates, KindDecision: DecisionStatuses, KindRACI: RACIStates,
			KindHandoff: HandoffStates, KindPerson: {"active", "inactive"}}[k]
		if states == nil {
			return bad("status", f.Status, "%s have no status", k.Plural())
		}
		if err := oneOf("status", f.Status, states); err != nil {
			return err
		}
	}
	if f.Period != "" {
		if k != KindGoal && k != KindUpdate {
			return bad("period", f.Period, "only goals and check-ins have a period, not %s", k.Plural())
		}
		if !ValidPeriod(f.Period) && !slices.ContainsFunc(o.Config.Periods, func(p string) bool { return strings.EqualFold(p, f.Period) }) {
			return bad("period", f.Period, "want a year (2026), a half (2026-H1) or a quarter (2026-Q4)")
		}
	}
	if f.Team != "" && o.Teams[f.Team] == nil && !matchesCase(o.IDs(KindTeam), f.Team) {
		return bad("team", f.Team, "no team has that handle%s", DidYouMean(f.Team, o.IDs(KindTeam)))
	}
	if f.Owner != "" && o.People[f.Owner] == nil && o.Teams[f.Owner] == nil &&
		!matchesCase(o.IDs(KindPerson), f.Owner) && !matchesCase(o.IDs(KindTeam), f.Owner) {
		return bad("owner", f.Owner, "no person or team has that handle%s", DidYouMean(f.Owner, append(o.IDs(KindPerson), o.IDs(KindTeam)...)))
	}
	return nil
}

func matchesCase(ids []string, v string) bool {
	return slices.ContainsFunc(ids, func(id string) bool { return strings.EqualFold(id, v) })
}
