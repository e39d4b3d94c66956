package ui

import (
	"math"
	"os"
	"runtime/debug"
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

// TestFindingsFollowTheFirstFrame: the first frame is drawn before the
// records are validated, and says so ("checking…") rather than showing
// no findings; the findings, the counts and the RACI tab's rule breaks
// then come as a checked load has them. ! meanwhile says it is still
// checking instead of "every record passes every rule".
func TestFindingsFollowTheFirstFrame(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	checked := newTestModel(t, st, 140, 40)
	if len(checked.data.Findings) == 0 {
		t.Fatal("the fixture has no findings: this test would show nothing")
	}
	m := New(st, WithClock(func() time.Time { return uitest.Today }), WithDarkBackground(true))
	m = update(t, m, tea.WindowSizeMsg{Width: 140, Height: 40})
	next, cmd := m.Update(firstLoadCmd(st, m.c.Now)())
	m = next.(Model)
	out := screen(m)
	if !strings.Contains(out, "Make every customer successful") || !strings.Contains(out, "checking…") {
		t.Fatalf("the first frame has not the goals and \"checking…\":\n%s", out)
	}
	if strings.Contains(out, "finding") || strings.Contains(out, "error") {
		t.Fatalf("the first frame counts findings before the check:\n%s", out)
	}
	if m = keys(t, m, "!"); m.top() != nil || !strings.Contains(screen(m), "still checking") {
		t.Fatalf("! before the check is done:\n%s", screen(m))
	}
	var check *checkedMsg
	for _, msg := range uitest.Run(t, cmd) {
		if c, ok := msg.(checkedMsg); ok {
			check = &c
		}
	}
	if check == nil {
		t.Fatal("the first load starts no check")
	}
	m = update(t, m, *check)
	if got, want := len(m.data.Findings), len(checked.data.Findings); got != want {
		t.Errorf("after the check: %d findings, a checked load %d", got, want)
	}
	header := func(m Model) string { line, _, _ := strings.Cut(screen(m), "\n"); return line }
	if header(m) != header(checked) || strings.Contains(screen(m), "checking…") {
		t.Errorf("after the check the header is\n%s\nnot\n%s", header(m), header(checked))
	}
	m, checked = keys(t, m, "3"), keys(t, checked, "3")
	if screen(m) != screen(checked) {
		t.Errorf("the RACI tab after the check:\n%s\na checked load's:\n%s", screen(m), screen(checked))
	}
}

// TestALateCheckIsDropped: a reload that comes before the first load's
// check was validated itself; the check, about the load before, must not
// replace its findings.
func TestALateCheckIsDropped(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := New(st, WithClock(func() time.Time { return uitest.Today }), WithDarkBackground(true))
	m = update(t, m, tea.WindowSizeMsg{Width: 140, Height: 40})
	first := firstLoadCmd(st, m.c.Now)().(loadedMsg)
	m = update(t, m, first)
	m = update(t, m, loadCmd(st, m.c.Now)())
	want := len(m.data.Findings)
	if want == 0 || m.data.Checking {
		t.Fatalf("the reload is not checked: %d findings, checking %v", want, m.data.Checking)
	}
	m = update(t, m, checkedMsg{data: first.data, findings: nil})
	if got := len(m.data.Findings); got != want || m.data.Checking {
		t.Errorf("a check of the load before changed the findings on show: %d, want %d", got, want)
	}
}

// TestTheCollectorWaitsForTheFirstFrame: from the first load until its
// frame is made the collector is stopped under a memory limit (at 100,000
// records it would otherwise start marking hundreds of megabytes beside
// the first frame), and then it is put back as it was. Not parallel: the GC
// percentage is the process's.
func TestTheCollectorWaitsForTheFirstFrame(t *testing.T) {
	if os.Getenv("GOGC") != "" {
		t.Skip("GOGC is set: the collector is left as the user set it")
	}
	gcPercent := func() int { p := debug.SetGCPercent(100); debug.SetGCPercent(p); return p }
	defer debug.SetGCPercent(debug.SetGCPercent(150))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	st := northwind(t)
	m := New(st, WithClock(func() time.Time { return uitest.Today }), WithDarkBackground(true))
	m = update(t, m, tea.WindowSizeMsg{Width: 140, Height: 40})
	msg := firstLoadCmd(st, m.c.Now)()
	if p, l := gcPercent(), debug.SetMemoryLimit(-1); p != -1 || l > 1<<30 {
		t.Fatalf("after the first load, before its frame: GC percentage %d, memory limit %d; want the collector stopped under 1 GiB", p, l)
	}
	m = update(t, m, msg)
	if p, l := gcPercent(), debug.SetMemoryLimit(-1); p != 150 || l != math.MaxInt64 {
		t.Fatalf("once the first frame is made: GC percentage %d, memory limit %d; want 150 and none back", p, l)
	}
	m = update(t, m, loadCmd(st, m.c.Now)())
	if p := gcPercent(); p != 150 {
		t.Fatalf("a reload changed the GC percentage: %d", p)
	}
}
