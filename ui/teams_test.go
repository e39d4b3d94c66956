package ui

import (
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
)

// On the Teams tab's pulse view, n rates working with another team: a
// pulse by one of the user's teams, for the current period, and a RACI
// item per action, in one commit.
func TestTeamsTabRatesAPair(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := press(t, newTestModel(t, st, 140, 40), "7", "v")
	if !strings.Contains(screen(m), "n rate a pair") {
		t.Fatalf("the pulse view does not offer to rate a pair:\n%s", screen(m))
	}
	m = press(t, m, "n")
	if formOf(m) == nil || !strings.Contains(screen(m), "Pulse: how working with another team went") {
		t.Fatalf("n opened no pulse form:\n%s", screen(m))
	}
	m = press(t, m, "tab", "tab", "tab", "right", "right", "right", "tab", "right", "right", "tab", "tab", "tab")
	m = typeText(t, m, "Hand-offs arrive without docs")
	m = press(t, m, "tab")
	m = typeText(t, m, "Hand-off checklist with docs; raj; 2026-12-15")
	m = press(t, m, "ctrl+s")
	if formOf(m) != nil || len(st.Saved) != 1 {
		t.Fatalf("the pulse was not saved (form open %v, saves %d):\n%s", formOf(m) != nil, len(st.Saved), screen(m))
	}
	edits := st.Saved[0].Edits
	p, ok := edits[0].New.(*model.Pulse)
	if !ok || len(edits) != 2 {
		t.Fatalf("saved %d records, first %T: want a pulse and its action's RACI item", len(edits), edits[0].New)
	}
	if p.Team != "onboarding" || p.About == "onboarding" || p.Period != "2026-Q4" || p.Author != "raj" ||
		p.Scores != (model.PulseScores{Clarity: 3, Handoffs: 2}) || p.Comment != "Hand-offs arrive without docs" {
		t.Fatalf("saved pulse %+v, want Onboarding rating another team for 2026-Q4: clarity 3, hand-offs 2, the comment", p)
	}
	r, ok := edits[1].New.(*model.RACI)
	if !ok || len(p.Actions) != 1 || p.Actions[0].RACI != r.ID || r.Subject.ID != p.ID || r.Due != "2026-12-15" || r.State != "agreed" {
		t.Fatalf("the action's RACI item %+v does not match the pulse's action %+v", edits[1].New, p.Actions)
	}
	if !strings.HasPrefix(st.Saved[0].Message, "pulse("+p.ID+"): onboarding rates "+p.About+" 2.5 for 2026-Q4; 1 action") {
		t.Fatalf("commit message %q", st.Saved[0].Message)
	}
}
