package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

// syncState is what the root knows about syncing: where the clone stands
// against its remote (the store's SyncStatus, refreshed in a command after
// every load and every sync), whether a sync is running, and whether the
// last one could not reach the remote.
type syncState struct {
	status  model.SyncStatus
	running bool
	// offline is the error of the last sync that could not reach the
	// remote; "" once one does.
	offline string
}

// syncStatusMsg is the store's SyncStatus, read off the UI goroutine.
type syncStatusMsg struct{ status model.SyncStatus }

// syncDoneMsg is the outcome of a sync: the store's one-line summary, its
// error, and where the clone stands afterwards.
type syncDoneMsg struct {
	summary string
	status  model.SyncStatus
	err     error
}

// hostKeyAcceptedMsg is the user trusting an unknown SSH host: sync again,
// accepting its fingerprint.
type hostKeyAcceptedMsg struct{ fingerprint string }

// startSyncMsg asks the root to sync (from the conflicts view, once the
// merge is committed).
type startSyncMsg struct{}

// hostKeyError is an SSH host the store does not trust: unknown (the user
// may accept its fingerprint) or changed (refused). The store's errors
// carry it; ui declares it here so that it never imports gitstore.
type hostKeyError interface {
	error
	HostKey() (host, fingerprint string, changed bool)
}

func syncStatusCmd(store Store) tea.Cmd {
	return func() tea.Msg { return syncStatusMsg{status: store.SyncStatus()} }
}

// syncCmd syncs, then reads where the clone stands, off the UI goroutine.
func syncCmd(store Store, acceptHostKey string) tea.Cmd {
	return func() tea.Msg {
		summary, err := store.Synchronize(context.Background(), acceptHostKey)
		return syncDoneMsg{summary: summary, status: store.SyncStatus(), err: err}
	}
}

// offline reports whether a sync failed because the remote could not be
// reached: the store marks such errors with an Offline() method (ui cannot
// test errors.Is against the store's own sentinels).
func offline(err error) bool {
	var o interface{ Offline() bool }
	return errors.As(err, &o) && o.Offline()
}

// startSync starts a sync with the spinner, unless one is running.
func (m *Model) startSync(acceptHostKey string) tea.Cmd {
	if m.sync.running {
		return common.Status("a sync is already running")
	}
	m.sync.running = true
	return tea.Batch(syncCmd(m.store, acceptHostKey), m.spinner.Tick)
}

// updateSync handles the sync messages; false when msg is none of them.
func (m *Model) updateSync(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case syncStatusMsg:
		m.sync.status = msg.status
		return nil, true
	case startSyncMsg:
		return m.startSync(""), true
	case hostKeyAcceptedMsg:
		return m.startSync(msg.fingerprint), true
	case syncDoneMsg:
		m.sync.running = false
		m.sync.status = msg.status
		m.status = m.syncOutcome(msg)
		// Pulled changes, merged records and edits committed before the
		// fetch all show after a reload.
		return m.reload(), true
	}
	return nil, false
}

// syncOutcome is what the status line says after a sync; an SSH host to
// ask about opens the prompt.
func (m *Model) syncOutcome(msg syncDoneMsg) common.StatusMsg {
	var hk hostKeyError
	switch {
	case msg.err == nil:
		m.sync.offline = ""
		return common.StatusMsg{Text: msg.summary}
	case errors.As(msg.err, &hk):
		host, fp, changed := hk.HostKey()
		m.push(newHostKeyOverlay(m.c, host, fp, changed, msg.err.Error()))
		if changed {
			return common.StatusMsg{Text: "sync refused: the SSH host key changed", Err: true}
		}
		return common.StatusMsg{Text: "sync waits: unknown SSH host"}
	case offline(msg.err):
		m.sync.offline = msg.err.Error()
		return common.StatusMsg{Text: msg.summary + ": " + msg.err.Error(), Err: true}
	case msg.status.Conflicts > 0:
		m.sync.offline = ""
		text := msg.summary
		if text == "" {
			text = common.Plural(msg.status.Conflicts, "conflict") + " to resolve"
		}
		return common.StatusMsg{Text: text + " · C to resolve"}
	}
	text := "sync failed: " + msg.err.Error()
	if msg.summary != "" && !strings.HasPrefix(msg.summary, "nothing") && !strings.HasPrefix(msg.summary, "up to date") {
		text = msg.summary + "; " + text
	}
	return common.StatusMsg{Text: text, Err: true}
}

// syncParts are the status line's account of the remote: ↑ahead ↓behind,
// conflicts, and "offline" after a sync could not reach the remote.
// Without a remote, nothing.
func (m Model) syncParts() []string {
	s, st := m.c.Styles, m.sync.status
	var out []string
	if m.sync.offline != "" {
		out = append(out, s.Warning.Render("offline"))
	}
	if st.Remote != "" {
		out = append(out, s.Status.Render(fmt.Sprintf("↑%d ↓%d", st.Ahead, st.Behind)))
	}
	if st.Conflicts > 0 {
		out = append(out, s.Error.Render(common.Plural(st.Conflicts, "conflict")))
	}
	return out
}

// syncKeys are the sync keys that apply now: s when there is a remote and
// no sync is running, C when conflicts wait.
func (m Model) syncKeys() []key.Binding {
	k := m.c.Keys
	var out []key.Binding
	if m.sync.status.Conflicts > 0 {
		out = append(out, k.Conflicts)
	}
	if m.sync.status.Remote != "" && !m.sync.running {
		out = append(out, k.Sync)
	}
	return out
}

// hostKeyOverlay asks whether to trust an unknown SSH host, or says that a
// known host's key changed and Accord refuses to connect.
type hostKeyOverlay struct {
	c                 common.Common
	width, height     int
	host, fingerprint string
	changed           bool
	message           string
}

func newHostKeyOverlay(c common.Common, host, fingerprint string, changed bool, message string) *hostKeyOverlay {
	return &hostKeyOverlay{c: c, host: host, fingerprint: fingerprint, changed: changed, message: message}
}

func (h *hostKeyOverlay) Update(msg tea.Msg) (tea.Cmd, bool) {
	k, ok := msg.(tea.KeyPressMsg)
	keys := h.c.Keys
	switch {
	case !ok:
		return nil, false
	case h.changed && key.Matches(k, keys.Close, keys.Quit, keys.Apply):
		return nil, true
	case !h.changed && key.Matches(k, keys.AcceptHostKey):
		fp := h.fingerprint
		return func() tea.Msg { return hostKeyAcceptedMsg{fingerprint: fp} }, true
	case !h.changed && key.Matches(k, keys.RefuseHostKey, keys.Quit):
		return common.Status("sync cancelled: the host is not trusted"), true
	}
	return nil, false
}

func (h *hostKeyOverlay) SetSize(w, hh int) { h.width, h.height = w, hh }
func (h *hostKeyOverlay) Dirty() bool       { return false }

func (h *hostKeyOverlay) Keys() []key.Binding {
	k := h.c.Keys
	if h.changed {
		return []key.Binding{k.Close}
	}
	accept := k.AcceptHostKey
	accept.SetHelp("y", "trust it and sync")
	return []key.Binding{accept, k.RefuseHostKey}
}

func (h *hostKeyOverlay) View() string {
	width, height := h.width, h.height
	s := h.c.Styles
	innerW := max(min(width-s.Overlay.GetHorizontalFrameSize()-4, 76), 20)
	field := func(name, value string) string {
		return s.Muted.Render(common.Pad(name, 13)) + common.Fit(s.Title.Render(common.Clean(value)), innerW-13)
	}
	var lines []string
	if h.changed {
		lines = []string{
			s.Error.Render("The SSH host key has CHANGED"),
			"",
			field("host", h.host),
			field("presented", h.fingerprint),
			"",
			common.Wrap(common.Clean(h.message), innerW),
			"",
			s.Muted.Render(common.Wrap("Accord refuses to connect: someone may be posing as the server.", innerW)),
			"",
			s.Key.Render("esc") + " " + s.KeyDesc.Render("close"),
		}
	} else {
		lines = []string{
			s.Heading.Render("Unknown SSH host"),
			"",
			field("host", h.host),
			field("fingerprint", h.fingerprint),
			"",
			s.Muted.Render(common.Wrap("Accord has not connected to this host before. Compare the fingerprint with "+
				"the one its administrators publish (GitHub, GitLab and others list theirs) before you trust it; "+
				"it is then added to known_hosts.", innerW)),
			"",
			s.Title.Render("Trust this host and sync?") + "  " + s.Key.Render("y") + " " + s.KeyDesc.Render("yes") +
				"  " + s.Key.Render("n") + " " + s.KeyDesc.Render("no"),
		}
	}
	body := widget.Lines(strings.Join(lines, "\n"), innerW, min(lipgloss.Height(strings.Join(lines, "\n")), max(height-2, 1)))
	box := s.Overlay.Render(body)
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, box)
}
