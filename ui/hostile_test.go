package ui

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/uitest"
	"github.com/charmbracelet/x/ansi"
)

// hostile is text a teammate's commit could carry: a screen clear, an
// OSC 52 clipboard write, a bell, a C1 CSI, bidi overrides that reorder what
// a reader sees, and enough length to break any layout.
var hostile = "\x1b[2J\x1b]52;c;aGk=\x07 evil\u202egnp.exe\u2066 \x9b31m" + strings.Repeat("W", 5000)

func withHostileRecords(t *testing.T) *uitest.Store {
	st := northwind(t)
	o := st.Org
	o.Config.Org = "Northwind " + hostile
	parent := ""
	for id, g := range o.Goals {
		if g.Level == model.LevelMission {
			parent = id
		}
	}
	add := func(r model.Record) {
		p, _ := model.PathOf(r.RecordKind(), r.RecordID())
		o.Add(r, &model.Source{Path: p})
	}
	add(&model.Goal{ID: "GOAL-HHHHHHHH", Title: hostile, Description: hostile + "\n" + hostile, Level: model.LevelStrategic,
		Parent: parent, Owner: "raj", State: "active"})
	add(&model.Update{ID: "UPD-HHHHHHHH", Target: "GOAL-HHHHHHHH", Author: "raj", Date: "2026-11-20", Health: model.HealthAtRisk,
		Summary: hostile, Problems: []string{hostile}, Plans: []string{hostile}, Asks: []model.Ask{{From: "platform", What: hostile}}})
	add(&model.Decision{ID: "DEC-HHHHHHHH", Title: "# " + hostile + " *bold*", Status: model.DecisionProposed, Date: "2026-11-20",
		Driver: "raj", Context: hostile, Options: []model.Option{{ID: "x", Title: hostile, Good: []string{hostile}}}})
	add(&model.RACI{ID: "RACI-HHHHHHHH", Title: hostile, Subject: model.Subject{Kind: "deliverable", Name: hostile},
		Accountable: model.OneOrMore{"hhh"}, Responsible: []string{"raj"}, State: "agreed", Due: "2026-11-25"})
	add(&model.Person{ID: "hhh", Name: hostile, Role: hostile, Teams: []string{"platform"}})
	add(&model.Handoff{ID: "HO-HHHHHHHH", Title: hostile, From: model.Party{Team: "platform", Owner: "hhh"},
		To: model.Party{Team: "sales", Owner: "raj"}, State: "delivered", Expectations: hostile,
		Deliverables: []model.Deliverable{{ID: "d", Title: hostile, Acceptance: []string{hostile}}}})
	o.Problems = append(o.Problems, model.Finding{Rule: "yaml.syntax", Severity: model.SeverityError,
		File: "goals/ZZ/GOAL-ZZZZZZZZ.yaml", Line: 3, Column: 1, ID: "GOAL-ZZZZZZZZ", Message: hostile})
	o.Index()
	return st
}

// checkClean fails if a rendered frame carries anything that could steer
// the terminal or reorder text, or a line wider than the terminal.
func checkClean(t *testing.T, m Model, where string) {
	t.Helper()
	raw := m.render()
	// Styling is the only escape allowed: strip SGR sequences and look for
	// any escape, control or bidi character left.
	plain := ansi.Strip(raw)
	for _, r := range plain {
		if r == '\n' {
			continue
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || unicode.Is(unicode.Bidi_Control, r) {
			t.Fatalf("%s: frame contains %U", where, r)
		}
	}
	if strings.Contains(raw, "\x1b]52") || strings.Contains(raw, "\x1b[2J") || strings.Contains(raw, "\x07") || strings.Contains(raw, "\u009b") {
		t.Fatalf("%s: an escape sequence from a record reached the frame", where)
	}
	for i, line := range strings.Split(raw, "\n") {
		if w := ansi.StringWidth(line); w > m.width {
			t.Fatalf("%s: line %d is %d cells wide on a %d-cell terminal", where, i+1, w, m.width)
		}
	}
	if n := strings.Count(raw, "\n") + 1; n != m.height {
		t.Fatalf("%s: %d lines on a %d-line terminal", where, n, m.height)
	}
}

func TestHostileRecordsNeverReachTheTerminal(t *testing.T) {
	t.Parallel()
	st := withHostileRecords(t)
	for _, size := range [][2]int{{80, 24}, {140, 40}} {
		m := newTestModel(t, st, size[0], size[1])
		for _, tab := range []string{"1", "2", "3", "4", "5", "6"} {
			m = press(t, m, tab) // the report renders in a command
			checkClean(t, m, "tab "+tab)
			m = keys(t, m, "enter")
			checkClean(t, m, "tab "+tab+" details")
			m = keys(t, m, "esc")
		}
		for _, id := range []string{"GOAL-HHHHHHHH", "UPD-HHHHHHHH", "DEC-HHHHHHHH", "RACI-HHHHHHHH", "hhh", "HO-HHHHHHHH"} {
			m = update(t, m, common.JumpMsg{ID: id})
			checkClean(t, m, "jump to "+id)
			m = keys(t, m, "enter")
			checkClean(t, m, id+" details")
			m = keys(t, m, "esc", "l")
			checkClean(t, m, id+" links")
			m = keys(t, m, "esc")
		}
		m = keys(t, m, "!")
		checkClean(t, m, "findings")
		m = keys(t, m, "esc", "?")
		checkClean(t, m, "help")
		m = press(t, m, "esc", "6", "t", "G")
		checkClean(t, m, "report, a team, the end")
	}
}

// TestHostileSyncTextNeverReachesTheTerminal feeds hostile text through
// everything sync shows: the summary and errors, the host key prompt, and
// the conflicts view with its editors.
func TestHostileSyncTextNeverReachesTheTerminal(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {140, 40}} {
		st := withHostileRecords(t)
		st.SyncState = model.SyncStatus{Remote: hostile, Ahead: 1, Conflicts: 2}
		st.Session = []model.Conflict{
			{Kind: model.KindGoal, ID: "GOAL-HHHHHHHH", Path: hostile, FieldConflict: model.FieldConflict{
				Field: hostile, Base: hostile, Ours: hostile + "\n" + hostile, Theirs: hostile}},
			{Kind: model.KindGoal, ID: hostile, Path: hostile, Rule: hostile, FieldConflict: model.FieldConflict{
				Field: model.RecordField, Base: hostile, Ours: hostile, Theirs: hostile}},
			{Kind: model.KindGoal, ID: "GOAL-HHHHHHHH", Path: hostile, FieldConflict: model.FieldConflict{
				Field: "title", Base: hostile, Ours: hostile, Theirs: hostile}},
		}
		st.Syncs = []uitest.SyncResult{
			{Summary: "offline, " + hostile, Err: offlineErr{errors.New(hostile)}},
			{Summary: hostile, Err: errors.New(hostile)},
			{Err: &uitest.HostKeyError{Host: hostile, Fingerprint: hostile}},
			{Err: &uitest.HostKeyError{Host: hostile, Fingerprint: hostile, Known: hostile}},
			{Summary: hostile},
		}
		m := newTestModel(t, st, size[0], size[1])
		checkClean(t, m, "status line")
		m = press(t, m, "s")
		checkClean(t, m, "offline")
		m = press(t, m, "s")
		checkClean(t, m, "a failed sync")
		m = press(t, m, "s")
		checkClean(t, m, "unknown host")
		m = press(t, m, "n", "s")
		checkClean(t, m, "changed host")
		m = press(t, m, "esc", "s")
		checkClean(t, m, "a summary")

		m = press(t, m, "C")
		checkClean(t, m, "conflicts view")
		m = press(t, m, "v")
		checkClean(t, m, "editing a long text")
		m = press(t, m, "esc", "j")
		checkClean(t, m, "a whole-record conflict")
		m = press(t, m, "j", "v")
		checkClean(t, m, "editing a line")
		m = press(t, m, "enter")
		checkClean(t, m, "after setting a value")
	}
}

// TestHostileHistoryNeverReachesTheTerminal feeds hostile author names,
// e-mails, commit messages, hashes, field names and values through the
// history, a commit's changes, the blame and a decision's last change.
func TestHostileHistoryNeverReachesTheTerminal(t *testing.T) {
	t.Parallel()
	st := withHostileRecords(t)
	c := model.CommitInfo{Hash: hostile, Parents: []string{hostile, hostile}, Author: hostile, Email: hostile,
		Date: uitest.Today.Add(-time.Hour), Message: hostile + "\n\n" + hostile + "\n" + hostile}
	changes := []model.Change{
		{Field: hostile, From: hostile, To: hostile + "\n" + hostile},
		{Field: "context", From: hostile + "\nsame\n" + hostile, To: "same\n" + hostile + "\n" + hostile},
		{Field: "options[" + hostile + "].title", To: hostile},
		{Field: "title", From: hostile},
		{Field: "status", To: hostile},
	}
	entries := []model.HistoryEntry{
		{Commit: c, Op: model.HistoryEdited, Changes: changes, Problem: hostile},
		{Commit: c, Op: model.HistoryOp(hostile), Changes: changes},
		{Commit: c, Op: model.HistoryCreated, Changes: changes},
		{Commit: c, Op: model.HistoryDeleted, Changes: changes},
	}
	st.Histories = map[string][]model.HistoryEntry{"DEC-HHHHHHHH": entries}
	st.Blames = map[string][]model.FieldBlame{"DEC-HHHHHHHH": {
		{Field: hostile, Value: hostile + "\n" + hostile, Commit: c},
		{Field: "title", Value: hostile, Commit: c},
	}}
	for _, size := range [][2]int{{80, 24}, {140, 40}} {
		m := press(t, newTestModel(t, st, size[0], size[1]), "2")
		m = drive(t, m, common.JumpMsg{ID: "DEC-HHHHHHHH"})
		checkClean(t, m, "last change")
		if size[0] < 100 {
			m = press(t, m, "enter")
			checkClean(t, m, "last change, full screen")
			m = press(t, m, "esc")
		}
		m = press(t, m, "h")
		checkClean(t, m, "history")
		for i := range entries {
			m = press(t, m, "enter")
			checkClean(t, m, "commit "+common.Itoa(i))
			m = press(t, m, "G")
			checkClean(t, m, "commit "+common.Itoa(i)+", its end")
			m = press(t, m, "esc", "j")
		}
		m = keys(t, m, "/", "W")
		checkClean(t, m, "history, filtered")
		m = press(t, m, "esc", "esc", "b")
		checkClean(t, m, "blame")
		m = press(t, m, "j", "enter")
		checkClean(t, m, "blame → commit")
		m = press(t, m, "esc", "esc")

		st.HistoryErr, st.BlameErr = errors.New(hostile), errors.New(hostile)
		m = press(t, m, "h")
		checkClean(t, m, "history error")
		m = press(t, m, "esc", "b")
		checkClean(t, m, "blame error")
		m = press(t, m, "esc", "j", "k")
		checkClean(t, m, "last change error")
		st.HistoryErr, st.BlameErr = nil, nil
	}
}
