package ui

import (
	"fmt"
	"testing"

	"github.com/accordhq/accord/ui/common"
	"github.com/charmbracelet/x/exp/golden"
)

// TestGoldens renders every tab of the fixture organisation (a fresh
// clone each: showing the inbox writes its mark) at 80×24 and
// 140×40, and the overlays (help, findings, a record's history and blame)
// and the conflicts view, colours stripped (the profile is pinned to plain text), and
// compares with testdata/TestGoldens/*.golden. After an intended change to
// what a screen shows, refresh them with: go test ./ui -run TestGoldens -update
func TestGoldens(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {140, 40}} {
		for _, tab := range []struct{ key, name string }{
			{"1", "goals"}, {"2", "decisions"}, {"3", "raci"}, {"4", "people"}, {"5", "inbox"}, {"6", "report"},
		} {
			t.Run(fmt.Sprintf("%s_%dx%d", tab.name, size[0], size[1]), func(t *testing.T) {
				m := newTestModel(t, northwind(t), size[0], size[1])
				m = press(t, m, tab.key) // the report renders in a command
				golden.RequireEqual(t, screen(m))
			})
		}
		// The Teams tab's views: dependencies, pulse, the stakeholder grid.
		for _, v := range []struct {
			name string
			keys []string
		}{{"teams", []string{"7"}}, {"teams_pulse", []string{"7", "v"}}, {"teams_stakeholders", []string{"7", "v", "v"}}} {
			t.Run(fmt.Sprintf("%s_%dx%d", v.name, size[0], size[1]), func(t *testing.T) {
				golden.RequireEqual(t, screen(press(t, newTestModel(t, northwind(t), size[0], size[1]), v.keys...)))
			})
		}
		t.Run(fmt.Sprintf("help_%dx%d", size[0], size[1]), func(t *testing.T) {
			golden.RequireEqual(t, screen(keys(t, newTestModel(t, northwind(t), size[0], size[1]), "?")))
		})
		t.Run(fmt.Sprintf("findings_%dx%d", size[0], size[1]), func(t *testing.T) {
			golden.RequireEqual(t, screen(keys(t, newTestModel(t, northwind(t), size[0], size[1]), "!")))
		})
		// A decision's history, the changes of the commit that accepted
		// it, and its field blame.
		for _, v := range []struct {
			name string
			keys []string
		}{{"history", []string{"h"}}, {"history_commit", []string{"h", "j", "enter"}}, {"blame", []string{"b"}}} {
			t.Run(fmt.Sprintf("%s_%dx%d", v.name, size[0], size[1]), func(t *testing.T) {
				st := northwind(t)
				m := update(t, newTestModel(t, st, size[0], size[1]), common.JumpMsg{ID: decisionTitled(t, st.Org, "Cap CSV uploads at 50 MB")})
				golden.RequireEqual(t, screen(press(t, m, v.keys...)))
			})
		}
		// A sync that left conflicts: the status line and the view.
		t.Run(fmt.Sprintf("conflicts_%dx%d", size[0], size[1]), func(t *testing.T) {
			st, _ := withConflicts(t)
			golden.RequireEqual(t, screen(press(t, newTestModel(t, st, size[0], size[1]), "C")))
		})
	}
}
