package ui

import (
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/tabs/raci"
	"github.com/accordhq/accord/ui/uitest"
)

// raciTab is the fixture at a size with the RACI tab open.
func raciTab(t *testing.T, st *uitest.Store, w, h int) Model {
	t.Helper()
	return keys(t, newTestModel(t, st, w, h), "3")
}

func raciScreen(m Model) *raci.Tab { return m.screens[tabRACI].(*raci.Tab) }

// typeText types text into the model one key at a time.
func typeText(t *testing.T, m Model, text string) Model {
	t.Helper()
	for _, r := range text {
		m = keys(t, m, string(r))
	}
	return m
}

var lineWith = uitest.LineWith

// idByTitle finds a record's ID by its title in the fixture.
func idByTitle(t *testing.T, st *uitest.Store, k model.Kind, title string) string {
	t.Helper()
	return st.IDByTitle(t, k, title)
}

func TestRACIHostileTextStaysClean(t *testing.T) {
	t.Parallel()
	st := withHostileRecords(t)
	for _, size := range [][2]int{{80, 24}, {140, 40}} {
		m := raciTab(t, st, size[0], size[1])
		m = update(t, m, common.JumpMsg{ID: "RACI-HHHHHHHH"})
		if raciScreen(m).Selected() != "RACI-HHHHHHHH" {
			t.Fatal("the hostile RACI is not selected")
		}
		checkClean(t, m, "list")
		checkClean(t, keys(t, m, "enter"), "list details")
		m = keys(t, m, "v")
		checkClean(t, m, "matrix")
		checkClean(t, keys(t, m, "enter"), "matrix details")
		m = typeText(t, keys(t, m, "/"), "hhh")
		checkClean(t, m, "matrix filtered")
		if !strings.Contains(screen(m), "hhh") {
			t.Errorf("the hostile person's column is missing:\n%s", screen(m))
		}
		m = keys(t, m, "enter", "c", "right", "right")
		checkClean(t, m, "matrix teams")
		m = keys(t, m, "esc", "c", "v")
		m = update(t, m, common.JumpMsg{ID: "HO-HHHHHHHH"})
		checkClean(t, m, "hand-offs")
		checkClean(t, keys(t, m, "enter"), "hand-off details")
		if v := raciScreen(m).View(); strings.Count(v, "\n")+1 > m.bodyHeight() {
			t.Errorf("the view is %d lines high, more than %d", strings.Count(v, "\n")+1, m.bodyHeight())
		}
	}
}

func TestRACIFitsAnySize(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	for _, size := range [][2]int{{20, 7}, {45, 12}, {60, 16}, {99, 30}, {100, 30}, {200, 60}} {
		m := raciTab(t, st, size[0], size[1])
		for _, view := range []string{"list", "matrix", "hand-offs"} {
			where := view + " at " + common.Itoa(size[0]) + "×" + common.Itoa(size[1])
			checkClean(t, m, where)
			checkClean(t, keys(t, m, "enter"), where+" details")
			checkClean(t, keys(t, m, "c", "right", "/", "a"), where+" filtering")
			if v := raciScreen(m).View(); strings.Count(v, "\n")+1 > m.bodyHeight() {
				t.Errorf("%s: the view is %d lines, more than %d", where, strings.Count(v, "\n")+1, m.bodyHeight())
			}
			m = keys(t, m, "v")
		}
	}
}
