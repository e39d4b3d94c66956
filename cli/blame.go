package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/accordhq/accord/model"
	"github.com/spf13/cobra"
)

func (a *app) blameCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "blame ID",
		Short: "Who last changed each field of a record, when, and why",
		Long: `For each field of a record as it is now: the commit that gave the field
its value, its author (mapped to a person by e-mail), its date and its
message. A value that came in through a merge is followed to the commit on
the branch that made it.`,
		Example: `  accord blame DEC-2HV9
  accord blame RACI-J5N0 --json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			nr, err := a.openNear()
			if err != nil {
				return err
			}
			s := nr.s
			defer s.Close()
			r, err := nr.locate(args[0])
			if err != nil {
				return err
			}
			fields, err := s.Blame(r.RecordKind(), r.RecordID())
			if err != nil {
				return err
			}
			emails := make([]string, 0, len(fields))
			for _, f := range fields {
				emails = append(emails, f.Commit.Email)
			}
			org, err := nr.around([]string{r.RecordID()}, nil, false, emails...)
			if err != nil {
				return err
			}
			if asJSON {
				out := make([]map[string]any, 0, len(fields))
				for _, f := range fields {
					m := map[string]any{
						"field":   f.Field,
						"value":   f.Value,
						"commit":  f.Commit.Hash,
						"author":  f.Commit.Author,
						"email":   f.Commit.Email,
						"date":    f.Commit.Date.Format(time.RFC3339),
						"message": strings.TrimRight(f.Commit.Message, "\n"),
					}
					if id, ok := org.PersonByEmail(f.Commit.Email); ok {
						m["person"] = id
					}
					out = append(out, m)
				}
				return printJSON(a.env.Stdout, out)
			}
			fmt.Fprintf(a.env.Stdout, "%s · %s\n\n", r.RecordID(), cell(r.RecordTitle(), 0))
			rows := make([][]string, 0, len(fields))
			for _, f := range fields {
				rows = append(rows, blameRow(org, f))
			}
			return table(a.env.Stdout, []string{"FIELD", "VALUE", "COMMIT", "DATE", "AUTHOR", "MESSAGE"}, rows)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the fields as a JSON array")
	return cmd
}

func blameRow(org *model.Org, f model.FieldBlame) []string {
	return []string{cell(f.Field, 40), cell(f.Value, 40), f.Commit.Short(), f.Commit.Date.Format(time.DateOnly),
		cell(authorLabel(org, f.Commit), 32), cell(f.Commit.Subject(), 60)}
}
