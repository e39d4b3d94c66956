package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

// The keys that work on every tab (when no overlay has the keys and the
// screen has no text input focused).

// globalKey handles the keys that work on every tab, unless the screen has
// a text input focused.
func (m *Model) globalKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	if m.screens[m.active].Capturing() {
		return nil, false
	}
	if cmd, ok := m.appKey(k); ok {
		return cmd, true
	}
	if m.data == nil {
		return nil, false
	}
	return m.recordKey(k)
}

// appKey handles the keys that work before anything is loaded: quit,
// help, the tabs, reload, sync and the conflicts.
func (m *Model) appKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	keys := m.c.Keys
	switch {
	case key.Matches(k, keys.Quit):
		return m.quit(), true
	case key.Matches(k, keys.Help):
		m.push(widget.NewHelp(m.c, m.helpGroups()))
	case key.Matches(k, keys.NextTab):
		m.active = (m.active + 1) % len(m.screens)
	case key.Matches(k, keys.PrevTab):
		m.active = (m.active + len(m.screens) - 1) % len(m.screens)
	case key.Matches(k, keys.Tab):
		m.active = int(k.String()[0] - '1')
	case key.Matches(k, keys.Details) && m.detailsToggle():
		m.detailsHidden = !m.detailsHidden
		for _, s := range m.screens {
			if h, ok := s.(detailsHider); ok {
				h.HideDetails(m.detailsHidden)
			}
		}
	case key.Matches(k, keys.Messages) && len(m.log) > 0:
		m.push(newMessagesOverlay(m.c, m.log))
	case key.Matches(k, keys.Reload):
		if !m.loading {
			return m.reload(), true
		}
	case key.Matches(k, keys.Sync):
		return m.startSync(""), true
	case key.Matches(k, keys.Conflicts):
		return m.openConflicts(), true
	default:
		return nil, false
	}
	m.resize()
	return nil, true
}

// detailsHider is a tab whose details can sit beside its list or be
// hidden (P), leaving the list the whole width.
type detailsHider interface{ HideDetails(hide bool) }

// detailsToggle reports whether P does something now: the tab has
// details that sit beside the list on a terminal this wide.
func (m *Model) detailsToggle() bool {
	_, ok := m.screens[m.active].(detailsHider)
	_, _, side := widget.Split(m.width)
	return ok && side
}

// notSelectable is a screen whose row under the cursor may be one that
// cannot be acted on (the goals tree's dimmed ancestors of a match); it
// says why, or "".
type notSelectable interface{ NotSelectable() string }

// recordKey handles the keys about records: findings, links, back, the
// selected record's history and blame, and editing.
func (m *Model) recordKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	keys := m.c.Keys
	if ns, ok := m.screens[m.active].(notSelectable); ok && ns.NotSelectable() != "" &&
		key.Matches(k, keys.Links, keys.History, keys.Blame, keys.EditYAML, keys.Edit, keys.CheckIn, keys.Act, keys.Options) {
		return common.StatusErr(ns.NotSelectable()), true
	}
	switch {
	case key.Matches(k, keys.Findings):
		if m.data != nil && m.data.Checking {
			return common.Status("still checking the records: the findings come when it is done"), true
		}
		m.push(newFindingsOverlay(m.c, m.data))
	case key.Matches(k, keys.Links):
		id := m.screens[m.active].Selected()
		if id == "" {
			return common.Status("nothing selected"), true
		}
		m.push(newLinksOverlay(m.c, m.data, id))
	case key.Matches(k, keys.Back):
		return m.goBack(), true
	case key.Matches(k, keys.History):
		return m.openHistory(), true
	case key.Matches(k, keys.Blame):
		return m.openBlame(), true
	case key.Matches(k, keys.CopyURL):
		return m.copyURL(), true
	case key.Matches(k, keys.EditYAML):
		return m.editYAML(), true
	case key.Matches(k, keys.Undo):
		return m.askUndo(false), true
	case key.Matches(k, keys.Redo):
		return m.askUndo(true), true
	case key.Matches(k, keys.New):
		return m.openNew(), true
	case key.Matches(k, keys.Edit):
		return m.openEdit(), true
	case key.Matches(k, keys.CheckIn):
		return m.openCheckin(), true
	case key.Matches(k, keys.Act):
		return m.openActions(), true
	case key.Matches(k, keys.Options):
		return m.openOptions(), true
	default:
		return nil, false
	}
	m.resize()
	return nil, true
}
