package cli

import (
	"fmt"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
	"github.com/spf13/cobra"
)

func (a *app) supersedeCmd() *cobra.Command {
	var by string
	cmd := &cobra.Command{
		Use:   "supersede OLD --by NEW",
		Short: "Record that one decision replaces another, in one commit",
		Long: `Record that decision NEW replaces decision OLD, as one commit that changes
both files. NEW names OLD in supersedes at once. OLD becomes superseded,
naming NEW in superseded_by, once NEW is accepted: now, if it already is,
or in the commit that accepts it (accord set NEW status=accepted …). A
replacement that is rejected leaves OLD as it was.

Only an accepted or deprecated decision can be superseded. To write the
replacement and link it at once: accord new decision supersedes=OLD ….`,
		Example: `  accord supersede DEC-2HV9 --by DEC-7QX1
  accord new decision title="Direct upload to object storage" driver=raj supersedes=DEC-2HV9`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if by == "" {
				return usageError("supersede needs --by NEW: the decision that replaces %s", args[0])
			}
			s, org, r, err := a.loadRecord(args[0])
			if err != nil {
				return err
			}
			defer s.Close()
			succ, err := resolve(org, by)
			if err != nil {
				return err
			}
			old, ok1 := r.(*model.Decision)
			next, ok2 := succ.(*model.Decision)
			if !ok1 || !ok2 {
				return usageError("supersede links two decisions; %s is a %s and %s a %s", r.RecordID(), r.RecordKind(), succ.RecordID(), succ.RecordKind())
			}
			res, err := a.supersede(s, org, old, next, false)
			if err != nil {
				return err
			}
			return a.printResult(res, "")
		},
	}
	cmd.Flags().StringVar(&by, "by", "", "the decision that replaces OLD (an ID or a unique prefix)")
	cmd.Flags().BoolVar(&a.asJSON, "json", false, "print the commit and what changed as JSON")
	return cmd
}

// supersede records, in one commit, that succ replaces old (model.Supersede):
// succ is created when create is set, else both are read again under the
// write lock and changed there. The steps it takes and the rules they
// touch are checked first.
func (a *app) supersede(s *gitstore.Store, org *model.Org, old, succ *model.Decision, create bool) (gitstore.Result, error) {
	link := func(o, n *model.Decision) (*model.Decision, *model.Decision, error) {
		oNext, nNext := &model.Decision{}, &model.Decision{}
		model.CopyRecord(oNext, o)
		model.CopyRecord(nNext, n)
		nNext.Supersedes = "" // a new decision names the old one only through Supersede, which checks it
		if !create {
			nNext.Supersedes = n.Supersedes
		}
		if err := model.Supersede(oNext, nNext); err != nil {
			return nil, nil, usageError("%v", err)
		}
		return oNext, nNext, nil
	}
	oNext, nNext, err := link(old, succ)
	if err != nil {
		return gitstore.Result{}, err
	}
	who, email, err := actor(s, org)
	if err != nil {
		return gitstore.Result{}, err
	}
	succWas := model.Record(succ)
	if create {
		succWas = nil
	}
	if err := checkSteps(org, who, email, model.Edit{Old: old, New: oNext}, model.Edit{Old: succWas, New: nNext}); err != nil {
		return gitstore.Result{}, err
	}
	if err := a.checkEdit(org, nNext, oNext); err != nil {
		return gitstore.Result{}, err
	}
	msg := fmt.Sprintf("decision(%s): supersedes %s %q", succ.ID, old.ID, old.Title)
	if oNext.Status == model.DecisionSuperseded {
		msg += fmt.Sprintf("\n\n%s: %s → superseded", old.ID, old.Status)
	} else {
		msg += fmt.Sprintf("\n\n%s stays %s until %s is accepted", old.ID, old.Status, succ.ID)
	}
	return s.Transact(msg, func(tx *gitstore.Tx) error {
		o, err := tx.Get(model.KindDecision, old.ID)
		if err != nil {
			return err
		}
		n := model.Record(succ)
		if !create {
			if n, err = tx.Get(model.KindDecision, succ.ID); err != nil {
				return err
			}
		}
		oNext, nNext, err := link(o.(*model.Decision), n.(*model.Decision))
		if err != nil {
			return err
		}
		if create {
			if err := tx.Create(nNext); err != nil {
				return err
			}
		} else if err := tx.Put(nNext); err != nil {
			return err
		}
		return tx.Put(oNext)
	})
}
