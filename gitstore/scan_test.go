package gitstore

import (
	"cmp"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/demo"
)

// The scan a warm load and a sync share says of every entry what an lstat
// through the os package says: a regular file, a folder, a symlink (never
// followed) or something else, with the same stat data.
func TestScanDirSaysWhatLstatSays(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, data := range map[string]string{"GOAL-4M2QX7A9.yaml": "id: GOAL-4M2QX7A9\n", "b.txt": "x", ".hidden.yaml": ""} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("GOAL-4M2QX7A9.yaml", filepath.Join(dir, "GOAL-7K3FQ2M1.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/nowhere", filepath.Join(dir, "dangling.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	got, err := scanDir(root, recordFolder{dir: filepath.Base(dir)})
	if err != nil {
		t.Fatal(err)
	}
	want, err := scanDirPortable(root, filepath.Base(dir))
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(want, func(a, b dirFile) int { return cmp.Compare(a.name, b.name) })
	if !reflect.DeepEqual(got, want) {
		t.Errorf("scan:\n got %+v\nwant %+v", got, want)
	}
	types := map[string]entryType{}
	for _, f := range got {
		types[f.name] = f.typ
	}
	wantTypes := map[string]entryType{"GOAL-4M2QX7A9.yaml": typeRegular, "b.txt": typeRegular, ".hidden.yaml": typeRegular,
		"sub": typeDir, "GOAL-7K3FQ2M1.yaml": typeSymlink, "dangling.yaml": typeSymlink, "fifo.yaml": typeOther}
	if !reflect.DeepEqual(types, wantTypes) {
		t.Errorf("types %v, want %v", types, wantTypes)
	}
	// Without the stat data (a cold load's listing), each entry has the
	// same name and type.
	listed, err := listDir(root, recordFolder{dir: filepath.Base(dir)})
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range listed {
		if i >= len(got) || f.name != got[i].name || f.typ != got[i].typ || f.err != nil || f.stat != (fileStat{}) {
			t.Errorf("listing without stat: %+v, want the name and type of %+v", f, got[min(i, len(got)-1)])
		}
	}
	if len(listed) != len(got) {
		t.Errorf("listing without stat: %d entries, want %d", len(listed), len(got))
	}
	if _, err := scanDir(root, recordFolder{dir: "missing"}); !os.IsNotExist(err) {
		t.Errorf("scanning a missing folder: %v, want not-exist", err)
	}

	// A shard is opened by name in its kind's open folder: the same
	// listing, and a symlink put where a shard was is not followed.
	kind, err := root.Open(".")
	if err != nil {
		t.Fatal(err)
	}
	defer kind.Close()
	again, err := scanDir(root, recordFolder{dir: filepath.Base(dir), kind: kind})
	if err != nil || !reflect.DeepEqual(again, got) {
		t.Errorf("scan of a shard: %v\n got %+v\nwant %+v", err, again, got)
	}
	if err := os.Symlink(filepath.Base(dir), filepath.Join(filepath.Dir(dir), "link")); err != nil {
		t.Fatal(err)
	}
	if files, err := scanDir(root, recordFolder{dir: "link", kind: kind}); err == nil {
		t.Errorf("a symlinked shard was listed: %+v", files)
	}
	listed, err = listTypes(kind, ".")
	if err != nil {
		t.Fatal(err)
	}
	kind2, err := root.Open(".") // a folder is listed once per open
	if err != nil {
		t.Fatal(err)
	}
	defer kind2.Close()
	portable, err := listTypesPortable(kind2)
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(listed, func(a, b dirFile) int { return cmp.Compare(a.name, b.name) })
	slices.SortFunc(portable, func(a, b dirFile) int { return cmp.Compare(a.name, b.name) })
	if !reflect.DeepEqual(listed, portable) {
		t.Errorf("listing the kind's folder:\n got %+v\nwant %+v", listed, portable)
	}
	for _, f := range listed {
		want := map[string]entryType{filepath.Base(dir): typeDir, "link": typeSymlink}[f.name]
		if f.typ != want || f.err != nil {
			t.Errorf("listing the kind's folder: %s is %v (%v), want %v", f.name, f.typ, f.err, want)
		}
	}
}

// A warm load, every record from the snapshot, gives the organisation a
// cold load gives: records, sources, findings and prefix lookup.
func TestWarmLoadIsTheColdLoad(t *testing.T) {
	t.Parallel()
	cfg, commits := demo.Synthetic(1500, 3, 7, time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	s, err := WriteHistory(t.TempDir(), cfg, commits)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// A file that cannot be read and a duplicate ID load the same way too.
	writeRaw(t, s, "goals/ZZ/GOAL-ZZZZZZZZ.yaml", "id: GOAL-ZZZZZZZZ\ntitel: broken\n")
	files := yamlFiles(t, s)
	ageFiles(t, s, files...)
	dropLoadCache(s)
	cold, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if n := s.lastLoad.Load().read; n != len(files)-1 { // accord.yaml is not a record
		t.Fatalf("cold load read %d files of %d", n, len(files)-1)
	}
	warm, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if n := s.lastLoad.Load().read; n != 1 { // only the broken file, never cached
		t.Fatalf("warm load read %d files, want 1", n)
	}
	if cold.Len() < 1400 || len(cold.Problems) != 1 {
		t.Fatalf("cold load: %d records, problems %v", cold.Len(), cold.Problems)
	}
	for _, k := range model.Kinds {
		if c, w := cold.IDs(k), warm.IDs(k); !slices.Equal(c, w) {
			t.Fatalf("%s: cold %d IDs, warm %d", k, len(c), len(w))
		}
		for _, id := range cold.IDs(k) {
			c, _ := cold.Get(id)
			w, _ := warm.Get(id)
			if !reflect.DeepEqual(c, w) {
				t.Errorf("%s differs:\ncold %+v\nwarm %+v", id, c, w)
			}
			cs, ws := cold.Sources[id], warm.Sources[id]
			if cs.Path != ws.Path || cs.Blob != ws.Blob || cs.FieldPos("id") != ws.FieldPos("id") || cs.FieldPos("title") != ws.FieldPos("title") {
				t.Errorf("%s: source cold %+v, warm %+v", id, cs, ws)
			}
			for _, n := range []int{3, 6, len(id)} {
				if n > len(id) {
					continue
				}
				cr, cerr := cold.Resolve(id[:n])
				wr, werr := warm.Resolve(id[:n])
				if !reflect.DeepEqual(cr, wr) || !reflect.DeepEqual(cerr, werr) {
					t.Errorf("prefix %s: cold %v %v, warm %v %v", id[:n], cr, cerr, wr, werr)
				}
			}
		}
	}
	if !reflect.DeepEqual(cold.Problems, warm.Problems) {
		t.Errorf("findings: cold %v, warm %v", cold.Problems, warm.Problems)
	}
}
