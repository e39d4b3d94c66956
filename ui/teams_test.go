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

// e on the stakeholder grid edits the cursor's stakeholder's private
// notes: saved to the clone's map, never committed, and the grid moves
// them to their new cell.
func TestTeamsTabEditsAStakeholderPrivately(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	head := st.HeadCommit
	m := press(t, newTestModel(t, st, 140, 40), "7", "v", "v")
	if !strings.Contains(screen(m), "e edit notes") {
		t.Fatalf("the grid does not offer to edit the notes:\n%s", screen(m))
	}
	m = press(t, m, "e")
	if formOf(m) == nil || !strings.Contains(screen(m), "Stakeholder Mei Lin · private to this clone") {
		t.Fatalf("e opened no form for Mei, alone in the top-right cell:\n%s", screen(m))
	}
	m = press(t, m, "left", "ctrl+s") // power 5 → 4
	if formOf(m) != nil || st.MapWrites != 1 {
		t.Fatalf("the notes were not saved (form open %v, writes %d):\n%s", formOf(m) != nil, st.MapWrites, screen(m))
	}
	if mei := st.Map.Find("mei"); mei == nil || mei.Power != 4 || mei.Interest != 5 || mei.Notes == "" {
		t.Fatalf("saved %+v, want Mei at power 4 with her other notes kept", mei)
	}
	if len(st.SaveCalls) != 0 || st.HeadCommit != head {
		t.Fatalf("the private notes went into a commit: %d saves, head %s", len(st.SaveCalls), st.HeadCommit)
	}
	out := screen(m)
	if !strings.Contains(out, "saved: stakeholder mei (private, not committed)") {
		t.Fatalf("the status line does not say the notes were saved privately:\n%s", out)
	}
	_, rest, _ := strings.Cut(out, " P4 ")
	p4, _, _ := strings.Cut(rest, "───") // power 4's lines, down to the quadrants' border
	if !strings.Contains(p4, "Mei Lin") || strings.Contains(lineWith(out, " P5 "), "Mei Lin") {
		t.Fatalf("Mei is not in power 4's row after the save:\n%s", out)
	}
}
