//go:build unix

package gitstore

import (
	"io/fs"
	"syscall"
)

// statOf is what the load cache compares to trust a file unchanged: size,
// modification and change times, inode (as git's index does).
func statOf(info fs.FileInfo) fileStat {
	st := fileStat{size: info.Size(), mtime: info.ModTime().UnixNano()}
	if sys, ok := info.Sys().(*syscall.Stat_t); ok {
		st.ctime = changeTime(sys)
		st.ino = sys.Ino
	}
	return st
}
