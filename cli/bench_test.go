package cli

import (
	"os"
	"path/filepath"
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
