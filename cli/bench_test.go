package cli

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model/demo"
	"github.com/accordhq/accord/model/render"
)

// Target: accord validate on 10,000 records in at most 1 s: load, the
// baseline against HEAD, and every rule.
func BenchmarkValidate10k(b *testing.B) {
	dir := b.TempDir()
	cfg, commits := demo.Synthetic(10_000, 100, 1, today)
	s, err := gitstore.WriteHistory(dir, cfg, commits)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	a := &app{env: Env{Stdout: os.Stdout, Stderr: os.Stderr, Now: func() time.Time { return today }}}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := a.validate(s, "HEAD"); err != nil {
			b.Fatal(err)
		}
	}
}

// Target: accord publish writes the site of 10,000 records in under 10 s
// (the pages, the feeds and the files), and a publish with nothing changed
// rewrites no file. The organisation is in memory: loading it and reading
// its history are measured by the load and verify benchmarks.
func BenchmarkPublish10k(b *testing.B) {
	o, err := demo.Replay(demo.Synthetic(10_000, 0, 1, today))
	if err != nil {
		b.Fatal(err)
	}
	o.Today = today
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		st, err := publishSite(filepath.Join(b.TempDir(), "site"), o, render.SiteOptions{Today: today})
		if err != nil {
			b.Fatal(err)
		}
		if st.written != st.files {
			b.Fatalf("a new site wrote %d of %d files", st.written, st.files)
		}
	}
}

func BenchmarkRepublish10kUnchanged(b *testing.B) {
	o, err := demo.Replay(demo.Synthetic(10_000, 0, 1, today))
	if err != nil {
		b.Fatal(err)
	}
	o.Today = today
	dir := filepath.Join(b.TempDir(), "site")
	if _, err := publishSite(dir, o, render.SiteOptions{Today: today}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		st, err := publishSite(dir, o, render.SiteOptions{Today: today})
		if err != nil {
			b.Fatal(err)
		}
		if st.written != 0 {
			b.Fatalf("publishing the same organisation again wrote %d files", st.written)
		}
	}
}

var (
	benchReposMu sync.Mutex
	benchRepos   = map[int]string{}
)

// benchRepoOf generates (once per process) a synthetic organisation of
// about n records with a little history, its files dated an hour before
// they were written (so none is racy for the load cache: cache.go), and
// loads it once so the load cache is warm, as it is for a person who has
// used the repository before.
func benchRepoOf(b *testing.B, n int) string {
	b.Helper()
	benchReposMu.Lock()
	defer benchReposMu.Unlock()
	if dir, ok := benchRepos[n]; ok {
		return dir
	}
	dir, err := os.MkdirTemp("", "accord-cli-bench-")
	if err != nil {
		b.Fatal(err)
	}
	cfg, commits := demo.Synthetic(n, 20, 1, today)
	s, err := gitstore.WriteHistory(dir, cfg, commits)
	if err != nil {
		b.Fatal(err)
	}
	s.Close()
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") {
			return err
		}
		info, err := d.Info()
		if err == nil {
			err = os.Chtimes(p, info.ModTime().Add(-time.Hour), info.ModTime().Add(-time.Hour))
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	benchRepos[n] = dir
	return dir
}

func benchSizes() []int { return []int{1_000, 10_000, 100_000} }

func sizeName(n int) string { return fmt.Sprintf("%dk", n/1000) }

// Target (issue 16): a command on one record at 100,000 records within
// 1.5× of the same at 1,000. Each run is the whole command in process:
// open, read the records around the one worked on (the neighbour index
// is up to date: the first command loads the whole organisation once,
// as the first command after a clone does), resolve, check, commit,
// print. Select a size with -bench 'OneRecord/set/1k$'.
func BenchmarkOneRecord(b *testing.B) {
	for _, cmd := range []string{"show", "set", "checkin", "new"} {
		for _, n := range benchSizes() {
			b.Run(cmd+"/"+sizeName(n), func(b *testing.B) {
				dir := benchRepoOf(b, n)
				id := firstGoal(b, dir)
				// Someone in the organisation, so check-ins have an author.
				people, err := os.ReadDir(filepath.Join(dir, "people"))
				if err != nil || len(people) == 0 {
					b.Fatalf("no people in %s: %v", dir, err)
				}
				me := strings.TrimSuffix(people[0].Name(), ".yaml")
				env := Env{Stdout: io.Discard, Stderr: io.Discard, Now: func() time.Time { return today },
					Author: &gitstore.Signature{Name: me, Email: me + "@synthetic.example"}}
				args := []string{"-C", dir, cmd, id}
				switch cmd {
				case "checkin":
					args = append(args, "--health", "on_track", "--summary", "on course")
				case "new":
					args = []string{"-C", dir, "new", "goal", "level=strategic", "title=A new strategic goal"}
				}
				if code := Execute(env, []string{"-C", dir, "show", id}); code != 0 { // warms the load cache
					b.Fatalf("accord show: exit %d", code)
				}
				b.ReportAllocs()
				b.ResetTimer()
				i := 0
				for b.Loop() {
					a := args
					if cmd == "set" {
						i++
						a = append(args[:len(args):len(args)], fmt.Sprintf("title=Edited %d", i))
					}
					if code := Execute(env, a); code != 0 {
						b.Fatalf("accord %s: exit %d", strings.Join(a, " "), code)
					}
				}
			})
		}
	}
}

// Target (issue 16): accord list at 10,000 records within 1.5× of reading
// every record file (find … | xargs cat).
func BenchmarkList(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(sizeName(n), func(b *testing.B) {
			dir := benchRepoOf(b, n)
			env := Env{Stdout: io.Discard, Stderr: io.Discard, Now: func() time.Time { return today }}
			args := []string{"-C", dir, "list", "goals", "--json"}
			Execute(env, args)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if code := Execute(env, args); code != 0 {
					b.Fatalf("accord list: exit %d", code)
				}
			}
		})
	}
}

// firstGoal is the first key result's ID in dir, by file name: a goal of
// the same shape at every size (a check-in's usual target, with no goals
// below it), so sizes compare like with like.
func firstGoal(b *testing.B, dir string) string {
	b.Helper()
	shards, err := os.ReadDir(filepath.Join(dir, "goals"))
	if err != nil {
		b.Fatalf("no goals in %s: %v", dir, err)
	}
	for _, sh := range shards {
		files, err := os.ReadDir(filepath.Join(dir, "goals", sh.Name()))
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range files {
			data, err := os.ReadFile(filepath.Join(dir, "goals", sh.Name(), f.Name()))
			if err != nil {
				b.Fatal(err)
			}
			if strings.Contains(string(data), "\nlevel: key_result\n") {
				return strings.TrimSuffix(f.Name(), ".yaml")
			}
		}
	}
	b.Fatalf("no key result in %s", dir)
	return ""
}
