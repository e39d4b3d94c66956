package gitstore

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
)

// pair is two clones of one smart-HTTP remote seeded with seedRecords.
func pair(t *testing.T) (a, b *Store, o RemoteOptions) {
	t.Helper()
	r := httpRemote(t, seededStore(t), nil)
	return r.clone(t, "Raj"), r.clone(t, "Mei"), r.Opts
}

// syncConflicts syncs s and wants conflicts; it returns the session.
func syncConflicts(t *testing.T, s *Store, o RemoteOptions) *MergeSession {
	t.Helper()
	res, err := s.Sync(context.Background(), SyncOptions{Remote: o, Today: syncToday})
	if !errors.Is(err, ErrConflicts) {
		t.Fatalf("sync: %v (%+v); want conflicts", err, res)
	}
	sess, err := s.Session()
	if err != nil || sess == nil {
		t.Fatalf("no session after conflicts: %v", err)
	}
	return sess
}

func conflictOn(t *testing.T, sess *MergeSession, id, field string) RecordConflict {
	t.Helper()
	for _, c := range sess.Conflicts {
		if c.ID == id && c.Field == field {
			return c
		}
	}
	t.Fatalf("no conflict on %s %s in %+v", id, field, sess.Conflicts)
	return RecordConflict{}
}

func fieldOf(c RecordConflict, id, field string) (model.ConflictField, bool) {
	for _, f := range c.Fields {
		if f.ID == id && f.Field == field {
			return f, true
		}
	}
	return model.ConflictField{}, false
}

func tip(t *testing.T, s *Store) string {
	t.Helper()
	h, _ := headOf(t, s)
	return h
}

func sessionBytes(t *testing.T, s *Store) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(s.Dir(), ".git", "accord", "merge.json"))
	if err != nil {
		t.Fatalf("the merge session is gone: %v", err)
	}
	return string(data)
}

func errorsOf(t *testing.T, s *Store, rule string) []model.Finding {
	t.Helper()
	org, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	var out []model.Finding
	for _, f := range model.Validate(org, model.ValidateOptions{Today: syncToday}) {
		if f.Severity == model.SeverityError && strings.HasPrefix(f.Rule, rule) {
			out = append(out, f)
		}
	}
	return out
}

// Issue 17, item 3: a RACI whose two Accountables each clone cut to a
// different one merges to none; the conflict shows the real values field
// by field, and "ours" is this clone's record, not the merged one.
func TestRuleConflictShowsValuesAndOursIsThisClonesRecord(t *testing.T) {
	t.Parallel()
	a, b, o := pair(t)
	edit(t, a, "RACI-00000001", func(r model.Record) { r.(*model.RACI).Accountable = model.OneOrMore{"mei", "ana"} })
	doSync(t, a, o)
	doSync(t, b, o)
	edit(t, a, "RACI-00000001", func(r model.Record) { r.(*model.RACI).Accountable = model.OneOrMore{"ana"} })
	edit(t, b, "RACI-00000001", func(r model.Record) { r.(*model.RACI).Accountable = model.OneOrMore{"mei"} })
	doSync(t, a, o)
	sess := syncConflicts(t, b, o)
	c := conflictOn(t, sess, "RACI-00000001", RecordField)
	f, ok := fieldOf(c, "RACI-00000001", "accountable")
	if !ok || f.Base != "[mei, ana]" || f.Ours != "[mei]" || f.Theirs != "[ana]" || f.Merged != "" {
		t.Errorf("accountable in the conflict: %+v (ok %v); want base [mei, ana], ours mei, theirs ana, merged none", f, ok)
	}
	if !strings.Contains(c.Ours, "accountable: mei") || !strings.Contains(c.Theirs, "accountable: ana") || c.RuleID() == "" {
		t.Errorf("the sides are not the records' files, or no rule: ours %q theirs %q rule %q", c.Ours, c.Theirs, c.Rule)
	}
	if _, err := b.Resolve("raci-0000", "(record)", "ours", ""); err != nil {
		t.Fatal(err)
	}
	if got := get(t, b, "RACI-00000001").(*model.RACI).Accountable; !slices.Equal(got, model.OneOrMore{"mei"}) {
		t.Errorf("after keeping ours the Accountable is %v; want this clone's mei", got)
	}
	doSync(t, b, o)
	doSync(t, a, o)
	sameTrees(t, a, b)
}

// Issue 17, item 4: a choice after which the merged record still breaks an
// error rule is refused, naming the rule, and the session stays as it was;
// a way out that breaks nothing is taken and pushed.
func TestChoiceThatBreaksARuleIsRefused(t *testing.T) {
	t.Parallel()
	a, b, o := pair(t)
	edit(t, a, "RACI-00000001", func(r model.Record) {
		r.(*model.RACI).Responsible = append(r.(*model.RACI).Responsible, "mei")
	})
	edit(t, b, "RACI-00000001", func(r model.Record) { r.(*model.RACI).Informed = []string{"mei"} })
	doSync(t, a, o)
	sess := syncConflicts(t, b, o)
	c := conflictOn(t, sess, "RACI-00000001", RecordField)
	if c.RuleID() != "raci.role-conflict" {
		t.Fatalf("rule conflict %q; want raci.role-conflict", c.Rule)
	}
	before := sessionBytes(t, b)
	head := tip(t, b)
	// An edit of the merged record that keeps mei in both roles.
	if _, err := b.Resolve("RACI-00000001", RecordField, "value", c.Merged); !errors.Is(err, ErrChoiceBreaksRule) ||
		!strings.Contains(err.Error(), "raci.role-conflict") {
		t.Errorf("an edit that keeps the rule broken: %v; want it refused naming raci.role-conflict", err)
	}
	if sessionBytes(t, b) != before || tip(t, b) != head {
		t.Errorf("a refused choice changed the session or the branch")
	}
	// The edit that fixes it is taken.
	fixed := strings.Replace(c.Merged, "informed:\n  - mei\n", "", 1)
	if fixed == c.Merged {
		t.Fatalf("the merged record has no informed mei to remove:\n%s", c.Merged)
	}
	r, err := b.ResolveConflict("RACI-00000001", RecordField, "value", fixed)
	if err != nil || r.Commit == "" || r.Left != 0 {
		t.Fatalf("the fixing edit: %+v, %v", r, err)
	}
	doSync(t, b, o)
	doSync(t, a, o)
	for _, s := range []*Store{a, b} {
		if errs := errorsOf(t, s, "raci."); len(errs) > 0 {
			t.Errorf("%s has a broken RACI after the merge: %v", s.Dir(), errs)
		}
	}
}

// Issue 17, item 5: every value is checked when it is given; a failed
// choice changes nothing, and the session keeps the choices made before.
func TestBadValueChangesNothing(t *testing.T) {
	t.Parallel()
	a, b, o := pair(t)
	edit(t, a, "GOAL-0000000K", func(r model.Record) { g := r.(*model.Goal); g.Metric.Target = 4; g.Title = "A's title" })
	edit(t, b, "GOAL-0000000K", func(r model.Record) { g := r.(*model.Goal); g.Metric.Target = 6; g.Title = "B's title" })
	doSync(t, a, o)
	syncConflicts(t, b, o)
	before := sessionBytes(t, b)
	// Not the last conflict: checked now all the same.
	if _, err := b.Resolve("GOAL-0000000K", "metric.target", "value", "high"); !errors.Is(err, ErrBadChoice) {
		t.Errorf("a word for a number: %v; want it refused", err)
	}
	if sessionBytes(t, b) != before {
		t.Errorf("a refused value changed the session")
	}
	if left, err := b.Resolve("GOAL-0000000K", "title", "value", "Both titles"); err != nil || left != 1 {
		t.Fatalf("the title: %d left, %v", left, err)
	}
	head := tip(t, b)
	// The last one, wrong: refused, the session and the title's choice stay.
	if _, err := b.Resolve("GOAL-0000000K", "metric.target", "value", "high"); !errors.Is(err, ErrBadChoice) {
		t.Errorf("a word for a number, last: %v; want it refused", err)
	}
	sess, err := b.Session()
	if err != nil || sess == nil || tip(t, b) != head {
		t.Fatalf("the session is gone or the branch moved after a bad value: %v", err)
	}
	if c := conflictOn(t, sess, "GOAL-0000000K", "title"); c.Resolution != "value" || c.Value != "Both titles" {
		t.Errorf("the title's choice was lost: %+v", c)
	}
	r, err := b.ResolveConflict("GOAL-0000000K", "metric.target", "value", "5")
	if err != nil || r.Commit == "" {
		t.Fatalf("a good value: %+v, %v", r, err)
	}
	g := get(t, b, "GOAL-0000000K").(*model.Goal)
	if g.Title != "Both titles" || g.Metric.Target != 5 {
		t.Errorf("merged goal: %q, %v; want both choices", g.Title, g.Metric.Target)
	}
}

// Issue 17, item 6: objectives X, Y, Z; A sets X parent=Y, B sets Y
// parent=X and X parent=Z. Taking theirs for X's parent would close a
// loop: it is refused at once, naming goal.cycle, and ours ends it. The
// session never cycles between the field and a rule conflict.
func TestChoicesNeverLoop(t *testing.T) {
	t.Parallel()
	a, b, o := pair(t)
	const x, y, z = "GOAL-00000001", "GOAL-0000000P", "GOAL-0000000Z"
	if _, err := a.Create(&model.Goal{ID: z, Title: "Z", Level: model.LevelObjective, Owner: "mei", State: "active"}); err != nil {
		t.Fatal(err)
	}
	doSync(t, a, o)
	doSync(t, b, o)
	edit(t, a, x, func(r model.Record) { r.(*model.Goal).Parent = y })
	doSync(t, a, o)
	edit(t, b, y, func(r model.Record) { r.(*model.Goal).Parent = x })
	edit(t, b, x, func(r model.Record) { r.(*model.Goal).Parent = z })
	sess := syncConflicts(t, b, o)
	conflictOn(t, sess, x, "parent")
	for round := 0; ; round++ {
		if round == 4 {
			t.Fatalf("still resolving after %d rounds: %+v", round, sess.Conflicts)
		}
		var open []RecordConflict
		for _, c := range sess.Conflicts {
			if !c.Resolved() {
				open = append(open, c)
			}
		}
		if len(open) == 0 {
			break
		}
		c := open[0]
		_, err := b.Resolve(c.ID, c.Field, "theirs", "")
		if c.ID == x && c.Field == "parent" {
			if !errors.Is(err, ErrChoiceBreaksRule) || !strings.Contains(err.Error(), "goal.cycle") {
				t.Fatalf("theirs for X's parent closes a loop: %v; want it refused naming goal.cycle", err)
			}
			_, err = b.Resolve(c.ID, c.Field, "ours", "")
		}
		if err != nil {
			t.Fatal(err)
		}
		if sess, err = b.Session(); err != nil {
			t.Fatal(err)
		}
		if sess == nil {
			break
		}
	}
	doSync(t, b, o)
	doSync(t, a, o)
	sameTrees(t, a, b)
	if errs := errorsOf(t, a, "goal.cycle"); len(errs) > 0 {
		t.Errorf("a loop was pushed: %v", errs)
	}
}

// Issue 17, item 7: a field edited while its conflict waits re-opens the
// conflict with the new value as ours; resolve never reports a commit it
// did not make, and the newer edit is never overwritten by the old choice.
func TestEditAfterChoiceReopensConflict(t *testing.T) {
	t.Parallel()
	a, b, o := pair(t)
	edit(t, a, "GOAL-0000000K", func(r model.Record) { g := r.(*model.Goal); g.Metric.Target = 4; g.Title = "A's title" })
	edit(t, b, "GOAL-0000000K", func(r model.Record) { g := r.(*model.Goal); g.Metric.Target = 6; g.Title = "B's title" })
	doSync(t, a, o)
	syncConflicts(t, b, o)
	if left, err := b.Resolve("GOAL-0000000K", "title", "theirs", ""); err != nil || left != 1 {
		t.Fatalf("title: %d left, %v", left, err)
	}
	edit(t, b, "GOAL-0000000K", func(r model.Record) { r.(*model.Goal).Title = "B's newer title" })
	head := tip(t, b)
	r, err := b.ResolveConflict("GOAL-0000000K", "metric.target", "theirs", "")
	if err != nil || r.Left != 1 || r.Commit != "" || tip(t, b) != head {
		t.Fatalf("after the title was edited: %+v, %v; want 1 left, no commit", r, err)
	}
	sess, _ := b.Session()
	if c := conflictOn(t, sess, "GOAL-0000000K", "title"); c.Resolved() || c.Ours != "B's newer title" {
		t.Errorf("the edited title's conflict: %+v; want it open with the new value as ours", c)
	}
	// A sync now says what is left, and keeps it.
	if res, err := b.Sync(context.Background(), SyncOptions{Remote: o, Today: syncToday}); !errors.Is(err, ErrConflicts) || res.Conflicts != 1 {
		t.Errorf("sync with the re-opened conflict: %v, %+v", err, res)
	}
	if _, err := b.Resolve("GOAL-0000000K", "title", "ours", ""); err != nil {
		t.Fatal(err)
	}
	g := get(t, b, "GOAL-0000000K").(*model.Goal)
	if g.Title != "B's newer title" || g.Metric.Target != 4 {
		t.Errorf("merged: %q, %v; want the newer title and theirs' target", g.Title, g.Metric.Target)
	}
}

// Issue 17, item 8: A < B < C with A's parent B; one clone sets B parent
// C, another C parent A. Neither touched A, on which the loop is
// reported: the merge is a conflict all the same, involving the three,
// and ours ends the loop.
func TestLoopAcrossUntouchedRecordsIsAConflict(t *testing.T) {
	t.Parallel()
	a, b, o := pair(t)
	const ga, gb, gc = "GOAL-0000000A", "GOAL-0000000B", "GOAL-0000000C"
	for _, g := range []*model.Goal{
		{ID: gb, Title: "B", Level: model.LevelObjective, Owner: "mei", State: "active"},
		{ID: gc, Title: "C", Level: model.LevelObjective, Owner: "mei", State: "active"},
		{ID: ga, Title: "A", Level: model.LevelObjective, Owner: "mei", State: "active", Parent: gb},
	} {
		if _, err := a.Create(g); err != nil {
			t.Fatal(err)
		}
	}
	doSync(t, a, o)
	doSync(t, b, o)
	edit(t, a, gb, func(r model.Record) { r.(*model.Goal).Parent = gc })
	doSync(t, a, o)
	edit(t, b, gc, func(r model.Record) { r.(*model.Goal).Parent = ga })
	sess := syncConflicts(t, b, o)
	c := conflictOn(t, sess, ga, RecordField)
	for _, id := range []string{ga, gb, gc} {
		if !c.Involves(id) {
			t.Errorf("the loop's conflict does not involve %s: %v", id, c.Records)
		}
	}
	if f, ok := fieldOf(c, gb, "parent"); !ok || f.Theirs != gc || f.Ours != "" {
		t.Errorf("B's parent in the conflict: %+v, %v", f, ok)
	}
	if _, err := b.Resolve(ga[:9], "(record)", "ours", ""); err != nil {
		t.Fatal(err)
	}
	doSync(t, b, o)
	doSync(t, a, o)
	sameTrees(t, a, b)
	if errs := errorsOf(t, a, "goal.cycle"); len(errs) > 0 {
		t.Errorf("a loop was pushed: %v", errs)
	}
}

// Issue 17, item 8: with a loop already in history, a hand edit of a goal
// on it (its title) syncs, as accord set of the same field does: only the
// errors an edit brings are refused.
func TestHandEditOfARecordInALoopSyncs(t *testing.T) {
	t.Parallel()
	a, _, o := pair(t)
	// A loop committed with plain git, bypassing Accord's checks.
	put := func(id, parent string) File {
		data, err := Encode(&model.Goal{ID: id, Title: "Loop " + id, Level: model.LevelObjective, Owner: "mei", State: "active", Parent: parent})
		if err != nil {
			t.Fatal(err)
		}
		p, _ := model.PathOf(model.KindGoal, id)
		return File{Path: p, Data: data}
	}
	if _, err := a.Commit(Change{Put: []File{put("GOAL-0000000A", "GOAL-0000000B"), put("GOAL-0000000B", "GOAL-0000000A")}, Message: "a loop"}); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(a.Dir(), "goals/00/GOAL-0000000B.yaml")
	data, _ := os.ReadFile(p)
	if err := os.WriteFile(p, []byte(strings.Replace(string(data), "title: Loop GOAL-0000000B", "title: Renamed in vim", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := a.Sync(context.Background(), SyncOptions{Remote: o, Today: syncToday})
	if err != nil || res.Committed != 1 {
		t.Fatalf("a title edited by hand on a goal in a loop: %v, %+v", err, res)
	}
	// A hand edit that brings a new error is still refused.
	data, _ = os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(data), "owner: mei", "owner: nobody", 1)), 0o644)
	if _, err := a.Sync(context.Background(), SyncOptions{Remote: o, Today: syncToday}); err == nil || !strings.Contains(err.Error(), "nobody") {
		t.Errorf("a hand edit naming an unknown owner was synced: %v", err)
	}
}

// Issue 17, items 13 and 14: resolve takes a prefix of the ID (an
// ambiguous one is refused, naming the candidates); a conflict settled by
// an edit made meanwhile leaves nothing open, and the next sync commits
// the merge and pushes it rather than stopping at "0 left".
func TestPrefixesAndSyncFinishesSettledSession(t *testing.T) {
	t.Parallel()
	a, b, o := pair(t)
	edit(t, a, "GOAL-0000000K", func(r model.Record) { r.(*model.Goal).Title = "A's title" })
	edit(t, a, "GOAL-0000000P", func(r model.Record) { r.(*model.Goal).Title = "A's P" })
	edit(t, b, "GOAL-0000000K", func(r model.Record) { r.(*model.Goal).Title = "B's title" })
	edit(t, b, "GOAL-0000000P", func(r model.Record) { r.(*model.Goal).Title = "B's P" })
	doSync(t, a, o)
	syncConflicts(t, b, o)
	if _, err := b.Resolve("goal-0000000", "title", "ours", ""); !errors.Is(err, ErrBadChoice) ||
		!strings.Contains(err.Error(), "GOAL-0000000K") || !strings.Contains(err.Error(), "GOAL-0000000P") {
		t.Errorf("an ambiguous prefix: %v", err)
	}
	if left, err := b.Resolve("goal-0000000k", "title", "ours", ""); err != nil || left != 1 {
		t.Fatalf("a prefix in lower case: %d left, %v", left, err)
	}
	// Meanwhile B takes A's title for P by hand: nothing is left to choose.
	edit(t, b, "GOAL-0000000P", func(r model.Record) { r.(*model.Goal).Title = "A's P" })
	res := doSync(t, b, o)
	if res.Pushed == 0 || res.Conflicts != 0 {
		t.Errorf("sync after the last conflict went away: %+v; want the merge pushed", res)
	}
	if sess, _ := b.Session(); sess != nil {
		t.Errorf("the session outlived its merge: %+v", sess)
	}
	doSync(t, a, o)
	sameTrees(t, a, b)
	if g := get(t, a, "GOAL-0000000K").(*model.Goal); g.Title != "B's title" {
		t.Errorf("the choice made before the edit was lost: %q", g.Title)
	}
}

// Issue 13: a sync says, as a warning, which incoming commits hold steps
// taken by someone who may not take them (Store.Verify over what the
// remote brought); its own work goes on.
func TestSyncWarnsOfIncomingStepsTakenByOthers(t *testing.T) {
	t.Parallel()
	a, b, o := pair(t)
	const id = "DEC-2HV9PMQ4"
	if _, err := a.Create(&model.Decision{ID: id, Title: "Cap CSV uploads", Status: model.DecisionProposed, Driver: "raj",
		Approver: "mei", Options: []model.Option{{ID: "cap50", Title: "50 MB"}}}); err != nil {
		t.Fatal(err)
	}
	doSync(t, a, o)
	if res := doSync(t, b, o); len(res.Warnings) != 0 {
		t.Errorf("warnings about a proposal its driver made: %v", res.Warnings)
	}
	// Raj accepts the decision Mei is to approve.
	edit(t, a, id, func(r model.Record) {
		d := r.(*model.Decision)
		d.Status, d.Outcome = model.DecisionAccepted, &model.Outcome{Chosen: "cap50", Rationale: "Fits."}
	})
	doSync(t, a, o)
	res := doSync(t, b, o)
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "Raj") || !strings.Contains(res.Warnings[0], id) {
		t.Errorf("warnings after pulling an acceptance by the driver: %q; want one naming Raj and %s", res.Warnings, id)
	}
	if d := get(t, b, id).(*model.Decision); d.Status != model.DecisionAccepted {
		t.Errorf("the warned commit was not pulled: %s", d.Status)
	}
}
