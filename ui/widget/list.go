package widget

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/ui/common"
)

// Item is one row of a List: the record it shows and the text the filter
// matches against.
type Item struct {
	ID     string
	Filter string
}

// FilterFunc picks the rows to show, in display order, as indices into
// items, from hits: the items the query matches (every item, in order,
// when it is ""; best first when fuzzy). Screens with trees use it to keep
// a match's ancestors on screen. hits is shared: a FilterFunc must not
// change it.
type FilterFunc func(items []Item, query string, hits []int) []int

// List is a cursor over items with a filter that narrows them as you type
// (substring by default, fuzzy with ctrl+t). Screens render the rows; the
// list owns which are visible, the cursor and scrolling.
type List struct {
	keys    *common.KeyMap
	items   []Item
	match   matcher
	visible []int
	cursor  int
	offset  int
	height  int

	input     textinput.Model
	filtering bool // the input has the keyboard
	fuzzy     bool
	filterFn  FilterFunc // nil: the hits, as they are
	// context tells the rows shown only to place the matches (a tree's
	// ancestors of a match), nil when there are none.
	context func(id string) bool
}

// NewList makes an empty list.
func NewList(keys *common.KeyMap, fn FilterFunc) List {
	in := textinput.New()
	in.Prompt = "/"
	in.Placeholder = "filter"
	in.CharLimit = 200
	return List{keys: keys, input: in, filterFn: fn, height: 1, match: newMatcher(nil)}
}

// SetItems replaces the items, keeping the cursor on the same record when
// it is still there.
func (l *List) SetItems(items []Item) {
	keep := l.Selected()
	l.items = items
	l.match = newMatcher(items)
	l.refilter()
	if keep != "" {
		l.Select(keep)
	}
}

func (l *List) refilter() {
	q := l.input.Value()
	l.visible = l.match.find(q, l.fuzzy)
	if l.filterFn != nil {
		l.visible = l.filterFn(l.items, q, l.visible)
	}
	l.clamp()
}

// SetContext names the rows a filter shows only to place its matches
// (a tree's dimmed ancestors): a new query puts the cursor on the first
// row that is not one, so that what is acted on is a match.
func (l *List) SetContext(context func(id string) bool) { l.context = context }

// ToFirstMatch moves the cursor to the first row that is not context,
// when the cursor is on context.
func (l *List) ToFirstMatch() {
	if l.context == nil || len(l.visible) == 0 || !l.context(l.Selected()) {
		return
	}
	for i, idx := range l.visible {
		if !l.context(l.items[idx].ID) {
			l.cursor = i
			l.clamp()
			return
		}
	}
}

// SetHeight sets how many rows are on screen.
func (l *List) SetHeight(h int) {
	l.height = max(h, 1)
	l.clamp()
}

// SetWidth sets the width of the filter input.
func (l *List) SetWidth(w int) { l.input.SetWidth(max(w-4, 1)) }

func (l *List) clamp() {
	l.cursor = min(max(l.cursor, 0), max(len(l.visible)-1, 0))
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+l.height {
		l.offset = l.cursor - l.height + 1
	}
	l.offset = max(min(l.offset, len(l.visible)-l.height), 0)
}

// Selected is the ID under the cursor, or "".
func (l *List) Selected() string {
	if len(l.visible) == 0 {
		return ""
	}
	return l.items[l.visible[l.cursor]].ID
}

// Cursor is the cursor's position among the visible rows.
func (l *List) Cursor() int { return l.cursor }

// Select moves the cursor to id; false when it is not visible.
func (l *List) Select(id string) bool {
	for i, idx := range l.visible {
		if l.items[idx].ID == id {
			l.cursor = i
			l.clamp()
			return true
		}
	}
	return false
}

// IDs are the IDs of the visible rows, in order, on screen or scrolled
// off.
func (l *List) IDs() []string {
	ids := make([]string, len(l.visible))
	for i, idx := range l.visible {
		ids[i] = l.items[idx].ID
	}
	return ids
}

// Has reports whether id is among the items, visible or filtered out.
func (l *List) Has(id string) bool {
	for _, it := range l.items {
		if it.ID == id {
			return true
		}
	}
	return false
}

// ClearFilter drops the filter.
func (l *List) ClearFilter() {
	l.input.SetValue("")
	l.input.Blur()
	l.filtering = false
	l.refilter()
}

// Capturing reports whether the filter input has the keyboard.
func (l *List) Capturing() bool { return l.filtering }

// Query is the current filter text.
func (l *List) Query() string { return l.input.Value() }

// Len is the number of visible rows; Total the number of items.
func (l *List) Len() int { return len(l.visible) }

func (l *List) Total() int { return len(l.items) }

// Rows calls fn for each row on screen with its ID and whether it is the
// cursor's.
func (l *List) Rows(fn func(id string, selected bool)) {
	for i := l.offset; i < min(l.offset+l.height, len(l.visible)); i++ {
		fn(l.items[l.visible[i]].ID, i == l.cursor)
	}
}

// Update handles navigation and the filter. It reports whether it used the
// message, so screens can act on the keys it leaves.
func (l List) Update(msg tea.Msg) (List, tea.Cmd, bool) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		if l.filtering {
			var cmd tea.Cmd
			l.input, cmd = l.input.Update(msg)
			return l, cmd, false
		}
		return l, nil, false
	}
	if l.filtering {
		switch {
		case key.Matches(k, l.keys.ClearFilter):
			l.ClearFilter()
		case key.Matches(k, l.keys.ApplyFilter):
			l.input.Blur()
			l.filtering = false
		case key.Matches(k, l.keys.FuzzyToggle):
			l.fuzzy = !l.fuzzy
			l.refilter()
			l.ToFirstMatch()
		case k.String() == "up": // arrows only: j and k are letters to type
			l.Move(-1)
		case k.String() == "down":
			l.Move(1)
		default:
			var cmd tea.Cmd
			before := l.input.Value()
			l.input, cmd = l.input.Update(msg)
			if l.input.Value() != before {
				l.cursor, l.offset = 0, 0
				l.refilter()
				l.ToFirstMatch()
			}
			return l, cmd, true
		}
		return l, nil, true
	}
	switch {
	case key.Matches(k, l.keys.Filter):
		l.filtering = true
		return l, l.input.Focus(), true
	case key.Matches(k, l.keys.ClearFilter) && l.input.Value() != "":
		l.ClearFilter()
	case key.Matches(k, l.keys.Up):
		l.Move(-1)
	case key.Matches(k, l.keys.Down):
		l.Move(1)
	case key.Matches(k, l.keys.PageUp):
		l.Move(-l.height)
	case key.Matches(k, l.keys.PageDown):
		l.Move(l.height)
	case key.Matches(k, l.keys.Top):
		l.Move(-len(l.visible))
	case key.Matches(k, l.keys.Bottom):
		l.Move(len(l.visible))
	default:
		return l, nil, false
	}
	return l, nil, true
}

// Move moves the cursor n rows (up when n < 0).
func (l *List) Move(n int) {
	l.cursor += n
	l.clamp()
}

// RowAt is the ID of the i-th row on screen.
func (l *List) RowAt(i int) (string, bool) {
	if i < 0 || i >= l.height || l.offset+i >= len(l.visible) {
		return "", false
	}
	return l.items[l.visible[l.offset+i]].ID, true
}

// FilterLine is the filter as typed, with counts, for the screen to place
// above or below its rows; "" when there is no filter.
func (l *List) FilterLine(s *common.Styles, width int) string {
	if !l.filtering && l.input.Value() == "" {
		return ""
	}
	mode := "substring"
	if l.fuzzy {
		mode = "fuzzy"
	}
	counts := s.Muted.Render(" " + common.Itoa(len(l.visible)) + "/" + common.Itoa(len(l.items)) + " · " + mode)
	if !l.filtering {
		return common.Fit(s.Cursor.Render("/")+common.Clean(l.input.Value())+counts+s.Muted.Render(" · esc clears"), width)
	}
	l.input.SetWidth(max(width-lipgloss.Width(counts)-2, 4))
	return common.Fit(l.input.View()+counts, width)
}
