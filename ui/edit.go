package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/form"
	"github.com/accordhq/accord/ui/tabs/inbox"
	"github.com/accordhq/accord/ui/tabs/raci"
	"github.com/accordhq/accord/ui/tabs/teams"
	"github.com/accordhq/accord/ui/widget"
)

// showSaved selects a record just saved on its own tab, staying on the
// current tab when it shows the record too.
func (m *Model) showSaved(id string) {
	if m.screens[m.active].Select(id) {
		return
	}
	if r, ok := m.data.Org.Get(id); ok {
		if t := tabFor(r.RecordKind()); m.screens[t].Select(id) {
			m.active = t
		}
	}
}

// openForm shows a form over the current tab.
func (m *Model) openForm(spec form.Spec) tea.Cmd {
	f, cmd := form.New(m.c, m.data, m.store, spec, m.width, m.bodyHeight())
	m.push(f)
	return cmd
}

// selected is the record under the cursor of the current tab.
func (m *Model) selected() (model.Record, bool) {
	r, _ := m.selectedRecord()
	return r, r != nil
}

// openNew starts a record of the current tab's kind: a goal (under the
// selected one), a decision, a RACI record or a hand-off (by the RACI
// tab's view), a person or a team.
func (m *Model) openNew() tea.Cmd {
	switch m.active {
	case tabGoals:
		return m.openForm(form.NewGoal(m.data, m.screens[tabGoals].Selected()))
	case tabDecisions:
		return m.openForm(form.NewDecision(m.data))
	case tabRACI:
		if r, ok := m.screens[tabRACI].(*raci.Tab); ok && r.ShowsHandoffs() {
			return m.openForm(form.NewHandoff(m.data))
		}
		return m.openForm(form.NewRACI(m.data))
	case tabTeams:
		if team, about, ok := m.screens[tabTeams].(*teams.Tab).PulsePair(); ok {
			spec, err := form.NewPulse(m.data, team, about)
			if err != nil {
				return common.StatusErr(err.Error())
			}
			return m.openForm(spec)
		}
		return common.Status("n rates working with another team on the Pulse view (v)")
	case tabPeople:
		m.push(widget.NewMenu(m.c, "New", []widget.MenuItem{
			{Label: "Person", Detail: "someone in the organisation", Now: form.OpenMsg{Spec: form.NewPerson(m.data)}},
			{Label: "Team", Detail: "a department or squad", Now: form.OpenMsg{Spec: form.NewTeam(m.data)}},
		}))
		return nil
	}
	return common.Status("n makes goals, decisions, RACI records, hand-offs and people: go to their tab (1-4)")
}

// openEdit opens the selected record in its form, or, on the Teams tab's
// stakeholder grid, the cursor's stakeholder's private notes.
func (m *Model) openEdit() tea.Cmd {
	if sm, pass, who, ok := m.screens[tabTeams].(*teams.Tab).StakeholderCell(); ok && m.active == tabTeams {
		return m.editStakeholder(sm, pass, who)
	}
	r, ok := m.selected()
	if !ok {
		return common.Status("nothing selected to edit")
	}
	switch r := r.(type) {
	case *model.Goal:
		return m.openForm(form.EditGoal(m.data, r))
	case *model.Decision:
		return m.openForm(form.EditDecision(m.data, r))
	case *model.RACI:
		return m.openForm(form.EditRACI(m.data, r))
	case *model.Handoff:
		return m.openForm(form.EditHandoff(m.data, r))
	case *model.Person:
		return m.openForm(form.EditPerson(m.data, r))
	case *model.Team:
		return m.openForm(form.EditTeam(m.data, r))
	case *model.Update:
		return common.Status("check-ins are never edited once posted: post a new one with u")
	case *model.Pulse:
		return common.Status("pulses are never edited once posted: n rates the pair again")
	}
	return nil
}

// editStakeholder opens the notes of the one stakeholder in the cell, or
// a menu of them when there are several.
func (m *Model) editStakeholder(sm *model.StakeholderMap, pass string, who []string) tea.Cmd {
	var items []widget.MenuItem
	for _, w := range who {
		spec, err := form.EditStakeholder(m.data, m.store, sm, pass, w)
		if err != nil {
			return common.StatusErr(err.Error())
		}
		if len(who) == 1 {
			return m.openForm(spec)
		}
		name := common.PersonName(m.data.Org, w)
		if m.data.Org.Teams[w] != nil {
			name = common.TeamName(m.data.Org, w)
		}
		items = append(items, widget.MenuItem{Label: name, Now: form.OpenMsg{Spec: spec}})
	}
	m.push(widget.NewMenu(m.c, "Edit whose notes?", items))
	return nil
}

// openCheckin starts a check-in on the selected goal.
func (m *Model) openCheckin() tea.Cmd {
	r, _ := m.selected()
	g, ok := r.(*model.Goal)
	if !ok {
		return common.Status("u posts a check-in on a goal: select one on 1 Goals")
	}
	f, err := form.NewCheckin(m.data, g)
	if err != nil {
		return common.StatusErr(err.Error())
	}
	return m.openForm(f)
}

// openActions lists the next steps of the selected decision or hand-off.
func (m *Model) openActions() tea.Cmd {
	if ref, ok := m.selectedAsk(); ok {
		return m.openAnswer(ref)
	}
	r, _ := m.selected()
	switch r := r.(type) {
	case *model.Decision:
		m.push(form.DecisionActions(m.c, m.data, m.store, r))
	case *model.Handoff:
		m.push(form.HandoffActions(m.c, m.data, m.store, r))
	default:
		return common.Status("a changes the status of a decision or a hand-off: select one on 2 Decisions or 3 RACI (v)")
	}
	return nil
}

// selectedAsk is the ask under the cursor of the inbox, when it is one.
func (m *Model) selectedAsk() (model.AskRef, bool) {
	if in, ok := m.screens[m.active].(*inbox.Tab); ok {
		return in.SelectedAsk()
	}
	return model.AskRef{}, false
}

// openAnswer answers an ask: an append-only answer record.
func (m *Model) openAnswer(ref model.AskRef) tea.Cmd {
	spec, err := form.NewAnswer(m.data, ref)
	if err != nil {
		return common.StatusErr(err.Error())
	}
	return m.openForm(spec)
}

// openOptions edits the options of the selected decision.
func (m *Model) openOptions() tea.Cmd {
	r, _ := m.selected()
	d, ok := r.(*model.Decision)
	if !ok {
		return common.Status("O edits the options a decision considered: select one on 2 Decisions")
	}
	m.push(form.NewOptions(m.c, m.data, m.store, d))
	return nil
}

// editKeys are the editing keys that do something now: n on a tab that
// makes records, e and E on a record (not a check-in), u on a goal, a on
// a decision or hand-off, O on a decision, U once this session changed
// something. more are the ones the hints line offers only after the
// screen's own keys.
func (m Model) editKeys() (first, more []key.Binding) {
	if m.data == nil {
		return nil, nil
	}
	k := m.c.Keys
	if m.active <= tabPeople {
		first = append(first, k.New)
	}
	if _, _, ok := m.screens[tabTeams].(*teams.Tab).PulsePair(); ok && m.active == tabTeams {
		rate := k.New
		rate.SetHelp(rate.Help().Key, "rate a pair")
		first = append(first, rate)
	}
	r, _ := m.selected()
	var appendOnly bool // never edited once posted
	switch r.(type) {
	case *model.Update, *model.Pulse, *model.Answer, *model.Retro:
		appendOnly = true
	}
	if _, _, _, ok := m.screens[tabTeams].(*teams.Tab).StakeholderCell(); ok && m.active == tabTeams {
		notes := k.Edit
		notes.SetHelp(notes.Help().Key, "edit notes")
		first = append(first, notes)
	}
	if r != nil && !appendOnly {
		first = append(first, k.Edit)
		more = append(more, k.EditYAML)
	}
	if _, ok := m.selectedAsk(); ok {
		answer := k.Act
		answer.SetHelp(answer.Help().Key, "answer")
		first = append(first, answer)
	}
	switch r.(type) {
	case *model.Goal:
		first = append(first, k.CheckIn)
	case *model.Decision:
		first = append(first, k.Act)
		more = append(more, k.Options)
	case *model.Handoff:
		first = append(first, k.Act)
	}
	if len(m.undo) > 0 {
		first = append(first, k.Undo)
	}
	if len(m.redo) > 0 {
		first = append(first, k.Redo)
	}
	return first, more
}
