package gitstore

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"

	"github.com/accordhq/accord/model"
)

// TestSyncConverges runs four clones through 25 random operations each
// (create, edit fields, check in, delete), syncing in a random order.
// Conflicts are resolved as they come (alternating ours and theirs, and
// recorded). At the end every clone has the same tree, every edit nobody
// conflicted with is present, and every conflict was reported with both
// values. One seed by default; ACCORD_SYNC_SEEDS=N runs seeds 1 to N
// (docs/testing.md).
func TestSyncConverges(t *testing.T) {
	t.Parallel()
	for _, seed := range testSeeds(t) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			r := httpRemote(t, seededStore(t), nil)
			converge(t, seed, r.URL, r.Opts)
		})
	}
}

// lastWrite is the final value one clone wrote to one field, and whether
// anyone else wrote that field too (then a conflict may have decided it).
type lastWrite struct {
	value   string
	clone   int
	contest bool
}

// converge is a story of four clones editing and syncing at random, its
// checks inline; gocyclo counts each kind of step and each check as a
// branch.
func converge(t *testing.T, seed uint64, url string, o RemoteOptions) {
	cs := clones(t, url, o, "Ana", "Ben", "Cai", "Dee")
	rng := rand.New(rand.NewPCG(seed, seed*7919))
	titles := map[string]*lastWrite{} // record ID → last title written
	deleted := map[string]bool{}
	created := map[string]bool{}
	conflictsSeen := 0
	nextID := byte(0)

	syncOne := func(i int) {
		s := cs[i]
		for round := 0; round < 6; round++ {
			res, err := s.Sync(context.Background(), SyncOptions{Remote: o, Today: syncToday})
			if err == nil {
				return
			}
			if !errors.Is(err, ErrConflicts) {
				t.Fatalf("clone %d sync: %v", i, err)
			}
			sess, _ := s.Session()
			if sess == nil || res.Conflicts == 0 && sess.Unresolved() == 0 {
				t.Fatalf("clone %d: conflicts reported without a session", i)
			}
			for _, c := range sess.Conflicts {
				if c.Resolved() {
					continue
				}
				if c.Field != RecordField && (c.Ours == "" && c.Theirs == "") {
					t.Errorf("conflict without both values: %+v", c)
				}
				conflictsSeen++
				how := "ours"
				if rng.IntN(2) == 0 {
					how = "theirs"
				}
				if _, err := s.Resolve(c.ID, c.Field, how, ""); err != nil {
					t.Fatalf("resolve %s %s: %v", c.ID, c.Field, err)
				}
				if w := titles[c.ID]; w != nil && c.Field == "title" {
					w.contest = true
				}
			}
		}
		t.Fatalf("clone %d never finished syncing", i)
	}

	for step := 0; step < 4*25; step++ {
		i := rng.IntN(len(cs))
		s := cs[i]
		org, _ := s.Load()
		goals := org.IDs(model.KindGoal)
		switch op := rng.IntN(10); {
		case op < 2: // create
			nextID++
			id := randID(rng, model.KindGoal)
			g := &model.Goal{ID: id, Title: fmt.Sprintf("goal %d by %d", nextID, i), Level: model.LevelObjective, State: "active"}
			if _, err := s.Create(g); err != nil {
				t.Fatal(err)
			}
			created[id] = true
			titles[id] = &lastWrite{value: g.Title, clone: i}
		case op < 6 && len(goals) > 0: // edit the title
			id := goals[rng.IntN(len(goals))]
			title := fmt.Sprintf("title %d from %d", step, i)
			edit(t, s, id, func(r model.Record) { r.(*model.Goal).Title = title })
			if w := titles[id]; w != nil && w.clone != i {
				w.contest = true
			}
			titles[id] = &lastWrite{value: title, clone: i, contest: titles[id] != nil && titles[id].contest}
		case op < 8 && len(goals) > 0: // check in
			nextID++
			id := randID(rng, model.KindUpdate)
			u := &model.Update{ID: id, Target: goals[rng.IntN(len(goals))], Author: "raj", Date: "2026-11-20",
				Health: model.HealthOnTrack, Summary: fmt.Sprintf("check-in %d", step)}
			if _, err := s.Create(u); err != nil {
				t.Fatal(err)
			}
		case op < 9: // delete one of the goals this run created, if childless
			var mine []string
			for _, id := range goals {
				if created[id] && len(org.Children(id)) == 0 && len(org.UpdatesOf(id)) == 0 {
					mine = append(mine, id)
				}
			}
			if len(mine) > 0 {
				id := mine[rng.IntN(len(mine))]
				if _, err := s.Transact("", func(tx *Tx) error { return tx.Delete(model.KindGoal, id) }); err != nil {
					t.Fatal(err)
				}
				deleted[id] = true
				if w := titles[id]; w != nil {
					w.contest = true
				}
			}
		default:
			syncOne(i)
		}
	}
	// Settle: everyone syncs until no one has anything left to exchange.
	for round := 0; round < 3; round++ {
		for i := range cs {
			syncOne(i)
		}
	}
	sameTrees(t, cs...)

	final, _ := cs[0].Load()
	if len(final.Problems) > 0 {
		t.Errorf("the converged repository has unreadable files: %v", final.Problems)
	}
	var lost []string
	for id, w := range titles {
		if w.contest || deleted[id] {
			continue
		}
		g := final.Goals[id]
		if g == nil || g.Title != w.value {
			lost = append(lost, id)
		}
	}
	slices.Sort(lost)
	if len(lost) > 0 {
		t.Errorf("uncontested edits lost: %v", lost)
	}
	t.Logf("seed %d: %d goals, %d check-ins, %d conflicts resolved", seed, len(final.Goals), len(final.Updates), conflictsSeen)
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
