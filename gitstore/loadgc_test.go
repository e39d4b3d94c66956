package gitstore

import (
	"math"
	"runtime/debug"
	"testing"
)

func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// Loads stop the collector under a memory limit while any of them runs,
// and the last to end puts back the GC percentage and the limit it found;
// a GOGC the user set is left alone, and a lower GOMEMLIMIT kept.
func TestLoadsCollectLessAndTheLastPutsTheGCBack(t *testing.T) {
	before := debug.SetGCPercent(77)
	defer debug.SetGCPercent(before)
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	t.Setenv("GOGC", "")
	first := lessGC()
	second := lessGC()
	if p, l := gcPercent(), debug.SetMemoryLimit(-1); p != -1 || l != loadMemoryLimit {
		t.Fatalf("during two loads: GC percentage %d, memory limit %d; want -1 and %d", p, l, loadMemoryLimit)
	}
	first()
	if p, l := gcPercent(), debug.SetMemoryLimit(-1); p != -1 || l != loadMemoryLimit {
		t.Fatalf("while a load still runs: GC percentage %d, memory limit %d", p, l)
	}
	second()
	if p, l := gcPercent(), debug.SetMemoryLimit(-1); p != 77 || l != math.MaxInt64 {
		t.Fatalf("after the loads: GC percentage %d, memory limit %d; want 77 and none", p, l)
	}

	debug.SetMemoryLimit(256 << 20) // GOMEMLIMIT=256MiB
	done := lessGC()
	if l := debug.SetMemoryLimit(-1); l != 256<<20 {
		t.Errorf("a load raised the user's memory limit to %d", l)
	}
	done()

	t.Setenv("GOGC", "50")
	done = lessGC()
	if p := gcPercent(); p != 77 {
		t.Errorf("a load with GOGC set changed the GC percentage to %d", p)
	}
	done()
}
