package ui

import (
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
)

// TestRejectingADecisionAsksWhyAndThenAsksFirst: a ↓ enter no longer
// rejects at once. Reject opens a form that wants the reason; saving asks
// y/n, saying what will happen; the reason goes into the decision's
// outcome.rationale.
func TestRejectingADecisionAsksWhyAndThenAsksFirst(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	old := decisionWhere(t, st, func(d *model.Decision) bool { return d.Status == model.DecisionProposed && d.Approver != "" })
	m := as(t, onDecision(t, st, old.ID, 100, 40), st, old.Approver) // the approver rejects
	m = chooseMenu(t, press(t, m, "a"), "Reject")
	if formOf(m) == nil || !strings.Contains(screen(m), "Why is it rejected?") || len(st.SaveCalls) != 0 {
		t.Fatalf("Reject should ask why, saving nothing yet:\n%s", screen(m))
	}
	m = press(t, m, "ctrl+s")
	if len(st.SaveCalls) != 0 || !strings.Contains(oneLine(screen(m)), "a reason is required") && !strings.Contains(oneLine(screen(m)), "say why it is rejected") {
		t.Fatalf("a rejection without a reason should be refused:\n%s", screen(m))
	}
	m = typeText(t, m, "Too costly for Q4; revisit with the 2027 budget")
	m = press(t, m, "ctrl+s")
	if len(st.SaveCalls) != 0 || !strings.Contains(oneLine(screen(m)), "Reject "+old.ID+"? It becomes rejected, with your reason as its rationale") {
		t.Fatalf("saving should ask first, saying what happens:\n%s", screen(m))
	}
	if _, hints := lastLines(m); !strings.Contains(hints, "y save") {
		t.Errorf("the hints should say y saves: %s", hints)
	}
	m = press(t, m, "n")
	if formOf(m) == nil || len(st.SaveCalls) != 0 || !strings.Contains(screen(m), "Too costly") {
		t.Fatalf("n keeps the form and the reason, saving nothing:\n%s", screen(m))
	}
	m = press(t, m, "ctrl+s", "y")
	d := lastSaved(t, st).Edits[0].New.(*model.Decision)
	if d.Status != model.DecisionRejected || d.Outcome == nil || d.Outcome.Rationale != "Too costly for Q4; revisit with the 2027 budget" {
		t.Fatalf("saved %+v, outcome %+v", d.Status, d.Outcome)
	}
	if formOf(m) != nil {
		t.Fatalf("the form stayed open after the save:\n%s", screen(m))
	}
}

// TestDeprecatingAsksFirst: Deprecate says what will happen and saves
// only after y.
func TestDeprecatingAsksFirst(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	old := decisionWhere(t, st, func(d *model.Decision) bool { return d.Status == model.DecisionAccepted && d.Approver != "" })
	m := as(t, onDecision(t, st, old.ID, 100, 40), st, old.Approver)
	m = chooseMenu(t, press(t, m, "a"), "Deprecate")
	if out := oneLine(screen(m)); len(st.SaveCalls) != 0 || !strings.Contains(out, "Deprecate "+old.ID+"?") || !strings.Contains(out, "no longer applies") {
		t.Fatalf("Deprecate should ask first, saying what happens:\n%s", screen(m))
	}
	m = press(t, m, "n")
	if len(st.SaveCalls) != 0 || m.top() != nil {
		t.Fatalf("n should change nothing:\n%s", screen(m))
	}
	m = chooseMenu(t, press(t, m, "a"), "Deprecate")
	press(t, m, "y")
	if d := lastSaved(t, st).Edits[0].New.(*model.Decision); d.Status != model.DecisionDeprecated {
		t.Fatalf("saved status %q", d.Status)
	}
}

// TestRejectingAHandoffAsksFirst: the receiving owner's Reject says what
// will happen and saves only after y.
func TestRejectingAHandoffAsksFirst(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	st.Email = "lucia@northwind.example" // the receiving owner of the SSO runbook
	m, h := handoffTab(t, st, "SSO runbook")
	m = chooseMenu(t, press(t, m, "a"), "Reject")
	if out := oneLine(screen(m)); len(st.SaveCalls) != 0 || !strings.Contains(out, "Reject hand-off "+h.ID+"?") {
		t.Fatalf("Reject should ask first:\n%s", screen(m))
	}
	m = press(t, m, "esc")
	if len(st.SaveCalls) != 0 || m.top() != nil {
		t.Fatalf("esc should change nothing:\n%s", screen(m))
	}
	press(t, chooseMenu(t, press(t, m, "a"), "Reject"), "y")
	if next := lastSaved(t, st).Edits[0].New.(*model.Handoff); next.State != "rejected" {
		t.Fatalf("saved state %q", next.State)
	}
}
