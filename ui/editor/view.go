package editor

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/charmbracelet/x/ansi"
)

// View shows why a draft was not saved, full-screen over the tabs, and
// offers what can be done with the text: edit it again, save it again (a
// save that failed), or discard it after a yes.
type View struct {
	c             common.Common
	width, height int
	store         Store
	d             *yamlDraft
	// confirm: d was pressed; y discards, anything else keeps the text.
	confirm bool
}

func newView(c common.Common, store Store, d *yamlDraft) *View {
	return &View{c: c, store: store, d: d}
}

// ID is the record whose text the view is about.
func (v *View) ID() string { return v.d.id }

// File is the temp file that holds the text.
func (v *View) File() string { return v.d.file }

func (v *View) SetSize(w, h int) { v.width, v.height = w, h }

// Dirty is false: the text waits in its temp file, which E offers again.
func (v *View) Dirty() bool { return false }

// Update handles a key; done closes the view.
func (v *View) Update(msg tea.Msg) (tea.Cmd, bool) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil, false
	}
	keys := v.c.Keys
	d := v.d
	if v.confirm {
		v.confirm = false
		if key.Matches(k, keys.Yes) {
			return discardYAMLCmd(v.store, d.id, d.file), true
		}
		return nil, false
	}
	switch {
	case key.Matches(k, keys.Close, keys.Quit):
		return keptStatus(d), true
	case key.Matches(k, keys.Edit, keys.Open):
		return editCmd(d), true
	case d.state == draftFailed && key.Matches(k, keys.RetrySave):
		d.state = draftBusy
		return saveYAMLCmd(v.store, d), true
	case key.Matches(k, keys.Discard):
		v.confirm = true
	}
	return nil, false
}

// keptStatus says where the text waits once the view is closed.
func keptStatus(d *yamlDraft) tea.Cmd {
	text := "not saved; kept in " + d.file + " · E resumes"
	return common.Status(text)
}

// Keys are the bindings that apply now; the way out is last.
func (v *View) Keys() []key.Binding {
	k := v.c.Keys
	if v.confirm {
		yes, no := k.Yes, k.No
		yes.SetHelp("y", "discard my text")
		no.SetHelp("n/esc", "keep it")
		return []key.Binding{yes, no}
	}
	again := key.NewBinding(key.WithKeys(append(k.Edit.Keys(), k.Open.Keys()...)...), key.WithHelp("e/enter", "edit again"))
	out := []key.Binding{again}
	if v.d.state == draftFailed {
		out = append(out, k.RetrySave)
	}
	closeView := k.Close
	closeView.SetHelp("esc", "close, keep text")
	return append(out, k.Discard, k.Help, closeView)
}

// View draws what went wrong and the problems, each with its line.
func (v *View) View() string {
	w, h := v.width, v.height
	s := v.c.Styles
	d := v.d
	tw := max(w-2, 10) // text width inside the margin
	var lines []string
	// add wraps text at indent, its lines after the first two cells
	// further in (under the text after a "✗ ").
	add := func(style lipgloss.Style, text string, indent int) {
		for i, l := range strings.Split(common.Wrap(text, max(tw-indent-2, 4)), "\n") {
			if i > 0 {
				l = "  " + l
			}
			lines = append(lines, " "+strings.Repeat(" ", indent)+style.Render(l))
		}
	}
	head := s.Heading.Render("Edit "+common.Clean(d.id)+" in $EDITOR") + s.Muted.Render(" · ") + s.Title.Render(common.Clean(d.title))
	lines = append(lines, common.Fit(" "+head, w), "")

	switch d.state {
	case draftInvalid:
		add(s.Error, "✗ Not saved: "+common.Plural(len(d.problems), "problem")+" in your text.", 0)
	case draftFailed:
		add(s.Error, "✗ Not saved: "+common.Clean(d.err.Error()), 0)
		add(s.Muted, "The text itself is fine: r tries the save again.", 2)
	case draftKept:
		add(s.Error, "✗ Not saved: "+common.Clean(d.err.Error()), 0)
	case draftLeft:
		add(s.Warning, "Left unsaved by an earlier session, begun "+common.Ago(v.c.Now(), d.started)+".", 0)
		add(s.Muted, "e opens it in your editor; when the editor exits it is checked and saved, as any edit. d discards it.", 2)
	}
	// The path on lines of its own, cut only where it must be, so that it
	// can be copied.
	add(s.Muted, "Your text is kept in", 2)
	for _, l := range strings.Split(ansi.Hardwrap(common.Clean(d.file), max(tw-2, 4), false), "\n") {
		lines = append(lines, "   "+l)
	}
	lines = append(lines, "")

	var foot []string
	if v.confirm {
		foot = append(foot, "", " "+s.Warning.Render(common.Fit("Discard your text? It is saved nowhere else. y discards · n keeps it", tw)))
	}
	room := max(h-len(lines)-len(foot), 1)
	for i, f := range d.problems {
		p := problemLines(s, f, d.id, tw)
		if len(p) > room || (len(p) == room && i < len(d.problems)-1) {
			lines = append(lines, " "+s.Muted.Render(common.Fit("… and "+common.Plural(len(d.problems)-i, "problem")+" more", tw)))
			break
		}
		lines = append(lines, p...)
		room -= len(p)
	}
	return strings.Join(append(lines, foot...), "\n")
}

// problemLines is one problem: where (its line, or the other record it
// concerns) then its message, wrapped under itself.
func problemLines(s *common.Styles, f model.Finding, id string, width int) []string {
	const whereW = 9 // "line 123 "
	where := ""
	switch {
	case f.ID != "" && f.ID != id:
		where = common.Clean(f.ID) + ":"
	case f.Line > 0:
		where = "line " + common.Itoa(f.Line)
	}
	msg := common.Clean(f.Message)
	if f.Rule != "" && f.Rule != "yaml" {
		msg += " [" + common.Clean(f.Rule) + "]"
	}
	mark := s.Error.Render("●") + " "
	if lipgloss.Width(where) >= whereW {
		// Another record's ID: on a line of its own.
		out := []string{" " + mark + s.Title.Render(common.Fit(where, width-2))}
		for _, l := range strings.Split(common.Wrap(msg, max(width-2-whereW, 4)), "\n") {
			out = append(out, " "+strings.Repeat(" ", 2+whereW)+l)
		}
		return out
	}
	if where == "" {
		// The message names its line itself, if it can.
		out := strings.Split(common.Wrap(msg, max(width-2, 4)), "\n")
		for i := range out {
			out[i] = "   " + out[i]
		}
		out[0] = " " + mark + out[0][3:]
		return out
	}
	var out []string
	for i, l := range strings.Split(common.Wrap(msg, max(width-2-whereW, 4)), "\n") {
		if i == 0 {
			out = append(out, " "+mark+s.Title.Render(common.Pad(where, whereW))+l)
			continue
		}
		out = append(out, " "+strings.Repeat(" ", 2+whereW)+l)
	}
	return out
}
