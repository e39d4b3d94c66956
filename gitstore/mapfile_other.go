//go:build !unix

package gitstore

import "os"

// mapFile reads the file: see mapfile_unix.go.
func mapFile(path string) (data []byte, unmap func(), err error) {
	data, err = os.ReadFile(path)
	return data, func() {}, err
}
