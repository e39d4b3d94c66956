package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/history"
	"github.com/accordhq/accord/ui/uitest"
)

// decisionTitled is the ID of the decision whose title starts with title.
func decisionTitled(t testing.TB, o *model.Org, title string) string {
	t.Helper()
	for _, id := range o.IDs(model.KindDecision) {
		if strings.HasPrefix(o.Decisions[id].Title, title) {
			return id
		}
	}
	t.Fatalf("no decision titled %q", title)
	return ""
}

// onDecision is the model on the decisions tab with the decision id
// selected.
func onDecision(t *testing.T, st *uitest.Store, id string, width, height int) Model {
	t.Helper()
	m := press(t, newTestModel(t, st, width, height), "2")
	m = drive(t, m, common.JumpMsg{ID: id})
	if m.active != tabDecisions || decisionsOf(m).Selected() != id {
		t.Fatalf("could not select %s", id)
	}
	return m
}

// commit is a scripted commit, an hour before uitest.Today less days.
func commit(hash, author, email, message string, daysAgo int) model.CommitInfo {
	return model.CommitInfo{Hash: hash, Author: author, Email: email, Message: message,
		Date: uitest.Today.Add(-time.Duration(daysAgo)*24*time.Hour - time.Hour)}
}

// scriptedHistory gives a decision three commits, newest first: one by
// someone outside the organisation that rewrote the context and added an
// option, one by Mei from a laptop whose git name is not hers, and the
// one that created it, whose newer version could not be read.
func scriptedHistory(t *testing.T, st *uitest.Store, id string) []model.HistoryEntry {
	t.Helper()
	mei := st.Org.People["mei"]
	es := []model.HistoryEntry{
		{Commit: commit("c0ffee0000000000000000000000000000000003", "Outside Contractor", "contractor@agency.example",
			"Rewrite the context after the staging tests\n\nThe first paragraph was wrong about the limit.\n", 2),
			Op: model.HistoryEdited, Changes: []model.Change{
				{Field: "context", From: "Uploads over 10 MB fail.\nCustomers split their files.\nSupport answers by hand.",
					To: "Uploads over 50 MB fail.\nCustomers split their files.\nSupport answers by hand."},
				{Field: "options[stream].ID", To: "stream"},
				{Field: "options[stream].title", To: "Parse as a stream"},
			}},
		{Commit: commit("c0ffee0000000000000000000000000000000002", "mei-laptop", mei.Emails[0], "Accept the 50 MB cap\n", 9),
			Op: model.HistoryEdited, Changes: []model.Change{
				{Field: "status", From: "proposed", To: "accepted"},
				{Field: "outcome.chosen", To: "cap50"},
			}},
		{Commit: commit("c0ffee0000000000000000000000000000000001", "Raj Patel", "raj@northwind.example", "Propose a cap\n", 30),
			Op: model.HistoryCreated, Problem: "this version could not be read: yaml: line 3: did not find expected key",
			Changes: []model.Change{{Field: "id", To: id}, {Field: "title", To: "Cap uploads"}}},
	}
	st.Histories = map[string][]model.HistoryEntry{id: es}
	return es
}

func TestHistoryListsCommitsNewestFirstWithTheirPeople(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	id := decisionTitled(t, st.Org, "Cap CSV uploads at 50 MB")
	scriptedHistory(t, st, id)
	m := onDecision(t, st, id, 140, 40)

	// The key opens the overlay at once; the store is read in a command.
	calls := len(st.HistoryCalls)
	next, cmd := m.Update(uitest.Key("h"))
	m = next.(Model)
	if cmd == nil || len(st.HistoryCalls) != calls {
		t.Fatalf("h: cmd %v, the store was called in Update", cmd != nil)
	}
	if out := screen(m); !strings.Contains(out, "History of "+id) || !strings.Contains(out, "reading the history…") {
		t.Fatalf("while reading:\n%s", out)
	}
	for _, msg := range uitest.Run(t, cmd) {
		m = drive(t, m, msg)
	}
	call := st.HistoryCalls[len(st.HistoryCalls)-1]
	if call.Kind != model.KindDecision || call.ID != id || call.Opts != (model.HistoryOptions{}) {
		t.Errorf("History called with %+v, want the whole history of %s", call, id)
	}

	out := screen(m)
	order := []string{"Rewrite the context after the staging tests", "Accept the 50 MB cap", "Propose a cap"}
	last := -1
	for _, subject := range order {
		i := strings.Index(out, subject)
		if i < 0 || i < last {
			t.Fatalf("%q missing or out of order (newest first):\n%s", subject, out)
		}
		last = i
	}
	for _, want := range []string{
		"3 commits",
		// Mei's commit is hers, whatever her laptop calls her; the
		// contractor keeps the name git has.
		"Mei Lin", "Outside Contractor",
		// Date and age, the short hash, what the commit did, a summary.
		uitest.Today.AddDate(0, 0, -2).Format("2006-01-02") + " 2d ago", "c0ffee00", "created",
		"status proposed → accepted, outcome.chosen set to cap50",
		"context edited, options[stream] added",
		// The version that could not be read says so.
		"! this version could not be read",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the history lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "mei-laptop") {
		t.Errorf("the git name shows instead of the person's:\n%s", out)
	}
	if _, hints := lastLines(m); !strings.Contains(hints, "enter changes") || !strings.Contains(hints, "esc close") {
		t.Errorf("hints:\n%s", hints)
	}
}

func TestHistoryEnterShowsACommitsChangesAndEscGoesBack(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	id := decisionTitled(t, st.Org, "Cap CSV uploads at 50 MB")
	scriptedHistory(t, st, id)
	m := press(t, onDecision(t, st, id, 80, 24), "h", "enter")

	out := screen(m)
	for _, want := range []string{
		"1 of 3 commits",
		"Rewrite the context after the staging tests",
		"c0ffee00 · " + uitest.Today.AddDate(0, 0, -2).Format("2006-01-02") + " 08:00 · 2d ago · Outside Contractor",
		"<contractor@agency.example> · edited",
		"The first paragraph was wrong about the limit.",
		"Changes",
		// Long text as a line diff with its context.
		"context:", "- Uploads over 10 MB fail.", "+ Uploads over 50 MB fail.", "  Customers split their files.",
		// A list item added whole, with its title.
		`options[stream]: added "Parse as a stream"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the commit lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Support answers by hand") {
		t.Errorf("the diff shows lines two away from any change:\n%s", out)
	}
	if _, hints := lastLines(m); !strings.Contains(hints, "esc/← back to the list") {
		t.Errorf("hints:\n%s", hints)
	}

	// → opens too; the older commit shows from → to and a value that
	// was set.
	m = press(t, m, "esc", "j", "right")
	out = screen(m)
	for _, want := range []string{"2 of 3 commits", "Mei Lin (mei)", "status: proposed → accepted", "outcome.chosen: (none) → cap50"} {
		if !strings.Contains(out, want) {
			t.Errorf("the second commit lacks %q:\n%s", want, out)
		}
	}
	// The created one: its fields, without the ID, and its problem.
	m = press(t, m, "left", "j", "enter")
	out = screen(m)
	for _, want := range []string{"3 of 3 commits", "created", "title: Cap uploads", "! this version could not be read: yaml: line 3"} {
		if !strings.Contains(out, want) {
			t.Errorf("the first commit lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "id: "+id) {
		t.Errorf("a created record's changes list its ID:\n%s", out)
	}

	m = press(t, m, "esc")
	if m.top() == nil || !strings.Contains(screen(m), "3 commits") || strings.Contains(screen(m), "Changes") {
		t.Fatalf("esc from a commit should go back to the list:\n%s", screen(m))
	}
	m = press(t, m, "esc")
	if m.top() != nil || m.active != tabDecisions || decisionsOf(m).Selected() != id {
		t.Errorf("esc from the list should close the history on the same decision:\n%s", screen(m))
	}
}

func TestHistoryFilterNarrowsTheCommits(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	id := decisionTitled(t, st.Org, "Cap CSV uploads at 50 MB")
	scriptedHistory(t, st, id)
	m := press(t, onDecision(t, st, id, 100, 30), "h")
	m = keys(t, m, "/", "M", "e", "i", "enter") // the filter's cursor blinks: no waiting for it
	out := screen(m)
	if !strings.Contains(out, "Accept the 50 MB cap") || strings.Contains(out, "Propose a cap") {
		t.Fatalf("filtering on the author:\n%s", out)
	}
	// The first esc clears the filter, the second closes.
	m = press(t, m, "esc")
	if m.top() == nil || !strings.Contains(screen(m), "Propose a cap") {
		t.Fatalf("esc should clear the filter first:\n%s", screen(m))
	}
	if m = press(t, m, "esc"); m.top() != nil {
		t.Errorf("a second esc should close the history")
	}
}

func TestHistoryOfTheDemoComesFromItsCommits(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	id := decisionTitled(t, st.Org, "Cap CSV uploads at 50 MB")
	m := press(t, onDecision(t, st, id, 140, 40), "h")
	out := screen(m)
	for _, want := range []string{"3 commits", "Jonas Weber", "Mei Lin", "Raj Patel",
		"status accepted → superseded", "with 17 fields: title, status"} {
		if !strings.Contains(out, want) {
			t.Errorf("the demo history lacks %q:\n%s", want, out)
		}
	}
}

func TestHistoryErrorsShowInTheOverlay(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	st.HistoryErr = errors.New("history of DEC-X: history index: unexpected EOF")
	m := press(t, onDecision(t, st, decisionTitled(t, st.Org, "Cap CSV uploads at 50 MB"), 80, 24), "h")
	out := screen(m)
	if !strings.Contains(out, "Could not read the history") || !strings.Contains(out, "history index: unexpected EOF") {
		t.Errorf("the error is not in the overlay:\n%s", out)
	}
	if m = press(t, m, "esc"); m.top() != nil {
		t.Errorf("esc should close the failed history")
	}

	// A record no commit has touched yet.
	st = northwind(t)
	id := decisionTitled(t, st.Org, "Cap CSV uploads at 50 MB")
	st.Histories = map[string][]model.HistoryEntry{id: nil}
	out = screen(press(t, onDecision(t, st, id, 80, 24), "h"))
	if !strings.Contains(out, "0 commits") || !strings.Contains(out, "No commit has changed it yet") {
		t.Errorf("an uncommitted record:\n%s", out)
	}
}

func TestHistoryAndBlameNeedASelectedRecord(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := press(t, newTestModel(t, st, 140, 40), "6")
	for _, k := range []string{"h", "b"} {
		m = press(t, m, k)
		if status, _ := lastLines(m); m.top() != nil || !strings.Contains(status, "nothing selected") {
			t.Errorf("%s on the report: overlay %v, status\n%s", k, m.top() != nil, status)
		}
	}
	if len(st.HistoryCalls) != 0 || len(st.BlameCalls) != 0 {
		t.Errorf("the store was asked: history %v, blame %v", st.HistoryCalls, st.BlameCalls)
	}
	// Neither the hints nor the help offer them there; on a record, both do.
	if _, hints := lastLines(m); strings.Contains(hints, "history") || strings.Contains(hints, "blame") {
		t.Errorf("the report's hints offer history or blame:\n%s", hints)
	}
	if help := screen(press(t, m, "?")); strings.Contains(help, "history") {
		t.Errorf("the report's help offers history:\n%s", help)
	}
	m = press(t, m, "2")
	if _, hints := lastLines(m); !strings.Contains(hints, "h history") || !strings.Contains(hints, "b blame") {
		t.Errorf("a decision's hints lack h and b:\n%s", hints)
	}
	if help := screen(press(t, m, "?")); !strings.Contains(help, "h history") || !strings.Contains(help, "b blame") {
		t.Errorf("a decision's help lacks h/b:\n%s", help)
	}
}

func TestHistoryWorksOnEveryKindOfRecord(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := newTestModel(t, st, 140, 40)
	for _, tab := range []string{"1", "3", "4", "5"} {
		m = press(t, m, tab)
		id := m.screens[m.active].Selected()
		if id == "" {
			t.Fatalf("nothing selected on tab %s", tab)
		}
		r, _ := st.Org.Get(id)
		m = press(t, m, "h")
		if !strings.Contains(screen(m), "History of "+id) {
			t.Errorf("tab %s: no history of %s:\n%s", tab, id, screen(m))
		}
		call := st.HistoryCalls[len(st.HistoryCalls)-1]
		if call.ID != id || call.Kind != r.RecordKind() {
			t.Errorf("tab %s: History(%s, %s), want (%s, %s)", tab, call.Kind, call.ID, r.RecordKind(), id)
		}
		m = press(t, m, "esc")
	}
}

func TestBlameListsWhoSetEachFieldAndOpensTheCommit(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	id := decisionTitled(t, st.Org, "Cap CSV uploads at 50 MB")
	es := scriptedHistory(t, st, id)
	st.Blames = map[string][]model.FieldBlame{id: {
		{Field: "title", Value: "Cap CSV uploads at 50 MB and parse them as a stream", Commit: es[2].Commit},
		{Field: "status", Value: "accepted", Commit: es[1].Commit},
		{Field: "context", Value: "Uploads over 50 MB fail.\nCustomers split their files.", Commit: es[0].Commit},
	}}
	for _, size := range [][2]int{{80, 24}, {140, 40}} {
		m := press(t, onDecision(t, st, id, size[0], size[1]), "b")
		if st.BlameCalls[len(st.BlameCalls)-1] != id {
			t.Fatalf("Blame called for %v", st.BlameCalls)
		}
		out := screen(m)
		for _, want := range []string{"Blame " + id, "3 fields", "status", "accepted", "Mei Lin", "Accept the 50 MB cap",
			"c0ffee00", "Outside Contractor", "Uploads over 50 MB fail. …", uitest.Today.AddDate(0, 0, -9).Format("2006-01-02")} {
			if !strings.Contains(out, want) {
				t.Errorf("%dx%d: the blame lacks %q:\n%s", size[0], size[1], want, out)
			}
		}
		// Enter on status opens the commit that set it, in the history.
		m = press(t, m, "j", "enter")
		out = screen(m)
		if !strings.Contains(out, "History of "+id) || !strings.Contains(out, "2 of 3 commits") ||
			!strings.Contains(out, "status: proposed → accepted") {
			t.Errorf("%dx%d: enter on a field should show its commit:\n%s", size[0], size[1], out)
		}
		// b toggles the blame.
		m = press(t, m, "esc", "esc", "b")
		if _, ok := m.top().(*history.Blame); !ok {
			t.Fatalf("b did not open the blame again")
		}
		if m = press(t, m, "b"); m.top() != nil {
			t.Errorf("a second b should close the blame")
		}
	}

	st.BlameErr = errors.New("blame " + id + ": it does not exist at HEAD (0123abcd)")
	out := screen(press(t, onDecision(t, st, id, 80, 24), "b"))
	if !strings.Contains(out, "Could not read the blame") || !strings.Contains(out, "does not exist at HEAD") {
		t.Errorf("the blame's error:\n%s", out)
	}
}

// lastChangeCalls are the History calls that read a decision's last change.
func lastChangeCalls(st *uitest.Store) []uitest.HistoryCall {
	st.Lock()
	defer st.Unlock()
	var out []uitest.HistoryCall
	for _, c := range st.HistoryCalls {
		if c.Opts.Rev != "" { // the details read at the HEAD they were loaded from; h reads the newest
			out = append(out, c)
		}
	}
	return out
}

func TestDecisionDetailsSayWhoLastChangedIt(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	id := decisionTitled(t, st.Org, "Cap CSV uploads at 50 MB")
	m := onDecision(t, st, id, 140, 40)
	text := detailText(m)
	if want := "last changed by Jonas Weber on 2026-11-18: decision(DEC-4WJM22B2): proposed → accepted, supersedes " + id; !strings.Contains(text, want) {
		t.Errorf("the details lack %q:\n%s", want, screen(m))
	}
	// Under the status line, above the rest of the record.
	if i, j := strings.Index(text, "last changed by"), strings.Index(text, "Who"); i < 0 || j < i {
		t.Errorf("the last change is not under the status line:\n%s", text)
	}
	calls := lastChangeCalls(st)
	if len(calls) == 0 || calls[len(calls)-1] != (uitest.HistoryCall{Kind: model.KindDecision, ID: id, Opts: model.HistoryOptions{Rev: st.HeadCommit}}) {
		t.Errorf("last change read with %+v, want the latest commit of %s at HEAD", calls, id)
	}

	// Kept per decision: back on it, no second read.
	m = press(t, m, "j", "k")
	n := len(lastChangeCalls(st))
	m = press(t, m, "j", "k")
	if got := len(lastChangeCalls(st)); got != n {
		t.Errorf("moving between two known decisions read %d more", got-n)
	}
	// A new HEAD reads it again.
	st.HeadCommit = "fedcba9876543210"
	m = drive(t, m, loadCmd(st, m.c.Now)())
	calls = lastChangeCalls(st)
	if got := calls[len(calls)-1]; got.ID != id || got.Opts.Rev != st.HeadCommit {
		t.Errorf("after HEAD moved, read %+v", got)
	}
	if !strings.Contains(detailText(m), "last changed by Jonas Weber") {
		t.Errorf("after HEAD moved:\n%s", screen(m))
	}
	// Other tabs read nothing.
	n = len(lastChangeCalls(st))
	press(t, m, "1", "j", "j", "3", "j")
	if got := len(lastChangeCalls(st)); got != n {
		t.Errorf("other tabs read %d last changes", got-n)
	}
}

func TestDecisionLastChangeReadsOneDecisionAtATime(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := press(t, newTestModel(t, st, 140, 40), "2")
	n := len(lastChangeCalls(st))
	// Five keys in a row, before any read answers: one read, of the
	// first decision; the rest wait.
	var cmds []tea.Cmd
	for range 5 {
		next, cmd := m.Update(uitest.Key("j"))
		m = next.(Model)
		cmds = append(cmds, cmd)
	}
	var msgs []tea.Msg
	for _, c := range cmds {
		msgs = append(msgs, uitest.Run(t, c)...)
	}
	if got := len(lastChangeCalls(st)) - n; got != 1 {
		t.Fatalf("%d reads for five keys, want 1", got)
	}
	// When it answers, the decision selected now is read next.
	for _, msg := range msgs {
		m = drive(t, m, msg)
	}
	calls := lastChangeCalls(st)
	if len(calls)-n != 2 || calls[len(calls)-1].ID != decisionsOf(m).Selected() {
		t.Errorf("after the read answered: %+v, selected %s", calls[n:], decisionsOf(m).Selected())
	}
	if !strings.Contains(detailText(m), "last changed by") {
		t.Errorf("the selected decision does not say who changed it:\n%s", screen(m))
	}
}

func TestDecisionLastChangeWhileReadingAndWhenUnknown(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	id := decisionTitled(t, st.Org, "Cap CSV uploads at 50 MB")
	m := keys(t, newTestModel(t, st, 140, 40), "2") // the read never answers
	m = keys(t, m, "j", "j")
	if !strings.Contains(detailText(m), "last changed …") {
		t.Errorf("while reading:\n%s", screen(m))
	}
	st.Histories = map[string][]model.HistoryEntry{id: nil}
	if text := detailText(onDecision(t, st, id, 140, 40)); !strings.Contains(text, "not committed yet") {
		t.Errorf("an uncommitted decision:\n%s", text)
	}
	st.HistoryErr = errors.New("history index: unexpected EOF")
	if text := detailText(onDecision(t, st, id, 140, 40)); !strings.Contains(text, "last change unknown: history index: unexpected EOF") {
		t.Errorf("a failed read:\n%s", text)
	}
}

func TestHistoryIsIndexedAfterTheFirstLoad(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	st.IndexErr = errors.New("index: disk full")
	m := New(st, WithClock(func() time.Time { return uitest.Today }), WithDarkBackground(true))
	m = drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m = drive(t, m, loadCmd(st, m.c.Now)())
	if st.IndexCalls != 1 {
		t.Fatalf("IndexHistory called %d times after the first load, want 1", st.IndexCalls)
	}
	if status, _ := lastLines(m); !strings.Contains(status, "history index: index: disk full") {
		t.Errorf("the index error is not in the status line:\n%s", status)
	}
	// The next key clears it; everything works; a reload does not index.
	m = press(t, m, "2")
	if status, _ := lastLines(m); strings.Contains(status, "history index") {
		t.Errorf("the message outlived a key:\n%s", status)
	}
	m = drive(t, m, loadCmd(st, m.c.Now)())
	if st.IndexCalls != 1 {
		t.Errorf("a reload indexed again: %d calls", st.IndexCalls)
	}
}

// TestHistoryFitsTheTerminal draws the history, a commit and the blame of
// decisions at the smallest size: every line fits, nothing escapes.
func TestHistoryFitsTheTerminal(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	for _, id := range st.Org.IDs(model.KindDecision)[:6] {
		m := onDecision(t, st, id, 80, 24)
		for _, ks := range [][]string{{"h"}, {"G", "enter"}, {"G"}, {"esc", "esc", "b"}, {"G"}, {"esc"}} {
			m = press(t, m, ks...)
			checkClean(t, m, id+" "+strings.Join(ks, " "))
		}
	}
}

// A decision accepted by someone other than its approver says so in its
// details, from the commit that did: never "approved by" the approver.
func TestDecisionDetailsSayWhoAcceptedItForWhom(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	id := decisionTitled(t, st.Org, "Cap CSV uploads at 50 MB")
	x := st.Org.Decisions[id]
	proposed, accepted, retitled := *x, *x, *x
	proposed.Status, accepted.Status = model.DecisionProposed, model.DecisionAccepted
	retitled.Status, retitled.Title = model.DecisionAccepted, x.Title+" (retitled)"
	commit := func(hash, author, email string, day int) model.CommitInfo {
		return model.CommitInfo{Hash: hash, Author: author, Email: email, Date: time.Date(2026, 11, day, 9, 0, 0, 0, time.UTC),
			Message: "decision(" + id + "): change\n"}
	}
	st.Histories = map[string][]model.HistoryEntry{id: {
		{Commit: commit("c2", "Mei Lin", "mei@northwind.example", 20), Op: model.HistoryEdited, Old: &accepted, New: &retitled},
		{Commit: commit("c1", "Raj Patel", "raj@northwind.example", 18), Op: model.HistoryEdited, Old: &proposed, New: &accepted},
	}}
	text := strings.ReplaceAll(detailText(onDecision(t, st, id, 140, 40)), "\n", " ")
	for _, want := range []string{"last changed by Mei Lin on 2026-11-20", "Accepted by Raj Patel on behalf of " + common.PersonName(st.Org, x.Approver) + " on 2026-11-18"} {
		if !strings.Contains(text, want) {
			t.Errorf("the details lack %q:\n%s", want, text)
		}
	}
}
