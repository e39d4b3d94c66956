package gitstore

import (
	"context"
	"encoding/base64"
	"fmt"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/demo"
)

// benchServer serves a synthetic organisation of n records over smart HTTP
// on loopback and returns the remote.
func benchServer(b *testing.B, n, history int) testRemote {
	b.Helper()
	dir := b.TempDir()
	cfg, commits := demo.Synthetic(n, history, 1, syncToday)
	seed, err := WriteHistory(dir, cfg, commits, as("Bench"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { seed.Close() })
	return httpRemote(b, seed, nil)
}

// Target: a sync with nothing to do, against a loopback server, in at most
// 150 ms (10,000 records).
func BenchmarkNoopSync10k(b *testing.B) {
	r := benchServer(b, 10_000, 20)
	s, err := Clone(context.Background(), r.URL, filepath.Join(b.TempDir(), "c"), r.Opts, as("Bench"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ResetTimer()
	for b.Loop() {
		res, err := s.Sync(context.Background(), SyncOptions{Remote: r.Opts})
		if err != nil || res.Pulled+res.Pushed != 0 {
			b.Fatalf("%v %+v", err, res)
		}
	}
}

// Target: merging 1,000 records changed on both sides in at most 2 s: one
// clone retitles 1,000 goals and pushes; the other changes their owners and
// syncs, merging every one field by field.
func BenchmarkMerge1000(b *testing.B) {
	r := benchServer(b, 7_000, 5) // about 1,000 goals
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := b.TempDir()
		x, err := Clone(context.Background(), r.URL, filepath.Join(dir, "x"), r.Opts, as("Bench"))
		if err != nil {
			b.Fatal(err)
		}
		y, err := Clone(context.Background(), r.URL, filepath.Join(dir, "y"), r.Opts, as("Bench"))
		if err != nil {
			b.Fatal(err)
		}
		org, _ := x.Load()
		ids := org.IDs(model.KindGoal)
		if len(ids) > 1000 {
			ids = ids[:1000]
		}
		people := org.IDs(model.KindPerson)
		edits := func(s *Store, fn func(g *model.Goal, j int)) {
			if _, err := s.Transact(fmt.Sprintf("edit %d goals", len(ids)), func(tx *Tx) error {
				for j, id := range ids {
					rec, err := tx.Get(model.KindGoal, id)
					if err != nil {
						return err
					}
					fn(rec.(*model.Goal), j)
					if err := tx.Put(rec); err != nil {
						return err
					}
				}
				return nil
			}); err != nil {
				b.Fatal(err)
			}
		}
		edits(x, func(g *model.Goal, j int) { g.Title = fmt.Sprintf("Retitled %d in round %d", j, i) })
		edits(y, func(g *model.Goal, j int) {
			owner := people[j%len(people)]
			if owner == g.Owner {
				owner = people[(j+1)%len(people)]
			}
			g.Owner = owner
		})
		if _, err := x.Sync(context.Background(), SyncOptions{Remote: r.Opts}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := y.Sync(context.Background(), SyncOptions{Remote: r.Opts})
		b.StopTimer()
		if err != nil || len(res.Merged) != len(ids) {
			b.Fatalf("merge: %v, %d merged of %d", err, len(res.Merged), len(ids))
		}
		x.Close()
		y.Close()
	}
}

// Target: cloning a 10,000-record repository within 1.5× the time of git
// clone of the same repository over the same server. Accord's clone also
// builds the load cache, so the first open is fast.
func BenchmarkClone10k(b *testing.B) {
	r := benchServer(b, 10_000, 20)
	b.ResetTimer()
	b.Run("accord", func(b *testing.B) {
		for b.Loop() {
			s, err := Clone(context.Background(), r.URL, filepath.Join(b.TempDir(), "c"), r.Opts, as("Bench"))
			if err != nil {
				b.Fatal(err)
			}
			s.Close()
		}
	})
	b.Run("git", func(b *testing.B) {
		for b.Loop() {
			dst := filepath.Join(b.TempDir(), "g")
			cmd := exec.Command("git", "-c", "http.extraHeader=Authorization: Basic "+base64.StdEncoding.EncodeToString([]byte(httpUser+":"+httpToken)), "clone", "-q", r.URL, dst)
			if out, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("git clone: %v\n%s", err, out)
			}
		}
	})
}
