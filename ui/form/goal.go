package form

import (
	"slices"

	"charm.land/huh/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
)

// goalDraft is a goal as its form edits it: numbers as typed.
type goalDraft struct {
	Title, Description, Level, Parent, Owner, Team, Period string
	Unit, Baseline, Target, Direction, Weight              string
	State, Outcome, Cadence                                string
}

// goalForm creates a goal or edits one. Fields the form does not show
// (links) are kept as they are.
type goalForm struct {
	formOrg
	old *model.Goal // nil for a new goal
	id  string
	formDraft[goalDraft]
}

// NewGoal starts a goal: a child of parent when one is given, one
// level below it, owned by me in my first team.
func NewGoal(d *common.Data, parent string) *goalForm {
	dr := goalDraft{Level: model.LevelObjective, State: "active", Owner: d.Me, Direction: "increase"}
	// On a key result or KPI, which have no children, n makes a sibling.
	if p := d.Org.Goals[parent]; p != nil && (p.Level == model.LevelKeyResult || p.Level == model.LevelKPI) {
		dr.Level = p.Level
		parent = p.Parent
	}
	if p := d.Org.Goals[parent]; p != nil {
		dr.Parent, dr.Team, dr.Period = p.ID, p.Team, p.Period
		if i := slices.Index(model.GoalLevels, p.Level); i >= 0 && i+1 < len(model.GoalLevels)-1 && dr.Level == model.LevelObjective {
			dr.Level = model.GoalLevels[i+1]
		}
	}
	if len(d.Org.Goals) == 0 {
		dr.Level = model.LevelMission // the first goal is the top of the pyramid
	}
	if me := d.Org.People[d.Me]; me != nil && dr.Team == "" && len(me.Teams) > 0 {
		dr.Team = me.Teams[0]
	}
	return &goalForm{formOrg: formOrg{d.Org}, id: model.NewID(model.KindGoal), formDraft: newDraft(dr)}
}

// EditGoal edits an existing goal.
func EditGoal(d *common.Data, g *model.Goal) *goalForm {
	dr := goalDraft{Title: g.Title, Description: g.Description, Level: g.Level, Parent: g.Parent,
		Owner: g.Owner, Team: g.Team, Period: g.Period, Weight: formatNumber(g.Weight),
		State: g.State, Outcome: g.Outcome, Cadence: g.Cadence, Direction: "increase"}
	if m := g.Metric; m != nil {
		dr.Unit, dr.Direction = m.Unit, m.Direction
		dr.Baseline, dr.Target = formatNumber(&m.Baseline), formatNumber(&m.Target)
	}
	return &goalForm{formOrg: formOrg{d.Org}, old: g, id: g.ID, formDraft: newDraft(dr)}
}

func (f *goalForm) title() string {
	if f.old == nil && f.draft.Parent != "" {
		return "New goal under " + f.draft.Parent
	}
	if f.old == nil {
		return "New goal"
	}
	return "Edit " + f.id + " · " + f.old.Title
}

// measured reports whether the goal has, or as a KR or KPI needs, a metric.
func (f *goalForm) measured() bool {
	d := f.draft
	return d.Level == model.LevelKeyResult || d.Level == model.LevelKPI || d.Unit != "" || d.Baseline != "" || d.Target != ""
}

func (f *goalForm) groups(ctx formCtx) []*huh.Group {
	check := ctx.check
	d := &f.draft
	// Key results and KPIs are leaves: only the levels above them parent.
	below := descendants(f.org, f.id)
	skip := func(id string) bool {
		if l := f.org.Goals[id].Level; l == model.LevelKeyResult || l == model.LevelKPI {
			return id != d.Parent // a broken record keeps showing what it has
		}
		return f.old != nil && below(id)
	}
	main := huh.NewGroup(
		huh.NewInput().Title("Title").Value(&d.Title).Validate(both(required("a title"), check, "title")),
		huh.NewSelect[string]().Title("Level").Options(enumOptions(model.GoalLevels, "")...).Inline(true).
			Value(&d.Level).Validate(func(string) error { return check("level") }),
		huh.NewSelect[string]().Title("Parent").Description("/ to filter").Height(pickerHeight).
			Options(goalOptions(f.org, "(no parent)", skip)...).Value(&d.Parent).
			Validate(func(string) error { return check("parent") }),
		huh.NewSelect[string]().Title("Owner").Height(pickerHeight).
			Options(personOptions(f.org, "(nobody yet)", d.Owner)...).Value(&d.Owner).
			Validate(func(string) error { return check("owner") }),
		huh.NewSelect[string]().Title("Team").Height(pickerHeight).
			Options(teamOptions(f.org, "(no team)")...).Value(&d.Team).
			Validate(func(string) error { return check("team") }),
		huh.NewInput().Title("Period").Placeholder("2026-Q4, 2026-H2 or 2026").Value(&d.Period).
			Validate(both(nil, check, "period")),
		huh.NewSelect[string]().Title("State").Options(enumOptions(model.GoalStates, "")...).Inline(true).
			Value(&d.State).Validate(func(string) error { return check("state") }),
		huh.NewSelect[string]().Title("Check-in cadence").Options(enumOptions(model.Cadences, "(team default)")...).Inline(true).
			Value(&d.Cadence),
		huh.NewText().Title("Description").Lines(3).Value(&d.Description),
	)
	metric := huh.NewGroup(
		huh.NewInput().Title("Unit").Placeholder("%, days, tickets…").Value(&d.Unit).Validate(both(nil, check, "metric")),
		huh.NewInput().Title("Baseline").Description("Where the metric started.").Value(&d.Baseline).
			Validate(requiredNumber("a baseline")),
		huh.NewInput().Title("Target").Description("Where it should end up.").Value(&d.Target).
			Validate(requiredNumber("a target")),
		huh.NewSelect[string]().Title("Better when it goes").Options(enumOptions(model.MetricDirections, "")...).Inline(true).
			Value(&d.Direction),
		huh.NewInput().Title("Weight in its parent's progress").Placeholder("1").Value(&d.Weight).Validate(validNumber),
	).Title("Metric").Description("How progress is measured: from baseline to target.").
		WithHideFunc(func() bool { return !f.measured() })
	closing := huh.NewGroup(
		huh.NewSelect[string]().Title("Outcome").Options(enumOptions(model.GoalOutcomes, "(not yet)")...).
			Value(&d.Outcome).Validate(func(string) error { return check("outcome") }),
	).Title("Closing").WithHideFunc(func() bool { return d.State != "closed" })
	return []*huh.Group{main, metric, closing}
}

func (f *goalForm) records() ([]model.Record, error) {
	g, err := f.goal()
	if err != nil {
		return nil, err
	}
	return []model.Record{g}, nil
}

// goal is the draft as a goal: the old one with the form's fields set.
func (f *goalForm) goal() (*model.Goal, error) {
	d := f.draft
	g := &model.Goal{ID: f.id}
	if f.old != nil {
		model.CopyRecord(g, f.old)
	}
	g.Title, g.Description, g.Level, g.Parent = d.Title, d.Description, d.Level, d.Parent
	g.Owner, g.Team, g.Period, g.State, g.Cadence = d.Owner, d.Team, d.Period, d.State, d.Cadence
	g.Outcome = d.Outcome
	if d.State != "closed" {
		g.Outcome = ""
	}
	w, err := optionalNumber(d.Weight)
	if err != nil {
		return nil, err
	}
	g.Weight = w
	g.Metric = nil
	if f.measured() {
		m := &model.Metric{Unit: d.Unit, Direction: d.Direction}
		if err := requiredNumber("a baseline")(d.Baseline); err != nil {
			return nil, err
		}
		if err := requiredNumber("a target")(d.Target); err != nil {
			return nil, err
		}
		m.Baseline, _ = parseNumber(d.Baseline)
		m.Target, _ = parseNumber(d.Target)
		g.Metric = m
	}
	return g, nil
}

func (f *goalForm) edits() ([]model.Edit, string, string, error) {
	g, err := f.goal()
	if err != nil {
		return nil, "", "", err
	}
	var old model.Record
	if f.old != nil {
		old = f.old
	}
	return []model.Edit{{Old: old, New: g}}, "", f.id, nil
}
