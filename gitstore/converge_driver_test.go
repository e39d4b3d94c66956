package gitstore

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
)

// convergeDriver makes the writes, syncs and conflict choices of
// TestSyncConverges on clone i. storeDriver calls the Store in this
// process (CI's default, about a minute); binaryDriver runs each as the
// accord command a person would type, in its own process
// (ACCORD_SYNC_VIA=binary). The story and the oracle are the same for both.
type convergeDriver interface {
	// clones are the four clones of the remote, as Stores the story reads
	// (to pick what to edit) and the oracle checks.
	clones() []*Store
	// set makes accord set's assignments on id: the commit ("" when nothing
	// changed) and the record after it; errRefused when Accord refused
	// the write (a rule it would break), which is not acknowledged.
	set(i int, id string, assigns []string) (commit string, after model.Record, err error)
	// newGoal makes an objective titled title; id is the one the
	// in-process driver gives it (accord new picks its own).
	newGoal(i int, id, title string) (newID, commit string, err error)
	// checkin posts an on-track check-in on goal (id as for newGoal).
	checkin(i int, id, goal, summary string) (commit string, err error)
	// remove deletes a goal nothing points at: the commit, or "" when the
	// file was removed and the next sync commits it.
	remove(i int, id string) (commit string, err error)
	// sync is accord sync: the conflicts it reports and nil, ErrConflicts
	// or what failed.
	sync(i int) (conflicts int, err error)
	// conflicts lists the merge session's conflicts (nil: no session).
	conflicts(i int) ([]RecordConflict, error)
	// resolve makes one choice: "ours", "theirs" or "value"; a refused
	// choice is ErrChoiceBreaksRule or ErrBadChoice.
	resolve(i int, id, field, how, value string) error
	String() string
}

// errRefused is a write Accord refused (exit 2 with "not saved", a rule
// it would break, or a decision step its lifecycle lacks): nothing was
// acknowledged.
var errRefused = errors.New("refused")

// storeDriver drives four Stores in this process.
type storeDriver struct {
	t  *testing.T
	r  testRemote
	cs []*Store
}

func newStoreDriver(t *testing.T, r testRemote) *storeDriver {
	return &storeDriver{t: t, r: r, cs: clones(t, r.URL, r.Opts, "Ana", "Ben", "Cai", "Dee")}
}

func (d *storeDriver) String() string   { return "in-process" }
func (d *storeDriver) clones() []*Store { return d.cs }

func (d *storeDriver) set(i int, id string, assigns []string) (string, model.Record, error) {
	var as []Assignment
	for _, a := range assigns {
		pa, err := ParseAssignment(a)
		if err != nil {
			return "", nil, err
		}
		as = append(as, pa)
	}
	res, err := d.cs[i].Update(model.KindOfID(id), id, func(r model.Record) error { return Assign(r, as) })
	if err != nil || res.Commit == "" {
		return "", nil, err
	}
	return res.Commit, res.Changes[0].New, nil
}

func (d *storeDriver) newGoal(i int, id, title string) (string, string, error) {
	res, err := d.cs[i].Create(&model.Goal{ID: id, Title: title, Level: model.LevelObjective, State: "active"})
	return id, res.Commit, err
}

func (d *storeDriver) checkin(i int, id, goal, summary string) (string, error) {
	res, err := d.cs[i].Create(&model.Update{ID: id, Target: goal, Author: "raj", Date: "2026-11-20",
		Health: model.HealthOnTrack, Summary: summary})
	return res.Commit, err
}

func (d *storeDriver) remove(i int, id string) (string, error) {
	res, err := d.cs[i].Transact("", func(tx *Tx) error { return tx.Delete(model.KindGoal, id) })
	return res.Commit, err
}

func (d *storeDriver) sync(i int) (int, error) {
	res, err := d.cs[i].Sync(context.Background(), SyncOptions{Remote: d.r.Opts, Today: syncToday})
	return res.Conflicts, err
}

func (d *storeDriver) conflicts(i int) ([]RecordConflict, error) {
	sess, err := d.cs[i].Session()
	if sess == nil || err != nil {
		return nil, err
	}
	return sess.Conflicts, nil
}

func (d *storeDriver) resolve(i int, id, field, how, value string) error {
	_, err := d.cs[i].Resolve(id, field, how, value)
	return err
}

// binaryDriver runs accord commands, each in its own process: this test
// binary, which is accord when ACCORD_TEST_AS_ACCORD=1 (asaccord_test.go).
// The clones are made with accord clone and commit as people of the seed
// organisation (two clones are Raj's: a laptop and a desktop), as git's
// environment names them; the HTTP token is in ACCORD_TOKEN. The Stores
// it returns only read.
type binaryDriver struct {
	t      *testing.T
	home   string
	token  string
	people []string // the name each clone commits as
	cs     []*Store
}

func newBinaryDriver(t *testing.T, r testRemote) *binaryDriver {
	d := &binaryDriver{t: t, home: t.TempDir(), token: r.Opts.Token, people: []string{"Raj", "Mei", "Ana", "Raj"}}
	base := t.TempDir()
	for i, name := range d.people {
		dir := filepath.Join(base, fmt.Sprintf("%d-%s", i, name))
		if out, code, errOut := d.run(i, base, "clone", r.URL, dir); code != 0 {
			t.Fatalf("accord clone %s: exit %d\n%s%s", r.URL, code, out, errOut)
		}
		s, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		d.cs = append(d.cs, s)
	}
	return d
}

func (d *binaryDriver) String() string   { return "through accord commands" }
func (d *binaryDriver) clones() []*Store { return d.cs }

// run runs accord args in dir as clone i's person: stdout, the exit
// status and stderr.
func (d *binaryDriver) run(i int, dir string, args ...string) (string, int, string) {
	self, err := os.Executable()
	if err != nil {
		d.t.Fatal(err)
	}
	name := d.people[i]
	email := strings.ToLower(name) + "@example.com"
	cmd := exec.Command(self, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "ACCORD_TEST_AS_ACCORD=1", "HOME="+d.home, "GIT_CONFIG_NOSYSTEM=1", "ACCORD_TOKEN="+d.token,
		"GIT_AUTHOR_NAME="+name, "GIT_AUTHOR_EMAIL="+email, "GIT_COMMITTER_NAME="+name, "GIT_COMMITTER_EMAIL="+email)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee) && ee.Exited():
		return out.String(), ee.ExitCode(), errOut.String()
	case err != nil:
		d.t.Fatalf("accord %s: %v", strings.Join(args, " "), err)
	}
	return out.String(), 0, errOut.String()
}

// write runs a command that prints {id, commit} with --json.
func (d *binaryDriver) write(i int, args ...string) (id, commit string, err error) {
	out, code, errOut := d.run(i, d.cs[i].Dir(), append(args, "--json")...)
	if code == 2 && (strings.Contains(out+errOut, "not saved") || strings.Contains(out+errOut, "cannot become")) {
		// A refused write changes nothing: git sees the tree as it was.
		if st := gitCmd(d.t, d.cs[i].Dir(), "status", "--porcelain", "--untracked-files=all"); st != "" {
			return "", "", fmt.Errorf("accord %s was refused and left the tree dirty:\n%s", strings.Join(args, " "), st)
		}
		return "", "", fmt.Errorf("%w: %s", errRefused, strings.TrimSpace(out+errOut))
	}
	if code != 0 {
		return "", "", fmt.Errorf("accord %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
	}
	var res struct {
		ID     string  `json:"id"`
		Commit *string `json:"commit"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		return "", "", fmt.Errorf("accord %s --json: %v in %q", strings.Join(args, " "), err, out)
	}
	if res.Commit != nil {
		commit = *res.Commit
	}
	return res.ID, commit, nil
}

func (d *binaryDriver) set(i int, id string, assigns []string) (string, model.Record, error) {
	_, commit, err := d.write(i, append([]string{"set", id}, assigns...)...)
	if err != nil || commit == "" {
		return "", nil, err
	}
	org, err := d.cs[i].Load()
	if err != nil {
		return "", nil, err
	}
	rec, ok := org.Get(id)
	if !ok {
		return "", nil, fmt.Errorf("accord set %s committed %s, and the record is gone", id, commit)
	}
	return commit, rec, nil
}

func (d *binaryDriver) newGoal(i int, _, title string) (string, string, error) {
	return d.write(i, "new", "goal", "title="+title, "level=objective")
}

func (d *binaryDriver) checkin(i int, _, goal, summary string) (string, error) {
	_, commit, err := d.write(i, "checkin", goal, "--health", "on_track", "--summary", summary)
	return commit, err
}

// remove deletes the file as a person would (Accord has no delete
// command): the story's next sync commits it.
func (d *binaryDriver) remove(i int, id string) (string, error) {
	p, err := model.PathOf(model.KindGoal, id)
	if err != nil {
		return "", err
	}
	return "", os.Remove(filepath.Join(d.cs[i].Dir(), p))
}

func (d *binaryDriver) sync(i int) (int, error) {
	out, code, errOut := d.run(i, d.cs[i].Dir(), "sync", "--json")
	var res struct {
		Conflicts int    `json:"conflicts"`
		Error     string `json:"error"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		return 0, fmt.Errorf("accord sync --json: exit %d, %v in %q %s", code, err, out, errOut)
	}
	switch code {
	case 0:
		return res.Conflicts, nil
	case 3:
		return res.Conflicts, fmt.Errorf("%w: %s", ErrConflicts, res.Error)
	}
	return res.Conflicts, fmt.Errorf("accord sync: exit %d: %s %s", code, res.Error, errOut)
}

func (d *binaryDriver) conflicts(i int) ([]RecordConflict, error) {
	out, code, errOut := d.run(i, d.cs[i].Dir(), "conflicts", "--json")
	if code != 0 {
		return nil, fmt.Errorf("accord conflicts --json: exit %d\n%s%s", code, out, errOut)
	}
	var cs []RecordConflict
	if err := json.Unmarshal([]byte(out), &cs); err != nil {
		return nil, fmt.Errorf("accord conflicts --json: %v in %q", err, out)
	}
	if len(cs) == 0 {
		return nil, nil // accord prints [] when no merge waits
	}
	return cs, nil
}

func (d *binaryDriver) resolve(i int, id, field, how, value string) error {
	args := []string{"resolve", id}
	if field == RecordField {
		args = append(args, "--record")
	} else {
		args = append(args, field)
	}
	if how == "value" {
		args = append(args, "--value", value)
	} else {
		args = append(args, "--"+how)
	}
	out, code, errOut := d.run(i, d.cs[i].Dir(), args...)
	switch {
	case code == 0:
		return nil
	case code == 2 && strings.Contains(errOut, ErrBadChoice.Error()):
		return fmt.Errorf("%w: %s", ErrBadChoice, errOut)
	case code == 1 && strings.Contains(errOut, ErrChoiceBreaksRule.Error()):
		return fmt.Errorf("%w: %s", ErrChoiceBreaksRule, errOut)
	}
	return fmt.Errorf("accord %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
}
