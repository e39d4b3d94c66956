package cli

import (
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
