//go:build unix

package gitstore

import (
	"os"
	"syscall"
)

// mapFile maps a file Accord only ever replaces by renaming another over
// it (its caches) read-only into memory: a command that needs a few
// entries of a file of megabytes touches only their pages, where reading
// it would allocate, clear and copy the whole of it. unmap must be called
// once nothing refers to data. An empty file, or one the kernel will not
// map, is read instead.
func mapFile(path string) (data []byte, unmap func(), err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	size := info.Size()
	if size > 0 && size == int64(int(size)) && info.Mode().IsRegular() {
		if data, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED); err == nil {
			return data, func() { _ = syscall.Munmap(data) }, nil
		}
	}
	data, err = os.ReadFile(path)
	return data, func() {}, err
}
