package ui

import (
	"maps"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/editor"
	"github.com/accordhq/accord/ui/widget"
)

// Text typed in $EDITOR that is not saved yet (it did not check out, the
// save failed) lives in a temp file the store lists. q asks before
// quitting with some, and a new session offers what an earlier one left.

// draftsMsg is the store's list of drafts left unsaved, and the editor
// to take them up with.
type draftsMsg struct {
	drafts []model.Draft
	argv   []string
	err    error
}

func draftsCmd(store Store) tea.Cmd {
	return func() tea.Msg {
		ds, err := store.Drafts()
		return draftsMsg{drafts: ds, argv: editor.Command(), err: err}
	}
}

// offerDrafts lists the drafts an earlier session left, if any: enter
// takes one up, esc leaves them for later (the next session offers them
// again).
func (m *Model) offerDrafts(msg draftsMsg) {
	if msg.err != nil {
		m.say(common.StatusMsg{Text: "could not read the list of unsaved edits: " + msg.err.Error(), Err: true})
		return
	}
	mine := m.yaml.Unsaved()
	var items []widget.MenuItem
	for _, d := range slices.Backward(msg.drafts) { // newest first
		if slices.Contains(slices.Collect(maps.Values(mine)), d.File) {
			continue
		}
		label := common.Clean(d.ID)
		if r, ok := m.data.Org.Get(d.ID); ok && r.RecordTitle() != "" {
			label += " · " + common.Clean(r.RecordTitle())
		}
		items = append(items, widget.MenuItem{Label: label,
			Detail: "begun " + common.Ago(m.c.Now(), d.Started) + ", in " + common.Clean(d.File),
			Now:    editor.AdoptMsg{Draft: d, Argv: msg.argv}})
	}
	if len(items) == 0 {
		return
	}
	m.push(widget.NewMenu(m.c, "Edits an earlier session left unsaved · enter takes one up, esc leaves them for later", items))
}

// askQuit asks before quitting with texts not saved; false when there
// are none.
func (m *Model) askQuit() bool {
	unsaved := m.yaml.Unsaved()
	if len(unsaved) == 0 {
		return false
	}
	ids := slices.Sorted(maps.Keys(unsaved))
	what := "your edit of " + common.Clean(ids[0])
	where := "Its text stays in " + common.Clean(unsaved[ids[0]])
	if len(ids) > 1 {
		what = "your edits of " + strings.Join(cleanAll(ids), ", ")
		where = "Their text stays in temp files"
	}
	m.quitting = widget.NewConfirm(m.c, "Quit with "+what+" not saved?",
		where+", and the next accord in this repository offers it again.", "quit", "no, stay", tea.Quit)
	m.push(m.quitting)
	return true
}

func cleanAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = common.Clean(s)
	}
	return out
}
