package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/ui/uitest"
)

// TestKeysBeforeTheOtherTabsCatchUp: the first load is drawn on the tab
// on show before the other tabs take it; a key typed in that moment,
// before the message that hands it to them, still finds them loaded.
func TestKeysBeforeTheOtherTabsCatchUp(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := New(st, WithClock(func() time.Time { return uitest.Today }), WithDarkBackground(true))
	m = update(t, m, tea.WindowSizeMsg{Width: 140, Height: 40})
	next, cmd := m.Update(loadCmd(st, m.c.Now)())
	m = next.(Model)
	if len(m.behind) == 0 {
		t.Fatal("the first load went to every tab before the first frame")
	}
	if !strings.Contains(screen(m), "Make every customer successful") {
		t.Fatalf("the goals are not on the first frame:\n%s", screen(m))
	}
	var catchUp bool
	for _, msg := range uitest.Run(t, cmd) {
		_, catchUp = msg.(catchUpMsg)
		if catchUp {
			break
		}
	}
	if !catchUp {
		t.Fatal("the first load sends nothing to bring the other tabs up to date")
	}
	// "2" arrives before that message.
	m = keys(t, m, "2")
	if out := screen(m); !strings.Contains(out, "26 decisions") {
		t.Errorf("the decisions tab, opened before it caught up, is empty:\n%s", out)
	}
}
