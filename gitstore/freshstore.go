package gitstore

import (
	"errors"
	"os"
	"path/filepath"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/filesystem/dotgit"
)

// freshStorage is go-git's filesystem storage with one fix: go-git reads
// the list of packs and their indexes once per storage and never again, so
// a pack another process of the same clone added or replaced afterwards
// (a sync from the CLI while the TUI is open, git gc, git fetch) made
// reads fail with a bare "object not found" or "packfile not found". On
// such a miss, when the pack folder changed since the packs were last
// listed, the list is read again and the read retried.
type freshStorage struct {
	*filesystem.Storage
	packDir string
	seen    time.Time // the pack folder's mtime when the packs were listed
}

func newFreshStorage(st *filesystem.Storage, gitDir string) *freshStorage {
	f := &freshStorage{Storage: st, packDir: filepath.Join(gitDir, "objects", "pack")}
	f.seen = f.packMod()
	return f
}

func (f *freshStorage) packMod() time.Time {
	info, err := os.Stat(f.packDir)
	if err != nil {
		return time.Time{}
	}
	return info.ModTime()
}

// stale reports whether err may come from an outdated list of packs, and
// if so re-reads it; the caller then tries again.
func (f *freshStorage) stale(err error) bool {
	if !errors.Is(err, plumbing.ErrObjectNotFound) && !errors.Is(err, dotgit.ErrPackfileNotFound) && !os.IsNotExist(err) {
		return false
	}
	if m := f.packMod(); !m.Equal(f.seen) || errors.Is(err, dotgit.ErrPackfileNotFound) || os.IsNotExist(err) {
		f.seen = m
		f.Reindex()
		return true
	}
	return false
}

func (f *freshStorage) EncodedObject(t plumbing.ObjectType, h plumbing.Hash) (plumbing.EncodedObject, error) {
	obj, err := f.Storage.EncodedObject(t, h)
	if err != nil && f.stale(err) {
		obj, err = f.Storage.EncodedObject(t, h)
	}
	return obj, err
}

func (f *freshStorage) HasEncodedObject(h plumbing.Hash) error {
	err := f.Storage.HasEncodedObject(h)
	if err != nil && f.stale(err) {
		err = f.Storage.HasEncodedObject(h)
	}
	return err
}

func (f *freshStorage) EncodedObjectSize(h plumbing.Hash) (int64, error) {
	n, err := f.Storage.EncodedObjectSize(h)
	if err != nil && f.stale(err) {
		n, err = f.Storage.EncodedObjectSize(h)
	}
	return n, err
}
