package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/ui/tabs/goals"
)

// TestPHidesTheDetailsAndTheListTakesTheWidth: at 120 columns the goal
// titles are cut to make room for the details; P hides them, the titles
// show whole, and enter opens the details full-screen as on a narrow
// terminal; P shows them again.
func TestPHidesTheDetailsAndTheListTakesTheWidth(t *testing.T) {
	t.Parallel()
	m := newTestModel(t, northwind(t), 120, 30)
	const title = "Managers who finished the coaching programme"
	if strings.Contains(screen(m), title) {
		t.Fatalf("at 120 columns beside the details the title should be cut:\n%s", screen(m))
	}
	if _, hints := lastLines(m); !strings.Contains(hints, "P hide details") {
		t.Errorf("the hints do not offer P: %s", hints)
	}
	m = keys(t, m, "P")
	out := screen(m)
	if !strings.Contains(out, title) || strings.Contains(out, "│ mission") {
		t.Fatalf("P should hide the details and give the titles room:\n%s", out)
	}
	if _, hints := lastLines(m); !strings.Contains(hints, "P show details") || !strings.Contains(hints, "enter open") {
		t.Errorf("hints with the details hidden: %s", hints)
	}
	m = keys(t, m, "enter")
	if out := screen(m); !strings.Contains(out, "esc back to the list") {
		t.Fatalf("enter should open the details full-screen:\n%s", out)
	}
	m = keys(t, m, "esc", "P")
	if strings.Contains(screen(m), title) {
		t.Fatalf("P again should show the details beside the list:\n%s", screen(m))
	}
	// At 80 columns there is nothing beside the list to hide.
	if _, hints := lastLines(newTestModel(t, northwind(t), 80, 24)); strings.Contains(hints, "P ") {
		t.Errorf("P is offered at 80 columns: %s", hints)
	}
}

// TestTheMouseClicksTabsAndRowsAndTheWheelScrolls.
func TestTheMouseClicksTabsAndRowsAndTheWheelScrolls(t *testing.T) {
	t.Parallel()
	m := newTestModel(t, northwind(t), 140, 40)
	click := func(m Model, x, y int) Model {
		return update(t, m, tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft})
	}
	wheel := func(m Model, x, y int, b tea.MouseButton) Model {
		return update(t, m, tea.MouseWheelMsg{X: x, Y: y, Button: b})
	}
	lines := strings.Split(screen(m), "\n")
	x := strings.Index(lines[m.tabsLine()], "2 Decisions")
	if m = click(m, x+2, m.tabsLine()); m.active != tabDecisions {
		t.Fatalf("a click on 2 Decisions shows tab %d", m.active)
	}
	m = click(m, strings.Index(lines[m.tabsLine()], "1 Goals")+1, m.tabsLine())

	// The third row of the tree: the header takes the body's first line.
	want, _ := m.screens[tabGoals].(*goals.Tab).List.RowAt(2)
	row := m.bodyTop() + 1 + 2
	m = click(m, 10, row)
	if id := m.screens[tabGoals].Selected(); id != want {
		t.Fatalf("a click on the third row selected %q, want %q:\n%s", id, want, screen(m))
	}
	if m = click(m, 100, row+5); m.screens[tabGoals].Selected() != want {
		t.Fatalf("a click in the details should not move the cursor")
	}
	before := m.screens[tabGoals].Selected()
	m = wheel(m, 10, row, tea.MouseWheelDown)
	if m.screens[tabGoals].Selected() == before {
		t.Fatalf("the wheel over the list should move the cursor")
	}
	m = wheel(m, 10, row, tea.MouseWheelUp)
	if m.screens[tabGoals].Selected() != before {
		t.Fatalf("the wheel up should move it back")
	}

	// Over help, the wheel scrolls it.
	m = keys(t, newTestModel(t, northwind(t), 80, 24), "?")
	first := screen(m)
	m = wheel(m, 40, 10, tea.MouseWheelDown)
	if screen(m) == first {
		t.Fatalf("the wheel over help should scroll it:\n%s", screen(m))
	}
}
