package ui

import (
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
	"github.com/charmbracelet/x/ansi"
)

// A hostile goal title is shown clean on the Goals tab, in every frame,
// which keeps its size.
func TestGoalsHostileTitleStaysClean(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	o := st.Org
	var objective string
	for _, id := range o.IDs(model.KindGoal) {
		if g := o.Goals[id]; g.Title == "Cut time to first value" && g.Period == "2026-Q4" {
			objective = id
		}
	}
	title := "Evil \x1b[2J\u202etxt.exe " + strings.Repeat("W", 5000)
	o.Add(&model.Goal{ID: "GOAL-EVIL0001", Title: title, Description: title + "\n\x1b]52;c;aGk=\x07" + title,
		Level: model.LevelKeyResult, Parent: objective, Owner: "raj", Team: "onboarding", Period: "2026-Q4", State: "active",
		Metric: &model.Metric{Unit: "\x1b[31mdays\u202e", Baseline: 1, Target: 2, Direction: "increase"}}, nil)
	o.Index()
	for _, size := range [][2]int{{80, 24}, {140, 40}, {100, 30}} {
		m := newTestModel(t, st, size[0], size[1])
		m.screens[tabGoals].Select("GOAL-EVIL0001")
		views := []Model{m, keys(t, m, "enter"), keys(t, m, "enter", "J", "J")}
		for i, v := range views {
			raw := v.render()
			out := screen(v)
			if !strings.Contains(out, "Evil") {
				t.Errorf("%dx%d view %d: the goal is not shown:\n%s", size[0], size[1], i, out)
			}
			if strings.ContainsAny(out, "\x1b\u202e\x07") || strings.Contains(out, "[2J") || strings.Contains(out, "]52;") {
				t.Errorf("%dx%d view %d: escape or bidi text reached the screen:\n%q", size[0], size[1], i, out)
			}
			lines := strings.Split(raw, "\n")
			if len(lines) != size[1] {
				t.Errorf("%dx%d view %d: %d lines", size[0], size[1], i, len(lines))
			}
			for n, line := range lines {
				if w := ansi.StringWidth(line); w > size[0] {
					t.Errorf("%dx%d view %d: line %d is %d cells wide", size[0], size[1], i, n, w)
				}
			}
		}
	}
}

// TestFilterThenActActsOnAMatch: /csv enter leaves the cursor on the
// first goal that matches, not on the dimmed mission above it, so u
// opens a check-in on that goal; on a dimmed ancestor the editing keys
// are not offered, and pressing one says why instead of acting.
func TestFilterThenActActsOnAMatch(t *testing.T) {
	t.Parallel()
	m := keys(t, newTestModel(t, northwind(t), 80, 24), "/", "c", "s", "v", "enter")
	id := m.screens[tabGoals].Selected()
	g := m.data.Org.Goals[id]
	if g == nil || !strings.Contains(strings.ToLower(g.Title), "csv") {
		t.Fatalf("after /csv enter the cursor is on %q, want the first goal that matches:\n%s", id, screen(m))
	}
	m = press(t, m, "u")
	if formOf(m) == nil || !strings.Contains(screen(m), "Check in on "+id) {
		t.Fatalf("u should check in on %s:\n%s", id, screen(m))
	}
	m = press(t, m, "esc")

	m = keys(t, m, "g") // the dimmed mission at the top
	if m.screens[tabGoals].Selected() != "" {
		t.Fatalf("a dimmed ancestor counts as selected:\n%s", screen(m))
	}
	if hints := lastLine(screen(m)); strings.Contains(hints, "u check in") || strings.Contains(hints, "e edit") {
		t.Errorf("the hints offer editing on a dimmed row: %q", hints)
	}
	m = press(t, m, "u")
	if formOf(m) != nil || !strings.Contains(oneLine(screen(m)), "is dimmed") {
		t.Fatalf("u on a dimmed row should say why it does nothing:\n%s", screen(m))
	}

	// The health filter, too, puts the cursor on a match.
	m = keys(t, m, "esc", "g", "H")
	if id := m.screens[tabGoals].Selected(); id == "" || m.data.Org.Health(id) != model.HealthAtRisk {
		t.Fatalf("after H the cursor is on %q, want an at-risk goal:\n%s", id, screen(m))
	}
}

// lastLine is the last line of a screen: the key hints.
func lastLine(out string) string { return out[strings.LastIndex(out, "\n")+1:] }
