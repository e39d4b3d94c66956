// Package ui is Accord's terminal interface: a Bubble Tea program with a tab
// per kind of record, built over model and a small Store interface. All I/O
// happens in commands; Update and View only compute.
package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/editor"
	"github.com/accordhq/accord/ui/form"
	"github.com/accordhq/accord/ui/history"
	"github.com/accordhq/accord/ui/remote"
	"github.com/accordhq/accord/ui/tabs/decisions"
	"github.com/accordhq/accord/ui/tabs/goals"
	"github.com/accordhq/accord/ui/tabs/inbox"
	"github.com/accordhq/accord/ui/tabs/people"
	"github.com/accordhq/accord/ui/tabs/raci"
	"github.com/accordhq/accord/ui/tabs/report"
	"github.com/accordhq/accord/ui/widget"
)

// pollEvery is how often Accord checks whether another process committed.
const pollEvery = 2 * time.Second

// Model is the root of the program.
type Model struct {
	c       common.Common
	store   Store
	width   int
	height  int
	screens []common.Screen
	active  int

	data     *common.Data
	head     string
	loading  bool
	loadErr  error
	loadedAt time.Time
	spinner  spinner.Model

	status common.StatusMsg
	back   []location

	// overlays are what is open over the tabs, bottom first (stack.go):
	// the top one has the keys.
	overlays []common.Overlay

	// sync is where the clone stands against its remote.
	sync remote.State

	// undo is this session's changes, oldest first, that U can undo;
	// selectAfterLoad is the record a save asked to show once the
	// repository has been read again.
	undo            []change
	selectAfterLoad string

	// lastChangeBusy is a read of who last changed a decision in flight
	// (history.go): one at a time.
	lastChangeBusy bool

	// yaml is the $EDITOR edits (E, editor.go): texts not saved yet.
	yaml *editor.Edits
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
	m.spinner = spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(m.c.Styles.Cursor))
	m.screens = []common.Screen{goals.New(m.c), decisions.New(m.c), raci.New(m.c), people.New(m.c), inbox.New(m.c), report.New(m.c)}
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
)

// loadedMsg is the result of reading and validating the repository.
type loadedMsg struct {
	data *common.Data
	head string
	err  error
}

type pollMsg struct{}

type headMsg struct {
	head string
	err  error
}

// Init starts loading and asks the terminal for its background colour.
func (m Model) Init() tea.Cmd {
	return tea.Batch(m.spinner.Tick, loadCmd(m.store, m.c.Now), tea.RequestBackgroundColor, poll())
}

// loadCmd reads, validates and indexes the organisation, off the UI
// goroutine. It copies what it needs; it never touches the model.
func loadCmd(store Store, now func() time.Time) tea.Cmd {
	return func() tea.Msg {
		head, _ := store.Head()
		org, err := store.Load()
		if err != nil {
			return loadedMsg{err: err}
		}
		name, email, err := store.User()
		if err != nil {
			name, email = "", "" // nobody: the inbox says how to fix it
		}
		return loadedMsg{data: common.NewData(org, now(), name, email), head: head}
	}
}

func poll() tea.Cmd { return tea.Tick(pollEvery, func(time.Time) tea.Msg { return pollMsg{} }) }

// reload starts reading the repository again.
func (m *Model) reload() tea.Cmd {
	m.loading = true
	return tea.Batch(loadCmd(m.store, m.c.Now), m.spinner.Tick)
}

func headCmd(store Store) tea.Cmd {
	return func() tea.Msg {
		h, err := store.Head()
		return headMsg{head: h, err: err}
	}
}

// pending is a screen whose content is made in the background: it says
// what it still needs, whenever it is on screen.
type pending interface {
	Pending() tea.Cmd
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
	return m, cmd
}

// update handles global keys, then app-wide messages, then hands the rest
// to the overlays or the active screen.
func (m Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		m.status = common.StatusMsg{} // a key clears the last message
		switch {
		case msg.String() == "ctrl+c":
			return m, m.quit()
		case m.top() != nil:
			return m, m.overlayKey(msg)
		}
		if cmd, ok := m.globalKey(msg); ok {
			return m, cmd
		}
		return m.toScreen(msg)
	case tea.PasteMsg:
		// Input, like a key: for whatever has the keys.
		if m.top() != nil {
			return m, m.toTop(msg)
		}
		return m.toScreen(msg)
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.resize()
		return m, nil
	case tea.BackgroundColorMsg:
		// Screens share the Styles pointer: restyle in place so they keep
		// their state (cursor, folds, views).
		*m.c.Styles = *common.NewStyles(msg.IsDark())
		m.spinner.Style = m.c.Styles.Cursor
		return m, nil
	case spinner.TickMsg:
		if msg.ID != m.spinner.ID() {
			break // an overlay's
		}
		if !m.loading && !m.sync.Running {
			return m, nil
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return m, cmd
	case loadedMsg:
		return m, m.loaded(msg)
	case pollMsg:
		if m.loading {
			return m, poll()
		}
		return m, tea.Batch(headCmd(m.store), poll())
	case headMsg:
		if msg.err == nil && msg.head != m.head && !m.loading {
			m.loading = true
			return m, tea.Batch(loadCmd(m.store, m.c.Now), m.spinner.Tick)
		}
		return m, nil
	case common.StatusMsg:
		m.status = msg
		return m, nil
	case form.OpenMsg:
		return m, m.openForm(msg.Spec)
	case common.SavedMsg:
		// The form or editor that asked for the save closes once it
		// worked, and keeps what was typed when it did not.
		return m, tea.Batch(m.toOverlays(msg), m.saved(msg))
	case common.JumpMsg:
		m.jump(msg.ID)
		return m, nil
	case report.RenderedMsg:
		// To the report, whichever tab is on show now.
		var cmd tea.Cmd
		m.screens[tabReport], cmd = m.screens[tabReport].Update(msg)
		return m, cmd
	}
	if cmd, ok := m.updateSync(msg); ok {
		return m, cmd
	}
	if cmd, ok := m.updateConflicts(msg); ok {
		return m, cmd
	}
	if cmd, ok := m.updateHistory(msg); ok {
		return m, cmd
	}
	if cmd, ok := m.updateYAML(msg); ok {
		return m, cmd
	}
	if len(m.overlays) > 0 {
		// A command's result, a tick, a blink: the screen under them waits.
		return m, m.toOverlays(msg)
	}
	return m.toScreen(msg)
}

// toScreen hands a message to the tab on show.
func (m Model) toScreen(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	m.screens[m.active], cmd = m.screens[m.active].Update(msg)
	return m, cmd
}

// loaded takes a load of the repository: the tabs and the overlays that
// use it get the new organisation, and a save's record is selected.
func (m *Model) loaded(msg loadedMsg) tea.Cmd {
	first := m.data == nil
	m.loading = false
	if msg.err != nil {
		m.loadErr = msg.err
		m.status = common.StatusMsg{Text: "could not load: " + msg.err.Error(), Err: true}
		return remote.StatusCmd(m.store)
	}
	m.loadErr = nil
	m.data, m.head, m.loadedAt = msg.data, msg.head, m.c.Now()
	m.setData()
	if id := m.selectAfterLoad; id != "" {
		m.selectAfterLoad = ""
		m.showSaved(id)
	}
	// A sync's or a resolution's outcome says more than this.
	if !first && m.status.Text == "" {
		m.status = common.StatusMsg{Text: "reloaded: the repository changed"}
	}
	if first {
		// So that the first h is fast.
		return tea.Batch(remote.StatusCmd(m.store), history.IndexCmd(m.store))
	}
	return remote.StatusCmd(m.store)
}

// globalKey handles the keys that work on every tab, unless the screen has
// a text input focused.
func (m *Model) globalKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	if m.screens[m.active].Capturing() {
		return nil, false
	}
	keys := m.c.Keys
	switch {
	case key.Matches(k, keys.Quit):
		return tea.Quit, true
	case key.Matches(k, keys.Help):
		m.push(widget.NewHelp(m.c, m.screens[m.active].Keys(), slices.Concat(m.editHelp(), m.recordHelp(), m.sync.Keys(m.c.Keys))))
	case key.Matches(k, keys.NextTab):
		m.active = (m.active + 1) % len(m.screens)
	case key.Matches(k, keys.PrevTab):
		m.active = (m.active + len(m.screens) - 1) % len(m.screens)
	case key.Matches(k, keys.Tab):
		m.active = int(k.String()[0] - '1')
	case key.Matches(k, keys.Reload):
		if !m.loading {
			return m.reload(), true
		}
	case key.Matches(k, keys.Sync):
		return m.startSync(""), true
	case key.Matches(k, keys.Conflicts):
		return m.openConflicts(), true
	case m.data == nil:
		return nil, false
	case key.Matches(k, keys.Findings):
		m.push(newFindingsOverlay(m.c, m.data))
	case key.Matches(k, keys.Links):
		id := m.screens[m.active].Selected()
		if id == "" {
			return common.Status("nothing selected"), true
		}
		m.push(newLinksOverlay(m.c, m.data, id))
	case key.Matches(k, keys.History):
		return m.openHistory(), true
	case key.Matches(k, keys.Blame):
		return m.openBlame(), true
	case key.Matches(k, keys.EditYAML):
		return m.editYAML(), true
	case key.Matches(k, keys.Undo):
		return m.undoLast(), true
	case key.Matches(k, keys.New):
		return m.openNew(), true
	case key.Matches(k, keys.Edit):
		return m.openEdit(), true
	case key.Matches(k, keys.CheckIn):
		return m.openCheckin(), true
	case key.Matches(k, keys.Act):
		return m.openActions(), true
	case key.Matches(k, keys.Options):
		return m.openOptions(), true
	case key.Matches(k, keys.Back):
		if len(m.back) == 0 {
			return common.Status("nothing to go back to"), true
		}
		loc := m.back[len(m.back)-1]
		m.back = m.back[:len(m.back)-1]
		m.active = loc.tab
		m.screens[m.active].Select(loc.id)
	default:
		return nil, false
	}
	m.resize()
	return nil, true
}

// tabFor is the tab that shows a kind of record first.
func tabFor(k model.Kind) int {
	switch k {
	case model.KindGoal, model.KindUpdate:
		return tabGoals
	case model.KindDecision:
		return tabDecisions
	case model.KindRACI, model.KindHandoff:
		return tabRACI
	}
	return tabPeople
}

// jump shows a record on the tab for its kind, remembering where we were.
func (m *Model) jump(id string) {
	if m.data == nil {
		return
	}
	r, ok := m.data.Org.Get(id)
	if !ok {
		m.status = common.StatusMsg{Text: common.Clean(id) + " is not loaded (see ! findings)", Err: true}
		return
	}
	// The record's own tab first, then the others; never the tab we are
	// on unless it is the record's own (a jump that stays put looks like
	// nothing happened).
	order := []int{tabFor(r.RecordKind())}
	for i := range m.screens {
		if i != order[0] && i != m.active {
			order = append(order, i)
		}
	}
	from := location{tab: m.active, id: m.screens[m.active].Selected()}
	for _, i := range order {
		if m.screens[i].Select(id) {
			if from.tab != i || from.id != id {
				m.back = append(m.back, from)
			}
			m.active = i
			return
		}
	}
	m.status = common.StatusMsg{Text: common.Clean(id) + " is hidden by the current filters", Err: true}
}

// chrome is the number of lines around the active screen: header, tabs,
// rule, status line and key hints.
const chrome = 5

// bodyHeight is the height left to the active screen or an overlay.
func (m *Model) bodyHeight() int { return max(m.height-chrome, 1) }

func (m *Model) resize() {
	for _, s := range m.screens {
		s.SetSize(m.width, m.bodyHeight())
	}
	for _, o := range m.overlays {
		o.SetSize(m.width, m.bodyHeight())
	}
}

// View draws the whole screen.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "Accord"
	if m.data != nil && m.data.Org.Config.Org != "" {
		v.WindowTitle = "Accord · " + common.Clean(m.data.Org.Config.Org)
	}
	return v
}

func (m Model) render() string {
	s := m.c.Styles
	bodyH := m.bodyHeight()
	var body string
	switch {
	case m.data == nil && m.loadErr != nil:
		body = lipgloss.Place(m.width, bodyH, lipgloss.Center, lipgloss.Center,
			s.Error.Render("Accord could not read this repository")+"\n\n"+common.Wrap(common.Clean(m.loadErr.Error()), m.width-4)+
				"\n\n"+s.Muted.Render("ctrl+r to try again · q to quit"))
	case m.data == nil:
		body = lipgloss.Place(m.width, bodyH, lipgloss.Center, lipgloss.Center,
			m.spinner.View()+" Loading "+common.Clean(m.store.Dir())+"…")
	case m.top() != nil:
		body = m.top().View()
	default:
		body = m.screens[m.active].View()
	}
	return strings.Join([]string{
		m.header(), m.tabs(), s.Muted.Render(common.Repeat("─", m.width)),
		widget.Lines(body, m.width, bodyH), m.statusLine(), m.hints(),
	}, "\n")
}

func (m Model) header() string {
	s := m.c.Styles
	org := "Accord"
	right := ""
	if d := m.data; d != nil {
		if d.Org.Config.Org != "" {
			org += " · " + common.Clean(d.Org.Config.Org)
		}
		who := common.Clean(d.MeName)
		if p := d.Org.People[d.Me]; p != nil {
			who = common.Clean(p.Name)
		}
		if who != "" {
			right = "you: " + who
		}
		if n := len(d.Findings); n > 0 {
			right += " · " + common.Plural(n, "finding")
		}
	}
	left := " " + s.Header.Render(org)
	right = s.HeaderDim.Render(right) + " "
	gap := m.width - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 1 {
		return common.Fit(left, m.width)
	}
	return left + strings.Repeat(" ", gap) + right
}

func (m Model) tabs() string {
	s := m.c.Styles
	var parts []string
	for i, sc := range m.screens {
		t := fmt.Sprintf("%d %s", i+1, sc.Title())
		if i == m.active {
			parts = append(parts, s.ActiveTab.Render(t))
		} else {
			parts = append(parts, s.Tab.Render(t))
		}
	}
	return common.Fit(strings.Join(parts, ""), m.width)
}

func (m Model) statusLine() string {
	s := m.c.Styles
	var left string
	switch {
	case m.status.Text != "" && m.status.Err:
		left = s.StatusError.Render(common.Clean(m.status.Text))
	case m.status.Text != "":
		left = s.StatusInfo.Render(common.Clean(m.status.Text))
	case m.sync.Running:
		left = m.spinner.View() + s.Status.Render(" syncing…")
	case m.loading && m.data != nil:
		left = m.spinner.View() + s.Status.Render(" reloading…")
	}
	// Where the clone stands against its remote always shows; the rest
	// gives way to a long message.
	right := m.sync.Parts(m.c.Styles)
	keep := len(right)
	if d := m.data; d != nil {
		e, w, _ := model.CountBySeverity(d.Findings)
		if e > 0 {
			right = append(right, s.Error.Render(common.Plural(e, "error")))
		}
		if w > 0 {
			right = append(right, s.Warning.Render(common.Plural(w, "warning")))
		}
		if m.head != "" {
			right = append(right, s.Status.Render("at "+m.head[:min(7, len(m.head))]))
		}
		right = append(right, s.Status.Render("loaded "+m.loadedAt.Format("15:04")))
	}
	left = " " + left
	join := func(parts []string) string { return strings.Join(parts, s.Status.Render(" · ")) + " " }
	for len(right) > keep && lipgloss.Width(left)+1+lipgloss.Width(join(right)) > m.width {
		right = right[:len(right)-1]
	}
	r := join(right)
	left = common.Fit(left, m.width-lipgloss.Width(r)-1)
	gap := m.width - lipgloss.Width(left) - lipgloss.Width(r)
	if gap < 1 {
		return common.Fit(left, m.width)
	}
	return left + strings.Repeat(" ", gap) + r
}

// hints is the one-line key help: as many of the screen's keys as fit,
// then the global ones that always show.
func (m Model) hints() string {
	s := m.c.Styles
	render := func(b key.Binding) string {
		return s.Key.Render(b.Help().Key) + " " + s.KeyDesc.Render(b.Help().Desc)
	}
	var bs []key.Binding
	var tail []key.Binding
	switch {
	case m.top() != nil:
		// The way out (listed last) always shows.
		bs = m.top().Keys()
		if n := len(bs); n > 0 {
			bs, tail = bs[:n-1], bs[n-1:]
		}
	default:
		// Editing first: it is what a person most often looks for.
		first, more := m.editKeys()
		bs = append(first, m.screens[m.active].Keys()...)
		if m.screens[m.active].Selected() != "" {
			bs = append(bs, m.c.Keys.Links)
		}
		bs = append(bs, m.recordKeys()...)
		bs = append(bs, more...)
		bs = append(bs, m.c.Keys.Findings)
		tail = append(m.sync.Keys(m.c.Keys), m.c.Keys.Help, m.c.Keys.Quit)
	}
	var right []string
	for _, b := range tail {
		if b.Enabled() {
			right = append(right, render(b))
		}
	}
	r := strings.Join(right, "  ")
	width := 1 + lipgloss.Width(r) + 2
	var parts []string
	for _, b := range bs {
		if !b.Enabled() {
			continue
		}
		p := render(b)
		w := lipgloss.Width(p) + 2
		if width+w > m.width {
			continue // a shorter one further on may still fit
		}
		parts = append(parts, p)
		width += w
	}
	if r != "" {
		parts = append(parts, r)
	}
	return common.Fit(" "+strings.Join(parts, "  "), m.width)
}
