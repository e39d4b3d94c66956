package ui

import (
	"os"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/history"
	"github.com/accordhq/accord/ui/remote"
)

// Loading: the organisation is read, validated and indexed in a command,
// with the spinner; the store's HEAD is polled, and a new one (another
// process committed) reads it again.

// pollEvery is how often Accord checks whether another process committed.
const pollEvery = 2 * time.Second

// loadedMsg is the result of reading and validating the repository.
type loadedMsg struct {
	data *common.Data
	head string
	err  error
	n    int // which reload read it (Model.loads); 0 for the first load
	// gcBack, on the first load, puts the collector back once its
	// frame is made (relaxGC).
	gcBack func()
}

type pollMsg struct{}

type headMsg struct {
	head string
	err  error
}

// checkedMsg is the validation of a first load (checkCmd): the findings
// about data.
type checkedMsg struct {
	data     *common.Data
	findings []model.Finding
}

// loadCmd reads, validates and indexes the organisation, off the UI
// goroutine. It copies what it needs; it never touches the model.
func loadCmd(store Store, now func() time.Time) tea.Cmd { return readCmd(store, now, true) }

// firstLoadCmd is loadCmd without the validation, for the first load:
// the first frame does not wait for it (at 100,000 records it takes
// about half a second), and checkCmd follows as soon as the load is
// taken. Reloads validate before they are shown, so a reload never takes
// findings away for a moment. The collector stays stopped from the start
// of the first load until takeLoad has made its frame (relaxGC).
func firstLoadCmd(store Store, now func() time.Time) tea.Cmd {
	read := readCmd(store, now, false)
	return func() tea.Msg {
		gcBack := relaxGC()
		msg := read().(loadedMsg)
		msg.gcBack = gcBack
		return msg
	}
}

// relaxGC stops the collector, under a soft memory limit of 1 GiB, until
// the last gcBack of those running is called. gitstore's load does the
// same while it reads, and puts the collector back as it returns; with
// hundreds of megabytes then live at 100,000 records and no collection
// since the start, a collection would begin at once, beside the first
// frame (GODEBUG=gctrace=1: 102 ms, 140 ms of assists on the UI
// goroutine). The first load keeps it stopped until its frame is made. A
// GOGC the user set is left alone, and a lower GOMEMLIMIT kept.
func relaxGC() (gcBack func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	relaxedGC.Lock()
	defer relaxedGC.Unlock()
	if relaxedGC.n++; relaxedGC.n == 1 {
		relaxedGC.limit = debug.SetMemoryLimit(-1) // a negative limit only reads it
		debug.SetMemoryLimit(min(relaxedGC.limit, 1<<30))
		relaxedGC.prev = debug.SetGCPercent(-1)
	}
	return sync.OnceFunc(func() {
		relaxedGC.Lock()
		defer relaxedGC.Unlock()
		if relaxedGC.n--; relaxedGC.n == 0 {
			debug.SetGCPercent(relaxedGC.prev)
			debug.SetMemoryLimit(relaxedGC.limit)
		}
	})
}

// relaxedGC counts the first loads whose frames are not made yet (tests
// run several at once), and the GC percentage and memory limit before
// the first of them.
var relaxedGC struct {
	sync.Mutex
	n, prev int
	limit   int64
}

// checkCmd validates d's organisation in the background. d is only read
// there; its findings are set on the UI goroutine, when checkedMsg comes.
func checkCmd(d *common.Data) tea.Cmd {
	return func() tea.Msg { return checkedMsg{data: d, findings: common.Check(d)} }
}

func readCmd(store Store, now func() time.Time, check bool) tea.Cmd {
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
		d := common.NewUncheckedData(org, now(), name, email)
		if check {
			d.SetFindings(common.Check(d))
		}
		if err := readSeen(store, d); err != nil {
			return loadedMsg{err: err}
		}
		return loadedMsg{data: d, head: head}
	}
}

// poll asks for the HEAD again after pollEvery.
func poll() tea.Cmd { return tea.Tick(pollEvery, func(time.Time) tea.Msg { return pollMsg{} }) }

// reload starts reading the repository again.
func (m *Model) reload() tea.Cmd {
	m.loading = true
	m.loads++
	n, load := m.loads, loadCmd(m.store, m.c.Now)
	return tea.Batch(func() tea.Msg {
		msg := load().(loadedMsg)
		msg.n = n
		return msg
	}, m.spinner.Tick)
}

func headCmd(store Store) tea.Cmd {
	return func() tea.Msg {
		h, err := store.Head()
		return headMsg{head: h, err: err}
	}
}

// tick turns the spinner while something loads or syncs.
func (m *Model) tick(msg spinner.TickMsg) tea.Cmd {
	if !m.loading && !m.sync.Running {
		return nil
	}
	var cmd tea.Cmd
	m.spinner, cmd = m.spinner.Update(msg)
	return cmd
}

// updateLoad handles a load, the poll's tick and the HEAD it read.
func (m *Model) updateLoad(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case loadedMsg:
		return m.loaded(msg)
	case checkedMsg:
		m.checked(msg)
	case pollMsg:
		if m.loading {
			return poll()
		}
		return tea.Batch(headCmd(m.store), poll())
	case headMsg:
		if msg.err == nil && msg.head != m.head && !m.loading {
			return m.reload()
		}
	}
	return nil
}

// loaded takes a load of the repository (takeLoad), then hands on the
// keys typed while it ran after a save.
func (m *Model) loaded(msg loadedMsg) tea.Cmd {
	return tea.Sequence(m.takeLoad(msg), m.replayTypeahead(msg.n))
}

// replayTypeahead hands on, in order, the keys typed while the repository
// was read after a save, once a read started after the save (the n-th
// reload) is in; an earlier read still in flight may not hold the save.
func (m *Model) replayTypeahead(n int) tea.Cmd {
	if m.saveLoad == 0 || n < m.saveLoad {
		return nil
	}
	m.saveLoad = 0
	var cmds []tea.Cmd
	for _, k := range m.typeahead {
		cmds = append(cmds, func() tea.Msg { return k })
	}
	m.typeahead = nil
	return tea.Sequence(cmds...)
}

// takeLoad: the tabs and the overlays that use the organisation get the
// new one, and a save's record is selected.
func (m *Model) takeLoad(msg loadedMsg) tea.Cmd {
	first := m.data == nil
	if msg.gcBack != nil {
		defer msg.gcBack()
	}
	m.loading = false
	if msg.err != nil {
		m.loadErr = msg.err
		m.say(common.StatusMsg{Text: "could not load: " + msg.err.Error(), Err: true})
		return remote.StatusCmd(m.store)
	}
	m.loadErr = nil
	m.data, m.head, m.loadedAt = msg.data, msg.head, m.c.Now()
	m.takeSeen()
	catchUp := m.setData(first)
	m.resize() // the identity lines come and go with a load
	if id := m.selectAfterLoad; id != "" {
		m.selectAfterLoad = ""
		m.showSaved(id)
	}
	m.offerRetro()
	// A sync's or a resolution's outcome says more than this.
	if !first && m.status.Text == "" {
		m.say(common.StatusMsg{Text: "reloaded: the repository changed"})
	}
	var check tea.Cmd
	if m.data.Checking {
		check = checkCmd(m.data)
	}
	if first {
		// So that the first h is fast.
		return tea.Batch(catchUp, check, remote.StatusCmd(m.store), history.IndexCmd(m.store), draftsCmd(m.store))
	}
	return tea.Batch(check, remote.StatusCmd(m.store))
}

// findingsUser is a screen that draws on the findings when it takes a
// load (the RACI tab counts rule breaks): it is told when they come.
type findingsUser interface {
	FindingsChanged()
}

// checked takes the findings of the load on show; a reload that came
// before them was checked already, and they are dropped.
func (m *Model) checked(msg checkedMsg) {
	if msg.data != m.data {
		return
	}
	m.data.SetFindings(msg.findings)
	for _, s := range m.screens {
		if u, ok := s.(findingsUser); ok && !slices.Contains(m.behind, s) {
			u.FindingsChanged()
		}
	}
}

// pending is a screen whose content is made in the background: it says
// what it still needs, whenever it is on screen.
type pending interface {
	Pending() tea.Cmd
}
