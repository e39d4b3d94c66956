package model_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/demo"
)

// The neighbourhood check (model.Around) must refuse exactly what the
// check on the whole organisation refuses. These tests cut the
// neighbourhood of a random edit out of a whole organisation, through the
// same Around a store uses, and compare every answer a one-record command
// takes from it with the whole organisation's.

var aroundToday = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// aroundOrgs are the organisations edits are made on: the demo's, which
// has delegates, hand-offs, pulses and answers, and a synthetic one.
var aroundOrgs = sync.OnceValue(func() []*aroundOrg {
	build := func(cfg model.Config, commits []model.Commit) *model.Org {
		o := model.NewOrg()
		o.Config = cfg
		for _, c := range commits {
			for _, r := range c.Put {
				p, _ := model.PathOf(r.RecordKind(), r.RecordID())
				o.Add(r, &model.Source{Path: p})
			}
			for _, id := range c.Delete {
				o.Remove(id)
			}
		}
		// Every third person names a delegate, so steps taken for
		// someone else (a lead's, an approver's) are common.
		people := o.IDs(model.KindPerson)
		for i, id := range people {
			if i%3 == 0 {
				o.People[id].Delegates = append(o.People[id].Delegates, people[(i*7+1)%len(people)])
			}
		}
		o.Today = aroundToday
		o.Index()
		return o
	}
	var out []*aroundOrg
	for _, o := range []*model.Org{build(demo.Northwind(aroundToday)), build(demo.Synthetic(1500, 20, 5, aroundToday))} {
		a := &aroundOrg{Org: o, lookup: model.NewOrgLookup(o), named: map[string][]string{}}
		for _, k := range model.Kinds {
			a.all = append(a.all, o.IDs(k)...)
		}
		for _, id := range a.all {
			rec, _ := o.Get(id)
			for _, ref := range model.References(rec) {
				a.named[ref] = append(a.named[ref], id)
			}
		}
		out = append(out, a)
	}
	return out
})

// aroundOrg is an organisation with what the tests look up in it.
type aroundOrg struct {
	*model.Org
	lookup *model.OrgLookup
	all    []string            // every ID
	named  map[string][]string // ID → IDs of the records that name it
}

// anEdit is one random edit: the record before (nil for a new one) and after.
type anEdit struct {
	old, new model.Record
}

// randomEdit changes a record the way a careless or hostile person might:
// references pointed at other records (of the right kind or not), at
// records that name this one (closing loops), at itself, at nothing;
// states and statuses moved; required fields cleared; or a new record of
// the same kind made of those. Every record is changed through its string
// fields and lists of strings, found by reflection, so no field is left
// out.
func randomEdit(o *aroundOrg, r *rand.Rand) anEdit {
	all, named := o.all, o.named
	id := all[r.IntN(len(all))]
	old, _ := o.Get(id)
	rec := model.NewRecord(old.RecordKind())
	model.CopyRecord(rec, old)
	e := anEdit{old: old, new: rec}
	if r.IntN(8) == 0 { // a new record of the kind, made from this one
		e.old = nil
		newID := fmt.Sprintf("new%d", r.IntN(1000))
		if k := rec.RecordKind(); k.Sharded() {
			const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
			b := []byte(k.Prefix() + "-")
			for range model.IDLength {
				b = append(b, crockford[r.IntN(32)])
			}
			newID = string(b)
		}
		setID(rec, newID)
	}
	words := []string{"", "closed", "active", "draft", "accepted", "proposed", "rejected", "superseded",
		"deprecated", "retired", "agreed", "key_result", "objective", "strategic", "mission", "kpi",
		"delivered", "received", "in_progress", "weekly", "2026-11-01", "2027-13-40", "GOAL-NOWHERE1", "nobody"}
	pick := func() string {
		switch r.IntN(5) {
		case 0:
			return words[r.IntN(len(words))]
		case 1:
			// A record that names this one, or names one that does, and
			// so on: pointing at it closes a loop along a chain.
			at := id
			for range 1 + r.IntN(4) {
				refs := named[at]
				if len(refs) == 0 {
					break
				}
				at = refs[r.IntN(len(refs))]
			}
			return at
		case 2:
			return rec.RecordID()
		}
		return all[r.IntN(len(all))]
	}
	for range 1 + r.IntN(3) {
		mutate(reflect.ValueOf(rec).Elem(), r, pick)
	}
	if r.IntN(3) == 0 { // a step: a hand-off's sides acting through their leads, a decision moved
		switch x := rec.(type) {
		case *model.Handoff:
			x.From.Owner, x.To.Owner = "", ""
			x.State = model.HandoffStates[r.IntN(len(model.HandoffStates))]
		case *model.Decision:
			x.Status = model.DecisionStatuses[r.IntN(len(model.DecisionStatuses))]
		case *model.RACI:
			x.State = "agreed"
		}
	}
	return e
}

// mutate changes one string, or one list of strings, somewhere in v.
func mutate(v reflect.Value, r *rand.Rand, pick func() string) {
	var slots []reflect.Value
	var collect func(v reflect.Value, top bool)
	collect = func(v reflect.Value, top bool) {
		switch v.Kind() {
		case reflect.String:
			slots = append(slots, v)
		case reflect.Slice:
			if v.Type().Elem().Kind() == reflect.String {
				slots = append(slots, v)
				return
			}
			for i := range v.Len() {
				collect(v.Index(i), false)
			}
		case reflect.Pointer:
			if !v.IsNil() {
				collect(v.Elem(), false)
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if top && i == 0 {
					continue // the ID: a new record gets a new one
				}
				collect(v.Field(i), false)
			}
		}
	}
	collect(v, true)
	if len(slots) == 0 {
		return
	}
	s := slots[r.IntN(len(slots))]
	if s.Kind() == reflect.String {
		s.SetString(pick())
		return
	}
	if s.Len() > 0 && r.IntN(3) == 0 {
		s.Set(reflect.MakeSlice(s.Type(), 0, 0))
		return
	}
	s.Set(reflect.Append(s, reflect.ValueOf(pick()).Convert(s.Type().Elem())))
}

func setID(rec model.Record, id string) {
	reflect.ValueOf(rec).Elem().Field(0).SetString(id)
}

// checkAround compares everything a one-record command asks of the
// organisation, on the whole and on the edit's neighbourhood.
func checkAround(t *testing.T, a *aroundOrg, e anEdit, who string) {
	t.Helper()
	o := a.Org
	opts := model.ValidateOptions{Today: aroundToday}
	id := e.new.RecordID()
	email := ""
	if p := o.People[who]; p != nil && len(p.Emails) > 0 {
		email = p.Emails[0]
	}
	ids := []string{id}
	if d, ok := e.new.(*model.Decision); ok && d.Supersedes != "" {
		ids = append(ids, d.Supersedes) // what set saves with an accepted successor
	}
	// What set, new and checkin check an edit on; show reads the subtree.
	part := model.Around(a.lookup, model.Neighbourhood{IDs: ids, Edits: []model.Record{e.new},
		Emails: []string{email}, Config: o.Config, Today: o.Today})
	desc := fmt.Sprintf("%s edited to %+v", id, e.new)

	edited := []model.Record{e.new}
	if d, ok := e.new.(*model.Decision); ok {
		full, got := model.SupersededOnAccept(o, d), model.SupersededOnAccept(part, d)
		if !reflect.DeepEqual(full, got) {
			t.Fatalf("%s: superseded on accept: whole org %+v, neighbourhood %+v", desc, full, got)
		}
		if full != nil {
			edited = append(edited, full)
		}
	}
	if full, got := model.EditErrors(o, opts, edited...), model.EditErrors(part, opts, edited...); !sameFindings(full, got) {
		t.Fatalf("%s: edit errors differ\nwhole org:    %v\nneighbourhood: %v", desc, full, got)
	}
	if full, got := model.ValidateRecords(o, opts, ids...), model.ValidateRecords(part, opts, ids...); !sameFindings(full, got) {
		t.Fatalf("%s: findings before the edit differ\nwhole org:    %v\nneighbourhood: %v", desc, full, got)
	}
	ow, pw := o.With(edited...), part.With(edited...)
	if full, got := model.ValidateRecords(ow, opts, ids...), model.ValidateRecords(pw, opts, ids...); !sameFindings(full, got) {
		t.Fatalf("%s: findings after the edit differ\nwhole org:    %v\nneighbourhood: %v", desc, full, got)
	}
	if k := e.new.RecordKind(); k != model.KindPulse && k != model.KindAnswer { // their commands load the whole org
		pwho, _ := part.PersonByEmail(email)
		fwho, _ := o.PersonByEmail(email)
		if pwho != fwho {
			t.Fatalf("%s: %s is %q in the neighbourhood, %q in the whole org", desc, email, pwho, fwho)
		}
		full := fmt.Sprint(model.CheckEditSteps(o, e.old, e.new, fwho, email))
		if got := fmt.Sprint(model.CheckEditSteps(part, e.old, e.new, pwho, email)); full != got {
			t.Fatalf("%s: steps differ\nwhole org:    %s\nneighbourhood: %s", desc, full, got)
		}
	}
	if e.old != nil {
		if g, ok := e.old.(*model.Goal); ok { // what show and checkin print
			part := model.Around(a.lookup, model.Neighbourhood{IDs: []string{g.ID}, Subtree: true, Config: o.Config, Today: o.Today})
			for _, q := range []string{"health", "reported", "progress", "value", "children", "updates", "blocked"} {
				if full, got := goalView(o, g.ID, q), goalView(part, g.ID, q); full != got {
					t.Fatalf("%s: %s of %s: whole org %s, neighbourhood %s", desc, q, g.ID, full, got)
				}
			}
		}
	}
}

func goalView(o *model.Org, id, what string) string {
	switch what {
	case "health":
		return o.Health(id)
	case "reported":
		return o.Reported(id)
	case "progress":
		p, ok := o.Progress(id)
		return fmt.Sprint(p, ok)
	case "value":
		v, ok := o.CurrentValue(id)
		return fmt.Sprint(v, ok)
	case "children":
		return fmt.Sprint(o.Children(id))
	case "updates":
		var ids []string
		for _, u := range o.UpdatesOf(id) {
			ids = append(ids, u.ID)
		}
		return fmt.Sprint(ids)
	}
	return fmt.Sprint(o.BlockedBy(id, o.Today))
}

func sameFindings(a, b []model.Finding) bool {
	key := func(fs []model.Finding) []string {
		out := make([]string, len(fs))
		for i, f := range fs {
			out[i] = fmt.Sprintf("%+v", f)
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(key(a), key(b))
}

func TestAroundMatchesFullCheck(t *testing.T) {
	t.Parallel()
	for i, o := range aroundOrgs() {
		r := rand.New(rand.NewPCG(uint64(i), 16))
		for range 1500 {
			e := randomEdit(o, r)
			checkAround(t, o, e, actingPerson(o, e, r))
		}
	}
}

// The test must be able to fail: a neighbourhood that leaves out a
// goal's parent sees a wrong pyramid and an unknown reference.
func TestAroundNeedsTheNeighbours(t *testing.T) {
	t.Parallel()
	o := aroundOrgs()[0].Org
	for _, id := range o.IDs(model.KindGoal) {
		g := o.Goals[id]
		if g.Parent == "" {
			continue
		}
		part := model.Around(dropping{model.NewOrgLookup(o), g.Parent}, model.Neighbourhood{IDs: []string{id}, Config: o.Config, Today: o.Today})
		opts := model.ValidateOptions{Today: aroundToday}
		if sameFindings(model.ValidateRecords(o, opts, id), model.ValidateRecords(part, opts, id)) {
			t.Fatalf("%s: validated the same without its parent %s", id, g.Parent)
		}
		return
	}
	t.Fatal("no goal with a parent")
}

type dropping struct {
	*model.OrgLookup
	id string
}

func (d dropping) Records(id string) ([]model.Found, []model.Finding) {
	if id == d.id {
		return nil, nil
	}
	return d.OrgLookup.Records(id)
}

func FuzzAroundMatchesFullCheck(f *testing.F) {
	f.Add(uint64(1), uint64(2), uint8(0))
	f.Add(uint64(7), uint64(99), uint8(1))
	f.Fuzz(func(t *testing.T, seed1, seed2 uint64, which uint8) {
		orgs := aroundOrgs()
		o := orgs[int(which)%len(orgs)]
		r := rand.New(rand.NewPCG(seed1, seed2))
		e := randomEdit(o, r)
		checkAround(t, o, e, actingPerson(o, e, r))
	})
}

// actingPerson is who makes an edit: anyone, or often someone who may
// take a step on the record or acts for them (a delegate of a team's lead,
// of a decision's approver, of a person it names), so steps taken for
// someone else are tried.
func actingPerson(o *aroundOrg, e anEdit, r *rand.Rand) string {
	var near []string
	for _, ref := range model.References(e.new) {
		principal := ref
		if t := o.Teams[ref]; t != nil {
			principal = t.Lead
		}
		if d := o.Decisions[ref]; d != nil {
			principal = d.Approver
		}
		if p := o.People[principal]; p != nil {
			near = append(near, principal)
			near = append(near, p.Delegates...)
		}
	}
	if len(near) > 0 && r.IntN(2) == 0 {
		return near[r.IntN(len(near))]
	}
	people := o.IDs(model.KindPerson)
	return people[r.IntN(len(people))]
}
