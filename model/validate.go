package model

// This file is long (over 1,100 lines) because it holds every validation
// rule, kind by kind, after the table of rule ids below. The rules of each
// kind are to move to a file of their own (validate_goal.go,
// validate_decision.go …) once the changes now being made to them have
// landed, so that those changes merge.
//
// Validation rules. Each finding carries one of these rule ids; the ids are
// stable, so CI configuration and people's habits can rely on them.
//
// | Rule                           | Severity | What it checks |
// |--------------------------------|----------|--------------------|
// | schema.required                | error    | a required field is missing: every record's id and title (name for people and teams); a goal's level and state; a check-in's target, author, date, health and summary; a decision's status; a RACI item's subject.kind, subject.name (deliverable) or subject.id (decision, goal, hand-off) and state; a hand-off's from.team, to.team and state; a metric's direction; the id and title of options and deliverables; the from and what of asks |
// | schema.enum                    | error    | a field holds a value outside its fixed list (goal level, state, outcome, cadence, metric direction, check-in health, decision status, RACI state and subject kind, hand-off state) |
// | schema.date                    | error    | date, due or review_by is not a real date written YYYY-MM-DD |
// | schema.range                   | error    | a check-in's confidence is outside 0 to 1, or a goal's weight is negative |
// | schema.duplicate               | warning  | a list of people, teams, goals, e-mails or tags names the same item twice |
// | schema.unit                    | warning  | a metric's unit is not one of enums.units in accord.yaml (when that list is set) |
// | schema.tag                     | warning  | a decision's tag is not one of enums.tags in accord.yaml (when that list is set) |
// | id.malformed                   | error    | the ID is not a well-formed ID of its kind (GOAL-, UPD-, DEC-, RACI-, HO- and 8 Crockford base32 characters; a handle for people and teams) |
// | id.kind                        | error    | the ID is well formed for another kind than the folder it sits in (a DEC- ID in goals/) |
// | id.mismatch                    | error    | the ID differs from the file name |
// | id.path                        | warning  | the file is not where its ID puts it (wrong shard folder) |
// | id.handle-clash                | error    | a person and a team share a handle, so references to it are ambiguous |
// | period.format                  | error    | a goal's period is not a year (2026), half (2026-H1) or quarter (2026-Q4), and not listed in accord.yaml |
// | period.unknown                 | warning  | a goal's period is well formed but not one of the periods accord.yaml lists |
// | ref.unknown                    | error    | a reference names no record at all (parent, owner, team, target, author, driver, approver, decision_makers, consulted, informed, goals, supersedes, superseded_by, RACI participants and subject.id, hand-off teams and owners, a person's teams and manager, a team's lead and parent, an ask's from); this includes a check-in for an unknown goal |
// | ref.kind                       | error    | a reference names a record of the wrong kind (a goal's owner that is a team, a parent that is a decision) |
// | goal.cycle                     | error    | goals' parent links loop; reported once, on the loop's smallest ID, naming the whole loop (GOAL-A → GOAL-B → GOAL-A) |
// | goal.shape                     | warning  | the pyramid is broken: a mission with a parent, a strategic goal under anything but the mission, an objective not under a strategic goal or objective, a key result not under an objective (KPIs may sit anywhere) |
// | goal.metric-missing            | error    | a key result or KPI has no metric |
// | goal.metric-target             | warning  | a metric's target contradicts its direction, or a key result's target equals its baseline |
// | goal.outcome-missing           | warning  | a closed goal has no outcome |
// | goal.dependency-cycle          | error    | depends_on links among goals loop; reported once, on the loop's smallest ID (an edit closing a loop is refused on any goal of it) |
// | goal.dependency-closed         | warning  | an open goal depends on a closed goal, a rejected, deprecated or superseded decision, or a rejected hand-off |
// | ask.to-and-from                | warning  | an ask names both to: and a different from: (from: is the old name of to:; to: is read) |
// | pulse.same-team                | error    | a pulse rates a team working with itself |
// | answer.edited, pulse.edited    | error    | an answer or pulse differs from the base revision: they are append-only |
// | answer.deleted, pulse.deleted  | warning  | an answer or pulse in the base revision has been deleted |
// | team.cycle                     | error    | teams' parent links loop; reported once |
// | person.cycle                   | error    | people's manager links loop; reported once |
// | person.inactive-owner          | warning  | an inactive person still owns an open record: owner of a goal that is not closed, Accountable or Responsible in a RACI item that is not retired, driver or approver of a draft or proposed decision, owner on either side of an open hand-off; reported on that record |
// | decision.cycle                 | error    | supersedes / superseded_by links loop; reported once |
// | decision.approver-missing      | error    | an accepted decision has no approver |
// | decision.chosen-missing        | error    | an accepted decision has no outcome.chosen |
// | decision.chosen-unknown        | error    | outcome.chosen is not the id of one of the decision's options |
// | decision.option-duplicate      | error    | two options of a decision share an id |
// | decision.superseded-by-missing | error    | a superseded decision does not say which decision superseded it |
// | decision.supersede-link        | error    | a supersession link is one-sided: A.superseded_by = B without B.supersedes = A, or B is accepted and supersedes A without A naming B (a draft or proposed B is pending) |
// | decision.superseded-early      | error    | a decision is superseded by one that is only draft, proposed or rejected |
// | decision.superseded-status     | warning  | a decision names superseded_by but its status is not superseded |
// | decision.supersedes-inactive   | warning  | a rejected decision claims to supersede another |
// | decision.transition            | error    | the status changed since the base revision in a way the lifecycle forbids (see ValidateDecisionTransition) |
// | decision.review-due            | info     | an accepted decision's review_by date has passed |
// | raci.accountable-missing       | error    | a RACI item that is not retired has no Accountable |
// | raci.accountable-multiple      | error    | a RACI item that is not retired has more than one Accountable |
// | raci.accountable-team          | error    | the Accountable is a team; it must be one person |
// | raci.responsible-missing       | error    | a RACI item that is not retired has nobody Responsible |
// | raci.role-conflict             | error    | someone holds more than one of Responsible, Consulted and Informed, or the Accountable is also Consulted or Informed (Accountable and Responsible together is allowed) |
// | raci.overload                  | warning  | a person is Accountable for more RACI items that are not retired than limits.max_accountable allows (default 6); reported once, on the person |
// | update.stale                   | warning  | an active goal with a cadence has had no check-in for longer than the cadence (7, 14, 31 or 92 days) plus limits.stale_grace_days (default 3), or has none; reported on the goal |
// | update.future-date             | warning  | a check-in is dated after today |
// | update.edited                  | error    | a check-in differs from the base revision: check-ins are append-only |
// | update.deleted                 | warning  | a check-in in the base revision has been deleted |
// | update.problems-missing        | info     | a check-in reports at_risk or off_track but lists no problems |
// | handoff.deliverable-duplicate  | error    | two deliverables of a hand-off share an id |
// | handoff.same-team              | error    | a hand-off goes from a team to itself |
// | handoff.overdue                | warning  | a hand-off's due date has passed and it is not delivered, received or rejected |
// | schema.signing-key             | error    | a signing key is neither an SSH public key nor an armoured OpenPGP public key |
// | schema.handle                  | error    | a github: or gitlab: handle is not a user name |
//
// Who took each step (approval.not-approver, handoff.not-receiver, …) is
// checked against history by gitstore's Store.Verify; see accountability.go.
//
// Rules that compare against today (update.stale, update.future-date,
// decision.review-due, handoff.overdue) are skipped when ValidateOptions.Today
// is zero, so Validate never reads the clock itself.

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"time"
)

// ValidateOptions is what validation needs beyond the organisation itself.
type ValidateOptions struct {
	// Today is the date stale check-ins are measured against.
	Today time.Time
	// Base holds, for each record whose file changed since the base revision
	// (HEAD for a pre-commit hook, the target branch in CI), the record as it was
	// there. A key present with a nil value means the record did not exist there.
	// Records absent from Base did not change.
	Base map[string]Record
}

// Validate checks the whole organisation and returns every finding, sorted with SortFindings.
// It includes o.Problems (files that could not be read) unchanged.
// o must have been indexed (Org.Index); Validate only reads it.
func Validate(o *Org, opts ValidateOptions) []Finding {
	v := newValidator(o, opts)
	v.out = append(v.out, o.Problems...)
	for _, k := range Kinds {
		for _, id := range o.IDs(k) {
			v.check(k, id)
		}
	}
	v.cycles()
	v.dependencyCycles(o.IDs(KindGoal))
	v.overload(nil)
	v.deletedUpdates()
	v.config()
	v.pulseConfig()
	SortFindings(v.out)
	return v.out
}

// config checks what accord.yaml says beyond its shape.
func (v *validator) config() {
	for _, c := range v.o.Config.RequireSigned {
		if !slices.Contains(StepClasses, c) {
			v.out = append(v.out, Finding{Rule: "schema.enum", Severity: SeverityError, File: ConfigPath, Field: "require_signed",
				Message: fmt.Sprintf("require_signed names %s, which is not one of %s", quoteValue(c), strings.Join(StepClasses, ", "))})
		}
	}
	if err := CheckSiteURL(v.o.Config.SiteURL); err != nil {
		v.out = append(v.out, Finding{Rule: "schema.url", Severity: SeverityError, File: ConfigPath, Field: "site_url", Message: err.Error()})
	}
}

// decisionTransitions lists, for each status, the statuses a decision may
// move to. Staying put is always allowed.
var decisionTransitions = map[string][]string{
	DecisionDraft:      {DecisionProposed, DecisionRejected},
	DecisionProposed:   {DecisionAccepted, DecisionRejected, DecisionDraft},
	DecisionAccepted:   {DecisionDeprecated, DecisionSuperseded},
	DecisionRejected:   {DecisionDraft, DecisionProposed},
	DecisionDeprecated: {DecisionSuperseded},
	DecisionSuperseded: nil,
}

// ValidateDecisionTransition returns nil when a decision may move from status
// from to status to, and otherwise an error that says which moves are open.
// from == "" means a new record, which may start in any status; that a new
// superseded decision must name its successor is checked by Validate
// (decision.superseded-by-missing), as this function does not see the record.
// A from that is not a known status may move anywhere, so a broken record can
// be repaired.
func ValidateDecisionTransition(from, to string) error {
	if to == "" {
		return fmt.Errorf("a decision needs a status, one of %s", strings.Join(DecisionStatuses, ", "))
	}
	if !slices.Contains(DecisionStatuses, to) {
		return fmt.Errorf("%s is not a decision status; use one of %s", quoteValue(to), strings.Join(DecisionStatuses, ", "))
	}
	if from == "" || from == to || !slices.Contains(DecisionStatuses, from) {
		return nil
	}
	next := decisionTransitions[from]
	if slices.Contains(next, to) {
		return nil
	}
	if len(next) == 0 {
		return fmt.Errorf("a %s decision is final and cannot become %s; record a new decision instead", from, to)
	}
	if from == DecisionDraft && to == DecisionAccepted {
		return fmt.Errorf("a draft decision cannot become accepted; propose it first")
	}
	return fmt.Errorf("%s %s decision cannot become %s; it can only become %s", articleFor(from), from, to, joinOr(next))
}

type validator struct {
	o        *Org
	opts     ValidateOptions
	today    time.Time // opts.Today's calendar date at UTC midnight
	hasToday bool
	out      []Finding
}

func newValidator(o *Org, opts ValidateOptions) *validator {
	v := &validator{o: o, opts: opts}
	if !opts.Today.IsZero() {
		y, m, d := opts.Today.Date()
		v.today, v.hasToday = time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
	}
	return v
}

// check runs the rules of one record's kind on the record of kind k with
// the ID, if there is one. Every finding it makes is about that record, which
// is what lets ValidateRecords check a few records alone.
func (v *validator) check(k Kind, id string) {
	o := v.o
	switch k {
	case KindGoal:
		if r, ok := o.Goals[id]; ok {
			v.goal(r)
		}
	case KindUpdate:
		if r, ok := o.Updates[id]; ok {
			v.update(r)
		}
	case KindDecision:
		if r, ok := o.Decisions[id]; ok {
			v.decision(r)
		}
	case KindRACI:
		if r, ok := o.RACIs[id]; ok {
			v.raci(r)
		}
	case KindHandoff:
		if r, ok := o.Handoffs[id]; ok {
			v.handoff(r)
		}
	case KindAnswer:
		if r, ok := o.Answers[id]; ok {
			v.answer(r)
		}
	case KindPulse:
		if r, ok := o.Pulses[id]; ok {
			v.pulse(r)
		}
	case KindRetro:
		if r, ok := o.Retros[id]; ok {
			v.retro(r)
		}
	case KindPerson:
		if r, ok := o.People[id]; ok {
			v.person(r)
		}
	case KindTeam:
		if r, ok := o.Teams[id]; ok {
			v.team(r)
		}
	}
}

// add records a finding about r, placed at the top-level field that the
// (possibly dotted) field path starts with.
func (v *validator) add(r Record, rule string, sev Severity, field, format string, args ...any) {
	v.addAt(r.RecordKind(), r.RecordID(), rule, sev, field, fmt.Sprintf(format, args...))
}

func (v *validator) addAt(k Kind, id, rule string, sev Severity, field, msg string) {
	f := Finding{Rule: rule, Severity: sev, ID: id, Field: field, Message: msg}
	if src := v.o.Sources[id]; src != nil && src.Path != "" {
		f.File = src.Path
		p := src.FieldPos(topField(field))
		f.Line, f.Column = p.Line, p.Column
	} else if p, err := PathOf(k, id); err == nil {
		f.File = p // a record not yet saved: name the file it will have
	}
	v.out = append(v.out, f)
}

// topField is the top-level key a field path starts with: metric for
// metric.direction, options for options[2].id.
func topField(field string) string {
	if i := strings.IndexAny(field, ".["); i >= 0 {
		return field[:i]
	}
	return field
}

// ---- shared checks ----

// required reports a missing value and says whether the value is present.
func (v *validator) required(r Record, field, value string) bool {
	return v.requiredIn(r, field, field, kindWord(r.RecordKind()), value)
}

// requiredIn is required for a field inside a list item: label names it for
// people ("id in option 2") and owner is what needs it ("option").
func (v *validator) requiredIn(r Record, field, label, owner, value string) bool {
	if strings.TrimSpace(value) != "" {
		return true
	}
	v.add(r, "schema.required", SeverityError, field, "%s is missing; every %s needs one", label, owner)
	return false
}

// enum checks a value against a fixed list and says whether it is one of them.
func (v *validator) enum(r Record, field, value string, allowed []string, required bool) bool {
	if value == "" {
		if required {
			v.required(r, field, value)
		}
		return false
	}
	if slices.Contains(allowed, value) {
		return true
	}
	v.add(r, "schema.enum", SeverityError, field, "%s %s is not one of %s", field, quoteValue(value), strings.Join(allowed, ", "))
	return false
}

// date parses an optional YYYY-MM-DD field, reporting a malformed one.
func (v *validator) date(r Record, field, value string) (time.Time, bool) {
	if value == "" {
		return time.Time{}, false
	}
	t, ok := parseDay(value)
	if !ok {
		v.add(r, "schema.date", SeverityError, field, "%s %s is not a date written YYYY-MM-DD", field, quoteValue(value))
	}
	return t, ok
}

func parseDay(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

// has is o.has, kept short for the rules.
func (v *validator) has(k Kind, id string) bool { return v.o.has(k, id) }

// has reports whether a record of kind k has the ID.
func (o *Org) has(k Kind, id string) bool {
	var ok bool
	switch k {
	case KindGoal:
		_, ok = o.Goals[id]
	case KindUpdate:
		_, ok = o.Updates[id]
	case KindDecision:
		_, ok = o.Decisions[id]
	case KindRACI:
		_, ok = o.RACIs[id]
	case KindHandoff:
		_, ok = o.Handoffs[id]
	case KindAnswer:
		_, ok = o.Answers[id]
	case KindPulse:
		_, ok = o.Pulses[id]
	case KindRetro:
		_, ok = o.Retros[id]
	case KindPerson:
		_, ok = o.People[id]
	case KindTeam:
		_, ok = o.Teams[id]
	}
	return ok
}

// ref checks that id (named by the field, described by label) is a record of
// one of the kinds, and says whether it is. An empty id is not checked.
func (v *validator) ref(r Record, field, label, id string, kinds ...Kind) bool {
	if id == "" {
		return false
	}
	for _, k := range kinds {
		if v.has(k, id) {
			return true
		}
	}
	want := kindWords(kinds)
	if other, ok := v.o.Get(id); ok {
		v.add(r, "ref.kind", SeverityError, field, "%s names %s, which is %s %s, not %s %s",
			label, id, articleFor(kindWord(other.RecordKind())), kindWord(other.RecordKind()), articleFor(want), want)
		return false
	}
	v.add(r, "ref.unknown", SeverityError, field, "%s names %s, which is not a known %s", label, id, want)
	return false
}

// refs checks every ID of a list field.
func (v *validator) refs(r Record, field string, ids []string, kinds ...Kind) {
	for _, id := range ids {
		v.ref(r, field, field, id, kinds...)
	}
	v.unique(r, field, ids)
}

// unique reports each item a list names more than once. Lists are short, so
// a quadratic scan beats allocating a set.
func (v *validator) unique(r Record, field string, list []string) {
	for i, s := range list {
		if slices.Contains(list[:i], s) {
			continue // reported at its first occurrence
		}
		if n := occurrences(list[i:], s); n > 1 {
			v.add(r, "schema.duplicate", SeverityWarning, field, "%s lists %s %s times", field, s, numberWord(n))
		}
	}
}

func occurrences(list []string, s string) int {
	n := 0
	for _, x := range list {
		if x == s {
			n++
		}
	}
	return n
}

// inactive reports whether handle is a person who is no longer active.
func (v *validator) inactive(handle string) bool {
	p := v.o.People[handle]
	return p != nil && !p.IsActive()
}

// inactiveOwner warns that an open record still names an inactive person.
func (v *validator) inactiveOwner(r Record, field, label, handle, what string) {
	if handle != "" && v.inactive(handle) {
		v.add(r, "person.inactive-owner", SeverityWarning, field,
			"%s %s is no longer active but still holds this open %s; hand it to someone who is", label, handle, what)
	}
}

// checkID checks the record's ID against its kind and the file it came from.
func (v *validator) checkID(r Record) {
	k, id := r.RecordKind(), r.RecordID()
	if !v.required(r, "id", id) {
		return
	}
	wellFormed := CheckID(k, id) == nil
	if !wellFormed {
		switch other := KindOfID(id); {
		case other != "" && other != k && CheckID(other, id) == nil:
			v.add(r, "id.kind", SeverityError, "id", "ID %s is %s %s ID, but it sits in %s/, which holds %s",
				id, articleFor(kindWord(other)), kindWord(other), k.Dir(), k.Plural())
		case k.Prefix() != "":
			v.add(r, "id.malformed", SeverityError, "id",
				"ID %s is malformed: %s %s ID is %s- followed by %d Crockford base32 characters (digits and capital letters except I, L, O and U)",
				quoteValue(id), articleFor(kindWord(k)), kindWord(k), k.Prefix(), IDLength)
		default:
			v.add(r, "id.malformed", SeverityError, "id",
				"handle %s is malformed: a handle is 1 to 40 lower-case letters, digits and inner dashes", quoteValue(id))
		}
	}
	src := v.o.Sources[id]
	if src == nil || src.Path == "" || !k.Sharded() && v.has(KindPerson, id) && v.has(KindTeam, id) {
		return // with a handle clash the one Source belongs to either record; id.handle-clash says so
	}
	file := path.Base(src.Path)
	if strings.TrimSuffix(file, ".yaml") != id {
		v.add(r, "id.mismatch", SeverityError, "id", "ID %s does not match the file name %s; the file name must be the ID", id, file)
		return
	}
	if wellFormed {
		// HasSuffix tolerates a path that is not relative to the repository.
		if want, err := PathOf(k, id); err == nil && !strings.HasSuffix("/"+src.Path, "/"+want) {
			v.add(r, "id.path", SeverityWarning, "id", "the file is at %s but %s %s with this ID belongs at %s",
				src.Path, articleFor(kindWord(k)), kindWord(k), want)
		}
	}
}

// ---- cycles ----

// loopChain is one kind of link that must not loop: parent links of goals
// and of teams, managers, and supersession written on either side.
type loopChain struct {
	kind  Kind
	field string // where a loop is reported
	// reverse says the loop is reported walked backwards, so a supersession
	// loop written on both sides reads, and is reported, the same way.
	reverse bool
	next    func(id string) string // "" at the end of a chain or an unknown ID
}

func (v *validator) loopChains() []loopChain {
	o := v.o
	return []loopChain{
		{KindGoal, "parent", false, func(id string) string {
			if g := o.Goals[id]; g != nil {
				return g.Parent
			}
			return ""
		}},
		{KindTeam, "parent", false, func(id string) string {
			if t := o.Teams[id]; t != nil {
				return t.Parent
			}
			return ""
		}},
		{KindPerson, "manager", false, func(id string) string {
			if p := o.People[id]; p != nil {
				return p.Manager
			}
			return ""
		}},
		// Supersession is written on both sides; a loop in either is one
		// loop. Both are reported in the supersedes direction, so a loop
		// written on both sides is reported once.
		{KindDecision, "supersedes", false, func(id string) string {
			if d := o.Decisions[id]; d != nil {
				return d.Supersedes
			}
			return ""
		}},
		{KindDecision, "superseded_by", true, func(id string) string {
			if d := o.Decisions[id]; d != nil {
				return d.SupersededBy
			}
			return ""
		}},
	}
}

// canonical turns a loop as walked into the form it is reported in: in the
// chain's reporting direction, starting at its smallest ID.
func (c loopChain) canonical(loop []string) []string {
	if c.reverse {
		slices.Reverse(loop)
	}
	return rotateMin(loop)
}

func (v *validator) cycles() {
	reported := map[string]bool{}
	for _, c := range v.loopChains() {
		findLoops(v.o.IDs(c.kind), c.next, func(loop []string) { v.reportLoop(reported, c, c.canonical(loop)) })
	}
}

// reportLoop reports a loop in canonical form on its first ID, once.
func (v *validator) reportLoop(reported map[string]bool, c loopChain, loop []string) {
	o := v.o
	key := strings.Join(loop, " ")
	if reported[key] {
		return
	}
	reported[key] = true
	r, _ := o.Get(loop[0])
	if r == nil || r.RecordKind() != c.kind { // a handle clash; name the right kind
		switch c.kind {
		case KindPerson:
			r = o.People[loop[0]]
		case KindTeam:
			r = o.Teams[loop[0]]
		}
	}
	v.add(r, string(c.kind)+".cycle", SeverityError, c.field, "%s", c.message(loop))
}

// message says what a loop along c is: "parent links form a loop: A → B → A".
func (c loopChain) message(loop []string) string {
	what := map[Kind]string{KindGoal: "parent links", KindTeam: "parent links", KindPerson: "manager links", KindDecision: "supersedes links"}[c.kind]
	return fmt.Sprintf("%s form a loop: %s → %s", what, strings.Join(loop, " → "), loop[0])
}

// findLoops follows next from every ID (next returns "" at the end of a
// chain or at an unknown ID) and calls found once for every loop, with the
// IDs on it in order. Each ID is walked once.
func findLoops(ids []string, next func(string) string, found func([]string)) {
	done := make(map[string]bool, len(ids))
	onPath := map[string]int{}
	var path []string
	for _, start := range ids {
		path = path[:0]
		for id := start; id != "" && !done[id]; id = next(id) {
			if i, ok := onPath[id]; ok {
				found(slices.Clone(path[i:]))
				break
			}
			onPath[id] = len(path)
			path = append(path, id)
		}
		for _, id := range path {
			done[id] = true
			delete(onPath, id)
		}
	}
}

// rotateMin turns a loop so that it starts at its smallest ID, so every walk
// reports it the same way.
func rotateMin(loop []string) []string {
	i := 0
	for j, id := range loop {
		if id < loop[i] {
			i = j
		}
	}
	return append(loop[i:len(loop):len(loop)], loop[:i]...)
}
