package model_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/demo"
)

var reportToday = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// northwind replays the demo organisation's history into memory, as of
// reportToday.
func northwind(t testing.TB) *model.Org {
	t.Helper()
	o, err := demo.Replay(demo.Northwind(reportToday))
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func TestPeriodRange(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		period, first, last string
	}{
		{"2026-Q4", "2026-10-01", "2026-12-31"},
		{"2026-Q1", "2026-01-01", "2026-03-31"},
		{"2028-Q1", "2028-01-01", "2028-03-31"},
		{"2026-H1", "2026-01-01", "2026-06-30"},
		{"2026-H2", "2026-07-01", "2026-12-31"},
		{"2026", "2026-01-01", "2026-12-31"},
		{"2026-Q5", "", ""},
		{"Q4 2026", "", ""},
		{"", "", ""},
	} {
		first, last, ok := model.PeriodRange(tc.period)
		if ok != (tc.first != "") {
			t.Errorf("PeriodRange(%q) ok = %v", tc.period, ok)
			continue
		}
		if ok && (first.Format(time.DateOnly) != tc.first || last.Format(time.DateOnly) != tc.last) {
			t.Errorf("PeriodRange(%q) = %s … %s, want %s … %s", tc.period, first.Format(time.DateOnly), last.Format(time.DateOnly), tc.first, tc.last)
		}
	}
	if q := model.QuarterOf(reportToday); q != "2026-Q4" {
		t.Errorf("QuarterOf = %s", q)
	}
}

func TestReportCoversTheCurrentPeriodByDefault(t *testing.T) {
	t.Parallel()
	o := northwind(t)
	r := model.BuildReport(o, model.ReportOptions{Today: reportToday})
	if r.Period != "2026-Q4" || r.Since != "2026-10-01" || r.Until != "2026-12-31" || r.Today != "2026-11-23" {
		t.Fatalf("period %q %s…%s today %s; want accord.yaml's current_period 2026-Q4", r.Period, r.Since, r.Until, r.Today)
	}
	if r.Mission == nil || r.Org != "Northwind Labs" {
		t.Fatalf("org %q, mission %v", r.Org, r.Mission)
	}
	// Every objective and key result in the tree is this quarter's.
	for _, s := range r.Strategic {
		if s.Goal.Level != model.LevelStrategic {
			t.Errorf("%s is a %s, listed as a strategic goal", s.Goal.ID, s.Goal.Level)
		}
		for _, g := range s.Goals {
			if g.Period != "2026-Q4" {
				t.Errorf("%s %q of %s is in the Q4 report", g.ID, g.Title, g.Period)
			}
			if o.Goals[g.ID].Level == model.LevelKeyResult && g.Depth != 1 {
				t.Errorf("key result %s at depth %d, want 1 (under its objective)", g.ID, g.Depth)
			}
		}
	}
	if len(r.Strategic) != 5 || len(r.KPIs) != 4 || len(r.Unaligned) != 0 {
		t.Errorf("%d strategic goals, %d KPIs, %d unaligned; want 5, 4, 0", len(r.Strategic), len(r.KPIs), len(r.Unaligned))
	}
	n := 0
	for _, c := range r.Health {
		n += c
	}
	if n != 27 {
		t.Errorf("health counts %v cover %d goals, want the 27 Q4 objectives and key results", r.Health, n)
	}
}

// TestReportAtRiskCarriesTheOwnersProblemsAndAsks checks every at-risk item
// of the demo against its check-in, one flat check after another (gocyclo
// counts each).
func TestReportAtRiskCarriesTheOwnersProblemsAndAsks(t *testing.T) {
	t.Parallel()
	o := northwind(t)
	r := model.BuildReport(o, model.ReportOptions{Today: reportToday})
	if len(r.AtRisk) == 0 {
		t.Fatal("nothing at risk in the demo")
	}
	seenAtRisk := false
	for i, a := range r.AtRisk {
		u := o.LatestUpdate(a.Goal.ID)
		if u == nil || u.ID != a.CheckIn || (u.Health != model.HealthAtRisk && u.Health != model.HealthOffTrack) {
			t.Errorf("%s is listed at risk, but its latest check-in is %v", a.Goal.ID, u)
			continue
		}
		if !slices.Equal(a.Problems, u.Problems) || len(a.Asks) != len(u.Asks) || a.Summary != u.Summary {
			t.Errorf("%s: the report does not carry the check-in's problems and asks", a.Goal.ID)
		}
		// Off track first, then at risk, by what they last reported
		// (a stale one says so, and what it said).
		if a.Goal.Health == model.HealthStale && a.Goal.Reported != u.Health {
			t.Errorf("%s is stale, reported %q, but its check-in said %s", a.Goal.ID, a.Goal.Reported, u.Health)
		}
		if u.Health == model.HealthAtRisk {
			seenAtRisk = true
		} else if seenAtRisk {
			t.Errorf("item %d (%s) is off track after an at-risk one", i, a.Goal.ID)
		}
	}
	// Every goal in scope whose latest check-in is at risk is listed.
	listed := map[string]bool{}
	for _, a := range r.AtRisk {
		listed[a.Goal.ID] = true
	}
	for id, g := range o.Goals {
		u := o.LatestUpdate(id)
		if g.State == "active" && (g.Period == "" || g.Period == "2026-Q4") && u != nil && (u.Health == model.HealthAtRisk || u.Health == model.HealthOffTrack) && !listed[id] {
			t.Errorf("%s %q is %s but not in the report", id, g.Title, u.Health)
		}
	}
	for _, a := range r.AtRisk {
		for _, ask := range a.Asks {
			if ask.FromName == "" || ask.What == "" {
				t.Errorf("%s: ask %+v has no name or text", a.Goal.ID, ask)
			}
		}
	}
}

func TestReportGapsMissingCheckInsAndOverdueMatchValidate(t *testing.T) {
	t.Parallel()
	o := northwind(t)
	r := model.BuildReport(o, model.ReportOptions{Today: reportToday})
	byRule := map[string][]string{}
	for _, f := range model.Validate(o, model.ValidateOptions{Today: reportToday}) {
		byRule[f.Rule] = append(byRule[f.Rule], f.ID)
	}
	var stale, overdue, gaps, overloaded []string
	for _, m := range r.MissingCheckIns {
		stale = append(stale, m.Goal.ID)
	}
	for _, h := range r.OverdueHandoffs {
		overdue = append(overdue, h.ID)
	}
	for _, g := range r.RACIGaps {
		gaps = append(gaps, g.ID)
	}
	for _, p := range r.Overloaded {
		overloaded = append(overloaded, p.Person)
		if p.Count <= p.Limit || p.Limit != o.Config.MaxAccountable() || len(p.Items) != p.Count {
			t.Errorf("overload %+v", p)
		}
	}
	same := func(what string, got, want []string) {
		t.Helper()
		slices.Sort(got)
		want = slices.Compact(slices.Sorted(slices.Values(want)))
		if !slices.Equal(got, want) {
			t.Errorf("%s: report %v, validate %v", what, got, want)
		}
	}
	same("missing check-ins", stale, byRule["update.stale"])
	same("overdue hand-offs", overdue, byRule["handoff.overdue"])
	same("overloaded", overloaded, byRule["raci.overload"])
	same("RACI gaps", gaps, slices.Concat(byRule["raci.accountable-missing"], byRule["raci.accountable-multiple"], byRule["raci.responsible-missing"]))
	if len(gaps) == 0 || len(stale) == 0 || len(overdue) == 0 || len(overloaded) == 0 {
		t.Errorf("the demo should show every kind of problem: %d gaps, %d stale, %d overdue, %d overloaded", len(gaps), len(stale), len(overdue), len(overloaded))
	}
	for _, g := range r.RACIGaps {
		if len(g.Gaps) == 0 || !strings.HasPrefix(g.Gaps[0].Rule, "raci.") || g.Gaps[0].Text == "" {
			t.Errorf("%s: gaps %+v", g.ID, g.Gaps)
		}
	}

	// Without a date nothing is measured against today.
	undated := model.BuildReport(o, model.ReportOptions{Period: "2026-Q4"})
	if len(undated.MissingCheckIns) != 0 || len(undated.OverdueHandoffs) != 0 || undated.Today != "" {
		t.Errorf("a report with no Today lists %d missing check-ins and %d overdue hand-offs", len(undated.MissingCheckIns), len(undated.OverdueHandoffs))
	}
}

func TestReportDecisionsAreThoseDatedInThePeriod(t *testing.T) {
	t.Parallel()
	o := northwind(t)
	since := time.Date(2026, 11, 15, 0, 0, 0, 0, time.UTC)
	r := model.BuildReport(o, model.ReportOptions{Since: since, Today: reportToday})
	if r.Period != "" || r.Since != "2026-11-15" || r.Until != "2026-11-23" {
		t.Fatalf("since report covers %q %s…%s", r.Period, r.Since, r.Until)
	}
	for _, d := range r.Decisions {
		if d.Status != model.DecisionAccepted || d.Date < r.Since || d.Date > r.Until {
			t.Errorf("decision %s (%s, %s) is not one made in the period", d.ID, d.Status, d.Date)
		}
		if d.Rationale == "" || strings.Contains(d.Rationale, "\n") {
			t.Errorf("decision %s: rationale %q, want one line", d.ID, d.Rationale)
		}
	}
	if len(r.Decisions) == 0 || len(r.Superseded) == 0 {
		t.Fatalf("%d decisions made and %d superseded since Nov 15; the demo has both", len(r.Decisions), len(r.Superseded))
	}
	for _, d := range r.Superseded {
		next := o.Decisions[d.SupersededBy]
		if next == nil || next.Supersedes != d.ID || d.Date != next.Date || d.SupersededByTitle != next.Title {
			t.Errorf("superseded %s: by %s on %s", d.ID, d.SupersededBy, d.Date)
		}
	}
	for _, w := range r.Wins {
		if w.Date < r.Since || w.Date > r.Until {
			t.Errorf("win %q dated %s is outside the period", w.Text, w.Date)
		}
	}
	for i := 1; i < len(r.Wins); i++ {
		if r.Wins[i].Date > r.Wins[i-1].Date {
			t.Errorf("wins are not newest first: %s after %s", r.Wins[i].Date, r.Wins[i-1].Date)
		}
	}
	all := model.BuildReport(o, model.ReportOptions{Today: reportToday})
	if len(all.Decisions) <= len(r.Decisions) || len(all.Wins) <= len(r.Wins) {
		t.Errorf("the quarter has %d decisions and %d wins, a week %d and %d", len(all.Decisions), len(all.Wins), len(r.Decisions), len(r.Wins))
	}
}

func TestReportForATeamCoversItAndTheTeamsUnderIt(t *testing.T) {
	t.Parallel()
	o := northwind(t)
	if err := model.CheckReportOptions(o, model.ReportOptions{Team: "nope"}); err == nil {
		t.Error("an unknown team is accepted")
	}
	r := model.BuildReport(o, model.ReportOptions{Team: "platform", Today: reportToday})
	if r.Team != "platform" || r.TeamName != "Platform" {
		t.Fatalf("team %q %q", r.Team, r.TeamName)
	}
	ours := map[string]bool{"platform": true, "data": true} // data's parent is platform
	var teams []string
	for _, tm := range r.Teams {
		teams = append(teams, tm.Team)
	}
	if !slices.Equal(teams, []string{"data", "platform"}) {
		t.Errorf("teams %v, want data and platform", teams)
	}
	for _, s := range r.Strategic {
		for _, g := range s.Goals {
			if !ours[g.Team] {
				t.Errorf("%s of %s is in the platform report", g.ID, g.Team)
			}
		}
	}
	for _, a := range r.AtRisk {
		if !ours[a.Goal.Team] {
			t.Errorf("at risk: %s of %s", a.Goal.ID, a.Goal.Team)
		}
	}
	for _, h := range r.OverdueHandoffs {
		if !ours[h.FromTeam] && !ours[h.ToTeam] {
			t.Errorf("hand-off %s between %s and %s", h.ID, h.FromTeam, h.ToTeam)
		}
	}
	for _, w := range r.Wins {
		if !ours[w.Team] {
			t.Errorf("win of %s", w.Team)
		}
	}
	whole := model.BuildReport(o, model.ReportOptions{Today: reportToday})
	if len(r.Strategic) >= len(whole.Strategic) || len(r.Decisions) > len(whole.Decisions) {
		t.Errorf("the platform report is not narrower: %d strategic goals of %d", len(r.Strategic), len(whole.Strategic))
	}
}

func TestReportForAPastQuarterShowsItsClosedGoals(t *testing.T) {
	t.Parallel()
	o := northwind(t)
	r := model.BuildReport(o, model.ReportOptions{Period: "2026-Q3", Today: reportToday})
	found := 0
	for _, s := range r.Strategic {
		for _, g := range s.Goals {
			if g.Period != "2026-Q3" {
				t.Errorf("%s of %s in the Q3 report", g.ID, g.Period)
			}
			found++
		}
	}
	if found == 0 || len(r.MissingCheckIns) != 0 {
		t.Errorf("Q3: %d goals, %d missing check-ins (closed goals need none)", found, len(r.MissingCheckIns))
	}
}
