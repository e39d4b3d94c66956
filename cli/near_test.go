package cli

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
)

// One-record commands read only the records around the one they work on
// when the clone's neighbour index is up to date, and the whole
// organisation otherwise. The two must be indistinguishable: the same
// output, the same refusals, the same commits. Two copies of the demo run
// the same commands, one with the index, one with it removed before each
// command; the first must not load the organisation at all (a whole load
// writes the load cache, which is removed before each command).
func TestOneRecordCommandsReadAroundTheRecordAsTheWholeOrgWould(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("cp"); err != nil {
		t.Skip("cp is not installed")
	}
	near := t.TempDir()
	must(t, "", "demo", near)
	whole := filepath.Join(t.TempDir(), "whole")
	if out, err := exec.Command("cp", "-a", near, whole).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v\n%s", err, out)
	}
	s, err := gitstore.Open(near, storeOpts(t)...)
	if err != nil {
		t.Fatal(err)
	}
	org, err := s.Load()
	s.Close()
	if err != nil {
		t.Fatal(err)
	}

	var cmds, last [][]string
	every := func(k model.Kind, n int, f func(id string)) {
		for i, id := range org.IDs(k) {
			if i%n == 0 {
				f(id)
			}
		}
	}
	team, person := org.IDs(model.KindTeam)[0], org.IDs(model.KindPerson)[1]
	every(model.KindGoal, 6, func(id string) {
		g := org.Goals[id]
		cmds = append(cmds, []string{"show", id[:9]}, []string{"show", id, "--json"}, []string{"log", id[:9]}, []string{"blame", id},
			[]string{"set", id, "owner=" + team}, []string{"set", id, "depends_on+=" + g.Parent},
			[]string{"checkin", id[:8], "--health", "at_risk", "--summary", "slipping", "--problem", "p"})
		if kids := org.Children(id); len(kids) > 0 {
			cmds = append(cmds, []string{"set", id, "parent=" + kids[0][:10]}) // a loop
		}
		if g.Parent != "" { // last: a new goal's random ID orders the children shown after it
			last = append(last, []string{"new", "goal", "title=t", "level=key_result", "parent=" + g.Parent[:9],
				"metric={unit: x, baseline: 1, target: 2, direction: increase}"})
		}
	})
	every(model.KindDecision, 4, func(id string) {
		cmds = append(cmds, []string{"show", id}, []string{"log", id, "--chain"}, []string{"blame", id, "--json"}, []string{"set", id, "status=accepted"},
			[]string{"set", id, "status=superseded"}, []string{"set", id, "approver=" + person, "goals+=GOAL-0000"},
			[]string{"log", id}) // who accepted it, now that someone else approves it
	})
	every(model.KindRACI, 4, func(id string) {
		cmds = append(cmds, []string{"show", id, "--json"}, []string{"log", id, "--json"}, []string{"set", id, "accountable=" + team},
			[]string{"set", id, "state=agreed"}, []string{"set", id, "consulted+=" + org.RACIs[id].Responsible[0]})
	})
	every(model.KindHandoff, 2, func(id string) {
		cmds = append(cmds, []string{"show", id}, []string{"set", id, "state=accepted"}, []string{"set", id, "state=delivered"}, []string{"log", id})
	})
	every(model.KindPerson, 8, func(id string) {
		cmds = append(cmds, []string{"show", id}, []string{"set", id, "manager=" + id}, []string{"set", id, "emails+=x@y.example"}, []string{"log", id}, []string{"blame", id})
	})
	every(model.KindTeam, 3, func(id string) {
		cmds = append(cmds, []string{"show", id, "--json"}, []string{"set", id, "parent=" + id})
	})
	cmds = append(cmds, []string{"show", "GOAL-"}, []string{"show", "nobody"}, []string{"new", "person", "id=" + person, "name=Again"},
		[]string{"new", "team", "id=newteam", "name=New", "lead=" + person}, []string{"show", "newteam"})
	cmds = append(cmds, last...)

	for _, args := range cmds {
		for _, f := range []string{filepath.Join(near, ".git/accord/load-cache"), filepath.Join(whole, ".git/accord/neighbours")} {
			if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
				t.Fatal(err)
			}
		}
		nOut, nErr, nCode := run(t, near, args...)
		wOut, wErr, wCode := run(t, whole, args...)
		nOut, nErr = sameNames(args, nOut, nErr)
		wOut, wErr = sameNames(args, wOut, wErr)
		if nOut != wOut || nErr != wErr || nCode != wCode {
			t.Fatalf("accord %q\naround the record (exit %d):\n%s%s\nwhole organisation (exit %d):\n%s%s", args, nCode, nOut, nErr, wCode, wOut, wErr)
		}
		if _, err := os.Stat(filepath.Join(near, ".git/accord/load-cache")); err == nil {
			t.Errorf("accord %q loaded the whole organisation", args)
		}
	}
	if a, b := gitLog(t, near), gitLog(t, whole); len(a) != len(b) || len(a) < 50 {
		t.Errorf("%d commits around the records, %d with the whole organisation", len(a), len(b))
	}
}

var commitHash = regexp.MustCompile(`\[[0-9a-f]{7,40}\]`)

// sameNames names what differs between two runs of the same commands: a
// new record's random ID, and so every commit from then on.
func sameNames(args []string, out, errOut string) (string, string) {
	if id := strings.TrimSpace(out); args[0] == "new" && id != "" {
		out, errOut = strings.ReplaceAll(out, id, "NEW-ID"), strings.ReplaceAll(errOut, id, "NEW-ID")
	}
	return out, commitHash.ReplaceAllString(errOut, "[commit]")
}
