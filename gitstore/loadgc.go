package gitstore

import (
	"os"
	"runtime/debug"
	"sync"
)

// A load makes garbage as fast as it reads: the bytes of each file, the
// parse of its YAML, the snapshot's encodings. With Go's default GOGC of
// 100 the collector ran every few megabytes, about a sixth of a cold
// load's CPU outside the kernel at 100,000 records. Raising the
// percentage to 400 still left a collection wherever the heap happened to
// cross its goal, often in the middle of a warm load with its in-flight
// data live (GODEBUG=gctrace=1: 102 ms of marking, a fifth of a warm
// `list teams` at 100k). So while any load runs the collector does not
// run at all unless the heap nears loadMemoryLimit (GOGC off under a soft
// memory limit, the runtime's own way of bounding a heap): a cold load at
// 100,000 records peaks at about 550 MB instead of 410, a warm one at
// about 240 MB, as before. A GOGC the user set is left alone, and a
// lower GOMEMLIMIT is kept.
var loadGC struct {
	sync.Mutex
	loads int   // loads running
	prev  int   // the GC percentage before the first of them
	limit int64 // and the memory limit
}

const loadMemoryLimit = 1 << 30

// lessGC stops the collector for a load, under loadMemoryLimit; done
// restores it when the last load running ends.
func lessGC() (done func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	loadGC.Lock()
	defer loadGC.Unlock()
	if loadGC.loads == 0 {
		loadGC.limit = debug.SetMemoryLimit(-1) // a negative limit only reads it
		debug.SetMemoryLimit(min(loadGC.limit, loadMemoryLimit))
		loadGC.prev = debug.SetGCPercent(-1)
	}
	loadGC.loads++
	return func() {
		loadGC.Lock()
		defer loadGC.Unlock()
		if loadGC.loads--; loadGC.loads == 0 {
			debug.SetGCPercent(loadGC.prev)
			debug.SetMemoryLimit(loadGC.limit)
		}
	}
}

// A load of a large organisation fills hundreds of megabytes of fresh
// heap, and the kernel maps each 4 KiB page of it at its first touch: at
// 100,000 records a warm load took 46,000 page faults and a cold one
// 73,000. On the project's machine (a virtual machine, where each costs
// about 12 us) that was half of a warm load. So a large load first has
// the heap it is about to fill backed by 2 MiB pages (adviseHugePages):
// 3,500 faults, and a warm load at 100k of 0.95 s took 0.45-0.6 s. The
// size is what such a load fills, from the size of .git/index (about 100
// bytes a file, against 2-4 KB of heap for each record); a sync's look
// for files edited outside Accord fills less (scanHeapPerIndexByte).
// Heaps too small to pay for the advice's two collections (5-9 ms) are left
// alone, and the heap advised so far is not advised again.
const (
	loadHeapPerIndexByte = 48
	scanHeapPerIndexByte = 6
	minAdvisedHeap       = 32 << 20
)

var heapAdvised struct {
	sync.Mutex
	n int64
}

// adviseHeap advises huge pages for the next n bytes of heap, at most
// half the loads' memory limit (the bytes it allocates to do so are live
// for a moment), unless they are too few or were advised already. It
// returns the addresses advised (adviseHugePages), none when it gave no
// advice.
func adviseHeap(n int64) (from, to uintptr) {
	n = min(n, loadMemoryLimit/2)
	heapAdvised.Lock()
	defer heapAdvised.Unlock()
	if n < minAdvisedHeap || n <= heapAdvised.n {
		return 0, 0
	}
	heapAdvised.n = n
	return adviseHugePages(int(n))
}
