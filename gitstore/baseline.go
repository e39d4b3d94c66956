package gitstore

import (
	"errors"
	"fmt"
	"io"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Baseline returns, for every record whose file differs between revision
// rev and the worktree, the record as it was at rev (nil when it did not
// exist there). Validation uses it for what only a change can break:
// decision lifecycle steps and check-ins edited after they landed. Files
// are compared by blob hash, so only changed files are decoded.
func (s *Store) Baseline(rev string, org *model.Org) (map[string]model.Record, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.baselineLocked(rev, org)
}

func (s *Store) baselineLocked(rev string, org *model.Org) (map[string]model.Record, error) {
	hash, err := s.repo.ResolveRevision(plumbing.Revision(rev))
	if errors.Is(err, plumbing.ErrReferenceNotFound) && rev == "HEAD" {
		return map[string]model.Record{}, nil // no commits yet: nothing to compare
	}
	if err != nil {
		return nil, fmt.Errorf("revision %s: %w", rev, ErrNotFound)
	}
	c, err := s.repo.CommitObject(*hash)
	if err != nil {
		return nil, fmt.Errorf("revision %s: %w", rev, err)
	}
	tree, err := c.Tree()
	if err != nil {
		return nil, err
	}
	base := map[string]model.Record{}
	atRev := map[string]bool{}
	err = walkRecords(tree, func(p string, k model.Kind, id string, blob plumbing.Hash) error {
		atRev[id] = true
		if src := org.Sources[id]; src != nil && src.Blob == blob.String() {
			return nil
		}
		data, err := readBlob(s, blob)
		if errors.Is(err, errBlobTooLarge) {
			return nil // never a record; the worktree's file is a finding
		}
		if err != nil {
			return fmt.Errorf("read %s at %s: %w", p, rev, err)
		}
		if rec, err := decodeRecord(k, p, data); err == nil {
			base[rec.RecordID()] = rec
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for id := range org.Sources {
		if !atRev[id] {
			base[id] = nil
		}
	}
	return base, nil
}

// walkRecords calls fn for each record file in a tree, by kind folder and
// shard, without reading any blob.
func walkRecords(root *object.Tree, fn func(p string, k model.Kind, id string, blob plumbing.Hash) error) error {
	var visit func(t *object.Tree, dir string) error
	visit = func(t *object.Tree, dir string) error {
		for _, e := range t.Entries {
			p := dir + "/" + e.Name
			if e.Mode == filemode.Dir {
				sub, err := t.Tree(e.Name)
				if err != nil {
					return err
				}
				if err := visit(sub, p); err != nil {
					return err
				}
				continue
			}
			if k, id, ok := model.KindOfPath(p); ok && e.Mode.IsFile() {
				if err := fn(p, k, id, e.Hash); err != nil {
					return err
				}
			}
		}
		return nil
	}
	for _, k := range model.Kinds {
		sub, err := root.Tree(k.Dir())
		if errors.Is(err, object.ErrDirectoryNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if err := visit(sub, k.Dir()); err != nil {
			return err
		}
	}
	return nil
}

func readBlob(s *Store, h plumbing.Hash) ([]byte, error) {
	b, err := s.repo.BlobObject(h)
	if err != nil {
		return nil, err
	}
	if b.Size > MaxFileSize {
		return nil, fmt.Errorf("blob %s is %d bytes, %w (%d bytes)", model.ShortHash(h.String()), b.Size, errBlobTooLarge, MaxFileSize)
	}
	r, err := b.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(io.LimitReader(r, MaxFileSize+1))
}
