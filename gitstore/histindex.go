package gitstore

// The history index: for every commit, the record files that differ from
// each parent, with their old and new blob hashes (see history.go). It is
// built by comparing trees (treediff.go) on one worker per core, kept in
// .git/accord/history-index and extended with the commits made since.

import (
	"bytes"
	"cmp"
	"container/heap"
	"encoding/binary"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"sync"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

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
	var fast *fastPacks
	if ps, ok := s.repo.Storer.(*packedStorage); ok {
		fast = ps.fast
	}
	todo, err := walkCommits(s.repo.Storer, s.packObjects(fast), start.Hash, indexed)
	if err != nil {
		return nil, err
	}
	diffs, err := s.diffCommits(todo, fast)
	if err != nil {
		return nil, err
	}
	for i, c := range todo {
		idx.commits[c.hash] = &histCommit{when: c.when, parents: c.parents, diffs: diffs[i]}
	}
	s.writeHistoryIndex(idx)
	return idx, nil
}

// packObjects reads the packs fast has open, for one goroutine; nil
// without packs (every object is then read through go-git).
func (s *Store) packObjects(fast *fastPacks) *packObjects {
	if fast == nil || len(fast.packs) == 0 {
		return nil
	}
	return newPackObjects(fast, 24<<20)
}

// historyCommitsPerWorker is how many commits make another worker worth
// starting when the history index is built; tests lower it.
var historyCommitsPerWorker = 250

// diffCommits compares each commit's tree with each parent's (a root
// commit's with the empty tree). Many commits (the first history call in a
// clone) are split between workers, each reading objects through a
// storage of its own: go-git's storage is not safe for concurrent use,
// but separate instances over the same immutable object files are.
func (s *Store) diffCommits(commits []walkedCommit, fast *fastPacks) ([][][]pathDelta, error) {
	out := make([][][]pathDelta, len(commits))
	treeOf := make(map[plumbing.Hash]plumbing.Hash, len(commits)) // read-only once the workers start
	for _, c := range commits {
		treeOf[c.hash] = c.tree
	}
	diffRange := func(st storer.EncodedObjectStorer, lo, hi int) error {
		tr := newTreeReader(st)
		tr.packs = s.packObjects(fast)
		for i := lo; i < hi; i++ {
			c := commits[i]
			if len(c.parents) == 0 {
				d, err := diffRecordTrees(tr, plumbing.ZeroHash, c.tree)
				if err != nil {
					return fmt.Errorf("commit %s: %w", c.hash, err)
				}
				out[i] = [][]pathDelta{d}
				continue
			}
			for _, ph := range c.parents {
				pt, ok := treeOf[ph]
				if !ok { // a parent indexed earlier
					pc, err := readWalkedCommit(st, tr.packs, ph)
					if err != nil {
						return fmt.Errorf("commit %s: %w", ph, err)
					}
					pt = pc.tree
				}
				d, err := diffRecordTrees(tr, pt, c.tree)
				if err != nil {
					return fmt.Errorf("commit %s: %w", c.hash, err)
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
			st := newPackedStorage(filesystem.NewStorageWithOptions(osfs.New(s.gitDir), cache.NewObjectLRU(8*cache.MiByte),
				filesystem.Options{KeepDescriptors: true, MaxOpenDescriptors: 16}), s.gitDir, 32*cache.MiByte)
			defer st.Close()
			errs[w] = diffRange(st, lo, hi)
		}()
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// The index file: a version line; the paths, each once; then per commit
// its hash, committer time, parents, and per parent the changed paths (by
// number) with their old and new blob hashes. Lengths are uvarints and
// every one is bounds-checked on reading.

const historyIndexVersion = "accord-history-index/1\n"

func (s *Store) readHistoryIndex() *histIndex { return s.readHistoryIndexOf("", false) }

// historyIndexForPath is historyIndexLocked for questions about one path
// p: when the index file already covers start (the usual case), only p's
// entries are decoded, so a history costs far less than the whole index
// (7 MB at 100,000 records). The caller holds s.mu.
func (s *Store) historyIndexForPath(start *object.Commit, p string) (*histIndex, error) {
	if idx := s.readHistoryIndexOf(p, true); idx.commits[start.Hash] != nil {
		return idx, nil
	}
	return s.historyIndexLocked(start)
}

// readHistoryIndexOf reads the index file; with only set, it keeps the
// changes to path p alone (every commit, with no other paths). The file
// is mapped, not read, so that a one-record command touches little of it
// beyond the path table.
func (s *Store) readHistoryIndexOf(p string, only bool) *histIndex {
	idx, err := readMapped(filepath.Join(s.gitDir, historyIndexName), func(data []byte) *histIndex {
		return parseHistoryIndex(data, p, only)
	})
	if err != nil {
		return &histIndex{commits: map[plumbing.Hash]*histCommit{}}
	}
	return idx
}

// parseHistoryIndex decodes the index file's bytes (readHistoryIndexOf),
// copying what it keeps.
func parseHistoryIndex(data []byte, p string, only bool) *histIndex {
	idx := &histIndex{commits: map[plumbing.Hash]*histCommit{}}
	r := &cacheReader[[]byte]{b: data}
	if string(r.bytes(uint64(len(historyIndexVersion)))) != historyIndexVersion {
		return idx
	}
	npaths := r.uvarint()
	if npaths > uint64(len(r.b)) {
		return idx
	}
	var paths []string
	target := uint64(npaths) // p's number, when only p is kept
	if only {
		for i := range npaths {
			if b := r.bytes(r.uvarint()); string(b) == p {
				target = i
			}
		}
	} else {
		paths = make([]string, npaths)
		for i := range paths {
			paths[i] = string(r.bytes(r.uvarint()))
		}
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
			nd := count(41)
			var ds []pathDelta
			if !only {
				ds = make([]pathDelta, 0, nd)
			}
			for range nd {
				n := r.uvarint()
				if n >= npaths {
					r.fail()
					break
				}
				switch {
				case !only:
					ds = append(ds, pathDelta{path: paths[n], old: hash(), new: hash()})
				case n == target:
					ds = append(ds, pathDelta{path: p, old: hash(), new: hash()})
				default:
					r.bytes(2 * uint64(len(plumbing.ZeroHash)))
				}
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
	replaceCacheFile(filepath.Join(s.gitDir, historyIndexName), b)
}
