package cli

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitWith runs plain git in dir with PATH set, as the teammate Tess.
func gitWith(t *testing.T, path, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=Tess Mate", "-c", "user.email=tess@example.com"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(cmd.Environ(), "PATH="+path, "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// accord init and accord clone install the merge driver, so a plain git
// pull merges a record both sides changed field by field, as sync does.
func TestPlainGitPullMergesRecordsAfterInitAndClone(t *testing.T) {
	t.Parallel()
	path := accordOnPath(t)
	dir, objective, _ := smallOrg(t)
	remote := bareRemote(t)
	must(t, dir, "remote", "set", remote)
	must(t, dir, "sync")
	other := filepath.Join(t.TempDir(), "other")
	must(t, "", "clone", remote, other)
	for _, d := range []string{dir, other} {
		if out := gitWith(t, path, d, "config", "merge.accord.driver"); strings.TrimSpace(out) != "accord merge-driver %O %A %B %P" {
			t.Errorf("%s: merge.accord.driver = %q", d, out)
		}
		if out := gitWith(t, path, d, "check-attr", "merge", "goals/AB/GOAL-AB000000.yaml"); !strings.Contains(out, "merge: accord") {
			t.Errorf("%s: records are not routed to the merge driver: %q", d, out)
		}
	}
	must(t, dir, "set", objective, "title=Cut time to value")
	must(t, dir, "sync")
	must(t, other, "set", objective, "period=2027-Q1")
	gitWith(t, path, other, "pull", "-q", "--no-rebase", "--no-edit", "origin", "main")
	var g map[string]any
	if err := json.Unmarshal([]byte(must(t, other, "show", objective, "--json")), &g); err != nil {
		t.Fatal(err)
	}
	if g["title"] != "Cut time to value" || g["period"] != "2027-Q1" {
		t.Errorf("after git pull: title %v, period %v; want both sides' fields", g["title"], g["period"])
	}
	if out, _, code := run(t, other, "doctor"); code != 0 || !strings.Contains(out, "ok       merge driver") {
		t.Errorf("doctor on a clone made by accord clone: exit %d\n%s", code, out)
	}
}

// accord doctor reports a clone made with plain git clone, which lacks the
// merge driver in its config; accord init there installs it.
func TestDoctorReportsAMissingMergeDriver(t *testing.T) {
	t.Parallel()
	dir, _, _ := smallOrg(t)
	remote := bareRemote(t)
	must(t, dir, "remote", "set", remote)
	must(t, dir, "sync")
	plain := filepath.Join(t.TempDir(), "plain")
	tessGit(t, filepath.Dir(plain), "clone", "-q", remote, plain)
	out, _, code := run(t, plain, "doctor")
	if code != ExitFailure || !strings.Contains(out, "problem  merge driver") || !strings.Contains(out, "→ accord init") {
		t.Fatalf("doctor in a plain git clone: exit %d\n%s", code, out)
	}
	for _, want := range []string{"ok       identity", "ok       remote", "note     hooks", "ok       records"} {
		if !strings.Contains(out, want) {
			t.Errorf("doctor does not say %q:\n%s", want, out)
		}
	}
	must(t, "", "init", plain)
	if out, _, code := run(t, plain, "doctor", "--json"); code != 0 || !strings.Contains(out, `"check": "merge driver"`) {
		t.Errorf("doctor after accord init: exit %d\n%s", code, out)
	}
}
