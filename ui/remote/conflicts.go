package remote

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

// Conflicts is the conflicts a sync left, full-screen over the tabs:
// a list of them (record, title, field) and, for the selected one, base,
// ours and theirs side by side (stacked on a narrow terminal), with keys
// to keep ours, take theirs or type a value. A whole-record conflict
// shows, field by field, base, ours, theirs and what the merge made, and
// v edits the merged record's YAML. Each choice is the store's Resolve, in
// a command: a refused one (a rule it still breaks, a value of the wrong
// type) is shown and changes nothing; the last one makes the merge commit,
// which the next sync pushes. It is an overlay.
type Conflicts struct {
	c     common.Common
	store Store
	data  *common.Data // for record titles; nil before the first load

	width, height int

	loading bool
	list    []model.Conflict
	cursor  int
	offset  int
	// busy is a Resolve in flight: no second choice until it answers.
	busy bool
	// done: the last conflict was resolved and the merge committed.
	done bool
	// note is the outcome of the last choice ("2 left", an error).
	note common.StatusMsg

	values widget.Detail // base / ours / theirs of the selected conflict

	editing   bool
	multiline bool
	// start is the text an edit began with (ours, or the merged record).
	start string
	input textinput.Model
	area  textarea.Model

	// asking is the last open conflict's choice, waiting for a yes: it
	// makes the merge commit.
	asking *choice
}

// choice is how to settle one conflict.
type choice struct {
	c          model.Conflict
	how, value string
}

// conflictsLoadedMsg is the store's list of conflicts.
type conflictsLoadedMsg struct {
	conflicts []model.Conflict
	err       error
}

// ResolvedMsg is the outcome of one Resolve: how many are left and, while
// some are, the list as it stands.
type ResolvedMsg struct {
	What      string // "DEC-… title: took theirs", for the status line
	Left      int
	Conflicts []model.Conflict
	Err       error
}

func conflictsCmd(store Store) tea.Cmd {
	return func() tea.Msg {
		cs, err := store.Conflicts()
		return conflictsLoadedMsg{conflicts: cs, err: err}
	}
}

// resolveCmd settles one conflict and reads the list again.
func resolveCmd(store Store, c model.Conflict, how, value, what string) tea.Cmd {
	id, field := c.ID, c.Field
	return func() tea.Msg {
		left, err := store.Resolve(id, field, how, value)
		if err != nil || left == 0 {
			return ResolvedMsg{What: what, Left: left, Err: err}
		}
		cs, err := store.Conflicts()
		return ResolvedMsg{What: what, Left: left, Conflicts: cs, Err: err}
	}
}

// OpenConflicts opens the conflicts view and starts reading the
// conflicts.
func OpenConflicts(c common.Common, store Store, d *common.Data) (*Conflicts, tea.Cmd) {
	return newConflicts(c, store, d), conflictsCmd(store)
}

func newConflicts(c common.Common, store Store, d *common.Data) *Conflicts {
	// Steady cursors: a blinking one redraws the screen twice a second
	// while someone thinks about a value.
	in := textinput.New()
	in.Prompt = "value: "
	in.CharLimit = 100_000
	ist := in.Styles()
	ist.Cursor.Blink = false
	in.SetStyles(ist)
	area := textarea.New()
	area.ShowLineNumbers = false
	area.CharLimit = 100_000
	ast := area.Styles()
	ast.Cursor.Blink = false
	area.SetStyles(ast)
	return &Conflicts{c: c, store: store, data: d, loading: true, values: widget.NewDetail(c.Keys), input: in, area: area}
}

// SetData takes a new load, for the records' titles.
func (v *Conflicts) SetData(d *common.Data) { v.data = d }

// Value is the value being typed for the selected conflict; false when
// none is.
func (v *Conflicts) Value() (string, bool) {
	switch {
	case !v.editing:
		return "", false
	case v.multiline:
		return v.area.Value(), true
	}
	return v.input.Value(), true
}

// Dirty reports whether a value is being typed that differs from ours.
func (v *Conflicts) Dirty() bool {
	value, editing := v.Value()
	return editing && value != v.start
}

func (v *Conflicts) SetSize(w, h int) {
	v.width, v.height = w, h
	v.input.SetWidth(max(w-lipgloss.Width(v.input.Prompt)-2, 4))
	v.area.SetWidth(max(w-1, 4))
}

func (v *Conflicts) loaded(msg conflictsLoadedMsg) {
	v.loading = false
	if msg.err != nil {
		v.note = common.StatusMsg{Text: "could not read the conflicts: " + msg.err.Error(), Err: true}
		return
	}
	v.list = msg.conflicts
	v.cursor = v.firstOpen(0)
}

func (v *Conflicts) resolved(msg ResolvedMsg) {
	v.busy = false
	switch {
	case msg.Err != nil:
		v.note = common.StatusMsg{Text: msg.Err.Error(), Err: true}
	case msg.Left == 0:
		v.done, v.editing = true, false
		for i := range v.list {
			if !v.list[i].Resolved() {
				v.list[i].Resolution = "done"
			}
		}
		v.note = common.StatusMsg{Text: "merge committed; press s to push"}
	default:
		// Stay on the conflict just settled if it is still listed, then
		// move on to the next open one.
		var at model.Conflict
		if v.cursor < len(v.list) {
			at = v.list[v.cursor]
		}
		v.list = msg.Conflicts
		i := slices.IndexFunc(v.list, func(c model.Conflict) bool { return c.ID == at.ID && c.Field == at.Field })
		v.cursor = v.firstOpen(max(i, 0))
		v.note = common.StatusMsg{Text: msg.What + " · " + common.Itoa(msg.Left) + " left"}
	}
}

// firstOpen is the first unresolved conflict from i on (wrapping), or i.
func (v *Conflicts) firstOpen(i int) int {
	for n := range v.list {
		j := (i + n) % len(v.list)
		if !v.list[j].Resolved() {
			return j
		}
	}
	return min(i, max(len(v.list)-1, 0))
}

// Selected is the conflict under the cursor.
func (v *Conflicts) Selected() (model.Conflict, bool) {
	if v.cursor < 0 || v.cursor >= len(v.list) {
		return model.Conflict{}, false
	}
	return v.list[v.cursor], true
}

func (v *Conflicts) left() int {
	n := 0
	for _, c := range v.list {
		if !c.Resolved() {
			n++
		}
	}
	return n
}

// Update handles a key, the text input's other messages and the
// store's answers; done closes the view.
func (v *Conflicts) Update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case conflictsLoadedMsg:
		v.loaded(msg)
		return nil, false
	case ResolvedMsg:
		v.resolved(msg)
		return nil, false
	}
	k, isKey := msg.(tea.KeyPressMsg)
	if v.asking != nil {
		if !isKey {
			return nil, false
		}
		ch := v.asking
		switch {
		case key.Matches(k, v.c.Keys.Yes):
			v.asking = nil
			return v.resolve(ch.c, ch.how, ch.value), false
		case key.Matches(k, v.c.Keys.No):
			v.asking = nil
		}
		return nil, false
	}
	if v.editing {
		return v.updateEditor(msg)
	}
	if !isKey {
		return nil, false
	}
	keys := v.c.Keys
	c, ok := v.Selected()
	open := ok && !v.busy && !v.done
	switch {
	case key.Matches(k, keys.Close, keys.Quit):
		return nil, true
	case v.done && key.Matches(k, keys.Sync):
		return func() tea.Msg { return StartMsg{} }, true
	case key.Matches(k, keys.Up):
		v.move(-1)
	case key.Matches(k, keys.Down):
		v.move(1)
	case key.Matches(k, keys.DetailDown, keys.DetailUp):
		v.values, _ = v.values.Update(k)
	case open && key.Matches(k, keys.KeepOurs):
		return v.choose(c, "ours", ""), false
	case open && key.Matches(k, keys.TakeTheirs):
		return v.choose(c, "theirs", ""), false
	case open && editable(c) && key.Matches(k, keys.EditValue):
		return v.edit(c), false
	}
	return nil, false
}

func (v *Conflicts) move(n int) {
	if len(v.list) == 0 {
		return
	}
	v.cursor = min(max(v.cursor+n, 0), len(v.list)-1)
}

// choose settles c, after a yes when it is the last open conflict: that
// choice makes the merge commit.
func (v *Conflicts) choose(c model.Conflict, how, value string) tea.Cmd {
	if v.left() == 1 && !c.Resolved() {
		v.asking = &choice{c: c, how: how, value: value}
		return nil
	}
	return v.resolve(c, how, value)
}

// question is what a yes to the last choice does.
func (v *Conflicts) question() string {
	ch := v.asking
	what := map[string]string{"ours": "Keep ours", "theirs": "Take theirs", "value": "Set the value you typed"}[ch.how]
	if ch.c.Field == model.RecordField && ch.how == "value" {
		what = "Save the record you edited"
	}
	return what + " for the last conflict (" + conflictField(ch.c) + " of " + common.Clean(ch.c.ID) + ")? " +
		"That makes the merge commit, with every choice you made, on this clone; the next sync (s) pushes it to everyone."
}

// resolve settles c in a command; what names the choice for the status
// line.
func (v *Conflicts) resolve(c model.Conflict, how, value string) tea.Cmd {
	v.busy = true
	v.note = common.StatusMsg{Text: "resolving…"}
	what := common.Clean(c.ID)
	if t := v.title(c); t != "" {
		what += " " + common.Fit(t, 30)
	}
	if c.Field != model.RecordField {
		what += " " + common.Clean(c.Field)
	}
	switch how {
	case "ours":
		what += ": kept ours"
	case "theirs":
		what += ": took theirs"
	case "value":
		if c.Field == model.RecordField {
			what += ": edited"
			break
		}
		what += " set to " + common.Fit(common.Clean(value), 24)
	default:
		what += " set to " + common.Fit(common.Clean(value), 24)
	}
	return resolveCmd(v.store, c, how, value, what)
}

// editable says whether v edits c: a field, or a whole record (its
// merged YAML), not accord.yaml as a whole.
func editable(c model.Conflict) bool {
	return c.Field != model.RecordField || c.Kind != ""
}

// mergedText is what editing a whole record starts from: the merged
// record, or the side that has it.
func mergedText(c model.Conflict) string {
	for _, t := range []string{c.Merged, c.Ours, c.Theirs} {
		if t != "" {
			return t
		}
	}
	return ""
}

// edit opens the editor on ours: one line, or a text area for text that
// spans lines and for a whole record's YAML (the merged record).
func (v *Conflicts) edit(c model.Conflict) tea.Cmd {
	v.editing = true
	v.multiline = strings.Contains(c.Base+c.Ours+c.Theirs, "\n") || c.Field == model.RecordField
	if v.multiline {
		text := c.Ours
		if c.Field == model.RecordField {
			text = mergedText(c)
		}
		v.start = common.CleanBlock(text)
		v.area.SetValue(v.start)
		v.area.SetHeight(min(max(v.area.LineCount()+1, 3), max(v.height/3, 3)))
		return v.area.Focus()
	}
	v.start = common.Clean(c.Ours)
	v.input.SetValue(v.start)
	v.input.CursorEnd()
	return v.input.Focus()
}

func (v *Conflicts) updateEditor(msg tea.Msg) (tea.Cmd, bool) {
	keys := v.c.Keys
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, keys.Close):
			v.editing = false
			v.input.Blur()
			v.area.Blur()
			return nil, false
		case !v.multiline && key.Matches(k, keys.Apply), v.multiline && key.Matches(k, keys.ApplyText):
			c, ok := v.Selected()
			if !ok || v.busy {
				return nil, false
			}
			value := v.input.Value()
			if v.multiline {
				value = v.area.Value()
			}
			v.editing = false
			v.input.Blur()
			v.area.Blur()
			return v.choose(c, "value", value), false
		}
	}
	var cmd tea.Cmd
	if v.multiline {
		v.area, cmd = v.area.Update(msg)
	} else {
		v.input, cmd = v.input.Update(msg)
	}
	return cmd, false
}

// Keys are the bindings that apply now.
func (v *Conflicts) Keys() []key.Binding {
	k := v.c.Keys
	if v.asking != nil {
		yes, no := k.Yes, k.No
		yes.SetHelp("y", "make the merge commit")
		no.SetHelp("n/esc", "not yet")
		return []key.Binding{yes, no}
	}
	if v.editing {
		apply := k.Apply
		if v.multiline {
			apply = k.ApplyText
		}
		cancel := k.Close
		cancel.SetHelp("esc", "cancel")
		return []key.Binding{apply, cancel}
	}
	closeView := k.Close
	closeView.SetHelp("esc", "close")
	if v.done {
		push := k.Sync
		push.SetHelp("s", "sync to push the merge")
		return []key.Binding{push, closeView}
	}
	var out []key.Binding
	if c, ok := v.Selected(); ok && !v.busy {
		out = append(out, k.KeepOurs, k.TakeTheirs)
		if c.Field == model.RecordField && editable(c) {
			ed := k.EditValue
			ed.SetHelp(ed.Help().Key, "edit the merged record")
			out = append(out, ed)
		} else if editable(c) {
			out = append(out, k.EditValue)
		}
	}
	if len(v.list) > 1 {
		// One entry for both arrows, so that the hints have room.
		move := key.NewBinding(key.WithKeys(append(k.Up.Keys(), k.Down.Keys()...)...), key.WithHelp("↑↓", "conflict"))
		out = append(out, move)
	}
	if v.values.Scrollable() {
		scroll := k.DetailDown
		scroll.SetHelp("J/K", "scroll")
		out = append(out, scroll)
	}
	return append(out, closeView)
}

// title is the record's title as loaded (ours), cleaned; "" when unknown.
func (v *Conflicts) title(c model.Conflict) string {
	if v.data == nil {
		return ""
	}
	if r, ok := v.data.Org.Get(c.ID); ok {
		return common.Clean(r.RecordTitle())
	}
	return ""
}

// field names a conflict's field for people.
func conflictField(c model.Conflict) string {
	if c.Field == model.RecordField {
		return "whole record"
	}
	return common.Clean(c.Field)
}

// View draws the list, the selected conflict and its three versions.
func (v *Conflicts) View() string {
	s := v.c.Styles
	w, h := v.width, v.height
	var b strings.Builder
	head := s.Heading.Render("Conflicts")
	switch {
	case v.loading:
		head += s.Muted.Render(" · reading…")
	case v.done:
		head += s.Muted.Render(" · ") + s.Info.Render("all resolved")
	case len(v.list) > 0:
		head += s.Muted.Render(" · " + common.Itoa(v.left()) + " of " + common.Itoa(len(v.list)) + " left")
	}
	b.WriteString(common.Fit(" "+head, w) + "\n")
	lines := 1

	if v.done {
		msg := s.Info.Render("✓ Every conflict is resolved and the merge is committed.") + "\n\n" +
			common.Wrap("Press s to sync: it pushes the merge so everyone gets it. Until then it stays on this clone; editing goes on.", max(w-2, 10))
		return b.String() + "\n " + strings.ReplaceAll(msg, "\n", "\n ")
	}
	if !v.loading && len(v.list) == 0 {
		b.WriteString("\n" + s.Muted.Render(" No conflicts: nothing waits to be merged."))
		if v.note.Text != "" {
			b.WriteString("\n\n " + v.noteView(w-1))
		}
		return b.String()
	}

	// The list takes a quarter of the height at most; the versions the rest.
	rows := min(len(v.list), max(h/4, 2))
	if v.cursor < v.offset {
		v.offset = v.cursor
	}
	if v.cursor >= v.offset+rows {
		v.offset = v.cursor - rows + 1
	}
	idW := 0
	for _, c := range v.list {
		idW = max(idW, lipgloss.Width(common.Clean(c.ID)))
	}
	idW = min(idW, 16)
	for i := v.offset; i < min(v.offset+rows, len(v.list)); i++ {
		c := v.list[i]
		mark := s.Warning.Render("●")
		state := ""
		if c.Resolved() {
			mark = s.Info.Render("✓")
			state = map[string]string{"ours": "kept ours", "theirs": "took theirs", "value": "set", "done": "done"}[c.Resolution]
		}
		field := conflictField(c)
		right := s.Muted.Render(" " + common.Fit(field, 24))
		if state != "" {
			right += s.Info.Render(" " + state)
		}
		title := v.title(c)
		if title == "" {
			title = common.Clean(c.Path)
		}
		left := mark + " " + common.Pad(common.Clean(c.ID), idW) + " "
		row := left + common.Pad(title, max(w-1-lipgloss.Width(left)-lipgloss.Width(right), 1)) + right
		b.WriteString(widget.SelectedRow(s, row, i == v.cursor, w-1) + "\n")
		lines++
	}
	b.WriteString(s.Muted.Render(common.Repeat("─", w)) + "\n")
	lines++

	c, _ := v.Selected()
	// What the conflict is about, and why for a whole record.
	about := s.Heading.Render(conflictField(c)) + s.Muted.Render(" of ") + s.Title.Render(common.Clean(c.ID))
	if t := v.title(c); t != "" {
		about += " " + t
	}
	b.WriteString(common.Fit(" "+about, w) + "\n")
	lines++
	if c.Field == model.RecordField && c.Rule != "" {
		why := common.Wrap(common.Clean(c.Rule), max(w-2, 10))
		for _, l := range strings.Split(why, "\n") {
			b.WriteString(" " + s.Warning.Render(l) + "\n")
			lines++
		}
	}

	// The editor and the last outcome sit at the bottom.
	var foot []string
	if v.asking != nil {
		for _, l := range strings.Split(common.Wrap(v.question(), max(w-2, 10)), "\n") {
			foot = append(foot, " "+s.Warning.Render(l))
		}
		foot = append(foot, " "+s.Key.Render("y")+s.KeyDesc.Render(" yes, make the merge commit  ")+s.Key.Render("n")+s.KeyDesc.Render(" not yet"))
	} else if v.editing {
		if v.multiline {
			what := " a value for " + conflictField(c)
			if c.Field == model.RecordField {
				what = " the merged record, as YAML"
			}
			foot = append(foot, s.Muted.Render(common.Fit(what+" · ctrl+s applies, esc cancels", w)))
			foot = append(foot, strings.Split(v.area.View(), "\n")...)
		} else {
			foot = append(foot, " "+v.input.View())
		}
	} else if v.note.Text != "" {
		foot = append(foot, " "+v.noteView(w-1))
	}
	valuesH := max(h-lines-len(foot), 1)
	v.values.SetSize(w-1, valuesH)
	v.values.Show(c.ID+"\x00"+c.Field, v.versions(c, w-1))
	b.WriteString(" " + strings.ReplaceAll(v.values.View(), "\n", "\n "))
	for _, f := range foot {
		b.WriteString("\n" + common.Fit(f, w))
	}
	return b.String()
}

func (v *Conflicts) noteView(width int) string {
	s := v.c.Styles
	if v.note.Err {
		return common.Fit(s.Error.Render(common.Clean(v.note.Text)), width)
	}
	return common.Fit(s.Info.Render(common.Clean(v.note.Text)), width)
}

// text is a value wrapped to w cells; "(not set)" when empty.
func (v *Conflicts) text(val string, w int) string {
	if strings.TrimSpace(val) == "" {
		return v.c.Styles.Muted.Render("(not set)")
	}
	return common.Wrap(common.CleanBlock(val), w)
}

// versions lays base, ours and theirs out: three columns from 100 cells,
// stacked below that. A whole record is laid out field by field.
func (v *Conflicts) versions(c model.Conflict, width int) string {
	if c.Field == model.RecordField {
		return v.recordVersions(c, width)
	}
	s := v.c.Styles
	labels := [3]string{
		s.Muted.Render("base") + s.Muted.Render(" · before both"),
		s.Heading.Render("ours") + s.Muted.Render(" · this clone"),
		s.Heading.Render("theirs") + s.Muted.Render(" · the remote"),
	}
	values := [3]string{c.Base, c.Ours, c.Theirs}
	text := v.text
	if width >= 100 {
		colW := (width - 2*3) / 3
		cols := make([]string, 3)
		for i := range cols {
			cols[i] = labels[i] + "\n" + text(values[i], colW)
		}
		return joinColumns(s, cols, colW)
	}
	var b strings.Builder
	for i := range values {
		if i > 0 {
			b.WriteString("\n\n")
		}
		body := text(values[i], width-2)
		b.WriteString(labels[i] + "\n  " + strings.ReplaceAll(body, "\n", "\n  "))
	}
	return b.String()
}

// recordVersions lays out a whole-record conflict: which side lacks the
// record, then each field that differs with its base, ours, theirs and
// merged values (four columns from 100 cells, stacked below that), for the
// record and every other record its rule involves.
func (v *Conflicts) recordVersions(c model.Conflict, width int) string {
	s := v.c.Styles
	var b strings.Builder
	for _, side := range []struct{ text, gone string }{
		{c.Base, "base: the record did not exist"}, {c.Ours, "ours: deleted on this clone"}, {c.Theirs, "theirs: deleted on the remote"},
	} {
		if side.text == "" && c.Kind != "" {
			b.WriteString(s.Warning.Render(side.gone) + "\n")
		}
	}
	if len(c.Fields) == 0 {
		b.WriteString(s.Muted.Render(common.Wrap("No field to compare: o keeps this clone's file, t takes the remote's.", width)))
		return strings.TrimRight(b.String(), "\n")
	}
	labels := [4]string{"base", "ours", "theirs", "merged"}
	for i, f := range c.Fields {
		if i > 0 {
			b.WriteString("\n")
		}
		name := common.Clean(f.Field)
		if f.ID != c.ID {
			name = common.Clean(f.ID) + " · " + name
		}
		b.WriteString(s.Heading.Render(common.Fit(name, width)) + "\n")
		vals := [4]string{f.Base, f.Ours, f.Theirs, f.Merged}
		if width >= 100 {
			colW := (width - 3*3) / 4
			cols := make([]string, 4)
			for j := range cols {
				cols[j] = s.Muted.Render(labels[j]) + "\n" + v.text(vals[j], colW)
			}
			b.WriteString(joinColumns(s, cols, colW) + "\n")
			continue
		}
		labelW := lipgloss.Width("merged  ")
		for j := range vals {
			body := v.text(vals[j], max(width-labelW-2, 4))
			b.WriteString("  " + s.Muted.Render(common.Pad(labels[j], labelW)) +
				strings.ReplaceAll(body, "\n", "\n  "+common.Repeat(" ", labelW)) + "\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// joinColumns sets blocks of text side by side, each padded to width, with
// a rule between them.
func joinColumns(s *common.Styles, cols []string, width int) string {
	split := make([][]string, len(cols))
	n := 0
	for i, c := range cols {
		split[i] = strings.Split(c, "\n")
		n = max(n, len(split[i]))
	}
	rule := s.Muted.Render(" │ ")
	out := make([]string, n)
	for row := range n {
		parts := make([]string, len(cols))
		for i := range cols {
			var l string
			if row < len(split[i]) {
				l = split[i][row]
			}
			parts[i] = common.Pad(l, width)
		}
		out[row] = strings.TrimRight(strings.Join(parts, rule), " ")
	}
	return strings.Join(out, "\n")
}
