package gitstore

// Comparing two commits' record trees as raw bytes, for the history index:
// only folders whose hashes differ are read, and no entry is allocated.

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// treeReader reads trees as raw bytes (parsing only the entries a diff
// compares), keeping the last few: consecutive commits share most trees.
// With packs, packed trees are rebuilt by rawpack.go rather than by
// go-git's storage, which then serves only loose objects.
type treeReader struct {
	st     storer.EncodedObjectStorer
	packs  *packObjects
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
	if t.packs != nil {
		// A damaged pack object falls through to go-git's storage, which
		// says what is wrong.
		if typ, b, ok, err := t.packs.get(h); ok && err == nil {
			if typ != plumbing.TreeObject {
				return nil, fmt.Errorf("tree %s: %w", h, plumbing.ErrObjectNotFound)
			}
			t.keep(h, b)
			return b, nil
		}
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
	// The size is known: one read into a buffer of that size, with no
	// growing to find the end.
	b := make([]byte, obj.Size())
	_, err = io.ReadFull(r, b)
	if err != nil {
		return nil, fmt.Errorf("tree %s: %w", h, err)
	}
	t.keep(h, b)
	return b, nil
}

func (t *treeReader) keep(h plumbing.Hash, b []byte) {
	if len(t.recent) >= 256 {
		clear(t.recent)
	}
	t.recent[h] = b
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
	// Consecutive versions of a folder differ in an entry or two: what
	// both hold alike at the start and at the end is skipped unparsed.
	pre := equalPrefix(ta, tb)
	ta, tb = ta[pre:], tb[pre:]
	suf := commonSuffixLen(ta, tb)
	curA, curB := ta, tb // the entries x and y start here
	x, restA, okA := nextEntry(ta)
	y, restB, okB := nextEntry(tb)
	for okA || okB {
		if len(curA) == len(curB) && len(curA) <= suf {
			return nil // the rest is the same bytes on both sides
		}
		ea, eb := pairEntries(&x, okA, &y, okB)
		if ea == nil || eb == nil || ea.hash != eb.hash || string(ea.mode) != string(eb.mode) {
			name := string(cmp.Or(ea, eb).name)
			dirA, fileA := ea.split()
			dirB, fileB := eb.split()
			if depth > 0 && dirA != dirB {
				if err := diffDirs(tr, dirA, dirB, dir+"/"+name, depth-1, out); err != nil {
					return err
				}
			}
			if fileA != fileB {
				p := dir + "/" + name
				if _, _, ok := model.KindOfPath(p); ok {
					*out = append(*out, pathDelta{path: p, old: fileA, new: fileB})
				}
			}
		}
		if ea != nil {
			curA = restA
			x, restA, okA = nextEntry(restA)
		}
		if eb != nil {
			curB = restB
			y, restB, okB = nextEntry(restB)
		}
	}
	return nil
}

// equalPrefix returns the end of the last whole entry that two raw
// trees hold alike at their start (the same bytes parse to the same
// entries). A sharded kind's folder is a list of 29-byte entries
// ("40000 XY\x00" and a hash), stepped over without parsing.
func equalPrefix(a, b []byte) int {
	m := commonPrefixLen(a, b)
	off := 0
	for off+29 <= m && string(a[off:off+6]) == "40000 " && a[off+6] != 0 && a[off+7] != 0 && a[off+8] == 0 {
		off += 29
	}
	for {
		_, rest, ok := nextEntry(a[off:m])
		if !ok {
			return off
		}
		off = m - len(rest)
	}
}

// commonPrefixLen is how many bytes a and b share at their start.
func commonPrefixLen(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for _, step := range []int{1024, 32} {
		for i+step <= n && bytes.Equal(a[i:i+step], b[i:i+step]) {
			i += step
		}
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

// commonSuffixLen is how many bytes a and b share at their end.
func commonSuffixLen(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for _, step := range []int{1024, 32} {
		for i+step <= n && bytes.Equal(a[len(a)-i-step:len(a)-i], b[len(b)-i-step:len(b)-i]) {
			i += step
		}
	}
	for i < n && a[len(a)-i-1] == b[len(b)-i-1] {
		i++
	}
	return i
}

// pairEntries lines up the next entries of two sorted trees: both when
// they have the same name, else the one that sorts first (nil for the
// other side).
func pairEntries(x *rawEntry, okX bool, y *rawEntry, okY bool) (a, b *rawEntry) {
	switch {
	case !okY:
		return x, nil
	case !okX:
		return nil, y
	}
	switch c := compareEntries(x, y); {
	case c < 0:
		return x, nil
	case c > 0:
		return nil, y
	}
	return x, y
}

// split is an entry's hash as a folder or as a file, zero for what it is
// not and for no entry.
func (e *rawEntry) split() (dir, file plumbing.Hash) {
	switch {
	case e == nil:
	case e.isDir():
		dir = e.hash
	case e.isFile():
		file = e.hash
	}
	return dir, file
}
