package form

// The small form over one option: its title, and its good and bad points
// one per line.

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
)

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
	var cmd tea.Cmd
	e.form, cmd = updateHuh(e.form, msg)
	if e.live.refresh() {
		var more tea.Cmd
		e.form, more = updateHuh(e.form, refreshMsg{})
		cmd = tea.Batch(cmd, more)
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
