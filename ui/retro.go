package ui

import (
	"slices"

	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/form"
	"github.com/accordhq/accord/ui/widget"
)

// The retro prompt: when a save receives a hand-off or closes a goal that
// involves more than one team (model.Org.RetroCandidates), Accord offers
// to record what went well and badly across them, once the repository has
// been read again.

// retroBefore notes, as a save lands, whether its record already waited
// for a retro, so that only the save that made it one asks.
func (m *Model) retroBefore(id string) {
	m.retroFor, m.retroWaited = id, false
	if m.data != nil && id != "" {
		m.retroWaited = slices.Contains(m.data.Org.RetroCandidates(), id)
	}
}

// offerRetro asks, after the reload, whether to record a retro on the
// record the save received or closed.
func (m *Model) offerRetro() {
	id := m.retroFor
	m.retroFor = ""
	if id == "" || m.retroWaited || m.data.Me == "" || !slices.Contains(m.data.Org.RetroCandidates(), id) {
		return
	}
	spec, err := form.NewRetro(m.data, id)
	if err != nil {
		return
	}
	r, _ := m.data.Org.Get(id)
	what := "received"
	if r.RecordKind() == model.KindGoal {
		what = "closed"
	}
	open := func() tea.Msg { return form.OpenMsg{Spec: spec} }
	m.push(widget.NewConfirm(m.c, "Record a retro on "+common.Clean(r.RecordTitle())+"?",
		"It is "+what+": say what went well and badly across the teams involved, while it is fresh.", "retro", "not now", open))
}
