package cli

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The stakeholder map is private: nothing of it reaches a commit, a push,
// an export, a report, a diff, a log, the published site or a digest, in
// the clone or on the remote.
func TestStakeholderMapNeverLeavesTheClone(t *testing.T) {
	t.Parallel()
	dir := northwindRepo(t, false)
	const marker = "private-note-XJ7Q"
	must(t, dir, "stakeholders", "set", "mei", "power=5", "interest=5", "stance=sceptic", "notes="+marker)
	if out := must(t, dir, "stakeholders"); !strings.Contains(out, "Manage closely") || !strings.Contains(out, "sceptic") {
		t.Errorf("stakeholders:\n%s", out)
	}
	// Work goes on: an edit, a sync to a remote.
	remote := bareRemote(t)
	must(t, dir, "set", "raj", "role=Engineering Lead, Onboarding and Imports")
	must(t, dir, "remote", "set", remote)
	must(t, dir, "sync")

	var outputs []string
	for _, args := range [][]string{{"export", "--json"}, {"export", "people", "--csv"}, {"report"}, {"report", "--json"},
		{"report", "--html"}, {"diff", "HEAD~3..HEAD"}, {"log", "mei"}, {"show", "mei"}, {"inbox", "--as", "raj"}, {"list", "people", "--json"}} {
		out, _, _ := run(t, dir, args...)
		outputs = append(outputs, out)
	}
	// The digests of Raj (whose map it is), of the person noted and of his
	// team, in every format.
	for _, who := range [][]string{{"--for", "raj"}, {"--for", "mei"}, {"--team", "onboarding"}} {
		for _, format := range []string{"--md", "--html", "--json"} {
			out, errOut, code := run(t, dir, append(append([]string{"digest"}, who...), format)...)
			if code != 0 {
				t.Fatalf("digest %v %s: exit %d\n%s", who, format, code, errOut)
			}
			outputs = append(outputs, out)
		}
	}
	// The published site, every file of it.
	site := filepath.Join(t.TempDir(), "site")
	must(t, dir, "publish", site)
	files := 0
	filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			outputs = append(outputs, string(data))
			files++
		}
		return nil
	})
	if files < 50 {
		t.Fatalf("the published site has %d files; the test reads too little to prove anything", files)
	}
	for _, repo := range []string{dir, strings.TrimPrefix(remote, "file://")} {
		outputs = append(outputs, gitIn(t, repo, "log", "--all", "-p"), gitIn(t, repo, "cat-file", "--batch-all-objects", "--batch"))
	}
	for i, out := range outputs {
		if strings.Contains(out, marker) {
			t.Errorf("output %d carries the private note:\n%s", i, out)
		}
	}
}

func TestStakeholdersCommand(t *testing.T) {
	t.Parallel()
	dir := northwindRepo(t, false)
	for _, args := range [][]string{
		{"stakeholders", "set", "mie", "power=3"},
		{"stakeholders", "set", "mei", "power=9"},
		{"stakeholders", "set", "mei", "stance=hostile"},
		{"stakeholders", "set", "mei", "powr=3"},
		{"stakeholders", "set", "mei", "next_touch=soon"},
		{"stakeholders", "remove", "nobody"},
	} {
		if _, errOut, code := run(t, dir, args...); code != ExitUsage {
			t.Errorf("accord %s: exit %d, %q", strings.Join(args, " "), code, errOut)
		}
	}
	must(t, dir, "stakeholders", "set", "daniel", "power=4", "interest=5", "next_touch=2026-11-01")
	must(t, dir, "stakeholders", "set", "amara", "power=5", "interest=2")
	must(t, dir, "stakeholders", "set", "mei", "power=5", "interest=5")
	grid := must(t, dir, "stakeholders", "grid")
	if !strings.Contains(grid, "Manage closely") || strings.Index(grid, "daniel") < strings.Index(grid, "Manage closely") {
		t.Errorf("grid:\n%s", grid)
	}
	out, _, code := run(t, dir, "stakeholders", "check")
	if code != ExitFailure || !strings.Contains(out, "touchpoint with daniel was due 2026-11-01") || !strings.Contains(out, "does not consult Mei Lin") {
		t.Errorf("stakeholders check: exit %d\n%s", code, out)
	}
	must(t, dir, "stakeholders", "remove", "daniel")
	if out := must(t, dir, "stakeholders"); strings.Contains(out, "daniel") {
		t.Errorf("removed, still listed:\n%s", out)
	}
}

func gitIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = filepath.Clean(dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s in %s: %v\n%s", strings.Join(args, " "), dir, err, out)
	}
	return string(out)
}
