package form

// Rejecting a decision: why, recorded in the decision itself, and a yes
// before the commit.

import (
	"errors"
	"strings"

	"charm.land/huh/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
)

// rejectDraft is why a decision is rejected.
type rejectDraft struct{ Reason string }

// rejectForm rejects a draft or proposed decision. The reason becomes the
// decision's outcome.rationale (the option it had chosen, if any, stays),
// so that whoever reads the record later reads why; the rationale it had
// before is in its history.
type rejectForm struct {
	formOrg
	dec *model.Decision
	formDraft[rejectDraft]
}

func newRejectForm(d *common.Data, r *model.Decision) *rejectForm {
	return &rejectForm{formOrg: formOrg{d.Org}, dec: r, formDraft: newDraft(rejectDraft{})}
}

func (f *rejectForm) title() string { return "Reject " + f.dec.ID + " · " + f.dec.Title }

func (f *rejectForm) groups(ctx formCtx) []*huh.Group {
	desc := "Recorded in the decision as its outcome's rationale."
	if o := f.dec.Outcome; o != nil && strings.TrimSpace(o.Rationale) != "" {
		desc += " It replaces “" + fitText(common.Clean(model.OneLine(o.Rationale, 200)), 60) + "”, which its history keeps."
	}
	return []*huh.Group{huh.NewGroup(
		huh.NewText().Title("Why is it rejected?").Description(desc).Lines(4).
			Value(&f.draft.Reason).Validate(both(required("a reason"), ctx.check, "outcome")),
	)}
}

func (f *rejectForm) decision() *model.Decision {
	r := &model.Decision{}
	model.CopyRecord(r, f.dec)
	r.Status = model.DecisionRejected
	o := model.Outcome{Rationale: strings.TrimSpace(f.draft.Reason)}
	if f.dec.Outcome != nil {
		o.Chosen = f.dec.Outcome.Chosen
	}
	r.Outcome = &o
	return r
}

func (f *rejectForm) records() ([]model.Record, error) { return []model.Record{f.decision()}, nil }

func (f *rejectForm) edits() ([]model.Edit, string, string, error) {
	if strings.TrimSpace(f.draft.Reason) == "" {
		return nil, "", "", errors.New("say why it is rejected: the reason is kept in the decision")
	}
	return []model.Edit{{Old: f.dec, New: f.decision()}}, "", f.dec.ID, nil
}

// confirmSave says what saving does before it does it.
func (f *rejectForm) confirmSave() string {
	return "Reject " + f.dec.ID + "? It becomes rejected, with your reason as its rationale, in one commit " +
		"that everyone sees once you sync (U undoes it)."
}
