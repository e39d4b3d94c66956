package gitstore

import (
	"bytes"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
	"unsafe"

	"golang.org/x/sys/unix"
)

// adviseHugePages asks the kernel to back the next n bytes of heap the Go
// runtime hands out with transparent huge pages, where it does so on
// request (hugePagesOnRequest); anywhere else it does nothing. It
// allocates n bytes, marks their whole 2 MiB pages MADV_HUGEPAGE, and
// frees them at once, returning them to the kernel untouched
// (debug.FreeOSMemory, so they count against no memory limit). The advice
// stays with the address range, which the heap then fills from its lowest
// free address. Only the huge pages the heap goes on to touch become
// resident. It returns the addresses it advised, from and to.
//
// The n bytes must not be touched: the runtime clears an allocation that
// reuses memory the heap had used and freed, which would fault in every
// page of it (1.5 s at 100,000 records). Memory given back to the kernel
// comes back zero, and the runtime skips clearing an allocation made only
// of such memory, so every free page is given back first.
func adviseHugePages(n int) (from, to uintptr) {
	const huge = 2 << 20
	if !hugePagesOnRequest() {
		return 0, 0
	}
	debug.FreeOSMemory()
	b := make([]byte, n)
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	lo := int((huge - start%huge) % huge)
	if hi := lo + max(n-lo, 0)&^(huge-1); hi > lo && unix.Madvise(b[lo:hi], unix.MADV_HUGEPAGE) == nil {
		from, to = start+uintptr(lo), start+uintptr(hi)
	}
	runtime.KeepAlive(b)
	debug.FreeOSMemory()
	return from, to
}

// hugePagesOnRequest reports whether the kernel's transparent huge pages
// are in the mode where they back only memory advised for them (the
// default "madvise"). With "always" the heap has them unasked, and with
// "never", or none at all, advice changes nothing.
var hugePagesOnRequest = sync.OnceValue(func() bool {
	mode, _ := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	return bytes.Contains(mode, []byte("[madvise]"))
})
