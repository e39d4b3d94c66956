package model

import "slices"

// Link is a relation from one record to another, for navigation: "parent",
// "superseded by", "decision", "accountable".
type Link struct {
	Rel string `json:"rel"`
	ID  string `json:"id"`
}

// Links lists the records a record points at and the records that point at
// it, in a stable order, leaving out references that resolve to nothing.
func (o *Org) Links(id string) []Link {
	r, ok := o.Get(id)
	if !ok {
		return nil
	}
	var out []Link
	add := func(rel string, ids ...string) {
		for _, x := range ids {
			if x == "" || x == id {
				continue
			}
			if _, ok := o.Get(x); ok && !slices.Contains(out, Link{rel, x}) {
				out = append(out, Link{rel, x})
			}
		}
	}
	switch r := r.(type) {
	case *Goal:
		add("parent", r.Parent)
		add("child", o.Children(id)...)
		add("owner", r.Owner)
		add("team", r.Team)
		for _, did := range o.IDs(KindDecision) {
			if slices.Contains(o.Decisions[did].Goals, id) {
				add("decision", did)
			}
		}
		o.addSubjectLinks(id, add)
	case *Update:
		add("goal", r.Target)
		add("author", r.Author)
	case *Decision:
		add("supersedes", r.Supersedes)
		add("superseded by", r.SupersededBy)
		add("goal", r.Goals...)
		add("driver", r.Driver)
		add("approver", r.Approver)
		add("decision maker", r.DecisionMakers...)
		o.addSubjectLinks(id, add)
	case *RACI:
		add("subject", r.Subject.ID)
		add("accountable", r.Accountable...)
		add("responsible", r.Responsible...)
		add("consulted", r.Consulted...)
		add("informed", r.Informed...)
	case *Handoff:
		add("from team", r.From.Team)
		add("from", r.From.Owner)
		add("to team", r.To.Team)
		add("to", r.To.Owner)
		o.addSubjectLinks(id, add)
	case *Person:
		add("team", r.Teams...)
		add("manager", r.Manager)
		for _, gid := range o.IDs(KindGoal) {
			if g := o.Goals[gid]; g.Owner == id && g.State != "closed" {
				add("owns", gid)
			}
		}
		for _, rid := range o.IDs(KindRACI) {
			if x := o.RACIs[rid]; x.State != "retired" && slices.Contains(x.Accountable, id) {
				add("accountable for", rid)
			}
		}
	case *Team:
		add("lead", r.Lead)
		add("parent team", r.Parent)
		for _, tid := range o.IDs(KindTeam) {
			if o.Teams[tid].Parent == id {
				add("sub-team", tid)
			}
		}
	}
	return out
}

// addSubjectLinks adds the RACI records whose subject is id.
func (o *Org) addSubjectLinks(id string, add func(string, ...string)) {
	for _, rid := range o.IDs(KindRACI) {
		if o.RACIs[rid].Subject.ID == id {
			add("RACI", rid)
		}
	}
}
