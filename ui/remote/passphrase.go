package remote

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

// passphraseError is an SSH key that needs its passphrase, or whose
// passphrase was wrong. The store's errors carry it; ui declares it here
// so that it never imports gitstore.
type passphraseError interface {
	error
	Passphrase() (key string, wrong bool)
}

// Unlocker is a store that can be given an SSH key's passphrase, kept in
// memory for its later syncs.
type Unlocker interface {
	Store
	SetPassphrase(keyFile, passphrase string)
}

// PassphraseMsg is the passphrase typed for an SSH key: give it to the
// store and sync again.
type PassphraseMsg struct{ Key, Passphrase string }

// UnlockAndSyncCmd gives the store the passphrase of an SSH key, then
// syncs, off the UI goroutine.
func UnlockAndSyncCmd(store Unlocker, keyFile, passphrase string) tea.Cmd {
	return func() tea.Msg {
		store.SetPassphrase(keyFile, passphrase)
		summary, err := store.Synchronize(context.Background(), "")
		return DoneMsg{Summary: summary, Status: store.SyncStatus(), Err: err}
	}
}

// passphraseOverlay asks for an SSH key's passphrase, masked.
type passphraseOverlay struct {
	c             common.Common
	width, height int
	key           string
	wrong         bool
	input         textinput.Model
}

func newPassphraseOverlay(c common.Common, keyFile string, wrong bool) *passphraseOverlay {
	in := textinput.New()
	in.Prompt = "passphrase: "
	in.EchoMode = textinput.EchoPassword
	in.EchoCharacter = '•'
	in.CharLimit = 1024
	st := in.Styles()
	st.Cursor.Blink = false
	in.SetStyles(st)
	in.Focus()
	return &passphraseOverlay{c: c, key: keyFile, wrong: wrong, input: in}
}

func (p *passphraseOverlay) Update(msg tea.Msg) (tea.Cmd, bool) {
	keys := p.c.Keys
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, keys.Apply):
			m := PassphraseMsg{Key: p.key, Passphrase: p.input.Value()}
			p.input.SetValue("")
			return func() tea.Msg { return m }, true
		case key.Matches(k, keys.Close):
			p.input.SetValue("")
			return common.Status("sync cancelled: no passphrase for " + p.key), true
		}
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return cmd, false
}

func (p *passphraseOverlay) SetSize(w, h int) { p.width, p.height = w, h }

// Dirty is false: a passphrase is never kept, so nothing is lost.
func (p *passphraseOverlay) Dirty() bool { return false }

func (p *passphraseOverlay) Keys() []key.Binding {
	k := p.c.Keys
	apply := k.Apply
	apply.SetHelp("enter", "unlock and sync")
	cancel := k.Close
	cancel.SetHelp("esc", "cancel")
	return []key.Binding{apply, cancel}
}

func (p *passphraseOverlay) View() string {
	s := p.c.Styles
	innerW := max(min(p.width-s.Overlay.GetHorizontalFrameSize()-4, 76), 20)
	p.input.SetWidth(innerW - lipgloss.Width(p.input.Prompt) - 1)
	title := s.Heading.Render("SSH key passphrase")
	note := "The key is locked with a passphrase. It is kept in memory for this session only."
	if p.wrong {
		title = s.Error.Render("Wrong passphrase")
		note = "That passphrase did not open the key; try again."
	}
	lines := []string{
		title,
		"",
		s.Muted.Render(common.Pad("key", 6)) + common.Fit(s.Title.Render(common.Clean(p.key)), innerW-6),
		"",
		s.Muted.Render(common.Wrap(note, innerW)),
		"",
		p.input.View(),
		"",
		s.Key.Render("enter") + " " + s.KeyDesc.Render("unlock and sync") + "  " + s.Key.Render("esc") + " " + s.KeyDesc.Render("cancel"),
	}
	text := strings.Join(lines, "\n")
	body := widget.Lines(text, innerW, min(lipgloss.Height(text), max(p.height-2, 1)))
	return lipgloss.Place(p.width, p.height, lipgloss.Center, lipgloss.Center, s.Overlay.Render(body))
}
