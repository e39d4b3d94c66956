package gitstore

// Revisions: naming a commit (a hash, a branch, HEAD~2, a date), records
// and the whole organisation as they were at one, and what changed
// between two.

import (
	"container/heap"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// ResolveRev returns the full hash of the commit rev names: a commit hash
// or a unique prefix of one, a branch, a tag, HEAD~2 and the like, or a
// date YYYY-MM-DD, which names the last commit on or before that day (by
// the committer's calendar) on HEAD's first-parent history.
func (s *Store) ResolveRev(rev string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.resolveCommit(rev)
	if err != nil {
		return "", err
	}
	return c.Hash.String(), nil
}

// LookupCommit returns the commit rev names (as ResolveRev reads it).
func (s *Store) LookupCommit(rev string) (model.CommitInfo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.resolveCommit(rev)
	if err != nil {
		return model.CommitInfo{}, err
	}
	return commitInfo(c), nil
}

// resolveCommit is ResolveRev for a caller holding s.mu.
func (s *Store) resolveCommit(rev string) (*object.Commit, error) {
	rev = strings.TrimSpace(rev)
	if rev == "" {
		rev = "HEAD"
	}
	if day, err := time.Parse(time.DateOnly, rev); err == nil {
		return s.commitOnOrBefore(day.Format(time.DateOnly))
	}
	h, err := s.repo.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		if rev == "HEAD" {
			return nil, fmt.Errorf("the repository has no commits yet: %w", ErrNotFound)
		}
		return nil, fmt.Errorf("no commit, branch or tag named %q: %w (dates are YYYY-MM-DD)", rev, ErrNotFound)
	}
	c, err := s.repo.CommitObject(*h)
	if err != nil {
		return nil, fmt.Errorf("revision %q: %w", rev, err)
	}
	return c, nil
}

// commitOnOrBefore walks HEAD's first parents to the newest commit made on
// or before day.
func (s *Store) commitOnOrBefore(day string) (*object.Commit, error) {
	h, err := s.repo.ResolveRevision(plumbing.Revision("HEAD"))
	if err != nil {
		return nil, fmt.Errorf("the repository has no commits yet: %w", ErrNotFound)
	}
	c, err := s.repo.CommitObject(*h)
	for err == nil {
		if c.Committer.When.Format(time.DateOnly) <= day {
			return c, nil
		}
		if len(c.ParentHashes) == 0 {
			return nil, fmt.Errorf("no commit on or before %s: the history starts on %s: %w",
				day, c.Committer.When.Format(time.DateOnly), ErrNotFound)
		}
		c, err = s.repo.CommitObject(c.ParentHashes[0])
	}
	return nil, fmt.Errorf("commits on or before %s: %w", day, err)
}

// resolveBase is resolveCommit for the older side of a comparison, where
// "" means before the first commit (nil).
func (s *Store) resolveBase(rev string) (*object.Commit, error) {
	if rev == "" {
		return nil, nil
	}
	return s.resolveCommit(rev)
}

// historyStart resolves where a history walk starts; nil for a repository
// without commits.
func (s *Store) historyStart(rev string) (*object.Commit, error) {
	if rev == "" {
		if _, err := s.repo.Head(); errors.Is(err, plumbing.ErrReferenceNotFound) {
			return nil, nil
		}
	}
	return s.resolveCommit(rev)
}

// blobAt returns the blob hash of path p in a commit, zero when absent.
func blobAt(c *object.Commit, p string) (plumbing.Hash, error) {
	tree, err := c.Tree()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	e, err := tree.FindEntry(p)
	if errors.Is(err, object.ErrEntryNotFound) || errors.Is(err, object.ErrDirectoryNotFound) {
		return plumbing.ZeroHash, nil
	}
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if !e.Mode.IsFile() {
		return plumbing.ZeroHash, nil
	}
	return e.Hash, nil
}

// RecordAt returns a record as it was at a revision. It returns an error
// wrapping ErrNotFound when the record did not exist there, and
// ErrUnreadable when that version cannot be read.
func (s *Store) RecordAt(k model.Kind, id, rev string) (model.Record, error) {
	p, err := model.PathOf(k, id)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.resolveCommit(rev)
	if err != nil {
		return nil, err
	}
	blob, err := blobAt(c, p)
	if err != nil {
		return nil, fmt.Errorf("%s at %s: %w", id, rev, err)
	}
	if blob.IsZero() {
		return nil, fmt.Errorf("%s did not exist at %s (commit %s of %s): %w", id, rev,
			model.ShortHash(c.Hash.String()), c.Committer.When.Format(time.DateOnly), ErrNotFound)
	}
	rec, err := newVersionCache(s, k, p).get(blob)
	if err != nil {
		return nil, fmt.Errorf("%s at %s (commit %s): %w: %v", id, rev, model.ShortHash(c.Hash.String()), ErrUnreadable, err)
	}
	return rec, nil
}

// OrgAt reads the whole organisation as it was at a revision, from git
// objects, with the same hardening as Load. Files whose content is in the
// load cache are not decoded again. Files that cannot be read become
// findings in Org.Problems.
func (s *Store) OrgAt(rev string) (*model.Org, error) {
	cache := s.readCache() // a file in .git, not a go-git object
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.resolveCommit(rev)
	if err != nil {
		return nil, err
	}
	tree, err := c.Tree()
	if err != nil {
		return nil, fmt.Errorf("tree of %s: %w", rev, err)
	}
	org := model.NewOrg()
	at := fmt.Sprintf(" (at %s)", model.ShortHash(c.Hash.String()))
	if e, err := tree.FindEntry(model.ConfigPath); err == nil {
		data, err := readBlob(s, e.Hash)
		if err == nil {
			org.Config, err = decodeConfig(data)
		}
		if err != nil {
			f := asFinding(err)
			f.File, f.Message = model.ConfigPath, f.Message+at
			org.Problems = append(org.Problems, f)
		}
	}
	err = walkRecords(tree, func(p string, k model.Kind, id string, blob plumbing.Hash) error {
		var rec model.Record
		if enc, ok := cache[cacheKey(k, blob.String())]; ok {
			rec = cachedRecord(k, enc)
		}
		if rec == nil {
			data, err := readBlob(s, blob)
			if err == nil {
				rec, err = decodeRecord(k, p, data)
			}
			if err != nil {
				f := asFinding(err)
				f.File, f.ID = p, id
				f.Message += at
				org.Problems = append(org.Problems, f)
				return nil
			}
		}
		rid := rec.RecordID()
		switch {
		case rid == "":
			org.Problems = append(org.Problems, model.Finding{Rule: "schema.required", Severity: model.SeverityError,
				File: p, Line: 1, Column: 1, Message: "missing id: every record starts with its id" + at})
		default:
			if f := addLoaded(org, rec, &model.Source{Path: p, Blob: blob.String()}, at); f != nil {
				org.Problems = append(org.Problems, *f)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("records at %s: %w", rev, err)
	}
	org.Index()
	return org, nil
}

// ChangedBetween lists the records whose files differ between two
// revisions, each with its version at rev1 (Old, nil when it did not
// exist) and at rev2 (New, nil when it was removed), sorted by path. rev1
// "" means before the first commit (every record is new). Trees
// are compared by hash, so only changed files are read: a diff across
// thousands of commits decodes only what changed. A record one of whose
// versions cannot be read is left out and reported as a finding.
func (s *Store) ChangedBetween(rev1, rev2 string) ([]model.RecordDelta, []model.Finding, error) {
	loaded := s.readCache()
	s.mu.Lock()
	defer s.mu.Unlock()
	c1, err := s.resolveBase(rev1)
	if err != nil {
		return nil, nil, err
	}
	c2, err := s.resolveCommit(rev2)
	if err != nil {
		return nil, nil, err
	}
	var t1 plumbing.Hash
	if c1 != nil {
		t1 = c1.TreeHash
	}
	deltas, err := diffRecordTrees(newTreeReader(s.repo.Storer), t1, c2.TreeHash)
	if err != nil {
		return nil, nil, fmt.Errorf("compare %s with %s: %w", rev1, rev2, err)
	}
	r := &diffReader{s: s, at: c2, loaded: loaded}
	out, problems := r.decodeDeltas(deltas, rev1, rev2, c1)
	return out, problems, nil
}

// CommitsBetween lists the commits reachable from rev2 but not from rev1
// (git's rev1..rev2), newest first; rev1 "" means every commit.
func (s *Store) CommitsBetween(rev1, rev2 string) ([]model.CommitInfo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c1, err := s.resolveBase(rev1)
	if err != nil {
		return nil, err
	}
	c2, err := s.resolveCommit(rev2)
	if err != nil {
		return nil, err
	}
	if c1 == nil {
		var out []model.CommitInfo
		err := object.NewCommitIterCTime(c2, nil, nil).ForEach(func(c *object.Commit) error {
			out = append(out, commitInfo(c))
			return nil
		})
		return out, err
	}
	if c1.Hash == c2.Hash {
		return nil, nil
	}
	// Walk both sides newest first, marking what rev1 reaches; stop once
	// every commit still queued is reachable from rev1 (git's rev-list).
	const good, bad = 1, 2
	flags := map[plumbing.Hash]uint8{c1.Hash: bad, c2.Hash: good}
	q := &commitQueue{}
	heap.Push(q, c1)
	heap.Push(q, c2)
	var seen []*object.Commit
	for q.Len() > 0 {
		if !q.anyWithout(flags, bad) {
			break
		}
		c := heap.Pop(q).(*object.Commit)
		f := flags[c.Hash]
		if f&bad == 0 {
			seen = append(seen, c)
		}
		for _, ph := range c.ParentHashes {
			pf, queued := flags[ph]
			nf := pf | f
			if f&bad != 0 {
				nf = pf | bad
			}
			flags[ph] = nf
			if !queued {
				pc, err := s.repo.CommitObject(ph)
				if err != nil {
					return nil, fmt.Errorf("commit %s: %w", ph, err)
				}
				heap.Push(q, pc)
			}
		}
	}
	var out []model.CommitInfo
	for _, c := range seen {
		if flags[c.Hash]&bad == 0 {
			out = append(out, commitInfo(c))
		}
	}
	return out, nil
}

// commitQueue is a max-heap of commits by committer time.
type commitQueue []*object.Commit

func (q commitQueue) Len() int           { return len(q) }
func (q commitQueue) Less(i, j int) bool { return q[i].Committer.When.After(q[j].Committer.When) }
func (q commitQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *commitQueue) Push(x any)        { *q = append(*q, x.(*object.Commit)) }
func (q *commitQueue) Pop() any {
	old := *q
	c := old[len(old)-1]
	*q = old[:len(old)-1]
	return c
}

func (q commitQueue) anyWithout(flags map[plumbing.Hash]uint8, flag uint8) bool {
	for _, c := range q {
		if flags[c.Hash]&flag == 0 {
			return true
		}
	}
	return false
}
