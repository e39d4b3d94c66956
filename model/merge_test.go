package model

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// mergeCase is one three-way merge and what it must give.
type mergeCase struct {
	name               string
	base, ours, theirs Record
	want               Record
	conflicts          []FieldConflict
}

func mgDecision() *Decision {
	return &Decision{
		ID: "DEC-2HV9PLQ4", Title: "Cap CSV uploads at 50 MB", Status: DecisionProposed,
		Driver: "raj", DecisionMakers: []string{"mei", "raj"}, Consulted: []string{"platform", "security"},
		Context: "Customers upload exports of up to 2 GB.\nThe wizard times out above ~80 MB.\nSupport sees ten tickets a week.\nLarge customers split files by hand.\n",
		Options: []Option{
			{ID: "cap50", Title: "50 MB cap and a streaming parser", Good: []string{"Fits the current infrastructure"}, Bad: []string{"Large customers must split files"}},
			{ID: "direct", Title: "Direct upload to object storage", Good: []string{"No size cap"}, Bad: []string{"Three more weeks"}},
		},
		Outcome: &Outcome{Chosen: "cap50", Rationale: "Unblocks the Q4 key result now."},
		Goals:   []string{"GOAL-7K3FQ2M1"},
		Tags:    []string{"uploads"},
	}
}

func mgGoal() *Goal {
	return &Goal{
		ID: "GOAL-7K3FQ2M1", Title: "Median days to first dashboard", Level: LevelKeyResult,
		Parent: "GOAL-4M2QX7A9", Owner: "raj", Team: "onboarding", Period: "2026-Q4",
		Metric: &Metric{Unit: "days", Baseline: 14, Target: 5, Direction: "decrease"},
		Weight: ptr(0.5), State: "active", Cadence: "weekly",
	}
}

func mgRACI(accountable ...string) *RACI {
	return &RACI{
		ID: "RACI-J5N0RT8K", Title: "CSV import wizard launch",
		Subject:     Subject{Kind: "deliverable", Name: "CSV import wizard"},
		Accountable: accountable, Responsible: []string{"raj", "platform"},
		Consulted: []string{"security"}, Informed: []string{"support", "sales"},
		Due: "2026-11-29", State: "agreed",
	}
}

func mgHandoff() *Handoff {
	return &Handoff{
		ID: "HO-3W8Q1ZP0", Title: "Import service to platform",
		From: Party{Team: "onboarding", Owner: "raj"}, To: Party{Team: "platform", Owner: "mei"},
		Deliverables: []Deliverable{
			{ID: "runbook", Title: "Runbook", Acceptance: []string{"Covers restarts"}},
			{ID: "alerts", Title: "Alerts", Acceptance: []string{"Page on errors"}},
		},
		Due: "2026-12-01", State: "proposed",
	}
}

// mgEdit returns a deep copy of r changed by f.
func mgEdit[R Record](r R, f func(R)) R {
	c := clone(reflect.ValueOf(r)).Interface().(R)
	f(c)
	return c
}

func TestMergeScalarsAndGroups(t *testing.T) {
	t.Parallel()
	g := mgGoal()
	runMergeCases(t, []mergeCase{{
		name: "disjoint fields merge silently",
		base: g, ours: mgEdit(g, func(g *Goal) { g.Title = "Days to first dashboard" }),
		theirs: mgEdit(g, func(g *Goal) { g.Owner = "mei" }),
		want:   mgEdit(g, func(g *Goal) { g.Title = "Days to first dashboard"; g.Owner = "mei" }),
	}, {
		name: "same field, same value",
		base: g, ours: mgEdit(g, func(g *Goal) { g.State = "closed" }),
		theirs: mgEdit(g, func(g *Goal) { g.State = "closed" }),
		want:   mgEdit(g, func(g *Goal) { g.State = "closed" }),
	}, {
		name: "same field, different values: ours kept, conflict",
		base: g, ours: mgEdit(g, func(g *Goal) { g.Title = "Days to value" }),
		theirs:    mgEdit(g, func(g *Goal) { g.Title = "Time to dashboard" }),
		want:      mgEdit(g, func(g *Goal) { g.Title = "Days to value" }),
		conflicts: []FieldConflict{{Field: "title", Base: "Median days to first dashboard", Ours: "Days to value", Theirs: "Time to dashboard"}},
	}, {
		name: "a field cleared on one side and left on the other is cleared",
		base: g, ours: mgEdit(g, func(g *Goal) { g.Cadence = "" }),
		theirs: mgEdit(g, func(g *Goal) { g.Title = "T" }),
		want:   mgEdit(g, func(g *Goal) { g.Cadence = ""; g.Title = "T" }),
	}, {
		name: "nested fields merge one by one",
		base: g, ours: mgEdit(g, func(g *Goal) { g.Metric.Target = 4 }),
		theirs: mgEdit(g, func(g *Goal) { g.Metric.Unit = "working days" }),
		want:   mgEdit(g, func(g *Goal) { g.Metric.Target = 4; g.Metric.Unit = "working days" }),
	}, {
		name: "a nested conflict is named by its path",
		base: g, ours: mgEdit(g, func(g *Goal) { g.Metric.Target = 4 }),
		theirs:    mgEdit(g, func(g *Goal) { g.Metric.Target = 3; g.Weight = ptr(2.0) }),
		want:      mgEdit(g, func(g *Goal) { g.Metric.Target = 4; g.Weight = ptr(2.0) }),
		conflicts: []FieldConflict{{Field: "metric.target", Base: "5", Ours: "4", Theirs: "3"}},
	}, {
		name: "pointers to scalars merge three-way",
		base: g, ours: mgEdit(g, func(g *Goal) { g.Weight = nil }),
		theirs:    mgEdit(g, func(g *Goal) { g.Weight = ptr(0.0) }),
		want:      mgEdit(g, func(g *Goal) { g.Weight = nil }),
		conflicts: []FieldConflict{{Field: "weight", Base: "0.5", Ours: "", Theirs: "0"}},
	}, {
		name: "a group added on one side is taken",
		base: mgEdit(g, func(g *Goal) { g.Metric = nil }), ours: mgEdit(g, func(g *Goal) { g.Title = "T" }),
		theirs: mgEdit(g, func(g *Goal) { g.Metric = nil }),
		want:   mgEdit(g, func(g *Goal) { g.Title = "T" }),
	}, {
		name: "a group added on both sides merges against nothing",
		base: mgEdit(g, func(g *Goal) { g.Metric = nil }),
		ours: mgEdit(g, func(g *Goal) { g.Metric.Direction = "" }), theirs: mgEdit(g, func(g *Goal) { g.Metric.Unit = "" }),
		want:      mgEdit(g, func(g *Goal) { g.Metric.Direction = "decrease" }),
		conflicts: nil,
	}, {
		name: "a group removed on one side and edited on the other: the edit conflicts",
		base: mgDecision(), ours: mgEdit(mgDecision(), func(d *Decision) { d.Outcome = nil }),
		theirs:    mgEdit(mgDecision(), func(d *Decision) { d.Outcome.Rationale = "Cheapest." }),
		want:      mgEdit(mgDecision(), func(d *Decision) { d.Outcome = nil }),
		conflicts: []FieldConflict{{Field: "outcome.rationale", Base: "Unblocks the Q4 key result now.", Ours: "", Theirs: "Cheapest."}},
	}, {
		name: "add/add: the same record on both sides",
		base: nil, ours: g, theirs: mgEdit(g, func(*Goal) {}),
		want: g,
	}, {
		name: "add/add: different fields conflict, fields set on one side are taken",
		base: nil,
		ours: &Goal{ID: "GOAL-7K3FQ2M1", Title: "Activation", Level: LevelKeyResult, Owner: "raj", State: "draft"},
		theirs: &Goal{ID: "GOAL-7K3FQ2M1", Title: "Activation rate", Level: LevelKeyResult, State: "draft",
			Metric: &Metric{Unit: "percent", Target: 45}},
		want: &Goal{ID: "GOAL-7K3FQ2M1", Title: "Activation", Level: LevelKeyResult, Owner: "raj", State: "draft",
			Metric: &Metric{Unit: "percent", Target: 45}},
		conflicts: []FieldConflict{{Field: "title", Base: "", Ours: "Activation", Theirs: "Activation rate"}},
	}, {
		name: "a person's active flag",
		base: &Person{ID: "raj", Name: "Raj"}, ours: &Person{ID: "raj", Name: "Raj Patel"},
		theirs: &Person{ID: "raj", Name: "Raj", Active: ptr(false)},
		want:   &Person{ID: "raj", Name: "Raj Patel", Active: ptr(false)},
	}})
}

func TestMergeSets(t *testing.T) {
	t.Parallel()
	d := mgDecision()
	runMergeCases(t, []mergeCase{{
		name: "additions on both sides are both kept",
		base: d, ours: mgEdit(d, func(d *Decision) { d.Consulted = append(d.Consulted, "legal") }),
		theirs: mgEdit(d, func(d *Decision) { d.Consulted = append(d.Consulted, "finance") }),
		want:   mgEdit(d, func(d *Decision) { d.Consulted = []string{"platform", "security", "finance", "legal"} }),
	}, {
		name: "removals on both sides are both applied",
		base: d, ours: mgEdit(d, func(d *Decision) { d.Consulted = []string{"security"} }),
		theirs: mgEdit(d, func(d *Decision) { d.Consulted = []string{"platform"} }),
		want:   mgEdit(d, func(d *Decision) { d.Consulted = nil }),
	}, {
		name: "a removal and an addition",
		base: d, ours: mgEdit(d, func(d *Decision) { d.DecisionMakers = []string{"raj"} }),
		theirs: mgEdit(d, func(d *Decision) { d.DecisionMakers = []string{"mei", "raj", "ana"} }),
		want:   mgEdit(d, func(d *Decision) { d.DecisionMakers = []string{"raj", "ana"} }),
	}, {
		name: "the same addition on both sides is kept once",
		base: d, ours: mgEdit(d, func(d *Decision) { d.Tags = []string{"uploads", "q4"}; d.Title = "T" }),
		theirs: mgEdit(d, func(d *Decision) { d.Tags = []string{"q4", "uploads", "infra"} }),
		want:   mgEdit(d, func(d *Decision) { d.Tags = []string{"q4", "uploads", "infra"}; d.Title = "T" }),
	}, {
		name: "a list added on one side and emptied on the other",
		base: d, ours: mgEdit(d, func(d *Decision) { d.Goals = nil; d.Tags = append(d.Tags, "a") }),
		theirs: mgEdit(d, func(d *Decision) { d.Goals = append(d.Goals, "GOAL-00000001"); d.Tags = nil }),
		want:   mgEdit(d, func(d *Decision) { d.Goals = []string{"GOAL-00000001"}; d.Tags = []string{"a"} }),
	}, {
		name:   "lists of asks merge as sets of values",
		base:   &Update{ID: "UPD-Q8W2ZD4N", Asks: []Ask{{From: "platform", What: "decide the limit"}, {From: "security", What: "review"}}},
		ours:   &Update{ID: "UPD-Q8W2ZD4N", Asks: []Ask{{From: "platform", What: "decide the limit by Nov 20"}, {From: "security", What: "review"}}},
		theirs: &Update{ID: "UPD-Q8W2ZD4N", Asks: []Ask{{From: "platform", What: "decide the limit"}, {From: "support", What: "triage"}}},
		want:   &Update{ID: "UPD-Q8W2ZD4N", Asks: []Ask{{From: "platform", What: "decide the limit by Nov 20"}, {From: "support", What: "triage"}}},
	}, {
		name: "two people each set as the Accountable conflict",
		base: mgRACI("ana"), ours: mgRACI("mei"), theirs: mgRACI("raj"),
		want:      mgRACI("mei"),
		conflicts: []FieldConflict{{Field: "accountable", Base: "[ana]", Ours: "[mei]", Theirs: "[raj]"}},
	}, {
		name: "an Accountable set on both sides of a record without one conflicts too",
		base: mgRACI(), ours: mgRACI("mei"), theirs: mgRACI("raj"),
		want:      mgRACI("mei"),
		conflicts: []FieldConflict{{Field: "accountable", Base: "", Ours: "[mei]", Theirs: "[raj]"}},
	}, {
		name: "an Accountable list longer than one merges as a set (validation reports it)",
		base: mgRACI("ana"), ours: mgRACI("ana", "raj"), theirs: mgRACI("mei"),
		want: mgRACI("raj", "mei"),
	}})
}

func TestMergeKeyedLists(t *testing.T) {
	t.Parallel()
	d := mgDecision()
	extra := Option{ID: "later", Title: "Decide in Q1"}
	other := Option{ID: "proxy", Title: "An upload proxy", Good: []string{"No client change"}}
	runMergeCases(t, []mergeCase{{
		name: "items added on both sides under different IDs are both kept",
		base: d, ours: mgEdit(d, func(d *Decision) { d.Options = append(d.Options, extra) }),
		theirs: mgEdit(d, func(d *Decision) { d.Options = append(d.Options, other) }),
		want:   mgEdit(d, func(d *Decision) { d.Options = append(d.Options, extra, other) }),
	}, {
		name: "an item added in the middle keeps its place",
		base: d, ours: mgEdit(d, func(d *Decision) { d.Options = []Option{d.Options[0], extra, d.Options[1]} }),
		theirs: mgEdit(d, func(d *Decision) { d.Options = append(d.Options, other) }),
		want:   mgEdit(d, func(d *Decision) { d.Options = []Option{d.Options[0], extra, d.Options[1], other} }),
	}, {
		name: "different fields of one item merge",
		base: d, ours: mgEdit(d, func(d *Decision) { d.Options[0].Title = "A 50 MB cap" }),
		theirs: mgEdit(d, func(d *Decision) { d.Options[0].Bad = append(d.Options[0].Bad, "Support load") }),
		want: mgEdit(d, func(d *Decision) {
			d.Options[0].Title = "A 50 MB cap"
			d.Options[0].Bad = append(d.Options[0].Bad, "Support load")
		}),
	}, {
		name: "the same field of one item conflicts by the item's ID",
		base: d, ours: mgEdit(d, func(d *Decision) { d.Options[1].Title = "Object storage" }),
		theirs:    mgEdit(d, func(d *Decision) { d.Options[1].Title = "S3 upload" }),
		want:      mgEdit(d, func(d *Decision) { d.Options[1].Title = "Object storage" }),
		conflicts: []FieldConflict{{Field: "options[direct].title", Base: "Direct upload to object storage", Ours: "Object storage", Theirs: "S3 upload"}},
	}, {
		name: "removed on one side, untouched on the other: removed",
		base: d, ours: mgEdit(d, func(d *Decision) { d.Options = d.Options[:1] }),
		theirs: mgEdit(d, func(d *Decision) { d.Options[0].Title = "Cap" }),
		want:   mgEdit(d, func(d *Decision) { d.Options = d.Options[:1]; d.Options[0].Title = "Cap" }),
	}, {
		name: "removed by ours, edited by theirs: conflict, ours (removed) kept",
		base: d, ours: mgEdit(d, func(d *Decision) { d.Options = d.Options[:1] }),
		theirs: mgEdit(d, func(d *Decision) { d.Options[1].Good = append(d.Options[1].Good, "Scales") }),
		want:   mgEdit(d, func(d *Decision) { d.Options = d.Options[:1] }),
		conflicts: []FieldConflict{{Field: "options[direct]",
			Base:   "id: direct\ntitle: Direct upload to object storage\ngood: [No size cap]\nbad: [Three more weeks]",
			Ours:   "",
			Theirs: "id: direct\ntitle: Direct upload to object storage\ngood: [No size cap, Scales]\nbad: [Three more weeks]"}},
	}, {
		name: "edited by ours, removed by theirs: conflict, ours (edited) kept",
		base: d, ours: mgEdit(d, func(d *Decision) { d.Options[0].Title = "Cap" }),
		theirs: mgEdit(d, func(d *Decision) { d.Options = d.Options[1:] }),
		want:   mgEdit(d, func(d *Decision) { d.Options[0].Title = "Cap" }),
		conflicts: []FieldConflict{{Field: "options[cap50]",
			Base:   "id: cap50\ntitle: 50 MB cap and a streaming parser\ngood: [Fits the current infrastructure]\nbad: [Large customers must split files]",
			Ours:   "id: cap50\ntitle: Cap\ngood: [Fits the current infrastructure]\nbad: [Large customers must split files]",
			Theirs: ""}},
	}, {
		name: "the same ID added on both sides merges field by field",
		base: d,
		ours: mgEdit(d, func(d *Decision) {
			d.Options = append(d.Options, Option{ID: "later", Title: "Decide in Q1", Good: []string{"More data"}})
		}),
		theirs: mgEdit(d, func(d *Decision) {
			d.Options = append(d.Options, Option{ID: "later", Title: "Wait", Bad: []string{"Tickets keep coming"}})
		}),
		want: mgEdit(d, func(d *Decision) {
			d.Options = append(d.Options, Option{ID: "later", Title: "Decide in Q1", Good: []string{"More data"}, Bad: []string{"Tickets keep coming"}})
		}),
		conflicts: []FieldConflict{{Field: "options[later].title", Base: "", Ours: "Decide in Q1", Theirs: "Wait"}},
	}, {
		name: "deliverables: acceptance criteria as sets, parties field by field",
		base: mgHandoff(),
		ours: mgEdit(mgHandoff(), func(h *Handoff) {
			h.Deliverables[0].Acceptance = append(h.Deliverables[0].Acceptance, "Covers failover")
			h.To.Owner = "ana"
		}),
		theirs: mgEdit(mgHandoff(), func(h *Handoff) {
			h.Deliverables[0].Acceptance = []string{"Covers restarts and upgrades"}
			h.From.Team = "growth"
		}),
		want: mgEdit(mgHandoff(), func(h *Handoff) {
			h.Deliverables[0].Acceptance = []string{"Covers failover", "Covers restarts and upgrades"}
			h.To.Owner = "ana"
			h.From.Team = "growth"
		}),
	}, {
		name:   "duplicate IDs (an invalid record) merge by value and lose nothing",
		base:   &Handoff{ID: "HO-3W8Q1ZP0", Deliverables: []Deliverable{{ID: "a", Title: "A"}, {ID: "a", Title: "B"}}},
		ours:   &Handoff{ID: "HO-3W8Q1ZP0", Deliverables: []Deliverable{{ID: "a", Title: "A"}, {ID: "a", Title: "B"}, {ID: "c"}}},
		theirs: &Handoff{ID: "HO-3W8Q1ZP0", Deliverables: []Deliverable{{ID: "a", Title: "A2"}, {ID: "a", Title: "B"}}},
		want:   &Handoff{ID: "HO-3W8Q1ZP0", Deliverables: []Deliverable{{ID: "a", Title: "A2"}, {ID: "a", Title: "B"}, {ID: "c"}}},
	}})
}

func TestMergeText(t *testing.T) {
	t.Parallel()
	d := mgDecision()
	lines := strings.SplitAfter(d.Context, "\n")
	ctx := func(ls ...string) string { return strings.Join(ls, "") }
	runMergeCases(t, []mergeCase{{
		name: "edits to separate lines combine",
		base: d, ours: mgEdit(d, func(d *Decision) {
			d.Context = ctx("Customers upload exports of up to 5 GB.\n", lines[1], lines[2], lines[3])
		}),
		theirs: mgEdit(d, func(d *Decision) {
			d.Context = ctx(lines[0], lines[1], lines[2], "Large customers split files by hand, badly.\n")
		}),
		want: mgEdit(d, func(d *Decision) {
			d.Context = ctx("Customers upload exports of up to 5 GB.\n", lines[1], lines[2], "Large customers split files by hand, badly.\n")
		}),
	}, {
		name: "lines added at both ends combine",
		base: d, ours: mgEdit(d, func(d *Decision) { d.Context = ctx("Background:\n", d.Context) }),
		theirs: mgEdit(d, func(d *Decision) { d.Context += "See DEC-0000000A.\n" }),
		want:   mgEdit(d, func(d *Decision) { d.Context = ctx("Background:\n", d.Context, "See DEC-0000000A.\n") }),
	}, {
		name: "a deletion and a distant edit combine",
		base: d, ours: mgEdit(d, func(d *Decision) { d.Context = ctx(lines[0], lines[1], lines[2]) }),
		theirs: mgEdit(d, func(d *Decision) { d.Context = ctx("Customers upload big exports.\n", lines[1], lines[2], lines[3]) }),
		want:   mgEdit(d, func(d *Decision) { d.Context = ctx("Customers upload big exports.\n", lines[1], lines[2]) }),
	}, {
		name: "one line edited differently on both sides conflicts on the field",
		base: d, ours: mgEdit(d, func(d *Decision) { d.Context = ctx(lines[0], "It times out.\n", lines[2], lines[3]) }),
		theirs: mgEdit(d, func(d *Decision) { d.Context = ctx(lines[0], "It crashes.\n", lines[2], lines[3]) }),
		want:   mgEdit(d, func(d *Decision) { d.Context = ctx(lines[0], "It times out.\n", lines[2], lines[3]) }),
		conflicts: []FieldConflict{{Field: "context", Base: d.Context,
			Ours:   ctx(lines[0], "It times out.\n", lines[2], lines[3]),
			Theirs: ctx(lines[0], "It crashes.\n", lines[2], lines[3])}},
	}, {
		name: "insertions at the same place conflict",
		base: d, ours: mgEdit(d, func(d *Decision) { d.Context = ctx(lines[0], "A.\n", lines[1], lines[2], lines[3]) }),
		theirs: mgEdit(d, func(d *Decision) { d.Context = ctx(lines[0], "B.\n", lines[1], lines[2], lines[3]) }),
		want:   mgEdit(d, func(d *Decision) { d.Context = ctx(lines[0], "A.\n", lines[1], lines[2], lines[3]) }),
		conflicts: []FieldConflict{{Field: "context", Base: d.Context,
			Ours:   ctx(lines[0], "A.\n", lines[1], lines[2], lines[3]),
			Theirs: ctx(lines[0], "B.\n", lines[1], lines[2], lines[3])}},
	}, {
		name: "a one-line text that gains lines on one side merges line by line",
		base: mgEdit(d, func(d *Decision) { d.Consequences = "Support must tell customers." }),
		ours: mgEdit(d, func(d *Decision) { d.Consequences = "Support must tell customers.\nSales too." }),
		theirs: mgEdit(d, func(d *Decision) {
			d.Consequences = "Support must tell customers."
			d.Title = "T"
		}),
		want: mgEdit(d, func(d *Decision) { d.Consequences = "Support must tell customers.\nSales too."; d.Title = "T" }),
	}, {
		name: "a missing final line break is kept",
		base: mgEdit(d, func(d *Decision) { d.Context = "a\nb\nc\nd" }),
		ours: mgEdit(d, func(d *Decision) { d.Context = "A\nb\nc\nd" }), theirs: mgEdit(d, func(d *Decision) { d.Context = "a\nb\nc\nD" }),
		want: mgEdit(d, func(d *Decision) { d.Context = "A\nb\nc\nD" }),
	}})
}

func TestMergeConfig(t *testing.T) {
	t.Parallel()
	base := Config{Org: "Northwind", Schema: 1, Periods: []string{"2026-Q3", "2026-Q4"}, CurrentPeriod: "2026-Q4",
		Limits: Limits{MaxAccountable: 6}, Enums: Enums{Units: []string{"days"}}}
	ours := base
	ours.Periods = []string{"2026-Q3", "2026-Q4", "2027-Q1"}
	ours.Limits = Limits{MaxAccountable: 5}
	theirs := base
	theirs.Periods = []string{"2026-Q4"}
	theirs.Limits = Limits{MaxAccountable: 8, StaleGraceDays: 2}
	theirs.Views = []View{{Name: "at risk", Kind: "goal", Filter: Filter{Health: "at_risk"}}}
	before := encode(reflect.ValueOf([]Config{base, ours, theirs}))

	got, conflicts := MergeConfig(base, ours, theirs)

	want := base
	want.Periods = []string{"2026-Q4", "2027-Q1"}
	want.Limits = Limits{MaxAccountable: 5, StaleGraceDays: 2}
	want.Views = theirs.Views
	if encode(reflect.ValueOf(got)) != encode(reflect.ValueOf(want)) {
		t.Errorf("MergeConfig = %+v, want %+v", got, want)
	}
	wantConflicts := []FieldConflict{{Field: "limits.max_accountable", Base: "6", Ours: "5", Theirs: "8"}}
	if !slices.Equal(conflicts, wantConflicts) {
		t.Errorf("conflicts = %+v, want %+v", conflicts, wantConflicts)
	}
	if encode(reflect.ValueOf([]Config{base, ours, theirs})) != before {
		t.Error("MergeConfig changed its inputs")
	}
}

func runMergeCases(t *testing.T, cases []mergeCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := mgEncodeAll(c.base, c.ours, c.theirs)
			got, conflicts := Merge(c.base, c.ours, c.theirs)
			if mgEncode(got) != mgEncode(c.want) {
				t.Errorf("merged record differs from the wanted one:\n%s", mgShowDiff(c.want, got))
			}
			if !slices.Equal(conflicts, c.conflicts) {
				t.Errorf("conflicts:\n got %q\nwant %q", conflicts, c.conflicts)
			}
			// The other way round: a clean merge gives the same record,
			// a conflicting one the same conflicts with the sides swapped.
			got2, conflicts2 := Merge(c.base, c.theirs, c.ours)
			if len(conflicts) == 0 && mgEncode(got) != mgEncode(got2) {
				t.Errorf("merging theirs into ours differs from ours into theirs: %v", Diff(got, got2))
			}
			if want := mgSwapped(conflicts); !slices.Equal(conflicts2, want) {
				t.Errorf("swapped conflicts:\n got %q\nwant %q", conflicts2, want)
			}
			// Resolving each conflict either way round trips.
			for _, fc := range conflicts {
				mgCheckTake(t, got, c.ours, c.theirs, fc)
			}
			// The result shares nothing with the inputs.
			mgScribble(reflect.ValueOf(got))
			if after := mgEncodeAll(c.base, c.ours, c.theirs); after != before {
				t.Errorf("Merge changed its inputs or shares memory with them")
			}
		})
	}
}

// mgCheckTake resolves one conflict of merged both ways: taking ours changes
// nothing (merged holds ours), taking theirs gives every part of the field
// theirs' value.
func mgCheckTake(t *testing.T, merged, ours, theirs Record, fc FieldConflict) {
	t.Helper()
	m := clone(reflect.ValueOf(merged)).Interface().(Record)
	if err := TakeField(m, ours, fc.Field); err != nil {
		t.Fatalf("TakeField(ours, %s): %v", fc.Field, err)
	}
	if mgEncode(m) != mgEncode(merged) {
		t.Errorf("taking ours' %s changed the merged record:\n%s", fc.Field, mgShowDiff(merged, m))
	}
	before := mgEncode(theirs)
	if err := TakeField(m, theirs, fc.Field); err != nil {
		t.Fatalf("TakeField(theirs, %s): %v", fc.Field, err)
	}
	if got, want := mgCovered(m, fc.Field), mgCovered(theirs, fc.Field); !slices.Equal(got, want) {
		t.Errorf("after taking theirs' %s: %v, want %v", fc.Field, got, want)
	}
	if mgEncode(theirs) != before {
		t.Errorf("TakeField changed its source")
	}
	after := mgFlatten(mgNormalize(reflect.ValueOf(m)))
	for _, f := range mgFlatten(mgNormalize(reflect.ValueOf(merged))) {
		if !mgCovers(fc.Field, f.Field) && lookup(after, f.Field) != f.Value {
			t.Errorf("taking theirs' %s changed %s", fc.Field, f.Field)
		}
	}
}

// mgCovered is the flattened fields of r (absent groups as zero) that lie
// under field.
func mgCovered(r Record, field string) []FieldValue {
	var out []FieldValue
	for _, f := range mgFlatten(mgNormalize(reflect.ValueOf(r))) {
		if mgCovers(field, f.Field) {
			out = append(out, f)
		}
	}
	return out
}

// mgCovers reports whether a conflict on field covers path: the field itself
// or any part of it.
func mgCovers(field, path string) bool {
	return path == field || strings.HasPrefix(path, field+".") || strings.HasPrefix(path, field+"[")
}

func mgSwapped(cs []FieldConflict) []FieldConflict {
	var out []FieldConflict
	for _, c := range cs {
		c.Ours, c.Theirs = c.Theirs, c.Ours
		out = append(out, c)
	}
	return out
}

func mgEncode(v any) string {
	if v == nil {
		return "nil"
	}
	return encode(reflect.ValueOf(v))
}

func mgEncodeAll(vs ...any) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = mgEncode(v)
	}
	return strings.Join(parts, "\n")
}

func mgShowDiff(want, got any) string {
	var b strings.Builder
	for _, c := range mgDiff(mgFlatten(reflect.ValueOf(want)), mgFlatten(reflect.ValueOf(got))) {
		fmt.Fprintf(&b, "  %s: want %q, got %q\n", c.Field, c.From, c.To)
	}
	if b.Len() == 0 {
		return fmt.Sprintf("  (same fields; want %s\n   got %s)", mgEncode(want), mgEncode(got))
	}
	return b.String()
}

// mgFlatten is Flatten for a pointer to any struct (records and Config).
func mgFlatten(v reflect.Value) []FieldValue {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	var out []FieldValue
	flatten(v, "", &out)
	return out
}

// mgDiff is Diff over flattened values.
func mgDiff(a, b []FieldValue) []Change {
	seen := map[string]bool{}
	var out []Change
	for _, f := range a {
		seen[f.Field] = true
		if to := lookup(b, f.Field); to != f.Value {
			out = append(out, Change{Field: f.Field, From: f.Value, To: to})
		}
	}
	for _, f := range b {
		if !seen[f.Field] {
			out = append(out, Change{Field: f.Field, To: f.Value})
		}
	}
	return out
}

// mgNormalize is a deep copy of v with every absent group (a nil pointer to
// a struct) replaced by its zero value: the merge treats the two alike.
func mgNormalize(v reflect.Value) reflect.Value {
	c := clone(v)
	var walk func(reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() {
				if v.Type().Elem().Kind() == reflect.Struct && v.CanSet() {
					v.Set(reflect.New(v.Type().Elem()))
				} else {
					return
				}
			}
			walk(v.Elem())
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				walk(v.Field(i))
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		}
	}
	walk(c)
	return c
}

// mgScribble overwrites every string and number reachable from v, to show
// that the merged record shares no memory with the inputs.
func mgScribble(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			mgScribble(v.Elem())
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			mgScribble(v.Field(i))
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			mgScribble(v.Index(i))
		}
	case reflect.String:
		if v.CanSet() {
			v.SetString("scribbled")
		}
	case reflect.Float64:
		if v.CanSet() {
			v.SetFloat(-42)
		}
	}
}

func TestTakeField(t *testing.T) {
	t.Parallel()
	d := mgDecision()
	theirs := mgEdit(d, func(d *Decision) {
		d.Title = "Theirs"
		d.Options = []Option{{ID: "proxy", Title: "Proxy"}, d.Options[1]}
		d.Options[1].Title = "Direct"
		d.Outcome = nil
	})
	cases := []struct {
		field string
		dst   *Decision
		want  *Decision
	}{
		{"title", d, mgEdit(d, func(d *Decision) { d.Title = "Theirs" })},
		{"options[direct].title", d, mgEdit(d, func(d *Decision) { d.Options[1].Title = "Direct" })},
		{"options[direct]", d, mgEdit(d, func(d *Decision) { d.Options[1].Title = "Direct" })},
		{"options[proxy]", d, mgEdit(d, func(d *Decision) { d.Options = append([]Option{{ID: "proxy", Title: "Proxy"}}, d.Options...) })},
		{"options[cap50]", d, mgEdit(d, func(d *Decision) { d.Options = d.Options[1:] })},
		{"options[cap50].title", d, mgEdit(d, func(d *Decision) { d.Options = d.Options[1:] })},
		{"options", d, mgEdit(d, func(d *Decision) { d.Options = theirs.Options })},
		{"outcome.rationale", d, mgEdit(d, func(d *Decision) { d.Outcome.Rationale = "" })},
		{"outcome.rationale", mgEdit(d, func(d *Decision) { d.Outcome.Chosen = "" }), mgEdit(d, func(d *Decision) { d.Outcome = nil })},
		{"outcome", d, mgEdit(d, func(d *Decision) { d.Outcome = nil })},
	}
	for _, c := range cases {
		dst := clone(reflect.ValueOf(c.dst)).Interface().(*Decision)
		if err := TakeField(dst, theirs, c.field); err != nil {
			t.Errorf("TakeField(%s): %v", c.field, err)
			continue
		}
		if mgEncode(dst) != mgEncode(c.want) {
			t.Errorf("TakeField(%s):\n%s", c.field, mgShowDiff(c.want, dst))
		}
	}

	// A group the destination lacks is created for the field.
	g := mgEdit(mgGoal(), func(g *Goal) { g.Metric = nil })
	if err := TakeField(g, mgGoal(), "metric.target"); err != nil || g.Metric == nil || *g.Metric != (Metric{Target: 5}) {
		t.Errorf("TakeField(metric.target) = %v, %+v", err, g.Metric)
	}
	r := mgRACI("mei")
	if err := TakeField(r, mgRACI("raj"), "accountable"); err != nil || !slices.Equal(r.Accountable, OneOrMore{"raj"}) {
		t.Errorf("TakeField(accountable) = %v, %v", err, r.Accountable)
	}

	// The destination may share lists and groups with another record (a
	// shallow CopyRecord); that record stays as it was.
	shared := mgDecision()
	dst := &Decision{}
	CopyRecord(dst, shared)
	for _, f := range []string{"options[direct].title", "options[cap50]", "outcome.rationale"} {
		if err := TakeField(dst, theirs, f); err != nil {
			t.Fatal(err)
		}
	}
	if mgEncode(shared) != mgEncode(mgDecision()) {
		t.Errorf("TakeField changed a record that shared memory with its destination:\n%s", mgShowDiff(mgDecision(), shared))
	}

	for _, bad := range []struct {
		dst, src Record
		field    string
	}{
		{d, theirs, "nope"},
		{d, theirs, ""},
		{d, theirs, "options["},
		{d, theirs, "options[cap50]x"},
		{d, theirs, "title.x"},
		{d, theirs, "goals[x]"},
		{d, mgGoal(), "title"},
		{&Update{}, &Update{}, "asks[0].what"},
		{nil, theirs, "title"},
	} {
		if err := TakeField(bad.dst, bad.src, bad.field); err == nil {
			t.Errorf("TakeField(%T, %T, %q) = nil, want an error", bad.dst, bad.src, bad.field)
		}
	}
}

// fuzzSource turns fuzz bytes into choices; past the end every choice is 0.
type fuzzSource struct {
	data []byte
	pos  int
}

func (s *fuzzSource) intn(n int) int {
	if s.pos >= len(s.data) {
		return 0
	}
	c := s.data[s.pos]
	s.pos++
	return int(c) % n
}

var (
	fzWords  = []string{"", "ana", "mei", "raj", "platform", "security", "a", "b"}
	fzLines  = []string{"Customers upload big files.\n", "The wizard times out.\n", "Revisit in Q1.\n", "\n", "Parse as a stream.\n", "no final break"}
	fzKeys   = []string{"cap50", "direct", "proxy", "later", "k5", "k6"}
	fzFloats = []float64{0, 1, 2.5, 5, 14, math.NaN(), math.Copysign(0, -1)}
	fzInts   = []int64{0, 1, 3, 6}
)

func (s *fuzzSource) text() string {
	var b strings.Builder
	for n := 1 + s.intn(5); n > 0; n-- {
		b.WriteString(fzLines[s.intn(len(fzLines))])
	}
	return b.String()
}

// gen fills v (settable) with a value made from the fuzz bytes.
func (s *fuzzSource) gen(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if s.intn(4) == 0 {
			v.SetString(s.text())
		} else {
			v.SetString(fzWords[s.intn(len(fzWords))])
		}
	case reflect.Float64:
		v.SetFloat(fzFloats[s.intn(len(fzFloats))])
	case reflect.Int:
		v.SetInt(fzInts[s.intn(len(fzInts))])
	case reflect.Bool:
		v.SetBool(s.intn(2) == 0)
	case reflect.Pointer:
		if s.intn(3) == 0 {
			v.Set(reflect.Zero(v.Type()))
			return
		}
		p := reflect.New(v.Type().Elem())
		s.gen(p.Elem())
		v.Set(p)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if yamlName(v.Type().Field(i)) != "" {
				s.gen(v.Field(i))
			}
		}
	case reflect.Slice:
		n := s.intn(4)
		list := reflect.MakeSlice(v.Type(), n, n)
		for i := 0; i < n; i++ {
			s.gen(list.Index(i))
			if hasIDField(v.Type().Elem()) {
				list.Index(i).FieldByName("ID").SetString(fzKeys[i])
			}
		}
		v.Set(list)
	}
}

// mutate changes one part of v (settable, and owned: not shared with any
// other value).
func (s *fuzzSource) mutate(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		lines := splitLines(v.String())
		switch op := s.intn(5); {
		case op == 0 || len(lines) < 2 && op > 2:
			v.SetString(fzWords[s.intn(len(fzWords))])
		case op == 1:
			v.SetString(s.text())
		case op == 2: // insert a line
			at := s.intn(len(lines) + 1)
			v.SetString(strings.Join(slices.Insert(lines, at, fzLines[s.intn(len(fzLines)-1)]), ""))
		case op == 3: // delete a line
			at := s.intn(len(lines))
			v.SetString(strings.Join(slices.Delete(lines, at, at+1), ""))
		default: // replace a line
			lines[s.intn(len(lines))] = fzLines[s.intn(len(fzLines))]
			v.SetString(strings.Join(lines, ""))
		}
	case reflect.Float64, reflect.Int, reflect.Bool:
		s.gen(v)
	case reflect.Pointer:
		if v.IsNil() || s.intn(4) == 0 {
			s.gen(v)
			return
		}
		s.mutate(v.Elem())
	case reflect.Struct:
		var fields []int
		for i := 0; i < v.NumField(); i++ {
			if yamlName(v.Type().Field(i)) != "" {
				fields = append(fields, i)
			}
		}
		s.mutate(v.Field(fields[s.intn(len(fields))]))
	case reflect.Slice:
		keyed := hasIDField(v.Type().Elem())
		n := v.Len()
		switch op := s.intn(5); {
		case op == 0 || n == 0: // add an item
			item := reflect.New(v.Type().Elem()).Elem()
			s.gen(item)
			if keyed {
				free := s.freeKey(v)
				if free == "" {
					return
				}
				item.FieldByName("ID").SetString(free)
			}
			at := s.intn(n + 1)
			out := reflect.MakeSlice(v.Type(), 0, n+1)
			out = reflect.AppendSlice(out, v.Slice(0, at))
			out = reflect.Append(out, item)
			v.Set(reflect.AppendSlice(out, v.Slice(at, n)))
		case op == 1: // remove an item
			at := s.intn(n)
			out := reflect.MakeSlice(v.Type(), 0, n-1)
			out = reflect.AppendSlice(out, v.Slice(0, at))
			v.Set(reflect.AppendSlice(out, v.Slice(at+1, n)))
		case op == 2: // swap two items
			i, j := s.intn(n), s.intn(n)
			a, b := clone(v.Index(i)), clone(v.Index(j))
			v.Index(i).Set(b)
			v.Index(j).Set(a)
		case op == 3 && keyed: // rename an item
			if free := s.freeKey(v); free != "" {
				v.Index(s.intn(n)).FieldByName("ID").SetString(free)
			}
		default: // change an item
			item := v.Index(s.intn(n))
			if keyed {
				id := item.FieldByName("ID").String()
				s.mutate(item)
				item.FieldByName("ID").SetString(id)
			} else {
				s.mutate(item)
			}
		}
	}
}

// freeKey is an ID no item of the keyed list v has, or "".
func (s *fuzzSource) freeKey(v reflect.Value) string {
	start := s.intn(len(fzKeys))
	for i := range fzKeys {
		k := fzKeys[(start+i)%len(fzKeys)]
		used := false
		for j := 0; j < v.Len(); j++ {
			used = used || v.Index(j).FieldByName("ID").String() == k
		}
		if !used {
			return k
		}
	}
	return ""
}

// fuzzTemplates are realistic starting points for FuzzMerge, one of every
// kind of record and accord.yaml, so that the fuzz bytes go on edits.
func fuzzTemplates() []any {
	return []any{
		mgGoal(),
		&Update{ID: "UPD-Q8W2ZD4N", Target: "GOAL-7K3FQ2M1", Author: "raj", Date: "2026-11-14", Health: HealthAtRisk,
			Value: ptr(9.0), Confidence: ptr(0.6), Summary: "Import wizard slipped a sprint.\nThe value has been flat.\n",
			Problems: []string{"Blocked on DEC-2HV9PLQ4"}, Plans: []string{"Ship the wizard"},
			Asks: []Ask{{From: "platform", What: "decide the upload limit"}}, Wins: []string{"Fewer tickets"}},
		mgDecision(),
		mgRACI("ana"),
		mgHandoff(),
		&Person{ID: "raj", Name: "Raj Patel", Emails: []string{"raj@example.com"}, Teams: []string{"onboarding"}, Role: "PM", Manager: "mei"},
		&Team{ID: "onboarding", Name: "Onboarding", Lead: "raj", Parent: "product", Mission: "Customers see value in a week."},
		&Config{Org: "Northwind", Schema: 1, Periods: []string{"2026-Q3", "2026-Q4"}, CurrentPeriod: "2026-Q4",
			Limits: Limits{MaxAccountable: 6}, Enums: Enums{Units: []string{"days", "percent"}},
			Views: []View{{Name: "at risk", Kind: "goal", Filter: Filter{Health: HealthAtRisk}}}},
	}
}

// fuzzMerge merges pointers to records or to a Config.
func fuzzMerge(base, ours, theirs any) (any, []FieldConflict) {
	if o, ok := ours.(*Config); ok {
		var b Config
		if base != nil {
			b = *base.(*Config)
		}
		m, cs := MergeConfig(b, *o, *theirs.(*Config))
		return &m, cs
	}
	var b Record
	if base != nil {
		b = base.(Record)
	}
	return Merge(b, ours.(Record), theirs.(Record))
}

// FuzzMerge derives a record (or accord.yaml) and two edited versions of it
// from the fuzz bytes and checks the merge's promises: one side unchanged
// gives the other; the same change on both sides is that change; a clean
// merge does not depend on which side is ours, and a conflicting one reports
// the same fields; every change either side made is in the result or in the
// conflicts, each conflict showing the three versions' values; resolving a
// conflict with TakeField gives that side's value; inputs are never changed.
func FuzzMerge(f *testing.F) {
	f.Add([]byte{}) // the templates, one edit on each side; more seeds in testdata/fuzz/FuzzMerge
	f.Fuzz(func(t *testing.T, data []byte) {
		base, ours, theirs := fuzzInputs(data)
		mgCheckMerge(t, base, ours, theirs)
	})
}

// fuzzInputs picks a record (or accord.yaml) from the first byte and edits
// it as the following bytes say into a base, which may also be absent
// (add/add), and then into ours and theirs.
func fuzzInputs(data []byte) (base, ours, theirs any) {
	s := &fuzzSource{data: data}
	templates := fuzzTemplates()
	common := reflect.ValueOf(templates[s.intn(len(templates))])
	_, isConfig := common.Interface().(*Config)
	noBase := s.intn(4) == 0
	edited := func(n int) reflect.Value {
		v := clone(common)
		for ; n > 0; n-- {
			s.mutate(v.Elem())
		}
		return v
	}
	common = edited(s.intn(3))
	switch {
	case !noBase:
		base = clone(common).Interface()
	case isConfig:
		base = &Config{} // MergeConfig has no "absent": a new accord.yaml merges against an empty one
	}
	return base, edited(1 + s.intn(3)).Interface(), edited(1 + s.intn(3)).Interface()
}

func mgCheckMerge(t *testing.T, base, ours, theirs any) {
	before := mgEncodeAll(base, ours, theirs)
	merged, conflicts := fuzzMerge(base, ours, theirs)
	if after := mgEncodeAll(base, ours, theirs); after != before {
		t.Fatalf("Merge changed its inputs")
	}

	// Identities.
	same := func(what string, got any, cs []FieldConflict, want any) {
		t.Helper()
		if len(cs) > 0 || mgEncode(got) != mgEncode(want) {
			t.Fatalf("%s: got %s with conflicts %q, want %s", what, mgEncode(got), cs, mgEncode(want))
		}
	}
	for _, x := range []any{ours, theirs} {
		if base != nil {
			m, cs := fuzzMerge(base, x, base)
			same("merge(b, x, b)", m, cs, x)
			m, cs = fuzzMerge(base, base, x)
			same("merge(b, b, x)", m, cs, x)
		}
		m, cs := fuzzMerge(base, x, x)
		same("merge(b, x, x)", m, cs, x)
	}

	// Symmetry.
	merged2, conflicts2 := fuzzMerge(base, theirs, ours)
	if !slices.Equal(conflicts2, mgSwapped(conflicts)) {
		t.Fatalf("conflicts depend on the side:\n%q\n%q", conflicts, conflicts2)
	}
	if len(conflicts) == 0 && mgEncode(merged) != mgEncode(merged2) {
		t.Fatalf("a clean merge depends on the side:\n%s\n%s", mgEncode(merged), mgEncode(merged2))
	}

	// Every change is kept or reported.
	b, o, th, m := mgNormalize(mgOrZero(base, ours)), mgNormalize(reflect.ValueOf(ours)), mgNormalize(reflect.ValueOf(theirs)), mgNormalize(reflect.ValueOf(merged))
	for _, x := range []reflect.Value{o, th} {
		for _, ch := range mgDiff(mgFlatten(b), mgFlatten(x)) {
			covered := false
			for _, c := range conflicts {
				covered = covered || mgCovers(c.Field, ch.Field)
			}
			if covered {
				continue
			}
			if why := mgKept([4]reflect.Value{b, o, th, m}, x, ch.Field); why != "" {
				t.Fatalf("change to %s (%q → %q) lost: %s\nbase   %s\nours   %s\ntheirs %s\nmerged %s",
					ch.Field, ch.From, ch.To, why, mgEncode(base), mgEncode(ours), mgEncode(theirs), mgEncode(merged))
			}
		}
	}

	// Conflicts show the three values; the result holds ours.
	present := [3]bool{base != nil, true, true}
	for _, c := range conflicts {
		segs, err := parseFieldPath(c.Field)
		if err != nil {
			t.Fatalf("conflict on %q: %v", c.Field, err)
		}
		vals := [4]any{base, ours, theirs, merged}
		var got [4]string
		for i, v := range vals {
			got[i] = mgRenderAt(v, segs, i == 0 && !present[0])
		}
		if got[0] != c.Base || got[1] != c.Ours || got[2] != c.Theirs {
			t.Fatalf("conflict %q, want base %q ours %q theirs %q", c, got[0], got[1], got[2])
		}
		if mgRenderAt(mgNormalize(reflect.ValueOf(merged)).Interface(), segs, false) != mgRenderAt(mgNormalize(reflect.ValueOf(ours)).Interface(), segs, false) {
			t.Fatalf("conflict on %s: the merged record does not hold ours (%q)", c.Field, got[3])
		}
	}

	// Resolving each conflict either way.
	if mr, ok := merged.(Record); ok {
		for _, c := range conflicts {
			mgCheckTake(t, mr, ours.(Record), theirs.(Record), c)
		}
	}

	mgScribble(reflect.ValueOf(merged))
	if after := mgEncodeAll(base, ours, theirs); after != before {
		t.Fatalf("the merged record shares memory with the inputs")
	}
}

func mgOrZero(base, like any) reflect.Value {
	if base == nil {
		return reflect.New(reflect.TypeOf(like).Elem())
	}
	return reflect.ValueOf(base)
}

// mgValueAt finds the value at a field path inside the struct v points to;
// ok is false when a keyed item or group on the way is missing.
func mgValueAt(v reflect.Value, segs []pathSeg) (reflect.Value, bool) {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return reflect.Value{}, false
		}
		v = v.Elem()
	}
	for _, seg := range segs {
		i := fieldByYAMLName(v.Type(), seg.name)
		if i < 0 {
			return reflect.Value{}, false
		}
		v = v.Field(i)
		if seg.keyed {
			found := false
			for j := 0; !found && j < v.Len(); j++ {
				if v.Index(j).FieldByName("ID").String() == seg.key {
					v, found = v.Index(j), true
				}
			}
			if !found {
				return reflect.Value{}, false
			}
		}
		if v.Kind() == reflect.Pointer && v.Type().Elem().Kind() == reflect.Struct {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
	}
	return v, true
}

func mgRenderAt(x any, segs []pathSeg, absent bool) string {
	if x == nil || absent {
		return ""
	}
	v, ok := mgValueAt(reflect.ValueOf(x), segs)
	return render(v, ok)
}

// mgKept says why the change side x made to field did not reach the merged
// record, or "" if it did. vs holds base, ours, theirs and merged.
func mgKept(vs [4]reflect.Value, x reflect.Value, field string) string {
	segs, err := parseFieldPath(field)
	if err != nil {
		return err.Error()
	}
	// A list of structs without IDs is one set: check it whole.
	t := vs[0].Type().Elem()
	for i, seg := range segs {
		f, _ := t.FieldByName(mgGoName(t, seg.name))
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct && !hasIDField(ft.Elem()) {
			segs = append(segs[:i:i], pathSeg{name: seg.name})
			break
		}
		if ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct {
			ft = ft.Elem()
		}
		t = ft
	}
	var at [4]reflect.Value
	var ok [4]bool
	for i, v := range vs {
		at[i], ok[i] = mgValueAt(v, segs)
	}
	xv, xok := mgValueAt(x, segs)
	if !ok[3] && !xok {
		return ""
	}
	if ok[3] && xok && encode(at[3]) == encode(xv) {
		return ""
	}
	if !xok || !ok[3] {
		return fmt.Sprintf("present on one side only (merged %v, side %v)", ok[3], xok)
	}
	items := func(v reflect.Value, ok bool) map[string]bool {
		set := map[string]bool{}
		for i := 0; ok && i < v.Len(); i++ {
			set[encode(v.Index(i))] = true
		}
		return set
	}
	switch {
	case xv.Kind() == reflect.Slice && !(xv.Type() == oneOrMoreType && at[0].Len() <= 1 && at[1].Len() <= 1 && at[2].Len() <= 1):
		b, o, th, m, xs := items(at[0], ok[0]), items(at[1], ok[1]), items(at[2], ok[2]), items(at[3], ok[3]), items(xv, true)
		for k := range xs {
			if !b[k] && !m[k] {
				return "added item " + k + " missing"
			}
		}
		for k := range b {
			if !xs[k] && m[k] {
				return "removed item " + k + " still there"
			}
		}
		for k := range m {
			if !o[k] && !th[k] {
				return "item " + k + " from nowhere"
			}
		}
		return ""
	case xv.Kind() == reflect.String && (strings.Contains(at[0].String(), "\n") || strings.Contains(at[1].String(), "\n") || strings.Contains(at[2].String(), "\n")):
		lines := func(s string) map[string]bool {
			set := map[string]bool{}
			for _, l := range splitLines(s) {
				set[l] = true
			}
			return set
		}
		b, o, th, m, xs := lines(at[0].String()), lines(at[1].String()), lines(at[2].String()), lines(at[3].String()), lines(xv.String())
		for l := range xs {
			if !b[l] && !m[l] {
				return fmt.Sprintf("added line %q missing", l)
			}
		}
		for l := range m {
			if !o[l] && !th[l] {
				return fmt.Sprintf("line %q from nowhere", l)
			}
		}
		for l := range b {
			if !o[l] && !th[l] && m[l] {
				return fmt.Sprintf("removed line %q still there", l)
			}
		}
		return ""
	}
	return fmt.Sprintf("merged has %s, side %s", encode(at[3]), encode(xv))
}

// mgGoName is the Go name of the field of struct t written as name.
func mgGoName(t reflect.Type, name string) string {
	if i := fieldByYAMLName(t, name); i >= 0 {
		return t.Field(i).Name
	}
	return ""
}

func TestMergeLongTextsAndLists(t *testing.T) {
	t.Parallel()
	var lines []string
	for i := range 2500 {
		lines = append(lines, fmt.Sprintf("line %d\n", i))
	}
	text := strings.Join(lines, "")
	reversed := slices.Clone(lines)
	slices.Reverse(reversed)

	// A small edit at each end of a long text still merges line by line:
	// only what lies between the common head and tail is compared.
	d := &Decision{ID: "DEC-2HV9PLQ4", Context: text}
	ours := &Decision{ID: "DEC-2HV9PLQ4", Context: "first\n" + text}
	theirs := &Decision{ID: "DEC-2HV9PLQ4", Context: text + "last\n"}
	if got, cs := Merge(d, ours, theirs); len(cs) > 0 || got.(*Decision).Context != "first\n"+text+"last\n" {
		t.Errorf("long text: conflicts %d, context of %d bytes", len(cs), len(got.(*Decision).Context))
	}

	// Beyond maxMergeLines of difference the text merges whole.
	ours = &Decision{ID: "DEC-2HV9PLQ4", Context: strings.Join(reversed, "")}
	if got, cs := Merge(d, ours, theirs); len(cs) != 1 || cs[0].Field != "context" || got.(*Decision).Context != ours.Context {
		t.Errorf("rewritten long text: conflicts %v", len(cs))
	}

	// A long list reordered on one side and added to on the other keeps
	// every item, whichever side is ours.
	tags := &Decision{ID: "DEC-2HV9PLQ4", Tags: lines}
	reordered := &Decision{ID: "DEC-2HV9PLQ4", Tags: reversed}
	added := &Decision{ID: "DEC-2HV9PLQ4", Tags: append(slices.Clone(lines), "new")}
	got1, cs1 := Merge(tags, reordered, added)
	got2, cs2 := Merge(tags, added, reordered)
	if len(cs1)+len(cs2) > 0 || mgEncode(got1) != mgEncode(got2) {
		t.Fatalf("long list: conflicts %d %d, symmetric %v", len(cs1), len(cs2), mgEncode(got1) == mgEncode(got2))
	}
	if merged := got1.(*Decision).Tags; len(merged) != 2501 || !slices.Contains(merged, "new") {
		t.Errorf("long list: %d items", len(merged))
	}
}

// mgBenchPair makes a realistic decision or goal and two versions of it
// changed on both sides: scalars, a set, a keyed list and long text.
func mgBenchPair(i int) (base, ours, theirs Record) {
	if i%2 == 0 {
		g := mgGoal()
		g.ID = fmt.Sprintf("GOAL-%08d", i)
		g.Description = strings.Repeat(fmt.Sprintf("Goal %d matters because customers need a dashboard in their first week.\n", i), 6)
		g.Links = []string{"https://wiki.example.com/onboarding", "DEC-2HV9PLQ4"}
		return g,
			mgEdit(g, func(g *Goal) {
				g.Title += " (revised)"
				g.Weight = ptr(0.7)
				g.Links = append(g.Links, "https://dash.example.com")
				g.Description = "Why:\n" + g.Description
			}),
			mgEdit(g, func(g *Goal) {
				g.Metric.Target = 4
				g.Owner = "mei"
				g.Links = g.Links[1:]
				g.Description += "Reviewed in November.\n"
			})
	}
	d := mgDecision()
	d.ID = fmt.Sprintf("DEC-%08d", i)
	d.Consequences = strings.Repeat("Support must tell large customers to split their files.\n", 8)
	return d,
		mgEdit(d, func(d *Decision) {
			d.Status = DecisionAccepted
			d.Approver = "mei"
			d.Options = append(d.Options, Option{ID: "later", Title: "Decide in Q1", Bad: []string{"Tickets keep coming"}})
			d.Context = "Background:\n" + d.Context
			d.Consulted = append(d.Consulted, "legal")
		}),
		mgEdit(d, func(d *Decision) {
			d.ReviewBy = "2027-02-15"
			d.Options[1].Bad = append(d.Options[1].Bad, "A new security review")
			d.Context += "See the incident of Nov 3.\n"
			d.Informed = []string{"support", "sales"}
			d.Tags = append(d.Tags, "q4")
		})
}

// BenchmarkMerge1000 merges 1,000 records (half decisions, half goals)
// changed on both sides: one op is the whole batch, the merge part of a sync
// that brings in a thousand changed records (at most 2 s).
func BenchmarkMerge1000(b *testing.B) {
	type triple struct{ base, ours, theirs Record }
	var in []triple
	for i := range 1000 {
		base, ours, theirs := mgBenchPair(i)
		in = append(in, triple{base, ours, theirs})
	}
	for _, tr := range in[:2] {
		if _, cs := Merge(tr.base, tr.ours, tr.theirs); len(cs) > 0 {
			b.Fatalf("benchmark records conflict: %v", cs)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, tr := range in {
			Merge(tr.base, tr.ours, tr.theirs)
		}
	}
}

func TestMergeTextMarked(t *testing.T) {
	t.Parallel()
	base := "id: GOAL-1\ntitle: Old\nowner: raj\nstate: active\n"
	for _, tc := range []struct {
		name, ours, theirs, want string
		conflicts                int
	}{
		{"apart", "id: GOAL-1\ntitle: Mine\nowner: raj\nstate: active\n",
			"id: GOAL-1\ntitle: Old\nowner: raj\nstate: closed\n",
			"id: GOAL-1\ntitle: Mine\nowner: raj\nstate: closed\n", 0},
		{"same line", "id: GOAL-1\ntitle: Mine\nowner: raj\nstate: active\n",
			"id: GOAL-1\ntitle: Theirs\nowner: raj\nstate: active\n",
			"id: GOAL-1\n<<<<<<< yours\ntitle: Mine\n=======\ntitle: Theirs\n>>>>>>> saved\nowner: raj\nstate: active\n", 1},
		{"no final newline", "id: GOAL-1\ntitle: Old\nowner: raj\nstate: x",
			"id: GOAL-1\ntitle: Old\nowner: raj\nstate: y",
			"id: GOAL-1\ntitle: Old\nowner: raj\n<<<<<<< yours\nstate: x\n=======\nstate: y\n>>>>>>> saved\n", 1},
	} {
		got, n, ok := MergeTextMarked(base, tc.ours, tc.theirs, "yours", "saved")
		if !ok || got != tc.want || n != tc.conflicts {
			t.Errorf("%s: got %d conflicts, ok %v:\n%s\nwant:\n%s", tc.name, n, ok, got, tc.want)
		}
	}
}

// FuzzMergeTextMarked: an edit on one side only comes through as it is,
// a clean marked merge is the plain line merge, and a conflicted one keeps
// both sides' text.
func FuzzMergeTextMarked(f *testing.F) {
	f.Add("a\nb\nc\n", "a\nB\nc\n", "a\nb\nC\n")
	f.Add("a\nb\n", "a\nX\n", "a\nY\n")
	f.Add("", "x", "y")
	f.Add("a\nb", "a\nb\n", "a")
	f.Fuzz(func(t *testing.T, base, ours, theirs string) {
		if got, n, ok := MergeTextMarked(base, ours, base, "o", "t"); ok && (got != ours || n != 0) {
			t.Fatalf("an edit on our side only became %q (%d conflicts)", got, n)
		}
		if got, n, ok := MergeTextMarked(base, base, theirs, "o", "t"); ok && (got != theirs || n != 0) {
			t.Fatalf("an edit on their side only became %q (%d conflicts)", got, n)
		}
		got, n, ok := MergeTextMarked(base, ours, theirs, "o", "t")
		if !ok {
			return
		}
		plain, clean := mergeText(base, ours, theirs)
		if clean != (n == 0) || clean && plain != got {
			t.Fatalf("marked %q (%d conflicts) but plain %q (clean %v)", got, n, plain, clean)
		}
		if n > 0 && (!strings.Contains(got, "<<<<<<< o\n") || !strings.Contains(got, ">>>>>>> t\n")) {
			t.Fatalf("conflicts without markers: %q", got)
		}
	})
}
