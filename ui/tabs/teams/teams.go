// Package teams is the Teams tab: how departments work together. Three
// views, cycled with v: the team × team dependencies (how many open goals
// of one team depend on another, how many of those something blocks, and
// the goals behind a cell), the pulse trends per pair of teams (the worst
// and falling pairs called out), and the user's private stakeholder map
// (a power × interest grid, touchpoints overdue, proposed decisions that
// leave out someone who matters), read from the clone in a command.
package teams

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
)

// Store is what the tab reads and writes of the clone: the private
// stakeholder map, never part of the shared records.
type Store interface {
	StakeholdersEncrypted() (bool, error)
	OpenStakeholders(passphrase string) (*model.StakeholderMap, error)
	WriteStakeholders(m *model.StakeholderMap, passphrase string) error
}

// The tab's views, cycled with v.
const (
	viewDeps = iota
	viewPulse
	viewStakeholders
	views
)

var viewNames = [views]string{"Dependencies", "Pulse", "Stakeholders"}

// Tab is the Teams tab.
type Tab struct {
	c             common.Common
	store         Store
	data          *common.Data
	width, height int
	mode          int

	deps  depsView
	pulse pulseView
	stake stakeView

	left, right, open, switchView key.Binding
	// arrows is every arrow, for the hints of the grids.
	arrows key.Binding
}

func New(c common.Common, store Store) *Tab {
	t := &Tab{c: c, store: store,
		left:       key.NewBinding(key.WithKeys("left"), key.WithHelp("←→", "move")),
		right:      key.NewBinding(key.WithKeys("right")),
		open:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		switchView: c.Keys.SwitchView,
		arrows:     key.NewBinding(key.WithKeys("left", "right", "up", "down"), key.WithHelp("←↑↓→", "move")),
	}
	t.stake.col = 4 // the "Manage closely" corner
	return t
}

func (t *Tab) Title() string { return "Teams" }

func (t *Tab) SetSize(w, h int) { t.width, t.height = w, h }

func (t *Tab) SetData(d *common.Data) {
	t.data = d
	t.deps.set(d)
	t.pulse.set(d)
	t.stake.setData(d)
}

// Selected is the pulse under the cursor in the pulse view (its history
// and blame work); nothing in the others.
func (t *Tab) Selected() string {
	if t.mode == viewPulse {
		return t.pulse.selected()
	}
	return ""
}

// Select shows a pulse in the pulse view.
func (t *Tab) Select(id string) bool {
	if t.pulse.selectPulse(id) {
		t.mode = viewPulse
		return true
	}
	return false
}

func (t *Tab) Capturing() bool { return false }

// StakeholderCell is, on the stakeholder view, the map as read, the
// passphrase that opened it, and the handles in the cursor's cell, for e
// to edit one; false elsewhere, or when the cell is empty.
func (t *Tab) StakeholderCell() (m *model.StakeholderMap, passphrase string, who []string, ok bool) {
	v := &t.stake
	if t.mode != viewStakeholders || v.state != stakeRead {
		return nil, "", nil, false
	}
	for _, st := range v.cells[v.row][v.col] {
		who = append(who, st.Who)
	}
	return v.m, v.passphrase, who, len(who) > 0
}

// PulsePair is the pair under the cursor when the pulse view is on show,
// for n to rate it again: the team rating and the team rated.
func (t *Tab) PulsePair() (team, about string, ok bool) {
	if t.mode != viewPulse || t.data == nil {
		return "", "", false
	}
	if t.pulse.cursor < len(t.pulse.trends) {
		tr := t.pulse.trends[t.pulse.cursor]
		return tr.Team, tr.About, true
	}
	return "", "", true
}

// Keys are the keys of the view on show.
func (t *Tab) Keys() []key.Binding {
	if t.data == nil {
		return nil
	}
	k := t.c.Keys
	sw := t.switchView
	sw.SetHelp(sw.Help().Key, strings.ToLower(viewNames[(t.mode+1)%views]))
	var out []key.Binding
	switch t.mode {
	case viewDeps:
		if len(t.deps.teams) > 0 {
			open := t.open
			open.SetHelp("enter", "goals behind the cell")
			out = append(out, t.arrows, open)
		}
	case viewPulse:
		if len(t.pulse.trends) > 0 {
			out = append(out, k.Move())
		}
	case viewStakeholders:
		out = append(out, t.stake.keys(t)...)
	}
	return append(out, sw)
}

// Pending reads the stakeholder map when its view is on show and it has
// not been read.
func (t *Tab) Pending() tea.Cmd {
	if t.mode != viewStakeholders || t.data == nil {
		return nil
	}
	return t.stake.pending(t.store)
}

func (t *Tab) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case StakeholdersMsg:
		return t, t.stake.loaded(t, msg)
	case common.SavedMsg:
		if msg.Private && msg.Err == nil {
			t.stake.saved()
		}
		return t, nil
	case tea.KeyPressMsg:
		if t.data == nil {
			return t, nil
		}
		if key.Matches(msg, t.switchView) {
			t.mode = (t.mode + 1) % views
			return t, nil
		}
		switch t.mode {
		case viewDeps:
			return t, t.deps.key(t, msg)
		case viewPulse:
			return t, t.pulse.key(t, msg)
		case viewStakeholders:
			return t, t.stake.key(t, msg)
		}
	}
	return t, nil
}

func (t *Tab) View() string {
	if t.data == nil {
		return ""
	}
	var body string
	switch t.mode {
	case viewDeps:
		body = t.deps.view(t)
	case viewPulse:
		body = t.pulse.view(t)
	case viewStakeholders:
		body = t.stake.view(t)
	}
	lines := strings.Split(strings.TrimRight(body, "\n"), "\n")
	for len(lines) < t.height {
		lines = append(lines, "")
	}
	for i, l := range lines {
		lines[i] = common.Fit(l, t.width)
	}
	return strings.Join(lines[:max(t.height, 1)], "\n")
}

// heading is the view's first line: its name, what it says in brief, and
// the views v cycles through.
func (t *Tab) heading(about string) string {
	s := t.c.Styles
	var names []string
	for i, n := range viewNames {
		if i == t.mode {
			names = append(names, s.Heading.Render(n))
		} else {
			names = append(names, s.Muted.Render(n))
		}
	}
	left := " " + strings.Join(names, s.Muted.Render(" · "))
	if about != "" {
		left += s.Muted.Render("  " + about)
	}
	return left
}

// moveKey turns an arrow into a step: dx across, dy down.
func (t *Tab) moveKey(k tea.KeyPressMsg) (dx, dy int, ok bool) {
	keys := t.c.Keys
	switch {
	case key.Matches(k, t.left):
		return -1, 0, true
	case key.Matches(k, t.right):
		return 1, 0, true
	case key.Matches(k, keys.Up):
		return 0, -1, true
	case key.Matches(k, keys.Down):
		return 0, 1, true
	}
	return 0, 0, false
}

// indent puts a space before each line after the first, to line up under
// the first's leading space.
func indent(text string) string { return strings.ReplaceAll(text, "\n", "\n ") }
