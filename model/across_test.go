package model

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// Tests of work across teams: dependencies, asks and answers, pulses,
// retros, and their rules.

func acrossOrg(rs ...Record) *Org {
	o := fxCleanOrg()
	fxAdd(o, rs...)
	o.Index()
	return o
}

func findingsOf(fs []Finding, rule string) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

func TestBlockedByAnAtRiskGoalOfAnotherTeam(t *testing.T) {
	t.Parallel()
	o := acrossOrg()
	o.Goals[fxGoalKR].DependsOn = []string{fxGoalKPI}
	o.Index()
	if bs := o.BlockedBy(fxGoalKR, fxToday); len(bs) != 0 {
		t.Fatalf("an on-track dependency blocks: %v", bs)
	}
	if deps := o.Dependents(fxGoalKPI); len(deps) != 1 || deps[0].ID != fxGoalKR {
		t.Fatalf("Dependents(KPI) = %v, want the key result", deps)
	}
	fxAdd(o, &Update{ID: "UPD-KP1CHK02", Target: fxGoalKPI, Author: "ana", Date: "2026-11-18", Health: HealthAtRisk, Summary: "Disk pressure."})
	o.Index()
	bs := o.BlockedBy(fxGoalKR, fxToday)
	if len(bs) != 1 || bs[0].ID != fxGoalKPI || bs[0].Reason != "at risk" {
		t.Fatalf("BlockedBy = %v, want the KPI at risk", bs)
	}
	tds := o.TeamDependencies(fxToday)
	want := []TeamDependency{{From: "onboarding", To: "platform", Goals: []string{fxGoalKR}, AtRisk: []string{fxGoalKR}}}
	if len(tds) != 1 || tds[0].From != want[0].From || tds[0].To != want[0].To || !slices.Equal(tds[0].Goals, want[0].Goals) || !slices.Equal(tds[0].AtRisk, want[0].AtRisk) {
		t.Fatalf("TeamDependencies = %+v, want %+v", tds, want)
	}
	if bg := o.BlockedGoals(fxToday); len(bg) != 1 || bg[0].GoalID != fxGoalKR {
		t.Fatalf("BlockedGoals = %+v", bg)
	}
	// Closing the dependent goal ends its blockers.
	o.Goals[fxGoalKR].State = "closed"
	if bs := o.BlockedBy(fxGoalKR, fxToday); len(bs) != 0 {
		t.Fatalf("a closed goal is blocked by %v", bs)
	}
}

func TestBlockedByADecisionOpenPastItsReviewDateAndAnOverdueHandoff(t *testing.T) {
	t.Parallel()
	o := acrossOrg()
	o.Decisions[fxDecDraft].ReviewBy = "2026-11-10"
	o.Handoffs[fxHandoffCSV].Due = "2026-11-15"
	o.Goals[fxGoalKR].DependsOn = []string{fxDecDraft, fxHandoffCSV, fxDecAccepted}
	o.Index()
	bs := o.BlockedBy(fxGoalKR, fxToday)
	if len(bs) != 2 || bs[0].ID != fxDecDraft || !strings.Contains(bs[0].Reason, "past its review date 2026-11-10") ||
		bs[1].ID != fxHandoffCSV || bs[1].Reason != "in progress, due 2026-11-15" {
		t.Fatalf("BlockedBy = %+v", bs)
	}
	// Without a date, nothing time-bound blocks.
	if bs := o.BlockedBy(fxGoalKR, time.Time{}); len(bs) != 0 {
		t.Fatalf("BlockedBy without a date = %+v", bs)
	}
}

func TestDependencyRules(t *testing.T) {
	t.Parallel()
	o := acrossOrg()
	o.Goals[fxGoalKR].DependsOn = []string{fxGoalKPI, fxGoalDone, fxDecOld, "GOAL-ZZZZZZZZ", fxRaciLaunch}
	o.Goals[fxGoalKPI].DependsOn = []string{fxGoalObj}
	o.Goals[fxGoalObj].DependsOn = []string{fxGoalKR}
	o.Index()
	fs := Validate(o, ValidateOptions{Today: fxToday})
	cyc := findingsOf(fs, "goal.dependency-cycle")
	want := "GOAL-0BJ00001 → GOAL-7K3FQ2M1 → GOAL-KP100001 → GOAL-0BJ00001"
	if len(cyc) != 1 || cyc[0].ID != fxGoalObj || !strings.Contains(cyc[0].Message, want) {
		t.Fatalf("dependency-cycle findings = %v, want one on %s naming %s", cyc, fxGoalObj, want)
	}
	closed := findingsOf(fs, "goal.dependency-closed")
	if len(closed) != 2 || !strings.Contains(closed[0].Message+closed[1].Message, "goal GOAL-D0NE0001 is closed (achieved)") ||
		!strings.Contains(closed[0].Message+closed[1].Message, "decision DEC-CAP25000 is superseded") {
		t.Fatalf("dependency-closed findings = %v", closed)
	}
	var unknown, kind bool
	for _, f := range fs {
		unknown = unknown || f.Rule == "ref.unknown" && f.ID == fxGoalKR && strings.Contains(f.Message, "GOAL-ZZZZZZZZ")
		kind = kind || f.Rule == "ref.kind" && f.ID == fxGoalKR && strings.Contains(f.Message, fxRaciLaunch)
	}
	if !unknown || !kind {
		t.Fatalf("want ref.unknown and ref.kind on depends_on; got %v", fs)
	}
	// ValidateRecords reports the loop on its smallest ID alone.
	if got := findingsOf(ValidateRecords(o, ValidateOptions{}, fxGoalKPI), "goal.dependency-cycle"); len(got) != 0 {
		t.Fatalf("the loop was reported on %s, not its smallest ID: %v", fxGoalKPI, got)
	}
	if got := findingsOf(ValidateRecords(o, ValidateOptions{}, fxGoalObj), "goal.dependency-cycle"); len(got) != 1 {
		t.Fatalf("ValidateRecords missed the loop: %v", got)
	}
}

func TestAsksAreAddressedAnsweredAndOverdue(t *testing.T) {
	t.Parallel()
	o := acrossOrg(
		&Update{ID: "UPD-KP1CHK02", Target: fxGoalKPI, Author: "ana", Date: "2026-11-16", Health: HealthOnTrack, Summary: "Fine.",
			Asks: []Ask{{To: "onboarding", What: "send the import volumes", Due: "2026-11-18"}, {To: "raj", What: "review the runbook", Due: "2026-11-30"}}},
	)
	// The legacy from: names the addressee.
	if a := o.Updates[fxUpdKR].Asks[0]; a.Addressee() != "platform" {
		t.Fatalf("legacy ask addressee = %q", a.Addressee())
	}
	open := o.OpenAsks()
	if len(open) != 3 {
		t.Fatalf("OpenAsks = %d asks, want 3: %+v", len(open), open)
	}
	if loads := o.AsksPerAddressee(fxToday); len(loads) != 3 || loads[0] != (AddresseeLoad{Addressee: "onboarding", Open: 1, Overdue: 1}) {
		t.Fatalf("AsksPerAddressee = %+v", loads)
	}
	// An accepted ask is answered but still pending: overdue stays.
	fxAdd(o, &Answer{ID: "ANS-00000001", Ask: "UPD-KP1CHK02#1", Author: "raj", Date: "2026-11-19", Response: AnswerAccept, Note: "by Friday"})
	o.Index()
	sts := o.AskStatuses(fxToday)
	var first AskStatus
	for _, st := range sts {
		if st.Ref.String() == "UPD-KP1CHK02#1" {
			first = st
		}
	}
	if first.Latest == nil || first.Open() || !first.Overdue || first.Closed() {
		t.Fatalf("accepted ask: %+v", first)
	}
	pairs := o.AskPairs(fxToday, "", "")
	wantPairs := []AskPair{{From: "onboarding", To: "platform", Made: 1}, {From: "platform", To: "onboarding", Made: 2, Answered: 1, Overdue: 1}}
	if !slices.Equal(pairs, wantPairs) {
		t.Fatalf("AskPairs = %+v, want %+v", pairs, wantPairs)
	}
	// Done closes the loop.
	fxAdd(o, &Answer{ID: "ANS-00000002", Ask: "UPD-KP1CHK02#1", Author: "raj", Date: "2026-11-20", Response: AnswerDone})
	o.Index()
	for _, st := range o.AskStatuses(fxToday) {
		if st.Ref.String() == "UPD-KP1CHK02#1" && (st.Overdue || !st.Closed() || len(st.Answers) != 2) {
			t.Fatalf("done ask: %+v", st)
		}
	}
	// A dated ask outlives the next check-in; an undated one lapses.
	fxAdd(o,
		&Update{ID: "UPD-KP1CHK03", Target: fxGoalKPI, Author: "ana", Date: "2026-11-19", Health: HealthOnTrack, Summary: "Fine."},
		&Update{ID: "UPD-Q8W2ZD4P", Target: fxGoalKR, Author: "raj", Date: "2026-11-19", Health: HealthOnTrack, Summary: "Better."})
	o.Index()
	open = o.OpenAsks()
	if len(open) != 1 || open[0].Ref().String() != "UPD-KP1CHK02#2" {
		t.Fatalf("OpenAsks after new check-ins = %+v", open)
	}
}

func TestParseAskRef(t *testing.T) {
	t.Parallel()
	if r, err := ParseAskRef("UPD-Q8W2ZD4N#2", false); err != nil || r != (AskRef{CheckIn: "UPD-Q8W2ZD4N", N: 2}) {
		t.Fatalf("ParseAskRef = %v, %v", r, err)
	}
	for _, bad := range []string{"UPD-Q8W2ZD4N", "UPD-Q8W2ZD4N#0", "UPD-Q8W2ZD4N#01", "UPD-Q8W2ZD4N#x", "DEC-2HV9PMQ4#1", "#1", "UPD-Q8W2ZD4N#1#2"} {
		if _, err := ParseAskRef(bad, false); err == nil {
			t.Errorf("ParseAskRef(%q) accepted", bad)
		}
	}
	if r, err := ParseAskRef("upd-q8w#1", true); err != nil || r.CheckIn != "upd-q8w" {
		t.Fatalf("a prefix: %v, %v", r, err)
	}
}

func TestAnswerPulseAndRetroRules(t *testing.T) {
	t.Parallel()
	o := acrossOrg(
		&Answer{ID: "ANS-00000001", Ask: fxUpdKR + "#2", Author: "ana", Date: "2026-11-19", Response: "maybe"},
		&Pulse{ID: "PULSE-00000001", Team: "platform", About: "platform", Period: "2026-13", Author: "ana", Date: "2026-11-19",
			Scores: PulseScores{Clarity: 6}, Actions: []PulseAction{{Accountable: "onboarding", Due: "soon"}}},
		&Pulse{ID: "PULSE-00000002", Team: "platform", About: "onboarding", Period: "2026-Q4", Author: "ana", Date: "2026-11-19"},
		&Retro{ID: "RETRO-00000001", Subject: fxRaciLaunch, Author: "raj", Date: "2026-11-19"},
	)
	fs := Validate(o, ValidateOptions{Today: fxToday})
	want := []struct{ rule, id, says string }{
		{"ref.unknown", "ANS-00000001", "ask 2 of " + fxUpdKR + ", which has 1 ask"},
		{"schema.enum", "ANS-00000001", `response "maybe"`},
		{"pulse.same-team", "PULSE-00000001", "both platform"},
		{"period.format", "PULSE-00000001", `"2026-13"`},
		{"schema.range", "PULSE-00000001", "scores.clarity 6"},
		{"schema.required", "PULSE-00000001", "what in action 1"},
		{"ref.kind", "PULSE-00000001", "accountable in action 1"},
		{"schema.date", "PULSE-00000001", "due in action 1"},
		{"schema.required", "PULSE-00000002", "scores rate nothing"},
		{"ref.kind", "RETRO-00000001", "subject names " + fxRaciLaunch},
		{"schema.required", "RETRO-00000001", "went well or what went badly"},
	}
	for _, w := range want {
		found := false
		for _, f := range fs {
			found = found || f.Rule == w.rule && f.ID == w.id && strings.Contains(f.Message, w.says)
		}
		if !found {
			t.Errorf("no %s on %s saying %q", w.rule, w.id, w.says)
		}
	}
	if len(findingsOf(fs, "pulse.same-team")) != 1 {
		t.Errorf("pulse.same-team: %v", findingsOf(fs, "pulse.same-team"))
	}
	o.Config.Pulse.Cadence = "weekly"
	if f := findingsOf(Validate(o, ValidateOptions{}), "schema.enum"); !slices.ContainsFunc(f, func(f Finding) bool { return f.Field == "pulse" }) {
		t.Errorf("a weekly pulse cadence was accepted: %v", f)
	}
}

func TestAnswersAndPulsesAreAppendOnly(t *testing.T) {
	t.Parallel()
	ans := &Answer{ID: "ANS-00000001", Ask: fxUpdKR + "#1", Author: "ana", Date: "2026-11-19", Response: AnswerAccept}
	pul := &Pulse{ID: "PULSE-00000001", Team: "onboarding", About: "platform", Period: "2026-Q4", Author: "raj", Date: "2026-11-19", Scores: PulseScores{Clarity: 4}}
	o := acrossOrg(ans, pul)
	if fs := Validate(o, ValidateOptions{Today: fxToday}); len(fs) != 0 {
		t.Fatalf("a clean answer and pulse have findings: %v", fs)
	}
	edited := *ans
	edited.Response = AnswerDone
	base := map[string]Record{ans.ID: &edited, pul.ID: pul, "PULSE-00000009": pul}
	fs := Validate(o, ValidateOptions{Today: fxToday, Base: base})
	if got := findingsOf(fs, "answer.edited"); len(got) != 1 || !strings.Contains(got[0].Message, "answers are append-only") {
		t.Errorf("answer.edited = %v", got)
	}
	if got := findingsOf(fs, "pulse.deleted"); len(got) != 1 || got[0].ID != "PULSE-00000009" {
		t.Errorf("pulse.deleted = %v", got)
	}
}

func TestLegacyAsksMigrateWithoutCountingAsAnEdit(t *testing.T) {
	t.Parallel()
	o := acrossOrg()
	u := o.Updates[fxUpdKR]
	base := *u
	base.Asks = slices.Clone(u.Asks)
	MigrateRecord(u)
	if a := u.Asks[0]; a.To != "platform" || a.From != "" {
		t.Fatalf("migrated ask = %+v", a)
	}
	fs := Validate(o, ValidateOptions{Today: fxToday, Base: map[string]Record{u.ID: &base}})
	if got := findingsOf(fs, "update.edited"); len(got) != 0 {
		t.Fatalf("the from→to migration counted as an edit: %v", got)
	}
	u.Asks[0].What = "something else"
	fs = Validate(o, ValidateOptions{Today: fxToday, Base: map[string]Record{u.ID: &base}})
	if got := findingsOf(fs, "update.edited"); len(got) != 1 {
		t.Fatalf("a real edit of an ask passed: %v", fs)
	}
}

func TestPulseTrendsCallOutFallingPairsAndMissingPulses(t *testing.T) {
	t.Parallel()
	o := acrossOrg(
		&Pulse{ID: "PULSE-00000001", Team: "onboarding", About: "platform", Period: "2026-Q2", Author: "raj", Date: "2026-06-30",
			Scores: PulseScores{Clarity: 4, Handoffs: 4, Responsiveness: 5, Understanding: 4}},
		&Pulse{ID: "PULSE-00000002", Team: "onboarding", About: "platform", Period: "2026-Q3", Author: "raj", Date: "2026-09-30",
			Scores: PulseScores{Clarity: 3, Handoffs: 2, Responsiveness: 3, Understanding: 3}},
		&Pulse{ID: "PULSE-00000003", Team: "platform", About: "onboarding", Period: "2026-Q2", Author: "ana", Date: "2026-06-30",
			Scores: PulseScores{Clarity: 3, Responsiveness: 3}},
		&Pulse{ID: "PULSE-00000004", Team: "platform", About: "onboarding", Period: "2026-Q3", Author: "ana", Date: "2026-09-29",
			Scores: PulseScores{Clarity: 4, Responsiveness: 3}},
	)
	trends := o.PulseTrends()
	if len(trends) != 2 || trends[0].Team != "onboarding" || !trends[0].Falling || trends[0].Change != -1.5 || trends[1].Falling || trends[1].Change != 0.5 {
		t.Fatalf("PulseTrends = %+v", trends)
	}
	if p := trends[0].Latest(); p.Period != "2026-Q3" || p.Average != 2.75 || p.Scores[PulseHandoffs] != 2 {
		t.Fatalf("latest point = %+v", p)
	}
	if f := o.FallingPairs(); len(f) != 1 || f[0].About != "platform" {
		t.Fatalf("FallingPairs = %+v", f)
	}
	if m := o.MissingPulses(fxToday); m != nil {
		t.Fatalf("missing pulses without a cadence: %v", m)
	}
	o.Config.Pulse.Cadence = "quarterly"
	// On 2026-11-20 the last quarter that ended is Q3: both pairs rated it.
	if m := o.MissingPulses(fxToday); len(m) != 0 {
		t.Fatalf("MissingPulses in Q4 = %+v", m)
	}
	m := o.MissingPulses(time.Date(2027, 1, 5, 0, 0, 0, 0, time.UTC))
	want := []MissingPulse{{Team: "onboarding", About: "platform", Period: "2026-Q4", Lead: "raj"}, {Team: "platform", About: "onboarding", Period: "2026-Q4", Lead: "ana"}}
	if !slices.Equal(m, want) {
		t.Fatalf("MissingPulses in January = %+v, want %+v", m, want)
	}
	o.Config.Pulse.Cadence = "monthly"
	if p := LastEndedPulsePeriod("monthly", time.Date(2027, 1, 5, 0, 0, 0, 0, time.UTC)); p != "2026-12" {
		t.Fatalf("LastEndedPulsePeriod = %s", p)
	}
}

func TestAnswerAndPulseStepsBelongToTheAddresseeAndTheRatingTeam(t *testing.T) {
	t.Parallel()
	o := acrossOrg()
	ans := &Answer{ID: "ANS-00000001", Ask: fxUpdKR + "#1", Author: "ana", Date: "2026-11-19", Response: AnswerAccept}
	steps := StepsBetween(o, nil, ans)
	if len(steps) != 1 || steps[0].Rule != "answer.not-addressee" {
		t.Fatalf("steps = %+v", steps)
	}
	if err := o.CheckStep(steps[0], "ana"); err != nil {
		t.Fatalf("a platform member may not answer platform's ask: %v", err)
	}
	err := o.CheckStep(steps[0], "raj")
	if err == nil || !strings.Contains(err.Error(), "raj may not answer ANS-00000001: only a member of platform (ana or tom) can") {
		t.Fatalf("raj answered platform's ask: %v", err)
	}
	pul := &Pulse{ID: "PULSE-00000001", Team: "onboarding", About: "platform", Period: "2026-Q4", Author: "raj", Date: "2026-11-19", Scores: PulseScores{Clarity: 4}}
	steps = StepsBetween(o, nil, pul)
	if len(steps) != 1 || o.CheckStep(steps[0], "raj") != nil || o.CheckStep(steps[0], "ana") == nil {
		t.Fatalf("pulse steps = %+v", steps)
	}
	if StepsBetween(o, pul, pul) != nil {
		t.Fatal("an unchanged pulse takes a step")
	}
}

func TestRetroCandidatesAndTeams(t *testing.T) {
	t.Parallel()
	o := acrossOrg()
	o.Handoffs[fxHandoffCSV].State = "received"
	if got := o.RetroCandidates(); !slices.Equal(got, []string{fxHandoffCSV}) {
		t.Fatalf("RetroCandidates = %v", got)
	}
	if got := o.RetroTeams(fxHandoffCSV); !slices.Equal(got, []string{"platform", "onboarding"}) {
		t.Fatalf("RetroTeams = %v", got)
	}
	fxAdd(o, &Retro{ID: "RETRO-00000001", Subject: fxHandoffCSV, Author: "raj", Date: "2026-11-20", WentWell: []string{"Clear acceptance criteria"}})
	o.Index()
	if got := o.RetroCandidates(); len(got) != 0 {
		t.Fatalf("RetroCandidates after a retro = %v", got)
	}
	if got := o.RetrosOf(fxHandoffCSV); len(got) != 1 {
		t.Fatalf("RetrosOf = %v", got)
	}
}

func TestInboxShowsBlockersAsksBothWaysAndPulsesDue(t *testing.T) {
	t.Parallel()
	o := acrossOrg(
		&Update{ID: "UPD-KP1CHK02", Target: fxGoalKPI, Author: "ana", Date: "2026-11-16", Health: HealthAtRisk, Summary: "Disk pressure.",
			Problems: []string{"disks"}, Asks: []Ask{{To: "onboarding", What: "send the import volumes", Due: "2026-11-18"}}},
		&Pulse{ID: "PULSE-00000001", Team: "onboarding", About: "platform", Period: "2026-Q2", Author: "raj", Date: "2026-06-30", Scores: PulseScores{Clarity: 4}},
	)
	o.Goals[fxGoalKR].DependsOn = []string{fxGoalKPI}
	o.Config.Pulse.Cadence = "quarterly"
	o.Index()
	sections := func(items []InboxItem) map[string][]InboxItem {
		m := map[string][]InboxItem{}
		for _, it := range items {
			m[it.Section] = append(m[it.Section], it)
		}
		return m
	}
	raj := sections(o.InboxFor(InboxQuery{Person: "raj", Today: fxToday}))
	if b := raj[InboxBlocked]; len(b) != 1 || b[0].ID != fxGoalKR || !strings.Contains(b[0].Reason, "blocked by GOAL-KP100001 Uptime (at risk)") {
		t.Errorf("raj's blocked items = %+v", b)
	}
	if a := raj[InboxAsks]; len(a) != 1 || a[0].ID != "UPD-KP1CHK02" || a[0].Ask != 1 || !a[0].Overdue || a[0].Due != "2026-11-18" {
		t.Errorf("raj's asks = %+v", a)
	}
	if p := raj[InboxPulses]; len(p) != 1 || p[0].ID != "platform" || !strings.Contains(p[0].Reason, "for 2026-Q3") {
		t.Errorf("raj's pulses due = %+v", p)
	}
	ana := sections(o.InboxFor(InboxQuery{Person: "ana", Today: fxToday}))
	if m := ana[InboxAsksMade]; len(m) != 1 || !strings.Contains(m[0].Reason, "Onboarding: send the import volumes — no answer yet; 2 days overdue") {
		t.Errorf("ana's overdue asks = %+v", m)
	}
	// Accepted: it leaves the addressee's open asks only while not overdue.
	fxAdd(o, &Answer{ID: "ANS-00000001", Ask: "UPD-KP1CHK02#1", Author: "raj", Date: "2026-11-17", Response: AnswerAccept})
	o.Index()
	ana = sections(o.InboxFor(InboxQuery{Person: "ana", Today: fxToday}))
	if m := ana[InboxAsksMade]; len(m) != 1 || !strings.Contains(m[0].Reason, "accepted by Raj Patel, not done") {
		t.Errorf("ana's overdue asks after accept = %+v", m)
	}
	fxAdd(o, &Answer{ID: "ANS-00000002", Ask: "UPD-KP1CHK02#1", Author: "raj", Date: "2026-11-19", Response: AnswerDone})
	o.Index()
	raj = sections(o.InboxFor(InboxQuery{Person: "raj", Today: fxToday}))
	ana = sections(o.InboxFor(InboxQuery{Person: "ana", Today: fxToday}))
	if len(raj[InboxAsks]) != 0 || len(ana[InboxAsksMade]) != 0 {
		t.Errorf("a done ask stays: raj %+v, ana %+v", raj[InboxAsks], ana[InboxAsksMade])
	}
	team := sections(o.InboxFor(InboxQuery{Team: "onboarding", Today: fxToday}))
	if len(team[InboxBlocked]) != 1 || len(team[InboxPulses]) != 1 {
		t.Errorf("onboarding's inbox = %+v", team)
	}
}

// An edit that closes a dependency loop is refused whichever goal on the
// loop has the smallest ID.
func TestEditErrorsRefuseADependencyLoopOnAnyGoal(t *testing.T) {
	t.Parallel()
	o := acrossOrg()
	o.Goals[fxGoalKR].DependsOn = []string{fxGoalKPI}
	o.Index()
	kpi := *o.Goals[fxGoalKPI]
	kpi.DependsOn = []string{fxGoalKR} // fxGoalKR < fxGoalKPI: the loop's smallest ID is the other goal
	fs := EditErrors(o, ValidateOptions{}, &kpi)
	if len(fs) != 1 || fs[0].Rule != "goal.dependency-cycle" || fs[0].ID != fxGoalKPI {
		t.Fatalf("EditErrors = %v", fs)
	}
}

// A parent loop is reported on its smallest ID too; an edit that closes
// one on a goal with a larger ID is refused all the same.
func TestEditErrorsRefuseAParentLoopOnAnyGoal(t *testing.T) {
	t.Parallel()
	o := acrossOrg()
	if o.Goals[fxGoalObj].Parent != fxGoalStrat || !(fxGoalObj < fxGoalStrat) {
		t.Fatalf("fixture: %s's parent is %q", fxGoalObj, o.Goals[fxGoalObj].Parent)
	}
	strat := *o.Goals[fxGoalStrat]
	strat.Parent = fxGoalObj
	loops := findingsOf(EditErrors(o, ValidateOptions{}, &strat), "goal.cycle")
	if len(loops) != 1 || loops[0].ID != fxGoalStrat || !strings.Contains(loops[0].Message, fxGoalObj+" → "+fxGoalStrat) {
		t.Fatalf("EditErrors' loops = %v, want one on %s naming the loop", loops, fxGoalStrat)
	}
	// A goal already on a loop can still be edited otherwise.
	o = acrossOrg()
	o.Goals[fxGoalStrat].Parent = fxGoalObj
	o.Index()
	retitled := *o.Goals[fxGoalStrat]
	retitled.Title = "Renamed"
	if loops := findingsOf(EditErrors(o, ValidateOptions{}, &retitled), "goal.cycle"); len(loops) != 0 {
		t.Errorf("a title edit on a goal already on a loop is refused: %v", loops)
	}
}
