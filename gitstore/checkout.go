package gitstore

// Writing the worktree of a fresh clone. go-git's checkout takes about
// three times as long as a whole `git clone` of a large organisation: it
// writes one file at a time, looking each path up in the tree again. A
// fresh clone has nothing in its worktree to keep, so Accord writes every
// file of HEAD's tree itself, on one worker per core (each reading objects
// through a storage of its own), through the clone's os.Root, and then the
// index with each file's stat data, as git's checkout does. Paths are
// checked as strictly as go-git does; a tree holding anything but regular
// files and folders (a symlink, a submodule) or a path that is refused is
// left to go-git's checkout, which behaves as before.

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// errNotPlain says a tree needs go-git's checkout (symlinks, submodules,
// paths to refuse).
var errNotPlain = errors.New("tree holds more than plain files")

// checkoutClone writes the worktree and index of a fresh clone made with
// NoCheckout, at its HEAD.
func checkoutClone(dir string) error {
	s, err := openAt(dir, nil)
	if err != nil {
		return err
	}
	defer s.Close()
	s.mu.Lock()
	defer s.mu.Unlock()
	err = s.checkoutFresh()
	if !errors.Is(err, errNotPlain) {
		return err
	}
	w, err := s.repo.Worktree()
	if err != nil {
		return err
	}
	head, err := s.repo.Head()
	if err != nil {
		return err
	}
	// What go-git's clone does when it checks out itself.
	return w.Reset(&git.ResetOptions{Commit: head.Hash(), Mode: git.MergeReset})
}

type checkoutFile struct {
	path string
	hash plumbing.Hash
	mode filemode.FileMode
}

// checkoutFresh writes HEAD's files into an empty worktree and the index.
// The caller holds s.mu.
func (s *Store) checkoutFresh() error {
	head, err := s.repo.Head()
	if err != nil {
		return err
	}
	c, err := s.repo.CommitObject(head.Hash())
	if err != nil {
		return err
	}
	tr := newTreeReader(s.repo.Storer)
	var files []checkoutFile
	var dirs []string
	var walk func(tree plumbing.Hash, dir string) error
	walk = func(tree plumbing.Hash, dir string) error {
		raw, err := tr.get(tree)
		if err != nil {
			return err
		}
		for len(raw) > 0 {
			e, rest, ok := nextEntry(raw)
			if !ok {
				return fmt.Errorf("tree %s: malformed", tree)
			}
			raw = rest
			name := string(e.name)
			if !plainName(name) {
				return errNotPlain
			}
			p := path.Join(dir, name)
			mode, err := filemode.New(string(e.mode))
			if err != nil {
				return errNotPlain
			}
			switch mode {
			case filemode.Dir:
				dirs = append(dirs, p)
				if err := walk(e.hash, p); err != nil {
					return err
				}
			case filemode.Regular, filemode.Deprecated, filemode.Executable:
				files = append(files, checkoutFile{path: p, hash: e.hash, mode: mode})
			default:
				return errNotPlain
			}
		}
		return nil
	}
	if err := walk(c.TreeHash, ""); err != nil {
		return err
	}
	for _, d := range dirs {
		if err := s.root.Mkdir(d, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
	}
	// Files come in tree order, so each folder's are side by side. A
	// worker takes a folder at a time and opens it once: a file is then
	// created by its name alone, one system call, where a path through
	// the clone's root walks every folder of it again.
	type folder struct {
		dir      string
		from, to int
	}
	var folders []folder
	for i, f := range files {
		dir := path.Dir(f.path)
		if n := len(folders); n > 0 && folders[n-1].dir == dir {
			folders[n-1].to = i + 1
			continue
		}
		folders = append(folders, folder{dir: dir, from: i, to: i + 1})
	}
	entries := make([]*index.Entry, len(files))
	var next atomic.Int64
	var wg sync.WaitGroup
	workers := max(1, min(runtime.GOMAXPROCS(0), len(files)/500))
	errs := make([]error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st := newPackedStorage(filesystem.NewStorageWithOptions(osfs.New(s.gitDir), cache.NewObjectLRU(4*cache.MiByte),
				filesystem.Options{KeepDescriptors: true, MaxOpenDescriptors: 8}), s.gitDir, 16*cache.MiByte)
			defer st.Close()
			br := blobReader{st: st, po: s.packObjects(st.fast)}
			for {
				i := int(next.Add(1) - 1)
				if i >= len(folders) || errs[w] != nil {
					return
				}
				fo := folders[i]
				errs[w] = s.writeCheckoutFolder(&br, fo.dir, files[fo.from:fo.to], entries[fo.from:fo.to])
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return s.writeIndex(&index.Index{Version: 2, Entries: entries})
}

// plainName is a tree entry name that is safe to write as it is: not
// empty, not . or .., no separators, and nothing git's .git folder could
// be reached through (any case, trailing dots or spaces as Windows and
// macOS read them, the NTFS short name GIT~1).
func plainName(name string) bool {
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, "/\\\x00:") {
		return false
	}
	trimmed := strings.TrimRight(name, ". ")
	lower := strings.ToLower(trimmed)
	return lower != ".git" && lower != "git~1" && !strings.HasPrefix(lower, ".git ") && trimmed != ""
}

// writeCheckoutFolder writes files, all in the folder dir, and puts
// each one's index entry, with its stat data, in entries.
func (s *Store) writeCheckoutFolder(br *blobReader, dir string, files []checkoutFile, entries []*index.Entry) error {
	root := s.root
	if dir != "." {
		r, err := s.root.OpenRoot(filepath.FromSlash(dir))
		if err != nil {
			return err
		}
		defer r.Close()
		root = r
	}
	for i, f := range files {
		e, err := writeCheckoutFile(br, root, f)
		if err != nil {
			return fmt.Errorf("%s: %w", f.path, err)
		}
		entries[i] = e
	}
	return nil
}

// writeCheckoutFile writes f into root, its folder, and returns its index
// entry with the stat data of the file written, read from the open file
// as git's checkout does.
func writeCheckoutFile(br *blobReader, root *os.Root, f checkoutFile) (*index.Entry, error) {
	data, err := br.blob(f.hash)
	if err != nil {
		return nil, err
	}
	perm := os.FileMode(0o644)
	if f.mode == filemode.Executable {
		perm = 0o755
	}
	out, err := root.OpenFile(path.Base(f.path), os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return nil, err
	}
	_, err = out.Write(data)
	var info os.FileInfo
	if err == nil {
		info, err = out.Stat()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	mode := f.mode
	if mode == filemode.Deprecated {
		mode = filemode.Regular // as git's index records it
	}
	e := &index.Entry{Name: f.path, Hash: f.hash, Mode: mode,
		Size: uint32(info.Size()), ModifiedAt: info.ModTime(), CreatedAt: info.ModTime()}
	fillStat(e, info)
	return e, nil
}

// blobReader reads blobs for one checkout worker: from the packs by
// offset (rawpack.go, one inflate and no hashing: the fetch that wrote
// the pack checked every object), and through the storage for what no
// pack holds.
type blobReader struct {
	st *packedStorage
	po *packObjects // nil without packs
}

// blob returns blob h's content. It may be shared with a cache: never
// modify it.
func (br *blobReader) blob(h plumbing.Hash) ([]byte, error) {
	if br.po != nil {
		t, data, ok, err := br.po.get(h)
		if err != nil {
			return nil, err
		}
		if ok {
			if t != plumbing.BlobObject {
				return nil, fmt.Errorf("object %s is a %s, not a blob", h, t)
			}
			return data, nil
		}
	}
	obj, err := br.st.EncodedObject(plumbing.BlobObject, h)
	if err != nil {
		return nil, err
	}
	r, err := obj.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return readAllInto(r, make([]byte, 0, obj.Size()))
}
