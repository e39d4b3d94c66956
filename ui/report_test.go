package ui

import (
	"strings"
	"testing"

	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/uitest"
	"github.com/charmbracelet/x/ansi"
)

// reportBody is the report tab's pane: the screen between the header
// line and the status line.
func reportBody(m Model) []string {
	lines := strings.Split(screen(m), "\n")
	return lines[4 : len(lines)-2]
}

func TestReportTabShowsTheReportForThePeriodAndTeam(t *testing.T) {
	t.Parallel()
	m := newTestModel(t, northwind(t), 80, 24)
	m = press(t, m, "6")
	if m.active != tabReport {
		t.Fatalf("6 went to tab %d", m.active)
	}
	out := screen(m)
	for _, want := range []string{"6 Report", "p period 2026-Q4 · t team all", "as of 23 Nov 2026",
		"Northwind Labs — status report, 2026-Q4", "1 Oct – 31 Dec 2026 · all teams", "Summary", "Needs attention"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if _, hints := lastLines(m); !strings.Contains(hints, "p period") || !strings.Contains(hints, "t team") || !strings.Contains(hints, "scroll") {
		t.Errorf("hints:\n%s", hints)
	}

	// p: the other configured period, then back to the current one.
	m = press(t, m, "p")
	out = screen(m)
	if !strings.Contains(out, "p period 2026-Q3") || !strings.Contains(out, "status report, 2026-Q3") || !strings.Contains(out, "1 Jul – 30 Sep 2026") {
		t.Errorf("after p:\n%s", out)
	}
	m = press(t, m, "p")
	if out := screen(m); !strings.Contains(out, "status report, 2026-Q4") {
		t.Errorf("p twice:\n%s", out)
	}

	// t: each team by name, then all again.
	r := m.screens[tabReport].(*report)
	first := common.TeamName(r.data.Org, r.teams[0])
	m = press(t, m, "t")
	out = screen(m)
	if !strings.Contains(out, "t team "+first) || !strings.Contains(out, "Northwind Labs · "+first+" — status report, 2026-Q4") ||
		!strings.Contains(out, first+" and the teams under it") {
		t.Errorf("after t (%s):\n%s", first, out)
	}
	for range r.teams {
		m = press(t, m, "t")
	}
	if out := screen(m); !strings.Contains(out, "t team all") || !strings.Contains(out, "all teams") {
		t.Errorf("t past the last team:\n%s", out)
	}
	// Each rendering is kept: showing one again renders nothing.
	n := len(r.rendered)
	m = press(t, m, "p", "p")
	screen(m)
	if len(r.rendered) != n {
		t.Errorf("%d renderings kept after showing one again, want %d", len(r.rendered), n)
	}
}

func TestReportScrolls(t *testing.T) {
	t.Parallel()
	m := press(t, newTestModel(t, northwind(t), 80, 24), "6")
	top := reportBody(m)
	m = press(t, m, "pgdown")
	page := reportBody(m)
	if page[0] == top[0] || strings.Join(page, "\n") == strings.Join(top, "\n") {
		t.Fatalf("pgdn did not scroll:\n%s", strings.Join(page, "\n"))
	}
	m = press(t, m, "j")
	if reportBody(m)[0] != page[1] {
		t.Errorf("j did not scroll a line: %q, want %q", reportBody(m)[0], page[1])
	}
	m = press(t, m, "G")
	r := m.screens[tabReport].(*report)
	all := strings.Split(strings.TrimSpace(ansi.Strip(r.rendered[r.key()])), "\n")
	if body := reportBody(m); strings.TrimSpace(body[len(body)-1]) != strings.TrimSpace(all[len(all)-1]) {
		t.Errorf("G did not reach the end: %q, want %q", body[len(body)-1], all[len(all)-1])
	}
	m = press(t, m, "g")
	if reportBody(m)[0] != top[0] {
		t.Errorf("g did not go back to the top")
	}
	// A new period starts from the top.
	m = press(t, m, "pgdown", "p")
	if body := reportBody(m); !strings.Contains(body[0], "status report, 2026-Q3") {
		t.Errorf("a new period kept the scroll: %q", body[0])
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
