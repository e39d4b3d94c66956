package ui

import (
	"strings"

	"github.com/accordhq/accord/ui/common"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// menuItem is one choice of a menu: what it does, and, when it cannot be
// chosen now, why not.
type menuItem struct {
	label  string
	detail string
	// reason, when set, says why this choice is not open to you now.
	reason string
	// cmd is what choosing it does; it runs outside the menu, so it
	// reaches the root as messages (openFormMsg, savedMsg…).
	cmd tea.Cmd
}

// menuOverlay is a short list of actions on a record (a decision's or a
// hand-off's next steps, what to create): enter runs one; a choice that is
// not open says why instead.
type menuOverlay struct {
	c             common.Common
	width, height int
	title         string
	items         []menuItem
	cursor        int
	note          string // why the last choice did not run
}

var (
	menuRun   = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose"))
	menuClose = key.NewBinding(key.WithKeys("esc", "q"), key.WithHelp("esc", "close"))
)

func newMenu(c common.Common, title string, items []menuItem) *menuOverlay {
	m := &menuOverlay{c: c, title: title, items: items}
	for i, it := range items { // start on the first choice that is open
		if it.reason == "" {
			m.cursor = i
			break
		}
	}
	return m
}

func (m *menuOverlay) Update(msg tea.Msg) (tea.Cmd, bool) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil, false
	}
	keys := m.c.Keys
	m.note = ""
	switch {
	case key.Matches(k, keys.Up):
		m.cursor = max(m.cursor-1, 0)
	case key.Matches(k, keys.Down):
		m.cursor = min(m.cursor+1, len(m.items)-1)
	case key.Matches(k, menuRun):
		if len(m.items) == 0 {
			return nil, true
		}
		it := m.items[m.cursor]
		if it.reason != "" {
			m.note = it.reason
			return nil, false
		}
		return it.cmd, true
	case key.Matches(k, menuClose):
		return nil, true
	}
	return nil, false
}

func (m *menuOverlay) SetSize(w, h int) { m.width, m.height = w, h }
func (m *menuOverlay) Dirty() bool      { return false }

func (m *menuOverlay) Keys() []key.Binding {
	return []key.Binding{menuRun, m.c.Keys.Up, m.c.Keys.Down, menuClose}
}

func (m *menuOverlay) View() string {
	width, height := m.width, m.height
	s := m.c.Styles
	innerW := max(min(width-4, 72), 20)
	var b strings.Builder
	b.WriteString(common.Fit(s.Heading.Render(common.Clean(m.title)), innerW) + "\n\n")
	for i, it := range m.items {
		label := common.Clean(it.label)
		var row string
		switch {
		case it.reason != "":
			row = s.Muted.Render(label + " — " + common.Clean(it.reason))
		case it.detail != "":
			row = label + s.Muted.Render(" — "+common.Clean(it.detail))
		default:
			row = label
		}
		b.WriteString(selectedRow(s, common.Pad(common.Fit(row, innerW-1), innerW-1), i == m.cursor, innerW-1) + "\n")
	}
	if m.note != "" {
		b.WriteString("\n" + s.Error.Render(common.Wrap(common.Clean(m.note), innerW)))
	}
	box := s.Overlay.Width(innerW + s.Overlay.GetHorizontalFrameSize()).Render(strings.TrimRight(b.String(), "\n"))
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, box)
}
