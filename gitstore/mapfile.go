package gitstore

import (
	"fmt"
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
	return parse(data), nil
}
