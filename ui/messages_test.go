package ui

import (
	"errors"
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
)

// TestALongMessageIsShownWholeAndLogged: at 80 columns a failed save's
// message does not fit the status line: it is drawn whole above it,
// apart from the findings count, until the next key; m lists it, whole,
// with what was said before.
func TestALongMessageIsShownWholeAndLogged(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	st.SaveErr = errors.New("the repository is locked by another Accord (pid 4242, since 09:12); it lets go when its save is done")
	m := newTestModel(t, st, 80, 24)
	m, _ = selectGoal(t, m, func(g *model.Goal) bool { return g.Level == model.LevelKeyResult })
	m = press(t, m, "e")
	m = typeText(t, m, " (v2)")
	m = press(t, m, "ctrl+s")
	want := "not saved: the repository is locked by another Accord (pid 4242, since 09:12); it lets go when its save is done"
	out := screen(m)
	if !strings.Contains(oneLine(out), want) {
		t.Fatalf("the whole message should be on screen:\n%s", out)
	}
	lines := strings.Split(out, "\n")
	status := lines[len(lines)-2]
	if strings.Contains(status, "locked") {
		t.Fatalf("the long message was cut into the status line:\n%s", out)
	}
	if !strings.Contains(status, "4 errors") {
		t.Errorf("the findings count went from the status line: %q", status)
	}

	m = keys(t, m, "esc", "y") // leave the form
	if strings.Contains(oneLine(screen(m)), "lets go") {
		t.Fatalf("a key should dismiss the message:\n%s", screen(m))
	}
	m = keys(t, m, "m")
	out = oneLine(strings.ReplaceAll(screen(m), "│", " "))
	if !strings.Contains(out, "Messages") || !strings.Contains(out, "09:00 "+want) {
		t.Fatalf("m should list the message whole:\n%s", screen(m))
	}
	if m = keys(t, m, "esc"); m.top() != nil {
		t.Fatal("esc closes the messages")
	}
}

// TestFindingsWrap: a finding's message is whole in ! even when it is
// longer than the widest screen.
func TestFindingsWrap(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	for _, w := range []int{80, 200} {
		out := oneLine(strings.ReplaceAll(screen(keys(t, newTestModel(t, st, w, 60), "!")), "│", " "))
		// The longest finding of the demo, whole: its end is on screen.
		if !strings.Contains(out, "the limit is 6 (limits.max_accountable in accord.yaml)") &&
			!strings.Contains(out, "Consulted or Informed") {
			t.Errorf("at %d columns a finding is cut:\n%s", w, out)
		}
		if strings.Contains(out, "…") {
			t.Errorf("at %d columns a finding ends in …:\n%s", w, out)
		}
	}
}
