package form

import (
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/uitest"
	"github.com/charmbracelet/x/ansi"
)

// letters are the keys that type s.
func letters(s string) []string { return strings.Split(s, "") }

// burst is keys as one read from the terminal delivers them.
func burst(parts ...any) []string {
	var out []string
	for _, p := range parts {
		switch p := p.(type) {
		case string:
			out = append(out, p)
		case []string:
			out = append(out, p...)
		}
	}
	return out
}

// TestTypedTextLandsInTheFieldThatHasFocus types, in every form, text
// and the keys that move between fields (tab, enter, shift+tab, across
// pages too) as one read from the terminal delivers them: every key before
// any command they return has answered. Each character must land in the
// field that had the focus when it was typed, never in the one being left
// ("Upload limit undecidedD").
func TestTypedTextLandsInTheFieldThatHasFocus(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name  string
		spec  func(st *uitest.Store) Spec
		first []string // typed and settled before the burst
		keys  []string // the burst
		check func(t *testing.T, s Spec)
	}{
		{"check-in", func(st *uitest.Store) Spec { return checkinOn(t, st) }, nil,
			burst("enter", letters("42"), "tab", letters("0.8"), "tab", letters("Upload limit undecided"), "tab", letters("Decide by Friday")),
			func(t *testing.T, s Spec) {
				d := s.(*checkinForm).draft
				if d.Value != "42" || d.Confidence != "0.8" || d.Summary != "Upload limit undecided" || d.Problems != "Decide by Friday" {
					t.Errorf("draft = %+v", d)
				}
			}},
		{"goal", func(st *uitest.Store) Spec { return NewGoal(st.Data(), "") }, nil,
			burst(letters("Cut churn"), "enter", "Z", "Q", "enter", "enter", "enter", "enter", letters("2026-Q4")),
			func(t *testing.T, s Spec) {
				if d := s.(*goalForm).draft; d.Title != "Cut churn" || d.Period != "2026-Q4" {
					t.Errorf("title %q, period %q", d.Title, d.Period)
				}
			}},
		{"decision, and back a page", func(st *uitest.Store) Spec { return NewDecision(st.Data()) }, nil,
			burst(letters("Cap uploads"), "enter", letters("Big files time out"), "tab", letters("Fast"), "tab", "shift+tab", "Z"),
			func(t *testing.T, s Spec) {
				if d := s.(*decisionForm).draft; d.Title != "Cap uploads" || d.Context != "Big files time out" || d.Drivers != "FastZ" {
					t.Errorf("title %q, context %q, drivers %q", d.Title, d.Context, d.Drivers)
				}
			}},
		{"RACI", func(st *uitest.Store) Spec { return NewRACI(st.Data()) }, nil,
			burst(letters("Launch"), "tab", "tab", letters("2026-12-01")),
			func(t *testing.T, s Spec) {
				if d := s.(*raciForm).draft; d.Title != "Launch" || d.Due != "2026-12-01" {
					t.Errorf("title %q, due %q", d.Title, d.Due)
				}
			}},
		{"hand-off", func(st *uitest.Store) Spec { return NewHandoff(st.Data()) }, nil,
			burst(letters("Wizard"), "enter", "Z"),
			func(t *testing.T, s Spec) {
				if d := s.(*handoffForm).draft; d.Title != "Wizard" {
					t.Errorf("title %q", d.Title)
				}
			}},
		{"person", func(st *uitest.Store) Spec { return NewPerson(st.Data()) }, nil,
			burst(letters("noah"), "tab", letters("Noah Berg"), "enter", letters("noah@berg.dev"), "tab", letters("Analyst")),
			func(t *testing.T, s Spec) {
				if d := s.(*personForm).draft; d.Handle != "noah" || d.Name != "Noah Berg" || d.Emails != "noah@berg.dev" || d.Role != "Analyst" {
					t.Errorf("draft = %+v", d)
				}
			}},
		{"team", func(st *uitest.Store) Spec { return NewTeam(st.Data()) }, nil,
			burst(letters("growth"), "enter", letters("Growth")),
			func(t *testing.T, s Spec) {
				if d := s.(*teamForm).draft; d.Handle != "growth" || d.Name != "Growth" {
					t.Errorf("handle %q, name %q", d.Handle, d.Name)
				}
			}},
		{"accept", func(st *uitest.Store) Spec { return newAcceptForm(st.Data(), proposedWithOptions(t, st)) }, nil,
			burst("down", "tab", "down", "tab", letters("Cheapest")),
			func(t *testing.T, s Spec) {
				if d := s.(*acceptForm).draft; d.Rationale != "Cheapest" || d.Chosen == "" {
					t.Errorf("draft = %+v", d)
				}
			}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			st := uitest.Northwind(t)
			spec := c.spec(st)
			f := open(t, st, spec)
			uitest.Press(t, f, c.first...)
			uitest.Burst(t, f, c.keys...)
			c.check(t, spec)
			if t.Failed() {
				t.Log(ansi.Strip(f.View()))
			}
		})
	}
}

// TestTypedTextLandsInTheOptionBeingEdited: the options editor's small
// form, in one read.
func TestTypedTextLandsInTheOptionBeingEdited(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	v := NewOptions(uitest.Context(), st.Data(), st, proposedWithOptions(t, st))
	v.SetSize(100, 34)
	uitest.Press(t, v, "a")
	uitest.Burst(t, v, burst(letters("Stream it"), "tab", letters("No cap"), "tab", letters("Slow"))...)
	if v.edit == nil {
		t.Fatalf("the option form closed:\n%s", ansi.Strip(v.View()))
	}
	if d := v.edit.draft; d.Title != "Stream it" || d.Good != "No cap" || d.Bad != "Slow" {
		t.Fatalf("draft = %+v\n%s", d, ansi.Strip(v.View()))
	}
}

func checkinOn(t *testing.T, st *uitest.Store) *checkinForm {
	g := goalWhere(t, st.Org, func(g *model.Goal) bool { return g.Metric != nil && g.State == "active" })
	f, err := NewCheckin(st.Data(), g)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func proposedWithOptions(t *testing.T, st *uitest.Store) *model.Decision {
	for _, id := range st.Org.IDs(model.KindDecision) {
		if d := st.Org.Decisions[id]; d.Status == model.DecisionProposed && len(d.Options) > 1 {
			return d
		}
	}
	t.Fatal("the fixture has no proposed decision with options")
	return nil
}
