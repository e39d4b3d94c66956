package model

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// Inbox sections, in the order Inbox lists them.
const (
	InboxCheckIns    = "Check-ins due"
	InboxApprovals   = "Awaiting your approval"
	InboxAccountable = "Accountable, due soon"
	InboxHandoffs    = "Hand-offs waiting for you"
)

// InboxSections lists the sections in order.
var InboxSections = []string{InboxCheckIns, InboxApprovals, InboxAccountable, InboxHandoffs}

// InboxHorizonDays is how far ahead a due date puts a RACI item or a
// hand-off to deliver in the inbox.
const InboxHorizonDays = 14

// InboxItem is one thing that needs a person, with why.
type InboxItem struct {
	// Section is one of InboxSections.
	Section string
	// ID is the record that needs the person: a goal, decision, RACI
	// record or hand-off. A record appears at most once.
	ID string
	// Reason says why, in a few words: "last check-in 19 days ago; weekly".
	Reason string
	// Due is when it was or is due, YYYY-MM-DD, or "" when it has no date.
	Due string
	// Overdue is true when the due date has passed (and, for check-ins,
	// always: a check-in is only listed once it is stale).
	Overdue bool
}

// Inbox lists what needs person on today:
//
//   - their active goals whose check-in is overdue against the goal's
//     cadence plus Config.StaleGraceDays (the update.stale rule of Validate),
//     including goals with a cadence and no check-in yet;
//   - proposed decisions awaiting their approval: they are the approver, or
//     no approver is set and they are one of the decision makers;
//   - RACI items they are Accountable for, not retired, due within
//     InboxHorizonDays or overdue;
//   - hand-offs waiting for them: to accept or reject (proposed to them), to
//     confirm receipt (delivered to them), or to deliver (accepted or in
//     progress from them, due within InboxHorizonDays or overdue).
//
// Items come in that order of sections, then most overdue or soonest
// first. o must have been indexed (Org.Index).
func (o *Org) Inbox(person string, today time.Time) []InboxItem {
	if person == "" {
		return nil
	}
	// Whole days, as Validate counts them.
	y, m, d := today.Date()
	in := inbox{o: o, person: person, day: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
	for _, g := range o.Goals {
		in.goal(g)
	}
	for _, d := range o.Decisions {
		in.decision(d)
	}
	for _, r := range o.RACIs {
		in.raci(r)
	}
	for _, h := range o.Handoffs {
		in.handoff(h)
	}
	slices.SortFunc(in.items, func(a, b inboxEntry) int {
		return cmp.Or(cmp.Compare(a.section, b.section), cmp.Compare(a.key, b.key), cmp.Compare(a.ID, b.ID))
	})
	out := make([]InboxItem, len(in.items))
	for i, e := range in.items {
		out[i] = e.InboxItem
	}
	return out
}

// inbox collects one person's items with what they sort by.
type inbox struct {
	o      *Org
	person string
	day    time.Time
	items  []inboxEntry
}

type inboxEntry struct {
	InboxItem
	section int    // index in InboxSections
	key     string // within a section, ascending: a date, or a sentinel
}

// Section indexes into InboxSections.
const (
	secCheckIns = iota
	secApprovals
	secAccountable
	secHandoffs
)

// Sort keys that place an item before or after every dated one.
const (
	sortFirst = "0000-00-00"
	sortLast  = "9999-99-99"
)

func (in *inbox) add(section int, key string, it InboxItem) {
	it.Section = InboxSections[section]
	in.items = append(in.items, inboxEntry{InboxItem: it, section: section, key: key})
}

// lastDatedUpdate is a goal's latest check-in whose date parses, as
// Validate's update.stale rule measures staleness from it.
func (o *Org) lastDatedUpdate(goalID string) (*Update, time.Time) {
	us := o.UpdatesOf(goalID)
	for i := len(us) - 1; i >= 0; i-- {
		if t, ok := parseDay(us[i].Date); ok {
			return us[i], t
		}
	}
	return nil, time.Time{}
}

func (in *inbox) goal(g *Goal) {
	every := cadenceDays[g.Cadence]
	if g.Owner != in.person || g.State != "active" || every == 0 {
		return
	}
	last, lastDate := in.o.lastDatedUpdate(g.ID)
	if last == nil {
		what := "no check-in yet; "
		if len(in.o.UpdatesOf(g.ID)) > 0 {
			what = "no check-in with a readable date; "
		}
		in.add(secCheckIns, sortFirst, InboxItem{ID: g.ID, Reason: what + g.Cadence, Overdue: true})
		return
	}
	days := -in.daysUntil(lastDate)
	if days <= every+in.o.Config.StaleGraceDays() {
		return
	}
	due := lastDate.AddDate(0, 0, every).Format(time.DateOnly)
	in.add(secCheckIns, due, InboxItem{ID: g.ID, Due: due, Overdue: true,
		Reason: fmt.Sprintf("last check-in %s ago; %s", Plural(days, "day"), g.Cadence)})
}

func (in *inbox) decision(d *Decision) {
	if d.Status != DecisionProposed {
		return
	}
	var why string
	switch {
	case d.Approver == in.person:
		why = "you approve"
	case d.Approver == "" && slices.Contains(d.DecisionMakers, in.person):
		why = "you decide; no approver is set"
	default:
		return
	}
	key := sortLast
	if _, ok := parseDay(d.Date); ok {
		key = d.Date // the oldest have waited longest
	}
	in.add(secApprovals, key, InboxItem{ID: d.ID, Reason: why})
}

func (in *inbox) raci(r *RACI) {
	if r.State == "retired" || !slices.Contains(r.Accountable, in.person) {
		return
	}
	due, ok := parseDay(r.Due)
	if !ok {
		return
	}
	days := in.daysUntil(due)
	if days > InboxHorizonDays {
		return
	}
	in.add(secAccountable, r.Due, InboxItem{ID: r.ID, Due: r.Due, Overdue: days < 0, Reason: dueWords(days)})
}

func (in *inbox) handoff(h *Handoff) {
	person := in.person
	due, dated := parseDay(h.Due)
	days := in.daysUntil(due)
	key, when := sortLast, ""
	if dated {
		key, when = h.Due, "; "+dueWords(days)
	}
	it := InboxItem{ID: h.ID}
	if dated {
		it.Due = h.Due
	}
	switch {
	case h.To.Owner == person && h.State == "proposed":
		it.Reason, it.Overdue = "to accept or reject"+when, dated && days < 0
	case h.To.Owner == person && h.State == "delivered":
		// Delivered is done on the sender's side: nothing is late any more.
		it.Reason = "to confirm receipt"
	case h.From.Owner == person && (h.State == "accepted" || h.State == "in_progress") && dated && days <= InboxHorizonDays:
		it.Reason, it.Overdue = "to deliver"+when, days < 0
	default:
		return
	}
	in.add(secHandoffs, key, it)
}

// daysUntil counts whole days from today to t (negative when t has passed).
func (in *inbox) daysUntil(t time.Time) int {
	return int(t.Sub(in.day).Hours() / 24)
}

// dueWords says when something is due relative to today.
func dueWords(days int) string {
	switch {
	case days == 0:
		return "due today"
	case days > 0:
		return "due in " + Plural(days, "day")
	}
	return Plural(-days, "day") + " overdue"
}
