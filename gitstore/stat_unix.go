//go:build unix

package gitstore

import (
	"fmt"
	"io/fs"
	"os"
	"syscall"
	"time"

	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// fillStat copies the inode data git compares to decide whether a file
// changed, so git status need not re-read files Accord wrote.
func fillStat(e *index.Entry, info fs.FileInfo) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		e.Dev, e.Inode = uint32(st.Dev), uint32(st.Ino)
		e.UID, e.GID = st.Uid, st.Gid
		e.CreatedAt = time.Unix(0, changeTime(st))
	}
}

// checkPrivate reports whether a file is the user's own and readable
// only by them, as a temp file Accord made is.
func checkPrivate(name string, info fs.FileInfo) error {
	st, ok := info.Sys().(*syscall.Stat_t)
	switch {
	case !ok || int(st.Uid) != os.Getuid():
		return fmt.Errorf("%s belongs to someone else", name)
	case info.Mode().Perm()&0o077 != 0:
		return fmt.Errorf("%s may be read by others, not only you", name)
	}
	return nil
}
