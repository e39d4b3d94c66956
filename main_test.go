package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/demo"
	"github.com/accordhq/accord/ui"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// today is the day the tests run on, whatever the real date: the demo's
// history ends on it, and the store and the TUI take it as their clock.
var today = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func clock() time.Time { return today }

// asRaj are the options of a store that Raj Patel commits to, on today.
var asRaj = []gitstore.Option{gitstore.WithClock(clock),
	gitstore.WithAuthor(gitstore.Signature{Name: "Raj Patel", Email: "raj@northwind.example"})}

// demoRepo writes the Northwind demo into a real repository that commits
// as Raj.
func demoRepo(t testing.TB) *gitstore.Store {
	t.Helper()
	cfg, commits := demo.Northwind(today)
	s, err := gitstore.WriteHistory(t.TempDir(), cfg, commits, asRaj...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// running is a program under test and everything it has drawn so far. The
// renderer only redraws cells that changed, so a wait looks for text in
// all output since the start, with escape sequences removed.
type running struct {
	*teatest.TestModel
	seen []byte
}

func startTUI(t testing.TB, s *gitstore.Store, w, h int) *running {
	return &running{TestModel: teatest.NewTestModel(t, ui.New(s, ui.WithClock(s.Now)), teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))}
}

func waitFor(t testing.TB, tm *running, what string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		if bytes.Contains([]byte(ansi.Strip(string(tm.seen)+string(b))), []byte(what)) {
			tm.seen = append(tm.seen, b...)
			return true
		}
		return false
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

// finalScreen quits and returns the last frame the program drew.
func finalScreen(t testing.TB, tm *running) string {
	t.Helper()
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}) // quits even while typing a filter
	m := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(ui.Model)
	return ansi.Strip(m.View().Content)
}

func TestTUIBrowsesTheDemoAndQuits(t *testing.T) {
	t.Parallel()
	s := demoRepo(t)
	tm := startTUI(t, s, 120, 36)
	waitFor(t, tm, "Northwind Labs")
	waitFor(t, tm, "Make every customer successful in a week")
	tm.Type("2")
	waitFor(t, tm, "sorted newest first")
	tm.Type("/CSV uploads")
	waitFor(t, tm, "substring")
	out := finalScreen(t, tm)
	for _, want := range []string{"Cap CSV uploads at 50 MB", "Decisions", "/CSV uploads"} {
		if !strings.Contains(out, want) {
			t.Errorf("last frame lacks %q:\n%s", want, out)
		}
	}
}

// TestTUIShowsADecisionsHistory reads history from a real repository: the
// decision's details say who last changed it, and h lists the commits
// that changed it, with the one that accepted it.
func TestTUIShowsADecisionsHistory(t *testing.T) {
	t.Parallel()
	s := demoRepo(t)
	org, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	var id string
	for _, d := range org.Decisions {
		if strings.HasPrefix(d.Title, "Cap CSV uploads at 50 MB") {
			id = d.ID
		}
	}
	// The demo's commit that accepted it, and the last that changed it.
	var accepted, lastBy string
	_, commits := demo.Northwind(today)
	for _, c := range commits {
		for _, r := range c.Put {
			if r.RecordID() == id {
				lastBy = org.People[c.Author].Name
				if strings.Contains(c.Message, "proposed → accepted") && strings.Contains(c.Message, id) {
					accepted = c.Message
				}
			}
		}
	}
	if id == "" || accepted == "" || lastBy == "" {
		t.Fatalf("the demo has no accepted decision %q", id)
	}

	tm := startTUI(t, s, 140, 40)
	waitFor(t, tm, "Make every customer successful in a week")
	tm.Type("2")
	waitFor(t, tm, "sorted newest first")
	tm.Type("/Cap CSV uploads at 50")
	waitFor(t, tm, "substring")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	// The line said "last changed …" while it was read: the renderer
	// redraws from the first cell that differs.
	waitFor(t, tm, "by "+lastBy+" on ")
	tm.Type("h")
	waitFor(t, tm, "History of "+id)
	waitFor(t, tm, "3 commits")
	out := finalScreen(t, tm)
	for _, want := range []string{"History of " + id, accepted, "Mei Lin", "created", "enter changes"} {
		if !strings.Contains(out, want) {
			t.Errorf("the history lacks %q:\n%s", want, out)
		}
	}
}

func TestTUIReloadsWhenAnotherProcessCommits(t *testing.T) {
	t.Parallel()
	s := demoRepo(t)
	tm := startTUI(t, s, 120, 36)
	waitFor(t, tm, "Make every customer successful in a week")

	other, err := gitstore.Open(s.Dir(), asRaj...) // another terminal running accord set
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	org, _ := other.Load()
	var mission string
	for id, g := range org.Goals {
		if g.Level == model.LevelMission {
			mission = id
		}
	}
	if _, err := other.Update(model.KindGoal, mission, func(r model.Record) error {
		r.(*model.Goal).Title = "Make every customer successful in five days"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tm, "reloaded: the repository changed")
	if out := finalScreen(t, tm); !strings.Contains(out, "Make every customer successful in five days") {
		t.Errorf("the other process's commit is not on screen:\n%s", out)
	}
}

// Target: the first frame within 500 ms of start on 10,000 records, from
// opening the repository to the organisation on screen.
func BenchmarkTUIFirstFrame10k(b *testing.B) {
	dir := b.TempDir()
	cfg, commits := demo.Synthetic(10_000, 50, 1, today)
	s, err := gitstore.WriteHistory(dir, cfg, commits, asRaj...)
	if err != nil {
		b.Fatal(err)
	}
	s.Close()
	b.ResetTimer()
	for b.Loop() {
		s, err := gitstore.Open(dir, asRaj...)
		if err != nil {
			b.Fatal(err)
		}
		tm := startTUI(b, s, 140, 40)
		waitFor(b, tm, "Goals ")
		waitFor(b, tm, " loaded ")
		tm.Quit()
		tm.WaitFinished(b, teatest.WithFinalTimeout(5*time.Second))
		s.Close()
	}
}
