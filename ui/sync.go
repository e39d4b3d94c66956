package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/remote"
)

// s syncs and C opens the conflicts a sync left (ui/remote); the root
// keeps where the clone stands for the status line and the keys.

// startSync starts a sync with the spinner, unless one is running.
func (m *Model) startSync(acceptHostKey string) tea.Cmd {
	if m.sync.Running {
		return common.Status("a sync is already running")
	}
	m.sync.Running = true
	return tea.Batch(remote.SyncCmd(m.store, acceptHostKey), m.spinner.Tick)
}

// updateSync handles the sync messages; false when msg is none of them.
func (m *Model) updateSync(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case remote.StatusMsg:
		m.sync.Status = msg.Status
		return nil, true
	case remote.StartMsg:
		return m.startSync(""), true
	case remote.HostKeyAcceptedMsg:
		return m.startSync(msg.Fingerprint), true
	case remote.PassphraseMsg:
		if m.sync.Running {
			return common.Status("a sync is already running"), true
		}
		m.sync.Running = true
		return tea.Batch(remote.UnlockAndSyncCmd(m.store, msg.Key, msg.Passphrase), m.spinner.Tick), true
	case remote.DoneMsg:
		var prompt common.Overlay
		m.status, prompt = m.sync.Done(m.c, msg)
		if prompt != nil {
			m.push(prompt)
		}
		// Pulled changes, merged records and edits committed before the
		// fetch all show after a reload.
		return m.reload(), true
	}
	return nil, false
}

// openConflicts opens the conflicts view and loads the conflicts.
func (m *Model) openConflicts() tea.Cmd {
	v, cmd := remote.OpenConflicts(m.c, m.store, m.data)
	m.push(v)
	return cmd
}

// updateConflicts handles the outcome of a resolution, which lands even
// when the view was closed meanwhile; false when msg is not one. The view
// takes its own messages.
func (m *Model) updateConflicts(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case remote.ResolvedMsg:
		// The view says how it went; once it is closed, the status line.
		// The merge commit is news either way.
		_, open := overlayOf[*remote.Conflicts](m)
		cmd := m.toOverlays(msg)
		switch {
		case msg.Err != nil:
			if !open {
				m.say(common.StatusMsg{Text: "could not resolve: " + msg.Err.Error(), Err: true})
			}
		case msg.Left == 0:
			m.say(common.StatusMsg{Text: "merge committed; press s to push"})
			return tea.Batch(cmd, m.reload()), true
		case !open:
			m.say(common.StatusMsg{Text: msg.What + " · " + common.Itoa(msg.Left) + " left"})
		}
		return tea.Batch(cmd, remote.StatusCmd(m.store)), true
	}
	return nil, false
}
