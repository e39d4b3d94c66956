package gitstore

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/demo"
	"github.com/go-git/go-git/v5/plumbing"
)

// packRepo writes a small synthetic organisation with some history, with
// packing off (gc.auto 0) so its objects stay loose until a test packs.
func packRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	cfg, commits := demo.Synthetic(300, 60, 3, histStart)
	s, err := WriteHistory(dir, cfg, commits, as("Bench"))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	return dir
}

func looseObjects(t *testing.T, gitDir string) int {
	t.Helper()
	n := 0
	dirs, _ := filepath.Glob(filepath.Join(gitDir, "objects", "[0-9a-f][0-9a-f]"))
	for _, d := range dirs {
		entries, _ := os.ReadDir(d)
		n += len(entries)
	}
	return n
}

func setGitConfig(t *testing.T, s *Store, section, key, value string) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	cfg, err := s.repo.Config()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Raw.Section(section).SetOption(key, value)
	if err := s.repo.SetConfig(cfg); err != nil {
		t.Fatal(err)
	}
}

// historyOf lists the commits that changed each of a few records.
func historyOf(t *testing.T, s *Store, org *model.Org) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, k := range []model.Kind{model.KindGoal, model.KindDecision} {
		for _, id := range org.IDs(k)[:5] {
			h, err := s.History(k, id, model.HistoryOptions{})
			if err != nil {
				t.Fatalf("history of %s: %v", id, err)
			}
			out[id] = commitsOf(h)
		}
	}
	return out
}

// Packing keeps every commit, record and history, leaves no loose object
// behind, and git finds the result sound; a repository packed by Accord is
// within 2× of what git gc makes of it.
func TestPackKeepsEverything(t *testing.T) {
	for _, withGit := range []bool{true, false} {
		name := "git repack"
		if !withGit {
			name = "go-git repack"
		}
		t.Run(name, func(t *testing.T) {
			if withGit {
				if gitBinary() == "" {
					t.Skip("no git binary")
				}
			} else {
				old := gitBinary
				gitBinary = func() string { return "" }
				t.Cleanup(func() { gitBinary = old })
			}
			dir := packRepo(t)
			s, err := Open(dir, as("Bench"))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			before, err := s.Load()
			if err != nil {
				t.Fatal(err)
			}
			histBefore := historyOf(t, s, before)
			os.Remove(filepath.Join(s.gitDir, historyIndexName)) // rebuilt from packed objects
			if looseObjects(t, s.gitDir) == 0 {
				t.Fatal("the generated repository has no loose objects to pack")
			}
			if err := s.Pack(context.Background(), false); err != nil {
				t.Fatal(err)
			}
			if n := looseObjects(t, s.gitDir); n != 0 {
				t.Errorf("%d loose objects left after packing", n)
			}
			if got := historyOf(t, s, before); !reflect.DeepEqual(got, histBefore) {
				t.Errorf("histories changed by packing:\n got %v\nwant %v", got, histBefore)
			}
			after, err := s.OrgAt("HEAD")
			if err != nil {
				t.Fatal(err)
			}
			if after.Len() != before.Len() {
				t.Errorf("HEAD has %d records after packing, %d before", after.Len(), before.Len())
			}
			// Another edit after packing lands on top of the packed history.
			id := before.IDs(model.KindGoal)[0]
			if _, err := s.Update(model.KindGoal, id, func(r model.Record) error {
				r.(*model.Goal).Title = "Retitled after packing"
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if h, err := s.History(model.KindGoal, id, model.HistoryOptions{}); err != nil || len(h) != len(histBefore[id])+1 {
				t.Fatalf("history after an edit on a packed repository: %d entries, want %d (%v)", len(h), len(histBefore[id])+1, err)
			}
			if out, err := exec.Command("git", "-C", dir, "fsck", "--strict", "--no-dangling").CombinedOutput(); err != nil {
				t.Fatalf("git fsck after packing: %v\n%s", err, out)
			}
			ours := dirSize(t, filepath.Join(s.gitDir, "objects"))
			if out, err := exec.Command("git", "-C", dir, "gc", "-q", "--prune=now").CombinedOutput(); err != nil {
				t.Fatalf("git gc: %v\n%s", err, out)
			}
			theirs := dirSize(t, filepath.Join(s.gitDir, "objects"))
			if ours > 2*theirs+64<<10 { // an edit's few loose objects on top
				t.Errorf("packed by Accord: %d bytes of objects; git gc makes %d", ours, theirs)
			}
		})
	}
}

func dirSize(t *testing.T, dir string) int64 {
	t.Helper()
	var n int64
	err := filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			n += info.Size()
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// A process that opened the repository before another one packed it (a
// TUI left open while the CLI syncs) still finds every object: its
// storage looks for packs again, as git does.
func TestReaderSurvivesPackingByAnotherProcess(t *testing.T) {
	t.Parallel()
	if gitBinary() == "" {
		t.Skip("no git binary")
	}
	dir := packRepo(t)
	first, err := Open(dir, as("Bench"))
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Pack(context.Background(), false); err != nil {
		t.Fatal(err)
	}
	first.Close()
	reader, err := Open(dir, as("Reader"))
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	org, err := reader.Load()
	if err != nil {
		t.Fatal(err)
	}
	want := historyOf(t, reader, org) // objects read, packs listed
	// Asking for an object it does not have (as a fetch does for the
	// remote's tip) makes go-git list the packs too.
	if err := reader.repo.Storer.HasEncodedObject(plumbing.NewHash("1234567890123456789012345678901234567890")); err == nil {
		t.Fatal("found an object that does not exist")
	}
	writer, err := Open(dir, as("Writer"))
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	id := org.IDs(model.KindDecision)[1]
	if _, err := writer.Update(model.KindDecision, id, func(r model.Record) error {
		r.(*model.Decision).Title = "Written by the other process"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := writer.Pack(context.Background(), true); err != nil {
		t.Fatal(err)
	}
	if n := looseObjects(t, writer.gitDir); n != 0 {
		t.Fatalf("%d loose objects left", n)
	}
	rec, err := reader.RecordAt(model.KindDecision, id, "HEAD")
	if err != nil {
		t.Fatalf("the reader lost objects packed by the other process: %v", err)
	}
	if rec.(*model.Decision).Title != "Written by the other process" {
		t.Errorf("title at HEAD = %q", rec.(*model.Decision).Title)
	}
	got := historyOf(t, reader, org)
	want[id] = append([]string{mustHead(t, writer)}, want[id]...)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("histories after packing:\n got %v\nwant %v", got, want)
	}
}

func mustHead(t *testing.T, s *Store) string {
	t.Helper()
	h, err := s.Head()
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// Automatic packing follows git's gc.auto: nothing below the threshold,
// a pack above it, and never with gc.auto set to 0. A store that made
// commits packs when it is closed; a sync packs when it ends.
func TestAutoPackFollowsGitThreshold(t *testing.T) {
	t.Parallel()
	if gitBinary() == "" {
		t.Skip("no git binary")
	}
	dir := packRepo(t)
	s, err := Open(dir, as("Bench"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Edit until a loose object lands in objects/17, which the estimate
	// counts (the generated history's hashes decide whether one did).
	goals := func() []string {
		org, err := s.Load()
		if err != nil {
			t.Fatal(err)
		}
		return org.IDs(model.KindGoal)
	}()
	for i := 0; estimateLooseObjects(s.gitDir) == 0; i++ {
		if i == 1000 {
			t.Fatal("1,000 edits and no loose object in objects/17")
		}
		if _, err := s.Update(model.KindGoal, goals[i%len(goals)], func(r model.Record) error {
			r.(*model.Goal).Title = "Before " + strconv.Itoa(i)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	loose := looseObjects(t, s.gitDir)
	estimate := estimateLooseObjects(s.gitDir)
	setGitConfig(t, s, "gc", "auto", "0")
	if packed, err := s.AutoPack(context.Background()); err != nil || packed {
		t.Fatalf("gc.auto 0 packed: %v %v", packed, err)
	}
	setGitConfig(t, s, "gc", "auto", strconv.Itoa(estimate))
	if packed, err := s.AutoPack(context.Background()); err != nil || packed {
		t.Fatalf("at the threshold (%d) packed: %v %v", estimate, packed, err)
	}
	if looseObjects(t, s.gitDir) != loose {
		t.Fatal("loose objects changed without packing")
	}
	setGitConfig(t, s, "gc", "auto", strconv.Itoa(estimate-1))
	if packed, err := s.AutoPack(context.Background()); err != nil || !packed {
		t.Fatalf("above the threshold did not pack: %v %v", packed, err)
	}
	if n := looseObjects(t, s.gitDir); n != 0 {
		t.Fatalf("%d loose objects after packing", n)
	}

	// Commits from a store, then Close: packed as git's gc --auto after a
	// commit would.
	setGitConfig(t, s, "gc", "auto", "1")
	w, err := Open(dir, as("Writer"))
	if err != nil {
		t.Fatal(err)
	}
	org, err := w.Load()
	if err != nil {
		t.Fatal(err)
	}
	// Edit until one of the new objects lands in objects/17, which the
	// estimate counts (about 50 edits; each writes five objects).
	ids := org.IDs(model.KindGoal)
	for i := 0; estimateLooseObjects(w.gitDir) == 0; i++ {
		if i == 1000 {
			t.Fatal("1,000 edits and no loose object in objects/17")
		}
		if _, err := w.Update(model.KindGoal, ids[i%len(ids)], func(r model.Record) error {
			r.(*model.Goal).Title = "Edit " + strconv.Itoa(i)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if n := looseObjects(t, s.gitDir); n != 0 {
		t.Errorf("%d loose objects after a store that committed was closed", n)
	}
}
