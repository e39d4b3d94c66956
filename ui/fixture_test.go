package ui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/editor"
	"github.com/accordhq/accord/ui/form"
	"github.com/accordhq/accord/ui/remote"
	"github.com/accordhq/accord/ui/uitest"
	"github.com/charmbracelet/x/ansi"
)

// northwind is the demo organisation in a fake store (uitest.Northwind).
func northwind(t testing.TB) *uitest.Store { return uitest.Northwind(t) }

// newTestModel is the root model over a store, sized, loaded and ready:
// the load command has run and its message been delivered.
func newTestModel(t testing.TB, st Store, width, height int) Model {
	t.Helper()
	m := New(st, WithClock(func() time.Time { return uitest.Today }), WithDarkBackground(true))
	m = update(t, m, tea.WindowSizeMsg{Width: width, Height: height})
	m = update(t, m, loadCmd(st, m.c.Now)())
	return m
}

// update delivers a message and runs the commands it returns that finish
// at once (jumps, status messages), as the program would.
func update(t testing.TB, m Model, msg tea.Msg) Model {
	t.Helper()
	queue := []tea.Msg{msg}
	for n := 0; len(queue) > 0 && n < 20; n++ {
		next, cmd := m.Update(queue[0])
		m = next.(Model)
		queue = append(queue[1:], runQuick(t, cmd)...)
	}
	return m
}

// runQuick runs a command, and the commands of a batch, and keeps the
// messages the model acts on at once (jumps, statuses, the sync status);
// loads, saves and timers are left alone.
func runQuick(t testing.TB, cmd tea.Cmd) []tea.Msg {
	var out []tea.Msg
	for _, msg := range uitest.Run(t, cmd) {
		switch msg.(type) {
		case common.JumpMsg, common.StatusMsg, remote.StatusMsg:
			out = append(out, msg)
		}
	}
	return out
}

// drive delivers a message and then every message its commands produce,
// batches taken apart, until they settle, as the program would: syncs,
// resolutions and the reloads after them. Spinner ticks, polls and cursor
// blinks, which would go on for ever, are dropped.
func drive(t testing.TB, m Model, msg tea.Msg) Model {
	t.Helper()
	queue := []tea.Msg{msg}
	for n := 0; len(queue) > 0; n++ {
		if n > 200 {
			t.Fatal("the commands never settle")
		}
		next, cmd := m.Update(queue[0])
		m = next.(Model)
		queue = append(queue[1:], uitest.Run(t, cmd)...)
	}
	return m
}

// press types keys as drive delivers messages.
func press(t testing.TB, m Model, ks ...string) Model {
	t.Helper()
	for _, k := range ks {
		m = drive(t, m, uitest.Key(k))
	}
	return m
}

// burst types keys as one read from the terminal delivers them (a paste,
// keys batched over SSH): every key before any command they return has
// answered; then the answers are delivered, as drive does.
func burst(t testing.TB, m Model, ks ...string) Model {
	t.Helper()
	var later []tea.Cmd
	for _, k := range ks {
		next, cmd := m.Update(uitest.Key(k))
		m = next.(Model)
		later = append(later, cmd)
	}
	for _, msg := range uitest.Run(t, tea.Batch(later...)) {
		m = drive(t, m, msg)
	}
	return m
}

// keys types each key into the model: "j", "enter", "ctrl+c", or text.
func keys(t testing.TB, m Model, ks ...string) Model {
	t.Helper()
	for _, k := range ks {
		m = update(t, m, uitest.Key(k))
	}
	return m
}

// screen is the rendered frame without colours.
func screen(m Model) string { return ansi.Strip(m.render()) }

// formOf, optionsOf, conflictsOf and yamlViewOf are the overlay of that
// kind open on the model, or nil.
func formOf(m Model) *form.Form             { o, _ := overlayOf[*form.Form](&m); return o }
func optionsOf(m Model) *form.Options       { o, _ := overlayOf[*form.Options](&m); return o }
func conflictsOf(m Model) *remote.Conflicts { o, _ := overlayOf[*remote.Conflicts](&m); return o }
func yamlViewOf(m Model) *editor.View       { o, _ := overlayOf[*editor.View](&m); return o }
