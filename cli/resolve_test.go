package cli

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
)

// A loop made by two clones, each valid alone: sync --json says so in one
// object, conflicts --json gives the values (every goal on the loop, field
// by field), and resolve takes a prefix, --record and --edit in $EDITOR.
// Sync and remote agree on what no remote means. Not parallel: $EDITOR.
func TestResolveWholeRecordFromTheCommandLine(t *testing.T) {
	dir, ga, _ := smallOrg(t)
	_, syncErr, syncCode := run(t, dir, "sync")
	_, remoteErr, remoteCode := run(t, dir, "remote")
	if syncCode != ExitUsage || remoteCode != ExitUsage || !strings.Contains(syncErr, "no remote") || syncErr != remoteErr {
		t.Errorf("no remote: sync exit %d %q, remote exit %d %q; want the same usage error", syncCode, syncErr, remoteCode, remoteErr)
	}
	out, _, code := run(t, dir, "remote", "--json")
	var e struct {
		Error string
		Code  int
	}
	if err := json.Unmarshal([]byte(out), &e); err != nil || code != ExitUsage || e.Code != ExitUsage {
		t.Errorf("remote --json without a remote: exit %d, %q", code, out)
	}
	remote := bareRemote(t)
	must(t, dir, "remote", "set", remote)
	var r struct{ Remote string }
	if err := json.Unmarshal([]byte(must(t, dir, "remote", "--json")), &r); err != nil || r.Remote != remote {
		t.Errorf("remote --json: %+v, %v", r, err)
	}
	gb := strings.TrimSpace(must(t, dir, "new", "goal", "title=B", "level=objective", "owner=raj"))
	gc := strings.TrimSpace(must(t, dir, "new", "goal", "title=C", "level=objective", "owner=raj"))
	must(t, dir, "set", ga, "parent="+gb)
	var res struct {
		Pushed, Conflicts, Code int
		Error                   string
		Warnings                []string
	}
	if err := json.Unmarshal([]byte(must(t, dir, "sync", "--json")), &res); err != nil || res.Pushed == 0 || res.Code != 0 || res.Warnings == nil {
		t.Errorf("sync --json: %+v, %v", res, err)
	}
	other := filepath.Join(t.TempDir(), "other")
	must(t, "", "clone", remote, other)
	must(t, dir, "set", gb, "parent="+gc)
	must(t, dir, "sync")
	must(t, other, "set", gc, "parent="+ga)
	out, errOut, code := run(t, other, "sync", "--json")
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != ExitConflict || res.Code != ExitConflict || res.Conflicts != 1 || errOut != "" {
		t.Fatalf("sync --json with a loop: exit %d, %v, %q, %q", code, err, out, errOut)
	}
	var cs []model.Conflict
	if err := json.Unmarshal([]byte(must(t, other, "conflicts", "--json")), &cs); err != nil || len(cs) != 1 {
		t.Fatalf("conflicts --json: %v, %+v", err, cs)
	}
	c := cs[0]
	if c.Field != model.RecordField || c.RuleID() != "goal.cycle" || !strings.Contains(c.Ours, "id: "+c.ID) {
		t.Errorf("the loop's conflict: %+v", c)
	}
	for _, id := range []string{ga, gb, gc} {
		if !slices.Contains(c.Records, id) {
			t.Errorf("the conflict does not involve %s: %v", id, c.Records)
		}
	}
	if !slices.ContainsFunc(c.Fields, func(f model.ConflictField) bool {
		return f.ID == gc && f.Field == "parent" && f.Ours == ga && f.Theirs == ""
	}) {
		t.Errorf("C's parent is not among the fields: %+v", c.Fields)
	}
	if text := must(t, other, "conflicts"); !strings.Contains(text, "whole record") || !strings.Contains(text, "merged: ") {
		t.Errorf("conflicts text:\n%s", text)
	}
	// The old literal is refused as a missing --record; a bad choice exits 2.
	if _, errOut, code := run(t, other, "resolve", c.ID[:9], "--ours"); code != ExitUsage || !strings.Contains(errOut, "--record") {
		t.Errorf("resolve without FIELD or --record: exit %d, %q", code, errOut)
	}
	t.Setenv("EDITOR", "sed -i /^parent:/d")
	var rr struct {
		Left   int
		Commit *string
	}
	out = must(t, other, "resolve", strings.ToLower(c.ID[:9]), "--record", "--edit", "--json")
	if err := json.Unmarshal([]byte(out), &rr); err != nil || rr.Left != 0 || rr.Commit == nil || len(*rr.Commit) != 40 {
		t.Fatalf("resolve --record --edit --json: %v, %s", err, out)
	}
	must(t, other, "sync")
	must(t, dir, "sync")
	for _, d := range []string{dir, other} {
		if out, _, _ := run(t, d, "validate"); strings.Contains(out, "goal.cycle") {
			t.Errorf("a loop reached %s:\n%s", d, out)
		}
	}
}
