package gitstore

import (
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// editedRecordFiles lists the record files (and accord.yaml) that differ
// from HEAD: edited, added or removed outside Accord, or staged with git
// add or git rm and not committed. Like git status, it trusts a file
// whose size and modification time match its index entry and that was
// not modified after the index was written, and trusts the index where
// a folder's tree made from its entries is the folder's tree at HEAD;
// only the rest is read and hashed against HEAD. It lists and stats the
// record folders with the scan a warm load uses, on every core. Callers
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
	ix := s.readIndexStats() // unreadable: no entries, so every file is hashed
	seen := make([]bool, len(ix.entries))
	var suspects []string
	trusted := func(e *indexStat, st fileStat) bool {
		return e != nil && int64(e.size) == st.size && e.mtime == st.mtime && ix.mtime != 0 && st.mtime < ix.mtime
	}
	if info, err := s.root.Lstat(model.ConfigPath); err == nil {
		i, e := ix.find(model.ConfigPath)
		if e != nil {
			seen[i] = true
		}
		if !trusted(e, statOf(info)) {
			suspects = append(suspects, model.ConfigPath)
		}
	}
	dirs, _, done := recordFolders(s.root)
	defer done()
	perDir := make([][]string, len(dirs))
	forEachFolder(len(dirs), func(i int) { perDir[i] = ix.compareDir(s.root, dirs[i], seen, trusted) })
	for _, d := range perDir {
		suspects = append(suspects, d...)
	}
	for i, e := range ix.entries {
		if _, _, ok := model.KindOfPath(e.name); (ok || e.name == model.ConfigPath) && !seen[i] {
			suspects = append(suspects, e.name) // removed from the worktree
		}
	}
	// Removed from the index too (git rm), or staged: HEAD's folders whose
	// tree is not what the index's entries make.
	headOnly, err := s.indexDiffersFromTree(tree, ix)
	if err != nil {
		return nil, err
	}
	suspects = append(suspects, headOnly...)
	slices.Sort(suspects)
	suspects = slices.Compact(suspects)
	var edited []string
	for _, p := range suspects {
		if differsFromTree(s, tree, p) {
			edited = append(edited, p)
		}
	}
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

// indexStat is what .git/index says of one path: the blob staged, its
// mode, and the size and modification time the file had when staged.
type indexStat struct {
	name  string
	hash  plumbing.Hash
	mode  uint32
	size  uint32
	mtime int64 // nanoseconds since 1970
	stage int
}

// indexStats is .git/index's entries, sorted by name, and the index
// file's modification time in nanoseconds (0: unknown, trust nothing).
type indexStats struct {
	entries []indexStat
	mtime   int64
}

// find returns the entry (at stage 0) named p, or nil.
func (ix *indexStats) find(p string) (int, *indexStat) {
	i := sort.Search(len(ix.entries), func(i int) bool { return ix.entries[i].name >= p })
	for ; i < len(ix.entries) && ix.entries[i].name == p; i++ {
		if ix.entries[i].stage == 0 {
			return i, &ix.entries[i]
		}
	}
	return 0, nil
}

// folder returns the range of entries under dir/.
func (ix *indexStats) folder(dir string) (int, int) {
	from, to := dir+"/", dir+"0" // '0' follows '/'
	lo := sort.Search(len(ix.entries), func(i int) bool { return ix.entries[i].name >= from })
	hi := sort.Search(len(ix.entries), func(i int) bool { return ix.entries[i].name >= to })
	return lo, hi
}

// compareDir scans one record folder and returns its record files that
// its index entries do not vouch for, marking the entries it saw.
func (ix *indexStats) compareDir(root *os.Root, folder recordFolder, seen []bool, trusted func(*indexStat, fileStat) bool) []string {
	dir := folder.dir
	files, err := scanDir(root, folder)
	if err != nil {
		return nil // the folder's entries are not seen: each is a suspect
	}
	if _, _, ok := model.KindOfPath(dir + "/x.yaml"); !ok {
		return nil
	}
	lo, hi := ix.folder(dir)
	var out []string
	for _, f := range files {
		// A record's path, as model.KindOfPath says, in a record folder.
		if len(f.name) <= len(".yaml") || !strings.HasSuffix(f.name, ".yaml") || f.err == nil && f.typ == typeDir {
			continue
		}
		p := dir + "/" + f.name
		for lo < hi && ix.entries[lo].name < p {
			lo++
		}
		var e *indexStat
		for j := lo; j < hi && ix.entries[j].name == p; j++ {
			seen[j] = true
			if ix.entries[j].stage == 0 {
				e = &ix.entries[j]
			}
		}
		if f.err != nil || !trusted(e, f.stat) {
			out = append(out, p)
		}
	}
	return out
}

// readIndexStats reads .git/index. Versions 2 and 3 with every entry at
// stage 0, what Accord and git usually write, are read in place (as
// patchIndex reads them); anything else goes through go-git.
func (s *Store) readIndexStats() *indexStats {
	f, err := os.Open(filepath.Join(s.gitDir, "index"))
	if err != nil {
		return &indexStats{}
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return &indexStats{}
	}
	adviseHeap(info.Size() * scanHeapPerIndexByte) // for the scan this read begins
	// One read of the size the stat gave, and a byte more to see it did
	// not grow: at 100,000 records the index is 9.6 MB, which ReadAll
	// would read in growing buffers, copying it again at each.
	data := make([]byte, info.Size()+1)
	n, err := io.ReadFull(f, data)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return &indexStats{}
	}
	data = data[:n]
	if entries, ok := parseIndexStats(data); ok {
		return &indexStats{entries: entries, mtime: info.ModTime().UnixNano()}
	}
	idx, err := s.repo.Storer.Index()
	if err != nil {
		return &indexStats{}
	}
	ix := &indexStats{entries: make([]indexStat, 0, len(idx.Entries))}
	if !idx.ModTime.IsZero() {
		ix.mtime = idx.ModTime.UnixNano()
	}
	for _, e := range idx.Entries {
		ix.entries = append(ix.entries, indexStat{name: e.Name, hash: e.Hash, mode: uint32(e.Mode), size: e.Size,
			mtime: e.ModifiedAt.UnixNano(), stage: int(e.Stage)})
	}
	slices.SortStableFunc(ix.entries, func(a, b indexStat) int { return strings.Compare(a.name, b.name) })
	return ix
}

// parseIndexStats reads the entries of an index file of version 2 or 3
// whose checksum is right, every entry at stage 0 without extended
// flags; ok is false for anything else.
func parseIndexStats(data []byte) ([]indexStat, bool) {
	body, n, ok := indexBody(data)
	if !ok {
		return nil, false
	}
	entries := make([]indexStat, 0, n)
	// The names, in one string: one allocation for every entry's name.
	names := make([]byte, 0, len(body)/2)
	type span struct{ lo, hi int }
	spans := make([]span, 0, n)
	if _, ok := eachIndexEntry(body, n, func(e, name []byte) {
		var st indexStat
		st.mtime = int64(binary.BigEndian.Uint32(e[8:]))*1e9 + int64(binary.BigEndian.Uint32(e[12:]))
		st.mode = binary.BigEndian.Uint32(e[24:])
		st.size = binary.BigEndian.Uint32(e[36:])
		copy(st.hash[:], e[40:60])
		spans = append(spans, span{len(names), len(names) + len(name)})
		names = append(names, name...)
		entries = append(entries, st)
	}); !ok {
		return nil, false
	}
	all := string(names)
	for i := range entries {
		entries[i].name = all[spans[i].lo:spans[i].hi]
		if i > 0 && entries[i-1].name >= entries[i].name {
			return nil, false
		}
	}
	return entries, true
}

// indexDiffersFromTree lists the record paths of HEAD's tree that may not
// be what the index holds: for each record folder, the tree its index
// entries make is compared with the folder's tree at HEAD (as git's cache
// tree would), and only a folder that differs is read.
func (s *Store) indexDiffersFromTree(tree *object.Tree, ix *indexStats) ([]string, error) {
	var out []string
	check := func(dir string, h plumbing.Hash) error {
		lo, hi := ix.folder(dir)
		if got, ok := folderTreeHash(ix.entries[lo:hi], dir); ok && got == h {
			return nil
		}
		sub, err := s.repo.TreeObject(h)
		if err != nil {
			return err
		}
		for _, e := range sub.Entries {
			p := dir + "/" + e.Name
			if _, _, ok := model.KindOfPath(p); ok && e.Mode.IsFile() {
				out = append(out, p)
			}
		}
		return nil
	}
	for _, k := range model.Kinds {
		e, err := tree.FindEntry(k.Dir())
		if err != nil || e.Mode != filemode.Dir {
			continue
		}
		if !k.Sharded() {
			if err := check(k.Dir(), e.Hash); err != nil {
				return nil, err
			}
			continue
		}
		kt, err := s.repo.TreeObject(e.Hash)
		if err != nil {
			return nil, err
		}
		for _, sh := range kt.Entries {
			if sh.Mode == filemode.Dir {
				if err := check(k.Dir()+"/"+sh.Name, sh.Hash); err != nil {
					return nil, err
				}
			}
		}
	}
	return out, nil
}

// folderTreeHash is the hash of the git tree of the files entries name
// directly under dir; ok is false when an entry is in a subfolder or not
// at stage 0 (the tree is then not made from the entries alone).
func folderTreeHash(entries []indexStat, dir string) (plumbing.Hash, bool) {
	var b []byte
	for _, e := range entries {
		name := e.name[len(dir)+1:]
		if e.stage != 0 || strings.IndexByte(name, '/') >= 0 || name == "" {
			return plumbing.ZeroHash, false
		}
		b = strconv.AppendUint(b, uint64(e.mode), 8)
		b = append(b, ' ')
		b = append(b, name...)
		b = append(b, 0)
		b = append(b, e.hash[:]...)
	}
	return plumbing.ComputeHash(plumbing.TreeObject, b), true
}
