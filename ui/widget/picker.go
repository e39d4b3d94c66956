package widget

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/ui/common"
	"github.com/charmbracelet/x/ansi"
)

// Pick is one row of a picker: the record it leads to and its text.
type Pick struct {
	Target string
	Text   string // already styled and cleaned
	Filter string
}

// Picker is a filterable list whose enter jumps to a record: the
// findings view and the linked-records view. Rows are cut to the box, or,
// in a picker made Wrapped, wrapped under their text.
type Picker struct {
	c             common.Common
	width, height int
	title         string
	empty         string
	picks         []Pick
	list          List
	// wrap is the indent of a wrapped row's further lines; -1 cuts rows.
	wrap int
	// top is the first row on screen, when rows wrap.
	top int
}

// Wrapped makes the picker wrap long rows instead of cutting them, their
// further lines indent cells in (under the text after a row's columns).
func (p *Picker) Wrapped(indent int) *Picker {
	p.wrap = indent
	return p
}

// NewPicker lists picks under a title; empty says why there are none.
func NewPicker(c common.Common, title, empty string, picks []Pick) *Picker {
	p := &Picker{c: c, title: title, empty: empty, picks: picks, list: NewList(c.Keys, nil), wrap: -1}
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
				if t := p.picks[p.index(id)].Target; t != "" {
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

// index is the pick a list row stands for.
func (p *Picker) index(id string) int {
	var i int
	fmt.Sscan(id, &i)
	return i
}

// rowLines are a pick's text wrapped to width: the first indent cells
// (its columns) stay on the first line, and the rest wraps under itself.
func (p *Picker) rowLines(i, width int) []string {
	text := p.picks[i].Text
	if ansi.StringWidth(text) <= width {
		return []string{text}
	}
	indent := min(p.wrap, width/2)
	lead, rest := ansi.Truncate(text, indent, ""), ansi.TruncateLeft(text, indent, "")
	lines := strings.Split(ansi.Wrap(rest, width-indent, ""), "\n")
	for j := range lines {
		if j == 0 {
			lines[j] = lead + lines[j]
		} else {
			lines[j] = strings.Repeat(" ", indent) + lines[j]
		}
	}
	return lines
}

// wrappedRows draws the rows, each wrapped, as many as fit in height
// lines, keeping the cursor's on screen.
func (p *Picker) wrappedRows(width, height int) string {
	s := p.c.Styles
	ids := p.list.IDs()
	cur := p.list.Cursor()
	if len(ids) == 0 {
		return ""
	}
	heights := make([]int, len(ids))
	for i, id := range ids {
		heights[i] = len(p.rowLines(p.index(id), width))
	}
	p.top = min(p.top, cur)
	for used := sumRange(heights, p.top, cur); used > height && p.top < cur; used = sumRange(heights, p.top, cur) {
		p.top++
	}
	var b strings.Builder
	used := 0
	for i := p.top; i < len(ids); i++ {
		lines := p.rowLines(p.index(ids[i]), width)
		if used+len(lines) > height && i > p.top {
			break
		}
		for _, l := range lines {
			b.WriteString(SelectedRow(s, common.Pad(l, width), i == cur, width) + "\n")
		}
		used += len(lines)
	}
	return b.String()
}

// sumRange adds hs[from..to], both included.
func sumRange(hs []int, from, to int) int {
	n := 0
	for _, h := range hs[from : to+1] {
		n += h
	}
	return n
}

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
	if p.wrap >= 0 {
		b.WriteString(p.wrappedRows(innerW-1, rowsH-strings.Count(b.String(), "\n")+1))
	} else {
		p.list.Rows(func(id string, selected bool) {
			b.WriteString(SelectedRow(s, common.Pad(p.picks[p.index(id)].Text, innerW-1), selected, innerW-1) + "\n")
		})
	}
	// Width counts the border and padding too.
	box := s.Overlay.Width(innerW + s.Overlay.GetHorizontalFrameSize()).Render(strings.TrimRight(b.String(), "\n"))
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Top, box)
}
