package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// bareRemote makes an empty bare repository on branch main.
func bareRemote(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "remote.git")
	if out, err := exec.Command("git", "init", "-q", "--bare", "-b", "main", dir).CombinedOutput(); err != nil {
		t.Fatalf("git init --bare: %v\n%s", err, out)
	}
	return "file://" + dir
}

func TestSyncCommandExitCodesAndSummary(t *testing.T) {
	t.Parallel()
	dir, _, kr := smallOrg(t)
	remote := bareRemote(t)
	_, errOut, code := run(t, dir, "sync")
	if code != ExitUsage || !strings.Contains(errOut, "no remote") {
		t.Errorf("sync without a remote: exit %d, %q", code, errOut)
	}
	must(t, dir, "remote", "set", remote)
	if out := must(t, dir, "remote"); strings.TrimSpace(out) != remote {
		t.Errorf("remote: %q", out)
	}
	if out := must(t, dir, "sync"); !strings.Contains(out, "pushed 6") {
		t.Errorf("first sync: %q", out)
	}
	other := filepath.Join(t.TempDir(), "other")
	must(t, "", "clone", remote, other)

	// The same field on both sides: exit 3, the conflict listed with its values.
	must(t, dir, "set", kr, "metric.target=4")
	must(t, dir, "sync")
	must(t, other, "set", kr, "metric.target=6")
	out, errOut, code := run(t, other, "sync")
	if code != ExitConflict || !strings.Contains(out, "1 conflict to resolve") {
		t.Fatalf("conflicting sync: exit %d, %q, %q", code, out, errOut)
	}
	var cs []map[string]any
	if err := json.Unmarshal([]byte(must(t, other, "conflicts", "--json")), &cs); err != nil || len(cs) != 1 {
		t.Fatalf("conflicts --json: %v %v", cs, err)
	}
	if cs[0]["field"] != "metric.target" || cs[0]["ours"] != "6" || cs[0]["theirs"] != "4" || cs[0]["base"] != "5" {
		t.Errorf("conflict: %v", cs[0])
	}
	if text := must(t, other, "conflicts"); !strings.Contains(text, "ours:   6") || !strings.Contains(text, "theirs: 4") {
		t.Errorf("conflicts text:\n%s", text)
	}
	if out := must(t, other, "resolve", kr, "metric.target", "--value", "5"); !strings.Contains(out, "all conflicts resolved") {
		t.Errorf("resolve: %q", out)
	}
	if out := must(t, other, "sync"); !strings.Contains(out, "pushed") {
		t.Errorf("sync after resolving: %q", out)
	}
	if out := must(t, dir, "sync"); !strings.Contains(out, "pulled") {
		t.Errorf("the first clone did not pull the resolution: %q", out)
	}
	var g map[string]any
	json.Unmarshal([]byte(must(t, dir, "show", kr, "--json")), &g)
	if m := g["metric"].(map[string]any); m["target"] != 5.0 {
		t.Errorf("resolved value on the other clone: %v", m)
	}

	// Unreachable: exit 4, commits waiting.
	must(t, dir, "remote", "set", "http://127.0.0.1:1/gone.git")
	must(t, dir, "set", kr, "title=Offline edit")
	out, errOut, code = run(t, dir, "sync")
	if code != ExitOffline || !strings.Contains(errOut, "offline, 1 commit waiting") {
		t.Errorf("offline: exit %d, %q", code, errOut)
	}
	if strings.Contains(out, "up to date") {
		t.Errorf("a failed sync said %q", out)
	}
	if _, errOut, code := run(t, dir, "remote", "set", "https://user:secret@example.com/x.git"); code == 0 || strings.Contains(errOut, "secret") {
		t.Errorf("a URL with a password: exit %d, %q", code, errOut)
	}
}

func TestMergeDriverMergesFieldByField(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	base := "id: GOAL-7K3FQ2M1\ntitle: Median days\nlevel: key_result\nowner: raj\nstate: active\n"
	ours := "# kept\nid: GOAL-7K3FQ2M1\ntitle: Median days to first dashboard\nlevel: key_result\nowner: raj\nstate: active\n"
	theirs := "id: GOAL-7K3FQ2M1\ntitle: Median days\nlevel: key_result\nowner: mei\nstate: active\n"
	writeFile(t, dir, "O", base)
	writeFile(t, dir, "A", ours)
	writeFile(t, dir, "B", theirs)
	must(t, "", "merge-driver", filepath.Join(dir, "O"), filepath.Join(dir, "A"), filepath.Join(dir, "B"), "goals/7K/GOAL-7K3FQ2M1.yaml")
	got := readFile(t, dir, "A")
	want := "# kept\nid: GOAL-7K3FQ2M1\ntitle: Median days to first dashboard\nlevel: key_result\nowner: mei\nstate: active\n"
	if got != want {
		t.Errorf("merged:\n%s\nwant:\n%s", got, want)
	}
	writeFile(t, dir, "B", strings.Replace(theirs, "title: Median days", "title: Days to dashboard", 1))
	writeFile(t, dir, "A", ours)
	_, errOut, code := run(t, "", "merge-driver", filepath.Join(dir, "O"), filepath.Join(dir, "A"), filepath.Join(dir, "B"), "goals/7K/GOAL-7K3FQ2M1.yaml")
	if code != ExitFailure || !strings.Contains(errOut, "conflict in title") || strings.Contains(readFile(t, dir, "A"), "<<<<<<<") {
		t.Errorf("conflict: exit %d, %q", code, errOut)
	}
}

func readFile(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
