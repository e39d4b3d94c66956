package gitstore

import (
	"io/fs"
	"path"
	"slices"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// editedRecordFiles lists the record files (and accord.yaml) that differ
// from HEAD: edited, added or removed outside Accord. Like git status, it
// trusts a file whose size and modification time match its index entry
// and that was not modified after the index was written; only the others
// are read and hashed against HEAD. go-git's own status takes 140–225 ms
// on 10,000 files; this takes a listing and an lstat per file. Callers
// hold s.mu.
func (s *Store) editedRecordFiles() ([]string, error) {
	_, head, err := s.branchHead()
	if err != nil || head.IsZero() {
		return nil, err
	}
	tree, err := s.treeOf(head)
	if err != nil {
		return nil, err
	}
	idx, err := s.repo.Storer.Index()
	if err != nil {
		idx = &index.Index{} // unreadable: hash everything
	}
	entries := make(map[string]*index.Entry, len(idx.Entries))
	for _, e := range idx.Entries {
		entries[e.Name] = e
	}
	var suspects []string
	seen := map[string]bool{}
	check := func(p string, info fs.FileInfo) {
		seen[p] = true
		e := entries[p]
		if e != nil && info != nil && int64(e.Size) == info.Size() && e.ModifiedAt.Equal(info.ModTime()) &&
			!idx.ModTime.IsZero() && info.ModTime().Before(idx.ModTime) {
			return
		}
		suspects = append(suspects, p)
	}
	if info, err := s.root.Lstat(model.ConfigPath); err == nil {
		check(model.ConfigPath, info)
	}
	dirs, _ := recordDirs(s.root)
	for _, dir := range dirs {
		list, err := readDir(s.root, dir)
		if err != nil {
			continue
		}
		for _, de := range list {
			p := path.Join(dir, de.Name())
			if _, _, ok := model.KindOfPath(p); !ok || de.IsDir() {
				continue
			}
			info, err := de.Info()
			if err != nil {
				info = nil
			}
			check(p, info)
		}
	}
	for name := range entries {
		if _, _, ok := model.KindOfPath(name); (ok || name == model.ConfigPath) && !seen[name] {
			suspects = append(suspects, name) // removed from the worktree
			seen[name] = true
		}
	}
	// Removed from the index too (git rm): HEAD has it, the worktree not.
	_ = walkRecords(tree, func(p string, _ model.Kind, _ string, _ plumbing.Hash) error {
		if !seen[p] {
			suspects = append(suspects, p)
		}
		return nil
	})
	var edited []string
	for _, p := range suspects {
		if differsFromTree(s, tree, p) {
			edited = append(edited, p)
		}
	}
	slices.Sort(edited)
	return edited, nil
}

// differsFromTree reports whether the worktree file p differs from its
// version in tree (either side may be missing).
func differsFromTree(s *Store, tree *object.Tree, p string) bool {
	want := plumbing.ZeroHash
	if e, err := tree.FindEntry(p); err == nil {
		want = e.Hash
	}
	return worktreeBlob(s.root, p) != want
}
