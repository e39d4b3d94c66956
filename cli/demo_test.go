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
