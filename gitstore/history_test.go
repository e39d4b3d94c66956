package gitstore

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/demo"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

var histStart = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)

// histRepo makes a data repository whose commits are dated one day apart,
// starting on 2026-11-01 (the set-up commit).
func histRepo(t *testing.T) *Store {
	t.Helper()
	s, err := initRepo(t.TempDir(), []Option{WithAuthor(rajSig)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	day := 0
	s.Now = func() time.Time {
		d := histStart.AddDate(0, 0, day)
		day++
		return d
	}
	cfg, _ := Encode(&model.Config{Org: "Northwind Labs", Schema: model.SchemaVersion})
	if _, err := s.Commit(Change{Put: []File{{Path: model.ConfigPath, Data: cfg}}, Message: "org: set up Northwind Labs"}); err != nil {
		t.Fatal(err)
	}
	return s
}

func histHead(t *testing.T, s *Store) plumbing.Hash {
	t.Helper()
	h, err := s.Head()
	if err != nil {
		t.Fatal(err)
	}
	return plumbing.NewHash(h)
}

func histCreate(t *testing.T, s *Store, r model.Record) plumbing.Hash {
	t.Helper()
	if _, err := s.Create(r); err != nil {
		t.Fatal(err)
	}
	return histHead(t, s)
}

func histEdit(t *testing.T, s *Store, k model.Kind, id string, edit func(model.Record)) plumbing.Hash {
	t.Helper()
	if _, err := s.Update(k, id, func(r model.Record) error { edit(r); return nil }); err != nil {
		t.Fatal(err)
	}
	return histHead(t, s)
}

// histRawCommit writes a commit from objects: parents[0]'s tree with the
// files put (raw bytes) and removed, by mei on the given date. The branch
// does not move.
func histRawCommit(t *testing.T, s *Store, parents []plumbing.Hash, put map[string]string, del []string, msg string, when time.Time) plumbing.Hash {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	var base plumbing.Hash
	if len(parents) > 0 {
		c, err := s.repo.CommitObject(parents[0])
		if err != nil {
			t.Fatal(err)
		}
		base = c.TreeHash
	}
	tb := newTreeBuilder(s, base)
	for p, data := range put {
		h, err := s.writeBlob([]byte(data))
		if err != nil {
			t.Fatal(err)
		}
		if err := tb.set(p, h); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range del {
		if err := tb.set(p, plumbing.ZeroHash); err != nil {
			t.Fatal(err)
		}
	}
	tree, err := tb.write()
	if err != nil {
		t.Fatal(err)
	}
	sig := object.Signature{Name: "Mei Lin", Email: "mei@northwind.example", When: when}
	c := &object.Commit{Author: sig, Committer: sig, Message: msg + "\n", TreeHash: tree, ParentHashes: parents}
	obj := s.repo.Storer.NewEncodedObject()
	if err := c.Encode(obj); err != nil {
		t.Fatal(err)
	}
	h, err := s.repo.Storer.SetEncodedObject(obj)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// histSetBranch points a branch at a commit (main moves HEAD).
func histSetBranch(t *testing.T, s *Store, branch string, h plumbing.Hash) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.repo.Storer.SetReference(plumbing.NewHashReference(plumbing.NewBranchReferenceName(branch), h)); err != nil {
		t.Fatal(err)
	}
}

func encodeRec(t *testing.T, r model.Record) string {
	t.Helper()
	data, err := Encode(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func commitsOf(entries []model.HistoryEntry) []string {
	var out []string
	for _, e := range entries {
		out = append(out, e.Commit.Hash)
	}
	return out
}

func opsOf(entries []model.HistoryEntry) []model.HistoryOp {
	var out []model.HistoryOp
	for _, e := range entries {
		out = append(out, e.Op)
	}
	return out
}

func hasChange(cs []model.Change, field, from, to string) bool {
	return slices.Contains(cs, model.Change{Field: field, From: from, To: to})
}

func blameOf(fields []model.FieldBlame, field string) string {
	for _, f := range fields {
		if f.Field == field {
			return f.Commit.Hash
		}
	}
	return ""
}

const decID = "DEC-2HV9PMQ4"

func decision(title string) *model.Decision {
	return &model.Decision{ID: decID, Title: title, Status: model.DecisionProposed, Driver: "raj",
		Options: []model.Option{{ID: "cap50", Title: "50 MB cap"}, {ID: "direct", Title: "Direct upload"}}}
}

// A walk through one record's life, each entry checked as it goes: gocyclo
// counts every check as a branch.
func TestHistoryFollowsARecordThroughEditsDeletionAndRestore(t *testing.T) {
	t.Parallel()
	s := histRepo(t)
	created := histCreate(t, s, decision("Cap CSV uploads at 50 MB"))
	accepted := histEdit(t, s, model.KindDecision, decID, func(r model.Record) {
		d := r.(*model.Decision)
		d.Status, d.Approver = model.DecisionAccepted, "mei"
		d.Outcome = &model.Outcome{Chosen: "cap50", Rationale: "Unblocks the wizard now."}
	})
	retitled := histEdit(t, s, model.KindDecision, decID, func(r model.Record) {
		r.(*model.Decision).Title = "Cap CSV uploads at 50 MB and stream them"
	})
	if _, err := s.Transact("decision(DEC-2HV9PMQ4): delete", func(tx *Tx) error { return tx.Delete(model.KindDecision, decID) }); err != nil {
		t.Fatal(err)
	}
	deleted := histHead(t, s)
	restoredRec := decision("Upload straight to object storage")
	restored := histCreate(t, s, restoredRec)
	edited := histEdit(t, s, model.KindDecision, decID, func(r model.Record) {
		r.(*model.Decision).Options = []model.Option{{ID: "direct", Title: "Direct upload"}, {ID: "s3", Title: "Signed S3 upload"}}
	})
	// Another record's commits are not in this one's history.
	histCreate(t, s, goal("GOAL-7K3FQ2M1", "Median days to first dashboard"))

	h, err := s.History(model.KindDecision, decID, model.HistoryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{edited.String(), restored.String(), deleted.String(), retitled.String(), accepted.String(), created.String()}
	if got := commitsOf(h); !reflect.DeepEqual(got, want) {
		t.Fatalf("history commits:\n%v\nwant\n%v", got, want)
	}
	if got, want := opsOf(h), []model.HistoryOp{model.HistoryEdited, model.HistoryRestored, model.HistoryDeleted, model.HistoryEdited, model.HistoryEdited, model.HistoryCreated}; !reflect.DeepEqual(got, want) {
		t.Errorf("ops = %v, want %v", got, want)
	}
	acc := h[4]
	if !hasChange(acc.Changes, "status", "proposed", "accepted") || !hasChange(acc.Changes, "outcome.chosen", "", "cap50") ||
		!hasChange(acc.Changes, "approver", "", "mei") {
		t.Errorf("acceptance changes = %v", acc.Changes)
	}
	if acc.Old.(*model.Decision).Status != "proposed" || acc.New.(*model.Decision).Status != "accepted" {
		t.Errorf("acceptance old/new = %v / %v", acc.Old, acc.New)
	}
	if !hasChange(h[3].Changes, "title", "Cap CSV uploads at 50 MB", "Cap CSV uploads at 50 MB and stream them") {
		t.Errorf("title change = %v", h[3].Changes)
	}
	if h[2].New != nil || h[2].Old == nil || h[1].Old != nil || h[1].New.RecordTitle() != restoredRec.Title {
		t.Errorf("delete/restore versions wrong: %+v / %+v", h[2], h[1])
	}
	if !hasChange(h[0].Changes, "options[cap50].id", "cap50", "") || !hasChange(h[0].Changes, "options[s3].title", "", "Signed S3 upload") {
		t.Errorf("option changes = %v", h[0].Changes)
	}
	for _, e := range h {
		if e.Commit.Author != "Raj Patel" || e.Commit.Email != "raj@northwind.example" || e.Problem != "" {
			t.Errorf("entry %s: author %+v problem %q", e.Commit.Short(), e.Commit.Author, e.Problem)
		}
	}
	if got := h[4].Commit.Date.Format(time.DateOnly); got != "2026-11-03" {
		t.Errorf("acceptance dated %s, want 2026-11-03", got)
	}
	if !strings.HasPrefix(h[4].Commit.Subject(), "decision(DEC-2HV9PMQ4): proposed → accepted") {
		t.Errorf("subject = %q", h[4].Commit.Subject())
	}

	limited, err := s.History(model.KindDecision, decID, model.HistoryOptions{Limit: 2})
	if err != nil || len(limited) != 2 || limited[1].Op != model.HistoryRestored {
		t.Errorf("limit 2: %v %v", opsOf(limited), err)
	}
	older, err := s.History(model.KindDecision, decID, model.HistoryOptions{Rev: retitled.String()})
	if err != nil || !reflect.DeepEqual(commitsOf(older), want[3:]) {
		t.Errorf("history from %s = %v %v", retitled, commitsOf(older), err)
	}
	none, err := s.History(model.KindDecision, "DEC-0000000A", model.HistoryOptions{})
	if err != nil || len(none) != 0 {
		t.Errorf("a record that never existed: %v %v", none, err)
	}

	// Blame: fields set after the restore belong to the restore, not to the
	// version that was deleted; the edit after it owns the options.
	b, err := s.Blame(model.KindDecision, decID)
	if err != nil {
		t.Fatal(err)
	}
	for field, c := range map[string]plumbing.Hash{"title": restored, "status": restored, "driver": restored,
		"options[direct].title": restored, "options[s3].title": edited, "options[s3].id": edited} {
		if got := blameOf(b, field); got != c.String() {
			t.Errorf("blame %s = %s, want %s", field, got, c)
		}
	}
	if len(b) != len(model.Flatten(h[0].New)) {
		t.Errorf("blame lists %d fields, want one per field of the current version (%d)", len(b), len(model.Flatten(h[0].New)))
	}

	// The record as it was.
	r, err := s.RecordAt(model.KindDecision, decID, retitled.String()[:10])
	if err != nil || r.RecordTitle() != "Cap CSV uploads at 50 MB and stream them" {
		t.Errorf("RecordAt retitled = %v, %v", r, err)
	}
	if _, err := s.RecordAt(model.KindDecision, decID, deleted.String()); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "did not exist") {
		t.Errorf("RecordAt deleted: %v", err)
	}
}

// Both sides of a merge and the merge itself, each checked as it goes:
// gocyclo counts every check as a branch.
func TestHistoryThroughAMergeCommit(t *testing.T) {
	t.Parallel()
	s := histRepo(t)
	const gid = "GOAL-7K3FQ2M1"
	created := histCreate(t, s, goal(gid, "Median days to first dashboard"))
	base := created
	// Main retitles the goal; a second line of work (another clone) sets
	// its owner and records a decision; the merge keeps both.
	mainEdit := histEdit(t, s, model.KindGoal, gid, func(r model.Record) { r.(*model.Goal).Title = "Days to first dashboard" })
	gpath, _ := model.PathOf(model.KindGoal, gid)
	dpath, _ := model.PathOf(model.KindDecision, decID)
	side := goal(gid, "Median days to first dashboard")
	side.Owner = "mei"
	sideEdit := histRawCommit(t, s, []plumbing.Hash{base}, map[string]string{gpath: encodeRec(t, side), dpath: encodeRec(t, decision("Cap uploads"))},
		nil, "goal(GOAL-7K3FQ2M1): owner set to mei", histStart.AddDate(0, 0, 10))
	merged := goal(gid, "Days to first dashboard")
	merged.Owner = "mei"
	merge := histRawCommit(t, s, []plumbing.Hash{mainEdit, sideEdit}, map[string]string{gpath: encodeRec(t, merged), dpath: encodeRec(t, decision("Cap uploads"))},
		nil, "accord: merge", histStart.AddDate(0, 0, 11))
	histSetBranch(t, s, "main", merge)
	histSetBranch(t, s, "side", sideEdit)

	h, err := s.History(model.KindGoal, gid, model.HistoryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{merge.String(), sideEdit.String(), mainEdit.String(), created.String()}
	if got := commitsOf(h); !reflect.DeepEqual(got, want) {
		t.Fatalf("goal history:\n%v\nwant\n%v", got, want)
	}
	if !h[0].Commit.IsMerge() || !hasChange(h[0].Changes, "owner", "", "mei") || len(h[0].Changes) != 1 {
		t.Errorf("merge entry: merge=%v changes=%v (want owner against the first parent)", h[0].Commit.IsMerge(), h[0].Changes)
	}
	if h[1].Commit.Author != "Mei Lin" || !hasChange(h[1].Changes, "owner", "", "mei") {
		t.Errorf("side entry = %+v", h[1])
	}

	// The decision came from the side branch; the merge took it unchanged,
	// so only the side commit created it.
	dh, err := s.History(model.KindDecision, decID, model.HistoryOptions{})
	if err != nil || !reflect.DeepEqual(commitsOf(dh), []string{sideEdit.String()}) || dh[0].Op != model.HistoryCreated {
		t.Errorf("decision history = %v %v", commitsOf(dh), err)
	}

	// Blame follows each value into the parent it came from.
	b, err := s.Blame(model.KindGoal, gid)
	if err != nil {
		t.Fatal(err)
	}
	for field, c := range map[string]plumbing.Hash{"title": mainEdit, "owner": sideEdit, "level": created, "id": created} {
		if got := blameOf(b, field); got != c.String() {
			t.Errorf("blame %s = %s, want %s", field, got, c)
		}
	}

	// A field the merge itself resolved belongs to the merge.
	resolved := goal(gid, "Median days to a first dashboard")
	resolved.Owner = "mei"
	merge2 := histRawCommit(t, s, []plumbing.Hash{merge, sideEdit}, map[string]string{gpath: encodeRec(t, resolved)}, nil,
		"accord: merge, title resolved", histStart.AddDate(0, 0, 12))
	histSetBranch(t, s, "main", merge2)
	b, err = s.Blame(model.KindGoal, gid)
	if err != nil {
		t.Fatal(err)
	}
	if blameOf(b, "title") != merge2.String() || blameOf(b, "owner") != sideEdit.String() {
		t.Errorf("after a resolving merge: title %s owner %s", blameOf(b, "title"), blameOf(b, "owner"))
	}

	// Revisions, commits between and changes between.
	for rev, wantHash := range map[string]plumbing.Hash{"side": sideEdit, "main": merge2, "HEAD~1": merge, "HEAD^2": sideEdit,
		merge.String()[:8]: merge, "2026-11-12": merge, "2026-11-30": merge2} {
		got, err := s.ResolveRev(rev)
		if err != nil || got != wantHash.String() {
			t.Errorf("ResolveRev(%q) = %s, %v; want %s", rev, got, err, wantHash)
		}
	}
	between, err := s.CommitsBetween(created.String(), merge.String())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range between {
		got = append(got, c.Hash)
	}
	if want := []string{merge.String(), sideEdit.String(), mainEdit.String()}; !reflect.DeepEqual(got, want) {
		t.Errorf("commits between:\n%v\nwant\n%v", got, want)
	}
	all, err := s.CommitsBetween("", "HEAD")
	if err != nil || len(all) != 6 {
		t.Errorf("all commits: %d %v", len(all), err)
	}
	changes, problems, err := s.ChangedBetween(created.String(), merge.String())
	if err != nil || len(problems) != 0 || len(changes) != 2 {
		t.Fatalf("changed between: %+v %v %v", changes, problems, err)
	}
	if c := changes[0]; c.ID != decID || c.Old != nil || c.New == nil || c.Kind != model.KindDecision {
		t.Errorf("first change = %+v", c)
	}
	if c := changes[1]; c.ID != gid || c.Old.RecordTitle() != "Median days to first dashboard" || c.New.(*model.Goal).Owner != "mei" {
		t.Errorf("second change = %+v", c)
	}
}

func TestHistoryReportsAnUnreadableVersionAndGoesOn(t *testing.T) {
	t.Parallel()
	s := histRepo(t)
	const gid = "GOAL-7K3FQ2M1"
	created := histCreate(t, s, goal(gid, "Median days to first dashboard"))
	histCreate(t, s, goal("GOAL-4M2QX7A9", "Cut time-to-first-value"))
	gpath, _ := model.PathOf(model.KindGoal, gid)
	broken := histRawCommit(t, s, []plumbing.Hash{histHead(t, s)}, map[string]string{gpath: "id: GOAL-7K3FQ2M1\ntitle: x\ntitle: y\n"}, nil,
		"hand edit", histStart.AddDate(0, 0, 5))
	fixed := goal(gid, "Days to first dashboard")
	fixedCommit := histRawCommit(t, s, []plumbing.Hash{broken}, map[string]string{gpath: encodeRec(t, fixed)}, nil, "fix", histStart.AddDate(0, 0, 6))
	histSetBranch(t, s, "main", fixedCommit)

	h, err := s.History(model.KindGoal, gid, model.HistoryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := commitsOf(h), []string{fixedCommit.String(), broken.String(), created.String()}; !reflect.DeepEqual(got, want) {
		t.Fatalf("history = %v, want %v", got, want)
	}
	if !strings.Contains(h[1].Problem, "could not be read") || !strings.Contains(h[1].Problem, "duplicate key") || h[1].New != nil || h[1].Changes != nil {
		t.Errorf("broken entry: %+v", h[1])
	}
	if !strings.Contains(h[0].Problem, "version before could not be read") || !hasChange(h[0].Changes, "title", "", "Days to first dashboard") {
		t.Errorf("fixing entry: %+v", h[0])
	}
	if _, err := s.Blame(model.KindGoal, gid); err != nil {
		t.Errorf("blame across an unreadable version: %v", err)
	}
	org, err := s.OrgAt(broken.String())
	if err != nil {
		t.Fatal(err)
	}
	if len(org.Problems) != 1 || org.Problems[0].File != gpath || org.Goals["GOAL-4M2QX7A9"] == nil || org.Goals[gid] != nil {
		t.Errorf("org at the broken commit: problems %v, goals %v", org.Problems, org.IDs(model.KindGoal))
	}
	if _, err := s.RecordAt(model.KindGoal, gid, broken.String()); !errors.Is(err, ErrUnreadable) {
		t.Errorf("RecordAt broken: %v", err)
	}
	_, problems, err := s.ChangedBetween(created.String(), broken.String())
	if err != nil || len(problems) != 1 || problems[0].ID != gid {
		t.Errorf("changed between, unreadable side: %v %v", problems, err)
	}
}

func TestResolveRev(t *testing.T) {
	t.Parallel()
	s := histRepo(t)
	first := histHead(t, s) // 2026-11-01
	second := histCreate(t, s, goal("GOAL-7K3FQ2M1", "Median days to first dashboard"))
	third := histEdit(t, s, model.KindGoal, "GOAL-7K3FQ2M1", func(r model.Record) { r.(*model.Goal).Owner = "raj" })
	s.mu.Lock()
	_, err1 := s.repo.CreateTag("v1", second, nil)
	_, err2 := s.repo.CreateTag("q4-review", third, &git.CreateTagOptions{Message: "Q4 review",
		Tagger: &object.Signature{Name: "Mei", Email: "mei@northwind.example", When: histStart}})
	s.mu.Unlock()
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	for rev, want := range map[string]plumbing.Hash{"HEAD": third, "": third, "main": third, "v1": second, "q4-review": third,
		third.String(): third, third.String()[:7]: third, "HEAD~2": first,
		"2026-11-01": first, "2026-11-02": second, "2026-11-03": third, "2027-01-01": third} {
		got, err := s.ResolveRev(rev)
		if err != nil || got != want.String() {
			t.Errorf("ResolveRev(%q) = %s, %v; want %s", rev, got, err, want)
		}
	}
	for _, rev := range []string{"nope", "2026-10-31", "HEAD~9", "0000000"} {
		if _, err := s.ResolveRev(rev); !errors.Is(err, ErrNotFound) {
			t.Errorf("ResolveRev(%q): %v, want ErrNotFound", rev, err)
		}
	}
	if _, err := s.ResolveRev("2026-10-31"); err == nil || !strings.Contains(err.Error(), "starts on 2026-11-01") {
		t.Errorf("a date before the history: %v", err)
	}
	info, err := s.LookupCommit("v1")
	if err != nil || info.Subject() != `goal(GOAL-7K3FQ2M1): create "Median days to first dashboard"` || len(info.Parents) != 1 {
		t.Errorf("LookupCommit(v1) = %+v, %v", info, err)
	}
}

func TestHistoryIndexIsKeptExtendedAndRebuilt(t *testing.T) {
	t.Parallel()
	s := histRepo(t)
	const gid = "GOAL-7K3FQ2M1"
	histCreate(t, s, goal(gid, "Median days to first dashboard"))
	first, err := s.History(model.KindGoal, gid, model.HistoryOptions{})
	if err != nil || len(first) != 1 {
		t.Fatal(first, err)
	}
	file := filepath.Join(s.gitDir, historyIndexName)
	if _, err := os.Stat(file); err != nil {
		t.Fatalf("no history index written: %v", err)
	}
	os.Remove(file)
	if err := s.IndexHistory(); err != nil {
		t.Fatal(err)
	}
	if got := len(s.readHistoryIndex().commits); got != 2 {
		t.Errorf("IndexHistory indexed %d commits, want 2", got)
	}
	// New commits are indexed on the next call.
	histEdit(t, s, model.KindGoal, gid, func(r model.Record) { r.(*model.Goal).Owner = "raj" })
	second, err := s.History(model.KindGoal, gid, model.HistoryOptions{})
	if err != nil || len(second) != 2 || !hasChange(second[0].Changes, "owner", "", "raj") {
		t.Fatalf("after a new commit: %v %v", second, err)
	}
	if got := len(s.readHistoryIndex().commits); got != 3 {
		t.Errorf("index holds %d commits, want 3", got)
	}
	// A damaged index is rebuilt, with the same answer.
	for _, damage := range [][]byte{[]byte("garbage"), nil} {
		data, _ := os.ReadFile(file)
		if damage == nil {
			damage = data[:len(data)-7]
		}
		if err := os.WriteFile(file, damage, 0o644); err != nil {
			t.Fatal(err)
		}
		again, err := s.History(model.KindGoal, gid, model.HistoryOptions{})
		if err != nil || !reflect.DeepEqual(commitsOf(again), commitsOf(second)) {
			t.Errorf("after damage %q…: %v %v", damage[:min(len(damage), 8)], commitsOf(again), err)
		}
	}
}

// On a generated linear history, every record's history is exactly what
// git log -- path lists, its newest version is what Load reads, and
// building the index on several workers gives the same index as one.
// Not parallel: it changes historyCommitsPerWorker for a while.
func TestHistoryMatchesGitLogOnAGeneratedHistory(t *testing.T) {
	dir := t.TempDir()
	cfg, commits := demo.Synthetic(300, 120, 7, histStart)
	s, err := WriteHistory(dir, cfg, commits)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	org, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, k := range model.Kinds {
		ids := org.IDs(k)
		for i := 0; i < len(ids); i += max(1, len(ids)/6) {
			id := ids[i]
			p, _ := model.PathOf(k, id)
			h, err := s.History(k, id, model.HistoryOptions{})
			if err != nil {
				t.Fatal(err)
			}
			want := strings.Fields(gitCmd(t, dir, "log", "--format=%H", "--", p))
			if got := commitsOf(h); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: history %v\ngit log %v", id, got, want)
				continue
			}
			cur, _ := org.Get(id)
			if d := model.Diff(h[0].New, cur); len(d) != 0 || h[len(h)-1].Op != model.HistoryCreated {
				t.Errorf("%s: newest version differs from the worktree by %v, or oldest op %s", id, d, h[len(h)-1].Op)
			}
			b, err := s.Blame(k, id)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range b {
				if !slices.Contains(want, f.Commit.Hash) {
					t.Errorf("%s: %s blamed on %s, which did not touch it", id, f.Field, f.Commit.Short())
				}
			}
			checked++
		}
	}
	if checked < 20 {
		t.Errorf("checked only %d records", checked)
	}

	serial := s.readHistoryIndex()
	os.Remove(filepath.Join(s.gitDir, historyIndexName))
	defer func(n int) { historyCommitsPerWorker = n }(historyCommitsPerWorker)
	historyCommitsPerWorker = 10
	s.mu.Lock()
	head, _ := s.resolveCommit("HEAD")
	_, err = s.historyIndexLocked(head)
	s.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	parallel := s.readHistoryIndex()
	if len(parallel.commits) != 120 || !reflect.DeepEqual(serial.commits, parallel.commits) {
		t.Errorf("the index built on several workers differs from the one built on one (%d vs %d commits)",
			len(parallel.commits), len(serial.commits))
	}
}
