package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// No token on disk or on screen: clone and remote set refuse a URL with a
// credential, saying where a token goes; remote never prints user-info.
func TestRemoteRefusesTokensInURLs(t *testing.T) {
	t.Parallel()
	dir, _, _ := smallOrg(t)
	const token = "ghp_S3CRETtoken"
	for _, u := range []string{
		"https://" + token + "@github.com/northwind/data.git",
		"https://me:" + token + "%zz@github.com/northwind/data.git",
	} {
		into := filepath.Join(t.TempDir(), "clone")
		out, errOut, code := run(t, "", "clone", u, into)
		if code != ExitUsage || strings.Contains(out+errOut, "S3CRET") || !strings.Contains(errOut, "ACCORD_TOKEN") {
			t.Errorf("clone %s: exit %d, %q %q; want exit 2 naming ACCORD_TOKEN, without the token", u, code, out, errOut)
		}
		out, errOut, code = run(t, dir, "remote", "set", u)
		if code != ExitUsage || strings.Contains(out+errOut, "S3CRET") || !strings.Contains(errOut, "credential helper") {
			t.Errorf("remote set %s: exit %d, %q %q", u, code, out, errOut)
		}
	}
	if out, _ := exec.Command("git", "-C", dir, "config", "--get-regexp", "remote").CombinedOutput(); len(out) > 0 {
		t.Errorf("a refused URL reached .git/config: %s", out)
	}
	// Set by another tool: shown without it.
	if out, err := exec.Command("git", "-C", dir, "remote", "add", "origin", "https://me:"+token+"@git.example.com/data.git").CombinedOutput(); err != nil {
		t.Fatalf("git remote add: %v %s", err, out)
	}
	if out := must(t, dir, "remote"); strings.TrimSpace(out) != "https://git.example.com/data.git" {
		t.Errorf("accord remote printed %q", out)
	}
}

// tessGit runs plain git in dir as the teammate Tess, who does not use Accord.
func tessGit(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=Tess Mate", "-c", "user.email=tess@example.com"}, args...)...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// accord validate in a plain git clone holding a teammate's oversized
// record and a symlink lists both, with the commit and its author, and
// exits 1 (errors found), not 2 (could not run).
func TestValidateListsOversizedFilesInAPlainClone(t *testing.T) {
	t.Parallel()
	dir, _, _ := smallOrg(t)
	remote := bareRemote(t)
	must(t, dir, "remote", "set", remote)
	must(t, dir, "sync")
	plain := filepath.Join(t.TempDir(), "plain")
	tessGit(t, filepath.Dir(plain), "clone", "-q", remote, plain)
	big := filepath.Join(plain, "goals", "7B", "GOAL-7BIGB1G0.yaml")
	writeFile(t, filepath.Dir(big), "GOAL-7BIGB1G0.yaml", "id: GOAL-7BIGB1G0\ntitle: Big\nlevel: objective\nstate: active\ndescription: "+strings.Repeat("x", 300<<10)+"\n")
	link := filepath.Join(plain, "goals", "7C", "GOAL-7C11NK00.yaml")
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../../accord.yaml", link); err != nil {
		t.Fatal(err)
	}
	tessGit(t, plain, "add", "-A")
	tessGit(t, plain, "commit", "-q", "-m", "two files by hand")
	out, errOut, code := run(t, plain, "validate", "--json")
	if code != ExitFailure {
		t.Fatalf("validate: exit %d, %s %s; want 1 with findings", code, out, errOut)
	}
	var fs []map[string]any
	if err := json.Unmarshal([]byte(out), &fs); err != nil {
		t.Fatal(err)
	}
	got := map[string]map[string]any{}
	for _, f := range fs {
		got[f["file"].(string)] = f
	}
	for p, rule := range map[string]string{"goals/7B/GOAL-7BIGB1G0.yaml": "file.too-large", "goals/7C/GOAL-7C11NK00.yaml": "file.symlink"} {
		f := got[p]
		if f == nil || f["rule"] != rule || f["author"] != "Tess Mate <tess@example.com>" || len(f["commit"].(string)) != 40 {
			t.Errorf("finding on %s: %v; want %s with the commit and Tess as its author", p, f, rule)
		}
	}
}
