package model

import (
	"errors"
	"strings"
	"testing"
)

func ptr[T any](v T) *T { return &v }

// pyramid: mission ← strategic ← objective ← two key results, plus a closed
// objective from last quarter under the same strategic goal.
func pyramid() *Org {
	o := NewOrg()
	o.Add(&Goal{ID: "GOAL-MMMMMMMM", Title: "Mission", Level: LevelMission, State: "active"}, nil)
	o.Add(&Goal{ID: "GOAL-SSSSSSSS", Title: "Strategic", Level: LevelStrategic, Parent: "GOAL-MMMMMMMM", State: "active"}, nil)
	o.Add(&Goal{ID: "GOAL-00000001", Title: "Objective", Level: LevelObjective, Parent: "GOAL-SSSSSSSS", State: "active"}, nil)
	o.Add(&Goal{ID: "GOAL-0000000K", Title: "Days to dashboard", Level: LevelKeyResult, Parent: "GOAL-00000001", State: "active",
		Metric: &Metric{Unit: "days", Baseline: 14, Target: 5, Direction: "decrease"}, Weight: ptr(3.0)}, nil)
	o.Add(&Goal{ID: "GOAL-0000000R", Title: "Activation", Level: LevelKeyResult, Parent: "GOAL-00000001", State: "active",
		Metric: &Metric{Unit: "percent", Baseline: 30, Target: 50, Direction: "increase"}, Weight: ptr(1.0)}, nil)
	o.Add(&Goal{ID: "GOAL-0000000Q", Title: "Last quarter", Level: LevelObjective, Parent: "GOAL-SSSSSSSS", State: "closed", Outcome: "missed"}, nil)
	o.Add(&Update{ID: "UPD-0000000A", Target: "GOAL-0000000Q", Date: "2026-09-30", Health: "missed"}, nil)
	return o
}

func checkin(o *Org, id, target, date, health string, value float64) {
	o.Add(&Update{ID: id, Target: target, Date: date, Health: health, Value: ptr(value)}, nil)
}

func TestHealthRollsUpTheWeakestLiveChild(t *testing.T) {
	t.Parallel()
	o := pyramid()
	checkin(o, "UPD-00000001", "GOAL-0000000K", "2026-11-01", HealthOnTrack, 11)
	checkin(o, "UPD-00000002", "GOAL-0000000K", "2026-11-14", HealthAtRisk, 9.5)
	checkin(o, "UPD-00000003", "GOAL-0000000R", "2026-11-10", HealthOnTrack, 45)
	o.Index()
	for _, c := range []struct{ id, want string }{
		{"GOAL-0000000K", HealthAtRisk}, // latest check-in wins over an older one
		{"GOAL-0000000R", HealthOnTrack},
		{"GOAL-00000001", HealthAtRisk}, // weakest key result
		{"GOAL-SSSSSSSS", HealthAtRisk}, // last quarter's missed objective is closed: ignored
		{"GOAL-MMMMMMMM", HealthAtRisk},
	} {
		if got := o.Health(c.id); got != c.want {
			t.Errorf("Health(%s) = %q, want %q", c.id, got, c.want)
		}
	}
	// An objective's own check-in overrides its children.
	checkin(o, "UPD-00000004", "GOAL-00000001", "2026-11-15", HealthOffTrack, 0)
	o.Index()
	if got := o.Health("GOAL-SSSSSSSS"); got != HealthOffTrack {
		t.Errorf("strategic health = %q after the objective went off track", got)
	}
}

func TestHealthOfAFinishedGoalComesFromItsClosedChildren(t *testing.T) {
	t.Parallel()
	o := NewOrg()
	o.Add(&Goal{ID: "GOAL-SSSSSSSS", Level: LevelStrategic, State: "closed"}, nil)
	o.Add(&Goal{ID: "GOAL-00000001", Level: LevelObjective, Parent: "GOAL-SSSSSSSS", State: "closed"}, nil)
	o.Add(&Update{ID: "UPD-0000000A", Target: "GOAL-00000001", Date: "2026-09-30", Health: "achieved"}, nil)
	o.Index()
	if got := o.Health("GOAL-SSSSSSSS"); got != "achieved" {
		t.Errorf("Health = %q, want achieved", got)
	}
}

func TestProgressFollowsTheMetricAndRollsUpByWeight(t *testing.T) {
	t.Parallel()
	o := pyramid()
	checkin(o, "UPD-00000002", "GOAL-0000000K", "2026-11-14", HealthAtRisk, 9.5) // 14 → 9.5 → 5: 0.5
	checkin(o, "UPD-00000003", "GOAL-0000000R", "2026-11-10", HealthOnTrack, 60) // past the target: 1
	o.Index()
	for _, c := range []struct {
		id   string
		want float64
	}{
		{"GOAL-0000000K", 0.5},
		{"GOAL-0000000R", 1},
		{"GOAL-00000001", (0.5*3 + 1*1) / 4},
		{"GOAL-SSSSSSSS", (0.5*3 + 1*1) / 4},
	} {
		got, ok := o.Progress(c.id)
		if !ok || got != c.want {
			t.Errorf("Progress(%s) = %v, %v; want %v", c.id, got, ok, c.want)
		}
	}
}

func TestProgressWithoutValuesStartsAtTheBaseline(t *testing.T) {
	t.Parallel()
	o := pyramid()
	o.Index()
	if p, ok := o.Progress("GOAL-0000000K"); !ok || p != 0 {
		t.Errorf("a key result with no check-in: %v, %v; want 0, true", p, ok)
	}
	o.Add(&Goal{ID: "GOAL-0000000X", Level: LevelObjective, State: "active"}, nil)
	o.Index()
	if _, ok := o.Progress("GOAL-0000000X"); ok {
		t.Errorf("a goal with no metric and no children has a progress")
	}
}

func TestMetricProgressBothDirections(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		m     Metric
		value float64
		want  float64
	}{
		{Metric{Baseline: 14, Target: 5, Direction: "decrease"}, 9.5, 0.5},
		{Metric{Baseline: 14, Target: 5, Direction: "decrease"}, 20, 0},
		{Metric{Baseline: 14, Target: 5, Direction: "decrease"}, 3, 1},
		{Metric{Baseline: 30, Target: 50, Direction: "increase"}, 35, 0.25},
		{Metric{Baseline: 99.9, Target: 99.9, Direction: "increase"}, 99.95, 1},
		{Metric{Baseline: 99.9, Target: 99.9, Direction: "increase"}, 99.0, 0},
	} {
		if got := MetricProgress(c.m, c.value); got != c.want {
			t.Errorf("MetricProgress(%+v, %v) = %v, want %v", c.m, c.value, got, c.want)
		}
	}
}

func TestRollUpsSurviveACycle(t *testing.T) {
	t.Parallel()
	o := NewOrg()
	o.Add(&Goal{ID: "GOAL-0000000A", Parent: "GOAL-0000000B", State: "active"}, nil)
	o.Add(&Goal{ID: "GOAL-0000000B", Parent: "GOAL-0000000A", State: "active"}, nil)
	o.Index()
	if h := o.Health("GOAL-0000000A"); h != "" {
		t.Errorf("Health in a cycle = %q", h)
	}
	if _, ok := o.Progress("GOAL-0000000A"); ok {
		t.Errorf("Progress in a cycle is known")
	}
}

func TestResolvePrefixes(t *testing.T) {
	t.Parallel()
	o := NewOrg()
	o.Add(&Goal{ID: "GOAL-7K3FQ2M1"}, nil)
	o.Add(&Goal{ID: "GOAL-7K3FQ2M2"}, nil)
	o.Add(&Decision{ID: "DEC-2HV9PMQ4"}, nil)
	o.Add(&Person{ID: "raj"}, nil)
	o.Add(&Person{ID: "rajesh"}, nil)
	o.Index()
	for _, c := range []struct{ prefix, want string }{
		{"dec", "DEC-2HV9PMQ4"}, {"GOAL-7K3FQ2M1", "GOAL-7K3FQ2M1"}, {"goal-7k3fq2m2", "GOAL-7K3FQ2M2"},
		{"raj", "raj"}, {"raje", "rajesh"},
	} {
		r, err := o.Resolve(c.prefix)
		if err != nil || r.RecordID() != c.want {
			t.Errorf("Resolve(%q) = %v, %v; want %s", c.prefix, r, err, c.want)
		}
	}
	_, err := o.Resolve("GOAL-7K")
	var amb *AmbiguousError
	if !errors.As(err, &amb) || len(amb.Candidates) != 2 || !strings.Contains(err.Error(), "GOAL-7K3FQ2M1, GOAL-7K3FQ2M2") {
		t.Errorf("Resolve(GOAL-7K) = %v, want both candidates", err)
	}
	var nf *NotFoundError
	if _, err := o.Resolve("HO-"); !errors.As(err, &nf) {
		t.Errorf("Resolve(HO-) = %v, want not found", err)
	}
}

func TestIDsAndPaths(t *testing.T) {
	t.Parallel()
	for range 100 {
		id := NewID(KindDecision)
		if err := CheckID(KindDecision, id); err != nil {
			t.Fatal(err)
		}
		if strings.ContainsAny(id[4:], "ILOU") {
			t.Fatalf("%s is not Crockford base32", id)
		}
	}
	for _, c := range []struct {
		k    Kind
		id   string
		want string
	}{
		{KindDecision, "DEC-2HV9PMQ4", "decisions/2H/DEC-2HV9PMQ4.yaml"},
		{KindUpdate, "UPD-Q8W2ZD4N", "updates/Q8/UPD-Q8W2ZD4N.yaml"},
		{KindPerson, "raj", "people/raj.yaml"},
	} {
		if got, err := PathOf(c.k, c.id); err != nil || got != c.want {
			t.Errorf("PathOf(%s, %s) = %q, %v", c.k, c.id, got, err)
		}
	}
	for _, bad := range []string{"DEC-2HV9PLQ4", "DEC-2HV9", "GOAL-7K3FQ2M1", "../x", "DEC-2HV9PMQ4/.."} {
		if _, err := PathOf(KindDecision, bad); err == nil {
			t.Errorf("PathOf(decision, %q) accepted", bad)
		}
	}
}

func TestCommitMessages(t *testing.T) {
	t.Parallel()
	old := &Decision{ID: "DEC-2HV9PMQ4", Title: "Cap uploads", Status: DecisionProposed}
	acc := &Decision{ID: "DEC-2HV9PMQ4", Title: "Cap uploads", Status: DecisionAccepted, Approver: "mei",
		Outcome: &Outcome{Chosen: "cap50"}}
	for _, c := range []struct {
		old, new Record
		want     string
	}{
		{nil, old, `decision(DEC-2HV9PMQ4): create "Cap uploads"`},
		{old, nil, `decision(DEC-2HV9PMQ4): delete "Cap uploads"`},
		{old, acc, "decision(DEC-2HV9PMQ4): proposed → accepted\n\n- status proposed → accepted\n- approver set to mei\n- outcome.chosen set to cap50"},
		{&Goal{ID: "GOAL-7K3FQ2M1", Metric: &Metric{Target: 5}}, &Goal{ID: "GOAL-7K3FQ2M1", Metric: &Metric{Target: 4}},
			"goal(GOAL-7K3FQ2M1): metric.target 5 → 4"},
		{&Goal{ID: "GOAL-7K3FQ2M1", Description: "one"}, &Goal{ID: "GOAL-7K3FQ2M1", Description: "one\ntwo"},
			"goal(GOAL-7K3FQ2M1): description edited"},
	} {
		if got := CommitMessage(c.old, c.new); got != c.want {
			t.Errorf("CommitMessage = %q\nwant %q", got, c.want)
		}
	}
}

func TestDiffKeysListsOfOptionsByID(t *testing.T) {
	t.Parallel()
	a := &Decision{ID: "DEC-2HV9PMQ4", Options: []Option{{ID: "cap50", Title: "50 MB"}, {ID: "direct", Title: "Direct"}}}
	b := &Decision{ID: "DEC-2HV9PMQ4", Options: []Option{{ID: "direct", Title: "Direct upload"}, {ID: "cap50", Title: "50 MB"}}}
	got := Diff(a, b)
	if len(got) != 1 || got[0] != (Change{Field: "options[direct].title", From: "Direct", To: "Direct upload"}) {
		t.Errorf("Diff = %+v; want only the retitled option, reordering ignored", got)
	}
}

func TestFilterMatchesPerKind(t *testing.T) {
	t.Parallel()
	o := pyramid()
	o.Add(&RACI{ID: "RACI-00000001", Accountable: OneOrMore{"mei"}, Responsible: []string{"raj", "platform"}, State: "agreed"}, nil)
	o.Add(&Person{ID: "ana", Teams: []string{"platform"}, Active: ptr(false)}, nil)
	o.Index()
	for _, c := range []struct {
		r    Record
		f    Filter
		want bool
	}{
		{o.RACIs["RACI-00000001"], Filter{Owner: "raj"}, true},
		{o.RACIs["RACI-00000001"], Filter{Owner: "MEI", Status: "agreed"}, true},
		{o.RACIs["RACI-00000001"], Filter{Team: "platform"}, true},
		{o.RACIs["RACI-00000001"], Filter{Status: "retired"}, false},
		{o.People["ana"], Filter{Team: "platform", Status: "inactive"}, true},
		{o.Goals["GOAL-0000000Q"], Filter{Status: "closed"}, true},
		{o.Goals["GOAL-0000000Q"], Filter{Health: "missed"}, true},
	} {
		if got := o.Match(c.r, c.f); got != c.want {
			t.Errorf("Match(%s, %+v) = %v", c.r.RecordID(), c.f, got)
		}
	}
}

func TestCleanTextDropsWholeEscapeSequences(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"a\x1b[2Jb":                "ab",
		"a\x1b]52;c;aGk=\x07b":     "ab",
		"a\x1b]8;;http://x\x1b\\b": "ab",
		"a\u009b31mb":              "ab",
		"a\x1bPqpayload\x1b\\b":    "ab",
		"a\x1b[31":                 "a",
		"bell\x07 and \u202eflip":  "bell and flip",
		"keep → unicode, café ✓":   "keep → unicode, café ✓",
		"tab\there":                "tab here",
	} {
		if got := CleanText(in, false); got != want {
			t.Errorf("CleanText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPluralAndShortHash(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		n          int
		word, want string
	}{{0, "commit", "0 commits"}, {1, "commit", "1 commit"}, {2, "check-in", "2 check-ins"}, {1, "person", "1 person"}, {3, "person", "3 people"}} {
		if got := Plural(tc.n, tc.word); got != tc.want {
			t.Errorf("Plural(%d, %q) = %q, want %q", tc.n, tc.word, got, tc.want)
		}
	}
	if got := ShortHash("0e2311fa6c1b93f4c36f0e6cbbd5a7c2a2d1e9f0"); got != "0e2311fa" || ShortHash("abc") != "abc" {
		t.Errorf("ShortHash = %q", got)
	}
}

func TestRevertMessageNamesUndoAndRedo(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ subject, want string }{
		{`goal(GOAL-1): title "a" → "b"`, `undo: goal(GOAL-1): title "a" → "b"`},
		{`undo: goal(GOAL-1): title "a" → "b"`, `redo: goal(GOAL-1): title "a" → "b"`},
		{`redo: goal(GOAL-1): title "a" → "b"`, `undo: goal(GOAL-1): title "a" → "b"`},
	} {
		got := RevertMessage(c.subject, "abc123")
		if want := c.want + "\n\nThis reverts commit abc123."; got != want {
			t.Errorf("RevertMessage(%q) = %q, want %q", c.subject, got, want)
		}
	}
}
