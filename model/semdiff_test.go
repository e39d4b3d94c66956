package model

import (
	"reflect"
	"slices"
	"testing"
)

// semOrgs builds an organisation before and after a week of work, and the
// per-record changes between them, as gitstore's ChangedBetween would.
func semOrgs(t *testing.T) (before, after *Org, changes []RecordDelta) {
	t.Helper()
	f := func(v float64) *float64 { return &v }
	metric := &Metric{Unit: "days", Baseline: 14, Target: 5, Direction: "decrease"}
	common := []Record{
		&Person{ID: "raj", Name: "Raj Patel", Emails: []string{"raj@northwind.example"}},
		&Person{ID: "mei", Name: "Mei Lin"},
		&Goal{ID: "GOAL-0BJECT01", Title: "Cut time to first value", Level: LevelObjective, State: "active"},
		&Goal{ID: "GOAL-0BJECT02", Title: "Grow self-serve revenue", Level: LevelObjective, State: "active"},
		&Update{ID: "UPD-00000001", Target: "GOAL-KR000001", Author: "raj", Date: "2026-11-14", Health: HealthAtRisk, Summary: "Slipped."},
		&Update{ID: "UPD-00000002", Target: "GOAL-KR000002", Author: "mei", Date: "2026-11-14", Health: HealthOnTrack, Summary: "Fine."},
	}
	b := NewOrg()
	a := NewOrg()
	for _, r := range common {
		b.Add(r, nil)
		a.Add(r, nil)
	}
	pairs := []struct{ old, new Record }{
		// A key result moved to another objective and gets a check-in
		// that turns it on track.
		{&Goal{ID: "GOAL-KR000001", Title: "Median days to first dashboard", Level: LevelKeyResult, Parent: "GOAL-0BJECT01", State: "active", Metric: metric},
			&Goal{ID: "GOAL-KR000001", Title: "Median days to first dashboard", Level: LevelKeyResult, Parent: "GOAL-0BJECT02", State: "active",
				Metric: &Metric{Unit: "days", Baseline: 14, Target: 4, Direction: "decrease"}}},
		{nil, &Update{ID: "UPD-00000003", Target: "GOAL-KR000001", Author: "raj", Date: "2026-11-20", Health: HealthOnTrack, Value: f(8),
			Summary: "Wizard shipped.\nThe median moved."}},
		// A key result closed, and one added.
		{&Goal{ID: "GOAL-KR000002", Title: "Activation rate", Level: LevelKeyResult, Parent: "GOAL-0BJECT01", State: "active"},
			&Goal{ID: "GOAL-KR000002", Title: "Activation rate", Level: LevelKeyResult, Parent: "GOAL-0BJECT01", State: "closed", Outcome: "achieved"}},
		{nil, &Goal{ID: "GOAL-KR000003", Title: "Imports <b>that</b> *work*\x1b[31m", Level: LevelKeyResult, Parent: "GOAL-0BJECT01", Owner: "mei", State: "active"}},
		// A decision made, and the one it replaces.
		{&Decision{ID: "DEC-00000001", Title: "Cap uploads at 50 MB", Status: DecisionProposed, Date: "2026-11-10",
			Options: []Option{{ID: "cap50", Title: "50 MB cap"}, {ID: "direct", Title: "Direct upload"}}, Supersedes: "DEC-00000000"},
			&Decision{ID: "DEC-00000001", Title: "Cap uploads at 50 MB", Status: DecisionAccepted, Date: "2026-11-19", Approver: "mei",
				Options: []Option{{ID: "cap50", Title: "50 MB cap"}, {ID: "direct", Title: "Direct upload"}}, Supersedes: "DEC-00000000",
				Outcome: &Outcome{Chosen: "cap50", Rationale: "Unblocks the Q4 key result now."}}},
		{&Decision{ID: "DEC-00000000", Title: "Limit uploads to 10 MB", Status: DecisionAccepted, Outcome: &Outcome{Chosen: "cap10"}},
			&Decision{ID: "DEC-00000000", Title: "Limit uploads to 10 MB", Status: DecisionSuperseded, SupersededBy: "DEC-00000001", Outcome: &Outcome{Chosen: "cap10"}}},
		{nil, &Decision{ID: "DEC-00000002", Title: "Keep EU data in the EU", Status: DecisionDraft}},
		// Who became Accountable.
		{&RACI{ID: "RACI-00000001", Title: "CSV import wizard launch", Accountable: OneOrMore{"mei"}, Responsible: []string{"raj"}, State: "agreed", Due: "2026-11-29"},
			&RACI{ID: "RACI-00000001", Title: "CSV import wizard launch", Accountable: OneOrMore{"raj"}, Responsible: []string{"raj", "platform"}, State: "agreed", Due: "2026-12-06"}},
		// People and teams; a hand-off; a comment-only edit (no field changed).
		{nil, &Person{ID: "ana", Name: "Ana Lima"}},
		{&Team{ID: "platform", Name: "Platform", Lead: "raj"}, &Team{ID: "platform", Name: "Platform", Lead: "mei"}},
		{&Handoff{ID: "HO-00000001", Title: "Streaming parser", State: "proposed"}, &Handoff{ID: "HO-00000001", Title: "Streaming parser", State: "accepted"}},
		{&Goal{ID: "GOAL-0BJECT03", Title: "Unchanged", Level: LevelObjective, State: "active"}, &Goal{ID: "GOAL-0BJECT03", Title: "Unchanged", Level: LevelObjective, State: "active"}},
	}
	for _, p := range pairs {
		r := p.new
		if r == nil {
			r = p.old
		}
		if p.old != nil {
			b.Add(p.old, nil)
		}
		if p.new != nil {
			a.Add(p.new, nil)
		}
		changes = append(changes, RecordDelta{Kind: r.RecordKind(), ID: r.RecordID(), Old: p.old, New: p.new})
	}
	b.Index()
	a.Index()
	return b, a, changes
}

// Each list of the diff is checked in turn; gocyclo counts the checks.
func TestSemanticDiffSaysWhatChangedInReviewTerms(t *testing.T) {
	t.Parallel()
	before, after, changes := semOrgs(t)
	d := SemanticDiff(before, after, changes)

	wantGoals := []GoalDelta{
		{ID: "GOAL-KR000003", Title: "Imports <b>that</b> *work*\x1b[31m", Level: LevelKeyResult, Change: GoalAdded, Owner: "mei", Parent: "GOAL-0BJECT01"},
		{ID: "GOAL-KR000002", Title: "Activation rate", Level: LevelKeyResult, Change: GoalClosed, Outcome: "achieved"},
		{ID: "GOAL-KR000001", Title: "Median days to first dashboard", Level: LevelKeyResult, Change: GoalReparented, Parent: "GOAL-0BJECT02", FromParent: "GOAL-0BJECT01"},
	}
	if !reflect.DeepEqual(d.Goals, wantGoals) {
		t.Errorf("goals:\n%+v\nwant\n%+v", d.Goals, wantGoals)
	}
	// The key result's own check-in and the roll-ups: the objective it
	// left is left with no key result that has a health, the one it
	// joined had none before.
	wantHealth := []HealthDelta{
		{ID: "GOAL-0BJECT01", Title: "Cut time to first value", Level: LevelObjective, From: HealthAtRisk, To: ""},
		{ID: "GOAL-0BJECT02", Title: "Grow self-serve revenue", Level: LevelObjective, From: "", To: HealthOnTrack},
		{ID: "GOAL-KR000001", Title: "Median days to first dashboard", Level: LevelKeyResult, From: HealthAtRisk, To: HealthOnTrack},
	}
	if !reflect.DeepEqual(d.Health, wantHealth) {
		t.Errorf("health:\n%+v\nwant\n%+v", d.Health, wantHealth)
	}
	if len(d.Decisions) != 3 {
		t.Fatalf("decisions: %+v", d.Decisions)
	}
	if x := d.Decisions[0]; x.ID != "DEC-00000001" || x.Change != DecisionAccepted || x.From != DecisionProposed ||
		x.Chosen != "cap50" || x.ChosenTitle != "50 MB cap" || x.Rationale != "Unblocks the Q4 key result now." || x.Approver != "mei" {
		t.Errorf("decision made: %+v", x)
	}
	if x := d.Decisions[1]; x.ID != "DEC-00000000" || x.Change != DecisionSuperseded || x.SupersededBy != "DEC-00000001" ||
		x.SupersededByTitle != "Cap uploads at 50 MB" || x.SupersededByRationale != "Unblocks the Q4 key result now." {
		t.Errorf("decision superseded: %+v", x)
	}
	if x := d.Decisions[2]; x.ID != "DEC-00000002" || x.Change != DecisionDraft || x.From != "" {
		t.Errorf("new draft: %+v", x)
	}
	wantRACI := []RACIDelta{{ID: "RACI-00000001", Title: "CSV import wizard launch", Change: "changed", Accountable: "raj", FromAccountable: "mei",
		Roles: []RoleDelta{{Role: "responsible", Added: []string{"platform"}}}, State: "agreed"}}
	if !reflect.DeepEqual(d.RACI, wantRACI) {
		t.Errorf("raci:\n%+v\nwant\n%+v", d.RACI, wantRACI)
	}
	if len(d.CheckIns) != 1 || d.CheckIns[0].ID != "UPD-00000003" || d.CheckIns[0].GoalTitle != "Median days to first dashboard" || *d.CheckIns[0].Value != 8 {
		t.Errorf("check-ins: %+v", d.CheckIns)
	}
	if len(d.People) != 2 || d.People[0].ID != "ana" || d.People[0].Change != "added" ||
		d.People[1].ID != "platform" || !slices.Contains(d.People[1].Changes, Change{Field: "lead", From: "raj", To: "mei"}) {
		t.Errorf("people and teams: %+v", d.People)
	}
	// What no list describes is in Other, and nothing described is repeated:
	// the key result's target (not its parent), the RACI's due date (not its
	// Accountable), the hand-off's state. The comment-only edit is not there.
	var other []string
	for _, e := range d.Other {
		for _, c := range e.Changes {
			other = append(other, e.ID+" "+c.Field)
		}
	}
	want := []string{"GOAL-KR000001 metric.target", "RACI-00000001 due", "HO-00000001 state"}
	if !reflect.DeepEqual(other, want) {
		t.Errorf("other: %v, want %v", other, want)
	}
	if d.Name("mei") != "Mei Lin" || d.Name("GOAL-0BJECT02") != "Grow self-serve revenue" {
		t.Errorf("names: %v", d.Names)
	}
}

func TestSemanticDiffOfNothing(t *testing.T) {
	t.Parallel()
	before, after, _ := semOrgs(t)
	d := SemanticDiff(before, before, nil)
	if !d.Empty() {
		t.Errorf("no changes, but %+v", d)
	}
	_ = after
}

func TestRewindOrgRestoresTheOldVersions(t *testing.T) {
	t.Parallel()
	before, after, changes := semOrgs(t)
	got := RewindOrg(after, changes)
	if got.Len() != before.Len() {
		t.Fatalf("rewound org has %d records, want %d", got.Len(), before.Len())
	}
	for _, k := range Kinds {
		for _, id := range before.IDs(k) {
			want, _ := before.Get(id)
			r, ok := got.Get(id)
			if !ok || len(Diff(want, r)) != 0 {
				t.Errorf("%s: %v, want %v", id, r, want)
			}
		}
	}
	if got.Health("GOAL-KR000001") != HealthAtRisk {
		t.Errorf("rewound org not indexed: health %q", got.Health("GOAL-KR000001"))
	}
}

func TestDetailChanges(t *testing.T) {
	t.Parallel()
	old := &Decision{ID: "DEC-00000001", Title: "Cap uploads", Status: DecisionProposed,
		Context: "Customers upload exports of up to 2 GB.\nThe wizard times out above 80 MB.\nWe need a limit.",
		Options: []Option{{ID: "cap50", Title: "50 MB cap", Good: []string{"Fits"}}, {ID: "keep", Title: "Keep 10 MB"}}}
	nu := &Decision{ID: "DEC-00000001", Title: "Cap uploads", Status: DecisionAccepted, Approver: "mei",
		Context: "Customers upload exports of up to 5 GB.\nThe wizard times out above 80 MB.\nWe need a limit.",
		Options: []Option{{ID: "cap50", Title: "50 MB cap", Good: []string{"Fits", "Now"}}, {ID: "direct", Title: "Direct upload"}},
		Outcome: &Outcome{Chosen: "cap50"}}
	got := DetailChanges(Diff(old, nu))
	want := []ChangeDetail{
		{Field: "status", Op: "changed", From: "proposed", To: "accepted"},
		{Field: "context", Op: "text", Lines: []TextEdit{{"-", "Customers upload exports of up to 2 GB."}, {"+", "Customers upload exports of up to 5 GB."},
			{" ", "The wizard times out above 80 MB."}, {" ", "We need a limit."}}},
		{Field: "options[cap50].good", Op: "changed", From: "[Fits]", To: "[Fits, Now]"},
		{Field: "options[keep]", Op: "removed", From: "Keep 10 MB"},
		{Field: "approver", Op: "set", To: "mei"},
		{Field: "options[direct]", Op: "added", To: "Direct upload"},
		{Field: "outcome.chosen", Op: "set", To: "cap50"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("DetailChanges:\n%+v\nwant\n%+v", got, want)
	}
}
