package widget

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/ui/common"
)

// Detail is a scrollable pane of rendered text: a record's details.
type Detail struct {
	keys *common.KeyMap
	vp   viewport.Model
	id   string // what it shows, to keep the scroll position on reload
}

// NewDetail makes an empty detail pane.
func NewDetail(keys *common.KeyMap) Detail {
	vp := viewport.New()
	vp.SoftWrap = false
	return Detail{keys: keys, vp: vp}
}

// SetSize sets the pane's inner size.
func (d *Detail) SetSize(w, h int) {
	d.vp.SetWidth(max(w, 1))
	d.vp.SetHeight(max(h, 1))
}

// Width is the pane's inner width, to render content for.
func (d *Detail) Width() int { return d.vp.Width() }

// Show puts content for record id in the pane; scrolling resets when the
// record changes.
func (d *Detail) Show(id, content string) {
	if id != d.id {
		d.vp.SetYOffset(0)
		d.id = id
	}
	d.vp.SetContent(content)
}

// Update scrolls the pane with its keys; it reports whether it used the key.
func (d Detail) Update(msg tea.Msg) (Detail, bool) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return d, false
	}
	switch {
	case key.Matches(k, d.keys.DetailDown):
		d.vp.HalfPageDown()
	case key.Matches(k, d.keys.DetailUp):
		d.vp.HalfPageUp()
	default:
		return d, false
	}
	return d, true
}

// Scroll moves the text with the list keys: a line, a page, half a page
// (J/K), the top and the bottom.
func (d *Detail) Scroll(k tea.KeyPressMsg) {
	switch {
	case key.Matches(k, d.keys.Up):
		d.vp.ScrollUp(1)
	case key.Matches(k, d.keys.Down):
		d.vp.ScrollDown(1)
	case key.Matches(k, d.keys.PageUp):
		d.vp.PageUp()
	case key.Matches(k, d.keys.PageDown):
		d.vp.PageDown()
	case key.Matches(k, d.keys.Top):
		d.vp.GotoTop()
	case key.Matches(k, d.keys.Bottom):
		d.vp.GotoBottom()
	default:
		*d, _ = d.Update(k)
	}
}

// ScrollBy scrolls n lines down (up when n < 0).
func (d *Detail) ScrollBy(n int) {
	if n < 0 {
		d.vp.ScrollUp(-n)
	} else {
		d.vp.ScrollDown(n)
	}
}

// GotoTop scrolls back to the first line.
func (d *Detail) GotoTop() { d.vp.GotoTop() }

// Scrollable reports whether the text is longer than the pane (as last
// shown).
func (d *Detail) Scrollable() bool { return d.vp.TotalLineCount() > d.vp.Height() }

// ScrollPercent is how far down the text is scrolled, from 0 to 1.
func (d *Detail) ScrollPercent() float64 { return d.vp.ScrollPercent() }

// View is the pane's visible text.
func (d Detail) View() string { return d.vp.View() }

// Split lays out a list and a detail pane for a screen of width × height:
// side by side when there is room, else the list alone (the detail opens
// full-screen with enter). It returns the widths and whether they sit side
// by side.
func Split(width int) (listW, detailW int, sideBySide bool) {
	if width < 100 {
		return width, width, false
	}
	listW = width * 9 / 20
	return listW, width - listW - 1, true
}

// JoinPanes puts two rendered panes side by side with a rule between them,
// each padded to its width and to height lines.
func JoinPanes(s *common.Styles, left string, lw int, right string, rw int, height int) string {
	l := strings.Split(left, "\n")
	r := strings.Split(right, "\n")
	rule := s.Muted.Render("│")
	var b strings.Builder
	for i := range height {
		var a, c string
		if i < len(l) {
			a = l[i]
		}
		if i < len(r) {
			c = r[i]
		}
		b.WriteString(common.Pad(a, lw))
		b.WriteString(rule)
		b.WriteString(common.Pad(c, rw))
		if i < height-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// Lines pads or cuts text to exactly height lines of width cells.
func Lines(text string, width, height int) string {
	ls := strings.Split(text, "\n")
	var b strings.Builder
	for i := range height {
		var line string
		if i < len(ls) {
			line = ls[i]
		}
		b.WriteString(common.Pad(line, width))
		if i < height-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}
