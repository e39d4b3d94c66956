package gitstore

// Record history, field blame and the organisation at a revision.
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
	"bytes"
	"cmp"
	"container/heap"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage/filesystem"
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
	idx, err := s.historyIndexLocked(start)
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

// Blame returns, for each field of a record as it is at HEAD (in the
// record's field order), the commit that gave the field its value: it
// follows each value back through the commits that left it unchanged,
// into whichever parent of a merge it came from, to the commit that set it.
func (s *Store) Blame(k model.Kind, id string) ([]model.FieldBlame, error) {
	p, err := model.PathOf(k, id)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	head, err := s.historyStart("")
	if err != nil {
		return nil, err
	}
	if head == nil {
		return nil, fmt.Errorf("blame %s: the repository has no commits: %w", id, ErrNotFound)
	}
	blob, err := blobAt(head, p)
	if err != nil {
		return nil, fmt.Errorf("blame %s: %w", id, err)
	}
	if blob.IsZero() {
		return nil, fmt.Errorf("blame %s: it does not exist at HEAD (%s): %w", id, model.ShortHash(head.Hash.String()), ErrNotFound)
	}
	idx, err := s.historyIndexLocked(head)
	if err != nil {
		return nil, fmt.Errorf("blame %s: %w", id, err)
	}
	versions := newVersionCache(s, k, p)
	cur, err := versions.get(blob)
	if err != nil {
		return nil, fmt.Errorf("blame %s at HEAD (%s): %w: %v", id, model.ShortHash(head.Hash.String()), ErrUnreadable, err)
	}
	fields := model.Flatten(cur)

	// Each task carries fields whose value at its commit is the current
	// one; a field moves to a parent that has the same value, and stops
	// at the commit where no parent has it.
	type task struct {
		commit plumbing.Hash
		blob   plumbing.Hash
		fields []model.FieldValue
	}
	blamed := map[string]plumbing.Hash{}
	stack := []task{{head.Hash, blob, fields}}
	for len(stack) > 0 {
		t := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		hc := idx.commits[t.commit]
		if hc == nil {
			return nil, fmt.Errorf("blame %s: commit %s missing from the history index", id, t.commit)
		}
		parentBlobs := make([]plumbing.Hash, len(hc.parents))
		same := -1
		for i := range hc.parents {
			parentBlobs[i] = t.blob
			if d := hc.delta(i, p); d != nil {
				parentBlobs[i] = d.old
			}
			if same < 0 && parentBlobs[i] == t.blob {
				same = i
			}
		}
		if same >= 0 {
			stack = append(stack, task{hc.parents[same], t.blob, t.fields})
			continue
		}
		pending := t.fields
		for i, ph := range hc.parents {
			if len(pending) == 0 {
				break
			}
			prev, err := versions.get(parentBlobs[i])
			if err != nil || prev == nil {
				continue
			}
			values := map[string]string{}
			for _, f := range model.Flatten(prev) {
				values[f.Field] = f.Value
			}
			var pass, keep []model.FieldValue
			for _, f := range pending {
				if values[f.Field] == f.Value {
					pass = append(pass, f)
				} else {
					keep = append(keep, f)
				}
			}
			if len(pass) > 0 {
				stack = append(stack, task{ph, parentBlobs[i], pass})
			}
			pending = keep
		}
		for _, f := range pending {
			blamed[f.Field] = t.commit
		}
	}
	infos := map[plumbing.Hash]model.CommitInfo{}
	out := make([]model.FieldBlame, 0, len(fields))
	for _, f := range fields {
		h := blamed[f.Field]
		info, ok := infos[h]
		if !ok {
			c, err := s.repo.CommitObject(h)
			if err != nil {
				return nil, fmt.Errorf("blame %s: commit %s: %w", id, h, err)
			}
			info = commitInfo(c)
			infos[h] = info
		}
		out = append(out, model.FieldBlame{Field: f.Field, Value: f.Value, Commit: info})
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
		case org.Sources[rid] != nil:
			org.Problems = append(org.Problems, model.Finding{Rule: "id.duplicate", Severity: model.SeverityError,
				File: p, Line: 1, Column: 1, ID: rid,
				Message: fmt.Sprintf("id %s is already used by %s; this file was not loaded%s", rid, org.Sources[rid].Path, at)})
		default:
			org.Add(rec, &model.Source{Path: p, Blob: blob.String()})
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
	var out []model.RecordDelta
	var problems []model.Finding
	for _, d := range deltas {
		k, id, _ := model.KindOfPath(d.path)
		vc := newVersionCache(s, k, d.path)
		vc.loaded = loaded
		old, oerr := vc.get(d.old)
		nu, nerr := vc.get(d.new)
		if oerr != nil || nerr != nil {
			bad, rev, h := oerr, rev1, c1
			if nerr != nil {
				bad, rev, h = nerr, rev2, c2
			}
			problems = append(problems, model.Finding{Rule: "file.unreadable", Severity: model.SeverityError,
				File: d.path, ID: id, Message: fmt.Sprintf("could not be read at %s (%s), so its changes are not shown: %v", rev, model.ShortHash(h.Hash.String()), bad)})
			continue
		}
		out = append(out, model.RecordDelta{Kind: k, ID: id, Old: old, New: nu})
	}
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

// versionCache decodes the versions of one record file by blob hash, each
// once. The zero hash is the record's absence: nil, no error.
type versionCache struct {
	s      *Store
	k      model.Kind
	path   string
	recs   map[plumbing.Hash]model.Record
	errs   map[plumbing.Hash]error
	loaded map[string][]byte // the load cache, when the caller read it
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

// The history index.

// histCommit is one commit in the history index: its parents, its
// committer time, and for each parent (for a root commit, for the empty
// tree) the record files that differ, sorted by path.
type histCommit struct {
	when    int64
	parents []plumbing.Hash
	diffs   [][]pathDelta
}

// pathDelta is one record file that differs between two trees; a zero hash
// means absent.
type pathDelta struct {
	path     string
	old, new plumbing.Hash
}

// delta returns the change to path p against parent i (or the empty tree
// for a root commit), or nil when p is the same there.
func (c *histCommit) delta(i int, p string) *pathDelta {
	if i >= len(c.diffs) {
		return nil
	}
	ds := c.diffs[i]
	j, ok := slices.BinarySearchFunc(ds, p, func(d pathDelta, p string) int { return cmp.Compare(d.path, p) })
	if !ok {
		return nil
	}
	return &ds[j]
}

type histIndex struct {
	commits map[plumbing.Hash]*histCommit
}

// touch is a commit whose version of a path differs from every parent's.
type touch struct {
	commit   plumbing.Hash
	old, new plumbing.Hash // old: the first parent's version
}

// touching lists the commits reachable from start that changed path p, in
// date order (children before parents, else newest first).
func (x *histIndex) touching(start plumbing.Hash, p string) []touch {
	var out []touch
	for _, h := range x.dateOrder(start) {
		c := x.commits[h]
		var first *pathDelta
		changed := true
		for i := range max(1, len(c.parents)) {
			d := c.delta(i, p)
			if d == nil {
				changed = false
				break
			}
			if i == 0 {
				first = d
			}
		}
		if changed {
			out = append(out, touch{commit: h, old: first.old, new: first.new})
		}
	}
	return out
}

// dateOrder lists the commits reachable from start with no parent before
// any of its children, otherwise newest first by committer time (git log
// --date-order).
func (x *histIndex) dateOrder(start plumbing.Hash) []plumbing.Hash {
	children := map[plumbing.Hash]int{}
	stack := []plumbing.Hash{start}
	children[start] = 0
	for len(stack) > 0 {
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, p := range x.commits[h].parents {
			n, seen := children[p]
			children[p] = n + 1
			if !seen && x.commits[p] != nil {
				stack = append(stack, p)
			}
		}
	}
	out := make([]plumbing.Hash, 0, len(children))
	ready := &hashQueue{x: x}
	heap.Push(ready, start)
	for ready.Len() > 0 {
		h := heap.Pop(ready).(plumbing.Hash)
		out = append(out, h)
		for _, p := range x.commits[h].parents {
			children[p]--
			if children[p] == 0 && x.commits[p] != nil {
				heap.Push(ready, p)
			}
		}
	}
	return out
}

type hashQueue struct {
	x *histIndex
	h []plumbing.Hash
}

func (q *hashQueue) Len() int { return len(q.h) }
func (q *hashQueue) Less(i, j int) bool {
	a, b := q.x.commits[q.h[i]].when, q.x.commits[q.h[j]].when
	if a != b {
		return a > b
	}
	return bytes.Compare(q.h[i][:], q.h[j][:]) < 0
}
func (q *hashQueue) Swap(i, j int) { q.h[i], q.h[j] = q.h[j], q.h[i] }
func (q *hashQueue) Push(x any)    { q.h = append(q.h, x.(plumbing.Hash)) }
func (q *hashQueue) Pop() any {
	h := q.h[len(q.h)-1]
	q.h = q.h[:len(q.h)-1]
	return h
}

const historyIndexName = "accord/history-index"

// historyIndexLocked returns the history index covering every commit
// reachable from start: read from its file, extended with the commits it
// does not hold yet (written back when it grew). The caller holds s.mu.
func (s *Store) historyIndexLocked(start *object.Commit) (*histIndex, error) {
	idx := s.readHistoryIndex()
	if idx.commits[start.Hash] != nil {
		return idx, nil
	}
	indexed := make(map[plumbing.Hash]bool, len(idx.commits))
	for h := range idx.commits {
		indexed[h] = true
	}
	var todo []*object.Commit
	err := object.NewCommitIterCTime(start, indexed, nil).ForEach(func(c *object.Commit) error {
		todo = append(todo, c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	diffs, err := s.diffCommits(todo)
	if err != nil {
		return nil, err
	}
	for i, c := range todo {
		idx.commits[c.Hash] = &histCommit{when: c.Committer.When.Unix(), parents: c.ParentHashes, diffs: diffs[i]}
	}
	s.writeHistoryIndex(idx)
	return idx, nil
}

// historyCommitsPerWorker is how many commits make another worker worth
// starting when the history index is built; tests lower it.
var historyCommitsPerWorker = 250

// diffCommits compares each commit's tree with each parent's (a root
// commit's with the empty tree). Many commits (the first history call in a
// clone) are split between workers, each reading objects through a
// storage of its own: go-git's storage is not safe for concurrent use,
// but separate instances over the same immutable object files are.
func (s *Store) diffCommits(commits []*object.Commit) ([][][]pathDelta, error) {
	out := make([][][]pathDelta, len(commits))
	treeOf := make(map[plumbing.Hash]plumbing.Hash, len(commits)) // read-only once the workers start
	for _, c := range commits {
		treeOf[c.Hash] = c.TreeHash
	}
	diffRange := func(st storer.EncodedObjectStorer, lo, hi int) error {
		tr := newTreeReader(st)
		for i := lo; i < hi; i++ {
			c := commits[i]
			if len(c.ParentHashes) == 0 {
				d, err := diffRecordTrees(tr, plumbing.ZeroHash, c.TreeHash)
				if err != nil {
					return fmt.Errorf("commit %s: %w", c.Hash, err)
				}
				out[i] = [][]pathDelta{d}
				continue
			}
			for _, ph := range c.ParentHashes {
				pt, ok := treeOf[ph]
				if !ok { // a parent indexed earlier
					pc, err := object.GetCommit(st, ph)
					if err != nil {
						return fmt.Errorf("commit %s: %w", ph, err)
					}
					pt = pc.TreeHash
				}
				d, err := diffRecordTrees(tr, pt, c.TreeHash)
				if err != nil {
					return fmt.Errorf("commit %s: %w", c.Hash, err)
				}
				out[i] = append(out[i], d)
			}
		}
		return nil
	}
	workers := min(runtime.GOMAXPROCS(0), len(commits)/historyCommitsPerWorker)
	if workers < 2 {
		return out, diffRange(s.repo.Storer, 0, len(commits))
	}
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(commits)/workers, (w+1)*len(commits)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			st := filesystem.NewStorageWithOptions(osfs.New(s.gitDir), cache.NewObjectLRU(32*cache.MiByte),
				filesystem.Options{KeepDescriptors: true, MaxOpenDescriptors: 16})
			defer st.Close()
			errs[w] = diffRange(st, lo, hi)
		}()
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// treeReader reads trees as raw bytes (parsing only the entries a diff
// compares), keeping the last few: consecutive commits share most trees.
type treeReader struct {
	st     storer.EncodedObjectStorer
	recent map[plumbing.Hash][]byte
}

func newTreeReader(st storer.EncodedObjectStorer) *treeReader {
	return &treeReader{st: st, recent: map[plumbing.Hash][]byte{}}
}

func (t *treeReader) get(h plumbing.Hash) ([]byte, error) {
	if h.IsZero() {
		return nil, nil
	}
	if b, ok := t.recent[h]; ok {
		return b, nil
	}
	obj, err := t.st.EncodedObject(plumbing.TreeObject, h)
	if err != nil {
		return nil, fmt.Errorf("tree %s: %w", h, err)
	}
	r, err := obj.Reader()
	if err != nil {
		return nil, fmt.Errorf("tree %s: %w", h, err)
	}
	defer r.Close()
	b := make([]byte, 0, obj.Size())
	b, err = readAllInto(r, b)
	if err != nil {
		return nil, fmt.Errorf("tree %s: %w", h, err)
	}
	if len(t.recent) >= 256 {
		clear(t.recent)
	}
	t.recent[h] = b
	return b, nil
}

func readAllInto(r io.Reader, b []byte) ([]byte, error) {
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
}

// rawEntry is one entry of a raw tree: "<mode> <name>\x00<20-byte hash>".
type rawEntry struct {
	name []byte
	mode []byte
	hash plumbing.Hash
}

func (e *rawEntry) isDir() bool { return string(e.mode) == "40000" }

// isFile matches filemode.FileMode.IsFile: regular, executable, the
// deprecated group-writable mode, and symlinks.
func (e *rawEntry) isFile() bool {
	switch string(e.mode) {
	case "100644", "100755", "100664", "120000":
		return true
	}
	return false
}

// nextEntry parses the entry at the start of b; ok is false at the end or
// on a malformed tree.
func nextEntry(b []byte) (e rawEntry, rest []byte, ok bool) {
	sp := bytes.IndexByte(b, ' ')
	if sp <= 0 {
		return e, nil, false
	}
	nul := bytes.IndexByte(b[sp+1:], 0)
	if nul < 0 || len(b) < sp+1+nul+1+20 {
		return e, nil, false
	}
	e.mode, e.name = b[:sp], b[sp+1:sp+1+nul]
	copy(e.hash[:], b[sp+1+nul+1:])
	return e, b[sp+1+nul+1+20:], true
}

// compareEntries orders entries as git does: a folder sorts as if its name
// ended in a slash.
func compareEntries(a, b *rawEntry) int {
	n := min(len(a.name), len(b.name))
	if c := bytes.Compare(a.name[:n], b.name[:n]); c != 0 {
		return c
	}
	at, bt := byte(0), byte(0)
	if len(a.name) > n {
		at = a.name[n]
	} else if a.isDir() {
		at = '/'
	}
	if len(b.name) > n {
		bt = b.name[n]
	} else if b.isDir() {
		bt = '/'
	}
	return cmp.Compare(at, bt)
}

// diffRecordTrees lists the record files that differ between two root
// trees (zero for the empty tree), sorted by path. It compares folders by
// hash and descends only into the kinds' folders and shards that differ.
func diffRecordTrees(tr *treeReader, a, b plumbing.Hash) ([]pathDelta, error) {
	ta, err := tr.get(a)
	if err != nil {
		return nil, err
	}
	tb, err := tr.get(b)
	if err != nil {
		return nil, err
	}
	var out []pathDelta
	for _, k := range model.Kinds {
		ha, hb := dirEntry(ta, k.Dir()), dirEntry(tb, k.Dir())
		if ha == hb {
			continue
		}
		depth := 0
		if k.Sharded() {
			depth = 1
		}
		if err := diffDirs(tr, ha, hb, k.Dir(), depth, &out); err != nil {
			return nil, err
		}
	}
	slices.SortFunc(out, func(x, y pathDelta) int { return cmp.Compare(x.path, y.path) })
	return out, nil
}

// dirEntry returns the hash of the folder called name in a raw tree.
func dirEntry(t []byte, name string) plumbing.Hash {
	for {
		e, rest, ok := nextEntry(t)
		if !ok {
			return plumbing.ZeroHash
		}
		if string(e.name) == name && e.isDir() {
			return e.hash
		}
		t = rest
	}
}

// diffDirs compares two folders' entries (both in git's order) and records
// the record files that differ; depth is how many more folder levels hold
// records (1 under a sharded kind's folder).
func diffDirs(tr *treeReader, a, b plumbing.Hash, dir string, depth int, out *[]pathDelta) error {
	ta, err := tr.get(a)
	if err != nil {
		return err
	}
	tb, err := tr.get(b)
	if err != nil {
		return err
	}
	x, restA, okA := nextEntry(ta)
	y, restB, okB := nextEntry(tb)
	for okA || okB {
		var ea, eb *rawEntry
		switch {
		case !okB:
			ea = &x
		case !okA:
			eb = &y
		default:
			switch c := compareEntries(&x, &y); {
			case c < 0:
				ea = &x
			case c > 0:
				eb = &y
			default:
				ea, eb = &x, &y
			}
		}
		if ea == nil || eb == nil || ea.hash != eb.hash || string(ea.mode) != string(eb.mode) {
			var name []byte
			var dirA, dirB, fileA, fileB plumbing.Hash
			if ea != nil {
				name = ea.name
				if ea.isDir() {
					dirA = ea.hash
				} else if ea.isFile() {
					fileA = ea.hash
				}
			}
			if eb != nil {
				name = eb.name
				if eb.isDir() {
					dirB = eb.hash
				} else if eb.isFile() {
					fileB = eb.hash
				}
			}
			if depth > 0 && dirA != dirB {
				if err := diffDirs(tr, dirA, dirB, dir+"/"+string(name), depth-1, out); err != nil {
					return err
				}
			}
			if fileA != fileB {
				p := dir + "/" + string(name)
				if _, _, ok := model.KindOfPath(p); ok {
					*out = append(*out, pathDelta{path: p, old: fileA, new: fileB})
				}
			}
		}
		if ea != nil {
			x, restA, okA = nextEntry(restA)
		}
		if eb != nil {
			y, restB, okB = nextEntry(restB)
		}
	}
	return nil
}

// The index file: a version line; the paths, each once; then per commit
// its hash, committer time, parents, and per parent the changed paths (by
// number) with their old and new blob hashes. Lengths are uvarints and
// every one is bounds-checked on reading.

const historyIndexVersion = "accord-history-index/1\n"

func (s *Store) readHistoryIndex() *histIndex {
	idx := &histIndex{commits: map[plumbing.Hash]*histCommit{}}
	data, err := os.ReadFile(filepath.Join(s.gitDir, historyIndexName))
	if err != nil {
		return idx
	}
	r := &cacheReader{b: data}
	if string(r.bytes(uint64(len(historyIndexVersion)))) != historyIndexVersion {
		return idx
	}
	npaths := r.uvarint()
	if npaths > uint64(len(r.b)) {
		return idx
	}
	paths := make([]string, npaths)
	for i := range paths {
		paths[i] = string(r.bytes(r.uvarint()))
	}
	hash := func() plumbing.Hash {
		var h plumbing.Hash
		copy(h[:], r.bytes(uint64(len(h))))
		return h
	}
	count := func(each uint64) int { // a count, checked against what is left
		n := r.uvarint()
		if n > uint64(len(r.b))/each {
			r.fail()
			return 0
		}
		return int(n)
	}
	ncommits := count(22)
	for range ncommits {
		h := hash()
		when, size := binary.Varint(r.b)
		if size <= 0 {
			return &histIndex{commits: map[plumbing.Hash]*histCommit{}}
		}
		r.b = r.b[size:]
		c := &histCommit{when: when}
		c.parents = make([]plumbing.Hash, count(20))
		for i := range c.parents {
			c.parents[i] = hash()
		}
		c.diffs = make([][]pathDelta, max(1, len(c.parents)))
		for i := range c.diffs {
			ds := make([]pathDelta, count(41))
			for j := range ds {
				n := r.uvarint()
				if n >= uint64(len(paths)) {
					r.fail()
					break
				}
				ds[j] = pathDelta{path: paths[n], old: hash(), new: hash()}
			}
			c.diffs[i] = ds
		}
		if r.err != nil {
			return &histIndex{commits: map[plumbing.Hash]*histCommit{}}
		}
		idx.commits[h] = c
	}
	if r.err != nil || len(r.b) != 0 {
		return &histIndex{commits: map[plumbing.Hash]*histCommit{}}
	}
	return idx
}

// writeHistoryIndex replaces the index file atomically. Failure is
// harmless: the next call builds what is missing again.
func (s *Store) writeHistoryIndex(idx *histIndex) {
	pathNum := map[string]uint64{}
	var paths []string
	for _, c := range idx.commits {
		for _, ds := range c.diffs {
			for _, d := range ds {
				if _, ok := pathNum[d.path]; !ok {
					pathNum[d.path] = uint64(len(paths))
					paths = append(paths, d.path)
				}
			}
		}
	}
	b := append([]byte(nil), historyIndexVersion...)
	b = binary.AppendUvarint(b, uint64(len(paths)))
	for _, p := range paths {
		b = binary.AppendUvarint(b, uint64(len(p)))
		b = append(b, p...)
	}
	b = binary.AppendUvarint(b, uint64(len(idx.commits)))
	for h, c := range idx.commits {
		b = append(b, h[:]...)
		b = binary.AppendVarint(b, c.when)
		b = binary.AppendUvarint(b, uint64(len(c.parents)))
		for _, p := range c.parents {
			b = append(b, p[:]...)
		}
		for i := range max(1, len(c.parents)) {
			var ds []pathDelta
			if i < len(c.diffs) {
				ds = c.diffs[i]
			}
			b = binary.AppendUvarint(b, uint64(len(ds)))
			for _, d := range ds {
				b = binary.AppendUvarint(b, pathNum[d.path])
				b = append(b, d.old[:]...)
				b = append(b, d.new[:]...)
			}
		}
	}
	_ = replaceGitFile(filepath.Join(s.gitDir, historyIndexName), b)
}
