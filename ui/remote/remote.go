// Package remote is syncing from the TUI: where the clone stands against
// its remote (State, for the status line and the keys), the sync itself
// and its outcome, the SSH host key prompt, and the conflicts view where
// a sync's conflicts are resolved one by one.
package remote

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

// Store is what syncing needs of the store: where the clone stands, the
// sync, and the merge session's conflicts.
type Store interface {
	SyncStatus() model.SyncStatus
	Synchronize(ctx context.Context, acceptHostKey string) (string, error)
	Conflicts() ([]model.Conflict, error)
	Resolve(id, field, how, value string) (int, error)
}

// State is what the root knows about syncing: where the clone stands
// against its remote (the store's SyncStatus, refreshed in a command after
// every load and every sync), whether a sync is running, and whether the
// last one could not reach the remote.
type State struct {
	Status  model.SyncStatus
	Running bool
	// offline is the error of the last sync that could not reach the
	// remote; "" once one does.
	offline string
}

// StatusMsg is the store's SyncStatus, read off the UI goroutine.
type StatusMsg struct{ Status model.SyncStatus }

// DoneMsg is the outcome of a sync: the store's one-line summary, its
// error, and where the clone stands afterwards.
type DoneMsg struct {
	Summary string
	Status  model.SyncStatus
	Err     error
}

// HostKeyAcceptedMsg is the user trusting an unknown SSH host: sync
// again, accepting its fingerprint.
type HostKeyAcceptedMsg struct{ Fingerprint string }

// StartMsg asks the root to sync (from the conflicts view, once the merge
// is committed).
type StartMsg struct{}

// hostKeyError is an SSH host the store does not trust: unknown (the user
// may accept its fingerprint) or changed (refused). The store's errors
// carry it; ui declares it here so that it never imports gitstore.
type hostKeyError interface {
	error
	HostKey() (host, fingerprint string, changed bool)
}

// StatusCmd reads where the clone stands, off the UI goroutine.
func StatusCmd(store Store) tea.Cmd {
	return func() tea.Msg { return StatusMsg{Status: store.SyncStatus()} }
}

// SyncCmd syncs, then reads where the clone stands, off the UI goroutine.
func SyncCmd(store Store, acceptHostKey string) tea.Cmd {
	return func() tea.Msg {
		summary, err := store.Synchronize(context.Background(), acceptHostKey)
		return DoneMsg{Summary: summary, Status: store.SyncStatus(), Err: err}
	}
}

// offline reports whether a sync failed because the remote could not be
// reached: the store marks such errors with an Offline() method (ui cannot
// test errors.Is against the store's own sentinels).
func offline(err error) bool {
	var o interface{ Offline() bool }
	return errors.As(err, &o) && o.Offline()
}

// Done takes the outcome of a sync: what the status line says, and the
// prompt to open when the sync waits on an SSH host (nil otherwise).
func (s *State) Done(c common.Common, msg DoneMsg) (common.StatusMsg, common.Overlay) {
	s.Running, s.Status = false, msg.Status
	var hk hostKeyError
	var pe passphraseError
	switch {
	case msg.Err == nil:
		s.offline = ""
		return common.StatusMsg{Text: msg.Summary}, nil
	case errors.As(msg.Err, &hk):
		host, fp, changed := hk.HostKey()
		prompt := newHostKeyOverlay(c, host, fp, changed, msg.Err.Error())
		if changed {
			return common.StatusMsg{Text: "sync refused: the SSH host key changed", Err: true}, prompt
		}
		return common.StatusMsg{Text: "sync waits: unknown SSH host"}, prompt
	case errors.As(msg.Err, &pe):
		keyFile, wrong := pe.Passphrase()
		text := "sync waits: the SSH key needs its passphrase"
		if wrong {
			text = "sync waits: wrong passphrase for the SSH key"
		}
		return common.StatusMsg{Text: text}, newPassphraseOverlay(c, keyFile, wrong)
	case offline(msg.Err):
		s.offline = msg.Err.Error()
		return common.StatusMsg{Text: msg.Summary + ": " + msg.Err.Error(), Err: true}, nil
	case msg.Status.Conflicts > 0:
		s.offline = ""
		text := msg.Summary
		if text == "" {
			text = common.Plural(msg.Status.Conflicts, "conflict") + " to resolve"
		}
		return common.StatusMsg{Text: text + " · C to resolve"}, nil
	}
	text := "sync failed: " + msg.Err.Error()
	if msg.Summary != "" && !strings.HasPrefix(msg.Summary, "nothing") && !strings.HasPrefix(msg.Summary, "up to date") {
		text = msg.Summary + "; " + text
	}
	return common.StatusMsg{Text: text, Err: true}, nil
}

// Parts are the status line's account of the remote: ↑ahead ↓behind,
// conflicts, and "offline" after a sync could not reach the remote.
// Without a remote, nothing.
func (s State) Parts(st *common.Styles) []string {
	var out []string
	if s.offline != "" {
		out = append(out, st.Warning.Render("offline"))
	}
	if s.Status.Remote != "" {
		out = append(out, st.Status.Render(fmt.Sprintf("↑%d ↓%d", s.Status.Ahead, s.Status.Behind)))
	}
	if s.Status.Conflicts > 0 {
		out = append(out, st.Error.Render(common.Plural(s.Status.Conflicts, "conflict")))
	}
	return out
}

// Keys are the sync keys that apply now: s when there is a remote and no
// sync is running, C when conflicts wait.
func (s State) Keys(k *common.KeyMap) []key.Binding {
	var out []key.Binding
	if s.Status.Conflicts > 0 {
		out = append(out, k.Conflicts)
	}
	if s.Status.Remote != "" && !s.Running {
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
		return func() tea.Msg { return HostKeyAcceptedMsg{Fingerprint: fp} }, true
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
