package form

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
)

// Spec is one kind of form: its fields over a draft, and how the draft
// becomes the edits to save. Fields are bound to the draft, so the draft
// always holds what is on screen, and a form rebuilt after a failed save
// shows exactly what the person had typed.
type Spec interface {
	// title names the form: "New goal", "Edit GOAL-… · Cut churn".
	title() string
	// groups builds the form's fields over the draft. ctx.check validates
	// a field against the model's rules as the draft stands; ctx.describe
	// gives a field a description that follows the draft.
	groups(ctx formCtx) []*huh.Group
	// records are the records the draft would save, for validation; an
	// error means a field does not parse yet (its own validator says so).
	records() ([]model.Record, error)
	// edits is what saving the draft commits, the commit message ("" lets
	// the store say what changed) and the record to show afterwards.
	edits() (edits []model.Edit, message, id string, err error)
	// dirty reports whether the draft differs from where it started.
	dirty() bool
	// setData gives the form the organisation as it is now: its own
	// checks run against it.
	setData(d *common.Data)
}

// confirmer is a spec that asks before it saves (rejecting a decision):
// the question says what saving will do.
type confirmer interface {
	confirmSave() string
}

// formOrg is the organisation a form's own checks run against (a handle
// not taken, a manager who does not report to the person): the one on
// screen, which a reload replaces while the form is open.
type formOrg struct{ org *model.Org }

func (f *formOrg) setData(d *common.Data) { f.org = d.Org }

// formCtx is what a form's fields may use of the view that shows them.
type formCtx struct {
	check fieldCheck
	live  *liveText
}

// liveText keeps the descriptions that follow the draft ("picked: raj,
// mei"). huh's DescriptionFunc computes in a command's goroutine, which
// would read the draft while keys write it; these are set on the UI
// goroutine after every update instead.
type liveText struct {
	sets  []func() string
	shown []string
	apply []func(string)
}

// describe gives field a description computed by fn from the draft now
// and after every update.
func describe[F interface{ Description(string) F }](ctx formCtx, field F, fn func() string) F {
	text := fn()
	field.Description(text)
	ctx.live.sets = append(ctx.live.sets, fn)
	ctx.live.shown = append(ctx.live.shown, text)
	ctx.live.apply = append(ctx.live.apply, func(s string) { field.Description(s) })
	return field
}

// refresh sets the descriptions whose text changed, and reports whether any did.
func (l *liveText) refresh() bool {
	changed := false
	for i, fn := range l.sets {
		if text := fn(); text != l.shown[i] {
			l.shown[i] = text
			l.apply[i](text)
			changed = true
		}
	}
	return changed
}

// fieldCheck returns the first error the model's rules find in a field of
// the draft (a top-level YAML field name such as "owner"), or nil.
type fieldCheck func(field string) error

// Form shows a form and takes the keyboard while it is open. It keeps
// its draft until a save succeeds: a refused or failed save leaves the
// form open with everything typed and the reason shown under it.
type Form struct {
	c      common.Common
	data   *common.Data
	store  Saver
	spec   Spec
	form   *huh.Form
	width  int
	height int

	// problems are why the last save did not happen.
	problems []string
	saving   bool
	// confirm is a y/n question ("" when none): about losing the draft,
	// or, for a spec that asks before it saves, about saving; onYes is
	// what a yes does.
	confirm string
	onYes   func() (tea.Cmd, bool)
	// confirmed is a yes to the spec's question before saving; asking
	// says that the question on show is that one.
	confirmed, asking bool

	// styles is huh's theme in Accord's colours, made once: huh asks for
	// it on every style lookup of every option it draws.
	styles     *huh.Styles
	stylesDark bool

	// live are the descriptions that follow the draft; shownLines is
	// how many problem lines the form was sized for.
	live       *liveText
	shownLines int
}

// New opens a form over spec, sized to width × height, and returns the
// command that starts its fields (a cursor's blink).
func New(c common.Common, d *common.Data, store Saver, spec Spec, width, height int) (*Form, tea.Cmd) {
	f := &Form{c: c, data: d, store: store, spec: spec, width: width, height: height}
	return f, f.build()
}

// maxFormWidth keeps text fields readable on a wide terminal.
const maxFormWidth = 100

// formKeys are the form's own bindings, on top of each field's.
var (
	formSave   = key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save"))
	formCancel = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
	formYes    = key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes"))
	formNo     = key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", "keep editing"))
)

// build makes a fresh huh form over the draft, sized to the view.
func (f *Form) build() tea.Cmd {
	keys := huh.NewDefaultKeyMap()
	// esc and ctrl+c are the view's: a field that uses esc (clearing a
	// filter) still gets it, see Update.
	keys.Quit = key.NewBinding(key.WithDisabled())
	f.live = &liveText{}
	f.form = huh.NewForm(f.spec.groups(formCtx{check: f.check, live: f.live})...).
		WithKeyMap(keys).
		WithTheme(huh.ThemeFunc(f.cachedTheme)).
		WithShowHelp(false).
		WithShowErrors(false) // drawn by View, where they always fit
	f.resizeForm()
	return f.form.Init()
}

func (f *Form) resizeForm() {
	if f.form == nil {
		return
	}
	f.shownLines = len(f.problemLines())
	f.form.WithWidth(f.formWidth()).WithHeight(max(f.height-f.chromeHeight(), 3))
}

// formWidth is the form's width: the view's, but no wider than a line a
// person can read.
func (f *Form) formWidth() int {
	return max(min(f.width-2, maxFormWidth), 20)
}

// chromeHeight is what the view draws around the form: its title and
// rule, the focused page's field errors and the problems of the last save.
func (f *Form) chromeHeight() int {
	return 2 + len(f.problemLines())
}

func (f *Form) SetSize(w, h int) {
	f.width, f.height = w, h
	f.resizeForm()
}

// SetData takes a new load of the organisation: the draft is checked
// against it from now on (the pickers keep what they offered).
func (f *Form) SetData(d *common.Data) {
	f.data = d
	f.spec.setData(d)
}

// Dirty reports whether the draft differs from where it started.
func (f *Form) Dirty() bool { return f.spec.dirty() }

// check runs the model's rules on the draft and returns the first error
// about field that saving would add.
func (f *Form) check(field string) error {
	recs, err := f.spec.records()
	if err != nil || len(recs) == 0 {
		return nil
	}
	for _, fd := range model.FieldErrors(model.EditErrors(f.data.Org, f.validateOptions(), recs...), field) {
		return errors.New(common.Clean(fd.Message))
	}
	return nil
}

func (f *Form) validateOptions() model.ValidateOptions {
	return model.ValidateOptions{Today: f.data.Today}
}

// Update handles a message while the form is open, its save's outcome
// among them; done is true once it has closed.
func (f *Form) Update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case common.SavedMsg:
		if !f.saving {
			return nil, false
		}
		return nil, f.saved(msg)
	case tea.KeyPressMsg:
		if f.confirm != "" {
			switch {
			case key.Matches(msg, formYes):
				f.confirm = ""
				return f.onYes()
			case key.Matches(msg, formNo):
				f.confirm = ""
			}
			return nil, false
		}
		if f.saving {
			return nil, false
		}
		switch {
		case key.Matches(msg, formSave):
			return f.submit(), false
		case key.Matches(msg, formCancel) && !fieldWants(f.form, msg):
			f.asking = false
			return f.ask("Discard what you typed?", func() (tea.Cmd, bool) { return nil, true })
		}
	}
	var cmd tea.Cmd
	f.form, cmd = updateHuh(f.form, msg)
	if f.form.State == huh.StateCompleted {
		return f.submit(), false
	}
	if f.live.refresh() {
		// A description that follows the draft changed: draw it now.
		var more tea.Cmd
		f.form, more = updateHuh(f.form, refreshMsg{})
		cmd = tea.Batch(cmd, more)
	}
	if len(f.problemLines()) != f.shownLines {
		f.resizeForm()
	}
	return cmd, false
}

// refreshMsg makes huh lay out its fields again.
type refreshMsg struct{}

// ask puts a y/n question about losing the draft; a clean draft needs no
// question.
func (f *Form) ask(q string, onYes func() (tea.Cmd, bool)) (tea.Cmd, bool) {
	if !f.spec.dirty() {
		return onYes()
	}
	f.confirm, f.onYes = q, onYes
	return nil, false
}

// submit checks the draft with the model's rules and saves it, or shows
// why not and keeps the form open.
func (f *Form) submit() tea.Cmd {
	edits, message, id, err := f.spec.edits()
	if err != nil {
		f.problems = []string{err.Error()}
		return f.reopen()
	}
	if p, ok := f.spec.(privateSaver); ok {
		// Not a record: written to the clone, never committed.
		f.problems, f.saving = nil, true
		return tea.Batch(f.reopen(), p.savePrivate())
	}
	var recs []model.Record
	for _, e := range edits {
		if e.New != nil {
			recs = append(recs, e.New)
		}
	}
	if errs := model.EditErrors(f.data.Org, f.validateOptions(), recs...); len(errs) > 0 {
		f.problems = nil
		for _, e := range errs {
			f.problems = append(f.problems, findingLine(e))
		}
		return f.reopen()
	}
	if refused := refusedSteps(f.data, edits); len(refused) > 0 {
		f.problems = refused
		return f.reopen()
	}
	f.problems = nil
	if c, ok := f.spec.(confirmer); ok && !f.confirmed {
		// Ready to take keys again: the answer, or more typing after a no.
		f.asking = true
		f.confirm, f.onYes = c.confirmSave(), func() (tea.Cmd, bool) {
			f.confirmed = true
			return f.submit(), false
		}
		return f.reopen()
	}
	f.confirmed = false
	f.asking = false
	f.saving = true
	// Ready to take keys again with the draft in place should the save fail.
	return tea.Batch(f.reopen(), saveCmd(f.store, message, edits, id))
}

// reopen makes the form take keys again after a submit: a form that went
// past its last field is rebuilt over the draft (starting on its first
// page); one saved with ctrl+s stays where the person was.
func (f *Form) reopen() tea.Cmd {
	f.resizeForm()
	if f.form.State == huh.StateNormal {
		return nil
	}
	return f.build()
}

// findingLine is a finding as the form lists it: the field, then why.
func findingLine(fd model.Finding) string {
	if fd.Field == "" {
		return common.Clean(fd.Message)
	}
	return common.Clean(fd.Field) + ": " + common.Clean(fd.Message)
}

// saved takes the outcome of this form's save: done once it succeeded.
func (f *Form) saved(msg common.SavedMsg) bool {
	f.saving = false
	if msg.Err != nil {
		f.problems = []string{"not saved: " + msg.Err.Error() + " (your changes are still here: ctrl+s to try again)"}
		f.resizeForm()
		return false
	}
	return true
}

func (f *Form) problemLines() []string {
	var out []string
	var errs []string
	if f.form != nil {
		for _, err := range f.form.Errors() {
			errs = append(errs, err.Error())
		}
	}
	for _, p := range append(errs, f.problems...) {
		out = append(out, strings.Split(common.Wrap("✗ "+common.Clean(p), max(f.width-4, 10)), "\n")...)
	}
	return out
}

// View draws the form's title, the form, and the problems of the last
// save, or the question about losing the draft.
func (f *Form) View() string {
	s := f.c.Styles
	var state string
	switch {
	case f.saving:
		state = "  saving…"
	case f.spec.dirty():
		state = "  (changed)"
	}
	// The state always shows; a long title gives way to it.
	title := " " + common.Fit(s.Title.Render(common.Clean(f.spec.title())), f.width-1-lipgloss.Width(state)) + s.Muted.Render(state)
	lines := []string{common.Fit(title, f.width), s.Muted.Render(common.Repeat("─", f.width))}
	if f.confirm != "" {
		q := s.Warning.Render(common.Wrap(f.confirm, max(f.width-2, 10))) + "\n\n" + s.Key.Render("y") + s.KeyDesc.Render(" yes  ") +
			s.Key.Render("n") + s.KeyDesc.Render(" no, keep editing")
		return strings.Join(append(lines, "", lipgloss.NewStyle().PaddingLeft(1).Render(q)), "\n")
	}
	body := lipgloss.NewStyle().PaddingLeft(1).Render(f.form.View())
	lines = append(lines, body)
	for _, p := range f.problemLines() {
		lines = append(lines, " "+s.Error.Render(p))
	}
	return strings.Join(lines, "\n")
}

// FocusedField is the field that has the keys, nil when none has.
func (f *Form) FocusedField() huh.Field { return f.form.GetFocusedField() }

// Keys are the focused field's bindings, then saving and cancelling.
func (f *Form) Keys() []key.Binding {
	if f.confirm != "" {
		yes := formYes
		if f.asking {
			yes.SetHelp("y", "save")
		} else {
			yes.SetHelp("y", "discard")
		}
		return []key.Binding{yes, formNo}
	}
	// Saving first: it must not be the hint that falls off a narrow line.
	out := []key.Binding{formSave}
	if field := f.form.GetFocusedField(); field != nil {
		out = append(out, field.KeyBinds()...)
	}
	return append(out, formCancel)
}

func (f *Form) cachedTheme(bool) *huh.Styles {
	if f.styles == nil || f.stylesDark != f.c.Styles.Dark {
		f.styles, f.stylesDark = f.theme(), f.c.Styles.Dark
	}
	return f.styles
}

// theme is huh's base theme in Accord's colours.
func (f *Form) theme() *huh.Styles {
	s := f.c.Styles
	th := s.Theme
	t := huh.ThemeBase(s.Dark)
	t.FieldSeparator = lipgloss.NewStyle().SetString("\n")
	t.Focused.Base = t.Focused.Base.BorderForeground(th.Primary)
	t.Focused.Card = t.Focused.Base
	t.Focused.Title = lipgloss.NewStyle().Foreground(th.Primary).Bold(true)
	t.Focused.Description = lipgloss.NewStyle().Foreground(th.Muted)
	t.Focused.ErrorIndicator = t.Focused.ErrorIndicator.Foreground(th.Error)
	t.Focused.ErrorMessage = lipgloss.NewStyle().Foreground(th.Error).SetString(" ✗")
	t.Focused.SelectSelector = t.Focused.SelectSelector.Foreground(th.Primary)
	t.Focused.MultiSelectSelector = t.Focused.MultiSelectSelector.Foreground(th.Primary)
	t.Focused.SelectedOption = lipgloss.NewStyle().Foreground(th.OnTrack)
	t.Focused.SelectedPrefix = lipgloss.NewStyle().Foreground(th.OnTrack).SetString("[x] ")
	t.Focused.NextIndicator = t.Focused.NextIndicator.Foreground(th.Primary)
	t.Focused.PrevIndicator = t.Focused.PrevIndicator.Foreground(th.Primary)
	t.Focused.TextInput.Prompt = lipgloss.NewStyle().Foreground(th.Primary)
	t.Focused.TextInput.Placeholder = lipgloss.NewStyle().Foreground(th.Subtle)
	t.Focused.FocusedButton = t.Focused.FocusedButton.Foreground(th.SelectedBg).Background(th.Primary)
	t.Focused.BlurredButton = t.Focused.BlurredButton.Foreground(th.Muted).Background(th.SelectedBg)
	t.Blurred = t.Focused
	t.Blurred.Base = t.Focused.Base.BorderStyle(lipgloss.HiddenBorder())
	t.Blurred.Card = t.Blurred.Base
	t.Blurred.Title = lipgloss.NewStyle().Foreground(th.Muted)
	t.Blurred.MultiSelectSelector = lipgloss.NewStyle().SetString("  ")
	t.Blurred.NextIndicator = lipgloss.NewStyle()
	t.Blurred.PrevIndicator = lipgloss.NewStyle()
	t.Group.Title = t.Focused.Title
	t.Group.Description = t.Focused.Description
	return t
}

// ---- Field helpers shared by the forms ----

// required fails on a blank value, saying which field it is.
func required(what string) func(string) error {
	return func(v string) error {
		if strings.TrimSpace(v) == "" {
			return fmt.Errorf("%s is required", what)
		}
		return nil
	}
}

// both runs a local check, then the model's rules on the field.
func both(local func(string) error, check fieldCheck, field string) func(string) error {
	return func(v string) error {
		if local != nil {
			if err := local(v); err != nil {
				return err
			}
		}
		return check(field)
	}
}
