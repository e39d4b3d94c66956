package gitstore

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/demo"
	"github.com/go-git/go-git/v5/plumbing"
)

// differingFromHead is what editedRecordFiles must find, the slow way:
// every record path at HEAD or in the worktree whose worktree blob is not
// HEAD's, every file hashed.
func differingFromHead(t *testing.T, s *Store) []string {
	t.Helper()
	_, head, err := s.branchHead()
	if err != nil {
		t.Fatal(err)
	}
	tree, err := s.treeOf(head)
	if err != nil {
		t.Fatal(err)
	}
	paths := map[string]bool{model.ConfigPath: true}
	_ = walkRecords(tree, func(p string, _ model.Kind, _ string, _ plumbing.Hash) error {
		paths[p] = true
		return nil
	})
	_ = filepath.WalkDir(s.Dir(), func(p string, d os.DirEntry, err error) error {
		rel, _ := filepath.Rel(s.Dir(), p)
		rel = filepath.ToSlash(rel)
		if err == nil && !d.IsDir() {
			if _, _, ok := model.KindOfPath(rel); ok {
				paths[rel] = true
			}
		}
		return nil
	})
	var out []string
	for p := range paths {
		if differsFromTree(s, tree, p) {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// A sync finds every record file that differs from HEAD, however it got
// so: edited, added, removed, staged with git add, removed with git rm,
// a folder gone, a symlink in a file's place; and nothing else.
func TestEditedRecordFilesAreThoseThatDifferFromHead(t *testing.T) {
	t.Parallel()
	cfg, commits := demo.Synthetic(600, 3, 3, time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	s, err := WriteHistory(t.TempDir(), cfg, commits)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// git writes the index with every file's stat data, as after a clone.
	gitCmd(t, s.Dir(), "update-index", "--refresh")
	org, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	var goals, people []string
	for _, id := range org.IDs(model.KindGoal) {
		goals = append(goals, org.Sources[id].Path)
	}
	for _, id := range org.IDs(model.KindPerson) {
		people = append(people, org.Sources[id].Path)
	}
	check := func(step string, want ...string) {
		t.Helper()
		s.mu.Lock()
		got, err := s.editedRecordFiles()
		s.mu.Unlock()
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		slow := differingFromHead(t, s)
		slices.Sort(want)
		if !slices.Equal(got, slow) || !slices.Equal(got, want) {
			t.Errorf("%s: found %v; differing from HEAD %v; want %v", step, got, slow, want)
		}
	}
	check("clean")
	appendTo := func(p, text string) {
		f, err := os.OpenFile(filepath.Join(s.Dir(), p), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString(text)
		f.Close()
	}
	appendTo(goals[0], "# edited\n")
	check("edited", goals[0])
	gitCmd(t, s.Dir(), "add", goals[0])
	check("edited and staged", goals[0])
	writeRaw(t, s, "goals/ZZ/GOAL-ZZZZZZZZ.yaml", "id: GOAL-ZZZZZZZZ\n")
	check("added", goals[0], "goals/ZZ/GOAL-ZZZZZZZZ.yaml")
	gitCmd(t, s.Dir(), "rm", "-q", goals[1])
	check("git rm", goals[0], goals[1], "goals/ZZ/GOAL-ZZZZZZZZ.yaml")
	gitCmd(t, s.Dir(), "rm", "-q", "--cached", goals[2])
	check("git rm --cached (the file unchanged)", goals[0], goals[1], "goals/ZZ/GOAL-ZZZZZZZZ.yaml")
	os.Remove(filepath.Join(s.Dir(), goals[3]))
	check("removed", goals[0], goals[1], goals[3], "goals/ZZ/GOAL-ZZZZZZZZ.yaml")
	// A whole shard folder gone.
	shard := filepath.Dir(goals[len(goals)-1])
	var inShard []string
	for _, g := range goals {
		if filepath.Dir(g) == shard {
			inShard = append(inShard, g)
		}
	}
	os.RemoveAll(filepath.Join(s.Dir(), shard))
	check("folder removed", append([]string{goals[0], goals[1], goals[3], "goals/ZZ/GOAL-ZZZZZZZZ.yaml"}, inShard...)...)
	// A symlink where a person was, and accord.yaml edited.
	os.Remove(filepath.Join(s.Dir(), people[0]))
	os.Symlink(filepath.Base(people[1]), filepath.Join(s.Dir(), people[0]))
	appendTo(model.ConfigPath, "# note\n")
	check("symlink and settings", append([]string{goals[0], goals[1], goals[3], "goals/ZZ/GOAL-ZZZZZZZZ.yaml", people[0], model.ConfigPath}, inShard...)...)
	// Everything committed with git: clean again.
	gitCmd(t, s.Dir(), "add", "-A")
	gitCmd(t, s.Dir(), "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qm", "by hand")
	check("committed with git")
	if strings.TrimSpace(gitCmd(t, s.Dir(), "status", "--porcelain")) != "" {
		t.Errorf("git status is not clean after the commit")
	}
	// An index Accord does not read in place (version 4) goes through
	// go-git, and says the same.
	gitCmd(t, s.Dir(), "update-index", "--index-version", "4")
	check("index version 4")
	appendTo(goals[4], "# edited\n")
	check("index version 4, edited", goals[4])
}
