package gitstore

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/render"
)

// The history benchmarks run on a synthetic organisation of 10,000
// records and 5,000 commits (generated once per process, about 20 s).

func openHistoryBench(b *testing.B) (*Store, *model.Org) {
	b.Helper()
	dir := benchRepo(b, 10_000, 5_000)
	s, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	org, err := s.Load()
	if err != nil {
		b.Fatal(err)
	}
	// Build the history index once, as the first history call after a
	// clone does (BenchmarkHistoryIndexBuild measures that).
	if _, err := s.History(model.KindGoal, org.IDs(model.KindGoal)[0], model.HistoryOptions{}); err != nil {
		b.Fatal(err)
	}
	return s, org
}

// benchIDs are records of several kinds that later commits edited.
func benchIDs(org *model.Org) []struct {
	k  model.Kind
	id string
} {
	var out []struct {
		k  model.Kind
		id string
	}
	for _, k := range []model.Kind{model.KindGoal, model.KindDecision, model.KindRACI, model.KindUpdate} {
		ids := org.IDs(k)
		for i := 0; i < len(ids) && i < 200; i += 20 {
			out = append(out, struct {
				k  model.Kind
				id string
			}{k, ids[i]})
		}
	}
	return out
}

// Target: the history of one record in a 10,000-record repository with
// 5,000 commits in at most 100 ms (index built; new commits since the last
// call are indexed as part of the call).
func BenchmarkHistory10k5000(b *testing.B) {
	s, org := openHistoryBench(b)
	recs := benchIDs(org)
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		r := recs[i%len(recs)]
		i++
		if _, err := s.History(r.k, r.id, model.HistoryOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// The first history call in a clone: the whole index is built from 5,000
// commits and written.
func BenchmarkHistoryIndexBuild10k5000(b *testing.B) {
	s, org := openHistoryBench(b)
	id := org.IDs(model.KindDecision)[0]
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		os.Remove(filepath.Join(s.gitDir, historyIndexName))
		b.StartTimer()
		if _, err := s.History(model.KindDecision, id, model.HistoryOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// Target: blame of one record in at most 150 ms.
func BenchmarkBlame10k5000(b *testing.B) {
	s, org := openHistoryBench(b)
	recs := benchIDs(org)
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		r := recs[i%len(recs)]
		i++
		if _, err := s.Blame(r.k, r.id); err != nil {
			b.Fatal(err)
		}
	}
}

// Target: a semantic diff across 1,000 commits in at most 1 s: what
// accord diff HEAD~1000..HEAD does before printing (the organisation at
// HEAD, the records changed, the commits between, the diff and its
// Markdown).
func BenchmarkDiff1000Commits(b *testing.B) {
	s, _ := openHistoryBench(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		after, err := s.OrgAt("HEAD")
		if err != nil {
			b.Fatal(err)
		}
		changes, problems, err := s.ChangedBetween("HEAD~1000", "HEAD")
		if err != nil || len(problems) > 0 {
			b.Fatal(err, problems)
		}
		commits, err := s.CommitsBetween("HEAD~1000", "HEAD")
		if err != nil || len(commits) != 1000 {
			b.Fatal(err, len(commits))
		}
		d := model.SemanticDiff(model.RewindOrg(after, changes), after, changes)
		if d.Empty() || render.Markdown(render.Diff(d, problems)) == "" {
			b.Fatal("empty diff")
		}
	}
}

// The organisation at an old revision, read from git objects (show --at).
func BenchmarkOrgAt10k(b *testing.B) {
	s, _ := openHistoryBench(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.OrgAt("HEAD~1000"); err != nil {
			b.Fatal(err)
		}
	}
}
