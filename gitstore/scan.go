package gitstore

import (
	"cmp"
	"io/fs"
	"os"
	"slices"
)

// The scan of a record folder that a warm load and a sync's search for
// files edited outside Accord share: the folder's entries, each with the
// stat data of an lstat (never following a symlink), sorted by name. It
// is what `git status` does for each folder, and the floor of both: every
// file is stat'ed, none is opened.

// entryType is what an lstat says a folder entry is.
type entryType uint8

const (
	typeRegular entryType = iota
	typeDir
	typeSymlink
	typeOther
)

// dirFile is one entry of a scanned folder. When err is set the entry was
// listed but could not be stat'ed (it went, or cannot be reached), and
// typ and stat say nothing.
type dirFile struct {
	name string
	typ  entryType
	stat fileStat
	err  error
}

// scanDir lists dir under root and lstats every entry, sorted by name.
// On Linux it reads the folder with getdents and stats each name with
// fstatat relative to the folder (scan_linux.go); elsewhere it goes
// through os.File.ReadDir (scanDirPortable).
func scanDir(root *os.Root, dir string) ([]dirFile, error) {
	out, err := scanDirFast(root, dir)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b dirFile) int { return cmp.Compare(a.name, b.name) })
	return out, nil
}

// scanDirPortable is scanDir through the os package: a listing with an
// lstat of each entry, unsorted.
func scanDirPortable(root *os.Root, dir string) ([]dirFile, error) {
	entries, err := readDir(root, dir)
	if err != nil {
		return nil, err
	}
	out := make([]dirFile, 0, len(entries))
	for _, e := range entries {
		f := dirFile{name: e.Name()}
		info, err := e.Info()
		if err != nil {
			f.err = err
		} else {
			f.typ, f.stat = typeOfMode(info.Mode()), statOf(info)
		}
		out = append(out, f)
	}
	return out, nil
}

func typeOfMode(m fs.FileMode) entryType {
	switch {
	case m.IsRegular():
		return typeRegular
	case m.IsDir():
		return typeDir
	case m&fs.ModeSymlink != 0:
		return typeSymlink
	}
	return typeOther
}
