package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
)

// editorScriptEnv makes the test binary act as $EDITOR: its value is a
// folder of steps, and the binary, run with a file, applies the next one.
const editorScriptEnv = "ACCORD_TEST_EDITOR_SCRIPT"

func TestMain(m *testing.M) {
	if os.Getenv(asAccordEnv) == "1" { // main_kill_test.go
		main()
	}
	if dir := os.Getenv(editorScriptEnv); dir != "" {
		os.Exit(scriptedEditor(dir, os.Args[len(os.Args)-1]))
	}
	os.Exit(m.Run())
}

// scriptedEditor is one run of the editor on file: run N (counted in the
// folder's file "runs") keeps what it was given as got-N and writes
// step-N over the file, as a person saving in their editor would.
func scriptedEditor(dir, file string) int {
	fail := func(err error) int {
		fmt.Fprintln(os.Stderr, "scripted editor:", err)
		return 1
	}
	runs, _ := os.ReadFile(filepath.Join(dir, "runs"))
	n, _ := strconv.Atoi(strings.TrimSpace(string(runs)))
	n++
	if err := os.WriteFile(filepath.Join(dir, "runs"), []byte(strconv.Itoa(n)), 0o600); err != nil {
		return fail(err)
	}
	got, err := os.ReadFile(file)
	if err != nil {
		return fail(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "got-"+strconv.Itoa(n)), got, 0o600); err != nil {
		return fail(err)
	}
	step, err := os.ReadFile(filepath.Join(dir, "step-"+strconv.Itoa(n)))
	if err != nil {
		return fail(err)
	}
	if err := os.WriteFile(file, step, 0o600); err != nil {
		return fail(err)
	}
	return 0
}

// TestTUIEditsARecordInEditor is E end to end: a real repository, a real
// $EDITOR process run by tea.ExecProcess, a first edit the decoder refuses
// (shown with its line), e to edit the same text again, and a fix that
// lands as one commit by the user, byte for byte.
func TestTUIEditsARecordInEditor(t *testing.T) {
	s := demoRepo(t)
	org, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	var id string
	for _, g := range org.Goals {
		if g.Title == "Make every customer successful in a week" {
			id = g.ID
		}
	}
	if id == "" {
		t.Fatal("the demo has no mission")
	}
	path, was, err := s.RecordFile(model.KindGoal, id)
	if err != nil {
		t.Fatal(err)
	}

	// Step 1 misspells a key on line 7; step 2 takes it out, retitles the
	// goal and leaves a comment, which only a byte-for-byte save keeps.
	lines := strings.SplitAfter(string(was), "\n")
	bad := strings.Join(lines[:6], "") + "ownr: mei\n" + strings.Join(lines[6:], "")
	good := "# Retitled after the review with Mei.\n" +
		strings.Replace(string(was), "title: Make every customer successful in a week", "title: Make every customer successful in five days", 1)
	if good[len("# Retitled after the review with Mei.\n"):] == string(was) {
		t.Fatalf("the title is not where the test expects it:\n%s", was)
	}
	script := t.TempDir()
	for name, text := range map[string]string{"step-1": bad, "step-2": good} {
		if err := os.WriteFile(filepath.Join(script, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	editor, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	t.Setenv("EDITOR", editor)
	t.Setenv(editorScriptEnv, script)

	tm := startTUI(t, s, 120, 36)
	waitFor(t, tm, "Make every customer successful in a week")
	tm.Type("E")
	waitFor(t, tm, `line 7   unknown field "ownr"`)
	waitFor(t, tm, "e/enter edit again")
	tm.Type("e")
	waitFor(t, tm, "saved: goal("+id+")")
	// The status line says so before the repository is read again.
	waitFor(t, tm, "five days") // the renderer redraws only what changed
	out := finalScreen(t, tm)
	if !strings.Contains(out, "in five days") {
		t.Errorf("the screen does not show the new title:\n%s", out)
	}

	if got, _ := os.ReadFile(filepath.Join(script, "got-1")); string(got) != string(was) {
		t.Errorf("the editor was first given\n%s\nwant the record's file\n%s", got, was)
	}
	if got, _ := os.ReadFile(filepath.Join(script, "got-2")); string(got) != bad {
		t.Errorf("e gave the editor\n%s\nwant the text it left\n%s", got, bad)
	}
	if disk, _ := os.ReadFile(filepath.Join(s.Dir(), path)); string(disk) != good {
		t.Errorf("%s holds\n%s\nwant the editor's bytes\n%s", path, disk, good)
	}
	log, err := exec.Command("git", "-C", s.Dir(), "log", "-1", "--format=%an%n%s").Output()
	if err != nil {
		t.Fatal(err)
	}
	author, subject, _ := strings.Cut(strings.TrimSpace(string(log)), "\n")
	if author != "Raj Patel" || !strings.HasPrefix(subject, "goal("+id+"): ") || !strings.Contains(subject, "title") {
		t.Errorf("last commit by %q: %q; want Raj Patel, goal(%s): … title …", author, subject, id)
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("temp files left behind: %v", left)
	}
}
