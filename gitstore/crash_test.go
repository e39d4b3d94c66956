package gitstore

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
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
		// git add -A while Accord writes never picks up a temporary file.
		if err := os.WriteFile(debris, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if st := gitCmd(t, s.Dir(), "status", "--porcelain", "--untracked-files=all"); st != "" {
			t.Fatalf("git sees Accord's temporary file:\n%s", st)
		}
		os.Remove(debris)
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
// sync committed it as an edit made outside Accord. A transaction is then
// tried again on the new head, a few times.
func TestRefusedWriteRestoresTheFile(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	if _, err := s.Create(goal("GOAL-7K3FQ2M1", "Cut time-to-first-value")); err != nil {
		t.Fatal(err)
	}
	byHand := func(msg string) {
		gitCmd(t, s.Dir(), "-c", "user.name=Mei", "-c", "user.email=mei@x", "commit", "-q", "--allow-empty", "-m", msg)
	}
	tries := 0
	s.stopHook = func(stage string) bool {
		if stage == "files" {
			tries++
			byHand(fmt.Sprint("by hand ", tries)) // every try loses the race
		}
		return false
	}
	_, err := s.Update(model.KindGoal, "GOAL-7K3FQ2M1", func(r model.Record) error { r.(*model.Goal).Title = "refused"; return nil })
	s.stopHook = nil
	if !errors.Is(err, ErrConflict) || tries != 4 {
		t.Fatalf("write losing every race with git: %v after %d tries, want ErrConflict after 4", err, tries)
	}
	if g := get(t, s, "GOAL-7K3FQ2M1").(*model.Goal); g.Title != "Cut time-to-first-value" {
		t.Fatalf("title on disk = %q, want the committed one", g.Title)
	}
	clean(t, s)

	tries = 0
	s.stopHook = func(stage string) bool {
		if stage == "files" && tries == 0 {
			tries++
			byHand("by hand, once")
		}
		return false
	}
	if _, err := s.Update(model.KindGoal, "GOAL-7K3FQ2M1", func(r model.Record) error { r.(*model.Goal).Title = "kept"; return nil }); err != nil {
		t.Fatalf("write retried after one lost race: %v", err)
	}
	s.stopHook = nil
	if log := gitCmd(t, s.Dir(), "log", "-2", "--format=%s"); !strings.Contains(log, "title") || !strings.Contains(log, "by hand, once") {
		t.Fatalf("history:\n%s\nwant the retried write on top of the hand commit", log)
	}
	clean(t, s)
}

// A sync killed mid-fetch leaves what go-git writes in place: the
// remote-tracking ref empty, and the new pack's index written without its
// pack; killed after its push, the lock file of the tracking ref's update. Before, the next sync failed with "ref file is empty" and, once
// that was past, with "read fetched commit …: EOF": the refetched pack is
// byte for byte the same, go-git kept the torn index it found "already
// there", and every object in the pack read as EOF. The next sync clears
// both and fetches again; opening the clone clears them too, saying so.
func TestKilledFetchLeavesNothingThatBreaksTheNextSync(t *testing.T) {
	isolate(t)
	url := fileRemote(t)
	cl := clones(t, url, RemoteOptions{}, "Ana", "Bo")
	ana, bo := cl[0], cl[1]
	edit(t, ana, "GOAL-00000001", func(r model.Record) { r.(*model.Goal).Title = "Ana's title" })
	doSync(t, ana, RemoteOptions{})

	// The pack Bo's next fetch makes: fetched in a copy of Bo's clone.
	twin := filepath.Join(t.TempDir(), "twin")
	if out, err := exec.Command("cp", "-a", bo.Dir(), twin).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v %s", err, out)
	}
	packs := func(dir string) map[string]bool {
		names, _ := filepath.Glob(filepath.Join(dir, ".git", "objects", "pack", "pack-*.idx"))
		m := map[string]bool{}
		for _, n := range names {
			m[filepath.Base(n)] = true
		}
		return m
	}
	before := packs(bo.Dir())
	doSync(t, reopen(t, twin), RemoteOptions{})
	var fetched string
	for n := range packs(twin) {
		if !before[n] {
			fetched = n
		}
	}
	if fetched == "" {
		t.Fatal("the twin's fetch made no new pack")
	}
	idx, err := os.ReadFile(filepath.Join(twin, ".git", "objects", "pack", fetched))
	if err != nil {
		t.Fatal(err)
	}

	damage := func(idxName string) {
		t.Helper()
		packDir := filepath.Join(bo.Dir(), ".git", "objects", "pack")
		for name, data := range map[string][]byte{idxName: idx[:len(idx)/2], "tmp_pack_2846119": idx} {
			if err := os.WriteFile(filepath.Join(packDir, name), data, 0o444); err != nil {
				t.Fatal(err)
			}
		}
		for _, ref := range []string{"main", "main.lock"} {
			if err := os.WriteFile(filepath.Join(bo.Dir(), ".git", "refs", "remotes", "origin", ref), nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	damage(fetched)
	res := doSync(t, bo, RemoteOptions{})
	if got := get(t, bo, "GOAL-00000001").(*model.Goal).Title; got != "Ana's title" {
		t.Fatalf("after the sync (%s), Bo's goal is titled %q", res, got)
	}
	if left := bo.fetchLeftovers(); len(left) > 0 {
		t.Fatalf("the sync left %v", left)
	}
	gitCmd(t, bo.Dir(), "fsck", "--strict")

	// Opening the clone clears the same leftovers and says so.
	bo.Close()
	damage("pack-" + strings.Repeat("7", 40) + ".idx")
	again := reopen(t, bo.Dir())
	if left := again.fetchLeftovers(); len(left) > 0 {
		t.Fatalf("opening the clone left %v", left)
	}
	if n := again.Notices(); len(n) != 2 || !strings.Contains(n[0], "refs/remotes/origin/main") {
		t.Fatalf("notices on opening: %q", n)
	}
	doSync(t, again, RemoteOptions{})
	gitCmd(t, again.Dir(), "fsck", "--strict")
}
