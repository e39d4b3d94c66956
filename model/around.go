package model

// A record's neighbourhood: the records a command on one record needs to
// check an edit to it, or show it, as the whole organisation would. A
// one-record command builds an Org of the neighbourhood alone (Around), so
// its cost follows the record, not the size of the organisation.
//
// What the rules of a record read besides the record itself:
//
//   - every record whose ID it names, of any kind (ref.unknown, ref.kind,
//     a parent's level, an accountable that is a team, an inactive owner,
//     a dependency that is closed, a superseding decision's status);
//   - every record with its own ID (a person and a team sharing a handle);
//   - the chains a loop may run along, walked to their end: goals'
//     parents and dependencies, teams' parents, people's managers,
//     decisions' supersedes and superseded_by;
//   - who may take a step: a team's lead and the approver of the decision
//     that supersedes it, with the delegates their person records name;
//   - the check-ins of a goal (update.stale), and the RACI items a person
//     is Accountable in (raci.overload): the only rules that read records
//     naming the record rather than named by it, both warnings;
//   - for showing a goal (Subtree): its check-ins and its children's,
//     down the tree, and the same for the goals it depends on, for the
//     health and progress roll-ups.
//
// The neighbourhood check is proven equal to the whole organisation's by
// TestAroundMatchesFullCheck and FuzzAroundMatchesFullCheck.

import (
	"slices"
	"time"
)

// Relation names a reverse reference a neighbourhood follows: from a record
// to the records that name it in one field.
type Relation string

// The reverse references Around asks a Lookup for.
const (
	RelTarget      Relation = "target"      // check-ins whose target is a goal
	RelParent      Relation = "parent"      // goals whose parent is a goal
	RelAccountable Relation = "accountable" // RACI items a person is Accountable in
)

// Relations lists them, in a stable order.
var Relations = []Relation{RelAccountable, RelParent, RelTarget}

// Backlink is one reverse reference a record makes: it names ID in Rel.
type Backlink struct {
	Rel Relation
	ID  string
}

// Backlinks lists the reverse references r makes, for a store's index of
// them: a check-in's target, a goal's parent, a RACI item's Accountables.
func Backlinks(r Record) []Backlink {
	var out []Backlink
	switch r := r.(type) {
	case *Update:
		if r.Target != "" {
			out = append(out, Backlink{RelTarget, r.Target})
		}
	case *Goal:
		if r.Parent != "" {
			out = append(out, Backlink{RelParent, r.Parent})
		}
	case *RACI:
		for _, a := range distinct(r.Accountable) {
			if a != "" {
				out = append(out, Backlink{RelAccountable, a})
			}
		}
	}
	return out
}

// References lists every ID r names in a field, in field order, without
// repeats: what its rules look up.
func References(r Record) []string {
	var out []string
	add := func(ids ...string) {
		for _, id := range ids {
			if id != "" && !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
	}
	switch r := r.(type) {
	case *Goal:
		add(r.Parent, r.Owner, r.Team)
		add(r.DependsOn...)
	case *Update:
		add(r.Target, r.Author, r.PostedBy)
		for _, a := range r.Asks {
			add(a.Addressee(), a.Goal)
		}
	case *Decision:
		add(r.Driver, r.Approver)
		add(r.DecisionMakers...)
		add(r.Consulted...)
		add(r.Informed...)
		add(r.Goals...)
		add(r.Supersedes, r.SupersededBy)
	case *RACI:
		add(r.Subject.ID)
		add(r.Accountable...)
		add(r.Responsible...)
		add(r.Consulted...)
		add(r.Informed...)
	case *Handoff:
		add(r.From.Team, r.From.Owner, r.To.Team, r.To.Owner)
	case *Answer:
		if ref, err := ParseAskRef(r.Ask, false); err == nil {
			add(ref.CheckIn)
		}
		add(r.Author)
	case *Pulse:
		add(r.Team, r.About, r.Author)
		for _, a := range r.Actions {
			add(a.Accountable, a.RACI)
		}
	case *Retro:
		add(r.Subject, r.Author)
		add(r.Teams...)
	case *Person:
		add(r.Teams...)
		add(r.Manager)
		add(r.Delegates...)
	case *Team:
		add(r.Lead, r.Parent)
	}
	return out
}

// Found is a record a Lookup found, with where it was read from.
type Found struct {
	Rec Record
	Src *Source
}

// Lookup is what a neighbourhood is read through: a store reading files,
// or a whole organisation in tests.
type Lookup interface {
	// Records returns every record whose ID is id, of any kind (a person
	// and a team may share a handle), and a finding for each file with
	// that ID that could not be read.
	Records(id string) ([]Found, []Finding)
	// Referrers returns the IDs of the records that name id in rel.
	Referrers(rel Relation, id string) []string
	// PersonByEmail returns the person a git e-mail belongs to.
	PersonByEmail(email string) (string, bool)
}

// Neighbourhood says what Around reads.
type Neighbourhood struct {
	// IDs are the records at the centre: the records a command shows or
	// edits, as they are now.
	IDs []string
	// Edits are records as an edit would leave them: what they name is
	// read too, so the edit can be checked.
	Edits []Record
	// Emails are git identities whose person is read (who is acting).
	Emails []string
	// Subtree reads what showing a goal rolls up: the check-ins of the
	// goals at the centre, of the goals they depend on, and of every goal
	// below them.
	Subtree bool
	Config  Config
	Today   time.Time
}

// Around builds the organisation of a neighbourhood, indexed: enough for
// ValidateRecords, EditErrors, CheckEditSteps, SupersededOnAccept and the
// roll-ups of the records at its centre to answer as they would on the
// whole organisation. Records outside it are absent, so nothing else may be
// asked of the result.
func Around(l Lookup, n Neighbourhood) *Org {
	a := &around{l: l, o: NewOrg(), seen: map[string]bool{}}
	a.o.Config, a.o.Today = n.Config, n.Today
	var centre []Record
	for _, id := range n.IDs {
		centre = append(centre, a.load(id)...)
	}
	centre = append(centre, n.Edits...)
	for _, e := range n.Emails {
		if id, ok := l.PersonByEmail(e); ok {
			a.load(id)
		}
	}
	var rollup []string
	for _, r := range centre {
		for _, id := range References(r) {
			a.load(id)
		}
		a.chains(r)
		switch r := r.(type) {
		case *Goal:
			a.referrers(RelTarget, r.ID)
			if n.Subtree {
				rollup = append(rollup, r.ID)
				rollup = append(rollup, r.DependsOn...)
			}
		case *Person:
			a.referrers(RelAccountable, r.ID)
		case *Decision:
			// The approver of the decision that supersedes it takes the
			// supersession step.
			for _, d := range a.o.Decisions {
				a.load(d.Approver)
			}
		}
	}
	// Team leads take hand-off and team steps, acting for their team.
	for _, t := range a.o.Teams {
		a.load(t.Lead)
	}
	for _, id := range rollup {
		a.subtree(id)
	}
	a.o.Index()
	return a.o
}

type around struct {
	l    Lookup
	o    *Org
	seen map[string]bool
}

// load reads every record with the ID, once.
func (a *around) load(id string) []Record {
	if id == "" {
		return nil
	}
	if a.seen[id] {
		var out []Record
		for _, k := range Kinds {
			if r := a.o.get(k, id); r != nil {
				out = append(out, r)
			}
		}
		return out
	}
	a.seen[id] = true
	found, problems := a.l.Records(id)
	a.o.Problems = append(a.o.Problems, problems...)
	var out []Record
	for _, f := range found {
		a.o.Add(f.Rec, f.Src)
		out = append(out, f.Rec)
	}
	return out
}

func (a *around) referrers(rel Relation, id string) []string {
	ids := a.l.Referrers(rel, id)
	for _, r := range ids {
		a.load(r)
	}
	return ids
}

// chains walks the links a loop through r may run along, to their end
// or until they come back to a record already walked.
func (a *around) chains(r Record) {
	walk := func(start string, next func(id string) string) {
		visited := map[string]bool{}
		for id := start; id != "" && !visited[id]; id = next(id) {
			visited[id] = true
			a.load(id)
		}
	}
	switch r := r.(type) {
	case *Goal:
		walk(r.Parent, func(id string) string {
			if g := a.o.Goals[id]; g != nil {
				return g.Parent
			}
			return ""
		})
		visited := map[string]bool{r.ID: true}
		todo := slices.Clone(r.DependsOn)
		for len(todo) > 0 {
			id := todo[len(todo)-1]
			todo = todo[:len(todo)-1]
			if visited[id] {
				continue
			}
			visited[id] = true
			a.load(id)
			if g := a.o.Goals[id]; g != nil {
				todo = append(todo, g.DependsOn...)
			}
		}
	case *Team:
		walk(r.Parent, func(id string) string {
			if t := a.o.Teams[id]; t != nil {
				return t.Parent
			}
			return ""
		})
	case *Person:
		walk(r.Manager, func(id string) string {
			if p := a.o.People[id]; p != nil {
				return p.Manager
			}
			return ""
		})
	case *Decision:
		walk(r.Supersedes, func(id string) string {
			if d := a.o.Decisions[id]; d != nil {
				return d.Supersedes
			}
			return ""
		})
		walk(r.SupersededBy, func(id string) string {
			if d := a.o.Decisions[id]; d != nil {
				return d.SupersededBy
			}
			return ""
		})
	}
}

// subtree reads a goal's check-ins and its children's, down the tree.
func (a *around) subtree(id string) {
	todo := []string{id}
	done := map[string]bool{}
	for len(todo) > 0 {
		id := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if done[id] {
			continue
		}
		done[id] = true
		a.load(id)
		a.referrers(RelTarget, id)
		todo = append(todo, a.referrers(RelParent, id)...)
	}
}

// get returns the record of kind k with the ID, or nil.
func (o *Org) get(k Kind, id string) Record {
	var r Record
	switch k {
	case KindGoal:
		if x := o.Goals[id]; x != nil {
			r = x
		}
	case KindUpdate:
		if x := o.Updates[id]; x != nil {
			r = x
		}
	case KindDecision:
		if x := o.Decisions[id]; x != nil {
			r = x
		}
	case KindRACI:
		if x := o.RACIs[id]; x != nil {
			r = x
		}
	case KindHandoff:
		if x := o.Handoffs[id]; x != nil {
			r = x
		}
	case KindAnswer:
		if x := o.Answers[id]; x != nil {
			r = x
		}
	case KindPulse:
		if x := o.Pulses[id]; x != nil {
			r = x
		}
	case KindRetro:
		if x := o.Retros[id]; x != nil {
			r = x
		}
	case KindPerson:
		if x := o.People[id]; x != nil {
			r = x
		}
	case KindTeam:
		if x := o.Teams[id]; x != nil {
			r = x
		}
	}
	return r
}

// OrgLookup answers a Lookup from a whole organisation: for tests that
// compare a neighbourhood with the organisation it was cut from, and for
// callers that hold the organisation already.
type OrgLookup struct {
	o    *Org
	back map[Backlink][]string
}

// NewOrgLookup indexes o's reverse references. o must have been indexed.
func NewOrgLookup(o *Org) *OrgLookup {
	l := &OrgLookup{o: o, back: map[Backlink][]string{}}
	for _, k := range Kinds {
		for _, id := range o.IDs(k) {
			for _, b := range Backlinks(o.get(k, id)) {
				l.back[b] = append(l.back[b], id)
			}
		}
	}
	return l
}

// Records implements Lookup.
func (l *OrgLookup) Records(id string) ([]Found, []Finding) {
	var out []Found
	for _, k := range Kinds {
		if r := l.o.get(k, id); r != nil {
			out = append(out, Found{Rec: r, Src: l.o.Sources[id]})
		}
	}
	var problems []Finding
	for _, f := range l.o.Problems {
		if f.ID == id {
			problems = append(problems, f)
		}
	}
	return out, problems
}

// Referrers implements Lookup.
func (l *OrgLookup) Referrers(rel Relation, id string) []string {
	return l.back[Backlink{rel, id}]
}

// PersonByEmail implements Lookup.
func (l *OrgLookup) PersonByEmail(email string) (string, bool) {
	return l.o.PersonByEmail(email)
}

// ExpandIDsWith is ExpandIDs with the prefix lookup given: resolve returns
// the one ID a reference is an exact ID or a unique prefix of, in any case,
// or false. A store answers it without loading the organisation.
func ExpandIDsWith(resolve func(prefix string) (string, bool), r Record) {
	expand := func(id *string) {
		if *id == "" {
			return
		}
		if full, ok := resolve(*id); ok {
			*id = full
		}
	}
	switch r := r.(type) {
	case *Goal:
		expand(&r.Parent)
		for i := range r.DependsOn {
			expand(&r.DependsOn[i])
		}
	case *Update:
		expand(&r.Target)
	case *Decision:
		expand(&r.Supersedes)
		expand(&r.SupersededBy)
		for i := range r.Goals {
			expand(&r.Goals[i])
		}
	case *RACI:
		expand(&r.Subject.ID)
	}
}
