package ui

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/uitest"
)

// withConflicts is the fixture after a sync that left three conflicts: a
// decision's title and a goal's owner edited on both sides, and a RACI
// item edited here but deleted on the remote.
func withConflicts(t *testing.T) (*uitest.Store, []model.Conflict) {
	st := withRemote(t)
	o := st.Org
	dec := o.Decisions[o.IDs(model.KindDecision)[0]]
	goal := o.Goals[o.IDs(model.KindGoal)[1]]
	raci := o.RACIs[o.IDs(model.KindRACI)[0]]
	path := func(r model.Record) string { p, _ := model.PathOf(r.RecordKind(), r.RecordID()); return p }
	cs := []model.Conflict{
		{Kind: model.KindDecision, ID: dec.ID, Path: path(dec), FieldConflict: model.FieldConflict{
			Field: "title", Base: "Cap uploads at 50 MB", Ours: "Cap uploads at 50 MB, streamed", Theirs: "Cap uploads at 100 MB"}},
		{Kind: model.KindGoal, ID: goal.ID, Path: path(goal), FieldConflict: model.FieldConflict{
			Field: "owner", Base: "raj", Ours: "mei", Theirs: "ben"}},
		{Kind: model.KindRACI, ID: raci.ID, Path: path(raci), Rule: "edited on one side, deleted on the other",
			FieldConflict: model.FieldConflict{Field: model.RecordField, Base: "id: " + raci.ID + "\ntitle: " + raci.Title + "\n",
				Ours: "id: " + raci.ID + "\ntitle: Launch, renamed here\n"},
			Merged: "id: " + raci.ID + "\ntitle: Launch, renamed here\n",
			Fields: []model.ConflictField{{ID: raci.ID, FieldConflict: model.FieldConflict{Field: "title", Base: raci.Title,
				Ours: "Launch, renamed here"}, Merged: "Launch, renamed here"}}},
	}
	st.Session = slices.Clone(cs)
	st.SyncState.Conflicts = len(cs)
	return st, cs
}

func TestConflictsViewListsConflictsAndTheirVersions(t *testing.T) {
	t.Parallel()
	st, cs := withConflicts(t)
	for _, size := range [][2]int{{80, 24}, {140, 40}} {
		m := press(t, newTestModel(t, st, size[0], size[1]), "C")
		if conflictsOf(m) == nil {
			t.Fatal("C did not open the conflicts view")
		}
		out := screen(m)
		title := st.Org.Decisions[cs[0].ID].Title
		for _, want := range []string{"Conflicts · 3 of 3 left", cs[0].ID, cs[1].ID, cs[2].ID, "title", "owner", "whole record",
			title[:12], "base", "ours", "theirs", "Cap uploads at 50 MB", "Cap uploads at 50 MB, streamed", "Cap uploads at 100 MB"} {
			if !strings.Contains(out, want) {
				t.Errorf("%dx%d: the view lacks %q:\n%s", size[0], size[1], want, out)
			}
		}
		// Side by side when wide: ours and theirs on one line.
		sideBySide := false
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, "streamed") && strings.Contains(l, "100 MB") {
				sideBySide = true
			}
		}
		if sideBySide != (size[0] >= 100) {
			t.Errorf("%dx%d: side by side %v:\n%s", size[0], size[1], sideBySide, out)
		}
		if _, hints := lastLines(m); !strings.Contains(hints, "o keep ours") || !strings.Contains(hints, "t take theirs") || !strings.Contains(hints, "v type a value") {
			t.Errorf("hints:\n%s", hints)
		}
		for _, l := range strings.Split(out, "\n") {
			if w := len([]rune(l)); w > size[0] {
				t.Errorf("a line of %d cells on a %d-cell terminal: %q", w, size[0], l)
			}
		}
	}
}

// editing is the value typed in the conflicts view, if one is.
func editing(m Model) (string, bool) {
	if v := conflictsOf(m); v != nil {
		return v.Value()
	}
	return "", false
}

func TestResolvingConflictsInTheView(t *testing.T) {
	t.Parallel()
	st, cs := withConflicts(t)
	m := press(t, newTestModel(t, st, 80, 24), "C", "t")
	if !slices.Equal(st.ResolveCalls, []uitest.ResolveCall{{ID: cs[0].ID, Field: "title", How: "theirs"}}) {
		t.Fatalf("t: Resolve calls %v", st.ResolveCalls)
	}
	out := screen(m)
	if !strings.Contains(out, "2 left") || !strings.Contains(out, "took theirs") {
		t.Errorf("after taking theirs:\n%s", out)
	}
	// The cursor moved on to the owner conflict; v edits ours.
	if c, _ := conflictsOf(m).Selected(); c.Field != "owner" {
		t.Fatalf("the cursor is on %s, want the next open conflict", c.Field)
	}
	m = press(t, m, "v")
	if v, ok := editing(m); !ok || v != "mei" {
		t.Fatalf("v: editing %v with %q, want ours", ok, v)
	}
	// Keys are typed into the value, global ones too.
	m = press(t, m, "ctrl+u", "q", "1")
	if v, _ := editing(m); v != "q1" {
		t.Fatalf("typing: %q", v)
	}
	m = press(t, m, "ctrl+u", "raj", "enter")
	if got := st.ResolveCalls[len(st.ResolveCalls)-1]; got != (uitest.ResolveCall{ID: cs[1].ID, Field: "owner", How: "value", Value: "raj"}) {
		t.Errorf("enter: Resolve(%v), want the typed value", got)
	}
	if out := screen(m); !strings.Contains(out, "1 left") || !strings.Contains(out, "Conflicts · 1 of 3 left") {
		t.Errorf("after setting a value:\n%s", out)
	}
}

func TestTheLastConflictCommitsTheMergeAndSPushesIt(t *testing.T) {
	t.Parallel()
	st, cs := withConflicts(t)
	m := press(t, newTestModel(t, st, 80, 24), "C", "t", "o")

	// A whole-record conflict: its rule, ours or theirs, no value.
	if c, _ := conflictsOf(m).Selected(); c.Field != model.RecordField {
		t.Fatalf("the cursor is on %s, want the record conflict", c.Field)
	}
	out := screen(m)
	if !strings.Contains(out, "edited on one side, deleted on the other") || !strings.Contains(out, "deleted on the remote") ||
		!strings.Contains(out, "Launch, renamed here") || !strings.Contains(out, "merged") {
		t.Errorf("record conflict:\n%s", out)
	}
	if _, hints := lastLines(m); strings.Contains(hints, "type a value") || !strings.Contains(hints, "keep ours") ||
		!strings.Contains(hints, "edit the merged record") {
		t.Errorf("record conflict hints:\n%s", hints)
	}
	// v edits the merged record's YAML; esc leaves it unresolved.
	calls := len(st.ResolveCalls)
	m = press(t, m, "v")
	if v, ok := editing(m); !ok || v != cs[2].Merged || len(st.ResolveCalls) != calls {
		t.Errorf("v on a whole-record conflict: editing %v %q, want the merged record", ok, v)
	}
	m = press(t, m, "esc")

	// The last one commits the merge, after a yes; s pushes it.
	m = press(t, m, "o")
	if out := oneLine(screen(m)); len(st.ResolveCalls) != calls || !strings.Contains(out, "Keep ours for the last conflict") ||
		!strings.Contains(out, "makes the merge commit") {
		t.Fatalf("the last choice should ask first, saying it makes the merge commit:\n%s", screen(m))
	}
	m = press(t, m, "n")
	if len(st.ResolveCalls) != calls || conflictsOf(m) == nil {
		t.Fatalf("n should resolve nothing and keep the view:\n%s", screen(m))
	}
	m = press(t, m, "o", "y")
	if got := st.ResolveCalls[len(st.ResolveCalls)-1]; got != (uitest.ResolveCall{ID: cs[2].ID, Field: model.RecordField, How: "ours"}) {
		t.Errorf("o: Resolve(%v)", got)
	}
	out = screen(m)
	status, hints := lastLines(m)
	if !strings.Contains(status, "merge committed; press s to push") || !strings.Contains(out, "all resolved") {
		t.Errorf("after the last one:\n%s", out)
	}
	if strings.Contains(status, "conflict") || !strings.Contains(status, "↑3 ↓0") {
		t.Errorf("status after the merge:\n%s", status)
	}
	if !strings.Contains(hints, "s sync to push the merge") {
		t.Errorf("hints after the merge:\n%s", hints)
	}
	m = press(t, m, "s")
	if conflictsOf(m) != nil || len(st.SyncCalls) != 1 {
		t.Errorf("s after the merge: view open %v, syncs %v", conflictsOf(m) != nil, st.SyncCalls)
	}
}

func TestEditingAValueCanBeCancelled(t *testing.T) {
	t.Parallel()
	st, _ := withConflicts(t)
	m := press(t, newTestModel(t, st, 80, 24), "C", "v", "x", "esc")
	if _, ok := editing(m); conflictsOf(m) == nil || ok || len(st.ResolveCalls) != 0 {
		t.Errorf("esc: view %v, editing %v, calls %v", conflictsOf(m) != nil, ok, st.ResolveCalls)
	}
	m = press(t, m, "esc")
	if conflictsOf(m) != nil {
		t.Errorf("a second esc did not close the view")
	}
}

func TestMultiLineValuesAreEditedInATextArea(t *testing.T) {
	t.Parallel()
	st, cs := withConflicts(t)
	st.Session[0].Field, st.Session[0].Ours, st.Session[0].Theirs = "context", "line one\nours two", "line one\ntheirs two"
	m := press(t, newTestModel(t, st, 80, 24), "C", "v")
	if v, ok := editing(m); !ok || v != "line one\nours two" {
		t.Fatalf("v on text: editing %v, %q", ok, v)
	}
	if _, hints := lastLines(m); !strings.Contains(hints, "ctrl+s apply") {
		t.Errorf("hints:\n%s", hints)
	}
	press(t, m, "enter", "x", "ctrl+s")
	if len(st.ResolveCalls) != 1 || st.ResolveCalls[0].How != "value" || !strings.HasSuffix(st.ResolveCalls[0].Value, "\nx") ||
		st.ResolveCalls[0].ID != cs[0].ID {
		t.Errorf("ctrl+s: %v", st.ResolveCalls)
	}
}

func TestAFailedResolutionIsShownAndNothingIsLost(t *testing.T) {
	t.Parallel()
	st, _ := withConflicts(t)
	st.ResolveErr = errors.New("the merge session is locked")
	m := press(t, newTestModel(t, st, 80, 24), "C", "t")
	out := screen(m)
	if !strings.Contains(out, "the merge session is locked") || !strings.Contains(out, "3 of 3 left") {
		t.Errorf("after a failed Resolve:\n%s", out)
	}
	// The view still works.
	m = press(t, m, "j")
	if c, _ := conflictsOf(m).Selected(); c.Field != "owner" {
		t.Errorf("j after an error: on %s", c.Field)
	}
}

func TestConflictsViewWithoutConflicts(t *testing.T) {
	t.Parallel()
	st := withRemote(t)
	m := newTestModel(t, st, 80, 24)
	if _, hints := lastLines(m); strings.Contains(hints, "conflicts") {
		t.Errorf("C offered without conflicts:\n%s", hints)
	}
	m = press(t, m, "C")
	if out := screen(m); !strings.Contains(out, "No conflicts") {
		t.Errorf("C without conflicts:\n%s", out)
	}
}

// A whole record breaking a rule after the merge: the fields of every
// record involved, with base, ours, theirs and merged; v opens the merged
// record as YAML and ctrl+s hands it to Resolve as the value.
func TestRuleConflictShowsFieldsAndEditsTheMergedRecord(t *testing.T) {
	t.Parallel()
	st := withRemote(t)
	raci := st.Org.RACIs[st.Org.IDs(model.KindRACI)[0]]
	p, _ := model.PathOf(model.KindRACI, raci.ID)
	merged := "id: " + raci.ID + "\ntitle: Launch\nresponsible:\n  - raj\n"
	st.Session = []model.Conflict{{Kind: model.KindRACI, ID: raci.ID, Path: p, Records: []string{raci.ID},
		Rule:          "raci.accountable: nobody is Accountable",
		FieldConflict: model.FieldConflict{Field: model.RecordField, Base: merged, Ours: merged, Theirs: merged},
		Merged:        merged,
		Fields: []model.ConflictField{{ID: raci.ID, FieldConflict: model.FieldConflict{Field: "accountable",
			Base: "[mei, daniel]", Ours: "[daniel]", Theirs: "[mei]"}}}}}
	st.SyncState.Conflicts = 1
	for _, size := range [][2]int{{80, 30}, {140, 40}} {
		m := press(t, newTestModel(t, st, size[0], size[1]), "C")
		out := screen(m)
		for _, want := range []string{"raci.accountable", "accountable", "[mei, daniel]", "[daniel]", "[mei]", "merged", "(not set)"} {
			if !strings.Contains(out, want) {
				t.Errorf("%dx%d: the view lacks %q:\n%s", size[0], size[1], want, out)
			}
		}
		if size[0] >= 100 && !slices.ContainsFunc(strings.Split(out, "\n"), func(l string) bool {
			return strings.Contains(l, "[daniel]") && strings.Contains(l, "[mei]")
		}) {
			t.Errorf("%dx%d: ours and theirs not side by side:\n%s", size[0], size[1], out)
		}
	}
	m := press(t, newTestModel(t, st, 80, 30), "C", "v")
	if v, ok := editing(m); !ok || v != merged {
		t.Fatalf("v: editing %v %q; want the merged record", ok, v)
	}
	m = press(t, m, "ctrl+end", "enter", "accountable: mei", "ctrl+s")
	if strings.Contains(oneLine(screen(m)), "Save the record you edited") {
		m = press(t, m, "y")
	}
	if len(st.ResolveCalls) != 1 || st.ResolveCalls[0].Field != model.RecordField || st.ResolveCalls[0].How != "value" ||
		!strings.Contains(st.ResolveCalls[0].Value, "accountable: mei") || !strings.HasPrefix(st.ResolveCalls[0].Value, "id: "+raci.ID) {
		t.Errorf("ctrl+s on the edited record: %+v", st.ResolveCalls)
	}
}
