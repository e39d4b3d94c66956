package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/render"
	"github.com/spf13/cobra"
)

func (a *app) diffCmd() *cobra.Command {
	var asJSON, asMD bool
	var since string
	cmd := &cobra.Command{
		Use:   "diff [REV1..REV2 | REV | --since DATE]",
		Short: "What changed in the organisation between two revisions",
		Long: `A semantic diff of the organisation between two revisions: goals added,
closed or moved, health changes, decisions made or superseded with their
rationale, RACI changes (who became Accountable), check-ins posted, people
and teams changed, and every other field change. REV is a commit, branch,
tag or date (YYYY-MM-DD: the last commit on or before that day). REV alone
means REV..HEAD; --since DATE means from the last commit before DATE to
HEAD. --md writes Markdown to paste into a pull-request description.`,
		Example: `  accord diff main..my-branch --md
  accord diff 2026-11-01..HEAD
  accord diff --since 2026-11-01 --json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if asJSON && asMD {
				return usageError("--json and --md: choose one")
			}
			from, to, err := diffRange(args, since)
			if err != nil {
				return err
			}
			s, err := a.open()
			if err != nil {
				return err
			}
			defer s.Close()
			d, problems, err := semanticDiff(s, from, to, since)
			if err != nil {
				return err
			}
			switch {
			case asJSON:
				if problems == nil {
					problems = []model.Finding{}
				}
				return printJSON(a.env.Stdout, struct {
					*model.OrgDiff
					Problems []model.Finding `json:"problems"`
				}{d, problems})
			case asMD:
				_, err := io.WriteString(a.env.Stdout, render.Markdown(render.Diff(d, problems)))
				return err
			}
			_, err = io.WriteString(a.env.Stdout, render.Plain(render.Diff(d, problems)))
			return err
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the diff as a JSON object")
	cmd.Flags().BoolVar(&asMD, "md", false, "print Markdown for a pull-request description")
	cmd.Flags().StringVar(&since, "since", "", "compare HEAD with the last commit before this date (YYYY-MM-DD)")
	return cmd
}

// diffRange reads REV1..REV2, REV1.. or REV (each to HEAD), or --since.
func diffRange(args []string, since string) (from, to string, err error) {
	if since != "" {
		if len(args) > 0 {
			return "", "", usageError("give either REV1..REV2 or --since DATE, not both")
		}
		if _, err := time.Parse(time.DateOnly, since); err != nil {
			return "", "", usageError("--since %q: want a date, YYYY-MM-DD", since)
		}
		return "", "HEAD", nil
	}
	if len(args) == 0 {
		return "", "", usageError("say what to compare: REV1..REV2, REV (to HEAD) or --since DATE")
	}
	arg := args[0]
	if strings.Contains(arg, "...") {
		return "", "", usageError("%q: use two dots, REV1..REV2 (the trees of both revisions are compared)", arg)
	}
	from, to, ok := strings.Cut(arg, "..")
	if !ok {
		return arg, "HEAD", nil
	}
	if from == "" {
		return "", "", usageError("%q: REV1 is missing (REV1..REV2)", arg)
	}
	if to == "" {
		to = "HEAD"
	}
	return from, to, nil
}

// semanticDiff compares the organisation at two revisions. With since,
// from is the last commit before that day, or the start of history.
func semanticDiff(s *gitstore.Store, from, to, since string) (*model.OrgDiff, []model.Finding, error) {
	toInfo, err := s.LookupCommit(to)
	if err != nil {
		return nil, nil, &ExitError{Code: ExitUsage, Err: fmt.Errorf("diff: %w", err)}
	}
	rng := &model.DiffRange{From: from, To: to, ToCommit: toInfo.Hash, ToDate: toInfo.Date.Format(time.DateOnly)}
	fromHash := ""
	if since != "" {
		day, _ := time.Parse(time.DateOnly, since)
		rng.From = "before " + since
		base, err := s.LookupCommit(day.AddDate(0, 0, -1).Format(time.DateOnly))
		switch {
		case errors.Is(err, gitstore.ErrNotFound):
			rng.From, rng.FromDate = "the beginning", "—" // nothing before: compare with an empty repository
		case err != nil:
			return nil, nil, err
		default:
			fromHash = base.Hash
		}
	} else {
		base, err := s.LookupCommit(from)
		if err != nil {
			return nil, nil, &ExitError{Code: ExitUsage, Err: fmt.Errorf("diff: %w", err)}
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
	commits, err := s.CommitsBetween(fromHash, toInfo.Hash)
	if err != nil {
		return nil, nil, fmt.Errorf("diff %s..%s: %w", from, to, err)
	}
	emails := make([]string, 0, len(commits))
	for _, c := range commits {
		emails = append(emails, c.Email)
	}
	// Only the records that changed, and what describing them takes, are
	// read: not the whole organisation.
	after, changes, problems, err := s.DiffOrg(fromHash, toInfo.Hash, emails)
	if err != nil {
		return nil, nil, fmt.Errorf("diff %s..%s: %w", from, to, err)
	}
	rng.Commits = len(commits)
	seen := map[string]bool{}
	for i := len(commits) - 1; i >= 0; i-- { // oldest first
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
	// Who accepted or rejected each decision, as the commits in the range
	// say: a walk of the history, needed only when there is one.
	if len(d.Attributed()) > 0 {
		steps, _, err := s.Verify(fromHash, toInfo.Hash)
		if err != nil {
			return nil, nil, fmt.Errorf("diff %s..%s: %w", from, to, err)
		}
		if err := s.PeopleAt(after, toInfo.Hash, d.AttributionPeople(steps)); err != nil {
			return nil, nil, fmt.Errorf("diff %s..%s: %w", from, to, err)
		}
		d.Attribute(after, steps)
	}
	return d, problems, nil
}
