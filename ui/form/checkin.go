package form

import (
	"errors"
	"fmt"

	"charm.land/huh/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
)

// checkinDraft is a check-in as its form edits it.
type checkinDraft struct {
	Health, Value, Confidence, Summary, Problems, Plans, Wins string
}

// checkinForm posts a check-in on a goal: a new, append-only record by
// the current user, dated today.
type checkinForm struct {
	formOrg
	goal  *model.Goal
	last  *model.Update // the goal's latest check-in, nil for none
	me    string
	today string
	id    string
	formDraft[checkinDraft]
}

// NewCheckin starts from the goal's current health and value, so an
// unchanged week is a summary away.
func NewCheckin(d *common.Data, g *model.Goal) (*checkinForm, error) {
	if d.Me == "" {
		return nil, errors.New("check-ins are signed by a person: add your git e-mail to your record in people/ (4 People, e)")
	}
	// Health starts where it was; the value starts empty (typing into the
	// last one would append to it), with the last one in its description.
	dr := checkinDraft{Health: model.HealthOnTrack}
	last := d.Org.LatestUpdate(g.ID)
	if last != nil {
		dr.Health = last.Health
	}
	return &checkinForm{formOrg: formOrg{d.Org}, goal: g, last: last, me: d.Me, today: d.Today.Format("2006-01-02"),
		id: model.NewID(model.KindUpdate), formDraft: newDraft(dr)}, nil
}

func (f *checkinForm) title() string { return "Check in on " + f.goal.ID + " · " + f.goal.Title }

// troubled reports whether the health needs problems and plans.
func (f *checkinForm) troubled() bool {
	return f.draft.Health == model.HealthAtRisk || f.draft.Health == model.HealthOffTrack
}

func (f *checkinForm) groups(ctx formCtx) []*huh.Group {
	check := ctx.check
	d := &f.draft
	needed := func(what string) func(string) error {
		return func(s string) error {
			if f.troubled() && len(lines(s)) == 0 {
				return fmt.Errorf("a check-in that is %s needs %s, one per line", healthText(d.Health), what)
			}
			return nil
		}
	}
	fields := []huh.Field{
		huh.NewSelect[string]().Title("Health").Description("←/→ to change; the last four close the goal.").
			Options(enumOptions(model.Healths, "")...).Inline(true).Value(&d.Health),
	}
	if m := f.goal.Metric; m != nil {
		desc := fmt.Sprintf("Now, in %s: baseline %s, target %s", common.Clean(m.Unit), formatNumber(&m.Baseline), formatNumber(&m.Target))
		if f.last != nil && f.last.Value != nil {
			desc += ", last check-in " + formatNumber(f.last.Value)
		}
		fields = append(fields, huh.NewInput().Title("Value").Description(desc+".").
			Value(&d.Value).Validate(validNumber))
	}
	fields = append(fields,
		huh.NewInput().Title("Confidence").Description("Of reaching the target: 0 to 1, or a percentage.").
			Placeholder("0.8").Value(&d.Confidence).Validate(validConfidence),
		huh.NewText().Title("Summary").Description("Where things stand, in a sentence or two.").Lines(2).
			Value(&d.Summary).Validate(both(required("a summary"), check, "summary")),
		huh.NewText().Title("Problems").Description("What is wrong, one per line: required when at risk or off track.").Lines(3).Value(&d.Problems).Validate(needed("at least one problem")),
		huh.NewText().Title("Plans").Description("What happens next, one per line: required when at risk or off track.").Lines(3).
			Value(&d.Plans).Validate(needed("at least one plan")),
		huh.NewText().Title("Wins").Description("Worth sharing, one per line.").Lines(2).Value(&d.Wins),
	)
	return []*huh.Group{huh.NewGroup(fields...)}
}

func healthText(h string) string {
	switch h {
	case model.HealthAtRisk:
		return "at risk"
	case model.HealthOffTrack:
		return "off track"
	}
	return h
}

func (f *checkinForm) update() (*model.Update, error) {
	d := f.draft
	u := &model.Update{ID: f.id, Target: f.goal.ID, Author: f.me, Date: f.today, Health: d.Health,
		Summary: d.Summary, Problems: lines(d.Problems), Plans: lines(d.Plans), Wins: lines(d.Wins)}
	var err error
	if f.goal.Metric != nil {
		if u.Value, err = optionalNumber(d.Value); err != nil {
			return nil, fmt.Errorf("value: %w", err)
		}
	}
	if u.Confidence, err = parseConfidence(d.Confidence); err != nil {
		return nil, fmt.Errorf("confidence: %w", err)
	}
	return u, nil
}

func (f *checkinForm) records() ([]model.Record, error) {
	u, err := f.update()
	if err != nil {
		return nil, err
	}
	return []model.Record{u}, nil
}

func (f *checkinForm) edits() ([]model.Edit, string, string, error) {
	u, err := f.update()
	if err != nil {
		return nil, "", "", err
	}
	if f.troubled() && (len(u.Problems) == 0 || len(u.Plans) == 0) {
		return nil, "", "", fmt.Errorf("a check-in that is %s needs at least one problem and one plan", healthText(u.Health))
	}
	msg := model.CheckinMessage(f.goal, f.org.Reported(f.goal.ID), u)
	return []model.Edit{{New: u}}, msg, f.goal.ID, nil
}
