package main

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// tuiSave is what one of the TUI's saves returned: the TUI says "saved"
// exactly when the store returns a commit and no error.
type tuiSave struct {
	id, title, commit string
	err               error
}

// ackStore is the TUI's real store, telling the test what each save
// returned and when the TUI has taken the repository as read after it: a
// save's answer closes the form and reads the repository again, and once
// the TUI has taken that read it asks where the clone stands (SyncStatus).
type ackStore struct {
	*gitstore.Store
	saves chan tuiSave
	loads chan struct{} // the TUI took a read made after a save
	mu    *sync.Mutex
	after *int // 1: a save succeeded; 2: then the TUI read the repository
}

func (a ackStore) Save(message string, edits []model.Edit) (string, error) {
	h, err := a.Store.Save(message, edits)
	id, title := "", ""
	if len(edits) > 0 && edits[0].New != nil {
		id = edits[0].New.RecordID()
		if g, ok := edits[0].New.(*model.Goal); ok {
			title = g.Title
		}
	}
	if err == nil {
		a.mu.Lock()
		*a.after = 1
		a.mu.Unlock()
	}
	a.saves <- tuiSave{id: id, title: title, commit: h, err: err}
	return h, err
}

// Load counts a read begun after the save: one already under way when it
// finished (a reload after one of the CLI's commits) can reach the TUI
// while its form still says "saving…", and a key typed then goes to the
// form, not the list.
func (a ackStore) Load() (*model.Org, error) {
	a.mu.Lock()
	afterSave := *a.after == 1
	a.mu.Unlock()
	org, err := a.Store.Load()
	a.mu.Lock()
	if afterSave && *a.after == 1 {
		*a.after = 2
	}
	a.mu.Unlock()
	return org, err
}

func (a ackStore) SyncStatus() model.SyncStatus {
	a.mu.Lock()
	if *a.after == 2 {
		*a.after = 0
		a.loads <- struct{}{}
	}
	a.mu.Unlock()
	return a.Store.SyncStatus()
}

// within is the next value from ch, waited for up to 30 s.
func within[T any](t *testing.T, what string, ch <-chan T) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		t.Fatalf("waited 30 s for %s", what)
	}
	panic("unreachable")
}

// TestTUIAndACLIOnOneClone runs the TUI (in this process, on its real
// store) and accord commands (in their own processes) in one clone at the
// same time: the TUI retitles a goal through its form and saves with
// ctrl+s, again and again, while accord set, new and checkin write other
// records. Every commit either acknowledged (the TUI's "saved", accord's
// exit 0) is in the history, the TUI's goal ends with the last title it
// saved, nothing is left over, the tree is clean and git fsck passes. A
// save refused because the other writer held the lock leaves the form
// open with what was typed, and ctrl+s again saves it, as a person would.
// 2 × 12 writes; ACCORD_LONG=1 makes it 2 × 500.
func TestTUIAndACLIOnOneClone(t *testing.T) {
	t.Parallel()
	k := newKillClone(t)
	per := 12
	if longRuns() {
		per = 500
	}
	s, err := gitstore.Open(k.dir, gitstore.WithClock(clock),
		gitstore.WithAuthor(gitstore.Signature{Name: "Kim", Email: "kim@example.com"}))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st := ackStore{Store: s, saves: make(chan tuiSave, 1), loads: make(chan struct{}, 1), mu: new(sync.Mutex), after: new(int)}
	tm := &running{TestModel: teatest.NewTestModel(t, ui.New(st, ui.WithClock(s.Now)), teatest.WithInitialTermSize(120, 36),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))}
	waitFor(t, tm, "goal 0")

	var mu sync.Mutex
	var acked []string
	refused := map[string]int{}
	ack := func(h string) {
		mu.Lock()
		acked = append(acked, h)
		mu.Unlock()
	}

	// The goal the TUI has selected is the one it edits; the CLI writes
	// the others.
	tm.Type("e")
	waitFor(t, tm, "Edit GOAL-")
	m := regexp.MustCompile(`Edit (GOAL-[0-9A-Z]{8})`).FindStringSubmatch(string(tm.seen))
	if m == nil {
		t.Fatalf("no goal in the form's title:\n%s", tm.seen)
	}
	tuiGoal := m[1]
	others := slices.DeleteFunc(append(slices.Clone(k.goals), k.leeGoal), func(g string) bool { return g == tuiGoal })

	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // accord in other processes
		defer wg.Done()
		for i := range per {
			args := []string{"set", others[i%len(others)], fmt.Sprintf("title=Lee %d", i), "--json"}
			switch i % 3 {
			case 1:
				args = []string{"new", "goal", fmt.Sprintf("title=Lee new %d", i), "level=objective", "--json"}
			case 2:
				args = []string{"checkin", others[i%len(others)], "--health", "on_track", "--summary", fmt.Sprintf("Lee %d", i), "--json"}
			}
			commit, ok := accordWrite(t, k.dir, k.home, "Lee", args...)
			if !ok {
				mu.Lock()
				refused["accord "+args[0]]++
				mu.Unlock()
				continue
			}
			ack(commit)
		}
	}()

	lastTitle := ""
	for i := range per {
		title := fmt.Sprintf("Kim in the TUI %d", i)
		var got tuiSave
		for try := 0; ; try++ {
			if i > 0 || try > 0 {
				tm.seen = nil
				tm.Type("e")
				waitFor(t, tm, "Edit "+tuiGoal)
			}
			tm.Send(tea.KeyPressMsg{Code: tea.KeyEnd})
			tm.Send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
			tm.Type(title)
			waitFor(t, tm, "(changed)")
			tm.Send(tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl})
			if got = within(t, "the TUI's save", st.saves); got.err == nil {
				break
			}
			// Not saved: the form stays open with what was typed. A
			// person closes it (discarding) and edits the goal again.
			mu.Lock()
			refused["TUI: "+got.err.Error()]++
			mu.Unlock()
			if try == 20 {
				t.Fatalf("the TUI could not save %q in 20 tries: %v", title, got.err)
			}
			tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
			tm.Type("y")
		}
		if got.id != tuiGoal || got.title != title || got.commit == "" {
			t.Fatalf("the TUI saved %s titled %q (commit %q), not its goal %s titled %q", got.id, got.title, got.commit, tuiGoal, title)
		}
		ack(got.commit)
		lastTitle = title
		// The answer closed the form and the TUI took the repository as
		// read again; only then is the next key the list's.
		within(t, "the TUI's reload after its save", st.loads)
	}
	wg.Wait()
	finalScreen(t, tm)

	lost := lostCommits(t, k.dir, acked)
	if got := titleAt(t, k.dir, tuiGoal); got != lastTitle {
		t.Errorf("%s: title %q at HEAD; the TUI last saved %q", tuiGoal, got, lastTitle)
	}
	checkIntact(t, k.dir, "the TUI and accord")
	gitIn(t, k.dir, "fsck", "--strict")
	t.Logf("%d writes acknowledged (the TUI %d), all in history (%d lost); refused, then tried again or not: %v", len(acked), per, lost, refused)
	if len(acked) < per+per/2 {
		t.Errorf("only %d of %d writes were acknowledged: refused %v", len(acked), 2*per, refused)
	}
}
