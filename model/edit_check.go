package model

// Checking an edit before it is saved. A form validates on every keystroke,
// so this must cost what the edited records need, not what the organisation
// holds: With copies only the maps an edit changes and patches the indexes,
// and ValidateRecords runs the rules on the edited records alone.

import (
	"maps"
	"slices"
	"strings"
)

// With returns a copy of the organisation with recs added, or put in place of
// the records of the same kind with the same IDs, and indexed as Index would.
// A new record's Source is the path PathOf gives it (no field positions), so
// findings about it name the file it will have; a replaced record keeps its
// Source. o itself is not changed, so a form can ask what an edit would do and
// throw the answer away. The copy shares the maps and records the edit does
// not touch: pass new values in recs, never records of o changed in place (that
// changes o too, and its indexes no longer match).
func (o *Org) With(recs ...Record) *Org {
	n := new(Org)
	*n = *o
	c := orgCopy{Org: n, indexed: o.children != nil}
	for _, r := range recs {
		if r != nil {
			c.put(r)
		}
	}
	switch {
	case !c.indexed:
		n.Index()
	case c.people:
		n.indexEmails()
	}
	return n
}

// orgCopy is an organisation being changed by With: which of its maps are
// already its own, and which indexes need rebuilding.
type orgCopy struct {
	*Org
	indexed bool // o was indexed, so its indexes can be patched
	owned   map[string]bool
	people  bool // a person changed: rebuild the e-mail index
}

// own makes the map named name the copy's own before its first change.
func own[V any](c *orgCopy, name string, m *map[string]V) {
	if c.owned[name] {
		return
	}
	if c.owned == nil {
		c.owned = map[string]bool{}
	}
	c.owned[name] = true
	if *m == nil {
		*m = map[string]V{}
	} else {
		*m = maps.Clone(*m)
	}
}

func (c *orgCopy) put(r Record) {
	id, k := r.RecordID(), r.RecordKind()
	isNew := !c.has(k, id)
	switch r := r.(type) {
	case *Goal:
		own(c, "goals", &c.Goals)
		old := c.Goals[id]
		c.Goals[id] = r
		if c.indexed {
			own(c, "children", &c.children)
			if old != nil && old.Parent != "" {
				setList(c.children, old.Parent, without(c.children[old.Parent], func(x string) bool { return x == id }))
			}
			if r.Parent != "" {
				setList(c.children, r.Parent, inserted(c.children[r.Parent], id, strings.Compare))
			}
		}
	case *Update:
		own(c, "updates", &c.Updates)
		old := c.Updates[id]
		c.Updates[id] = r
		if c.indexed {
			own(c, "updatesOf", &c.updatesOf)
			if old != nil {
				setList(c.updatesOf, old.Target, without(c.updatesOf[old.Target], func(u *Update) bool { return u.ID == id }))
			}
			setList(c.updatesOf, r.Target, inserted(c.updatesOf[r.Target], r, compareUpdates))
		}
	case *Decision:
		own(c, "decisions", &c.Decisions)
		c.Decisions[id] = r
	case *RACI:
		own(c, "racis", &c.RACIs)
		c.RACIs[id] = r
	case *Handoff:
		own(c, "handoffs", &c.Handoffs)
		c.Handoffs[id] = r
	case *Answer:
		own(c, "answers", &c.Answers)
		c.Answers[id] = r
	case *Pulse:
		own(c, "pulses", &c.Pulses)
		c.Pulses[id] = r
	case *Retro:
		own(c, "retros", &c.Retros)
		c.Retros[id] = r
	case *Person:
		own(c, "people", &c.People)
		c.People[id] = r
		c.people = true
	case *Team:
		own(c, "teams", &c.Teams)
		c.Teams[id] = r
	default:
		return
	}
	if _, ok := c.Sources[id]; !ok {
		if p, err := PathOf(k, id); err == nil {
			own(c, "sources", &c.Sources)
			c.Sources[id] = &Source{Path: p}
		}
	}
	if isNew && c.indexed {
		c.ids = inserted(c.ids, newIDKey(id), compareIDKeys)
	}
}

// indexEmails rebuilds the e-mail index, as Index does.
func (o *Org) indexEmails() {
	o.byEmail = map[string]string{}
	for id, p := range o.People {
		for _, e := range p.Emails {
			o.byEmail[strings.ToLower(strings.TrimSpace(e))] = id
		}
	}
}

// without returns a new slice of the items drop is false for; s is shared
// with the original organisation, so it is never changed in place.
func without[T any](s []T, drop func(T) bool) []T {
	out := make([]T, 0, len(s))
	for _, x := range s {
		if !drop(x) {
			out = append(out, x)
		}
	}
	return out
}

// inserted returns a new sorted slice with x added to the sorted s.
func inserted[T any](s []T, x T, compare func(a, b T) int) []T {
	i, _ := slices.BinarySearchFunc(s, x, compare)
	out := make([]T, 0, len(s)+1)
	out = append(out, s[:i]...)
	out = append(out, x)
	return append(out, s[i:]...)
}

// setList puts a list in an index, or drops the key when the list is empty,
// as Index makes no empty lists.
func setList[T any](m map[string][]T, key string, list []T) {
	if len(list) == 0 {
		delete(m, key)
	} else {
		m[key] = list
	}
}

// ValidateRecords returns the findings Validate would report about the
// records with these IDs, in the same order, doing only the work those
// records need: their own rules, and of the organisation-wide ones (o.Problems,
// loops, overload, deleted check-ins) only what can land on them. A loop is
// reported on its smallest ID, so a loop through an ID shows only when that
// ID is the smallest on it, as in Validate. It is fast enough to run on every
// keystroke of a form (see BenchmarkValidateRecords10k). o must have been
// indexed.
func ValidateRecords(o *Org, opts ValidateOptions, ids ...string) []Finding {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	v := newValidator(o, opts)
	for _, f := range o.Problems {
		if _, ok := slices.BinarySearch(ids, f.ID); ok {
			v.out = append(v.out, f)
		}
	}
	for _, k := range Kinds {
		for _, id := range ids {
			v.check(k, id)
		}
	}
	v.cyclesThrough(ids)
	v.dependencyCycles(ids)
	people := map[string]bool{}
	for _, id := range ids {
		if _, ok := o.People[id]; ok {
			people[id] = true
		}
	}
	if len(people) > 0 {
		v.overload(people)
	}
	for _, id := range ids {
		v.deletedUpdate(id)
		v.deletedAppendOnly(id)
	}
	SortFindings(v.out)
	return v.out
}

// cyclesThrough reports what cycles would report on one of ids (sorted): the
// loops through an ID that is the smallest on its loop. It walks only the
// links that start at those IDs.
func (v *validator) cyclesThrough(ids []string) {
	reported := map[string]bool{}
	for _, c := range v.loopChains() {
		limit := v.o.count(c.kind)
		for _, id := range ids {
			// Follow the links from id: a loop through id comes back to it;
			// a walk that ends, or runs longer than there are records of
			// the kind (it entered a loop elsewhere), finds none.
			path := []string{id}
			for next := c.next(id); next != "" && len(path) <= limit; next = c.next(next) {
				if next == id {
					if loop := c.canonical(path); loop[0] == id {
						v.reportLoop(reported, c, loop)
					}
					break
				}
				path = append(path, next)
			}
		}
	}
}

// loopThrough is the loop through id along c, in c's reporting form, or
// nil; limit bounds the walk (the number of records of c's kind).
func (c loopChain) loopThrough(id string, limit int) []string {
	path := []string{id}
	for next := c.next(id); next != "" && len(path) <= limit; next = c.next(next) {
		if next == id {
			return c.canonical(path)
		}
		path = append(path, next)
	}
	return nil
}

// count is how many records of kind k there are.
func (o *Org) count(k Kind) int {
	switch k {
	case KindGoal:
		return len(o.Goals)
	case KindUpdate:
		return len(o.Updates)
	case KindDecision:
		return len(o.Decisions)
	case KindRACI:
		return len(o.RACIs)
	case KindHandoff:
		return len(o.Handoffs)
	case KindAnswer:
		return len(o.Answers)
	case KindPulse:
		return len(o.Pulses)
	case KindRetro:
		return len(o.Retros)
	case KindPerson:
		return len(o.People)
	case KindTeam:
		return len(o.Teams)
	}
	return 0
}

// EditErrors returns the errors the records would have once saved (validated
// in o.With(recs...)) that they do not already have in o, compared by rule,
// message and ID. Errors a broken record already had do not count, so a
// person can fix a broken record one field at a time; an edit that breaks
// something new is refused. Only findings about the records themselves are
// returned, not those the edit causes on other records. o is not changed.
func EditErrors(o *Org, opts ValidateOptions, recs ...Record) []Finding {
	type key struct{ rule, message, id string }
	ids := make([]string, 0, len(recs))
	for _, r := range recs {
		if r != nil {
			ids = append(ids, r.RecordID())
		}
	}
	before := map[key]bool{}
	for _, f := range ValidateRecords(o, opts, ids...) {
		if f.Severity == SeverityError {
			before[key{f.Rule, f.Message, f.ID}] = true
		}
	}
	var out []Finding
	n := o.With(recs...)
	for _, f := range ValidateRecords(n, opts, ids...) {
		if f.Severity == SeverityError && !before[key{f.Rule, f.Message, f.ID}] {
			out = append(out, f)
		}
	}
	// A loop is reported on its smallest ID, which may be another
	// record's: an edit that closes a loop is refused all the same.
	v := newValidator(n, opts)
	chainsBefore, chainsAfter := newValidator(o, opts).loopChains(), v.loopChains()
	for _, r := range recs {
		if r == nil {
			continue
		}
		id := r.RecordID()
		for i, c := range chainsAfter {
			if c.kind != r.RecordKind() || chainsBefore[i].loopThrough(id, o.count(c.kind)) != nil ||
				slices.ContainsFunc(out, func(f Finding) bool { return f.Rule == string(c.kind)+".cycle" }) {
				continue
			}
			if loop := c.loopThrough(id, n.count(c.kind)); loop != nil {
				v.addAt(c.kind, id, string(c.kind)+".cycle", SeverityError, c.field, c.message(loop))
			}
		}
	}
	for _, r := range recs {
		g, ok := r.(*Goal)
		if !ok || len(g.DependsOn) == 0 || o.dependencyLoop(g.ID) != nil ||
			slices.ContainsFunc(out, func(f Finding) bool { return f.Rule == "goal.dependency-cycle" && f.ID == g.ID }) {
			continue
		}
		if loop := n.dependencyLoop(g.ID); loop != nil {
			v.add(g, "goal.dependency-cycle", SeverityError, "depends_on", "depends_on links form a loop: %s → %s; a goal cannot wait on itself",
				strings.Join(loop, " → "), g.ID)
		}
	}
	return append(out, v.out...)
}

// FieldErrors returns the findings about one top-level field of a record, so
// a form can show each next to its field: field is a YAML key ("title",
// "metric", "options", "from") and matches a Finding.Field that is the key
// itself or a path under it ("metric.direction", "options[2].id"). Field ""
// returns the findings that name no field (a file that could not be read, a
// handle clash). Some rules are reported on the field that makes another
// required, not on the missing one: an accepted decision's missing approver or
// outcome.chosen on status, a key result's missing metric on level, a closed
// goal's missing outcome on state.
func FieldErrors(fs []Finding, field string) []Finding {
	var out []Finding
	for _, f := range fs {
		if topField(f.Field) == field {
			out = append(out, f)
		}
	}
	return out
}
