package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
)

func TestDemoShowsValidationSomethingRealAndIsReused(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "northwind")
	out, errOut, code := run(t, "", "demo", dir)
	if code != 0 || strings.TrimSpace(out) != dir {
		t.Fatalf("demo without a terminal: exit %d, stdout %q (want the path)\n%s", code, out, errOut)
	}
	commits := len(gitLog(t, dir))
	if commits < 200 {
		t.Errorf("the demo has %d commits; want a believable history", commits)
	}
	authors := map[string]bool{}
	for _, l := range gitLog(t, dir) {
		name, _, _ := strings.Cut(l, "|")
		authors[name] = true
	}
	if len(authors) < 20 {
		t.Errorf("%d distinct authors; check-ins should be committed by the people who wrote them", len(authors))
	}

	var findings []model.Finding
	out, _, _ = run(t, dir, "validate", "--json")
	if err := json.Unmarshal([]byte(out), &findings); err != nil {
		t.Fatal(err)
	}
	rules := map[string]int{}
	for _, f := range findings {
		rules[f.Rule]++
	}
	for _, want := range []string{"raci.accountable-missing", "raci.accountable-multiple", "raci.responsible-missing",
		"raci.role-conflict", "raci.overload", "person.inactive-owner", "update.stale", "handoff.overdue"} {
		if rules[want] == 0 {
			t.Errorf("the demo shows no %s finding; validation should have something real to show", want)
		}
	}
	for rule, n := range rules {
		if strings.HasPrefix(rule, "yaml.") || strings.HasPrefix(rule, "ref.") || strings.HasPrefix(rule, "id.") || strings.HasPrefix(rule, "schema.") {
			t.Errorf("the demo has %d unintended %s findings", n, rule)
		}
	}

	// Raj's stakeholder map is in the clone's private area, and in no
	// commit; his key result is blocked by Platform; pulses have a
	// falling pair; an ask to Onboarding stands.
	if out := must(t, dir, "stakeholders"); !strings.Contains(out, "Jonas Weber") {
		t.Errorf("accord demo wrote no stakeholder map for Raj:\n%s", out)
	}
	if strings.Contains(gitIn(t, dir, "log", "--all", "-p"), "Weekly one-to-one slipped twice") {
		t.Error("Raj's private stakeholder notes are in the history")
	}
	if out := must(t, dir, "inbox"); !strings.Contains(out, "Blocked by a dependency") || !strings.Contains(out, "(off track)") ||
		!strings.Contains(out, "Onboarding: capacity for two mid-market kick-offs a week") {
		t.Errorf("Raj's inbox lacks the blocked key result or the open ask to Onboarding:\n%s", out)
	}
	if out := must(t, dir, "pulse", "trends", "--falling"); !strings.Contains(out, "onboarding  platform") {
		t.Errorf("no falling pair:\n%s", out)
	}
	if out, errOut, code := run(t, dir, "verify"); code != 0 || !strings.Contains(out+errOut, "every one taken by someone who may take it") {
		t.Errorf("verify: exit %d\n%s%s", code, out, errOut)
	}

	out, errOut, code = run(t, "", "demo", dir)
	if code != 0 || strings.TrimSpace(out) != dir || !strings.Contains(errOut, "already holds") {
		t.Errorf("second demo: exit %d, %q, %q", code, out, errOut)
	}
	if again := len(gitLog(t, dir)); again != commits {
		t.Errorf("reusing the demo made %d new commits", again-commits)
	}
}

func TestDemoSyntheticSize(t *testing.T) {
	t.Parallel()
	dir := t.TempDir() + "/big"
	must(t, "", "demo", dir, "--records", "2000", "--history", "50", "--seed", "7")
	if n := len(gitLog(t, dir)); n != 50 {
		t.Errorf("%d commits, want 50", n)
	}
	var all int
	for _, k := range []string{"goals", "updates", "decisions", "raci", "handoffs", "people", "teams"} {
		var recs []map[string]any
		json.Unmarshal([]byte(must(t, dir, "list", k, "--json")), &recs)
		all += len(recs)
	}
	if all < 1800 || all > 2200 {
		t.Errorf("%d records, want about 2000", all)
	}
}

func TestDemoRefusesAFolderWithOtherThingsInIt(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, "notes.txt", "mine")
	_, errOut, code := run(t, "", "demo", dir)
	if code == 0 || !strings.Contains(errOut, "not empty") {
		t.Errorf("exit %d, %q", code, errOut)
	}
}
