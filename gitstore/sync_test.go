package gitstore

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
)

var syncToday = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// isolate keeps the machine's git config, identity and credentials out of
// a test that needs none (a test that calls it cannot run in parallel).
func isolate(t *testing.T) {
	t.Helper()
	for _, k := range []string{"GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
}

// as makes a store commit as name <name@example.com>.
func as(name string) Option {
	return WithAuthor(Signature{Name: name, Email: strings.ToLower(name) + "@example.com"})
}

// seedRecords are the records every sync scenario starts from.
func seedRecords() []model.Record {
	return []model.Record{
		&model.Team{ID: "onboarding", Name: "Onboarding", Lead: "raj"},
		&model.Person{ID: "raj", Name: "Raj Patel", Emails: []string{"raj@example.com"}, Teams: []string{"onboarding"}},
		&model.Person{ID: "mei", Name: "Mei Lin", Emails: []string{"mei@example.com"}},
		&model.Person{ID: "ana", Name: "Ana Lima", Emails: []string{"ana@example.com"}},
		&model.Goal{ID: "GOAL-00000001", Title: "Cut time to first value", Level: model.LevelObjective, Owner: "raj",
			Team: "onboarding", State: "active"},
		&model.Goal{ID: "GOAL-0000000K", Title: "Median days to first dashboard", Level: model.LevelKeyResult,
			Parent: "GOAL-00000001", Owner: "raj", Team: "onboarding", State: "active", Cadence: "weekly",
			Metric:      &model.Metric{Unit: "days", Baseline: 14, Target: 5, Direction: "decrease"},
			Description: "From sign-up to the first dashboard\nwith the customer's own data."},
		&model.Goal{ID: "GOAL-0000000P", Title: "A parent that may go", Level: model.LevelObjective, Owner: "mei", State: "active"},
		&model.RACI{ID: "RACI-00000001", Title: "Wizard launch", Subject: model.Subject{Kind: "deliverable", Name: "Wizard"},
			Accountable: model.OneOrMore{"ana"}, Responsible: []string{"raj"}, State: "agreed"},
	}
}

// fileRemote makes a bare repository seeded with seedRecords and returns
// its file:// URL; go-git runs git-receive-pack for it, which refuses
// stale pushes like any real server.
func fileRemote(t *testing.T) string {
	t.Helper()
	seed, err := Init(t.TempDir(), "Northwind Labs", as("Seed"))
	if err == nil {
		_, err = seed.Transact("seed", func(tx *Tx) error {
			for _, r := range seedRecords() {
				if err := tx.Create(r); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err != nil {
		t.Fatal(err)
	}
	defer seed.Close()
	bare := filepath.Join(t.TempDir(), "remote.git")
	if _, err := git.PlainInitWithOptions(bare, &git.PlainInitOptions{Bare: true,
		InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName("main")}}); err != nil {
		t.Fatal(err)
	}
	url := "file://" + bare
	if err := seed.SetRemote(url); err != nil {
		t.Fatal(err)
	}
	if _, err := seed.Sync(context.Background(), SyncOptions{Today: syncToday}); err != nil {
		t.Fatalf("seeding the remote: %v", err)
	}
	return url
}

// clones makes n clones of url, each committing as its own person.
func clones(t *testing.T, url string, o RemoteOptions, names ...string) []*Store {
	t.Helper()
	var out []*Store
	for _, name := range names {
		s, err := Clone(context.Background(), url, filepath.Join(t.TempDir(), name), o, as(name))
		if err != nil {
			t.Fatalf("clone %s: %v", url, err)
		}
		t.Cleanup(func() { s.Close() })
		out = append(out, s)
	}
	return out
}

func doSync(t *testing.T, s *Store, o RemoteOptions) SyncResult {
	t.Helper()
	res, err := s.Sync(context.Background(), SyncOptions{Remote: o, Today: syncToday})
	if err != nil {
		t.Fatalf("sync %s: %v (%+v)", s.Dir(), err, res)
	}
	return res
}

func edit(t *testing.T, s *Store, id string, fn func(model.Record)) {
	t.Helper()
	k := model.KindOfID(id)
	if k == "" {
		k = model.KindPerson
	}
	if _, err := s.Update(k, id, func(r model.Record) error { fn(r); return nil }); err != nil {
		t.Fatal(err)
	}
}

func get(t *testing.T, s *Store, id string) model.Record {
	t.Helper()
	org, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	r, _ := org.Get(id)
	return r
}

// sameTrees fails unless every clone's HEAD has the same tree.
func sameTrees(t *testing.T, ss ...*Store) {
	t.Helper()
	var first string
	for i, s := range ss {
		s.mu.Lock()
		_, h, _ := s.branchHead()
		c, err := s.repo.CommitObject(h)
		s.mu.Unlock()
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = c.TreeHash.String()
		} else if c.TreeHash.String() != first {
			t.Fatalf("clone %d's tree %s differs from clone 0's %s", i, c.TreeHash, first)
		}
	}
}

// scenarioDisjointEdits: two clones edit different fields of one record
// offline; after both sync, both edits are on both and the trees match.
func scenarioDisjointEdits(t *testing.T, url string, o RemoteOptions) {
	cs := clones(t, url, o, "Raj", "Mei")
	a, b := cs[0], cs[1]
	edit(t, a, "GOAL-0000000K", func(r model.Record) { r.(*model.Goal).Metric.Target = 4 })
	edit(t, b, "GOAL-0000000K", func(r model.Record) { r.(*model.Goal).Title = "Median days to a first dashboard" })
	doSync(t, a, o)
	res := doSync(t, b, o)
	if len(res.Merged) != 1 || res.Merged[0] != "GOAL-0000000K" || res.Pulled != 1 || res.Pushed != 2 {
		t.Errorf("second sync: %+v; want one record merged, one change pulled, two commits pushed", res)
	}
	doSync(t, a, o)
	sameTrees(t, a, b)
	for _, s := range cs {
		g := get(t, s, "GOAL-0000000K").(*model.Goal)
		if g.Metric.Target != 4 || g.Title != "Median days to a first dashboard" {
			t.Errorf("%s lost an edit: target %v, title %q", s.Dir(), g.Metric.Target, g.Title)
		}
	}
	if st := gitCmd(t, b.Dir(), "status", "--porcelain"); st != "" {
		t.Errorf("worktree not clean after merging:\n%s", st)
	}
	gitCmd(t, b.Dir(), "fsck", "--strict")
}

// scenarioSameField: the same field edited differently is a conflict with
// both values; resolving it makes the merge commit, which the next sync
// pushes, and the other clone gets it.
func scenarioSameField(t *testing.T, url string, o RemoteOptions) {
	cs := clones(t, url, o, "Raj", "Mei")
	a, b := cs[0], cs[1]
	edit(t, a, "GOAL-0000000K", func(r model.Record) { r.(*model.Goal).Metric.Target = 4 })
	edit(t, b, "GOAL-0000000K", func(r model.Record) { r.(*model.Goal).Metric.Target = 6 })
	doSync(t, a, o)
	res, err := b.Sync(context.Background(), SyncOptions{Remote: o, Today: syncToday})
	if !errors.Is(err, ErrConflicts) || res.Conflicts != 1 {
		t.Fatalf("sync with a conflict: %v, %+v", err, res)
	}
	sess, _ := b.Session()
	if sess == nil || len(sess.Conflicts) != 1 {
		t.Fatalf("session: %+v", sess)
	}
	c := sess.Conflicts[0]
	if c.ID != "GOAL-0000000K" || c.Field != "metric.target" || c.Base != "5" || c.Ours != "6" || c.Theirs != "4" {
		t.Errorf("conflict %+v; want metric.target base 5, ours 6, theirs 4", c)
	}
	if g := get(t, b, "GOAL-0000000K").(*model.Goal); g.Metric.Target != 6 {
		t.Errorf("the clone's own value changed while the conflict waits: %v", g.Metric.Target)
	}
	// Still in conflict: sync refuses to push, local editing goes on.
	if _, err := b.Sync(context.Background(), SyncOptions{Remote: o, Today: syncToday}); !errors.Is(err, ErrConflicts) {
		t.Errorf("sync with a pending conflict: %v", err)
	}
	edit(t, b, "GOAL-00000001", func(r model.Record) { r.(*model.Goal).Title = "Cut time to first value, again" })

	reopened, err := Open(b.Dir()) // the session survives a restart
	if err != nil {
		t.Fatal(err)
	}
	left, err := reopened.Resolve("GOAL-0000000K", "metric.target", "theirs", "")
	reopened.Close()
	if err != nil || left != 0 {
		t.Fatalf("resolve: %d left, %v", left, err)
	}
	if g := get(t, b, "GOAL-0000000K").(*model.Goal); g.Metric.Target != 4 {
		t.Errorf("after resolving with theirs: target %v", g.Metric.Target)
	}
	doSync(t, b, o)
	doSync(t, a, o)
	sameTrees(t, a, b)
	if g := get(t, a, "GOAL-00000001").(*model.Goal); g.Title != "Cut time to first value, again" {
		t.Errorf("the edit made while the conflict waited did not arrive: %q", g.Title)
	}
}

// scenarioEditDelete, add/add, check-ins on both sides, and a goal
// re-parented on one side under a parent deleted on the other.
func scenarioMixed(t *testing.T, url string, o RemoteOptions) {
	cs := clones(t, url, o, "Raj", "Mei")
	a, b := cs[0], cs[1]
	// Check-ins posted on both sides: separate files, no conflict.
	for i, s := range cs {
		u := &model.Update{ID: model.IDFromBytes(model.KindUpdate, []byte{byte(i), 9, 9, 9, 9, 9, 9, 9}), Target: "GOAL-0000000K",
			Author: "raj", Date: "2026-11-20", Health: model.HealthOnTrack, Summary: "Check-in from " + s.Dir()}
		if _, err := s.Create(u); err != nil {
			t.Fatal(err)
		}
	}
	doSync(t, a, o)
	doSync(t, b, o)
	doSync(t, a, o)
	sameTrees(t, a, b)
	if org, _ := a.Load(); len(org.UpdatesOf("GOAL-0000000K")) != 2 {
		t.Errorf("check-ins from both sides: %d", len(org.UpdatesOf("GOAL-0000000K")))
	}

	// Edit against delete.
	edit(t, a, "GOAL-00000001", func(r model.Record) { r.(*model.Goal).Title = "Renamed here" })
	if _, err := b.Transact("", func(tx *Tx) error { return tx.Delete(model.KindGoal, "GOAL-0000000P") }); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Transact("", func(tx *Tx) error { return tx.Delete(model.KindGoal, "GOAL-00000001") }); err == nil {
		// deleting a goal that has children is the user's business; it
		// exercises edit/delete against a's rename.
	}
	doSync(t, a, o)
	_, err := b.Sync(context.Background(), SyncOptions{Remote: o, Today: syncToday})
	if !errors.Is(err, ErrConflicts) {
		t.Fatalf("edit against delete: %v", err)
	}
	sess, _ := b.Session()
	if !hasConflict(sess, "GOAL-00000001", RecordField) {
		t.Errorf("no whole-record conflict for the goal edited here and deleted there: %+v", sess)
	}
	if _, err := b.Resolve("GOAL-00000001", RecordField, "theirs", ""); err != nil {
		t.Fatal(err)
	}
	if g, _ := get(t, b, "GOAL-00000001").(*model.Goal); g == nil || g.Title != "Renamed here" {
		t.Errorf("taking theirs should restore the renamed goal: %+v", g)
	}
	doSync(t, b, o)
	doSync(t, a, o)
	sameTrees(t, a, b)

	// Add/add of one ID with different content.
	for i, s := range cs {
		g := &model.Goal{ID: "GOAL-0000000D", Title: []string{"Twin A", "Twin B"}[i], Level: model.LevelObjective, State: "active"}
		if _, err := s.Create(g); err != nil {
			t.Fatal(err)
		}
	}
	doSync(t, a, o)
	if _, err := b.Sync(context.Background(), SyncOptions{Remote: o, Today: syncToday}); !errors.Is(err, ErrConflicts) {
		t.Fatalf("add/add: %v", err)
	}
	sess, _ = b.Session()
	if !hasConflict(sess, "GOAL-0000000D", "title") {
		t.Errorf("add/add conflict not on the title: %+v", sess)
	}
	b.Resolve("GOAL-0000000D", "title", "value", "Twins, merged")
	doSync(t, b, o)
	doSync(t, a, o)
	if g := get(t, a, "GOAL-0000000D").(*model.Goal); g.Title != "Twins, merged" {
		t.Errorf("resolved value did not arrive: %q", g.Title)
	}

	// Re-parented here under a goal deleted there.
	edit(t, a, "GOAL-0000000K", func(r model.Record) { r.(*model.Goal).Parent = "GOAL-0000000D" })
	if _, err := b.Transact("", func(tx *Tx) error { return tx.Delete(model.KindGoal, "GOAL-0000000D") }); err != nil {
		t.Fatal(err)
	}
	doSync(t, b, o)
	if _, err := a.Sync(context.Background(), SyncOptions{Remote: o, Today: syncToday}); !errors.Is(err, ErrConflicts) {
		t.Fatalf("re-parented under a deleted goal: %v", err)
	}
	sess, _ = a.Session()
	if !hasConflict(sess, "GOAL-0000000K", RecordField) {
		t.Errorf("the re-parented goal's dangling parent is not a conflict: %+v", sess)
	}
}

func hasConflict(sess *MergeSession, id, field string) bool {
	if sess == nil {
		return false
	}
	for _, c := range sess.Conflicts {
		if c.ID == id && c.Field == field {
			return true
		}
	}
	return false
}

func TestSyncDisjointEditsFile(t *testing.T) {
	t.Parallel()
	scenarioDisjointEdits(t, fileRemote(t), RemoteOptions{})
}
func TestSyncSameFieldFile(t *testing.T) { scenarioSameField(t, fileRemote(t), RemoteOptions{}) }
func TestSyncMixedFile(t *testing.T)     { scenarioMixed(t, fileRemote(t), RemoteOptions{}) }

func TestSyncOfflineKeepsCommits(t *testing.T) {
	t.Parallel()
	url := fileRemote(t)
	a := clones(t, url, RemoteOptions{}, "Raj")[0]
	edit(t, a, "GOAL-0000000K", func(r model.Record) { r.(*model.Goal).Title = "Offline edit" })
	if err := a.SetRemote("http://127.0.0.1:1/nowhere.git"); err != nil {
		t.Fatal(err)
	}
	res, err := a.Sync(context.Background(), SyncOptions{Today: syncToday})
	if !errors.Is(err, ErrOffline) || res.Ahead != 1 {
		t.Fatalf("offline sync: %v, %+v; want ErrOffline with 1 commit waiting", err, res)
	}
	if g := get(t, a, "GOAL-0000000K").(*model.Goal); g.Title != "Offline edit" {
		t.Errorf("offline sync lost the edit")
	}
}

func TestSyncCommitsEditsMadeOutsideAccord(t *testing.T) {
	t.Parallel()
	r := httpRemote(t, seededStore(t), nil)
	o := r.Opts
	cs := clones(t, r.URL, o, "Raj", "Mei")
	p := filepath.Join(cs[0].Dir(), "goals/00/GOAL-00000001.yaml")
	data, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(data), "Cut time to first value", "Edited in vim", 1)), 0o644)
	res := doSync(t, cs[0], o)
	if res.Committed != 1 || res.Pushed != 1 {
		t.Errorf("result %+v; want the hand edit committed and pushed", res)
	}
	doSync(t, cs[1], o)
	if g := get(t, cs[1], "GOAL-00000001").(*model.Goal); g.Title != "Edited in vim" {
		t.Errorf("the hand edit did not arrive: %q", g.Title)
	}
	// A hand edit that breaks a rule is refused, and nothing is pushed.
	os.WriteFile(p, []byte(strings.Replace(string(data), "owner: raj", "owner: nobody", 1)), 0o644)
	if _, err := cs[0].Sync(context.Background(), SyncOptions{Remote: o, Today: syncToday}); err == nil || !strings.Contains(err.Error(), "nobody") {
		t.Errorf("a broken hand edit was synced: %v", err)
	}
}

func TestSyncTeammatesBrokenFileIsReportedNotFatal(t *testing.T) {
	t.Parallel()
	r := httpRemote(t, seededStore(t), nil)
	o := r.Opts
	cs := clones(t, r.URL, o, "Raj", "Mei")
	// Mei commits a broken file with git, bypassing Accord.
	p := filepath.Join(cs[1].Dir(), "goals/BB/GOAL-BBBBBBBB.yaml")
	os.MkdirAll(filepath.Dir(p), 0o755)
	os.WriteFile(p, []byte("id: GOAL-BBBBBBBB\ntitle: [broken\n"), 0o644)
	if _, err := cs[1].Commit(Change{Put: []File{{Path: "goals/BB/GOAL-BBBBBBBB.yaml", Data: []byte("id: GOAL-BBBBBBBB\ntitle: [broken\n")}},
		Message: "a broken commit"}); err != nil {
		t.Fatal(err)
	}
	if _, err := cs[1].Sync(context.Background(), SyncOptions{Remote: o, Today: syncToday}); err != nil {
		t.Fatal(err)
	}
	edit(t, cs[0], "GOAL-0000000K", func(r model.Record) { r.(*model.Goal).Title = "Still working" })
	doSync(t, cs[0], o)
	org, _ := cs[0].Load()
	if len(org.Problems) != 1 || org.Problems[0].File != "goals/BB/GOAL-BBBBBBBB.yaml" {
		t.Errorf("problems after pulling a broken file: %v", org.Problems)
	}
	if g := org.Goals["GOAL-0000000K"]; g == nil || g.Title != "Still working" || len(org.Goals) != 3 {
		t.Errorf("other records stopped working: %d goals", len(org.Goals))
	}
}

// The scenarios against real servers: every one over smart HTTP, the basic
// ones over git daemon and OpenSSH too.
func TestSyncScenariosOverServers(t *testing.T) {
	t.Parallel()
	forEachServer(t, func(t *testing.T, r testRemote, _ *Store) { scenarioDisjointEdits(t, r.URL, r.Opts) })
	for _, k := range servers {
		t.Run("same-field/"+k.Name, func(t *testing.T) {
			r := k.Start(t, seededStore(t))
			scenarioSameField(t, r.URL, r.Opts)
		})
	}
	t.Run("mixed/http", func(t *testing.T) {
		r := httpRemote(t, seededStore(t), nil)
		scenarioMixed(t, r.URL, r.Opts)
	})
}

func TestSyncCommitsGitRm(t *testing.T) {
	t.Parallel()
	r := httpRemote(t, seededStore(t), nil)
	cs := clones(t, r.URL, r.Opts, "Raj", "Mei")
	// A record alone in its shard folder: git rm removes the folder too.
	if _, err := cs[0].Create(&model.Goal{ID: "GOAL-ZZ000001", Title: "Short-lived", Level: model.LevelObjective, State: "active"}); err != nil {
		t.Fatal(err)
	}
	doSync(t, cs[0], r.Opts)
	doSync(t, cs[1], r.Opts)
	gitCmd(t, cs[0].Dir(), "rm", "-q", "goals/ZZ/GOAL-ZZ000001.yaml")
	res := doSync(t, cs[0], r.Opts)
	if res.Committed != 1 || res.Pushed != 1 {
		t.Errorf("git rm was not committed and pushed: %+v", res)
	}
	doSync(t, cs[1], r.Opts)
	if g := get(t, cs[1], "GOAL-ZZ000001"); g != nil {
		t.Errorf("the removed record is still on the other clone")
	}
	if st := gitCmd(t, cs[1].Dir(), "status", "--porcelain"); st != "" {
		t.Errorf("worktree not clean after pulling a removal:\n%s", st)
	}
}

func TestAssignKeepsLineBreaksInText(t *testing.T) {
	t.Parallel()
	g := &model.Goal{ID: "GOAL-7K3FQ2M1", Title: "x", Level: model.LevelObjective, State: "active"}
	if err := Assign(g, []Assignment{{Field: "description", Op: "=", Value: "First line.\nSecond: line."}}); err != nil {
		t.Fatal(err)
	}
	if g.Description != "First line.\nSecond: line." {
		t.Errorf("description = %q", g.Description)
	}
}

func TestAssignReadsYAMLBlocksAsYAML(t *testing.T) {
	t.Parallel()
	d := &model.Decision{ID: "DEC-2HV9PMQ4", Title: "x", Status: model.DecisionDraft}
	if err := Assign(d, []Assignment{{Field: "context", Op: "=", Value: "|\n  One.\n  Two.\n"}}); err != nil {
		t.Fatal(err)
	}
	if d.Context != "One.\nTwo.\n" {
		t.Errorf("context = %q", d.Context)
	}
}
