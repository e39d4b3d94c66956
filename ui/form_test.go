package ui

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/uitest"
)

func TestNewGoalFormSavesAChildOfTheSelectedGoal(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := newTestModel(t, st, 100, 40)
	parent := m.screens[tabGoals].Selected()
	m = press(t, m, "n")
	if formOf(m) == nil {
		t.Fatalf("n opened no form:\n%s", screen(m))
	}
	if !strings.Contains(screen(m), "New goal") {
		t.Fatalf("the form has no title:\n%s", screen(m))
	}
	m = typeText(t, m, "Cut churn below 2%")
	m = press(t, m, "ctrl+s")
	if formOf(m) != nil {
		t.Fatalf("the form stayed open after a valid save:\n%s", screen(m))
	}
	if len(st.Saved) != 1 {
		t.Fatalf("saves committed: %d, want 1 (calls %d)", len(st.Saved), len(st.SaveCalls))
	}
	g := st.Saved[0].Edits[0].New.(*model.Goal)
	if g.Title != "Cut churn below 2%" || g.Parent != parent || g.Owner != "raj" {
		t.Fatalf("saved goal = %+v, want the title typed, parent %s, owner raj", g, parent)
	}
	if !strings.Contains(screen(m), "saved: goal("+g.ID+")") {
		t.Fatalf("the status line does not say what was saved:\n%s", screen(m))
	}
	if got := m.screens[m.active].Selected(); got != g.ID {
		t.Fatalf("after the save the cursor is on %s, want the new goal %s", got, g.ID)
	}
}

func TestFormKeepsWhatWasTypedWhenTheSaveFails(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	st.SaveErr = errors.New("the repository is locked by another Accord (pid 4242)")
	m := newTestModel(t, st, 100, 40)
	m = press(t, m, "n")
	m = typeText(t, m, "Ship the wizard")
	m = press(t, m, "ctrl+s")
	if formOf(m) == nil {
		t.Fatal("a failed save closed the form")
	}
	out := screen(m)
	if !strings.Contains(out, "pid 4242") || !strings.Contains(out, "Ship the wizard") {
		t.Fatalf("want the error and the typed title on screen:\n%s", out)
	}
	st.SaveErr = nil
	m = press(t, m, "ctrl+s")
	if formOf(m) != nil || len(st.Saved) != 1 {
		t.Fatalf("retry: form open %v, saved %d", formOf(m) != nil, len(st.Saved))
	}
}

func TestEscOnAChangedFormAsksBeforeDiscarding(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := newTestModel(t, st, 100, 40)
	m = press(t, m, "n")
	m = typeText(t, m, "Half a thought")
	m = press(t, m, "esc")
	if formOf(m) == nil || !strings.Contains(screen(m), "Discard what you typed?") {
		t.Fatalf("esc on a changed form should ask:\n%s", screen(m))
	}
	m = press(t, m, "n")
	if formOf(m) == nil || !strings.Contains(screen(m), "Half a thought") {
		t.Fatalf("n keeps editing with the text:\n%s", screen(m))
	}
	m = press(t, m, "esc", "y")
	if formOf(m) != nil || len(st.SaveCalls) != 0 {
		t.Fatalf("y discards without saving: form %v, saves %d", formOf(m) != nil, len(st.SaveCalls))
	}
}

// selectGoal puts the Goals tab's cursor on the first goal that matches.
func selectGoal(t *testing.T, m Model, match func(*model.Goal) bool) (Model, *model.Goal) {
	t.Helper()
	for _, id := range m.data.Org.IDs(model.KindGoal) {
		if g := m.data.Org.Goals[id]; match(g) && m.screens[tabGoals].Select(id) {
			m.active = tabGoals
			return m, g
		}
	}
	t.Fatal("no goal matches")
	return m, nil
}

func TestUOpensACheckInOnTheSelectedGoal(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := newTestModel(t, st, 100, 40)
	m, g := selectGoal(t, m, func(g *model.Goal) bool { return g.Metric != nil && g.State == "active" })
	m = press(t, m, "u")
	if formOf(m) == nil || !strings.Contains(screen(m), "Check in on "+g.ID) {
		t.Fatalf("u opened no check-in form:\n%s", screen(m))
	}
}

func TestEditGoalKeepsWhatTheFormDoesNotShowAndUndoReverts(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := newTestModel(t, st, 100, 40)
	m, g := selectGoal(t, m, func(g *model.Goal) bool { return len(g.Links) > 0 || g.Metric != nil })
	m = press(t, m, "e")
	if formOf(m) == nil {
		t.Fatalf("e opened no form:\n%s", screen(m))
	}
	m = typeText(t, m, " (v2)")
	m = press(t, m, "ctrl+s")
	if len(st.Saved) != 1 {
		t.Fatalf("saved %d commits, want 1:\n%s", len(st.Saved), screen(m))
	}
	e := st.Saved[0].Edits[0]
	ng := e.New.(*model.Goal)
	if ng.Title != g.Title+" (v2)" {
		t.Fatalf("title = %q, want %q", ng.Title, g.Title+" (v2)")
	}
	if changes := model.Diff(g, ng); len(changes) != 1 || changes[0].Field != "title" {
		t.Fatalf("the edit changed more than the title: %+v", changes)
	}
	m = press(t, m, "U")
	if len(st.Saved) != 1 || !strings.Contains(oneLine(screen(m)), "Undo “goal("+g.ID+")") {
		t.Fatalf("U should ask first, naming the change, and change nothing yet:\n%s", screen(m))
	}
	m = press(t, m, "n")
	if len(st.Saved) != 1 || m.top() != nil {
		t.Fatalf("n should undo nothing:\n%s", screen(m))
	}
	m = press(t, m, "U", "y")
	if len(st.Saved) != 2 || st.Org.Goals[g.ID].Title != g.Title {
		t.Fatalf("U y did not restore the title: %q", st.Org.Goals[g.ID].Title)
	}
	if out := screen(m); !strings.Contains(out, "undone: ") {
		t.Fatalf("the status line does not say what was undone:\n%s", out)
	}
	m = press(t, m, "U")
	if len(st.Saved) != 2 || !strings.Contains(screen(m), "nothing to undo") {
		t.Fatalf("a second U should have nothing left to undo:\n%s", screen(m))
	}

	// R takes the undo back, by a commit of its own; U undoes it again.
	m = press(t, m, "R", "y")
	if len(st.Saved) != 3 || st.Org.Goals[g.ID].Title != g.Title+" (v2)" || !strings.HasPrefix(st.Saved[2].Message, "redo: goal(") {
		t.Fatalf("R y should make the change again: title %q, commits %d", st.Org.Goals[g.ID].Title, len(st.Saved))
	}
	if status, _ := lastLines(m); !strings.Contains(status, "redone: ") {
		t.Fatalf("the status line does not say what was redone:\n%s", status)
	}
	m = press(t, m, "U", "y")
	if len(st.Saved) != 4 || st.Org.Goals[g.ID].Title != g.Title {
		t.Fatalf("U after R should undo again: title %q", st.Org.Goals[g.ID].Title)
	}
	// A new change ends what can be redone.
	m = press(t, m, "e")
	m = typeText(t, m, " (v3)")
	m = press(t, m, "ctrl+s", "R")
	if len(st.Saved) != 5 || !strings.Contains(screen(m), "nothing to redo") {
		t.Fatalf("after a new change R should have nothing to redo:\n%s", screen(m))
	}
	for _, c := range st.Saved {
		if len(c.Edits) == 0 {
			t.Errorf("commit %q changed nothing", c.Message)
		}
	}
}

// saveRefused presses ctrl+s in a form that must not save: nothing reaches
// the store and the form stays open with the draft. what says what it holds.
func saveRefused(t *testing.T, st *uitest.Store, m Model, what string) Model {
	t.Helper()
	m = press(t, m, "ctrl+s")
	if len(st.SaveCalls) != 0 || formOf(m) == nil {
		t.Fatalf("%s was saved, or its form closed (open: %v)", what, formOf(m) != nil)
	}
	return m
}

// A form open while another writer changes the repository checks its
// draft against the organisation as it is after the reload, not as it was
// when the form opened: a parent deleted meanwhile is refused, not saved.
func TestAnOpenFormChecksAgainstTheReloadedOrganisation(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := newTestModel(t, st, 100, 40)
	m, parent := selectGoal(t, m, func(g *model.Goal) bool { return g.Level == model.LevelStrategic })
	m = press(t, m, "n")
	m = typeText(t, m, "Halve the support queue")
	if formOf(m) == nil {
		t.Fatalf("n opened no form:\n%s", screen(m))
	}
	// Someone else deletes the parent; the poll notices the new HEAD.
	if _, err := st.Save("", []model.Edit{{Old: parent}}); err != nil {
		t.Fatal(err)
	}
	m = drive(t, m, pollMsg{})
	if _, ok := m.data.Org.Goals[parent.ID]; ok {
		t.Fatal("the reload did not happen")
	}
	calls := len(st.SaveCalls)
	m = press(t, m, "ctrl+s")
	if len(st.SaveCalls) != calls || formOf(m) == nil {
		t.Fatalf("a goal under a parent deleted meanwhile was saved:\n%s", screen(m))
	}
	if out := screen(m); !strings.Contains(out, parent.ID+", which is not a known goal") {
		t.Fatalf("the form does not say the parent is gone:\n%s", out)
	}
}

// ctrl+c quits at once unless something open holds unsaved input; then it
// asks, and only a yes quits.
func TestCtrlCAsksBeforeLosingUnsavedInput(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	quits := func(m Model) (Model, bool) {
		t.Helper()
		next, cmd := m.Update(uitest.Key("ctrl+c"))
		m = next.(Model)
		if cmd == nil {
			return m, false
		}
		_, quit := cmd().(tea.QuitMsg)
		return m, quit
	}
	m := newTestModel(t, st, 100, 40)
	if _, ok := quits(m); !ok {
		t.Fatal("ctrl+c on a tab did not quit")
	}
	m = press(t, m, "n")
	if _, ok := quits(m); !ok {
		t.Fatal("ctrl+c on an untouched form did not quit")
	}
	m = typeText(t, m, "Half a thought")
	m, ok := quits(m)
	if ok || !strings.Contains(screen(m), "Quit Accord and lose what you typed?") {
		t.Fatalf("ctrl+c on a changed form quit or did not ask:\n%s", screen(m))
	}
	if _, ok := quits(m); ok {
		t.Fatal("a second ctrl+c while asking quit")
	}
	m = press(t, m, "n")
	if formOf(m) == nil || !strings.Contains(screen(m), "Half a thought") {
		t.Fatalf("n did not go back to the form:\n%s", screen(m))
	}
	m, _ = quits(m)
	next, cmd := m.Update(uitest.Key("y"))
	if _, quit := cmd().(tea.QuitMsg); !quit {
		t.Fatalf("y did not quit:\n%s", screen(next.(Model)))
	}

	// The options editor asks too, about its changes.
	old := decisionWhere(t, st, withStatus(model.DecisionProposed))
	m = press(t, onDecision(t, st, old.ID, 100, 40), "O", "J")
	if m, ok := quits(m); ok || !strings.Contains(screen(m), "Quit Accord") {
		t.Fatalf("ctrl+c after moving an option quit or did not ask:\n%s", screen(m))
	}
}

// Keys typed while the repository is read again after a save wait for
// that read, then take effect in order. Before, e pressed in that moment
// opened the form on the record as it was before the save, and saving it
// was refused as "changed by someone else" (on a large organisation,
// where the read takes a while, a quick person met it).
func TestKeysTypedWhileASaveReloadsWaitForTheReload(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := newTestModel(t, st, 100, 40)
	m, g := selectGoal(t, m, func(*model.Goal) bool { return true })
	m = press(t, m, "e")
	m = typeText(t, m, " (v2)")
	// ctrl+s and the save's answer, holding back the read it starts.
	next, cmd := m.Update(uitest.Key("ctrl+s"))
	m = next.(Model)
	var held []tea.Msg
	for _, msg := range uitest.Run(t, cmd) {
		next, cmd := m.Update(msg)
		m = next.(Model)
		held = append(held, uitest.Run(t, cmd)...)
	}
	if len(st.Saved) != 1 || formOf(m) != nil {
		t.Fatalf("the first save did not go through (%d commits):\n%s", len(st.Saved), screen(m))
	}
	next, cmd = m.Update(uitest.Key("e"))
	m = next.(Model)
	if formOf(m) != nil || cmd != nil {
		t.Fatalf("e opened a form on the organisation from before the save:\n%s", screen(m))
	}
	for _, msg := range held {
		m = drive(t, m, msg)
	}
	if formOf(m) == nil {
		t.Fatalf("e, typed during the read, did nothing once it was in:\n%s", screen(m))
	}
	m = typeText(t, m, " (v3)")
	m = press(t, m, "ctrl+s")
	if want := g.Title + " (v2) (v3)"; len(st.Saved) != 2 || st.Org.Goals[g.ID].Title != want {
		t.Fatalf("the second save: %d commits, title %q, want %q:\n%s", len(st.Saved), st.Org.Goals[g.ID].Title, want, screen(m))
	}
}
