package ui

// E edits the selected record's YAML in $EDITOR, after glow's ui/editor.go:
// the file goes to a temp file, tea.ExecProcess runs the editor on it, and
// the text that comes back is read, decoded and validated before the store
// commits it byte for byte. Text that cannot be saved (it does not decode,
// it would add errors, the save failed) stays in its temp file, which the
// problems view names; the user edits it again or discards it, and E on the
// record later offers it again. Nothing the user typed is thrown away
// without a yes.

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/charmbracelet/x/ansi"
)

// yamlEdits is the $EDITOR edits under way: one draft per record whose
// text is not saved yet. The problems view of one of them, while it is
// open, is an overlay.
type yamlEdits struct {
	drafts map[string]*yamlDraft
}

// showYAML opens the problems view of a draft, in place of the one open.
func (m *Model) showYAML(d *yamlDraft) {
	v := newYAMLView(m.c, m.store, d)
	if old, ok := overlayOf[*yamlView](m); ok {
		i := slices.Index(m.overlays, common.Overlay(old))
		v.SetSize(m.width, m.bodyHeight())
		m.overlays[i] = v
		return
	}
	m.push(v)
}

// yamlDraft is one record's text in a temp file, from E until it is saved
// or discarded.
type yamlDraft struct {
	kind  model.Kind
	id    string
	title string // as loaded, for headings
	path  string // the record's file in the repository
	file  string // the temp file that holds the user's text
	argv  []string
	// was is the record's file when the edit began: the save refuses to
	// overwrite it if another writer changed it since.
	was []byte

	// data and subject are the checked text and what its commit will
	// say, kept for saving again after a failed save.
	data    []byte
	subject string

	state draftState
	// problems are why the text cannot be saved, from the last check;
	// err is the last failure of the editor or of the save.
	problems []model.Finding
	err      error
}

type draftState int

const (
	draftEditing draftState = iota // in the editor, or on its way there
	draftBusy                      // being read back, checked or saved
	draftInvalid                   // the text has problems: not saved
	draftFailed                    // the text is fine but the save failed
	draftKept                      // the editor failed; the text waits
)

// The messages of one edit, each tagged with the record it is about.
type (
	// yamlOpenedMsg: the record's file is in a temp file, ready to edit.
	yamlOpenedMsg struct {
		kind           model.Kind
		id, path, file string
		was            []byte
		argv           []string
		err            error
	}
	// editorDoneMsg: the editor exited (err: it failed or could not start).
	editorDoneMsg struct {
		id  string
		err error
	}
	// yamlCheckedMsg: the temp file read back and checked.
	yamlCheckedMsg struct {
		id        string
		data      []byte
		unchanged bool
		problems  []model.Finding
		subject   string // what the commit will say, for the status line
		err       error  // the temp file could not be read (or removed)
	}
	// yamlSavedMsg: the store's answer to the save; removeErr is the temp
	// file that stayed behind after a save that worked.
	yamlSavedMsg struct {
		id        string
		saved     common.SavedMsg
		removeErr error
	}
	// yamlRebasedMsg: a save failed and the record had changed since the
	// edit began; the edit was merged onto the new version (was) in the
	// temp file, with conflicts marked as git marks them. failed is the
	// save's error when the record had not changed (nothing merged).
	yamlRebasedMsg struct {
		id        string
		was       []byte
		conflicts int
		failed    common.SavedMsg
	}
	// yamlDiscardedMsg: the temp file removed at the user's request.
	yamlDiscardedMsg struct {
		id  string
		err error
	}
)

// editYAML is E on the selected record: a fresh edit, or the text kept
// from an earlier one.
func (m *Model) editYAML() tea.Cmd {
	id := m.screens[m.active].Selected()
	if id == "" {
		return common.Status("nothing selected")
	}
	r, ok := m.data.Org.Get(id)
	if !ok {
		return common.StatusErr(common.Clean(id) + " is not loaded (see ! findings)")
	}
	if r.RecordKind() == model.KindUpdate {
		text := "check-ins are append-only: add a new one (" + m.c.Keys.CheckIn.Help().Key + ") instead of editing this one"
		return common.StatusErr(text)
	}
	if m.yaml.drafts == nil {
		m.yaml.drafts = map[string]*yamlDraft{}
	}
	if d := m.yaml.drafts[id]; d != nil {
		switch d.state {
		case draftEditing, draftBusy:
			return common.Status(common.Clean(id) + " is being edited already")
		}
		// Offer the text kept from before rather than start afresh.
		m.showYAML(d)
		return nil
	}
	m.yaml.drafts[id] = &yamlDraft{kind: r.RecordKind(), id: id, title: r.RecordTitle(), state: draftEditing}
	return openYAMLCmd(m.store, r.RecordKind(), id)
}

// updateYAML handles the messages of $EDITOR edits; false when msg is none
// of them. A result for a record with no draft (discarded meanwhile) is
// dropped.
func (m *Model) updateYAML(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case yamlOpenedMsg:
		d := m.yaml.drafts[msg.id]
		if d == nil {
			return nil, true
		}
		if msg.err != nil {
			delete(m.yaml.drafts, msg.id)
			m.status = common.StatusMsg{Text: "cannot edit " + msg.id + ": " + msg.err.Error(), Err: true}
			return nil, true
		}
		d.path, d.file, d.was, d.argv = msg.path, msg.file, msg.was, msg.argv
		return editCmd(d), true
	case editorDoneMsg:
		d := m.yaml.drafts[msg.id]
		if d == nil {
			return nil, true
		}
		if msg.err != nil {
			d.state, d.err = draftKept, fmt.Errorf("%s: %w", strings.Join(d.argv, " "), msg.err)
			m.status = common.StatusMsg{Text: "editor failed (" + msg.err.Error() + "); kept in " + d.file + " · E resumes", Err: true}
			return nil, true
		}
		d.state = draftBusy
		return m.checkYAML(d), true
	case yamlCheckedMsg:
		d := m.yaml.drafts[msg.id]
		if d == nil {
			return nil, true
		}
		switch {
		case msg.unchanged:
			delete(m.yaml.drafts, msg.id)
			m.status = common.StatusMsg{Text: "no changes to " + msg.id}
			if msg.err != nil {
				m.status = common.StatusMsg{Text: "no changes to " + msg.id + ", but " + msg.err.Error(), Err: true}
			}
			return nil, true
		case msg.err != nil:
			d.state, d.err = draftKept, msg.err
			m.status = common.StatusMsg{Text: "nothing saved: " + msg.err.Error(), Err: true}
			return nil, true
		case len(msg.problems) > 0:
			d.state, d.problems, d.err = draftInvalid, msg.problems, nil
			m.showYAML(d)
			return nil, true
		}
		d.state, d.problems, d.data, d.subject = draftBusy, nil, msg.data, msg.subject
		return saveYAMLCmd(m.store, d), true
	case yamlSavedMsg:
		d := m.yaml.drafts[msg.id]
		if msg.saved.Err != nil {
			if d != nil {
				// Perhaps someone saved the record meanwhile: bring the
				// edit onto their version, as git would.
				return rebaseYAMLCmd(m.store, d, msg.saved), true
			}
			return m.saved(msg.saved), true
		}
		delete(m.yaml.drafts, msg.id)
		if v, ok := overlayOf[*yamlView](m); ok && v.d == d {
			m.remove(v)
		}
		cmd := m.saved(msg.saved)
		if msg.removeErr != nil {
			m.status.Text += " (" + msg.removeErr.Error() + ")"
		}
		return cmd, true
	case yamlRebasedMsg:
		d := m.yaml.drafts[msg.id]
		if d == nil {
			return nil, true
		}
		if msg.was == nil {
			d.state, d.err = draftFailed, msg.failed.Err
			m.showYAML(d)
			return m.saved(msg.failed), true
		}
		d.was, d.state = msg.was, draftBusy
		m.status = common.StatusMsg{Text: msg.id + " was saved by someone else while you edited: your changes are merged onto theirs"}
		if msg.conflicts > 0 {
			m.status = common.StatusMsg{Text: fmt.Sprintf("%s was saved by someone else while you edited, and you both changed %s: e, and keep what should stay between the markers",
				msg.id, common.Plural(msg.conflicts, "place")), Err: true}
		}
		return m.checkYAML(d), true
	case yamlDiscardedMsg:
		if msg.err != nil {
			m.status = common.StatusMsg{Text: "could not discard: " + msg.err.Error(), Err: true}
			return nil, true
		}
		delete(m.yaml.drafts, msg.id)
		m.status = common.StatusMsg{Text: "discarded your edit of " + msg.id}
		return nil, true
	}
	return nil, false
}

// editorCommand is the user's editor as a command line: $EDITOR, then
// $VISUAL, then vi. It is split on spaces so that "code -w" works.
func editorCommand(getenv func(string) string) []string {
	for _, name := range []string{"EDITOR", "VISUAL"} {
		if argv := strings.Fields(getenv(name)); len(argv) > 0 {
			return argv
		}
	}
	return []string{"vi"}
}

// openYAMLCmd copies the record's file into a temp file of its own, named
// after the record so that the editor's title says what is edited.
func openYAMLCmd(store Store, k model.Kind, id string) tea.Cmd {
	return func() tea.Msg {
		argv := editorCommand(os.Getenv)
		path, was, err := store.RecordFile(k, id)
		if err != nil {
			return yamlOpenedMsg{id: id, err: err}
		}
		f, err := os.CreateTemp("", "accord-"+fileSafe(id)+"-*.yaml") // mode 0600
		if err != nil {
			return yamlOpenedMsg{id: id, err: fmt.Errorf("temp file: %w", err)}
		}
		_, err = f.Write(was)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(f.Name())
			return yamlOpenedMsg{id: id, err: fmt.Errorf("write %s: %w", f.Name(), err)}
		}
		return yamlOpenedMsg{kind: k, id: id, path: path, file: f.Name(), was: was, argv: argv}
	}
}

// fileSafe keeps the letters, digits, - and _ of an ID, for a file name.
func fileSafe(id string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		}
		return -1
	}, id)
}

// editCmd runs the editor on the draft's temp file; the program gives it
// the terminal until it exits.
func editCmd(d *yamlDraft) tea.Cmd {
	d.state = draftEditing
	id := d.id
	argv := append(d.argv[1:len(d.argv):len(d.argv)], d.file)
	c := exec.Command(d.argv[0], argv...)
	return tea.ExecProcess(c, func(err error) tea.Msg { return editorDoneMsg{id: id, err: err} })
}

// checkYAMLCmd reads the edited text back and checks it: it decodes as the
// record's kind (errors name the line), and saving it adds no error to the
// record (model.EditErrors; o is only read).
func checkYAMLCmd(store Store, o *model.Org, today time.Time, d *yamlDraft) tea.Cmd {
	k, id, path, file, was := d.kind, d.id, d.path, d.file, d.was
	return func() tea.Msg {
		data, err := os.ReadFile(file)
		if err != nil {
			return yamlCheckedMsg{id: id, err: fmt.Errorf("read back %s: %w", file, err)}
		}
		if bytes.Equal(data, was) {
			msg := yamlCheckedMsg{id: id, unchanged: true}
			if err := os.Remove(file); err != nil {
				msg.err = fmt.Errorf("%s stays: %w", file, err)
			}
			return msg
		}
		rec, err := store.ParseRecordFile(k, id, data)
		if err != nil {
			return yamlCheckedMsg{id: id, data: data, problems: []model.Finding{decodeProblem(err, path, id)}}
		}
		msg := yamlCheckedMsg{id: id, data: data}
		var old model.Record
		if o != nil {
			old, _ = o.Get(id)
			msg.problems = model.EditErrors(o, model.ValidateOptions{Today: today}, rec)
			placeFindings(msg.problems, id, data)
		}
		// What the store's message will say (it makes it from the change).
		msg.subject = common.FirstLine(model.CommitMessage(old, rec))
		if old != nil && len(model.Diff(old, rec)) == 0 {
			msg.subject = fmt.Sprintf("%s(%s): edit comments and layout", k, id)
		}
		return msg
	}
}

// saveYAMLCmd commits the text byte for byte, with a message the store
// makes from the change, and removes the temp file once it is committed.
func saveYAMLCmd(store Store, d *yamlDraft) tea.Cmd {
	k, id, file, was, data, subject := d.kind, d.id, d.file, d.was, d.data, d.subject
	return func() tea.Msg {
		commit, err := store.SaveRecordFile(k, id, data, was, "")
		msg := yamlSavedMsg{id: id, saved: common.SavedMsg{Commit: commit, Subject: subject, ID: id, Err: err}}
		if err == nil {
			if err := os.Remove(file); err != nil && !errors.Is(err, fs.ErrNotExist) {
				msg.removeErr = fmt.Errorf("%s stays: %w", file, err)
			}
		}
		return msg
	}
}

// checkYAML reads the draft back and checks it against the organisation
// on screen.
func (m *Model) checkYAML(d *yamlDraft) tea.Cmd {
	if m.data == nil {
		return checkYAMLCmd(m.store, nil, time.Time{}, d)
	}
	return checkYAMLCmd(m.store, m.data.Org, m.data.Today, d)
}

// rebaseYAMLCmd follows a failed save: when the record's file no longer
// holds what the edit began from, it merges the edit onto the file as it
// is now, line by line, into the temp file (conflicting lines between
// markers, which the check then reports with their lines); otherwise the
// failure stands.
func rebaseYAMLCmd(store Store, d *yamlDraft, failed common.SavedMsg) tea.Cmd {
	k, id, file, was, data := d.kind, d.id, d.file, d.was, d.data
	return func() tea.Msg {
		none := yamlRebasedMsg{id: id, failed: failed}
		_, now, err := store.RecordFile(k, id)
		if err != nil || bytes.Equal(now, was) {
			return none
		}
		merged, conflicts, ok := model.MergeTextMarked(string(was), string(data), string(now),
			"your edit", "saved meanwhile")
		if !ok {
			return none
		}
		if err := os.WriteFile(file, []byte(merged), 0o600); err != nil {
			failed.Err = fmt.Errorf("%w; and your edit could not be merged into %s: %v", failed.Err, file, err)
			return yamlRebasedMsg{id: id, failed: failed}
		}
		return yamlRebasedMsg{id: id, was: now, conflicts: conflicts}
	}
}

func discardYAMLCmd(id, file string) tea.Cmd {
	return func() tea.Msg {
		err := os.Remove(file)
		if errors.Is(err, fs.ErrNotExist) {
			err = nil
		}
		return yamlDiscardedMsg{id: id, err: err}
	}
}

// decodeProblem is a decode error as a finding: the store's errors carry
// their position (gitstore's DecodeError); others keep their text, which
// names the line.
func decodeProblem(err error, path, id string) model.Finding {
	var pos interface{ Finding() model.Finding }
	if errors.As(err, &pos) {
		return pos.Finding()
	}
	return model.Finding{Rule: "yaml", Severity: model.SeverityError, File: path, ID: id, Message: err.Error()}
}

// placeFindings puts the findings about the record id on the lines of the
// edited text, which is not yet the file their positions came from: a
// field's finding on the line of its key, one about a field the text does
// not hold on no line at all.
func placeFindings(fs []model.Finding, id string, data []byte) {
	lines := fieldLines(data)
	for i, f := range fs {
		if f.ID != id {
			continue
		}
		top, _, _ := strings.Cut(f.Field, ".")
		top, _, _ = strings.Cut(top, "[")
		p := lines[top]
		fs[i].Line, fs[i].Column = p.Line, p.Column
	}
}

// fieldLines finds the line of each top-level key of the edited text, as
// the store does when it loads a file, so that a finding names the line
// the user wrote rather than the line in the file as it was.
func fieldLines(data []byte) map[string]model.Pos {
	pos := map[string]model.Pos{}
	for i, l := range strings.Split(string(data), "\n") {
		if l == "" || strings.ContainsRune(" \t#-{", rune(l[0])) {
			continue
		}
		k, _, ok := strings.Cut(l, ":")
		k = strings.Trim(strings.TrimSpace(k), `"'`)
		if _, seen := pos[k]; ok && k != "" && !seen {
			pos[k] = model.Pos{Line: i + 1, Column: 1}
		}
	}
	return pos
}

// yamlView shows why a draft was not saved, full-screen over the tabs, and
// offers what can be done with the text: edit it again, save it again (a
// save that failed), or discard it after a yes.
type yamlView struct {
	c             common.Common
	width, height int
	store         Store
	d             *yamlDraft
	// confirm: d was pressed; y discards, anything else keeps the text.
	confirm bool
}

func newYAMLView(c common.Common, store Store, d *yamlDraft) *yamlView {
	return &yamlView{c: c, store: store, d: d}
}

func (v *yamlView) SetSize(w, h int) { v.width, v.height = w, h }

// Dirty is false: the text waits in its temp file, which E offers again.
func (v *yamlView) Dirty() bool { return false }

// Update handles a key; done closes the view.
func (v *yamlView) Update(msg tea.Msg) (tea.Cmd, bool) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil, false
	}
	keys := v.c.Keys
	d := v.d
	if v.confirm {
		v.confirm = false
		if key.Matches(k, keys.Yes) {
			return discardYAMLCmd(d.id, d.file), true
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
func (v *yamlView) Keys() []key.Binding {
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
func (v *yamlView) View() string {
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
		add(s.Error, "✗ Not saved: "+problemsWord(len(d.problems))+" in your text.", 0)
	case draftFailed:
		add(s.Error, "✗ Not saved: "+common.Clean(d.err.Error()), 0)
		add(s.Muted, "The text itself is fine: r tries the save again.", 2)
	case draftKept:
		add(s.Error, "✗ Not saved: "+common.Clean(d.err.Error()), 0)
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
			lines = append(lines, " "+s.Muted.Render(common.Fit("… and "+problemsWord(len(d.problems)-i)+" more", tw)))
			break
		}
		lines = append(lines, p...)
		room -= len(p)
	}
	return strings.Join(append(lines, foot...), "\n")
}

func problemsWord(n int) string {
	if n == 1 {
		return "1 problem"
	}
	return common.Itoa(n) + " problems"
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
