//go:build linux

package gitstore

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"sync"

	"golang.org/x/sys/unix"
)

// direntBufs holds getdents buffers between folders: a warm load lists
// thousands of small folders.
var direntBufs = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

// scanDirFast lists dir with getdents and lstats each entry with fstatat
// on the open folder, so each stat looks up one name, and builds no
// os.FileInfo. Unsorted.
func scanDirFast(root *os.Root, dir string) ([]dirFile, error) {
	f, err := root.Open(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rc, err := f.SyscallConn()
	if err != nil {
		return nil, err
	}
	var out []dirFile
	var lerr error
	cerr := rc.Control(func(fd uintptr) {
		bp := direntBufs.Get().(*[]byte)
		defer direntBufs.Put(bp)
		out, lerr = listStat(int(fd), *bp)
	})
	if cerr != nil {
		return nil, cerr
	}
	if lerr != nil {
		return nil, &os.PathError{Op: "readdirent", Path: dir, Err: lerr}
	}
	return out, nil
}

// listStat reads the folder open at fd to its end (linux_dirent64
// records: inode, offset, record length, type, name ending in a NUL) and
// lstats each name but . and ..
func listStat(fd int, buf []byte) ([]dirFile, error) {
	var out []dirFile
	for {
		n, err := unix.Getdents(fd, buf)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if n <= 0 {
			return out, nil
		}
		b := buf[:n]
		for len(b) >= 19 {
			reclen := int(binary.NativeEndian.Uint16(b[16:18]))
			if reclen < 19 || reclen > len(b) {
				return nil, unix.EIO
			}
			name := b[19:reclen]
			if i := bytes.IndexByte(name, 0); i >= 0 {
				name = name[:i]
			}
			b = b[reclen:]
			if len(name) == 0 || string(name) == "." || string(name) == ".." {
				continue
			}
			e := dirFile{name: string(name)}
			var st unix.Stat_t
			for {
				err = unix.Fstatat(fd, e.name, &st, unix.AT_SYMLINK_NOFOLLOW)
				if !errors.Is(err, unix.EINTR) {
					break
				}
			}
			if err != nil {
				e.err = &os.PathError{Op: "lstat", Path: e.name, Err: err}
			} else {
				e.typ = typeOfStatMode(st.Mode)
				e.stat = fileStat{size: st.Size, mtime: st.Mtim.Nano(), ctime: st.Ctim.Nano(), ino: st.Ino}
			}
			out = append(out, e)
		}
	}
}

func typeOfStatMode(m uint32) entryType {
	switch m & unix.S_IFMT {
	case unix.S_IFREG:
		return typeRegular
	case unix.S_IFDIR:
		return typeDir
	case unix.S_IFLNK:
		return typeSymlink
	}
	return typeOther
}
