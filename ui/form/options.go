package form

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
)

// Options edits the options a decision considered, full-screen over
// the tabs: add, edit, delete, reorder and choose, then ctrl+s saves them
// all as one commit. It keeps every change until a save succeeds. It is
// an overlay, like Form.
type Options struct {
	c     common.Common
	data  *common.Data
	store Saver
	keys  optionsKeyMap
	// look lends the option form the theme every other form has.
	look *Form

	dec    *model.Decision // as it was when the view opened
	opts   []model.Option  // the options as edited
	chosen string          // outcome.chosen as edited
	cursor int
	offset int // first option row on screen

	width, height int

	// edit is the small form over one option while it is open.
	edit *optionEdit
	// confirm is a y/n question ("" when none), and onYes what a yes does:
	// its command, and whether the view closes.
	confirm string
	onYes   func() (tea.Cmd, bool)
	// note says what the last key did, or why it did nothing.
	note common.StatusMsg
	// problems are why the last save did not happen.
	problems []string
	saving   bool
}

// optionsKeyMap is the view's bindings; the option form adds its fields'.
type optionsKeyMap struct {
	Up, Down, Add, Edit, Delete, MoveUp, MoveDown, Choose, Save, Close key.Binding
	Yes, No                                                            key.Binding
	SaveOption, CancelOption                                           key.Binding
}

func newOptionsKeyMap(k *common.KeyMap) optionsKeyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return optionsKeyMap{
		Up: k.Up, Down: k.Down,
		Add:          b([]string{"a"}, "a", "add"),
		Edit:         b([]string{"enter", "e"}, "e", "edit"),
		Delete:       b([]string{"d", "delete"}, "d", "delete"),
		MoveUp:       b([]string{"K", "shift+up"}, "K/⇧↑", "move up"),
		MoveDown:     b([]string{"J", "shift+down"}, "J/⇧↓", "move down"),
		Choose:       b([]string{"c", "space"}, "c", "choose"),
		Save:         b([]string{"ctrl+s"}, "ctrl+s", "save all"),
		Close:        b([]string{"esc"}, "esc", "close"),
		Yes:          b([]string{"y"}, "y", "yes"),
		No:           b([]string{"n", "esc"}, "n", "no"),
		SaveOption:   b([]string{"ctrl+s"}, "ctrl+s", "save all"),
		CancelOption: b([]string{"esc"}, "esc", "back to the list"),
	}
}

// NewOptions opens the options of a decision as they are now.
func NewOptions(c common.Common, d *common.Data, store Saver, r *model.Decision) *Options {
	return &Options{c: c, data: d, store: store, keys: newOptionsKeyMap(c.Keys), look: &Form{c: c}, dec: r,
		opts: cloneOptions(r.Options), chosen: chosenOf(r)}
}

func chosenOf(r *model.Decision) string {
	if r.Outcome == nil {
		return ""
	}
	return r.Outcome.Chosen
}

// SetData takes a new load of the organisation: the options are checked
// against it from now on.
func (v *Options) SetData(d *common.Data) { v.data = d }

func (v *Options) SetSize(w, h int) {
	v.width, v.height = w, h
	if v.edit != nil {
		// Around the form: the title and rule, its heading, a line for a
		// note, and the two lines huh adds under it for a field's error.
		v.edit.form.WithWidth(max(min(w-2, maxOptionsWidth), 20)).WithHeight(max(h-6, 3))
	}
}

// maxOptionsWidth keeps an option's title, points and counts within an
// easy read of each other on a wide terminal.
const maxOptionsWidth = 110

func (v *Options) contentWidth() int { return max(min(v.width-2, maxOptionsWidth), 10) }

// dirty reports whether anything changed since the view opened.
func (v *Options) dirty() bool {
	return v.chosen != chosenOf(v.dec) || !slices.EqualFunc(v.opts, v.dec.Options, sameOption)
}

// Dirty reports whether quitting would lose anything: a change to the
// options, or what is typed in the option form.
func (v *Options) Dirty() bool {
	return v.dirty() || v.edit != nil && v.edit.draft != v.edit.start
}

func sameOption(a, b model.Option) bool {
	return a.ID == b.ID && a.Title == b.Title && slices.Equal(a.Good, b.Good) && slices.Equal(a.Bad, b.Bad)
}

// Update handles a message while the view is open, its save's outcome
// among them; done is true once it has closed.
func (v *Options) Update(msg tea.Msg) (tea.Cmd, bool) {
	k, isKey := msg.(tea.KeyPressMsg)
	switch msg := msg.(type) {
	case common.SavedMsg:
		if !v.saving {
			return nil, false
		}
		return nil, v.saved(msg)
	}
	switch {
	case isKey && v.confirm != "":
		switch {
		case key.Matches(k, v.keys.Yes):
			v.confirm = ""
			return v.onYes()
		case key.Matches(k, v.keys.No):
			v.confirm = ""
		}
		return nil, false
	case isKey && v.saving:
		return nil, false
	case v.edit != nil:
		return v.updateEdit(msg)
	case !isKey:
		return nil, false
	}
	// What the last key said gives way to what this one does; the
	// rules are checked again as the list is drawn.
	v.note, v.problems = common.StatusMsg{}, nil
	keys := v.keys
	switch {
	case key.Matches(k, keys.Save):
		return v.submit(), false
	case key.Matches(k, keys.Close):
		return v.ask("Discard the changes to the options?", func() (tea.Cmd, bool) { return nil, true })
	case key.Matches(k, keys.Add):
		return v.startEdit(-1), false
	case key.Matches(k, keys.MoveUp):
		v.move(-1)
	case key.Matches(k, keys.MoveDown):
		v.move(+1)
	case key.Matches(k, keys.Up):
		v.cursor = max(v.cursor-1, 0)
	case key.Matches(k, keys.Down):
		v.cursor = max(min(v.cursor+1, len(v.opts)-1), 0)
	case len(v.opts) == 0:
		if key.Matches(k, keys.Edit, keys.Delete, keys.Choose) {
			v.note = common.StatusMsg{Text: "no options yet: a adds one"}
		}
	case key.Matches(k, keys.Edit):
		return v.startEdit(v.cursor), false
	case key.Matches(k, keys.Delete):
		v.askDelete()
	case key.Matches(k, keys.Choose):
		v.choose()
	}
	return nil, false
}

// ask puts a y/n question about losing changes; with nothing to lose, the
// answer is yes.
func (v *Options) ask(q string, onYes func() (tea.Cmd, bool)) (tea.Cmd, bool) {
	if !v.dirty() {
		return onYes()
	}
	v.confirm, v.onYes = q, onYes
	return nil, false
}

func (v *Options) move(by int) {
	to := v.cursor + by
	if len(v.opts) < 2 || to < 0 || to >= len(v.opts) {
		return
	}
	v.opts[v.cursor], v.opts[to] = v.opts[to], v.opts[v.cursor]
	v.cursor = to
}

// choose makes the option under the cursor the chosen one, or, when it
// already is, leaves nothing chosen.
func (v *Options) choose() {
	o := v.opts[v.cursor]
	if v.chosen == o.ID {
		v.chosen = ""
		v.note = common.StatusMsg{Text: "nothing is chosen now"}
		return
	}
	v.chosen = o.ID
	v.note = common.StatusMsg{Text: "chose " + quoted(o.Title)}
}

func (v *Options) askDelete() {
	o := v.opts[v.cursor]
	q := "Delete " + quoted(o.Title) + "?"
	if o.ID == v.chosen {
		q = "Delete " + quoted(o.Title) + "? It is the chosen option: nothing will be chosen."
	}
	at := v.cursor
	v.confirm = q
	v.onYes = func() (tea.Cmd, bool) {
		v.opts = slices.Delete(v.opts, at, at+1)
		v.cursor = max(min(at, len(v.opts)-1), 0)
		v.note = common.StatusMsg{Text: "deleted " + quoted(o.Title)}
		if o.ID == v.chosen {
			v.chosen = ""
			v.note.Text += "; it was the chosen option, so nothing is chosen now"
		}
		return nil, false
	}
}
