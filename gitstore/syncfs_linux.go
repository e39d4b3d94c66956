//go:build linux

package gitstore

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncFS flushes the whole filesystem holding dir in one call, so a commit
// of many files costs two flushes instead of two per file.
func syncFS(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return unix.Syncfs(int(f.Fd()))
}

const haveSyncFS = true
