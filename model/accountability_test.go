package model_test

import (
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/model"
)

// accountabilityOrg is a small organisation: Amara approves, Mei lists Raj
// as her delegate, Onboarding is led by Raj and Platform by Tomás.
func accountabilityOrg() *model.Org {
	o := model.NewOrg()
	for _, p := range []*model.Person{
		{ID: "amara", Name: "Amara Okafor", Emails: []string{"amara@x.example"}},
		{ID: "mei", Name: "Mei Lin", Emails: []string{"mei@x.example"}, Delegates: []string{"raj"}},
		{ID: "raj", Name: "Raj Patel", Emails: []string{"raj@x.example"}},
		{ID: "tomas", Name: "Tomás Novák", Emails: []string{"tomas@x.example"}},
		{ID: "ivan", Name: "Ivan Ivanov", Emails: []string{"ivan@x.example"}},
	} {
		o.Add(p, nil)
	}
	o.Add(&model.Team{ID: "onboarding", Name: "Onboarding", Lead: "raj"}, nil)
	o.Add(&model.Team{ID: "platform", Name: "Platform", Lead: "tomas"}, nil)
	o.Index()
	return o
}

func TestWhoMayTakeEachStep(t *testing.T) {
	t.Parallel()
	o := accountabilityOrg()
	proposed := &model.Decision{ID: "DEC-00000001", Status: model.DecisionProposed, Driver: "tomas",
		DecisionMakers: []string{"ivan"}, Approver: "amara"}
	accepted := *proposed
	accepted.Status = model.DecisionAccepted
	draft := *proposed
	draft.Status = model.DecisionDraft
	meiApproves := accepted
	meiApproves.Approver = "mei"
	hoProposed := &model.Handoff{ID: "HO-00000001", From: model.Party{Team: "platform"}, To: model.Party{Team: "onboarding", Owner: "mei"}, State: "proposed"}
	hoAccepted := *hoProposed
	hoAccepted.State = "accepted"
	hoDelivered := *hoProposed
	hoDelivered.State = "delivered"
	hoReceived := *hoProposed
	hoReceived.State = "received"
	raciDraft := &model.RACI{ID: "RACI-00000001", Accountable: model.OneOrMore{"amara"}, State: "draft"}
	raciAgreed := *raciDraft
	raciAgreed.State = "agreed"
	checkin := &model.Update{ID: "UPD-00000001", Author: "mei"}

	for _, tc := range []struct {
		name     string
		old, new model.Record
		who      string
		rule     string // "" when allowed
		says     string // an excerpt of the refusal
	}{
		{"the approver accepts", proposed, &accepted, "amara", "", ""},
		{"someone else accepts", proposed, &accepted, "raj", "approval.not-approver", "raj may not accept DEC-00000001: only the approver (amara) can"},
		{"an unknown identity accepts", proposed, &accepted, "", "approval.not-approver", "an unknown identity (x@y.example) may not accept"},
		{"a delegate of the approver accepts", proposed, &meiApproves, "raj", "", ""},
		{"the approver's delegate is named", proposed, &meiApproves, "ivan", "approval.not-approver", "only the approver (mei, or a delegate: raj) can"},
		{"a new decision recorded as accepted by someone else", nil, &accepted, "tomas", "approval.not-approver", "accept"},
		{"the driver proposes", &draft, proposed, "tomas", "", ""},
		{"a decision maker proposes", &draft, proposed, "ivan", "", ""},
		{"someone else proposes", &draft, proposed, "mei", "proposal.not-driver", "its driver or a decision maker (tomas or ivan)"},
		{"back to draft is anyone's", proposed, &draft, "mei", "", ""},
		{"the receiving owner accepts a hand-off", hoProposed, &hoAccepted, "mei", "", ""},
		{"a delegate of the receiving owner accepts", hoProposed, &hoAccepted, "raj", "", ""},
		{"the sender accepts its own hand-off", hoProposed, &hoAccepted, "tomas", "handoff.not-receiver", "the receiving owner (mei, or a delegate: raj)"},
		{"the sending team's lead proposes", nil, hoProposed, "tomas", "", ""},
		{"someone else proposes a hand-off", nil, hoProposed, "ivan", "handoff.not-sender", "the sending owner (tomas)"},
		{"a hand-off skips from proposed to received", hoProposed, &hoReceived, "mei", "handoff.transition", "can become accepted or rejected, not received"},
		{"a hand-off moves back from delivered to proposed", &hoDelivered, hoProposed, "tomas", "handoff.transition", "not proposed"},
		{"a new hand-off that starts delivered", nil, &hoDelivered, "tomas", "handoff.transition", "starts as proposed"},
		{"the Accountable agrees", raciDraft, &raciAgreed, "amara", "", ""},
		{"someone else agrees", raciDraft, &raciAgreed, "tomas", "raci.not-accountable", "the Accountable (amara)"},
		{"the author posts a check-in", nil, checkin, "mei", "", ""},
		{"a delegate posts a check-in", nil, checkin, "raj", "", ""},
		{"someone else posts a check-in", nil, checkin, "tomas", "checkin.author-mismatch", "its author (mei, or a delegate: raj)"},
		{"editing a title takes no step", &accepted, &accepted, "ivan", "", ""},
		{"a person adds their own e-mail", &model.Person{ID: "mei"}, &model.Person{ID: "mei", Emails: []string{"m@x"}}, "mei", "", ""},
		{"someone names themselves another's delegate", &model.Person{ID: "mei"}, &model.Person{ID: "mei", Delegates: []string{"ivan"}}, "ivan",
			"person.not-self", "ivan may not change the e-mails, delegates or signing keys of mei: only the person (mei) can"},
		{"a delegate adds a signing key", &model.Person{ID: "mei", Delegates: []string{"raj"}},
			&model.Person{ID: "mei", Delegates: []string{"raj"}, SigningKeys: []string{"ssh-ed25519 AAAA"}}, "raj", "person.not-self", "only the person (mei) can"},
		{"anyone adds a new person", nil, &model.Person{ID: "zoe", Emails: []string{"z@x"}}, "ivan", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var refusal *model.StepError
			for _, st := range model.StepsBetween(o, tc.old, tc.new) {
				if err := o.CheckStep(st, tc.who); err != nil {
					se, ok := err.(*model.StepError)
					if !ok {
						t.Fatalf("CheckStep returned %T, want *StepError", err)
					}
					se.Identity = "x@y.example"
					refusal = se
				}
			}
			switch {
			case tc.rule == "" && refusal != nil:
				t.Fatalf("refused: %v", refusal)
			case tc.rule != "" && refusal == nil:
				t.Fatalf("allowed; want %s", tc.rule)
			case tc.rule != "" && (refusal.Step.Rule != tc.rule || !strings.Contains(refusal.Error(), tc.says)):
				t.Fatalf("refused with %q [%s]; want [%s] saying %q", refusal.Error(), refusal.Step.Rule, tc.rule, tc.says)
			}
		})
	}
}

func TestCheckInPostedForSomeoneElseNamesWhoTypedIt(t *testing.T) {
	t.Parallel()
	o := accountabilityOrg()
	u := &model.Update{ID: "UPD-00000001", Author: "mei"}
	if errs := model.CheckEditSteps(o, nil, u, "raj", "raj@x.example"); len(errs) != 1 || !strings.Contains(errs[0].Error(), "posted_by: raj") {
		t.Errorf("a delegate's check-in without posted_by: %v", errs)
	}
	u.PostedBy = "raj"
	if errs := model.CheckEditSteps(o, nil, u, "raj", "raj@x.example"); len(errs) != 0 {
		t.Errorf("a delegate's check-in with posted_by: %v", errs)
	}
}

func TestAttributionSaysOnBehalfOfWhom(t *testing.T) {
	t.Parallel()
	o := accountabilityOrg()
	st := model.StepsBetween(o, &model.Decision{ID: "DEC-1", Status: model.DecisionProposed},
		&model.Decision{ID: "DEC-1", Status: model.DecisionAccepted, Approver: "amara"})[0]
	for _, tc := range []struct {
		by, email, want string
	}{
		{"amara", "amara@x.example", "accepted by Amara Okafor"},
		{"raj", "raj@x.example", "accepted by Raj Patel on behalf of Amara Okafor"},
		{"", "x@y\x1b[2J", "accepted by an unknown identity (x@y)"}, // escapes never reach a terminal
	} {
		a := model.Attribution{Step: st, By: tc.by, For: o.OnBehalfOf(st, tc.by), Commit: model.CommitInfo{Email: tc.email}}
		if got := a.ByLine(o); got != tc.want {
			t.Errorf("by %q: %q, want %q", tc.by, got, tc.want)
		}
	}
}

func TestSupersededOnAccept(t *testing.T) {
	t.Parallel()
	o := model.NewOrg()
	old := &model.Decision{ID: "DEC-OLD", Status: model.DecisionAccepted}
	o.Add(old, nil)
	o.Index()
	succ := &model.Decision{ID: "DEC-NEW", Status: model.DecisionProposed, Supersedes: "DEC-OLD"}
	if got := model.SupersededOnAccept(o, succ); got != nil {
		t.Errorf("a proposed successor flips the old decision: %+v", got)
	}
	succ.Status = model.DecisionAccepted
	got := model.SupersededOnAccept(o, succ)
	if got == nil || got.Status != model.DecisionSuperseded || got.SupersededBy != "DEC-NEW" {
		t.Fatalf("accepting the successor: %+v, want DEC-OLD superseded by DEC-NEW", got)
	}
	if old.Status != model.DecisionAccepted {
		t.Error("SupersededOnAccept changed the organisation's record")
	}
}

func TestKPIsNeverRollUpAndOverdueGoalsShowStale(t *testing.T) {
	t.Parallel()
	o := model.NewOrg()
	metric := &model.Metric{Unit: "days", Baseline: 0, Target: 10, Direction: "increase"}
	o.Add(&model.Goal{ID: "GOAL-OBJ", Level: model.LevelObjective, State: "active"}, nil)
	o.Add(&model.Goal{ID: "GOAL-KR1", Level: model.LevelKeyResult, Parent: "GOAL-OBJ", State: "active", Cadence: "weekly", Metric: metric}, nil)
	o.Add(&model.Update{ID: "UPD-1", Target: "GOAL-KR1", Date: "2026-11-01", Health: model.HealthOnTrack, Value: ptrTo(5.5)}, nil)
	o.Index()
	before, _ := o.Progress("GOAL-OBJ")
	// A KPI that names the objective as its parent, with no check-in yet.
	o.Add(&model.Goal{ID: "GOAL-KPI", Level: model.LevelKPI, Parent: "GOAL-OBJ", State: "active", Metric: metric}, nil)
	o.Add(&model.Update{ID: "UPD-2", Target: "GOAL-KPI", Date: "2026-11-01", Health: model.HealthOffTrack}, nil)
	o.Index()
	if after, _ := o.Progress("GOAL-OBJ"); after != before || before != 0.55 {
		t.Errorf("objective progress %v with the KPI, %v without; want 0.55 both", after, before)
	}
	if h := o.Health("GOAL-OBJ"); h != model.HealthOnTrack {
		t.Errorf("objective health %q with an off-track KPI under it; KPIs do not roll up", h)
	}

	o.Today = time.Date(2026, 11, 5, 0, 0, 0, 0, time.UTC)
	if h := o.Health("GOAL-KR1"); h != model.HealthOnTrack {
		t.Errorf("four days after a weekly check-in: %q", h)
	}
	o.Today = time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC) // 33 days on
	if h := o.Health("GOAL-KR1"); h != model.HealthStale {
		t.Errorf("33 days after a weekly check-in: %q, want stale", h)
	}
	if h := o.Reported("GOAL-KR1"); h != model.HealthOnTrack {
		t.Errorf("what was reported: %q", h)
	}
	if st := o.Staleness(o.Goals["GOAL-KR1"], o.Today); !st.Overdue || st.Days != 33 || st.Last.ID != "UPD-1" {
		t.Errorf("staleness %+v", st)
	}
}

func ptrTo(f float64) *float64 { return &f }

func TestOneRoundingRule(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		p     float64
		pct   int
		cells int // of 10
	}{
		{0.855, 86, 9}, {0.8549999999999999, 86, 9}, {0.845, 85, 8}, {0.5, 50, 5}, {0.049, 5, 0}, {0.05, 5, 1},
		{0, 0, 0}, {1, 100, 10}, {0.995, 100, 10}, {0.994, 99, 10},
	} {
		if got := model.Percent(tc.p); got != tc.pct {
			t.Errorf("Percent(%v) = %d, want %d", tc.p, got, tc.pct)
		}
		if got := model.Cells(tc.p, 10); got != tc.cells {
			t.Errorf("Cells(%v, 10) = %d, want %d", tc.p, got, tc.cells)
		}
	}
}
