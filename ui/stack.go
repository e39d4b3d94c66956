package ui

import (
	"slices"
	"sync"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

// The overlays open over the tabs, bottom first: the root's one stack
// (Overlay). Whatever opens one pushes it; it leaves the stack when its
// Update says it is done.

// top is the overlay that has the keys, or nil.
func (m *Model) top() common.Overlay {
	if len(m.overlays) == 0 {
		return nil
	}
	return m.overlays[len(m.overlays)-1]
}

// push opens an overlay over everything else, sized to the body.
func (m *Model) push(o common.Overlay) {
	o.SetSize(m.width, m.bodyHeight())
	m.overlays = append(m.overlays, o)
}

// remove closes an overlay wherever it is on the stack.
func (m *Model) remove(o common.Overlay) {
	m.overlays = slices.DeleteFunc(m.overlays, func(x common.Overlay) bool { return x == o })
}

// overlayOf is the topmost open overlay of type T.
func overlayOf[T common.Overlay](m *Model) (T, bool) {
	for i := len(m.overlays) - 1; i >= 0; i-- {
		if o, ok := m.overlays[i].(T); ok {
			return o, true
		}
	}
	var zero T
	return zero, false
}

// overlayKey hands a key to the top overlay. ? opens help over an overlay
// that offers it among its keys; the rest are its own.
func (m *Model) overlayKey(k tea.KeyPressMsg) tea.Cmd {
	o := m.top()
	if _, help := o.(*widget.Help); !help && key.Matches(k, m.c.Keys.Help) && slices.ContainsFunc(o.Keys(), func(b key.Binding) bool {
		return b.Enabled() && key.Matches(k, b)
	}) {
		m.push(widget.NewHelp(m.c, m.helpGroups()))
		return nil
	}
	return m.toTop(k)
}

// toTop hands input to the top overlay, closing it when it is done; what
// it has for the root as it closes (common.Successor) is taken at once.
func (m *Model) toTop(msg tea.Msg) tea.Cmd {
	o := m.top()
	cmd, done := o.Update(msg)
	if !done {
		return cmd
	}
	m.remove(o)
	if s, ok := o.(common.Successor); ok {
		if next := s.Next(); next != nil {
			return tea.Batch(cmd, m.take(next))
		}
	}
	return cmd
}

// toOverlays hands a message that is not input to every overlay, top
// first: each takes what is its own (a command's result, a tick, a blink)
// and ignores the rest.
func (m *Model) toOverlays(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for _, o := range slices.Backward(slices.Clone(m.overlays)) {
		cmd, done := o.Update(msg)
		if done {
			m.remove(o)
		}
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

// dataUser is an overlay that shows or checks against the organisation:
// a reload hands it the new one.
type dataUser interface {
	SetData(d *common.Data)
}

// setData hands a new load to every tab and every overlay that uses it,
// so that an open form checks its draft against the organisation as it is
// now, not as it was when the form opened.
//
// The first load goes first to the tab on show and to the inbox (whose
// label counts its items), so that the first frame is drawn without
// waiting for the other tabs (at 100,000 records they take a third of a
// second); they take it on the next message, which catchUpMsg makes sure
// comes at once. Those two take it side by side: a tab's SetData sets
// only its own state and reads the organisation, which is only read, as
// the validation reads it beside the screens (at 100,000 records the
// goals tab takes 0.1 s, the inbox 0.03 s).
func (m *Model) setData(first bool) tea.Cmd {
	m.behind = nil
	if first {
		var wg sync.WaitGroup
		for i, s := range m.screens {
			if i != m.active && i != tabInbox {
				m.behind = append(m.behind, s)
				continue
			}
			wg.Go(func() { s.SetData(m.data) })
		}
		wg.Wait()
	} else {
		for _, s := range m.screens {
			s.SetData(m.data)
		}
	}
	for _, o := range m.overlays {
		if u, ok := o.(dataUser); ok {
			u.SetData(m.data)
		}
	}
	if len(m.behind) > 0 {
		return func() tea.Msg { return catchUpMsg{} }
	}
	return nil
}

// catchUpMsg follows the first load: the tabs not on show take it.
type catchUpMsg struct{}

// catchUp hands the load to the tabs the first frame left behind; every
// message does it first, so that no key reaches a tab without it.
func (m *Model) catchUp() {
	for _, s := range m.behind {
		s.SetData(m.data)
	}
	m.behind = nil
}

// quit is q and ctrl+c: at once, unless an overlay holds unsaved input
// or an $EDITOR text is not saved; then after a yes.
func (m *Model) quit() tea.Cmd {
	if c, asking := m.top().(*widget.Confirm); asking && c == m.quitting {
		return nil
	}
	if !slices.ContainsFunc(m.overlays, common.Overlay.Dirty) {
		if m.askQuit() {
			return nil
		}
		return tea.Quit
	}
	m.quitting = widget.NewConfirm(m.c, "Quit Accord and lose what you typed?", "", "quit", "no, keep editing", tea.Quit)
	m.push(m.quitting)
	return nil
}
