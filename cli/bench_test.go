package cli

import (
	"os"
	"testing"
	"time"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model/demo"
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
