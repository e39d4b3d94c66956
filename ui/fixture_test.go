package ui

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/bubbles/v2/cursor"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/demo"
	"github.com/charmbracelet/x/ansi"
)

// fixtureToday pins every date the fixture organisation and the UI use.
var fixtureToday = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// fixtureStore serves an organisation from memory: the Northwind demo as
// it stands at the end of its history, the same bytes every run. Its sync
// side is scripted: by default there is no remote; tests set a status,
// conflicts and what each Synchronize returns, and read back the calls.
type fixtureStore struct {
	org   *model.Org
	head  string
	email string

	mu     sync.Mutex
	status model.SyncStatus
	// syncs are the scripted outcomes of Synchronize, one per call; when
	// they run out it says "up to date" (or "no remote" without one).
	syncs []syncResult
	// conflicts is the merge session; resolveErr fails every Resolve.
	conflicts  []model.Conflict
	resolveErr error

	// What the UI asked for, in order.
	syncCalls    []string // the acceptHostKey of each Synchronize
	resolveCalls []resolveCall
}

// syncResult is one scripted Synchronize: its summary, its error, and the
// status it leaves behind (nil: unchanged).
type syncResult struct {
	summary string
	err     error
	after   *model.SyncStatus
}

type resolveCall struct{ id, field, how, value string }

// hostKeyErr is the shape of the store's SSH host key errors.
type hostKeyErr struct {
	host, fingerprint, known string
}

func (e *hostKeyErr) Error() string {
	if e.known != "" {
		return "the SSH host key of " + e.host + " has CHANGED: it presented " + e.fingerprint + " but " + e.known + " is on record; refusing to connect"
	}
	return "unknown SSH host " + e.host + ", key fingerprint " + e.fingerprint
}

func (e *hostKeyErr) HostKey() (string, string, bool) { return e.host, e.fingerprint, e.known != "" }

func (f *fixtureStore) Load() (*model.Org, error) { return f.org, nil }
func (f *fixtureStore) Head() (string, error)     { return f.head, nil }
func (f *fixtureStore) Dir() string               { return "/data/northwind" }
func (f *fixtureStore) User() (string, string, error) {
	return "Raj Patel", f.email, nil
}

func (f *fixtureStore) SyncStatus() model.SyncStatus {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.status
}

func (f *fixtureStore) Synchronize(_ context.Context, acceptHostKey string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.syncCalls = append(f.syncCalls, acceptHostKey)
	if len(f.syncs) == 0 {
		if f.status.Remote == "" {
			return "nothing synced", errors.New("no remote: set one with accord remote set URL")
		}
		return "up to date with " + f.status.Remote, nil
	}
	r := f.syncs[0]
	f.syncs = f.syncs[1:]
	if r.after != nil {
		f.status = *r.after
	}
	return r.summary, r.err
}

func (f *fixtureStore) Conflicts() ([]model.Conflict, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.conflicts), nil
}

// Resolve settles a conflict as the store does: the last one commits the
// merge, which leaves a commit to push and no session.
func (f *fixtureStore) Resolve(id, field, how, value string) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.resolveCalls = append(f.resolveCalls, resolveCall{id, field, how, value})
	if f.resolveErr != nil {
		return 0, f.resolveErr
	}
	found := false
	left := 0
	for i := range f.conflicts {
		c := &f.conflicts[i]
		if c.ID == id && c.Field == field {
			c.Resolution, c.Value, found = how, value, true
		}
		if !c.Resolved() {
			left++
		}
	}
	if !found {
		return 0, errors.New("no conflict on " + id + " " + field)
	}
	f.status.Conflicts = left
	if left == 0 {
		f.conflicts = nil
		f.status.Ahead++
	}
	return left, nil
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
// acts on (jumps, statuses, the sync status); ticks, batches and I/O are
// left alone.
func runQuick(cmd tea.Cmd) tea.Msg {
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		switch msg.(type) {
		case jumpMsg, statusMsg, syncStatusMsg:
			return msg
		}
	case <-time.After(5 * time.Millisecond):
	}
	return nil
}

// drive delivers a message and then every message its commands produce,
// batches taken apart, until they settle, as the program would: syncs,
// resolutions and the reloads after them. Spinner ticks, polls and cursor
// blinks, which would go on for ever, are dropped.
func drive(t testing.TB, m Model, msg tea.Msg) Model {
	t.Helper()
	queue := []tea.Msg{msg}
	for n := 0; len(queue) > 0; n++ {
		if n > 100 {
			t.Fatal("the commands never settle")
		}
		next, cmd := m.Update(queue[0])
		m = next.(Model)
		queue = append(queue[1:], runAll(cmd)...)
	}
	return m
}

// press types keys as drive delivers messages.
func press(t testing.TB, m Model, ks ...string) Model {
	t.Helper()
	for _, k := range ks {
		m = drive(t, m, keyMsg(k))
	}
	return m
}

// runAll runs a command and the commands of a batch; one that has not
// answered within seconds is a timer (a poll) and is dropped, and so are
// the ticks of the spinner and of a blinking cursor.
func runAll(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(5 * time.Second):
		return nil
	}
	switch msg := msg.(type) {
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, runAll(c)...)
		}
		return out
	case nil, spinner.TickMsg, pollMsg, cursor.BlinkMsg:
		return nil
	}
	return []tea.Msg{msg}
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
