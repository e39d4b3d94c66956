package teams

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/uitest"
	"github.com/charmbracelet/x/ansi"
)

// show is the tab over the store's organisation in a width × height
// terminal, on view mode.
func show(st *uitest.Store, width, height, mode int) *Tab {
	t := New(uitest.Context(), st)
	uitest.Show(t, st, width, height)
	t.mode = mode
	return t
}

func screen(t *Tab) string { return ansi.Strip(t.View()) }

// goalOf is an active goal of a team whose reported health is h.
func goalOf(t *testing.T, o *model.Org, team, h string) string {
	t.Helper()
	for _, id := range o.IDs(model.KindGoal) {
		if g := o.Goals[id]; g.Team == team && g.State == "active" && (h == "" || o.Reported(id) == h) {
			return id
		}
	}
	t.Fatalf("no active goal of %s that is %q", team, h)
	return ""
}

// dependOnPlatform makes two of Onboarding's goals depend on Platform's:
// one on a goal off track (blocked), one on a goal on track.
func dependOnPlatform(t *testing.T, o *model.Org) (blocked, fine string) {
	t.Helper()
	risky, ok := goalOf(t, o, "platform", model.HealthOffTrack), goalOf(t, o, "platform", model.HealthOnTrack)
	var mine []string
	for _, id := range o.IDs(model.KindGoal) {
		if g := o.Goals[id]; g.Team == "onboarding" && g.State == "active" {
			mine = append(mine, id)
		}
	}
	if len(mine) < 2 {
		t.Fatal("Onboarding has fewer than two active goals")
	}
	o.Goals[mine[0]].DependsOn = []string{risky}
	o.Goals[mine[1]].DependsOn = []string{ok}
	return mine[0], mine[1]
}

// pulses gives Sales on Onboarding a falling pair (4 then 2.5) and
// Platform on Onboarding a steady one.
func pulses(o *model.Org) {
	add := func(id, team, about, period string, v int) {
		o.Pulses[id] = &model.Pulse{ID: id, Team: team, About: about, Period: period, Author: "raj", Date: "2026-11-01",
			Scores: model.PulseScores{Clarity: v, Handoffs: v, Responsiveness: v, Understanding: v}, Comment: "Said in the pulse of " + id}
	}
	add("PULSE-AAAAAAA1", "sales", "onboarding", "2026-Q3", 4)
	add("PULSE-AAAAAAA2", "sales", "onboarding", "2026-Q4", 2)
	o.Pulses["PULSE-AAAAAAA2"].Scores.Clarity = 4 // 2.5 on average
	add("PULSE-AAAAAAA3", "platform", "onboarding", "2026-Q3", 4)
	add("PULSE-AAAAAAA4", "platform", "onboarding", "2026-Q4", 4)
}

// moveTo types the arrows that take the cursor from the top left to row r,
// column c.
func moveTo(t *testing.T, tab *Tab, r, c int) {
	t.Helper()
	for range r {
		uitest.Type(t, tab, "down")
	}
	for range c {
		uitest.Type(t, tab, "right")
	}
}

// The matrix counts the goals of a team that depend on another's and how
// many of them are blocked; enter lists the goals behind the cell, and
// choosing one jumps to it.
func TestDependencyMatrixCountsAndOpensACell(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	blocked, fine := dependOnPlatform(t, st.Org)
	tab := show(st, 80, 24, viewDeps)
	out := screen(tab)
	if !strings.Contains(out, "2 goals depend on other teams, 1 blocked") {
		t.Fatalf("the heading does not count the dependencies:\n%s", out)
	}
	r, c := -1, -1
	for i, id := range tab.deps.teams {
		switch id {
		case "onboarding":
			r = i
		case "platform":
			c = i
		}
	}
	if r < 0 || c < 0 {
		t.Fatalf("the matrix's teams %v lack Onboarding or Platform", tab.deps.teams)
	}
	row := uitest.LineWith(out, "2 1!")
	if !strings.HasPrefix(strings.TrimSpace(row), "Onboarding") {
		t.Fatalf("Onboarding's row does not show 2 goals, 1 blocked: %q\n%s", row, out)
	}
	// The cursor starts on the busiest cell; from the top left, the arrows
	// reach it too.
	tab.deps.row, tab.deps.col = 0, 0
	moveTo(t, tab, r, c)
	out = screen(tab)
	if !strings.Contains(out, "Onboarding depends on Platform: 2 goals, 1 blocked") {
		t.Fatalf("the cell's details are missing:\n%s", out)
	}
	msgs := uitest.Type(t, tab, "enter")
	if len(msgs) != 1 {
		t.Fatalf("enter brought %d messages, want the picker", len(msgs))
	}
	push, ok := msgs[0].(common.PushMsg)
	if !ok {
		t.Fatalf("enter brought %T, want a picker to open", msgs[0])
	}
	push.Overlay.SetSize(80, 19)
	view := ansi.Strip(push.Overlay.View())
	o := st.Org
	for _, want := range []string{"Goals of Onboarding that depend on Platform", o.Goals[blocked].Title[:20], o.Goals[fine].Title[:20], "blocked by"} {
		if !strings.Contains(view, want) {
			t.Errorf("the picker lacks %q:\n%s", want, view)
		}
	}
	cmd, _ := push.Overlay.Update(uitest.Key("enter"))
	if got := uitest.Run(t, cmd); len(got) != 1 || got[0] != (common.JumpMsg{ID: blocked}) && got[0] != (common.JumpMsg{ID: fine}) {
		t.Fatalf("enter in the picker brought %v, want a jump to one of the goals", got)
	}
}

// The pair whose pulse fell most is called out on the dependencies view
// and heads the pulse view, marked falling, with its scores by dimension.
func TestPulseTrendsCallOutTheFallingPair(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	dependOnPlatform(t, st.Org)
	pulses(st.Org)
	tab := show(st, 80, 24, viewDeps)
	if out := screen(tab); !strings.Contains(out, "Worst pulse: Sales on Onboarding 4.0 → 2.5 (-1.5), falling") {
		t.Fatalf("the dependencies view does not call out the falling pair:\n%s", out)
	}
	uitest.Type(t, tab, "v")
	out := screen(tab)
	first := uitest.LineWith(out, " on ")
	for _, want := range []string{"Sales on Onboarding", "4.0 → 2.5", "-1.5", "falling"} {
		if !strings.Contains(out, want) || !strings.Contains(uitest.LineWith(out, "▌"), "Sales on Onboarding") {
			t.Fatalf("the pulse view does not put the falling pair first with %q (first pair %q):\n%s", want, first, out)
		}
	}
	if !strings.Contains(out, "clarity of asks") || !strings.Contains(uitest.LineWith(out, "quality of hand-offs"), "4.0      2.0") {
		t.Fatalf("the pair's scores by dimension are missing:\n%s", out)
	}
	if tab.Selected() != "PULSE-AAAAAAA2" {
		t.Fatalf("selected %q, want the pair's latest pulse", tab.Selected())
	}
	uitest.Type(t, tab, "down")
	if out := screen(tab); !strings.Contains(uitest.LineWith(out, "▌"), "Platform on Onboarding") {
		t.Fatalf("down does not move to the next pair:\n%s", out)
	}
}

// read runs the command that reads the map and hands the tab its answer.
func read(t *testing.T, tab *Tab) {
	t.Helper()
	for _, msg := range uitest.Run(t, tab.Pending()) {
		tab.Update(msg)
	}
}

// The stakeholder grid places each person by power and interest, marks
// and lists the overdue touchpoint, warns about proposed decisions that
// leave out someone who matters, and opens one for its notes.
func TestStakeholderGrid(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	tab := show(st, 80, 24, viewStakeholders)
	if !strings.Contains(screen(tab), "Reading your stakeholder map") {
		t.Fatalf("before the read the view does not say it is reading:\n%s", screen(tab))
	}
	read(t, tab)
	out := screen(tab)
	p5 := uitest.LineWith(out, " P5 ")
	if !strings.Contains(p5, "Mei Lin") || !strings.Contains(p5, "!Jonas Weber") || !strings.Contains(p5, "Amara") {
		t.Fatalf("power 5's row lacks Amara, Jonas (overdue) or Mei: %q\n%s", p5, out)
	}
	if i, j := strings.Index(p5, "Amara"), strings.Index(p5, "Mei Lin"); i > j {
		t.Fatalf("interest does not grow to the right: %q", p5)
	}
	if !strings.Contains(out, "Touchpoints overdue (1)") || !strings.Contains(uitest.LineWith(out, "! Jonas Weber"), "3 days ago") {
		t.Fatalf("the overdue touchpoint is not listed:\n%s", out)
	}
	if !strings.Contains(out, "Not consulted (") {
		t.Fatalf("no warning about decisions that do not consult who matters:\n%s", out)
	}
	// The cursor starts in the top-right corner, on Mei Lin alone.
	msgs := uitest.Type(t, tab, "enter")
	push, ok := msgs[0].(common.PushMsg)
	if len(msgs) != 1 || !ok {
		t.Fatalf("enter on Mei's cell brought %v, want her notes", msgs)
	}
	push.Overlay.SetSize(80, 40)
	view := uitest.OneLine(ansi.Strip(push.Overlay.View()))
	for _, want := range []string{"Mei Lin · Manage closely", "Stance supporter", "Aligned on the CSV work", "never committed"} {
		if !strings.Contains(view, want) {
			t.Errorf("Mei's notes lack %q:\n%s", want, view)
		}
	}
	// Power 5 and interest 4 holds Jonas alone; interest 3 holds Amara.
	uitest.Type(t, tab, "left", "left")
	msgs = uitest.Type(t, tab, "enter")
	push = msgs[0].(common.PushMsg)
	push.Overlay.SetSize(80, 19)
	if view := ansi.Strip(push.Overlay.View()); !strings.Contains(view, "Amara Okafor · Keep satisfied") {
		t.Fatalf("enter two cells left does not open Amara's notes:\n%s", view)
	}
}

// An encrypted map waits for its passphrase: a wrong one says so and
// keeps waiting; the right one shows the grid.
func TestStakeholderMapAsksForItsPassphrase(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	st.Passphrase = "correct horse"
	tab := show(st, 80, 24, viewStakeholders)
	read(t, tab)
	if out := screen(tab); !strings.Contains(out, "Your stakeholder map is encrypted") {
		t.Fatalf("the locked map does not say it is encrypted:\n%s", out)
	}
	try := func(pass string) []tea.Msg {
		msgs := uitest.Type(t, tab, "enter")
		p := msgs[0].(common.PushMsg).Overlay
		p.SetSize(80, 19)
		var cmd tea.Cmd
		for _, r := range pass {
			p.Update(uitest.Key(string(r)))
		}
		if strings.Contains(ansi.Strip(p.View()), pass) {
			t.Fatalf("the passphrase is echoed:\n%s", ansi.Strip(p.View()))
		}
		cmd, done := p.Update(uitest.Key("enter"))
		if !done {
			t.Fatal("enter left the passphrase prompt open")
		}
		var out []tea.Msg
		for _, msg := range uitest.Run(t, cmd) {
			_, c := tab.Update(msg)
			out = append(out, uitest.Run(t, c)...)
		}
		return out
	}
	if msgs := try("wrong"); len(msgs) != 1 || !msgs[0].(common.StatusMsg).Err {
		t.Fatalf("a wrong passphrase brought %v, want an error in the status line", msgs)
	}
	if !strings.Contains(screen(tab), "encrypted") {
		t.Fatalf("after a wrong passphrase the map shows:\n%s", screen(tab))
	}
	try("correct horse")
	if out := screen(tab); !strings.Contains(uitest.LineWith(out, " P5 "), "Mei Lin") {
		t.Fatalf("the right passphrase does not show the grid:\n%s", out)
	}
}
