//go:build !linux

package gitstore

// adviseHugePages is for Linux's transparent huge pages (hugeheap_linux.go).
func adviseHugePages(int) (from, to uintptr) { return 0, 0 }
