package gitstore

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
)

// Benchmarks of issue 16 that compare sizes: history and blame of one
// record and the first history index build, each from a new Store (as a
// command opens one), on packed repositories (what every clone is, and
// what Accord keeps a repository it writes). Each runs on the synthetic
// organisations below, generated once per process (100,000 records take
// minutes), or on the repositories listed in ACCORD_BENCH_REPOS (separated
// by colons), such as ones made by `accord demo DIR --records 100000
// --history 1000`.

var scaleSizes = []struct{ records, history int }{{1_000, 1_000}, {10_000, 1_000}, {100_000, 1_000}}

func scaleRepos(b *testing.B) []string {
	if dirs := os.Getenv("ACCORD_BENCH_REPOS"); dirs != "" {
		return filepath.SplitList(dirs)
	}
	var out []string
	for _, sz := range scaleSizes {
		if testing.Short() && sz.records > 10_000 {
			continue
		}
		dir := benchRepo(b, sz.records, sz.history)
		s, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		err = s.Pack(context.Background(), true) // as a clone would be
		s.Close()
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, dir)
	}
	return out
}

// scaleTarget is a goal that later commits edited, and its path.
func scaleTarget(b *testing.B, dir string) (string, string) {
	b.Helper()
	out, err := exec.Command("git", "-C", dir, "log", "-n", "400", "--format=", "--name-only", "--", "goals").Output()
	if err != nil {
		b.Fatal(err)
	}
	counts := map[string]int{}
	best := ""
	for _, p := range strings.Fields(string(out)) {
		counts[p]++
		if counts[p] > counts[best] {
			best = p
		}
	}
	if best == "" {
		b.Fatal("no goal was edited in the last 400 commits")
	}
	return strings.TrimSuffix(filepath.Base(best), ".yaml"), best
}

func scaleName(dir string) string {
	s, err := Open(dir)
	if err != nil {
		return filepath.Base(dir)
	}
	defer s.Close()
	org, err := s.Load()
	if err != nil {
		return filepath.Base(dir)
	}
	return fmt.Sprintf("records=%d", org.Len())
}

// The history of one goal, from opening the repository to the entries, as
// `accord log` does (the index up to date).
func BenchmarkScaleHistory(b *testing.B) {
	for _, dir := range scaleRepos(b) {
		id, _ := scaleTarget(b, dir)
		b.Run(scaleName(dir), func(b *testing.B) {
			if s, err := Open(dir); err == nil { // index up to date first
				s.IndexHistory()
				s.Close()
			}
			b.ReportAllocs()
			for b.Loop() {
				s, err := Open(dir)
				if err != nil {
					b.Fatal(err)
				}
				if h, err := s.History(model.KindGoal, id, model.HistoryOptions{}); err != nil || len(h) < 2 {
					b.Fatal(err, len(h))
				}
				s.Close()
			}
		})
	}
}

// Field blame of one goal, from opening the repository.
func BenchmarkScaleBlame(b *testing.B) {
	for _, dir := range scaleRepos(b) {
		id, _ := scaleTarget(b, dir)
		b.Run(scaleName(dir), func(b *testing.B) {
			if s, err := Open(dir); err == nil {
				s.IndexHistory()
				s.Close()
			}
			b.ReportAllocs()
			for b.Loop() {
				s, err := Open(dir)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := s.Blame(model.KindGoal, id); err != nil {
					b.Fatal(err)
				}
				s.Close()
			}
		})
	}
}

// The first history call after a clone: the whole index built. Compare
// with `git log --name-only` over the same commits (the "git" run).
func BenchmarkScaleHistoryIndexBuild(b *testing.B) {
	for _, dir := range scaleRepos(b) {
		name := scaleName(dir)
		b.Run(name+"/accord", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				os.Remove(filepath.Join(dir, ".git", historyIndexName))
				s, err := Open(dir)
				if err != nil {
					b.Fatal(err)
				}
				if err := s.IndexHistory(); err != nil {
					b.Fatal(err)
				}
				s.Close()
			}
		})
		b.Run(name+"/git", func(b *testing.B) {
			for b.Loop() {
				cmd := exec.Command("git", "-C", dir, "log", "--name-only", "--format=%H")
				cmd.Stdout = nil
				if err := cmd.Run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// A sync with nothing to do beside git's `git fetch && git push` in a
// clone of the same remote (smart HTTP on loopback), 10,000 records.
func BenchmarkScaleNoopSync10k(b *testing.B) {
	r := benchServer(b, 10_000, 20)
	auth := "http.extraHeader=Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte(httpUser+":"+httpToken))
	b.Run("accord", func(b *testing.B) {
		s, err := Clone(context.Background(), r.URL, filepath.Join(b.TempDir(), "c"), r.Opts, as("Bench"))
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		for b.Loop() {
			if res, err := s.Sync(context.Background(), SyncOptions{Remote: r.Opts}); err != nil || res.Pulled+res.Pushed != 0 {
				b.Fatalf("%v %+v", err, res)
			}
		}
	})
	b.Run("git", func(b *testing.B) {
		dst := filepath.Join(b.TempDir(), "g")
		if out, err := exec.Command("git", "-c", auth, "clone", "-q", r.URL, dst).CombinedOutput(); err != nil {
			b.Fatalf("git clone: %v\n%s", err, out)
		}
		for b.Loop() {
			for _, args := range [][]string{{"fetch", "-q"}, {"push", "-q"}} {
				cmd := exec.Command("git", append([]string{"-c", auth, "-C", dst}, args...)...)
				if out, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("git %s: %v\n%s", args[0], err, out)
				}
			}
		}
	})
}

// A diff of the last ten commits from a new Store (as `accord diff`
// does; the diff links made by a first diff outside the timing), beside
// `git diff --stat` of the same range: it should cost the same at every
// size.
func BenchmarkScaleDiff(b *testing.B) {
	for _, dir := range scaleRepos(b) {
		name := scaleName(dir)
		diff := func() {
			s, err := Open(dir)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			after, changes, _, err := s.DiffOrg("HEAD~10", "HEAD", nil)
			if err != nil {
				b.Fatal(err)
			}
			if d := model.SemanticDiff(model.RewindOrg(after, changes), after, changes); d.Empty() {
				b.Fatal("nothing changed in the last ten commits")
			}
		}
		b.Run(name+"/accord", func(b *testing.B) {
			diff()
			b.ReportAllocs()
			for b.Loop() {
				diff()
			}
		})
		b.Run(name+"/git", func(b *testing.B) {
			for b.Loop() {
				if err := exec.Command("git", "-C", dir, "diff", "--stat", "HEAD~10..HEAD").Run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// A warm load from a new Store (as every command that loads the whole
// organisation does), the load cache up to date.
func BenchmarkScaleLoad(b *testing.B) {
	for _, dir := range scaleRepos(b) {
		b.Run(scaleName(dir), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s, err := Open(dir)
				if err != nil {
					b.Fatal(err)
				}
				org, err := s.Load()
				s.Close()
				if err != nil || org.Len() == 0 {
					b.Fatalf("load: %v, %d records", err, org.Len())
				}
			}
		})
	}
}

// A sync with nothing to do, in process, in each clone listed in
// ACCORD_BENCH_CLONES (separated by colons; each with an origin that has
// nothing new), such as a `git clone` of a bare copy of a demo
// repository. Compare with `git fetch && git push` in a second clone.
func BenchmarkScaleNoopSyncClone(b *testing.B) {
	dirs := filepath.SplitList(os.Getenv("ACCORD_BENCH_CLONES"))
	if len(dirs) == 0 {
		b.Skip("ACCORD_BENCH_CLONES names no clone")
	}
	for _, dir := range dirs {
		b.Run(filepath.Base(dir), func(b *testing.B) {
			for b.Loop() {
				s, err := Open(dir)
				if err != nil {
					b.Fatal(err)
				}
				res, err := s.Sync(context.Background(), SyncOptions{})
				s.Close()
				if err != nil || res.Pulled+res.Pushed+res.Committed != 0 {
					b.Fatalf("%v %+v", err, res)
				}
			}
		})
	}
}
