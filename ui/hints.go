package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

// The keys that work now, from the same bindings the program matches:
// the hints line under the screen shows as many as fit, and the help view
// (?) every one, grouped. A key that does nothing in the present state (n
// while a filter is typed, J/K with no details on screen) is in neither.

// keysNow are the keys that work now, by what they are about.
type keysNow struct {
	// edit are the editing keys a person looks for first; editMore the
	// others, offered after the screen's own.
	edit, editMore []key.Binding
	// screen are the tab's (or the overlay's) own keys; record are the
	// selected record's (its links, history, blame).
	screen, record []key.Binding
	// app work on every tab; tail always shows at the end of the hints.
	app, tail []key.Binding
	// lists are the keys that move in a list, when the tab is one.
	lists []key.Binding
}

// quitNow is ctrl+c, which quits even while a filter is typed.
var quitNow = key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit"))

func (m Model) keysNow() keysNow {
	k := m.c.Keys
	var n keysNow
	if o := m.top(); o != nil {
		// The way out (listed last) always shows.
		n.screen = o.Keys()
		if l := len(n.screen); l > 0 {
			n.screen, n.tail = n.screen[:l-1], n.screen[l-1:]
		}
		return n
	}
	sc := m.screens[m.active]
	if sc.Capturing() {
		// Typing: every other key is a letter of the filter.
		return keysNow{screen: sc.Keys(), tail: []key.Binding{quitNow}}
	}
	n.screen = sc.Keys()
	n.edit, n.editMore = m.editKeys()
	if m.data != nil && sc.Selected() != "" {
		n.record = []key.Binding{k.Links, k.History, k.Blame}
		if m.data.Org.Config.SiteURL != "" {
			n.record = append(n.record, k.CopyURL) // the record's page on the published site
		}
	}
	if m.active != tabReport && m.data != nil {
		n.lists = k.ListKeys()[:6] // the filter is the tab's own key
	}
	n.app = []key.Binding{k.NextTab, k.PrevTab, k.Tab}
	if len(m.back) > 0 {
		n.app = append(n.app, k.Back)
	}
	if m.data != nil {
		n.app = append(n.app, k.Findings)
	}
	if !m.loading {
		n.app = append(n.app, k.Reload)
	}
	if len(m.log) > 0 {
		n.app = append(n.app, k.Messages)
	}
	if m.detailsToggle() {
		d := k.Details
		if m.detailsHidden {
			d.SetHelp(d.Help().Key, "show details")
		}
		n.screen = append([]key.Binding{d}, n.screen...)
	}
	n.tail = append(m.sync.Keys(k), k.Help, k.Quit)
	return n
}

// helpGroups are the keys that work now, grouped for the help view.
func (m Model) helpGroups() []widget.KeyGroup {
	n := m.keysNow()
	groups := []widget.KeyGroup{
		{Title: "This tab", Keys: n.screen},
		{Title: "Editing", Keys: append(n.edit, n.editMore...)},
		{Title: "The selected record", Keys: n.record},
		{Title: "Moving", Keys: n.lists},
		{Title: "Everywhere", Keys: append(n.app, n.tail...)},
	}
	if m.top() != nil {
		groups = []widget.KeyGroup{{Title: "Keys here", Keys: append(n.screen, n.tail...)}}
	}
	return groups
}

// hints is the one-line key help: as many of the keys that work now as
// fit, editing first, then the tab's, the record's and the rest; the tail
// (sync, help, quit, or an overlay's way out) always shows.
func (m Model) hints() string {
	s := m.c.Styles
	render := func(b key.Binding) string {
		return s.Key.Render(b.Help().Key) + " " + s.KeyDesc.Render(b.Help().Desc)
	}
	n := m.keysNow()
	bs := append(append(append(n.edit, n.screen...), n.record...), n.editMore...)
	if m.top() == nil && m.data != nil && !m.screens[m.active].Capturing() {
		bs = append(bs, m.c.Keys.Findings)
	}
	var right []string
	for _, b := range n.tail {
		if b.Enabled() {
			right = append(right, render(b))
		}
	}
	r := strings.Join(right, "  ")
	width := 1 + lipgloss.Width(r) + 2
	var parts []string
	for _, b := range bs {
		if !b.Enabled() {
			continue
		}
		p := render(b)
		w := lipgloss.Width(p) + 2
		if width+w > m.width {
			continue // a shorter one further on may still fit
		}
		parts = append(parts, p)
		width += w
	}
	if r != "" {
		parts = append(parts, r)
	}
	return common.Fit(" "+strings.Join(parts, "  "), m.width)
}
