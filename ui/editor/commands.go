package editor

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
)

// Store is what editing a file needs of the store: the record's file, the
// same checks as loading, and a save byte for byte.
type Store interface {
	RecordFile(k model.Kind, id string) (path string, data []byte, err error)
	ParseRecordFile(k model.Kind, id string, data []byte) (model.Record, error)
	SaveRecordFile(k model.Kind, id string, data, was []byte, message string) (string, error)
	RecordDraft(d model.Draft) error
	ForgetDraft(file string) error
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
// after the record so that the editor's title says what is edited, and
// lists it as a draft so that a later session can offer it should this
// one end with it unsaved.
func openYAMLCmd(store Store, k model.Kind, id string, started time.Time) tea.Cmd {
	return func() tea.Msg {
		argv := Command()
		path, was, err := store.RecordFile(k, id)
		if err != nil {
			return yamlOpenedMsg{id: id, err: err}
		}
		pattern, err := model.DraftFilePattern(k, id)
		if err != nil {
			return yamlOpenedMsg{id: id, err: err}
		}
		f, err := os.CreateTemp("", pattern) // mode 0600
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
		msg := yamlOpenedMsg{kind: k, id: id, path: path, file: f.Name(), was: was, argv: argv}
		if err := store.RecordDraft(model.Draft{Kind: k, ID: id, File: f.Name(), Was: was, Started: started}); err != nil {
			msg.listErr = err
		}
		return msg
	}
}

// Command is the user's editor as a command line ($EDITOR, $VISUAL, vi).
func Command() []string { return editorCommand(os.Getenv) }

// forget takes a draft's file off the store's list once the file is gone,
// adding what failed to err.
func forget(store Store, file string, err error) error {
	if ferr := store.ForgetDraft(file); ferr != nil {
		return errors.Join(err, fmt.Errorf("the list of unsaved edits: %w", ferr))
	}
	return err
}

// editCmd runs the editor on the draft's temp file; the program gives it
// the terminal until it exits.
func editCmd(d *yamlDraft) tea.Cmd {
	d.state = draftEditing
	id := d.id
	argv := append(d.argv[1:len(d.argv):len(d.argv)], d.file)
	c := exec.Command(d.argv[0], argv...)
	return tea.ExecProcess(c, func(err error) tea.Msg { return DoneMsg{ID: id, Err: err} })
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
			} else {
				msg.err = forget(store, file, nil)
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
			} else {
				msg.removeErr = forget(store, file, nil)
			}
		}
		return msg
	}
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

func discardYAMLCmd(store Store, id, file string) tea.Cmd {
	return func() tea.Msg {
		err := os.Remove(file)
		if errors.Is(err, fs.ErrNotExist) {
			err = nil
		}
		if err == nil {
			err = forget(store, file, nil)
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
