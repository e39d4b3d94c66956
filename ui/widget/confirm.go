package widget

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/ui/common"
)

// Confirm asks before something that changes shared history or loses
// work: the question, what will happen, then y or n.
type Confirm struct {
	c                     common.Common
	width, height         int
	question, consequence string
	onYes                 tea.Cmd
	yes, no               key.Binding
}

// NewConfirm asks question, says what a yes will do (consequence), and
// runs onYes on y; n or esc runs nothing. yes and no are the keys' words
// ("undo it", "keep it").
func NewConfirm(c common.Common, question, consequence, yes, no string, onYes tea.Cmd) *Confirm {
	return &Confirm{c: c, question: question, consequence: consequence, onYes: onYes,
		yes: key.NewBinding(key.WithKeys(c.Keys.Yes.Keys()...), key.WithHelp("y", yes)),
		no:  key.NewBinding(key.WithKeys(c.Keys.No.Keys()...), key.WithHelp("n/esc", no))}
}

func (q *Confirm) Update(msg tea.Msg) (tea.Cmd, bool) {
	k, ok := msg.(tea.KeyPressMsg)
	switch {
	case !ok:
		return nil, false
	case key.Matches(k, q.yes):
		return q.onYes, true
	case key.Matches(k, q.no):
		return nil, true
	}
	return nil, false
}

func (q *Confirm) SetSize(w, h int)    { q.width, q.height = w, h }
func (q *Confirm) Keys() []key.Binding { return []key.Binding{q.yes, q.no} }
func (q *Confirm) Dirty() bool         { return false }

func (q *Confirm) View() string {
	s := q.c.Styles
	innerW := max(min(q.width-4, 72), 20)
	body := s.Warning.Render(common.Wrap(q.question, innerW))
	if q.consequence != "" {
		body += "\n\n" + common.Wrap(q.consequence, innerW)
	}
	body += "\n\n" + s.Key.Render("y") + s.KeyDesc.Render(" "+q.yes.Help().Desc+"   ") +
		s.Key.Render("n") + s.KeyDesc.Render(" "+q.no.Help().Desc)
	return lipgloss.Place(q.width, q.height, lipgloss.Center, lipgloss.Center, s.Overlay.Render(body))
}
