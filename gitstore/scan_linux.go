//go:build linux

package gitstore

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path"
	"sync"

	"golang.org/x/sys/unix"
)

// direntBufs holds getdents buffers between folders: a warm load lists
// thousands of small folders.
var direntBufs = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

// scanDirFast lists a record folder with getdents and lstats each entry
// with fstatat on the open folder, so each stat looks up one name, and
// builds no os.FileInfo (without stat, only entries the listing gives no
// type for are lstat'ed). A shard folder is opened by name in its kind's
// folder with O_NOFOLLOW: a symlink put in its place is refused. Unsorted.
func scanDirFast(root *os.Root, f recordFolder, stat bool) ([]dirFile, error) {
	if f.kind == nil {
		d, err := root.Open(f.dir)
		if err != nil {
			return nil, err
		}
		defer d.Close()
		return readDirFile(d, f.dir, stat)
	}
	var out []dirFile
	var lerr error
	cerr := rawControl(f.kind, func(kfd int) {
		fd, err := openDirAt(kfd, path.Base(f.dir))
		if err != nil {
			lerr = &os.PathError{Op: "open", Path: f.dir, Err: err}
			return
		}
		defer unix.Close(fd)
		bp := direntBufs.Get().(*[]byte)
		defer direntBufs.Put(bp)
		out, err = listStat(fd, *bp, stat)
		if err != nil {
			lerr = &os.PathError{Op: "readdirent", Path: f.dir, Err: err}
		}
	})
	if cerr != nil {
		return nil, cerr
	}
	return out, lerr
}

// listTypes lists an open folder with each entry's type from the listing
// (an lstat only where the filesystem does not say), without stat data.
func listTypes(d *os.File, dir string) ([]dirFile, error) { return readDirFile(d, dir, false) }

func readDirFile(d *os.File, dir string, stat bool) ([]dirFile, error) {
	var out []dirFile
	var lerr error
	cerr := rawControl(d, func(fd int) {
		bp := direntBufs.Get().(*[]byte)
		defer direntBufs.Put(bp)
		out, lerr = listStat(fd, *bp, stat)
	})
	if cerr != nil {
		return nil, cerr
	}
	if lerr != nil {
		return nil, &os.PathError{Op: "readdirent", Path: dir, Err: lerr}
	}
	return out, nil
}

func rawControl(f *os.File, fn func(fd int)) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	return rc.Control(func(fd uintptr) { fn(int(fd)) })
}

func openDirAt(dirfd int, name string) (int, error) {
	return retryEINTR(func() (int, error) {
		return unix.Openat(dirfd, name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	})
}

// listStat reads the folder open at fd to its end (linux_dirent64
// records: inode, offset, record length, type, name ending in a NUL),
// skipping . and .. With stat, each entry is lstat'ed (fstatat with
// AT_SYMLINK_NOFOLLOW); without, its type is the listing's, and only an
// entry of unknown type is lstat'ed.
func listStat(fd int, buf []byte, stat bool) ([]dirFile, error) {
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
			dtype, name := b[18], b[19:reclen]
			if i := bytes.IndexByte(name, 0); i >= 0 {
				name = name[:i]
			}
			b = b[reclen:]
			if len(name) == 0 || string(name) == "." || string(name) == ".." {
				continue
			}
			e := dirFile{name: string(name)}
			if !stat && dtype != unix.DT_UNKNOWN {
				e.typ = typeOfDirent(dtype)
				out = append(out, e)
				continue
			}
			var st unix.Stat_t
			_, err = retryEINTR(func() (int, error) { return 0, unix.Fstatat(fd, e.name, &st, unix.AT_SYMLINK_NOFOLLOW) })
			if err != nil {
				e.err = &os.PathError{Op: "lstat", Path: e.name, Err: err}
			} else {
				e.typ = typeOfStatMode(st.Mode)
				if stat {
					e.stat = fileStat{size: st.Size, mtime: st.Mtim.Nano(), ctime: st.Ctim.Nano(), ino: st.Ino}
				}
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

func typeOfDirent(t uint8) entryType {
	switch t {
	case unix.DT_REG:
		return typeRegular
	case unix.DT_DIR:
		return typeDir
	case unix.DT_LNK:
		return typeSymlink
	}
	return typeOther
}
