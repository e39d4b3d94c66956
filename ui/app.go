// Package ui is Accord's terminal interface: a Bubble Tea program with a tab
// per kind of record, built over model and a small Store interface. All I/O
// happens in commands; Update and View only compute.
package ui

import (
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/editor"
	"github.com/accordhq/accord/ui/form"
	"github.com/accordhq/accord/ui/remote"
	"github.com/accordhq/accord/ui/tabs/decisions"
	"github.com/accordhq/accord/ui/tabs/goals"
	"github.com/accordhq/accord/ui/tabs/inbox"
	"github.com/accordhq/accord/ui/tabs/people"
	"github.com/accordhq/accord/ui/tabs/raci"
	"github.com/accordhq/accord/ui/tabs/report"
	"github.com/accordhq/accord/ui/tabs/teams"
	"github.com/accordhq/accord/ui/widget"
)

// Model is the root of the program.
type Model struct {
	c       common.Common
	store   Store
	width   int
	height  int
	screens []common.Screen
	active  int

	data     *common.Data
	behind   []common.Screen // tabs that have not had the first load yet (setData)
	head     string
	loading  bool
	loads    int // reloads started, to tell their results apart
	loadErr  error
	loadedAt time.Time
	spinner  spinner.Model
	// typeahead holds the keys typed while the repository is read again
	// after a save (saveLoad is that reload's number): the tabs still show
	// the organisation from before it, so a key that opens a form would
	// edit the record as it was, and the save would be refused as
	// "changed by someone else". They are handed on, in order, once that
	// read is in.
	saveLoad  int
	typeahead []tea.KeyPressMsg

	status common.StatusMsg
	// log is what the status line said, oldest first (m lists it).
	log  []logEntry
	back []location

	// overlays are what is open over the tabs, bottom first (stack.go):
	// the top one has the keys.
	overlays []common.Overlay
	// quitting is the question q or ctrl+c asks before losing input (an
	// overlay's, or an $EDITOR text not saved).
	quitting *widget.Confirm

	// sync is where the clone stands against its remote.
	sync remote.State

	// undo is this session's changes, oldest first, that U can undo;
	// redo the undos, oldest first, that R can take back. selectAfterLoad
	// is the record a save asked to show once the repository has been
	// read again.
	undo, redo      []change
	selectAfterLoad string

	// lastChangeBusy is a read of who last changed a decision in flight
	// (history.go): one at a time.
	lastChangeBusy bool

	// yaml is the $EDITOR edits (E, editor.go): texts not saved yet.
	yaml *editor.Edits

	// detailsHidden: P hid the details beside the lists.
	detailsHidden bool

	// seen is the inbox's "since I last looked" (seen.go).
	seen inboxSeen

	// retroFor is the record a save just wrote, and retroWaited whether it
	// already waited for a retro before (retro.go).
	retroFor    string
	retroWaited bool
}

type location struct {
	tab int
	id  string
}

// Option configures the program.
type Option func(*Model)

// WithClock pins the clock (tests, goldens).
func WithClock(now func() time.Time) Option { return func(m *Model) { m.c.Now = now } }

// WithDarkBackground picks the palette before the terminal reports its
// background (tests pin it).
func WithDarkBackground(dark bool) Option {
	return func(m *Model) { m.c.Styles = common.NewStyles(dark) }
}

// New builds the program's root model over a store.
func New(store Store, opts ...Option) Model {
	m := Model{
		c:       common.Common{Styles: common.NewStyles(true), Keys: common.DefaultKeyMap(), Now: model.Now},
		store:   store,
		loading: true,
		width:   80,
		height:  24,
	}
	for _, o := range opts {
		o(&m)
	}
	m.yaml = editor.New(m.c, store)
	m.spinner = spinner.New(spinner.WithSpinner(spinner.Dot))
	m.screens = []common.Screen{goals.New(m.c), decisions.New(m.c), raci.New(m.c), people.New(m.c), inbox.New(m.c), report.New(m.c), teams.New(m.c, store)}
	m.resize()
	return m
}

// Tab indexes, in the order of m.screens.
const (
	tabGoals = iota
	tabDecisions
	tabRACI
	tabPeople
	tabInbox
	tabReport
	tabTeams
)

// Init starts loading and asks the terminal for its background colour.
func (m Model) Init() tea.Cmd {
	return tea.Batch(m.spinner.Tick, firstLoadCmd(m.store, m.c.Now), tea.RequestBackgroundColor, poll())
}

// Update handles the message, then starts what the screen on show needs.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := m.update(msg)
	m = next.(Model)
	if p, ok := m.screens[m.active].(pending); ok && m.data != nil {
		if more := p.Pending(); more != nil {
			cmd = tea.Batch(cmd, more)
		}
	}
	if more := m.lastChangeCmd(); more != nil {
		cmd = tea.Batch(cmd, more)
	}
	if more := m.markSeenCmd(); more != nil {
		cmd = tea.Batch(cmd, more)
	}
	return m, cmd
}

// update works in three steps (STYLE.md): input (keys that work
// everywhere, then the overlay or the screen that has the keys), messages
// about the whole program, then the rest to the overlays or the screen.
func (m Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m.catchUp()
	switch msg := msg.(type) {
	case catchUpMsg:
		return m, nil
	case tea.KeyPressMsg:
		m.status = common.StatusMsg{} // a key clears the last message
		switch {
		case msg.String() == "ctrl+c":
			return m, m.quit()
		case m.top() != nil:
			return m, m.overlayKey(msg)
		case m.saveLoad != 0:
			m.typeahead = append(m.typeahead, msg)
			return m, nil
		}
		if cmd, ok := m.globalKey(msg); ok {
			return m, cmd
		}
		return m.toScreen(msg)
	case tea.MouseClickMsg, tea.MouseWheelMsg:
		return m.mouse(msg.(tea.MouseMsg).Mouse(), msg)
	case tea.PasteMsg:
		// Input, like a key: for whatever has the keys.
		if m.top() != nil {
			return m, m.toTop(msg)
		}
		return m.toScreen(msg)
	}
	if cmd, ok := m.programMsg(msg); ok {
		return m, cmd
	}
	if len(m.overlays) > 0 {
		// A command's result, a tick, a blink: the screen under them waits.
		return m, m.toOverlays(msg)
	}
	return m.toScreen(msg)
}

// programMsg handles a message about the whole program (not input, not
// an overlay's or a tab's own); false when it is none.
func (m *Model) programMsg(msg tea.Msg) (tea.Cmd, bool) {
	for _, handle := range []func(tea.Msg) (tea.Cmd, bool){
		m.appMsg, m.updateSync, m.updateConflicts, m.updateHistory, m.updateYAML,
	} {
		if cmd, ok := handle(msg); ok {
			return cmd, true
		}
	}
	return nil, false
}

// take handles at once a message an overlay had for the root as it
// closed (common.Successor), as if it had come from a command.
func (m *Model) take(msg tea.Msg) tea.Cmd {
	if cmd, ok := m.programMsg(msg); ok {
		return cmd
	}
	return m.toOverlays(msg)
}

// appMsg handles the messages about the whole program: its size and
// colours, loading, the status line, saves, forms to open and jumps;
// false when msg is none of them.
func (m *Model) appMsg(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.resize()
	case tea.BackgroundColorMsg:
		// Screens share the Styles pointer: restyle in place so they keep
		// their state (cursor, folds, views).
		*m.c.Styles = *common.NewStyles(msg.IsDark())
	case spinner.TickMsg:
		if msg.ID != m.spinner.ID() {
			return nil, false // an overlay's
		}
		return m.tick(msg), true
	case loadedMsg, checkedMsg, pollMsg, headMsg:
		return m.updateLoad(msg), true
	case common.StatusMsg:
		m.say(msg)
	case form.OpenMsg:
		return m.openForm(msg.Spec), true
	case common.PushMsg:
		m.push(msg.Overlay)
	case common.SavedMsg:
		// The form or editor that asked for the save closes once it
		// worked, and keeps what was typed when it did not.
		return tea.Batch(m.toOverlays(msg), m.saved(msg)), true
	case common.JumpMsg:
		m.jump(msg.ID)
	case undoMsg:
		return m.undoNow(msg), true
	case draftsMsg:
		m.offerDrafts(msg)
	case seenSavedMsg:
		m.seenSaved(msg)
	case report.RenderedMsg:
		// To the report, whichever tab is on show now.
		var cmd tea.Cmd
		m.screens[tabReport], cmd = m.screens[tabReport].Update(msg)
		return cmd, true
	case teams.StakeholdersMsg:
		// To the Teams tab, whichever tab or overlay is on show now.
		var cmd tea.Cmd
		m.screens[tabTeams], cmd = m.screens[tabTeams].Update(msg)
		return cmd, true
	default:
		return nil, false
	}
	return nil, true
}

// toScreen hands a message to the tab on show.
func (m Model) toScreen(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	m.screens[m.active], cmd = m.screens[m.active].Update(msg)
	return m, cmd
}

// chrome is the number of lines around the active screen: header, tabs,
// rule, status line and key hints, and the lines that say what is wrong
// with the user's identity, when something is.
func (m *Model) chrome() int { return 5 + len(m.identityLines()) }

// bodyHeight is the height left to the active screen or an overlay.
func (m *Model) bodyHeight() int { return max(m.height-m.chrome(), 1) }

func (m *Model) resize() {
	for _, s := range m.screens {
		s.SetSize(m.width, m.bodyHeight())
	}
	for _, o := range m.overlays {
		o.SetSize(m.width, m.bodyHeight())
	}
}
