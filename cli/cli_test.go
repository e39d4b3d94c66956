package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
)

var today = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func clock() time.Time { return today }

var (
	raj = gitstore.Signature{Name: "Raj Patel", Email: "raj@northwind.example"}
	mei = gitstore.Signature{Name: "Mei C.", Email: "mei@northwind.example"}
)

// authors holds who each test commits as, when it is not Raj.
var authors sync.Map // *testing.T → *gitstore.Signature

// commitAs makes the rest of a test's commands commit as sig; nil leaves
// the identity to git's environment and config, as for a user.
func commitAs(t *testing.T, sig *gitstore.Signature) {
	authors.Store(t, sig)
	t.Cleanup(func() { authors.Delete(t) })
}

func authorOf(t *testing.T) *gitstore.Signature {
	if sig, ok := authors.Load(t); ok {
		return sig.(*gitstore.Signature)
	}
	return &raj
}

// storeOpts are the options the commands of a test open their stores with.
func storeOpts(t *testing.T) []gitstore.Option {
	opts := []gitstore.Option{gitstore.WithClock(clock)}
	if sig := authorOf(t); sig != nil {
		opts = append(opts, gitstore.WithAuthor(*sig))
	}
	return opts
}

// run executes accord with args against repo and returns what it printed
// and its exit code.
func run(t *testing.T, repo string, args ...string) (string, string, int) {
	t.Helper()
	return runAs(t, authorOf(t), repo, args...)
}

// runAs is run committing as author.
func runAs(t *testing.T, author *gitstore.Signature, repo string, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := Env{Stdout: &out, Stderr: &errOut, Now: clock, Author: author}
	if repo != "" {
		args = append([]string{"--repo", repo}, args...)
	}
	code := Execute(env, args)
	return out.String(), errOut.String(), code
}

// must runs accord and fails the test unless it exits 0.
func must(t *testing.T, repo string, args ...string) string {
	t.Helper()
	return mustAs(t, authorOf(t), repo, args...)
}

// mustAs is must committing as author.
func mustAs(t *testing.T, author *gitstore.Signature, repo string, args ...string) string {
	t.Helper()
	out, errOut, code := runAs(t, author, repo, args...)
	if code != 0 {
		t.Fatalf("accord %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

func gitLog(t *testing.T, dir string) []string {
	t.Helper()
	cmd := exec.Command("git", "log", "--format=%an|%s")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(out)), "\n")
}

// smallOrg makes a data repository with two people, a team, an objective
// and a key result, through the commands a user would type.
func smallOrg(t *testing.T) (dir, objective, kr string) {
	t.Helper()
	dir = t.TempDir()
	must(t, "", "init", dir, "--org", "Northwind Labs")
	must(t, dir, "new", "team", "id=onboarding", "name=Onboarding")
	must(t, dir, "new", "person", "id=raj", "name=Raj Patel", "teams=[onboarding]", "emails=[raj@northwind.example]")
	must(t, dir, "new", "person", "id=mei", "name=Mei Chen", "emails=[mei@northwind.example]")
	objective = strings.TrimSpace(must(t, dir, "new", "goal", "title=Cut time-to-first-value", "level=objective",
		"owner=raj", "team=onboarding", "period=2026-Q4"))
	kr = strings.TrimSpace(must(t, dir, "new", "goal", "--set", "title=Median days to first dashboard", "--set", "level=key_result",
		"--set", "parent="+objective, "--set", "owner=raj", "--set", "team=onboarding", "--set", "period=2026-Q4",
		"--set", "metric={unit: days, baseline: 14, target: 5, direction: decrease}", "--set", "cadence=weekly"))
	return dir, objective, kr
}

func TestEditsAreOneCommitEachWithMessagesThatSayWhat(t *testing.T) {
	t.Parallel()
	dir, objective, kr := smallOrg(t)
	if err := model.CheckID(model.KindGoal, kr); err != nil {
		t.Fatalf("new did not print an ID: %q", kr)
	}
	upd := must(t, dir, "checkin", kr[:9], "--health", "on_track", "--value", "11", "--summary", "Wizard beta is live.")
	if !strings.HasPrefix(upd, "UPD-") {
		t.Fatalf("checkin printed %q, want the new ID", upd)
	}
	must(t, dir, "checkin", kr, "--health", "at_risk", "--value", "9", "--confidence", "0.6",
		"--summary", "Import wizard slipped a sprint.", "--problem", "Blocked on upload limits", "--plan", "Ship by Nov 29")
	must(t, dir, "set", kr, "metric.target=4", "owner=mei")

	log := gitLog(t, dir)
	want := []string{
		"Raj Patel|goal(" + kr + "): owner raj → mei, metric.target 5 → 4",
		"Raj Patel|goal(" + kr + "): health on_track → at_risk",
		"Raj Patel|goal(" + kr + "): first check-in, on_track",
		"Raj Patel|goal(" + kr + "): create \"Median days to first dashboard\"",
		"Raj Patel|goal(" + objective + "): create \"Cut time-to-first-value\"",
	}
	for i, w := range want {
		if i >= len(log) || log[i] != w {
			t.Errorf("commit %d: %q, want %q", i, at(log, i), w)
		}
	}
	if len(log) != 9 { // setup, team, 2 people, 2 goals, 2 check-ins, set
		t.Errorf("%d commits, want 9:\n%s", len(log), strings.Join(log, "\n"))
	}
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return ""
}

func TestListJSONCarriesComputedHealthAndProgress(t *testing.T) {
	t.Parallel()
	dir, objective, kr := smallOrg(t)
	must(t, dir, "checkin", kr, "--health", "at_risk", "--value", "9.5", "--summary", "Flat for two weeks.",
		"--problem", "Blocked", "--plan", "Unblock")
	var goals []map[string]any
	if err := json.Unmarshal([]byte(must(t, dir, "list", "goals", "--json", "--health", "at_risk")), &goals); err != nil {
		t.Fatal(err)
	}
	if len(goals) != 2 {
		t.Fatalf("%d at-risk goals, want the key result and its objective: %v", len(goals), goals)
	}
	byID := map[string]map[string]any{}
	for _, g := range goals {
		byID[g["id"].(string)] = g
	}
	// 14 → 9.5 → 5, lower is better: half way.
	if g := byID[kr]; g["progress"] != 0.5 || g["health"] != "at_risk" || g["title"] != "Median days to first dashboard" {
		t.Errorf("key result JSON = %v", g)
	}
	if g := byID[objective]; g["progress"] != 0.5 || g["health"] != "at_risk" {
		t.Errorf("objective did not roll up its key result: %v", g)
	}
	var people []map[string]any
	json.Unmarshal([]byte(must(t, dir, "list", "people", "--json", "--team", "onboarding")), &people)
	if len(people) != 1 || people[0]["name"] != "Raj Patel" {
		t.Errorf("people in onboarding = %v", people)
	}
}

func TestShowResolvesPrefixesAndListsAmbiguity(t *testing.T) {
	t.Parallel()
	dir, _, kr := smallOrg(t)
	out := must(t, dir, "show", strings.ToLower(kr[:10]))
	if !strings.Contains(out, kr+" · Median days to first dashboard") || !strings.Contains(out, "14 → no value yet → 5 days (lower is better)") {
		t.Errorf("show:\n%s", out)
	}
	_, errOut, code := run(t, dir, "show", "GOAL-")
	if code != ExitUsage || !strings.Contains(errOut, "ambiguous") || !strings.Contains(errOut, kr) {
		t.Errorf("ambiguous prefix: exit %d, %q", code, errOut)
	}
	_, errOut, code = run(t, dir, "show", "GOAL-ZZZZ")
	if code != ExitFailure || !strings.Contains(errOut, `no record has an ID starting with "GOAL-ZZZZ"`) {
		t.Errorf("unknown prefix: exit %d, %q", code, errOut)
	}
}

func TestSetRefusesChangesThatBreakRules(t *testing.T) {
	t.Parallel()
	dir, _, kr := smallOrg(t)
	before := len(gitLog(t, dir))
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"set", kr, "owner=nobody"}, "nobody"},
		{[]string{"set", kr, "level=quarterly"}, "quarterly"},
		{[]string{"set", kr, "titel=typo"}, `unknown field "titel"`},
		{[]string{"set", kr, "metric.target=lots"}, "lots"},
		{[]string{"set", kr, "id=GOAL-00000000"}, "never changes"},
	} {
		_, errOut, code := run(t, dir, c.args...)
		if code != ExitUsage || !strings.Contains(errOut, c.want) {
			t.Errorf("accord %s: exit %d, %q; want a refusal (exit 2) naming %q", strings.Join(c.args, " "), code, errOut, c.want)
		}
	}
	if after := len(gitLog(t, dir)); after != before {
		t.Errorf("refused edits made %d commits", after-before)
	}
	raci := strings.TrimSpace(must(t, dir, "new", "raci", "title=Wizard launch", "subject.name=CSV import wizard",
		"accountable=mei", "responsible=[raj]"))
	_, errOut, code := run(t, dir, "set", raci, "accountable=[mei, raj]")
	if code != ExitUsage || !strings.Contains(errOut, "raci.accountable-multiple") {
		t.Errorf("second Accountable: exit %d, %q", code, errOut)
	}
	// A step the decision's lifecycle does not have is refused like any
	// other bad value (it exited 1, as if Accord had failed).
	dec := strings.TrimSpace(must(t, dir, "new", "decision", "title=Where the wizard starts", "status=proposed"))
	_, errOut, code = run(t, dir, "set", dec, "status=deprecated")
	if code != ExitUsage || !strings.Contains(errOut, "cannot become deprecated") {
		t.Errorf("proposed → deprecated: exit %d, %q; want a refusal (exit 2)", code, errOut)
	}
}

func TestSetKeepsHandWrittenComments(t *testing.T) {
	t.Parallel()
	dir, _, kr := smallOrg(t)
	p := filepath.Join(dir, "goals", kr[5:7], kr+".yaml")
	data, _ := os.ReadFile(p)
	hand := "# Agreed with Mei at the Q4 planning.\n" + strings.Replace(string(data), "cadence: weekly", "cadence: weekly # Fridays", 1)
	os.WriteFile(p, []byte(hand), 0o644)
	must(t, dir, "set", kr, "title=Median days to a first dashboard")
	got, _ := os.ReadFile(p)
	for _, want := range []string{"# Agreed with Mei at the Q4 planning.\n", "cadence: weekly # Fridays", "title: Median days to a first dashboard"} {
		if !strings.Contains(string(got), want) {
			t.Errorf("file lost %q:\n%s", want, got)
		}
	}
}

func TestCheckinRules(t *testing.T) {
	t.Parallel()
	dir, objective, kr := smallOrg(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"checkin", kr, "--health", "at_risk", "--summary", "x"}, "--problem"},
		{[]string{"checkin", kr, "--health", "great", "--summary", "x"}, "on_track"},
		{[]string{"checkin", kr, "--health", "on_track"}, "--summary"},
		{[]string{"checkin", objective, "--health", "on_track", "--summary", "x", "--value", "3"}, "no metric"},
		{[]string{"checkin", kr, "--health", "on_track", "--summary", "x", "--confidence", "150"}, "0 to 1"},
		{[]string{"checkin", kr, "--health", "on_track", "--summary", "x", "--confidence", "high"}, "or a percentage"},
	} {
		_, errOut, code := run(t, dir, c.args...)
		if code != ExitUsage || !strings.Contains(errOut, c.want) {
			t.Errorf("accord %s: exit %d, %q; want usage error naming %q", strings.Join(c.args, " "), code, errOut, c.want)
		}
	}
	// Posting as someone else needs their say-so, and who typed it is kept.
	stranger := &gitstore.Signature{Name: "Raj Patel", Email: "stranger@example.com"}
	_, errOut, code := runAs(t, stranger, dir, "checkin", kr, "--health", "on_track", "--summary", "x")
	if code != ExitUsage || !strings.Contains(errOut, "stranger@example.com") || !strings.Contains(errOut, "emails+=") {
		t.Errorf("unknown author: exit %d, %q", code, errOut)
	}
	for _, who := range []*gitstore.Signature{stranger, &raj} {
		_, errOut, code = runAs(t, who, dir, "checkin", kr, "--health", "on_track", "--summary", "x", "--as", "mei")
		if code != ExitUsage || !strings.Contains(errOut, "only its author (mei) can") {
			t.Errorf("--as mei by %s, whom Mei does not name: exit %d, %q", who.Email, code, errOut)
		}
	}
	if _, errOut, code := run(t, dir, "set", "mei", "delegates+=raj"); code != ExitUsage || !strings.Contains(errOut, "person.not-self") {
		t.Errorf("Raj named himself Mei's delegate: exit %d, %q", code, errOut)
	}
	mustAs(t, &mei, dir, "set", "mei", "delegates+=raj")
	upd := strings.TrimSpace(must(t, dir, "checkin", kr, "--health", "on_track", "--summary", "x", "--as", "mei"))
	if out := must(t, dir, "show", upd); !strings.Contains(out, "author: mei\n") || !strings.Contains(out, "posted_by: raj\n") {
		t.Errorf("a check-in posted by Mei's delegate:\n%s", out)
	}
}

func TestNoGitIdentityIsAClearError(t *testing.T) {
	dir, _, kr := smallOrg(t)
	commitAs(t, nil)
	t.Setenv("GIT_AUTHOR_NAME", "")
	t.Setenv("GIT_AUTHOR_EMAIL", "")
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	_, errOut, code := run(t, dir, "set", kr, "owner=mei")
	if code != ExitFailure || !strings.Contains(errOut, "no git identity") || !strings.Contains(errOut, "user.email") {
		t.Errorf("exit %d, %q", code, errOut)
	}
}

func TestOutsideARepository(t *testing.T) {
	t.Parallel()
	_, errOut, code := run(t, t.TempDir(), "list", "goals")
	if code != ExitUsage || !strings.Contains(errOut, "not an Accord data repository") {
		t.Errorf("exit %d, %q", code, errOut)
	}
	_, errOut, code = run(t, t.TempDir(), "list", "widgets")
	if code != ExitUsage || !strings.Contains(errOut, "unknown kind") {
		t.Errorf("unknown kind: exit %d, %q", code, errOut)
	}
}

func TestInitAdoptsAnExistingGitRepository(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, args := range [][]string{{"init", "-b", "trunk"}, {"commit", "--allow-empty", "-m", "existing history"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
			"GIT_AUTHOR_NAME=Raj Patel", "GIT_AUTHOR_EMAIL=raj@northwind.example",
			"GIT_COMMITTER_NAME=x", "GIT_COMMITTER_EMAIL=x@x")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	must(t, "", "init", dir, "--org", "Acme")
	log := gitLog(t, dir)
	if len(log) != 2 || log[0] != "Raj Patel|org: set up Acme" || log[1] != "Raj Patel|existing history" {
		t.Errorf("log after adopting: %v", log)
	}
	if out := must(t, "", "init", dir); !strings.Contains(out, "already an Accord repository") {
		t.Errorf("second init: %q", out)
	}
}
