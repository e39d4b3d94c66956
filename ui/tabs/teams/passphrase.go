package teams

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/ui/common"
)

// passphrase asks for the passphrase of an encrypted stakeholder map,
// without echoing it; enter reads the map with it (the tab keeps it in
// memory only, to save with it).
type passphrase struct {
	c             common.Common
	store         Store
	width, height int
	input         textinput.Model
	submit, close key.Binding
}

func newPassphrase(c common.Common, store Store) *passphrase {
	in := textinput.New()
	in.EchoMode = textinput.EchoPassword
	in.Prompt = "Passphrase: "
	in.Focus()
	return &passphrase{c: c, store: store, input: in,
		submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		close:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

func (p *passphrase) Update(msg tea.Msg) (tea.Cmd, bool) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		if _, paste := msg.(tea.PasteMsg); !paste {
			return nil, false
		}
	}
	switch {
	case ok && key.Matches(k, p.close):
		return nil, true
	case ok && key.Matches(k, p.submit):
		if p.input.Value() == "" {
			return nil, false
		}
		return readStakeholders(p.store, p.input.Value()), true
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return cmd, false
}

func (p *passphrase) SetSize(w, h int) {
	p.width, p.height = w, h
	p.input.SetWidth(max(min(w-20, 50), 10))
}

func (p *passphrase) Keys() []key.Binding { return []key.Binding{p.submit, p.close} }

// Dirty: a passphrase half typed is not worth a question on quitting.
func (p *passphrase) Dirty() bool { return false }

func (p *passphrase) View() string {
	s := p.c.Styles
	body := s.Heading.Render("Open the stakeholder map") + "\n\n" + p.input.View()
	return lipgloss.Place(p.width, p.height, lipgloss.Center, lipgloss.Center, s.Overlay.Render(body))
}
