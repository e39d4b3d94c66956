package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/cli"
	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
)

// TestTUISupersedeWaitsForTheReplacement supersedes an accepted decision
// from the a menu on a real repository: the replacement names the old one,
// which becomes superseded in the one commit that accepts the replacement.
func TestTUISupersedeWaitsForTheReplacement(t *testing.T) {
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
	// The replacement names the old decision, which stays accepted until
	// the replacement is.
	stat := git(t, s.Dir(), "show", "--stat", "--format=", "HEAD")
	oldPath, _ := model.PathOf(model.KindDecision, old.ID)
	if strings.Contains(stat, oldPath) || strings.Count(stat, "decisions/") != 1 {
		t.Fatalf("the commit should touch only the new decision's file:\n%s", stat)
	}
	after, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	var succ *model.Decision
	for _, d := range after.Decisions {
		if d.Supersedes == old.ID {
			succ = d
		}
	}
	switch {
	case succ == nil || succ.Title != title+", in two regions" || succ.Status != model.DecisionProposed:
		t.Fatalf("no proposed successor names %s: %+v", old.ID, succ)
	case after.Decisions[old.ID].Status != model.DecisionAccepted:
		t.Fatalf("%s is %s before its replacement was accepted", old.ID, after.Decisions[old.ID].Status)
	}

	// Its approver accepts it from the command line: one commit, both files.
	var out, errOut bytes.Buffer
	approver := after.People[succ.Approver]
	env := cli.Env{Stdout: &out, Stderr: &errOut, Now: clock,
		Author: &gitstore.Signature{Name: approver.Name, Email: approver.Emails[0]}}
	if code := cli.Execute(env, []string{"--repo", s.Dir(), "set", succ.ID, "status=accepted", "outcome.chosen=" + succ.Options[0].ID}); code != 0 {
		t.Fatalf("accepting %s as %s: exit %d\n%s", succ.ID, approver.ID, code, errOut.String())
	}
	stat = git(t, s.Dir(), "show", "--stat", "--format=", "HEAD")
	newPath, _ := model.PathOf(model.KindDecision, succ.ID)
	if !strings.Contains(stat, oldPath) || !strings.Contains(stat, newPath) {
		t.Fatalf("accepting the replacement should touch both files:\n%s", stat)
	}
	oldFile, _ := os.ReadFile(filepath.Join(s.Dir(), oldPath))
	newFile, _ := os.ReadFile(filepath.Join(s.Dir(), newPath))
	if !strings.Contains(string(oldFile), "superseded_by: "+succ.ID) || !strings.Contains(string(oldFile), "status: superseded") ||
		!strings.Contains(string(newFile), "supersedes: "+old.ID) {
		t.Fatalf("the files do not link both ways:\n%s\n---\n%s", oldFile, newFile)
	}
	if st := git(t, s.Dir(), "status", "--porcelain"); st != "" {
		t.Fatalf("the worktree is not clean after the save:\n%s", st)
	}
}
