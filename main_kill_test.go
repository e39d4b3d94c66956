package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/accordhq/accord/model"
)

// asAccordEnv makes the test binary run as accord itself (main), so that
// the kill and two-writer tests drive the real program in its own process
// without building it a second time.
const asAccordEnv = "ACCORD_TEST_AS_ACCORD"

// longRuns reports whether ACCORD_LONG asks for the long versions of the
// crash tests (docs/testing.md).
func longRuns() bool { return os.Getenv("ACCORD_LONG") != "" }

// accordProc is accord run in dir as the person name (whose e-mail is
// name@example.com), with its own HOME.
func accordProc(dir, home, name string, args ...string) *exec.Cmd {
	self, err := os.Executable()
	if err != nil {
		self = os.Args[0]
	}
	cmd := exec.Command(self, args...)
	cmd.Dir = dir
	email := strings.ToLower(name) + "@example.com"
	cmd.Env = append(os.Environ(), asAccordEnv+"=1", "HOME="+home, "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME="+name, "GIT_AUTHOR_EMAIL="+email, "GIT_COMMITTER_NAME="+name, "GIT_COMMITTER_EMAIL="+email)
	return cmd
}

// mustAccord runs accord to the end and fails the test unless it exits 0.
func mustAccord(t testing.TB, dir, home, name string, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := accordProc(dir, home, name, args...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("accord %s in %s: %v\n%s%s", strings.Join(args, " "), dir, err, out.String(), errOut.String())
	}
	return out.String()
}

func gitIn(t testing.TB, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s in %s: %v\n%s", strings.Join(args, " "), dir, err, out)
	}
	return string(out)
}

// accordWrite runs an accord command that prints its commit with --json
// to the end, and returns that commit; false when accord refused or failed
// (nothing acknowledged).
func accordWrite(t testing.TB, dir, home, name string, args ...string) (string, bool) {
	t.Helper()
	var out bytes.Buffer
	cmd := accordProc(dir, home, name, args...)
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		return "", false
	}
	var res struct {
		Commit string `json:"commit"`
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil || res.Commit == "" {
		t.Errorf("accord %s: exit 0 but no commit in %q (%v)", strings.Join(args, " "), out.String(), err)
		return "", false
	}
	return res.Commit, true
}

// lostCommits fails the test for every acknowledged commit (a full or
// short hash) the history of dir lacks, and counts them.
func lostCommits(t testing.TB, dir string, acked []string) int {
	t.Helper()
	history := gitIn(t, dir, "rev-list", "HEAD")
	lost := 0
	for _, h := range acked {
		if !strings.Contains(history, h) {
			lost++
			t.Errorf("acknowledged commit %s is not in the history", h)
		}
	}
	return lost
}

// killClone is a data repository with a remote and a second clone, for the
// crash tests: Kim's clone holds a person each and three goals Kim edits;
// Lee's clone edits a fourth goal.
type killClone struct {
	dir, other, home string
	goals            []string // Kim's
	leeGoal          string
	root             string // the first commit, which must stay the root
}

func newKillClone(t testing.TB) *killClone {
	t.Helper()
	base := t.TempDir()
	k := &killClone{dir: filepath.Join(base, "kim"), other: filepath.Join(base, "lee"), home: filepath.Join(base, "home")}
	if err := os.MkdirAll(k.home, 0o755); err != nil {
		t.Fatal(err)
	}
	remote := filepath.Join(base, "remote.git")
	gitIn(t, base, "init", "-q", "--bare", "-b", "main", remote)
	mustAccord(t, base, k.home, "Kim", "init", k.dir, "--org", "Crash Test")
	for _, who := range []string{"kim", "lee"} {
		mustAccord(t, k.dir, k.home, "Kim", "new", "person", "id="+who, "name="+who, "emails=["+who+"@example.com]")
	}
	for i := range 4 {
		id := strings.TrimSpace(mustAccord(t, k.dir, k.home, "Kim", "new", "goal", fmt.Sprintf("title=goal %d", i), "level=objective"))
		if i < 3 {
			k.goals = append(k.goals, id)
		} else {
			k.leeGoal = id
		}
	}
	mustAccord(t, k.dir, k.home, "Kim", "remote", "set", "file://"+remote)
	mustAccord(t, k.dir, k.home, "Kim", "sync")
	mustAccord(t, base, k.home, "Lee", "clone", "file://"+remote, k.other)
	k.root = strings.TrimSpace(gitIn(t, k.dir, "rev-list", "--max-parents=0", "HEAD"))
	return k
}

// stoppedLeftovers lists what a stopped command may leave and the next
// command must clean: Accord's temporary files anywhere in the worktree,
// its journal, index file and locks in .git, and what a killed fetch
// leaves in the pack folder.
func stoppedLeftovers(dir string) []string {
	var out []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		if strings.HasPrefix(d.Name(), ".accord-") && strings.HasSuffix(d.Name(), ".tmp") {
			out = append(out, p)
		}
		return nil
	})
	for _, p := range []string{"accord/journal.json", "index.accord.tmp", "index.lock", "refs/heads/main.lock", "refs/remotes/origin/main.lock"} {
		if _, err := os.Lstat(filepath.Join(dir, ".git", p)); err == nil {
			out = append(out, ".git/"+p)
		}
	}
	// A killed fetch: go-git's temporary pack, or a pack index without
	// its pack (the next fetch would keep it and read its pack as EOF).
	packDir := filepath.Join(dir, ".git", "objects", "pack")
	entries, _ := os.ReadDir(packDir)
	for _, e := range entries {
		name := e.Name()
		base, isIdx := strings.CutSuffix(name, ".idx")
		if _, err := os.Lstat(filepath.Join(packDir, base+".pack")); isIdx && err != nil {
			out = append(out, ".git/objects/pack/"+name)
		}
		if n, ok := strings.CutPrefix(name, "tmp_pack_"); ok && strings.Trim(n, "0123456789") == "" {
			out = append(out, ".git/objects/pack/"+name)
		}
	}
	return out
}

// checkIntact fails unless the branch ref holds a commit hash, nothing is
// left over, and git sees a clean tree. (That the history keeps its root is
// checked at the end: a new root would still show there.)
func checkIntact(t testing.TB, dir, after string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, ".git", "refs", "heads", "main"))
	if h := strings.TrimSpace(string(data)); err != nil || len(h) != 40 {
		t.Fatalf("after %s: torn ref refs/heads/main: %q, %v", after, data, err)
	}
	tracking, err := os.ReadFile(filepath.Join(dir, ".git", "refs", "remotes", "origin", "main"))
	if h := strings.TrimSpace(string(tracking)); err == nil && len(h) != 40 {
		t.Fatalf("after %s: torn ref refs/remotes/origin/main: %q", after, tracking)
	}
	if left := stoppedLeftovers(dir); len(left) > 0 {
		t.Fatalf("after %s, the next command left %v", after, left)
	}
	if st := gitIn(t, dir, "status", "--porcelain", "--untracked-files=all"); st != "" {
		t.Fatalf("after %s, the next command left the tree dirty:\n%s", after, st)
	}
}

// titleAt reads a goal's title at HEAD from git, not through Accord.
func titleAt(t testing.TB, dir, id string) string {
	t.Helper()
	p, _ := model.PathOf(model.KindGoal, id)
	for _, line := range strings.Split(gitIn(t, dir, "show", "HEAD:"+p), "\n") {
		if v, ok := strings.CutPrefix(line, "title: "); ok {
			var s string
			if json.Unmarshal([]byte(v), &s) == nil {
				return s
			}
			return strings.Trim(v, `'"`)
		}
	}
	return ""
}

// TestKilledCommandsLoseNothing kills accord set, checkin, new and sync
// with SIGKILL at random points over the time each takes (measured first),
// runs the next command, and checks that the branch ref is whole, the
// history keeps its root, no temporary file, journal or lock is left, git
// sees a clean tree, every write accord acknowledged (exit 0) is there,
// and git fsck passes. 100 kills; ACCORD_LONG=1 makes it 1,000.
func TestKilledCommandsLoseNothing(t *testing.T) {
	t.Parallel()
	kills, workers := 100, 4
	if longRuns() {
		kills = 1000
	}
	var mu sync.Mutex
	total := map[string]int{}
	t.Cleanup(func() {
		if !t.Failed() {
			t.Logf("kills: %v", total)
		}
	})
	for w := range workers {
		t.Run(fmt.Sprint("clone", w), func(t *testing.T) {
			t.Parallel()
			got := killRun(t, uint64(w+1), kills/workers)
			mu.Lock()
			for k, v := range got {
				total[k] += v
			}
			mu.Unlock()
		})
	}
}

// killTick is the step of the kill test's clock: a ticker, counted, so
// that no test reads the time of day.
const killTick = time.Millisecond

// runKilledAfter runs cmd, counting ticks of killTick until it ends, and
// kills it with SIGKILL at tick killAt (0: never). It returns the ticks
// counted, whether SIGKILL ended it, and what Wait returned otherwise.
func runKilledAfter(t testing.TB, cmd *exec.Cmd, killAt int) (int, bool, error) {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	tick := time.NewTicker(killTick)
	defer tick.Stop()
	for ticks := 0; ; {
		select {
		case err := <-done:
			return ticks, false, err
		case <-tick.C:
			if ticks++; ticks == killAt {
				_ = cmd.Process.Signal(syscall.SIGKILL)
				err := <-done
				var ee *exec.ExitError
				if errors.As(err, &ee) && !ee.Exited() {
					return ticks, true, nil
				}
				return ticks, false, err
			}
		}
	}
}

func killRun(t *testing.T, seed uint64, kills int) map[string]int {
	k := newKillClone(t)
	rng := rand.New(rand.NewPCG(seed, 1787))
	n := 0
	argsFor := func(op string) []string {
		n++
		g := k.goals[rng.IntN(len(k.goals))]
		switch op {
		case "set":
			return []string{"set", g, fmt.Sprintf("title=title %d", n)}
		case "checkin":
			return []string{"checkin", g, "--health", "on_track", "--summary", fmt.Sprintf("check-in %d", n)}
		case "new":
			return []string{"new", "goal", fmt.Sprintf("title=new %d", n), "level=objective"}
		}
		return []string{"sync"}
	}
	ops := []string{"set", "checkin", "new", "sync"}
	took := map[string]int{} // each command's run time, in ticks of killTick
	for _, op := range ops {
		cmd := accordProc(k.dir, k.home, "Kim", argsFor(op)...)
		ticks, _, err := runKilledAfter(t, cmd, 0)
		if err != nil {
			t.Fatalf("accord %s: %v", op, err)
		}
		took[op] = ticks
	}

	lastAcked := map[string]string{}    // goal → last title a set acknowledged
	triedSince := map[string][]string{} // goal → titles of killed sets since
	var created []string                // IDs new and checkin acknowledged
	stats := map[string]int{}
	for i := 0; i < kills; {
		if rng.IntN(12) == 0 { // Lee edits and syncs, so Kim's syncs have work
			title := fmt.Sprintf("lee %d", i)
			mustAccord(t, k.other, k.home, "Lee", "set", k.leeGoal, "title="+title)
			mustAccord(t, k.other, k.home, "Lee", "sync")
			lastAcked[k.leeGoal], triedSince[k.leeGoal] = title, nil
		}
		op := ops[rng.IntN(len(ops))]
		args := argsFor(op)
		var out bytes.Buffer
		var errOut bytes.Buffer
		cmd := accordProc(k.dir, k.home, "Kim", args...)
		cmd.Stdout, cmd.Stderr = &out, &errOut
		delay := 1 + rng.IntN(took[op]*6/5+1)
		_, killed, err := runKilledAfter(t, cmd, delay)
		what := fmt.Sprintf("%s killed after %d ms", strings.Join(args, " "), delay)
		switch {
		case killed:
			i++
			stats[op]++
			if op == "set" {
				triedSince[args[1]] = append(triedSince[args[1]], strings.TrimPrefix(args[2], "title="))
			}
		case err != nil:
			t.Fatalf("%s (not killed) failed: %v\n%s%s", strings.Join(args, " "), err, out.String(), errOut.String())
		default:
			stats["finished"]++
			what = strings.Join(args, " ") + " (finished)"
			switch op {
			case "set":
				lastAcked[args[1]], triedSince[args[1]] = strings.TrimPrefix(args[2], "title="), nil
			case "new", "checkin":
				created = append(created, strings.TrimSpace(out.String()))
			}
		}
		// The next command cleans up after the killed one.
		mustAccord(t, k.dir, k.home, "Kim", "remote")
		checkIntact(t, k.dir, what)
	}

	if r := strings.TrimSpace(gitIn(t, k.dir, "rev-list", "--max-parents=0", "HEAD")); r != k.root {
		t.Fatalf("history now starts at %s, not %s (a new root)", r, k.root)
	}
	// Everyone syncs; both clones and the remote agree, and every
	// acknowledged write is there.
	mustAccord(t, k.dir, k.home, "Kim", "sync")
	mustAccord(t, k.other, k.home, "Lee", "sync")
	mustAccord(t, k.dir, k.home, "Kim", "sync")
	if a, b := gitIn(t, k.dir, "rev-parse", "HEAD^{tree}"), gitIn(t, k.other, "rev-parse", "HEAD^{tree}"); a != b {
		t.Fatalf("the clones differ after syncing: %s vs %s", a, b)
	}
	for g, want := range lastAcked {
		got := titleAt(t, k.dir, g)
		if got != want && !slices.Contains(triedSince[g], got) {
			t.Errorf("%s: title %q; the last acknowledged was %q (later killed tries %q)", g, got, want, triedSince[g])
		}
	}
	files := gitIn(t, k.dir, "ls-tree", "-r", "--name-only", "HEAD")
	for _, id := range created {
		p, err := model.PathOf(model.KindOfID(id), id)
		if err != nil || !strings.Contains(files, p+"\n") {
			t.Errorf("acknowledged %s is not in the history (%v)", id, err)
		}
	}
	gitIn(t, k.dir, "fsck", "--strict")
	gitIn(t, k.other, "fsck", "--strict")
	stats["acknowledged"] = len(created) + len(lastAcked)
	return stats
}

// TestTwoWritersOnOneClone runs two accord processes and a person
// committing with plain git in one clone at the same time, and checks that
// every commit either acknowledged (exit 0) is in the history, the tree is
// clean and git fsck passes. Each writer may be refused (the lock was busy,
// or git held the branch): those are not acknowledged and must leave
// nothing behind. 3 × 12 writes; ACCORD_LONG=1 makes it 3 × 334.
func TestTwoWritersOnOneClone(t *testing.T) {
	t.Parallel()
	k := newKillClone(t)
	per := 12
	if longRuns() {
		per = 334
	}
	var mu sync.Mutex
	var acked []string // commit hashes, short or full
	refused := map[string]int{}
	ack := func(h string) {
		mu.Lock()
		acked = append(acked, h)
		mu.Unlock()
	}
	refuse := func(who string) {
		mu.Lock()
		refused[who]++
		mu.Unlock()
	}
	var wg sync.WaitGroup
	for w, name := range []string{"Kim", "Lee"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range per {
				args := []string{"set", k.goals[w], fmt.Sprintf("title=%s %d", name, i), "--json"}
				if i%3 == 2 {
					args = []string{"new", "goal", fmt.Sprintf("title=%s new %d", name, i), "level=objective", "--json"}
				}
				if commit, ok := accordWrite(t, k.dir, k.home, name, args...); ok {
					ack(commit)
				} else {
					refuse(name)
				}
			}
		}()
	}
	wg.Add(1)
	go func() { // a person with plain git: a notes file, added and committed
		defer wg.Done()
		for i := range per {
			name := fmt.Sprintf("notes/%d.txt", i)
			if err := os.MkdirAll(filepath.Join(k.dir, "notes"), 0o755); err != nil {
				t.Error(err)
				return
			}
			if err := os.WriteFile(filepath.Join(k.dir, name), []byte(fmt.Sprintf("note %d\n", i)), 0o644); err != nil {
				t.Error(err)
				return
			}
			committed := false
			git := func(args ...string) error {
				cmd := exec.Command("git", append([]string{"-c", "user.name=Pat", "-c", "user.email=pat@example.com"}, args...)...)
				cmd.Dir = k.dir
				cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+k.home)
				return cmd.Run()
			}
			// As a person would: again when git says another process holds a lock.
			for try := 0; try < 20 && !committed; try++ {
				committed = git("add", name) == nil && git("commit", "-q", "-m", "note "+name, "--", name) == nil
			}
			if !committed {
				// The person gives up and takes their note back, so
				// that what is left in the tree is Accord's alone.
				for try := 0; try < 200 && git("reset", "-q", "--", name) != nil; try++ {
				}
				if err := os.Remove(filepath.Join(k.dir, name)); err != nil {
					t.Error(err)
				}
				refuse("git")
				continue
			}
			h := exec.Command("git", "rev-parse", "HEAD:"+name)
			h.Dir = k.dir
			if _, err := h.Output(); err != nil {
				t.Errorf("git committed %s, but HEAD does not have it", name)
			}
			log := exec.Command("git", "log", "-1", "--format=%H", "--", name)
			log.Dir = k.dir
			out, err := log.Output()
			if err != nil || len(strings.TrimSpace(string(out))) != 40 {
				t.Errorf("git log of %s: %q %v", name, out, err)
				continue
			}
			ack(strings.TrimSpace(string(out)))
		}
	}()
	wg.Wait()

	lost := lostCommits(t, k.dir, acked)
	checkIntact(t, k.dir, "two writers")
	gitIn(t, k.dir, "fsck", "--strict")
	t.Logf("%d writes acknowledged, all in history (%d lost); refused: %v", len(acked), lost, refused)
	if len(acked) < per {
		t.Errorf("only %d of %d writes were acknowledged: refused %v", len(acked), 3*per, refused)
	}
}
