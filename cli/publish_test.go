package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/demo"
	"github.com/accordhq/accord/model/render"
)

// publishDemo publishes the demo organisation into a new folder.
func publishDemo(t *testing.T) (repo, site string) {
	t.Helper()
	repo = northwindRepo(t, false)
	site = filepath.Join(t.TempDir(), "site")
	must(t, repo, "publish", site)
	return repo, site
}

func sitePages(t *testing.T, dir string) []string {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ".html" {
			pages = append(pages, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(pages)
	return pages
}

// Every page of the demo's site opens in Chromium from file:// with no
// console error, no failed load and no request off the site; every link
// lands on a page and an anchor that exist; the pages say what they are
// for; and the decision log's filter narrows its rows.
func TestPublishedDemoWorksInABrowser(t *testing.T) {
	t.Parallel()
	b := startBrowser(t)
	_, site := publishDemo(t)
	org := loadOrg(t, northwindRepo(t, false))
	ids := map[string]map[string]bool{}
	links := map[string][]string{}
	pages := sitePages(t, site)
	if len(pages) < 150 {
		t.Fatalf("the demo's site has %d pages; want one per goal, decision, RACI item, hand-off, team and person", len(pages))
	}
	text := map[string]string{}
	for _, p := range pages {
		s, problems := b.open(t, fileURL(p))
		for _, pr := range problems {
			t.Errorf("%s: %s", p, pr)
		}
		ids[p] = map[string]bool{}
		for _, id := range s.IDs {
			ids[p][id] = true
		}
		links[p] = s.Links
		text[p] = s.Text
	}
	for _, bad := range brokenLinks(site, ids, links) {
		t.Error(bad)
	}
	want := map[string][]string{
		"index.html":     {"Northwind Labs", "Executive summary", "Goals", "By team"},
		"report.html":    {"Executive summary", "At risk and off track", "Wins"},
		"decisions.html": {"Every decision", "Cap CSV uploads at 50 MB"},
		"raci.html":      {"Open items", "CSV import wizard launch"},
		"teams.html":     {"Onboarding", "Customer Support"},
	}
	for page, words := range want {
		for _, w := range words {
			if !strings.Contains(text[filepath.Join(site, page)], w) {
				t.Errorf("%s does not show %q", page, w)
			}
		}
	}
	// A decision page tells the whole decision.
	var capID string
	for _, id := range org.IDs(model.KindDecision) {
		if strings.HasPrefix(org.Decisions[id].Title, "Cap CSV uploads at 50 MB") {
			capID = id
		}
	}
	d := org.Decisions[capID]
	page := text[filepath.Join(site, "decisions", capID+".html")]
	for _, w := range []string{"Context", "Options considered", "Outcome", "Supersession", d.Options[0].Title, d.Options[0].Good[0],
		"Accepted by", "Consulted", "Informed"} {
		if !strings.Contains(strings.ToLower(page), strings.ToLower(w)) { // labels are upper-cased by CSS
			t.Errorf("the page of %s does not show %q:\n%s", capID, w, page)
		}
	}
	// Onboarding's page is its interface: both asks made of it, the
	// decision it is consulted on.
	onboarding := text[filepath.Join(site, "teams", "onboarding.html")]
	for _, w := range []string{"capacity for two mid-market kick-offs a week", "a sprint on the enforced-SSO settings screen",
		"Sell a paid onboarding package with mid-market plans"} {
		if !strings.Contains(onboarding, w) {
			t.Errorf("teams/onboarding.html does not show %q", w)
		}
	}
	// A goal with a metric draws its check-ins as a chart.
	for _, id := range org.IDs(model.KindGoal) {
		if g := org.Goals[id]; g.Metric != nil && len(org.UpdatesOf(id)) > 2 {
			b.open(t, fileURL(filepath.Join(site, "goals", id+".html")))
			if n := evalOn[int](t, b, `document.querySelectorAll("figure.chart svg circle").length`); n < 2 {
				t.Errorf("goals/%s.html draws %d points; it has %d check-ins", id, n, len(org.UpdatesOf(id)))
			}
			break
		}
	}
	// The filter narrows the decision log to one status.
	b.open(t, fileURL(filepath.Join(site, "decisions.html")))
	all := evalOn[int](t, b, `document.querySelectorAll("tbody tr").length`)
	shownNow := evalOn[int](t, b, `(() => { const s = document.querySelector("select[data-key=status]"); s.value = "accepted";
		s.dispatchEvent(new Event("change")); return Array.from(document.querySelectorAll("tbody tr")).filter(r => !r.hidden).length })()`)
	accepted := 0
	for _, d := range org.Decisions {
		if d.Status == model.DecisionAccepted {
			accepted++
		}
	}
	if shownNow != accepted || all != len(org.Decisions) {
		t.Errorf("the decision log shows %d of %d rows for accepted; want %d of %d", shownNow, all, accepted, len(org.Decisions))
	}
}

// Publishing again rewrites nothing when nothing changed, and only the
// pages a change touches when one did; a record gone takes its page.
func TestPublishRewritesOnlyWhatChanged(t *testing.T) {
	t.Parallel()
	repo, site := publishDemo(t)
	out := must(t, repo, "publish", site)
	if !strings.Contains(out, " 0 files written") {
		t.Errorf("publishing the same organisation again wrote files: %s", out)
	}
	org := loadOrg(t, repo)
	var goal string
	for _, id := range org.IDs(model.KindGoal) {
		if org.Goals[id].Level == model.LevelKeyResult && org.Goals[id].State == "active" {
			goal = id
			break
		}
	}
	before, err := os.ReadFile(filepath.Join(site, "goals", goal+".html"))
	if err != nil {
		t.Fatal(err)
	}
	must(t, repo, "set", goal, "title=Renamed for the test")
	out = must(t, repo, "publish", site)
	after, err := os.ReadFile(filepath.Join(site, "goals", goal+".html"))
	if err != nil {
		t.Fatal(err)
	}
	if string(before) == string(after) || !strings.Contains(string(after), "Renamed for the test") {
		t.Errorf("the goal's page did not change with its title")
	}
	if strings.Contains(out, " 0 files written") || strings.Contains(out, "published 0") {
		t.Errorf("nothing was written after a change: %s", out)
	}
	var written int
	_, counts, _ := strings.Cut(out, ": ")
	if _, err := fmt.Sscanf(counts, "%d", &written); err != nil || written > 60 {
		t.Errorf("a title change rewrote %d files (%s); want only the pages that show it", written, out)
	}
	// A folder of someone's own files is never published into.
	own := t.TempDir()
	if err := os.WriteFile(filepath.Join(own, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := run(t, repo, "publish", own); code != ExitUsage || !strings.Contains(stderr, "not a site") {
		t.Errorf("publish into a folder of other files: exit %d, %s", code, stderr)
	}
}

// Record text that tries to be markup stays text on every page: no
// script runs, nothing loads, in a real browser.
func TestPublishedHostileTextStaysInert(t *testing.T) {
	t.Parallel()
	b := startBrowser(t)
	o := model.NewOrg()
	o.Config.Org = "Evil <script>alert(1)</script> Corp"
	o.Config.SiteURL = "javascript:alert(1)//"
	o.Add(&model.Person{ID: "eve", Name: "Eve <img src=x onerror=alert(2)>"}, nil)
	o.Add(&model.Team{ID: "ops", Name: "Ops\"><script>alert(3)</script>", Mission: "<iframe src=http://evil.example>"}, nil)
	o.Add(&model.Goal{ID: "GOAL-AAAAAAAA", Title: "Strategy <svg onload=alert(4)>", Level: model.LevelStrategic, State: "active", Owner: "eve", Team: "ops"}, nil)
	o.Add(&model.Goal{ID: "GOAL-BBBBBBBB", Title: "KR", Level: model.LevelKeyResult, Parent: "GOAL-AAAAAAAA", State: "active", Owner: "eve", Team: "ops",
		Period: "2026-Q4", Metric: &model.Metric{Unit: "</text><script>alert(5)</script>", Baseline: 0, Target: 10, Direction: "increase"}}, nil)
	o.Add(&model.Update{ID: "UPD-CCCCCCCC", Target: "GOAL-BBBBBBBB", Author: "eve", Date: "2026-11-20", Health: model.HealthAtRisk, Value: ptr(4.0),
		Summary: "<script>alert(6)</script>", Asks: []model.Ask{{From: "ops", What: "<a href=javascript:alert(7)>x</a>"}}}, nil)
	o.Add(&model.Decision{ID: "DEC-DDDDDDDD", Title: "<b onmouseover=alert(8)>", Status: model.DecisionAccepted, Date: "2026-11-19", Driver: "eve",
		Consulted: []string{"ops"}, Context: "[click](javascript:alert(9)) <script>alert(10)</script>\n\n![img](http://evil.example/x.png)",
		Options: []model.Option{{ID: "a\"><script>alert(11)</script>", Title: "A"}}, Outcome: &model.Outcome{Chosen: "a", Rationale: "<style>body{display:none}</style>"}}, nil)
	o.Index()
	site := t.TempDir()
	if _, err := publishSite(site, o, render.SiteOptions{Today: today, BaseURL: o.Config.SiteURL}); err != nil {
		t.Fatal(err)
	}
	for _, p := range sitePages(t, site) {
		s, problems := b.open(t, fileURL(p))
		for _, pr := range problems {
			t.Errorf("%s: %s", p, pr)
		}
		if n := evalOn[int](t, b, `document.querySelectorAll("script:not([src]), iframe, img, style:not(head style), [onerror], [onload], [onmouseover]").length`); n > 0 {
			t.Errorf("%s: %d elements from record text became markup", p, n)
		}
		if n := evalOn[int](t, b, `Array.from(document.querySelectorAll("a[href]")).filter(a => a.protocol === "javascript:").length`); n > 0 {
			t.Errorf("%s: %d javascript: links", p, n)
		}
		_ = s
	}
	data, err := os.ReadFile(filepath.Join(site, "decisions", "DEC-DDDDDDDD.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "&lt;script&gt;alert(6)") && !strings.Contains(string(data), "alert(10)") {
		t.Errorf("hostile text vanished instead of being shown as text")
	}
}

func ptr[T any](v T) *T { return &v }

// A 10,000-record organisation publishes into a site whose every internal
// link resolves, and whose main pages and a sample of record pages open
// cleanly in Chromium. (Its speed is BenchmarkPublish10k.)
func TestPublishTenThousandRecords(t *testing.T) {
	t.Parallel()
	b := startBrowser(t)
	o, err := demo.Replay(demo.Synthetic(10_000, 0, 1, today))
	if err != nil {
		t.Fatal(err)
	}
	o.Today = today
	site := t.TempDir()
	st, err := publishSite(site, o, render.SiteOptions{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if pages := o.Len() - len(o.Updates); st.files < pages {
		t.Fatalf("published %d files for %d records with pages of their own", st.files, pages)
	}
	ids, links := siteLinks(t, site)
	bad := brokenLinks(site, ids, links)
	for _, l := range bad[:min(len(bad), 20)] {
		t.Error(l)
	}
	if len(bad) > 20 {
		t.Errorf("… and %d more broken links", len(bad)-20)
	}
	sample := []string{"index.html", "report.html", "decisions.html", "raci.html", "handoffs.html", "teams.html", "people.html", "changes.html"}
	for _, k := range []model.Kind{model.KindGoal, model.KindDecision, model.KindRACI, model.KindHandoff, model.KindTeam, model.KindPerson} {
		idsOf := o.IDs(k)
		for _, id := range []string{idsOf[0], idsOf[len(idsOf)/2], idsOf[len(idsOf)-1]} {
			sample = append(sample, render.SitePath(o, k, id))
		}
	}
	for _, p := range sample {
		_, problems := b.open(t, fileURL(filepath.Join(site, filepath.FromSlash(p))))
		for _, pr := range problems {
			t.Errorf("%s: %s", p, pr)
		}
	}
}
