package main

// The UI's tests run against uitest.Store, a store in memory. These tests
// run the same scenarios against it and against a real repository
// (gitstore.Store), for everything ui.Store declares, so that the fake
// cannot drift from what the TUI meets in use: a scenario that passes on
// one and fails on the other is a bug in the fake or in the contract.

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/demo"
	"github.com/accordhq/accord/ui"
	"github.com/accordhq/accord/ui/uitest"
)

// TestStoreContract runs each scenario against the two stores under the
// contract, each over the Northwind demo with its history, committing as
// Raj Patel on uitest.Today: the fake, and a copy of one real repository
// written once.
func TestStoreContract(t *testing.T) {
	t.Parallel()
	template := t.TempDir()
	cfg, commits := demo.Northwind(uitest.Today)
	s, err := gitstore.WriteHistory(template, cfg, commits, contractIdentity...)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	stores := []struct {
		name string
		open func(t *testing.T) ui.Store
	}{
		{"fake", func(t *testing.T) ui.Store { return uitest.Northwind(t) }},
		{"gitstore", func(t *testing.T) ui.Store { return copyRepo(t, template) }},
	}
	for _, sc := range []struct {
		name string
		run  func(t *testing.T, st ui.Store)
	}{
		{"LoadsTheOrganisationAndTheUser", loadsTheOrganisationAndTheUser},
		{"SavesAnEditAsOneCommit", savesAnEditAsOneCommit},
		{"SaveMergesAnotherWritersChange", saveMergesAnotherWritersChange},
		{"RefusesASaveThatConflicts", refusesASaveThatConflicts},
		{"UndoRevertsACommitUnlessItChangedSince", undoRevertsACommitUnlessItChangedSince},
		{"RecordFilesRoundTrip", recordFilesRoundTrip},
		{"HistoryAndBlame", historyAndBlame},
		{"WithoutARemote", withoutARemote},
		{"ListsDraftsWhileTheirTextIsThere", listsDraftsWhileTheirTextIsThere},
		{"KeepsTheClonesOwnNotesOutOfCommits", keepsTheClonesOwnNotesOutOfCommits},
	} {
		for _, st := range stores {
			t.Run(sc.name+"/"+st.name, func(t *testing.T) {
				t.Parallel()
				sc.run(t, st.open(t))
			})
		}
	}
	t.Run("FakeHistoryMatchesTheRepository", func(t *testing.T) {
		t.Parallel()
		fakeHistoryMatchesTheRepository(t, stores[0].open(t), stores[1].open(t))
	})
}

// contractIdentity makes a real store commit as Raj Patel on uitest.Today.
var contractIdentity = []gitstore.Option{
	gitstore.WithClock(func() time.Time { return uitest.Today }),
	gitstore.WithAuthor(gitstore.Signature{Name: "Raj Patel", Email: "raj@northwind.example"}),
}

// copyRepo opens a copy of the repository in dir, for one scenario.
func copyRepo(t *testing.T, dir string) *gitstore.Store {
	t.Helper()
	to := t.TempDir()
	if err := os.CopyFS(to, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	s, err := gitstore.Open(to, contractIdentity...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func load(t *testing.T, st ui.Store) *model.Org {
	t.Helper()
	o, err := st.Load()
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func head(t *testing.T, st ui.Store) string {
	t.Helper()
	h, err := st.Head()
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// contractGoal is the goal the scenarios edit: a key result with an owner.
func contractGoal(t *testing.T, st ui.Store) *model.Goal {
	t.Helper()
	o := load(t, st)
	for _, id := range o.IDs(model.KindGoal) {
		if g := o.Goals[id]; g.Level == model.LevelKeyResult && g.Owner != "" && g.State == "active" {
			return g
		}
	}
	t.Fatal("the demo has no active key result")
	return nil
}

// edited is a copy of g changed by fn.
func edited(g *model.Goal, fn func(*model.Goal)) *model.Goal {
	n := &model.Goal{}
	model.CopyRecord(n, g)
	fn(n)
	return n
}

// otherPerson is someone other than the goal's owner.
func otherPerson(t *testing.T, st ui.Store, than string) string {
	t.Helper()
	for _, id := range load(t, st).IDs(model.KindPerson) {
		if id != than {
			return id
		}
	}
	t.Fatal("nobody else")
	return ""
}

func mustSave(t *testing.T, st ui.Store, edits ...model.Edit) string {
	t.Helper()
	c, err := st.Save("", edits)
	if err != nil || c == "" {
		t.Fatalf("save: commit %q, error %v", c, err)
	}
	return c
}

func subject(e model.HistoryEntry) string {
	s, _, _ := strings.Cut(strings.TrimSpace(e.Commit.Message), "\n")
	return s
}

func loadsTheOrganisationAndTheUser(t *testing.T, st ui.Store) {
	o := load(t, st)
	if len(o.Goals) == 0 || len(o.Decisions) == 0 || len(o.People) == 0 {
		t.Fatalf("loaded %d goals, %d decisions, %d people", len(o.Goals), len(o.Decisions), len(o.People))
	}
	if head(t, st) == "" || st.Dir() == "" {
		t.Fatalf("head %q, dir %q", head(t, st), st.Dir())
	}
	name, email, err := st.User()
	if err != nil || name != "Raj Patel" || email != "raj@northwind.example" {
		t.Fatalf("user %q <%s>, %v", name, email, err)
	}
	if id, ok := o.PersonByEmail(email); !ok || id != "raj" {
		t.Fatalf("the user's e-mail names %q", id)
	}
}

func savesAnEditAsOneCommit(t *testing.T, st ui.Store) {
	g := contractGoal(t, st)
	n := edited(g, func(n *model.Goal) { n.Title += " (v2)" })
	c := mustSave(t, st, model.Edit{Old: g, New: n})
	if head(t, st) != c {
		t.Errorf("head %s after committing %s", head(t, st), c)
	}
	if got := load(t, st).Goals[g.ID].Title; got != n.Title {
		t.Errorf("title after the save: %q", got)
	}
	es, err := st.History(model.KindGoal, g.ID, model.HistoryOptions{Limit: 1})
	if err != nil || len(es) != 1 {
		t.Fatalf("last change: %v, %v", es, err)
	}
	want, _, _ := strings.Cut(model.CommitMessage(g, n), "\n")
	if e := es[0]; e.Commit.Hash != c || e.Op != model.HistoryEdited || subject(e) != want ||
		len(e.Changes) != 1 || e.Changes[0].Field != "title" || e.Commit.Author != "Raj Patel" {
		t.Errorf("last change: %s %s %q by %s, changes %+v; want %s edited %q", e.Commit.Hash, e.Op, subject(e),
			e.Commit.Author, e.Changes, c, want)
	}
	// The same edit again changes nothing.
	if again, err := st.Save("", []model.Edit{{Old: n, New: n}}); again != "" || err != nil {
		t.Errorf("saving what is there: commit %q, %v", again, err)
	}
}

func saveMergesAnotherWritersChange(t *testing.T, st ui.Store) {
	g := contractGoal(t, st)
	owner := otherPerson(t, st, g.Owner)
	mustSave(t, st, model.Edit{Old: g, New: edited(g, func(n *model.Goal) { n.Owner = owner })})
	// A form opened before that save changes the title only.
	mustSave(t, st, model.Edit{Old: g, New: edited(g, func(n *model.Goal) { n.Title = "Merged title" })})
	if now := load(t, st).Goals[g.ID]; now.Owner != owner || now.Title != "Merged title" {
		t.Errorf("after both saves: owner %q, title %q; want both changes", now.Owner, now.Title)
	}
}

func refusesASaveThatConflicts(t *testing.T, st ui.Store) {
	g := contractGoal(t, st)
	mustSave(t, st, model.Edit{Old: g, New: edited(g, func(n *model.Goal) { n.Title = "Theirs" })})
	before := head(t, st)
	c, err := st.Save("", []model.Edit{{Old: g, New: edited(g, func(n *model.Goal) { n.Title = "Ours" })}})
	if err == nil || c != "" || !strings.Contains(err.Error(), "title") {
		t.Fatalf("a field both changed: commit %q, error %v; want an error naming title", c, err)
	}
	if head(t, st) != before || load(t, st).Goals[g.ID].Title != "Theirs" {
		t.Error("the refused save changed something")
	}
	// Creating what exists, deleting what changed: refused too.
	if _, err := st.Save("", []model.Edit{{New: g}}); err == nil {
		t.Error("creating a record that exists was not refused")
	}
	if _, err := st.Save("", []model.Edit{{Old: g}}); err == nil {
		t.Error("deleting a record changed since was not refused")
	}
	if head(t, st) != before {
		t.Error("a refused save committed")
	}
}

func undoRevertsACommitUnlessItChangedSince(t *testing.T, st ui.Store) {
	g := contractGoal(t, st)
	n := edited(g, func(n *model.Goal) { n.Title = "To be undone" })
	c := mustSave(t, st, model.Edit{Old: g, New: n})
	u, err := st.Revert(c)
	if err != nil || u == "" {
		t.Fatalf("undo: %q, %v", u, err)
	}
	if got := load(t, st).Goals[g.ID].Title; got != g.Title {
		t.Errorf("title after undo: %q, want %q", got, g.Title)
	}
	es, _ := st.History(model.KindGoal, g.ID, model.HistoryOptions{Limit: 1})
	if len(es) != 1 || es[0].Commit.Hash != u || !strings.HasPrefix(subject(es[0]), "undo: ") {
		t.Errorf("the undo's commit: %+v", es)
	}
	// Redo is the undo reverted, by a commit of its own.
	r, err := st.Revert(u)
	if err != nil || r == "" {
		t.Fatalf("redo: %q, %v", r, err)
	}
	if got := load(t, st).Goals[g.ID].Title; got != "To be undone" {
		t.Errorf("title after redo: %q, want %q", got, "To be undone")
	}
	es, _ = st.History(model.KindGoal, g.ID, model.HistoryOptions{Limit: 1})
	if len(es) != 1 || es[0].Commit.Hash != r || !strings.HasPrefix(subject(es[0]), "redo: goal(") {
		t.Errorf("the redo's commit: %+v", es)
	}
	g = load(t, st).Goals[g.ID]
	n = edited(g, func(n *model.Goal) { n.Title = "To be undone again" })
	// A commit whose record changed since is not undone.
	c = mustSave(t, st, model.Edit{Old: g, New: n})
	mustSave(t, st, model.Edit{Old: n, New: edited(n, func(n *model.Goal) { n.Owner = otherPerson(t, st, g.Owner) })})
	before := head(t, st)
	if u, err := st.Revert(c); err == nil || u != "" || head(t, st) != before {
		t.Errorf("undoing a commit whose record changed since: %q, %v", u, err)
	}
}

// listsDraftsWhileTheirTextIsThere: a draft recorded is listed until it
// is forgotten or its file goes; a file not named as a draft's is refused.
func listsDraftsWhileTheirTextIsThere(t *testing.T, st ui.Store) {
	g := contractGoal(t, st)
	pattern, err := model.DraftFilePattern(model.KindGoal, g.ID)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := make([]string, 2)
	for i := range files {
		f, err := os.CreateTemp(dir, pattern)
		if err != nil {
			t.Fatal(err)
		}
		f.Close()
		files[i] = f.Name()
		if err := st.RecordDraft(model.Draft{Kind: model.KindGoal, ID: g.ID, File: f.Name(), Was: []byte("was"), Started: uitest.Today}); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.RecordDraft(model.Draft{Kind: model.KindGoal, ID: g.ID, File: filepath.Join(dir, "notes.yaml")}); err == nil {
		t.Error("a file not named as a draft's was listed")
	}
	if ds, err := st.Drafts(); err != nil || len(ds) != 2 || ds[0].File != files[0] || string(ds[1].Was) != "was" {
		t.Fatalf("Drafts() = %+v, %v", ds, err)
	}
	if err := st.ForgetDraft(files[0]); err != nil {
		t.Fatal(err)
	}
	os.Remove(files[1])
	if ds, err := st.Drafts(); err != nil || len(ds) != 0 {
		t.Fatalf("after one forgotten and one removed: %+v, %v", ds, err)
	}
}

// withLine is data with every line that starts with prefix replaced.
func withLine(data []byte, prefix, line string) []byte {
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			lines[i] = line
		}
	}
	return []byte(strings.Join(lines, "\n"))
}

func recordFilesRoundTrip(t *testing.T, st ui.Store) {
	g := contractGoal(t, st)
	path, was, err := st.RecordFile(model.KindGoal, g.ID)
	if want, _ := model.PathOf(model.KindGoal, g.ID); err != nil || path != want {
		t.Fatalf("RecordFile: %s, %v; want %s", path, err, want)
	}
	if r, err := st.ParseRecordFile(model.KindGoal, g.ID, was); err != nil || len(model.Diff(g, r)) > 0 {
		t.Fatalf("the file as read does not decode to the record: %v", err)
	}
	text := append([]byte("# kept as typed\n"), withLine(was, "title:", "title: Typed in an editor")...)
	c, err := st.SaveRecordFile(model.KindGoal, g.ID, text, was, "")
	if err != nil || c == "" {
		t.Fatalf("SaveRecordFile: %q, %v", c, err)
	}
	if _, now, _ := st.RecordFile(model.KindGoal, g.ID); string(now) != string(text) {
		t.Errorf("the file is not what was saved, byte for byte:\n%s", now)
	}
	if got := load(t, st).Goals[g.ID].Title; got != "Typed in an editor" {
		t.Errorf("title after the save: %q", got)
	}
	if c, err := st.SaveRecordFile(model.KindGoal, g.ID, text, text, ""); c != "" || err != nil {
		t.Errorf("saving the file as it is: %q, %v", c, err)
	}
	// Only a comment: a commit that changes no field.
	more := append(text, "# and a note\n"...)
	c, err = st.SaveRecordFile(model.KindGoal, g.ID, more, text, "")
	es, _ := st.History(model.KindGoal, g.ID, model.HistoryOptions{Limit: 1})
	if err != nil || len(es) != 1 || es[0].Commit.Hash != c || len(es[0].Changes) != 0 ||
		subject(es[0]) != fmt.Sprintf("goal(%s): edit comments and layout", g.ID) {
		t.Errorf("a comment's commit: %q, %v, %+v", c, err, es)
	}
	// Text begun from an older file is refused, writing nothing.
	before := head(t, st)
	if c, err := st.SaveRecordFile(model.KindGoal, g.ID, withLine(was, "title:", "title: Stale"), was, ""); err == nil || c != "" || head(t, st) != before {
		t.Errorf("a save over a file changed since: %q, %v", c, err)
	}
	// Errors name the line.
	if _, err := st.ParseRecordFile(model.KindGoal, g.ID, append(slices.Clone(more), "ownr: mei\n"...)); err == nil ||
		!strings.Contains(err.Error(), fmt.Sprintf("line %d", strings.Count(string(more), "\n")+1)) {
		t.Errorf("an unknown field: %v", err)
	}
	if _, err := st.ParseRecordFile(model.KindGoal, g.ID, withLine(more, "id:", "id: GOAL-00000000")); err == nil {
		t.Error("a changed id was accepted")
	}
}

func historyAndBlame(t *testing.T, st ui.Store) {
	if err := st.IndexHistory(); err != nil {
		t.Fatal(err)
	}
	d := contractDecision(t, load(t, st))
	es, err := st.History(model.KindDecision, d.ID, model.HistoryOptions{})
	if err != nil || len(es) < 2 {
		t.Fatalf("history: %d entries, %v", len(es), err)
	}
	for i := 1; i < len(es); i++ {
		if es[i].Commit.Date.After(es[i-1].Commit.Date) {
			t.Errorf("entry %d is newer than the one before it", i)
		}
	}
	if es[len(es)-1].Op != model.HistoryCreated {
		t.Errorf("the first entry is %s, want created", es[len(es)-1].Op)
	}
	fs, err := st.Blame(model.KindDecision, d.ID)
	if err != nil || len(fs) == 0 {
		t.Fatalf("blame: %v, %v", fs, err)
	}
	for _, f := range fs {
		if !slices.ContainsFunc(es, func(e model.HistoryEntry) bool { return e.Commit.Hash == f.Commit.Hash }) {
			t.Errorf("blame of %s names %s, which is not in the history", f.Field, f.Commit.Hash)
		}
	}
}

// contractDecision is a decision of the demo that changed after it was
// made.
func contractDecision(t *testing.T, o *model.Org) *model.Decision {
	t.Helper()
	for _, id := range o.IDs(model.KindDecision) {
		if d := o.Decisions[id]; d.Status == model.DecisionAccepted && d.Supersedes != "" {
			return d
		}
	}
	t.Fatal("no accepted decision that supersedes another")
	return nil
}

// The fake's history of the demo is the real one: the same commits, in
// the same order, by the same people, with the same changes.
func fakeHistoryMatchesTheRepository(t *testing.T, fake, real ui.Store) {
	o := load(t, fake)
	ids := []string{contractDecision(t, o).ID, contractGoal(t, fake).ID}
	for _, id := range ids {
		r, _ := o.Get(id)
		want, err := real.History(r.RecordKind(), id, model.HistoryOptions{})
		if err != nil {
			t.Fatal(err)
		}
		got, _ := fake.History(r.RecordKind(), id, model.HistoryOptions{})
		if len(got) != len(want) {
			t.Fatalf("%s: the fake has %d entries, the repository %d", id, len(got), len(want))
		}
		for i := range want {
			g, w := got[i], want[i]
			if g.Op != w.Op || subject(g) != subject(w) || g.Commit.Author != w.Commit.Author ||
				g.Commit.Email != w.Commit.Email || !g.Commit.Date.Equal(w.Commit.Date) || !slices.Equal(fields(g), fields(w)) {
				t.Errorf("%s entry %d: fake %s %q by %s <%s> on %v %v; repository %s %q by %s <%s> on %v %v", id, i,
					g.Op, subject(g), g.Commit.Author, g.Commit.Email, g.Commit.Date, fields(g),
					w.Op, subject(w), w.Commit.Author, w.Commit.Email, w.Commit.Date, fields(w))
			}
		}
		gb, _ := fake.Blame(r.RecordKind(), id)
		wb, _ := real.Blame(r.RecordKind(), id)
		if len(gb) != len(wb) {
			t.Fatalf("%s: blame of %d fields in the fake, %d in the repository", id, len(gb), len(wb))
		}
		for i := range wb {
			if gb[i].Field != wb[i].Field || gb[i].Value != wb[i].Value || gb[i].Commit.Message != wb[i].Commit.Message {
				t.Errorf("%s blame %s: fake %q from %q; repository %q from %q", id, wb[i].Field,
					gb[i].Value, gb[i].Commit.Message, wb[i].Value, wb[i].Commit.Message)
			}
		}
	}
}

func fields(e model.HistoryEntry) []string {
	var out []string
	for _, c := range e.Changes {
		out = append(out, c.Field)
	}
	return out
}

func withoutARemote(t *testing.T, st ui.Store) {
	if s := st.SyncStatus(); s.Remote != "" || s.Conflicts != 0 {
		t.Errorf("status without a remote: %+v", s)
	}
	if _, err := st.Synchronize(context.Background(), ""); err == nil {
		t.Error("a sync without a remote did not fail")
	}
	if cs, err := st.Conflicts(); len(cs) != 0 || err != nil {
		t.Errorf("conflicts without a sync: %v, %v", cs, err)
	}
	if _, err := st.Resolve("GOAL-00000000", "title", "ours", ""); err == nil {
		t.Error("resolving with no merge session did not fail")
	}
}

// keepsTheClonesOwnNotesOutOfCommits: the inbox's "since I last looked"
// marks and the private stakeholder map are read back as written, per
// reader, and neither moves HEAD.
func keepsTheClonesOwnNotesOutOfCommits(t *testing.T, st ui.Store) {
	before := head(t, st)
	if seen, err := st.InboxSeen("raj"); err != nil || len(seen) != 0 {
		t.Fatalf("a reader who never looked has marks %v (err %v)", seen, err)
	}
	mark := map[string]string{"DEC-AAAAAAAA": "accepted"}
	if err := st.SetInboxSeen("raj", mark); err != nil {
		t.Fatal(err)
	}
	if seen, err := st.InboxSeen("raj"); err != nil || !maps.Equal(seen, mark) {
		t.Fatalf("raj's marks read back as %v (err %v), want %v", seen, err, mark)
	}
	if seen, _ := st.InboxSeen("mei"); len(seen) != 0 {
		t.Fatalf("raj's marks show for mei: %v", seen)
	}
	m := demo.NorthwindStakeholders(uitest.Today)
	if err := st.WriteStakeholders(&m, ""); err != nil {
		t.Fatal(err)
	}
	if enc, err := st.StakeholdersEncrypted(); err != nil || enc {
		t.Fatalf("a map written without a secret is encrypted: %v (err %v)", enc, err)
	}
	got, err := st.OpenStakeholders("")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Stakeholders, m.Stakeholders) {
		t.Fatalf("the map read back differs:\n%+v\nwant\n%+v", got.Stakeholders, m.Stakeholders)
	}
	if h := head(t, st); h != before {
		t.Fatalf("writing the clone's own notes moved HEAD from %s to %s", before, h)
	}
}
