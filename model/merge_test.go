package model

import (
	"fmt"
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
