package ui

import (
	"strings"
	"testing"

	"github.com/accordhq/accord/ui/uitest"
)

// TestEmptyTabsSayWhatTheyHoldAndHowToStart: in an organisation with
// nothing in it, each tab says what it would hold and which key makes
// the first record, never a bare "nothing here"; and n does make one.
func TestEmptyTabsSayWhatTheyHoldAndHowToStart(t *testing.T) {
	t.Parallel()
	m := newTestModel(t, uitest.Empty(t), 80, 24)
	for _, c := range []struct {
		keys []string
		want []string
	}{
		{[]string{"1"}, []string{"No goals yet", "mission", "n creates the first one"}},
		{[]string{"2"}, []string{"No decisions yet", "options considered", "n creates the first one"}},
		{[]string{"3"}, []string{"No RACI records yet", "Accountable", "n creates the first one"}},
		{[]string{"3", "v", "v"}, []string{"No hand-offs yet", "acceptance criteria", "n creates the first one"}},
		{[]string{"4"}, []string{"No people or teams yet", "n creates the first person or team"}},
	} {
		m := keys(t, m, c.keys...)
		out := oneLine(screen(m))
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("after %v the screen lacks %q:\n%s", c.keys, w, screen(m))
			}
		}
		if strings.Contains(out, "nothing here") {
			t.Errorf("after %v the screen says nothing here:\n%s", c.keys, screen(m))
		}
	}
	m = press(t, keys(t, m, "1"), "n")
	if formOf(m) == nil || !strings.Contains(oneLine(screen(m)), "Level mission") {
		t.Fatalf("n on an empty goals tab should open a form for the mission:\n%s", screen(m))
	}
}
