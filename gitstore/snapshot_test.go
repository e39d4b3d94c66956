package gitstore

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/model"
)

// ageFiles sets files' modification times to a fixed day long past, so the
// load cache may trust them (files modified during a load are racy).
func ageFiles(t *testing.T, s *Store, paths ...string) {
	t.Helper()
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, p := range paths {
		if err := os.Chtimes(filepath.Join(s.Dir(), p), old, old); err != nil {
			t.Fatal(err)
		}
	}
}

// yamlFiles lists the worktree's .yaml files, accord.yaml included.
func yamlFiles(t *testing.T, s *Store) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(s.Dir(), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ".yaml" {
			rel, _ := filepath.Rel(s.Dir(), p)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func (s *Store) loadCounted(t *testing.T) (loadCounts, func() map[string]string) {
	t.Helper()
	org, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	titles := func() map[string]string {
		m := map[string]string{}
		for id, g := range org.Goals {
			m[id] = g.Title
		}
		for _, p := range org.Problems {
			m[p.File] = p.Rule
		}
		return m
	}
	return *s.lastLoad.Load(), titles
}

// A warm load opens no file whose size, times and inode are as the load
// cache saw them, and gives exactly what reading the files gives; any
// other file is read with every check.
func TestSnapshotTrustsOnlyUnchangedFiles(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	p, q := "goals/4M/GOAL-4M2QX7A9.yaml", "goals/7K/GOAL-7K3FQ2M1.yaml"
	writeRaw(t, s, p, goodGoal)
	writeRaw(t, s, q, strings.ReplaceAll(goodGoal, "4M2QX7A9", "7K3FQ2M1"))
	ageFiles(t, s, p, q)
	cold, err := s.Load()
	if err != nil || cold.Len() != 2 {
		t.Fatalf("cold load: %v, %d records", err, cold.Len())
	}
	warm, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if s.lastLoad.Load().read != 0 {
		t.Errorf("warm load read %d unchanged files; want none", s.lastLoad.Load().read)
	}
	if !reflect.DeepEqual(cold.Goals, warm.Goals) {
		t.Errorf("warm load differs from cold:\ncold %+v\nwarm %+v", cold.Goals, warm.Goals)
	}
	for id, c := range cold.Sources {
		w := warm.Sources[id]
		if w == nil || w.Path != c.Path || w.Blob != c.Blob {
			t.Errorf("%s: warm source %+v, cold %+v", id, w, c)
			continue
		}
		for _, f := range []string{"id", "title", "level", "state", "owner"} {
			if a, b := c.FieldPos(f), w.FieldPos(f); a != b {
				t.Errorf("%s: %s at %v cold, %v warm", id, f, a, b)
			}
		}
	}

	// Same size, same modification time, other content: the change time
	// and inode give it away.
	writeRaw(t, s, p, strings.Replace(goodGoal, "Cut", "Cat", 1))
	ageFiles(t, s, p)
	got, titles := s.loadCounted(t)
	if got.read != 1 || titles()["GOAL-4M2QX7A9"] != "Cat time-to-first-value" {
		t.Errorf("after an edit that kept size and time: read %d files, title %q", got.read, titles()["GOAL-4M2QX7A9"])
	}

	// Broken by hand at the same size: reported, never served from the
	// cache.
	writeRaw(t, s, p, strings.Replace(goodGoal, "title:", "titel:", 1))
	ageFiles(t, s, p)
	if _, titles := s.loadCounted(t); titles()[p] != "yaml.unknown-field" {
		t.Errorf("a broken file loaded from the cache: %v", titles())
	}

	// A symlink in place of a trusted file is refused.
	if err := os.Remove(filepath.Join(s.Dir(), q)); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(s.Dir(), p), filepath.Join(s.Dir(), q)); err != nil {
		t.Fatal(err)
	}
	if _, titles := s.loadCounted(t); titles()[q] != "file.symlink" {
		t.Errorf("a symlink loaded from the cache: %v", titles())
	}
}

// A file modified after the load that cached it began (here: dated in the
// future) is never trusted: a change within the same tick of the
// filesystem's clock would keep its size and time.
func TestSnapshotRereadsRacyFiles(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	p := "goals/4M/GOAL-4M2QX7A9.yaml"
	writeRaw(t, s, p, goodGoal)
	future := time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := os.Chtimes(filepath.Join(s.Dir(), p), future, future); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if got, titles := s.loadCounted(t); got.read != 1 || titles()["GOAL-4M2QX7A9"] != "Cut time-to-first-value" {
			t.Errorf("load %d: read %d files (want 1: the racy one), titles %v", i, got.read, titles())
		}
	}
	// Its content is in the cache: read and hashed, not decoded again.
	if s.lastLoad.Load().decoded != 0 {
		t.Errorf("a racy file whose content is cached was decoded again")
	}
}

// FuzzParseSnapshot: no load cache file, however damaged, crashes a load
// or makes it find an entry under another path.
func FuzzParseSnapshot(f *testing.F) {
	s := &Store{gitDir: f.TempDir()}
	rec := &model.Goal{ID: "GOAL-4M2QX7A9", Title: "Cut time-to-first-value", Level: "objective"}
	fields := string(topLevelFields([]byte("id: GOAL-4M2QX7A9\ntitle: Cut time-to-first-value\n")))
	blob := strings.Repeat("ab", 20)
	s.writeSnapshot(42, []snapRecord{
		{path: "goals/4M/GOAL-4M2QX7A9.yaml", stat: fileStat{size: 70, mtime: 7, ctime: 8, ino: 9}, blob: blob, fields: fields, enc: string(encodeCached(nil, rec))},
		{path: "people/raj.yaml", blob: blob, fields: fields, enc: string(encodeCached(nil, &model.Person{ID: "raj"}))},
	})
	good, err := os.ReadFile(filepath.Join(s.gitDir, cacheName))
	if err != nil {
		f.Fatal(err)
	}
	if snap := parseSnapshot(string(good)); len(snap.entries) != 2 {
		f.Fatalf("a snapshot just written reads back as %d entries", len(snap.entries))
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		snap := parseSnapshot(string(data))
		for _, e := range snap.entries {
			got, ok := snap.entry(string(e.path))
			if !ok || string(got.path) != string(e.path) {
				t.Fatalf("entry %q not found by its path", e.path)
			}
			encodedFields(e.fields).FieldPos("title")
			if k, _, ok := model.KindOfPath(string(e.path)); ok {
				cachedRecord(k, e.enc)
			}
		}
	})
}
