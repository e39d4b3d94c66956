package form

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"charm.land/huh/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
)

// subjectPickerHeight is the rows of the subject's picker, which has a
// page to itself.
const subjectPickerHeight = 10

// raciDraft is a RACI record as its form edits it. The subject's record is
// kept per kind, so switching the kind back and forth loses no choice.
type raciDraft struct {
	Title, SubjectKind, SubjectName              string
	SubjectDecision, SubjectGoal, SubjectHandoff string
	Accountable                                  string
	Responsible, Consulted, Informed             []string
	Due, State                                   string
}

// raciForm creates a RACI record or edits one. The golden rules (exactly
// one Accountable, a person; someone Responsible; nobody in two of R, C
// and I; the Accountable neither Consulted nor Informed) are the model's,
// checked as each field is left.
type raciForm struct {
	formOrg
	opts model.ValidateOptions
	old  *model.RACI // nil for a new record
	id   string
	// accountableNote says why the Accountable shown is not what the
	// record holds (two of them, or a team), or is "".
	accountableNote string
	// parties are the options of the R, C and I pickers.
	parties []huh.Option[string]
	formDraft[raciDraft]
}

// NewRACI starts a draft RACI record about a deliverable.
func NewRACI(d *common.Data) *raciForm {
	f := &raciForm{formOrg: formOrg{d.Org}, opts: model.ValidateOptions{Today: d.Today}, id: model.NewID(model.KindRACI)}
	f.parties = partyOptions(d.Org, nil)
	f.formDraft = newDraft(raciDraft{SubjectKind: "deliverable", State: "draft",
		Responsible: []string{}, Consulted: []string{}, Informed: []string{}})
	return f
}

// EditRACI edits a RACI record. A record with more than one
// Accountable, or a team as Accountable, opens with the first person
// chosen and a note that saving keeps only that one.
func EditRACI(d *common.Data, r *model.RACI) *raciForm {
	f := &raciForm{formOrg: formOrg{d.Org}, opts: model.ValidateOptions{Today: d.Today}, old: r, id: r.ID}
	keep := slices.Concat(r.Responsible, r.Consulted, r.Informed)
	f.parties = withUnknown(partyOptions(d.Org, keep), keep...)
	dr := raciDraft{Title: common.Clean(r.Title), SubjectKind: r.Subject.Kind, Due: r.Due, State: r.State,
		Responsible: inOptionOrder(r.Responsible, f.parties),
		Consulted:   inOptionOrder(r.Consulted, f.parties),
		Informed:    inOptionOrder(r.Informed, f.parties)}
	switch r.Subject.Kind {
	case string(model.KindDecision):
		dr.SubjectDecision = r.Subject.ID
	case string(model.KindGoal):
		dr.SubjectGoal = r.Subject.ID
	case string(model.KindHandoff):
		dr.SubjectHandoff = r.Subject.ID
	default:
		dr.SubjectName = common.Clean(r.Subject.Name)
	}
	dr.Accountable, f.accountableNote = firstAccountable(d.Org, r.Accountable)
	f.formDraft = newDraft(dr)
	return f
}

// firstAccountable is the person a form shows as Accountable, and a note
// when that is not all the record says.
func firstAccountable(o *model.Org, as model.OneOrMore) (string, string) {
	var all []string
	for _, a := range as {
		if a != "" && !slices.Contains(all, a) {
			all = append(all, a)
		}
	}
	first := ""
	for _, a := range all {
		if o.People[a] != nil {
			first = a
			break
		}
	}
	switch {
	case len(all) > 1:
		return first, fmt.Sprintf("This record names %d Accountables (%s); saving keeps only the one chosen here.",
			len(all), common.Clean(strings.Join(all, ", ")))
	case len(all) == 1 && first == "" && o.Teams[all[0]] != nil:
		return "", fmt.Sprintf("The record names the team %s; choose the one person who answers for the work.", common.Clean(all[0]))
	case len(all) == 1 && first == "":
		return "", fmt.Sprintf("The record names %s, who is not in people/; choose someone who is.", common.Clean(all[0]))
	}
	return first, ""
}

func (f *raciForm) title() string {
	if f.old == nil {
		return "New RACI record"
	}
	return "Edit " + f.id + " · " + f.old.Title
}

func (f *raciForm) groups(ctx formCtx) []*huh.Group {
	check := ctx.check
	d := &f.draft
	o := f.org
	subjectCheck := func(string) error { return check("subject") }
	main := huh.NewGroup(
		huh.NewInput().Title("Title").Value(&d.Title).Validate(both(required("a title"), check, "title")),
		// The kind has no check of its own: the subject it needs is
		// chosen on the next page, and checked there.
		huh.NewSelect[string]().Title("About").Inline(true).
			Options(withUnknown(enumOptions(model.SubjectKinds, ""), d.SubjectKind)...).Value(&d.SubjectKind),
		huh.NewInput().Title("Due").Placeholder("YYYY-MM-DD").Value(&d.Due).Validate(both(validDate, check, "due")),
		huh.NewSelect[string]().Title("State").Description("A retired record is kept for history; the rules no longer apply.").
			Inline(true).Options(withUnknown(enumOptions(model.RACIStates, ""), d.State)...).Value(&d.State).
			Validate(func(string) error { return check("state") }),
	).Title("RACI record").Description("Who is Responsible, Accountable, Consulted and Informed for one thing.")

	deliverable := huh.NewGroup(
		huh.NewInput().Title("Deliverable").Description("What is delivered; left blank, the title names it.").
			Value(&d.SubjectName).Validate(subjectCheck),
	).Title("Subject").WithHideFunc(func() bool { return d.SubjectKind != "deliverable" })
	record := func(k model.Kind, v *string) *huh.Group {
		word := strings.ReplaceAll(string(k), "handoff", "hand-off")
		opts := append([]huh.Option[string]{noneOption("(choose a " + word + ")")}, subjectOptions(o, k)...)
		return huh.NewGroup(
			huh.NewSelect[string]().Title(strings.ToUpper(word[:1]) + word[1:]).Description("/ to filter").
				Height(subjectPickerHeight).Options(withUnknown(opts, *v)...).Value(v).Validate(subjectCheck),
		).Title("Subject").WithHideFunc(func() bool { return d.SubjectKind != string(k) })
	}

	roles := huh.NewGroup(
		describe(ctx, huh.NewSelect[string]().Title("Accountable"), f.accountableHelp).Height(pickerHeight+2).
			Options(personOptions(o, "(choose one person)", d.Accountable)...).Value(&d.Accountable).
			Validate(func(string) error { return check("accountable") }),
		f.rolePicker("Responsible", "responsible", &d.Responsible, ctx),
	).Title("Who answers for it, and who does the work")
	loop := huh.NewGroup(
		f.rolePicker("Consulted", "consulted", &d.Consulted, ctx),
		f.rolePicker("Informed", "informed", &d.Informed, ctx),
	).Title("Who is kept in the loop")
	return []*huh.Group{main, deliverable,
		record(model.KindDecision, &d.SubjectDecision), record(model.KindGoal, &d.SubjectGoal),
		record(model.KindHandoff, &d.SubjectHandoff), roles, loop}
}

// accountableHelp is the Accountable field's description: the rule, what
// saving does to a record that broke it, and a role conflict of the one
// chosen (also Consulted or Informed), which the model reports on the
// other list.
func (f *raciForm) accountableHelp() string {
	help := "Exactly one person answers for it. / to filter"
	if f.accountableNote != "" {
		help = f.accountableNote
	}
	if err := f.conflict([]string{f.draft.Accountable}); err != nil {
		help += "\n✗ " + err.Error()
	}
	return help
}

// rolePicker is the multi-select of the people and teams in one role.
// Its description shows what is picked and, as soon as there is one, a
// role conflict of anyone picked, whichever list the model reports it on.
// Leaving the field checks the model's rules on it: the model reports a
// conflict on the last list the person is in, so going forward through
// the lists leads to the one where the conflict must be settled, and an
// earlier list never traps the cursor before it gets there.
func (f *raciForm) rolePicker(title, field string, v *[]string, ctx formCtx) *huh.MultiSelect[string] {
	check := ctx.check
	return describe(ctx, huh.NewMultiSelect[string]().Title(title), func() string { return f.roleHelp(field, *v) }).
		// Each picker its own copy: a multi-select marks its choices in
		// the options slice it is given.
		Height(rolePickerHeight).Value(v).Options(slices.Clone(f.parties)...).
		Validate(func([]string) error { return check(field) })
}

// rolePickerHeight leaves a role's picker room for a conflict's reason
// (three lines at 80 columns) above a few options.
const rolePickerHeight = 8

func (f *raciForm) roleHelp(field string, members []string) string {
	help := "x picks, / filters · " + picked(members)
	if field == "responsible" && len(members) == 0 {
		help = "x picks, / filters · at least one person or team must do the work"
	}
	if err := f.conflict(members); err != nil {
		help += "\n✗ " + err.Error()
	}
	return help
}

// conflict is the model's finding about a role conflict of one of
// members, or nil, whichever list the model reports it on.
func (f *raciForm) conflict(members []string) error {
	r, err := f.raci()
	if err != nil {
		return nil
	}
	for _, fd := range model.EditErrors(f.org, f.opts, r) {
		if fd.Rule != "raci.role-conflict" {
			continue
		}
		// The message starts with whom it is about: "grace is Responsible
		// and Consulted; …". Members are handles, so the prefix is exact.
		for _, p := range members {
			if p != "" && strings.HasPrefix(fd.Message, p+" is ") {
				return errors.New(common.Clean(fd.Message))
			}
		}
	}
	return nil
}

// subjectOptions lists the records of a kind by ID and title, short
// enough for one line at 80 columns.
func subjectOptions(o *model.Org, k model.Kind) []huh.Option[string] {
	var out []huh.Option[string]
	for _, id := range o.IDs(k) {
		r, _ := o.Get(id)
		out = append(out, huh.NewOption(common.Clean(id)+" · "+fitText(common.Clean(r.RecordTitle()), 56), id))
	}
	return out
}

func (f *raciForm) records() ([]model.Record, error) {
	r, err := f.raci()
	if err != nil {
		return nil, err
	}
	return []model.Record{r}, nil
}

// raci is the draft as a RACI record: the old one with the form's fields
// set, lists in the order the record had them.
func (f *raciForm) raci() (*model.RACI, error) {
	d, start := f.draft, f.start
	r := &model.RACI{ID: f.id}
	var old model.RACI
	if f.old != nil {
		model.CopyRecord(r, f.old)
		old = *f.old
	}
	r.Title, r.Due, r.State = edited(d.Title, start.Title, old.Title), edited(d.Due, start.Due, old.Due), d.State
	r.Subject = model.Subject{Kind: d.SubjectKind}
	switch d.SubjectKind {
	case string(model.KindDecision):
		r.Subject.ID = d.SubjectDecision
	case string(model.KindGoal):
		r.Subject.ID = d.SubjectGoal
	case string(model.KindHandoff):
		r.Subject.ID = d.SubjectHandoff
	case "deliverable":
		r.Subject.Name = edited(d.SubjectName, start.SubjectName, old.Subject.Name)
		if r.Subject.Name == "" {
			r.Subject.Name = r.Title
		}
	default: // a kind that is not one: keep what the record had
		r.Subject.Name, r.Subject.ID = old.Subject.Name, old.Subject.ID
	}
	r.Accountable = nil
	if d.Accountable != "" {
		r.Accountable = model.OneOrMore{d.Accountable}
	}
	r.Responsible = keepOrder(old.Responsible, d.Responsible)
	r.Consulted = keepOrder(old.Consulted, d.Consulted)
	r.Informed = keepOrder(old.Informed, d.Informed)
	return r, nil
}

func (f *raciForm) edits() ([]model.Edit, string, string, error) {
	r, err := f.raci()
	if err != nil {
		return nil, "", "", err
	}
	var old model.Record
	if f.old != nil {
		old = f.old
	}
	return []model.Edit{{Old: old, New: r}}, "", f.id, nil
}
