//go:build linux

package gitstore

import (
	"errors"
	"os"
	"path"

	"golang.org/x/sys/unix"
)

// folderReader reads the record files of one folder through a descriptor
// of the folder: for each file an openat of its name that never follows a
// symlink, an fstat, the reads and a close. Opening through os.File would
// add four fcntl calls and an epoll_ctl to every file (it tries to make
// each one pollable): at 100,000 records that was more than half of a
// cold load's system calls.
type folderReader struct {
	root   *os.Root
	folder recordFolder
	fd     int
	opened bool
	// buf is what each read reads into, again and again: what a read
	// returns is used up before the next one (readRecord), and a new
	// buffer per file was most of a cold load's memory at 100,000
	// records, every page of it faulted in.
	buf []byte
}

// open opens the folder, once: a shard by name in its kind's open folder
// without following a symlink, as the scan does; a kind's folder through
// the root.
func (r *folderReader) open() error {
	if r.opened {
		return nil
	}
	var fd int
	var oerr error
	if r.folder.kind != nil {
		if err := rawControl(r.folder.kind, func(kfd int) { fd, oerr = openDirAt(kfd, path.Base(r.folder.dir)) }); err != nil {
			return err
		}
	} else {
		d, err := r.root.Open(r.folder.dir)
		if err != nil {
			return err
		}
		defer d.Close()
		if err := rawControl(d, func(dfd int) { fd, oerr = unix.FcntlInt(uintptr(dfd), unix.F_DUPFD_CLOEXEC, 0) }); err != nil {
			return err
		}
	}
	if oerr != nil {
		return &os.PathError{Op: "open", Path: r.folder.dir, Err: oerr}
	}
	r.fd, r.opened = fd, true
	return nil
}

func (r *folderReader) close() {
	if r.opened {
		unix.Close(r.fd)
		r.opened = false
	}
}

// read reads the file name of the open folder (p names it in findings)
// with the checks readOpenStat makes: not a symlink, a regular file, no
// larger than MaxFileSize, and no larger once read. The stat data is
// taken before the read. Opening with O_NONBLOCK keeps a fifo put in a
// record's place from blocking the load; it is then refused as not a
// regular file. The bytes are r's until its next read.
func (r *folderReader) read(name, p string) ([]byte, fileStat, error) {
	fd, err := retryEINTR(func() (int, error) {
		return unix.Openat(r.fd, name, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK|unix.O_NOCTTY|unix.O_CLOEXEC, 0)
	})
	if errors.Is(err, unix.ELOOP) {
		return nil, fileStat{}, decodeErr("file.symlink", p, 0, 0, "a symlink: records must be regular files, and Accord does not follow symlinks")
	}
	if err != nil {
		return nil, fileStat{}, decodeErr("file.unreadable", p, 0, 0, "cannot read: %v", err)
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if _, err := retryEINTR(func() (int, error) { return 0, unix.Fstat(fd, &st) }); err != nil {
		return nil, fileStat{}, decodeErr("file.unreadable", p, 0, 0, "cannot read: %v", err)
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, fileStat{}, decodeErr("file.not-regular", p, 0, 0, "not a regular file")
	}
	if st.Size > MaxFileSize {
		return nil, fileStat{}, decodeErr("file.too-large", p, 0, 0, "file is %d bytes; records are at most %d", st.Size, MaxFileSize)
	}
	if need := int(st.Size) + 512; cap(r.buf) < need {
		r.buf = make([]byte, 0, need)
	}
	data := r.buf[:0]
	defer func() { r.buf = data[:0] }() // and grown, if it was
	for len(data) <= MaxFileSize {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := retryEINTR(func() (int, error) { return unix.Read(fd, data[len(data):cap(data)]) })
		if err != nil {
			return nil, fileStat{}, decodeErr("file.unreadable", p, 0, 0, "cannot read: %v", err)
		}
		data = data[:len(data)+n]
		// A read that stops short at the size fstat gave is the end of
		// the file: no second read to be told so.
		if n == 0 || (int64(len(data)) == st.Size && len(data) < cap(data)) {
			break
		}
	}
	if len(data) > MaxFileSize {
		return nil, fileStat{}, decodeErr("file.too-large", p, 0, 0, "file grew past %d bytes while being read", MaxFileSize)
	}
	return data, fileStat{size: st.Size, mtime: st.Mtim.Nano(), ctime: st.Ctim.Nano(), ino: st.Ino}, nil
}

// retryEINTR calls fn until it is not interrupted by a signal.
func retryEINTR(fn func() (int, error)) (int, error) {
	for {
		n, err := fn()
		if !errors.Is(err, unix.EINTR) {
			return n, err
		}
	}
}
