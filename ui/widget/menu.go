package widget

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/ui/common"
	"github.com/charmbracelet/x/ansi"
)

// MenuItem is one choice of a menu: what it does, and, when it cannot be
// chosen now, why not.
type MenuItem struct {
	Label  string
	Detail string
	// Reason, when set, says why this choice is not open to you now.
	Reason string
	// Cmd is what choosing it does; it runs outside the menu, so it
	// reaches the root as messages (common.SavedMsg…).
	Cmd tea.Cmd
	// Now is a message the root takes as the menu closes, before the
	// next key: what opens the overlay that follows (a form, a
	// question), so that keys typed in the same read go into it.
	Now tea.Msg
}

// Menu is a short list of actions on a record (a decision's or a
// hand-off's next steps, what to create): enter runs one; a choice that is
// not open says why instead.
type Menu struct {
	c             common.Common
	width, height int
	title         string
	items         []MenuItem
	cursor        int
	note          string // why the last choice did not run
	next          tea.Msg
}

var (
	menuRun   = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose"))
	menuClose = key.NewBinding(key.WithKeys("esc", "q"), key.WithHelp("esc", "close"))
)

// NewMenu opens on the first choice that is open.
func NewMenu(c common.Common, title string, items []MenuItem) *Menu {
	m := &Menu{c: c, title: title, items: items}
	for i, it := range items { // start on the first choice that is open
		if it.Reason == "" {
			m.cursor = i
			break
		}
	}
	return m
}

func (m *Menu) Update(msg tea.Msg) (tea.Cmd, bool) {
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
		if it.Reason != "" {
			m.note = it.Reason
			return nil, false
		}
		m.next = it.Now
		return it.Cmd, true
	case key.Matches(k, menuClose):
		return nil, true
	}
	return nil, false
}

// Next is the chosen item's message for the root to take at once
// (common.Successor).
func (m *Menu) Next() tea.Msg { return m.next }

// Items are the menu's choices, in order.
func (m *Menu) Items() []MenuItem { return slices.Clone(m.items) }

func (m *Menu) SetSize(w, h int) { m.width, m.height = w, h }

func (m *Menu) Dirty() bool { return false }

func (m *Menu) Keys() []key.Binding {
	return []key.Binding{menuRun, m.c.Keys.Move(), menuClose}
}

func (m *Menu) View() string {
	width, height := m.width, m.height
	s := m.c.Styles
	innerW := max(min(width-4, 72), 20)
	var b strings.Builder
	b.WriteString(s.Heading.Render(common.Wrap(common.Clean(m.title), innerW)) + "\n\n")
	for i, it := range m.items {
		label := common.Clean(it.Label)
		var row string
		switch {
		case it.Reason != "":
			row = s.Muted.Render(label + " — " + common.Clean(it.Reason))
		case it.Detail != "":
			row = label + s.Muted.Render(" — "+common.Clean(it.Detail))
		default:
			row = label
		}
		// A long choice (its reason, a file's path) wraps under itself.
		for j, l := range strings.Split(ansi.Wrap(row, innerW-3, ""), "\n") {
			if j > 0 {
				l = "  " + l
			}
			b.WriteString(SelectedRow(s, common.Pad(l, innerW-1), i == m.cursor, innerW-1) + "\n")
		}
	}
	if m.note != "" {
		b.WriteString("\n" + s.Error.Render(common.Wrap(common.Clean(m.note), innerW)))
	}
	box := s.Overlay.Width(innerW + s.Overlay.GetHorizontalFrameSize()).Render(strings.TrimRight(b.String(), "\n"))
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, box)
}
