package model

import (
	"fmt"
	"maps"
	"slices"
	"time"
)

// The rules of check-ins: append-only, dated, with problems when in trouble.

// ---- check-ins ----

func (v *validator) update(u *Update) {
	v.checkID(u)
	if v.required(u, "target", u.Target) {
		v.ref(u, "target", "target", u.Target, KindGoal)
	}
	if v.required(u, "author", u.Author) {
		v.ref(u, "author", "author", u.Author, KindPerson)
	}
	v.ref(u, "posted_by", "posted_by", u.PostedBy, KindPerson)
	date, dateOK := time.Time{}, false
	if v.required(u, "date", u.Date) {
		date, dateOK = v.date(u, "date", u.Date)
	}
	v.enum(u, "health", u.Health, Healths, true)
	v.required(u, "summary", u.Summary)
	if c := u.Confidence; c != nil && !(*c >= 0 && *c <= 1) { // also catches NaN
		v.add(u, "schema.range", SeverityError, "confidence", "confidence %s is out of range; it runs from 0 to 1", formatNumber(*c))
	}
	// Labels are formatted only for a finding: check-ins are the most
	// numerous records.
	for i, a := range u.Asks {
		v.ask(u, i, a)
	}
	if dateOK && v.hasToday && date.After(v.today) {
		v.add(u, "update.future-date", SeverityWarning, "date", "date %s is after today (%s); a check-in reports what has already happened",
			u.Date, v.today.Format(time.DateOnly))
	}
	if (u.Health == HealthAtRisk || u.Health == HealthOffTrack) && len(u.Problems) == 0 {
		v.add(u, "update.problems-missing", SeverityInfo, "health", "the check-in reports %s but lists no problems; say what stands in the way", u.Health)
	}
	if base, ok := v.opts.Base[u.ID].(*Update); ok && base != nil {
		// Moving asks' from: to to: is Accord's own rewrite, not an edit.
		if changes := Diff(migrated(base), migrated(u)); len(changes) > 0 {
			v.add(u, "update.edited", SeverityError, topField(changes[0].Field),
				"the check-in was edited after it landed (%s); check-ins are append-only, so add a new check-in instead", Summarize(changes))
		}
	}
}

// deletedUpdates reports check-ins the base revision has and the
// organisation no longer does.
func (v *validator) deletedUpdates() {
	for _, id := range slices.Sorted(maps.Keys(v.opts.Base)) {
		v.deletedUpdate(id)
		v.deletedAppendOnly(id)
	}
}

// deletedUpdate reports the check-in with the ID if the base revision has it
// and the organisation no longer does.
func (v *validator) deletedUpdate(id string) {
	if base, ok := v.opts.Base[id].(*Update); ok && base != nil && v.o.Updates[id] == nil {
		v.addAt(KindUpdate, id, "update.deleted", SeverityWarning, "id",
			fmt.Sprintf("check-in %s was deleted; check-ins are append-only, so correct one with a new check-in instead", id))
	}
}
