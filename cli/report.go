package cli

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/render"
	"github.com/spf13/cobra"
)

func (a *app) reportCmd() *cobra.Command {
	var since, period, team, out, depth string
	var asMD, asHTML, asJSON bool
	var top int
	cmd := &cobra.Command{
		Use:   "report [--since DATE | --period P] [--team T] [--depth D] [--top N] [--md | --html | --json] [-o FILE]",
		Short: "The leadership status report: goal health, risks, decisions, RACI gaps, wins",
		Long: `Print the status report a leadership meeting or a cross-department review
reads: health and progress per strategic goal and per team; what is at risk or
off track, with the owner's problems and asks; check-ins missing against their
cadence; decisions made and superseded in the period, with their rationale;
decisions awaiting approval; RACI gaps (no Accountable, two Accountables,
nobody Responsible) and people Accountable for more than limits.max_accountable;
overdue hand-offs; and the wins check-ins reported.

The report covers --period (2026-Q4, 2026-H2, 2026), or the days from --since
to today; by default accord.yaml's current_period, else this quarter. --team
limits it to one team and the teams under it. Health and progress are as of
today. It opens with an executive summary that fits one screen. --depth
strategic|objective|key_result says how deep the goal sections go, --top N how
many items each section lists (the rest are counted); both shape Markdown and
HTML, never the JSON.

Markdown goes to stdout by default. --html writes one self-contained page
(inline CSS, no scripts, nothing fetched from the network) that reads well on
screen and printed; --json writes the report as data (see docs/report.md).`,
		Example: `  accord report
  accord report --period 2026-Q3 --team platform
  accord report --depth objective --top 5
  accord report --since 2026-11-01 --html -o status.html
  accord report --json | jq '.at_risk[].goal.title'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			formats := 0
			for _, f := range []bool{asMD, asHTML, asJSON} {
				if f {
					formats++
				}
			}
			if formats > 1 {
				return usageError("choose one of --md, --html and --json")
			}
			if since != "" && period != "" {
				return usageError("choose --since or --period, not both")
			}
			if err := render.CheckDepth(depth); err != nil {
				return usageError("--depth: %v", err)
			}
			if top < 0 {
				return usageError("--top %d: want 0 (all) or more", top)
			}
			view := render.ReportView{Depth: depth, Top: top}
			opts := model.ReportOptions{Today: a.env.Now()}
			if since != "" {
				t, err := time.Parse(time.DateOnly, since)
				if err != nil {
					return usageError("--since %q: want YYYY-MM-DD", since)
				}
				opts.Since = t
			}
			if period != "" {
				opts.Period = strings.ToUpper(strings.TrimSpace(period))
			}
			s, org, err := a.load()
			if err != nil {
				return err
			}
			defer s.Close()
			if team != "" {
				if opts.Team, err = findTeam(org, team); err != nil {
					return usageError("--team: %v", err)
				}
			}
			if err := model.CheckReportOptions(org, opts); err != nil {
				return usageError("%v", err)
			}
			// Who decided what comes from the commits, not the records.
			if opts.Steps, _, err = s.Verify("", "HEAD"); err != nil {
				return err
			}
			r := model.BuildReport(org, opts)
			var buf bytes.Buffer
			switch {
			case asJSON:
				err = printJSON(&buf, r)
			case asHTML:
				buf.WriteString(render.HTML(render.ReportWith(r, view)))
			default:
				buf.WriteString(render.Markdown(render.ReportWith(r, view)))
			}
			if err != nil {
				return err
			}
			if out == "" || out == "-" {
				_, err = a.env.Stdout.Write(buf.Bytes())
				return err
			}
			if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
				return fmt.Errorf("report: %w", err)
			}
			fmt.Fprintf(a.env.Stderr, "wrote %s\n", out)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&since, "since", "", "cover the days from DATE (YYYY-MM-DD) to today")
	f.StringVar(&period, "period", "", "cover a period: 2026-Q4, 2026-H2 or 2026 (default: the current period)")
	f.StringVar(&team, "team", "", "only this team and the teams under it (handle or name)")
	f.StringVar(&depth, "depth", "", "how deep the goal sections go: strategic, objective or key_result (default: all)")
	f.IntVar(&top, "top", 0, "list at most N items per section, counting the rest (0: all)")
	f.BoolVar(&asMD, "md", false, "print Markdown (the default)")
	f.BoolVar(&asHTML, "html", false, "print one self-contained HTML page")
	f.BoolVar(&asJSON, "json", false, "print the report as JSON")
	f.StringVarP(&out, "output", "o", "", "write to FILE instead of stdout")
	return cmd
}

// findTeam resolves a team by handle, or by handle or name in any case.
func findTeam(org *model.Org, s string) (string, error) {
	s = strings.TrimSpace(s)
	if org.Teams[s] != nil {
		return s, nil
	}
	var found []string
	for _, id := range org.IDs(model.KindTeam) {
		if t := org.Teams[id]; strings.EqualFold(id, s) || strings.EqualFold(strings.TrimSpace(t.Name), s) {
			found = append(found, id)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return "", fmt.Errorf("no team %q (teams: %s)", s, strings.Join(org.IDs(model.KindTeam), ", "))
	}
	return "", fmt.Errorf("%q matches several teams: %s", s, strings.Join(found, ", "))
}
