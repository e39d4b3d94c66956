package model

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// A stakeholder map is one person's private notes on the people and teams
// who matter for their work: how much power and interest each has, where
// they stand, who keeps the relationship and when they last and next
// spoke. It is never part of the organisation's records: gitstore keeps it
// outside the shared tree, and nothing that commits, pushes, exports,
// reports, publishes or sends reads it.

// Stances a stakeholder may take.
var Stances = []string{"supporter", "neutral", "sceptic"}

// StakeholderMap is the notes of one clone's user.
type StakeholderMap struct {
	Stakeholders []Stakeholder `yaml:"stakeholders" json:"stakeholders"`
}

// Stakeholder is one person or team on the map.
type Stakeholder struct {
	Who      string `yaml:"who" json:"who"`           // a person's or team's handle
	Power    int    `yaml:"power" json:"power"`       // 1 to 5
	Interest int    `yaml:"interest" json:"interest"` // 1 to 5
	Stance   string `yaml:"stance,omitempty" json:"stance,omitempty"`
	// Decisions holds their stance on particular decisions, by ID.
	Decisions map[string]string `yaml:"decisions,omitempty" json:"decisions,omitempty"`
	// Teams are the areas they care about; a person's own teams when empty.
	Teams     []string `yaml:"teams,omitempty" json:"teams,omitempty"`
	Owner     string   `yaml:"owner,omitempty" json:"owner,omitempty"` // who keeps the relationship
	LastTouch string   `yaml:"last_touch,omitempty" json:"last_touch,omitempty"`
	NextTouch string   `yaml:"next_touch,omitempty" json:"next_touch,omitempty"`
	Notes     string   `yaml:"notes,omitempty" json:"notes,omitempty"`
}

// Find returns the entry for who, or nil.
func (m *StakeholderMap) Find(who string) *Stakeholder {
	for i := range m.Stakeholders {
		if m.Stakeholders[i].Who == who {
			return &m.Stakeholders[i]
		}
	}
	return nil
}

// Put adds or replaces the entry for s.Who, keeping the map sorted.
func (m *StakeholderMap) Put(s Stakeholder) {
	if old := m.Find(s.Who); old != nil {
		*old = s
		return
	}
	m.Stakeholders = append(m.Stakeholders, s)
	slices.SortFunc(m.Stakeholders, func(a, b Stakeholder) int { return cmp.Compare(a.Who, b.Who) })
}

// Remove drops who's entry and reports whether there was one.
func (m *StakeholderMap) Remove(who string) bool {
	n := len(m.Stakeholders)
	m.Stakeholders = slices.DeleteFunc(m.Stakeholders, func(s Stakeholder) bool { return s.Who == who })
	return len(m.Stakeholders) != n
}

// Check lists what is wrong with the map in o: unknown people or teams,
// scores outside 1 to 5, unknown stances, dates that are not dates.
func (m *StakeholderMap) Check(o *Org) []string {
	var out []string
	for _, s := range m.Stakeholders {
		if o.People[s.Who] == nil && o.Teams[s.Who] == nil {
			out = append(out, fmt.Sprintf("%s: no person or team has that handle%s", s.Who, DidYouMean(s.Who, append(o.IDs(KindPerson), o.IDs(KindTeam)...))))
		}
		for name, v := range map[string]int{"power": s.Power, "interest": s.Interest} {
			if v < 1 || v > 5 {
				out = append(out, fmt.Sprintf("%s: %s %d is not from 1 to 5", s.Who, name, v))
			}
		}
		if s.Stance != "" && !slices.Contains(Stances, s.Stance) {
			out = append(out, fmt.Sprintf("%s: stance %q is not one of %s", s.Who, s.Stance, joinOr(Stances)))
		}
		for id, st := range s.Decisions {
			if !slices.Contains(Stances, st) {
				out = append(out, fmt.Sprintf("%s: stance %q on %s is not one of %s", s.Who, st, id, joinOr(Stances)))
			}
		}
		for name, d := range map[string]string{"last_touch": s.LastTouch, "next_touch": s.NextTouch} {
			if _, ok := parseDay(d); d != "" && !ok {
				out = append(out, fmt.Sprintf("%s: %s %q is not a date (YYYY-MM-DD)", s.Who, name, d))
			}
		}
	}
	slices.Sort(out)
	return out
}

// Quadrants of the power × interest grid.
const (
	ManageClosely = "Manage closely" // high power, high interest
	KeepSatisfied = "Keep satisfied" // high power, low interest
	KeepInformed  = "Keep informed"  // low power, high interest
	Monitor       = "Monitor"        // low power, low interest
)

// Quadrant places a stakeholder on the grid: 4 and 5 are high.
func (s Stakeholder) Quadrant() string {
	switch hp, hi := s.Power >= 4, s.Interest >= 4; {
	case hp && hi:
		return ManageClosely
	case hp:
		return KeepSatisfied
	case hi:
		return KeepInformed
	}
	return Monitor
}

// OverdueTouchpoints lists the stakeholders whose next touchpoint has
// passed on today, the longest overdue first.
func (m *StakeholderMap) OverdueTouchpoints(today time.Time) []Stakeholder {
	var out []Stakeholder
	for _, s := range m.Stakeholders {
		if t, ok := parseDay(s.NextTouch); ok && t.Before(today.Truncate(24*time.Hour)) {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b Stakeholder) int { return cmp.Compare(a.NextTouch, b.NextTouch) })
	return out
}

// StakeholderWarning is a proposed decision that does not consult someone
// who matters most for its area.
type StakeholderWarning struct {
	Decision string
	Who      string
	Team     string // the area they matter for
	Message  string
}

// Warnings lists, for each proposed decision, the stakeholders in Manage
// closely whose areas it touches but whom it does not consult (directly
// or through a team of theirs). A decision's areas are the teams of its
// driver and approver and of the goals it serves.
func (m *StakeholderMap) Warnings(o *Org) []StakeholderWarning {
	var out []StakeholderWarning
	for _, id := range o.IDs(KindDecision) {
		d := o.Decisions[id]
		if d.Status != DecisionProposed {
			continue
		}
		areas := map[string]bool{}
		for _, p := range []string{d.Driver, d.Approver} {
			if per := o.People[p]; per != nil {
				for _, t := range per.Teams {
					areas[t] = true
				}
			}
		}
		for _, g := range d.Goals {
			if goal := o.Goals[g]; goal != nil && goal.Team != "" {
				areas[goal.Team] = true
			}
		}
		for _, s := range m.Stakeholders {
			if s.Quadrant() != ManageClosely || s.Who == d.Driver || s.Who == d.Approver || slices.Contains(d.DecisionMakers, s.Who) {
				continue
			}
			team := ""
			for _, t := range stakeholderTeams(o, s) {
				if areas[t] {
					team = t
					break
				}
			}
			if team == "" || consults(o, d, s.Who) {
				continue
			}
			out = append(out, StakeholderWarning{Decision: d.ID, Who: s.Who, Team: team,
				Message: fmt.Sprintf("%s %q is proposed in %s's area but does not consult %s (power %d, interest %d)",
					d.ID, d.Title, teamName(o, team), personName(o, s.Who), s.Power, s.Interest)})
		}
	}
	return out
}

func stakeholderTeams(o *Org, s Stakeholder) []string {
	if len(s.Teams) > 0 {
		return s.Teams
	}
	if p := o.People[s.Who]; p != nil {
		return p.Teams
	}
	return []string{s.Who} // a team
}

// consults reports whether a decision consults who, or a team of theirs.
func consults(o *Org, d *Decision, who string) bool {
	if slices.Contains(d.Consulted, who) {
		return true
	}
	if p := o.People[who]; p != nil {
		for _, t := range p.Teams {
			if slices.Contains(d.Consulted, t) {
				return true
			}
		}
	}
	return false
}
