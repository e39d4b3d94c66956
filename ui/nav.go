package ui

import (
	"fmt"
	"slices"

	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

// Moving between records: a jump shows a record on its tab and remembers
// where we were, back returns there; ! lists the findings and l the
// records linked to the selected one, and enter on either jumps.

// tabFor is the tab that shows a kind of record first.
func tabFor(k model.Kind) int {
	switch k {
	case model.KindGoal, model.KindUpdate:
		return tabGoals
	case model.KindDecision:
		return tabDecisions
	case model.KindRACI, model.KindHandoff:
		return tabRACI
	case model.KindPulse:
		return tabTeams
	}
	return tabPeople
}

// jump shows a record on the tab for its kind, remembering where we were.
func (m *Model) jump(id string) {
	if m.data == nil {
		return
	}
	r, ok := m.data.Org.Get(id)
	if !ok {
		m.say(common.StatusMsg{Text: common.Clean(id) + " is not loaded (see ! findings)", Err: true})
		return
	}
	// The record's own tab first, then the others; never the tab we are
	// on unless it is the record's own (a jump that stays put looks like
	// nothing happened).
	order := []int{tabFor(r.RecordKind())}
	for i := range m.screens {
		if i != order[0] && i != m.active {
			order = append(order, i)
		}
	}
	from := location{tab: m.active, id: m.screens[m.active].Selected()}
	for _, i := range order {
		if m.screens[i].Select(id) {
			if from.tab != i || from.id != id {
				m.back = append(m.back, from)
			}
			m.active = i
			return
		}
	}
	m.say(common.StatusMsg{Text: common.Clean(id) + " is hidden by the current filters", Err: true})
}

// goBack returns to where the last jump came from.
func (m *Model) goBack() tea.Cmd {
	if len(m.back) == 0 {
		return common.Status("nothing to go back to")
	}
	loc := m.back[len(m.back)-1]
	m.back = m.back[:len(m.back)-1]
	m.active = loc.tab
	m.screens[m.active].Select(loc.id)
	m.resize()
	return nil
}

// findingPlaceW is the width of a finding's file and line in the list.
const findingPlaceW = 34

// newFindingsOverlay lists every validation finding, worst first; enter
// jumps to the record it concerns.
func newFindingsOverlay(c common.Common, d *common.Data) *widget.Picker {
	s := c.Styles
	fs := append([]model.Finding(nil), d.Findings...)
	rank := map[model.Severity]int{model.SeverityError: 0, model.SeverityWarning: 1, model.SeverityInfo: 2}
	slices.SortStableFunc(fs, func(a, b model.Finding) int { return rank[a.Severity] - rank[b.Severity] })
	picks := make([]widget.Pick, len(fs))
	for i, f := range fs {
		loc := f.File
		if f.Line > 0 {
			loc = fmt.Sprintf("%s:%d", f.File, f.Line)
		}
		target := f.ID
		if _, ok := d.Org.Get(f.ID); !ok {
			target = "" // an unreadable file: nothing to jump to
		}
		picks[i] = widget.Pick{Target: target,
			Text:   s.Severity(f.Severity) + " " + s.Muted.Render(common.Pad(common.Clean(loc), findingPlaceW)) + " " + common.Clean(f.Message),
			Filter: string(f.Severity) + " " + f.Rule + " " + loc + " " + f.Message}
	}
	// A finding's message wraps under itself, after its mark and place.
	return widget.NewPicker(c, "Findings", "No findings: every record passes every rule.", picks).Wrapped(2 + findingPlaceW + 1)
}

// newLinksOverlay lists the records linked to id; enter jumps.
func newLinksOverlay(c common.Common, d *common.Data, id string) *widget.Picker {
	s := c.Styles
	var picks []widget.Pick
	for _, l := range d.Org.Links(id) {
		r, _ := d.Org.Get(l.ID)
		picks = append(picks, widget.Pick{Target: l.ID,
			Text:   s.Muted.Render(common.Pad(l.Rel, 16)) + " " + common.Pad(common.Clean(l.ID), 14) + " " + common.Clean(r.RecordTitle()),
			Filter: l.Rel + " " + l.ID + " " + r.RecordTitle()})
	}
	r, _ := d.Org.Get(id)
	title := "Linked to " + common.Clean(id)
	if r != nil && r.RecordTitle() != "" {
		title += " · " + common.Fit(common.Clean(r.RecordTitle()), 50)
	}
	return widget.NewPicker(c, title, "Nothing links to or from this record.", picks)
}
