package gitstore

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/demo"
)

var rajSig = Signature{Name: "Raj Patel", Email: "raj@northwind.example"}

// newRepo makes a data repository in a temp dir that commits as Raj.
func newRepo(t *testing.T) *Store {
	t.Helper()
	s, err := Init(t.TempDir(), "Northwind Labs", WithAuthor(rajSig))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func gitCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func goal(id, title string) *model.Goal {
	return &model.Goal{ID: id, Title: title, Level: model.LevelObjective, State: "active"}
}

func TestCommitsAreCleanForGit(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	if _, err := s.Create(goal("GOAL-7K3FQ2M1", "Cut time-to-first-value")); err != nil {
		t.Fatal(err)
	}
	res, err := s.Update(model.KindGoal, "GOAL-7K3FQ2M1", func(r model.Record) error {
		r.(*model.Goal).Owner = "raj"
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := `goal(GOAL-7K3FQ2M1): owner set to raj`; res.Message != want {
		t.Errorf("message = %q, want %q", res.Message, want)
	}
	if st := gitCmd(t, s.Dir(), "status", "--porcelain"); st != "" {
		t.Errorf("git status after commits is not clean:\n%s", st)
	}
	gitCmd(t, s.Dir(), "fsck", "--strict")
	log := gitCmd(t, s.Dir(), "log", "--format=%an <%ae> %s")
	want := "Raj Patel <raj@northwind.example> goal(GOAL-7K3FQ2M1): owner set to raj\n" +
		"Raj Patel <raj@northwind.example> goal(GOAL-7K3FQ2M1): create \"Cut time-to-first-value\"\n" +
		"Raj Patel <raj@northwind.example> org: set up Northwind Labs\n"
	if log != want {
		t.Errorf("git log:\n%s\nwant:\n%s", log, want)
	}
	if b := gitCmd(t, s.Dir(), "branch", "--show-current"); b != "main\n" {
		t.Errorf("branch = %q, want main", b)
	}
	show := gitCmd(t, s.Dir(), "show", "HEAD:goals/7K/GOAL-7K3FQ2M1.yaml")
	if !strings.Contains(show, "owner: raj") {
		t.Errorf("committed file lacks the edit:\n%s", show)
	}
}

func TestUpdateKeepsCommentsAndKeyOrder(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	p := filepath.Join(s.Dir(), "goals/7K/GOAL-7K3FQ2M1.yaml")
	os.MkdirAll(filepath.Dir(p), 0o755)
	hand := "# Owned by onboarding; see the Q4 plan.\n" +
		"title: Median days to first dashboard  # the headline number\n" +
		"id: GOAL-7K3FQ2M1\n" +
		"level: key_result\n" +
		"metric: {unit: days, baseline: 14, target: 5, direction: decrease}\n" +
		"state: active\n"
	os.WriteFile(p, []byte(hand), 0o644)
	_, err := s.Update(model.KindGoal, "GOAL-7K3FQ2M1", func(r model.Record) error {
		r.(*model.Goal).Metric.Target = 4
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	want := "# Owned by onboarding; see the Q4 plan.\n" +
		"title: Median days to first dashboard # the headline number\n" +
		"id: GOAL-7K3FQ2M1\n" +
		"level: key_result\n" +
		"metric: {unit: days, baseline: 14, target: 4, direction: decrease}\n" +
		"state: active\n"
	if string(got) != want {
		t.Errorf("file after edit:\n%s\nwant:\n%s", got, want)
	}
}

func TestUnreadableFileIsNeverOverwritten(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	p := filepath.Join(s.Dir(), "goals/7K/GOAL-7K3FQ2M1.yaml")
	os.MkdirAll(filepath.Dir(p), 0o755)
	broken := "id: GOAL-7K3FQ2M1\ntitle: [unclosed\n"
	os.WriteFile(p, []byte(broken), 0o644)
	_, err := s.Transact("", func(tx *Tx) error { return tx.Put(goal("GOAL-7K3FQ2M1", "Replacement")) })
	if !errors.Is(err, ErrUnreadable) {
		t.Fatalf("Put over a broken file: err = %v, want ErrUnreadable", err)
	}
	if got, _ := os.ReadFile(p); string(got) != broken {
		t.Errorf("broken file was rewritten: %q", got)
	}
}

func TestConcurrentWritersLoseNothing(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	other, err := Open(s.Dir()) // a second process's view of the clone
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	const each = 15
	var wg sync.WaitGroup
	errs := make(chan error, 2*each)
	for w, st := range []*Store{s, other} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				id := model.IDFromBytes(model.KindGoal, []byte{byte(w), byte(i), 1, 2, 3, 4, 5, 6})
				if _, err := st.Create(goal(id, "parallel")); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	org, _ := s.Load()
	if len(org.Goals) != 2*each {
		t.Errorf("loaded %d goals, want %d", len(org.Goals), 2*each)
	}
	if n := strings.Count(gitCmd(t, s.Dir(), "log", "--oneline"), "\n"); n != 2*each+1 {
		t.Errorf("%d commits, want %d", n, 2*each+1)
	}
	if st := gitCmd(t, s.Dir(), "status", "--porcelain"); st != "" {
		t.Errorf("git status not clean:\n%s", st)
	}
}

func TestLockHeldReportsHolder(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	s.LockTimeout = 100 * time.Millisecond
	l, err := acquireLock(s.gitDir, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer l.release()
	_, err = s.Create(goal("GOAL-7K3FQ2M1", "blocked"))
	var le *LockedError
	if !errors.As(err, &le) || !errors.Is(err, ErrLocked) {
		t.Fatalf("err = %v, want a LockedError", err)
	}
	if !strings.Contains(err.Error(), "pid ") {
		t.Errorf("error does not name the holder: %v", err)
	}
	if _, err := os.Stat(filepath.Join(s.Dir(), "goals/7K/GOAL-7K3FQ2M1.yaml")); err == nil {
		t.Error("a writer that did not get the lock wrote its file")
	}
}

func TestNoIdentityIsAClearError(t *testing.T) {
	s := newRepo(t)
	s.author = nil
	t.Setenv("GIT_AUTHOR_NAME", "")
	t.Setenv("GIT_AUTHOR_EMAIL", "")
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	_, err := s.Create(goal("GOAL-7K3FQ2M1", "x"))
	if !errors.Is(err, ErrNoIdentity) || !strings.Contains(err.Error(), "git -C") {
		t.Fatalf("err = %v, want ErrNoIdentity with the fix", err)
	}
}

func TestDeleteRemovesFileAndCommits(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	s.Create(goal("GOAL-7K3FQ2M1", "short-lived"))
	res, err := s.Transact("", func(tx *Tx) error { return tx.Delete(model.KindGoal, "GOAL-7K3FQ2M1") })
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Message, `delete "short-lived"`) {
		t.Errorf("message = %q", res.Message)
	}
	if out := gitCmd(t, s.Dir(), "ls-tree", "-r", "--name-only", "HEAD"); strings.Contains(out, "GOAL-") {
		t.Errorf("deleted record still in HEAD:\n%s", out)
	}
	if st := gitCmd(t, s.Dir(), "status", "--porcelain"); st != "" {
		t.Errorf("git status not clean:\n%s", st)
	}
}

func TestLoadCacheNeverServesStaleOrUncheckedContent(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	p := "goals/4M/GOAL-4M2QX7A9.yaml"
	writeRaw(t, s, p, goodGoal)
	if org, _ := s.Load(); org.Goals["GOAL-4M2QX7A9"] == nil {
		t.Fatal("record did not load")
	}
	// Edited by hand: the new content is decoded, not the cached one.
	writeRaw(t, s, p, strings.Replace(goodGoal, "Cut time-to-first-value", "Halve time-to-first-value", 1))
	if org, _ := s.Load(); org.Goals["GOAL-4M2QX7A9"].Title != "Halve time-to-first-value" {
		t.Errorf("load served the cached record after the file changed")
	}
	// Broken by hand: reported, even though a good version was cached.
	writeRaw(t, s, p, goodGoal+"bogus: 1\n")
	if org, _ := s.Load(); org.Goals["GOAL-4M2QX7A9"] != nil || problemFor(org, p) == nil {
		t.Errorf("a broken file loaded from the cache")
	}
	// A corrupt cache file is ignored.
	writeRaw(t, s, p, goodGoal)
	s.settle() // the last load's cache is written
	os.WriteFile(filepath.Join(s.gitDir, cacheName), []byte("garbage"), 0o644)
	if org, _ := s.Load(); org.Goals["GOAL-4M2QX7A9"] == nil || len(org.Problems) != 0 {
		t.Errorf("a corrupt cache broke loading: %v", org.Problems)
	}
	// Positions of fields are the same from the cache as from a decode.
	org1, _ := s.Load()
	dropLoadCache(s)
	org2, _ := s.Load()
	if a, b := org1.Sources["GOAL-4M2QX7A9"].FieldPos("state"), org2.Sources["GOAL-4M2QX7A9"].FieldPos("state"); a != b || a.Line != 4 {
		t.Errorf("state at %v cached, %v decoded; want line 4", a, b)
	}
}

// A warm load (from the cache) must give exactly what a cold load (YAML)
// gives, zero values and empty lists included: the whole demo organisation
// is compared record by record.
func TestWarmLoadEqualsColdLoad(t *testing.T) {
	t.Parallel()
	cfg, commits := demo.Northwind(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	s, err := WriteHistory(t.TempDir(), cfg, commits, WithAuthor(Signature{Name: "x", Email: "x@x"}))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := "goals/ZZ/GOAL-ZZZZZZZZ.yaml"
	writeRaw(t, s, p, "id: GOAL-ZZZZZZZZ\ntitle: Zeroes\nlevel: kpi\nmetric: {unit: x, baseline: 0, target: 0, direction: increase}\nweight: 0\nlinks: []\nstate: active\n")
	dropLoadCache(s)
	cold, _ := s.Load()
	warm, _ := s.Load()
	if cold.Len() < 300 || warm.Len() != cold.Len() {
		t.Fatalf("cold %d records, warm %d", cold.Len(), warm.Len())
	}
	for _, k := range model.Kinds {
		for _, id := range cold.IDs(k) {
			c, _ := cold.Get(id)
			w, _ := warm.Get(id)
			if !reflect.DeepEqual(c, w) {
				t.Errorf("%s differs when loaded from the cache:\ncold %+v\nwarm %+v", id, c, w)
			}
		}
	}
	if g := warm.Goals["GOAL-ZZZZZZZZ"]; g.Weight == nil || *g.Weight != 0 || g.Links == nil {
		t.Errorf("zero weight or empty list lost: %+v", g)
	}
}

func TestCorruptCacheNeverPanics(t *testing.T) {
	t.Parallel()
	rec := &model.Goal{ID: "GOAL-7K3FQ2M1", Title: "x", Weight: new(float64), Links: []string{"a"}}
	enc := encodeCached(nil, rec)
	for i := range enc {
		for _, b := range []byte{0, 0xff, enc[i] + 1} {
			bad := append([]byte(nil), enc...)
			bad[i] = b
			cachedRecord(model.KindGoal, bad)     // must not panic
			cachedRecord(model.KindGoal, bad[:i]) // truncated
		}
	}
	if got := cachedRecord(model.KindGoal, enc); !reflect.DeepEqual(got, rec) {
		t.Errorf("round trip: %+v", got)
	}
}
