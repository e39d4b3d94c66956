package widget

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/ui/common"
)

// KeyGroup is a titled set of bindings: what the help view lists under
// one heading.
type KeyGroup struct {
	Title string
	Keys  []key.Binding
}

// Help lists every key that works now, in groups, from the same bindings
// the program matches and the hints line shows, so it never lies. It
// scrolls when it is taller than the terminal (j/k, pgup/pgdn, g/G) and
// narrows to the keys whose key or words hold what is typed after /, as
// lazygit's does.
type Help struct {
	c             common.Common
	width, height int
	groups        []KeyGroup
	offset        int
	filter        textinput.Model
	filtering     bool

	scroll, page, ends, find, clear, close key.Binding
}

// NewHelp lists groups of bindings; disabled ones and a key met twice are
// left out.
func NewHelp(c common.Common, groups []KeyGroup) *Help {
	in := textinput.New()
	in.Prompt = "/"
	in.Placeholder = "type to narrow"
	in.CharLimit = 60
	k := c.Keys
	return &Help{c: c, groups: groups, filter: in,
		scroll: key.NewBinding(key.WithKeys(append(k.Up.Keys(), k.Down.Keys()...)...), key.WithHelp("↑↓/jk", "scroll")),
		page:   key.NewBinding(key.WithKeys(append(k.PageUp.Keys(), k.PageDown.Keys()...)...), key.WithHelp("pgup/pgdn", "page")),
		ends:   key.NewBinding(key.WithKeys(append(k.Top.Keys(), k.Bottom.Keys()...)...), key.WithHelp("g/G", "top/bottom")),
		find:   key.NewBinding(key.WithKeys(k.Filter.Keys()...), key.WithHelp("/", "find a key")),
		clear:  key.NewBinding(key.WithKeys(k.ClearFilter.Keys()...), key.WithHelp("esc", "clear")),
		close:  key.NewBinding(key.WithKeys(append(k.Close.Keys(), append(k.Help.Keys(), k.Quit.Keys()...)...)...), key.WithHelp("esc/?", "close help")),
	}
}

func (h *Help) Update(msg tea.Msg) (tea.Cmd, bool) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		if h.filtering {
			var cmd tea.Cmd
			h.filter, cmd = h.filter.Update(msg)
			h.offset = 0
			return cmd, false
		}
		return nil, false
	}
	keys := h.c.Keys
	if h.filtering {
		switch {
		case key.Matches(k, keys.ClearFilter):
			h.filtering = false
			h.filter.SetValue("")
			h.filter.Blur()
		case key.Matches(k, keys.ApplyFilter):
			h.filtering = false
			h.filter.Blur()
		case k.String() == "up", k.String() == "down", k.String() == "pgup", k.String() == "pgdown":
			h.move(k)
		default:
			var cmd tea.Cmd
			h.filter, cmd = h.filter.Update(k)
			h.offset = 0
			return cmd, false
		}
		return nil, false
	}
	switch {
	case key.Matches(k, h.find):
		h.filtering = true
		return h.filter.Focus(), false
	case h.filter.Value() != "" && key.Matches(k, h.clear):
		h.filter.SetValue("")
		h.offset = 0
	case key.Matches(k, h.close):
		return nil, true
	default:
		h.move(k)
	}
	return nil, false
}

// move scrolls by a line, a page, or to an end.
func (h *Help) move(k tea.KeyPressMsg) {
	keys := h.c.Keys
	room := h.rowsHeight()
	switch {
	case key.Matches(k, keys.Up):
		h.offset--
	case key.Matches(k, keys.Down):
		h.offset++
	case key.Matches(k, keys.PageUp):
		h.offset -= room
	case key.Matches(k, keys.PageDown):
		h.offset += room
	case key.Matches(k, keys.Top):
		h.offset = 0
	case key.Matches(k, keys.Bottom):
		h.offset = len(h.lines())
	}
	h.clamp()
}

func (h *Help) clamp() {
	h.offset = max(min(h.offset, len(h.lines())-h.rowsHeight()), 0)
}

func (h *Help) SetSize(w, hh int) {
	h.width, h.height = w, hh
	h.clamp()
}

func (h *Help) Dirty() bool { return false }

// Keys are the help view's own keys that work now.
func (h *Help) Keys() []key.Binding {
	if h.filtering {
		return []key.Binding{h.c.Keys.ApplyFilter, h.clear}
	}
	var out []key.Binding
	if h.scrolls() {
		out = append(out, h.scroll, h.page, h.ends)
	}
	out = append(out, h.find)
	if h.filter.Value() != "" {
		out = append(out, h.clear)
	}
	return append(out, h.close)
}

// scrolls reports whether the keys are more than fit.
func (h *Help) scrolls() bool { return len(h.lines()) > h.rowsHeight() }

// innerWidth is the width inside the box's border and padding.
func (h *Help) innerWidth() int {
	return max(h.width-h.c.Styles.Overlay.GetHorizontalFrameSize(), 10)
}

// rowsHeight is how many lines of keys the box shows: the body less the
// box's border, and the line that says where the keys are and how to find
// one.
func (h *Help) rowsHeight() int {
	return max(h.height-h.c.Styles.Overlay.GetVerticalFrameSize()-1, 1)
}

// matches reports whether a binding is one of those the filter asks for.
func (h *Help) matches(b key.Binding) bool {
	q := strings.ToLower(strings.TrimSpace(h.filter.Value()))
	return q == "" || strings.Contains(strings.ToLower(b.Help().Key+" "+b.Help().Desc), q)
}

// lines are the groups laid out in as many columns as the width allows,
// the filter applied.
func (h *Help) lines() []string {
	s := h.c.Styles
	var cols []string
	for _, g := range h.groups {
		var rows []key.Binding
		seen := map[string]bool{}
		keyW := 0
		for _, kb := range g.Keys {
			if !kb.Enabled() || seen[kb.Help().Key] || !h.matches(kb) {
				continue
			}
			seen[kb.Help().Key] = true
			rows = append(rows, kb)
			keyW = max(keyW, lipgloss.Width(kb.Help().Key))
		}
		if len(rows) == 0 {
			continue
		}
		var b strings.Builder
		b.WriteString(s.Heading.Render(g.Title))
		for _, kb := range rows {
			b.WriteString("\n" + s.Key.Render(common.Pad(kb.Help().Key, keyW)) + " " + s.KeyDesc.Render(kb.Help().Desc))
		}
		cols = append(cols, b.String())
	}
	if len(cols) == 0 {
		return []string{s.Muted.Render("No key matches " + common.Clean(h.filter.Value()) + ".")}
	}
	// Pack the groups into rows of columns, as many side by side as the
	// width allows.
	avail := h.innerWidth()
	var blocks, row []string
	rowW := 0
	for _, c := range cols {
		w := lipgloss.Width(c) + 3
		if len(row) > 0 && rowW+w > avail {
			blocks = append(blocks, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, rowW = nil, 0
		}
		row = append(row, lipgloss.NewStyle().PaddingRight(3).Render(c))
		rowW += w
	}
	blocks = append(blocks, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	var out []string
	for _, l := range strings.Split(strings.Join(blocks, "\n\n"), "\n") {
		out = append(out, common.Fit(strings.TrimRight(l, " "), avail))
	}
	return out
}

func (h *Help) View() string {
	s := h.c.Styles
	lines := h.lines()
	room := h.rowsHeight()
	h.clamp()
	shown := lines[h.offset:min(h.offset+room, len(lines))]
	var foot string
	switch {
	case h.filtering:
		h.filter.SetWidth(max(h.innerWidth()-4, 4))
		foot = h.filter.View()
	case h.filter.Value() != "":
		foot = s.Cursor.Render("/") + common.Clean(h.filter.Value()) + s.Muted.Render(" · esc shows every key")
	case len(lines) > room:
		foot = s.Muted.Render("lines " + common.Itoa(h.offset+1) + "–" + common.Itoa(h.offset+len(shown)) + " of " +
			common.Itoa(len(lines)) + " · j/k scroll · / find a key")
	default:
		foot = s.Muted.Render("/ find a key · esc closes")
	}
	body := strings.Join(append(shown, common.Fit(foot, h.innerWidth())), "\n")
	return lipgloss.Place(h.width, h.height, lipgloss.Center, lipgloss.Center, s.Overlay.Render(body))
}
