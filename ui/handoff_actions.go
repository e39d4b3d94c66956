package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

// handoffActions lists the moves of a hand-off's lifecycle from its state
// (model.HandoffMoves): the ones open to me save the new state at once, in
// one commit; the others are greyed out with who may make them.
func (m *Model) handoffActions(h *model.Handoff) *widget.Menu {
	title := h.ID + " · " + common.Label(h.State) + " · " + h.Title
	var items []widget.MenuItem
	for _, mv := range model.HandoffMoves(m.data.Org, h, m.data.Me) {
		it := widget.MenuItem{Label: mv.Label, Detail: common.Label(h.State) + " → " + common.Label(mv.To), Reason: mv.Reason}
		if mv.Allowed {
			it.Cmd = handoffMoveCmd(m.store, h, mv.To)
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
	return widget.NewMenu(m.c, title, items)
}

// handoffMoveCmd saves a hand-off in its next state, with a message that
// reads as the step: handoff(HO-…): state proposed → accepted.
func handoffMoveCmd(store Store, h *model.Handoff, to string) tea.Cmd {
	next := *h // the lists are shared but not changed
	next.State = to
	return saveCmd(store, model.CommitMessage(h, &next), []model.Edit{{Old: h, New: &next}}, h.ID)
}
