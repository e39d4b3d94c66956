package gitstore

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// TestSyncConverges runs four clones of a real git server (git
// http-backend on 127.0.0.1) through a seeded story of what people do, in
// random order: set on every kind of field (titles, multi-line text,
// owners, parents, weights, numbers, dates, RACI roles, a decision's
// transitions and chosen option), new goals, check-ins, deletes, hand edits committed with plain git or left for sync
// to commit, git rm, syncs one at a time and two at the same moment, and
// conflicts resolved with ours, theirs or a typed value at random. The
// oracle: every acknowledged commit is in the final history; every field's
// final value is the last write to it in git ancestry, or (where clones
// raced) one of the racing writes or a recorded conflict choice; fields
// nobody wrote are unchanged; every clone and the server end identical;
// git fsck passes. CI runs one seed of 1,000 operations on the store
// in-process; ACCORD_SYNC_SEEDS=N runs seeds 1 to N (in parallel),
// ACCORD_SYNC_OPS=M makes each M operations, and ACCORD_SYNC_VIA=binary
// makes every write, sync and choice an accord command in its own process
// (converge_driver_test.go, docs/testing.md).
func TestSyncConverges(t *testing.T) {
	t.Parallel()
	ops := 1000
	if v := os.Getenv("ACCORD_SYNC_OPS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("ACCORD_SYNC_OPS=%q: want a number of operations", v)
		}
		ops = n
	}
	via := os.Getenv("ACCORD_SYNC_VIA")
	if via != "" && via != "binary" {
		t.Fatalf("ACCORD_SYNC_VIA=%q: want binary (accord commands in their own processes) or nothing (the store in-process)", via)
	}
	seeds := testSeeds(t)
	for _, seed := range seeds {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			if len(seeds) > 1 {
				t.Parallel() // as many at once as -parallel allows
			}
			start := seededStore(t)
			if _, err := start.Create(convergeDecision()); err != nil {
				t.Fatal(err)
			}
			r := httpRemote(t, start, nil)
			if via == "binary" {
				converge(t, seed, ops, r, newBinaryDriver(t, r))
			} else {
				converge(t, seed, ops, r, newStoreDriver(t, r))
			}
		})
	}
}

// convergeDecision is the decision the story moves through its lifecycle:
// Raj drives it and Ana approves it, so that through accord commands only
// Ana may accept or reject it and Raj propose it (the others' tries are
// refused); its chosen option changes too.
func convergeDecision() *model.Decision {
	return &model.Decision{ID: "DEC-00000001", Title: "Where the wizard starts", Status: model.DecisionProposed,
		Date: "2026-11-02", Driver: "raj", Approver: "ana", Context: "Two places to start.",
		Options: []model.Option{{ID: "a", Title: "On sign-up"}, {ID: "b", Title: "On the first dashboard"}},
		Outcome: &model.Outcome{Chosen: "a", Rationale: "Earlier is better."}}
}

// fieldWrite is one acknowledged write of a field: by which clone, the
// field's value after it (JSON), and the commit that made it ("" when sync
// committed a hand edit).
type fieldWrite struct {
	clone  int
	value  string
	commit string
}

// fieldValue is a record's field (dotted for nested ones) as JSON, "" when
// the record is nil.
func fieldValue(rec model.Record, field string) string {
	if rec == nil {
		return ""
	}
	b, _ := json.Marshal(rec)
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	var v any = m
	for _, part := range strings.Split(field, ".") {
		mm, ok := v.(map[string]any)
		if !ok {
			v = nil
			break
		}
		v = mm[part]
	}
	out, _ := json.Marshal(v)
	return string(out)
}

// convergeState is what the story's oracle remembers.
type convergeState struct {
	writes    map[string][]fieldWrite // "ID field" → writes in order
	contested map[string]bool         // "ID field" or "ID (record)": a conflict touched it
	chosen    map[string][]string     // "ID field" → values chosen in conflicts
	gone      map[string]bool         // deleted by someone (Accord or git rm)
	commits   []string                // every acknowledged commit
	conflicts int
	stats     map[string]int
}

func converge(t *testing.T, seed uint64, ops int, r testRemote, drv convergeDriver) {
	cs := drv.clones()
	rng := rand.New(rand.NewPCG(seed, seed*7919))
	var rngMu sync.Mutex
	st := &convergeState{writes: map[string][]fieldWrite{}, contested: map[string]bool{},
		chosen: map[string][]string{}, gone: map[string]bool{}, stats: map[string]int{}}
	var stMu sync.Mutex
	created := map[string]int{} // goal → the clone that made it
	seedOrg, _ := cs[0].Load()
	people := []string{"raj", "mei", "ana"}
	objectives := []string{"GOAL-00000001", "GOAL-0000000P"}

	record := func(i int, id, field string, after model.Record, commit string) {
		stMu.Lock()
		defer stMu.Unlock()
		k := id + " " + field
		st.writes[k] = append(st.writes[k], fieldWrite{clone: i, value: fieldValue(after, field), commit: commit})
	}
	ack := func(commit string) {
		if commit != "" {
			stMu.Lock()
			st.commits = append(st.commits, commit)
			stMu.Unlock()
		}
	}
	intn := func(n int) int {
		rngMu.Lock()
		defer rngMu.Unlock()
		return rng.IntN(n)
	}

	syncOne := func(i int) {
		for round := 0; round < 12; round++ {
			n, err := drv.sync(i)
			stMu.Lock()
			st.stats["syncs run"]++
			stMu.Unlock()
			if err == nil {
				return
			}
			if !errors.Is(err, ErrConflicts) {
				t.Errorf("clone %d sync: %v", i, err)
				return
			}
			open, err := drv.conflicts(i)
			if err != nil {
				t.Errorf("clone %d: conflicts: %v", i, err)
				return
			}
			if open == nil || n == 0 && !slices.ContainsFunc(open, func(c RecordConflict) bool { return !c.Resolved() }) {
				t.Errorf("clone %d: conflicts reported without a session", i)
				return
			}
			// One choice at a time, from the session as it stands: a
			// choice may settle others too (ours on a rule conflict puts
			// back every record the rule involves) or complete the merge.
			for step := 0; step < 50; step++ {
				open, err := drv.conflicts(i)
				if err != nil {
					t.Errorf("clone %d: conflicts: %v", i, err)
					return
				}
				k := slices.IndexFunc(open, func(c RecordConflict) bool { return !c.Resolved() })
				if k < 0 {
					break
				}
				c := open[k]
				if c.Field != RecordField && c.Ours == "" && c.Theirs == "" {
					t.Errorf("conflict without either value: %+v", c)
				}
				how, value := "ours", ""
				switch intn(3) {
				case 1:
					how = "theirs"
				case 2:
					if c.Field == "title" || c.Field == "description" {
						how, value = "value", fmt.Sprintf("chosen in a conflict %d", intn(1000))
					}
				}
				err = drv.resolve(i, c.ID, c.Field, how, value)
				if errors.Is(err, ErrChoiceBreaksRule) || errors.Is(err, ErrBadChoice) {
					// A refused choice changes nothing; this clone's own
					// records are the way out a person would take.
					stMu.Lock()
					st.stats["refused choice, then ours"]++
					stMu.Unlock()
					how, value = "ours", ""
					err = drv.resolve(i, c.ID, c.Field, how, value)
				}
				if err != nil {
					t.Errorf("clone %d: resolve %s %s %s: %v", i, c.ID, c.Field, how, err)
					return
				}
				stMu.Lock()
				st.conflicts++
				st.stats["resolve --"+how]++
				st.contested[c.ID+" "+c.Field] = true
				if value != "" {
					st.chosen[c.ID+" "+c.Field] = append(st.chosen[c.ID+" "+c.Field], fmt.Sprintf("%q", value))
				}
				stMu.Unlock()
			}
		}
		t.Errorf("clone %d never finished syncing", i)
	}
	hand := func(i int, args ...string) string {
		cmd := exec.Command("git", append([]string{"-c", "user.name=Hand", "-c", "user.email=hand@example.com"}, args...)...)
		cmd.Dir = cs[i].Dir()
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+cs[i].Dir())
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("clone %d: git %s: %v\n%s", i, strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	// mine are the goals clone i made that nothing points at: safe to remove.
	mine := func(i int, org *model.Org) []string {
		var out []string
		for _, id := range org.IDs(model.KindGoal) {
			if c, ok := created[id]; ok && c == i && len(org.Children(id)) == 0 && len(org.UpdatesOf(id)) == 0 {
				out = append(out, id)
			}
		}
		return out
	}
	set := func(i int, id string, assigns ...string) {
		field := ""
		for _, a := range assigns {
			pa, err := ParseAssignment(a)
			if err != nil {
				t.Fatal(err)
			}
			field = pa.Field
		}
		commit, after, err := drv.set(i, id, assigns)
		if errors.Is(err, errRefused) {
			t.Logf("clone %d: %v", i, err)
			st.stats["set refused"]++
			return
		}
		if err != nil {
			t.Fatalf("clone %d: set %s %v: %v", i, id, assigns, err)
		}
		if commit == "" {
			return
		}
		ack(commit)
		record(i, id, field, after, commit)
		st.stats["set "+field]++
	}

	for step := 0; step < ops && !t.Failed(); step++ {
		i := intn(len(cs))
		s := cs[i]
		org, err := s.Load()
		if err != nil {
			t.Fatalf("clone %d: load: %v", i, err)
		}
		goals := org.IDs(model.KindGoal)
		g := goals[intn(len(goals))]
		switch op := intn(100); {
		case op >= 79 && op < 82: // a decision's transition, or its choice
			if intn(3) == 0 {
				set(i, "DEC-00000001", "outcome.chosen="+[]string{"a", "b"}[intn(2)])
			} else {
				set(i, "DEC-00000001", "status="+[]string{model.DecisionProposed, model.DecisionAccepted,
					model.DecisionRejected, model.DecisionDeprecated}[intn(4)])
			}
		case op < 10 || op >= 93 || op >= 82 && op < 85:
			set(i, g, fmt.Sprintf("title=title %d from %d", step, i))
		case op >= 85 && op < 89:
			set(i, g, "owner="+people[intn(len(people))])
		case op >= 89:
			set(i, g, fmt.Sprintf("weight=%d", 1+intn(5)))
		case op < 14:
			set(i, g, fmt.Sprintf("description=line one of %d\nline two from %d", step, i))
		case op < 18:
			set(i, g, "owner="+people[intn(len(people))])
		case op < 21:
			set(i, g, fmt.Sprintf("weight=%d", 1+intn(5)))
		case op < 24:
			set(i, g, []string{"period=2026-Q4", "period=2027-Q1", "period=2027-H1"}[intn(3)])
		case op < 27:
			set(i, "GOAL-0000000K", fmt.Sprintf("metric.target=%d", 2+intn(6)))
		case op < 29:
			set(i, "GOAL-0000000K", "parent="+objectives[intn(2)])
		case op < 33:
			who, op := []string{"raj", "mei"}[intn(2)], "+="
			if rec, ok := org.Get("RACI-00000001"); ok && slices.Contains(rec.(*model.RACI).Responsible, who) {
				op = "-="
			}
			set(i, "RACI-00000001", "responsible"+op+who)
		case op < 35:
			set(i, "RACI-00000001", fmt.Sprintf("due=2027-0%d-1%d", 1+intn(9), intn(10)))
		case op < 45: // new
			title := fmt.Sprintf("goal %d by %d", step, i)
			rngMu.Lock()
			id := randID(rng, model.KindGoal)
			rngMu.Unlock()
			id, commit, err := drv.newGoal(i, id, title)
			if err != nil {
				t.Fatal(err)
			}
			created[id] = i
			ack(commit)
			record(i, id, "title", &model.Goal{Title: title}, commit)
			st.stats["new"]++
		case op < 55: // check-in
			rngMu.Lock()
			id := randID(rng, model.KindUpdate)
			rngMu.Unlock()
			commit, err := drv.checkin(i, id, g, fmt.Sprintf("check-in %d", step))
			if err != nil {
				t.Fatal(err)
			}
			ack(commit)
			st.stats["checkin"]++
		case op < 59: // delete one of this clone's goals
			if m := mine(i, org); len(m) > 0 {
				id := m[intn(len(m))]
				commit, err := drv.remove(i, id)
				if err != nil {
					t.Fatal(err)
				}
				st.gone[id] = true
				st.stats["delete"]++
				if commit == "" { // removed as a file: sync commits it
					syncOne(i)
				} else {
					ack(commit)
				}
			}
		case op < 65: // a hand edit, committed with plain git or left for sync
			if m := mine(i, org); len(m) > 0 {
				id := m[intn(len(m))]
				p, _ := model.PathOf(model.KindGoal, id)
				data, err := os.ReadFile(filepath.Join(s.Dir(), p))
				if err != nil {
					t.Fatal(err)
				}
				title := fmt.Sprintf("by hand %d", step)
				var lines []string
				for _, l := range strings.Split(string(data), "\n") {
					if strings.HasPrefix(l, "title: ") {
						l = "title: " + title
					}
					lines = append(lines, l)
				}
				if err := os.WriteFile(filepath.Join(s.Dir(), p), []byte(strings.Join(lines, "\n")), 0o644); err != nil {
					t.Fatal(err)
				}
				after := &model.Goal{Title: title}
				if intn(2) == 0 {
					hand(i, "commit", "-q", "-m", "title by hand", "--", p)
					h := hand(i, "rev-parse", "HEAD")
					ack(h)
					record(i, id, "title", after, h)
					st.stats["hand edit, git commit"]++
				} else {
					record(i, id, "title", after, "")
					syncOne(i)
					st.stats["hand edit, left for sync"]++
				}
			}
		case op < 67: // git rm
			if m := mine(i, org); len(m) > 0 {
				id := m[intn(len(m))]
				p, _ := model.PathOf(model.KindGoal, id)
				hand(i, "rm", "-q", p)
				hand(i, "commit", "-q", "-m", "remove "+id+" by hand")
				ack(hand(i, "rev-parse", "HEAD"))
				st.gone[id] = true
				st.stats["git rm"]++
			}
		case op < 76:
			syncOne(i)
			st.stats["sync"]++
		case op < 79: // two clones sync at the same moment
			j := (i + 1 + intn(len(cs)-1)) % len(cs)
			var wg sync.WaitGroup
			for _, c := range []int{i, j} {
				wg.Add(1)
				go func() { defer wg.Done(); syncOne(c) }()
			}
			wg.Wait()
			st.stats["sync together"]++
		}
	}
	// Settle: everyone syncs until no one has anything left to exchange.
	for round := 0; round < 3; round++ {
		for i := range cs {
			syncOne(i)
		}
	}
	if t.Failed() {
		return
	}
	sameTrees(t, cs...)
	checkConverged(t, cs[0], r, st, seedOrg)
	for _, s := range cs {
		gitCmd(t, s.Dir(), "fsck", "--strict")
	}
	t.Logf("seed %d %s: %d operations: %d commits acknowledged, 0 lost; %d conflicts resolved; %v",
		seed, drv, ops, len(st.commits), st.conflicts, st.stats)
}

// checkConverged is the oracle over the final clone.
func checkConverged(t *testing.T, s *Store, r testRemote, st *convergeState, seedOrg *model.Org) {
	t.Helper()
	final, _ := s.Load()
	if len(final.Problems) > 0 {
		t.Errorf("the converged repository has unreadable files: %v", final.Problems)
	}
	s.mu.Lock()
	_, head, _ := s.branchHead()
	inHistory := map[string]bool{}
	hc, err := s.repo.CommitObject(head)
	if err == nil {
		err = object.NewCommitPreorderIter(hc, nil, nil).ForEach(func(c *object.Commit) error {
			inHistory[c.Hash.String()] = true
			return nil
		})
	}
	s.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	if remote := strings.Fields(gitCmd(t, r.Dir, "rev-parse", "main"))[0]; remote != head.String() {
		t.Errorf("the server's main is %s, the clones' %s", remote, head)
	}
	gitCmd(t, r.Dir, "fsck", "--strict")
	for _, c := range st.commits {
		if !inHistory[c] {
			t.Errorf("acknowledged commit %s is not in the final history", c)
		}
	}
	ancestor := func(a, b string) bool { // a is an ancestor of b
		s.mu.Lock()
		defer s.mu.Unlock()
		ok, _ := s.isAncestor(plumbing.NewHash(a), plumbing.NewHash(b))
		return ok
	}
	var lost []string
	for key, ws := range st.writes {
		id, field, _ := strings.Cut(key, " ")
		if st.gone[id] {
			continue
		}
		rec, _ := final.Get(id)
		got := fieldValue(rec, field)
		if rec == nil {
			lost = append(lost, key+": the record is gone")
			continue
		}
		if strings.HasSuffix(field, "responsible") {
			continue // lists merge element by element: checked by the commits being there
		}
		allowed := map[string]bool{}
		writers := map[int]bool{}
		for _, w := range ws {
			writers[w.clone] = true
		}
		contested := st.contested[key] || st.contested[id+" "+RecordField]
		switch {
		case len(writers) == 1 && !contested:
			allowed[ws[len(ws)-1].value] = true
		default:
			// The writes no other write to the field descends from, and
			// the values chosen in conflicts.
			for a, w := range ws {
				later := false
				for b, v := range ws {
					if a != b && w.commit != "" && v.commit != "" && w.commit != v.commit && ancestor(w.commit, v.commit) {
						later = true
						break
					}
				}
				if !later || contested {
					allowed[w.value] = true
				}
			}
			for _, v := range st.chosen[key] {
				allowed[v] = true
			}
			if contested {
				if seedRec, ok := seedOrg.Get(id); ok {
					allowed[fieldValue(seedRec, field)] = true
				}
			}
		}
		if !allowed[got] {
			lost = append(lost, fmt.Sprintf("%s = %s; want one of %v", key, got, keys(allowed)))
		}
	}
	// Fields nobody wrote keep their seed values.
	var seedIDs []string
	for _, k := range model.Kinds {
		seedIDs = append(seedIDs, seedOrg.IDs(k)...)
	}
	for _, id := range seedIDs {
		seedRec, _ := seedOrg.Get(id)
		rec, ok := final.Get(id)
		if !ok {
			lost = append(lost, id+": a seed record is gone")
			continue
		}
		b, _ := json.Marshal(seedRec)
		var m map[string]any
		_ = json.Unmarshal(b, &m)
		for field := range m {
			if field == "metric" || written(st, id, field) {
				continue
			}
			if got, want := fieldValue(rec, field), fieldValue(seedRec, field); got != want {
				lost = append(lost, fmt.Sprintf("%s %s changed to %s though nobody wrote it (was %s)", id, field, got, want))
			}
		}
	}
	slices.Sort(lost)
	if len(lost) > 0 {
		t.Errorf("%d writes lost or changed:\n  %s", len(lost), strings.Join(lost, "\n  "))
	}
}

func written(st *convergeState, id, field string) bool {
	for key := range st.writes {
		if k, f, _ := strings.Cut(key, " "); k == id && (f == field || strings.HasPrefix(f, field+".")) {
			return true
		}
	}
	return false
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func randID(rng *rand.Rand, k model.Kind) string {
	b := make([]byte, model.IDLength)
	for i := range b {
		b[i] = byte(rng.IntN(256))
	}
	return model.IDFromBytes(k, b)
}

// testSeeds are the seeds the randomised tests run: 1, or 1 to
// ACCORD_SYNC_SEEDS.
func testSeeds(t *testing.T) []uint64 {
	n := uint64(1)
	if v := os.Getenv("ACCORD_SYNC_SEEDS"); v != "" {
		var err error
		if n, err = strconv.ParseUint(v, 10, 16); err != nil || n == 0 {
			t.Fatalf("ACCORD_SYNC_SEEDS=%q: want a number of seeds, 1 or more", v)
		}
	}
	seeds := make([]uint64, n)
	for i := range seeds {
		seeds[i] = uint64(i) + 1
	}
	return seeds
}
