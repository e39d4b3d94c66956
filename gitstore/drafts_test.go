package gitstore

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/accordhq/accord/model"
)

// draftFile makes a temp file as the TUI makes one for an edit of id.
func draftFile(t *testing.T, dir, id, text string) string {
	t.Helper()
	pattern, err := model.DraftFilePattern(model.KindGoal, id)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return f.Name()
}

// TestDraftsAreOfferedWhileTheirTextIsThere: a draft recorded is listed,
// by a store opened afresh too (a new session), until it is forgotten or
// its file goes; the list lives in .git/accord, where git does not see it.
func TestDraftsAreOfferedWhileTheirTextIsThere(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	tmp := t.TempDir()
	started := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	a := model.Draft{Kind: model.KindGoal, ID: "GOAL-7K3FQ2M1", File: draftFile(t, tmp, "GOAL-7K3FQ2M1", "title: x\n"), Was: []byte("title: y\n"), Started: started}
	b := model.Draft{Kind: model.KindGoal, ID: "GOAL-4M2QX7A9", File: draftFile(t, tmp, "GOAL-4M2QX7A9", "title: z\n"), Started: started}
	for _, d := range []model.Draft{a, b, a} { // a twice: listed once
		if err := s.RecordDraft(d); err != nil {
			t.Fatal(err)
		}
	}
	again, err := Open(s.Dir())
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	ds, err := again.Drafts()
	if err != nil || len(ds) != 2 || ds[0].File != b.File || ds[1].File != a.File || string(ds[1].Was) != "title: y\n" || !ds[1].Started.Equal(started) {
		t.Fatalf("Drafts() = %+v, %v; want b then a, whole", ds, err)
	}
	if st := gitCmd(t, s.Dir(), "status", "--porcelain"); st != "" {
		t.Fatalf("the list shows in git status:\n%s", st)
	}
	if err := again.ForgetDraft(b.File); err != nil {
		t.Fatal(err)
	}
	os.Remove(a.File) // the temp folder was emptied
	if ds, err := s.Drafts(); err != nil || len(ds) != 0 {
		t.Fatalf("after forgetting b and removing a's file: %+v, %v", ds, err)
	}
	if _, err := os.Stat(filepath.Join(s.gitDir, draftsName)); !os.IsNotExist(err) {
		t.Fatalf("an empty list should leave no file: %v", err)
	}
}

// TestDraftsNeverPointAtAnotherFile: an entry of the list that names a
// file Accord did not make (another name, a symlink, a file others can
// read, a folder), or a damaged list, is never offered, and nothing is
// read through it.
func TestDraftsNeverPointAtAnotherFile(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	tmp := t.TempDir()
	good := model.Draft{Kind: model.KindGoal, ID: "GOAL-7K3FQ2M1", File: draftFile(t, tmp, "GOAL-7K3FQ2M1", "title: x\n")}
	if err := s.RecordDraft(model.Draft{Kind: model.KindGoal, ID: "GOAL-7K3FQ2M1", File: "/etc/passwd"}); err == nil {
		t.Fatal("a draft named /etc/passwd was recorded")
	}
	link := filepath.Join(tmp, "accord-GOAL-4M2QX7A9-1.yaml")
	if err := os.Symlink("/etc/passwd", link); err != nil {
		t.Fatal(err)
	}
	open := draftFile(t, tmp, "GOAL-5N3RY8B0", "x")
	os.Chmod(open, 0o644)
	dir := filepath.Join(tmp, "accord-GOAL-6P4SZ9C1-1.yaml")
	os.Mkdir(dir, 0o700)
	// Written past RecordDraft's checks, as a damaged or hostile list
	// would be.
	bad := []model.Draft{
		{Kind: model.KindGoal, ID: "GOAL-4M2QX7A9", File: link},
		{Kind: model.KindGoal, ID: "GOAL-5N3RY8B0", File: open},
		{Kind: model.KindGoal, ID: "GOAL-6P4SZ9C1", File: dir},
		{Kind: model.KindGoal, ID: "GOAL-7K3FQ2M1", File: "relative/accord-GOAL-7K3FQ2M1-1.yaml"},
		{Kind: model.KindGoal, ID: "../../x", File: "/tmp/accord-../../x-1.yaml"},
		good,
	}
	if err := s.writeDrafts(bad); err != nil {
		t.Fatal(err)
	}
	ds, err := s.Drafts()
	if err != nil || len(ds) != 1 || ds[0].File != good.File {
		t.Fatalf("Drafts() = %+v, %v; want only the good one", ds, err)
	}
	if err := os.WriteFile(filepath.Join(s.gitDir, draftsName), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if ds, err := s.Drafts(); err != nil || len(ds) != 0 {
		t.Fatalf("a damaged list: %+v, %v; want nothing offered and no error", ds, err)
	}
}
