package model

import (
	"fmt"
	"slices"
	"strings"
)

// The rules of hand-offs.

// ---- hand-offs ----

// handoffDone lists the states in which a hand-off is no longer open.
var handoffDone = []string{"delivered", "received", "rejected"}

func (v *validator) handoff(h *Handoff) {
	v.checkID(h)
	v.required(h, "title", h.Title)
	v.enum(h, "state", h.State, HandoffStates, true)
	due, dueOK := v.date(h, "due", h.Due)
	if v.required(h, "from.team", h.From.Team) {
		v.ref(h, "from.team", "from.team", h.From.Team, KindTeam)
	}
	if v.required(h, "to.team", h.To.Team) {
		v.ref(h, "to.team", "to.team", h.To.Team, KindTeam)
	}
	v.ref(h, "from.owner", "from.owner", h.From.Owner, KindPerson)
	v.ref(h, "to.owner", "to.owner", h.To.Owner, KindPerson)
	if h.From.Team != "" && h.From.Team == h.To.Team {
		v.add(h, "handoff.same-team", SeverityError, "to", "the hand-off goes from %s to %s itself; a hand-off is between two teams", h.From.Team, h.To.Team)
	}
	var ids []string
	for i, d := range h.Deliverables {
		if d.ID == "" {
			v.requiredIn(h, "deliverables", fmt.Sprintf("id in deliverable %d", i+1), "deliverable", d.ID)
		} else {
			if occurrences(ids, d.ID) == 1 { // report each duplicate once
				v.add(h, "handoff.deliverable-duplicate", SeverityError, "deliverables",
					"deliverable id %s is used by more than one deliverable; deliverable ids must be unique within a hand-off", d.ID)
			}
			ids = append(ids, d.ID)
		}
		if d.Title == "" {
			v.requiredIn(h, "deliverables", fmt.Sprintf("title in deliverable %d", i+1), "deliverable", d.Title)
		}
	}
	open := !slices.Contains(handoffDone, h.State)
	if open && dueOK && v.hasToday && due.Before(v.today) {
		v.add(h, "handoff.overdue", SeverityWarning, "due", "the hand-off was due on %s and is still %s", h.Due, strings.ReplaceAll(h.State, "_", " "))
	}
	if open {
		v.inactiveOwner(h, "from", "from.owner", h.From.Owner, "hand-off")
		v.inactiveOwner(h, "to", "to.owner", h.To.Owner, "hand-off")
	}
}
