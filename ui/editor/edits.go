// Package editor is E: it edits the selected record's YAML in $EDITOR,
// after glow's ui/editor.go: the file goes to a temp file, tea.ExecProcess runs the editor on it, and
// the text that comes back is read, decoded and validated before the store
// commits it byte for byte. Text that cannot be saved (it does not decode,
// it would add errors, the save failed) stays in its temp file, which the
// problems view names; the user edits it again or discards it, and E on the
// record later offers it again. Nothing the user typed is thrown away
// without a yes.
package editor

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
)

// Edits are the $EDITOR edits under way: one draft per record whose text
// is not saved yet.
type Edits struct {
	c      common.Common
	store  Store
	drafts map[string]*yamlDraft
}

// New makes the edits of a session over a store.
func New(c common.Common, store Store) *Edits {
	return &Edits{c: c, store: store, drafts: map[string]*yamlDraft{}}
}

// Result is what a step of an edit asks of the root: a command to run, a
// status line, a save to take in (its undo and the reload after it; Note
// then goes after the status it sets), the problems view to show in place
// of the one open, or the record whose view closes.
type Result struct {
	Cmd    tea.Cmd
	Status *common.StatusMsg
	Saved  *common.SavedMsg
	Note   string
	Show   *View
	Closed string
}

// DoneMsg is the editor's exit (Err: it failed or could not start).
type DoneMsg struct {
	ID  string
	Err error
}

// File is the temp file that holds the text of the edit of id, if one is
// under way.
func (e *Edits) File(id string) (string, bool) {
	d := e.drafts[id]
	if d == nil {
		return "", false
	}
	return d.file, true
}

// Editing reports whether the text of id is in the editor, or on its way
// there.
func (e *Edits) Editing(id string) bool {
	d := e.drafts[id]
	return d != nil && d.state == draftEditing
}

// Len is how many texts are not saved yet.
func (e *Edits) Len() int { return len(e.drafts) }

func status(text string, err bool) *common.StatusMsg {
	return &common.StatusMsg{Text: text, Err: err}
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
	// started is when the edit began.
	started time.Time
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
	draftLeft                      // an earlier session left the text unsaved
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
		// listErr: the draft could not be listed for a later session.
		listErr error
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

// Start is E on a record: a fresh edit, or the text kept from an earlier
// one.
func (e *Edits) Start(r model.Record) Result {
	id := r.RecordID()
	if r.RecordKind() == model.KindUpdate {
		text := "check-ins are append-only: add a new one (" + e.c.Keys.CheckIn.Help().Key + ") instead of editing this one"
		return Result{Cmd: common.StatusErr(text)}
	}
	if d := e.drafts[id]; d != nil {
		switch d.state {
		case draftEditing, draftBusy:
			return Result{Cmd: common.Status(common.Clean(id) + " is being edited already")}
		}
		// Offer the text kept from before rather than start afresh.
		return Result{Show: e.view(d)}
	}
	started := e.c.Now()
	e.drafts[id] = &yamlDraft{kind: r.RecordKind(), id: id, title: r.RecordTitle(), state: draftEditing, started: started}
	return Result{Cmd: openYAMLCmd(e.store, r.RecordKind(), id, started)}
}

func (e *Edits) view(d *yamlDraft) *View { return newView(e.c, e.store, d) }

// Update takes a step of an edit on its message; false when msg is none of
// the edits'. A result for a record with no draft (discarded meanwhile)
// is dropped. data is the organisation on screen, which the text is
// checked against.
func (e *Edits) Update(msg tea.Msg, data *common.Data) (Result, bool) {
	switch msg := msg.(type) {
	case yamlOpenedMsg:
		return e.opened(msg), true
	case AdoptMsg:
		return e.adopt(msg, data), true
	case DoneMsg:
		d := e.drafts[msg.ID]
		switch {
		case d == nil:
			return Result{}, true
		case msg.Err != nil:
			d.state, d.err = draftKept, fmt.Errorf("%s: %w", strings.Join(d.argv, " "), msg.Err)
			return Result{Status: status("editor failed ("+msg.Err.Error()+"); kept in "+d.file+" · E resumes", true)}, true
		}
		d.state = draftBusy
		return Result{Cmd: e.check(d, data)}, true
	case yamlCheckedMsg:
		return e.checked(msg), true
	case yamlSavedMsg:
		return e.savedText(msg), true
	case yamlRebasedMsg:
		return e.rebased(msg, data), true
	case yamlDiscardedMsg:
		if msg.err != nil {
			return Result{Status: status("could not discard: "+msg.err.Error(), true)}, true
		}
		delete(e.drafts, msg.id)
		return Result{Status: status("discarded your edit of "+msg.id, false)}, true
	}
	return Result{}, false
}

// opened starts the editor on the temp file, or says why there is none.
func (e *Edits) opened(msg yamlOpenedMsg) Result {
	d := e.drafts[msg.id]
	switch {
	case d == nil:
		return Result{}
	case msg.err != nil:
		delete(e.drafts, msg.id)
		return Result{Status: status("cannot edit "+msg.id+": "+msg.err.Error(), true)}
	}
	d.path, d.file, d.was, d.argv = msg.path, msg.file, msg.was, msg.argv
	res := Result{Cmd: editCmd(d)}
	if msg.listErr != nil {
		res.Status = status("should Accord quit before "+msg.id+" is saved, the next session will not offer it: "+msg.listErr.Error(), true)
	}
	return res
}

// AdoptMsg takes up a draft an earlier session left unsaved; Argv is the
// editor to edit it with.
type AdoptMsg struct {
	Draft model.Draft
	Argv  []string
}

// adopt makes a draft left by an earlier session this session's, and
// shows it: e edits it (then it is checked and saved), d discards it.
func (e *Edits) adopt(msg AdoptMsg, data *common.Data) Result {
	d := msg.Draft
	if _, ok := e.drafts[d.ID]; ok {
		return Result{Status: status(common.Clean(d.ID)+" is being edited already", true)}
	}
	path, err := model.PathOf(d.Kind, d.ID)
	if err != nil || len(msg.Argv) == 0 {
		return Result{Status: status("cannot take up the edit in "+d.File, true)}
	}
	title := ""
	if data != nil {
		if r, ok := data.Org.Get(d.ID); ok {
			title = r.RecordTitle()
		}
	}
	dr := &yamlDraft{kind: d.Kind, id: d.ID, title: title, path: path, file: d.File, argv: msg.Argv,
		was: d.Was, started: d.Started, state: draftLeft}
	e.drafts[d.ID] = dr
	return Result{Show: e.view(dr)}
}

// Unsaved are the temp files of the texts not saved yet, by record.
func (e *Edits) Unsaved() map[string]string {
	out := make(map[string]string, len(e.drafts))
	for id, d := range e.drafts {
		if d.file != "" {
			out[id] = d.file
		}
	}
	return out
}

// checked saves text that checks out, and shows the problems of text that
// does not.
func (e *Edits) checked(msg yamlCheckedMsg) Result {
	d := e.drafts[msg.id]
	switch {
	case d == nil:
		return Result{}
	case msg.unchanged:
		delete(e.drafts, msg.id)
		if msg.err != nil {
			return Result{Status: status("no changes to "+msg.id+", but "+msg.err.Error(), true)}
		}
		return Result{Status: status("no changes to "+msg.id, false)}
	case msg.err != nil:
		d.state, d.err = draftKept, msg.err
		return Result{Status: status("nothing saved: "+msg.err.Error(), true)}
	case len(msg.problems) > 0:
		d.state, d.problems, d.err = draftInvalid, msg.problems, nil
		return Result{Show: e.view(d)}
	}
	d.state, d.problems, d.data, d.subject = draftBusy, nil, msg.data, msg.subject
	return Result{Cmd: saveYAMLCmd(e.store, d)}
}

// savedText takes the store's answer to a save: done, or, when it failed,
// perhaps someone saved the record meanwhile: the edit is brought onto
// their version, as git would.
func (e *Edits) savedText(msg yamlSavedMsg) Result {
	d := e.drafts[msg.id]
	switch {
	case msg.saved.Err != nil && d != nil:
		return Result{Cmd: rebaseYAMLCmd(e.store, d, msg.saved)}
	case msg.saved.Err != nil:
		return Result{Saved: &msg.saved}
	}
	delete(e.drafts, msg.id)
	res := Result{Saved: &msg.saved, Closed: msg.id}
	if msg.removeErr != nil {
		res.Note = " (" + msg.removeErr.Error() + ")"
	}
	return res
}

// rebased checks the edit merged onto the record saved meanwhile, or, when
// there was nothing to merge onto, keeps the text with the save's error.
func (e *Edits) rebased(msg yamlRebasedMsg, data *common.Data) Result {
	d := e.drafts[msg.id]
	switch {
	case d == nil:
		return Result{}
	case msg.was == nil:
		d.state, d.err = draftFailed, msg.failed.Err
		return Result{Show: e.view(d), Saved: &msg.failed}
	}
	d.was, d.state = msg.was, draftBusy
	st := status(msg.id+" was saved by someone else while you edited: your changes are merged onto theirs", false)
	if msg.conflicts > 0 {
		st = status(fmt.Sprintf("%s was saved by someone else while you edited, and you both changed %s: e, and keep what should stay between the markers",
			msg.id, common.Plural(msg.conflicts, "place")), true)
	}
	return Result{Status: st, Cmd: e.check(d, data)}
}

// check reads the draft back and checks it against the organisation on
// screen.
func (e *Edits) check(d *yamlDraft, data *common.Data) tea.Cmd {
	if data == nil {
		return checkYAMLCmd(e.store, nil, time.Time{}, d)
	}
	return checkYAMLCmd(e.store, data.Org, data.Today, d)
}
