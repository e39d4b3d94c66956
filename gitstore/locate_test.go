package gitstore

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/demo"
)

var locateToday = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// locateRepo writes a small synthetic organisation in a few commits and
// loads it once (what writes the neighbour index).
func locateRepo(t *testing.T) (*Store, *model.Org) {
	t.Helper()
	cfg, commits := demo.Synthetic(600, 3, 11, locateToday)
	s, err := WriteHistory(t.TempDir(), cfg, commits, WithAuthor(Signature{Name: "Raj", Email: "raj@northwind.example"}), WithClock(func() time.Time { return locateToday }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	org, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	return s, org
}

func findingsText(fs []model.Finding) string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = fmt.Sprintf("%+v", f)
	}
	slices.Sort(out)
	return fmt.Sprint(out)
}

// Every record's neighbourhood read from the files and the neighbour
// index is the one cut from the whole organisation: the same findings,
// the same people by e-mail, the same prefixes resolved.
func TestNeighboursReadWhatALoadReads(t *testing.T) {
	t.Parallel()
	s, org := locateRepo(t)
	n := s.Neighbours()
	if n == nil {
		t.Fatal("no neighbour index after a load")
	}
	whole := model.NewOrgLookup(org)
	opts := model.ValidateOptions{Today: locateToday}
	for _, k := range model.Kinds {
		for _, id := range org.IDs(k) {
			q := model.Neighbourhood{IDs: []string{id}, Subtree: true, Config: org.Config, Today: org.Today}
			got, want := model.Around(n, q), model.Around(whole, q)
			if g, w := findingsText(model.ValidateRecords(got, opts, id)), findingsText(model.ValidateRecords(want, opts, id)); g != w {
				t.Fatalf("%s: read from files: %s\ncut from the organisation: %s", id, g, w)
			}
			if g, w := got.Len(), want.Len(); g != w {
				t.Errorf("%s: %d records around it read from files, %d cut from the organisation", id, g, w)
			}
			for _, prefix := range []string{id, id[:min(len(id), 7)], id[:min(len(id), 2)]} {
				found, problems, ok := n.Locate(prefix)
				if !ok {
					continue // too many: a whole load lists them
				}
				mini := model.NewOrg()
				for _, f := range found {
					mini.Add(f.Rec, f.Src)
				}
				mini.Problems = problems
				mini.Index()
				r1, err1 := mini.Resolve(prefix)
				r2, err2 := org.Resolve(prefix)
				if fmt.Sprint(err1) != fmt.Sprint(err2) || err1 == nil && r1.RecordID() != r2.RecordID() {
					t.Fatalf("prefix %q: located %v %v, resolved in the organisation %v %v", prefix, r1, err1, r2, err2)
				}
			}
		}
	}
	for _, p := range org.People {
		for _, e := range p.Emails {
			got, _ := n.PersonByEmail(e)
			want, _ := org.PersonByEmail(e)
			if got != want {
				t.Errorf("%s: %q from the index, %q from the organisation", e, got, want)
			}
		}
	}
	if n.Strays() {
		t.Error("strays in a repository where every file is named by its record")
	}
}

// A transaction keeps the index up to date with its own commit; a commit
// made by git makes it stale, so one-record commands load everything.
func TestNeighboursFollowCommits(t *testing.T) {
	t.Parallel()
	s, org := locateRepo(t)
	var goal, other string
	for _, id := range org.IDs(model.KindGoal) {
		if len(org.UpdatesOf(id)) > 0 {
			if goal == "" {
				goal = id
			} else if other == "" {
				other = id
			}
		}
	}
	u := org.UpdatesOf(goal)[0]
	moved := *u
	moved.ID, moved.Target = model.NewID(model.KindUpdate), other
	if _, err := s.Create(&moved); err != nil {
		t.Fatal(err)
	}
	n := s.Neighbours()
	if n == nil {
		t.Fatal("a transaction left the neighbour index stale")
	}
	if refs := n.Referrers(model.RelTarget, other); !slices.Contains(refs, moved.ID) {
		t.Errorf("check-ins of %s after posting %s: %v", other, moved.ID, refs)
	}
	before := n
	if _, err := s.Update(model.KindUpdate, moved.ID, func(r model.Record) error {
		r.(*model.Update).Target = goal
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	n = s.Neighbours()
	if n == nil {
		t.Fatal("a second transaction left the neighbour index stale")
	}
	if refs := n.Referrers(model.RelTarget, other); slices.Contains(refs, moved.ID) {
		t.Errorf("%s still listed under %s after it moved: %v", moved.ID, other, refs)
	}
	if refs := n.Referrers(model.RelTarget, goal); !slices.Contains(refs, moved.ID) {
		t.Errorf("check-ins of %s after moving %s there: %v", goal, moved.ID, refs)
	}
	// What was read before the move still answers as then: the index is
	// mapped, and the move renamed a new one over it.
	runtime.GC()
	if refs := before.Referrers(model.RelTarget, other); !slices.Contains(refs, moved.ID) {
		t.Errorf("the index read before the move lost %s under %s: %v", moved.ID, other, refs)
	}
	// An edit that keeps a reference keeps it in the index.
	if _, err := s.Update(model.KindUpdate, moved.ID, func(r model.Record) error {
		r.(*model.Update).Summary = "said again"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if n = s.Neighbours(); n == nil {
		t.Fatal("a third transaction left the neighbour index stale")
	}
	whole, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	sameAsWhole := func(n *Neighbours, whole *model.Org, after string) {
		t.Helper()
		wl := model.NewOrgLookup(whole)
		for _, rel := range model.Relations {
			for _, id := range []string{goal, other, u.Author} {
				if got, want := n.Referrers(rel, id), wl.Referrers(rel, id); !slices.Equal(got, want) {
					t.Errorf("%s of %s %s: %v, a whole load: %v", rel, id, after, got, want)
				}
			}
		}
	}
	sameAsWhole(n, whole, "after three transactions")

	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	// Files older than a load's start are trusted from the load cache by
	// the next: the load after the git commit below reads none.
	ageFiles(t, s, yamlFiles(t, s)...)
	if _, err := s.Load(); err != nil {
		t.Fatal(err)
	}
	writeRaw(t, s, "notes.txt", "a file committed with git\n")
	for _, args := range [][]string{{"add", "notes.txt"}, {"-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qm", "notes"}} {
		if out, err := exec.Command("git", append([]string{"-C", s.Dir()}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	if s.Neighbours() != nil {
		t.Fatal("the neighbour index was trusted after a commit made with git")
	}
	whole, err = s.Load()
	if err != nil {
		t.Fatal(err)
	}
	// That load took every record from the load cache: the lines its
	// workers make for the index cover records decoded from the cache,
	// not only files read.
	if c := s.lastLoad.Load(); c.read != 0 {
		t.Fatalf("the load after the git commit read %d files; want them all from the load cache", c.read)
	}
	if n = s.Neighbours(); n == nil {
		t.Fatal("a whole load did not index the neighbours again")
	}
	sameAsWhole(n, whole, "indexed again by a load from the cache")
}

// A file that holds another record than its name says, or sits away from
// the path its ID gives, is only placed right by a whole load: one-record
// commands must not read around it.
func TestNeighboursRefuseStrays(t *testing.T) {
	t.Parallel()
	s, org := locateRepo(t)
	ids := org.IDs(model.KindGoal)
	a, b := ids[0], ids[1]
	pa, _ := model.PathOf(model.KindGoal, a)
	pb, _ := model.PathOf(model.KindGoal, b)
	data, err := os.ReadFile(filepath.Join(s.Dir(), pa))
	if err != nil {
		t.Fatal(err)
	}
	writeRaw(t, s, pb, string(data)) // b's file now holds a
	n := s.Neighbours()
	if n == nil {
		t.Fatal("no neighbour index")
	}
	model.Around(n, model.Neighbourhood{IDs: []string{b}})
	if !n.Strays() {
		t.Error("a file holding another record was read as its name's")
	}
	// A whole load sees where each record is, and marks the index so.
	writeRaw(t, s, pb, strings.ReplaceAll(string(data), a, b))
	writeRaw(t, s, "goals/ZZ/"+a+".yaml", string(data))
	if _, err := s.Load(); err != nil {
		t.Fatal(err)
	}
	if s.Neighbours() != nil {
		t.Error("one-record commands read around a record away from its path")
	}
}

func FuzzParseNeighbours(f *testing.F) {
	f.Add([]byte(neighbourVersion + "\nabc 1 2 3 4\nexact\nparent\tGOAL-A\tGOAL-B\ntarget\tGOAL-A\tUPD-C\n"))
	f.Add([]byte(neighbourVersion + "\nk\ninexact\n"))
	f.Add([]byte("accord-neighbours/0\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		x := parseNeighbours(data)
		if x == nil {
			return
		}
		for _, rel := range []string{"parent", "target", "accountable", relEmail} {
			for _, id := range []string{"GOAL-A", "", "\t", "zz"} {
				for _, r := range x.lookup(rel, id) {
					if !slices.Contains(slices.Collect(func(yield func(string) bool) {
						for line := range splitLines(x.body) {
							if !yield(line) {
								return
							}
						}
					}), nbLine(rel, id, r)) {
						t.Fatalf("lookup(%q, %q) gave %q, which is no line of the index", rel, id, r)
					}
				}
			}
		}
	})
}

// FuzzPatchLines: the pieces patchLines gives are the lines of body, less
// those dropped and not added again, with those added, in order, each once:
// what sorting the set of lines again gives.
func FuzzPatchLines(f *testing.F) {
	f.Add("parent\tGOAL-A\tGOAL-B\ntarget\tGOAL-A\tUPD-C\n", "target\tGOAL-A\tUPD-D", "target\tGOAL-A\tUPD-C")
	f.Add("a\nab\nb\n", "a", "ab")
	f.Add("", "x\ny", "z")
	f.Add("b\n", "a\nc", "b")
	f.Add("a\nb\n", "b", "b") // a reference the record still makes
	f.Fuzz(func(t *testing.T, bodyText, addText, dropText string) {
		want := map[string]bool{}
		for l := range strings.SplitSeq(bodyText, "\n") {
			if l != "" {
				want[l] = true
			}
		}
		var body []byte
		for _, l := range slices.Sorted(maps.Keys(want)) {
			body = append(append(body, l...), '\n')
		}
		drop := map[string]bool{}
		for l := range strings.SplitSeq(dropText, "\n") {
			if l != "" {
				drop[l] = true
				delete(want, l)
			}
		}
		var add []string
		for l := range strings.SplitSeq(addText, "\n") {
			if l != "" {
				add = append(add, l)
				want[l] = true
			}
		}
		var wantBody []byte
		for _, l := range slices.Sorted(maps.Keys(want)) {
			wantBody = append(append(wantBody, l...), '\n')
		}
		if got := bytes.Join(patchLines(body, add, drop), nil); !bytes.Equal(got, wantBody) {
			t.Fatalf("patched:\n%s\nwant:\n%s", got, wantBody)
		}
	})
}

// splitLines yields the lines of b without their newlines.
func splitLines(b []byte) func(func(string) bool) {
	return func(yield func(string) bool) {
		for len(b) > 0 {
			i := slices.Index(b, '\n')
			if i < 0 {
				i = len(b)
			}
			if !yield(string(b[:i])) {
				return
			}
			b = b[min(i+1, len(b)):]
		}
	}
}

// loadCaches are the files a whole load writes.
var loadCaches = []string{cacheName, neighbourName}

// withoutLoadCaches is a small organisation written in a few commits,
// without the caches a load writes; the caller closes the store.
func withoutLoadCaches(t *testing.T) *Store {
	t.Helper()
	cfg, commits := demo.Synthetic(600, 3, 11, locateToday)
	s, err := WriteHistory(t.TempDir(), cfg, commits, WithAuthor(Signature{Name: "Raj", Email: "raj@northwind.example"}))
	if err != nil {
		t.Fatal(err)
	}
	s.settle() // what writing the history loaded
	for _, name := range loadCaches {
		os.Remove(filepath.Join(s.gitDir, name))
	}
	return s
}

// A load writes the load cache and the neighbour index after it returns
// (at 100,000 records they take a few hundred milliseconds the first
// frame need not wait for): by the time the store is closed they are on
// disk, for the next command.
func TestLoadCachesAreOnDiskOnceClosed(t *testing.T) {
	t.Parallel()
	s := withoutLoadCaches(t)
	// The caches are written only once Close has been called.
	closing := make(chan struct{})
	s.behindHook = func() { <-closing }
	if _, err := s.Load(); err != nil {
		t.Fatal(err)
	}
	close(closing)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for _, name := range loadCaches {
		if _, err := os.Stat(filepath.Join(s.gitDir, name)); err != nil {
			t.Errorf("%s after a load and Close: %v", name, err)
		}
	}
	s2, err := Open(s.Dir())
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if s2.Neighbours() == nil {
		t.Error("the next process found no neighbour index to trust")
	}
	if _, err := s2.Load(); err != nil {
		t.Fatal(err)
	}
	if c := s2.lastLoad.Load(); c.decoded != 0 {
		t.Errorf("the next load decoded %d files: the load cache was not written", c.decoded)
	}
}

// A process killed while it wrote a cache leaves its temporary file; the
// next write of that cache removes it (at 100,000 records the load cache
// is 40 MB, so each Ctrl-C during one cost that much disk for good).
func TestCacheWritesClearWhatKilledOnesLeft(t *testing.T) {
	t.Parallel()
	s := withoutLoadCaches(t)
	var left []string
	for _, name := range loadCaches {
		p := filepath.Join(s.gitDir, name)
		tmp := filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+"-123456")
		if err := os.WriteFile(tmp, []byte("half a cache"), 0o600); err != nil {
			t.Fatal(err)
		}
		left = append(left, tmp)
	}
	if _, err := s.Load(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for _, tmp := range left {
		if _, err := os.Stat(tmp); err == nil {
			t.Errorf("%s is still there after the cache was written again", filepath.Base(tmp))
		}
	}
	for _, name := range loadCaches {
		if _, err := os.Stat(filepath.Join(s.gitDir, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
