package ui

import (
	"errors"
	"github.com/charmbracelet/x/ansi"
	"slices"
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/uitest"
)

const testRemote = "https://git.example.com/northwind/data.git"

// withRemote is the fixture with a remote, two commits to push and the
// given outcomes of Synchronize, one per call.
func withRemote(t *testing.T, syncs ...uitest.SyncResult) *uitest.Store {
	st := northwind(t)
	st.SyncState = model.SyncStatus{Remote: testRemote, Ahead: 2}
	st.Syncs = syncs
	return st
}

// lastLines are the status line and the key hints.
func lastLines(m Model) (status, hints string) {
	lines := strings.Split(screen(m), "\n")
	status, hints = lines[len(lines)-2], lines[len(lines)-1]
	if msg := m.messageLines(); len(msg) > 0 {
		// A message too long for the status line is drawn above it.
		status = oneLine(ansi.Strip(strings.Join(msg[1:], " "))) + " " + status
	}
	return status, hints
}

func TestStatusLineShowsWhereTheCloneStands(t *testing.T) {
	t.Parallel()
	st := withRemote(t)
	st.SyncState = model.SyncStatus{Remote: testRemote, Ahead: 2, Behind: 1, Conflicts: 3}
	m := newTestModel(t, st, 80, 24)
	status, hints := lastLines(m)
	for _, want := range []string{"↑2 ↓1", "3 conflicts"} {
		if !strings.Contains(status, want) {
			t.Errorf("status line lacks %q:\n%s", want, status)
		}
	}
	for _, want := range []string{"C conflicts", "s sync"} {
		if !strings.Contains(hints, want) {
			t.Errorf("hints lack %q:\n%s", want, hints)
		}
	}
	help := screen(keys(t, m, "?", "G")) // at the end of the help, at 80×24
	if !strings.Contains(help, "conflicts") || !strings.Contains(help, "sync") {
		t.Errorf("help lacks the sync keys:\n%s", help)
	}
}

func TestNoRemoteShowsNothingAboutSyncing(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := newTestModel(t, st, 80, 24)
	status, hints := lastLines(m)
	if strings.ContainsAny(status, "↑↓") || strings.Contains(status, "conflict") || strings.Contains(hints, "sync") {
		t.Errorf("sync state without a remote:\n%s\n%s", status, hints)
	}
	// s still says what to do.
	m = press(t, m, "s")
	if status, _ := lastLines(m); !strings.Contains(status, "no remote: set one with accord remote set URL") {
		t.Errorf("s without a remote:\n%s", status)
	}
}

func TestSyncShowsItsSummary(t *testing.T) {
	t.Parallel()
	after := model.SyncStatus{Remote: testRemote}
	st := withRemote(t, uitest.SyncResult{Summary: "pulled 12 changes from 3 people, pushed 2", After: &after})
	m := newTestModel(t, st, 80, 24)
	if status, _ := lastLines(m); !strings.Contains(status, "↑2 ↓0") {
		t.Fatalf("before the sync:\n%s", status)
	}

	// The key starts the sync with a spinner; the store is called in the
	// command, not in Update.
	next, cmd := m.Update(uitest.Key("s"))
	m = next.(Model)
	if cmd == nil || len(st.SyncCalls) != 0 {
		t.Fatalf("s: cmd %v, calls %v", cmd != nil, st.SyncCalls)
	}
	if status, hints := lastLines(m); !strings.Contains(status, "syncing…") || strings.Contains(hints, "s sync") {
		t.Errorf("while syncing:\n%s\n%s", status, hints)
	}
	m = press(t, m, "s")
	if status, _ := lastLines(m); !strings.Contains(status, "already running") {
		t.Errorf("a second s while syncing:\n%s", status)
	}
	for _, msg := range uitest.Run(t, cmd) {
		m = drive(t, m, msg)
	}
	if !slices.Equal(st.SyncCalls, []string{""}) {
		t.Errorf("Synchronize calls %q, want one with no host key", st.SyncCalls)
	}
	status, _ := lastLines(m)
	if !strings.Contains(status, "pulled 12 changes from 3 people, pushed 2") || !strings.Contains(status, "↑0 ↓0") {
		t.Errorf("after the sync:\n%s", status)
	}
	if m.loading || m.sync.Running {
		t.Errorf("still busy after the sync: loading %v, syncing %v", m.loading, m.sync.Running)
	}
}

func TestOfflineSyncSaysSoAndEverythingKeepsWorking(t *testing.T) {
	t.Parallel()
	st := withRemote(t,
		uitest.SyncResult{Summary: "offline, 2 commits waiting", Err: offlineErr{errors.New("fetch https://git.example.com/northwind/data.git: remote unreachable: dial tcp: connection refused")}},
		uitest.SyncResult{Summary: "pushed 2", After: &model.SyncStatus{Remote: testRemote}})
	m := newTestModel(t, st, 140, 40)
	m = press(t, m, "s")
	status, _ := lastLines(m)
	if !strings.Contains(status, "offline, 2 commits waiting: fetch https://git.example.com") {
		t.Errorf("status line after an offline sync:\n%s", status)
	}
	// The next key clears the message; "offline" stays until a sync gets
	// through, and the tabs work as before.
	m = press(t, m, "2")
	status, _ = lastLines(m)
	if !strings.Contains(status, "offline") || !strings.Contains(status, "↑2 ↓0") {
		t.Errorf("status line after a key:\n%s", status)
	}
	if out := screen(m); !strings.Contains(out, "26 decisions") {
		t.Errorf("the decisions tab after an offline sync:\n%s", out)
	}
	m = press(t, m, "s")
	if status, _ := lastLines(m); strings.Contains(status, "offline") || !strings.Contains(status, "pushed 2") {
		t.Errorf("after a sync that got through:\n%s", status)
	}
}

func TestUnknownHostKeyAsksAndRetriesWithTheFingerprint(t *testing.T) {
	t.Parallel()
	const fp = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8"
	hostErr := &uitest.HostKeyError{Host: "git.example.com:22", Fingerprint: fp}
	st := withRemote(t, uitest.SyncResult{Err: hostErr}, uitest.SyncResult{Summary: "pushed 2"})
	m := newTestModel(t, st, 80, 24)
	m = press(t, m, "s")
	out := screen(m)
	for _, want := range []string{"Unknown SSH host", "git.example.com:22", fp, "Trust this host and sync?"} {
		if !strings.Contains(out, want) {
			t.Errorf("prompt lacks %q:\n%s", want, out)
		}
	}
	if _, hints := lastLines(m); !strings.Contains(hints, "y trust it and sync") || !strings.Contains(hints, "n/esc cancel") {
		t.Errorf("prompt hints:\n%s", hints)
	}
	// Tab keys do not reach the tabs while it asks.
	m = press(t, m, "2")
	if m.active != tabGoals || m.top() == nil {
		t.Fatalf("a key went past the prompt")
	}
	m = press(t, m, "y")
	if !slices.Equal(st.SyncCalls, []string{"", fp}) {
		t.Errorf("Synchronize calls %q, want a retry accepting %s", st.SyncCalls, fp)
	}
	if status, _ := lastLines(m); m.top() != nil || !strings.Contains(status, "pushed 2") {
		t.Errorf("after trusting the host:\n%s", screen(m))
	}

	// n cancels: no second call.
	st = withRemote(t, uitest.SyncResult{Err: hostErr})
	m = press(t, newTestModel(t, st, 80, 24), "s", "n")
	if len(st.SyncCalls) != 1 || m.top() != nil {
		t.Errorf("n: calls %q, overlay %v", st.SyncCalls, m.top() != nil)
	}
	if status, _ := lastLines(m); !strings.Contains(status, "sync cancelled") {
		t.Errorf("n: status\n%s", status)
	}
}

func TestChangedHostKeyIsRefused(t *testing.T) {
	t.Parallel()
	hostErr := &uitest.HostKeyError{Host: "git.example.com:22", Fingerprint: "SHA256:NEWNEWNEW", Known: "SHA256:OLDOLDOLD"}
	st := withRemote(t, uitest.SyncResult{Err: hostErr})
	m := press(t, newTestModel(t, st, 80, 24), "s")
	out := screen(m)
	for _, want := range []string{"CHANGED", "SHA256:NEWNEWNEW", "SHA256:OLDOLDOLD", "refuses to connect"} {
		if !strings.Contains(out, want) {
			t.Errorf("refusal lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Trust this host") {
		t.Errorf("a changed key offers to trust it:\n%s", out)
	}
	if _, hints := lastLines(m); strings.Contains(hints, "y ") || !strings.Contains(hints, "esc close") {
		t.Errorf("refusal hints:\n%s", hints)
	}
	m = press(t, m, "y")
	if len(st.SyncCalls) != 1 || m.top() == nil {
		t.Errorf("y on a changed key: calls %q, overlay open %v", st.SyncCalls, m.top() != nil)
	}
	m = press(t, m, "esc")
	if m.top() != nil || len(st.SyncCalls) != 1 {
		t.Errorf("esc: overlay open %v, calls %q", m.top() != nil, st.SyncCalls)
	}
}

func TestSyncThatLeavesConflictsPointsToThem(t *testing.T) {
	t.Parallel()
	after := model.SyncStatus{Remote: testRemote, Ahead: 2, Conflicts: 1}
	st := withRemote(t, uitest.SyncResult{Summary: "pulled 1 change from 1 person, 1 conflict to resolve",
		Err: errors.New("conflicts await resolution: 1 left"), After: &after})
	m := press(t, newTestModel(t, st, 100, 24), "s")
	status, hints := lastLines(m)
	if !strings.Contains(status, "1 conflict to resolve · C to resolve") || !strings.Contains(status, "↑2 ↓0 · 1 conflict") {
		t.Errorf("status after a sync with conflicts:\n%s", status)
	}
	if !strings.Contains(hints, "C conflicts") {
		t.Errorf("hints:\n%s", hints)
	}
}

// offlineErr is how the store marks a sync that could not reach the remote.
type offlineErr struct{ error }

func (offlineErr) Offline() bool { return true }

// An SSH key with a passphrase: s no longer fails with "pass --ssh-key";
// a masked prompt asks for the passphrase, gives it to the store and syncs
// again; a wrong one asks again; esc cancels.
func TestSyncAsksForAnSSHKeysPassphrase(t *testing.T) {
	t.Parallel()
	const keyFile = "/home/raj/.ssh/id_ed25519"
	st := withRemote(t,
		uitest.SyncResult{Err: &uitest.PassphraseError{Key: keyFile}},
		uitest.SyncResult{Err: &uitest.PassphraseError{Key: keyFile, Wrong: true}},
		uitest.SyncResult{Summary: "pushed 2", After: &model.SyncStatus{Remote: testRemote}})
	m := newTestModel(t, st, 80, 24)
	m = press(t, m, "s")
	out := screen(m)
	for _, want := range []string{"SSH key passphrase", keyFile, "passphrase:"} {
		if !strings.Contains(out, want) {
			t.Errorf("prompt lacks %q:\n%s", want, out)
		}
	}
	// Typed keys go to the prompt, masked: q neither quits nor shows.
	m = press(t, m, "q", "w", "e", "r", "t", "y")
	if out := screen(m); strings.Contains(out, "qwerty") || !strings.Contains(out, "••••••") || m.top() == nil {
		t.Errorf("the passphrase is not masked in the prompt:\n%s", out)
	}
	m = press(t, m, "enter")
	if st.Passphrases[keyFile] != "qwerty" || len(st.SyncCalls) != 2 {
		t.Fatalf("after enter: passphrases %v, %d syncs; want the passphrase given and a second sync", st.Passphrases, len(st.SyncCalls))
	}
	if out := screen(m); !strings.Contains(out, "Wrong passphrase") || strings.Contains(out, "qwerty") {
		t.Errorf("after a wrong passphrase:\n%s", out)
	}
	m = press(t, m, "o", "k", "enter")
	if status, _ := lastLines(m); m.top() != nil || !strings.Contains(status, "pushed 2") || st.Passphrases[keyFile] != "ok" {
		t.Errorf("after the right passphrase: %v\n%s", st.Passphrases, screen(m))
	}

	// esc cancels, and no sync follows.
	st = withRemote(t, uitest.SyncResult{Err: &uitest.PassphraseError{Key: keyFile}})
	m = press(t, newTestModel(t, st, 80, 24), "s", "esc")
	if status, _ := lastLines(m); len(st.SyncCalls) != 1 || m.top() != nil || !strings.Contains(status, "sync cancelled") {
		t.Errorf("esc: %d syncs, overlay %v, status %q", len(st.SyncCalls), m.top(), status)
	}
}
