package gitstore

import (
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/demo"
)

var benchToday = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

var (
	benchMu    sync.Mutex
	benchRepos = map[string]string{}
)

// benchRepo generates (once per process) a synthetic organisation of about
// records records and history commits, and returns its folder.
func benchRepo(b *testing.B, records, history int) string {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	key := fmt.Sprint(records, "/", history)
	if dir, ok := benchRepos[key]; ok {
		return dir
	}
	dir, err := os.MkdirTemp("", "accord-bench-")
	if err != nil {
		b.Fatal(err)
	}
	cfg, commits := demo.Synthetic(records, history, 1, benchToday)
	s, err := WriteHistory(dir, cfg, commits)
	if err != nil {
		b.Fatal(err)
	}
	s.Close()
	benchRepos[key] = dir
	return dir
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, dir := range benchRepos {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

func benchLoad(b *testing.B, records int, cold bool) {
	dir := benchRepo(b, records, 100)
	s, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Load(); err != nil { // warm the load cache
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if cold {
			b.StopTimer()
			dropLoadCache(s)
			b.StartTimer()
		}
		org, err := s.Load()
		if err != nil || len(org.Problems) != 0 {
			b.Fatalf("load: %v %v", err, org.Problems)
		}
		if n := org.Len(); n < records*9/10 {
			b.Fatalf("loaded %d records, want about %d", n, records)
		}
	}
}

// Target: 10,000 records in at most 250 ms. Warm: the usual case, files
// unchanged since the last load come from the load cache. Cold: no cache
// (the first load after a clone), every file decoded.
func BenchmarkLoad10k(b *testing.B)     { benchLoad(b, 10_000, false) }
func BenchmarkLoad10kCold(b *testing.B) { benchLoad(b, 10_000, true) }

// Target: 100,000 records in at most 3 s and 1 GiB.
func BenchmarkLoad100k(b *testing.B)     { benchLoad(b, 100_000, false) }
func BenchmarkLoad100kCold(b *testing.B) { benchLoad(b, 100_000, true) }

// Target: one edit and its commit in a 10,000-record repository in at most
// 100 ms: lock, read, encode over the file, atomic write with fsync, blob,
// trees, commit, compare-and-swap, index refresh.
func BenchmarkEditCommit10k(b *testing.B) {
	dir := benchRepo(b, 10_000, 100)
	s, err := Open(dir, as("Bench"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	org, _ := s.Load()
	ids := org.IDs(model.KindGoal)
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		id := ids[i%len(ids)]
		i++
		_, err := s.Update(model.KindGoal, id, func(r model.Record) error {
			r.(*model.Goal).Title = fmt.Sprintf("Edited %d", i)
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
