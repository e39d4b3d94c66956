package model_test

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/demo"
)

// RollUps must give every goal exactly the health and progress that
// Health and Progress give it one goal at a time: the goals tab shows the
// one, the CLI, the report and the people tab the other.

// checkRollUps compares RollUps with Health and Progress on every goal.
func checkRollUps(t *testing.T, o *model.Org) {
	t.Helper()
	health, progress := o.RollUps()
	if len(health) != len(o.Goals) {
		t.Errorf("RollUps gives %d healths for %d goals", len(health), len(o.Goals))
	}
	known := 0
	for id := range o.Goals {
		if got, want := health[id], o.Health(id); got != want {
			t.Errorf("%s: RollUps health %q, Health %q", id, got, want)
		}
		want, wantOK := o.Progress(id)
		got, gotOK := progress[id]
		if gotOK != wantOK || math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("%s: RollUps progress %v (known %v), Progress %v (known %v)", id, got, gotOK, want, wantOK)
		}
		if wantOK {
			known++
		}
	}
	if len(progress) != known {
		t.Errorf("RollUps gives %d progresses, %d goals have one", len(progress), known)
	}
}

// demoOrg replays a demo history into an organisation shown on today.
func demoOrg(t *testing.T, cfg model.Config, commits []model.Commit, today time.Time) *model.Org {
	o, err := demo.Replay(cfg, commits)
	if err != nil {
		t.Fatal(err)
	}
	o.Today = today
	return o
}

func TestRollUpsMatchHealthAndProgressOnTheDemos(t *testing.T) {
	t.Parallel()
	day := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		org  func() *model.Org
	}{
		{"northwind", func() *model.Org {
			cfg, commits := demo.Northwind(day)
			return demoOrg(t, cfg, commits, day)
		}},
		{"northwind as last reported", func() *model.Org {
			cfg, commits := demo.Northwind(day)
			return demoOrg(t, cfg, commits, time.Time{})
		}},
		{"northwind six weeks on", func() *model.Org {
			cfg, commits := demo.Northwind(day)
			return demoOrg(t, cfg, commits, day.AddDate(0, 0, 42))
		}},
		{"northwind with parent cycles", func() *model.Org {
			cfg, commits := demo.Northwind(day)
			return withCycles(t, demoOrg(t, cfg, commits, day))
		}},
		{"synthetic", func() *model.Org {
			cfg, commits := demo.Synthetic(20000, 50, 11, day)
			return demoOrg(t, cfg, commits, day)
		}},
		{"synthetic with parent cycles", func() *model.Org {
			cfg, commits := demo.Synthetic(5000, 20, 12, day)
			return withCycles(t, demoOrg(t, cfg, commits, day))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			o := tc.org()
			stale, known := 0, 0
			for id := range o.Goals {
				if o.Health(id) == model.HealthStale {
					stale++
				}
				if _, ok := o.Progress(id); ok {
					known++
				}
			}
			if known == 0 || stale == 0 && !o.Today.IsZero() {
				t.Fatalf("%d goals with progress, %d stale: the demo no longer tests roll-ups", known, stale)
			}
			checkRollUps(t, o)
		})
	}
}

// withCycles closes parent cycles in an organisation: the root above the
// deepest goal that rolls up from its children (no metric, no check-in)
// becomes that goal's child, and one objective its own parent.
func withCycles(t *testing.T, o *model.Org) *model.Org {
	t.Helper()
	depth := func(id string) (int, string) {
		d, seen := 0, map[string]bool{}
		for o.Goals[id].Parent != "" && o.Goals[o.Goals[id].Parent] != nil && !seen[id] {
			seen[id] = true
			id, d = o.Goals[id].Parent, d+1
		}
		return d, id
	}
	deepest, root, most := "", "", 0
	for _, id := range o.IDs(model.KindGoal) {
		if o.Goals[id].Metric != nil || o.LatestUpdate(id) != nil || len(o.Children(id)) == 0 {
			continue
		}
		if d, r := depth(id); d > most {
			deepest, root, most = id, r, d
		}
	}
	if most < 2 {
		t.Fatalf("the deepest goal that rolls up is %d below its root", most)
	}
	cycle := map[string]bool{}
	for id := deepest; id != root; id = o.Goals[id].Parent {
		cycle[id] = true
	}
	for _, id := range o.IDs(model.KindGoal) {
		if g := o.Goals[id]; !cycle[id] && id != root && g.Level == model.LevelObjective && g.State == "active" && len(o.Children(id)) > 0 {
			g.Parent = id
			break
		}
	}
	o.Goals[root].Parent = deepest
	o.Index()
	return o
}

// goalID is a goal ID made from one letter; they sort as the letters do.
func goalID(c byte) string { return "GOAL-0000000" + string(c) }

func TestRollUpsMatchHealthAndProgressByHand(t *testing.T) {
	t.Parallel()
	today := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	type (
		goal struct {
			id, parent, level, state, outcome, cadence string
			weight                                     *float64
			metric                                     *model.Metric
		}
		checkIn struct {
			goal, date, health string
			value              *float64
		}
	)
	w := func(v float64) *float64 { return &v }
	pct := &model.Metric{Unit: "percent", Baseline: 0, Target: 100, Direction: "increase"}
	for _, tc := range []struct {
		name     string
		today    time.Time
		goals    []goal
		checkIns []checkIn
		// What Health and Progress give, for the goals where the case
		// turns on it.
		health   map[byte]string
		progress map[byte]float64
	}{
		{
			// A and B are each other's parent. From A, B's progress is D's
			// alone; from B, A's is C's alone: a kept answer from inside
			// the cycle would be the wrong one.
			name: "cycle, progress depends on where the walk begins",
			goals: []goal{
				{id: "A", parent: "B", level: model.LevelObjective, state: "active"},
				{id: "B", parent: "A", level: model.LevelObjective, state: "active"},
				{id: "C", parent: "A", level: model.LevelKeyResult, state: "active", weight: w(3), metric: pct},
				{id: "D", parent: "B", level: model.LevelKeyResult, state: "active", metric: pct},
			},
			checkIns: []checkIn{{"C", "2026-11-20", model.HealthOnTrack, w(100)}, {"D", "2026-11-20", model.HealthOffTrack, w(0)}},
			progress: map[byte]float64{'A': 0.75, 'B': 0.5, 'C': 1, 'D': 0},
		},
		{
			// Off track and missed weigh the same, so the first child met
			// wins: from A that is B (D's off track), from B it is A (C's
			// missed).
			name: "cycle, health depends on where the walk begins",
			goals: []goal{
				{id: "A", parent: "B", level: model.LevelObjective, state: "active"},
				{id: "B", parent: "A", level: model.LevelObjective, state: "active"},
				{id: "C", parent: "A", level: model.LevelKeyResult, state: "active"},
				{id: "D", parent: "B", level: model.LevelKeyResult, state: "active"},
			},
			checkIns: []checkIn{{"C", "2026-11-20", "missed", nil}, {"D", "2026-11-20", model.HealthOffTrack, nil}},
			health:   map[byte]string{'A': model.HealthOffTrack, 'B': "missed"},
		},
		{
			name: "a goal its own parent, with a tree under it",
			goals: []goal{
				{id: "A", parent: "A", level: model.LevelObjective, state: "active"},
				{id: "B", parent: "A", level: model.LevelKeyResult, state: "active"},
				{id: "C", parent: "B", level: model.LevelKeyResult, state: "active", metric: pct},
				{id: "D", parent: "B", level: model.LevelKeyResult, state: "active", metric: pct, weight: w(0)},
			},
			checkIns: []checkIn{{"C", "2026-11-20", model.HealthAtRisk, w(40)}},
			health:   map[byte]string{'A': model.HealthAtRisk, 'B': model.HealthAtRisk},
			progress: map[byte]float64{'A': 0.4, 'B': 0.4},
		},
		{
			name: "a longer cycle, a check-in on it",
			goals: []goal{
				{id: "A", parent: "C", level: model.LevelStrategic, state: "active"},
				{id: "B", parent: "A", level: model.LevelObjective, state: "active"},
				{id: "C", parent: "B", level: model.LevelKeyResult, state: "active"},
				{id: "D", parent: "A", level: model.LevelKeyResult, state: "active", metric: pct},
				{id: "E", parent: "C", level: model.LevelKeyResult, state: "active", outcome: "achieved"},
			},
			checkIns: []checkIn{{"B", "2026-11-20", model.HealthOnTrack, nil}, {"D", "2026-11-20", model.HealthAtRisk, w(20)}},
		},
		{
			name:  "stale, on hold and closed goals",
			today: today,
			goals: []goal{
				{id: "A", level: model.LevelObjective, state: "active", cadence: "weekly"},
				{id: "B", parent: "A", level: model.LevelKeyResult, state: "active", cadence: "weekly", metric: pct},
				{id: "C", parent: "A", level: model.LevelKeyResult, state: "active", cadence: "weekly", metric: pct},
				{id: "D", parent: "A", level: model.LevelKeyResult, state: "closed", cadence: "weekly"},
				{id: "E", level: model.LevelObjective, state: "active", cadence: "monthly"},
				{id: "F", parent: "E", level: model.LevelKeyResult, state: "active", cadence: "weekly"},
			},
			checkIns: []checkIn{
				{"A", "2026-10-01", model.HealthOnTrack, nil},
				{"B", "2026-10-01", model.HealthAtRisk, w(30)},
				{"C", "2026-10-01", model.HealthOnHold, w(10)},
				{"D", "2026-01-01", "missed", nil},
				{"F", "2026-11-22", model.HealthOffTrack, nil},
				{"F", "not a date", model.HealthOnTrack, nil},
			},
			health: map[byte]string{'A': model.HealthStale, 'B': model.HealthStale, 'C': model.HealthOnHold, 'D': "missed", 'E': model.HealthOnTrack},
		},
		{
			name: "KPIs, drafts, dropped and closed children",
			goals: []goal{
				{id: "A", level: model.LevelObjective, state: "active"},
				{id: "B", parent: "A", level: model.LevelKPI, state: "active", metric: pct},
				{id: "C", parent: "A", level: model.LevelKeyResult, state: "draft", metric: pct},
				{id: "D", parent: "A", level: model.LevelKeyResult, state: "active", outcome: "dropped", metric: pct},
				{id: "E", parent: "A", level: model.LevelKeyResult, state: "active", metric: pct},
				{id: "F", parent: "A", level: model.LevelKeyResult, state: "closed", outcome: "achieved"},
				{id: "G", level: model.LevelObjective, state: "closed"},
				{id: "H", parent: "G", level: model.LevelKeyResult, state: "closed", outcome: "achieved"},
				{id: "I", parent: "G", level: model.LevelKeyResult, state: "closed", outcome: "dropped"},
			},
			checkIns: []checkIn{
				{"B", "2026-11-20", model.HealthOffTrack, w(0)},
				{"C", "2026-11-20", model.HealthOffTrack, w(0)},
				{"D", "2026-11-20", model.HealthOffTrack, w(0)},
				{"E", "2026-11-20", model.HealthAtRisk, w(60)},
				{"H", "2026-11-20", "achieved", nil},
			},
			health:   map[byte]string{'A': model.HealthOffTrack, 'G': "achieved"},
			progress: map[byte]float64{'A': 0.6, 'G': 1},
		},
		{
			name: "weights: none, zero, negative, and a metric with no value",
			goals: []goal{
				{id: "A", level: model.LevelObjective, state: "active"},
				{id: "B", parent: "A", level: model.LevelKeyResult, state: "active", metric: pct},
				{id: "C", parent: "A", level: model.LevelKeyResult, state: "active", metric: pct, weight: w(0)},
				{id: "D", parent: "A", level: model.LevelKeyResult, state: "active", metric: pct, weight: w(-2)},
				{id: "E", parent: "A", level: model.LevelKeyResult, state: "active", metric: pct, weight: w(3)},
				{id: "F", level: model.LevelObjective, state: "active"},
				{id: "G", parent: "F", level: model.LevelKeyResult, state: "active", weight: w(0), metric: pct},
				{id: "H", level: model.LevelObjective, state: "active"},
				{id: "I", parent: "H", level: model.LevelKeyResult, state: "active"},
			},
			checkIns: []checkIn{{"B", "2026-11-20", model.HealthOnTrack, w(80)}, {"C", "2026-11-20", model.HealthOnTrack, w(100)}, {"E", "2026-11-20", model.HealthAtRisk, nil}},
			progress: map[byte]float64{'A': 0.2, 'B': 0.8, 'E': 0},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			o := model.NewOrg()
			o.Today = tc.today
			for _, g := range tc.goals {
				parent := ""
				if g.parent != "" {
					parent = goalID(g.parent[0])
				}
				o.Add(&model.Goal{ID: goalID(g.id[0]), Title: g.id, Level: g.level, Parent: parent, State: g.state,
					Outcome: g.outcome, Cadence: g.cadence, Weight: g.weight, Metric: g.metric}, nil)
			}
			for i, c := range tc.checkIns {
				o.Add(&model.Update{ID: fmt.Sprintf("UPD-%08d", i), Target: goalID(c.goal[0]), Date: c.date, Health: c.health, Value: c.value}, nil)
			}
			o.Index()
			for c, want := range tc.health {
				if got := o.Health(goalID(c)); got != want {
					t.Errorf("Health(%c) = %q, want %q", c, got, want)
				}
			}
			for c, want := range tc.progress {
				if got, ok := o.Progress(goalID(c)); !ok || math.Abs(got-want) > 1e-9 {
					t.Errorf("Progress(%c) = %v, %v, want %v", c, got, ok, want)
				}
			}
			checkRollUps(t, o)
		})
	}
}

// FuzzRollUps builds a small organisation from the bytes — parents that
// may close cycles, levels, states, outcomes, weights, metrics, cadences,
// check-ins with healths, values and dates, and the day it is shown on —
// and checks RollUps against Health and Progress.
func FuzzRollUps(f *testing.F) {
	// The layout is fuzzOrg's: the day, the number of goals less one,
	// then per goal its parent, level, state, outcome, cadence, weight
	// and metric, then per check-in its goal, health, date and value.
	f.Add([]byte{})
	// The cycles TestRollUpsMatchHealthAndProgressByHand turns on: A and B
	// each other's parent, C under A and D under B.
	f.Add([]byte{0, 3,
		1, 2, 0, 0, 0, 0, 0,
		0, 2, 0, 0, 0, 0, 0,
		0, 3, 0, 0, 0, 4, 1,
		1, 3, 0, 0, 0, 0, 1,
		2, 0, 0, 3,
		3, 2, 0, 1})
	f.Add([]byte{0, 3,
		1, 2, 0, 0, 0, 0, 0,
		0, 2, 0, 0, 0, 0, 0,
		0, 3, 0, 0, 0, 0, 0,
		1, 3, 0, 0, 0, 0, 0,
		2, 6, 0, 0,
		3, 2, 0, 0})
	// A cycle of three with a check-in on it, gone stale, and an achieved
	// goal under it.
	f.Add([]byte{1, 4,
		2, 1, 0, 0, 1, 0, 0,
		0, 2, 0, 0, 1, 0, 0,
		1, 3, 0, 0, 0, 0, 0,
		0, 3, 0, 0, 1, 0, 1,
		2, 3, 0, 2, 0, 0, 0,
		1, 0, 2, 0,
		3, 1, 1, 2,
		0, 2, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		o := fuzzOrg(data)
		checkRollUps(t, o)
	})
}

// fuzzOrg reads an organisation of up to 12 goals and 24 check-ins out of
// data; bytes past its end read as zero, and bytes past what it reads are
// left over (a long input would only be slow to run and to minimise).
func fuzzOrg(data []byte) *model.Org {
	next := func() int {
		if len(data) == 0 {
			return 0
		}
		b := data[0]
		data = data[1:]
		return int(b)
	}
	pick := func(list ...string) string { return list[next()%len(list)] }
	w := func(v float64) *float64 { return &v }
	weights := []*float64{nil, w(1), w(0), w(-1), w(2.5), w(math.Inf(1)), w(math.NaN())}
	metrics := []*model.Metric{nil,
		{Unit: "percent", Baseline: 0, Target: 100, Direction: "increase"},
		{Unit: "days", Baseline: 14, Target: 5, Direction: "decrease"},
		{Unit: "count", Baseline: 3, Target: 3, Direction: "increase"},
	}
	days := []string{"2026-11-22", "2026-11-01", "2026-08-15", "", "2026-13-40", "2026-11-23"}
	o := model.NewOrg()
	o.Today = []time.Time{{}, time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}[next()%2]
	n := 1 + next()%12
	id := func(i int) string { return fmt.Sprintf("GOAL-%08d", i) }
	for i := range n {
		g := &model.Goal{ID: id(i), Title: id(i)}
		if p := next() % (n + 2); p < n { // n and n+1: a root, or a parent that is not a goal
			g.Parent = id(p)
		} else if p == n+1 {
			g.Parent = "GOAL-NOWHERE1"
		}
		g.Level = pick(model.LevelMission, model.LevelStrategic, model.LevelObjective, model.LevelKeyResult, model.LevelKPI, "")
		g.State = pick("active", "active", "closed", "draft", "")
		g.Outcome = pick("", "", "achieved", "dropped", "missed", "partially_achieved")
		g.Cadence = pick("", "weekly", "monthly", "fortnightly")
		g.Weight = weights[next()%len(weights)]
		g.Metric = metrics[next()%len(metrics)]
		o.Add(g, nil)
	}
	for i := 0; i < 24 && len(data) > 0; i++ {
		u := &model.Update{ID: fmt.Sprintf("UPD-%08d", i), Target: id(next() % n)}
		u.Health = pick(model.HealthOnTrack, model.HealthAtRisk, model.HealthOffTrack, model.HealthOnHold,
			"achieved", "partially_achieved", "missed", "dropped", "", "unknown")
		u.Date = days[next()%len(days)]
		if v := next(); v%4 != 0 {
			u.Value = w(float64(v%4-1) * 40)
		}
		o.Add(u, nil)
	}
	o.Index()
	return o
}
