package widget

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/ui/common"
	"github.com/charmbracelet/x/ansi"
)

// Frame is the list-and-detail layout of the tabs that list records (all
// but the report; the RACI tab draws its own rows in it): the list on the
// left and the selected record's details on the right when the terminal is
// wide enough; on a narrow one the list fills the screen and enter opens
// the details full-screen (esc returns). Screens supply how a row and a
// record's details look; the frame owns keys, sizes and scrolling.
type Frame struct {
	c      common.Common
	List   List
	Detail Detail
	Width  int
	Height int
	Zoomed bool // narrow terminal, details open

	// Header is drawn above the rows (column titles, active filters).
	Header func(width int) string
	Row    func(id string, selected bool, width int) string
	Body   func(id string, width int) string
	// Empty says why the list is empty when no text filter is at work:
	// what the tab holds and the key that makes the first one, or which
	// of the tab's own filters leave nothing.
	Empty func() string
	// Shares, when set, lays a wide terminal out in the tab's own shares
	// (Split's by default).
	Shares func(width int) (listW, detailW int, sideBySide bool)
	// DetailsHidden: the list takes the whole width, and enter opens the
	// details full-screen, as on a narrow terminal.
	DetailsHidden bool
	// RowsTop is how many lines the tab draws above the rows besides the
	// header and the filter line (the RACI matrix's names and loads).
	RowsTop int
}

// Split is the frame's layout now: the widths of the list and the
// details, and whether they sit side by side (not on a narrow terminal,
// nor with the details hidden).
func (f *Frame) Split() (listW, detailW int, sideBySide bool) {
	switch {
	case f.DetailsHidden:
		return f.Width, f.Width, false
	case f.Shares != nil:
		return f.Shares(f.Width)
	}
	return Split(f.Width)
}

// HideDetails hides or shows the details beside the list.
func (f *Frame) HideDetails(hide bool) {
	f.DetailsHidden = hide
	if _, _, side := f.Split(); side {
		f.Zoomed = false
	}
	f.SetSize(f.Width, f.Height)
}

// rowsStart is the line of the first row, from the top of the frame.
func (f *Frame) rowsStart() int {
	n := f.RowsTop
	if f.Header != nil {
		n++
	}
	if f.List.FilterLine(f.c.Styles, f.Width) != "" {
		n++
	}
	return n
}

// mouse handles a click or the wheel in the frame: a click on a row
// selects it (on the row already selected, with no details beside the
// list, it opens them); the wheel moves the cursor in the list and
// scrolls the details over them. It reports whether it used msg.
func (f *Frame) mouse(msg tea.Msg) bool {
	lw, _, side := f.Split()
	switch msg := msg.(type) {
	case common.ClickMsg:
		if f.Zoomed && !side || msg.X >= lw {
			return false
		}
		id, ok := f.List.RowAt(msg.Y - f.rowsStart())
		switch {
		case !ok:
			return false
		case id == f.List.Selected() && !side:
			f.Zoomed = true
		default:
			f.List.Select(id)
		}
		return true
	case common.WheelMsg:
		if f.Zoomed && !side || side && msg.X > lw {
			f.Detail.ScrollBy(msg.Delta * 3)
		} else {
			f.List.Move(msg.Delta)
		}
		return true
	}
	return false
}

// EmptyList is what a list with no rows says: that nothing matches the
// text filter, or why there is nothing (empty), wrapped to width.
func EmptyList(s *common.Styles, l *List, empty func() string, width int) string {
	text := "nothing matches the filter · esc clears it"
	if l.Query() == "" {
		if empty == nil {
			return ""
		}
		text = empty()
	}
	lines := strings.Split(common.Wrap(text, max(width-2, 10)), "\n")
	for i, line := range lines {
		lines[i] = " " + s.Muted.Render(line)
	}
	return strings.Join(lines, "\n") + "\n"
}

// SelectedRow draws a row with the cursor mark; the selected row is drawn
// in the selection style as a whole (colours inside the row would end the
// highlight at their first reset), so its symbols carry its meaning.
func SelectedRow(s *common.Styles, row string, selected bool, width int) string {
	if !selected {
		return " " + row
	}
	return s.Cursor.Render("▌") + s.Selected.Render(common.Pad(ansi.Strip(row), width))
}

// NewFrame makes a frame whose list filters with fn (nil: FilterItems).
func NewFrame(c common.Common, fn FilterFunc) Frame {
	return Frame{c: c, List: NewList(c.Keys, fn), Detail: NewDetail(c.Keys)}
}

func (f *Frame) SetSize(w, h int) {
	f.Width, f.Height = w, h
	lw, dw, side := f.Split()
	f.List.SetWidth(lw)
	if side {
		f.Detail.SetSize(dw-1, h)
	} else {
		f.Detail.SetSize(w-1, h-1)
	}
	f.List.SetHeight(f.RowsHeight())
}

// RowsHeight is what is left for rows under the header and filter lines.
func (f *Frame) RowsHeight() int {
	h := f.Height
	if f.Header != nil {
		h--
	}
	if f.List.FilterLine(f.c.Styles, f.Width) != "" {
		h--
	}
	return max(h, 1)
}

// FrameKeys are the frame's keys that work now, with a tab's own keys
// (extra) in their place: while a filter is typed, the filter's keys
// only; in full-screen details, closing them and, when they are longer
// than the screen, scrolling; else the filter and clearing it, opening
// the details on a narrow terminal, extra, and scrolling the details
// when they sit beside the list and are longer than it. Hints and help
// are made from them, so neither offers a key that does nothing.
func (f *Frame) FrameKeys(extra ...key.Binding) []key.Binding {
	k := f.c.Keys
	if f.List.Capturing() {
		return []key.Binding{k.ApplyFilter, k.ClearFilter, k.FuzzyToggle}
	}
	_, _, side := f.Split()
	if f.Zoomed && !side {
		out := []key.Binding{k.Close}
		if f.Detail.Scrollable() {
			out = append(out, k.DetailDown)
		}
		return out
	}
	out := []key.Binding{k.Filter}
	if f.List.Query() != "" {
		out = append(out, k.ClearFilter)
	}
	if !side && f.List.Selected() != "" {
		out = append(out, k.Open)
	}
	out = append(out, extra...)
	if side && f.List.Selected() != "" && f.Detail.Scrollable() {
		out = append(out, k.DetailDown)
	}
	return out
}

// Update routes a message: details scrolling, zoom, then the list. It
// reports whether the message was used.
func (f *Frame) Update(msg tea.Msg) (tea.Cmd, bool) {
	if f.mouse(msg) {
		return nil, true
	}
	k, isKey := msg.(tea.KeyPressMsg)
	if isKey && !f.List.Capturing() {
		if d, ok := f.Detail.Update(k); ok {
			f.Detail = d
			return nil, true
		}
		_, _, side := f.Split()
		switch {
		case !side && !f.Zoomed && key.Matches(k, f.c.Keys.Open) && f.List.Selected() != "":
			f.Zoomed = true
			return nil, true
		case f.Zoomed && key.Matches(k, f.c.Keys.Filter):
			return nil, true // the list is hidden: a filter typed now would be invisible
		case f.Zoomed && key.Matches(k, f.c.Keys.Close, f.c.Keys.Open):
			f.Zoomed = false
			return nil, true
		case f.Zoomed && key.Matches(k, f.c.Keys.Up, f.c.Keys.Down):
			// In full-screen details the arrows scroll.
			f.Detail.Scroll(k)
			return nil, true
		}
	}
	wasFiltering := f.List.FilterLine(f.c.Styles, f.Width) != ""
	var cmd tea.Cmd
	var used bool
	f.List, cmd, used = f.List.Update(msg)
	if wasFiltering != (f.List.FilterLine(f.c.Styles, f.Width) != "") {
		f.List.SetHeight(f.RowsHeight())
	}
	return cmd, used
}

// View draws the frame.
func (f *Frame) View() string {
	s := f.c.Styles
	lw, dw, side := f.Split()
	sel := f.List.Selected()
	if f.Zoomed && !side {
		f.Detail.Show(sel, f.Body(sel, f.Detail.Width()))
		return s.Muted.Render(common.Fit("esc back to the list · J/K scroll", f.Width)) + "\n" + f.Detail.View()
	}
	var b strings.Builder
	if f.Header != nil {
		b.WriteString(common.Pad(f.Header(lw), lw) + "\n")
	}
	if fl := f.List.FilterLine(s, lw); fl != "" {
		b.WriteString(fl + "\n")
	}
	if f.List.Len() == 0 {
		b.WriteString(EmptyList(s, &f.List, f.Empty, lw))
	}
	f.List.Rows(func(id string, selected bool) {
		b.WriteString(SelectedRow(s, f.Row(id, selected, lw-1), selected, lw-1) + "\n")
	})
	left := strings.TrimRight(b.String(), "\n")
	if !side {
		return left
	}
	body := s.Muted.Render("Nothing selected.")
	if sel != "" {
		body = f.Body(sel, dw-1)
	}
	f.Detail.Show(sel, body)
	return JoinPanes(s, left, lw, " "+strings.ReplaceAll(f.Detail.View(), "\n", "\n "), dw, f.Height)
}
