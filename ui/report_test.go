package ui

import (
	"strings"
	"testing"

	"github.com/accordhq/accord/ui/uitest"
)

func TestSixShowsTheReport(t *testing.T) {
	t.Parallel()
	m := press(t, newTestModel(t, northwind(t), 80, 24), "6")
	if out := screen(m); m.active != tabReport || !strings.Contains(out, "6 Report") || !strings.Contains(out, "status report, 2026-Q4") {
		t.Fatalf("6 went to tab %d:\n%s", m.active, out)
	}
	if _, hints := lastLines(m); !strings.Contains(hints, "p period") || !strings.Contains(hints, "scroll") {
		t.Errorf("hints:\n%s", hints)
	}
}

func TestReportTabFollowsReloads(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := press(t, newTestModel(t, st, 100, 30), "6", "p")
	st.Org.Config.Org = "Northwind Industries"
	m = drive(t, m, loadCmd(st, m.c.Now)())
	out := screen(m)
	if !strings.Contains(out, "Northwind Industries — status report, 2026-Q3") {
		t.Errorf("after a reload the report is stale or lost its period:\n%s", out)
	}
}

func TestReportRendersInACommand(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := newTestModel(t, st, 80, 24)
	// The tab asks for its rendering; until it comes, it says so.
	next, cmd := m.Update(uitest.Key("6"))
	m = next.(Model)
	if cmd == nil || !strings.Contains(screen(m), "Rendering the report…") {
		t.Fatalf("6: cmd %v\n%s", cmd != nil, screen(m))
	}
	// Asking again while it renders starts nothing more.
	if _, again := m.Update(uitest.Key("J")); again != nil {
		t.Errorf("a second rendering of the same report was started")
	}
	msgs := uitest.Run(t, cmd)
	// A load lands before the rendering: the rendering is of older data
	// and is not kept; the new one is asked for.
	st.Org.Config.Org = "Northwind Industries"
	next, cmd = m.Update(loadCmd(st, m.c.Now)())
	m = next.(Model)
	for _, msg := range msgs {
		m = drive(t, m, msg)
	}
	if !strings.Contains(screen(m), "Rendering the report…") {
		t.Errorf("a rendering of older data was shown:\n%s", screen(m))
	}
	for _, msg := range uitest.Run(t, cmd) {
		m = drive(t, m, msg)
	}
	if out := screen(m); !strings.Contains(out, "Northwind Industries — status report, 2026-Q4") {
		t.Errorf("after the new rendering:\n%s", out)
	}
}
