package model

import (
	"cmp"
	"slices"
)

// The diff's section on work across teams: goals' dependencies added or
// removed, asks answered, pulses taken and retros written.

// AcrossDelta is what changed between teams in a diff.
type AcrossDelta struct {
	Dependencies []DependencyDelta `json:"dependencies"`
	Answers      []AnswerDelta     `json:"answers"`
	Pulses       []PulseDelta      `json:"pulses"`
	Retros       []RetroDelta      `json:"retros"`
}

// Empty reports whether nothing changed between teams.
func (a AcrossDelta) Empty() bool {
	return len(a.Dependencies)+len(a.Answers)+len(a.Pulses)+len(a.Retros) == 0
}

// DependencyDelta is a goal whose depends_on changed (or a new goal that
// depends on something).
type DependencyDelta struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Added   []string `json:"added,omitempty"`
	Removed []string `json:"removed,omitempty"`
}

// AnswerDelta is an answer given to an ask.
type AnswerDelta struct {
	ID       string `json:"id"`
	Ask      string `json:"ask"`
	To       string `json:"to"`
	What     string `json:"what"`
	Response string `json:"response"`
	Author   string `json:"author"`
	Note     string `json:"note,omitempty"`
}

// PulseDelta is a pulse taken.
type PulseDelta struct {
	ID      string  `json:"id"`
	Team    string  `json:"team"`
	About   string  `json:"about"`
	Period  string  `json:"period"`
	Average float64 `json:"average"`
	// Falling is set when the pair's trend, after the diff, is falling.
	Falling bool `json:"falling"`
}

// RetroDelta is a retro written.
type RetroDelta struct {
	ID      string `json:"id"`
	Subject string `json:"subject"`
	Author  string `json:"author"`
}

// across files a changed answer, pulse or retro, or a goal's
// depends_on, in the Across section, and reports whether it did. Answers
// and pulses are append-only: an edit or removal goes to Other, where it
// is worth seeing.
func (sd *semDiffer) across(c RecordDelta) bool {
	d := &sd.d.Across
	switch n := c.New.(type) {
	case *Answer:
		if c.Old != nil {
			return false
		}
		ad := AnswerDelta{ID: n.ID, Ask: n.Ask, Response: n.Response, Author: n.Author, Note: n.Note}
		if ref, err := ParseAskRef(n.Ask, false); err == nil {
			if a, _, ok := sd.after.FindAsk(ref); ok {
				ad.To, ad.What = a.Addressee(), a.What
			}
		}
		d.Answers = append(d.Answers, ad)
		return true
	case *Pulse:
		if c.Old != nil {
			return false
		}
		avg, _ := n.Scores.Average()
		pd := PulseDelta{ID: n.ID, Team: n.Team, About: n.About, Period: n.Period, Average: round2(avg)}
		for _, t := range sd.after.FallingPairs() {
			pd.Falling = pd.Falling || t.Team == n.Team && t.About == n.About
		}
		d.Pulses = append(d.Pulses, pd)
		return true
	case *Retro:
		if c.Old != nil {
			return false
		}
		d.Retros = append(d.Retros, RetroDelta{ID: n.ID, Subject: n.Subject, Author: n.Author})
		return true
	}
	return false
}

// dependencies notes a goal's depends_on added or removed; the goal's
// other changes are described elsewhere.
func (sd *semDiffer) dependencies(c RecordDelta) {
	var was, now []string
	var g *Goal
	if o, ok := c.Old.(*Goal); ok {
		was, g = o.DependsOn, o
	}
	if n, ok := c.New.(*Goal); ok {
		now, g = n.DependsOn, n
	}
	dd := DependencyDelta{ID: g.ID, Title: g.Title}
	for _, id := range now {
		if !slices.Contains(was, id) {
			dd.Added = append(dd.Added, id)
		}
	}
	for _, id := range was {
		if !slices.Contains(now, id) && c.New != nil {
			dd.Removed = append(dd.Removed, id)
		}
	}
	if len(dd.Added)+len(dd.Removed) > 0 {
		sd.d.Across.Dependencies = append(sd.d.Across.Dependencies, dd)
	}
}

func (sd *semDiffer) sortAcross() {
	a := &sd.d.Across
	slices.SortFunc(a.Dependencies, func(x, y DependencyDelta) int { return cmp.Compare(x.ID, y.ID) })
	slices.SortFunc(a.Answers, func(x, y AnswerDelta) int { return cmp.Or(cmp.Compare(x.Ask, y.Ask), cmp.Compare(x.ID, y.ID)) })
	slices.SortFunc(a.Pulses, func(x, y PulseDelta) int {
		return cmp.Or(cmp.Compare(x.Team, y.Team), cmp.Compare(x.About, y.About), comparePeriods(x.Period, y.Period), cmp.Compare(x.ID, y.ID))
	})
	slices.SortFunc(a.Retros, func(x, y RetroDelta) int { return cmp.Compare(x.ID, y.ID) })
	for _, x := range a.Dependencies {
		for _, id := range append(slices.Clone(x.Added), x.Removed...) {
			sd.name(id)
		}
	}
	for _, x := range a.Answers {
		sd.name(x.Author)
		sd.name(x.To)
	}
	for _, x := range a.Pulses {
		sd.name(x.Team)
		sd.name(x.About)
	}
	for _, x := range a.Retros {
		sd.name(x.Subject)
		sd.name(x.Author)
	}
}

// name records the display name of a handle or record ID, from after,
// else before.
func (sd *semDiffer) name(id string) {
	if id == "" || sd.d.Names[id] != "" {
		return
	}
	for _, o := range []*Org{sd.after, sd.before} {
		if r, ok := o.Get(id); ok && r.RecordTitle() != "" {
			sd.d.Names[id] = r.RecordTitle()
			return
		}
	}
}
