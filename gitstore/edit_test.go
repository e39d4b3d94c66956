package gitstore

// Edits from the TUI: saves that keep comments or merge another writer's
// change, files saved byte for byte, undo; slightly over 600 lines, one
// test per promise Store.Save, SaveRecordFile and Revert make.

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/plumbing"
)

const editGoalID = "GOAL-7K3FQ2M1"
const editGoalPath = "goals/7K/GOAL-7K3FQ2M1.yaml"

// handGoal is a goal file as a person wrote it: comments, and keys in an
// order Accord would not choose.
const handGoal = "# Owned by onboarding; see the Q4 plan.\n" +
	"title: Median days to first dashboard # the headline number\n" +
	"id: GOAL-7K3FQ2M1\n" +
	"state: active\n" +
	"level: key_result\n" +
	"metric: {unit: days, baseline: 14, target: 5, direction: decrease}\n"

// commitRaw commits files exactly as given, as a person with git would.
func commitRaw(t *testing.T, s *Store, msg string, files map[string]string) string {
	t.Helper()
	var ch Change
	for p, data := range files {
		ch.Put = append(ch.Put, File{Path: p, Data: []byte(data)})
	}
	ch.Message = msg
	h, err := s.Commit(ch)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// opened is a record as the TUI holds it after loading: decoded from the
// file as it is now.
func opened(t *testing.T, s *Store, k model.Kind, id string) model.Record {
	t.Helper()
	_, data, err := s.RecordFile(k, id)
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.ParseRecordFile(k, id, data)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func head(t *testing.T, s *Store) string {
	t.Helper()
	h, err := s.Head()
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func worktreeFile(t *testing.T, s *Store, p string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(s.Dir(), p))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// checkClean asserts what git itself says after a commit: nothing
// uncommitted, a sound object database.
func checkClean(t *testing.T, s *Store) {
	t.Helper()
	if st := gitCmd(t, s.Dir(), "status", "--porcelain"); st != "" {
		t.Errorf("git status not clean:\n%s", st)
	}
	gitCmd(t, s.Dir(), "fsck", "--strict")
}

func TestSaveKeepsCommentsAndKeyOrder(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	commitRaw(t, s, "goal by hand", map[string]string{editGoalPath: handGoal})
	old := opened(t, s, model.KindGoal, editGoalID)
	edited := opened(t, s, model.KindGoal, editGoalID)
	edited.(*model.Goal).Owner = "raj"
	edited.(*model.Goal).Metric.Target = 4

	hash, err := s.Save("", []model.Edit{{Old: old, New: edited}})
	if err != nil {
		t.Fatal(err)
	}
	if hash == "" || hash != head(t, s) {
		t.Fatalf("Save returned %q, HEAD is %s", hash, head(t, s))
	}
	want := "# Owned by onboarding; see the Q4 plan.\n" +
		"title: Median days to first dashboard # the headline number\n" +
		"id: GOAL-7K3FQ2M1\n" +
		"state: active\n" +
		"level: key_result\n" +
		"owner: raj\n" +
		"metric: {unit: days, baseline: 14, target: 4, direction: decrease}\n"
	if got := worktreeFile(t, s, editGoalPath); got != want {
		t.Errorf("file after save:\n%s\nwant:\n%s", got, want)
	}
	if got := gitCmd(t, s.Dir(), "show", "HEAD:"+editGoalPath); got != want {
		t.Errorf("committed file:\n%s", got)
	}
	log := gitCmd(t, s.Dir(), "log", "-1", "--format=%an <%ae>%n%B")
	for _, w := range []string{"Raj Patel <raj@northwind.example>", "goal(GOAL-7K3FQ2M1):", "owner", "metric.target"} {
		if !strings.Contains(log, w) {
			t.Errorf("commit message lacks %q:\n%s", w, log)
		}
	}
	checkClean(t, s)

	// Saving the same thing again changes nothing and commits nothing.
	if h, err := s.Save("", []model.Edit{{Old: edited, New: edited}}); err != nil || h != "" {
		t.Errorf("a save without changes = %q, %v; want no commit", h, err)
	}
	if head(t, s) != hash {
		t.Error("a save without changes moved HEAD")
	}
}

func TestSaveMergesAnotherWritersChangeToAnotherField(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	commitRaw(t, s, "goal by hand", map[string]string{editGoalPath: handGoal})
	old := opened(t, s, model.KindGoal, editGoalID) // the TUI opens the goal
	mine := opened(t, s, model.KindGoal, editGoalID)
	mine.(*model.Goal).Owner = "raj"

	// Meanwhile someone else retitles it from the command line.
	other, err := Open(s.Dir())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.Update(model.KindGoal, editGoalID, func(r model.Record) error {
		r.(*model.Goal).Title = "Median days to first chart"
		return nil
	}); err != nil {
		t.Fatal(err)
	}

	if _, err := s.Save("", []model.Edit{{Old: old, New: mine}}); err != nil {
		t.Fatal(err)
	}
	g := opened(t, s, model.KindGoal, editGoalID).(*model.Goal)
	if g.Title != "Median days to first chart" || g.Owner != "raj" {
		t.Errorf("after the save: title %q, owner %q; want both changes kept", g.Title, g.Owner)
	}
	if got := worktreeFile(t, s, editGoalPath); !strings.HasPrefix(got, "# Owned by onboarding") {
		t.Errorf("the comment was lost:\n%s", got)
	}
	if n := strings.Count(gitCmd(t, s.Dir(), "log", "--format=%H"), "\n"); n != 4 {
		t.Errorf("%d commits, want 4 (set-up, by hand, retitle, save)", n)
	}
	checkClean(t, s)
}

func TestSaveRefusesAFieldAnotherWriterChanged(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	commitRaw(t, s, "goal by hand", map[string]string{editGoalPath: handGoal})
	old := opened(t, s, model.KindGoal, editGoalID)
	mine := opened(t, s, model.KindGoal, editGoalID)
	mine.(*model.Goal).Owner = "raj"

	s.author = &Signature{Name: "Mei Lin", Email: "mei@northwind.example"}
	if _, err := s.Update(model.KindGoal, editGoalID, func(r model.Record) error {
		r.(*model.Goal).Owner = "mei"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	s.author = &Signature{Name: "Raj Patel", Email: "raj@northwind.example"}
	before, file := head(t, s), worktreeFile(t, s, editGoalPath)

	_, err := s.Save("", []model.Edit{{Old: old, New: mine}})
	if !errors.Is(err, ErrStale) {
		t.Fatalf("err = %v, want ErrStale", err)
	}
	want := `GOAL-7K3FQ2M1: owner was changed by someone else since you opened it (now "mei"); reload and try again`
	if err.Error() != want {
		t.Errorf("error:\n%s\nwant:\n%s", err, want)
	}
	if head(t, s) != before || worktreeFile(t, s, editGoalPath) != file {
		t.Error("a refused save committed or wrote something")
	}
	checkClean(t, s)
}

func TestSaveSupersedingADecisionIsOneCommit(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	oldDec := &model.Decision{ID: "DEC-2HV9PMQ4", Title: "Cap CSV uploads at 50 MB", Status: model.DecisionAccepted, Driver: "raj"}
	if _, err := s.Create(oldDec); err != nil {
		t.Fatal(err)
	}
	before := head(t, s)
	was := opened(t, s, model.KindDecision, oldDec.ID)
	superseded := opened(t, s, model.KindDecision, oldDec.ID).(*model.Decision)
	superseded.Status, superseded.SupersededBy = model.DecisionSuperseded, "DEC-3JW0QNR5"
	newDec := &model.Decision{ID: "DEC-3JW0QNR5", Title: "Upload CSVs straight to storage", Status: model.DecisionProposed,
		Driver: "raj", Supersedes: oldDec.ID}

	hash, err := s.Save("", []model.Edit{{New: newDec}, {Old: was, New: superseded}})
	if err != nil {
		t.Fatal(err)
	}
	if parent := strings.TrimSpace(gitCmd(t, s.Dir(), "rev-parse", hash+"^")); parent != before {
		t.Errorf("the save is not one commit on top of %s (parent %s)", before, parent)
	}
	files := gitCmd(t, s.Dir(), "show", "--name-status", "--format=", hash)
	wantFiles := "A\tdecisions/3J/DEC-3JW0QNR5.yaml\nM\tdecisions/2H/DEC-2HV9PMQ4.yaml\n"
	if files != wantFiles && files != "M\tdecisions/2H/DEC-2HV9PMQ4.yaml\nA\tdecisions/3J/DEC-3JW0QNR5.yaml\n" {
		t.Errorf("the commit touched:\n%swant:\n%s", files, wantFiles)
	}
	msg := gitCmd(t, s.Dir(), "log", "-1", "--format=%B")
	for _, w := range []string{"2 records changed", `decision(DEC-3JW0QNR5): create "Upload CSVs straight to storage"`, "decision(DEC-2HV9PMQ4): accepted → superseded"} {
		if !strings.Contains(msg, w) {
			t.Errorf("message lacks %q:\n%s", w, msg)
		}
	}
	checkClean(t, s)

	// Creating a record that exists by now is refused, and nothing of the
	// rest of the save is committed.
	again := &model.Decision{ID: "DEC-3JW0QNR5", Title: "Someone else's", Status: model.DecisionDraft}
	retitled := opened(t, s, model.KindDecision, oldDec.ID).(*model.Decision)
	cur := opened(t, s, model.KindDecision, oldDec.ID)
	retitled.Title = "Renamed"
	if _, err := s.Save("", []model.Edit{{Old: cur, New: retitled}, {New: again}}); !errors.Is(err, ErrStale) || !strings.Contains(err.Error(), "DEC-3JW0QNR5 already exists") {
		t.Errorf("creating an existing record: err = %v", err)
	}
	if head(t, s) != hash {
		t.Error("a refused save committed part of its edits")
	}
	if st := gitCmd(t, s.Dir(), "status", "--porcelain"); st != "" {
		t.Errorf("a refused save wrote files:\n%s", st)
	}
}

func TestSaveDeletesOnlyWhatWasOpened(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	if _, err := s.Create(goal(editGoalID, "Short-lived")); err != nil {
		t.Fatal(err)
	}
	old := opened(t, s, model.KindGoal, editGoalID)
	if _, err := s.Update(model.KindGoal, editGoalID, func(r model.Record) error {
		r.(*model.Goal).Owner = "mei"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Save("", []model.Edit{{Old: old}}); !errors.Is(err, ErrStale) {
		t.Errorf("deleting a record changed since it was opened: err = %v, want ErrStale", err)
	}
	cur := opened(t, s, model.KindGoal, editGoalID)
	if _, err := s.Save("", []model.Edit{{Old: cur}}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.RecordFile(model.KindGoal, editGoalID); !errors.Is(err, ErrNotFound) {
		t.Errorf("after deleting: RecordFile err = %v, want ErrNotFound", err)
	}
	if !strings.HasPrefix(gitCmd(t, s.Dir(), "log", "-1", "--format=%s"), `goal(GOAL-7K3FQ2M1): delete "Short-lived"`) {
		t.Error("delete message")
	}
	checkClean(t, s)
}

func TestSaveWhileLockedFailsWithinTheTimeout(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	if _, err := s.Create(goal(editGoalID, "Locked out")); err != nil {
		t.Fatal(err)
	}
	old := opened(t, s, model.KindGoal, editGoalID)
	mine := opened(t, s, model.KindGoal, editGoalID)
	mine.(*model.Goal).Owner = "raj"
	before := head(t, s)

	s.LockTimeout = 150 * time.Millisecond
	l, err := acquireLock(s.gitDir, time.Second) // another process, as far as flock knows
	if err != nil {
		t.Fatal(err)
	}
	defer l.release()
	start := time.Now()
	_, err = s.Save("", []model.Edit{{Old: old, New: mine}})
	took := time.Since(start)
	var le *LockedError
	if !errors.As(err, &le) || !errors.Is(err, ErrLocked) {
		t.Fatalf("err = %v, want a LockedError", err)
	}
	if took > 2*time.Second {
		t.Errorf("a held lock took %v to fail; LockTimeout is %v", took, s.LockTimeout)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "save GOAL-7K3FQ2M1: pid ") || !strings.Contains(msg, "try again") || strings.Contains(msg, "\n") {
		t.Errorf("not a one-line message naming the record and the holder: %q", msg)
	}
	if head(t, s) != before {
		t.Error("a save without the lock committed")
	}
	if _, _, err := s.RecordFile(model.KindGoal, editGoalID); err != nil {
		t.Fatal(err)
	}
	if got := opened(t, s, model.KindGoal, editGoalID).(*model.Goal).Owner; got != "" {
		t.Errorf("a save without the lock wrote the file (owner %q)", got)
	}
}

func TestRecordFileAndParseRecordFile(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	commitRaw(t, s, "goal by hand", map[string]string{editGoalPath: handGoal})
	p, data, err := s.RecordFile(model.KindGoal, editGoalID)
	if err != nil || p != editGoalPath || string(data) != handGoal {
		t.Fatalf("RecordFile = %q, %q, %v", p, data, err)
	}
	if _, _, err := s.RecordFile(model.KindGoal, "GOAL-AAAAAAAA"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a missing record: err = %v, want ErrNotFound", err)
	}
	if _, _, err := s.RecordFile(model.KindGoal, "../../etc/passwd"); err == nil {
		t.Error("a malformed ID was read")
	}
	if err := os.Symlink(filepath.Join(s.Dir(), editGoalPath), filepath.Join(s.Dir(), "goals/7K/GOAL-7K3FQ2M2.yaml")); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.RecordFile(model.KindGoal, "GOAL-7K3FQ2M2"); err == nil || errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "symlink") {
		t.Errorf("a symlinked record: err = %v, want a refusal", err)
	}

	cases := []struct {
		name, data, want string
		line             int
	}{
		{"unknown key", strings.Replace(handGoal, "level:", "levle:", 1), `line 5: unknown field "levle"`, 5},
		{"tab", handGoal + "description:\n\tindented with a tab\n", "line 8: a tab in the indentation", 8},
		{"changed id", strings.Replace(handGoal, "id: GOAL-7K3FQ2M1", "id: GOAL-7K3FQ2M9", 1), `line 3: id is "GOAL-7K3FQ2M9" but this record is GOAL-7K3FQ2M1: an ID never changes`, 3},
		{"id removed", strings.Replace(handGoal, "id: GOAL-7K3FQ2M1\n", "", 1), "line 1: id is missing", 1},
		{"duplicate key", handGoal + "state: done\n", `line 7: duplicate key "state"`, 7},
		{"second document", handGoal + "---\nid: GOAL-7K3FQ2M1\n", "line 7: a second YAML document", 7},
		{"alias", handGoal + "tags: &t [a]\nlinks: *t\n", "line 7: anchor &t", 7},
		{"conflict markers", "<<<<<<< HEAD\n" + handGoal, "line 1: git conflict markers", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.ParseRecordFile(model.KindGoal, editGoalID, []byte(c.data))
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("error %q, want it to start %q", err, c.want)
			}
			var de *DecodeError
			if !errors.As(err, &de) || de.Line != c.line {
				t.Errorf("error %#v does not carry line %d", err, c.line)
			}
		})
	}
	big := "id: GOAL-7K3FQ2M1\ndescription: " + strings.Repeat("x", MaxFileSize) + "\n"
	if _, err := s.ParseRecordFile(model.KindGoal, editGoalID, []byte(big)); err == nil || !strings.HasPrefix(err.Error(), "file is ") {
		t.Errorf("an oversized text: err = %v", err)
	}
	r, err := s.ParseRecordFile(model.KindGoal, editGoalID, []byte(handGoal))
	if err != nil {
		t.Fatal(err)
	}
	if g := r.(*model.Goal); g.Title != "Median days to first dashboard" || g.Metric == nil || g.Metric.Target != 5 {
		t.Errorf("decoded %+v", g)
	}
	// A path-carrying DecodeError (Load's findings, the CLI) is unchanged.
	if e := (&DecodeError{Path: editGoalPath, Line: 7, Column: 1, Msg: "x"}).Error(); e != editGoalPath+":7:1: x" {
		t.Errorf("DecodeError with a path reads %q", e)
	}
}

func TestSaveRecordFileKeepsTheBytes(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	commitRaw(t, s, "goal by hand", map[string]string{editGoalPath: handGoal})
	_, was, err := s.RecordFile(model.KindGoal, editGoalID)
	if err != nil {
		t.Fatal(err)
	}
	// Odd but valid: the editor's own spacing, a quoted value, a new comment.
	text := "# Owned by onboarding; see the Q4 plan.\n" +
		"title:   'Median days to first dashboard'   # the headline number\n" +
		"id: GOAL-7K3FQ2M1\n" +
		"state: active\n" +
		"level: key_result\n" +
		"owner: raj     # since the reorg\n" +
		"metric: {unit: days, baseline: 14, target: 5, direction: decrease}\n"
	hash, err := s.SaveRecordFile(model.KindGoal, editGoalID, []byte(text), was, "")
	if err != nil {
		t.Fatal(err)
	}
	if hash == "" || hash != head(t, s) {
		t.Fatalf("SaveRecordFile = %q, HEAD %s", hash, head(t, s))
	}
	if got := worktreeFile(t, s, editGoalPath); got != text {
		t.Errorf("file rewritten:\n%s\nwant byte for byte:\n%s", got, text)
	}
	if got := gitCmd(t, s.Dir(), "show", "HEAD:"+editGoalPath); got != text {
		t.Errorf("committed file differs:\n%s", got)
	}
	if msg := gitCmd(t, s.Dir(), "log", "-1", "--format=%s"); msg != "goal(GOAL-7K3FQ2M1): owner set to raj\n" {
		t.Errorf("message %q", msg)
	}
	checkClean(t, s)

	// The same text again: nothing to commit.
	if h, err := s.SaveRecordFile(model.KindGoal, editGoalID, []byte(text), []byte(text), ""); err != nil || h != "" {
		t.Errorf("saving unchanged text = %q, %v", h, err)
	}
	// A stale was: someone else saved in between.
	_, err = s.SaveRecordFile(model.KindGoal, editGoalID, []byte(strings.Replace(text, "raj", "mei", 1)), was, "")
	if !errors.Is(err, ErrStale) || !strings.Contains(err.Error(), "GOAL-7K3FQ2M1 changed on disk since you opened it") {
		t.Errorf("stale was: err = %v", err)
	}
	// Text that does not decode is refused with its line.
	_, err = s.SaveRecordFile(model.KindGoal, editGoalID, []byte(text+"ownr: mei\n"), []byte(text), "")
	if err == nil || !strings.HasPrefix(err.Error(), `line 8: unknown field "ownr"`) {
		t.Errorf("bad text: err = %v", err)
	}
	if head(t, s) != hash || worktreeFile(t, s, editGoalPath) != text {
		t.Error("a refused save wrote or committed something")
	}
	// A message given is used as is.
	comment := strings.Replace(text, "# since the reorg", "# since the 2026 reorg", 1)
	if _, err := s.SaveRecordFile(model.KindGoal, editGoalID, []byte(comment), []byte(text), "goal(GOAL-7K3FQ2M1): note when"); err != nil {
		t.Fatal(err)
	}
	if msg := gitCmd(t, s.Dir(), "log", "-1", "--format=%s"); msg != "goal(GOAL-7K3FQ2M1): note when\n" {
		t.Errorf("message %q", msg)
	}
	checkClean(t, s)
}

func TestSaveRecordFileRepairsABrokenFile(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	broken := "id: GOAL-7K3FQ2M1\ntitle: x\nownr: raj\n"
	commitRaw(t, s, "broken by hand", map[string]string{editGoalPath: broken})
	_, was, err := s.RecordFile(model.KindGoal, editGoalID)
	if err != nil || string(was) != broken {
		t.Fatalf("an undecodable file is still there to repair: %q, %v", was, err)
	}
	fixed := "id: GOAL-7K3FQ2M1\ntitle: x\nowner: raj\n"
	if _, err := s.SaveRecordFile(model.KindGoal, editGoalID, []byte(fixed), was, ""); err != nil {
		t.Fatal(err)
	}
	if got := worktreeFile(t, s, editGoalPath); got != fixed {
		t.Errorf("file %q", got)
	}
	if msg := gitCmd(t, s.Dir(), "log", "-1", "--format=%s"); msg != "goal(GOAL-7K3FQ2M1): repair the file by hand\n" {
		t.Errorf("message %q", msg)
	}
	checkClean(t, s)
}

func TestRevertRestoresTheBytesAsANewCommit(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	commitRaw(t, s, "goal by hand", map[string]string{editGoalPath: handGoal})
	old := opened(t, s, model.KindGoal, editGoalID)
	edited := opened(t, s, model.KindGoal, editGoalID)
	edited.(*model.Goal).Title = "Median hours to first dashboard"
	edited.(*model.Goal).Metric.Target = 4
	edit, err := s.Save("", []model.Edit{{Old: old, New: edited}})
	if err != nil {
		t.Fatal(err)
	}
	subject := strings.TrimSpace(gitCmd(t, s.Dir(), "log", "-1", "--format=%s"))
	history := gitCmd(t, s.Dir(), "log", "--format=%H")
	clone := t.TempDir() // to compare with git revert
	gitCmd(t, clone, "clone", "-q", s.Dir(), ".")

	undo, err := s.Revert(edit)
	if err != nil {
		t.Fatal(err)
	}
	if got := worktreeFile(t, s, editGoalPath); got != handGoal {
		t.Errorf("after undo the file is:\n%s\nwant the original, comments and all:\n%s", got, handGoal)
	}
	if parent := strings.TrimSpace(gitCmd(t, s.Dir(), "rev-parse", undo+"^")); parent != edit {
		t.Errorf("the undo's parent is %s, want the edit %s", parent, edit)
	}
	if now := gitCmd(t, s.Dir(), "log", "--format=%H"); now != undo+"\n"+history {
		t.Errorf("history was rewritten:\n%s\nwas:\n%s", now, history)
	}
	msg := gitCmd(t, s.Dir(), "log", "-1", "--format=%an%n%B")
	if want := "Raj Patel\nundo: " + subject + "\n\nThis reverts commit " + edit + ".\n\n"; msg != want {
		t.Errorf("message:\n%q\nwant:\n%q", msg, want)
	}
	checkClean(t, s)

	// git revert of the same commit gives the same tree.
	gitCmd(t, clone, "-c", "user.name=x", "-c", "user.email=x@x", "revert", "--no-edit", edit)
	if a, b := gitCmd(t, clone, "rev-parse", "HEAD^{tree}"), gitCmd(t, s.Dir(), "rev-parse", "HEAD^{tree}"); a != b {
		t.Errorf("tree after undo %s, git revert gives %s", b, a)
	}

	// Undoing it again is refused: the file no longer holds the edit.
	if _, err := s.Revert(edit); !errors.Is(err, ErrStale) || !strings.Contains(err.Error(), "GOAL-7K3FQ2M1 changed since (last by Raj Patel in "+undo[:8]+")") {
		t.Errorf("undoing twice: err = %v", err)
	}
	// The undo can itself be undone.
	if _, err := s.Revert(undo); err != nil {
		t.Fatal(err)
	}
	if g := opened(t, s, model.KindGoal, editGoalID).(*model.Goal); g.Title != "Median hours to first dashboard" {
		t.Errorf("redo: title %q", g.Title)
	}
	checkClean(t, s)
}

func TestRevertOfACreateDeletesAndOfADeleteRestores(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	if _, err := s.Create(goal(editGoalID, "Brand new")); err != nil {
		t.Fatal(err)
	}
	created := head(t, s)
	content := worktreeFile(t, s, editGoalPath)
	undo, err := s.Revert(created)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(filepath.Join(s.Dir(), editGoalPath)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("undoing a create left the file: %v", err)
	}
	if files := gitCmd(t, s.Dir(), "ls-tree", "-r", "--name-only", "HEAD"); strings.Contains(files, "GOAL-") {
		t.Errorf("undoing a create left it in HEAD:\n%s", files)
	}
	checkClean(t, s)
	// Undoing the undo (a deletion) brings the file back byte for byte.
	if _, err := s.Revert(undo); err != nil {
		t.Fatal(err)
	}
	if got := worktreeFile(t, s, editGoalPath); got != content {
		t.Errorf("restored file %q, want %q", got, content)
	}
	checkClean(t, s)
}

func TestRevertRefusesWhatChangedSince(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	root := head(t, s)
	if _, err := s.Create(goal(editGoalID, "Contested")); err != nil {
		t.Fatal(err)
	}
	edit, err := s.Save("", []model.Edit{{Old: opened(t, s, model.KindGoal, editGoalID), New: func() model.Record {
		g := opened(t, s, model.KindGoal, editGoalID).(*model.Goal)
		g.Owner = "raj"
		return g
	}()}})
	if err != nil {
		t.Fatal(err)
	}
	s.author = &Signature{Name: "Mei Lin", Email: "mei@northwind.example"}
	if _, err := s.Update(model.KindGoal, editGoalID, func(r model.Record) error {
		r.(*model.Goal).Title = "Contested, retitled"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	later := head(t, s)
	s.author = &Signature{Name: "Raj Patel", Email: "raj@northwind.example"}
	file := worktreeFile(t, s, editGoalPath)

	_, err = s.Revert(edit)
	if !errors.Is(err, ErrStale) {
		t.Fatalf("err = %v, want ErrStale", err)
	}
	if want := "cannot undo " + edit[:8] + ": GOAL-7K3FQ2M1 changed since (last by Mei Lin in " + later[:8] + "); nothing was changed"; err.Error() != want {
		t.Errorf("error:\n%s\nwant:\n%s", err, want)
	}
	if head(t, s) != later || worktreeFile(t, s, editGoalPath) != file {
		t.Error("a refused undo wrote or committed something")
	}

	// Uncommitted changes on disk are not overwritten either.
	writeRaw(t, s, editGoalPath, file+"# a note\n")
	if _, err := s.Revert(later); !errors.Is(err, ErrStale) || !strings.Contains(err.Error(), "not committed") {
		t.Errorf("undo over an uncommitted edit: err = %v", err)
	}
	if worktreeFile(t, s, editGoalPath) != file+"# a note\n" || head(t, s) != later {
		t.Error("an undo overwrote an uncommitted edit")
	}
	writeRaw(t, s, editGoalPath, file)

	if _, err := s.Revert(root); err == nil || !strings.Contains(err.Error(), "first commit") {
		t.Errorf("undoing the first commit: err = %v", err)
	}
	merge := histRawCommit(t, s, []plumbing.Hash{plumbing.NewHash(later), plumbing.NewHash(edit)}, nil, nil, "merge", time.Now())
	if _, err := s.Revert(merge.String()); err == nil || !strings.Contains(err.Error(), "merge commit") {
		t.Errorf("undoing a merge: err = %v", err)
	}
	if _, err := s.Revert("0123456789abcdef0123456789abcdef01234567"); !errors.Is(err, ErrNotFound) {
		t.Errorf("undoing an unknown commit: err = %v", err)
	}
	if head(t, s) != later {
		t.Error("a refused undo moved HEAD")
	}
}
