package gitstore

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
)

func revCount(t *testing.T, dir string) string {
	t.Helper()
	return strings.TrimSpace(gitCmd(t, dir, "rev-list", "--count", "HEAD"))
}

func reopen(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := Open(dir, WithAuthor(rajSig))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// A branch ref left empty, torn or missing (by a killed command of an older
// Accord, or of go-git, which rewrites refs in place) is repaired from the
// reflog, the next write is refused saying so, and no new root commit is
// ever made: before, `: > .git/refs/heads/main; accord set …` started a
// history of one commit.
func TestDamagedRefIsRepairedNeverANewRoot(t *testing.T) {
	t.Parallel()
	for name, damage := range map[string]func(p string) error{
		"empty":   func(p string) error { return os.WriteFile(p, nil, 0o644) },
		"torn":    func(p string) error { return os.WriteFile(p, []byte("3f9a0c"), 0o644) },
		"missing": os.Remove,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := newRepo(t)
			if _, err := s.Create(goal("GOAL-7K3FQ2M1", "Cut time-to-first-value")); err != nil {
				t.Fatal(err)
			}
			head, _ := s.Head()
			if err := damage(filepath.Join(s.Dir(), ".git", "refs", "heads", "main")); err != nil {
				t.Fatal(err)
			}
			// A store already open (the TUI): its next write repairs and refuses.
			_, err := s.Update(model.KindGoal, "GOAL-7K3FQ2M1", func(r model.Record) error { r.(*model.Goal).Owner = "raj"; return nil })
			if !errors.Is(err, ErrRefDamaged) || !strings.Contains(err.Error(), "restored it to "+head[:8]) {
				t.Fatalf("write on a damaged ref: %v; want ErrRefDamaged naming the repair to %s", err, head[:8])
			}
			if got, _ := s.Head(); got != head {
				t.Fatalf("head after repair = %s, want %s", got, head)
			}
			if n := revCount(t, s.Dir()); n != "2" {
				t.Fatalf("history has %s commits after the refused write, want 2", n)
			}
			if st := gitCmd(t, s.Dir(), "status", "--porcelain"); st != "" {
				t.Fatalf("refused write left the tree dirty:\n%s", st)
			}
			// The next write goes on top of the repaired history.
			if _, err := s.Update(model.KindGoal, "GOAL-7K3FQ2M1", func(r model.Record) error { r.(*model.Goal).Owner = "raj"; return nil }); err != nil {
				t.Fatal(err)
			}
			if n := revCount(t, s.Dir()); n != "3" {
				t.Fatalf("history has %s commits, want 3", n)
			}

			// A command opening the clone afterwards (the CLI) repairs on
			// opening and says so.
			head, _ = s.Head()
			if err := damage(filepath.Join(s.Dir(), ".git", "refs", "heads", "main")); err != nil {
				t.Fatal(err)
			}
			s2 := reopen(t, s.Dir())
			if n := s2.Notices(); len(n) != 1 || !strings.Contains(n[0], "refs/heads/main was damaged") {
				t.Fatalf("notices on opening = %q, want one saying the ref was repaired", n)
			}
			if _, err := s2.Create(goal("GOAL-2B7N4X8Q", "x")); !errors.Is(err, ErrRefDamaged) {
				t.Fatalf("first write after the repair: %v, want it refused", err)
			}
			if got, _ := s2.Head(); got != head {
				t.Fatalf("head = %s, want %s", got, head)
			}
			gitCmd(t, s.Dir(), "fsck", "--strict")
		})
	}
}

// A truly empty repository still takes its first commit.
func TestFirstCommitInAnEmptyRepository(t *testing.T) {
	t.Parallel()
	s, err := initRepo(t.TempDir(), []Option{WithAuthor(rajSig)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Create(goal("GOAL-7K3FQ2M1", "first")); err != nil {
		t.Fatal(err)
	}
	if n := revCount(t, s.Dir()); n != "1" {
		t.Fatalf("%s commits, want 1", n)
	}
}

// stoppedWrite makes a store whose commits stop at stage, as a kill would,
// and runs one write of two files (a goal edited, a check-in created).
func stoppedWrite(t *testing.T, stage string) (*Store, string) {
	t.Helper()
	s := newRepo(t)
	if _, err := s.Create(goal("GOAL-7K3FQ2M1", "Cut time-to-first-value")); err != nil {
		t.Fatal(err)
	}
	head, _ := s.Head()
	s.stopHook = func(st string) bool { return st == stage }
	_, err := s.Transact("two files", func(tx *Tx) error {
		if err := tx.Put(goal("GOAL-7K3FQ2M1", "Halve time-to-first-value")); err != nil {
			return err
		}
		return tx.Create(&model.Update{ID: "UPD-3M8Q2K7N", Target: "GOAL-7K3FQ2M1", Author: "raj", Date: "2026-11-20",
			Health: model.HealthOnTrack, Summary: "on track"})
	})
	if !errors.Is(err, errStopped) {
		t.Fatalf("stopped write: %v", err)
	}
	s.stopHook = nil
	return s, head
}

func TestStoppedWriteIsFinishedOrRolledBack(t *testing.T) {
	t.Parallel()
	t.Run("before the files: nothing to undo, debris removed", func(t *testing.T) {
		t.Parallel()
		s, head := stoppedWrite(t, "journal")
		// A temporary file as a kill inside writeAtomic leaves it.
		debris := filepath.Join(s.Dir(), "goals", "7K", ".accord-0a1b2c3d4e5f.tmp")
		if err := os.WriteFile(debris, []byte("id: GOAL-"), 0o644); err != nil {
			t.Fatal(err)
		}
		s2 := reopen(t, s.Dir())
		if got, _ := s2.Head(); got != head {
			t.Fatalf("head moved to %s", got)
		}
		clean(t, s2)
		if _, err := os.Stat(debris); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("temporary file left: %v", err)
		}
	})
	t.Run("files written, branch not moved: committed, saying so", func(t *testing.T) {
		t.Parallel()
		s, head := stoppedWrite(t, "files")
		s2 := reopen(t, s.Dir())
		if n := s2.Notices(); len(n) != 1 || !strings.Contains(n[0], "now committed") {
			t.Fatalf("notices = %q, want one saying the write was committed", n)
		}
		if got, _ := s2.Head(); got == head {
			t.Fatal("the complete write was not committed")
		}
		if g := get(t, s2, "GOAL-7K3FQ2M1").(*model.Goal); g.Title != "Halve time-to-first-value" {
			t.Fatalf("title = %q", g.Title)
		}
		clean(t, s2)
	})
	t.Run("one of two files written: rolled back, saying so", func(t *testing.T) {
		t.Parallel()
		s, head := stoppedWrite(t, "files")
		// The kill came between the two renames: the check-in is not there.
		if err := os.Remove(filepath.Join(s.Dir(), "updates", "3M", "UPD-3M8Q2K7N.yaml")); err != nil {
			t.Fatal(err)
		}
		s2 := reopen(t, s.Dir())
		if n := s2.Notices(); len(n) != 1 || !strings.Contains(n[0], "rolled back") || !strings.Contains(n[0], "goals/7K/GOAL-7K3FQ2M1.yaml") {
			t.Fatalf("notices = %q, want one saying the goal was put back", n)
		}
		if got, _ := s2.Head(); got != head {
			t.Fatalf("head moved to %s", got)
		}
		if g := get(t, s2, "GOAL-7K3FQ2M1").(*model.Goal); g.Title != "Cut time-to-first-value" {
			t.Fatalf("title = %q, want the one before", g.Title)
		}
		clean(t, s2)
	})
	t.Run("branch moved, index not refreshed: index refreshed", func(t *testing.T) {
		t.Parallel()
		s, head := stoppedWrite(t, "branch")
		s2 := reopen(t, s.Dir())
		if got, _ := s2.Head(); got == head {
			t.Fatal("the commit is gone")
		}
		if n := s2.Notices(); len(n) != 0 {
			t.Fatalf("notices = %q, want none (the write was complete)", n)
		}
		clean(t, s2)
	})
	t.Run("a write in the same process finds it first", func(t *testing.T) {
		t.Parallel()
		s, head := stoppedWrite(t, "journal")
		if _, err := s.Create(goal("GOAL-2B7N4X8Q", "Another")); err != nil {
			t.Fatal(err)
		}
		if n := revCount(t, s.Dir()); n != "3" {
			t.Fatalf("%s commits, want 3 (head was %s)", n, head[:8])
		}
		clean(t, s)
	})
}

// clean fails unless git sees a clean worktree, Accord left no journal,
// temporary file or lock, and fsck passes.
func clean(t *testing.T, s *Store) {
	t.Helper()
	if st := gitCmd(t, s.Dir(), "status", "--porcelain", "--untracked-files=all", "--ignored"); st != "" {
		t.Errorf("worktree not clean:\n%s", st)
	}
	for _, p := range []string{journalName, indexTemp, "index.lock", "refs/heads/main.lock"} {
		if _, err := os.Lstat(filepath.Join(s.Dir(), ".git", p)); err == nil {
			t.Errorf(".git/%s left behind", p)
		}
	}
	gitCmd(t, s.Dir(), "fsck", "--strict")
}

// A write refused because plain git moved the branch meanwhile puts back
// the file it wrote: before, the refused value stayed on disk and the next
// sync committed it as an edit made outside Accord.
func TestRefusedWriteRestoresTheFile(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	if _, err := s.Create(goal("GOAL-7K3FQ2M1", "Cut time-to-first-value")); err != nil {
		t.Fatal(err)
	}
	s.stopHook = func(stage string) bool {
		if stage == "files" {
			gitCmd(t, s.Dir(), "-c", "user.name=Mei", "-c", "user.email=mei@x", "commit", "-q", "--allow-empty", "-m", "by hand")
		}
		return false
	}
	_, err := s.Update(model.KindGoal, "GOAL-7K3FQ2M1", func(r model.Record) error { r.(*model.Goal).Title = "refused"; return nil })
	s.stopHook = nil
	if !errors.Is(err, ErrConflict) {
		t.Fatalf("write racing a git commit: %v, want ErrConflict", err)
	}
	if g := get(t, s, "GOAL-7K3FQ2M1").(*model.Goal); g.Title != "Cut time-to-first-value" {
		t.Fatalf("title on disk = %q, want the committed one", g.Title)
	}
	clean(t, s)
}

// Two stores of one clone (the TUI open while the CLI syncs): the second
// reads commits the first fetched into a new pack. go-git lists packs once,
// and these reads failed with a bare "object not found".
func TestAStoreSeesPacksAnotherProcessFetched(t *testing.T) {
	t.Parallel()
	r := httpRemote(t, seededStore(t), nil)
	cs := clones(t, r.URL, r.Opts, "Ana", "Ben")
	ana, ben := cs[0], cs[1]
	tui, err := Open(ana.Dir(), as("Ana"))
	if err != nil {
		t.Fatal(err)
	}
	defer tui.Close()
	if _, err := tui.History(model.KindGoal, "GOAL-00000001", model.HistoryOptions{}); err != nil {
		t.Fatal(err) // reads the clone's pack: go-git now holds the list of packs
	}
	edit(t, ben, "GOAL-00000001", func(r model.Record) { r.(*model.Goal).Title = "Halve time to first value" })
	doSync(t, ben, r.Opts)
	doSync(t, ana, r.Opts) // fetches Ben's commit into a new pack
	h, err := tui.History(model.KindGoal, "GOAL-00000001", model.HistoryOptions{})
	if err != nil {
		t.Fatalf("history of a commit fetched by another store of the clone: %v", err)
	}
	if len(h) < 2 || h[0].Commit.Author != "Ben" {
		t.Fatalf("history = %d entries, newest by %q; want Ben's edit first", len(h), h[0].Commit.Author)
	}
}
