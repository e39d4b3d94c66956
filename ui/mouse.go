package ui

import (
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

// The mouse: a click on a tab shows it, a click on a row selects it (and,
// with no details beside the list, a second click opens them), and the
// wheel moves through lists and scrolls details, the report, help and the
// pickers.

// bodyTop is the screen line the body starts on: under the header, the
// identity lines, the tabs and the rule.
func (m *Model) bodyTop() int { return m.chrome() - 2 }

// tabsLine is the screen line of the tabs.
func (m *Model) tabsLine() int { return m.bodyTop() - 2 }

// mouse handles a click or a turn of the wheel.
func (m Model) mouse(at tea.Mouse, msg tea.Msg) (tea.Model, tea.Cmd) {
	m.status = common.StatusMsg{} // as a key does
	y := at.Y - m.bodyTop()
	inBody := y >= 0 && y < m.bodyHeight()
	switch msg.(type) {
	case tea.MouseClickMsg:
		switch {
		case at.Button != tea.MouseLeft:
		case at.Y == m.tabsLine() && m.top() == nil:
			if i, ok := m.tabAt(at.X); ok {
				m.active = i
				m.resize()
			}
		case inBody && m.top() == nil && m.data != nil:
			return m.toScreen(common.ClickMsg{X: at.X, Y: y})
		}
	case tea.MouseWheelMsg:
		delta := 0
		switch at.Button {
		case tea.MouseWheelUp:
			delta = -1
		case tea.MouseWheelDown:
			delta = 1
		}
		switch {
		case delta == 0 || !inBody:
		case m.top() != nil:
			// The overlays that scroll take the wheel as ↑ and ↓.
			switch m.top().(type) {
			case *widget.Help, *widget.Pager, *widget.Picker:
				k := tea.KeyPressMsg{Code: tea.KeyDown}
				if delta < 0 {
					k.Code = tea.KeyUp
				}
				return m, m.toTop(k)
			}
		case m.data != nil:
			return m.toScreen(common.WheelMsg{X: at.X, Y: y, Delta: delta})
		}
	}
	return m, nil
}

// tabAt is the tab whose label is at column x of the tabs line.
func (m Model) tabAt(x int) (int, bool) {
	left := 0
	for i := range m.screens {
		w := lipgloss.Width(m.tabLabel(i))
		if x >= left && x < left+w {
			return i, true
		}
		left += w
	}
	return 0, false
}
