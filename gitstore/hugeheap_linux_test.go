package gitstore

import (
	"bufio"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// hugeAdvised is how many bytes from from to to are in mappings advised
// for huge pages (VmFlags hg in /proc/self/smaps).
func hugeAdvised(t *testing.T, from, to uintptr) int64 {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var total int64
	var lo, hi uint64
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if r, _, ok := strings.Cut(line, " "); ok && strings.Count(r, "-") == 1 && !strings.HasSuffix(r, ":") {
			a, b, _ := strings.Cut(r, "-")
			if x, err := strconv.ParseUint(a, 16, 64); err == nil {
				if y, err := strconv.ParseUint(b, 16, 64); err == nil {
					lo, hi = max(x, uint64(from)), min(y, uint64(to))
				}
			}
		}
		if flags, ok := strings.CutPrefix(line, "VmFlags:"); ok && hi > lo && strings.Contains(" "+flags+" ", " hg ") {
			total += int64(hi - lo)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return total
}

// minorFaults is the process's minor page faults so far.
func minorFaults(t *testing.T) int64 {
	t.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return ru.Minflt
}

// heapHeld is the heap's memory that the kernel backs or may: objects,
// free and unused space not given back.
func heapHeld() int64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/free:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64() + s[1].Value.Uint64() + s[2].Value.Uint64())
}

// The heap a large load is about to fill is advised for huge pages, and
// the advice holds none of it: the bytes it allocated to find that heap
// are given back to the kernel untouched, so they count against no memory
// limit and make no resident memory.
func TestALargeLoadsHeapIsAdvisedHugePages(t *testing.T) {
	if !hugePagesOnRequest() {
		mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
		t.Skipf("this kernel's transparent huge pages are not given on request (%q, %v): the advice is left out", mode, err)
	}
	const n = 64 << 20
	// Memory the heap used and freed, where the advice's allocation will
	// begin: the runtime would clear the whole allocation, touching every
	// page of it beyond.
	used := make([]byte, n/2)
	for i := range used {
		used[i] = 1
	}
	runtime.GC()
	held, faults := heapHeld(), minorFaults(t)
	from, to := adviseHugePages(n)
	// Under the race detector every allocation touches its shadow memory.
	if got := minorFaults(t) - faults; got > n>>12/8 && !raceDetector {
		t.Errorf("the advice made %d page faults: it touched the memory it allocated (%d pages)", got, n>>12)
	}
	if to-from < n-4<<20 {
		t.Fatalf("advised %#x-%#x, %d MiB; want about %d", from, to, (to-from)>>20, n>>20)
	}
	if got := hugeAdvised(t, from, to); got != int64(to-from) {
		t.Errorf("%d of the %d MiB advised are in mappings advised for huge pages", got>>20, (to-from)>>20)
	}
	if got := heapHeld() - held; got > n/4 {
		t.Errorf("the advice left the heap holding %d MiB more; want the %d MiB it allocated given back", got>>20, n>>20)
	}
}

// Advice is given for heaps large enough to pay for it, once for each
// larger heap, and never for more than half the loads' memory limit.
func TestHeapAdviceIsForLargeHeapsOnce(t *testing.T) {
	if !hugePagesOnRequest() {
		t.Skip("this kernel's transparent huge pages are not given on request: the advice is left out")
	}
	heapAdvised.Lock()
	before := heapAdvised.n
	heapAdvised.n = 0
	heapAdvised.Unlock()
	defer func() {
		heapAdvised.Lock()
		heapAdvised.n = before
		heapAdvised.Unlock()
	}()
	const huge = 2 << 20
	for _, c := range []struct {
		ask, want int64 // bytes asked for and advised, give or take a huge page at each end
		why       string
	}{
		{minAdvisedHeap / 2, 0, "a heap too small to pay for the advice"},
		{64 << 20, 64 << 20, "a large heap"},
		{48 << 20, 0, "a heap advised already"},
		{4 << 30, loadMemoryLimit / 2, "a heap larger than half the loads' memory limit"},
	} {
		from, to := adviseHeap(c.ask)
		if got := int64(to - from); got < c.want-2*huge || got > c.want {
			t.Errorf("%s (%d MiB): advised %d MiB; want %d", c.why, c.ask>>20, got>>20, c.want>>20)
		}
	}
}
