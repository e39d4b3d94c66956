package form

import (
	"errors"
	"fmt"

	"charm.land/huh/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
)

// answerDraft is an answer as its form edits it.
type answerDraft struct {
	Response, Note string
}

// answerForm answers an ask addressed to the user or their team: accept,
// decline or done, with a note. An answer is a new append-only record
// (answers/…/ANS-….yaml), so the check-in that asked stays as it landed.
type answerForm struct {
	formOrg
	ref   model.AskRef
	ask   model.Ask
	me    string
	today string
	id    string
	formDraft[answerDraft]
}

// NewAnswer starts an answer to ref: accept the first time, done once it
// was accepted.
func NewAnswer(d *common.Data, ref model.AskRef) (*answerForm, error) {
	if d.Me == "" {
		return nil, errors.New("answers are signed by a person: add your git e-mail to your record in people/ (4 People, e)")
	}
	ask, _, ok := d.Org.FindAsk(ref)
	if !ok {
		return nil, fmt.Errorf("ask %s is not in the repository any more", ref)
	}
	dr := answerDraft{Response: model.AnswerAccept}
	if as := d.Org.AnswersTo(ref); len(as) > 0 && as[len(as)-1].Response == model.AnswerAccept {
		dr.Response = model.AnswerDone
	}
	return &answerForm{formOrg: formOrg{d.Org}, ref: ref, ask: ask, me: d.Me, today: d.Today.Format("2006-01-02"),
		id: model.NewID(model.KindAnswer), formDraft: newDraft(dr)}, nil
}

func (f *answerForm) title() string {
	return "Answer " + f.ref.String() + " · " + common.Clean(common.FirstLine(f.ask.What))
}

func (f *answerForm) groups(ctx formCtx) []*huh.Group {
	d := &f.draft
	to := f.ask.Addressee()
	what := "Asked of " + common.PersonName(f.org, to)
	if f.org.Teams[to] != nil {
		what = "Asked of " + common.TeamName(f.org, to)
	}
	if f.ask.Due != "" {
		what += ", due " + common.Clean(f.ask.Due)
	}
	return []*huh.Group{huh.NewGroup(
		huh.NewSelect[string]().Title("Answer").
			Description(what+". Accept takes it on; done or decline closes the loop.").
			Options(enumOptions(model.AnswerResponses, "")...).Inline(true).Value(&d.Response),
		huh.NewText().Title("Note").Description("For the person who asked: what you will do, or who can help.").Lines(3).
			Value(&d.Note).Validate(both(nil, ctx.check, "note")),
	)}
}

func (f *answerForm) answer() *model.Answer {
	return &model.Answer{ID: f.id, Ask: f.ref.String(), Author: f.me, Date: f.today,
		Response: f.draft.Response, Note: common.CleanBlock(f.draft.Note)}
}

func (f *answerForm) records() ([]model.Record, error) { return []model.Record{f.answer()}, nil }

func (f *answerForm) edits() ([]model.Edit, string, string, error) {
	a := f.answer()
	return []model.Edit{{New: a}}, "", a.ID, nil
}
