package model

import (
	"fmt"
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
	// Steps are who took each step in history (Store.Verify): a decision
	// made then says who accepted it. Without them the report names the
	// approver only as a role.
	Steps Attributions
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
	// Asked are, in a team's report, the asks that still stand (in the
	// latest check-in of an active goal, whoever owns it) addressed to the
	// team, a team under it or one of their people; newest first.
	Asked []ReportAskTo `json:"asked"`
	// Blocked are the goals covered that something they depend on blocks
	// (BlockedBy), by goal ID.
	Blocked []ReportBlocked `json:"blocked"`
	// AskPairs count, per pair of teams, the asks made in the period, how
	// many were answered and how many are overdue; in a team's report, the
	// pairs the team is in.
	AskPairs []ReportAskPair `json:"ask_pairs"`
	// Pulses are the pulse trends per pair of teams up to the period's
	// end, falling pairs first; in a team's report, the pairs it is in.
	Pulses []ReportPulse `json:"pulses"`
}

// ReportAskTo is an ask addressed to a team's report's scope.
type ReportAskTo struct {
	To         string `json:"to"`
	ToName     string `json:"to_name"`
	What       string `json:"what"`
	CheckIn    string `json:"check_in"`
	Date       string `json:"date"`
	Author     string `json:"author"`
	AuthorName string `json:"author_name"`
	GoalID     string `json:"goal_id"`
	GoalTitle  string `json:"goal_title"`
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
	// Health is the computed health (Org.Health), "" when unknown; stale
	// when the goal's check-in is overdue for its cadence.
	Health string `json:"health"`
	// Reported is what the goal's check-ins last said when Health is
	// stale: the news that has gone old.
	Reported string `json:"reported,omitempty"`
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
	// DecidedBy says who accepted or rejected it, from the commit that did
	// ("accepted by Raj Patel on behalf of Amara Okafor"); "" when the
	// report was not given the history.
	DecidedBy string `json:"decided_by,omitempty"`
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
	if !ValidPeriod(p) {
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
	b.asked()
	b.blocked()
	b.askPairs()
	b.pulses()
	return b.r
}
