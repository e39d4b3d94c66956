package demo

// The checks every generated history must pass (references, dates,
// authors, message conventions, the golden rules) and what the demo must
// show (its deliberate problems, Raj's inbox, supersession chains). The
// file is long (about 720 lines) because checkHistory and checkReferences
// are the whole list of what a real repository holds to.

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/model"
)

// A Monday in the middle of a quarter, so every part of the story fits.
var midQuarter = time.Date(2026, 11, 23, 10, 30, 0, 0, time.UTC)

// apply replays a history and returns the organisation it leaves behind,
// the way a repository would hold it after the last commit.
func apply(cfg model.Config, commits []model.Commit) *model.Org {
	org := model.NewOrg()
	org.Config = cfg
	for _, c := range commits {
		for _, r := range c.Put {
			org.Add(r, nil)
		}
		for _, id := range c.Delete {
			org.Remove(id)
		}
	}
	org.Index()
	return org
}

func count(org *model.Org) map[model.Kind]int {
	m := map[model.Kind]int{}
	for _, k := range model.Kinds {
		m[k] = len(org.IDs(k))
	}
	return m
}

func TestNorthwindCounts(t *testing.T) {
	t.Parallel()
	org := apply(Northwind(midQuarter))
	ranges := map[model.Kind][2]int{
		model.KindTeam:     {7, 9},
		model.KindPerson:   {35, 45},
		model.KindGoal:     {50, 70},
		model.KindUpdate:   {130, 170},
		model.KindDecision: {22, 28},
		model.KindRACI:     {26, 34},
		model.KindHandoff:  {5, 7},
	}
	got := count(org)
	for k, r := range ranges {
		if got[k] < r[0] || got[k] > r[1] {
			t.Errorf("%s: %d records, want %d–%d", k.Plural(), got[k], r[0], r[1])
		}
	}
	levels := map[string]int{}
	for _, g := range org.Goals {
		levels[g.Level]++
	}
	if levels[model.LevelMission] != 1 || levels[model.LevelStrategic] < 4 || levels[model.LevelStrategic] > 6 || levels[model.LevelKPI] < 2 {
		t.Errorf("goal levels = %v, want one mission, 4–6 strategic goals and some KPIs", levels)
	}
	statuses := map[string]int{}
	for _, d := range org.Decisions {
		statuses[d.Status]++
	}
	for _, s := range model.DecisionStatuses {
		if statuses[s] == 0 {
			t.Errorf("no decision is %s (statuses: %v)", s, statuses)
		}
	}
}

// The counts must hold whatever day the demo is made on: early, middle and
// late in a quarter, across a year boundary and on weekends.
func TestNorthwindEveryDayOfAYear(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 12, 20, 7, 0, 0, 0, time.UTC)
	for i := 0; i < 366; i++ {
		today := start.AddDate(0, 0, i)
		cfg, commits := Northwind(today)
		org := apply(cfg, commits)
		n := count(org)
		if n[model.KindUpdate] < 130 || n[model.KindUpdate] > 170 || n[model.KindGoal] < 50 || n[model.KindGoal] > 70 {
			t.Errorf("%s: %d check-ins, %d goals", today.Format(time.DateOnly), n[model.KindUpdate], n[model.KindGoal])
		}
		for _, p := range checkHistory(today, commits, true) {
			t.Errorf("%s: %s", today.Format(time.DateOnly), p)
		}
		for _, p := range checkReferences(org) {
			t.Errorf("%s: %s", today.Format(time.DateOnly), p)
		}
		if t.Failed() {
			return
		}
	}
}

func TestNorthwindDeterministic(t *testing.T) {
	t.Parallel()
	cfg1, c1 := Northwind(midQuarter)
	cfg2, c2 := Northwind(midQuarter)
	if !reflect.DeepEqual(cfg1, cfg2) || !reflect.DeepEqual(c1, c2) {
		t.Fatal("two calls with the same day differ")
	}
	// IDs of the hand-written records do not depend on the day.
	_, other := Northwind(midQuarter.AddDate(0, 1, 3))
	if c1[0].Put[len(c1[0].Put)-1].RecordID() != other[0].Put[len(other[0].Put)-1].RecordID() {
		t.Error("the setup commit's goal IDs change with the date")
	}
}

func TestNorthwindHistory(t *testing.T) {
	t.Parallel()
	cfg, commits := Northwind(midQuarter)
	for _, p := range checkHistory(midQuarter, commits, true) {
		t.Error(p)
	}
	if cfg.Org != "Northwind Labs" || cfg.Schema != model.SchemaVersion || cfg.CurrentPeriod != "2026-Q4" ||
		!slices.Equal(cfg.Periods, []string{"2026-Q3", "2026-Q4"}) || cfg.Limits.MaxAccountable != 6 {
		t.Errorf("config = %+v", cfg)
	}
	first := commits[0]
	if first.Message != "org: set up Northwind Labs" || first.Author != "amara" {
		t.Errorf("first commit = %q by %s", first.Message, first.Author)
	}
	if days := midQuarter.Sub(first.Date).Hours() / 24; days < 88 || days > 100 {
		t.Errorf("history starts %.0f days before today, want about 95", days)
	}
	// Decisions change over time: at least one is written as proposed and
	// accepted in a later commit.
	var transitions int
	for _, c := range commits {
		if strings.Contains(c.Message, ": proposed → accepted") {
			transitions++
		}
	}
	if transitions < 5 {
		t.Errorf("%d decisions accepted after being proposed, want several", transitions)
	}
	// A decision's date is the day its status last changed: the day of the
	// commit that changed it.
	status := map[string]string{}
	for _, c := range commits {
		for _, r := range c.Put {
			d, ok := r.(*model.Decision)
			if !ok {
				continue
			}
			changed := status[d.ID] != d.Status && (status[d.ID] != "" || d.Status == model.DecisionDraft || d.Status == model.DecisionProposed)
			if changed && d.Date != c.Date.Format(time.DateOnly) {
				t.Errorf("%s: %s on %s in a commit of %s", c.Message, d.Status, d.Date, c.Date.Format(time.DateOnly))
			}
			status[d.ID] = d.Status
		}
	}
}

// checkHistory checks what every history must hold: dates in order and in
// the past, the last within a week, authors who are active people when they
// commit, Accord's message convention, check-ins written once, and no record
// shared between commits.
//
// One check per rule above; gocyclo counts each.
func checkHistory(today time.Time, commits []model.Commit, weekdays bool) []string {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if len(commits) == 0 {
		return []string{"no commits"}
	}
	y, m, d := today.Date()
	endOfToday := time.Date(y, m, d+1, 0, 0, 0, 0, today.Location())
	last := commits[len(commits)-1].Date
	if !last.Before(endOfToday) || endOfToday.Sub(last) > 8*24*time.Hour {
		bad("last commit on %s, want within the week before %s", last, today)
	}
	message := regexp.MustCompile(`^(org|(goal|update|decision|raci|handoff|answer|pulse|retro|person|team)\(([A-Za-z0-9-]+)\)): \S.*$`)
	people := map[string]*model.Person{}
	seenRecord := map[model.Record]int{}
	updates := map[string]bool{}
	for i, c := range commits {
		if i > 0 && c.Date.Before(commits[i-1].Date) {
			bad("commit %d (%s) is dated before the one before it", i, c.Message)
		}
		if weekdays && (c.Date.Weekday() == time.Saturday || c.Date.Weekday() == time.Sunday) {
			bad("commit %d (%s) is on a %s", i, c.Message, c.Date.Weekday())
		}
		for _, r := range c.Put {
			if p, ok := r.(*model.Person); ok {
				people[p.ID] = p
			}
		}
		if p := people[c.Author]; p == nil {
			bad("commit %d (%s): author %q is not a person", i, c.Message, c.Author)
		} else if !p.IsActive() && !strings.HasPrefix(c.Message, "person("+p.ID+")") {
			bad("commit %d (%s): author %q has left", i, c.Message, c.Author)
		}
		sub := message.FindStringSubmatch(c.Message)
		if sub == nil {
			bad("commit %d: message %q does not follow <kind>(<ID>): <what>", i, c.Message)
		} else if sub[3] != "" && !slices.ContainsFunc(c.Put, func(r model.Record) bool { return r.RecordID() == sub[3] }) {
			bad("commit %d: message %q names a record it does not write", i, c.Message)
		}
		if len(c.Put) == 0 && len(c.Delete) == 0 {
			bad("commit %d (%s) changes nothing", i, c.Message)
		}
		for _, r := range c.Put {
			if j, ok := seenRecord[r]; ok {
				bad("commit %d writes the same %s value as commit %d", i, r.RecordID(), j)
			}
			seenRecord[r] = i
			if u, ok := r.(*model.Update); ok {
				if updates[u.ID] {
					bad("check-in %s written twice", u.ID)
				}
				updates[u.ID] = true
				if u.Date != c.Date.Format(time.DateOnly) && i > 0 {
					bad("check-in %s dated %s in a commit of %s", u.ID, u.Date, c.Date.Format(time.DateOnly))
				}
			}
		}
	}
	return problems
}

// goldenRuleBreaks lists the RACI records that break a golden rule, by rule.
func goldenRuleBreaks(org *model.Org) map[string][]string {
	out := map[string][]string{}
	for _, id := range org.IDs(model.KindRACI) {
		r := org.RACIs[id]
		switch len(r.Accountable) {
		case 0:
			out["no-accountable"] = append(out["no-accountable"], id)
		case 1:
		default:
			out["several-accountable"] = append(out["several-accountable"], id)
		}
		if len(r.Responsible) == 0 {
			out["no-responsible"] = append(out["no-responsible"], id)
		}
		roles := map[string]int{}
		for _, list := range [][]string{r.Responsible, r.Consulted, r.Informed} {
			for _, p := range slices.Compact(slices.Sorted(slices.Values(list))) {
				if org.People[p] != nil {
					roles[p]++
				}
			}
		}
		for p, n := range roles {
			if n > 1 {
				out["person-in-two-roles"] = append(out["person-in-two-roles"], id+" "+p)
			}
		}
	}
	return out
}

// checkReferences reports every reference that does not resolve, every
// malformed ID or date and every broken lifecycle rule, except the RACI
// golden rules, which goldenRuleBreaks reports.
//
// It is one list of checks, record kind by record kind, each a plain if,
// so gocyclo counts it far over 25; split apart, what the demo promises
// would no longer read in one place.
func checkReferences(org *model.Org) []string {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	isPerson := func(id string) bool { return org.People[id] != nil }
	isTeam := func(id string) bool { return org.Teams[id] != nil }
	party := func(id string) bool { return isPerson(id) || isTeam(id) }
	date := func(where, s string) {
		if _, err := time.Parse(time.DateOnly, s); err != nil {
			bad("%s: %q is not a YYYY-MM-DD date", where, s)
		}
	}
	optDate := func(where, s string) {
		if s != "" {
			date(where, s)
		}
	}
	for _, k := range model.Kinds {
		for _, id := range org.IDs(k) {
			if err := model.CheckID(k, id); err != nil {
				bad("%s: %v", k, err)
			}
		}
	}
	for id, tm := range org.Teams {
		if !isPerson(tm.Lead) {
			bad("team %s: lead %q is not a person", id, tm.Lead)
		}
		if tm.Parent != "" && !isTeam(tm.Parent) {
			bad("team %s: parent %q is not a team", id, tm.Parent)
		}
		seen := map[string]bool{}
		for p := id; p != ""; p = org.Teams[p].Parent {
			if seen[p] || org.Teams[p] == nil {
				bad("team %s: parents form a cycle or break", id)
				break
			}
			seen[p] = true
		}
	}
	for id, p := range org.People {
		if len(p.Teams) == 0 {
			bad("person %s is in no team", id)
		}
		for _, tm := range p.Teams {
			if !isTeam(tm) {
				bad("person %s: team %q does not exist", id, tm)
			}
		}
		seen := map[string]bool{}
		for m := id; m != ""; m = org.People[m].Manager {
			if seen[m] || org.People[m] == nil {
				bad("person %s: managers form a cycle or break at %q", id, m)
				break
			}
			seen[m] = true
		}
	}
	parentLevel := map[string]string{
		model.LevelStrategic: model.LevelMission, model.LevelObjective: model.LevelStrategic,
		model.LevelKeyResult: model.LevelObjective,
	}
	for id, g := range org.Goals {
		if !slices.Contains(model.GoalLevels, g.Level) || !slices.Contains(model.GoalStates, g.State) {
			bad("goal %s: level %q, state %q", id, g.Level, g.State)
		}
		want := parentLevel[g.Level]
		switch {
		case want == "" && g.Parent != "":
			bad("goal %s: a %s has parent %s", id, g.Level, g.Parent)
		case want != "" && (org.Goals[g.Parent] == nil || org.Goals[g.Parent].Level != want):
			bad("goal %s: a %s needs a %s parent, has %q", id, g.Level, want, g.Parent)
		}
		if !isPerson(g.Owner) || !isTeam(g.Team) {
			bad("goal %s: owner %q, team %q", id, g.Owner, g.Team)
		}
		if g.Level == model.LevelObjective || g.Level == model.LevelKeyResult {
			if !slices.Contains(org.Config.Periods, g.Period) {
				bad("goal %s: period %q not in %v", id, g.Period, org.Config.Periods)
			}
		}
		if g.Level == model.LevelKeyResult || g.Level == model.LevelKPI {
			if g.Metric == nil || !slices.Contains(model.MetricDirections, g.Metric.Direction) ||
				(g.Metric.Direction == "increase") != (g.Metric.Target > g.Metric.Baseline) {
				bad("goal %s: metric %+v", id, g.Metric)
			}
			if !slices.Contains(model.Cadences, g.Cadence) {
				bad("goal %s: cadence %q", id, g.Cadence)
			}
		}
		if (g.State == "closed") != (g.Outcome != "") || g.Outcome != "" && !slices.Contains(model.GoalOutcomes, g.Outcome) {
			bad("goal %s: state %q with outcome %q", id, g.State, g.Outcome)
		}
	}
	for id, u := range org.Updates {
		if org.Goals[u.Target] == nil || !isPerson(u.Author) || !slices.Contains(model.Healths, u.Health) || u.Summary == "" {
			bad("check-in %s: target %q, author %q, health %q", id, u.Target, u.Author, u.Health)
		}
		date("check-in "+id, u.Date)
		for _, a := range u.Asks {
			if !party(a.Addressee()) {
				bad("check-in %s: asks %q, who is neither a person nor a team", id, a.Addressee())
			}
			optDate("check-in "+id+" ask due", a.Due)
		}
	}
	for id, d := range org.Decisions {
		if !slices.Contains(model.DecisionStatuses, d.Status) || !isPerson(d.Driver) || d.Approver != "" && !isPerson(d.Approver) {
			bad("decision %s: status %q, driver %q, approver %q", id, d.Status, d.Driver, d.Approver)
		}
		for _, p := range d.DecisionMakers {
			if !isPerson(p) {
				bad("decision %s: decision maker %q is not a person", id, p)
			}
		}
		for _, p := range slices.Concat(d.Consulted, d.Informed) {
			if !party(p) {
				bad("decision %s: %q is neither a person nor a team", id, p)
			}
		}
		for _, g := range d.Goals {
			if org.Goals[g] == nil {
				bad("decision %s: goal %q does not exist", id, g)
			}
		}
		date("decision "+id, d.Date)
		optDate("decision "+id+" review_by", d.ReviewBy)
		if len(d.Options) < 2 {
			bad("decision %s: %d options", id, len(d.Options))
		}
		switch d.Status {
		case model.DecisionAccepted, model.DecisionSuperseded, model.DecisionDeprecated, model.DecisionRejected:
			if d.Approver == "" || d.Outcome == nil ||
				!slices.ContainsFunc(d.Options, func(o model.Option) bool { return o.ID == d.Outcome.Chosen }) {
				bad("decision %s is %s without an approver and a chosen option", id, d.Status)
			}
		}
		if (d.Status == model.DecisionSuperseded) != (d.SupersededBy != "") {
			bad("decision %s: status %s, superseded_by %q", id, d.Status, d.SupersededBy)
		}
		if d.SupersededBy != "" && (org.Decisions[d.SupersededBy] == nil || org.Decisions[d.SupersededBy].Supersedes != id) {
			bad("decision %s: superseded_by %s does not point back", id, d.SupersededBy)
		}
		if d.Supersedes != "" && (org.Decisions[d.Supersedes] == nil || org.Decisions[d.Supersedes].SupersededBy != id) {
			bad("decision %s: supersedes %s, which does not point back", id, d.Supersedes)
		}
	}
	for id, r := range org.RACIs {
		switch r.Subject.Kind {
		case "deliverable":
			if r.Subject.Name == "" {
				bad("raci %s: deliverable without a name", id)
			}
		case "decision", "goal", "handoff", "pulse":
			rec, ok := org.Get(r.Subject.ID)
			if !ok || string(rec.RecordKind()) != r.Subject.Kind {
				bad("raci %s: subject %s %q does not exist", id, r.Subject.Kind, r.Subject.ID)
			}
		default:
			bad("raci %s: subject kind %q", id, r.Subject.Kind)
		}
		for _, p := range r.Accountable {
			if !isPerson(p) {
				bad("raci %s: accountable %q is not a person", id, p)
			}
		}
		for _, p := range slices.Concat(r.Responsible, r.Consulted, r.Informed) {
			if !party(p) {
				bad("raci %s: %q is neither a person nor a team", id, p)
			}
		}
		if !slices.Contains(model.RACIStates, r.State) {
			bad("raci %s: state %q", id, r.State)
		}
		optDate("raci "+id, r.Due)
	}
	for id, h := range org.Handoffs {
		if !isTeam(h.From.Team) || !isTeam(h.To.Team) || h.From.Team == h.To.Team ||
			!isPerson(h.From.Owner) || !isPerson(h.To.Owner) || !slices.Contains(model.HandoffStates, h.State) {
			bad("handoff %s: %+v → %+v, state %q", id, h.From, h.To, h.State)
		}
		if len(h.Deliverables) == 0 {
			bad("handoff %s has no deliverables", id)
		}
		optDate("handoff "+id, h.Due)
	}
	return problems
}

func TestNorthwindReferences(t *testing.T) {
	t.Parallel()
	org := apply(Northwind(midQuarter))
	for _, p := range checkReferences(org) {
		t.Error(p)
	}
}

// The demo breaks some rules on purpose, so that validation, the inbox and
// the RACI matrix have something to show.
//
// One check per deliberate problem; gocyclo counts each.
func TestNorthwindDeliberateProblems(t *testing.T) {
	t.Parallel()
	cfg, commits := Northwind(midQuarter)
	org := apply(cfg, commits)

	breaks := goldenRuleBreaks(org)
	for _, rule := range []string{"no-accountable", "several-accountable", "no-responsible", "person-in-two-roles"} {
		if len(breaks[rule]) != 1 {
			t.Errorf("%s: %v, want exactly one record", rule, breaks[rule])
		}
	}

	open := map[string]int{}
	for _, r := range org.RACIs {
		if r.State != "retired" {
			for _, p := range r.Accountable {
				open[p]++
			}
		}
	}
	var overloaded []string
	for p, n := range open {
		if n > cfg.MaxAccountable() {
			overloaded = append(overloaded, fmt.Sprintf("%s (%d)", p, n))
		}
	}
	if len(overloaded) != 1 || open["tomas"] < 7 {
		t.Errorf("overloaded people: %v, want tomas alone with 7 or more", overloaded)
	}

	// People who have left but still own open work.
	var inactiveOwners []string
	for _, p := range org.People {
		if p.IsActive() {
			continue
		}
		for _, g := range org.Goals {
			if g.Owner == p.ID && g.State == "active" {
				inactiveOwners = append(inactiveOwners, p.ID+" owns "+g.ID)
			}
		}
		for _, r := range org.RACIs {
			if r.State != "retired" && slices.Contains(r.Accountable, p.ID) {
				inactiveOwners = append(inactiveOwners, p.ID+" is accountable for "+r.ID)
			}
		}
	}
	if len(inactiveOwners) < 2 {
		t.Errorf("inactive owners of open work: %v, want at least two", inactiveOwners)
	}

	// Stale key results: no check-in for longer than cadence plus grace.
	var stale []string
	for _, g := range org.Goals {
		if g.Level != model.LevelKeyResult || g.Period != cfg.CurrentPeriod {
			continue
		}
		u := org.LatestUpdate(g.ID)
		if u == nil {
			stale = append(stale, g.Title+" (never)")
			continue
		}
		last, _ := time.Parse(time.DateOnly, u.Date)
		if midQuarter.Sub(last) > time.Duration(cadenceDays(g.Cadence)+cfg.StaleGraceDays())*24*time.Hour {
			stale = append(stale, g.Title)
		}
	}
	if len(stale) < 2 || len(stale) > 6 {
		t.Errorf("stale key results: %v, want a few", stale)
	}

	// A hand-off that is past due and not delivered.
	var overdue int
	for _, h := range org.Handoffs {
		if h.Due < midQuarter.Format(time.DateOnly) && (h.State == "accepted" || h.State == "in_progress") {
			overdue++
		}
	}
	if overdue == 0 {
		t.Error("no overdue hand-off")
	}
}

// Raj, the demo's default user, opens the demo to an inbox with something
// in it: a decision to approve, a RACI item falling due and a hand-off to
// confirm, whatever day the demo is made on.
func TestNorthwindRajsInbox(t *testing.T) {
	t.Parallel()
	days := []time.Time{midQuarter, time.Date(2027, 2, 10, 8, 0, 0, 0, time.UTC), time.Date(2027, 5, 5, 17, 0, 0, 0, time.UTC)}
	// Every fourth day of a year as well: quarter starts and ends, weekends.
	for d := time.Date(2026, 12, 20, 7, 0, 0, 0, time.UTC); d.Year() < 2028; d = d.AddDate(0, 0, 4) {
		days = append(days, d)
	}
	want := map[string]string{
		"Poll for background import progress and email when an import finishes": model.InboxApprovals,
		"Direct upload for the mid-market trials":                               model.InboxAccountable,
		"Kestrel Logistics: from signed deal to onboarding":                     model.InboxHandoffs,
	}
	for _, today := range days {
		org := apply(Northwind(today))
		items := org.Inbox("raj", today)
		sections := map[string]bool{}
		found := map[string]string{}
		for _, it := range items {
			sections[it.Section] = true
			r, _ := org.Get(it.ID)
			found[r.RecordTitle()] = it.Section
		}
		if len(items) < 3 || len(items) > 5 || len(sections) < 3 {
			t.Errorf("%s: Raj's inbox has %d items in %d sections, want 3–5 in at least three: %v",
				today.Format(time.DateOnly), len(items), len(sections), found)
		}
		for title, section := range want {
			if found[title] != section {
				t.Errorf("%s: %q is in section %q of Raj's inbox, want %q", today.Format(time.DateOnly), title, found[title], section)
			}
		}
	}
}

func TestNorthwindSupersessionChains(t *testing.T) {
	t.Parallel()
	org := apply(Northwind(midQuarter))
	var lengths []int
	for _, d := range org.Decisions {
		if d.Supersedes != "" || d.SupersededBy == "" {
			continue // not the start of a chain
		}
		n := 1
		for next := d.SupersededBy; next != ""; next = org.Decisions[next].SupersededBy {
			n++
			if n > 10 {
				t.Fatal("supersession cycle")
			}
		}
		lengths = append(lengths, n)
	}
	slices.Sort(lengths)
	if len(lengths) < 2 || lengths[len(lengths)-1] < 3 {
		t.Errorf("supersession chain lengths %v, want at least two chains, one of three", lengths)
	}
}

func TestNorthwindCheckinsTellAStory(t *testing.T) {
	t.Parallel()
	org := apply(Northwind(midQuarter))
	var closing, withAsks int
	for _, u := range org.Updates {
		switch u.Health {
		case "achieved", "missed", "partially_achieved":
			closing++
			if g := org.Goals[u.Target]; g.State != "closed" || g.Outcome != u.Health {
				t.Errorf("closing check-in %s says %s, goal is %s/%s", u.ID, u.Health, g.State, g.Outcome)
			}
		}
		if len(u.Asks) > 0 {
			withAsks++
		}
	}
	if closing < 10 || withAsks < 10 {
		t.Errorf("%d closing check-ins, %d with asks", closing, withAsks)
	}
	placeholder := regexp.MustCompile(`\{[a-z]+(:[a-z0-9-]+)?\}`)
	for _, k := range model.Kinds {
		for _, id := range org.IDs(k) {
			r, _ := org.Get(id)
			b, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			if p := placeholder.Find(b); p != nil {
				t.Errorf("%s has an unexpanded placeholder %s", id, p)
			}
		}
	}
	// The design document's example: the onboarding key result's value
	// falls from 14 days towards 5.
	for _, g := range org.Goals {
		if g.Title == "Median days to first dashboard" && g.Period == "2026-Q4" {
			v, ok := org.CurrentValue(g.ID)
			if !ok || v >= 14 || v <= 5 {
				t.Errorf("%s: current value %v, want between 5 and 14", g.Title, v)
			}
		}
	}
}

var today = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

func TestSynthetic(t *testing.T) {
	t.Parallel()
	cfg, commits := Synthetic(10000, 200, 1, today)
	if len(commits) != 200 {
		t.Fatalf("%d commits, want 200", len(commits))
	}
	org := apply(cfg, commits)
	if n := org.Len(); n < 9000 || n > 11000 {
		t.Errorf("%d records, want 9,000–11,000", n)
	}
	got := count(org)
	if got[model.KindTeam] < 5 || got[model.KindUpdate] < got[model.KindGoal] || got[model.KindHandoff] == 0 {
		t.Errorf("record mix %v", got)
	}
	for _, p := range checkReferences(org) {
		t.Error(p)
	}
	if b := goldenRuleBreaks(org); len(b) > 0 {
		t.Errorf("golden rules broken: %v", b)
	}
	for _, p := range checkHistory(today, commits, false) {
		t.Error(p)
	}
	if !commits[len(commits)-1].Date.Equal(today) {
		t.Errorf("last commit on %s, want today", commits[len(commits)-1].Date)
	}
	if n := len(commits[0].Put); n < 9000 {
		t.Errorf("first commit puts %d records, want the bulk", n)
	}
}

func TestSyntheticDeterministic(t *testing.T) {
	t.Parallel()
	cfg1, c1 := Synthetic(2000, 50, 7, today)
	cfg2, c2 := Synthetic(2000, 50, 7, today)
	if !reflect.DeepEqual(cfg1, cfg2) || !reflect.DeepEqual(c1, c2) {
		t.Fatal("two calls with the same seed differ")
	}
	_, c3 := Synthetic(2000, 50, 8, today)
	if reflect.DeepEqual(c1, c3) {
		t.Fatal("different seeds give the same organisation")
	}
}

func TestSyntheticSmall(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ records, history int }{{0, 0}, {1, 1}, {100, 1}, {300, 2}, {500, 400}} {
		cfg, commits := Synthetic(tc.records, tc.history, 3, today)
		if want := max(tc.history, 1); len(commits) != want {
			t.Errorf("Synthetic(%d, %d): %d commits, want %d", tc.records, tc.history, len(commits), want)
		}
		org := apply(cfg, commits)
		for _, p := range checkReferences(org) {
			t.Errorf("Synthetic(%d, %d): %s", tc.records, tc.history, p)
		}
		for _, p := range checkHistory(today, commits, false) {
			t.Errorf("Synthetic(%d, %d): %s", tc.records, tc.history, p)
		}
	}
}

func BenchmarkSynthetic100k(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		cfg, commits := Synthetic(100000, 1000, 1, today)
		if len(commits) != 1000 || cfg.Org == "" {
			b.Fatal("wrong history")
		}
	}
}
