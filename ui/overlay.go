package ui

import (
	"fmt"
	"slices"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

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
			Text:   s.Severity(f.Severity) + " " + s.Muted.Render(common.Pad(common.Clean(loc), 34)) + " " + common.Clean(f.Message),
			Filter: string(f.Severity) + " " + f.Rule + " " + loc + " " + f.Message}
	}
	return widget.NewPicker(c, "Findings", "No findings: every record passes every rule.", picks)
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
