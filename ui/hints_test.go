package ui

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"github.com/accordhq/accord/ui/uitest"
)

// TestEveryKeyOfferedDoesSomething: in each state a person meets (each
// tab, narrow and wide, typing a filter, a filter kept, details open, the
// overlays), every key the hints and the help offer changes what is on
// screen or starts something; none is offered that does nothing (n while
// a filter is typed, J/K with no details on screen). The keys that move
// in a list are left out: help lists them as how to move, and ↑ on the
// first row is the end of the list, not a key that does not apply.
func TestEveryKeyOfferedDoesSomething(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	for _, state := range []struct {
		name string
		w, h int
		keys []string
	}{
		{"goals", 80, 24, nil},
		{"goals wide", 140, 40, nil},
		{"goals typing a filter", 80, 24, []string{"/", "c"}},
		{"goals filtered", 140, 40, []string{"/", "c", "s", "v", "enter"}},
		{"goals details", 80, 24, []string{"enter"}},
		{"goals folded", 140, 40, []string{"-"}},
		{"decisions", 80, 24, []string{"2"}},
		{"decisions wide", 140, 40, []string{"2"}},
		{"raci", 140, 40, []string{"3"}},
		{"raci matrix", 140, 40, []string{"3", "v"}},
		{"raci hand-offs", 80, 24, []string{"3", "v", "v"}},
		{"people", 80, 24, []string{"4"}},
		{"people wide", 140, 40, []string{"4"}},
		{"inbox", 140, 40, []string{"5"}},
		{"report", 80, 24, []string{"6"}},
		{"help", 80, 24, []string{"?"}},
		{"findings", 80, 24, []string{"!"}},
		{"links", 140, 40, []string{"l"}},
	} {
		t.Run(state.name, func(t *testing.T) {
			t.Parallel()
			setup := func() Model { return press(t, newTestModel(t, st, state.w, state.h), state.keys...) }
			m := setup()
			n := m.keysNow()
			var offered []key.Binding
			for _, bs := range [][]key.Binding{n.edit, n.editMore, n.screen, n.record, n.app, n.tail} {
				offered = append(offered, bs...)
			}
			for _, b := range offered {
				if !b.Enabled() || !doesSomething(t, setup, b) {
					t.Errorf("%s: %q (%s) is offered but does nothing:\n%s", state.name, b.Help().Key, b.Help().Desc, screen(m))
				}
			}
		})
	}
}

// doesSomething reports whether one of b's keys, pressed in the state
// setup makes, changes the screen or starts a command.
func doesSomething(t *testing.T, setup func() Model, b key.Binding) bool {
	for _, k := range b.Keys() {
		m := setup()
		before := fmt.Sprint(screen(m), len(m.overlays), m.status)
		next, cmd := m.Update(uitest.Key(k))
		if len(uitest.Run(t, cmd)) > 0 {
			return true
		}
		m = next.(Model)
		if fmt.Sprint(screen(m), len(m.overlays), m.status) != before {
			return true
		}
	}
	return false
}

// TestHelpScrollsAndFinds: at 80×24 every key is in the help, by
// scrolling or by typing part of what it does.
func TestHelpScrollsAndFinds(t *testing.T) {
	t.Parallel()
	m := keys(t, newTestModel(t, northwind(t), 80, 24), "?")
	if out := screen(m); strings.Contains(out, "q quit") || !strings.Contains(out, "lines 1–") {
		t.Fatalf("want the first lines of a help that scrolls:\n%s", out)
	}
	m = keys(t, m, "G")
	if out := screen(m); !strings.Contains(out, " quit ") || !strings.Contains(out, "ctrl+r") {
		t.Fatalf("G should show the end of the help:\n%s", out)
	}
	m = keys(t, m, "g", "/", "b", "l", "a")
	out := screen(m)
	if !strings.Contains(out, "b blame") || strings.Contains(out, "n new") || strings.Contains(out, " quit ") {
		t.Fatalf("/bla should leave the keys about blame:\n%s", out)
	}
	m = keys(t, m, "enter", "esc")
	if out := screen(m); m.top() == nil || !strings.Contains(out, "n new") {
		t.Fatalf("esc clears the search and keeps the help open:\n%s", out)
	}
	if m = keys(t, m, "esc"); m.top() != nil {
		t.Fatalf("a second esc closes the help:\n%s", screen(m))
	}
	if m = keys(t, m, "?", "?"); m.top() != nil {
		t.Fatalf("? closes the help, rather than open help about help:\n%s", screen(m))
	}
}
