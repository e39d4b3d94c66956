package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
	"github.com/spf13/cobra"
)

func (a *app) showCmd() *cobra.Command {
	var asJSON bool
	var at string
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show one record; ID may be any unique prefix",
		Example: `  accord show GOAL-7K3F
  accord show dec-2hv --json
  accord show raj
  accord show DEC-2HV9 --at 2026-11-01`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if at != "" {
				return a.showAt(args[0], at, asJSON)
			}
			nr, err := a.openNear()
			if err != nil {
				return err
			}
			defer nr.s.Close()
			r, err := nr.locate(args[0])
			if err != nil {
				return err
			}
			org, err := nr.around([]string{r.RecordID()}, nil, true)
			if err != nil {
				return err
			}
			if asJSON {
				m := recordJSON(org, r)
				if g, ok := r.(*model.Goal); ok {
					m["children"] = nonNil(org.Children(g.ID))
					var ups []string
					for _, u := range org.UpdatesOf(g.ID) {
						ups = append(ups, u.ID)
					}
					m["updates"] = nonNil(ups)
				}
				if src := org.Sources[r.RecordID()]; src != nil {
					m["file"] = src.Path
				}
				return printJSON(a.env.Stdout, m)
			}
			return showText(a.env.Stdout, org, r)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the record as a JSON object")
	cmd.Flags().StringVar(&at, "at", "", "show the record as it was at a commit, branch, tag or date (YYYY-MM-DD)")
	return cmd
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// resolve finds a record by unique ID prefix, with errors fit for the user.
func resolve(org *model.Org, prefix string) (model.Record, error) {
	r, err := org.Resolve(prefix)
	var amb *model.AmbiguousError
	if errors.As(err, &amb) {
		return nil, &ExitError{Code: ExitUsage, Err: err}
	}
	if err != nil {
		for _, p := range org.Problems {
			if p.ID != "" && strings.HasPrefix(strings.ToUpper(p.ID), strings.ToUpper(prefix)) {
				return nil, fmt.Errorf("%s could not be read: %s", p.ID, p)
			}
		}
		return nil, &ExitError{Code: ExitFailure, Err: err}
	}
	return r, nil
}

func showText(w io.Writer, org *model.Org, r model.Record) error {
	fmt.Fprintf(w, "%s · %s\n", r.RecordID(), cell(r.RecordTitle(), 0))
	if g, ok := r.(*model.Goal); ok {
		fmt.Fprintf(w, "%s · %s · %s · %s · %s\n", levelLabel(g.Level), cell(g.Team, 0), cell(g.Owner, 0), cell(g.Period, 0), g.State)
		fmt.Fprintf(w, "health %s · progress %s", healthLabel(org.Health(g.ID)), percent(org, g.ID))
		if g.Metric != nil {
			cur := "no value yet"
			if v, ok := org.CurrentValue(g.ID); ok {
				cur = fmt.Sprint(v)
			}
			better := "higher is better"
			if g.Metric.Direction == "decrease" {
				better = "lower is better"
			}
			fmt.Fprintf(w, " · %v → %s → %v %s (%s)", g.Metric.Baseline, cur, g.Metric.Target, cell(g.Metric.Unit, 0), better)
		}
		fmt.Fprintln(w)
	}
	if src := org.Sources[r.RecordID()]; src != nil {
		fmt.Fprintf(w, "file %s\n", src.Path)
	}
	fmt.Fprintln(w)
	data, err := gitstore.Encode(r)
	if err != nil {
		return err
	}
	fmt.Fprint(w, model.CleanText(string(data), true))
	g, ok := r.(*model.Goal)
	if !ok {
		return nil
	}
	if kids := org.Children(g.ID); len(kids) > 0 {
		fmt.Fprintln(w, "\nchildren:")
		for _, id := range kids {
			c := org.Goals[id]
			fmt.Fprintf(w, "  %s  %-9s %4s  %s\n", id, healthLabel(org.Health(id)), percent(org, id), cell(c.Title, 60))
		}
	}
	ups := org.UpdatesOf(g.ID)
	if len(ups) > 0 {
		fmt.Fprintln(w, "\nlatest check-ins:")
		for i := len(ups) - 1; i >= 0 && i >= len(ups)-3; i-- {
			u := ups[i]
			fmt.Fprintf(w, "  %s  %s  %s  %s\n", u.Date, cell(u.Author, 0), healthLabel(u.Health), cell(u.RecordTitle(), 70))
		}
	}
	return nil
}
