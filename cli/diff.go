package cli

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
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
				md := d.Markdown()
				if len(problems) > 0 {
					md += "### Could not be read\n\n"
					for _, p := range problems {
						md += "- " + strings.ReplaceAll(model.CleanText(p.String(), false), "`", "'") + "\n"
					}
				}
				_, err := io.WriteString(a.env.Stdout, md)
				return err
			}
			printDiff(a.env.Stdout, d, problems)
			return nil
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
	after, err := s.OrgAt(toInfo.Hash)
	if err != nil {
		return nil, nil, fmt.Errorf("diff: organisation at %s: %w", to, err)
	}
	changes, problems, err := s.ChangedBetween(fromHash, toInfo.Hash)
	if err != nil {
		return nil, nil, fmt.Errorf("diff %s..%s: %w", from, to, err)
	}
	commits, err := s.CommitsBetween(fromHash, toInfo.Hash)
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
	return d, problems, nil
}

// printDiff writes the diff as readable text for a terminal.
func printDiff(w io.Writer, d *model.OrgDiff, problems []model.Finding) {
	if r := d.Range; r != nil {
		from := r.From
		if r.FromCommit != "" {
			from = fmt.Sprintf("%s (%s)", model.ShortHash(r.FromCommit), r.FromDate)
		}
		fmt.Fprintf(w, "Changes from %s to %s (%s)", cell(from, 0), model.ShortHash(r.ToCommit), r.ToDate)
		if r.Commits > 0 {
			fmt.Fprintf(w, ": %s by %s", plural(r.Commits, "commit"), cell(joinAuthors(r.Authors), 0))
		}
		fmt.Fprintln(w)
	}
	if d.Empty() && len(problems) == 0 {
		fmt.Fprintln(w, "\nNo changes to records.")
		return
	}
	name := func(id string) string {
		if n := d.Name(id); n != "" {
			return cell(n, 0)
		}
		return cell(id, 0)
	}
	ref := func(id string) string {
		if id == "" {
			return "(none)"
		}
		if t := d.Name(id); t != "" {
			return id + " " + cell(t, 40)
		}
		return id
	}
	section := func(title string, rows [][]string) {
		if len(rows) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s\n", title)
		for _, r := range rows {
			fmt.Fprintf(w, "  %-11s %s\n", r[0], r[1])
			for _, more := range r[2:] {
				fmt.Fprintf(w, "  %-11s %s\n", "", more)
			}
		}
	}

	var rows [][]string
	for _, g := range d.Goals {
		what := fmt.Sprintf("%s %s %s", levelLabel(g.Level), g.ID, cell(g.Title, 60))
		switch g.Change {
		case model.GoalAdded:
			if g.Parent != "" {
				what += " under " + ref(g.Parent)
			}
			if g.Owner != "" {
				what += " · owner " + name(g.Owner)
			}
		case model.GoalClosed:
			if g.Outcome != "" {
				what += ": " + levelLabel(g.Outcome)
			}
		case model.GoalReparented:
			what += ": " + ref(g.FromParent) + " → " + ref(g.Parent)
			g.Change = "moved"
		}
		rows = append(rows, []string{g.Change, what})
	}
	section("Goals", rows)

	rows = nil
	for _, h := range d.Health {
		rows = append(rows, []string{healthLabel(h.To), fmt.Sprintf("%s %s %s (was %s)", levelLabel(h.Level), h.ID, cell(h.Title, 60), healthLabel(h.From))})
	}
	section("Health", rows)

	rows = nil
	for _, x := range d.Decisions {
		what := x.ID + " " + cell(x.Title, 60)
		if x.From != "" && x.Change != "removed" {
			what += " (was " + x.From + ")"
		} else if x.From == "" {
			what += " (new)"
		}
		row := []string{x.Change}
		switch x.Change {
		case model.DecisionAccepted:
			if x.Chosen != "" {
				what += " — chose " + cell(x.Chosen, 0)
				if x.ChosenTitle != "" {
					what += fmt.Sprintf(" %q", cell(x.ChosenTitle, 50))
				}
			}
			if x.Approver != "" {
				what += " · approved by " + name(x.Approver)
			}
			row = append(row, what)
			if x.Rationale != "" {
				row = append(row, "why: "+cell(x.Rationale, 200))
			}
		case model.DecisionSuperseded:
			if x.SupersededBy != "" {
				what += " by " + ref(x.SupersededBy)
			}
			row = append(row, what)
			if x.SupersededByRationale != "" {
				row = append(row, "why: "+cell(x.SupersededByRationale, 200))
			}
		default:
			row = append(row, what)
		}
		rows = append(rows, row)
	}
	section("Decisions", rows)

	rows = nil
	for _, r := range d.RACI {
		what := r.ID + " " + cell(r.Title, 60)
		var parts []string
		if r.Change == "added" {
			parts = append(parts, "accountable "+names(d, r.Accountable))
		}
		if r.FromAccountable != "" {
			parts = append(parts, "accountable "+names(d, r.FromAccountable)+" → "+names(d, r.Accountable))
		}
		for _, role := range r.Roles {
			var who []string
			for _, p := range role.Added {
				who = append(who, "+"+name(p))
			}
			for _, p := range role.Removed {
				who = append(who, "−"+name(p))
			}
			parts = append(parts, role.Role+" "+strings.Join(who, ", "))
		}
		if r.FromState != "" {
			parts = append(parts, "state "+r.FromState+" → "+r.State)
		}
		if len(parts) > 0 {
			what += ": " + strings.Join(parts, "; ")
		}
		rows = append(rows, []string{r.Change, what})
	}
	section("RACI", rows)

	if len(d.CheckIns) > 0 {
		fmt.Fprintf(w, "\nCheck-ins (%d)\n", len(d.CheckIns))
		for _, u := range d.CheckIns {
			value := ""
			if u.Value != nil {
				value = " · " + strconv.FormatFloat(*u.Value, 'g', -1, 64)
			}
			fmt.Fprintf(w, "  %s  %s  %s %s  %s%s: %s\n", u.Date, name(u.Author), u.Goal, cell(u.GoalTitle, 40),
				healthLabel(u.Health), value, cell(u.Summary, 100))
		}
	}

	edits := func(title string, list []model.RecordEdit) {
		rows := [][]string{}
		for _, e := range list {
			what := fmt.Sprintf("%s %s %s", e.Kind, e.ID, cell(e.Title, 50))
			row := []string{e.Change}
			if e.Change == "changed" {
				row = append(row, what)
				for _, c := range model.DetailChanges(e.Changes) {
					row = append(row, "  "+detailLine(c))
				}
			} else {
				row = append(row, what)
			}
			rows = append(rows, row)
		}
		section(title, rows)
	}
	edits("People and teams", d.People)
	edits("Other changes", d.Other)

	if len(problems) > 0 {
		fmt.Fprintln(w, "\nCould not be read")
		for _, p := range problems {
			fmt.Fprintf(w, "  %s\n", model.CleanText(p.String(), false))
		}
	}
}

// detailLine is one field change on one line; long text is named, not
// quoted (accord log ID shows it as a line diff).
func detailLine(d model.ChangeDetail) string {
	short := func(s string) string {
		switch {
		case s == "":
			return "(none)"
		case strings.Contains(s, "\n") || len([]rune(s)) > 50:
			return "(text)"
		}
		return cell(s, 0)
	}
	field := cell(d.Field, 0)
	switch d.Op {
	case "added", "removed":
		if t := d.From + d.To; t != "" {
			return fmt.Sprintf("%s: %s %q", field, d.Op, cell(t, 50))
		}
		return field + ": " + d.Op
	case "text":
		return field + ": edited (accord log shows the lines)"
	}
	return fmt.Sprintf("%s: %s → %s", field, short(d.From), short(d.To))
}

func names(d *model.OrgDiff, list string) string {
	if list == "" {
		return "nobody"
	}
	var out []string
	for _, h := range strings.Split(list, ", ") {
		if n := d.Name(h); n != "" {
			out = append(out, cell(n, 0))
		} else {
			out = append(out, cell(h, 0))
		}
	}
	return strings.Join(out, ", ")
}

func joinAuthors(a []string) string {
	const most = 6
	if len(a) <= most {
		return strings.Join(a, ", ")
	}
	return fmt.Sprintf("%s and %d others", strings.Join(a[:most], ", "), len(a)-most)
}
