package gitstore

import (
	"os"
	"runtime/debug"
	"sync"
)

// A load makes garbage as fast as it reads: the bytes of each file, the
// parse of its YAML, the snapshot's encodings. With Go's default GOGC of
// 100 the collector ran every few megabytes, about a sixth of a cold
// load's CPU outside the kernel at 100,000 records. While any load runs,
// the collector waits until the heap has grown by four times what was
// live after the last collection, not once: a cold load at 100,000
// records takes 0.3 s less CPU and peaks at about 410 MB instead of 330.
// A GOGC the user set is left alone.
var loadGC struct {
	sync.Mutex
	loads int // loads running
	prev  int // the GC percentage before the first of them
}

const loadGCPercent = 400

// lessGC raises the GC percentage for a load; done restores it when the
// last load running ends.
func lessGC() (done func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	loadGC.Lock()
	defer loadGC.Unlock()
	if loadGC.loads == 0 {
		loadGC.prev = debug.SetGCPercent(loadGCPercent)
	}
	loadGC.loads++
	return func() {
		loadGC.Lock()
		defer loadGC.Unlock()
		if loadGC.loads--; loadGC.loads == 0 {
			debug.SetGCPercent(loadGC.prev)
		}
	}
}
