package model

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Inbox sections, in the order Inbox lists them.
const (
	InboxCheckIns    = "Check-ins due"
	InboxApprovals   = "Awaiting your approval"
	InboxAsks        = "Asked of you"
	InboxConsulted   = "Your input wanted"
	InboxInformed    = "Changed since you last looked"
	InboxReviews     = "Decisions due for review"
	InboxAccountable = "Accountable, due soon"
	InboxHandoffs    = "Hand-offs waiting for you"
	InboxBlocked     = "Blocked by a dependency"
	InboxAsksMade    = "Your asks, overdue"
	InboxPulses      = "Pulses due"
)

// InboxSections lists the sections in order.
var InboxSections = []string{InboxCheckIns, InboxApprovals, InboxAsks, InboxConsulted, InboxInformed, InboxReviews,
	InboxAccountable, InboxHandoffs, InboxBlocked, InboxAsksMade, InboxPulses}

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
	// Goal and Ask are set for an ask, whose ID is the check-in that makes
	// it: the goal it is about and the ask's number in the check-in.
	Goal string `json:",omitempty"`
	Ask  int    `json:",omitempty"`
}

// InboxQuery says whose inbox to make: a person's (with their teams), or a
// team's alone.
type InboxQuery struct {
	Person string // a person's handle
	Team   string // a team's handle, when Person is ""
	Today  time.Time
	// Seen holds, for each decision the reader is informed of, the status
	// they last saw it in (kept per clone, outside the shared tree). A
	// decision whose status differs is listed; one never seen is listed
	// when it moved within InboxHorizonDays.
	Seen map[string]string
}

// InboxFor lists what needs a person or a team: Inbox's sections, and
//
//   - asks addressed to them or their teams in the latest check-in of each
//     active goal, with who asked, when and on which goal;
//   - proposed decisions they or their teams are consulted on (and do not
//     approve themselves);
//   - decisions they or their teams are informed of whose status changed
//     since they last looked (q.Seen);
//   - accepted decisions they approve or drive whose review_by date is
//     within InboxHorizonDays or past;
//   - hand-offs to or from their teams that wait for that side, when the
//     side names no owner and they lead the team, or for a team's inbox.
func (o *Org) InboxFor(q InboxQuery) []InboxItem {
	if q.Person == "" && q.Team == "" {
		return nil
	}
	y, m, d := q.Today.Date()
	in := inbox{o: o, person: q.Person, day: time.Date(y, m, d, 0, 0, 0, 0, time.UTC), seen: q.Seen}
	in.teams = map[string]bool{}
	if q.Team != "" {
		in.teams[q.Team] = true
	} else if p := o.People[q.Person]; p != nil {
		for _, t := range p.Teams {
			in.teams[t] = true
		}
	}
	in.full = true
	return in.collect()
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
	return in.collect()
}

func (in *inbox) collect() []InboxItem {
	o := in.o
	for _, g := range o.Goals {
		in.goal(g)
	}
	for _, d := range o.Decisions {
		in.decision(d)
		if in.full {
			in.decisionFull(d)
		}
	}
	for _, r := range o.RACIs {
		in.raci(r)
	}
	for _, h := range o.Handoffs {
		in.handoff(h)
	}
	in.blocked()
	if in.full {
		in.asks()
		in.pulses()
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
	// full adds InboxFor's sections: teams are the reader's teams (or the
	// team whose inbox it is), seen what they last saw.
	full  bool
	teams map[string]bool
	seen  map[string]string
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
	secAsks
	secConsulted
	secInformed
	secReviews
	secAccountable
	secHandoffs
	secBlocked
	secAsksMade
	secPulses
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
	to, from := h.To.Owner == person && person != "", h.From.Owner == person && person != ""
	if in.full {
		// A side with no owner acts through its team: its lead, or the
		// team's own inbox.
		to = to || h.To.Owner == "" && in.actsForTeam(h.To.Team)
		from = from || h.From.Owner == "" && in.actsForTeam(h.From.Team)
	}
	switch {
	case to && h.State == "proposed":
		it.Reason, it.Overdue = "to accept or reject"+when, dated && days < 0
	case to && h.State == "delivered":
		// Delivered is done on the sender's side: nothing is late any more.
		it.Reason = "to confirm receipt"
	case from && (h.State == "accepted" || h.State == "in_progress") && dated && days <= InboxHorizonDays:
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

// actsForTeam reports whether the reader acts for a team: it is the team's
// inbox, or they lead it.
func (in *inbox) actsForTeam(team string) bool {
	if team == "" {
		return false
	}
	if in.person == "" {
		return in.teams[team]
	}
	t := in.o.Teams[team]
	return t != nil && t.Lead == in.person
}

// mine reports whether a list of people and teams names the reader or one
// of their teams, and says which.
func (in *inbox) mine(ids []string) (string, bool) {
	for _, id := range ids {
		if in.person != "" && id == in.person {
			return "you", true
		}
	}
	for _, id := range ids {
		if in.teams[id] {
			return teamName(in.o, id), true
		}
	}
	return "", false
}

func teamName(o *Org, id string) string {
	if t := o.Teams[id]; t != nil && t.Name != "" {
		return t.Name
	}
	return id
}

// decisionFull adds the consulted, informed and review sections.
func (in *inbox) decisionFull(d *Decision) {
	approves := in.person != "" && d.Approver == in.person
	if who, ok := in.mine(d.Consulted); ok && d.Status == DecisionProposed && !approves {
		key := sortLast
		if _, ok := parseDay(d.Date); ok {
			key = d.Date
		}
		in.add(secConsulted, key, InboxItem{ID: d.ID, Reason: fmt.Sprintf("%s consulted; proposed by %s", capitalise(who), orNobody(personName(in.o, d.Driver)))})
	}
	if who, ok := in.mine(d.Informed); ok && d.Status != DecisionDraft {
		seen, looked := in.seen[d.ID]
		when, dated := parseDay(d.Date)
		recent := dated && -in.daysUntil(when) <= InboxHorizonDays
		if looked && seen != d.Status || !looked && recent {
			key := sortLast
			if dated {
				key = invertDate(d.Date) // newest first
			}
			reason := fmt.Sprintf("%s informed; now %s", capitalise(who), d.Status)
			if looked {
				reason = fmt.Sprintf("%s informed; %s → %s", capitalise(who), seen, d.Status)
			}
			in.add(secInformed, key, InboxItem{ID: d.ID, Due: d.Date, Reason: reason})
		}
	}
	if d.Status == DecisionAccepted && in.person != "" && (d.Approver == in.person || d.Driver == in.person) {
		if due, ok := parseDay(d.ReviewBy); ok {
			if days := in.daysUntil(due); days <= InboxHorizonDays {
				in.add(secReviews, d.ReviewBy, InboxItem{ID: d.ID, Due: d.ReviewBy, Overdue: days < 0, Reason: "review " + dueWords(days)})
			}
		}
	}
}

// asks lists the asks that wait for the reader or their teams: those
// nobody has answered, and those accepted but past due; and, on the
// asker's side, the asks the reader (or, for a team's inbox, the team)
// made that are past due and not done.
func (in *inbox) asks() {
	for _, st := range in.o.AskStatuses(in.day) {
		if !st.Open() && !st.Overdue {
			continue
		}
		u := st.CheckIn
		if who, ok := in.mine([]string{st.Ask.Addressee()}); ok {
			ago := ""
			if t, ok := parseDay(u.Date); ok {
				ago = ", " + agoWords(-in.daysUntil(t))
			}
			reason := fmt.Sprintf("%s: %s — asked by %s on %s%s", capitalise(who), st.Ask.What, personName(in.o, u.Author), st.Goal.Title, ago)
			due, key := u.Date, invertDate(u.Date)
			if st.Ask.Due != "" {
				due, key = st.Ask.Due, st.Ask.Due
				if d, ok := parseDay(st.Ask.Due); ok {
					reason += "; " + dueWords(in.daysUntil(d))
				}
			}
			if st.Latest != nil {
				reason += "; you accepted"
			}
			in.add(secAsks, key, InboxItem{ID: u.ID, Ask: st.Ref.N, Goal: st.Goal.ID, Due: due, Overdue: st.Overdue, Reason: reason})
			continue
		}
		mineAsked := in.person != "" && u.Author == in.person || in.person == "" && in.teams[st.AskerTeam(in.o)]
		if st.Overdue && mineAsked {
			d, _ := parseDay(st.Ask.Due)
			state := "no answer yet"
			if st.Latest != nil {
				state = "accepted by " + personName(in.o, st.Latest.Author) + ", not done"
			}
			in.add(secAsksMade, st.Ask.Due, InboxItem{ID: u.ID, Ask: st.Ref.N, Goal: st.Goal.ID, Due: st.Ask.Due, Overdue: true,
				Reason: fmt.Sprintf("%s: %s — %s; %s", capitalise(teamName(in.o, st.Ask.Addressee())), st.Ask.What, state, dueWords(in.daysUntil(d)))})
		}
	}
}

// blocked lists the reader's open goals (for a team's inbox, the team's)
// that something they depend on blocks.
func (in *inbox) blocked() {
	for _, g := range in.o.Goals {
		if len(g.DependsOn) == 0 || g.State == "closed" {
			continue
		}
		if !(in.person != "" && g.Owner == in.person || in.person == "" && in.teams[g.Team]) {
			continue
		}
		bs := in.o.BlockedBy(g.ID, in.day)
		if len(bs) == 0 {
			continue
		}
		var parts []string
		for _, b := range bs {
			title := b.ID
			if r, ok := in.o.Get(b.ID); ok && r.RecordTitle() != "" {
				title = r.RecordTitle()
			}
			parts = append(parts, fmt.Sprintf("%s %s (%s)", b.ID, title, b.Reason))
		}
		in.add(secBlocked, sortFirst, InboxItem{ID: g.ID, Reason: "blocked by " + strings.Join(parts, "; ")})
	}
}

// pulses lists the pulses the teams the reader leads owe (for a team's
// inbox, the team's own).
func (in *inbox) pulses() {
	for _, m := range in.o.MissingPulses(in.day) {
		if in.person != "" && m.Lead != in.person || in.person == "" && !in.teams[m.Team] {
			continue
		}
		in.add(secPulses, m.About, InboxItem{ID: m.About, Reason: fmt.Sprintf("%s has not rated working with %s for %s (accord pulse rate %s %s)",
			teamName(in.o, m.Team), teamName(in.o, m.About), m.Period, m.Team, m.About)})
	}
}

func agoWords(days int) string {
	switch {
	case days <= 0:
		return "today"
	case days == 1:
		return "yesterday"
	}
	return Plural(days, "day") + " ago"
}

func personName(o *Org, id string) string {
	if p := o.People[id]; p != nil && p.Name != "" {
		return p.Name
	}
	return id
}

func orNobody(s string) string {
	if s == "" {
		return "nobody named"
	}
	return s
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// invertDate makes a sort key that puts later dates first.
func invertDate(day string) string {
	t, ok := parseDay(day)
	if !ok {
		return sortLast
	}
	return fmt.Sprintf("%010d", 9999999999-t.Unix()/86400)
}

// InformedStatuses is what InboxQuery.Seen should hold once the reader has
// looked: the status of every decision they or their teams are informed of.
func InformedStatuses(o *Org, q InboxQuery) map[string]string {
	in := inbox{o: o, person: q.Person, teams: map[string]bool{}}
	if q.Team != "" {
		in.teams[q.Team] = true
	} else if p := o.People[q.Person]; p != nil {
		for _, t := range p.Teams {
			in.teams[t] = true
		}
	}
	out := map[string]string{}
	for id, d := range o.Decisions {
		if _, ok := in.mine(d.Informed); ok {
			out[id] = d.Status
		}
	}
	return out
}
