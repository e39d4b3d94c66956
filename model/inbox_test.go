package model

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// inboxToday is the date the inbox tests run on; the time of day and the
// zone must not shift whole-day counts.
var inboxToday = time.Date(2026, 11, 23, 17, 45, 0, 0, time.FixedZone("CET", 3600))

// inDays is the date n days from inboxToday, YYYY-MM-DD.
func inDays(n int) string { return inboxToday.AddDate(0, 0, n).Format(time.DateOnly) }

// inboxOrg is raj and mei plus the records given, indexed.
func inboxOrg(rs ...Record) *Org {
	o := NewOrg()
	o.Add(&Person{ID: "raj", Name: "Raj Patel"}, nil)
	o.Add(&Person{ID: "mei", Name: "Mei Chen"}, nil)
	for _, r := range rs {
		o.Add(r, nil)
	}
	o.Index()
	return o
}

type inboxCase struct {
	name    string
	records []Record
	want    []InboxItem // raj's inbox
}

func runInboxCases(t *testing.T, cases []inboxCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := inboxOrg(c.records...).Inbox("raj", inboxToday)
			if !slices.Equal(got, c.want) {
				t.Errorf("Inbox(raj):\n got %s\nwant %s", showInbox(got), showInbox(c.want))
			}
		})
	}
}

func showInbox(items []InboxItem) string {
	if len(items) == 0 {
		return "(nothing)"
	}
	var b strings.Builder
	for _, it := range items {
		fmt.Fprintf(&b, "\n  %+v", it)
	}
	return b.String()
}

const (
	ibGoal = "GOAL-1NB0X001"
	ibDec  = "DEC-1NB0X001"
	ibRACI = "RACI-1NB0X001"
	ibHO   = "HO-1NB0X001"
)

func ibGoalWith(owner, state, cadence string) *Goal {
	return &Goal{ID: ibGoal, Title: "Median days to first dashboard", Level: LevelKPI, Owner: owner, State: state, Cadence: cadence}
}

func ibCheckIn(id, date string) *Update {
	return &Update{ID: id, Target: ibGoal, Author: "raj", Date: date, Health: HealthOnTrack, Summary: "fine"}
}

func TestInboxCheckInsDue(t *testing.T) {
	t.Parallel()
	const sec = InboxCheckIns
	runInboxCases(t, []inboxCase{
		{"weekly, within cadence and grace (10 days)", []Record{ibGoalWith("raj", "active", "weekly"), ibCheckIn("UPD-1NB0X001", inDays(-10))}, nil},
		{"weekly, one day past the grace (11 days)", []Record{ibGoalWith("raj", "active", "weekly"), ibCheckIn("UPD-1NB0X001", inDays(-11))},
			[]InboxItem{{sec, ibGoal, "last check-in 11 days ago; weekly", inDays(-4), true, "", 0}}},
		{"the latest check-in counts, not the first", []Record{ibGoalWith("raj", "active", "weekly"),
			ibCheckIn("UPD-1NB0X001", inDays(-30)), ibCheckIn("UPD-1NB0X002", inDays(-2))}, nil},
		{"biweekly, 18 days", []Record{ibGoalWith("raj", "active", "biweekly"), ibCheckIn("UPD-1NB0X001", inDays(-18))},
			[]InboxItem{{sec, ibGoal, "last check-in 18 days ago; biweekly", inDays(-4), true, "", 0}}},
		{"biweekly, 17 days", []Record{ibGoalWith("raj", "active", "biweekly"), ibCheckIn("UPD-1NB0X001", inDays(-17))}, nil},
		{"monthly, 34 days", []Record{ibGoalWith("raj", "active", "monthly"), ibCheckIn("UPD-1NB0X001", inDays(-34))}, nil},
		{"quarterly, 96 days", []Record{ibGoalWith("raj", "active", "quarterly"), ibCheckIn("UPD-1NB0X001", inDays(-96))},
			[]InboxItem{{sec, ibGoal, "last check-in 96 days ago; quarterly", inDays(-4), true, "", 0}}},
		{"a cadence and no check-in yet", []Record{ibGoalWith("raj", "active", "monthly")},
			[]InboxItem{{sec, ibGoal, "no check-in yet; monthly", "", true, "", 0}}},
		{"only a check-in with an unreadable date", []Record{ibGoalWith("raj", "active", "weekly"), ibCheckIn("UPD-1NB0X001", "last Tuesday")},
			[]InboxItem{{sec, ibGoal, "no check-in with a readable date; weekly", "", true, "", 0}}},
		{"no cadence", []Record{ibGoalWith("raj", "active", "")}, nil},
		{"closed goal", []Record{ibGoalWith("raj", "closed", "weekly"), ibCheckIn("UPD-1NB0X001", inDays(-60))}, nil},
		{"draft goal", []Record{ibGoalWith("raj", "draft", "weekly")}, nil},
		{"someone else's goal", []Record{ibGoalWith("mei", "active", "weekly")}, nil},
	})
}

// TestInboxCheckInsAgreeWithValidate holds the inbox to the update.stale
// rule: a goal of raj's is in the inbox exactly when Validate calls it stale,
// including with a grace set in accord.yaml.
func TestInboxCheckInsAgreeWithValidate(t *testing.T) {
	t.Parallel()
	for _, grace := range []int{0, 3, 10} {
		for _, cadence := range Cadences {
			for ago := 0; ago <= 110; ago++ {
				o := inboxOrg(ibGoalWith("raj", "active", cadence), ibCheckIn("UPD-1NB0X001", inDays(-ago)))
				o.Config.Limits.StaleGraceDays = grace
				stale := slices.ContainsFunc(Validate(o, ValidateOptions{Today: inboxToday}), func(f Finding) bool {
					return f.Rule == "update.stale"
				})
				listed := len(o.Inbox("raj", inboxToday)) == 1
				if stale != listed {
					t.Fatalf("grace %d, %s, last check-in %d days ago: stale %v but in the inbox %v", grace, cadence, ago, stale, listed)
				}
			}
		}
	}
}

func ibDecision(status, approver string, makers ...string) *Decision {
	return &Decision{ID: ibDec, Title: "Cap CSV uploads at 50 MB", Status: status, Date: "2026-11-19", Driver: "mei", Approver: approver, DecisionMakers: makers}
}

func TestInboxAwaitingApproval(t *testing.T) {
	t.Parallel()
	const sec = InboxApprovals
	runInboxCases(t, []inboxCase{
		{"proposed, raj approves", []Record{ibDecision(DecisionProposed, "raj", "mei")},
			[]InboxItem{{Section: sec, ID: ibDec, Reason: "you approve"}}},
		{"proposed, no approver, raj decides", []Record{ibDecision(DecisionProposed, "", "mei", "raj")},
			[]InboxItem{{Section: sec, ID: ibDec, Reason: "you decide; no approver is set"}}},
		{"proposed, mei approves, raj decides", []Record{ibDecision(DecisionProposed, "mei", "mei", "raj")}, nil},
		{"proposed, no approver, raj not a maker", []Record{ibDecision(DecisionProposed, "", "mei")}, nil},
		{"draft", []Record{ibDecision(DecisionDraft, "raj")}, nil},
		{"accepted", []Record{ibDecision(DecisionAccepted, "raj")}, nil},
		{"rejected", []Record{ibDecision(DecisionRejected, "raj")}, nil},
	})
}

func ibRACIWith(state, due string, accountable ...string) *RACI {
	return &RACI{ID: ibRACI, Title: "CSV import wizard launch", Subject: Subject{Kind: "deliverable", Name: "wizard"},
		Accountable: accountable, Responsible: []string{"mei"}, Due: due, State: state}
}

func TestInboxAccountableDueSoon(t *testing.T) {
	t.Parallel()
	const sec = InboxAccountable
	runInboxCases(t, []inboxCase{
		{"due exactly in 14 days", []Record{ibRACIWith("agreed", inDays(14), "raj")},
			[]InboxItem{{sec, ibRACI, "due in 14 days", inDays(14), false, "", 0}}},
		{"due in 15 days", []Record{ibRACIWith("agreed", inDays(15), "raj")}, nil},
		{"due tomorrow", []Record{ibRACIWith("agreed", inDays(1), "raj")},
			[]InboxItem{{sec, ibRACI, "due in 1 day", inDays(1), false, "", 0}}},
		{"due today is not yet overdue", []Record{ibRACIWith("agreed", inDays(0), "raj")},
			[]InboxItem{{sec, ibRACI, "due today", inDays(0), false, "", 0}}},
		{"overdue", []Record{ibRACIWith("agreed", inDays(-3), "raj")},
			[]InboxItem{{sec, ibRACI, "3 days overdue", inDays(-3), true, "", 0}}},
		{"long overdue draft", []Record{ibRACIWith("draft", inDays(-90), "raj")},
			[]InboxItem{{sec, ibRACI, "90 days overdue", inDays(-90), true, "", 0}}},
		{"retired, overdue", []Record{ibRACIWith("retired", inDays(-3), "raj")}, nil},
		{"retired, due soon", []Record{ibRACIWith("retired", inDays(2), "raj")}, nil},
		{"no due date", []Record{ibRACIWith("agreed", "", "raj")}, nil},
		{"unreadable due date", []Record{ibRACIWith("agreed", "soon", "raj")}, nil},
		{"raj only Responsible", []Record{func() *RACI { r := ibRACIWith("agreed", inDays(2), "mei"); r.Responsible = []string{"raj"}; return r }()}, nil},
		{"two Accountables, raj one of them", []Record{ibRACIWith("agreed", inDays(2), "mei", "raj")},
			[]InboxItem{{sec, ibRACI, "due in 2 days", inDays(2), false, "", 0}}},
	})
}

func ibHandoff(from, to, state, due string) *Handoff {
	return &Handoff{ID: ibHO, Title: "Streaming CSV parser", From: Party{Team: "platform", Owner: from},
		To: Party{Team: "onboarding", Owner: to}, Due: due, State: state}
}

func TestInboxHandoffsWaiting(t *testing.T) {
	t.Parallel()
	const sec = InboxHandoffs
	runInboxCases(t, []inboxCase{
		{"proposed to raj", []Record{ibHandoff("mei", "raj", "proposed", inDays(30))},
			[]InboxItem{{sec, ibHO, "to accept or reject; due in 30 days", inDays(30), false, "", 0}}},
		{"proposed to raj, already past due", []Record{ibHandoff("mei", "raj", "proposed", inDays(-1))},
			[]InboxItem{{sec, ibHO, "to accept or reject; 1 day overdue", inDays(-1), true, "", 0}}},
		{"proposed to raj, no due date", []Record{ibHandoff("mei", "raj", "proposed", "")},
			[]InboxItem{{Section: sec, ID: ibHO, Reason: "to accept or reject"}}},
		{"delivered to raj, late delivery is not raj's", []Record{ibHandoff("mei", "raj", "delivered", inDays(-5))},
			[]InboxItem{{Section: sec, ID: ibHO, Reason: "to confirm receipt", Due: inDays(-5)}}},
		{"accepted by raj: waiting on the sender", []Record{ibHandoff("mei", "raj", "accepted", inDays(1))}, nil},
		{"received by raj", []Record{ibHandoff("mei", "raj", "received", inDays(-1))}, nil},
		{"from raj, accepted, due in 14 days", []Record{ibHandoff("raj", "mei", "accepted", inDays(14))},
			[]InboxItem{{sec, ibHO, "to deliver; due in 14 days", inDays(14), false, "", 0}}},
		{"from raj, in progress, due in 15 days", []Record{ibHandoff("raj", "mei", "in_progress", inDays(15))}, nil},
		{"from raj, in progress, overdue", []Record{ibHandoff("raj", "mei", "in_progress", inDays(-2))},
			[]InboxItem{{sec, ibHO, "to deliver; 2 days overdue", inDays(-2), true, "", 0}}},
		{"from raj, in progress, no due date", []Record{ibHandoff("raj", "mei", "in_progress", "")}, nil},
		{"from raj, still proposed", []Record{ibHandoff("raj", "mei", "proposed", inDays(1))}, nil},
		{"from raj, delivered", []Record{ibHandoff("raj", "mei", "delivered", inDays(-1))}, nil},
		{"from raj, rejected", []Record{ibHandoff("raj", "mei", "rejected", inDays(-1))}, nil},
		{"between others", []Record{ibHandoff("mei", "mei", "proposed", inDays(1))}, nil},
	})
}

// TestInboxOrder checks sections come in order and, within each, the most
// overdue or the soonest first.
func TestInboxOrder(t *testing.T) {
	t.Parallel()
	goal := func(id, cadence string) *Goal {
		return &Goal{ID: id, Title: id, Level: LevelKPI, Owner: "raj", State: "active", Cadence: cadence}
	}
	up := func(id, target, date string) *Update {
		return &Update{ID: id, Target: target, Author: "raj", Date: date, Health: HealthAtRisk, Summary: "s"}
	}
	raci := func(id, due string) *RACI {
		return &RACI{ID: id, Title: id, Accountable: []string{"raj"}, Responsible: []string{"mei"}, Due: due, State: "agreed"}
	}
	dec := func(id, date string) *Decision {
		return &Decision{ID: id, Title: id, Status: DecisionProposed, Date: date, Approver: "raj"}
	}
	o := inboxOrg(
		// Handoffs first in the file order, to show the sort does the work.
		&Handoff{ID: "HO-AAAAAAA1", From: Party{Team: "a", Owner: "raj"}, To: Party{Team: "b", Owner: "mei"}, State: "in_progress", Due: inDays(3)},
		&Handoff{ID: "HO-AAAAAAA2", From: Party{Team: "a", Owner: "mei"}, To: Party{Team: "b", Owner: "raj"}, State: "proposed"},
		&Handoff{ID: "HO-AAAAAAA3", From: Party{Team: "a", Owner: "mei"}, To: Party{Team: "b", Owner: "raj"}, State: "delivered", Due: inDays(-9)},
		raci("RACI-AAAAAAA1", inDays(10)), raci("RACI-AAAAAAA2", inDays(-1)), raci("RACI-AAAAAAA3", inDays(0)),
		dec("DEC-AAAAAAA1", "2026-11-20"), dec("DEC-AAAAAAA2", "2026-10-01"), dec("DEC-AAAAAAA3", ""),
		goal("GOAL-AAAAAAA1", "weekly"), up("UPD-AAAAAAA1", "GOAL-AAAAAAA1", inDays(-12)),
		goal("GOAL-AAAAAAA2", "quarterly"), up("UPD-AAAAAAA2", "GOAL-AAAAAAA2", inDays(-100)),
		goal("GOAL-AAAAAAA3", "monthly"),
	)
	var got []string
	for _, it := range o.Inbox("raj", inboxToday) {
		got = append(got, it.Section+" "+it.ID)
	}
	want := []string{
		InboxCheckIns + " GOAL-AAAAAAA3", // never checked in
		InboxCheckIns + " GOAL-AAAAAAA2", // due 8 days ago
		InboxCheckIns + " GOAL-AAAAAAA1", // due 5 days ago
		InboxApprovals + " DEC-AAAAAAA2", // waiting since October
		InboxApprovals + " DEC-AAAAAAA1",
		InboxApprovals + " DEC-AAAAAAA3", // undated
		InboxAccountable + " RACI-AAAAAAA2",
		InboxAccountable + " RACI-AAAAAAA3",
		InboxAccountable + " RACI-AAAAAAA1",
		InboxHandoffs + " HO-AAAAAAA3",
		InboxHandoffs + " HO-AAAAAAA1",
		InboxHandoffs + " HO-AAAAAAA2", // undated
	}
	if !slices.Equal(got, want) {
		t.Errorf("order:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
	// Being Responsible, or waiting on the other side of a hand-off, needs
	// nothing of mei.
	if mei := o.Inbox("mei", inboxToday); len(mei) != 0 {
		t.Errorf("mei's inbox: %s, want nothing", showInbox(mei))
	}
	if nobody := o.Inbox("", inboxToday); nobody != nil {
		t.Errorf("Inbox(\"\") = %s, want nothing", showInbox(nobody))
	}
}
