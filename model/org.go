package model

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Pos is a 1-based line and column in a file.
type Pos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// Source says where a record was read from: its path in the repository, the
// position of each top-level field, and the git blob hash of its bytes.
type Source struct {
	Path   string
	Fields map[string]Pos
	Blob   string
}

// FieldPos returns the position of a top-level field, or of the file's first
// line when the field is absent.
func (s *Source) FieldPos(field string) Pos {
	if s != nil {
		if p, ok := s.Fields[field]; ok {
			return p
		}
	}
	return Pos{Line: 1, Column: 1}
}

// Org is the whole organisation as read from one revision of the data
// repository: every record that could be read, where each came from, and a
// finding for every file that could not be read.
type Org struct {
	Config Config
	// Today is the day the organisation is shown on: a goal whose check-in
	// is overdue then shows as stale (Health). Zero shows what was last
	// reported. Stores set it from their clock when they load the worktree.
	Today     time.Time
	Goals     map[string]*Goal
	Updates   map[string]*Update
	Decisions map[string]*Decision
	RACIs     map[string]*RACI
	Handoffs  map[string]*Handoff
	Answers   map[string]*Answer
	Pulses    map[string]*Pulse
	Retros    map[string]*Retro
	People    map[string]*Person
	Teams     map[string]*Team

	// Sources maps a record's ID to where it was read from.
	Sources map[string]*Source
	// Problems are the files that could not be read, one finding each.
	Problems []Finding

	children  map[string][]string  // goal ID → child goal IDs, sorted
	updatesOf map[string][]*Update // goal ID → check-ins, oldest first
	byEmail   map[string]string    // lower-case e-mail → person ID
	ids       []idKey              // every ID, sorted upper-cased, for prefix lookup
}

// NewOrg returns an empty organisation.
func NewOrg() *Org {
	return &Org{
		Goals:     map[string]*Goal{},
		Updates:   map[string]*Update{},
		Decisions: map[string]*Decision{},
		RACIs:     map[string]*RACI{},
		Handoffs:  map[string]*Handoff{},
		Answers:   map[string]*Answer{},
		Pulses:    map[string]*Pulse{},
		Retros:    map[string]*Retro{},
		People:    map[string]*Person{},
		Teams:     map[string]*Team{},
		Sources:   map[string]*Source{},
	}
}

// Add puts a record into the organisation, replacing one with the same ID.
// Call Index after adding records and before querying.
func (o *Org) Add(r Record, src *Source) {
	id := r.RecordID()
	switch r := r.(type) {
	case *Goal:
		o.Goals[id] = r
	case *Update:
		o.Updates[id] = r
	case *Decision:
		o.Decisions[id] = r
	case *RACI:
		o.RACIs[id] = r
	case *Handoff:
		o.Handoffs[id] = r
	case *Answer:
		o.Answers[id] = r
	case *Pulse:
		o.Pulses[id] = r
	case *Retro:
		o.Retros[id] = r
	case *Person:
		o.People[id] = r
	case *Team:
		o.Teams[id] = r
	}
	if src != nil {
		o.Sources[id] = src
	}
}

// Remove deletes a record by ID.
func (o *Org) Remove(id string) {
	delete(o.Goals, id)
	delete(o.Updates, id)
	delete(o.Decisions, id)
	delete(o.RACIs, id)
	delete(o.Handoffs, id)
	delete(o.Answers, id)
	delete(o.Pulses, id)
	delete(o.Retros, id)
	delete(o.People, id)
	delete(o.Teams, id)
	delete(o.Sources, id)
}

// Get returns the record with exactly this ID.
func (o *Org) Get(id string) (Record, bool) {
	if r, ok := o.Goals[id]; ok {
		return r, true
	}
	if r, ok := o.Updates[id]; ok {
		return r, true
	}
	if r, ok := o.Decisions[id]; ok {
		return r, true
	}
	if r, ok := o.RACIs[id]; ok {
		return r, true
	}
	if r, ok := o.Handoffs[id]; ok {
		return r, true
	}
	if r, ok := o.Answers[id]; ok {
		return r, true
	}
	if r, ok := o.Pulses[id]; ok {
		return r, true
	}
	if r, ok := o.Retros[id]; ok {
		return r, true
	}
	if r, ok := o.People[id]; ok {
		return r, true
	}
	if r, ok := o.Teams[id]; ok {
		return r, true
	}
	return nil, false
}

// Len counts the records.
func (o *Org) Len() int {
	return len(o.Goals) + len(o.Updates) + len(o.Decisions) + len(o.RACIs) +
		len(o.Handoffs) + len(o.Answers) + len(o.Pulses) + len(o.Retros) + len(o.People) + len(o.Teams)
}

// Index builds the lookup tables queries use. Call it once after loading.
func (o *Org) Index() {
	o.children = map[string][]string{}
	for id, g := range o.Goals {
		if g.Parent != "" {
			o.children[g.Parent] = append(o.children[g.Parent], id)
		}
	}
	for _, c := range o.children {
		slices.Sort(c)
	}
	o.updatesOf = map[string][]*Update{}
	for _, u := range o.Updates {
		o.updatesOf[u.Target] = append(o.updatesOf[u.Target], u)
	}
	for _, us := range o.updatesOf {
		slices.SortFunc(us, compareUpdates)
	}
	o.byEmail = map[string]string{}
	for id, p := range o.People {
		for _, e := range p.Emails {
			o.byEmail[strings.ToLower(strings.TrimSpace(e))] = id
		}
	}
	// Prefix lookup ignores case: keep the upper-cased IDs sorted, each
	// with the ID it came from.
	o.ids = make([]idKey, 0, o.Len())
	for _, k := range Kinds {
		for _, id := range o.IDs(k) {
			o.ids = append(o.ids, idKey{upper: strings.ToUpper(id), id: id})
		}
	}
	slices.SortFunc(o.ids, func(a, b idKey) int { return cmp.Compare(a.upper, b.upper) })
}

type idKey struct{ upper, id string }

// compareUpdates orders check-ins by date, then ID, so "latest" is stable.
func compareUpdates(a, b *Update) int {
	return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.ID, b.ID))
}

// IDs lists the IDs of one kind, sorted.
func (o *Org) IDs(k Kind) []string {
	var ids []string
	switch k {
	case KindGoal:
		ids = keys(o.Goals)
	case KindUpdate:
		ids = keys(o.Updates)
	case KindDecision:
		ids = keys(o.Decisions)
	case KindRACI:
		ids = keys(o.RACIs)
	case KindHandoff:
		ids = keys(o.Handoffs)
	case KindAnswer:
		ids = keys(o.Answers)
	case KindPulse:
		ids = keys(o.Pulses)
	case KindRetro:
		ids = keys(o.Retros)
	case KindPerson:
		ids = keys(o.People)
	case KindTeam:
		ids = keys(o.Teams)
	}
	slices.Sort(ids)
	return ids
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// Children returns the IDs of a goal's child goals, sorted.
func (o *Org) Children(goalID string) []string { return o.children[goalID] }

// UpdatesOf returns a goal's check-ins, oldest first.
func (o *Org) UpdatesOf(goalID string) []*Update { return o.updatesOf[goalID] }

// LatestUpdate returns a goal's most recent check-in, or nil.
func (o *Org) LatestUpdate(goalID string) *Update {
	us := o.updatesOf[goalID]
	if len(us) == 0 {
		return nil
	}
	return us[len(us)-1]
}

// PersonByEmail maps a git author's e-mail to a person's ID.
func (o *Org) PersonByEmail(email string) (string, bool) {
	id, ok := o.byEmail[strings.ToLower(strings.TrimSpace(email))]
	return id, ok
}

// AmbiguousError is returned when a prefix matches several records.
type AmbiguousError struct {
	Prefix     string
	Candidates []string
}

func (e *AmbiguousError) Error() string {
	const show = 10
	c := e.Candidates
	more := ""
	if len(c) > show {
		more = fmt.Sprintf(" and %d more", len(c)-show)
		c = c[:show]
	}
	return fmt.Sprintf("%q is ambiguous: it matches %s%s", e.Prefix, strings.Join(c, ", "), more)
}

// NotFoundError is returned when no record has an ID with the prefix.
type NotFoundError struct{ Prefix string }

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("no record has an ID starting with %q", e.Prefix)
}

// Resolve finds the one record whose ID is id or starts with it, ignoring
// case. An exact match wins over longer IDs it is a prefix of.
func (o *Org) Resolve(prefix string) (Record, error) {
	p := strings.ToUpper(strings.TrimSpace(prefix))
	if p == "" {
		return nil, &NotFoundError{Prefix: prefix}
	}
	i, _ := slices.BinarySearchFunc(o.ids, p, func(k idKey, t string) int { return cmp.Compare(k.upper, t) })
	var matches []string
	for ; i < len(o.ids) && strings.HasPrefix(o.ids[i].upper, p); i++ {
		if o.ids[i].upper == p {
			r, _ := o.Get(o.ids[i].id)
			return r, nil
		}
		matches = append(matches, o.ids[i].id)
	}
	switch len(matches) {
	case 0:
		return nil, &NotFoundError{Prefix: prefix}
	case 1:
		r, _ := o.Get(matches[0])
		return r, nil
	}
	return nil, &AmbiguousError{Prefix: prefix, Candidates: matches}
}
