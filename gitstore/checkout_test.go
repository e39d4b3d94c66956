package gitstore

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A clone's files and index are what git's own clone makes: the same
// entries, modes and bytes, and git status finds nothing to report. A tree
// with a symlink takes go-git's checkout and ends up the same way.
func TestCloneWritesFilesAndIndexLikeGit(t *testing.T) {
	t.Parallel()
	for _, withLink := range []bool{false, true} {
		name := "plain files"
		if withLink {
			name = "with a symlink"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			seed := seededStore(t)
			dir := seed.Dir()
			if err := os.MkdirAll(filepath.Join(dir, "tools", "ci"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "tools", "ci", "check.sh"), []byte("#!/bin/sh\naccord validate\n"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte("# Northwind's records\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if withLink {
				if err := os.Symlink("README.md", filepath.Join(dir, "LINK.md")); err != nil {
					t.Fatal(err)
				}
			}
			gitCmd(t, dir, "add", "-A")
			gitCmd(t, dir, "-c", "user.name=Seed", "-c", "user.email=seed@example.org", "commit", "-q", "-m", "tools")
			r := httpRemote(t, seed, nil)
			c := cloneAs(t, r, "Ana")
			want := gitCmd(t, dir, "ls-tree", "-r", "--full-tree", "HEAD")
			got := gitCmd(t, c.Dir(), "ls-files", "-s")
			if normaliseStage(got) != normaliseTree(want) {
				t.Errorf("index of the clone:\n%s\nHEAD's tree:\n%s", got, want)
			}
			if st := gitCmd(t, c.Dir(), "status", "--porcelain"); st != "" {
				t.Errorf("git status in a fresh clone:\n%s", st)
			}
			info, err := os.Stat(filepath.Join(c.Dir(), "tools", "ci", "check.sh"))
			if err != nil || info.Mode().Perm()&0o100 == 0 {
				t.Errorf("check.sh lost its executable bit: %v %v", info, err)
			}
			data, err := os.ReadFile(filepath.Join(c.Dir(), "README.md"))
			if err != nil || string(data) != "# Northwind's records\n" {
				t.Errorf("README.md = %q, %v", data, err)
			}
		})
	}
}

func cloneAs(t *testing.T, r testRemote, who string) *Store {
	t.Helper()
	c, err := Clone(remoteCtx(t), r.URL, filepath.Join(t.TempDir(), who), r.Opts, as(who))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// normaliseTree turns `git ls-tree -r` lines ("mode type hash\tpath")
// and normaliseStage `git ls-files -s` lines ("mode hash stage\tpath")
// into "mode hash path" lines (the paths here have no spaces).
func normaliseTree(s string) string {
	var out strings.Builder
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		if f := strings.Fields(l); len(f) == 4 {
			fmt.Fprintf(&out, "%s %s %s\n", f[0], f[2], f[3])
		}
	}
	return out.String()
}

func normaliseStage(s string) string {
	var out strings.Builder
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		if f := strings.Fields(l); len(f) == 4 {
			fmt.Fprintf(&out, "%s %s %s\n", f[0], f[1], f[3])
		}
	}
	return out.String()
}
