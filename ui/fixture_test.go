package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/demo"
	"github.com/charmbracelet/x/ansi"
)

// fixtureToday pins every date the fixture organisation and the UI use.
var fixtureToday = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// fixtureStore serves an organisation from memory: the Northwind demo as
// it stands at the end of its history, the same bytes every run.
type fixtureStore struct {
	org   *model.Org
	head  string
	email string
}

func (f *fixtureStore) Load() (*model.Org, error) { return f.org, nil }
func (f *fixtureStore) Head() (string, error)     { return f.head, nil }
func (f *fixtureStore) Dir() string               { return "/data/northwind" }
func (f *fixtureStore) User() (string, string, error) {
	return "Raj Patel", f.email, nil
}

// The fixture has no remote: sync state is empty and syncing says so.
func (f *fixtureStore) SyncStatus() model.SyncStatus { return model.SyncStatus{} }
func (f *fixtureStore) Synchronize(context.Context, string) (string, error) {
	return "", errors.New("no remote: set one with accord remote set URL")
}
func (f *fixtureStore) Conflicts() ([]model.Conflict, error) { return nil, nil }
func (f *fixtureStore) Resolve(id, field, how, value string) (int, error) {
	return 0, errors.New("nothing to resolve")
}

// northwind builds the demo organisation in memory, as of fixtureToday.
func northwind(t testing.TB) *fixtureStore {
	t.Helper()
	cfg, commits := demo.Northwind(fixtureToday)
	org := model.NewOrg()
	org.Config = cfg
	for _, c := range commits {
		for _, r := range c.Put {
			p, err := model.PathOf(r.RecordKind(), r.RecordID())
			if err != nil {
				t.Fatal(err)
			}
			org.Add(r, &model.Source{Path: p})
		}
		for _, id := range c.Delete {
			org.Remove(id)
		}
	}
	org.Index()
	return &fixtureStore{org: org, head: "0123456789abcdef", email: "raj@northwind.example"}
}

// newTestModel is the root model over a store, sized, loaded and ready:
// the load command has run and its message been delivered.
func newTestModel(t testing.TB, st Store, width, height int) Model {
	t.Helper()
	m := New(st, WithClock(func() time.Time { return fixtureToday }), WithDarkBackground(true))
	m = update(t, m, tea.WindowSizeMsg{Width: width, Height: height})
	m = update(t, m, loadCmd(st, m.c.Now)())
	return m
}

// update delivers a message and runs the commands it returns that finish
// at once (jumps, status messages), as the program would.
func update(t testing.TB, m Model, msg tea.Msg) Model {
	t.Helper()
	next, cmd := m.Update(msg)
	m = next.(Model)
	for range 5 {
		if cmd == nil {
			break
		}
		out := runQuick(cmd)
		if out == nil {
			break
		}
		next, cmd = m.Update(out)
		m = next.(Model)
	}
	return m
}

// runQuick runs a command if it answers at once with a message the model
// acts on (jumps, statuses); ticks, batches and I/O are left alone.
func runQuick(cmd tea.Cmd) tea.Msg {
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		switch msg.(type) {
		case jumpMsg, statusMsg:
			return msg
		}
	case <-time.After(5 * time.Millisecond):
	}
	return nil
}

// keys types each key into the model: "j", "enter", "ctrl+c", or text.
func keys(t testing.TB, m Model, ks ...string) Model {
	t.Helper()
	for _, k := range ks {
		m = update(t, m, keyMsg(k))
	}
	return m
}

func keyMsg(k string) tea.KeyPressMsg {
	special := map[string]rune{"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab,
		"backspace": tea.KeyBackspace, "up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft,
		"right": tea.KeyRight, "space": tea.KeySpace, "home": tea.KeyHome, "end": tea.KeyEnd,
		"pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp}
	if r, ok := special[k]; ok {
		return tea.KeyPressMsg{Code: r}
	}
	if k == "shift+tab" {
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	}
	if c, ok := strings.CutPrefix(k, "ctrl+"); ok {
		return tea.KeyPressMsg{Code: rune(c[0]), Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// screen is the rendered frame without colours.
func screen(m Model) string { return ansi.Strip(m.render()) }
