package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
)

// TestTUISupersedeIsOneCommitLinkingBothDecisions supersedes an accepted
// decision from the a menu on a real repository: the new decision and the
// old one land in one commit, each file naming the other.
func TestTUISupersedeIsOneCommitLinkingBothDecisions(t *testing.T) {
	t.Parallel()
	s := demoRepo(t)
	org, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	const title = "Move the primary database to a managed Postgres service"
	var old *model.Decision
	for _, d := range org.Decisions {
		if d.Title == title {
			old = d
		}
	}
	if old == nil || old.Status != model.DecisionAccepted || old.SupersededBy != "" {
		t.Fatalf("the demo has no accepted, unsuperseded %q", title)
	}
	before := strings.TrimSpace(git(t, s.Dir(), "rev-parse", "HEAD"))

	tm := startTUI(t, s, 120, 36)
	waitFor(t, tm, "Northwind Labs")
	tm.Type("2")
	waitFor(t, tm, "sorted newest first")
	tm.Type("/managed Postgres")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	tm.Type("a")
	waitFor(t, tm, "write the decision that replaces it")
	// The menu starts on Deprecate, the first move open; Supersede is next.
	tm.Send(tea.KeyPressMsg{Code: tea.KeyDown})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor(t, tm, "New decision superseding "+old.ID)
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnd})
	tm.Type(", in two regions")
	waitFor(t, tm, "(changed)")
	tm.Send(tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl})
	waitFor(t, tm, "saved: decision(")
	finalScreen(t, tm)

	if n := strings.Count(git(t, s.Dir(), "log", "--format=%H", before+"..HEAD"), "\n"); n != 1 {
		t.Fatalf("want one new commit, got %d", n)
	}
	stat := git(t, s.Dir(), "show", "--stat", "--format=", "HEAD")
	oldPath, _ := model.PathOf(model.KindDecision, old.ID)
	if !strings.Contains(stat, oldPath) || strings.Count(stat, "decisions/") != 2 {
		t.Fatalf("the commit should touch %s and the new decision's file:\n%s", oldPath, stat)
	}
	subject := git(t, s.Dir(), "log", "-1", "--format=%s")
	if !strings.Contains(subject, "supersede "+old.ID) {
		t.Fatalf("the commit subject does not name the superseded decision: %q", subject)
	}

	after, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	was := after.Decisions[old.ID]
	succ := after.Decisions[was.SupersededBy]
	switch {
	case was.Status != model.DecisionSuperseded:
		t.Fatalf("old status = %s, want superseded", was.Status)
	case succ == nil:
		t.Fatalf("superseded_by names %q, which is not a decision", was.SupersededBy)
	case succ.Supersedes != old.ID || succ.Title != title+", in two regions":
		t.Fatalf("successor %s: supersedes %q, title %q", succ.ID, succ.Supersedes, succ.Title)
	}
	newPath, _ := model.PathOf(model.KindDecision, succ.ID)
	if !strings.Contains(stat, newPath) {
		t.Fatalf("the commit does not touch the new decision's file %s:\n%s", newPath, stat)
	}
	oldFile, _ := os.ReadFile(filepath.Join(s.Dir(), oldPath))
	newFile, _ := os.ReadFile(filepath.Join(s.Dir(), newPath))
	if !strings.Contains(string(oldFile), "superseded_by: "+succ.ID) || !strings.Contains(string(newFile), "supersedes: "+old.ID) {
		t.Fatalf("the files do not link both ways:\n%s\n---\n%s", oldFile, newFile)
	}
	if st := git(t, s.Dir(), "status", "--porcelain"); st != "" {
		t.Fatalf("the worktree is not clean after the save:\n%s", st)
	}
}
