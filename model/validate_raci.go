package model

import (
	"maps"
	"slices"
	"strings"
)

// The rules of RACI items: the golden rules and overload.

// ---- RACI ----

func (v *validator) raci(r *RACI) {
	v.checkID(r)
	v.required(r, "title", r.Title)
	v.enum(r, "state", r.State, RACIStates, true)
	v.date(r, "due", r.Due)
	if s := r.Subject; v.enum(r, "subject.kind", s.Kind, SubjectKinds, true) {
		if s.Kind == "deliverable" {
			v.requiredIn(r, "subject.name", "subject.name", "RACI item about a deliverable", s.Name)
		} else if v.requiredIn(r, "subject.id", "subject.id", "RACI item about a "+kindWord(Kind(s.Kind)), s.ID) {
			v.ref(r, "subject.id", "subject.id", s.ID, Kind(s.Kind))
		}
	}

	var accountable []string // distinct, in order
	for _, a := range r.Accountable {
		if a == "" || slices.Contains(accountable, a) {
			continue
		}
		accountable = append(accountable, a)
		if v.has(KindTeam, a) && !v.has(KindPerson, a) {
			v.add(r, "raci.accountable-team", SeverityError, "accountable", "accountable %s is a team; exactly one person must be Accountable", a)
		} else {
			v.ref(r, "accountable", "accountable", a, KindPerson)
		}
	}
	v.unique(r, "accountable", r.Accountable)
	v.refs(r, "responsible", r.Responsible, KindPerson, KindTeam)
	v.refs(r, "consulted", r.Consulted, KindPerson, KindTeam)
	v.refs(r, "informed", r.Informed, KindPerson, KindTeam)

	if r.State == "retired" {
		return
	}
	switch len(accountable) {
	case 0:
		v.add(r, "raci.accountable-missing", SeverityError, "accountable", "RACI has no Accountable; exactly one person must be Accountable")
	case 1:
	default:
		v.add(r, "raci.accountable-multiple", SeverityError, "accountable", "RACI has %s Accountables (%s); exactly one person must be Accountable",
			numberWord(len(accountable)), strings.Join(accountable, ", "))
	}
	if len(r.Responsible) == 0 {
		v.add(r, "raci.responsible-missing", SeverityError, "responsible", "RACI has nobody Responsible; at least one person or team must do the work")
	}
	v.roleConflicts(r, accountable)
	for _, a := range accountable {
		v.inactiveOwner(r, "accountable", "accountable", a, "RACI item")
	}
	for _, p := range distinct(r.Responsible) {
		v.inactiveOwner(r, "responsible", "responsible", p, "RACI item")
	}
}

// roleConflicts reports anyone who holds more than one of R, C and I, or who
// is Accountable and also Consulted or Informed. Accountable and Responsible
// together is allowed: in a small team the one who answers for the work often
// does it too.
func (v *validator) roleConflicts(r *RACI, accountable []string) {
	lists := []struct {
		role, field string
		who         []string
	}{
		{"Accountable", "accountable", accountable},
		{"Responsible", "responsible", r.Responsible},
		{"Consulted", "consulted", r.Consulted},
		{"Informed", "informed", r.Informed},
	}
	var seen []string
	for _, l := range lists[1:] {
		for _, p := range l.who {
			if p == "" || slices.Contains(seen, p) {
				continue
			}
			seen = append(seen, p)
			var roles []string
			field := ""
			for _, m := range lists {
				if slices.Contains(m.who, p) {
					roles = append(roles, m.role)
					field = m.field // the last list it appears in is the one to fix
				}
			}
			a := roles[0] == "Accountable"
			rci := len(roles)
			if a {
				rci--
			}
			if rci > 1 || a && field != "responsible" {
				v.add(r, "raci.role-conflict", SeverityError, field,
					"%s is %s; a person or team holds at most one of Responsible, Consulted and Informed, and the Accountable may also be Responsible but not Consulted or Informed",
					p, joinAnd(roles))
			}
		}
	}
}

// overload warns, once per person, about anyone Accountable for too many
// RACI items that are not retired. A non-nil only limits it to those people.
func (v *validator) overload(only map[string]bool) {
	limit := v.o.Config.MaxAccountable()
	items := map[string][]string{}
	for id, r := range v.o.RACIs {
		if r.State == "retired" {
			continue
		}
		for i, a := range r.Accountable {
			if a != "" && (only == nil || only[a]) && !slices.Contains(r.Accountable[:i], a) {
				items[a] = append(items[a], id)
			}
		}
	}
	for _, who := range slices.Sorted(maps.Keys(items)) {
		p := v.o.People[who]
		if p == nil || len(items[who]) <= limit {
			continue
		}
		slices.Sort(items[who])
		v.add(p, "raci.overload", SeverityWarning, "id", "%s is Accountable for %d RACI items that are not retired (%s); the limit is %d (limits.max_accountable in accord.yaml)",
			who, len(items[who]), capList(items[who]), limit)
	}
}
