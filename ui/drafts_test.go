package ui

import (
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/uitest"
)

// TestQuitAsksBeforeLeavingAnEditUnsaved: an $EDITOR text that did not
// check out is listed as a draft; q (and ctrl+c) then asks, naming the
// file it stays in; n stays, y quits and the text stays listed for the
// next session.
func TestQuitAsksBeforeLeavingAnEditUnsaved(t *testing.T) {
	st := northwind(t)
	m, id, was := editingYAML(t, st, 80, 24)
	if len(st.DraftList) != 1 || st.DraftList[0].ID != id || st.DraftList[0].File != draftFile(m, id) || string(st.DraftList[0].Was) != was {
		t.Fatalf("E listed %+v, want the draft of %s", st.DraftList, id)
	}
	m = edit(t, m, id, withLine(was, 7, "ownr: mei"))
	m = press(t, m, "esc") // close the problems view: the text waits
	for _, k := range []string{"q", "ctrl+c"} {
		next, cmd := m.Update(uitest.Key(k))
		m = next.(Model)
		if cmd != nil || !strings.Contains(oneLine(screen(m)), "Quit with your edit of "+id+" not saved?") ||
			!strings.Contains(strings.Join(strings.Fields(strings.ReplaceAll(screen(m), "│", "")), ""), draftFile(m, id)) {
			t.Fatalf("%s should ask, naming the file:\n%s", k, screen(m))
		}
		m = press(t, m, "n")
		if m.top() != nil {
			t.Fatalf("n should stay:\n%s", screen(m))
		}
	}
	next, _ := m.Update(uitest.Key("q"))
	_, cmd := next.(Model).Update(uitest.Key("y"))
	if msgs := uitest.Run(t, cmd); len(msgs) != 1 || msgs[0] != (tea.QuitMsg{}) {
		t.Fatalf("y should quit, got %v", msgs)
	}
	if len(st.DraftList) != 1 {
		t.Fatalf("quitting should leave the draft listed: %+v", st.DraftList)
	}
}

// TestANewSessionOffersAnEditLeftUnsaved: a draft an earlier session
// left is offered when the repository is opened; enter takes it up (its
// text, its problems view); d y discards it and takes it off the list.
// A saved edit takes itself off the list too.
func TestANewSessionOffersAnEditLeftUnsaved(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	g := st.Org.IDs(model.KindGoal)[0]
	_, was, err := st.RecordFile(model.KindGoal, g)
	if err != nil {
		t.Fatal(err)
	}
	pattern, _ := model.DraftFilePattern(model.KindGoal, g)
	f, err := os.CreateTemp(t.TempDir(), pattern)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(withLine(string(was), 7, "ownr: mei"))
	f.Close()
	if err := st.RecordDraft(model.Draft{Kind: model.KindGoal, ID: g, File: f.Name(), Was: was, Started: uitest.Today.AddDate(0, 0, -2)}); err != nil {
		t.Fatal(err)
	}

	m := New(st, WithClock(func() time.Time { return uitest.Today }), WithDarkBackground(true))
	m = drive(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m = drive(t, m, loadCmd(st, m.c.Now)())
	out := oneLine(strings.ReplaceAll(screen(m), "│", " "))
	if !strings.Contains(out, "Edits an earlier session left unsaved") || !strings.Contains(out, g) || !strings.Contains(out, "begun 2d ago") {
		t.Fatalf("the draft left behind is not offered:\n%s", screen(m))
	}
	m = press(t, m, "enter")
	if v := yamlViewOf(m); v == nil || v.File() != f.Name() || !strings.Contains(screen(m), "Left unsaved by an earlier session") {
		t.Fatalf("enter should take the draft up:\n%s", screen(m))
	}
	m = press(t, m, "d", "y")
	if _, err := os.Stat(f.Name()); !os.IsNotExist(err) || len(st.DraftList) != 0 || hasDraft(m, g) {
		t.Fatalf("d y should remove the text and its listing: %v, %+v", err, st.DraftList)
	}
}
