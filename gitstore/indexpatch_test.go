package gitstore

import (
	"bytes"
	"cmp"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// viaGoGit is what updateIndex made before patchIndex: decode, replace or
// add the entries, take out the deleted ones, sort, drop the caches,
// encode.
func viaGoGit(t *testing.T, data []byte, files []*index.Entry, deleted []string) []byte {
	t.Helper()
	idx := &index.Index{}
	if err := index.NewDecoder(bytes.NewReader(data)).Decode(idx); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		c := *f
		if i := slices.IndexFunc(idx.Entries, func(e *index.Entry) bool { return e.Name == f.Name }); i >= 0 {
			idx.Entries[i] = &c
		} else {
			idx.Entries = append(idx.Entries, &c)
		}
	}
	idx.Entries = slices.DeleteFunc(idx.Entries, func(e *index.Entry) bool { return slices.Contains(deleted, e.Name) })
	slices.SortFunc(idx.Entries, func(a, b *index.Entry) int { return cmp.Compare(a.Name, b.Name) })
	idx.Cache, idx.ResolveUndo = nil, nil
	var buf bytes.Buffer
	if err := index.NewEncoder(&buf).Encode(idx); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func decodedEntries(t *testing.T, data []byte) []*index.Entry {
	t.Helper()
	idx := &index.Index{}
	if err := index.NewDecoder(bytes.NewReader(data)).Decode(idx); err != nil {
		t.Fatalf("the patched index does not decode: %v", err)
	}
	return idx.Entries
}

// Patching the index gives the entries go-git's decode and encode give,
// for random edits, additions and deletions, anywhere in the order.
func TestPatchIndexMatchesGoGit(t *testing.T) {
	t.Parallel()
	s, _ := locateRepo(t)
	data, err := os.ReadFile(filepath.Join(s.gitDir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range decodedEntries(t, data) {
		names = append(names, e.Name)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 200 {
		var files []*index.Entry
		for range 1 + r.IntN(3) {
			name := names[r.IntN(len(names))]
			if r.IntN(2) == 0 { // a new file, before, between or after the others
				name = fmt.Sprintf("%s%d/x%d.yaml", []string{"a", "goals/", "updates/Q8/", "zz"}[r.IntN(4)], i, r.IntN(1000))
			}
			if slices.ContainsFunc(files, func(e *index.Entry) bool { return e.Name == name }) {
				continue
			}
			files = append(files, &index.Entry{Name: name, Hash: plumbing.ComputeHash(plumbing.BlobObject, []byte(name)),
				Mode: filemode.Regular, Size: r.Uint32(), Dev: r.Uint32(), Inode: r.Uint32(), UID: 1000, GID: 1000,
				CreatedAt: time.Unix(r.Int64N(1<<31), r.Int64N(1e9)), ModifiedAt: time.Unix(r.Int64N(1<<31), r.Int64N(1e9))})
		}
		var deleted []string
		for range r.IntN(3) {
			name := names[r.IntN(len(names))]
			if !slices.ContainsFunc(files, func(e *index.Entry) bool { return e.Name == name }) {
				deleted = append(deleted, name)
			}
		}
		if r.IntN(10) == 0 {
			deleted = append(deleted, "never/there.yaml")
		}
		pieces, ok := patchIndex(data, files, deleted)
		out := bytes.Join(append(pieces, indexSum(pieces)), nil)
		if !ok {
			t.Fatalf("patchIndex refused Accord's own index")
		}
		if got, want := decodedEntries(t, out), decodedEntries(t, viaGoGit(t, data, files, deleted)); !reflect.DeepEqual(got, want) {
			t.Fatalf("edit %d: patched entries differ from go-git's", i)
		}
		data = out
		names = slices.DeleteFunc(names, func(n string) bool { return slices.Contains(deleted, n) })
	}
}

// After edits through Accord, git itself finds the index valid and the
// worktree clean.
func TestPatchedIndexIsGitsToo(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	s, org := locateRepo(t)
	id := org.IDs(model.KindGoal)[0]
	if _, err := s.Update(model.KindGoal, id, func(r model.Record) error { r.(*model.Goal).Title = "Edited"; return nil }); err != nil {
		t.Fatal(err)
	}
	u := &model.Update{ID: model.NewID(model.KindUpdate), Target: id, Author: org.IDs(model.KindPerson)[0], Date: "2026-11-20",
		Health: "on_track", Summary: "fine"}
	if _, err := s.Create(u); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"status", "--porcelain"}, {"diff", "--cached", "--stat"}} {
		out, err := exec.Command("git", append([]string{"-C", s.Dir()}, args...)...).CombinedOutput()
		if err != nil || len(out) != 0 {
			t.Fatalf("git %v after Accord's edits: %v\n%s", args, err, out)
		}
	}
	if out, err := exec.Command("git", "-C", s.Dir(), "ls-files", "--stage", "updates/").CombinedOutput(); err != nil || !bytes.Contains(out, []byte(u.ID)) {
		t.Fatalf("the new check-in is not in git's index: %v\n%s", err, out)
	}
}

func FuzzPatchIndex(f *testing.F) {
	idx := &index.Index{Version: 2, Entries: []*index.Entry{
		{Name: "accord.yaml", Mode: filemode.Regular}, {Name: "goals/4M/GOAL-4M2QX7A9.yaml", Mode: filemode.Regular}}}
	var buf bytes.Buffer
	if err := index.NewEncoder(&buf).Encode(idx); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes(), "goals/7K/GOAL-7K3FQ2M1.yaml", "accord.yaml")
	f.Add(buf.Bytes(), "accord.yaml", "")
	f.Add(buf.Bytes(), "b", "goals/4M/GOAL-4M2QX7A9.yaml")
	f.Add([]byte("DIRC"), "a", "b")
	f.Fuzz(func(t *testing.T, data []byte, name, gone string) {
		if gone == name {
			return // a path is written or deleted, never both
		}
		pieces, ok := patchIndex(data, []*index.Entry{{Name: name, Mode: filemode.Regular}}, []string{gone})
		if !ok {
			return
		}
		out := bytes.Join(append(pieces, indexSum(pieces)), nil)
		got := &index.Index{}
		if err := index.NewDecoder(bytes.NewReader(out)).Decode(got); err != nil {
			t.Fatalf("patched an index into one that does not decode: %v", err)
		}
		if !slices.ContainsFunc(got.Entries, func(e *index.Entry) bool { return e.Name == name }) {
			t.Fatalf("%q is not in the patched index", name)
		}
		if slices.ContainsFunc(got.Entries, func(e *index.Entry) bool { return e.Name == gone }) {
			t.Fatalf("%q, deleted, is still in the patched index", gone)
		}
	})
}

// An index damaged under Accord (its checksum wrong) is not patched and
// written again under a fresh checksum, which would make the damage look
// sound to git: the next edit rebuilds it from the commit.
func TestDamagedIndexIsRebuiltNotPatched(t *testing.T) {
	t.Parallel()
	s, org := locateRepo(t)
	path := filepath.Join(s.gitDir, "index")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	victim := decodedEntries(t, data)[0]
	at := bytes.Index(data, []byte(victim.Name)) // after the hash and 2 bytes of flags
	if at < indexHeaderLen+indexEntryFix {
		t.Fatalf("%s not found in the index", victim.Name)
	}
	data[at-3] ^= 0xff // the hash's last byte
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	id := org.IDs(model.KindGoal)[1]
	if _, err := s.Update(model.KindGoal, id, func(r model.Record) error { r.(*model.Goal).Title = "Edited"; return nil }); err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	entries := decodedEntries(t, after)
	i := slices.IndexFunc(entries, func(e *index.Entry) bool { return e.Name == victim.Name })
	if i < 0 {
		t.Fatalf("%s is not in the index after the edit", victim.Name)
	}
	if got := entries[i].Hash; got != victim.Hash {
		t.Fatalf("%s: the index holds the damaged hash %s, written again under a fresh checksum; want %s from the commit", victim.Name, got, victim.Hash)
	}
}
