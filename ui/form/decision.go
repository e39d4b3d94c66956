package form

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"charm.land/huh/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
)

// decisionDraft is a decision as its form edits it. The lists picked from
// people, teams and goals are slices; the ones typed are text.
type decisionDraft struct {
	Title, Status, Driver, Approver            string
	DecisionMakers, Consulted, Informed, Goals []string
	Context, Drivers, Consequences             string
	ReviewBy, Tags                             string
	Chosen, Rationale                          string
}

// decisionForm creates a decision, edits one, or writes the decision that
// supersedes another. Fields the form does not show (status, date, links,
// options) are kept as they are; the status moves with a (decisionActions)
// and the options with O (Options).
type decisionForm struct {
	formOrg
	today string
	old   *model.Decision // nil for a new decision
	// replaces is the decision a new one supersedes: the new one names it
	// at once; it becomes superseded, in the same commit, only if the new
	// one is saved accepted (else when that one is accepted).
	replaces *model.Decision
	id       string
	// options are the decision's options, which the outcome picks from:
	// the old record's, or those copied from the decision it replaces.
	options []model.Option
	formDraft[decisionDraft]
}

// NewDecision starts a draft decision dated today, driven by me.
func NewDecision(d *common.Data) Spec {
	return &decisionForm{formOrg: formOrg{d.Org}, today: d.Today.Format("2006-01-02"), id: model.NewID(model.KindDecision),
		formDraft: newDraft(emptyLists(decisionDraft{Status: model.DecisionDraft, Driver: d.Me}))}
}

// EditDecision edits an existing decision.
func EditDecision(d *common.Data, r *model.Decision) Spec {
	dr := draftOf(r)
	return &decisionForm{formOrg: formOrg{d.Org}, today: d.Today.Format("2006-01-02"), old: r, id: r.ID,
		options: r.Options, formDraft: newDraft(dr)}
}

// newSupersedeForm starts the decision that replaces old: a new record
// with old's question, reasoning, options, goals and people to edit, driven
// by me. It is proposed, not a draft: a draft that replaces a decision is
// a warning (decision.supersedes-inactive).
func newSupersedeForm(d *common.Data, old *model.Decision) *decisionForm {
	dr := draftOf(old)
	// The question carries over; its answer is the new decision's to give.
	dr.Status, dr.Consequences, dr.ReviewBy = model.DecisionProposed, "", ""
	dr.Chosen, dr.Rationale = "", ""
	if d.Me != "" {
		dr.Driver = d.Me
	}
	return &decisionForm{formOrg: formOrg{d.Org}, today: d.Today.Format("2006-01-02"), replaces: old,
		id: model.NewID(model.KindDecision), options: cloneOptions(old.Options), formDraft: newDraft(dr)}
}

// draftOf is a decision's fields as the form shows them.
func draftOf(r *model.Decision) decisionDraft {
	dr := decisionDraft{Title: r.Title, Status: r.Status, Driver: r.Driver, Approver: r.Approver,
		DecisionMakers: r.DecisionMakers, Consulted: r.Consulted, Informed: r.Informed, Goals: r.Goals,
		Context: r.Context, Drivers: joinLines(r.Drivers), Consequences: r.Consequences,
		ReviewBy: r.ReviewBy, Tags: strings.Join(r.Tags, ", ")}
	if o := r.Outcome; o != nil {
		dr.Chosen, dr.Rationale = o.Chosen, o.Rationale
	}
	return emptyLists(dr)
}

// emptyLists copies the draft's lists, none of them nil: a multi-select
// sets an empty list, not nil, and the copy must not share the record's.
func emptyLists(dr decisionDraft) decisionDraft {
	for _, l := range []*[]string{&dr.DecisionMakers, &dr.Consulted, &dr.Informed, &dr.Goals} {
		*l = append([]string{}, *l...)
	}
	return dr
}

func (f *decisionForm) title() string {
	switch {
	case f.replaces != nil:
		return "New decision superseding " + f.replaces.ID + " · " + f.replaces.Title
	case f.old == nil:
		return "New decision"
	}
	return "Edit " + f.id + " · " + f.old.Title
}

// dirty ignores the order of picked lists: a multi-select lists what is
// picked in its own order, which is not a change.
func (f *decisionForm) dirty() bool {
	a, b := f.draft, f.start
	for _, p := range [][2]*[]string{{&a.DecisionMakers, &b.DecisionMakers}, {&a.Consulted, &b.Consulted},
		{&a.Informed, &b.Informed}, {&a.Goals, &b.Goals}} {
		if sameSet(*p[0], *p[1]) {
			*p[0] = *p[1]
		}
	}
	return !reflect.DeepEqual(a, b)
}

// hasOutcome reports whether the form asks which option was chosen: only
// when there are options to choose from.
func (f *decisionForm) hasOutcome() bool { return len(f.options) > 0 }

func (f *decisionForm) groups(ctx formCtx) []*huh.Group {
	check := ctx.check
	d := &f.draft
	o := f.org
	pages := 5
	if f.hasOutcome() {
		pages++
	}
	page := 0
	title := func(s string) string {
		page++
		return fmt.Sprintf("%s · %d of %d", s, page, pages)
	}
	what := []huh.Field{
		huh.NewInput().Title("Title").Placeholder("What is being decided, as a statement").Value(&d.Title).
			Validate(both(required("a title"), check, "title")),
	}
	if f.replaces != nil {
		what = append(what, huh.NewSelect[string]().Title("Status").
			Description("Accepting now needs an approver and the chosen option.").
			Options(enumOptions([]string{model.DecisionProposed, model.DecisionAccepted}, "")...).Inline(true).
			Value(&d.Status).Validate(func(string) error { return check("status") }))
	}
	what = append(what,
		huh.NewText().Title("Context").Description("The situation and the problem.").Lines(3).Value(&d.Context).
			Validate(func(string) error { return check("context") }),
		huh.NewText().Title("Drivers").Description("What the choice must satisfy, one per line.").Lines(3).
			Value(&d.Drivers).Validate(func(string) error { return check("drivers") }),
	)
	groups := []*huh.Group{
		huh.NewGroup(what...).Title(title("What is being decided")),
		huh.NewGroup(
			huh.NewSelect[string]().Title("Driver").Description("Who moves the decision along. / to filter").
				Height(pickerHeight).Options(withUnknown(personOptions(o, "(nobody yet)", d.Driver), d.Driver)...).
				Value(&d.Driver).Validate(func(string) error { return check("driver") }),
			huh.NewSelect[string]().Title("Approver").Description("Who signs it off.").
				Height(pickerHeight).Options(withUnknown(personOptions(o, "(not yet)", d.Approver), d.Approver)...).
				Value(&d.Approver).Validate(func(v string) error {
				if v == "" && d.Status == model.DecisionAccepted {
					return fmt.Errorf("an accepted decision needs an approver")
				}
				return check("approver")
			}),
		).Title(title("Who decides")),
		huh.NewGroup(
			describe(ctx, huh.NewMultiSelect[string]().Title("Decision makers").Filterable(true), func() string { return fitText("Who decides, together · "+picked(d.DecisionMakers), 74) }).
				Height(pickerHeight).Options(withUnknown(personOptions(o, "", d.DecisionMakers...), d.DecisionMakers...)...).
				Value(&d.DecisionMakers).Validate(func([]string) error { return check("decision_makers") }),
			describe(ctx, huh.NewMultiSelect[string]().Title("Consulted"), func() string { return fitText("Asked before deciding · "+picked(d.Consulted), 74) }).
				Filterable(true).Height(pickerHeight).Options(withUnknown(partyOptions(o, d.Consulted), d.Consulted...)...).
				Value(&d.Consulted).Validate(func([]string) error { return check("consulted") }),
		).Title(title("Who takes part")),
		huh.NewGroup(
			describe(ctx, huh.NewMultiSelect[string]().Title("Informed"), func() string { return fitText("Told once it is decided · "+picked(d.Informed), 74) }).
				Filterable(true).Height(pickerHeight).Options(withUnknown(partyOptions(o, d.Informed), d.Informed...)...).
				Value(&d.Informed).Validate(func([]string) error { return check("informed") }),
			describe(ctx, huh.NewMultiSelect[string]().Title("Goals"), func() string { return fitText("The goals it serves · "+picked(d.Goals), 74) }).
				Filterable(true).Height(pickerHeight).Options(withUnknown(goalOptions(o, "", nil), d.Goals...)...).
				Value(&d.Goals).Validate(func([]string) error { return check("goals") }),
		).Title(title("Who is told, and what for")),
		huh.NewGroup(
			huh.NewText().Title("Consequences").Description("What becomes easier or harder.").Lines(3).
				Value(&d.Consequences).Validate(func(string) error { return check("consequences") }),
			huh.NewInput().Title("Review by").Placeholder("YYYY-MM-DD").Value(&d.ReviewBy).
				Validate(both(validDate, check, "review_by")),
			huh.NewInput().Title("Tags").Description(tagsHelp(o)).Placeholder("comma, separated").Value(&d.Tags).
				Validate(both(nil, check, "tags")),
		).Title(title("Afterwards")),
	}
	if f.hasOutcome() {
		groups = append(groups, huh.NewGroup(
			huh.NewSelect[string]().Title("Chosen option").Height(min(len(f.options)+2, pickerHeight)).
				Options(withUnknown(optionChoices(f.options, "(none yet)"), d.Chosen)...).Value(&d.Chosen).
				Validate(func(v string) error {
					if v == "" && d.Status == model.DecisionAccepted {
						return fmt.Errorf("an accepted decision needs the chosen option")
					}
					return check("outcome")
				}),
			huh.NewText().Title("Rationale").Description("Why this option.").Lines(3).Value(&d.Rationale).
				Validate(func(string) error { return check("outcome") }),
		).Title(title("Outcome")))
	}
	return groups
}

func (f *decisionForm) records() ([]model.Record, error) {
	r, old, err := f.decisions()
	if err != nil {
		return nil, err
	}
	if old != nil {
		return []model.Record{r, old}, nil
	}
	return []model.Record{r}, nil
}

// decisions is the draft as a decision (the old one with the form's fields
// set) and, when it supersedes one that its status already supersedes
// (it is accepted), that one marked superseded.
func (f *decisionForm) decisions() (r, replaced *model.Decision, err error) {
	d := f.draft
	r = &model.Decision{ID: f.id, Status: model.DecisionDraft, Date: f.today}
	base := &model.Decision{}
	if f.old != nil {
		model.CopyRecord(r, f.old)
		base = f.old
	}
	r.Title, r.Driver, r.Approver = strings.TrimSpace(d.Title), d.Driver, d.Approver
	r.DecisionMakers = keepOrder(base.DecisionMakers, d.DecisionMakers)
	r.Consulted = keepOrder(base.Consulted, d.Consulted)
	r.Informed = keepOrder(base.Informed, d.Informed)
	r.Goals = keepOrder(base.Goals, d.Goals)
	r.Context = keepText(base.Context, d.Context)
	r.Consequences = keepText(base.Consequences, d.Consequences)
	if drivers := lines(d.Drivers); !slices.Equal(drivers, base.Drivers) {
		r.Drivers = drivers
	}
	r.ReviewBy = strings.TrimSpace(d.ReviewBy)
	if tags := splitList(d.Tags); !slices.Equal(tags, base.Tags) {
		r.Tags = tags
	}
	if f.replaces != nil {
		r.Status, r.Options = d.Status, cloneOptions(f.options)
	}
	if f.hasOutcome() {
		r.Outcome = outcome(base.Outcome, d.Chosen, d.Rationale)
	}
	if f.replaces == nil {
		return r, nil, nil
	}
	replaced = &model.Decision{}
	model.CopyRecord(replaced, f.replaces)
	if err := model.Supersede(replaced, r); err != nil {
		return nil, nil, err
	}
	if replaced.Status == f.replaces.Status {
		return r, nil, nil // it stays as it is until r is accepted
	}
	return r, replaced, nil
}

func (f *decisionForm) edits() ([]model.Edit, string, string, error) {
	r, replaced, err := f.decisions()
	if err != nil {
		return nil, "", "", err
	}
	switch {
	case replaced != nil:
		old := f.replaces
		msg := fmt.Sprintf("decision(%s): supersede %s %s\n\n%s: create %s (%s)\n%s: %s → superseded",
			r.ID, old.ID, quoted(old.Title), r.ID, quoted(r.Title), r.Status, old.ID, old.Status)
		return []model.Edit{{New: r}, {Old: old, New: replaced}}, msg, r.ID, nil
	case f.replaces != nil:
		old := f.replaces
		msg := fmt.Sprintf("decision(%s): create %s (%s), to supersede %s\n\n%s stays %s until %s is accepted",
			r.ID, quoted(r.Title), r.Status, old.ID, old.ID, old.Status, r.ID)
		return []model.Edit{{New: r}}, msg, r.ID, nil
	case f.old != nil:
		return []model.Edit{{Old: f.old, New: r}}, "", f.id, nil
	}
	return []model.Edit{{New: r}}, "", f.id, nil
}

// ---- Accepting ----

// acceptDraft is what accepting a decision asks for.
type acceptDraft struct {
	Approver, Chosen, Rationale string
}

// acceptForm accepts a proposed decision: who approves it, which option
// was chosen and why. Saving sets the status, those, and today's date.
type acceptForm struct {
	formOrg
	today string
	dec   *model.Decision
	formDraft[acceptDraft]
}

func newAcceptForm(d *common.Data, r *model.Decision) *acceptForm {
	dr := acceptDraft{Approver: r.Approver}
	if o := r.Outcome; o != nil {
		dr.Chosen, dr.Rationale = o.Chosen, o.Rationale
	}
	return &acceptForm{formOrg: formOrg{d.Org}, today: d.Today.Format("2006-01-02"), dec: r, formDraft: newDraft(dr)}
}

func (f *acceptForm) title() string { return "Accept " + f.dec.ID + " · " + f.dec.Title }

func (f *acceptForm) groups(ctx formCtx) []*huh.Group {
	check := ctx.check
	d := &f.draft
	return []*huh.Group{huh.NewGroup(
		huh.NewSelect[string]().Title("Approver").Description("Required: who signs the decision off. / to filter").
			Height(pickerHeight).Options(withUnknown(personOptions(f.org, "(choose who approves)", d.Approver), d.Approver)...).
			Value(&d.Approver).Validate(func(v string) error {
			if v == "" {
				return fmt.Errorf("an accepted decision needs an approver")
			}
			return check("approver")
		}),
		huh.NewSelect[string]().Title("Chosen option").Description("Required.").Height(min(len(f.dec.Options)+3, pickerHeight)).
			Options(withUnknown(optionChoices(f.dec.Options, "(choose one)"), d.Chosen)...).Value(&d.Chosen).
			Validate(func(v string) error {
				if v == "" {
					return fmt.Errorf("say which option was chosen")
				}
				return check("outcome")
			}),
		huh.NewText().Title("Rationale").Description("Why this option.").Lines(3).Value(&d.Rationale),
	).Title("Accepting changes the status from " + f.dec.Status + " to accepted, dated today.")}
}

func (f *acceptForm) decision() *model.Decision {
	d := f.draft
	r := &model.Decision{}
	model.CopyRecord(r, f.dec)
	r.Status, r.Approver, r.Date = model.DecisionAccepted, d.Approver, f.today
	r.Outcome = outcome(f.dec.Outcome, d.Chosen, d.Rationale)
	return r
}

func (f *acceptForm) records() ([]model.Record, error) {
	r := f.decision()
	if old := model.SupersededOnAccept(f.org, r); old != nil {
		return []model.Record{r, old}, nil
	}
	return []model.Record{r}, nil
}

// edits accepts the decision and, when it supersedes another, marks that
// one superseded in the same commit.
func (f *acceptForm) edits() ([]model.Edit, string, string, error) {
	r := f.decision()
	edits := []model.Edit{{Old: f.dec, New: r}}
	old := model.SupersededOnAccept(f.org, r)
	if old == nil {
		return edits, "", f.dec.ID, nil
	}
	was := f.org.Decisions[old.ID]
	msg := fmt.Sprintf("decision(%s): %s → accepted, supersedes %s\n\n%s: %s → superseded", r.ID, f.dec.Status, old.ID, old.ID, was.Status)
	return append(edits, model.Edit{Old: was, New: old}), msg, f.dec.ID, nil
}

// ---- The a menu ----

// ---- Helpers ----

// tagsHelp names the tags accord.yaml lists, when it lists any: others
// are a warning.
func tagsHelp(o *model.Org) string {
	tags := o.Config.Enums.Tags
	if len(tags) == 0 {
		return "Comma-separated."
	}
	var names []string
	for _, t := range tags {
		names = append(names, common.Clean(t))
	}
	return fitText("Comma-separated, from accord.yaml: "+strings.Join(names, ", "), 76)
}

// optionChoices lists a decision's options by title and ID.
func optionChoices(opts []model.Option, none string) []huh.Option[string] {
	out := []huh.Option[string]{noneOption(none)}
	for _, o := range opts {
		out = append(out, huh.NewOption(fitText(common.Clean(o.Title), 60)+" · "+common.Clean(o.ID), o.ID))
	}
	return out
}

// outcome is the chosen option and why, keeping old's rationale text when
// only its surrounding space differs; nil when both are empty.
func outcome(old *model.Outcome, chosen, rationale string) *model.Outcome {
	was := model.Outcome{}
	if old != nil {
		was = *old
	}
	o := model.Outcome{Chosen: chosen, Rationale: keepText(was.Rationale, rationale)}
	switch {
	case o == was && old != nil:
		return old
	case o == (model.Outcome{}):
		return nil
	}
	return &o
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	as, bs := slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b))
	return slices.Equal(as, bs)
}

// keepText is typed, unless it differs from was only in the space around
// it (a text field drops a final line break): then was.
func keepText(was, typed string) string {
	if strings.TrimSpace(was) == strings.TrimSpace(typed) {
		return was
	}
	return typed
}

// cloneOptions copies options deeply, so that editing the copy never
// changes a loaded record.
func cloneOptions(opts []model.Option) []model.Option {
	if opts == nil {
		return nil
	}
	out := make([]model.Option, len(opts))
	for i, o := range opts {
		out[i] = model.Option{ID: o.ID, Title: o.Title, Good: slices.Clone(o.Good), Bad: slices.Clone(o.Bad)}
	}
	return out
}

// quoted is a title in a commit message: one line, at most 60 runes.
func quoted(title string) string {
	return fmt.Sprintf("%q", fitText(strings.TrimSpace(title), 60))
}
