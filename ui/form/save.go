package form

import (
	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
)

// Saver is the part of the store that commits the edits of a form.
type Saver interface {
	Save(message string, edits []model.Edit) (string, error)
}

// saveCmd commits edits off the UI goroutine. The subject is the first
// line of the commit message, for the status line and the undo list.
func saveCmd(store Saver, message string, edits []model.Edit, id string) tea.Cmd {
	return func() tea.Msg {
		commit, err := store.Save(message, edits)
		subject := message
		if message == "" && len(edits) == 1 {
			subject = model.CommitMessage(edits[0].Old, edits[0].New)
		}
		return common.SavedMsg{Commit: commit, Subject: common.FirstLine(subject), ID: id, Err: err}
	}
}

// OpenMsg asks the root to open a form (a menu choice's Now).
type OpenMsg struct{ Spec Spec }

// refusedSteps says which steps of the edits I may not take (an approval
// that is the approver's, a hand-off move that is the other side's, a
// person's identity that is theirs), naming who may; none when all are
// mine to take (model.CheckEditSteps).
func refusedSteps(d *common.Data, edits []model.Edit) []string {
	var out []string
	for _, e := range edits {
		for _, err := range model.CheckEditSteps(d.Org, e.Old, e.New, d.Me, d.MeEmail) {
			out = append(out, err.Error())
		}
	}
	return out
}
