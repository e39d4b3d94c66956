package form

import (
	"fmt"
	"net/mail"
	"slices"
	"strings"

	"charm.land/huh/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
)

// ---- People ----

// personDraft is a person as their form edits them: e-mails as a comma
// list.
type personDraft struct {
	Handle, Name, Emails, Role, Manager string
	Teams                               []string
	Active                              bool
}

// personForm adds a person or edits one. The handle is typed once, for a
// new person: it names the file and every reference to them.
type personForm struct {
	formOrg
	old   *model.Person // nil for a new person
	teams []huh.Option[string]
	formDraft[personDraft]
}

// NewPerson adds someone to the organisation: active, in no team yet.
// When the user's git e-mail is in nobody's record, the person is most
// likely the user: the name and e-mail start as git's.
func NewPerson(d *common.Data) *personForm {
	f := &personForm{formOrg: formOrg{d.Org}, teams: teamOptions(d.Org, "")}
	dr := personDraft{Active: true, Teams: []string{}}
	if d.Me == "" && d.MeEmail != "" {
		dr.Name, dr.Emails = common.Clean(d.MeName), common.Clean(d.MeEmail)
	}
	f.formDraft = newDraft(dr)
	return f
}

// EditPerson edits a person; their handle stays.
func EditPerson(d *common.Data, p *model.Person) *personForm {
	f := &personForm{formOrg: formOrg{d.Org}, old: p, teams: withUnknown(teamOptions(d.Org, ""), p.Teams...)}
	f.formDraft = newDraft(personDraft{Handle: p.ID, Name: common.Clean(p.Name), Emails: common.Clean(strings.Join(p.Emails, ", ")),
		Role: common.Clean(p.Role), Manager: p.Manager, Teams: inOptionOrder(p.Teams, f.teams), Active: p.IsActive()})
	return f
}

func (f *personForm) title() string {
	if f.old == nil {
		return "New person"
	}
	return "Edit person " + f.old.ID + " · " + f.old.Name
}

func (f *personForm) groups(ctx formCtx) []*huh.Group {
	check := ctx.check
	d := &f.draft
	var fields []huh.Field
	if f.old == nil {
		fields = append(fields, describe(ctx, huh.NewInput().Title("Handle").Placeholder("mei"), f.handleHelp("them", &d.Handle)).
			Value(&d.Handle).Validate(both(f.checkHandle, check, "id")))
	}
	fields = append(fields,
		huh.NewInput().Title("Name").Value(&d.Name).Validate(both(required("a name"), check, "name")),
		describe(ctx, huh.NewInput().Title("E-mails"), withProblem("Comma-separated: the git e-mails of their commits.",
			func() error { return f.checkEmails(d.Emails) })).
			Value(&d.Emails).Validate(both(f.checkEmails, check, "emails")),
		huh.NewInput().Title("Role").Placeholder("Backend Engineer").Value(&d.Role),
		huh.NewConfirm().Title("Active").Description("Someone who left stays in history but owns nothing new.").
			Affirmative("Active").Negative("Left").Value(&d.Active),
	)
	manager := personOptions(f.org, "(no manager)", d.Manager)
	if f.old != nil {
		manager = withoutValue(manager, f.old.ID)
	}
	place := huh.NewGroup(
		describe(ctx, huh.NewMultiSelect[string]().Title("Teams"), func() string { return "x picks, / filters · " + picked(d.Teams) }).
			Height(pickerHeight).Value(&d.Teams).Options(slices.Clone(f.teams)...).
			Validate(func([]string) error { return check("teams") }),
		describe(ctx, huh.NewSelect[string]().Title("Manager").Height(pickerHeight), withProblem("/ to filter", func() error { return f.checkManager(d.Manager) })).
			Options(withUnknown(manager, d.Manager)...).Value(&d.Manager).
			Validate(both(f.checkManager, check, "manager")),
	).Title("Where they sit")
	return []*huh.Group{huh.NewGroup(fields...).Title("Person"), place}
}

// handleHelp describes a handle field and, once something is typed, why
// it cannot be used.
func (f *formOrg) handleHelp(whom string, v *string) func() string {
	return withProblem("How records name "+whom+"; it cannot change later.", func() error {
		if strings.TrimSpace(*v) == "" {
			return nil
		}
		return f.checkHandle(*v)
	})
}

// withoutValue drops the option for a value (someone cannot manage
// themselves).
func withoutValue(opts []huh.Option[string], v string) []huh.Option[string] {
	var out []huh.Option[string]
	for _, o := range opts {
		if o.Value != v {
			out = append(out, o)
		}
	}
	return out
}

// handle is the person's handle: fixed once saved.
func (f *personForm) handle() string {
	if f.old != nil {
		return f.old.ID
	}
	return strings.TrimSpace(f.draft.Handle)
}

// checkEmails accepts a comma list of bare addresses that belong to
// nobody else: an e-mail names the person a commit is by.
func (f *personForm) checkEmails(s string) error {
	for _, e := range splitList(s) {
		if a, err := mail.ParseAddress(e); err != nil || a.Address != e {
			return fmt.Errorf("%q is not an e-mail address (write name@example.com)", common.Clean(e))
		}
		if id, ok := f.org.PersonByEmail(e); ok && id != f.handle() {
			return fmt.Errorf("%s is already the e-mail of %s", common.Clean(e), common.Clean(id))
		}
	}
	return nil
}

// checkManager refuses a manager who already reports to this person: the
// model reports a loop on its smallest handle, which may not be this one.
func (f *personForm) checkManager(m string) error {
	self := f.handle()
	next := func(id string) string {
		if p := f.org.People[id]; p != nil && id != self {
			return p.Manager
		}
		return ""
	}
	if path := loopThrough(m, self, next, len(f.org.People)); path != nil && self != "" {
		return fmt.Errorf("%s reports to %s already (%s), so cannot manage them", common.Clean(m), common.Clean(self), common.Clean(strings.Join(path, " → ")))
	}
	return nil
}

func (f *personForm) records() ([]model.Record, error) {
	p, err := f.person()
	if err != nil {
		return nil, err
	}
	return []model.Record{p}, nil
}

func (f *personForm) person() (*model.Person, error) {
	d, start := f.draft, f.start
	p := &model.Person{ID: f.handle()}
	var old model.Person
	if f.old != nil {
		model.CopyRecord(p, f.old)
		old = *f.old
	} else if err := f.checkHandle(p.ID); err != nil {
		return nil, err
	}
	p.Name, p.Role, p.Manager = edited(d.Name, start.Name, old.Name), edited(d.Role, start.Role, old.Role), d.Manager
	if d.Emails != start.Emails {
		p.Emails = splitList(d.Emails)
	}
	if f.old == nil {
		// Nothing to keep: what the form started with (git's name and
		// e-mail for the user) is the person's.
		p.Name, p.Role, p.Emails = strings.TrimSpace(d.Name), strings.TrimSpace(d.Role), splitList(d.Emails)
	}
	p.Teams = keepOrder(old.Teams, d.Teams)
	// Absent means active: write active: false only for someone who left,
	// and keep an explicit active: true that was there.
	switch {
	case old.Active != nil && *old.Active == d.Active:
	case d.Active:
		p.Active = nil
	default:
		no := false
		p.Active = &no
	}
	return p, nil
}

func (f *personForm) edits() ([]model.Edit, string, string, error) {
	p, err := f.person()
	if err != nil {
		return nil, "", "", err
	}
	if err := f.checkEmails(f.draft.Emails); err != nil {
		return nil, "", "", err
	}
	if err := f.checkManager(p.Manager); err != nil {
		return nil, "", "", err
	}
	var old model.Record
	if f.old != nil {
		old = f.old
	}
	return []model.Edit{{Old: old, New: p}}, "", p.ID, nil
}

// ---- Teams ----

// teamDraft is a team as its form edits it.
type teamDraft struct {
	Handle, Name, Lead, Parent, Mission string
}

// teamForm adds a team or edits one; the handle is typed once, as for
// people.
type teamForm struct {
	formOrg
	old *model.Team // nil for a new team
	formDraft[teamDraft]
}

// NewTeam adds a team.
func NewTeam(d *common.Data) *teamForm {
	return &teamForm{formOrg: formOrg{d.Org}, formDraft: newDraft(teamDraft{})}
}

// EditTeam edits a team; its handle stays.
func EditTeam(d *common.Data, t *model.Team) *teamForm {
	return &teamForm{formOrg: formOrg{d.Org}, old: t, formDraft: newDraft(teamDraft{Handle: t.ID, Name: common.Clean(t.Name),
		Lead: t.Lead, Parent: t.Parent, Mission: common.CleanBlock(t.Mission)})}
}

func (f *teamForm) title() string {
	if f.old == nil {
		return "New team"
	}
	return "Edit team " + f.old.ID + " · " + f.old.Name
}

func (f *teamForm) handle() string {
	if f.old != nil {
		return f.old.ID
	}
	return strings.TrimSpace(f.draft.Handle)
}

func (f *teamForm) groups(ctx formCtx) []*huh.Group {
	check := ctx.check
	d := &f.draft
	var fields []huh.Field
	if f.old == nil {
		fields = append(fields, describe(ctx, huh.NewInput().Title("Handle").Placeholder("data-platform"), f.handleHelp("the team", &d.Handle)).
			Value(&d.Handle).Validate(both(f.checkHandle, check, "id")))
	}
	fields = append(fields,
		huh.NewInput().Title("Name").Value(&d.Name).Validate(both(required("a name"), check, "name")),
		huh.NewText().Title("Mission").Description("Why the team exists, in a sentence or two.").Lines(3).Value(&d.Mission),
	)
	// A team cannot sit under itself or under a team below it.
	var parents []huh.Option[string]
	for _, o := range teamOptions(f.org, "(top level)") {
		if o.Value == "" || f.old == nil || !f.below(o.Value) {
			parents = append(parents, o)
		}
	}
	place := huh.NewGroup(
		huh.NewSelect[string]().Title("Lead").Description("Acts for the team on hand-offs that name no owner.").
			Height(pickerHeight).Options(withUnknown(personOptions(f.org, "(no lead)", d.Lead), d.Lead)...).
			Value(&d.Lead).Validate(func(string) error { return check("lead") }),
		huh.NewSelect[string]().Title("Part of").Description("/ to filter").Height(pickerHeight).
			Options(withUnknown(parents, d.Parent)...).Value(&d.Parent).
			Validate(func(string) error { return check("parent") }),
	).Title("Where it sits")
	return []*huh.Group{huh.NewGroup(fields...).Title("Team"), place}
}

// below reports whether a team is this one or sits under it.
func (f *teamForm) below(id string) bool {
	next := func(id string) string {
		if t := f.org.Teams[id]; t != nil {
			return t.Parent
		}
		return ""
	}
	return loopThrough(id, f.old.ID, next, len(f.org.Teams)) != nil
}

func (f *teamForm) records() ([]model.Record, error) {
	t, err := f.team()
	if err != nil {
		return nil, err
	}
	return []model.Record{t}, nil
}

func (f *teamForm) team() (*model.Team, error) {
	d, start := f.draft, f.start
	t := &model.Team{ID: f.handle()}
	var old model.Team
	if f.old != nil {
		model.CopyRecord(t, f.old)
		old = *f.old
	} else if err := f.checkHandle(t.ID); err != nil {
		return nil, err
	}
	t.Name, t.Lead, t.Parent = edited(d.Name, start.Name, old.Name), d.Lead, d.Parent
	t.Mission = edited(d.Mission, start.Mission, old.Mission)
	return t, nil
}

func (f *teamForm) edits() ([]model.Edit, string, string, error) {
	t, err := f.team()
	if err != nil {
		return nil, "", "", err
	}
	var old model.Record
	if f.old != nil {
		old = f.old
	}
	return []model.Edit{{Old: old, New: t}}, "", t.ID, nil
}
