package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/editor"
	"github.com/accordhq/accord/ui/uitest"
	"github.com/accordhq/accord/ui/widget"
)

// editingYAML is the fixture with E pressed on the first goal of the tree:
// the goal's file is in a temp file (in the test's own temp dir) and the
// editor would be running. It returns the model, the goal's ID and the
// file as the store gave it.
func editingYAML(t *testing.T, st *uitest.Store, w, h int) (Model, string, string) {
	t.Helper()
	t.Setenv("TMPDIR", t.TempDir())
	m := newTestModel(t, st, w, h)
	id := m.screens[tabGoals].Selected()
	if id == "" {
		t.Fatal("no goal selected")
	}
	_, was, err := st.RecordFile(model.KindGoal, id)
	if err != nil {
		t.Fatal(err)
	}
	m = press(t, m, "E")
	if file, ok := m.yaml.File(id); !ok || file == "" {
		t.Fatalf("E made no draft: %q", file)
	}
	return m, id, string(was)
}

// edit writes text into the draft's temp file as the editor would and
// delivers the editor's exit.
func edit(t *testing.T, m Model, id, text string) Model {
	t.Helper()
	if err := os.WriteFile(draftFile(m, id), []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return drive(t, m, editor.DoneMsg{ID: id})
}

// draftFile is the temp file of the edit of id.
func draftFile(m Model, id string) string {
	file, _ := m.yaml.File(id)
	return file
}

// hasDraft reports whether an edit of id is under way.
func hasDraft(m Model, id string) bool {
	_, ok := m.yaml.File(id)
	return ok
}

// withLine inserts line before the 1-based line n of text.
func withLine(text string, n int, line string) string {
	ls := strings.SplitAfter(text, "\n")
	return strings.Join(ls[:n-1], "") + line + "\n" + strings.Join(ls[n-1:], "")
}

func retitled(was, title string) string {
	ls := strings.Split(was, "\n")
	for i, l := range ls {
		if strings.HasPrefix(l, "title: ") {
			ls[i] = "title: " + title
		}
	}
	return strings.Join(ls, "\n")
}

func TestEYAMLOpensTheRecordInAPrivateTempFile(t *testing.T) {
	st := northwind(t)
	m, id, was := editingYAML(t, st, 80, 24)
	file := draftFile(m, id)
	if dir, base := filepath.Split(file); filepath.Clean(dir) != os.Getenv("TMPDIR") ||
		!strings.HasPrefix(base, "accord-"+id+"-") || !strings.HasSuffix(base, ".yaml") {
		t.Errorf("temp file %s: want accord-%s-*.yaml in $TMPDIR", file, id)
	}
	fi, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("temp file mode %v, want 0600", fi.Mode().Perm())
	}
	if got, _ := os.ReadFile(file); string(got) != was {
		t.Errorf("temp file holds:\n%s\nwant the record's file:\n%s", got, was)
	}
}

func TestEYAMLInvalidEditShowsItsLineAndSavesNothing(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 40}} {
		st := northwind(t)
		m, id, was := editingYAML(t, st, size[0], size[1])
		// A misspelt key on line 7: the decoder refuses it.
		m = edit(t, m, id, withLine(was, 7, "ownr: mei"))
		if yamlViewOf(m) == nil {
			t.Fatalf("%dx%d: no problems view after an invalid edit:\n%s", size[0], size[1], screen(m))
		}
		out := screen(m)
		for _, want := range []string{"Not saved", "line 7", "ownr", "Your text is kept in", id} {
			if !strings.Contains(out, want) {
				t.Errorf("%dx%d: the view lacks %q:\n%s", size[0], size[1], want, out)
			}
		}
		var joined strings.Builder
		for _, l := range strings.Split(out, "\n") {
			joined.WriteString(strings.TrimSpace(l))
		}
		if !strings.Contains(joined.String(), draftFile(m, id)) {
			t.Errorf("the view does not name the temp file:\n%s", out)
		}
		if _, hints := lastLines(m); !strings.Contains(hints, "e/enter edit again") || !strings.Contains(hints, "d discard") ||
			!strings.Contains(hints, "esc close, keep text") {
			t.Errorf("hints: %s", hints)
		}
		for _, l := range strings.Split(out, "\n") {
			if w := len([]rune(l)); w > size[0] {
				t.Errorf("a line of %d cells on a %d-cell terminal: %q", w, size[0], l)
			}
		}
		if len(st.SaveCalls)+len(st.RawSaves)+len(st.Saved) > 0 {
			t.Errorf("an invalid edit was saved: %v %v", st.SaveCalls, st.RawSaves)
		}
	}
}

func TestEYAMLRuleBreakingEditNamesTheLineInTheEditedText(t *testing.T) {
	st := northwind(t)
	m, id, was := editingYAML(t, st, 80, 24)
	// Three comment lines on top move owner down by three; the owner names
	// nobody, which the model's rules refuse.
	text := "# one\n# two\n# three\n" + strings.Replace(was, "owner: "+st.Org.Goals[id].Owner, "owner: nobody", 1)
	line := 3 + 1 + strings.Count(was[:strings.Index(was, "owner: ")], "\n")
	m = edit(t, m, id, text)
	out := screen(m)
	if yamlViewOf(m) == nil || !strings.Contains(out, "line "+common.Itoa(line)) || !strings.Contains(out, "nobody") ||
		!strings.Contains(out, "ref.unknown") {
		t.Errorf("want the unknown owner on line %d:\n%s", line, out)
	}
	if len(st.RawSaves) > 0 {
		t.Errorf("saved: %v", st.RawSaves)
	}
}

func TestEYAMLEditAgainKeepsTheTextThenSaves(t *testing.T) {
	st := northwind(t)
	m, id, was := editingYAML(t, st, 80, 24)
	bad := withLine(was, 7, "ownr: mei")
	m = edit(t, m, id, bad)
	file := draftFile(m, id)
	m = press(t, m, "e")
	if yamlViewOf(m) != nil {
		t.Error("e left the problems view open over the editor")
	}
	if draftFile(m, id) != file || !m.yaml.Editing(id) {
		t.Fatalf("e did not re-open the same file: %q", draftFile(m, id))
	}
	if got, _ := os.ReadFile(file); string(got) != bad {
		t.Errorf("the text to edit again is\n%s\nwant what was typed:\n%s", got, bad)
	}

	fixed := "# renamed after the review\n" + retitled(was, "Cloud cost per paying account")
	m = edit(t, m, id, fixed)
	if len(st.RawSaves) != 1 || st.RawSaves[0] != fixed {
		t.Fatalf("saved %q, want exactly the edited bytes", st.RawSaves)
	}
	if g := st.Org.Goals[id]; g.Title != "Cloud cost per paying account" {
		t.Errorf("title after save: %q", g.Title)
	}
	status, _ := lastLines(m)
	if !strings.Contains(status, "saved: goal("+id+"): ") || !strings.Contains(status, "title") {
		t.Errorf("status: %s", status)
	}
	if _, err := os.Stat(file); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the temp file outlived the save: %v", err)
	}
	if len(st.DraftList) != 0 {
		t.Errorf("the saved edit is still listed as a draft: %+v", st.DraftList)
	}
	if yamlViewOf(m) != nil || hasDraft(m, id) || len(m.undo) != 1 {
		t.Errorf("after the save: view %v, draft %v, undo %v", yamlViewOf(m), hasDraft(m, id), m.undo)
	}
	if m.screens[m.active].Selected() != id {
		t.Errorf("selected %s after the save, want %s", m.screens[m.active].Selected(), id)
	}
}

func TestEYAMLFailedSaveKeepsTheTextAndSavesAgain(t *testing.T) {
	st := northwind(t)
	st.SaveErr = errors.New("another accord process holds the lock on /data/northwind")
	m, id, was := editingYAML(t, st, 80, 24)
	text := retitled(was, "Cloud cost per paying account")
	m = edit(t, m, id, text)
	file := draftFile(m, id)
	status, hints := lastLines(m)
	if !strings.Contains(status, "not saved") || !strings.Contains(status, "holds the lock") {
		t.Errorf("status: %s", status)
	}
	if yamlViewOf(m) == nil || !strings.Contains(hints, "r save again") || !strings.Contains(screen(m), "holds the lock") {
		t.Errorf("no way to save again:\n%s", screen(m))
	}
	if got, _ := os.ReadFile(file); string(got) != text {
		t.Errorf("the temp file holds %q after a failed save", got)
	}

	st.SaveErr = nil
	m = press(t, m, "r")
	if len(st.RawSaves) != 1 || st.RawSaves[0] != text {
		t.Errorf("r saved %q", st.RawSaves)
	}
	if status, _ := lastLines(m); !strings.Contains(status, "saved: ") {
		t.Errorf("status: %s", status)
	}
	if _, err := os.Stat(file); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the temp file outlived the save: %v", err)
	}
}

func TestEYAMLDiscardAsksFirstAndRemovesTheText(t *testing.T) {
	st := northwind(t)
	m, id, was := editingYAML(t, st, 80, 24)
	m = edit(t, m, id, withLine(was, 7, "ownr: mei"))
	file := draftFile(m, id)
	m = press(t, m, "d")
	if out := screen(m); !strings.Contains(out, "Discard your text?") {
		t.Errorf("d did not ask:\n%s", out)
	}
	if _, hints := lastLines(m); !strings.Contains(hints, "y discard my text") || !strings.Contains(hints, "n/esc keep it") {
		t.Errorf("hints: %s", hints)
	}
	m = press(t, m, "n")
	if _, err := os.Stat(file); err != nil || yamlViewOf(m) == nil || strings.Contains(screen(m), "Discard your text?") {
		t.Fatalf("n lost the text: %v", err)
	}
	m = press(t, m, "d", "y")
	if _, err := os.Stat(file); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the temp file is still there: %v", err)
	}
	if yamlViewOf(m) != nil || hasDraft(m, id) {
		t.Error("the draft outlived its discard")
	}
	if status, _ := lastLines(m); !strings.Contains(status, "discarded your edit of "+id) {
		t.Errorf("status: %s", status)
	}
	if len(st.RawSaves) > 0 {
		t.Errorf("saved: %v", st.RawSaves)
	}
}

func TestEYAMLEscKeepsTheTextAndEResumesIt(t *testing.T) {
	st := northwind(t)
	m, id, was := editingYAML(t, st, 80, 24)
	bad := withLine(was, 7, "ownr: mei")
	m = edit(t, m, id, bad)
	file := draftFile(m, id)
	m = press(t, m, "esc")
	// The status line cuts a long path (the test's temp dir is long).
	if status := m.status.Text; yamlViewOf(m) != nil || !strings.Contains(status, "kept in "+file) || !strings.Contains(status, "E resumes") {
		t.Errorf("esc: view %v, status %s", yamlViewOf(m), status)
	}
	if got, _ := os.ReadFile(file); string(got) != bad {
		t.Errorf("esc lost the text: %q", got)
	}
	m = press(t, m, "E")
	if yamlViewOf(m) == nil || yamlViewOf(m).File() != file || !strings.Contains(screen(m), "line 7") {
		t.Errorf("E did not offer the kept text:\n%s", screen(m))
	}
}

func TestEYAMLUnchangedFileMakesNoCommit(t *testing.T) {
	st := northwind(t)
	m, id, was := editingYAML(t, st, 80, 24)
	file := draftFile(m, id)
	m = edit(t, m, id, was)
	if status, _ := lastLines(m); !strings.Contains(status, "no changes to "+id) {
		t.Errorf("status: %s", status)
	}
	if len(st.SaveCalls)+len(st.RawSaves) > 0 || hasDraft(m, id) || yamlViewOf(m) != nil {
		t.Errorf("an unchanged file: saves %v %v, draft %v", st.SaveCalls, st.RawSaves, hasDraft(m, id))
	}
	if _, err := os.Stat(file); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the temp file is still there: %v", err)
	}
}

func TestEYAMLEditorThatFailsKeepsTheFile(t *testing.T) {
	st := northwind(t)
	m, id, _ := editingYAML(t, st, 80, 24)
	file := draftFile(m, id)
	m = drive(t, m, editor.DoneMsg{ID: id, Err: errors.New(`exec: "nano": executable file not found in $PATH`)})
	status, _ := lastLines(m)
	if !strings.Contains(status, "editor failed") || !strings.Contains(status, "nano") {
		t.Errorf("status: %s", status)
	}
	if !strings.Contains(m.status.Text, file) {
		t.Errorf("the status does not name the temp file: %s", m.status.Text)
	}
	if _, err := os.Stat(file); err != nil {
		t.Errorf("the temp file is gone: %v", err)
	}
	m = press(t, m, "E")
	if yamlViewOf(m) == nil || !strings.Contains(screen(m), "executable file not found") {
		t.Errorf("E did not offer the kept file:\n%s", screen(m))
	}
}

// checkinScreen is a tab whose cursor is on a check-in.
type checkinScreen struct {
	common.Screen
	id string
}

func (s checkinScreen) Selected() string { return s.id }

func TestEYAMLRefusesCheckIns(t *testing.T) {
	st := northwind(t)
	t.Setenv("TMPDIR", t.TempDir())
	m := newTestModel(t, st, 80, 24)
	upd := st.Org.IDs(model.KindUpdate)[0]
	m.screens[m.active] = checkinScreen{Screen: m.screens[m.active], id: upd}
	m = press(t, m, "E")
	if status, _ := lastLines(m); !strings.Contains(status, "append-only") {
		t.Errorf("status: %s", status)
	}
	if m.yaml.Len() > 0 {
		t.Error("a check-in went to the editor")
	}
	if left, _ := os.ReadDir(os.Getenv("TMPDIR")); len(left) > 0 {
		t.Errorf("temp files: %v", left)
	}
}

func TestEYAMLProblemsViewKeysAreInHelp(t *testing.T) {
	st := northwind(t)
	m, id, was := editingYAML(t, st, 80, 24)
	m = edit(t, m, id, withLine(was, 7, "ownr: mei"))
	m = press(t, m, "?")
	out := screen(m)
	for _, want := range []string{"edit again", "discard", "close, keep text"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q:\n%s", want, out)
		}
	}
	m = press(t, m, "esc")
	if _, help := m.top().(*widget.Help); help || yamlViewOf(m) == nil {
		t.Error("closing help closed the problems view")
	}
}

// saveMeanwhile is another writer saving the record while the editor is
// open.
func saveMeanwhile(t *testing.T, st *uitest.Store, id string, change func(g *model.Goal)) {
	t.Helper()
	old := st.Org.Goals[id]
	g := *old
	change(&g)
	if _, err := st.Save("", []model.Edit{{Old: old, New: &g}}); err != nil {
		t.Fatal(err)
	}
}

func TestEYAMLEditOfARecordSavedMeanwhileIsMergedOntoIt(t *testing.T) {
	st := northwind(t)
	m, id, was := editingYAML(t, st, 100, 30)
	saveMeanwhile(t, st, id, func(g *model.Goal) { g.Period = "2027" })
	text := retitled(was, "Make every customer successful in five days")
	m = edit(t, m, id, text)
	if len(st.RawSaves) != 1 {
		t.Fatalf("the edit was not saved onto the other change:\n%s", screen(m))
	}
	got := st.RawSaves[0]
	if !strings.Contains(got, "title: Make every customer successful in five days") || !strings.Contains(got, "period: \"2027\"") {
		t.Fatalf("saved text lost one of the changes:\n%s", got)
	}
	if yamlViewOf(m) != nil || hasDraft(m, id) {
		t.Fatalf("the draft outlived its save:\n%s", screen(m))
	}
}

func TestEYAMLEditClashingWithOneSavedMeanwhileIsMarkedThenResolved(t *testing.T) {
	st := northwind(t)
	m, id, was := editingYAML(t, st, 100, 30)
	saveMeanwhile(t, st, id, func(g *model.Goal) { g.Title = "Theirs" })
	m = edit(t, m, id, retitled(was, "Mine"))
	if len(st.RawSaves) != 0 {
		t.Fatalf("a clashing edit was saved: %q", st.RawSaves)
	}
	marked, _ := os.ReadFile(draftFile(m, id))
	for _, want := range []string{"<<<<<<< your edit\ntitle: Mine\n=======\ntitle: Theirs\n>>>>>>> saved meanwhile\n"} {
		if !strings.Contains(string(marked), want) {
			t.Fatalf("the temp file does not mark the clash:\n%s", marked)
		}
	}
	if yamlViewOf(m) == nil || !strings.Contains(screen(m), "line ") {
		t.Fatalf("the problems view does not point at the markers:\n%s", screen(m))
	}
	// The person keeps their title and drops the markers.
	resolved := strings.Replace(string(marked), "<<<<<<< your edit\ntitle: Mine\n=======\ntitle: Theirs\n>>>>>>> saved meanwhile\n", "title: Mine\n", 1)
	m = edit(t, m, id, resolved)
	if len(st.RawSaves) != 1 || st.RawSaves[0] != resolved {
		t.Fatalf("the resolved text was not saved as typed: %q\n%s", st.RawSaves, screen(m))
	}
}
