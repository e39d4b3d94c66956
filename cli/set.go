package cli

import (
	"errors"
	"fmt"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
	"github.com/spf13/cobra"
)

func (a *app) setCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "set ID FIELD=VALUE...",
		Short: "Change fields of a record and commit the change",
		Long: `Change fields of a record and commit the change as one commit.

FIELD is a field name, dotted for nested fields (metric.target, outcome.chosen).
VALUE is read as YAML: numbers, [a, b] lists and {k: v} mappings work; anything
else is text. FIELD= clears a field; FIELD+=V adds V to a list; FIELD-=V
removes it. Comments and key order in the file are kept.`,
		Example: `  accord set GOAL-7K3F metric.target=4 owner=mei
  accord set DEC-2HV9 status=accepted approver=mei outcome.chosen=cap50
  accord set RACI-J5N0 responsible+=platform informed-=sales`,
		Args: cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			assigns, err := parseAssignments(args[1:])
			if err != nil {
				return err
			}
			for _, as := range assigns {
				if as.Field == "id" {
					return usageError("an ID never changes; create a new record instead")
				}
			}
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
			org, err := nr.around([]string{r.RecordID()}, nil, false)
			if err != nil {
				return err
			}
			who, email, err := actor(s, org)
			if err != nil {
				return err
			}
			res, err := s.Transact("", func(tx *gitstore.Tx) error {
				rec, err := tx.Get(r.RecordKind(), r.RecordID())
				if err != nil {
					return err
				}
				before := model.NewRecord(rec.RecordKind())
				model.CopyRecord(before, rec)
				if err := gitstore.Assign(rec, assigns); err != nil {
					return &ExitError{Code: ExitUsage, Err: fmt.Errorf("%s: %w", rec.RecordID(), err)}
				}
				if err := nr.expand(rec); err != nil {
					return err
				}
				// The checks below read the records around the edit as
				// it would leave them (and the decision an accepted one
				// supersedes, saved with it).
				ids := []string{rec.RecordID()}
				if d, ok := rec.(*model.Decision); ok && d.Supersedes != "" {
					ids = append(ids, d.Supersedes)
				}
				if org, err = nr.around(ids, []model.Record{rec}, false); err != nil {
					return err
				}
				if d, ok := rec.(*model.Decision); ok {
					if err := model.ValidateDecisionTransition(before.(*model.Decision).Status, d.Status); err != nil {
						return &ExitError{Code: ExitUsage, Err: fmt.Errorf("%s: %w", d.ID, err)}
					}
				}
				if err := checkSteps(org, who, email, model.Edit{Old: before, New: rec}); err != nil {
					return err
				}
				edited := []model.Record{rec}
				if d, ok := rec.(*model.Decision); ok {
					// Accepting a successor supersedes the decision it
					// replaces, in the same commit.
					if old := model.SupersededOnAccept(org, d); old != nil {
						cur, err := tx.Get(model.KindDecision, old.ID)
						if err != nil {
							return err
						}
						cur.(*model.Decision).Status, cur.(*model.Decision).SupersededBy = old.Status, old.SupersededBy
						if err := tx.Put(cur); err != nil {
							return err
						}
						edited = append(edited, cur)
					}
				}
				if err := a.checkEdit(org, edited...); err != nil {
					return err
				}
				return tx.Put(rec)
			})
			if errors.Is(err, gitstore.ErrUnreadable) {
				return fmt.Errorf("%w; fix the file by hand (accord validate shows where)", err)
			}
			if err != nil {
				return err
			}
			return a.printResult(res, "")
		},
	}
	cmd.Flags().BoolVar(&a.asJSON, "json", false, "print the commit and what changed as JSON")
	return cmd
}
