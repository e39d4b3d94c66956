package report

import (
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/uitest"
	"github.com/charmbracelet/x/ansi"
)

// show is the tab over the store's organisation in a width × height
// terminal, its report rendered.
func show(t *testing.T, st *uitest.Store, width, height int) *Tab {
	t.Helper()
	r := New(uitest.Context())
	uitest.Show(r, st, width, height)
	return renderTab(t, r)
}

// press types keys into the tab, then renders what it asks for, as the
// root does while the tab is on show.
func press(t *testing.T, r *Tab, ks ...string) *Tab {
	t.Helper()
	for _, k := range ks {
		uitest.Type(t, r, k)
		renderTab(t, r)
	}
	return r
}

func renderTab(t *testing.T, r *Tab) *Tab {
	t.Helper()
	for _, msg := range uitest.Run(t, r.Pending()) {
		r.Update(msg)
	}
	return r
}

// screen is the tab as drawn, without colours.
func screen(r *Tab) string { return ansi.Strip(r.View()) }

// reportBody is the tab's pane: its lines under the header line.
func reportBody(r *Tab) []string { return strings.Split(screen(r), "\n")[1:] }

func TestReportTabShowsTheReportForThePeriodAndTeam(t *testing.T) {
	t.Parallel()
	r := show(t, uitest.Northwind(t), 80, 24)
	out := screen(r)
	for _, want := range []string{"p period 2026-Q4 · t team all", "as of 23 Nov 2026",
		"Northwind Labs — status report, 2026-Q4", "1 Oct – 31 Dec 2026 · all teams", "Executive summary", "Needs attention"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	var help []string
	for _, b := range r.Keys() {
		help = append(help, b.Help().Key+" "+b.Help().Desc)
	}
	for _, want := range []string{"p period", "t team"} {
		if !slices.Contains(help, want) {
			t.Errorf("keys %q lack %q", help, want)
		}
	}
	if !slices.ContainsFunc(r.Keys(), func(b key.Binding) bool { return strings.Contains(b.Help().Desc, "scroll") }) {
		t.Errorf("keys %q offer no scrolling", help)
	}

	// p: the other configured period, then back to the current one.
	out = screen(press(t, r, "p"))
	if !strings.Contains(out, "p period 2026-Q3") || !strings.Contains(out, "status report, 2026-Q3") || !strings.Contains(out, "1 Jul – 30 Sep 2026") {
		t.Errorf("after p:\n%s", out)
	}
	if out := screen(press(t, r, "p")); !strings.Contains(out, "status report, 2026-Q4") {
		t.Errorf("p twice:\n%s", out)
	}

	// t: each team by name, then all again.
	first := common.TeamName(r.data.Org, r.teams[0])
	out = screen(press(t, r, "t"))
	if !strings.Contains(out, "t team "+first) || !strings.Contains(out, "Northwind Labs · "+first+" — status report, 2026-Q4") ||
		!strings.Contains(out, first+" and the teams under it") {
		t.Errorf("after t (%s):\n%s", first, out)
	}
	for range r.teams {
		press(t, r, "t")
	}
	if out := screen(r); !strings.Contains(out, "t team all") || !strings.Contains(out, "all teams") {
		t.Errorf("t past the last team:\n%s", out)
	}
	// Each rendering is kept: showing one again renders nothing.
	n := len(r.rendered)
	press(t, r, "p", "p")
	if len(r.rendered) != n {
		t.Errorf("%d renderings kept after showing one again, want %d", len(r.rendered), n)
	}
}

func TestReportScrolls(t *testing.T) {
	t.Parallel()
	r := show(t, uitest.Northwind(t), 80, 24)
	top := reportBody(r)
	page := reportBody(press(t, r, "pgdown"))
	if page[0] == top[0] || strings.Join(page, "\n") == strings.Join(top, "\n") {
		t.Fatalf("pgdn did not scroll:\n%s", strings.Join(page, "\n"))
	}
	if body := reportBody(press(t, r, "j")); body[0] != page[1] {
		t.Errorf("j did not scroll a line: %q, want %q", body[0], page[1])
	}
	press(t, r, "G")
	all := strings.Split(strings.TrimSpace(ansi.Strip(r.rendered[r.key()])), "\n")
	if body := reportBody(r); strings.TrimSpace(body[len(body)-1]) != strings.TrimSpace(all[len(all)-1]) {
		t.Errorf("G did not reach the end: %q, want %q", body[len(body)-1], all[len(all)-1])
	}
	if reportBody(press(t, r, "g"))[0] != top[0] {
		t.Errorf("g did not go back to the top")
	}
	// A new period starts from the top.
	if body := reportBody(press(t, r, "pgdown", "p")); !strings.Contains(body[0], "status report, 2026-Q3") {
		t.Errorf("a new period kept the scroll: %q", body[0])
	}
}
