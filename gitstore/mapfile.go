package gitstore

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// readMapped maps the file at path (mapFile) and returns what parse makes
// of its bytes; parse must keep no slice of them. Should the file be cut
// short while it is mapped (by something other than Accord, which only
// renames new files over its caches), reading past its new end is a fault
// the runtime turns into a panic here, and readMapped reports it as an
// error: the caller then treats the file as missing.
func readMapped[T any](path string, parse func([]byte) T) (v T, err error) {
	data, unmap, err := mapFile(path)
	if err != nil {
		return v, err
	}
	defer unmap()
	return readMappedBytes(path, data, parse)
}

// readMappedBytes is parse(data), with a fault reading data (the file
// mapped at path cut short) reported as an error.
func readMappedBytes[T any](path string, data []byte, parse func([]byte) T) (v T, err error) {
	return whileMapped(path, func() T { return parse(data) })
}

// whileMapped is read(), with a fault reading a mapping of the file at
// path (cut short) reported as an error. A goroutine that reads a mapping
// reads it through whileMapped, as the fault is its own.
func whileMapped[T any](path string, read func() T) (v T, err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		if _, fault := r.(interface{ Addr() uintptr }); !fault {
			panic(r)
		}
		err = fmt.Errorf("%s changed while it was read", path)
	}()
	return read(), nil
}

// mapHeld maps the file at path (mapFile) for as long as the value parse
// makes of its bytes is reachable: the mapping is released by a cleanup on
// that value (runtime.AddCleanup). The value may keep slices of the bytes,
// but every method that reads them must keep its receiver alive until it
// is done (runtime.KeepAlive), and nothing may hand such a slice out. Only
// for files nothing cuts short in place: git's pack indexes, which git
// writes once and removes whole, and Accord's caches, which it replaces by
// renaming; one cut short under a mapping would be a fault, as it is for
// git, which maps them too. parse returns nil for bytes it refuses.
func mapHeld[T any](path string, parse func([]byte) *T) *T {
	data, unmap, err := mapFile(path)
	if err != nil {
		return nil
	}
	v, err := readMappedBytes(path, data, parse)
	if err != nil || v == nil {
		unmap()
		return nil
	}
	runtime.AddCleanup(v, func(unmap func()) { unmap() }, unmap)
	return v
}
