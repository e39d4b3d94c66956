package model

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// A report is the status of the organisation that a leadership meeting or a
// cross-department review reads: goal health and progress per strategic goal
// and per team, what is at risk with the owners' problems and asks, missing
// check-ins, decisions made and superseded, RACI gaps and overload, overdue
// hand-offs and wins. BuildReport computes it as data; package render
// turns it into Markdown and HTML, and a UI may show it its own way.
//
// Health and progress are as of today (the latest check-ins), whatever
// period the report covers; dated things (decisions, wins) are those dated
// within the period.

// ReportOptions chooses what a report covers.
type ReportOptions struct {
	// Period is a named period (2026-Q4, 2026-H2, 2026): the report covers
	// its days and its goals. It wins over Since and Until.
	Period string
	// Since and Until are the first and last day covered when Period is "";
	// a zero Until means Today, a zero Since means from the beginning. With
	// neither nor a Period, the report covers accord.yaml's current_period,
	// or else the quarter holding Today.
	Since, Until time.Time
	// Team limits the report to one team and the teams under it; "" is the
	// whole organisation.
	Team string
	// Today is the date staleness and overdue items are measured against;
	// when zero, those sections are left empty (the model never reads the
	// clock).
	Today time.Time
}

// Report is the status report as data. Every list is sorted and never nil,
// so it renders and encodes the same way every time. Strings are as the
// records hold them: renderers clean them (CleanText) for their medium.
type Report struct {
	Org string `json:"org"`
	// Period is the named period covered, or "" for a span of dates.
	Period string `json:"period,omitempty"`
	// Since and Until are the first and last day covered, YYYY-MM-DD; ""
	// when open-ended.
	Since string `json:"since"`
	Until string `json:"until"`
	// Today is the date the report was made for, YYYY-MM-DD.
	Today string `json:"today"`
	// Team and TeamName are the team the report is limited to (with the
	// teams under it), or "".
	Team     string `json:"team,omitempty"`
	TeamName string `json:"team_name,omitempty"`

	// Mission is the organisation's mission, when there is one.
	Mission *ReportGoal `json:"mission,omitempty"`
	// Health counts the objectives and key results covered by their
	// health; goals with no check-in count as "none".
	Health HealthCounts `json:"health"`
	// Strategic lists each strategic goal with the objectives and key
	// results under it that the report covers.
	Strategic []ReportStrategic `json:"strategic"`
	// Unaligned are objectives and key results covered that serve no
	// strategic goal.
	Unaligned []ReportGoal `json:"unaligned"`
	// KPIs are the key performance indicators that sit outside the
	// strategic tree (no parent, or the mission).
	KPIs []ReportGoal `json:"kpis"`
	// Teams rolls the goals up per team.
	Teams []ReportTeam `json:"teams"`
	// AtRisk are goals whose latest check-in says at risk or off track,
	// worst first, with what the owner wrote.
	AtRisk []ReportAtRisk `json:"at_risk"`
	// MissingCheckIns are active goals whose check-ins are behind their
	// cadence (the update.stale rule), most overdue first.
	MissingCheckIns []ReportMissingCheckIn `json:"missing_check_ins"`
	// Decisions are the decisions made (accepted) in the period, by date.
	Decisions []ReportDecision `json:"decisions"`
	// Superseded are the decisions superseded in the period, by the date of
	// the decision that superseded them.
	Superseded []ReportDecision `json:"superseded"`
	// Proposed are the decisions awaiting approval, oldest first.
	Proposed []ReportDecision `json:"proposed"`
	// RACIGaps are RACI items that break the golden rules: no Accountable,
	// more than one, a team Accountable, nobody Responsible.
	RACIGaps []ReportRACIGap `json:"raci_gaps"`
	// Overloaded are people Accountable for more open RACI items than
	// limits.max_accountable allows.
	Overloaded []ReportOverload `json:"overloaded"`
	// OverdueHandoffs are open hand-offs past their due date, most overdue
	// first.
	OverdueHandoffs []ReportHandoff `json:"overdue_handoffs"`
	// Wins are the wins check-ins dated in the period report, newest first.
	Wins []ReportWin `json:"wins"`
}

// HealthCounts counts goals by health: the keys are Healths, and "none" for
// goals with no check-in.
type HealthCounts map[string]int

// HealthNone is the HealthCounts key of goals with no known health.
const HealthNone = "none"

// ReportGoal is one goal as a report shows it.
type ReportGoal struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Level string `json:"level"`
	// Depth is how far the goal is nested in its section: 0 for an
	// objective right under a strategic goal, 1 for its key results.
	Depth     int    `json:"depth"`
	Owner     string `json:"owner,omitempty"`
	OwnerName string `json:"owner_name,omitempty"`
	Team      string `json:"team,omitempty"`
	TeamName  string `json:"team_name,omitempty"`
	Period    string `json:"period,omitempty"`
	State     string `json:"state"`
	// Health is the computed health (Org.Health), "" when unknown.
	Health string `json:"health"`
	// Progress is the computed progress, 0 to 1, nil when unknown.
	Progress *float64 `json:"progress"`
	Metric   *Metric  `json:"metric,omitempty"`
	// Current is the metric's latest value, when one was reported.
	Current *float64 `json:"current,omitempty"`
	// LastCheckIn is the date of the goal's own latest check-in, or "".
	LastCheckIn string `json:"last_check_in,omitempty"`
}

// ReportStrategic is a strategic goal and the goals under it the report
// covers, depth first.
type ReportStrategic struct {
	Goal  ReportGoal   `json:"goal"`
	Goals []ReportGoal `json:"goals"`
}

// ReportTeam is one team's goals rolled up: its headline goals (its
// objectives and key results in the period that do not sit under another of
// its goals), their weakest health and mean progress, and the health of all
// its objectives and key results.
type ReportTeam struct {
	Team     string `json:"team"`
	Name     string `json:"name"`
	Lead     string `json:"lead,omitempty"`
	LeadName string `json:"lead_name,omitempty"`
	// Health is the weakest health among the headline goals.
	Health string `json:"health"`
	// Progress is the mean progress of the headline goals, nil when none
	// is known.
	Progress *float64     `json:"progress"`
	Counts   HealthCounts `json:"counts"`
	Goals    []ReportGoal `json:"goals"`
}

// ReportAtRisk is a goal whose own latest check-in is at risk or off track,
// with what that check-in says.
type ReportAtRisk struct {
	Goal ReportGoal `json:"goal"`
	// StrategicID and StrategicTitle name the strategic goal it serves.
	StrategicID    string      `json:"strategic_id,omitempty"`
	StrategicTitle string      `json:"strategic_title,omitempty"`
	CheckIn        string      `json:"check_in"`
	Date           string      `json:"date"`
	Author         string      `json:"author"`
	AuthorName     string      `json:"author_name"`
	Confidence     *float64    `json:"confidence,omitempty"`
	Summary        string      `json:"summary"`
	Problems       []string    `json:"problems"`
	Plans          []string    `json:"plans"`
	Asks           []ReportAsk `json:"asks"`
}

// ReportAsk is help a check-in asks for, with the name of whom it asks.
type ReportAsk struct {
	From     string `json:"from"`
	FromName string `json:"from_name"`
	What     string `json:"what"`
}

// ReportMissingCheckIn is an active goal whose check-ins are behind its
// cadence.
type ReportMissingCheckIn struct {
	Goal    ReportGoal `json:"goal"`
	Cadence string     `json:"cadence"`
	// LastDate is the date of the last check-in, "" when there is none.
	LastDate string `json:"last_date,omitempty"`
	// DaysSince counts the days since LastDate; 0 when there is none.
	DaysSince int `json:"days_since"`
	// Due is when the next check-in was due, "" when none was ever made.
	Due string `json:"due,omitempty"`
}

// ReportDecision is a decision as a report lists it.
type ReportDecision struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Status string `json:"status"`
	// Date is the decision's date; for a superseded decision, the date of
	// the decision that superseded it.
	Date         string `json:"date"`
	Driver       string `json:"driver,omitempty"`
	DriverName   string `json:"driver_name,omitempty"`
	Approver     string `json:"approver,omitempty"`
	ApproverName string `json:"approver_name,omitempty"`
	// Chosen is the title of the chosen option (its id when untitled).
	Chosen string `json:"chosen,omitempty"`
	// Rationale is the first line of the rationale, shortened; for a
	// superseded decision, the rationale of the decision that superseded it.
	Rationale         string `json:"rationale,omitempty"`
	SupersededBy      string `json:"superseded_by,omitempty"`
	SupersededByTitle string `json:"superseded_by_title,omitempty"`
}

// ReportRACIGap is a RACI item that breaks a golden rule, with each rule it
// breaks.
type ReportRACIGap struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Due         string   `json:"due,omitempty"`
	Accountable []string `json:"accountable"`
	Responsible []string `json:"responsible"`
	// AccountableNames and ResponsibleNames are the names of the people
	// and teams in Accountable and Responsible, in the same order.
	AccountableNames []string `json:"accountable_names"`
	ResponsibleNames []string `json:"responsible_names"`
	Gaps             []Gap    `json:"gaps"`
}

// Gap is one broken rule: its validation rule id and what it means in a
// few words ("no Accountable").
type Gap struct {
	Rule string `json:"rule"`
	Text string `json:"text"`
}

// ReportOverload is a person Accountable for more open RACI items than the
// limit.
type ReportOverload struct {
	Person string      `json:"person"`
	Name   string      `json:"name"`
	Count  int         `json:"count"`
	Limit  int         `json:"limit"`
	Items  []ReportRef `json:"items"`
}

// ReportRef names a record.
type ReportRef struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Due   string `json:"due,omitempty"`
}

// ReportHandoff is an overdue hand-off.
type ReportHandoff struct {
	ID            string `json:"id"`
	Title         string `json:"title"`
	State         string `json:"state"`
	Due           string `json:"due"`
	DaysOverdue   int    `json:"days_overdue"`
	FromTeam      string `json:"from_team"`
	FromTeamName  string `json:"from_team_name"`
	FromOwner     string `json:"from_owner,omitempty"`
	FromOwnerName string `json:"from_owner_name,omitempty"`
	ToTeam        string `json:"to_team"`
	ToTeamName    string `json:"to_team_name"`
	ToOwner       string `json:"to_owner,omitempty"`
	ToOwnerName   string `json:"to_owner_name,omitempty"`
}

// ReportWin is one win from a check-in.
type ReportWin struct {
	Text       string `json:"text"`
	Date       string `json:"date"`
	CheckIn    string `json:"check_in"`
	Author     string `json:"author"`
	AuthorName string `json:"author_name"`
	GoalID     string `json:"goal_id"`
	GoalTitle  string `json:"goal_title"`
	Team       string `json:"team,omitempty"`
	TeamName   string `json:"team_name,omitempty"`
}

// PeriodRange returns the first and last day of a period written as a year
// (2026), a half (2026-H1) or a quarter (2026-Q4), in UTC.
func PeriodRange(p string) (first, last time.Time, ok bool) {
	if !validPeriod(p) {
		return time.Time{}, time.Time{}, false
	}
	y := int(p[0]-'0')*1000 + int(p[1]-'0')*100 + int(p[2]-'0')*10 + int(p[3]-'0')
	from, months := time.January, 12
	if len(p) == 7 {
		n := int(p[6] - '0')
		if p[5] == 'Q' {
			from, months = time.Month(3*(n-1)+1), 3
		} else {
			from, months = time.Month(6*(n-1)+1), 6
		}
	}
	first = time.Date(y, from, 1, 0, 0, 0, 0, time.UTC)
	return first, first.AddDate(0, months, -1), true
}

// QuarterOf names the calendar quarter holding t: 2026-Q4.
func QuarterOf(t time.Time) string {
	return fmt.Sprintf("%d-Q%d", t.Year(), (int(t.Month())-1)/3+1)
}

// CheckReportOptions reports options BuildReport cannot honour: a period
// that is not a year, half or quarter, Since after Until, or a team that
// does not exist.
func CheckReportOptions(o *Org, opts ReportOptions) error {
	if opts.Period != "" {
		if _, _, ok := PeriodRange(opts.Period); !ok {
			return fmt.Errorf("period %q is not a year (2026), a half (2026-H1) or a quarter (2026-Q4)", opts.Period)
		}
	}
	if !opts.Since.IsZero() && !opts.Until.IsZero() && day(opts.Since).After(day(opts.Until)) {
		return fmt.Errorf("since %s is after until %s", opts.Since.Format(time.DateOnly), opts.Until.Format(time.DateOnly))
	}
	if opts.Team != "" && o.Teams[opts.Team] == nil {
		return fmt.Errorf("no team %q (teams: %s)", opts.Team, capList(o.IDs(KindTeam)))
	}
	return nil
}

// day is t's calendar date at midnight UTC.
func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// BuildReport computes the report for opts. o must have been indexed
// (Org.Index); BuildReport only reads it. Options that CheckReportOptions
// rejects give a report with no date bounds or no team filter.
func BuildReport(o *Org, opts ReportOptions) Report {
	b := newReportBuilder(o, opts)
	b.goals()
	b.teamRollup()
	b.atRisk()
	b.missingCheckIns()
	b.decisions()
	b.raci()
	b.handoffs()
	b.wins()
	return b.r
}

// reportBuilder holds what the sections share: the resolved dates, the
// teams in scope and the goals covered.
type reportBuilder struct {
	o            *Org
	r            Report
	today        time.Time // midnight UTC; zero when unknown
	since, until string    // YYYY-MM-DD, "" when open
	sinceT       time.Time
	untilT       time.Time
	teams        map[string]bool // nil: every team
	covered      map[string]bool // goal IDs in the period and scope
	strategicOf  map[string]string
}

func newReportBuilder(o *Org, opts ReportOptions) *reportBuilder {
	b := &reportBuilder{o: o, covered: map[string]bool{}, strategicOf: map[string]string{}}
	if !opts.Today.IsZero() {
		b.today = day(opts.Today)
		b.r.Today = b.today.Format(time.DateOnly)
	}
	period := opts.Period
	if period == "" && opts.Since.IsZero() && opts.Until.IsZero() {
		if _, _, ok := PeriodRange(o.Config.CurrentPeriod); ok {
			period = o.Config.CurrentPeriod
		} else if !b.today.IsZero() {
			period = QuarterOf(b.today)
		}
	}
	if period != "" {
		b.r.Period = period
		if first, last, ok := PeriodRange(period); ok {
			b.sinceT, b.untilT = first, last
		}
	} else {
		if !opts.Since.IsZero() {
			b.sinceT = day(opts.Since)
		}
		b.untilT = b.today
		if !opts.Until.IsZero() {
			b.untilT = day(opts.Until)
		}
	}
	if !b.sinceT.IsZero() {
		b.since = b.sinceT.Format(time.DateOnly)
	}
	if !b.untilT.IsZero() {
		b.until = b.untilT.Format(time.DateOnly)
	}
	b.r.Org, b.r.Since, b.r.Until = o.Config.Org, b.since, b.until
	if t := o.Teams[opts.Team]; t != nil {
		b.r.Team, b.r.TeamName = t.ID, t.Name
		b.teams = map[string]bool{t.ID: true}
		// The teams under it, however deep; a cycle stops at a team seen.
		for grew := true; grew; {
			grew = false
			for _, id := range o.IDs(KindTeam) {
				if tt := o.Teams[id]; !b.teams[id] && b.teams[tt.Parent] {
					b.teams[id], grew = true, true
				}
			}
		}
	}
	return b
}

// inDates reports whether a YYYY-MM-DD date falls in the period.
func (b *reportBuilder) inDates(date string) bool {
	if _, ok := parseDay(date); !ok {
		return false
	}
	return (b.since == "" || date >= b.since) && (b.until == "" || date <= b.until)
}

// inPeriod reports whether a goal belongs to the period: it has none (the
// mission, strategic goals, KPIs), it names the report's period, or its
// period's days overlap the report's.
func (b *reportBuilder) inPeriod(g *Goal) bool {
	if g.Period == "" || g.Period == b.r.Period {
		return true
	}
	first, last, ok := PeriodRange(g.Period)
	if !ok {
		return false
	}
	return (b.untilT.IsZero() || !first.After(b.untilT)) && (b.sinceT.IsZero() || !last.Before(b.sinceT))
}

// ourTeam reports whether a team is in the report's scope.
func (b *reportBuilder) ourTeam(team string) bool { return b.teams == nil || b.teams[team] }

// ourPerson reports whether a person (or team) is in scope: the whole
// organisation, a team in scope, or a member of one.
func (b *reportBuilder) ourPerson(handle string) bool {
	if b.teams == nil {
		return true
	}
	if b.teams[handle] {
		return true
	}
	if p := b.o.People[handle]; p != nil {
		for _, t := range p.Teams {
			if b.teams[t] {
				return true
			}
		}
	}
	return false
}

func (b *reportBuilder) anyOurs(handles ...[]string) bool {
	for _, hs := range handles {
		for _, h := range hs {
			if h != "" && b.ourPerson(h) {
				return true
			}
		}
	}
	return false
}

func (b *reportBuilder) personName(h string) string {
	if p := b.o.People[h]; p != nil && p.Name != "" {
		return p.Name
	}
	return h
}

// names are the names of people or teams, for handles of either.
func (b *reportBuilder) names(handles []string) []string {
	out := []string{}
	for _, h := range handles {
		if b.o.People[h] == nil && b.o.Teams[h] != nil {
			out = append(out, b.teamName(h))
		} else {
			out = append(out, b.personName(h))
		}
	}
	return out
}

func (b *reportBuilder) teamName(t string) string {
	if tt := b.o.Teams[t]; tt != nil && tt.Name != "" {
		return tt.Name
	}
	return t
}

func (b *reportBuilder) goalLine(g *Goal, depth int) ReportGoal {
	rg := ReportGoal{ID: g.ID, Title: g.Title, Level: g.Level, Depth: depth,
		Owner: g.Owner, Team: g.Team, Period: g.Period, State: g.State,
		Health: b.o.Health(g.ID), Metric: g.Metric}
	if g.Owner != "" {
		rg.OwnerName = b.personName(g.Owner)
	}
	if g.Team != "" {
		rg.TeamName = b.teamName(g.Team)
	}
	if p, ok := b.o.Progress(g.ID); ok {
		rg.Progress = ptrTo(round3(p))
	}
	if v, ok := b.o.CurrentValue(g.ID); ok && g.Metric != nil {
		rg.Current = ptrTo(v)
	}
	if u := b.o.LatestUpdate(g.ID); u != nil {
		rg.LastCheckIn = u.Date
	}
	return rg
}

func ptrTo[T any](v T) *T { return &v }

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

// sortedGoals returns goal IDs ordered by title, then ID.
func (b *reportBuilder) sortedGoals(ids []string) []string {
	out := slices.Clone(ids)
	slices.SortFunc(out, func(x, y string) int {
		return cmp.Or(cmp.Compare(strings.ToLower(b.o.Goals[x].Title), strings.ToLower(b.o.Goals[y].Title)), cmp.Compare(x, y))
	})
	return out
}

// goals fills the mission, the strategic tree, the unaligned goals, the
// KPIs and the health counts.
func (b *reportBuilder) goals() {
	o := b.o
	var missions, strategic, roots []string
	for _, id := range o.IDs(KindGoal) {
		g := o.Goals[id]
		if g.State == "draft" || !b.inPeriod(g) {
			continue
		}
		switch g.Level {
		case LevelMission:
			missions = append(missions, id)
			continue
		case LevelStrategic:
			strategic = append(strategic, id)
			continue
		}
		if !b.ourTeam(g.Team) {
			continue
		}
		b.covered[id] = true
	}
	if len(missions) > 0 {
		m := b.goalLine(o.Goals[b.sortedGoals(missions)[0]], 0)
		b.r.Mission = &m
	}
	// Each covered goal belongs to the nearest strategic ancestor; goals
	// without one are roots of their own.
	placed := map[string]bool{}
	for _, id := range b.sortedGoals(strategic) {
		s := ReportStrategic{Goal: b.goalLine(o.Goals[id], 0), Goals: []ReportGoal{}}
		b.walk(id, 0, &s.Goals, placed, id)
		if len(s.Goals) > 0 || b.teams == nil || b.teams[o.Goals[id].Team] {
			b.r.Strategic = append(b.r.Strategic, s)
		}
	}
	for id := range b.covered {
		if placed[id] {
			continue
		}
		// A root: its parent is not covered, or it has a loop above it.
		if p := o.Goals[o.Goals[id].Parent]; p == nil || !b.covered[p.ID] || b.loops(id) {
			roots = append(roots, id)
		}
	}
	for _, id := range b.sortedGoals(roots) {
		if placed[id] {
			continue
		}
		if o.Goals[id].Level == LevelKPI {
			var kpis []ReportGoal
			b.place(id, 0, &kpis, placed, "")
			b.r.KPIs = append(b.r.KPIs, kpis...)
			continue
		}
		b.place(id, 0, &b.r.Unaligned, placed, "")
	}
	b.r.Health = HealthCounts{}
	for id := range b.covered {
		if l := o.Goals[id].Level; l == LevelObjective || l == LevelKeyResult {
			b.r.Health.add(o.Health(id))
		}
	}
	b.r.Strategic = nonNil(b.r.Strategic)
	b.r.Unaligned = nonNil(b.r.Unaligned)
	b.r.KPIs = nonNil(b.r.KPIs)
}

// loops reports whether the goal's parent chain loops.
func (b *reportBuilder) loops(id string) bool {
	seen := map[string]bool{}
	for cur := id; cur != ""; cur = b.o.Goals[cur].Parent {
		if seen[cur] {
			return true
		}
		seen[cur] = true
		if b.o.Goals[cur] == nil {
			return false
		}
	}
	return false
}

// walk places the covered goals under id, depth first by title. A goal
// that is not covered (another team's objective) is skipped, but the goals
// under it are still walked, one level up.
func (b *reportBuilder) walk(id string, depth int, out *[]ReportGoal, placed map[string]bool, strategic string) {
	for _, c := range b.sortedGoals(b.o.Children(id)) {
		if placed[c] {
			continue
		}
		if !b.covered[c] {
			if g := b.o.Goals[c]; g.Level != LevelStrategic && g.Level != LevelMission && g.State != "draft" {
				placed[c] = true // not shown, but never walked twice
				b.walk(c, depth, out, placed, strategic)
			}
			continue
		}
		b.place(c, depth, out, placed, strategic)
	}
}

func (b *reportBuilder) place(id string, depth int, out *[]ReportGoal, placed map[string]bool, strategic string) {
	placed[id] = true
	if strategic != "" {
		b.strategicOf[id] = strategic
	}
	*out = append(*out, b.goalLine(b.o.Goals[id], depth))
	b.walk(id, depth+1, out, placed, strategic)
}

func (c HealthCounts) add(h string) {
	if h == "" {
		h = HealthNone
	}
	c[h]++
}

// weaker reports whether health a is worse than b for a roll-up: healths
// that do not count (on hold, unknown) are never weaker.
func weaker(a, b string) bool {
	ra, rb := healthRank(a), healthRank(b)
	return ra >= 0 && (rb < 0 || ra < rb)
}

// teamRollup rolls the covered goals up per team.
func (b *reportBuilder) teamRollup() {
	o := b.o
	byTeam := map[string][]string{}
	for id := range b.covered {
		g := o.Goals[id]
		if g.Level == LevelObjective || g.Level == LevelKeyResult {
			byTeam[g.Team] = append(byTeam[g.Team], id)
		}
	}
	var ids []string
	for _, id := range o.IDs(KindTeam) {
		if b.ourTeam(id) {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, func(x, y string) int {
		return cmp.Or(cmp.Compare(strings.ToLower(b.teamName(x)), strings.ToLower(b.teamName(y))), cmp.Compare(x, y))
	})
	for _, id := range ids {
		t := o.Teams[id]
		rt := ReportTeam{Team: id, Name: b.teamName(id), Lead: t.Lead, Counts: HealthCounts{}, Goals: []ReportGoal{}}
		if t.Lead != "" {
			rt.LeadName = b.personName(t.Lead)
		}
		goals := byTeam[id]
		mine := map[string]bool{}
		for _, g := range goals {
			mine[g] = true
			rt.Counts.add(o.Health(g))
		}
		var sum float64
		var known int
		for _, g := range b.sortedGoals(goals) {
			if mine[o.Goals[g].Parent] {
				continue
			}
			line := b.goalLine(o.Goals[g], 0)
			rt.Goals = append(rt.Goals, line)
			if rt.Health == "" || weaker(line.Health, rt.Health) {
				rt.Health = line.Health
			}
			if line.Progress != nil {
				sum += *line.Progress
				known++
			}
		}
		if known > 0 {
			rt.Progress = ptrTo(round3(sum / float64(known)))
		}
		b.r.Teams = append(b.r.Teams, rt)
	}
	b.r.Teams = nonNil(b.r.Teams)
}

// atRisk lists the covered goals, and the strategic goals, whose own latest
// check-in says at risk or off track.
func (b *reportBuilder) atRisk() {
	o := b.o
	var out []ReportAtRisk
	consider := func(id string) {
		g := o.Goals[id]
		u := o.LatestUpdate(id)
		if g.State != "active" || u == nil || (u.Health != HealthAtRisk && u.Health != HealthOffTrack) {
			return
		}
		a := ReportAtRisk{Goal: b.goalLine(g, 0), CheckIn: u.ID, Date: u.Date, Author: u.Author,
			AuthorName: b.personName(u.Author), Confidence: u.Confidence, Summary: u.Summary,
			Problems: nonNil(slices.Clone(u.Problems)), Plans: nonNil(slices.Clone(u.Plans)), Asks: []ReportAsk{}}
		for _, ask := range u.Asks {
			name := b.personName(ask.From)
			if b.o.People[ask.From] == nil {
				name = b.teamName(ask.From)
			}
			a.Asks = append(a.Asks, ReportAsk{From: ask.From, FromName: name, What: ask.What})
		}
		if s := b.strategicOf[id]; s != "" {
			a.StrategicID, a.StrategicTitle = s, o.Goals[s].Title
		}
		out = append(out, a)
	}
	for id := range b.covered {
		consider(id)
	}
	for _, s := range b.r.Strategic {
		if b.ourTeam(s.Goal.Team) {
			consider(s.Goal.ID)
		}
	}
	levelOrder := func(l string) int { return slices.Index(GoalLevels, l) }
	slices.SortFunc(out, func(x, y ReportAtRisk) int {
		return cmp.Or(cmp.Compare(healthRank(x.Goal.Health), healthRank(y.Goal.Health)),
			cmp.Compare(levelOrder(x.Goal.Level), levelOrder(y.Goal.Level)),
			cmp.Compare(strings.ToLower(x.Goal.TeamName), strings.ToLower(y.Goal.TeamName)),
			cmp.Compare(strings.ToLower(x.Goal.Title), strings.ToLower(y.Goal.Title)), cmp.Compare(x.Goal.ID, y.Goal.ID))
	})
	b.r.AtRisk = nonNil(out)
}

// missingCheckIns lists active goals in scope whose check-ins are behind
// their cadence, as the update.stale rule counts: the cadence plus
// limits.stale_grace_days since the last dated check-in, or none at all.
func (b *reportBuilder) missingCheckIns() {
	var out []ReportMissingCheckIn
	if b.today.IsZero() {
		b.r.MissingCheckIns = []ReportMissingCheckIn{}
		return
	}
	o := b.o
	grace := o.Config.StaleGraceDays()
	check := func(g *Goal) {
		every := cadenceDays[g.Cadence]
		if g.State != "active" || every == 0 {
			return
		}
		m := ReportMissingCheckIn{Goal: b.goalLine(g, 0), Cadence: g.Cadence}
		if last, lastDate := o.lastDatedUpdate(g.ID); last != nil {
			m.DaysSince = int(b.today.Sub(lastDate).Hours() / 24)
			if m.DaysSince <= every+grace {
				return
			}
			m.LastDate = last.Date
			m.Due = lastDate.AddDate(0, 0, every).Format(time.DateOnly)
		}
		out = append(out, m)
	}
	for id := range b.covered {
		check(o.Goals[id])
	}
	for _, s := range b.r.Strategic {
		if b.ourTeam(s.Goal.Team) {
			check(o.Goals[s.Goal.ID])
		}
	}
	slices.SortFunc(out, func(x, y ReportMissingCheckIn) int {
		// Never checked in first, then the longest silence.
		return cmp.Or(cmp.Compare(len(x.LastDate), len(y.LastDate)), cmp.Compare(y.DaysSince, x.DaysSince),
			cmp.Compare(strings.ToLower(x.Goal.Title), strings.ToLower(y.Goal.Title)), cmp.Compare(x.Goal.ID, y.Goal.ID))
	})
	b.r.MissingCheckIns = nonNil(out)
}

// ourDecision reports whether a decision concerns the teams in scope: one
// of its people or teams is in scope, or it serves one of their goals.
func (b *reportBuilder) ourDecision(d *Decision) bool {
	if b.teams == nil {
		return true
	}
	if b.anyOurs([]string{d.Driver, d.Approver}, d.DecisionMakers, d.Consulted, d.Informed) {
		return true
	}
	for _, g := range d.Goals {
		if gg := b.o.Goals[g]; gg != nil && b.teams[gg.Team] {
			return true
		}
	}
	return false
}

func (b *reportBuilder) decisionLine(d *Decision) ReportDecision {
	rd := ReportDecision{ID: d.ID, Title: d.Title, Status: d.Status, Date: d.Date, Driver: d.Driver, Approver: d.Approver}
	if d.Driver != "" {
		rd.DriverName = b.personName(d.Driver)
	}
	if d.Approver != "" {
		rd.ApproverName = b.personName(d.Approver)
	}
	if d.Outcome != nil {
		rd.Chosen = d.Outcome.Chosen
		for _, opt := range d.Options {
			if opt.ID == d.Outcome.Chosen && opt.Title != "" {
				rd.Chosen = opt.Title
			}
		}
		rd.Rationale = OneLine(d.Outcome.Rationale, 200)
	}
	return rd
}

// decisions lists the decisions made and superseded in the period, and
// those awaiting approval.
func (b *reportBuilder) decisions() {
	o := b.o
	var made, superseded, proposed []ReportDecision
	for _, id := range o.IDs(KindDecision) {
		d := o.Decisions[id]
		if !b.ourDecision(d) {
			continue
		}
		switch d.Status {
		case DecisionAccepted:
			if b.inDates(d.Date) {
				made = append(made, b.decisionLine(d))
			}
		case DecisionProposed:
			proposed = append(proposed, b.decisionLine(d))
		case DecisionSuperseded:
			rd := b.decisionLine(d)
			rd.Rationale = ""
			// It was superseded when its successor was decided; without a
			// successor to date it, its own date stands in.
			if next := o.Decisions[d.SupersededBy]; next != nil {
				rd.SupersededBy, rd.SupersededByTitle = next.ID, next.Title
				if _, ok := parseDay(next.Date); ok {
					rd.Date = next.Date
				}
				if next.Outcome != nil {
					rd.Rationale = OneLine(next.Outcome.Rationale, 200)
				}
			} else {
				rd.SupersededBy = d.SupersededBy
			}
			if b.inDates(rd.Date) {
				superseded = append(superseded, rd)
			}
		}
	}
	byDate := func(x, y ReportDecision) int { return cmp.Or(cmp.Compare(x.Date, y.Date), cmp.Compare(x.ID, y.ID)) }
	slices.SortFunc(made, byDate)
	slices.SortFunc(superseded, byDate)
	slices.SortFunc(proposed, byDate)
	b.r.Decisions, b.r.Superseded, b.r.Proposed = nonNil(made), nonNil(superseded), nonNil(proposed)
}

// OneLine is the first line of s, trimmed and cut at a word boundary to at
// most max runes (with an ellipsis) when max > 0.
func OneLine(s string, max int) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	s = strings.TrimSpace(s)
	r := []rune(s)
	if max <= 0 || len(r) <= max {
		return s
	}
	cut := max - 1
	for i := cut; i > max/2; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(r[:cut]), " ,;:.") + "…"
}

// raciGapRules are the validation rules a report lists as RACI gaps, in
// the order it lists them, with the words it uses.
var raciGapRules = []struct{ rule, text string }{
	{"raci.accountable-missing", "no Accountable"},
	{"raci.accountable-multiple", "more than one Accountable"},
	{"raci.accountable-team", "a team is Accountable"},
	{"raci.responsible-missing", "nobody Responsible"},
}

// ourRACI reports whether a RACI item concerns the teams in scope: its
// Accountable or Responsible is in scope, or its subject is their goal or
// hand-off.
func (b *reportBuilder) ourRACI(r *RACI) bool {
	if b.teams == nil || b.anyOurs(r.Accountable, r.Responsible) {
		return true
	}
	if g := b.o.Goals[r.Subject.ID]; g != nil && b.teams[g.Team] {
		return true
	}
	if h := b.o.Handoffs[r.Subject.ID]; h != nil && (b.teams[h.From.Team] || b.teams[h.To.Team]) {
		return true
	}
	return false
}

// raci lists the RACI gaps, from the same rules Validate applies, and the
// people Accountable for too much.
func (b *reportBuilder) raci() {
	o := b.o
	gaps := map[string][]Gap{}
	for _, f := range Validate(o, ValidateOptions{}) {
		if o.RACIs[f.ID] == nil {
			continue
		}
		for _, g := range raciGapRules {
			if f.Rule == g.rule {
				text := g.text
				if r := o.RACIs[f.ID]; g.rule == "raci.accountable-multiple" {
					text = fmt.Sprintf("%s Accountables", numberWord(len(distinct(r.Accountable))))
				}
				if !slices.ContainsFunc(gaps[f.ID], func(x Gap) bool { return x.Rule == g.rule }) {
					gaps[f.ID] = append(gaps[f.ID], Gap{Rule: g.rule, Text: text})
				}
			}
		}
	}
	var out []ReportRACIGap
	for id, gs := range gaps {
		r := o.RACIs[id]
		if !b.ourRACI(r) {
			continue
		}
		slices.SortFunc(gs, func(x, y Gap) int {
			ix := slices.IndexFunc(raciGapRules, func(g struct{ rule, text string }) bool { return g.rule == x.Rule })
			iy := slices.IndexFunc(raciGapRules, func(g struct{ rule, text string }) bool { return g.rule == y.Rule })
			return cmp.Compare(ix, iy)
		})
		out = append(out, ReportRACIGap{ID: id, Title: r.Title, Due: r.Due,
			Accountable: nonNil(slices.Clone([]string(r.Accountable))), Responsible: nonNil(slices.Clone(r.Responsible)),
			AccountableNames: b.names(r.Accountable), ResponsibleNames: b.names(r.Responsible), Gaps: gs})
	}
	slices.SortFunc(out, func(x, y ReportRACIGap) int {
		return cmp.Or(cmp.Compare(dueKey(x.Due), dueKey(y.Due)), cmp.Compare(x.ID, y.ID))
	})
	b.r.RACIGaps = nonNil(out)

	// Overload counts as the raci.overload rule does: open items, each
	// Accountable once per item.
	limit := o.Config.MaxAccountable()
	items := map[string][]ReportRef{}
	for _, id := range o.IDs(KindRACI) {
		r := o.RACIs[id]
		if r.State == "retired" {
			continue
		}
		for _, a := range distinct(r.Accountable) {
			if a != "" {
				items[a] = append(items[a], ReportRef{ID: id, Title: r.Title, Due: r.Due})
			}
		}
	}
	var over []ReportOverload
	for who, refs := range items {
		if o.People[who] == nil || len(refs) <= limit || !b.ourPerson(who) {
			continue
		}
		slices.SortFunc(refs, func(x, y ReportRef) int {
			return cmp.Or(cmp.Compare(dueKey(x.Due), dueKey(y.Due)), cmp.Compare(x.ID, y.ID))
		})
		over = append(over, ReportOverload{Person: who, Name: b.personName(who), Count: len(refs), Limit: limit, Items: refs})
	}
	slices.SortFunc(over, func(x, y ReportOverload) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Person, y.Person))
	})
	b.r.Overloaded = nonNil(over)
}

// dueKey sorts undated items last.
func dueKey(due string) string {
	if _, ok := parseDay(due); ok {
		return due
	}
	return sortLast
}

// handoffs lists the open hand-offs in scope that are past due.
func (b *reportBuilder) handoffs() {
	var out []ReportHandoff
	for _, id := range b.o.IDs(KindHandoff) {
		h := b.o.Handoffs[id]
		due, ok := parseDay(h.Due)
		if !ok || b.today.IsZero() || !due.Before(b.today) || slices.Contains(handoffDone, h.State) {
			continue
		}
		if !b.ourTeam(h.From.Team) && !b.ourTeam(h.To.Team) {
			continue
		}
		rh := ReportHandoff{ID: id, Title: h.Title, State: h.State, Due: h.Due,
			DaysOverdue: int(b.today.Sub(due).Hours() / 24),
			FromTeam:    h.From.Team, FromTeamName: b.teamName(h.From.Team), FromOwner: h.From.Owner,
			ToTeam: h.To.Team, ToTeamName: b.teamName(h.To.Team), ToOwner: h.To.Owner}
		if h.From.Owner != "" {
			rh.FromOwnerName = b.personName(h.From.Owner)
		}
		if h.To.Owner != "" {
			rh.ToOwnerName = b.personName(h.To.Owner)
		}
		out = append(out, rh)
	}
	slices.SortFunc(out, func(x, y ReportHandoff) int {
		return cmp.Or(cmp.Compare(y.DaysOverdue, x.DaysOverdue), cmp.Compare(x.ID, y.ID))
	})
	b.r.OverdueHandoffs = nonNil(out)
}

// wins collects the wins of check-ins dated in the period on goals of the
// teams in scope, newest first.
func (b *reportBuilder) wins() {
	var out []ReportWin
	for _, id := range b.o.IDs(KindUpdate) {
		u := b.o.Updates[id]
		g := b.o.Goals[u.Target]
		if len(u.Wins) == 0 || g == nil || !b.ourTeam(g.Team) || !b.inDates(u.Date) {
			continue
		}
		for _, w := range u.Wins {
			if strings.TrimSpace(w) == "" {
				continue
			}
			rw := ReportWin{Text: w, Date: u.Date, CheckIn: u.ID, Author: u.Author, AuthorName: b.personName(u.Author),
				GoalID: g.ID, GoalTitle: g.Title, Team: g.Team}
			if g.Team != "" {
				rw.TeamName = b.teamName(g.Team)
			}
			out = append(out, rw)
		}
	}
	slices.SortStableFunc(out, func(x, y ReportWin) int {
		return cmp.Or(cmp.Compare(y.Date, x.Date), cmp.Compare(x.CheckIn, y.CheckIn))
	})
	b.r.Wins = nonNil(out)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
