package widget

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/ui/common"
)

// Pick is one row of a picker: the record it leads to and its text.
type Pick struct {
	Target string
	Text   string // already styled and cleaned
	Filter string
}

// Picker is a filterable list whose enter jumps to a record: the
// findings view and the linked-records view.
type Picker struct {
	c             common.Common
	width, height int
	title         string
	empty         string
	picks         []Pick
	list          List
}

// NewPicker lists picks under a title; empty says why there are none.
func NewPicker(c common.Common, title, empty string, picks []Pick) *Picker {
	p := &Picker{c: c, title: title, empty: empty, picks: picks, list: NewList(c.Keys, nil)}
	items := make([]Item, len(picks))
	for i, pk := range picks {
		items[i] = Item{ID: common.Itoa(i), Filter: pk.Filter}
	}
	p.list.SetItems(items)
	return p
}

func (p *Picker) Update(msg tea.Msg) (tea.Cmd, bool) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil, false
	}
	if !p.list.Capturing() {
		switch {
		case key.Matches(k, p.c.Keys.Open):
			if id := p.list.Selected(); id != "" {
				var i int
				fmt.Sscan(id, &i)
				if t := p.picks[i].Target; t != "" {
					return common.JumpTo(t), true
				}
			}
			return nil, false
		case key.Matches(k, p.c.Keys.Close) && p.list.Query() == "", key.Matches(k, p.c.Keys.Quit):
			return nil, true
		}
	}
	var cmd tea.Cmd
	p.list, cmd, _ = p.list.Update(k)
	return cmd, false
}

func (p *Picker) SetSize(w, h int) { p.width, p.height = w, h }

func (p *Picker) Dirty() bool { return false }

func (p *Picker) Keys() []key.Binding {
	k := p.c.Keys
	open := k.Open
	open.SetHelp("enter", "go to record")
	return []key.Binding{open, k.Move(), k.Filter, k.Close}
}

func (p *Picker) View() string {
	width, height := p.width, p.height
	s := p.c.Styles
	innerW := max(min(width-4, 120), 20) // the box's content width
	rowsH := max(height-5, 1)
	p.list.SetHeight(rowsH)
	p.list.SetWidth(innerW)
	var b strings.Builder
	b.WriteString(common.Fit(s.Heading.Render(p.title)+s.Muted.Render(fmt.Sprintf("  %d", len(p.picks))), innerW) + "\n")
	if fl := p.list.FilterLine(s, innerW); fl != "" {
		b.WriteString(fl + "\n")
	}
	if len(p.picks) == 0 {
		b.WriteString(s.Muted.Render(p.empty))
	}
	p.list.Rows(func(id string, selected bool) {
		var i int
		fmt.Sscan(id, &i)
		b.WriteString(SelectedRow(s, common.Pad(p.picks[i].Text, innerW-1), selected, innerW-1) + "\n")
	})
	// Width counts the border and padding too.
	box := s.Overlay.Width(innerW + s.Overlay.GetHorizontalFrameSize()).Render(strings.TrimRight(b.String(), "\n"))
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Top, box)
}
