package gitstore

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// teammatePush commits files with plain git in a plain git clone of url
// (a teammate who does not use Accord) and pushes; files maps a path to
// its content, or to "->TARGET" for a symlink.
func teammatePush(t *testing.T, url string, files map[string]string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "teammate")
	gitCmd(t, filepath.Dir(dir), "clone", "-q", url, dir)
	for p, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if target, ok := strings.CutPrefix(data, "->"); ok {
			if err := os.Symlink(target, full); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gitCmd(t, dir, "add", "-A")
	gitCmd(t, dir, "-c", "user.name=Tess Mate", "-c", "user.email=tess@example.com", "commit", "-q", "-m", "add records by hand")
	gitCmd(t, dir, "push", "-q", "origin", "HEAD:main")
}

// manyGoals returns n small valid goal files, by path.
func manyGoals(n int) map[string]string {
	out := map[string]string{}
	for i := range n {
		id := fmt.Sprintf("GOAL-7A%06d", i)
		p, _ := model.PathOf(model.KindGoal, id)
		out[p] = fmt.Sprintf("id: %s\ntitle: Hand-made goal %d\nlevel: objective\nstate: active\n", id, i)
	}
	return out
}

// Item 9 and 12 of issue 17: a teammate pushes, with plain git, a 10 MB
// record, fifty ordinary ones and a symlink. The sync pulls them all: the
// worktree matches the commit (the symlink stays a symlink), the big file
// and the symlink are findings naming the file, the commit and its author,
// every other record loads, and later syncs and validation still work.
func TestSyncTeammatesOversizedFileAndSymlink(t *testing.T) {
	t.Parallel()
	url := fileRemote(t)
	cs := clones(t, url, RemoteOptions{}, "Raj")
	raj := cs[0]
	big := "goals/7B/GOAL-7BIGB1G0.yaml"
	link := "goals/7C/GOAL-7C11NK00.yaml"
	files := manyGoals(50)
	files[big] = "id: GOAL-7BIGB1G0\ntitle: Big\nlevel: objective\nstate: active\ndescription: " + strings.Repeat("x", 10<<20) + "\n"
	files[link] = "->../../accord.yaml"
	teammatePush(t, url, files)

	res, err := raj.Sync(context.Background(), SyncOptions{Today: syncToday})
	if err != nil {
		t.Fatalf("sync with a teammate's oversized file and symlink: %v", err)
	}
	if !res.FastForward || res.Pulled != 1 {
		t.Errorf("sync result %+v; want a fast-forward of one commit", res)
	}
	if st := gitCmd(t, raj.Dir(), "status", "--porcelain"); st != "" {
		t.Errorf("the worktree does not match the commit after the sync:\n%s", st)
	}
	if info, err := os.Lstat(filepath.Join(raj.Dir(), link)); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the teammate's symlink is not a symlink in the worktree: %v %v", info, err)
	} else if target, _ := os.Readlink(filepath.Join(raj.Dir(), link)); target != "../../accord.yaml" {
		t.Errorf("the symlink points at %q", target)
	}
	if info, err := os.Stat(filepath.Join(raj.Dir(), big)); err != nil || info.Size() < 10<<20 {
		t.Errorf("the oversized file is not in the worktree as committed: %v", err)
	}
	org, err := raj.Load()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(org.Goals); n != 53 {
		t.Errorf("%d goals loaded; want the 3 seeded and the 50 new", n)
	}
	if err := raj.AttributeProblems(org.Problems); err != nil {
		t.Fatal(err)
	}
	found := map[string]model.Finding{}
	for _, f := range org.Problems {
		found[f.File] = f
	}
	for p, rule := range map[string]string{big: "file.too-large", link: "file.symlink"} {
		f, ok := found[p]
		if !ok || f.Rule != rule || f.Author != "Tess Mate <tess@example.com>" || len(f.Commit) != 40 {
			t.Errorf("finding on %s: %+v; want %s with the teammate's commit and name", p, f, rule)
		}
	}
	// The next syncs and validation work, and never commit the files as
	// edits made outside Accord.
	edit(t, raj, "GOAL-0000000K", func(r model.Record) { r.(*model.Goal).Title = "Still working" })
	if res, err := raj.Sync(context.Background(), SyncOptions{Today: syncToday}); err != nil || res.Committed != 0 || res.Pushed != 1 {
		t.Errorf("the next sync: %+v, %v", res, err)
	}
	if _, err := raj.Baseline("HEAD", org); err != nil {
		t.Errorf("validation's baseline fails: %v", err)
	}
	if _, _, err := raj.Verify("", "HEAD"); err != nil {
		t.Errorf("verify fails: %v", err)
	}
	// A fresh clone of the same history is just as usable.
	fresh := clones(t, url, RemoteOptions{}, "Mei")[0]
	if st := gitCmd(t, fresh.Dir(), "status", "--porcelain"); st != "" {
		t.Errorf("a fresh clone is not clean:\n%s", st)
	}
	if o, _ := fresh.Load(); len(o.Goals) != 53 {
		t.Errorf("a fresh clone loads %d goals", len(o.Goals))
	}
}

// A fast-forward reads every blob it will write before it writes any file:
// a commit with one blob missing changes nothing in the worktree, and the
// error names the file.
func TestFastForwardChecksEveryBlobFirst(t *testing.T) {
	t.Parallel()
	s := seededStore(t)
	s.mu.Lock()
	defer s.mu.Unlock()
	branch, local, err := s.branchHead()
	if err != nil {
		t.Fatal(err)
	}
	lc, _ := s.repo.CommitObject(local)
	tb := newTreeBuilder(s, lc.TreeHash)
	var paths []string
	for p, data := range manyGoals(20) {
		h, err := s.writeBlob([]byte(data))
		if err != nil {
			t.Fatal(err)
		}
		if err := tb.set(p, h); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	missing := "goals/ZZ/GOAL-ZZM1SS1N.yaml"
	if err := tb.set(missing, plumbing.NewHash("1234567890123456789012345678901234567890")); err != nil {
		t.Fatal(err)
	}
	tree, err := tb.write()
	if err != nil {
		t.Fatal(err)
	}
	c := &object.Commit{Author: object.Signature{Name: "Tess"}, Committer: object.Signature{Name: "Tess"},
		Message: "broken", TreeHash: tree, ParentHashes: []plumbing.Hash{local}}
	obj := s.repo.Storer.NewEncodedObject()
	if err := c.Encode(obj); err != nil {
		t.Fatal(err)
	}
	remote, err := s.repo.Storer.SetEncodedObject(obj)
	if err != nil {
		t.Fatal(err)
	}
	var res SyncResult
	err = s.fastForward(branch, local, remote, &res)
	if err == nil || !strings.Contains(err.Error(), missing) {
		t.Fatalf("fast-forward to a commit with a missing blob: %v; want an error naming %s", err, missing)
	}
	for _, p := range paths {
		if _, err := os.Lstat(filepath.Join(s.Dir(), p)); err == nil {
			t.Errorf("%s was written although the fast-forward failed", p)
		}
	}
	if _, head, _ := s.branchHead(); head != local {
		t.Errorf("the branch moved")
	}
	leftovers, _ := filepath.Glob(filepath.Join(s.Dir(), "goals", "*", ".accord-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
	_ = filemode.Regular
}
