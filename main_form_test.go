package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
)

// git runs git in dir and returns its output.
func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// TestTUIFormEditKeepsCommentsAndUndoRestoresTheFile edits a goal whose
// file has a hand-written comment through the form on a real repository:
// the comment and key order survive, the commit says what changed and who
// made it, and U undoes it with a new commit that restores the bytes.
func TestTUIFormEditKeepsCommentsAndUndoRestoresTheFile(t *testing.T) {
	t.Parallel()
	s := demoRepo(t)
	org, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	var g *model.Goal
	for _, x := range org.Goals {
		if x.Title == "Make every customer successful in a week" {
			g = x
		}
	}
	if g == nil {
		t.Fatal("the demo has no mission")
	}
	rel, _ := model.PathOf(model.KindGoal, g.ID)
	path := filepath.Join(s.Dir(), rel)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// A comment at the top, and title moved below level: both must stay.
	var rest []string
	var title string
	for _, l := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		if strings.HasPrefix(l, "title:") {
			title = l
			continue
		}
		rest = append(rest, l)
		if strings.HasPrefix(l, "level:") {
			rest = append(rest, "# Agreed at the 2026 offsite; ask Ana before changing.")
		}
	}
	handWritten := "# The one line everybody should know.\n" + strings.Join(rest, "\n") + "\n" + title + "\n"
	if err := os.WriteFile(path, []byte(handWritten), 0o644); err != nil {
		t.Fatal(err)
	}
	git(t, s.Dir(), "commit", "-qam", "goal: a comment by hand")
	before := git(t, s.Dir(), "rev-parse", "HEAD")

	tm := startTUI(t, s, 120, 36)
	waitFor(t, tm, "Make every customer successful in a week")
	tm.Type("e")
	waitFor(t, tm, "Edit "+g.ID)
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnd})
	tm.Type(" (or less)")
	waitFor(t, tm, "(changed)")
	tm.Send(tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl})
	waitFor(t, tm, "saved: goal("+g.ID+")")

	got, _ := os.ReadFile(path)
	want := strings.Replace(handWritten, title, "title: Make every customer successful in a week (or less)", 1)
	if string(got) != want {
		t.Fatalf("the form's edit rewrote the file:\n%s\nwant:\n%s", got, want)
	}
	log := git(t, s.Dir(), "log", "-1", "--format=%an <%ae>%n%s")
	if !strings.Contains(log, "Raj Patel <raj@northwind.example>") || !strings.Contains(log, "goal("+g.ID+"): title") {
		t.Fatalf("the commit does not say who and what:\n%s", log)
	}
	if st := git(t, s.Dir(), "status", "--porcelain"); st != "" {
		t.Fatalf("the worktree is not clean after the save:\n%s", st)
	}

	tm.Type("U")
	waitFor(t, tm, "undo it")
	tm.Type("y")
	waitFor(t, tm, "undone: goal("+g.ID+")")
	got, _ = os.ReadFile(path)
	if string(got) != handWritten {
		t.Fatalf("undo did not restore the file:\n%s", got)
	}
	if n := strings.Count(git(t, s.Dir(), "log", "--format=%H", strings.TrimSpace(before)+"..HEAD"), "\n"); n != 2 {
		t.Fatalf("want the edit and its undo as two new commits, got %d", n)
	}
	if subj := git(t, s.Dir(), "log", "-1", "--format=%s"); !strings.HasPrefix(subj, "undo: goal("+g.ID+")") {
		t.Fatalf("undo commit subject = %q", subj)
	}
	finalScreen(t, tm)
}
