package ui

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/uitest"
	"github.com/accordhq/accord/ui/widget"
)

// decisionWhere is the first decision of the fixture (by ID) that ok
// accepts.
func decisionWhere(t *testing.T, st *uitest.Store, ok func(*model.Decision) bool) *model.Decision {
	t.Helper()
	for _, id := range st.Org.IDs(model.KindDecision) {
		if d := st.Org.Decisions[id]; ok(d) {
			return d
		}
	}
	t.Fatal("the fixture has no such decision")
	return nil
}

func withStatus(s string) func(*model.Decision) bool {
	return func(d *model.Decision) bool { return d.Status == s }
}

// chooseMenu runs the menu item with the label, as the keys would.
func chooseMenu(t *testing.T, m Model, label string) Model {
	t.Helper()
	menu, ok := m.top().(*widget.Menu)
	if !ok {
		t.Fatalf("no menu open:\n%s", screen(m))
	}
	i := slices.IndexFunc(menu.Items(), func(it widget.MenuItem) bool { return it.Label == label })
	if i < 0 {
		t.Fatalf("the menu has no %q:\n%s", label, screen(m))
	}
	for range len(menu.Items()) {
		m = press(t, m, "up")
	}
	for range i {
		m = press(t, m, "down")
	}
	return press(t, m, "enter")
}

func lastSaved(t *testing.T, st *uitest.Store) uitest.Commit {
	t.Helper()
	if len(st.Saved) != 1 {
		t.Fatalf("commits made: %d, want 1 (save calls %d)", len(st.Saved), len(st.SaveCalls))
	}
	return st.Saved[0]
}

func TestNewDecisionStartsAsADraftDatedTodayInOneCommit(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := keys(t, newTestModel(t, st, 100, 40), "2")
	m = press(t, m, "n")
	if formOf(m) == nil || !strings.Contains(screen(m), "New decision") {
		t.Fatalf("n on Decisions opened no decision form:\n%s", screen(m))
	}
	m = typeText(t, m, "Adopt OpenTelemetry for tracing")
	m = press(t, m, "tab")
	m = typeText(t, m, "Three tracing tools, no shared view.")
	m = press(t, m, "tab")
	m = typeText(t, m, "One view of a request")
	m = press(t, m, "ctrl+j")
	m = typeText(t, m, "Vendor neutral")
	// Page 2 (driver, approver), then the decision makers on page 3.
	m = press(t, m, "tab", "tab", "tab")
	if !strings.Contains(screen(m), "Who takes part · 3 of 5") {
		t.Fatalf("tab did not page to the people taking part:\n%s", screen(m))
	}
	m = press(t, m, "x")
	m = press(t, m, "ctrl+s")
	if formOf(m) != nil {
		t.Fatalf("the form stayed open after a valid save:\n%s", screen(m))
	}
	c := lastSaved(t, st)
	if len(c.Edits) != 1 || c.Edits[0].Old != nil {
		t.Fatalf("want one new record, got %+v", c.Edits)
	}
	d := c.Edits[0].New.(*model.Decision)
	first := st.Org.IDs(model.KindPerson)[0]
	switch {
	case d.Title != "Adopt OpenTelemetry for tracing":
		t.Errorf("title = %q", d.Title)
	case d.Status != model.DecisionDraft || d.Date != "2026-11-23":
		t.Errorf("status %s dated %s, want a draft dated today", d.Status, d.Date)
	case d.Driver != "raj":
		t.Errorf("driver = %q, want me (raj)", d.Driver)
	case d.Context != "Three tracing tools, no shared view.":
		t.Errorf("context = %q", d.Context)
	case !slices.Equal(d.Drivers, []string{"One view of a request", "Vendor neutral"}):
		t.Errorf("drivers = %q, want one per line", d.Drivers)
	case !slices.Equal(d.DecisionMakers, []string{first}):
		t.Errorf("decision makers = %q, want [%s]", d.DecisionMakers, first)
	}
	if !strings.Contains(screen(m), "saved: decision("+d.ID+"): create") {
		t.Fatalf("the status line does not say what was saved:\n%s", screen(m))
	}
	if got := m.screens[tabDecisions].Selected(); got != d.ID {
		t.Fatalf("after the save the cursor is on %s, want %s", got, d.ID)
	}
}

func TestDecisionFormRefusesAMissingTitleInline(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := keys(t, newTestModel(t, st, 100, 40), "2")
	m = press(t, m, "n", "tab")
	if err := focusedError(m); err == nil || err.Error() != "a title is required" {
		t.Fatalf("leaving the title empty: field error %v, want a title is required", err)
	}
	m = press(t, m, "ctrl+s")
	if formOf(m) == nil || len(st.SaveCalls) != 0 {
		t.Fatalf("a decision without a title was saved")
	}
}

func TestEditDecisionChangesOnlyWhatWasTyped(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	// Accepted, with options, a chosen one, goals and people: everything
	// the form does not show must survive, and nothing it shows may move.
	old := decisionWhere(t, st, func(d *model.Decision) bool {
		return d.Status == model.DecisionAccepted && d.Supersedes != "" && len(d.Goals) > 0
	})
	m := onDecision(t, st, old.ID, 100, 40)
	m = press(t, m, "e")
	if formOf(m) == nil || !strings.Contains(screen(m), "Edit "+old.ID) {
		t.Fatalf("e opened no edit form:\n%s", screen(m))
	}
	m = press(t, m, "end")
	m = typeText(t, m, " (v2)")
	press(t, m, "ctrl+s")
	c := lastSaved(t, st)
	d := c.Edits[0].New.(*model.Decision)
	changes := model.Diff(old, d)
	if len(changes) != 1 || changes[0].Field != "title" || d.Title != old.Title+" (v2)" {
		t.Fatalf("want only the title changed, got %+v", changes)
	}
	if d.Status != old.Status || d.Supersedes != old.Supersedes || len(d.Options) != len(old.Options) || d.Outcome.Chosen != old.Outcome.Chosen {
		t.Fatalf("fields the form does not show changed: %+v", d)
	}
}

func TestEditingAndLeavingWithoutChangesAsksNothing(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	old := decisionWhere(t, st, withStatus(model.DecisionAccepted))
	m := onDecision(t, st, old.ID, 100, 40)
	m = press(t, m, "e")
	// Pass through every field, picked lists included.
	for range 12 {
		m = press(t, m, "tab")
	}
	m = press(t, m, "esc")
	if formOf(m) != nil {
		t.Fatalf("esc on an untouched form asked or stayed:\n%s", screen(m))
	}
}

func TestProposeFromTheMenuSavesAtOnce(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	old := decisionWhere(t, st, withStatus(model.DecisionDraft))
	m := as(t, onDecision(t, st, old.ID, 100, 40), st, old.Driver) // its driver proposes it
	m = press(t, m, "a")
	if !strings.Contains(screen(m), "Propose") {
		t.Fatalf("a shows no Propose:\n%s", screen(m))
	}
	// A draft cannot be accepted or superseded: the menu says why.
	out := screen(m)
	if !strings.Contains(out, "propose it first") || !strings.Contains(out, "cannot become superseded") {
		t.Fatalf("the menu does not say why a draft cannot be accepted or superseded:\n%s", out)
	}
	m = chooseMenu(t, m, "Propose")
	c := lastSaved(t, st)
	d := c.Edits[0].New.(*model.Decision)
	if d.Status != model.DecisionProposed || len(model.Diff(old, d)) != 1 {
		t.Fatalf("want only the status changed to proposed, got %+v", model.Diff(old, d))
	}
	if !strings.Contains(screen(m), "saved: decision("+old.ID+"): draft → proposed") {
		t.Fatalf("the status line does not name the status change:\n%s", screen(m))
	}
}

func TestAcceptWithoutOptionsIsRefusedWithTheReason(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	old := decisionWhere(t, st, withStatus(model.DecisionProposed))
	bare := *old
	bare.Options, bare.Outcome = nil, nil
	st.Org.Decisions[old.ID] = &bare
	m := onDecision(t, st, old.ID, 100, 40)
	m = press(t, m, "a")
	m = chooseMenu(t, m, "Accept")
	if m.top() == nil || formOf(m) != nil {
		t.Fatalf("accepting a decision without options opened something:\n%s", screen(m))
	}
	if !strings.Contains(screen(m), "add the options considered first") {
		t.Fatalf("the menu does not say why:\n%s", screen(m))
	}
	if len(st.SaveCalls) != 0 {
		t.Fatal("a refused move saved")
	}
}

func TestAcceptNeedsAnApproverAndAChosenOption(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	old := decisionWhere(t, st, withStatus(model.DecisionProposed))
	noApprover := *old
	noApprover.Approver = ""
	st.Org.Decisions[old.ID] = &noApprover
	m := onDecision(t, st, old.ID, 100, 40)
	m = press(t, m, "a")
	m = chooseMenu(t, m, "Accept")
	if formOf(m) == nil || !strings.Contains(screen(m), "Accept "+old.ID) {
		t.Fatalf("Accept opened no form:\n%s", screen(m))
	}
	m = press(t, m, "ctrl+s")
	out := screen(m)
	if formOf(m) == nil || len(st.SaveCalls) != 0 {
		t.Fatal("accepted without an approver or a chosen option")
	}
	if !strings.Contains(out, "names no approver") || !strings.Contains(out, "outcome.chosen is empty") {
		t.Fatalf("the form does not say what is missing:\n%s", out)
	}
	// Leaving the approver empty says so at the field.
	m = press(t, m, "tab")
	if err := focusedError(m); err == nil || err.Error() != "an accepted decision needs an approver" {
		t.Fatalf("leaving the approver empty: field error %v", err)
	}
}

func TestAcceptSavesTheApproverTheChoiceAndTodaysDate(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	old := decisionWhere(t, st, func(d *model.Decision) bool {
		return d.Status == model.DecisionProposed && d.Approver != ""
	})
	m := as(t, onDecision(t, st, old.ID, 100, 40), st, old.Approver) // its approver accepts it
	m = press(t, m, "a")
	m = chooseMenu(t, m, "Accept")
	m = press(t, m, "tab")  // the approver stays as it was
	m = press(t, m, "down") // the first option
	m = press(t, m, "tab")
	m = typeText(t, m, "Cheapest to run.")
	m = press(t, m, "ctrl+s")
	if formOf(m) != nil {
		t.Fatalf("the accept form stayed open:\n%s", screen(m))
	}
	d := lastSaved(t, st).Edits[0].New.(*model.Decision)
	switch {
	case d.Status != model.DecisionAccepted:
		t.Errorf("status = %s", d.Status)
	case d.Approver != old.Approver:
		t.Errorf("approver = %q, want %q", d.Approver, old.Approver)
	case d.Outcome == nil || d.Outcome.Chosen != old.Options[0].ID || d.Outcome.Rationale != "Cheapest to run.":
		t.Errorf("outcome = %+v, want %s and the rationale", d.Outcome, old.Options[0].ID)
	case d.Date != "2026-11-23":
		t.Errorf("date = %s, want today", d.Date)
	}
	if !strings.Contains(screen(m), "proposed → accepted") {
		t.Fatalf("the status line does not name the status change:\n%s", screen(m))
	}
}

// Superseding writes the replacement, which names the old decision; the
// old one becomes superseded only in the commit that accepts the
// replacement, so one that is rejected strands nothing. (A story in two
// saves with its checks inline: gocyclo counts each check.)
func TestSupersedeWaitsForTheReplacementToBeAccepted(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	old := decisionWhere(t, st, func(d *model.Decision) bool {
		return d.Status == model.DecisionAccepted && d.SupersededBy == "" && d.Supersedes == "" && d.Approver != ""
	})
	m := onDecision(t, st, old.ID, 100, 40)
	m = press(t, m, "a")
	m = chooseMenu(t, m, "Supersede")
	if formOf(m) == nil || !strings.Contains(screen(m), "superseding "+old.ID) || !strings.Contains(screen(m), old.Title) {
		t.Fatalf("Supersede opened no form prefilled from %s:\n%s", old.ID, screen(m))
	}
	m = press(t, m, "end")
	m = typeText(t, m, ", revisited")
	m = press(t, m, "ctrl+s")
	if formOf(m) != nil {
		t.Fatalf("the form stayed open:\n%s", screen(m))
	}
	c := lastSaved(t, st)
	if len(c.Edits) != 1 || c.Edits[0].Old != nil {
		t.Fatalf("edits in the commit: %d; want only the new decision: %s stays %s until it is accepted", len(c.Edits), old.ID, old.Status)
	}
	succ := c.Edits[0].New.(*model.Decision)
	switch {
	case succ.Title != old.Title+", revisited":
		t.Errorf("successor title = %q", succ.Title)
	case succ.Supersedes != old.ID:
		t.Errorf("%s supersedes %q, want %s", succ.ID, succ.Supersedes, old.ID)
	case len(succ.Options) != len(old.Options) || !slices.Equal(succ.Goals, old.Goals):
		t.Errorf("the successor was not prefilled: options %d of %d, goals %q", len(succ.Options), len(old.Options), succ.Goals)
	case succ.Status != model.DecisionProposed:
		t.Errorf("successor status = %s, want proposed", succ.Status)
	case succ.Outcome != nil:
		t.Errorf("the successor inherited the old choice %+v; it has yet to make its own", succ.Outcome)
	}
	if !strings.Contains(c.Message, "to supersede "+old.ID) || !strings.Contains(c.Message, old.ID+" stays accepted") {
		t.Errorf("commit message %q does not say the old decision waits", c.Message)
	}
	if &old.Options[0] == &succ.Options[0] {
		t.Error("the successor shares its options with the loaded record")
	}
	if got := m.screens[tabDecisions].Selected(); got != succ.ID {
		t.Fatalf("after the save the cursor is on %s, want the successor %s", got, succ.ID)
	}
	if st.Org.Decisions[old.ID].Status != model.DecisionAccepted {
		t.Fatalf("%s is %s before its replacement is accepted", old.ID, st.Org.Decisions[old.ID].Status)
	}

	// Its approver accepts the replacement: one commit, both decisions.
	m = as(t, m, st, succ.Approver)
	m = press(t, m, "a")
	m = chooseMenu(t, m, "Accept")
	m = press(t, m, "tab", "down", "ctrl+s")
	if len(st.Saved) != 2 {
		t.Fatalf("commits made: %d, want the replacement and its acceptance", len(st.Saved))
	}
	c = st.Saved[1]
	if len(c.Edits) != 2 {
		t.Fatalf("accepting the replacement: %d edits, want it and %s", len(c.Edits), old.ID)
	}
	was := c.Edits[1].New.(*model.Decision)
	if c.Edits[0].New.(*model.Decision).Status != model.DecisionAccepted || was.ID != old.ID ||
		was.Status != model.DecisionSuperseded || was.SupersededBy != succ.ID {
		t.Errorf("after accepting: %+v superseded by %q", was.Status, was.SupersededBy)
	}
	if !strings.Contains(c.Message, "supersedes "+old.ID) {
		t.Errorf("commit message %q does not name the superseded decision", c.Message)
	}
}

func TestSupersedingADraftIsRefusedWithTheReason(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	old := decisionWhere(t, st, withStatus(model.DecisionDraft))
	m := onDecision(t, st, old.ID, 100, 40)
	m = press(t, m, "a")
	m = chooseMenu(t, m, "Supersede")
	if formOf(m) != nil || !strings.Contains(screen(m), "a draft decision cannot become superseded") {
		t.Fatalf("superseding a draft should be refused with the reason:\n%s", screen(m))
	}
}

// optionLabels are the options' IDs in order.
func optionIDs(opts []model.Option) []string {
	var out []string
	for _, o := range opts {
		out = append(out, o.ID)
	}
	return out
}

// addOption adds an option through the editor's small form.
func addOption(t *testing.T, m Model, title, good string) Model {
	t.Helper()
	m = press(t, m, "a")
	if optionsOf(m) == nil || !strings.Contains(screen(m), "New option") {
		t.Fatalf("a opened no option form:\n%s", screen(m))
	}
	m = typeText(t, m, title)
	m = press(t, m, "enter")
	m = typeText(t, m, good)
	m = press(t, m, "enter", "enter")
	if strings.Contains(screen(m), "New option") {
		t.Fatalf("the option form did not close:\n%s", screen(m))
	}
	return m
}

func TestOptionsEditorSavesEveryChangeAsOneCommit(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	old := decisionWhere(t, st, withStatus(model.DecisionDraft))
	before := optionIDs(old.Options)
	m := onDecision(t, st, old.ID, 100, 40)
	m = press(t, m, "O")
	if optionsOf(m) == nil || !strings.Contains(screen(m), "Options of "+old.ID) {
		t.Fatalf("O opened no options editor:\n%s", screen(m))
	}
	m = addOption(t, m, "Postgres on the existing cluster", "Nothing new to run")
	m = addOption(t, m, "SQLite per tenant", "")
	out := screen(m)
	if !strings.Contains(out, "postgres-on-the") || !strings.Contains(out, "sqlite-per-tenant") {
		t.Fatalf("the new options are not listed with their IDs:\n%s", out)
	}
	// Move SQLite above Postgres and choose it.
	m = press(t, m, "K", "c")
	if !strings.Contains(lineWith(screen(m), "SQLite per tenant"), "chosen") {
		t.Fatalf("the chosen option is not marked:\n%s", screen(m))
	}
	// Delete the first option the decision had.
	m = press(t, m, "g")
	for range len(before) {
		m = press(t, m, "up")
	}
	m = press(t, m, "d")
	if !strings.Contains(screen(m), "Delete") {
		t.Fatalf("d does not ask:\n%s", screen(m))
	}
	m = press(t, m, "y")
	if len(st.SaveCalls) != 0 {
		t.Fatal("the editor saved before ctrl+s")
	}
	m = press(t, m, "ctrl+s")
	if optionsOf(m) != nil {
		t.Fatalf("the editor stayed open after a valid save:\n%s", screen(m))
	}
	c := lastSaved(t, st)
	d := c.Edits[0].New.(*model.Decision)
	want := append(slices.Clone(before[1:]), "sqlite-per-tenant", "postgres-on-the")
	if got := optionIDs(d.Options); !slices.Equal(got, want) {
		t.Fatalf("options = %q, want %q", got, want)
	}
	if d.Outcome == nil || d.Outcome.Chosen != "sqlite-per-tenant" {
		t.Fatalf("outcome = %+v, want sqlite-per-tenant chosen", d.Outcome)
	}
	if pg := d.Options[len(d.Options)-1]; !slices.Equal(pg.Good, []string{"Nothing new to run"}) {
		t.Fatalf("good points = %q", pg.Good)
	}
	for _, w := range []string{"decision(" + old.ID + "):", "add options", "remove option", `choose "SQLite per tenant"`} {
		if !strings.Contains(c.Message, w) {
			t.Errorf("commit message %q lacks %q", c.Message, w)
		}
	}
}

func TestDeletingTheChosenOptionSaysNothingIsChosen(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	old := decisionWhere(t, st, func(d *model.Decision) bool {
		return d.Status == model.DecisionDeprecated && d.Outcome != nil && d.Outcome.Chosen == d.Options[0].ID
	})
	m := onDecision(t, st, old.ID, 100, 40)
	m = press(t, m, "O", "d")
	if !strings.Contains(screen(m), "It is the chosen option") {
		t.Fatalf("deleting the chosen option does not warn:\n%s", screen(m))
	}
	m = press(t, m, "y")
	if !strings.Contains(screen(m), "nothing is chosen now") {
		t.Fatalf("no word that the choice went with it:\n%s", screen(m))
	}
	if out := screen(m); strings.Contains(out, "✓") {
		t.Fatalf("an option is still marked chosen after deleting the chosen one:\n%s", out)
	}
}

func TestOptionsEditorRefusesToUnchooseOnAnAcceptedDecision(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	old := decisionWhere(t, st, func(d *model.Decision) bool {
		return d.Status == model.DecisionAccepted && d.Outcome != nil && d.Outcome.Chosen == d.Options[0].ID
	})
	m := onDecision(t, st, old.ID, 100, 40)
	m = press(t, m, "O", "c") // unchoose
	if !strings.Contains(screen(m), "outcome.chosen is empty") {
		t.Fatalf("the rule is not shown as soon as it breaks:\n%s", screen(m))
	}
	m = press(t, m, "ctrl+s")
	if optionsOf(m) == nil || len(st.SaveCalls) != 0 {
		t.Fatal("an accepted decision was saved with nothing chosen")
	}
	press(t, m, "down", "c", "ctrl+s")
	if d := lastSaved(t, st).Edits[0].New.(*model.Decision); d.Outcome.Chosen != old.Options[1].ID {
		t.Fatalf("choosing on an accepted decision: chosen %q, want %q", d.Outcome.Chosen, old.Options[1].ID)
	}
}

func TestOptionsEditorKeepsItsChangesWhenTheSaveFails(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	st.SaveErr = errors.New("the repository is locked by another Accord (pid 4242)")
	old := decisionWhere(t, st, withStatus(model.DecisionProposed))
	m := onDecision(t, st, old.ID, 100, 40)
	m = press(t, m, "O")
	m = addOption(t, m, "Do nothing", "")
	m = press(t, m, "ctrl+s")
	if optionsOf(m) == nil {
		t.Fatal("a failed save closed the options editor")
	}
	out := screen(m)
	if !strings.Contains(out, "pid 4242") || !strings.Contains(out, "Do nothing") {
		t.Fatalf("want the error and the new option on screen:\n%s", out)
	}
	st.SaveErr = nil
	m = press(t, m, "ctrl+s")
	if optionsOf(m) != nil {
		t.Fatalf("retry did not close the editor:\n%s", screen(m))
	}
	if got := optionIDs(lastSaved(t, st).Edits[0].New.(*model.Decision).Options); !slices.Contains(got, "do-nothing") {
		t.Fatalf("options saved = %q, want do-nothing among them", got)
	}
}

func TestOptionsEditorAsksBeforeDiscarding(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	old := decisionWhere(t, st, withStatus(model.DecisionProposed))
	m := onDecision(t, st, old.ID, 100, 40)
	m = press(t, m, "O", "esc")
	if optionsOf(m) != nil {
		t.Fatal("esc with nothing changed should close at once")
	}
	m = press(t, m, "O", "J", "esc")
	if optionsOf(m) == nil || !strings.Contains(screen(m), "Discard the changes") {
		t.Fatalf("esc after a change should ask:\n%s", screen(m))
	}
	m = press(t, m, "n")
	m = press(t, m, "esc", "y")
	if optionsOf(m) != nil || len(st.SaveCalls) != 0 {
		t.Fatalf("y discards without saving: open %v, saves %d", optionsOf(m) != nil, len(st.SaveCalls))
	}
}

// The decision form is paged so that each page fits 80×24: walking
// through every field, the focused one's title is on screen, and the
// frame is exactly the terminal's height.
func TestDecisionFormFitsA80x24Terminal(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	old := decisionWhere(t, st, withStatus(model.DecisionAccepted))
	m := onDecision(t, st, old.ID, 80, 24)
	m = press(t, m, "e")
	fields := []string{"Title", "Context", "Drivers", "Driver", "Approver", "Decision makers", "Consulted",
		"Informed", "Goals", "Consequences", "Review by", "Tags", "Chosen option", "Rationale"}
	for i, f := range fields {
		out := screen(m)
		if n := strings.Count(out, "\n") + 1; n != 24 {
			t.Fatalf("field %s: the frame is %d lines, want 24", f, n)
		}
		// The focused field's title has the focus bar before it.
		if !strings.Contains(out, "┃ "+f+" ") {
			t.Fatalf("field %d (%s) is not focused on screen at 80×24:\n%s", i, f, out)
		}
		if !strings.Contains(out, "esc cancel") {
			t.Fatalf("the hints lost the way out at field %s:\n%s", f, out)
		}
		m = press(t, m, "tab")
	}
}

func TestOptionsEditorFitsA80x24Terminal(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	old := decisionWhere(t, st, func(d *model.Decision) bool { return len(d.Options) == 3 })
	m := onDecision(t, st, old.ID, 80, 24)
	m = press(t, m, "O")
	out := screen(m)
	if n := strings.Count(out, "\n") + 1; n != 24 {
		t.Fatalf("the frame is %d lines, want 24:\n%s", n, out)
	}
	for _, o := range old.Options {
		if !strings.Contains(out, o.ID) {
			t.Fatalf("option %s is not listed:\n%s", o.ID, out)
		}
	}
	for _, k := range []string{"a add", "e edit", "esc close"} {
		if !strings.Contains(out, k) {
			t.Fatalf("the hints lack %q:\n%s", k, out)
		}
	}
	m = press(t, m, "e")
	out = screen(m)
	if !strings.Contains(out, "Option 1 of 3") || !strings.Contains(out, "Bad") || !strings.Contains(out, "(an option's id never changes)") {
		t.Fatalf("the option form does not fit 80×24:\n%s", out)
	}
	// A new option without a title says so under the form.
	m = press(t, m, "esc", "a", "enter")
	if out := screen(m); !strings.Contains(out, "a title is required") || strings.Count(out, "\n")+1 != 24 {
		t.Fatalf("the missing title is not shown at 80×24:\n%s", out)
	}
}

// focusedError is the error the focused field of the open form shows.
func focusedError(m Model) error {
	if formOf(m) == nil {
		return nil
	}
	return formOf(m).FocusedField().Error()
}

// as makes the person with handle the store's user and reloads, as if
// they had opened Accord.
func as(t *testing.T, m Model, st *uitest.Store, handle string) Model {
	t.Helper()
	p := st.Org.People[handle]
	if p == nil || len(p.Emails) == 0 {
		t.Fatalf("no person %q with an e-mail", handle)
	}
	st.Name, st.Email = p.Name, p.Emails[0]
	return update(t, m, loadCmd(st, m.c.Now)())
}

// Only the approver accepts, and only the driver or a decision maker
// proposes: the a menu greys out what is not mine, saying whose it is.
func TestStepsThatAreNotMineAreGreyedWithWhoseTheyAre(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	proposed := decisionWhere(t, st, func(d *model.Decision) bool {
		return d.Status == model.DecisionProposed && d.Approver != "" && d.Approver != "raj" && len(d.Options) > 0
	})
	m := press(t, onDecision(t, st, proposed.ID, 100, 40), "a")
	if out := screen(m); !strings.Contains(out, "only the approver ("+proposed.Approver) {
		t.Fatalf("Accept on %s's decision is not greyed with the reason:\n%s", proposed.Approver, out)
	}
	before := len(st.SaveCalls)
	m = chooseMenu(t, m, "Accept")
	if formOf(m) != nil || len(st.SaveCalls) != before {
		t.Fatal("Raj could accept a decision he does not approve")
	}
}
