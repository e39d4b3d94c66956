package form

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

// Options edits the options a decision considered, full-screen over
// the tabs: add, edit, delete, reorder and choose, then ctrl+s saves them
// all as one commit. It keeps every change until a save succeeds. The root
// owns it and hands it the keys and the messages its small option form
// needs, as it does a formView.
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

// optionEdit is one option in a small form: its title, and its good and
// bad points one per line. A new option's ID is made from its title when
// it is added; an existing one's never changes.
type optionEdit struct {
	index        int // in opts; -1 for a new option
	id           string
	draft, start optionDraft
	form         *huh.Form
	live         *liveText
}

type optionDraft struct{ Title, Good, Bad string }

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

// ---- The option form ----

func (v *Options) startEdit(index int) tea.Cmd {
	e := &optionEdit{index: index}
	if index >= 0 {
		o := v.opts[index]
		e.id = o.ID
		e.draft = optionDraft{Title: o.Title, Good: joinLines(o.Good), Bad: joinLines(o.Bad)}
	}
	e.start = e.draft
	keys := huh.NewDefaultKeyMap()
	keys.Quit = key.NewBinding(key.WithDisabled()) // esc and ctrl+c are the view's
	d := &e.draft
	e.live = &liveText{}
	e.form = huh.NewForm(huh.NewGroup(
		describe(formCtx{live: e.live}, huh.NewInput().Title("Title"), func() string {
			if e.id != "" {
				return "id " + e.id + " (an option's id never changes)"
			}
			if strings.TrimSpace(d.Title) == "" {
				return "its id is made from the title"
			}
			return "id " + optionSlug(d.Title, v.ids(-1))
		}).Value(&d.Title).Validate(required("a title")),
		huh.NewText().Title("Good").Description("In its favour, one per line.").Lines(3).Value(&d.Good),
		huh.NewText().Title("Bad").Description("Against it, one per line.").Lines(3).Value(&d.Bad),
	)).WithKeyMap(keys).
		WithTheme(huh.ThemeFunc(v.look.cachedTheme)).
		WithShowHelp(false).
		WithShowErrors(true)
	v.edit = e
	v.SetSize(v.width, v.height)
	return e.form.Init()
}

// ids are the option IDs in use, but for the option at skip.
func (v *Options) ids(skip int) []string {
	var out []string
	for i, o := range v.opts {
		if i != skip {
			out = append(out, o.ID)
		}
	}
	return out
}

func (v *Options) updateEdit(msg tea.Msg) (tea.Cmd, bool) {
	e := v.edit
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, v.keys.SaveOption):
			if !v.applyEdit() {
				return nil, false
			}
			return v.submit(), false
		case key.Matches(k, v.keys.CancelOption) && !fieldWants(e.form, k):
			if e.draft == e.start {
				v.edit = nil
				return nil, false
			}
			v.confirm = "Discard what you typed in this option?"
			v.onYes = func() (tea.Cmd, bool) {
				v.edit = nil
				return nil, false
			}
			return nil, false
		}
	}
	m, cmd := e.form.Update(msg)
	e.form = m.(*huh.Form)
	if e.live.refresh() {
		m, more := e.form.Update(refreshMsg{})
		e.form, cmd = m.(*huh.Form), tea.Batch(cmd, more)
	}
	if e.form.State == huh.StateCompleted {
		v.applyEdit()
		return nil, false
	}
	return cmd, false
}

// applyEdit puts the option form's draft in the list and closes the form;
// false, with the form still open, when the title is missing.
func (v *Options) applyEdit() bool {
	e := v.edit
	d := e.draft
	title := strings.TrimSpace(d.Title)
	if title == "" {
		v.note = common.StatusMsg{Text: "an option needs a title", Err: true}
		if e.form.State == huh.StateCompleted {
			e.form.State = huh.StateNormal
		}
		return false
	}
	o := model.Option{ID: e.id, Title: title, Good: lines(d.Good), Bad: lines(d.Bad)}
	if e.index < 0 {
		o.ID = optionSlug(title, v.ids(-1))
		v.opts = append(v.opts, o)
		v.cursor = len(v.opts) - 1
		v.note = common.StatusMsg{Text: "added " + quoted(title) + " as " + o.ID}
	} else {
		was := v.opts[e.index]
		// Unchanged lists keep their form (nil or empty) so that an edit
		// that changes nothing is no change.
		if slices.Equal(o.Good, was.Good) {
			o.Good = was.Good
		}
		if slices.Equal(o.Bad, was.Bad) {
			o.Bad = was.Bad
		}
		v.opts[e.index] = o
		v.cursor = e.index
	}
	v.edit = nil
	return true
}

// fieldWants reports whether the focused field of form has an enabled
// binding for the key (esc clears a filter before it leaves the form).
func fieldWants(form *huh.Form, k tea.KeyPressMsg) bool {
	field := form.GetFocusedField()
	if field == nil {
		return false
	}
	for _, b := range field.KeyBinds() {
		if b.Enabled() && key.Matches(k, b) {
			return true
		}
	}
	return false
}

// optionSlug makes a short ID for an option from its title: its first
// words, lower case, joined by hyphens, unique among taken.
func optionSlug(title string, taken []string) string {
	words := strings.FieldsFunc(strings.ToLower(title), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	const most = 20
	id := ""
	for _, w := range words {
		next := w
		if id != "" {
			next = id + "-" + w
		}
		if id != "" && len([]rune(next)) > most {
			break
		}
		id = next
	}
	if r := []rune(id); len(r) > most {
		id = string(r[:most])
	}
	if id == "" {
		id = "option"
	}
	base := id
	for n := 2; slices.Contains(taken, id); n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	return id
}

// ---- Saving ----

// decision is the decision with the options and choice as edited.
func (v *Options) decision() *model.Decision {
	r := &model.Decision{}
	model.CopyRecord(r, v.dec)
	r.Options = cloneOptions(v.opts)
	if len(r.Options) == 0 {
		r.Options = nil
	}
	rationale := ""
	if v.dec.Outcome != nil {
		rationale = v.dec.Outcome.Rationale
	}
	r.Outcome = outcome(v.dec.Outcome, v.chosen, rationale)
	return r
}

// findings are the errors saving would add, as lines.
func (v *Options) findings() []string {
	var out []string
	for _, f := range model.EditErrors(v.data.Org, model.ValidateOptions{Today: v.data.Today}, v.decision()) {
		out = append(out, findingLine(f))
	}
	return out
}

// submit saves every change as one commit, or says why not.
func (v *Options) submit() tea.Cmd {
	if !v.dirty() {
		v.note = common.StatusMsg{Text: "nothing to save: no option changed"}
		return nil
	}
	if errs := v.findings(); len(errs) > 0 {
		v.problems = errs
		return nil
	}
	v.problems = nil
	v.saving = true
	r := v.decision()
	return saveCmd(v.store, optionsMessage(v.dec, r), []model.Edit{{Old: v.dec, New: r}}, r.ID)
}

// saved takes the outcome of the save: done once it succeeded. A failed
// save keeps every change for another try.
func (v *Options) saved(msg common.SavedMsg) bool {
	v.saving = false
	if msg.Err != nil {
		v.problems = []string{"not saved: " + msg.Err.Error() + " (your changes are still here: ctrl+s to try again)"}
		return false
	}
	return true
}

// optionsMessage says what changed in the options and the choice:
// decision(DEC-…): add options "A", "B"; reorder options; choose "B".
func optionsMessage(old, r *model.Decision) string {
	titles := func(opts []model.Option) string {
		var q []string
		for _, o := range opts {
			q = append(q, quoted(o.Title))
		}
		return strings.Join(q, ", ")
	}
	byID := func(opts []model.Option, id string) (model.Option, bool) {
		i := slices.IndexFunc(opts, func(o model.Option) bool { return o.ID == id })
		if i < 0 {
			return model.Option{}, false
		}
		return opts[i], true
	}
	var added, removed, edited []model.Option
	var keptOld, keptNew []string
	for _, o := range r.Options {
		was, ok := byID(old.Options, o.ID)
		switch {
		case !ok:
			added = append(added, o)
		case !sameOption(was, o):
			edited = append(edited, o)
		}
		if ok {
			keptNew = append(keptNew, o.ID)
		}
	}
	for _, o := range old.Options {
		if _, ok := byID(r.Options, o.ID); !ok {
			removed = append(removed, o)
		} else {
			keptOld = append(keptOld, o.ID)
		}
	}
	var parts []string
	list := func(verb string, opts []model.Option) {
		switch len(opts) {
		case 0:
		case 1:
			parts = append(parts, verb+" option "+titles(opts))
		default:
			parts = append(parts, verb+" options "+titles(opts))
		}
	}
	list("add", added)
	list("edit", edited)
	list("remove", removed)
	if !slices.Equal(keptOld, keptNew) {
		parts = append(parts, "reorder options")
	}
	if was, now := chosenOf(old), chosenOf(r); was != now {
		if o, ok := byID(r.Options, now); ok {
			parts = append(parts, "choose "+quoted(o.Title))
		} else {
			parts = append(parts, "nothing chosen")
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "options unchanged")
	}
	return fmt.Sprintf("decision(%s): %s", r.ID, strings.Join(parts, "; "))
}

// ---- Drawing ----

// View draws the title, then the option form, or the list of options with
// the selected one's good and bad points, then what the last key did, the
// problems saving would have and any question.
func (v *Options) View() string {
	s := v.c.Styles
	var state string
	switch {
	case v.saving:
		state = s.Muted.Render("  saving…")
	case v.dirty():
		state = s.Muted.Render("  (changed: ctrl+s saves)")
	}
	// The state always shows; a long decision title gives way to it.
	title := " " + s.Title.Render("Options of "+common.Clean(v.dec.ID)+" · "+common.Clean(v.dec.Title))
	title = common.Fit(title, v.width-lipgloss.Width(state)) + state
	head := []string{common.Fit(title, v.width), s.Muted.Render(common.Repeat("─", v.width))}
	foot := v.footer()
	bodyH := max(v.height-len(head)-len(foot), 1)
	var body []string
	if v.edit != nil {
		what := "New option"
		if v.edit.index >= 0 {
			what = fmt.Sprintf("Option %d of %d", v.edit.index+1, len(v.opts))
		}
		body = append([]string{" " + s.Heading.Render(what)},
			strings.Split(lipgloss.NewStyle().PaddingLeft(1).Render(v.edit.form.View()), "\n")...)
	} else {
		body = v.list(bodyH)
	}
	if len(body) > bodyH {
		body = body[:bodyH]
	}
	for len(body) < bodyH {
		body = append(body, "")
	}
	return strings.Join(slices.Concat(head, body, foot), "\n")
}

// list is the options, one per row, and as much of the selected one's
// points as fits under them.
func (v *Options) list(height int) []string {
	s := v.c.Styles
	w := v.contentWidth()
	if len(v.opts) == 0 {
		return []string{"", " " + s.Muted.Render("No options yet: a adds one.")}
	}
	// Up to two thirds of the height for the rows, the rest for details.
	rows := max(min(len(v.opts), height*2/3), 1)
	if v.cursor < v.offset {
		v.offset = v.cursor
	}
	if v.cursor >= v.offset+rows {
		v.offset = v.cursor - rows + 1
	}
	v.offset = max(min(v.offset, len(v.opts)-rows), 0)
	good := lipgloss.NewStyle().Foreground(s.Theme.OnTrack)
	idW := 0
	for _, o := range v.opts {
		idW = max(idW, lipgloss.Width(common.Clean(o.ID)))
	}
	idW = min(idW, 20)
	var out []string
	for i := v.offset; i < min(v.offset+rows, len(v.opts)); i++ {
		o := v.opts[i]
		mark, chosen := "  ", "       "
		if o.ID == v.chosen && o.ID != "" {
			mark, chosen = good.Render("✓ "), good.Render(" chosen")
		}
		// Points for and against, then the choice, in fixed columns.
		counts := s.Muted.Render(fmt.Sprintf(" %4s %4s", fmt.Sprintf("+%d", len(o.Good)), fmt.Sprintf("−%d", len(o.Bad)))) + chosen
		left := mark + s.Muted.Render(common.Pad(common.Clean(o.ID), idW)) + "  "
		titleW := max(w-lipgloss.Width(left)-lipgloss.Width(counts), 5)
		row := left + common.Pad(common.Clean(o.Title), titleW) + counts
		out = append(out, " "+widget.SelectedRow(s, common.Pad(row, w), i == v.cursor, w))
	}
	if v.offset+rows < len(v.opts) || v.offset > 0 {
		out = append(out, " "+s.Muted.Render(fmt.Sprintf("%d of %d options", v.cursor+1, len(v.opts))))
	}
	if left := height - len(out) - 1; left > 1 && v.cursor < len(v.opts) {
		out = append(out, "")
		out = append(out, v.details(v.opts[v.cursor], w, left)...)
	}
	return out
}

// details are an option's good and bad points, one per line.
func (v *Options) details(o model.Option, width, height int) []string {
	s := v.c.Styles
	good := lipgloss.NewStyle().Foreground(s.Theme.OnTrack)
	var out []string
	for _, l := range strings.Split(common.Wrap(common.Clean(o.Title), max(width-2, 10)), "\n") {
		out = append(out, "  "+s.Title.Render(l))
	}
	add := func(sign string, st lipgloss.Style, items []string) {
		for _, it := range items {
			for j, l := range strings.Split(common.Wrap(common.Clean(it), max(width-4, 10)), "\n") {
				lead := "   "
				if j == 0 {
					lead = " " + st.Render(sign) + " "
				}
				out = append(out, " "+lead+l)
			}
		}
	}
	add("+", good, o.Good)
	add("−", s.Error, o.Bad)
	if len(o.Good)+len(o.Bad) == 0 {
		out = append(out, " "+s.Muted.Render("  no points for or against yet: e edits them"))
	}
	if len(out) > height {
		out = append(out[:height-1], " "+s.Muted.Render("  …"))
	}
	return out
}

// footer is what the last key did, the problems saving would have, and a
// question when one is asked.
func (v *Options) footer() []string {
	s := v.c.Styles
	w := v.contentWidth() - 2
	var out []string
	add := func(st lipgloss.Style, text string) {
		for _, l := range strings.Split(common.Wrap(common.Clean(text), w), "\n") {
			out = append(out, " "+st.Render(l))
		}
	}
	if v.note.Text != "" {
		st := s.Muted
		if v.note.Err {
			st = s.Error
		}
		add(st, v.note.Text)
	}
	problems := v.problems
	if len(problems) == 0 && v.edit == nil && v.dirty() {
		problems = v.findings()
	}
	for _, p := range problems {
		add(s.Error, "✗ "+p)
	}
	if v.confirm != "" {
		add(s.Warning, v.confirm)
		out = append(out, " "+s.Key.Render("y")+s.KeyDesc.Render(" yes  ")+s.Key.Render("n")+s.KeyDesc.Render(" no"))
	}
	return out
}

// Keys are what works now, the way out last.
func (v *Options) Keys() []key.Binding {
	k := v.keys
	switch {
	case v.confirm != "":
		return []key.Binding{k.Yes, k.No}
	case v.edit != nil:
		var out []key.Binding
		if f := v.edit.form.GetFocusedField(); f != nil {
			out = append(out, f.KeyBinds()...)
		}
		return append(out, k.SaveOption, k.CancelOption)
	}
	some := len(v.opts) > 0
	edit, del, choose := k.Edit, k.Delete, k.Choose
	edit.SetEnabled(some)
	del.SetEnabled(some)
	choose.SetEnabled(some)
	if some && v.opts[v.cursor].ID == v.chosen {
		choose.SetHelp(choose.Help().Key, "unchoose")
	}
	// One hint for both moves; the bindings matched are MoveUp and
	// MoveDown.
	move := key.NewBinding(key.WithKeys(slices.Concat(k.MoveUp.Keys(), k.MoveDown.Keys())...),
		key.WithHelp("K/J", "move"), key.WithDisabled())
	move.SetEnabled(len(v.opts) > 1)
	save := k.Save
	save.SetEnabled(v.dirty())
	return []key.Binding{save, k.Add, edit, choose, move, del, k.Close}
}
