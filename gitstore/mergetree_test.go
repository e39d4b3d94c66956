package gitstore

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/memory"
)

// fuzzTree stores a tree of the files in spec and returns its hash. spec
// is a list of entries split at 0: a path (folders split at '/'), then a
// content byte and a mode byte. Paths that clash with a file as a folder
// are dropped, as git cannot hold both, and so are names with spaces or
// control characters (go-git's DiffTree, the reference, fails on them).
func fuzzTree(t *testing.T, st *memory.Storage, spec []byte) plumbing.Hash {
	t.Helper()
	modes := []filemode.FileMode{filemode.Regular, filemode.Executable, filemode.Symlink, filemode.Deprecated, filemode.Submodule}
	files := map[string]object.TreeEntry{}
	for _, part := range bytes.Split(spec, []byte{0}) {
		if len(part) < 3 {
			continue
		}
		p := string(part[:len(part)-2])
		if p == "" || strings.ContainsFunc(p, func(r rune) bool { return r <= ' ' || r >= 0x7f }) || strings.HasPrefix(p, "/") || strings.HasSuffix(p, "/") || strings.Contains(p, "//") ||
			slices.Contains(strings.Split(p, "/"), ".") || slices.Contains(strings.Split(p, "/"), "..") {
			continue
		}
		var h plumbing.Hash
		h[0], h[1] = 7, part[len(part)-2]
		files[p] = object.TreeEntry{Name: p, Hash: h, Mode: modes[int(part[len(part)-1])%len(modes)]}
	}
	for p := range files {
		for dir := p; strings.Contains(dir, "/"); {
			dir = dir[:strings.LastIndex(dir, "/")]
			if _, clash := files[dir]; clash {
				delete(files, p)
				break
			}
		}
	}
	var build func(dir string) plumbing.Hash
	build = func(dir string) plumbing.Hash {
		children := map[string]object.TreeEntry{}
		for p, e := range files {
			rest, ok := strings.CutPrefix(p, dir)
			if !ok {
				continue
			}
			if name, _, sub := strings.Cut(rest, "/"); sub {
				children[name] = object.TreeEntry{Name: name, Mode: filemode.Dir}
			} else {
				children[name] = object.TreeEntry{Name: name, Hash: e.Hash, Mode: e.Mode}
			}
		}
		entries := slices.Collect(maps.Values(children))
		for i, e := range entries {
			if e.Mode == filemode.Dir {
				entries[i].Hash = build(dir + e.Name + "/")
			}
		}
		key := func(e object.TreeEntry) string {
			if e.Mode == filemode.Dir {
				return e.Name + "/"
			}
			return e.Name
		}
		slices.SortFunc(entries, func(a, b object.TreeEntry) int { return strings.Compare(key(a), key(b)) })
		obj := st.NewEncodedObject()
		if err := (&object.Tree{Entries: entries}).Encode(obj); err != nil {
			t.Fatal(err)
		}
		h, err := st.SetEncodedObject(obj)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	return build("")
}

// The merge and the fast-forward compare trees by folder hash; what they
// list is what go-git's DiffTree, which reads every tree, lists: each
// file whose hash or mode differs, every file of a folder on one side
// only, a file turned into a folder and back, at any depth.
func FuzzEntryChangesMatchesDiffTree(f *testing.F) {
	f.Add([]byte("a\x01\x00"), []byte("a\x02\x00"))
	f.Add([]byte("goals/AB/GOAL-AB1.yaml\x01\x00goals/CD/GOAL-CD1.yaml\x01\x00accord.yaml\x01\x00"),
		[]byte("goals/AB/GOAL-AB1.yaml\x02\x00goals/CD/GOAL-CD1.yaml\x01\x00accord.yaml\x01\x00goals/EF/GOAL-EF1.yaml\x03\x00"))
	f.Add([]byte("x\x01\x00y/z\x01\x00"), []byte("x/w\x01\x00y\x01\x00"))
	f.Add([]byte("l\x01\x00e\x01\x00"), []byte("l\x01\x02e\x01\x01"))
	f.Add([]byte("a/b/c/d\x01\x00a/b.txt\x01\x00a-b\x01\x00"), []byte("a/b/c/e\x01\x00a-b\x01\x00"))
	f.Add([]byte(""), []byte("people/ana.yaml\x01\x00teams/t.yaml\x01\x00"))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		st := memory.NewStorage()
		ta, tb := fuzzTree(t, st, a), fuzzTree(t, st, b)
		got := map[string]object.TreeEntry{}
		if err := diffTreeEntries(newTreeReader(st), ta, tb, "", got); err != nil {
			t.Fatal(err)
		}
		fromTree, err := object.GetTree(st, ta)
		if err != nil {
			t.Fatal(err)
		}
		toTree, err := object.GetTree(st, tb)
		if err != nil {
			t.Fatal(err)
		}
		changes, err := object.DiffTree(fromTree, toTree)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]object.TreeEntry{}
		for _, c := range changes {
			e := c.To.TreeEntry
			e.Name = cmpOr(c.To.Name, c.From.Name)
			want[e.Name] = e
		}
		if !maps.Equal(got, want) {
			t.Fatalf("entryChanges:\n%v\nDiffTree:\n%v", got, want)
		}
	})
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
