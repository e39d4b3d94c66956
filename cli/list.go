package cli

import (
	"fmt"

	"github.com/accordhq/accord/model"
	"github.com/spf13/cobra"
)

func (a *app) listCmd() *cobra.Command {
	var f model.Filter
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list KIND",
		Short: "List goals, updates, decisions, raci, handoffs, people or teams",
		Example: `  accord list goals --health at_risk --period 2026-Q4
  accord list decisions --status proposed
  accord list raci --owner mei --json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			k, err := model.ParseKind(args[0])
			if err != nil {
				return usageError("%v", err)
			}
			s, org, err := a.load()
			if err != nil {
				return err
			}
			defer s.Close()
			if err := f.Check(org, k); err != nil {
				return usageError("%v", err)
			}
			recs := org.List(k, f)
			if asJSON {
				out := make([]map[string]any, 0, len(recs))
				for _, r := range recs {
					out = append(out, recordJSON(org, r))
				}
				return printJSON(a.env.Stdout, out)
			}
			if len(recs) == 0 {
				fmt.Fprintf(a.env.Stdout, "no %s match\n", k.Plural())
				return nil
			}
			header, rows := listRows(org, k, recs)
			return table(a.env.Stdout, header, rows)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	cmd.Flags().StringVar(&f.Team, "team", "", "only records of this team")
	cmd.Flags().StringVar(&f.Owner, "owner", "", "only records this person owns, drives, or is Accountable or Responsible for")
	cmd.Flags().StringVar(&f.Status, "status", "", "only records in this state or status")
	cmd.Flags().StringVar(&f.Health, "health", "", "only goals (or check-ins) with this health")
	cmd.Flags().StringVar(&f.Period, "period", "", "only goals of this period, such as 2026-Q4")
	return cmd
}

func listRows(org *model.Org, k model.Kind, recs []model.Record) ([]string, [][]string) {
	var rows [][]string
	switch k {
	case model.KindGoal:
		for _, r := range recs {
			g := r.(*model.Goal)
			rows = append(rows, []string{g.ID, healthLabel(org.Health(g.ID)), percent(org, g.ID), levelLabel(g.Level),
				cell(g.Title, 50), cell(g.Owner, 0), cell(g.Team, 0), cell(g.Period, 0)})
		}
		return []string{"ID", "HEALTH", "PROGRESS", "LEVEL", "TITLE", "OWNER", "TEAM", "PERIOD"}, rows
	case model.KindUpdate:
		for _, r := range recs {
			u := r.(*model.Update)
			rows = append(rows, []string{u.ID, cell(u.Date, 0), healthLabel(u.Health), u.Target, cell(u.Author, 0), cell(u.RecordTitle(), 60)})
		}
		return []string{"ID", "DATE", "HEALTH", "GOAL", "AUTHOR", "SUMMARY"}, rows
	case model.KindDecision:
		for _, r := range recs {
			d := r.(*model.Decision)
			rows = append(rows, []string{d.ID, cell(d.Date, 0), d.Status, cell(d.Title, 60), cell(d.Driver, 0), cell(d.Approver, 0)})
		}
		return []string{"ID", "DATE", "STATUS", "TITLE", "DRIVER", "APPROVER"}, rows
	case model.KindRACI:
		for _, r := range recs {
			x := r.(*model.RACI)
			rows = append(rows, []string{x.ID, x.State, cell(x.Due, 0), joinIDs(x.Accountable), joinIDs(x.Responsible), cell(x.Title, 50)})
		}
		return []string{"ID", "STATE", "DUE", "ACCOUNTABLE", "RESPONSIBLE", "TITLE"}, rows
	case model.KindHandoff:
		for _, r := range recs {
			h := r.(*model.Handoff)
			rows = append(rows, []string{h.ID, h.State, cell(h.Due, 0), cell(h.From.Team, 0) + " → " + cell(h.To.Team, 0), cell(h.Title, 50)})
		}
		return []string{"ID", "STATE", "DUE", "FROM → TO", "TITLE"}, rows
	case model.KindPerson:
		for _, r := range recs {
			p := r.(*model.Person)
			active := "yes"
			if !p.IsActive() {
				active = "no"
			}
			rows = append(rows, []string{p.ID, cell(p.Name, 30), joinIDs(p.Teams), cell(p.Role, 30), active})
		}
		return []string{"ID", "NAME", "TEAMS", "ROLE", "ACTIVE"}, rows
	case model.KindTeam:
		for _, r := range recs {
			t := r.(*model.Team)
			rows = append(rows, []string{t.ID, cell(t.Name, 30), cell(t.Lead, 0), cell(t.Parent, 0), cell(t.Mission, 60)})
		}
		return []string{"ID", "NAME", "LEAD", "PARENT", "MISSION"}, rows
	}
	return nil, nil
}
