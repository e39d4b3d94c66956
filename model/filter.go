package model

import (
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
