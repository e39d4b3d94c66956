package gitstore

import (
	"runtime/debug"
	"testing"
)

func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// Loads that overlap (the TUI's background load beside a command's) raise
// the GC percentage once, and the last to end puts back what was set
// before; a GOGC the user set is left alone. Not parallel: it changes the
// process's GC percentage.
func TestLoadsCollectLessAndTheLastPutsTheGCBack(t *testing.T) {
	before := debug.SetGCPercent(77)
	defer debug.SetGCPercent(before)
	t.Setenv("GOGC", "")
	first := lessGC()
	second := lessGC()
	if p := gcPercent(); p != loadGCPercent {
		t.Fatalf("GC percentage during two loads: %d, want %d", p, loadGCPercent)
	}
	first()
	if p := gcPercent(); p != loadGCPercent {
		t.Fatalf("GC percentage while a load still runs: %d, want %d", p, loadGCPercent)
	}
	second()
	if p := gcPercent(); p != 77 {
		t.Fatalf("GC percentage after the loads: %d, want 77", p)
	}
	t.Setenv("GOGC", "50")
	done := lessGC()
	if p := gcPercent(); p != 77 {
		t.Errorf("a load with GOGC set changed the GC percentage to %d", p)
	}
	done()
}
