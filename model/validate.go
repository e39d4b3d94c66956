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
	"encoding/base64"
	"fmt"
	"maps"
	"math"
	"path"
	"regexp"
	"slices"
	"strconv"
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
	v.overload(nil)
	v.deletedUpdates()
	v.config()
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

// ---- goals ----

// cadenceDays is how often a cadence wants a check-in.
var cadenceDays = map[string]int{"weekly": 7, "biweekly": 14, "monthly": 31, "quarterly": 92}

func (v *validator) goal(g *Goal) {
	v.checkID(g)
	v.required(g, "title", g.Title)
	levelOK := v.enum(g, "level", g.Level, GoalLevels, true)
	v.enum(g, "state", g.State, GoalStates, true)
	v.enum(g, "outcome", g.Outcome, GoalOutcomes, false)
	v.enum(g, "cadence", g.Cadence, Cadences, false)
	v.period(g)
	parentOK := v.ref(g, "parent", "parent", g.Parent, KindGoal)
	v.ref(g, "owner", "owner", g.Owner, KindPerson)
	v.ref(g, "team", "team", g.Team, KindTeam)
	if w := g.Weight; w != nil && (*w < 0 || math.IsNaN(*w) || math.IsInf(*w, 0)) {
		v.add(g, "schema.range", SeverityError, "weight", "weight %s is out of range; a weight is a number of 0 or more", formatNumber(*w))
	}
	if levelOK && (parentOK || g.Parent == "") {
		v.goalShape(g)
	}
	if m := g.Metric; m != nil {
		v.metric(g, m)
	} else if g.Level == LevelKeyResult || g.Level == LevelKPI {
		v.add(g, "goal.metric-missing", SeverityError, "level", "%s %s needs a metric (unit, baseline, target and direction)",
			articleFor(levelWord(g.Level)), levelWord(g.Level))
	}
	if g.State == "closed" && g.Outcome == "" {
		v.add(g, "goal.outcome-missing", SeverityWarning, "state", "the goal is closed but has no outcome; set one of %s", strings.Join(GoalOutcomes, ", "))
	}
	if g.State == "active" {
		v.stale(g)
	}
	if g.State != "closed" {
		v.inactiveOwner(g, "owner", "owner", g.Owner, "goal")
	}
}

func (v *validator) period(g *Goal) {
	p := g.Period
	if p == "" || slices.Contains(v.o.Config.Periods, p) {
		return
	}
	if !ValidPeriod(p) {
		v.add(g, "period.format", SeverityError, "period", "period %s is not a year (2026), a half (2026-H1) or a quarter (2026-Q4)", quoteValue(p))
		return
	}
	if len(v.o.Config.Periods) > 0 {
		v.add(g, "period.unknown", SeverityWarning, "period", "period %s is not one of the periods in accord.yaml (%s)", p, capList(v.o.Config.Periods))
	}
}

// validPeriod accepts 2026, 2026-H1 and 2026-Q4.
func ValidPeriod(p string) bool {
	if len(p) < 4 {
		return false
	}
	for i := 0; i < 4; i++ {
		if p[i] < '0' || p[i] > '9' {
			return false
		}
	}
	switch rest := p[4:]; {
	case rest == "":
		return true
	case len(rest) == 3 && rest[0] == '-' && rest[1] == 'Q':
		return rest[2] >= '1' && rest[2] <= '4'
	case len(rest) == 3 && rest[0] == '-' && rest[1] == 'H':
		return rest[2] == '1' || rest[2] == '2'
	}
	return false
}

// goalShape checks the goal's place in the pyramid. The parent, if any, is
// known to be a goal.
func (v *validator) goalShape(g *Goal) {
	var parentLevel string
	if p := v.o.Goals[g.Parent]; p != nil {
		parentLevel = p.Level
		if !slices.Contains(GoalLevels, parentLevel) {
			return // the parent's own level is reported on the parent
		}
	}
	is := func() string { return articleFor(levelWord(parentLevel)) + " " + levelWord(parentLevel) }
	switch g.Level {
	case LevelMission:
		if g.Parent != "" {
			v.add(g, "goal.shape", SeverityWarning, "parent", "the mission sits at the top and has no parent, but parent is %s, %s", g.Parent, is())
		}
	case LevelStrategic:
		if g.Parent != "" && parentLevel != LevelMission {
			v.add(g, "goal.shape", SeverityWarning, "parent", "a strategic goal's parent must be the mission, but %s is %s", g.Parent, is())
		}
	case LevelObjective:
		switch {
		case g.Parent == "":
			v.add(g, "goal.shape", SeverityWarning, "level", "an objective must serve a strategic goal or another objective, but it has no parent")
		case parentLevel != LevelStrategic && parentLevel != LevelObjective:
			v.add(g, "goal.shape", SeverityWarning, "parent", "an objective's parent must be a strategic goal or another objective, but %s is %s", g.Parent, is())
		}
	case LevelKeyResult:
		switch {
		case g.Parent == "":
			v.add(g, "goal.shape", SeverityWarning, "level", "a key result must measure an objective, but it has no parent")
		case parentLevel != LevelObjective:
			v.add(g, "goal.shape", SeverityWarning, "parent", "a key result's parent must be an objective, but %s is %s", g.Parent, is())
		}
	}
}

func (v *validator) metric(g *Goal, m *Metric) {
	v.enum(g, "metric.direction", m.Direction, MetricDirections, true)
	if units := v.o.Config.Enums.Units; len(units) > 0 && m.Unit != "" && !slices.Contains(units, m.Unit) {
		v.add(g, "schema.unit", SeverityWarning, "metric", "metric.unit %s is not one of the units in accord.yaml (%s)", quoteValue(m.Unit), capList(units))
	}
	switch {
	case m.Direction == "increase" && m.Target < m.Baseline:
		v.add(g, "goal.metric-target", SeverityWarning, "metric", "the metric should increase, but its target %s is below its baseline %s", formatNumber(m.Target), formatNumber(m.Baseline))
	case m.Direction == "decrease" && m.Target > m.Baseline:
		v.add(g, "goal.metric-target", SeverityWarning, "metric", "the metric should decrease, but its target %s is above its baseline %s", formatNumber(m.Target), formatNumber(m.Baseline))
	case m.Target == m.Baseline && g.Level == LevelKeyResult:
		// A KPI may hold a level; a key result has to move something.
		v.add(g, "goal.metric-target", SeverityWarning, "metric", "the metric's target equals its baseline (%s), so the key result asks for no change", formatNumber(m.Target))
	}
}

// stale warns when an active goal's check-ins have fallen behind its cadence.
func (v *validator) stale(g *Goal) {
	if !v.hasToday {
		return
	}
	st := v.o.Staleness(g, v.today)
	switch {
	case st.Every == 0:
	case st.Last == nil:
		what := "no check-in yet"
		if len(v.o.UpdatesOf(g.ID)) > 0 {
			what = "no check-in with a readable date"
		}
		v.add(g, "update.stale", SeverityWarning, "cadence", "the goal has %s; a %s goal needs one every %d days", what, g.Cadence, st.Every)
	case st.Overdue:
		v.add(g, "update.stale", SeverityWarning, "cadence", "the last check-in (%s, %s) was %d days ago; a %s goal needs one every %d days, with %d days' grace",
			st.Last.ID, st.Last.Date, st.Days, g.Cadence, st.Every, st.Grace)
	}
}

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
		if a.From == "" || !v.has(KindPerson, a.From) && !v.has(KindTeam, a.From) {
			label := fmt.Sprintf("from in ask %d", i+1)
			if v.requiredIn(u, "asks", label, "ask", a.From) {
				v.ref(u, "asks", label, a.From, KindPerson, KindTeam)
			}
		}
		if a.What == "" {
			v.requiredIn(u, "asks", fmt.Sprintf("what in ask %d", i+1), "ask", a.What)
		}
	}
	if dateOK && v.hasToday && date.After(v.today) {
		v.add(u, "update.future-date", SeverityWarning, "date", "date %s is after today (%s); a check-in reports what has already happened",
			u.Date, v.today.Format(time.DateOnly))
	}
	if (u.Health == HealthAtRisk || u.Health == HealthOffTrack) && len(u.Problems) == 0 {
		v.add(u, "update.problems-missing", SeverityInfo, "health", "the check-in reports %s but lists no problems; say what stands in the way", u.Health)
	}
	if base, ok := v.opts.Base[u.ID].(*Update); ok && base != nil {
		if changes := Diff(base, u); len(changes) > 0 {
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

// ---- decisions ----

// decision applies every rule of a decision, one after another: each a
// flat if on one field or one step of its lifecycle, so gocyclo counts
// them all. The rules of each kind are due to move to files of their own
// (see the top of this file).
func (v *validator) decision(d *Decision) {
	v.checkID(d)
	v.required(d, "title", d.Title)
	statusOK := v.enum(d, "status", d.Status, DecisionStatuses, true)
	v.date(d, "date", d.Date)
	reviewBy, reviewOK := v.date(d, "review_by", d.ReviewBy)
	v.ref(d, "driver", "driver", d.Driver, KindPerson)
	v.ref(d, "approver", "approver", d.Approver, KindPerson)
	v.refs(d, "decision_makers", d.DecisionMakers, KindPerson)
	v.refs(d, "consulted", d.Consulted, KindPerson, KindTeam)
	v.refs(d, "informed", d.Informed, KindPerson, KindTeam)
	v.refs(d, "goals", d.Goals, KindGoal)
	supersedesOK := v.ref(d, "supersedes", "supersedes", d.Supersedes, KindDecision)
	supersededByOK := v.ref(d, "superseded_by", "superseded_by", d.SupersededBy, KindDecision)
	v.unique(d, "tags", d.Tags)
	if tags := v.o.Config.Enums.Tags; len(tags) > 0 {
		for _, t := range d.Tags {
			if !slices.Contains(tags, t) {
				v.add(d, "schema.tag", SeverityWarning, "tags", "tag %s is not one of the tags in accord.yaml (%s)", quoteValue(t), capList(tags))
			}
		}
	}

	// Options and the choice.
	var optionIDs []string
	for i, opt := range d.Options {
		if opt.ID == "" {
			v.requiredIn(d, "options", fmt.Sprintf("id in option %d", i+1), "option", opt.ID)
		} else {
			if occurrences(optionIDs, opt.ID) == 1 { // report each duplicate once
				v.add(d, "decision.option-duplicate", SeverityError, "options",
					"option id %s is used by more than one option; option ids must be unique within a decision", opt.ID)
			}
			optionIDs = append(optionIDs, opt.ID)
		}
		if opt.Title == "" {
			v.requiredIn(d, "options", fmt.Sprintf("title in option %d", i+1), "option", opt.Title)
		}
	}
	chosen := ""
	if d.Outcome != nil {
		chosen = d.Outcome.Chosen
	}
	if chosen != "" && !slices.Contains(optionIDs, chosen) {
		if len(optionIDs) == 0 {
			v.add(d, "decision.chosen-unknown", SeverityError, "outcome", "outcome.chosen is %s, but the decision lists no options to choose from", chosen)
		} else {
			v.add(d, "decision.chosen-unknown", SeverityError, "outcome", "outcome.chosen %s is not the id of any option (%s)", chosen, capList(distinct(optionIDs)))
		}
	}
	if d.Status == DecisionAccepted {
		if d.Approver == "" {
			v.add(d, "decision.approver-missing", SeverityError, "status", "the decision is accepted but names no approver; an accepted decision needs one")
		}
		if chosen == "" {
			v.add(d, "decision.chosen-missing", SeverityError, "status", "the decision is accepted but outcome.chosen is empty; say which option was chosen")
		}
	}

	// Supersession.
	if d.Status == DecisionSuperseded && d.SupersededBy == "" {
		v.add(d, "decision.superseded-by-missing", SeverityError, "status", "the decision is superseded but superseded_by is empty; name the decision that replaced it")
	}
	if d.SupersededBy != "" && statusOK && d.Status != DecisionSuperseded {
		v.add(d, "decision.superseded-status", SeverityWarning, "status", "superseded_by names %s, but the status is %s, not superseded", d.SupersededBy, d.Status)
	}
	if supersededByOK && d.SupersededBy != d.ID {
		if other := v.o.Decisions[d.SupersededBy]; other.Supersedes != d.ID {
			v.add(d, "decision.supersede-link", SeverityError, "superseded_by", "superseded_by names %s, but %s's supersedes is %s, not %s; both sides must name each other",
				d.SupersededBy, d.SupersededBy, orEmpty(other.Supersedes), d.ID)
		}
	}
	// A draft or proposed successor is pending: the decision it names stays
	// as it is until the successor is accepted.
	pending := d.Status == DecisionDraft || d.Status == DecisionProposed || d.Status == DecisionRejected
	if supersedesOK && d.Supersedes != d.ID && !pending {
		if other := v.o.Decisions[d.Supersedes]; other.SupersededBy != d.ID {
			v.add(d, "decision.supersede-link", SeverityError, "supersedes", "the decision is %s and supersedes %s, but %s's superseded_by is %s, not %s; both sides must name each other",
				d.Status, d.Supersedes, d.Supersedes, orEmpty(other.SupersededBy), d.ID)
		}
	}
	if supersededByOK && d.SupersededBy != d.ID {
		if other := v.o.Decisions[d.SupersededBy]; other.Supersedes == d.ID && (other.Status == DecisionDraft || other.Status == DecisionProposed || other.Status == DecisionRejected) {
			v.add(d, "decision.superseded-early", SeverityError, "superseded_by", "superseded by %s, which is only %s; a decision is superseded once its successor is accepted",
				d.SupersededBy, other.Status)
		}
	}
	if d.Supersedes != "" && d.Status == DecisionRejected {
		v.add(d, "decision.supersedes-inactive", SeverityWarning, "supersedes", "the decision supersedes %s but was itself rejected; it replaces nothing",
			d.Supersedes)
	}

	// Lifecycle against the base revision.
	if base, ok := v.opts.Base[d.ID].(*Decision); ok && base != nil && statusOK && base.Status != d.Status {
		if err := ValidateDecisionTransition(base.Status, d.Status); err != nil {
			v.add(d, "decision.transition", SeverityError, "status", "the status changed from %s to %s since the base revision, but %v", base.Status, d.Status, err)
		}
	}
	if reviewOK && v.hasToday && d.Status == DecisionAccepted && reviewBy.Before(v.today) {
		v.add(d, "decision.review-due", SeverityInfo, "review_by", "review_by %s has passed; review the decision and confirm, deprecate or supersede it", d.ReviewBy)
	}
	if d.Status == DecisionDraft || d.Status == DecisionProposed {
		v.inactiveOwner(d, "driver", "driver", d.Driver, d.Status+" decision")
		v.inactiveOwner(d, "approver", "approver", d.Approver, d.Status+" decision")
	}
}

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

// ---- people and teams ----

func (v *validator) person(p *Person) {
	v.checkID(p)
	v.required(p, "name", p.Name)
	v.refs(p, "teams", p.Teams, KindTeam)
	v.unique(p, "emails", p.Emails)
	v.ref(p, "manager", "manager", p.Manager, KindPerson)
	v.refs(p, "delegates", p.Delegates, KindPerson)
	v.unique(p, "delegates", p.Delegates)
	for field, h := range map[string]string{"github": p.GitHub, "gitlab": p.GitLab} {
		if h != "" && !codeHostHandle.MatchString(h) {
			v.add(p, "schema.handle", SeverityError, field, "%s handle %s is not a user name (letters, digits, - _ . and / for a GitLab group)", field, quoteValue(h))
		}
	}
	for i, k := range p.SigningKeys {
		if !looksLikeSigningKey(k) {
			v.add(p, "schema.signing-key", SeverityError, "signing_keys",
				"signing key %d is neither an SSH public key (ssh-ed25519 AAAA…, as in authorized_keys) nor an armoured OpenPGP public key", i+1)
		}
	}
}

// codeHostHandle is the shape of a GitHub or GitLab user or group name, as
// CODEOWNERS takes it.
var codeHostHandle = regexp.MustCompile(`^@?[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9][A-Za-z0-9_.-]*)*$`)

// looksLikeSigningKey checks the shape of a signing key: an SSH public key
// line (type, base64 key, optional comment) or an armoured OpenPGP public
// key block. gitstore parses them for real when it checks a signature.
func looksLikeSigningKey(k string) bool {
	k = strings.TrimSpace(k)
	if strings.HasPrefix(k, "-----BEGIN PGP PUBLIC KEY BLOCK-----") {
		return strings.Contains(k, "-----END PGP PUBLIC KEY BLOCK-----")
	}
	f := strings.Fields(k)
	if len(f) < 2 || !(strings.HasPrefix(f[0], "ssh-") || strings.HasPrefix(f[0], "ecdsa-") || strings.HasPrefix(f[0], "sk-")) {
		return false
	}
	_, err := base64.StdEncoding.DecodeString(f[1])
	return err == nil && strings.HasPrefix(f[1], "AAAA")
}

func (v *validator) team(t *Team) {
	v.checkID(t)
	v.required(t, "name", t.Name)
	v.ref(t, "lead", "lead", t.Lead, KindPerson)
	v.ref(t, "parent", "parent", t.Parent, KindTeam)
	if v.o.People[t.ID] != nil {
		// Sources is keyed by ID, so it cannot say which file is which: name
		// the team's file and no line.
		p, _ := PathOf(KindTeam, t.ID)
		v.out = append(v.out, Finding{Rule: "id.handle-clash", Severity: SeverityError, File: p, ID: t.ID,
			Message: fmt.Sprintf("handle %s belongs to both a person and a team, so references to it are ambiguous; rename one of them", t.ID)})
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
	what := map[Kind]string{KindGoal: "parent links", KindTeam: "parent links", KindPerson: "manager links", KindDecision: "supersedes links"}[c.kind]
	v.add(r, string(c.kind)+".cycle", SeverityError, c.field, "%s form a loop: %s → %s", what, strings.Join(loop, " → "), loop[0])
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

// ---- wording ----

var kindWordOf = map[Kind]string{
	KindGoal: "goal", KindUpdate: "check-in", KindDecision: "decision", KindRACI: "RACI item",
	KindHandoff: "hand-off", KindPerson: "person", KindTeam: "team",
}

func kindWord(k Kind) string {
	if n, ok := kindWordOf[k]; ok {
		return n
	}
	return string(k)
}

func kindWords(ks []Kind) string {
	names := make([]string, len(ks))
	for i, k := range ks {
		names[i] = kindWord(k)
	}
	return strings.Join(names, " or ")
}

func levelWord(level string) string {
	switch level {
	case LevelStrategic:
		return "strategic goal"
	case LevelKeyResult:
		return "key result"
	case LevelKPI:
		return "KPI"
	}
	return level
}

// articleFor is "a" or "an" for the word that follows.
func articleFor(word string) string {
	if word != "" && strings.ContainsRune("aeiouAEIOU", rune(word[0])) && !strings.HasPrefix(word, "RACI") {
		return "an"
	}
	return "a"
}

// quoteValue marks a value that may be malformed, so stray spaces show.
func quoteValue(s string) string { return `"` + s + `"` }

func orEmpty(s string) string {
	if s == "" {
		return "empty"
	}
	return s
}

func formatNumber(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func numberWord(n int) string {
	words := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
	if n >= 0 && n < len(words) {
		return words[n]
	}
	return strconv.Itoa(n)
}

// capList joins items with commas, naming at most ten.
func capList(items []string) string {
	const show = 10
	if len(items) <= show {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:show], ", ") + fmt.Sprintf(" and %d more", len(items)-show)
}

func joinAnd(items []string) string { return joinWithLast(items, "and") }
func joinOr(items []string) string  { return joinWithLast(items, "or") }

func joinWithLast(items []string, word string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + word + " " + items[len(items)-1]
}

func distinct(items []string) []string {
	var out []string
	for _, s := range items {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
