package gitstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// WriteHistory creates a data repository in dir for cfg and commits a
// generated history (the demo organisation, or a synthetic one) into it,
// each commit signed by its author on its date. It is
// for freshly generated repositories: files are not fsynced one by one and
// the index is written once at the end.
func WriteHistory(dir string, cfg model.Config, history []model.Commit, opts ...Option) (*Store, error) {
	if len(history) == 0 {
		return nil, errors.New("write history: no commits")
	}
	s, err := initRepo(dir, opts)
	if err != nil {
		return nil, err
	}
	people := map[string]*model.Person{}
	kinds := map[string]model.Kind{}
	cfgData, err := Encode(&cfg)
	if err != nil {
		s.Close()
		return nil, err
	}
	s.bulk = true
	err = s.locked(func() error {
		for i, c := range history {
			ch := Change{Message: c.Message}
			if i == 0 {
				ch.Put = append(ch.Put, File{Path: model.ConfigPath, Data: cfgData})
			}
			for _, r := range c.Put {
				if p, ok := r.(*model.Person); ok {
					people[p.ID] = p
				}
				kinds[r.RecordID()] = r.RecordKind()
				path, err := model.PathOf(r.RecordKind(), r.RecordID())
				if err != nil {
					return fmt.Errorf("commit %d: %w", i+1, err)
				}
				data, err := Encode(r)
				if err != nil {
					return fmt.Errorf("commit %d: encode %s: %w", i+1, r.RecordID(), err)
				}
				ch.Put = append(ch.Put, File{Path: path, Data: data})
			}
			for _, id := range c.Delete {
				path, err := model.PathOf(kinds[id], id)
				if err != nil {
					return fmt.Errorf("commit %d: delete %s: %w", i+1, id, err)
				}
				ch.Delete = append(ch.Delete, path)
			}
			sig := Signature{Name: c.Author, Email: c.Author + "@localhost", When: c.Date}
			if p := people[c.Author]; p != nil {
				sig.Name = p.Name
				if len(p.Emails) > 0 {
					sig.Email = p.Emails[0]
				}
			}
			if _, err := s.commitLocked(ch, sig); err != nil {
				return fmt.Errorf("commit %d (%s): %w", i+1, c.Message, err)
			}
		}
		return s.rebuildIndex()
	})
	s.bulk = false
	if err == nil {
		_, err = s.AutoPack(context.Background()) // pack.go: a generated history is packed as git's gc would
	}
	if err == nil {
		_, err = s.Load() // builds the load cache, so the first open is fast
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// rebuildIndex writes .git/index afresh from HEAD's tree with the stat data
// of the files in the worktree.
func (s *Store) rebuildIndex() error {
	_, head, err := s.branchHead()
	if err != nil {
		return err
	}
	c, err := s.repo.CommitObject(head)
	if err != nil {
		return err
	}
	idx, err := s.indexFromTree(c.TreeHash)
	if err != nil {
		return err
	}
	for _, e := range idx.Entries {
		statEntry(s, e)
	}
	return s.writeIndex(idx)
}

func statEntry(s *Store, e *index.Entry) {
	if info, err := s.root.Lstat(e.Name); err == nil {
		e.Size = uint32(info.Size())
		e.ModifiedAt = info.ModTime()
		e.CreatedAt = info.ModTime()
		fillStat(e, info)
	}
}
