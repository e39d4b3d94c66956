package gitstore

import (
	"bytes"
	"compress/zlib"
	"container/list"
	"context"
	"io"
	"slices"
	"testing"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/demo"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// packedHistory is a synthetic organisation with a history, packed.
func packedHistory(t testing.TB, records, history int) *Store {
	t.Helper()
	cfg, commits := demo.Synthetic(records, history, 9, benchToday)
	s, err := WriteHistory(t.TempDir(), cfg, commits, as("Test"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Pack(context.Background(), true); err != nil {
		t.Fatal(err)
	}
	return s
}

// Every object read from the packs by rawpack.go is go-git's, byte for
// byte, and every commit's tree, parents and time read raw are go-git's.
func TestPackObjectsReadWhatGoGitReads(t *testing.T) {
	t.Parallel()
	s := packedHistory(t, 300, 60)
	fast := s.repo.Storer.(*packedStorage).fast
	// As a fetched pack: no .rev. go-git's packfile reader would then sort
	// every offset of the pack before its first delta; the store reads by
	// offset and never does.
	for _, fp := range fast.packs {
		fp.idx.rev = nil
	}
	p := newPackObjects(fast, 1<<20) // small: objects leave the cache and are rebuilt
	if len(p.packs) == 0 {
		t.Fatal("no packs after packing")
	}
	iter, err := s.repo.Storer.IterEncodedObjects(plumbing.AnyObject)
	if err != nil {
		t.Fatal(err)
	}
	n, deltas := 0, 0
	err = iter.ForEach(func(o plumbing.EncodedObject) error {
		r, err := o.Reader()
		if err != nil {
			return err
		}
		want, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			return err
		}
		typ, got, ok, err := p.get(o.Hash())
		if !ok || err != nil || typ != o.Type() || !bytes.Equal(got, want) {
			t.Errorf("object %s (%s): read %v %v %s, %d bytes; go-git reads %d bytes", o.Hash(), o.Type(), ok, err, typ, len(got), len(want))
		}
		// What every command reads through the store's packs.
		so, err := s.repo.Storer.EncodedObject(o.Type(), o.Hash())
		if err != nil || so.Type() != o.Type() || so.Hash() != o.Hash() || so.Size() != int64(len(want)) {
			t.Errorf("object %s (%s) through the store: %v", o.Hash(), o.Type(), err)
		}
		other := plumbing.BlobObject
		if o.Type() == other {
			other = plumbing.TreeObject
		}
		if _, err := s.repo.Storer.EncodedObject(other, o.Hash()); err != plumbing.ErrObjectNotFound {
			t.Errorf("object %s (%s) asked for as a %s: %v", o.Hash(), o.Type(), other, err)
		}
		if o.Type() == plumbing.CommitObject {
			c, err := object.DecodeCommit(s.repo.Storer, o)
			if err != nil {
				return err
			}
			w, ok := parseRawCommit(o.Hash(), got)
			if !ok || w.tree != c.TreeHash || !slices.Equal(w.parents, c.ParentHashes) || w.when != c.Committer.When.Unix() {
				t.Errorf("commit %s read raw as %+v, by go-git as tree %s parents %v at %d", o.Hash(), w, c.TreeHash, c.ParentHashes, c.Committer.When.Unix())
			}
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, rp := range p.packs {
		for i := range rp.idx.n {
			off, _ := rp.idx.offsetAt(i)
			var hdr [1]byte
			rp.file.ReadAt(hdr[:], off)
			if t := plumbing.ObjectType((hdr[0] >> 4) & 7); t.IsDelta() {
				deltas++
			}
		}
	}
	if n < 500 || deltas == 0 {
		t.Fatalf("%d objects, %d stored as deltas: not the test it should be", n, deltas)
	}
	for _, fp := range fast.packs {
		if fp.idx.byOffset != nil {
			t.Errorf("pack %s: reading every object through the store sorted its offsets (go-git's reader read them)", fp.name)
		}
	}
}

// The history index made from the packs by rawpack.go, with folders'
// common starts and ends skipped, is the one go-git's reading gives, and
// each commit's changed records are what go-git's own tree diff says.
func TestHistoryIndexFromPacksIsGoGits(t *testing.T) {
	t.Parallel()
	s := packedHistory(t, 400, 80)
	s.mu.Lock()
	defer s.mu.Unlock()
	head, err := s.resolveCommit("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	fast := s.repo.Storer.(*packedStorage).fast
	walked, err := walkCommits(s.repo.Storer, s.packObjects(fast), head.Hash, nil)
	if err != nil {
		t.Fatal(err)
	}
	var plain []walkedCommit
	err = object.NewCommitIterCTime(head, nil, nil).ForEach(func(c *object.Commit) error {
		plain = append(plain, walkedCommit{hash: c.Hash, tree: c.TreeHash, parents: c.ParentHashes, when: c.Committer.When.Unix()})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(walked) != len(plain) || len(walked) < 80 {
		t.Fatalf("walked %d commits, go-git %d", len(walked), len(plain))
	}
	byHash := map[plumbing.Hash]walkedCommit{}
	for _, c := range plain {
		byHash[c.hash] = c
	}
	for _, c := range walked {
		if p, ok := byHash[c.hash]; !ok || p.tree != c.tree || !slices.Equal(p.parents, c.parents) || p.when != c.when {
			t.Errorf("commit %s walked as %+v, go-git: %+v", c.hash, c, p)
		}
	}
	fromPacks, err := s.diffCommits(walked, fast)
	if err != nil {
		t.Fatal(err)
	}
	viaGoGit, err := s.diffCommits(walked, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range walked {
		if !slices.EqualFunc(fromPacks[i], viaGoGit[i], slices.Equal) {
			t.Errorf("commit %s: %v from the packs, %v through go-git", c.hash, fromPacks[i], viaGoGit[i])
		}
		if len(c.parents) != 1 {
			continue
		}
		want := goGitRecordDiff(t, s.repo.Storer, c.parents[0], c.hash)
		if !slices.Equal(fromPacks[i][0], want) {
			t.Errorf("commit %s: %v, go-git's DiffTree: %v", c.hash, fromPacks[i][0], want)
		}
	}
}

// goGitRecordDiff is go-git's tree diff of two commits, record files only.
func goGitRecordDiff(t *testing.T, st storer.EncodedObjectStorer, a, b plumbing.Hash) []pathDelta {
	t.Helper()
	tree := func(h plumbing.Hash) *object.Tree {
		c, err := object.GetCommit(st, h)
		if err != nil {
			t.Fatal(err)
		}
		tr, err := c.Tree()
		if err != nil {
			t.Fatal(err)
		}
		return tr
	}
	changes, err := object.DiffTree(tree(a), tree(b))
	if err != nil {
		t.Fatal(err)
	}
	var out []pathDelta
	for _, ch := range changes {
		name := ch.To.Name
		if name == "" {
			name = ch.From.Name
		}
		if _, _, ok := model.KindOfPath(name); !ok {
			continue
		}
		out = append(out, pathDelta{path: name, old: ch.From.TreeEntry.Hash, new: ch.To.TreeEntry.Hash})
	}
	slices.SortFunc(out, func(x, y pathDelta) int { return cmpString(x.path, y.path) })
	return out
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// diffDirs skips what two trees hold alike at their start and end; the
// entries it reports are those a full comparison reports.
func FuzzDiffDirsSkipsOnlyWhatIsAlike(f *testing.F) {
	f.Add([]byte("ab\x00cd\x01"), []byte("ab\x00ce\x01"))
	f.Add([]byte("0Ax\x000By\x00p.yamlz\x001Cx"), []byte("0Ax\x000Bw\x00p.yamlz\x00q.yamlz\x001Cx"))
	f.Add([]byte("GOAL-1.yaml\x00GOAL-2.yaml\x01"), []byte("GOAL-1.yaml\x00GOAL-3.yaml"))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		// Each input is a list of names (split at 0), each with a content
		// byte; the trees are git's sorted, deduplicated entries.
		// Names of two bytes are folders (as a sharded kind's), which
		// sort as if they ended in a slash and are never reported here.
		tree := func(in []byte) (raw []byte, entries map[string]plumbing.Hash) {
			entries = map[string]plumbing.Hash{}
			for _, part := range bytes.Split(in, []byte{0}) {
				if len(part) < 2 || bytes.ContainsAny(part, " /") {
					continue
				}
				name := string(part[:len(part)-1])
				var h plumbing.Hash
				h[0], h[1] = 1, part[len(part)-1]
				entries[name] = h
			}
			key := func(n string) string {
				if len(n) == 2 {
					return n + "/"
				}
				return n
			}
			names := make([]string, 0, len(entries))
			for n := range entries {
				names = append(names, n)
			}
			slices.SortFunc(names, func(x, y string) int { return cmpString(key(x), key(y)) })
			for _, n := range names {
				h := entries[n]
				mode := "100644 "
				if len(n) == 2 {
					mode = "40000 "
					delete(entries, n)
				}
				raw = append(raw, mode+n+"\x00"...)
				raw = append(raw, h[:]...)
			}
			return raw, entries
		}
		ra, ea := tree(a)
		rb, eb := tree(b)
		ha, hb := plumbing.ComputeHash(plumbing.TreeObject, ra), plumbing.ComputeHash(plumbing.TreeObject, rb)
		tr := &treeReader{recent: map[plumbing.Hash][]byte{ha: ra, hb: rb}}
		var got []pathDelta
		if err := diffDirs(tr, ha, hb, "people", 0, &got); err != nil {
			t.Fatal(err)
		}
		var want []pathDelta
		for n, h := range ea {
			if eb[n] != h {
				want = append(want, pathDelta{path: "people/" + n, old: h, new: eb[n]})
			}
		}
		for n, h := range eb {
			if _, ok := ea[n]; !ok {
				want = append(want, pathDelta{path: "people/" + n, new: h})
			}
		}
		want = slices.DeleteFunc(want, func(d pathDelta) bool { _, _, ok := model.KindOfPath(d.path); return !ok })
		sortDeltas := func(ds []pathDelta) {
			slices.SortFunc(ds, func(x, y pathDelta) int { return cmpString(x.path, y.path) })
		}
		sortDeltas(got)
		sortDeltas(want)
		if !slices.Equal(got, want) {
			t.Fatalf("diffDirs: %v, want %v", got, want)
		}
	})
}

// A damaged or hostile pack object is an error (or a wrong object that
// go-git's reading then refuses), never a crash or a huge allocation.
func FuzzPackObjectAt(f *testing.F) {
	// A pack of one blob and one offset delta on it.
	blob := []byte("id: raj\nname: Raj Patel\n")
	var pack []byte
	pack = append(pack, "PACK\x00\x00\x00\x02\x00\x00\x00\x02"...)
	pack = append(pack, byte(3<<4|len(blob)&15)|0x80, byte(len(blob)>>4))
	pack = append(pack, zlibBytes(blob)...)
	deltaAt := len(pack)
	delta := []byte{byte(len(blob)), byte(len(blob) + 2), 0x90, byte(len(blob)), 2, 'x', 'y'}
	pack = append(pack, byte(6<<4|len(delta)), byte(deltaAt-12))
	pack = append(pack, zlibBytes(delta)...)
	f.Add(pack, uint16(deltaAt))
	f.Add(pack, uint16(12))
	f.Fuzz(func(t *testing.T, data []byte, at uint16) {
		idx := make([]byte, 8+256*4+40)
		copy(idx, []byte{0xff, 't', 'O', 'c', 0, 0, 0, 2})
		x, err := parseRawIndex(idx)
		if err != nil {
			t.Fatal(err)
		}
		p := &packObjects{packs: []rawPack{{idx: x, file: bytes.NewReader(data), size: int64(len(data))}},
			cache: objectCache{budget: 1 << 20, at: map[objectKey]*list.Element{}}}
		p.at(0, int64(at), 0)
		readObjectHeader(bytes.NewReader(data))
		readDeltaOffset(bytes.NewReader(data))
		parseRawCommit(plumbing.ZeroHash, data)
	})
}

func zlibBytes(b []byte) []byte {
	var buf bytes.Buffer
	w := zlib.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}
