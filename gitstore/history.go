package gitstore

// Record history: the commits that changed a record (this file), who last
// changed each field (blame.go), and records and the organisation at a
// revision (revisions.go), all answered from the history index
// (histindex.go, built by comparing trees in treediff.go).
//
// A record's history is the history of one path (IDs never change, titles
// change in place). go-git's Log with a FileName takes seconds and
// gigabytes on a large repository, and even a walker of its own that reads
// every commit and compares the path's blob with each parent's spends more
// than 100 ms just reading 5,000 loose commits and root trees. So history is
// answered from a history index: for every commit, the record files that
// differ from each parent, with their old and new blob hashes. It is keyed
// by commit hash, so an entry can never be stale; it is built the first time
// history is asked for (one walk over the commits, comparing trees by hash
// and descending only into folders that differ, which sharding keeps
// small), extended with the commits made since on every later call, and
// kept in .git/accord/history-index (never committed or pushed). A missing
// or unreadable index file is rebuilt.

import (
	"fmt"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

func commitInfo(c *object.Commit) model.CommitInfo {
	info := model.CommitInfo{Hash: c.Hash.String(), Author: c.Author.Name, Email: c.Author.Email,
		Date: c.Author.When, Message: c.Message}
	for _, p := range c.ParentHashes {
		info.Parents = append(info.Parents, p.String())
	}
	return info
}

// History lists the commits that changed a record, newest first (children
// before their parents, otherwise by commit time). It covers every commit
// reachable from opts.Rev, merges included, and a record that was deleted
// and restored. A record that never existed has an empty history.
func (s *Store) History(k model.Kind, id string, opts model.HistoryOptions) ([]model.HistoryEntry, error) {
	p, err := model.PathOf(k, id)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	start, err := s.historyStart(opts.Rev)
	if err != nil || start == nil {
		return nil, err
	}
	idx, err := s.historyIndexForPath(start, p)
	if err != nil {
		return nil, fmt.Errorf("history of %s: %w", id, err)
	}
	touches := idx.touching(start.Hash, p)
	versions := newVersionCache(s, k, p)
	var out []model.HistoryEntry
	for i, t := range touches {
		if opts.Limit > 0 && len(out) == opts.Limit {
			break
		}
		c, err := s.repo.CommitObject(t.commit)
		if err != nil {
			return nil, fmt.Errorf("history of %s: commit %s: %w", id, t.commit, err)
		}
		e := model.HistoryEntry{Commit: commitInfo(c), Op: model.HistoryEdited}
		switch {
		case t.old.IsZero() && i < len(touches)-1:
			e.Op = model.HistoryRestored
		case t.old.IsZero():
			e.Op = model.HistoryCreated
		case t.new.IsZero():
			e.Op = model.HistoryDeleted
		}
		old, oldErr := versions.get(t.old)
		nu, newErr := versions.get(t.new)
		e.Old, e.New = old, nu
		switch {
		case newErr != nil:
			e.Problem = "this version could not be read: " + newErr.Error()
		case oldErr != nil:
			e.Problem = "the version before could not be read (" + oldErr.Error() + "); every field is shown as set"
			e.Changes = model.Diff(nil, nu)
		default:
			e.Changes = model.Diff(old, nu)
		}
		out = append(out, e)
	}
	return out, nil
}

// IndexHistory brings the history index up to date with HEAD, so that the
// next History or Blame call is fast. The first call in a large clone takes
// seconds (see docs/history.md); a program may call it in the background
// after opening a repository or after a sync.
func (s *Store) IndexHistory() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	head, err := s.historyStart("")
	if err != nil || head == nil {
		return err
	}
	_, err = s.historyIndexLocked(head)
	return err
}

// versionCache decodes the versions of one record file by blob hash, each
// once. The zero hash is the record's absence: nil, no error.
type versionCache struct {
	s      *Store
	k      model.Kind
	path   string
	recs   map[plumbing.Hash]model.Record
	errs   map[plumbing.Hash]error
	loaded map[string]string // the load cache, when the caller read it
}

func newVersionCache(s *Store, k model.Kind, p string) *versionCache {
	return &versionCache{s: s, k: k, path: p, recs: map[plumbing.Hash]model.Record{}, errs: map[plumbing.Hash]error{}}
}

func (v *versionCache) get(h plumbing.Hash) (model.Record, error) {
	if h.IsZero() {
		return nil, nil
	}
	if r, ok := v.recs[h]; ok {
		return r, nil
	}
	if err, ok := v.errs[h]; ok {
		return nil, err
	}
	if enc, ok := v.loaded[cacheKey(v.k, h.String())]; ok {
		if rec := cachedRecord(v.k, enc); rec != nil {
			v.recs[h] = rec
			return rec, nil
		}
	}
	data, err := readBlob(v.s, h)
	var rec model.Record
	if err == nil {
		rec, err = decodeRecord(v.k, v.path, data)
	}
	if err != nil {
		v.errs[h] = err
		return nil, err
	}
	v.recs[h] = rec
	return rec, nil
}
