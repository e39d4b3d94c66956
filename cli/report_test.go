package cli

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/demo"
	"github.com/accordhq/accord/model/render"
	"github.com/charmbracelet/x/exp/golden"
)

// northwindRepo writes the demo organisation, as of the tests' today, into
// a temporary data repository. With orgOnly, only its people and teams.
func northwindRepo(t *testing.T, orgOnly bool) string {
	t.Helper()
	dir := t.TempDir()
	cfg, commits := demo.Northwind(today)
	if orgOnly {
		var kept []model.Commit
		for _, c := range commits {
			var put []model.Record
			for _, r := range c.Put {
				if k := r.RecordKind(); k == model.KindPerson || k == model.KindTeam {
					put = append(put, r)
				}
			}
			if len(put) > 0 {
				c.Put, c.Delete = put, nil
				kept = append(kept, c)
			}
		}
		commits = kept
	}
	s, err := gitstore.WriteHistory(dir, cfg, commits, storeOpts(t)...)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	return dir
}

func loadOrg(t *testing.T, dir string) *model.Org {
	t.Helper()
	s, err := gitstore.Open(dir, storeOpts(t)...)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	org, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	return org
}

func TestReportGoldens(t *testing.T) {
	t.Parallel()
	dir := northwindRepo(t, false)
	t.Run("markdown", func(t *testing.T) {
		out := must(t, dir, "report")
		if md := must(t, dir, "report", "--md", "--period", "2026-q4"); md != out {
			t.Error("--md --period 2026-q4 differs from the default report")
		}
		golden.RequireEqual(t, out)
	})
	t.Run("json", func(t *testing.T) {
		out := must(t, dir, "report", "--json")
		var r model.Report
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatal(err)
		}
		if r.Period != "2026-Q4" || len(r.AtRisk) == 0 || len(r.Wins) == 0 {
			t.Errorf("the JSON report reads back as period %q, %d at risk, %d wins", r.Period, len(r.AtRisk), len(r.Wins))
		}
		golden.RequireEqual(t, out)
	})
	t.Run("markdown-team-since", func(t *testing.T) {
		golden.RequireEqual(t, must(t, dir, "report", "--team", "Platform", "--since", "2026-11-01"))
	})
	t.Run("html", func(t *testing.T) {
		golden.RequireEqual(t, must(t, dir, "report", "--html"))
	})
}

func TestReportHTMLIsOneWellFormedPageThatFetchesNothing(t *testing.T) {
	t.Parallel()
	dir := northwindRepo(t, false)
	file := filepath.Join(t.TempDir(), "status.html")
	out, errOut, code := run(t, dir, "report", "--html", "-o", file)
	if code != 0 || out != "" || !strings.Contains(errOut, file) {
		t.Fatalf("report --html -o: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	page := string(data)
	// The page is exactly what render.HTML makes of this organisation's
	// report, which render's tests parse and check to be well formed and to
	// fetch and run nothing (on this demo and on hostile records).
	s, err := gitstore.Open(dir, storeOpts(t)...)
	if err != nil {
		t.Fatal(err)
	}
	org, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	steps, _, err := s.Verify("", "HEAD")
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	if page != render.HTML(render.Report(model.BuildReport(org, model.ReportOptions{Today: today, Steps: steps}))) {
		t.Error("report --html differs from render.HTML of the same organisation's report")
	}
	for _, want := range []string{"<!DOCTYPE html>", "<style>", "@media print", "Northwind Labs — status report, 2026-Q4", "Accepted by ",
		"Median days to first dashboard", "Tomás Novák", "Partner launch kit", "two Accountables"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if stdout := must(t, dir, "report", "--html"); stdout != page {
		t.Error("--html to stdout differs from -o FILE")
	}
}

func TestReportRefusesBadArguments(t *testing.T) {
	t.Parallel()
	dir, _, _ := smallOrg(t)
	for _, args := range [][]string{
		{"report", "--md", "--json"},
		{"report", "--since", "2026-11-01", "--period", "2026-Q4"},
		{"report", "--since", "last week"},
		{"report", "--period", "2026-Q5"},
		{"report", "--period", "Q4"},
		{"report", "--team", "nope"},
	} {
		out, errOut, code := run(t, dir, args...)
		if slices.Contains(args, "--json") {
			errOut = out // asked for JSON, the reason comes as JSON
		}
		if code != ExitUsage || errOut == "" {
			t.Errorf("accord %s: exit %d (%q), want %d and a reason", strings.Join(args, " "), code, errOut, ExitUsage)
		}
	}
	if out := must(t, dir, "report", "--team", "onboarding"); !strings.Contains(out, "Onboarding and the teams under it") {
		t.Errorf("team report:\n%s", out)
	}
}

func TestExportJSONHasEveryKindAndComputedGoalFields(t *testing.T) {
	t.Parallel()
	dir, _, kr := smallOrg(t)
	must(t, dir, "checkin", kr, "--health", "on_track", "--value", "9.5", "--summary", "Moving.")
	var all map[string][]map[string]any
	if err := json.Unmarshal([]byte(must(t, dir, "export")), &all); err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for k := range all {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	if want := []string{"answers", "decisions", "goals", "handoffs", "people", "pulses", "raci", "retros", "teams", "updates"}; !slices.Equal(kinds, want) {
		t.Errorf("export keys %v, want %v", kinds, want)
	}
	if len(all["goals"]) != 2 || len(all["updates"]) != 1 || len(all["people"]) != 2 || all["decisions"] == nil {
		t.Errorf("export counts: %d goals, %d updates, %d people, decisions %v", len(all["goals"]), len(all["updates"]), len(all["people"]), all["decisions"])
	}
	var goals []map[string]any
	if err := json.Unmarshal([]byte(must(t, dir, "export", "goals", "--json")), &goals); err != nil {
		t.Fatal(err)
	}
	for _, g := range goals {
		if g["id"] == kr && (g["health"] != "on_track" || g["progress"] != 0.5 || g["current"] != 9.5 || g["kind"] != "goal") {
			t.Errorf("exported key result: %v", g)
		}
	}
	for _, args := range [][]string{{"export", "--csv"}, {"export", "goals", "--csv", "--json"}, {"export", "widgets"}} {
		if _, _, code := run(t, dir, args...); code != ExitUsage {
			t.Errorf("accord %s: exit %d, want %d", strings.Join(args, " "), code, ExitUsage)
		}
	}
}

func readCSV(t *testing.T, s string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatalf("the export is not valid CSV: %v\n%s", err, s)
	}
	return rows
}

func TestExportCSVColumnsQuotingAndFormulas(t *testing.T) {
	t.Parallel()
	dir, objective, _ := smallOrg(t)
	hostile := strings.TrimSpace(must(t, dir, "new", "goal", "title==HYPERLINK(\"http://evil.example\";\"x\")", "level=key_result",
		"parent="+objective, "owner=raj", "team=onboarding", "period=2026-Q4",
		"metric={unit: °C, baseline: -5, target: -12, direction: decrease}", "links=[\"@SUM(A1)\", \"+1\"]"))
	must(t, dir, "new", "goal", "title=Say \"hello\", world\nsecond line", "level=objective", "owner=raj", "period=2026-Q4")
	out := must(t, dir, "export", "goals", "--csv")
	if !strings.Contains(out, "\r\n") {
		t.Error("CSV rows do not end in CRLF (RFC 4180)")
	}
	rows := readCSV(t, out)
	header := strings.Join(rows[0], ",")
	if want := "id,level,title,parent,parent_title,owner,team,period,state,outcome,cadence,weight,unit,baseline,target,direction,current,health,progress,description,links,depends_on,blocked_by"; header != want {
		t.Errorf("goal columns:\n%s\nwant\n%s", header, want)
	}
	col := func(name string) int { return slices.Index(rows[0], name) }
	found := 0
	for _, r := range rows[1:] {
		switch {
		case r[0] == hostile:
			found++
			if r[col("title")] != `'=HYPERLINK("http://evil.example";"x")` {
				t.Errorf("formula title exported as %q", r[col("title")])
			}
			if r[col("baseline")] != "-5" || r[col("target")] != "-12" {
				t.Errorf("negative numbers exported as %q, %q; want them as numbers", r[col("baseline")], r[col("target")])
			}
			if r[col("links")] != "'@SUM(A1); +1" {
				t.Errorf("links exported as %q", r[col("links")])
			}
			if r[col("parent_title")] != "Cut time-to-first-value" {
				t.Errorf("parent_title %q", r[col("parent_title")])
			}
		case strings.HasPrefix(r[col("title")], "Say"):
			found++
			if r[col("title")] != "Say \"hello\", world\nsecond line" || !strings.Contains(out, `"Say ""hello"", world`) {
				t.Errorf("quoted title read back as %q", r[col("title")])
			}
		}
	}
	if found != 2 {
		t.Errorf("found %d of the 2 goals in:\n%s", found, out)
	}
	for _, kind := range []string{"updates", "decisions", "raci", "handoffs", "people", "teams"} {
		rows := readCSV(t, must(t, dir, "export", kind, "--csv"))
		if len(rows) == 0 || rows[0][0] != "id" {
			t.Errorf("export %s --csv: header %v", kind, rows)
		}
	}
}

func TestExportThenImportRoundTripsGoals(t *testing.T) {
	t.Parallel()
	src := northwindRepo(t, false)
	file := filepath.Join(t.TempDir(), "goals.csv")
	if err := os.WriteFile(file, []byte(must(t, src, "export", "goals", "--csv")), 0o644); err != nil {
		t.Fatal(err)
	}
	dst := northwindRepo(t, true)
	before := len(gitLog(t, dst))
	plan, errOut, code := run(t, dst, "import", "goals", "--csv", file, "--dry-run")
	if code != 0 || !strings.Contains(errOut, "dry run") || len(gitLog(t, dst)) != before {
		t.Fatalf("dry run: exit %d, %s", code, errOut)
	}
	out := must(t, dst, "import", "goals", "--csv", file)
	if out != plan {
		t.Errorf("the import printed another plan than its dry run")
	}
	if n := len(gitLog(t, dst)); n != before+1 {
		t.Errorf("the import made %d commits, want one", n-before)
	}

	from, to := loadOrg(t, src), loadOrg(t, dst)
	type kr struct {
		objective, title, period string
		metric                   model.Metric
		current                  float64
	}
	collect := func(o *model.Org) []kr {
		var out []kr
		for _, id := range o.IDs(model.KindGoal) {
			g := o.Goals[id]
			if g.Level != model.LevelKeyResult {
				continue
			}
			k := kr{objective: o.Goals[g.Parent].Title, title: g.Title, period: g.Period, metric: *g.Metric}
			k.current, _ = o.CurrentValue(id)
			out = append(out, k)
		}
		slices.SortFunc(out, func(a, b kr) int {
			return strings.Compare(a.period+a.objective+a.title, b.period+b.objective+b.title)
		})
		return out
	}
	want, got := collect(from), collect(to)
	if len(want) == 0 || !slices.Equal(got, want) {
		t.Errorf("key results after the round trip:\n%v\nwant\n%v", got, want)
	}
	for _, id := range to.IDs(model.KindGoal) {
		if g := to.Goals[id]; g.Level == model.LevelObjective && len(to.Children(id)) == 0 {
			t.Errorf("objective %q was created without key results", g.Title)
		}
	}
	if fs := model.Validate(to, model.ValidateOptions{Today: today}); slices.ContainsFunc(fs, func(f model.Finding) bool { return f.Severity == model.SeverityError }) {
		t.Errorf("the imported repository has validation errors: %v", fs)
	}

	// Importing the same file again creates nothing new.
	again := must(t, dst, "import", "goals", "--csv", file)
	if !strings.Contains(again, "0 new objectives") || !strings.Contains(again, "0 new key results") || len(gitLog(t, dst)) != before+1 {
		t.Errorf("a second import was not a no-op:\n%s", again)
	}
}

// Each imported record is checked field by field; gocyclo counts the
// checks.
func TestImportReadsCommonHeadersAndReusesObjectives(t *testing.T) {
	t.Parallel()
	dir, objective, _ := smallOrg(t)
	file := filepath.Join(t.TempDir(), "okrs.csv")
	sheet := "\ufeffObjective;KR;Owner;Quarter;Start;Target;Actual;Notes\n" +
		"Cut time-to-first-value;Support tickets per new account;Raj Patel;Q4 2026;12;4;11;ignored\n" +
		"cut time-to-first-value;Accounts activated in week one;raj@northwind.example;2026 q4;30%;45%;;\n" +
		"Grow self-serve revenue;Annual plans sold;mei;2026-Q4;0;40;39;\n"
	if err := os.WriteFile(file, []byte(sheet), 0o644); err != nil {
		t.Fatal(err)
	}
	out := must(t, dir, "import", "goals", "--csv", file)
	for _, want := range []string{"okrs.csv: 1 new objective (and 1 existing), 3 new key results, 2 check-ins", "ignored columns: Notes",
		"= objective " + objective, "+ objective  Grow self-serve revenue"} {
		if !strings.Contains(out, want) {
			t.Errorf("the plan lacks %q:\n%s", want, out)
		}
	}
	org := loadOrg(t, dir)
	byTitle := map[string]*model.Goal{}
	for _, g := range org.Goals {
		byTitle[g.Title] = g
	}
	tickets := byTitle["Support tickets per new account"]
	if tickets == nil || tickets.Parent != objective || tickets.Metric.Direction != "decrease" || tickets.Team != "onboarding" || tickets.Period != "2026-Q4" {
		t.Fatalf("tickets key result: %+v", tickets)
	}
	if u := org.LatestUpdate(tickets.ID); u == nil || *u.Value != 11 || u.Health != model.HealthAtRisk || u.Author != "raj" || len(u.Problems) == 0 {
		t.Errorf("tickets check-in: %+v (1 of 8 is behind more than half the quarter, so at risk)", u)
	}
	activated := byTitle["Accounts activated in week one"]
	if activated == nil || activated.Parent != objective || activated.Metric.Unit != "%" || activated.Metric.Direction != "increase" || org.LatestUpdate(activated.ID) != nil {
		t.Errorf("activated key result: %+v (no current value, so no check-in)", activated)
	}
	annual := byTitle["Annual plans sold"]
	if annual == nil || org.Goals[annual.Parent].Title != "Grow self-serve revenue" || annual.Owner != "mei" {
		t.Fatalf("annual key result: %+v", annual)
	}
	if u := org.LatestUpdate(annual.ID); u == nil || u.Health != model.HealthOnTrack {
		t.Errorf("annual check-in: %+v (39 of 40 is on track)", u)
	}
	subject := gitLog(t, dir)[0]
	if subject != "Raj Patel|goals: import 1 objective, 3 key results and 2 check-ins from okrs.csv" {
		t.Errorf("commit: %q", subject)
	}
}

func TestImportOfAMalformedSpreadsheetReportsEveryBadLineAndImportsNothing(t *testing.T) {
	t.Parallel()
	dir, _, _ := smallOrg(t)
	file := filepath.Join(t.TempDir(), "okrs.csv")
	sheet := "Objective,Key Result,Owner,Team,Period,Baseline,Target,Current\n" +
		"Cut churn,Logo churn,raj,onboarding,2026-Q4,5,2,4\n" + // good
		"Cut churn,Revenue churn,nobody,onboarding,2026-Q4,8,4,7\n" + // owner does not resolve
		"Cut churn,Net retention,raj,onboarding,2026-Q4,100,lots,\n" + // target is not a number
		"Cut churn,Tickets,raj,onboarding,next quarter,10,5,\n" + // unknown period format
		"Cut churn,Seats,raj,onboarding\n" + // wrong column count
		"\n" +
		"Cut churn,Logo churn,raj,onboarding,2026-Q4,5,2,4\n" // a duplicate of line 2
	if err := os.WriteFile(file, []byte(sheet), 0o644); err != nil {
		t.Fatal(err)
	}
	before := gitLog(t, dir)
	for _, dry := range []bool{true, false} {
		args := []string{"import", "goals", "--csv", file}
		if dry {
			args = append(args, "--dry-run")
		}
		out, errOut, code := run(t, dir, args...)
		if code != ExitFailure || out != "" {
			t.Errorf("dry run %v: exit %d, stdout %q", dry, code, out)
		}
		for _, want := range []string{
			"okrs.csv:3: owner: \"nobody\" is not a person",
			"okrs.csv:4: target \"lots\" is not a number",
			"okrs.csv:5: period \"next quarter\" is not a year",
			"okrs.csv:6: the row has 4 columns; the header has 8",
			"okrs.csv:8: key result \"Logo churn\" of objective \"Cut churn\" (2026-Q4) is already on line 2",
			"okrs.csv: 5 problems; nothing imported",
		} {
			if !strings.Contains(errOut, want) {
				t.Errorf("dry run %v: stderr lacks %q:\n%s", dry, want, errOut)
			}
		}
		if strings.Contains(errOut, "okrs.csv:2:") {
			t.Errorf("the good line 2 is reported:\n%s", errOut)
		}
	}
	if after := gitLog(t, dir); !slices.Equal(after, before) {
		t.Errorf("a bad spreadsheet made commits: %v", after[:len(after)-len(before)])
	}
	if org := loadOrg(t, dir); len(org.Goals) != 2 {
		t.Errorf("%d goals after a refused import, want the 2 there were", len(org.Goals))
	}

	for name, sheet := range map[string]string{
		"no owner column": "Objective,Key Result,Baseline,Target\nA,B,1,2\n",
		"empty":           "",
		"bad quoting":     "Objective,Key Result,Owner,Baseline,Target\nA,\"B,raj,1,2\n",
	} {
		if err := os.WriteFile(file, []byte(sheet), 0o644); err != nil {
			t.Fatal(err)
		}
		_, errOut, code := run(t, dir, "import", "goals", "--csv", file)
		if code != ExitFailure || !strings.Contains(errOut, "okrs.csv:") {
			t.Errorf("%s: exit %d, %q", name, code, errOut)
		}
	}
	if _, _, code := run(t, dir, "import", "decisions", "--csv", file); code != ExitUsage {
		t.Errorf("import decisions: exit %d, want %d", code, ExitUsage)
	}
}
