package model

import (
	"cmp"
	"encoding/binary"
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
	// Positions, when Fields is nil, finds a top-level field's position:
	// a store can keep positions encoded and decode one only when a
	// finding needs it, instead of building a map for every record.
	Positions FieldPositions
}

// FieldPositions finds the position of a top-level field.
type FieldPositions interface {
	FieldPos(field string) (Pos, bool)
}

// FieldPos returns the position of a top-level field, or of the file's first
// line when the field is absent.
func (s *Source) FieldPos(field string) Pos {
	if s != nil {
		if p, ok := s.Fields[field]; ok {
			return p
		}
		if s.Fields == nil && s.Positions != nil {
			if p, ok := s.Positions.FieldPos(field); ok {
				return p
			}
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
func NewOrg() *Org { return NewOrgSized(nil) }

// NewOrgSized is NewOrg with room for n[k] records of each kind k, so
// adding a whole organisation never grows a map.
func NewOrgSized(n map[Kind]int) *Org {
	total := 0
	for _, c := range n {
		total += c
	}
	return &Org{
		Goals:     make(map[string]*Goal, n[KindGoal]),
		Updates:   make(map[string]*Update, n[KindUpdate]),
		Decisions: make(map[string]*Decision, n[KindDecision]),
		RACIs:     make(map[string]*RACI, n[KindRACI]),
		Handoffs:  make(map[string]*Handoff, n[KindHandoff]),
		Answers:   make(map[string]*Answer, n[KindAnswer]),
		Pulses:    make(map[string]*Pulse, n[KindPulse]),
		Retros:    make(map[string]*Retro, n[KindRetro]),
		People:    make(map[string]*Person, n[KindPerson]),
		Teams:     make(map[string]*Team, n[KindTeam]),
		Sources:   make(map[string]*Source, total),
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
	// The ID list for prefix lookup is the costliest part (a sort of every
	// ID): it is made on a second core while the rest is indexed.
	done := make(chan []idKey)
	go func() { done <- o.sortedIDs() }()
	o.children = map[string][]string{}
	for id, g := range o.Goals {
		if g.Parent != "" {
			o.children[g.Parent] = append(o.children[g.Parent], id)
		}
	}
	for _, c := range o.children {
		slices.Sort(c)
	}
	o.updatesOf = make(map[string][]*Update, len(o.Goals))
	for _, u := range o.Updates {
		o.updatesOf[u.Target] = append(o.updatesOf[u.Target], u)
	}
	for _, us := range o.updatesOf {
		slices.SortFunc(us, compareUpdates)
	}
	o.indexEmails()
	o.ids = <-done
}

// sortedIDs is every ID with its upper-cased form, sorted by that: prefix
// lookup ignores case.
func (o *Org) sortedIDs() []idKey {
	ids := make([]idKey, 0, o.Len())
	ids = appendIDKeys(ids, o.Goals)
	ids = appendIDKeys(ids, o.Updates)
	ids = appendIDKeys(ids, o.Decisions)
	ids = appendIDKeys(ids, o.RACIs)
	ids = appendIDKeys(ids, o.Handoffs)
	ids = appendIDKeys(ids, o.Answers)
	ids = appendIDKeys(ids, o.Pulses)
	ids = appendIDKeys(ids, o.Retros)
	ids = appendIDKeys(ids, o.People)
	ids = appendIDKeys(ids, o.Teams)
	slices.SortFunc(ids, compareIDKeys)
	return ids
}

func appendIDKeys[V any](dst []idKey, m map[string]V) []idKey {
	for id := range m {
		dst = append(dst, newIDKey(id))
	}
	return dst
}

// idKey is an ID for prefix lookup: upper is the ID upper-cased, and
// head its first 16 bytes as two big-endian numbers, so a sort compares
// numbers instead of following two string pointers (IDs of one kind
// share a prefix and differ in their random part, which head covers).
type idKey struct {
	head      [2]uint64
	upper, id string
}

func newIDKey(id string) idKey {
	k := idKey{upper: strings.ToUpper(id), id: id}
	var b [16]byte
	copy(b[:], k.upper)
	k.head = [2]uint64{binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:])}
	return k
}

// compareIDKeys orders by the upper-cased ID (head is its beginning,
// padded with zero bytes, which sort before any character), then the ID.
func compareIDKeys(a, b idKey) int {
	switch {
	case a.head[0] != b.head[0]:
		return cmp.Compare(a.head[0], b.head[0])
	case a.head[1] != b.head[1]:
		return cmp.Compare(a.head[1], b.head[1])
	case a.upper != b.upper:
		return strings.Compare(a.upper, b.upper)
	}
	return strings.Compare(a.id, b.id)
}

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
