package model

import (
	"cmp"
	"slices"
	"strings"
)

// The semantic diff of an organisation between two revisions, in the terms
// people review: goals added, closed or moved, health, decisions made or
// superseded and why, who became Accountable, check-ins posted, and every
// other field. It is data; render turns it into Markdown and text.

// RecordDelta is one record that differs between two revisions: Old is nil
// for a record that was added, New is nil for one that was removed.
type RecordDelta struct {
	Kind Kind
	ID   string
	Old  Record
	New  Record
}

// OrgDiff is the semantic diff of an organisation. Every changed record
// appears in at least one list; what no specific list describes is in
// Other, field by field. People and teams are by handle; Names maps the
// handles and IDs mentioned to their names and titles for display.
type OrgDiff struct {
	Range     *DiffRange      `json:"range,omitempty"`
	Goals     []GoalDelta     `json:"goals"`
	Health    []HealthDelta   `json:"health"`
	Decisions []DecisionDelta `json:"decisions"`
	RACI      []RACIDelta     `json:"raci"`
	CheckIns  []CheckInDelta  `json:"checkins"`
	People    []RecordEdit    `json:"people"` // people and teams
	Other     []RecordEdit    `json:"other"`
	// Across is what changed between teams: dependencies, answers to
	// asks, pulses, retros.
	Across AcrossDelta `json:"across"`

	Names map[string]string `json:"-"`
}

// DiffRange says which revisions a diff compares and the commits between
// them; the caller fills it in (model knows nothing of git).
type DiffRange struct {
	From       string   `json:"from"`        // as given: a revision or date
	To         string   `json:"to"`          // as given
	FromCommit string   `json:"from_commit"` // full hashes
	ToCommit   string   `json:"to_commit"`
	FromDate   string   `json:"from_date"` // YYYY-MM-DD
	ToDate     string   `json:"to_date"`
	Commits    int      `json:"commits"`
	Authors    []string `json:"authors"` // display names, in order of first appearance
}

// Goal changes.
const (
	GoalAdded      = "added"
	GoalRemoved    = "removed"
	GoalClosed     = "closed"
	GoalReopened   = "reopened"
	GoalReparented = "reparented"
)

// GoalDelta is a goal added, removed, closed, reopened or moved under
// another parent.
type GoalDelta struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	Level      string `json:"level"`
	Change     string `json:"change"`
	Owner      string `json:"owner,omitempty"`
	Outcome    string `json:"outcome,omitempty"`     // closed: how it ended
	Parent     string `json:"parent,omitempty"`      // added, reparented: the parent now
	FromParent string `json:"from_parent,omitempty"` // reparented: the parent before
}

// HealthDelta is a goal whose computed health changed (from its own
// check-ins or rolled up from its children).
type HealthDelta struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Level string `json:"level"`
	From  string `json:"from"` // "" when nothing was known
	To    string `json:"to"`
}

// DecisionDelta is a decision whose status changed, or that was added or
// removed. Change is the new status (accepted: a decision made), or
// "removed". For an accepted decision, the option chosen and the
// rationale; for a superseded one, the decision that replaced it and its
// rationale.
type DecisionDelta struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Change   string `json:"change"`
	From     string `json:"from,omitempty"` // the status before; "" when added
	Approver string `json:"approver,omitempty"`
	// DecidedBy says who accepted it, from the commit that did (Attribute);
	// "" when the diff was not given the history.
	DecidedBy             string `json:"decided_by,omitempty"`
	Chosen                string `json:"chosen,omitempty"`
	ChosenTitle           string `json:"chosen_title,omitempty"`
	Rationale             string `json:"rationale,omitempty"`
	SupersededBy          string `json:"superseded_by,omitempty"`
	SupersededByTitle     string `json:"superseded_by_title,omitempty"`
	SupersededByRationale string `json:"superseded_by_rationale,omitempty"`
}

// RACIDelta is a RACI record added, removed, or whose Accountable, roles
// or state changed.
type RACIDelta struct {
	ID              string      `json:"id"`
	Title           string      `json:"title"`
	Change          string      `json:"change"` // added, removed, changed
	Accountable     string      `json:"accountable,omitempty"`
	FromAccountable string      `json:"from_accountable,omitempty"` // set when the Accountable changed
	Roles           []RoleDelta `json:"roles,omitempty"`
	State           string      `json:"state,omitempty"`
	FromState       string      `json:"from_state,omitempty"` // set when the state changed
}

// RoleDelta is who joined or left one RACI role.
type RoleDelta struct {
	Role    string   `json:"role"` // responsible, consulted, informed
	Added   []string `json:"added,omitempty"`
	Removed []string `json:"removed,omitempty"`
}

// CheckInDelta is a check-in posted.
type CheckInDelta struct {
	ID        string   `json:"id"`
	Goal      string   `json:"goal"`
	GoalTitle string   `json:"goal_title"`
	Author    string   `json:"author"`
	Date      string   `json:"date"`
	Health    string   `json:"health"`
	Value     *float64 `json:"value,omitempty"`
	Summary   string   `json:"summary"`
}

// RecordEdit is a record added, removed or changed, field by field.
type RecordEdit struct {
	Kind    Kind     `json:"kind"`
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Change  string   `json:"change"` // added, removed, changed
	Changes []Change `json:"changes,omitempty"`
}

// Empty reports whether nothing changed.
func (d *OrgDiff) Empty() bool {
	return len(d.Goals)+len(d.Health)+len(d.Decisions)+len(d.RACI)+len(d.CheckIns)+len(d.People)+len(d.Other) == 0 && d.Across.Empty()
}

// Name is the display name of a person or team handle, or the title of a
// record ID, or "".
func (d *OrgDiff) Name(id string) string { return d.Names[id] }

// SemanticDiff describes what changed from before to after. changes are
// the records whose files differ (see gitstore's ChangedBetween); before
// and after are the whole organisation at each revision, needed for what
// is computed (health rolls up from children and check-ins) and for names.
// Records whose fields are equal on both sides (a comment edited) are left
// out.
func SemanticDiff(before, after *Org, changes []RecordDelta) *OrgDiff {
	d := &OrgDiff{Goals: []GoalDelta{}, Health: []HealthDelta{}, Decisions: []DecisionDelta{},
		RACI: []RACIDelta{}, CheckIns: []CheckInDelta{}, People: []RecordEdit{}, Other: []RecordEdit{},
		Names: map[string]string{}, Across: AcrossDelta{Dependencies: []DependencyDelta{}, Answers: []AnswerDelta{}, Pulses: []PulseDelta{}, Retros: []RetroDelta{}}}
	sd := semDiffer{d: d, before: before, after: after}
	for _, c := range changes {
		if c.Old == nil && c.New == nil {
			continue
		}
		var fields []Change
		if c.Old != nil && c.New != nil {
			if fields = Diff(c.Old, c.New); len(fields) == 0 {
				continue
			}
		}
		if sd.across(c) {
			continue
		}
		switch c.Kind {
		case KindGoal:
			sd.dependencies(c)
			sd.goal(c, fields)
		case KindUpdate:
			sd.checkIn(c, fields)
		case KindDecision:
			sd.decision(c, fields)
		case KindRACI:
			sd.raci(c, fields)
		case KindPerson, KindTeam:
			d.People = append(d.People, recordEdit(c, fields))
		default:
			d.Other = append(d.Other, recordEdit(c, fields))
		}
	}
	sd.health()
	sd.sort()
	sd.names()
	sd.sortAcross()
	return d
}

// RewindOrg returns the organisation as it was before changes, given the
// organisation after them: the same records (shared, not copied) except
// that each changed record is replaced by its old version, or removed when
// it was added. It saves reading a second revision in full.
func RewindOrg(after *Org, changes []RecordDelta) *Org {
	before := NewOrg()
	before.Config = after.Config
	changed := make(map[string]bool, len(changes))
	for _, c := range changes {
		changed[c.ID] = true
	}
	for _, k := range Kinds {
		for _, id := range after.IDs(k) {
			if !changed[id] {
				r, _ := after.Get(id)
				before.Add(r, after.Sources[id])
			}
		}
	}
	for _, c := range changes {
		if c.Old != nil {
			before.Add(c.Old, nil)
		}
	}
	before.Index()
	return before
}

type semDiffer struct {
	d             *OrgDiff
	before, after *Org
}

func recordEdit(c RecordDelta, fields []Change) RecordEdit {
	e := RecordEdit{Kind: c.Kind, ID: c.ID, Change: "changed", Changes: fields}
	switch {
	case c.Old == nil:
		e.Change, e.Title = "added", c.New.RecordTitle()
	case c.New == nil:
		e.Change, e.Title = "removed", c.Old.RecordTitle()
	default:
		e.Title = c.New.RecordTitle()
	}
	return e
}

// rest adds what the specific lists did not describe to Other.
func (sd *semDiffer) rest(c RecordDelta, fields []Change, described ...string) {
	var left []Change
	for _, f := range fields {
		if !slices.Contains(described, f.Field) && !slices.ContainsFunc(described, func(p string) bool {
			return strings.HasSuffix(p, ".") && strings.HasPrefix(f.Field, p)
		}) {
			left = append(left, f)
		}
	}
	if len(left) > 0 {
		sd.d.Other = append(sd.d.Other, recordEdit(c, left))
	}
}

func (sd *semDiffer) goal(c RecordDelta, fields []Change) {
	switch {
	case c.Old == nil:
		g := c.New.(*Goal)
		sd.d.Goals = append(sd.d.Goals, GoalDelta{ID: g.ID, Title: g.Title, Level: g.Level, Change: GoalAdded, Owner: g.Owner, Parent: g.Parent})
		return
	case c.New == nil:
		g := c.Old.(*Goal)
		sd.d.Goals = append(sd.d.Goals, GoalDelta{ID: g.ID, Title: g.Title, Level: g.Level, Change: GoalRemoved, Owner: g.Owner, Parent: g.Parent})
		return
	}
	o, g := c.Old.(*Goal), c.New.(*Goal)
	base := GoalDelta{ID: g.ID, Title: g.Title, Level: g.Level, Owner: g.Owner}
	var described []string
	switch {
	case g.State == "closed" && o.State != "closed":
		x := base
		x.Change, x.Outcome = GoalClosed, g.Outcome
		sd.d.Goals = append(sd.d.Goals, x)
		described = append(described, "state", "outcome")
	case o.State == "closed" && g.State != "closed":
		x := base
		x.Change = GoalReopened
		sd.d.Goals = append(sd.d.Goals, x)
		described = append(described, "state", "outcome")
	}
	if o.Parent != g.Parent {
		x := base
		x.Change, x.Parent, x.FromParent = GoalReparented, g.Parent, o.Parent
		sd.d.Goals = append(sd.d.Goals, x)
		described = append(described, "parent")
	}
	sd.rest(c, fields, append(described, "depends_on")...)
}

func (sd *semDiffer) checkIn(c RecordDelta, fields []Change) {
	if c.Old != nil || c.New == nil {
		// Check-ins are append-only: an edit or removal is worth seeing.
		sd.d.Other = append(sd.d.Other, recordEdit(c, fields))
		return
	}
	u := c.New.(*Update)
	title := ""
	if g := sd.after.Goals[u.Target]; g != nil {
		title = g.Title
	} else if g := sd.before.Goals[u.Target]; g != nil {
		title = g.Title
	}
	sd.d.CheckIns = append(sd.d.CheckIns, CheckInDelta{ID: u.ID, Goal: u.Target, GoalTitle: title, Author: u.Author,
		Date: u.Date, Health: u.Health, Value: u.Value, Summary: u.Summary})
}

func (sd *semDiffer) decision(c RecordDelta, fields []Change) {
	if c.New == nil {
		o := c.Old.(*Decision)
		sd.d.Decisions = append(sd.d.Decisions, DecisionDelta{ID: o.ID, Title: o.Title, Change: "removed", From: o.Status})
		return
	}
	n := c.New.(*Decision)
	from := ""
	if c.Old != nil {
		from = c.Old.(*Decision).Status
		if from == n.Status {
			sd.rest(c, fields)
			return
		}
	}
	x := DecisionDelta{ID: n.ID, Title: n.Title, Change: n.Status, From: from, Approver: n.Approver}
	if n.Outcome != nil && (n.Status == DecisionAccepted || n.Status == DecisionSuperseded) {
		x.Chosen, x.Rationale = n.Outcome.Chosen, n.Outcome.Rationale
		for _, op := range n.Options {
			if op.ID == n.Outcome.Chosen {
				x.ChosenTitle = op.Title
			}
		}
	}
	if n.Status == DecisionSuperseded && n.SupersededBy != "" {
		x.SupersededBy = n.SupersededBy
		if by := sd.after.Decisions[n.SupersededBy]; by != nil {
			x.SupersededByTitle = by.Title
			if by.Outcome != nil {
				x.SupersededByRationale = by.Outcome.Rationale
			}
		}
	}
	sd.d.Decisions = append(sd.d.Decisions, x)
	if c.Old != nil {
		sd.rest(c, fields, "status", "date", "outcome.", "superseded_by", "approver")
	}
}

func (sd *semDiffer) raci(c RecordDelta, fields []Change) {
	switch {
	case c.Old == nil:
		r := c.New.(*RACI)
		x := RACIDelta{ID: r.ID, Title: r.Title, Change: "added", Accountable: strings.Join(r.Accountable, ", "), State: r.State}
		for _, role := range []struct {
			name string
			who  []string
		}{{"responsible", r.Responsible}, {"consulted", r.Consulted}, {"informed", r.Informed}} {
			if len(role.who) > 0 {
				x.Roles = append(x.Roles, RoleDelta{Role: role.name, Added: role.who})
			}
		}
		sd.d.RACI = append(sd.d.RACI, x)
		return
	case c.New == nil:
		r := c.Old.(*RACI)
		sd.d.RACI = append(sd.d.RACI, RACIDelta{ID: r.ID, Title: r.Title, Change: "removed",
			Accountable: strings.Join(r.Accountable, ", "), State: r.State})
		return
	}
	o, r := c.Old.(*RACI), c.New.(*RACI)
	x := RACIDelta{ID: r.ID, Title: r.Title, Change: "changed", Accountable: strings.Join(r.Accountable, ", "), State: r.State}
	var described []string
	if a, b := strings.Join(o.Accountable, ", "), x.Accountable; a != b {
		x.FromAccountable = a
		if a == "" {
			x.FromAccountable = "nobody"
		}
		described = append(described, "accountable")
	}
	for _, role := range []struct {
		name     string
		old, new []string
	}{{"responsible", o.Responsible, r.Responsible}, {"consulted", o.Consulted, r.Consulted}, {"informed", o.Informed, r.Informed}} {
		added, removed := setDiff(role.old, role.new)
		if len(added)+len(removed) > 0 {
			x.Roles = append(x.Roles, RoleDelta{Role: role.name, Added: added, Removed: removed})
			described = append(described, role.name)
		}
	}
	if o.State != r.State {
		x.FromState = o.State
		described = append(described, "state")
	}
	if len(described) > 0 {
		sd.d.RACI = append(sd.d.RACI, x)
	}
	sd.rest(c, fields, described...)
}

// setDiff lists what is in b and not a, and in a and not b, each in order.
func setDiff(a, b []string) (added, removed []string) {
	for _, x := range b {
		if !slices.Contains(a, x) {
			added = append(added, x)
		}
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			removed = append(removed, x)
		}
	}
	return added, removed
}

// health lists the goals present on both sides whose computed health
// differs.
func (sd *semDiffer) health() {
	for id, g := range sd.after.Goals {
		if sd.before.Goals[id] == nil {
			continue
		}
		from, to := sd.before.Health(id), sd.after.Health(id)
		if from != to {
			sd.d.Health = append(sd.d.Health, HealthDelta{ID: id, Title: g.Title, Level: g.Level, From: from, To: to})
		}
	}
}

var (
	goalChangeOrder     = []string{GoalAdded, GoalClosed, GoalReopened, GoalReparented, GoalRemoved}
	decisionChangeOrder = []string{DecisionAccepted, DecisionSuperseded, DecisionProposed, DecisionRejected,
		DecisionDeprecated, DecisionDraft, "removed"}
)

func rankIn(order []string, s string) int {
	if i := slices.Index(order, s); i >= 0 {
		return i
	}
	return len(order)
}

func (sd *semDiffer) sort() {
	d := sd.d
	slices.SortFunc(d.Goals, func(a, b GoalDelta) int {
		return cmp.Or(cmp.Compare(rankIn(goalChangeOrder, a.Change), rankIn(goalChangeOrder, b.Change)),
			cmp.Compare(rankIn(GoalLevels, a.Level), rankIn(GoalLevels, b.Level)), cmp.Compare(a.ID, b.ID))
	})
	slices.SortFunc(d.Health, func(a, b HealthDelta) int {
		return cmp.Or(cmp.Compare(rankIn(GoalLevels, a.Level), rankIn(GoalLevels, b.Level)), cmp.Compare(a.ID, b.ID))
	})
	slices.SortFunc(d.Decisions, func(a, b DecisionDelta) int {
		return cmp.Or(cmp.Compare(rankIn(decisionChangeOrder, a.Change), rankIn(decisionChangeOrder, b.Change)), cmp.Compare(a.ID, b.ID))
	})
	slices.SortFunc(d.RACI, func(a, b RACIDelta) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(d.CheckIns, func(a, b CheckInDelta) int {
		return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.ID, b.ID))
	})
	byKind := func(a, b RecordEdit) int {
		return cmp.Or(cmp.Compare(slices.Index(Kinds, a.Kind), slices.Index(Kinds, b.Kind)), cmp.Compare(a.ID, b.ID))
	}
	slices.SortFunc(d.People, byKind)
	slices.SortFunc(d.Other, byKind)
}

// names records the display names of the people, teams and records the
// diff mentions, from after, else before.
func (sd *semDiffer) names() {
	d := sd.d
	name := func(id string) {
		if id == "" || d.Names[id] != "" {
			return
		}
		for _, o := range []*Org{sd.after, sd.before} {
			if r, ok := o.Get(id); ok && r.RecordTitle() != "" {
				d.Names[id] = r.RecordTitle()
				return
			}
		}
	}
	for _, g := range d.Goals {
		name(g.Owner)
		name(g.Parent)
		name(g.FromParent)
	}
	for _, x := range d.Decisions {
		name(x.Approver)
		name(x.SupersededBy)
	}
	for _, r := range d.RACI {
		for _, a := range strings.Split(r.Accountable, ", ") {
			name(a)
		}
		for _, a := range strings.Split(r.FromAccountable, ", ") {
			name(a)
		}
		for _, role := range r.Roles {
			for _, p := range append(slices.Clone(role.Added), role.Removed...) {
				name(p)
			}
		}
	}
	for _, u := range d.CheckIns {
		name(u.Author)
	}
}

// Attribute says, for each decision the diff shows accepted or rejected,
// who did it according to the commits in steps (Store.Verify over the same
// range): "accepted by Raj Patel on behalf of Amara Okafor".
func (d *OrgDiff) Attribute(o *Org, steps Attributions) {
	for i := range d.Decisions {
		x := &d.Decisions[i]
		if x.Change == DecisionAccepted || x.Change == DecisionRejected {
			x.DecidedBy = steps.ByLineFor(o, x.ID, x.Change)
		}
	}
}

// ContextIDs lists the handles and record IDs, besides the changed
// records themselves, that SemanticDiff and render look up in the
// organisations to describe changes: owners, parents, approvers, the
// people of a RACI record, a check-in's goal and author, the ask an
// answer answers and who it was addressed to (found in o once the ask's
// check-in is in it), a dependency, a pulse's teams, a retro's subject.
// A caller that reads the organisation record by record reads these (and
// the health context, see HealthContext) instead of every record; the
// list is in no particular order and may hold duplicates.
func ContextIDs(changes []RecordDelta, o *Org) []string {
	var ids []string
	add := func(s ...string) {
		for _, id := range s {
			if id != "" {
				ids = append(ids, id)
			}
		}
	}
	for _, c := range changes {
		for _, r := range []Record{c.Old, c.New} {
			switch r := r.(type) {
			case *Goal:
				add(r.Owner, r.Parent)
				add(r.DependsOn...)
			case *Update:
				add(r.Target, r.Author)
			case *Decision:
				add(r.Approver, r.SupersededBy)
			case *RACI:
				add(r.Accountable...)
				add(r.Responsible...)
				add(r.Consulted...)
				add(r.Informed...)
			case *Answer:
				add(r.Author)
				if ref, err := ParseAskRef(r.Ask, false); err == nil {
					add(ref.CheckIn)
					if o != nil {
						if a, _, ok := o.FindAsk(ref); ok {
							add(a.Addressee())
						}
					}
				}
			case *Pulse:
				add(r.Team, r.About)
			case *Retro:
				add(r.Subject, r.Author)
			}
		}
	}
	return ids
}

// DiffNeedsPulses reports whether describing changes needs every pulse
// of the organisation after them: a new pulse says whether its pair's
// trend is now falling.
func DiffNeedsPulses(changes []RecordDelta) bool {
	for _, c := range changes {
		if _, ok := c.New.(*Pulse); ok && c.Old == nil {
			return true
		}
	}
	return false
}

// Attributed lists the decisions whose change Attribute describes (those
// accepted or rejected): a diff without any needs no history walk.
func (d *OrgDiff) Attributed() []string {
	var ids []string
	for _, x := range d.Decisions {
		if x.Change == DecisionAccepted || x.Change == DecisionRejected {
			ids = append(ids, x.ID)
		}
	}
	return ids
}

// AttributionPeople lists the handles Attribute names given steps: who
// took each decision's latest step to its change, and for whom.
func (d *OrgDiff) AttributionPeople(steps Attributions) []string {
	var out []string
	for _, x := range d.Decisions {
		if x.Change == DecisionAccepted || x.Change == DecisionRejected {
			if a := steps.Latest(x.ID, x.Change); a != nil {
				out = append(out, a.By, a.For)
			}
		}
	}
	return out
}
