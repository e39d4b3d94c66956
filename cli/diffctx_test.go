package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
)

// semanticDiffWhole is semanticDiff as it was before the diff read the
// organisation record by record: the whole organisation at the newer
// revision, rewound for the older one. It is the reference the diff is
// checked against.
func semanticDiffWhole(s *gitstore.Store, from, to, since string) (*model.OrgDiff, []model.Finding, error) {
	toInfo, err := s.LookupCommit(to)
	if err != nil {
		return nil, nil, err
	}
	rng := &model.DiffRange{From: from, To: to, ToCommit: toInfo.Hash, ToDate: toInfo.Date.Format(time.DateOnly)}
	fromHash := ""
	if since != "" {
		day, _ := time.Parse(time.DateOnly, since)
		rng.From = "before " + since
		base, err := s.LookupCommit(day.AddDate(0, 0, -1).Format(time.DateOnly))
		switch {
		case errors.Is(err, gitstore.ErrNotFound):
			rng.From, rng.FromDate = "the beginning", "—"
		case err != nil:
			return nil, nil, err
		default:
			fromHash = base.Hash
		}
	} else {
		base, err := s.LookupCommit(from)
		if err != nil {
			return nil, nil, err
		}
		fromHash = base.Hash
	}
	if fromHash != "" {
		base, err := s.LookupCommit(fromHash)
		if err != nil {
			return nil, nil, err
		}
		rng.FromCommit, rng.FromDate = base.Hash, base.Date.Format(time.DateOnly)
	}
	after, err := s.OrgAt(toInfo.Hash)
	if err != nil {
		return nil, nil, err
	}
	changes, problems, err := s.ChangedBetween(fromHash, toInfo.Hash)
	if err != nil {
		return nil, nil, err
	}
	commits, err := s.CommitsBetween(fromHash, toInfo.Hash)
	if err != nil {
		return nil, nil, err
	}
	rng.Commits = len(commits)
	seen := map[string]bool{}
	for i := len(commits) - 1; i >= 0; i-- {
		name := commits[i].Author
		if id, ok := after.PersonByEmail(commits[i].Email); ok && after.People[id].Name != "" {
			name = after.People[id].Name
		}
		if name = model.CleanText(name, false); !seen[name] {
			seen[name] = true
			rng.Authors = append(rng.Authors, name)
		}
	}
	d := model.SemanticDiff(model.RewindOrg(after, changes), after, changes)
	d.Range = rng
	steps, _, err := s.Verify(fromHash, toInfo.Hash)
	if err != nil {
		return nil, nil, err
	}
	d.Attribute(after, steps)
	return d, problems, nil
}

func revList(t *testing.T, dir string) []string {
	t.Helper()
	out, err := exec.Command("git", "-C", dir, "rev-list", "--first-parent", "HEAD").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Fields(string(out))
}

// The diff reads only the records that changed and what describing them
// takes; what it says is what the whole organisation says, for ranges
// of every length over the demo organisation (every kind of change) and
// a synthetic one (health rolled up through many levels), whether the
// diff links are made at the range's end, patched from a nearby
// revision or made again.
func TestDiffSaysWhatTheWholeOrganisationSays(t *testing.T) {
	t.Parallel()
	synth := filepath.Join(t.TempDir(), "synth")
	must(t, "", "demo", synth, "--records", "1200", "--history", "120")
	for name, dir := range map[string]string{"northwind": northwindRepo(t, false), "synthetic": synth} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			commits := revList(t, dir)
			s, err := gitstore.Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			type rng struct{ from, to, since string }
			var ranges []rng
			n := len(commits)
			for _, span := range []int{1, 2, 3, 7, 25, n / 2} {
				for _, end := range []int{0, 1, n / 3, n / 2, n - span - 1} {
					if end >= 0 && end+span < n {
						ranges = append(ranges, rng{from: commits[end+span], to: commits[end]})
					}
				}
			}
			ranges = append(ranges, rng{since: "2000-01-01", to: "HEAD"}, rng{from: commits[n-1], to: "HEAD"},
				rng{from: "HEAD", to: commits[n/2]}) // backwards: a newer revision first
			for i, r := range ranges {
				if i == len(ranges)/2 {
					// Made again from nothing halfway through.
					os.Remove(filepath.Join(dir, ".git", "accord", "diff-links"))
				}
				label := fmt.Sprintf("%.8s..%.8s since %q", r.from, r.to, r.since)
				want, wantProblems, err := semanticDiffWhole(s, r.from, r.to, r.since)
				if err != nil {
					t.Fatalf("%s: %v", label, err)
				}
				got, gotProblems, err := semanticDiff(s, r.from, r.to, r.since)
				if err != nil {
					t.Fatalf("%s: %v", label, err)
				}
				wj, _ := json.MarshalIndent(want, "", " ")
				gj, _ := json.MarshalIndent(got, "", " ")
				if string(wj) != string(gj) {
					t.Errorf("%s: the diff differs from the whole organisation's:\n%s\nwant:\n%s", label, gj, wj)
				}
				if !reflect.DeepEqual(want.Names, got.Names) {
					t.Errorf("%s: names %v, want %v", label, got.Names, want.Names)
				}
				if !reflect.DeepEqual(wantProblems, gotProblems) {
					t.Errorf("%s: problems %v, want %v", label, gotProblems, wantProblems)
				}
			}
		})
	}
}
