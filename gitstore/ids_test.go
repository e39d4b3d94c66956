package gitstore

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/accordhq/accord/model"
)

// Item 10 of issue 17: a copied file that keeps another record's id:
// never takes that record over, in the worktree or at a past revision,
// whichever file is read first; the copy is the one reported.
func TestCopiedFileNeverTakesARecordOver(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	real := goal("GOAL-07V7MW6D", "The real goal")
	if _, err := s.Create(real); err != nil {
		t.Fatal(err)
	}
	copyPath := "goals/00/GOAL-00C0PY00.yaml"  // read before the real file
	laterPath := "goals/ZZ/GOAL-ZZC0PY00.yaml" // read after it
	for _, p := range []string{copyPath, laterPath} {
		full := filepath.Join(s.Dir(), p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte("id: GOAL-07V7MW6D\ntitle: A copy to start from\nlevel: objective\nstate: active\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	check := func(t *testing.T, org *model.Org) {
		t.Helper()
		if g := org.Goals["GOAL-07V7MW6D"]; g == nil || g.Title != "The real goal" {
			t.Errorf("GOAL-07V7MW6D is %+v; want the real file's record", g)
		}
		if src := org.Sources["GOAL-07V7MW6D"]; src == nil || src.Path != "goals/07/GOAL-07V7MW6D.yaml" {
			t.Errorf("GOAL-07V7MW6D comes from %+v", src)
		}
		reported := map[string]bool{}
		for _, f := range org.Problems {
			if f.Rule == "id.duplicate" {
				reported[f.File] = true
			}
		}
		if !reported[copyPath] || !reported[laterPath] || len(reported) != 2 {
			t.Errorf("duplicates reported on %v; want the two copies only", reported)
		}
	}
	org, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	check(t, org)
	if _, err := s.Commit(Change{Put: []File{
		{Path: copyPath, Data: []byte("id: GOAL-07V7MW6D\ntitle: A copy to start from\nlevel: objective\nstate: active\n")},
		{Path: laterPath, Data: []byte("id: GOAL-07V7MW6D\ntitle: A copy to start from\nlevel: objective\nstate: active\n")},
	}, Message: "copies"}); err != nil {
		t.Fatal(err)
	}
	at, err := s.OrgAt("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	check(t, at)
}
