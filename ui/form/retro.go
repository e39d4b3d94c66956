package form

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/huh/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
)

// retroDraft is a retro as its form edits it: one point per line.
type retroDraft struct {
	WentWell, WentBadly string
}

// retroForm records, on a hand-off received or a goal closed, what went
// well and badly across the teams involved: a new record linked to it.
type retroForm struct {
	formOrg
	subject model.Record
	teams   []string
	me      string
	today   string
	id      string
	formDraft[retroDraft]
}

// NewRetro starts a retro on a hand-off or a goal.
func NewRetro(d *common.Data, subject string) (*retroForm, error) {
	if d.Me == "" {
		return nil, errors.New("retros are signed by a person: add your git e-mail to your record in people/ (4 People, e)")
	}
	r, ok := d.Org.Get(subject)
	if !ok {
		return nil, fmt.Errorf("%s is not in the repository any more", subject)
	}
	return &retroForm{formOrg: formOrg{d.Org}, subject: r, teams: d.Org.RetroTeams(subject), me: d.Me,
		today: d.Today.Format(time.DateOnly), id: model.NewID(model.KindRetro), formDraft: newDraft(retroDraft{})}, nil
}

func (f *retroForm) title() string {
	return "Retro on " + f.subject.RecordID() + " · " + common.Clean(f.subject.RecordTitle())
}

func (f *retroForm) groups(ctx formCtx) []*huh.Group {
	d := &f.draft
	var names []string
	for _, t := range f.teams {
		names = append(names, common.TeamName(f.org, t))
	}
	across := "Across " + strings.Join(names, ", ") + ". "
	if len(names) == 0 {
		across = ""
	}
	return []*huh.Group{huh.NewGroup(
		huh.NewText().Title("Went well").Description(across+"One point per line.").Lines(3).Value(&d.WentWell),
		huh.NewText().Title("Went badly").Description("One point per line: what to change next time.").Lines(3).Value(&d.WentBadly).
			Validate(func(string) error {
				if len(lines(d.WentWell)) == 0 && len(lines(d.WentBadly)) == 0 {
					return errors.New("say what went well or badly")
				}
				return nil
			}),
	)}
}

func (f *retroForm) retro() *model.Retro {
	return &model.Retro{ID: f.id, Subject: f.subject.RecordID(), Author: f.me, Date: f.today, Teams: f.teams,
		WentWell: lines(common.CleanBlock(f.draft.WentWell)), WentBadly: lines(common.CleanBlock(f.draft.WentBadly))}
}

func (f *retroForm) records() ([]model.Record, error) { return []model.Record{f.retro()}, nil }

func (f *retroForm) edits() ([]model.Edit, string, string, error) {
	r := f.retro()
	if len(r.WentWell) == 0 && len(r.WentBadly) == 0 {
		return nil, "", "", errors.New("say what went well or badly")
	}
	title := f.subject.RecordTitle()
	if rs := []rune(title); len(rs) > 60 {
		title = string(rs[:59]) + "…"
	}
	return []model.Edit{{New: r}}, fmt.Sprintf("retro(%s): on %s %q", r.ID, r.Subject, title), f.subject.RecordID(), nil
}
