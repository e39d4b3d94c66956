package ui

import (
	"maps"

	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
)

// "Since I last looked": the inbox lists the decisions the user is
// informed of whose status changed since they last looked, from the
// clone's mark that accord inbox keeps too (Store.InboxSeen). The mark as
// it was when the session began holds for the whole session, so nothing
// vanishes while it is read; showing the inbox records what it shows as
// looked at, for the next session and for accord inbox.

// inboxSeen is the session's view of the mark.
type inboxSeen struct {
	// reader is whose mark it is (the user's handle); marks is the mark
	// as the session's first load read it.
	reader string
	marks  map[string]string
	// written is the mark as last written (or read); checked is true once
	// the inbox has been on show since the last load.
	written map[string]string
	checked bool
}

// seenSavedMsg is the outcome of recording the mark.
type seenSavedMsg struct{ err error }

// readSeen is loadCmd's part: the user's mark, into the load's data.
func readSeen(store Store, d *common.Data) error {
	if d.Me == "" {
		return nil
	}
	seen, err := store.InboxSeen(d.Me)
	d.Seen = seen
	return err
}

// takeSeen keeps the session's first mark over the ones later loads read.
func (m *Model) takeSeen() {
	d := m.data
	m.seen.checked = false
	if d.Me == "" {
		return
	}
	if m.seen.reader != d.Me {
		m.seen = inboxSeen{reader: d.Me, marks: d.Seen, written: d.Seen}
		return
	}
	d.Seen = m.seen.marks
}

// markSeenCmd records, once per load while the inbox is on show, what it
// shows as looked at.
func (m *Model) markSeenCmd() tea.Cmd {
	d := m.data
	if m.active != tabInbox || d == nil || d.Me == "" || m.seen.checked || m.seen.reader != d.Me {
		return nil
	}
	m.seen.checked = true
	now := model.InformedStatuses(d.Org, model.InboxQuery{Person: d.Me})
	if maps.Equal(now, m.seen.written) {
		return nil
	}
	m.seen.written = now
	store, reader := m.store, d.Me
	return func() tea.Msg { return seenSavedMsg{err: store.SetInboxSeen(reader, now)} }
}

// seenSaved reports a mark that could not be written: the inbox works on,
// but will list the same changes again next time.
func (m *Model) seenSaved(msg seenSavedMsg) {
	if msg.err != nil {
		m.say(common.StatusMsg{Text: "could not record what the inbox showed as seen: " + msg.err.Error(), Err: true})
	}
}
