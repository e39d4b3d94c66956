package model

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// What history shows: the types of a record's history and field blame
// (gitstore fills them from git; the CLI and the TUI show them); the
// semantic diff of an organisation between two revisions, in the terms
// people review (goals added, closed or moved, health, decisions made or
// superseded and why, who became Accountable, check-ins posted), rendered
// as Markdown for a pull-request description; and the readable form of one
// record's field changes (list items added or removed, long text as a line
// diff).

// Record history, as gitstore reports it and the CLI and TUI show it.

// CommitInfo is one commit as a record's history shows it.
type CommitInfo struct {
	Hash    string
	Parents []string
	Author  string // the git author's name
	Email   string // the git author's e-mail: Org.PersonByEmail maps it to a person
	Date    time.Time
	Message string
}

// IsMerge reports whether the commit has more than one parent.
func (c CommitInfo) IsMerge() bool { return len(c.Parents) > 1 }

// Subject is the first line of the message.
func (c CommitInfo) Subject() string {
	s, _, _ := strings.Cut(strings.TrimSpace(c.Message), "\n")
	return s
}

// Short is the hash abbreviated to eight characters.
func (c CommitInfo) Short() string { return ShortHash(c.Hash) }

// HistoryOp says what a commit did to a record.
type HistoryOp string

// What a commit can do to a record.
const (
	HistoryCreated  HistoryOp = "created"
	HistoryEdited   HistoryOp = "edited"
	HistoryDeleted  HistoryOp = "deleted"
	HistoryRestored HistoryOp = "restored" // created again after it had been deleted
)

// HistoryEntry is one commit that changed a record. Old is the record as
// it was in the commit's first parent (nil when it did not exist there),
// New as the commit left it (nil when the commit deleted it); Changes are
// the fields that differ (model.Diff). A merge commit appears only when
// its result differs from every parent (the merge itself changed the
// record); its Changes are against the first parent. When a version could
// not be read, Problem says so and the entry is still listed.
type HistoryEntry struct {
	Commit  CommitInfo
	Op      HistoryOp
	Old     Record
	New     Record
	Changes []Change
	Problem string
}

// HistoryOptions narrows a record's history.
type HistoryOptions struct {
	// Rev is where the history starts: a commit, branch, tag or date
	// YYYY-MM-DD (default HEAD).
	Rev string
	// Limit is the most entries returned, newest first; 0 means all.
	Limit int
}

// FieldBlame is who last changed one field of a record: the commit that
// gave the field its current value.
type FieldBlame struct {
	Field  string // dotted, as Flatten names it: outcome.chosen, options[cap50].title
	Value  string
	Commit CommitInfo
}

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
	ID                    string `json:"id"`
	Title                 string `json:"title"`
	Change                string `json:"change"`
	From                  string `json:"from,omitempty"` // the status before; "" when added
	Approver              string `json:"approver,omitempty"`
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
	return len(d.Goals)+len(d.Health)+len(d.Decisions)+len(d.RACI)+len(d.CheckIns)+len(d.People)+len(d.Other) == 0
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
		Names: map[string]string{}}
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
		switch c.Kind {
		case KindGoal:
			sd.goal(c, fields)
		case KindUpdate:
			sd.checkIn(c, fields)
		case KindDecision:
			sd.decision(c, fields)
		case KindRACI:
			sd.raci(c, fields)
		case KindPerson, KindTeam:
			d.People = append(d.People, sdRecordEdit(c, fields))
		default:
			d.Other = append(d.Other, sdRecordEdit(c, fields))
		}
	}
	sd.health()
	sd.sort()
	sd.names()
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

func sdRecordEdit(c RecordDelta, fields []Change) RecordEdit {
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
		sd.d.Other = append(sd.d.Other, sdRecordEdit(c, left))
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
	sd.rest(c, fields, described...)
}

func (sd *semDiffer) checkIn(c RecordDelta, fields []Change) {
	if c.Old != nil || c.New == nil {
		// Check-ins are append-only: an edit or removal is worth seeing.
		sd.d.Other = append(sd.d.Other, sdRecordEdit(c, fields))
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
		added, removed := sdSetDiff(role.old, role.new)
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
func sdSetDiff(a, b []string) (added, removed []string) {
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
	sdGoalOrder     = []string{GoalAdded, GoalClosed, GoalReopened, GoalReparented, GoalRemoved}
	sdDecisionOrder = []string{DecisionAccepted, DecisionSuperseded, DecisionProposed, DecisionRejected,
		DecisionDeprecated, DecisionDraft, "removed"}
)

func sdRank(order []string, s string) int {
	if i := slices.Index(order, s); i >= 0 {
		return i
	}
	return len(order)
}

func (sd *semDiffer) sort() {
	d := sd.d
	slices.SortFunc(d.Goals, func(a, b GoalDelta) int {
		return cmp.Or(cmp.Compare(sdRank(sdGoalOrder, a.Change), sdRank(sdGoalOrder, b.Change)),
			cmp.Compare(sdRank(GoalLevels, a.Level), sdRank(GoalLevels, b.Level)), cmp.Compare(a.ID, b.ID))
	})
	slices.SortFunc(d.Health, func(a, b HealthDelta) int {
		return cmp.Or(cmp.Compare(sdRank(GoalLevels, a.Level), sdRank(GoalLevels, b.Level)), cmp.Compare(a.ID, b.ID))
	})
	slices.SortFunc(d.Decisions, func(a, b DecisionDelta) int {
		return cmp.Or(cmp.Compare(sdRank(sdDecisionOrder, a.Change), sdRank(sdDecisionOrder, b.Change)), cmp.Compare(a.ID, b.ID))
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

// Markdown renders the diff for a pull-request description: a heading,
// the range, then one section per kind of change that has any. Record text
// is made terminal- and Markdown-safe (no control characters, no markup,
// no raw HTML); long lists are cut with a count of what was left out.
func (d *OrgDiff) Markdown() string {
	var b strings.Builder
	b.WriteString("## Accord: what changed\n\n")
	if r := d.Range; r != nil {
		fmt.Fprintf(&b, "`%s` (%s) → `%s` (%s)", ShortHash(r.FromCommit), r.FromDate, ShortHash(r.ToCommit), r.ToDate)
		if r.Commits > 0 {
			fmt.Fprintf(&b, " · %s", Plural(r.Commits, "commit"))
			if len(r.Authors) > 0 {
				fmt.Fprintf(&b, " by %s", sdText(sdJoinNames(r.Authors, 8), 0))
			}
		}
		b.WriteString("\n\n")
	}
	if d.Empty() {
		b.WriteString("No changes to records.\n")
		return b.String()
	}
	section := func(title string, n int, item func(i int) string) {
		if n == 0 {
			return
		}
		fmt.Fprintf(&b, "### %s\n\n", title)
		const most = 50
		for i := range min(n, most) {
			b.WriteString("- " + item(i) + "\n")
		}
		if n > most {
			fmt.Fprintf(&b, "- … and %d more (`accord diff --json` lists all)\n", n-most)
		}
		b.WriteString("\n")
	}
	section("Goals", len(d.Goals), func(i int) string { return d.mdGoal(d.Goals[i]) })
	if len(d.Health) > 0 {
		b.WriteString("### Health\n\n| Goal | Level | Before | After |\n|---|---|---|---|\n")
		const most = 50
		for _, h := range d.Health[:min(len(d.Health), most)] {
			fmt.Fprintf(&b, "| %s %s | %s | %s | %s |\n", sdCode(h.ID), sdText(h.Title, 80), sdLabel(h.Level),
				sdOrDash(sdLabel(h.From)), sdOrDash(sdLabel(h.To)))
		}
		if len(d.Health) > most {
			fmt.Fprintf(&b, "\n… and %d more (`accord diff --json` lists all)\n", len(d.Health)-most)
		}
		b.WriteString("\n")
	}
	section("Decisions", len(d.Decisions), func(i int) string { return d.mdDecision(d.Decisions[i]) })
	section("RACI", len(d.RACI), func(i int) string { return d.mdRACI(d.RACI[i]) })
	if n := len(d.CheckIns); n > 0 {
		fmt.Fprintf(&b, "### Check-ins (%d)\n\n", n)
		if n > 5 {
			fmt.Fprintf(&b, "<details><summary>%s posted</summary>\n\n", Plural(n, "check-in"))
		}
		const most = 100
		for _, u := range d.CheckIns[:min(n, most)] {
			fmt.Fprintf(&b, "- %s · %s · %s %s · **%s**", u.Date, sdText(d.person(u.Author), 0), sdCode(u.Goal),
				sdText(u.GoalTitle, 60), sdLabel(u.Health))
			if u.Value != nil {
				fmt.Fprintf(&b, " · value %s", strconv.FormatFloat(*u.Value, 'g', -1, 64))
			}
			if s := sdText(u.Summary, 200); s != "" {
				b.WriteString(": " + s)
			}
			b.WriteString("\n")
		}
		if n > most {
			fmt.Fprintf(&b, "- … and %d more (`accord diff --json` lists all)\n", n-most)
		}
		if n > 5 {
			b.WriteString("\n</details>\n")
		}
		b.WriteString("\n")
	}
	section("People and teams", len(d.People), func(i int) string { return sdEdit(d.People[i]) })
	section("Other changes", len(d.Other), func(i int) string { return sdEdit(d.Other[i]) })
	return b.String()
}

func (d *OrgDiff) person(handle string) string {
	if n := d.Names[handle]; n != "" {
		return n
	}
	return handle
}

func (d *OrgDiff) ref(id string) string {
	if id == "" {
		return "(none)"
	}
	if t := d.Names[id]; t != "" {
		return sdCode(id) + " " + sdText(t, 60)
	}
	return sdCode(id)
}

func (d *OrgDiff) mdGoal(g GoalDelta) string {
	head := fmt.Sprintf("%s %s %s", sdLabel(g.Level), sdCode(g.ID), sdText(g.Title, 100))
	switch g.Change {
	case GoalAdded:
		s := "**Added** " + head
		if g.Parent != "" {
			s += " under " + d.ref(g.Parent)
		}
		if g.Owner != "" {
			s += " · owner " + sdText(d.person(g.Owner), 0)
		}
		return s
	case GoalClosed:
		s := "**Closed** " + head
		if g.Outcome != "" {
			s += ": " + sdLabel(g.Outcome)
		}
		return s
	case GoalReparented:
		return fmt.Sprintf("**Moved** %s: from %s to %s", head, d.ref(g.FromParent), d.ref(g.Parent))
	}
	return fmt.Sprintf("**%s** %s", sdCapitalise(g.Change), head)
}

func (d *OrgDiff) mdDecision(x DecisionDelta) string {
	head := sdCode(x.ID) + " " + sdText(x.Title, 100)
	verb := sdCapitalise(x.Change)
	if x.From == "" && x.Change != "removed" {
		verb = "New, " + x.Change + ":"
	}
	s := fmt.Sprintf("**%s** %s", verb, head)
	if x.From != "" && x.Change != "removed" {
		s += fmt.Sprintf(" (was %s)", x.From)
	}
	switch x.Change {
	case DecisionAccepted:
		if x.Chosen != "" {
			s += " — chose " + sdCode(x.Chosen)
			if x.ChosenTitle != "" {
				s += " " + sdText(x.ChosenTitle, 80)
			}
		}
		if x.Approver != "" {
			s += " · approved by " + sdText(d.person(x.Approver), 0)
		}
		if r := sdText(x.Rationale, 400); r != "" {
			s += "\n  > " + r
		}
	case DecisionSuperseded:
		if x.SupersededBy != "" {
			s += " by " + sdCode(x.SupersededBy)
			if x.SupersededByTitle != "" {
				s += " " + sdText(x.SupersededByTitle, 80)
			}
		}
		if r := sdText(x.SupersededByRationale, 400); r != "" {
			s += "\n  > " + r
		}
	}
	return s
}

func (d *OrgDiff) mdRACI(r RACIDelta) string {
	head := sdCode(r.ID) + " " + sdText(r.Title, 100)
	var parts []string
	switch r.Change {
	case "added":
		head = "**New** " + head
		parts = append(parts, "Accountable "+sdText(d.people(r.Accountable), 0))
	case "removed":
		return "**Removed** " + head
	}
	if r.FromAccountable != "" {
		parts = append(parts, fmt.Sprintf("Accountable %s → **%s**", sdText(d.people(r.FromAccountable), 0), sdText(d.people(r.Accountable), 0)))
	}
	for _, role := range r.Roles {
		var ch []string
		for _, p := range role.Added {
			ch = append(ch, "+"+sdText(d.person(p), 0))
		}
		for _, p := range role.Removed {
			ch = append(ch, "−"+sdText(d.person(p), 0))
		}
		parts = append(parts, sdCapitalise(role.Role)+" "+strings.Join(ch, ", "))
	}
	if r.FromState != "" {
		parts = append(parts, fmt.Sprintf("state %s → %s", r.FromState, r.State))
	}
	return head + ": " + strings.Join(parts, "; ")
}

func (d *OrgDiff) people(list string) string {
	if list == "" {
		return "nobody"
	}
	var out []string
	for _, h := range strings.Split(list, ", ") {
		out = append(out, d.person(h))
	}
	return strings.Join(out, ", ")
}

func sdEdit(e RecordEdit) string {
	head := fmt.Sprintf("%s %s %s", e.Kind, sdCode(e.ID), sdText(e.Title, 80))
	switch e.Change {
	case "added":
		return "**Added** " + head
	case "removed":
		return "**Removed** " + head
	}
	return head + ": " + sdText(SummarizeDetails(e.Changes, 6), 400)
}

// SummarizeDetails describes a record's changes on one line, grouped as
// DetailChanges groups them: "status proposed → accepted, options[direct]
// added, context edited". Values longer than 40 characters are named, not
// quoted; after most parts, the rest are counted.
func SummarizeDetails(cs []Change, most int) string {
	short := func(s string) (string, bool) {
		if strings.Contains(s, "\n") || len([]rune(s)) > 40 {
			return "", false
		}
		return s, true
	}
	ds := DetailChanges(cs)
	var parts []string
	for i, d := range ds {
		if most > 0 && i == most {
			parts = append(parts, fmt.Sprintf("and %d more", len(ds)-most))
			break
		}
		from, okFrom := short(d.From)
		to, okTo := short(d.To)
		switch {
		case d.Op == "added" || d.Op == "removed":
			parts = append(parts, d.Field+" "+d.Op)
		case d.Op == "text" || !okFrom || !okTo:
			parts = append(parts, d.Field+" edited")
		case d.Op == "set":
			parts = append(parts, d.Field+" set to "+to)
		case d.Op == "cleared":
			parts = append(parts, d.Field+" removed")
		default:
			parts = append(parts, d.Field+" "+from+" → "+to)
		}
	}
	return strings.Join(parts, ", ")
}

// mdText makes record text safe inside a Markdown line: control and bidi
// characters dropped, newlines folded, Markdown and HTML punctuation
// escaped, and cut to max runes (0: no limit).
func sdText(s string, max int) string {
	s = strings.Join(strings.Fields(CleanText(s, false)), " ")
	if r := []rune(s); max > 0 && len(r) > max {
		s = string(r[:max-1]) + "…"
	}
	var b strings.Builder
	for i, r := range s {
		if strings.ContainsRune("\\`*_[]<>|~&", r) || i == 0 && strings.ContainsRune("#+-=>!", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdCode writes an ID as inline code; IDs never hold a backtick, but the
// check keeps a hostile one from breaking out.
func sdCode(s string) string {
	s = CleanText(s, false)
	if strings.Contains(s, "`") {
		return sdText(s, 0)
	}
	return "`" + s + "`"
}

func sdJoinNames(names []string, most int) string {
	if len(names) <= most {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d others", strings.Join(names[:most], ", "), len(names)-most)
}

func sdLabel(s string) string { return strings.ReplaceAll(s, "_", " ") }

func sdOrDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func sdCapitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// ChangeDetail is one readable line of a record's changes: a field set,
// changed or cleared; a keyed list item (options[cap50]) added or removed
// whole, with its title; or long text as a line diff.
type ChangeDetail struct {
	Field string     `json:"field"`
	Op    string     `json:"op"` // set, changed, cleared, added, removed, text
	From  string     `json:"from,omitempty"`
	To    string     `json:"to,omitempty"`
	Lines []TextEdit `json:"lines,omitempty"` // op "text"
}

// DetailChanges groups a record's field changes for reading: the fields of
// a list item that appeared or disappeared become one "added" or "removed"
// line, and long text that changed becomes a line diff.
func DetailChanges(cs []Change) []ChangeDetail {
	type group struct {
		key     string
		changes []Change
	}
	var groups []*group
	byKey := map[string]*group{}
	for _, c := range cs {
		key := c.Field
		if i := strings.Index(c.Field, "]."); i > 0 && strings.Contains(c.Field[:i], "[") {
			key = c.Field[:i+1]
		}
		g := byKey[key]
		if g == nil {
			g = &group{key: key}
			byKey[key] = g
			groups = append(groups, g)
		}
		g.changes = append(g.changes, c)
	}
	var out []ChangeDetail
	for _, g := range groups {
		if g.key != g.changes[0].Field || len(g.changes) > 1 {
			allNew, allGone := true, true
			title := ""
			for _, c := range g.changes {
				allNew = allNew && c.From == ""
				allGone = allGone && c.To == ""
				if strings.HasSuffix(c.Field, ".title") {
					title = c.From + c.To
				}
			}
			if allNew || allGone {
				op := "added"
				if allGone {
					op = "removed"
				}
				cd := ChangeDetail{Field: g.key, Op: op}
				if allNew {
					cd.To = title
				} else {
					cd.From = title
				}
				out = append(out, cd)
				continue
			}
		}
		for _, c := range g.changes {
			out = append(out, sdDetail(c))
		}
	}
	return out
}

func sdDetail(c Change) ChangeDetail {
	cd := ChangeDetail{Field: c.Field, From: c.From, To: c.To}
	switch {
	case c.From == "":
		cd.Op = "set"
	case c.To == "":
		cd.Op = "cleared"
	case sdIsLong(c.From) || sdIsLong(c.To):
		cd.Op, cd.From, cd.To = "text", "", ""
		cd.Lines = DiffText(c.From, c.To)
	default:
		cd.Op = "changed"
	}
	return cd
}

func sdIsLong(s string) bool { return strings.Contains(s, "\n") || len([]rune(s)) > 60 }
