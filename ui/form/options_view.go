package form

// Drawing the options editor: the list of options, the selected one's
// points, what the last key did and the problems a save would have.

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

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
