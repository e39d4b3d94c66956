package widget

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/ui/common"
)

// Pager is text in a box over the tabs that scrolls: the message log.
// Its content is made for the box's width each time it is drawn.
type Pager struct {
	c             common.Common
	width, height int
	title         string
	content       func(width int) string
	vp            viewport.Model
	scroll, close key.Binding
}

// NewPager shows content (made for a width) under a title.
func NewPager(c common.Common, title string, content func(width int) string) *Pager {
	vp := viewport.New()
	vp.SoftWrap = false
	k := c.Keys
	return &Pager{c: c, title: title, content: content, vp: vp,
		scroll: key.NewBinding(key.WithKeys(slices.Concat(k.Up.Keys(), k.Down.Keys(), k.PageUp.Keys(), k.PageDown.Keys(), k.Top.Keys(), k.Bottom.Keys())...),
			key.WithHelp("↑↓ pgup/pgdn g/G", "scroll")),
		close: key.NewBinding(key.WithKeys(slices.Concat(k.Close.Keys(), k.Quit.Keys())...), key.WithHelp("esc", "close")),
	}
}

func (p *Pager) innerWidth() int {
	return max(min(p.width-4, 120), 20)
}

func (p *Pager) SetSize(w, h int) {
	p.width, p.height = w, h
	content := p.content(p.innerWidth())
	p.vp.SetWidth(p.innerWidth())
	// No taller than its text.
	p.vp.SetHeight(max(min(h-p.c.Styles.Overlay.GetVerticalFrameSize()-1, strings.Count(content, "\n")+1), 1))
	p.vp.SetContent(content)
}

func (p *Pager) Update(msg tea.Msg) (tea.Cmd, bool) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil, false
	}
	keys := p.c.Keys
	switch {
	case key.Matches(k, p.close):
		return nil, true
	case key.Matches(k, keys.Up):
		p.vp.ScrollUp(1)
	case key.Matches(k, keys.Down):
		p.vp.ScrollDown(1)
	case key.Matches(k, keys.PageUp):
		p.vp.PageUp()
	case key.Matches(k, keys.PageDown):
		p.vp.PageDown()
	case key.Matches(k, keys.Top):
		p.vp.GotoTop()
	case key.Matches(k, keys.Bottom):
		p.vp.GotoBottom()
	}
	return nil, false
}

func (p *Pager) Dirty() bool { return false }

func (p *Pager) Keys() []key.Binding {
	if p.vp.TotalLineCount() > p.vp.Height() {
		return []key.Binding{p.scroll, p.close}
	}
	return []key.Binding{p.close}
}

func (p *Pager) View() string {
	s := p.c.Styles
	w := p.innerWidth()
	head := common.Fit(s.Heading.Render(p.title), w)
	body := strings.TrimRight(p.vp.View(), "\n")
	box := s.Overlay.Width(w + s.Overlay.GetHorizontalFrameSize()).Render(head + "\n" + body)
	return lipgloss.Place(p.width, p.height, lipgloss.Center, lipgloss.Top, box)
}
