package ui

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"reflect"
	"runtime"
	"slices"
	"strconv"
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

	// commits are the demo's, which History and Blame answer from (none
	// for a synthetic organisation: every history is empty). history and
	// blame script a record's answers instead; the errors fail every call.
	commits              []demo.Commit
	history              map[string][]model.HistoryEntry
	blame                map[string][]model.FieldBlame
	historyErr, blameErr error
	indexErr             error

	historyCalls []historyCall
	blameCalls   []string // record IDs
	indexCalls   int

	// The editing side: saveErr fails every save (a held lock, a full
	// disk); saveCalls are the saves asked for, saved the commits made,
	// rawSaves the files saved byte for byte.
	saveErr   error
	saveCalls []fixtureCommit
	saved     []fixtureCommit
	rawSaves  []string
}

type historyCall struct {
	kind model.Kind
	id   string
	opts model.HistoryOptions
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

// History answers as gitstore does, newest first: a scripted history, or
// the one the demo's commits give the record.
func (f *fixtureStore) History(k model.Kind, id string, opts model.HistoryOptions) ([]model.HistoryEntry, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.historyCalls = append(f.historyCalls, historyCall{k, id, opts})
	if f.historyErr != nil {
		return nil, f.historyErr
	}
	es, ok := f.history[id]
	if !ok {
		es = f.demoHistory(id)
	}
	if opts.Limit > 0 && len(es) > opts.Limit {
		es = es[:opts.Limit]
	}
	return slices.Clone(es), nil
}

// Blame answers with a scripted blame, or the commit of the demo that
// last changed each field of the record as it is now.
func (f *fixtureStore) Blame(k model.Kind, id string) ([]model.FieldBlame, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.blameCalls = append(f.blameCalls, id)
	if f.blameErr != nil {
		return nil, f.blameErr
	}
	if fs, ok := f.blame[id]; ok {
		return slices.Clone(fs), nil
	}
	r, ok := f.org.Get(id)
	hist := f.demoHistory(id)
	if !ok || len(hist) == 0 {
		return nil, errors.New("blame " + id + ": it does not exist at HEAD")
	}
	var out []model.FieldBlame
	for _, fv := range model.Flatten(r) {
		c := hist[len(hist)-1].Commit
		for _, e := range hist {
			if slices.ContainsFunc(e.Changes, func(ch model.Change) bool { return ch.Field == fv.Field }) {
				c = e.Commit
				break
			}
		}
		out = append(out, model.FieldBlame{Field: fv.Field, Value: fv.Value, Commit: c})
	}
	return out, nil
}

func (f *fixtureStore) IndexHistory() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.indexCalls++
	return f.indexErr
}

// demoHistory replays the demo's commits for one record, newest first,
// with the authors gitstore.WriteHistory gives them: the person's name
// and first e-mail. Commits that left the record as it was are skipped,
// as git's history does.
func (f *fixtureStore) demoHistory(id string) []model.HistoryEntry {
	var out []model.HistoryEntry
	var prev model.Record
	existed := false
	for i, c := range f.commits {
		info := model.CommitInfo{Hash: fixtureHash(i), Author: c.Author, Email: c.Author + "@localhost",
			Date: c.Date, Message: c.Message + "\n"}
		if i > 0 {
			info.Parents = []string{fixtureHash(i - 1)}
		}
		if p := f.org.People[c.Author]; p != nil {
			info.Author = p.Name
			if len(p.Emails) > 0 {
				info.Email = p.Emails[0]
			}
		}
		for _, r := range c.Put {
			if r.RecordID() != id {
				continue
			}
			e := model.HistoryEntry{Commit: info, Op: model.HistoryEdited, Old: prev, New: r, Changes: model.Diff(prev, r)}
			switch {
			case prev == nil && existed:
				e.Op = model.HistoryRestored
			case prev == nil:
				e.Op = model.HistoryCreated
			case len(e.Changes) == 0:
				continue
			}
			out = append(out, e)
			prev, existed = r, true
		}
		if slices.Contains(c.Delete, id) && prev != nil {
			out = append(out, model.HistoryEntry{Commit: info, Op: model.HistoryDeleted, Old: prev, Changes: model.Diff(prev, nil)})
			prev = nil
		}
	}
	slices.Reverse(out)
	return out
}

// fixtureHash is the made-up hash of the demo's i-th commit.
func fixtureHash(i int) string {
	sum := sha1.Sum([]byte("northwind commit " + strconv.Itoa(i)))
	return hex.EncodeToString(sum[:])
}

// northwind builds the demo organisation in memory, as of fixtureToday.
func northwind(t testing.TB) *fixtureStore {
	t.Helper()
	cfg, commits := demo.Northwind(fixtureToday)
	org, err := demo.Replay(cfg, commits)
	if err != nil {
		t.Fatal(err)
	}
	return &fixtureStore{org: org, head: "0123456789abcdef", email: "raj@northwind.example", commits: commits}
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
	for _, msg := range runAll(t, cmd) {
		switch msg.(type) {
		case jumpMsg, statusMsg, syncStatusMsg:
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
		queue = append(queue[1:], runAll(t, cmd)...)
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

// cmdTimeout bounds the wait for a command's answer: generous, since the
// fixture answers at once and only a loaded machine makes it slow.
const cmdTimeout = 30 * time.Second

// runAll runs a command and the commands of a batch side by side and
// returns their answers, batches taken apart, in the batch's order. Timers
// (a poll, a spinner's tick, a cursor's blink) are never run: they would
// go on for ever. Every other command is waited for, up to cmdTimeout, and
// one that does not answer fails the test.
func runAll(t testing.TB, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	if cmd == nil || isTimer(cmd) {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(cmdTimeout):
		t.Fatalf("a command (%s) did not answer within %v", funcName(cmd), cmdTimeout)
	}
	switch msg := msg.(type) {
	case tea.BatchMsg:
		out := make([][]tea.Msg, len(msg))
		var wg sync.WaitGroup
		for i, c := range msg {
			wg.Go(func() { out[i] = runAll(t, c) })
		}
		wg.Wait()
		return slices.Concat(out...)
	case nil, spinner.TickMsg, pollMsg, cursor.BlinkMsg:
		return nil
	}
	return []tea.Msg{msg}
}

// isTimer tells a command that waits for the clock (tea.Tick and
// tea.Every, which the spinner and the poll use, and a cursor's blink)
// from one that does work, by the function it is.
func isTimer(cmd tea.Cmd) bool {
	name := funcName(cmd)
	return strings.Contains(name, ".Tick.func") || strings.Contains(name, ".Every.func") ||
		strings.Contains(name, "cursor.(*Model).Blink.func")
}

func funcName(cmd tea.Cmd) string {
	return runtime.FuncForPC(reflect.ValueOf(cmd).Pointer()).Name()
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

// formOf, optionsOf, conflictsOf and yamlViewOf are the overlay of that
// kind open on the model, or nil.
func formOf(m Model) *formView           { o, _ := overlayOf[*formView](&m); return o }
func optionsOf(m Model) *optionsView     { o, _ := overlayOf[*optionsView](&m); return o }
func conflictsOf(m Model) *conflictsView { o, _ := overlayOf[*conflictsView](&m); return o }
func yamlViewOf(m Model) *yamlView       { o, _ := overlayOf[*yamlView](&m); return o }
