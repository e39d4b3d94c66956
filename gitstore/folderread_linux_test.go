package gitstore

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"

	"github.com/accordhq/accord/model"
)

// A load reads each record through its folder: the same bytes, stat data
// and refusals (not a regular file, too large, missing) as reading it
// through the os package, whether the folder is a kind's folder or a shard
// opened in one. A symlink is refused even where os.Root would follow it
// (to a file inside the root), and a fifo in a record's place is refused,
// not waited on: either can replace a record between the scan and the
// read.
func TestFolderReaderReadsWhatTheOSPackageReads(t *testing.T) {
	t.Parallel()
	top := t.TempDir()
	dir := filepath.Join(top, "shard")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"GOAL-4M2QX7A9.yaml": "id: GOAL-4M2QX7A9\ntitle: a goal\n",
		"empty.yaml":         "",
		"exact.yaml":         strings.Repeat("x", 4096),
		"largest.yaml":       strings.Repeat("y", MaxFileSize),
		"too-large.yaml":     strings.Repeat("z", MaxFileSize+1),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, target := range map[string]string{"link.yaml": "GOAL-4M2QX7A9.yaml", "dangling.yaml": "/nowhere"} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "sub.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(top)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	kind, err := root.Open(".")
	if err != nil {
		t.Fatal(err)
	}
	defer kind.Close()
	sub, err := root.OpenRoot("shard")
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Close()

	names := []string{"GOAL-4M2QX7A9.yaml", "empty.yaml", "exact.yaml", "largest.yaml", "too-large.yaml", "sub.yaml", "missing.yaml"}
	for _, folder := range []recordFolder{{dir: "shard"}, {dir: "shard", kind: kind}} {
		r := folderReader{root: root, folder: folder}
		if err := r.open(); err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			p := "shard/" + name
			data, stat, err := r.read(name, p)
			wantData, info, wantErr := readOpenStat(sub, name, p)
			if !sameDecodeErr(err, wantErr) {
				t.Errorf("%s (kind open: %v): error %v, want %v", name, folder.kind != nil, err, wantErr)
				continue
			}
			if err != nil {
				continue
			}
			if string(data) != files[name] || string(wantData) != files[name] {
				t.Errorf("%s: read %d bytes, the os package %d, the file has %d", name, len(data), len(wantData), len(files[name]))
			}
			if want := statOf(info); stat != want {
				t.Errorf("%s: stat %+v, want %+v", name, stat, want)
			}
		}
		for name, rule := range map[string]string{"link.yaml": "file.symlink", "dangling.yaml": "file.symlink", "fifo.yaml": "file.not-regular"} {
			_, _, err := r.read(name, "shard/"+name)
			var de *DecodeError
			if !errors.As(err, &de) || de.Rule != rule {
				t.Errorf("%s: %v, want %s", name, err, rule)
			}
		}
		r.close()
	}
}

// sameDecodeErr says two reads failed alike: both not at all, or with the
// same rule and path.
func sameDecodeErr(a, b error) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	var da, db *DecodeError
	if !errors.As(a, &da) || !errors.As(b, &db) {
		return false
	}
	return reflect.DeepEqual([]string{da.Rule, da.Path}, []string{db.Rule, db.Path})
}

// A cold load reads every file of a folder into the same buffer, so a
// record must keep nothing of the bytes it was decoded from: each record
// a cold load gives is what decoding its file alone gives.
func TestColdLoadIsEachFileDecodedAlone(t *testing.T) {
	t.Parallel()
	s := withoutLoadCaches(t)
	defer s.Close()
	org, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	files := yamlFiles(t, s)
	checked := 0
	for _, p := range files {
		k, id, ok := model.KindOfPath(p)
		if !ok {
			continue
		}
		data, err := os.ReadFile(filepath.Join(s.Dir(), p))
		if err != nil {
			t.Fatal(err)
		}
		want, err := decodeRecord(k, p, data)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		got, ok := org.Get(id)
		if !ok {
			t.Fatalf("%s: %s is not in the cold load", p, id)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: the cold load gave\n%#v\ndecoding the file alone gives\n%#v", p, got, want)
		}
		checked++
	}
	if checked < 500 {
		t.Fatalf("checked %d records of %d files", checked, len(files))
	}
	// Cold: every record was read from its file, none taken from a cache.
	if c := s.lastLoad.Load(); c.read != checked || c.decoded != checked {
		t.Fatalf("the load read %d files and decoded %d; want every one of the %d records", c.read, c.decoded, checked)
	}
}
