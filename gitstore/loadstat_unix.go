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
		st.ctime = sys.Ctim.Sec*1e9 + sys.Ctim.Nsec
		st.ino = sys.Ino
	}
	return st
}
