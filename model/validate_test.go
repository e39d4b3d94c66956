package model

// Tests of every validation rule. The file is long (about 890 lines)
// because TestValidateRules is the table of cases, one or more per rule id,
// and TestValidateDecisionTransition the table of lifecycle steps.

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// fxToday is the date every validation test runs on.
var fxToday = time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)

// IDs of the clean test organisation. Every one is well formed.
const (
	fxGoalMission  = "GOAL-M1SS10N0"
	fxGoalStrat    = "GOAL-STRAT001"
	fxGoalObj      = "GOAL-0BJ00001"
	fxGoalObj2     = "GOAL-0BJ00002"
	fxGoalKR       = "GOAL-7K3FQ2M1"
	fxGoalKPI      = "GOAL-KP100001"
	fxGoalDone     = "GOAL-D0NE0001"
	fxUpdKR        = "UPD-Q8W2ZD4N"
	fxUpdKPI       = "UPD-KP1CHK01"
	fxDecAccepted  = "DEC-2HV9PMQ4"
	fxDecOld       = "DEC-CAP25000"
	fxDecDraft     = "DEC-DRAFT001"
	fxRaciLaunch   = "RACI-J5N0RT8K"
	fxHandoffCSV   = "HO-HANDW001"
	fxGoalUnknown  = "GOAL-ZZZZZZZZ"
	fxUpdOrphan    = "UPD-0RPHAN01"
	fxRaciSecond   = "RACI-SEC0ND01"
	fxUpdGone      = "UPD-G0NE0001"
	fxGoalBadKind  = "DEC-2HV9PMQ5"
	fxGoalMalform  = "GOAL-12345"
	fxPersonClash  = "platform"
	fxPersonBadKey = "Mei"
)

func fxPtr[T any](v T) *T { return &v }

// fxSource places a record at its canonical path with each top-level field
// on its own line, in declaration order, so a test can check that a finding
// points at the right line.
func fxSource(r Record) *Source {
	p, err := PathOf(r.RecordKind(), r.RecordID())
	if err != nil {
		p = r.RecordKind().Dir() + "/" + r.RecordID() + ".yaml"
	}
	src := &Source{Path: p, Fields: map[string]Pos{}}
	t := reflect.TypeOf(r).Elem()
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		src.Fields[name] = Pos{Line: i + 1, Column: 1}
	}
	return src
}

func fxAdd(o *Org, rs ...Record) {
	for _, r := range rs {
		o.Add(r, fxSource(r))
	}
}

// fxCleanOrg is a small, realistic organisation that breaks no rule.
func fxCleanOrg() *Org {
	o := NewOrg()
	o.Config = Config{
		Org: "Northwind Labs", Schema: SchemaVersion,
		Periods:       []string{"2026", "2026-Q3", "2026-Q4", "2027-Q1"},
		CurrentPeriod: "2026-Q4",
		Enums:         Enums{Units: []string{"days", "%"}, Tags: []string{"platform", "onboarding"}},
	}
	fxAdd(o,
		&Person{ID: "mei", Name: "Mei Chen", Emails: []string{"mei@example.com"}, Teams: []string{"product"}, Role: "CPO"},
		&Person{ID: "raj", Name: "Raj Patel", Emails: []string{"raj@example.com"}, Teams: []string{"onboarding"}, Manager: "mei"},
		&Person{ID: "ana", Name: "Ana Silva", Teams: []string{"platform"}, Manager: "mei"},
		&Person{ID: "tom", Name: "Tom Berg", Teams: []string{"platform"}, Manager: "ana", Active: fxPtr(false)},
		&Team{ID: "product", Name: "Product", Lead: "mei"},
		&Team{ID: "onboarding", Name: "Onboarding", Lead: "raj", Parent: "product"},
		&Team{ID: "platform", Name: "Platform", Lead: "ana", Parent: "product"},
		&Team{ID: "security", Name: "Security"},
		&Team{ID: "support", Name: "Support", Parent: "product"},

		&Goal{ID: fxGoalMission, Title: "Make every customer successful in a week", Level: LevelMission, Owner: "mei", State: "active"},
		&Goal{ID: fxGoalStrat, Title: "Grow self-serve revenue", Level: LevelStrategic, Parent: fxGoalMission, Owner: "mei", Period: "2026", State: "active"},
		&Goal{ID: fxGoalObj, Title: "Cut time-to-first-value", Level: LevelObjective, Parent: fxGoalStrat, Owner: "raj", Team: "onboarding", Period: "2026-Q4", State: "active"},
		&Goal{ID: fxGoalKR, Title: "Median days to first dashboard", Level: LevelKeyResult, Parent: fxGoalObj, Owner: "raj", Team: "onboarding",
			Period: "2026-Q4", Metric: &Metric{Unit: "days", Baseline: 14, Target: 5, Direction: "decrease"}, Weight: fxPtr(0.5), State: "active", Cadence: "weekly"},
		&Goal{ID: fxGoalKPI, Title: "Uptime", Level: LevelKPI, Owner: "ana", Team: "platform",
			Metric: &Metric{Unit: "%", Baseline: 99.9, Target: 99.9, Direction: "increase"}, State: "active", Cadence: "monthly"},
		&Goal{ID: fxGoalDone, Title: "Launch the new pricing page", Level: LevelObjective, Parent: fxGoalStrat, Owner: "tom", Period: "2026-Q3",
			State: "closed", Outcome: "achieved"},

		&Update{ID: fxUpdKR, Target: fxGoalKR, Author: "raj", Date: "2026-11-14", Health: HealthAtRisk, Value: fxPtr(9.0), Confidence: fxPtr(0.6),
			Summary: "Import wizard slipped a sprint.", Problems: []string{"Blocked on " + fxDecAccepted},
			Asks: []Ask{{From: "platform", What: "decide the upload limit by Nov 20"}}},
		&Update{ID: fxUpdKPI, Target: fxGoalKPI, Author: "ana", Date: "2026-11-01", Health: HealthOnTrack, Value: fxPtr(99.95), Summary: "All green."},

		&Decision{ID: fxDecAccepted, Title: "Cap CSV uploads at 50 MB and parse them as a stream", Status: DecisionAccepted, Date: "2026-11-19",
			Driver: "raj", Approver: "mei", DecisionMakers: []string{"mei", "raj"}, Consulted: []string{"platform", "security"},
			Informed: []string{"support", "onboarding"}, Context: "Customers upload exports of up to 2 GB.",
			Options: []Option{
				{ID: "cap50", Title: "50 MB cap and a streaming parser", Good: []string{"Fits"}, Bad: []string{"Split files"}},
				{ID: "direct", Title: "Direct upload to object storage"},
			},
			Outcome: &Outcome{Chosen: "cap50", Rationale: "Unblocks the key result now."}, Goals: []string{fxGoalKR},
			Supersedes: fxDecOld, ReviewBy: "2027-02-15", Tags: []string{"platform"}},
		&Decision{ID: fxDecOld, Title: "Cap CSV uploads at 25 MB", Status: DecisionSuperseded, Driver: "raj", Approver: "mei",
			Options: []Option{{ID: "cap25", Title: "25 MB cap"}}, Outcome: &Outcome{Chosen: "cap25"}, SupersededBy: fxDecAccepted},
		&Decision{ID: fxDecDraft, Title: "Move imports to a queue", Status: DecisionDraft, Driver: "ana"},

		&RACI{ID: fxRaciLaunch, Title: "CSV import wizard launch", Subject: Subject{Kind: "deliverable", Name: "CSV import wizard"},
			Accountable: OneOrMore{"mei"}, Responsible: []string{"raj", "platform"}, Consulted: []string{"security"},
			Informed: []string{"support", "ana"}, Due: "2026-11-29", State: "agreed"},

		&Handoff{ID: fxHandoffCSV, Title: "Streaming CSV parser", From: Party{Team: "platform", Owner: "ana"}, To: Party{Team: "onboarding", Owner: "raj"},
			Deliverables: []Deliverable{{ID: "parser", Title: "Streaming parser library", Acceptance: []string{"Parses 2 GB in under a minute"}},
				{ID: "docs", Title: "Integration guide"}},
			Due: "2026-12-01", State: "in_progress"},
	)
	return o
}

// wantFinding is one finding a test expects. field is the top-level field the
// finding must point at ("" for no line); says lists text the message must
// contain.
type wantFinding struct {
	rule  string
	sev   Severity
	id    string
	field string
	says  []string
}

func TestValidateCleanOrg(t *testing.T) {
	t.Parallel()
	o := fxCleanOrg()
	o.Index()
	if got := Validate(o, ValidateOptions{Today: fxToday}); len(got) != 0 {
		t.Fatalf("a clean organisation has findings:\n%s", showFindings(got))
	}
}

func TestValidateRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		mutate func(o *Org)
		base   func(o *Org) map[string]Record
		noDay  bool // validate without a date for today
		want   []wantFinding
	}{
		{
			name:   "required title",
			mutate: func(o *Org) { o.Goals[fxGoalKR].Title = "" },
			want:   []wantFinding{{"schema.required", SeverityError, fxGoalKR, "title", []string{"title is missing", "goal"}}},
		},
		{
			name:   "required subject id",
			mutate: func(o *Org) { o.RACIs[fxRaciLaunch].Subject = Subject{Kind: "decision"} },
			want:   []wantFinding{{"schema.required", SeverityError, fxRaciLaunch, "subject", []string{"subject.id is missing", "decision"}}},
		},
		{
			name:   "required ask from",
			mutate: func(o *Org) { o.Updates[fxUpdKR].Asks[0].From = "" },
			want:   []wantFinding{{"schema.required", SeverityError, fxUpdKR, "asks", []string{"to in ask 1 is missing"}}},
		},
		{
			name:   "enum",
			mutate: func(o *Org) { o.Goals[fxGoalKR].Level = "keyresult" },
			want:   []wantFinding{{"schema.enum", SeverityError, fxGoalKR, "level", []string{`level "keyresult"`, "key_result"}}},
		},
		{
			name:   "enum subject kind",
			mutate: func(o *Org) { o.RACIs[fxRaciLaunch].Subject.Kind = "project" },
			want:   []wantFinding{{"schema.enum", SeverityError, fxRaciLaunch, "subject", []string{`subject.kind "project"`, "deliverable, decision, goal, handoff"}}},
		},
		{
			name:   "date",
			mutate: func(o *Org) { o.RACIs[fxRaciLaunch].Due = "29/11/2026" },
			want:   []wantFinding{{"schema.date", SeverityError, fxRaciLaunch, "due", []string{`due "29/11/2026"`, "YYYY-MM-DD"}}},
		},
		{
			name:   "impossible date",
			mutate: func(o *Org) { o.Decisions[fxDecAccepted].ReviewBy = "2027-02-30" },
			want:   []wantFinding{{"schema.date", SeverityError, fxDecAccepted, "review_by", []string{`"2027-02-30"`}}},
		},
		{
			name:   "confidence range",
			mutate: func(o *Org) { o.Updates[fxUpdKR].Confidence = fxPtr(1.5) },
			want:   []wantFinding{{"schema.range", SeverityError, fxUpdKR, "confidence", []string{"confidence 1.5", "0 to 1"}}},
		},
		{
			name:   "weight range",
			mutate: func(o *Org) { o.Goals[fxGoalKR].Weight = fxPtr(-0.5) },
			want:   []wantFinding{{"schema.range", SeverityError, fxGoalKR, "weight", []string{"weight -0.5"}}},
		},
		{
			name:   "duplicate in list",
			mutate: func(o *Org) { o.Decisions[fxDecAccepted].Consulted = []string{"security", "platform", "security"} },
			want:   []wantFinding{{"schema.duplicate", SeverityWarning, fxDecAccepted, "consulted", []string{"consulted lists security two times"}}},
		},
		{
			name:   "unit",
			mutate: func(o *Org) { o.Goals[fxGoalKR].Metric.Unit = "weeks" },
			want:   []wantFinding{{"schema.unit", SeverityWarning, fxGoalKR, "metric", []string{`"weeks"`, "days, %"}}},
		},
		{
			name:   "tag",
			mutate: func(o *Org) { o.Decisions[fxDecAccepted].Tags = []string{"platfrom"} },
			want:   []wantFinding{{"schema.tag", SeverityWarning, fxDecAccepted, "tags", []string{`"platfrom"`, "platform, onboarding"}}},
		},
		{
			name: "malformed goal ID",
			mutate: func(o *Org) {
				o.Add(&Goal{ID: fxGoalMalform, Title: "Bad", Level: LevelObjective, Parent: fxGoalStrat, State: "draft"},
					&Source{Path: "goals/12/" + fxGoalMalform + ".yaml"})
			},
			want: []wantFinding{{"id.malformed", SeverityError, fxGoalMalform, "id", []string{`"GOAL-12345"`, "GOAL-", "8 Crockford"}}},
		},
		{
			name: "malformed handle",
			mutate: func(o *Org) {
				p := &Person{ID: fxPersonBadKey, Name: "Mei Again"}
				fxAdd(o, p)
				o.Sources[fxPersonBadKey].Path = "people/Mei.yaml"
			},
			want: []wantFinding{{"id.malformed", SeverityError, fxPersonBadKey, "id", []string{`handle "Mei"`, "lower-case"}}},
		},
		{
			name: "ID of another kind",
			mutate: func(o *Org) {
				o.Add(&Goal{ID: fxGoalBadKind, Title: "Wrong kind", Level: LevelKPI, State: "draft", Metric: &Metric{Unit: "%", Target: 1, Direction: "increase"}},
					&Source{Path: "goals/2H/" + fxGoalBadKind + ".yaml"})
			},
			want: []wantFinding{{"id.kind", SeverityError, fxGoalBadKind, "id", []string{fxGoalBadKind, "decision ID", "goals/"}}},
		},
		{
			name:   "ID differs from file name",
			mutate: func(o *Org) { o.Sources[fxGoalKR].Path = "goals/7K/GOAL-7K3FQ2M2.yaml" },
			want:   []wantFinding{{"id.mismatch", SeverityError, fxGoalKR, "id", []string{fxGoalKR, "GOAL-7K3FQ2M2.yaml"}}},
		},
		{
			name:   "file in the wrong shard",
			mutate: func(o *Org) { o.Sources[fxGoalKR].Path = "goals/XX/" + fxGoalKR + ".yaml" },
			want:   []wantFinding{{"id.path", SeverityWarning, fxGoalKR, "id", []string{"goals/XX/" + fxGoalKR + ".yaml", "goals/7K/" + fxGoalKR + ".yaml"}}},
		},
		{
			name:   "handle clash",
			mutate: func(o *Org) { fxAdd(o, &Person{ID: fxPersonClash, Name: "Plat Form"}) },
			want:   []wantFinding{{"id.handle-clash", SeverityError, fxPersonClash, "", []string{"platform", "both a person and a team"}}},
		},
		{
			name:   "period format",
			mutate: func(o *Org) { o.Goals[fxGoalKR].Period = "Q4 2026" },
			want:   []wantFinding{{"period.format", SeverityError, fxGoalKR, "period", []string{`"Q4 2026"`}}},
		},
		{
			name:   "period not listed",
			mutate: func(o *Org) { o.Goals[fxGoalKR].Period = "2027-Q2" },
			want:   []wantFinding{{"period.unknown", SeverityWarning, fxGoalKR, "period", []string{"2027-Q2", "2026, 2026-Q3, 2026-Q4, 2027-Q1"}}},
		},
		{
			name: "check-in for an unknown goal",
			mutate: func(o *Org) {
				fxAdd(o, &Update{ID: fxUpdOrphan, Target: fxGoalUnknown, Author: "raj", Date: "2026-11-18", Health: HealthOnTrack, Summary: "Fine."})
			},
			want: []wantFinding{{"ref.unknown", SeverityError, fxUpdOrphan, "target", []string{"target names " + fxGoalUnknown, "not a known goal"}}},
		},
		{
			name:   "unknown RACI participant",
			mutate: func(o *Org) { o.RACIs[fxRaciLaunch].Consulted = []string{"secrity"} },
			want:   []wantFinding{{"ref.unknown", SeverityError, fxRaciLaunch, "consulted", []string{"secrity", "person or team"}}},
		},
		{
			name:   "unknown subject",
			mutate: func(o *Org) { o.RACIs[fxRaciLaunch].Subject = Subject{Kind: "goal", ID: fxGoalUnknown} },
			want:   []wantFinding{{"ref.unknown", SeverityError, fxRaciLaunch, "subject", []string{"subject.id names " + fxGoalUnknown, "goal"}}},
		},
		{
			name:   "unknown manager",
			mutate: func(o *Org) { o.People["raj"].Manager = "meii" },
			want:   []wantFinding{{"ref.unknown", SeverityError, "raj", "manager", []string{"manager names meii", "person"}}},
		},
		{
			name:   "reference of the wrong kind",
			mutate: func(o *Org) { o.Goals[fxGoalKR].Owner = "platform" },
			want:   []wantFinding{{"ref.kind", SeverityError, fxGoalKR, "owner", []string{"owner names platform", "a team, not a person"}}},
		},
		{
			name:   "parent that is a decision",
			mutate: func(o *Org) { o.Goals[fxGoalKR].Parent = fxDecAccepted },
			want:   []wantFinding{{"ref.kind", SeverityError, fxGoalKR, "parent", []string{fxDecAccepted, "a decision, not a goal"}}},
		},
		{
			name: "goal cycle",
			mutate: func(o *Org) {
				fxAdd(o, &Goal{ID: fxGoalObj2, Title: "Loop", Level: LevelObjective, Parent: fxGoalObj, State: "active"})
				o.Goals[fxGoalObj].Parent = fxGoalObj2
			},
			want: []wantFinding{{"goal.cycle", SeverityError, fxGoalObj, "parent", []string{fxGoalObj + " → " + fxGoalObj2 + " → " + fxGoalObj}}},
		},
		{
			name:   "key result under a strategic goal",
			mutate: func(o *Org) { o.Goals[fxGoalKR].Parent = fxGoalStrat },
			want:   []wantFinding{{"goal.shape", SeverityWarning, fxGoalKR, "parent", []string{"key result", fxGoalStrat, "a strategic goal"}}},
		},
		{
			name:   "mission with a parent",
			mutate: func(o *Org) { o.Goals[fxGoalMission].Parent = fxGoalKPI },
			want:   []wantFinding{{"goal.shape", SeverityWarning, fxGoalMission, "parent", []string{"mission", fxGoalKPI, "a KPI"}}},
		},
		{
			name:   "key result without a metric",
			mutate: func(o *Org) { o.Goals[fxGoalKR].Metric = nil },
			want:   []wantFinding{{"goal.metric-missing", SeverityError, fxGoalKR, "level", []string{"a key result needs a metric"}}},
		},
		{
			name:   "KPI without a metric",
			mutate: func(o *Org) { o.Goals[fxGoalKPI].Metric = nil },
			want:   []wantFinding{{"goal.metric-missing", SeverityError, fxGoalKPI, "level", []string{"a KPI needs a metric"}}},
		},
		{
			name:   "metric target against its direction",
			mutate: func(o *Org) { o.Goals[fxGoalKR].Metric.Direction = "increase" },
			want:   []wantFinding{{"goal.metric-target", SeverityWarning, fxGoalKR, "metric", []string{"increase", "target 5", "baseline 14"}}},
		},
		{
			name:   "key result asking for no change",
			mutate: func(o *Org) { o.Goals[fxGoalKR].Metric.Target = 14 },
			want:   []wantFinding{{"goal.metric-target", SeverityWarning, fxGoalKR, "metric", []string{"equals its baseline (14)"}}},
		},
		{
			name:   "closed goal without outcome",
			mutate: func(o *Org) { o.Goals[fxGoalDone].Outcome = "" },
			want:   []wantFinding{{"goal.outcome-missing", SeverityWarning, fxGoalDone, "state", []string{"closed", "achieved"}}},
		},
		{
			name:   "team cycle",
			mutate: func(o *Org) { o.Teams["product"].Parent = "onboarding" },
			want:   []wantFinding{{"team.cycle", SeverityError, "onboarding", "parent", []string{"onboarding → product → onboarding"}}},
		},
		{
			name:   "manager cycle",
			mutate: func(o *Org) { o.People["mei"].Manager = "raj" },
			want:   []wantFinding{{"person.cycle", SeverityError, "mei", "manager", []string{"mei → raj → mei"}}},
		},
		{
			name: "supersession cycle, written on both sides",
			mutate: func(o *Org) {
				d, old := o.Decisions[fxDecAccepted], o.Decisions[fxDecOld]
				d.Status, d.SupersededBy = DecisionSuperseded, fxDecOld
				old.Supersedes = fxDecAccepted
			},
			want: []wantFinding{{"decision.cycle", SeverityError, fxDecAccepted, "supersedes", []string{fxDecAccepted + " → " + fxDecOld + " → " + fxDecAccepted}}},
		},
		{
			name: "self-supersession",
			mutate: func(o *Org) {
				o.Decisions[fxDecDraft].SupersededBy = fxDecDraft
				o.Decisions[fxDecDraft].Status = DecisionSuperseded
			},
			want: []wantFinding{
				{"decision.cycle", SeverityError, fxDecDraft, "superseded_by", []string{fxDecDraft + " → " + fxDecDraft}},
			},
		},
		{
			name:   "inactive owner of an open goal",
			mutate: func(o *Org) { o.Goals[fxGoalKR].Owner = "tom" },
			want:   []wantFinding{{"person.inactive-owner", SeverityWarning, fxGoalKR, "owner", []string{"owner tom", "no longer active", "goal"}}},
		},
		{
			name:   "inactive owner of an open hand-off",
			mutate: func(o *Org) { o.Handoffs[fxHandoffCSV].From.Owner = "tom" },
			want:   []wantFinding{{"person.inactive-owner", SeverityWarning, fxHandoffCSV, "from", []string{"from.owner tom", "hand-off"}}},
		},
		{
			name:   "inactive approver of a draft decision",
			mutate: func(o *Org) { o.Decisions[fxDecDraft].Approver = "tom" },
			want:   []wantFinding{{"person.inactive-owner", SeverityWarning, fxDecDraft, "approver", []string{"approver tom", "draft decision"}}},
		},
		{
			name:   "inactive Responsible",
			mutate: func(o *Org) { o.RACIs[fxRaciLaunch].Responsible = []string{"tom"} },
			want:   []wantFinding{{"person.inactive-owner", SeverityWarning, fxRaciLaunch, "responsible", []string{"responsible tom", "RACI item"}}},
		},
		{
			name:   "accepted without approver",
			mutate: func(o *Org) { o.Decisions[fxDecAccepted].Approver = "" },
			want:   []wantFinding{{"decision.approver-missing", SeverityError, fxDecAccepted, "status", []string{"accepted", "approver"}}},
		},
		{
			name:   "accepted without a choice",
			mutate: func(o *Org) { o.Decisions[fxDecAccepted].Outcome.Chosen = "" },
			want:   []wantFinding{{"decision.chosen-missing", SeverityError, fxDecAccepted, "status", []string{"outcome.chosen is empty"}}},
		},
		{
			name:   "choice that is not an option",
			mutate: func(o *Org) { o.Decisions[fxDecAccepted].Outcome.Chosen = "cap100" },
			want:   []wantFinding{{"decision.chosen-unknown", SeverityError, fxDecAccepted, "outcome", []string{"cap100", "(cap50, direct)"}}},
		},
		{
			name:   "duplicate option id",
			mutate: func(o *Org) { o.Decisions[fxDecAccepted].Options[1].ID = "cap50" },
			want:   []wantFinding{{"decision.option-duplicate", SeverityError, fxDecAccepted, "options", []string{"option id cap50"}}},
		},
		{
			name:   "option without id",
			mutate: func(o *Org) { o.Decisions[fxDecAccepted].Options[1].ID = "" },
			want:   []wantFinding{{"schema.required", SeverityError, fxDecAccepted, "options", []string{"id in option 2 is missing"}}},
		},
		{
			name:   "superseded without superseded_by",
			mutate: func(o *Org) { o.Decisions[fxDecOld].SupersededBy = "" },
			want: []wantFinding{
				{"decision.superseded-by-missing", SeverityError, fxDecOld, "status", []string{"superseded_by is empty"}},
				{"decision.supersede-link", SeverityError, fxDecAccepted, "supersedes", []string{"accepted and supersedes " + fxDecOld, "superseded_by is empty"}},
			},
		},
		{
			name:   "one-sided supersession",
			mutate: func(o *Org) { o.Decisions[fxDecAccepted].Supersedes = "" },
			want: []wantFinding{{"decision.supersede-link", SeverityError, fxDecOld, "superseded_by",
				[]string{"superseded_by names " + fxDecAccepted, fxDecAccepted + "'s supersedes is empty, not " + fxDecOld}}},
		},
		{
			name:   "superseded_by on a decision still deprecated",
			mutate: func(o *Org) { o.Decisions[fxDecOld].Status = DecisionDeprecated },
			want:   []wantFinding{{"decision.superseded-status", SeverityWarning, fxDecOld, "status", []string{fxDecAccepted, "deprecated"}}},
		},
		{
			// A draft successor is pending: the decision it names stays as it is.
			name:   "draft about to supersede",
			mutate: func(o *Org) { o.Decisions[fxDecDraft].Supersedes = fxDecOld },
		},
		{
			name: "rejected claiming to supersede",
			mutate: func(o *Org) {
				o.Decisions[fxDecDraft].Supersedes, o.Decisions[fxDecDraft].Status = fxDecOld, DecisionRejected
			},
			want: []wantFinding{
				{"decision.supersedes-inactive", SeverityWarning, fxDecDraft, "supersedes", []string{fxDecOld, "was itself rejected"}},
			},
		},
		{
			// The defect this rule catches: the old decision flipped while its
			// replacement was only proposed, and could never come back.
			name: "superseded by a decision that is only proposed",
			mutate: func(o *Org) {
				o.Decisions[fxDecAccepted].Status, o.Decisions[fxDecAccepted].Outcome = DecisionProposed, nil
			},
			want: []wantFinding{
				{"decision.superseded-early", SeverityError, fxDecOld, "superseded_by", []string{"superseded by " + fxDecAccepted + ", which is only proposed"}},
			},
		},
		{
			name: "forbidden transition",
			base: func(o *Org) map[string]Record {
				old := *o.Decisions[fxDecAccepted]
				old.Status = DecisionDraft
				return map[string]Record{fxDecAccepted: &old}
			},
			want: []wantFinding{{"decision.transition", SeverityError, fxDecAccepted, "status", []string{"from draft to accepted", "propose it first"}}},
		},
		{
			name:   "allowed transition and a new record",
			mutate: func(o *Org) {},
			base: func(o *Org) map[string]Record {
				old := *o.Decisions[fxDecAccepted]
				old.Status = DecisionProposed
				return map[string]Record{fxDecAccepted: &old, fxDecDraft: nil}
			},
		},
		{
			name:   "review date passed",
			mutate: func(o *Org) { o.Decisions[fxDecAccepted].ReviewBy = "2026-11-01" },
			want:   []wantFinding{{"decision.review-due", SeverityInfo, fxDecAccepted, "review_by", []string{"review_by 2026-11-01"}}},
		},
		{
			name:   "no Accountable",
			mutate: func(o *Org) { o.RACIs[fxRaciLaunch].Accountable = nil },
			want:   []wantFinding{{"raci.accountable-missing", SeverityError, fxRaciLaunch, "accountable", []string{"no Accountable"}}},
		},
		{
			name:   "two Accountables",
			mutate: func(o *Org) { o.RACIs[fxRaciLaunch].Accountable = OneOrMore{"mei", "raj"} },
			want: []wantFinding{{"raci.accountable-multiple", SeverityError, fxRaciLaunch, "accountable",
				[]string{"RACI has two Accountables (mei, raj); exactly one person must be Accountable"}}},
		},
		{
			name:   "retired RACI is not held to the golden rules",
			mutate: func(o *Org) { o.RACIs[fxRaciLaunch].Accountable = nil; o.RACIs[fxRaciLaunch].State = "retired" },
		},
		{
			name: "team Accountable",
			mutate: func(o *Org) {
				o.RACIs[fxRaciLaunch].Accountable = OneOrMore{"security"}
				o.RACIs[fxRaciLaunch].Consulted = nil
			},
			want: []wantFinding{{"raci.accountable-team", SeverityError, fxRaciLaunch, "accountable", []string{"accountable security is a team"}}},
		},
		{
			name:   "nobody Responsible",
			mutate: func(o *Org) { o.RACIs[fxRaciLaunch].Responsible = nil },
			want:   []wantFinding{{"raci.responsible-missing", SeverityError, fxRaciLaunch, "responsible", []string{"nobody Responsible"}}},
		},
		{
			name:   "Responsible and Consulted",
			mutate: func(o *Org) { o.RACIs[fxRaciLaunch].Consulted = []string{"security", "raj"} },
			want:   []wantFinding{{"raci.role-conflict", SeverityError, fxRaciLaunch, "consulted", []string{"raj is Responsible and Consulted"}}},
		},
		{
			name:   "Accountable and Informed",
			mutate: func(o *Org) { o.RACIs[fxRaciLaunch].Informed = []string{"support", "mei"} },
			want:   []wantFinding{{"raci.role-conflict", SeverityError, fxRaciLaunch, "informed", []string{"mei is Accountable and Informed"}}},
		},
		{
			name:   "Accountable and Responsible is allowed",
			mutate: func(o *Org) { o.RACIs[fxRaciLaunch].Responsible = []string{"mei", "raj"} },
		},
		{
			name: "Accountable for too much",
			mutate: func(o *Org) {
				o.Config.Limits.MaxAccountable = 1
				r := *o.RACIs[fxRaciLaunch]
				r.ID, r.Title = fxRaciSecond, "Pricing page"
				fxAdd(o, &r)
			},
			want: []wantFinding{{"raci.overload", SeverityWarning, "mei", "id", []string{"mei is Accountable for 2", fxRaciLaunch + ", " + fxRaciSecond, "limit is 1"}}},
		},
		{
			name:   "stale check-in",
			mutate: func(o *Org) { o.Updates[fxUpdKR].Date = "2026-11-01" },
			want:   []wantFinding{{"update.stale", SeverityWarning, fxGoalKR, "cadence", []string{"19 days ago", fxUpdKR, "weekly", "every 7 days", "3 days' grace"}}},
		},
		{
			name:   "within the grace period",
			mutate: func(o *Org) { o.Updates[fxUpdKR].Date = "2026-11-10" }, // 10 days: 7 + 3 grace
		},
		{
			name:   "no check-in at all",
			mutate: func(o *Org) { o.Remove(fxUpdKPI) },
			want:   []wantFinding{{"update.stale", SeverityWarning, fxGoalKPI, "cadence", []string{"no check-in yet", "monthly", "every 31 days"}}},
		},
		{
			name:   "check-in from the future",
			mutate: func(o *Org) { o.Updates[fxUpdKR].Date = "2026-11-25" },
			want:   []wantFinding{{"update.future-date", SeverityWarning, fxUpdKR, "date", []string{"2026-11-25", "2026-11-20"}}},
		},
		{
			name: "edited check-in",
			base: func(o *Org) map[string]Record {
				old := *o.Updates[fxUpdKR]
				old.Health = HealthOnTrack
				return map[string]Record{fxUpdKR: &old}
			},
			want: []wantFinding{{"update.edited", SeverityError, fxUpdKR, "health", []string{"health on_track → at_risk", "append-only"}}},
		},
		{
			name: "deleted check-in",
			base: func(o *Org) map[string]Record {
				return map[string]Record{fxUpdGone: &Update{ID: fxUpdGone, Target: fxGoalKR, Author: "raj", Date: "2026-11-07", Health: HealthOnTrack, Summary: "ok"}}
			},
			want: []wantFinding{{"update.deleted", SeverityWarning, fxUpdGone, "", []string{fxUpdGone, "append-only"}}},
		},
		{
			name:   "at risk with no problems",
			mutate: func(o *Org) { o.Updates[fxUpdKR].Problems = nil },
			want:   []wantFinding{{"update.problems-missing", SeverityInfo, fxUpdKR, "health", []string{"at_risk", "no problems"}}},
		},
		{
			name:   "duplicate deliverable",
			mutate: func(o *Org) { o.Handoffs[fxHandoffCSV].Deliverables[1].ID = "parser" },
			want:   []wantFinding{{"handoff.deliverable-duplicate", SeverityError, fxHandoffCSV, "deliverables", []string{"deliverable id parser"}}},
		},
		{
			name:   "hand-off to the same team",
			mutate: func(o *Org) { o.Handoffs[fxHandoffCSV].To.Team = "platform" },
			want:   []wantFinding{{"handoff.same-team", SeverityError, fxHandoffCSV, "to", []string{"from platform to platform"}}},
		},
		{
			name:   "overdue hand-off",
			mutate: func(o *Org) { o.Handoffs[fxHandoffCSV].Due = "2026-11-10" },
			want:   []wantFinding{{"handoff.overdue", SeverityWarning, fxHandoffCSV, "due", []string{"2026-11-10", "in progress"}}},
		},
		{
			name: "delivered hand-off is not overdue",
			mutate: func(o *Org) {
				o.Handoffs[fxHandoffCSV].Due = "2026-11-10"
				o.Handoffs[fxHandoffCSV].State = "delivered"
			},
		},
		{
			name:   "without today, date rules are skipped",
			mutate: func(o *Org) { o.Handoffs[fxHandoffCSV].Due = "2026-11-10"; o.Remove(fxUpdKPI) },
			noDay:  true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := fxCleanOrg()
			opts := ValidateOptions{Today: fxToday}
			if tt.noDay {
				opts.Today = time.Time{}
			}
			if tt.base != nil {
				opts.Base = tt.base(o)
			}
			if tt.mutate != nil {
				tt.mutate(o)
			}
			o.Index()
			got := Validate(o, opts)
			checkFindings(t, o, got, tt.want)
		})
	}
}

// checkFindings asserts that got holds exactly the wanted findings, each at
// the line of its field.
func checkFindings(t *testing.T, o *Org, got []Finding, wants []wantFinding) {
	t.Helper()
	if len(got) != len(wants) {
		t.Fatalf("got %d findings, want %d:\n%s", len(got), len(wants), showFindings(got))
	}
	used := make([]bool, len(got))
	for _, w := range wants {
		found := false
		for i, f := range got {
			if used[i] || f.Rule != w.rule || f.ID != w.id {
				continue
			}
			used[i], found = true, true
			if f.Severity != w.sev {
				t.Errorf("%s on %s: severity %s, want %s", w.rule, w.id, f.Severity, w.sev)
			}
			for _, s := range w.says {
				if !strings.Contains(f.Message, s) {
					t.Errorf("%s on %s: message %q does not say %q", w.rule, w.id, f.Message, s)
				}
			}
			if f.File == "" {
				t.Errorf("%s on %s: no file", w.rule, w.id)
			}
			if w.field != "" {
				if src := o.Sources[w.id]; src != nil && f.Line != src.FieldPos(w.field).Line {
					t.Errorf("%s on %s: line %d, want %d (the %s field)", w.rule, w.id, f.Line, src.FieldPos(w.field).Line, w.field)
				}
			}
			if strings.Contains(f.Message, "%!") {
				t.Errorf("%s on %s: badly formatted message %q", w.rule, w.id, f.Message)
			}
			break
		}
		if !found {
			t.Errorf("no %s finding on %s in:\n%s", w.rule, w.id, showFindings(got))
		}
	}
}

func showFindings(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "  %s\n", f)
	}
	return b.String()
}

func TestValidateCycleReportedOnce(t *testing.T) {
	t.Parallel()
	o := fxCleanOrg()
	// A key result hangs off a loop of three objectives; the loop is reported
	// once, on its smallest ID, and the key result is not blamed for it.
	const fxGoalObj3 = "GOAL-0BJ00003"
	fxAdd(o,
		&Goal{ID: fxGoalObj2, Title: "Two", Level: LevelObjective, Parent: fxGoalObj3, State: "active"},
		&Goal{ID: fxGoalObj3, Title: "Three", Level: LevelObjective, Parent: fxGoalObj, State: "active"},
	)
	o.Goals[fxGoalObj].Parent = fxGoalObj2
	o.Index()
	got := Validate(o, ValidateOptions{Today: fxToday})
	var cycles []Finding
	for _, f := range got {
		if f.Rule == "goal.cycle" {
			cycles = append(cycles, f)
		}
	}
	if len(cycles) != 1 {
		t.Fatalf("got %d goal.cycle findings, want 1:\n%s", len(cycles), showFindings(got))
	}
	wantMsg := fxGoalObj + " → " + fxGoalObj2 + " → " + fxGoalObj3 + " → " + fxGoalObj
	if c := cycles[0]; c.ID != fxGoalObj || !strings.Contains(c.Message, wantMsg) {
		t.Errorf("cycle reported as %s, want it on %s naming %s", c, fxGoalObj, wantMsg)
	}
}

func TestValidateKeepsProblems(t *testing.T) {
	t.Parallel()
	o := fxCleanOrg()
	bad := Finding{Rule: "file.unreadable", Severity: SeverityError, File: "goals/AB/GOAL-AB000000.yaml", Line: 3, Column: 5,
		Message: "mapping values are not allowed in this context"}
	o.Problems = []Finding{bad}
	o.Goals[fxGoalKR].Title = ""
	o.Index()
	got := Validate(o, ValidateOptions{Today: fxToday})
	if len(got) != 2 || !slices.Contains(got, bad) {
		t.Fatalf("want the unreadable file and the missing title, got:\n%s", showFindings(got))
	}
	if !slices.IsSortedFunc(got, func(a, b Finding) int { return strings.Compare(a.File, b.File) }) {
		t.Errorf("findings are not sorted by file:\n%s", showFindings(got))
	}
}

func TestValidateUnsavedRecordNamesItsFile(t *testing.T) {
	t.Parallel()
	o := fxCleanOrg()
	o.Add(&Goal{ID: fxGoalObj2, Level: LevelObjective, Parent: fxGoalStrat, State: "draft"}, nil)
	o.Index()
	got := Validate(o, ValidateOptions{Today: fxToday})
	if len(got) != 1 || got[0].File != "goals/0B/"+fxGoalObj2+".yaml" || got[0].Line != 0 {
		t.Fatalf("want one finding on goals/0B/%s.yaml with no line, got:\n%s", fxGoalObj2, showFindings(got))
	}
}

func TestValidateDecisionTransition(t *testing.T) {
	t.Parallel()
	tests := []struct {
		from, to string
		ok       bool
		says     string
	}{
		{"", DecisionDraft, true, ""},
		{"", DecisionAccepted, true, ""},
		{"", DecisionSuperseded, true, ""}, // the missing link is decision.superseded-by-missing
		{DecisionDraft, DecisionDraft, true, ""},
		{DecisionDraft, DecisionProposed, true, ""},
		{DecisionDraft, DecisionRejected, true, ""},
		{DecisionDraft, DecisionAccepted, false, "propose it first"},
		{DecisionProposed, DecisionAccepted, true, ""},
		{DecisionProposed, DecisionRejected, true, ""},
		{DecisionProposed, DecisionDraft, true, ""},
		{DecisionProposed, DecisionSuperseded, false, "accepted, rejected or draft"},
		{DecisionAccepted, DecisionDeprecated, true, ""},
		{DecisionAccepted, DecisionSuperseded, true, ""},
		{DecisionAccepted, DecisionDraft, false, "an accepted decision cannot become draft; it can only become deprecated or superseded"},
		{DecisionAccepted, DecisionRejected, false, "deprecated or superseded"},
		{DecisionRejected, DecisionProposed, true, ""},
		{DecisionRejected, DecisionDraft, true, ""},
		{DecisionRejected, DecisionAccepted, false, "draft or proposed"},
		{DecisionDeprecated, DecisionSuperseded, true, ""},
		{DecisionDeprecated, DecisionAccepted, false, "superseded"},
		{DecisionSuperseded, DecisionAccepted, false, "final"},
		{DecisionSuperseded, DecisionSuperseded, true, ""},
		{"approved", DecisionAccepted, true, ""}, // repairing a broken status
		{DecisionDraft, "approved", false, `"approved" is not a decision status`},
		{DecisionDraft, "", false, "needs a status"},
	}
	for _, tt := range tests {
		err := ValidateDecisionTransition(tt.from, tt.to)
		if (err == nil) != tt.ok {
			t.Errorf("%q → %q: err = %v, want ok=%v", tt.from, tt.to, err, tt.ok)
			continue
		}
		if err != nil && !strings.Contains(err.Error(), tt.says) {
			t.Errorf("%q → %q: %q does not say %q", tt.from, tt.to, err, tt.says)
		}
	}
}

// fxSyntheticOrg generates a realistic, clean organisation of about n records:
// a goal pyramid with check-ins, decisions (some superseded), RACI items
// (a third retired) and hand-offs between a tree of teams.
func fxSyntheticOrg(n int) *Org {
	rng := rand.New(rand.NewPCG(7, 11))
	used := map[string]bool{}
	newID := func(k Kind) string {
		for {
			var b [IDLength]byte
			for i := range b {
				b[i] = byte(rng.UintN(32))
			}
			if id := IDFromBytes(k, b[:]); !used[id] {
				used[id] = true
				return id
			}
		}
	}
	day := func(daysAgo int) string { return fxToday.AddDate(0, 0, -daysAgo).Format(time.DateOnly) }

	nPeople, nTeams := max(n/40, 10), max(n/400, 3)
	nGoals, nUpdates, nDecisions, nRACI := n/4, n/2, n*6/100, n*12/100
	nHandoffs := max(n-nPeople-nTeams-nGoals-nUpdates-nDecisions-nRACI, 1)

	o := NewOrg()
	o.Config = Config{Org: "Synthetic", Schema: SchemaVersion, Periods: []string{"2026", "2026-Q4"}}
	team := func(i int) string { return fmt.Sprintf("team-%d", i%nTeams) }
	person := func(i int) string { return fmt.Sprintf("person-%d", i%nPeople) }
	for i := 0; i < nTeams; i++ {
		t := &Team{ID: team(i), Name: fmt.Sprintf("Team %d", i), Lead: person(i)}
		if i > 0 {
			t.Parent = team((i - 1) / 3)
		}
		fxAdd(o, t)
	}
	for i := 0; i < nPeople; i++ {
		p := &Person{ID: person(i), Name: fmt.Sprintf("Person %d", i), Emails: []string{person(i) + "@example.com"}, Teams: []string{team(i)}}
		if i > 0 {
			p.Manager = person((i - 1) / 5)
		}
		fxAdd(o, p)
	}

	mission := &Goal{ID: newID(KindGoal), Title: "Mission", Level: LevelMission, Owner: person(0), State: "active"}
	fxAdd(o, mission)
	var strategic, objectives, measured []string
	for i := 0; i < 5; i++ {
		g := &Goal{ID: newID(KindGoal), Title: fmt.Sprintf("Strategic goal %d", i), Level: LevelStrategic, Parent: mission.ID,
			Owner: person(i), Period: "2026", State: "active"}
		fxAdd(o, g)
		strategic = append(strategic, g.ID)
	}
	for i := 0; i < nGoals/10; i++ {
		g := &Goal{ID: newID(KindGoal), Title: fmt.Sprintf("Objective %d", i), Level: LevelObjective, Parent: strategic[i%len(strategic)],
			Owner: person(i), Team: team(i), Period: "2026-Q4", State: "active"}
		fxAdd(o, g)
		objectives = append(objectives, g.ID)
	}
	for i := len(o.Goals); i < nGoals; i++ {
		g := &Goal{ID: newID(KindGoal), Title: fmt.Sprintf("Key result %d", i), Level: LevelKeyResult, Parent: objectives[i%len(objectives)],
			Owner: person(i), Team: team(i), Period: "2026-Q4", Weight: fxPtr(float64(1 + i%3)),
			Metric: &Metric{Unit: "%", Baseline: 10, Target: 50, Direction: "increase"}, State: "active", Cadence: "weekly"}
		if i%20 == 0 {
			g.Level, g.Parent, g.Cadence = LevelKPI, "", "monthly"
		}
		fxAdd(o, g)
		measured = append(measured, g.ID)
	}
	for i := 0; i < nUpdates; i++ {
		target := measured[i%len(measured)]
		round := i / len(measured) // 0 is the latest check-in of each goal
		u := &Update{ID: newID(KindUpdate), Target: target, Author: person(i), Date: day(round*7 + i%5),
			Health: []string{HealthOnTrack, HealthAtRisk, HealthOffTrack}[i%3], Value: fxPtr(float64(10 + i%40)), Confidence: fxPtr(0.7),
			Summary: "Progress this week.", Problems: []string{"Hiring is slow"}, Plans: []string{"Ship the next slice"},
			Asks: []Ask{{From: team(i + 1), What: "review the design"}}}
		fxAdd(o, u)
	}
	var decisions []*Decision
	for i := 0; i < nDecisions; i++ {
		d := &Decision{ID: newID(KindDecision), Title: fmt.Sprintf("Decision %d", i), Status: DecisionAccepted, Date: day(30 + i%60),
			Driver: person(i), Approver: person(i + 1), DecisionMakers: []string{person(i), person(i + 1)},
			Consulted: []string{team(i)}, Informed: []string{team(i + 1)}, Context: "Why we had to decide.",
			Options: []Option{{ID: "a", Title: "Option A"}, {ID: "b", Title: "Option B"}}, Outcome: &Outcome{Chosen: "a", Rationale: "Cheaper."},
			Goals: []string{measured[i%len(measured)]}, ReviewBy: "2027-06-01"}
		decisions = append(decisions, d)
		fxAdd(o, d)
	}
	for i := 0; i+1 < len(decisions); i += 10 {
		old, new := decisions[i], decisions[i+1]
		old.Status, old.SupersededBy, new.Supersedes = DecisionSuperseded, new.ID, old.ID
	}
	for i := 0; i < nRACI; i++ {
		r := &RACI{ID: newID(KindRACI), Title: fmt.Sprintf("Deliverable %d", i), Subject: Subject{Kind: "goal", ID: measured[i%len(measured)]},
			Accountable: OneOrMore{person(i)}, Responsible: []string{person(i + 1), team(i)},
			Consulted: []string{team(i + 1)}, Informed: []string{team(i + 2)}, Due: day(-30), State: "agreed"}
		if i%3 == 2 {
			r.State = "retired"
		}
		fxAdd(o, r)
	}
	for i := 0; i < nHandoffs; i++ {
		h := &Handoff{ID: newID(KindHandoff), Title: fmt.Sprintf("Hand-off %d", i),
			From: Party{Team: team(i), Owner: person(i)}, To: Party{Team: team(i + 1), Owner: person(i + 1)},
			Deliverables: []Deliverable{{ID: "spec", Title: "Spec", Acceptance: []string{"Reviewed"}}, {ID: "code", Title: "Code"}},
			Due:          day(-14), State: "in_progress"}
		fxAdd(o, h)
	}
	o.Index()
	return o
}

func TestValidateSynthetic10k(t *testing.T) {
	t.Parallel()
	o := fxSyntheticOrg(10_000)
	if o.Len() != 10_000 {
		t.Fatalf("generated %d records, want 10000", o.Len())
	}
	got := Validate(o, ValidateOptions{Today: fxToday})
	if len(got) != 0 {
		t.Fatalf("the synthetic organisation has %d findings, want none; first ones:\n%s", len(got), showFindings(got[:min(len(got), 10)]))
	}
}

func BenchmarkValidate10k(b *testing.B) {
	o := fxSyntheticOrg(10_000)
	opts := ValidateOptions{Today: fxToday}
	b.ResetTimer()
	for b.Loop() {
		Validate(o, opts)
	}
}
