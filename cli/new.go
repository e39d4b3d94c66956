package cli

import (
	"fmt"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
	"github.com/spf13/cobra"
)

func (a *app) newCmd() *cobra.Command {
	var sets []string
	cmd := &cobra.Command{
		Use:   "new KIND [FIELD=VALUE...]",
		Short: "Create a record and commit it; prints the new ID",
		Long: `Create a record of KIND (goal, decision, raci, handoff, person, team) and
commit it. Fields are given as --set FIELD=VALUE or as arguments, read as in
accord set. Goals, decisions, RACI records and hand-offs get a fresh random ID;
people and teams need --set id=HANDLE. Check-ins are made with accord checkin.`,
		Example: `  accord new goal --set title="Cut churn below 2%" --set level=objective --set parent=GOAL-4M2Q
  accord new decision title="Adopt OpenTelemetry" driver=raj
  accord new person id=ana name="Ana Lima" teams=[platform] emails=[ana@example.com]`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			k, err := model.ParseKind(args[0])
			if err != nil {
				return usageError("%v", err)
			}
			if k == model.KindUpdate {
				return usageError("check-ins are made with: accord checkin GOAL-ID --health H --summary S")
			}
			assigns, err := parseAssignments(append(sets, args[1:]...))
			if err != nil {
				return err
			}
			rec := a.newRecord(k)
			if err := gitstore.Assign(rec, assigns); err != nil {
				return usageError("new %s: %v", k, err)
			}
			if k.Sharded() {
				for _, as := range assigns {
					if as.Field == "id" {
						return usageError("IDs of %s are made by Accord; leave id out", k.Plural())
					}
				}
			} else if err := model.CheckID(k, rec.RecordID()); err != nil {
				return usageError("a %s needs --set id=HANDLE: %v", k, err)
			}
			nr, err := a.openNear()
			if err != nil {
				return err
			}
			s := nr.s
			defer s.Close()
			if err := nr.expand(rec); err != nil {
				return err
			}
			var org *model.Org
			if d, ok := rec.(*model.Decision); ok && d.Supersedes != "" {
				org, err = nr.wholeOrg() // supersede resolves and links it as accord supersede does
			} else {
				org, err = nr.around([]string{rec.RecordID()}, []model.Record{rec}, false)
			}
			if err != nil {
				return err
			}
			if _, exists := org.Get(rec.RecordID()); exists {
				return fmt.Errorf("%s already exists", rec.RecordID())
			}
			who, email, err := actor(s, org)
			if err != nil {
				return err
			}
			if err := checkSteps(org, who, email, model.Edit{New: rec}); err != nil {
				return err
			}
			res, err := a.createDecisionOrRecord(s, org, rec)
			if err != nil {
				return err
			}
			return a.printResult(res, rec.RecordID())
		},
	}
	cmd.Flags().StringArrayVar(&sets, "set", nil, "FIELD=VALUE to set (repeatable)")
	cmd.Flags().BoolVar(&a.asJSON, "json", false, "print the new record's ID, the commit and what changed as JSON")
	return cmd
}

// newRecord makes a record with a fresh ID and the defaults a person would
// otherwise have to type: goals start active, decisions as drafts dated
// today, RACI records as drafts, hand-offs as proposed.
func (a *app) newRecord(k model.Kind) model.Record {
	rec := model.NewRecord(k)
	id := ""
	if k.Sharded() {
		id = model.NewID(k)
	}
	switch r := rec.(type) {
	case *model.Goal:
		r.ID, r.State = id, "active"
	case *model.Decision:
		r.ID, r.Status, r.Date = id, model.DecisionDraft, a.today()
	case *model.RACI:
		r.ID, r.State, r.Subject.Kind = id, "draft", "deliverable"
	case *model.Handoff:
		r.ID, r.State = id, "proposed"
	}
	return rec
}

// createDecisionOrRecord commits a new record. A new decision that names
// one it supersedes is linked the way accord supersede links them: an
// accepted one supersedes the old decision in the same commit, a draft or
// proposed one waits for its acceptance.
func (a *app) createDecisionOrRecord(s *gitstore.Store, org *model.Org, rec model.Record) (gitstore.Result, error) {
	d, ok := rec.(*model.Decision)
	if !ok || d.Supersedes == "" {
		if err := a.checkEdit(org, rec); err != nil {
			return gitstore.Result{}, err
		}
		return s.Create(rec)
	}
	r, err := resolve(org, d.Supersedes)
	if err != nil {
		return gitstore.Result{}, usageError("supersedes=%s: %v", d.Supersedes, err)
	}
	old, ok := r.(*model.Decision)
	if !ok {
		return gitstore.Result{}, usageError("supersedes=%s: %s is a %s, not a decision", d.Supersedes, r.RecordID(), r.RecordKind())
	}
	return a.supersede(s, org, old, d, true)
}
