package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

// Undo and redo: U takes back the newest change this session made, R
// the newest undo. Each asks first, saying what it will do, and each is
// a commit of its own (the store's Revert): history is never rewritten.

// change is one commit this session made, which U can undo (or an undo,
// which R can redo).
type change struct {
	commit, subject string
}

// undoMsg is a yes to undo (or, redo, to redo) the change at commit.
type undoMsg struct {
	commit string
	redo   bool
}

// askUndo asks before undoing the newest change of this session, or,
// redo, before taking back the newest undo.
func (m *Model) askUndo(redo bool) tea.Cmd {
	k := m.c.Keys
	list, verb, yes, no := m.undo, "Undo", "undo it", "keep it"
	what := "A new commit puts the files it changed back as they were before it, for everyone once you sync; history keeps both, and " +
		k.Redo.Help().Key + " redoes it. If someone changed those records since, nothing is undone."
	if redo {
		list, verb, yes, no = m.redo, "Redo", "redo it", "leave it undone"
		what = "A new commit makes the change again, as it was before the undo; history keeps all three, and " +
			k.Undo.Help().Key + " undoes it again."
	}
	if len(list) == 0 {
		return common.Status("nothing to " + strings.ToLower(verb) + " in this session")
	}
	c := list[len(list)-1]
	m.push(widget.NewConfirm(m.c, verb+" “"+common.Clean(c.subject)+"”?", what, yes, no,
		func() tea.Msg { return undoMsg{commit: c.commit, redo: redo} }))
	return nil
}

// undoNow undoes or redoes the change a yes was about, if it is still
// the newest.
func (m *Model) undoNow(msg undoMsg) tea.Cmd {
	list := &m.undo
	if msg.redo {
		list = &m.redo
	}
	n := len(*list)
	if n == 0 || (*list)[n-1].commit != msg.commit {
		return common.Status("that change is no longer the newest: nothing was undone")
	}
	c := (*list)[n-1]
	*list = (*list)[:n-1]
	store := m.store
	return func() tea.Msg {
		commit, err := store.Revert(c.commit)
		saved := common.SavedMsg{Commit: commit, Subject: c.subject, Err: err}
		if msg.redo {
			saved.Redone = c.commit
		} else {
			saved.Reverted = c.commit
		}
		return saved
	}
}

// saved records a finished save: an error goes to the status line (the
// form or editor that asked keeps what was typed); a commit joins the
// session's undo list (an undo, the redo list), and the repository is
// read again with the record selected once it is.
func (m *Model) saved(msg common.SavedMsg) tea.Cmd {
	k := m.c.Keys
	switch {
	case msg.Err != nil && msg.Reverted != "":
		m.undo = append(m.undo, change{msg.Reverted, msg.Subject})
		m.say(common.StatusMsg{Text: "could not undo: " + msg.Err.Error(), Err: true})
		return nil
	case msg.Err != nil && msg.Redone != "":
		m.redo = append(m.redo, change{msg.Redone, msg.Subject})
		m.say(common.StatusMsg{Text: "could not redo: " + msg.Err.Error(), Err: true})
		return nil
	case msg.Err != nil:
		m.say(common.StatusMsg{Text: "not saved: " + msg.Err.Error(), Err: true})
		return nil
	case msg.Private:
		m.say(common.StatusMsg{Text: "saved: " + msg.Subject})
		var cmd tea.Cmd
		m.screens[tabTeams], cmd = m.screens[tabTeams].Update(msg)
		return cmd
	case msg.Commit == "":
		m.say(common.StatusMsg{Text: "nothing changed"})
		return nil
	case msg.Reverted != "":
		m.redo = append(m.redo, change{msg.Commit, msg.Subject})
		m.say(common.StatusMsg{Text: "undone: " + msg.Subject + " · " + k.Redo.Help().Key + " to redo"})
	case msg.Redone != "":
		m.undo = append(m.undo, change{msg.Commit, msg.Subject})
		m.say(common.StatusMsg{Text: "redone: " + msg.Subject + " · " + k.Undo.Help().Key + " to undo"})
	default:
		m.undo = append(m.undo, change{msg.Commit, msg.Subject})
		m.redo = nil // a new change: what was undone stays undone
		m.say(common.StatusMsg{Text: "saved: " + msg.Subject + " · " + k.Undo.Help().Key + " to undo"})
	}
	m.selectAfterLoad = msg.ID
	if msg.Reverted == "" && msg.Redone == "" {
		m.retroBefore(msg.ID)
	}
	cmd := m.reload()
	m.saveLoad = m.loads
	return cmd
}
