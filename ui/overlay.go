package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/model"
)

// overlay is a view drawn over the active screen that takes the keys until
// it is done: help, findings, linked records.
type overlay interface {
	Update(k tea.KeyPressMsg) (overlay, tea.Cmd, bool)
	View(width, height int) string
	Keys() []key.Binding
}

// helpOverlay lists every key that works now, from the same bindings the
// program matches, so it never lies.
type helpOverlay struct {
	c      Common
	screen []key.Binding
	// now are the global keys that apply only now: the selected record's
	// (history, blame) and sync's (a remote, conflicts).
	now []key.Binding
}

func newHelpOverlay(c Common, screen, now []key.Binding) overlay {
	return &helpOverlay{c: c, screen: screen, now: now}
}

func (h *helpOverlay) Update(k tea.KeyPressMsg) (overlay, tea.Cmd, bool) {
	return h, nil, key.Matches(k, h.c.Keys.Close, h.c.Keys.Help, h.c.Keys.Quit)
}

func (h *helpOverlay) Keys() []key.Binding {
	close := h.c.Keys.Close
	close.SetHelp("esc/?", "close help")
	return []key.Binding{close}
}

func (h *helpOverlay) View(width, height int) string {
	k := h.c.Keys
	sections := []struct {
		title string
		keys  []key.Binding
	}{
		{"This tab", h.screen},
		{"Lists", k.listKeys()},
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
			b.WriteString(s.Key.Render(pad(kb.Help().Key, keyW)) + " " + s.KeyDesc.Render(kb.Help().Desc) + "\n")
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
	c     Common
	title string
	empty string
	picks []pick
	list  List
}

func newPicker(c Common, title, empty string, picks []pick) *pickerOverlay {
	p := &pickerOverlay{c: c, title: title, empty: empty, picks: picks, list: NewList(c.Keys, nil)}
	items := make([]Item, len(picks))
	for i, pk := range picks {
		items[i] = Item{ID: itoa(i), Filter: pk.filter}
	}
	p.list.SetItems(items)
	return p
}

func (p *pickerOverlay) Update(k tea.KeyPressMsg) (overlay, tea.Cmd, bool) {
	if !p.list.Capturing() {
		switch {
		case key.Matches(k, p.c.Keys.Open):
			if id := p.list.Selected(); id != "" {
				var i int
				fmt.Sscan(id, &i)
				if t := p.picks[i].target; t != "" {
					return p, jumpTo(t), true
				}
			}
			return p, nil, false
		case key.Matches(k, p.c.Keys.Close) && p.list.Query() == "", key.Matches(k, p.c.Keys.Quit):
			return p, nil, true
		}
	}
	var cmd tea.Cmd
	p.list, cmd, _ = p.list.Update(k)
	return p, cmd, false
}

func (p *pickerOverlay) Keys() []key.Binding {
	k := p.c.Keys
	open := k.Open
	open.SetHelp("enter", "go to record")
	return []key.Binding{open, k.Up, k.Down, k.Filter, k.Close}
}

func (p *pickerOverlay) View(width, height int) string {
	s := p.c.Styles
	innerW := max(min(width-4, 120), 20) // the box's content width
	rowsH := max(height-5, 1)
	p.list.SetHeight(rowsH)
	p.list.SetWidth(innerW)
	var b strings.Builder
	b.WriteString(fit(s.Heading.Render(p.title)+s.Muted.Render(fmt.Sprintf("  %d", len(p.picks))), innerW) + "\n")
	if fl := p.list.FilterLine(s, innerW); fl != "" {
		b.WriteString(fl + "\n")
	}
	if len(p.picks) == 0 {
		b.WriteString(s.Muted.Render(p.empty))
	}
	p.list.Rows(func(id string, selected bool) {
		var i int
		fmt.Sscan(id, &i)
		b.WriteString(selectedRow(s, pad(p.picks[i].text, innerW-1), selected, innerW-1) + "\n")
	})
	// Width counts the border and padding too.
	box := s.Overlay.Width(innerW + s.Overlay.GetHorizontalFrameSize()).Render(strings.TrimRight(b.String(), "\n"))
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Top, box)
}

// newFindingsOverlay lists every validation finding, worst first; enter
// jumps to the record it concerns.
func newFindingsOverlay(c Common, d *Data) overlay {
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
			text:   s.Severity(f.Severity) + " " + s.Muted.Render(pad(clean(loc), 34)) + " " + clean(f.Message),
			filter: string(f.Severity) + " " + f.Rule + " " + loc + " " + f.Message}
	}
	return newPicker(c, "Findings", "No findings: every record passes every rule.", picks)
}

// newLinksOverlay lists the records linked to id; enter jumps.
func newLinksOverlay(c Common, d *Data, id string) overlay {
	s := c.Styles
	var picks []pick
	for _, l := range d.Org.Links(id) {
		r, _ := d.Org.Get(l.ID)
		picks = append(picks, pick{target: l.ID,
			text:   s.Muted.Render(pad(l.Rel, 16)) + " " + pad(clean(l.ID), 14) + " " + clean(r.RecordTitle()),
			filter: l.Rel + " " + l.ID + " " + r.RecordTitle()})
	}
	r, _ := d.Org.Get(id)
	title := "Linked to " + clean(id)
	if r != nil && r.RecordTitle() != "" {
		title += " · " + fit(clean(r.RecordTitle()), 50)
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

func newStoreRead(c Common) storeRead {
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
