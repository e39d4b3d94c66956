package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/accordhq/accord/ui/common"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/model"
)

// helpOverlay lists every key that works now, from the same bindings the
// program matches, so it never lies.
type helpOverlay struct {
	c             common.Common
	width, height int
	screen        []key.Binding
	// now are the global keys that apply only now: the selected record's
	// (history, blame) and sync's (a remote, conflicts).
	now []key.Binding
}

func newHelpOverlay(c common.Common, screen, now []key.Binding) *helpOverlay {
	return &helpOverlay{c: c, screen: screen, now: now}
}

func (h *helpOverlay) Update(msg tea.Msg) (tea.Cmd, bool) {
	k, ok := msg.(tea.KeyPressMsg)
	return nil, ok && key.Matches(k, h.c.Keys.Close, h.c.Keys.Help, h.c.Keys.Quit)
}

func (h *helpOverlay) SetSize(w, hh int) { h.width, h.height = w, hh }
func (h *helpOverlay) Dirty() bool       { return false }

func (h *helpOverlay) Keys() []key.Binding {
	close := h.c.Keys.Close
	close.SetHelp("esc/?", "close help")
	return []key.Binding{close}
}

func (h *helpOverlay) View() string {
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

// pick is one row of a picker: the record it leads to and its text.
type pick struct {
	target string
	text   string // already styled and cleaned
	filter string
}

// pickerOverlay is a filterable list whose enter jumps to a record: the
// findings view and the linked-records view.
type pickerOverlay struct {
	c             common.Common
	width, height int
	title         string
	empty         string
	picks         []pick
	list          List
}

func newPicker(c common.Common, title, empty string, picks []pick) *pickerOverlay {
	p := &pickerOverlay{c: c, title: title, empty: empty, picks: picks, list: NewList(c.Keys, nil)}
	items := make([]Item, len(picks))
	for i, pk := range picks {
		items[i] = Item{ID: common.Itoa(i), Filter: pk.filter}
	}
	p.list.SetItems(items)
	return p
}

func (p *pickerOverlay) Update(msg tea.Msg) (tea.Cmd, bool) {
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
				if t := p.picks[i].target; t != "" {
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

func (p *pickerOverlay) SetSize(w, h int) { p.width, p.height = w, h }
func (p *pickerOverlay) Dirty() bool      { return false }

func (p *pickerOverlay) Keys() []key.Binding {
	k := p.c.Keys
	open := k.Open
	open.SetHelp("enter", "go to record")
	return []key.Binding{open, k.Up, k.Down, k.Filter, k.Close}
}

func (p *pickerOverlay) View() string {
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
		b.WriteString(selectedRow(s, common.Pad(p.picks[i].text, innerW-1), selected, innerW-1) + "\n")
	})
	// Width counts the border and padding too.
	box := s.Overlay.Width(innerW + s.Overlay.GetHorizontalFrameSize()).Render(strings.TrimRight(b.String(), "\n"))
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Top, box)
}

// newFindingsOverlay lists every validation finding, worst first; enter
// jumps to the record it concerns.
func newFindingsOverlay(c common.Common, d *common.Data) *pickerOverlay {
	s := c.Styles
	fs := append([]model.Finding(nil), d.Findings...)
	rank := map[model.Severity]int{model.SeverityError: 0, model.SeverityWarning: 1, model.SeverityInfo: 2}
	slices.SortStableFunc(fs, func(a, b model.Finding) int { return rank[a.Severity] - rank[b.Severity] })
	picks := make([]pick, len(fs))
	for i, f := range fs {
		loc := f.File
		if f.Line > 0 {
			loc = fmt.Sprintf("%s:%d", f.File, f.Line)
		}
		target := f.ID
		if _, ok := d.Org.Get(f.ID); !ok {
			target = "" // an unreadable file: nothing to jump to
		}
		picks[i] = pick{target: target,
			text:   s.Severity(f.Severity) + " " + s.Muted.Render(common.Pad(common.Clean(loc), 34)) + " " + common.Clean(f.Message),
			filter: string(f.Severity) + " " + f.Rule + " " + loc + " " + f.Message}
	}
	return newPicker(c, "Findings", "No findings: every record passes every rule.", picks)
}

// newLinksOverlay lists the records linked to id; enter jumps.
func newLinksOverlay(c common.Common, d *common.Data, id string) *pickerOverlay {
	s := c.Styles
	var picks []pick
	for _, l := range d.Org.Links(id) {
		r, _ := d.Org.Get(l.ID)
		picks = append(picks, pick{target: l.ID,
			text:   s.Muted.Render(common.Pad(l.Rel, 16)) + " " + common.Pad(common.Clean(l.ID), 14) + " " + common.Clean(r.RecordTitle()),
			filter: l.Rel + " " + l.ID + " " + r.RecordTitle()})
	}
	r, _ := d.Org.Get(id)
	title := "Linked to " + common.Clean(id)
	if r != nil && r.RecordTitle() != "" {
		title += " · " + common.Fit(common.Clean(r.RecordTitle()), 50)
	}
	return newPicker(c, title, "Nothing links to or from this record.", picks)
}

// storeRead is the loading state of an overlay that reads from the store in
// a command: a spinner until the result arrives, then the result's error.
type storeRead struct {
	spinner spinner.Model
	loading bool
	err     error
}

func newStoreRead(c common.Common) storeRead {
	return storeRead{loading: true,
		spinner: spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(c.Styles.Cursor))}
}

// tick turns the spinner while loading.
func (p *storeRead) tick(msg spinner.TickMsg) tea.Cmd {
	if !p.loading {
		return nil
	}
	var cmd tea.Cmd
	p.spinner, cmd = p.spinner.Update(msg)
	return cmd
}

// quitOverlay asks before ctrl+c quits while an overlay (a form, the
// options editor, a value typed for a conflict) holds unsaved input.
type quitOverlay struct {
	c             common.Common
	width, height int
	yes, no       key.Binding
}

func newQuitOverlay(c common.Common) *quitOverlay {
	return &quitOverlay{c: c,
		yes: key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "quit")),
		no:  key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "no, keep editing"))}
}

func (q *quitOverlay) Update(msg tea.Msg) (tea.Cmd, bool) {
	k, ok := msg.(tea.KeyPressMsg)
	switch {
	case !ok:
		return nil, false
	case key.Matches(k, q.yes):
		return tea.Quit, true
	case key.Matches(k, q.no):
		return nil, true
	}
	return nil, false
}

func (q *quitOverlay) SetSize(w, h int)    { q.width, q.height = w, h }
func (q *quitOverlay) Keys() []key.Binding { return []key.Binding{q.yes, q.no} }
func (q *quitOverlay) Dirty() bool         { return false }

func (q *quitOverlay) View() string {
	s := q.c.Styles
	innerW := max(min(q.width-4, 60), 20)
	body := s.Warning.Render(common.Wrap("Quit Accord and lose what you typed?", innerW)) + "\n\n" +
		s.Key.Render("y") + s.KeyDesc.Render(" yes  ") + s.Key.Render("n") + s.KeyDesc.Render(" no, keep editing")
	return lipgloss.Place(q.width, q.height, lipgloss.Center, lipgloss.Center, s.Overlay.Render(body))
}
