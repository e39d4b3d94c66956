package ui

import (
	"slices"

	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/editor"
)

// E edits the selected record's YAML in $EDITOR (ui/editor). The root
// hands the edits their messages and does what each step asks: a status
// line, a save to take in, the problems view to show or close.

// editYAML is E on the selected record.
func (m *Model) editYAML() tea.Cmd {
	id := m.screens[m.active].Selected()
	if id == "" {
		return common.Status("nothing selected")
	}
	r, ok := m.data.Org.Get(id)
	if !ok {
		return common.StatusErr(common.Clean(id) + " is not loaded (see ! findings)")
	}
	return m.applyEdit(m.yaml.Start(r))
}

// updateYAML hands the edits their messages; false when msg is none of
// them.
func (m *Model) updateYAML(msg tea.Msg) (tea.Cmd, bool) {
	res, ok := m.yaml.Update(msg, m.data)
	if !ok {
		return nil, false
	}
	return m.applyEdit(res), true
}

// applyEdit does what a step of an edit asks.
func (m *Model) applyEdit(res editor.Result) tea.Cmd {
	cmds := []tea.Cmd{res.Cmd}
	if v, ok := overlayOf[*editor.View](m); ok && res.Closed != "" && v.ID() == res.Closed {
		m.remove(v)
	}
	if res.Show != nil {
		m.showYAML(res.Show)
	}
	if res.Status != nil {
		m.say(*res.Status)
	}
	if res.Saved != nil {
		cmds = append(cmds, m.saved(*res.Saved))
		m.amend(res.Note)
	}
	return tea.Batch(cmds...)
}

// showYAML opens a problems view in place of the one open.
func (m *Model) showYAML(v *editor.View) {
	v.SetSize(m.width, m.bodyHeight())
	if old, ok := overlayOf[*editor.View](m); ok {
		m.overlays[slices.Index(m.overlays, common.Overlay(old))] = v
		return
	}
	m.push(v)
}
