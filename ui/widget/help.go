package widget

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/ui/common"
)

// Help lists every key that works now, from the same bindings the
// program matches, so it never lies.
type Help struct {
	c             common.Common
	width, height int
	screen        []key.Binding
	// now are the global keys that apply only now: the selected record's
	// (history, blame) and sync's (a remote, conflicts).
	now []key.Binding
}

// NewHelp lists the keys of the screen (or overlay) under it and the
// global keys that apply now.
func NewHelp(c common.Common, screen, now []key.Binding) *Help {
	return &Help{c: c, screen: screen, now: now}
}

func (h *Help) Update(msg tea.Msg) (tea.Cmd, bool) {
	k, ok := msg.(tea.KeyPressMsg)
	return nil, ok && key.Matches(k, h.c.Keys.Close, h.c.Keys.Help, h.c.Keys.Quit)
}

func (h *Help) SetSize(w, hh int) { h.width, h.height = w, hh }

func (h *Help) Dirty() bool { return false }

func (h *Help) Keys() []key.Binding {
	close := h.c.Keys.Close
	close.SetHelp("esc/?", "close help")
	return []key.Binding{close}
}

func (h *Help) View() string {
	width, height := h.width, h.height
	k := h.c.Keys
	sections := []struct {
		title string
		keys  []key.Binding
	}{
		{"This tab", h.screen},
		{"Lists", k.ListKeys()},
		{"Everywhere", append([]key.Binding{k.NextTab, k.PrevTab, k.Tab, k.Links, k.Back, k.Findings, k.Reload}, append(h.now, k.Help, k.Quit)...)},
		{"While filtering", []key.Binding{k.ApplyFilter, k.ClearFilter, k.FuzzyToggle}},
	}
	s := h.c.Styles
	var cols []string
	for _, sec := range sections {
		var b strings.Builder
		b.WriteString(s.Heading.Render(sec.title) + "\n")
		keyW := 0
		for _, kb := range sec.keys {
			keyW = max(keyW, lipgloss.Width(kb.Help().Key))
		}
		seen := map[string]bool{}
		for _, kb := range sec.keys {
			if !kb.Enabled() || seen[kb.Help().Key] {
				continue
			}
			seen[kb.Help().Key] = true
			b.WriteString(s.Key.Render(common.Pad(kb.Help().Key, keyW)) + " " + s.KeyDesc.Render(kb.Help().Desc) + "\n")
		}
		cols = append(cols, strings.TrimRight(b.String(), "\n"))
	}
	// Pack the sections into rows of columns, as many side by side as the
	// terminal's width allows.
	avail := width - s.Overlay.GetHorizontalFrameSize()
	var rows []string
	var row []string
	rowW := 0
	for _, c := range cols {
		w := lipgloss.Width(c) + 3
		if len(row) > 0 && rowW+w > avail {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, rowW = nil, 0
		}
		row = append(row, lipgloss.NewStyle().PaddingRight(3).Render(c))
		rowW += w
	}
	rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	body := strings.Join(rows, "\n\n")
	if lipgloss.Height(body) > height-2 {
		body = Lines(body, avail, height-3) + "\n" + s.Muted.Render("(more keys in a taller terminal)")
	}
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, s.Overlay.Render(body))
}
