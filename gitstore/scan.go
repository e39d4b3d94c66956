package gitstore

import (
	"cmp"
	"errors"
	"io/fs"
	"os"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/accordhq/accord/model"
)

// The scan of the record folders that a warm load and a sync's search for
// files edited outside Accord share: each folder's entries, each with the
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

// recordFolder is a folder that holds records: a kind's folder (people,
// teams), or a shard folder inside a kind's folder.
type recordFolder struct {
	dir string // its path in the worktree
	// kind is the kind's folder, open, when dir is a shard of it: the
	// shard is opened by name inside it, without following a symlink.
	kind *os.File
}

// recordFolders lists the folders that hold records, sorted by path: each
// kind's folder for people and teams, each shard folder for the others.
// A symlink where a folder belongs becomes a finding. The kinds' folders
// stay open until done is called.
func recordFolders(root *os.Root) (folders []recordFolder, problems []model.Finding, done func()) {
	var open []*os.File
	done = func() {
		for _, f := range open {
			f.Close()
		}
	}
	for _, k := range model.Kinds {
		if !k.Sharded() {
			if info, err := root.Lstat(k.Dir()); err == nil && info.IsDir() {
				folders = append(folders, recordFolder{dir: k.Dir()})
			} else if err == nil && info.Mode()&fs.ModeSymlink != 0 {
				problems = append(problems, fileFinding("file.symlink", k.Dir(), "a symlink where a folder belongs: Accord does not follow symlinks"))
			}
			continue
		}
		kf, err := root.Open(k.Dir())
		var shards []dirFile
		if err == nil {
			open = append(open, kf)
			shards, err = listTypes(kf, k.Dir())
		}
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				problems = append(problems, fileFinding("file.unreadable", k.Dir(), "cannot list folder: %v", pathErr(err)))
			}
			continue
		}
		for _, shard := range shards {
			dir := k.Dir() + "/" + shard.name
			switch {
			case shard.err != nil:
			case shard.typ == typeSymlink:
				problems = append(problems, fileFinding("file.symlink", dir, "a symlink where a folder belongs: Accord does not follow symlinks"))
			case shard.typ == typeDir:
				folders = append(folders, recordFolder{dir: dir, kind: kf})
			}
		}
	}
	slices.SortFunc(folders, func(a, b recordFolder) int { return cmp.Compare(a.dir, b.dir) })
	return folders, problems, done
}

// scanDir lists a record folder and lstats every entry, sorted by name.
// On Linux it reads the folder with getdents and stats each name with
// fstatat relative to the folder (scan_linux.go); elsewhere it goes
// through os.File.ReadDir (scanDirPortable).
func scanDir(root *os.Root, f recordFolder) ([]dirFile, error) { return scanFolder(root, f, true) }

// listDir is scanDir without the stat data, for a folder none of whose
// files the load cache holds: each file is read, and its stat taken on
// the open file. Entries have the type the listing gives (an lstat only
// where the filesystem does not say).
func listDir(root *os.Root, f recordFolder) ([]dirFile, error) { return scanFolder(root, f, false) }

func scanFolder(root *os.Root, f recordFolder, stat bool) ([]dirFile, error) {
	out, err := scanDirFast(root, f, stat)
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

// listTypesPortable lists an open folder with each entry's type (no stat
// data), unsorted.
func listTypesPortable(f *os.File) ([]dirFile, error) {
	entries, err := f.ReadDir(-1)
	if err != nil {
		return nil, err
	}
	out := make([]dirFile, 0, len(entries))
	for _, e := range entries {
		out = append(out, dirFile{name: e.Name(), typ: typeOfMode(e.Type())})
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

// forEachFolder calls fn(i) for every i below n on twice as many
// goroutines as cores, each taking the next i when it is done with one:
// record folders differ in size, and a stat or a read waits on the
// kernel.
func forEachFolder(n int, fn func(i int)) {
	var wg sync.WaitGroup
	var next atomic.Int64
	for range min(runtime.GOMAXPROCS(0)*2, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
}
