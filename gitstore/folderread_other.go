//go:build !linux

package gitstore

import "os"

// folderReader reads the record files of one folder, opened as a root of
// its own when the first file must be read: one open per file instead of
// one per path component.
type folderReader struct {
	root   *os.Root
	folder recordFolder
	sub    *os.Root
}

func (r *folderReader) open() error {
	if r.sub != nil {
		return nil
	}
	sub, err := r.root.OpenRoot(r.folder.dir)
	if err != nil {
		return err
	}
	r.sub = sub
	return nil
}

func (r *folderReader) close() {
	if r.sub != nil {
		r.sub.Close()
		r.sub = nil
	}
}

// read reads the file name of the open folder (p names it in findings)
// with readOpenStat's checks.
func (r *folderReader) read(name, p string) ([]byte, fileStat, error) {
	data, info, err := readOpenStat(r.sub, name, p)
	if err != nil {
		return nil, fileStat{}, err
	}
	return data, statOf(info), nil
}
