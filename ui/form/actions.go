package form

// The a menu: the next steps of a decision or a hand-off, which save at
// once or open a form.

import (
	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

// HandoffActions lists the moves of a hand-off's lifecycle from its state
// (model.HandoffMoves): the ones open to me save the new state at once, in
// one commit; the others are greyed out with who may make them.
func HandoffActions(c common.Common, d *common.Data, store Saver, h *model.Handoff) *widget.Menu {
	title := h.ID + " · " + common.Label(h.State) + " · " + h.Title
	var items []widget.MenuItem
	for _, mv := range model.HandoffMoves(d.Org, h, d.Me) {
		it := widget.MenuItem{Label: mv.Label, Detail: common.Label(h.State) + " → " + common.Label(mv.To), Reason: mv.Reason}
		switch {
		case mv.Allowed && mv.To == "rejected":
			it.Now = common.PushMsg{Overlay: widget.NewConfirm(c, "Reject hand-off "+h.ID+"?",
				"It becomes rejected: the "+common.TeamName(d.Org, h.From.Team)+" team learns it will not be taken as proposed, in one commit that everyone sees once you sync (U undoes it). It can be proposed again.",
				"reject it", "keep it", handoffMoveCmd(store, h, mv.To))}
		case mv.Allowed:
			it.Cmd = handoffMoveCmd(store, h, mv.To)
		}
		items = append(items, it)
	}
	if len(items) == 0 {
		why := "a received hand-off is final"
		if h.State != "received" {
			why = "its state " + h.State + " is not a hand-off state; correct it in the file (E)"
		}
		items = append(items, widget.MenuItem{Label: "No next step", Reason: why})
	}
	return widget.NewMenu(c, title, items)
}

// handoffMoveCmd saves a hand-off in its next state, with a message that
// reads as the step: handoff(HO-…): state proposed → accepted.
func handoffMoveCmd(store Saver, h *model.Handoff, to string) tea.Cmd {
	next := *h // the lists are shared but not changed
	next.State = to
	return saveCmd(store, model.CommitMessage(h, &next), []model.Edit{{Old: h, New: &next}}, h.ID)
}

// DecisionActions lists the moves the lifecycle allows from the decision's
// status. Propose and back to draft save at once; deprecate asks first;
// accept, reject (which asks why) and supersede open a form. Accept and supersede are listed even
// when the lifecycle forbids them, greyed out with the reason.
func DecisionActions(c common.Common, d *common.Data, store Saver, r *model.Decision) *widget.Menu {
	var items []widget.MenuItem
	listed := map[string]bool{}
	for _, mv := range model.DecisionMoves(r) {
		listed[mv.To] = true
		it := widget.MenuItem{Label: mv.Label, Detail: r.Status + " → " + mv.To}
		switch {
		case !mv.Allowed:
			it.Reason = mv.Reason
			if mv.To == model.DecisionAccepted && len(r.Options) == 0 {
				it.Reason += " (O edits them)"
			}
		case mv.To == model.DecisionAccepted && r.Approver != "" && !d.Org.ActsFor(d.Me, r.Approver):
			// Only the approver (or their delegate) accepts; naming
			// someone else as approver does not make it theirs.
			accepted := *r
			accepted.Status = model.DecisionAccepted
			it.Reason = refusedSteps(d, []model.Edit{{Old: r, New: &accepted}})[0]
		case mv.To == model.DecisionAccepted:
			it.Detail = "choose the option and who approves it"
			it.Now = OpenMsg{newAcceptForm(d, r)}
		case mv.To == model.DecisionSuperseded:
			it.Detail = "write the decision that replaces it"
			it.Now = OpenMsg{newSupersedeForm(d, r)}
		default:
			next := &model.Decision{}
			model.CopyRecord(next, r)
			next.Status = mv.To
			if refused := refusedSteps(d, []model.Edit{{Old: r, New: next}}); len(refused) > 0 {
				it.Reason = refused[0]
				break
			}
			if errs := model.EditErrors(d.Org, model.ValidateOptions{Today: d.Today}, next); len(errs) > 0 {
				it.Reason = "first fix " + findingLine(errs[0])
				break
			}
			save := saveCmd(store, "", []model.Edit{{Old: r, New: next}}, r.ID)
			switch mv.To {
			case model.DecisionRejected:
				it.Detail = r.Status + " → rejected, saying why"
				it.Now = OpenMsg{newRejectForm(d, r)}
			case model.DecisionDeprecated:
				it.Now = common.PushMsg{Overlay: widget.NewConfirm(c, "Deprecate "+r.ID+"?",
					"It no longer applies, and nothing replaces it (if a new decision does, supersede it instead); in one commit that everyone sees once you sync (U undoes it).",
					"deprecate it", "keep it", save)}
			default:
				it.Cmd = save
			}
		}
		items = append(items, it)
	}
	for _, to := range []string{model.DecisionAccepted, model.DecisionSuperseded} {
		if listed[to] || r.Status == to {
			continue
		}
		label := map[string]string{model.DecisionAccepted: "Accept", model.DecisionSuperseded: "Supersede"}[to]
		reason := "not from " + r.Status
		if err := model.ValidateDecisionTransition(r.Status, to); err != nil {
			reason = err.Error()
		}
		items = append(items, widget.MenuItem{Label: label, Reason: reason})
	}
	title := r.ID + " · " + r.Title + " (" + r.Status + ")"
	if len(items) == 0 {
		items = append(items, widget.MenuItem{Label: "No change", Reason: "a " + r.Status + " decision is final; record a new decision instead"})
	}
	return widget.NewMenu(c, title, items)
}
