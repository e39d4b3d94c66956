package gitstore

// The commits a history index build walks, read as raw bytes: go-git's
// commit iterator decodes every commit in full (author, message,
// signature) and hashes it into its cache; the index needs only each
// commit's tree, parents and committer time.

import (
	"bytes"
	"container/heap"
	"strconv"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// walkedCommit is what the history index keeps of a commit.
type walkedCommit struct {
	hash, tree plumbing.Hash
	parents    []plumbing.Hash
	when       int64
}

// parseRawCommit reads a commit's tree, parents and committer time from
// its raw bytes; ok is false for anything else than git writes.
func parseRawCommit(h plumbing.Hash, b []byte) (c walkedCommit, ok bool) {
	c.hash = h
	hasTree, hasCommitter := false, false
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		if len(line) == 0 {
			break // the message follows
		}
		key, val, _ := bytes.Cut(line, []byte{' '})
		switch string(key) {
		case "tree":
			if hasTree || !parseHex(val, &c.tree) {
				return c, false
			}
			hasTree = true
		case "parent":
			var p plumbing.Hash
			if !parseHex(val, &p) {
				return c, false
			}
			c.parents = append(c.parents, p)
		case "committer":
			i := bytes.LastIndexByte(val, '>')
			if i < 0 || hasCommitter {
				return c, false
			}
			f := bytes.Fields(val[i+1:])
			if len(f) == 0 {
				return c, false
			}
			t, err := strconv.ParseInt(string(f[0]), 10, 64)
			if err != nil {
				return c, false
			}
			c.when, hasCommitter = t, true
		}
	}
	return c, hasTree && hasCommitter
}

// parseHex reads 40 lower-case hex digits into h; false for anything
// else.
func parseHex[T string | []byte](b T, h *plumbing.Hash) bool {
	if len(b) != 40 {
		return false
	}
	for i := range h {
		hi, ok1 := fromHex(b[2*i])
		lo, ok2 := fromHex(b[2*i+1])
		if !ok1 || !ok2 {
			return false
		}
		h[i] = hi<<4 | lo
	}
	return true
}

func fromHex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	}
	return 0, false
}

// readWalkedCommit reads one commit from the packs, else (loose, or
// anything the raw reading does not accept) through go-git.
func readWalkedCommit(st storer.EncodedObjectStorer, packs *packObjects, h plumbing.Hash) (walkedCommit, error) {
	if packs != nil {
		if t, b, ok, err := packs.get(h); ok && err == nil && t == plumbing.CommitObject {
			if c, ok := parseRawCommit(h, b); ok {
				return c, nil
			}
		}
	}
	c, err := object.GetCommit(st, h)
	if err != nil {
		return walkedCommit{}, err
	}
	return walkedCommit{hash: c.Hash, tree: c.TreeHash, parents: c.ParentHashes, when: c.Committer.When.Unix()}, nil
}

// walkCommits lists the commits reachable from start that are not in
// indexed, without going past those, newest first by committer time
// (as go-git's NewCommitIterCTime).
func walkCommits(st storer.EncodedObjectStorer, packs *packObjects, start plumbing.Hash, indexed map[plumbing.Hash]bool) ([]walkedCommit, error) {
	first, err := readWalkedCommit(st, packs, start)
	if err != nil {
		return nil, err
	}
	seen := map[plumbing.Hash]bool{start: true}
	q := &walkQueue{first}
	var out []walkedCommit
	for q.Len() > 0 {
		c := heap.Pop(q).(walkedCommit)
		out = append(out, c)
		for _, p := range c.parents {
			if seen[p] || indexed[p] {
				continue
			}
			seen[p] = true
			pc, err := readWalkedCommit(st, packs, p)
			if err != nil {
				return nil, err
			}
			heap.Push(q, pc)
		}
	}
	return out, nil
}

type walkQueue []walkedCommit

func (q walkQueue) Len() int           { return len(q) }
func (q walkQueue) Less(i, j int) bool { return q[i].when > q[j].when }
func (q walkQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *walkQueue) Push(x any)        { *q = append(*q, x.(walkedCommit)) }
func (q *walkQueue) Pop() any {
	old := *q
	c := old[len(old)-1]
	*q = old[:len(old)-1]
	return c
}
