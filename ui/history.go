package ui

// h and b open the selected record's history and field blame (ui/history).
// The decisions tab's details say who last changed the decision: the root
// reads that for the selected decision only, one read at a time, and the
// tab keeps it per decision until HEAD moves.

import (
	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/history"
	"github.com/accordhq/accord/ui/tabs/decisions"
)

// selectedRecord is the record under the cursor of the tab on show; when
// there is none, a command that says so.
func (m *Model) selectedRecord() (model.Record, tea.Cmd) {
	id := m.screens[m.active].Selected()
	if id == "" {
		return nil, common.Status("nothing selected")
	}
	r, ok := m.data.Org.Get(id)
	if !ok {
		return nil, common.Status(common.Clean(id) + " is not loaded (see ! findings)")
	}
	return r, nil
}

// openHistory opens the selected record's history and reads it.
func (m *Model) openHistory() tea.Cmd {
	r, cmd := m.selectedRecord()
	if r == nil {
		return cmd
	}
	return m.showHistory(r.RecordKind(), r.RecordID(), "")
}

// openBlame opens the selected record's field blame and reads it.
func (m *Model) openBlame() tea.Cmd {
	r, cmd := m.selectedRecord()
	if r == nil {
		return cmd
	}
	o, cmd := history.OpenBlame(m.c, m.store, m.data.Org, r)
	m.push(o)
	return cmd
}

// showHistory opens a record's history; at is a commit to open once it
// is read ("" for the list).
func (m *Model) showHistory(k model.Kind, id, at string) tea.Cmd {
	o, cmd := history.OpenLog(m.c, m.store, m.data.Org, k, id, at)
	m.push(o)
	return cmd
}

// updateHistory handles the history messages the root acts on; false
// when msg is none of them. The history and blame overlays take their own
// results (a result for one closed meanwhile is dropped).
func (m *Model) updateHistory(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case history.ShowCommitMsg:
		if m.data == nil {
			return nil, true
		}
		return m.showHistory(msg.Kind, msg.ID, msg.Hash), true
	case history.LastChangeMsg:
		m.lastChangeBusy = false
		if d, ok := m.screens[tabDecisions].(*decisions.Tab); ok && msg.Head == m.head {
			d.SetLastChange(msg.ID, decisions.LastChange{Commit: msg.Commit, Decided: msg.Decided, Err: msg.Err})
		}
		return nil, true
	case history.IndexedMsg:
		if msg.Err != nil {
			m.say(common.StatusMsg{Text: "history index: " + msg.Err.Error(), Err: true})
		}
		return nil, true
	}
	return nil, false
}

// lastChangeCmd starts reading who last changed the decision selected on
// the decisions tab, when the tab is on show and that is not known as of
// HEAD. One read at a time: when it answers, whichever decision is
// selected then is read next, so holding j reads a handful, never every
// row. What an older HEAD said is forgotten first.
func (m *Model) lastChangeCmd() tea.Cmd {
	d, ok := m.screens[tabDecisions].(*decisions.Tab)
	if !ok || m.data == nil {
		return nil
	}
	d.AtHead(m.head)
	if m.active != tabDecisions || len(m.overlays) > 0 || m.lastChangeBusy {
		return nil
	}
	id := d.Selected()
	if id == "" {
		return nil
	}
	if d.KnowsLastChange(id) {
		return nil
	}
	m.lastChangeBusy = true
	return history.LastChangeCmd(m.store, id, m.head)
}
