package form

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/huh/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
)

// handoffDraft is a hand-off as its form edits it: the deliverables as
// text (see parseDeliverables).
type handoffDraft struct {
	Title, FromTeam, FromOwner, ToTeam, ToOwner string
	Due, Expectations, Deliverables             string
}

// handoffForm creates a hand-off or edits one. The state is not a field:
// a new hand-off is proposed, and a moves it on (handoffActions), because
// each move is made by one side.
type handoffForm struct {
	formOrg
	old *model.Handoff // nil for a new hand-off
	id  string
	formDraft[handoffDraft]
}

// NewHandoff starts a hand-off from my first team, with me as its
// sending owner.
func NewHandoff(d *common.Data) *handoffForm {
	var dr handoffDraft
	if me := d.Org.People[d.Me]; me != nil {
		dr.FromOwner = d.Me
		if len(me.Teams) > 0 {
			dr.FromTeam = me.Teams[0]
		}
	}
	return &handoffForm{formOrg: formOrg{d.Org}, id: model.NewID(model.KindHandoff), formDraft: newDraft(dr)}
}

// EditHandoff edits a hand-off; its deliverables keep their IDs as
// long as their titles do.
func EditHandoff(d *common.Data, h *model.Handoff) *handoffForm {
	dr := handoffDraft{Title: common.Clean(h.Title), FromTeam: h.From.Team, FromOwner: h.From.Owner,
		ToTeam: h.To.Team, ToOwner: h.To.Owner, Due: h.Due, Expectations: common.CleanBlock(h.Expectations),
		Deliverables: formatDeliverables(h.Deliverables)}
	return &handoffForm{formOrg: formOrg{d.Org}, old: h, id: h.ID, formDraft: newDraft(dr)}
}

func (f *handoffForm) title() string {
	if f.old == nil {
		return "New hand-off"
	}
	return "Edit " + f.id + " · " + f.old.Title
}

// deliverablesHelp documents the layout of the deliverables field.
const deliverablesHelp = `One per line, with its acceptance criteria indented below it ("  - parses 1 GB in a minute"). alt+enter: new line.`

func (f *handoffForm) groups(ctx formCtx) []*huh.Group {
	check := ctx.check
	d := &f.draft
	o := f.org
	team := func(title, field string, v *string) *huh.Select[string] {
		// A team handing over to itself is said at once; a team not
		// chosen yet only when the field is left.
		sameTeam := func() error {
			if d.FromTeam != "" && d.FromTeam == d.ToTeam {
				return check("to")
			}
			return nil
		}
		return describe(ctx, huh.NewSelect[string]().Title(title).Height(pickerHeight), withProblem("/ to filter", sameTeam)).
			Options(withUnknown(teamOptions(o, "(choose a team)"), *v)...).Value(v).
			Validate(func(string) error { return check(field) })
	}
	owner := func(title, side string, team, v *string) *huh.Select[string] {
		return describe(ctx, huh.NewSelect[string]().Title(title), func() string { return ownerHelp(f.org, side, *team) }).Height(pickerHeight).
			Options(withUnknown(personOptions(o, "(the team's lead)", *v), *v)...).Value(v)
	}
	from := huh.NewGroup(
		huh.NewInput().Title("Title").Value(&d.Title).Validate(both(required("a title"), check, "title")),
		team("From team", "from", &d.FromTeam),
		owner("From owner", "sending", &d.FromTeam, &d.FromOwner),
	).Title("Hand-off: who hands over")
	to := huh.NewGroup(
		team("To team", "to", &d.ToTeam),
		owner("To owner", "receiving", &d.ToTeam, &d.ToOwner),
		huh.NewInput().Title("Due").Placeholder("YYYY-MM-DD").Value(&d.Due).Validate(both(validDate, check, "due")),
	).Title("Who receives it, and by when")
	what := huh.NewGroup(
		huh.NewText().Title("Expectations").Description("What the receiving team can count on.").Lines(2).
			Value(&d.Expectations),
		huh.NewText().Title("Deliverables").Description(deliverablesHelp).Lines(6).Value(&d.Deliverables).
			Validate(func(s string) error {
				if _, err := parseDeliverables(s, f.oldDeliverables()); err != nil {
					return err
				}
				return check("deliverables")
			}),
	).Title("What is handed over")
	return []*huh.Group{from, to, what}
}

// ownerHelp says who acts for a side that names no owner.
func ownerHelp(o *model.Org, side, team string) string {
	t := o.Teams[team]
	if t == nil || t.Lead == "" {
		return "Who acts for the " + side + " side."
	}
	lead := common.Clean(t.Lead)
	if p := o.People[t.Lead]; p != nil {
		lead = common.Clean(p.Name)
	}
	return fmt.Sprintf("Who acts for the %s side; with none, %s, lead of %s.", side, lead, common.Clean(t.Name))
}

func (f *handoffForm) oldDeliverables() []model.Deliverable {
	if f.old == nil {
		return nil
	}
	return f.old.Deliverables
}

func (f *handoffForm) records() ([]model.Record, error) {
	h, err := f.handoff()
	if err != nil {
		return nil, err
	}
	return []model.Record{h}, nil
}

// handoff is the draft as a hand-off: the old one with the form's fields
// set; a new one is proposed.
func (f *handoffForm) handoff() (*model.Handoff, error) {
	d, start := f.draft, f.start
	h := &model.Handoff{ID: f.id, State: "proposed"}
	var old model.Handoff
	if f.old != nil {
		model.CopyRecord(h, f.old)
		old = *f.old
	}
	if d.Deliverables != start.Deliverables { // else they stay as the file has them
		ds, err := parseDeliverables(d.Deliverables, old.Deliverables)
		if err != nil {
			return nil, err
		}
		h.Deliverables = ds
	}
	h.Title, h.Due = edited(d.Title, start.Title, old.Title), edited(d.Due, start.Due, old.Due)
	h.Expectations = edited(d.Expectations, start.Expectations, old.Expectations)
	h.From = model.Party{Team: d.FromTeam, Owner: d.FromOwner}
	h.To = model.Party{Team: d.ToTeam, Owner: d.ToOwner}
	return h, nil
}

func (f *handoffForm) edits() ([]model.Edit, string, string, error) {
	h, err := f.handoff()
	if err != nil {
		return nil, "", "", err
	}
	var old model.Record
	if f.old != nil {
		old = f.old
	}
	return []model.Edit{{Old: old, New: h}}, "", f.id, nil
}

// ---- Deliverables as text ----
//
// A hand-off's deliverables are edited as text: each unindented line is a
// deliverable's title, and the lines below it that are indented or start
// with "- " its acceptance criteria. A deliverable keeps its ID while its
// title stays the same; a new one gets a short slug of its title.

// formatDeliverables writes deliverables in the layout parseDeliverables
// reads.
func formatDeliverables(ds []model.Deliverable) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(common.Clean(d.Title) + "\n")
		for _, a := range d.Acceptance {
			b.WriteString("  - " + common.Clean(a) + "\n")
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// parseDeliverables reads the deliverables text, giving each deliverable
// the ID of the old one with the same title, or a new slug.
func parseDeliverables(text string, old []model.Deliverable) ([]model.Deliverable, error) {
	var out []model.Deliverable
	for i, line := range strings.Split(text, "\n") {
		// Control characters are not text a title can keep: a line of
		// nothing else is blank.
		item := strings.TrimSpace(common.Clean(line))
		if item == "" {
			continue
		}
		if line[0] == ' ' || line[0] == '\t' || strings.HasPrefix(item, "- ") {
			item = strings.TrimSpace(strings.TrimPrefix(item, "- "))
			if len(out) == 0 {
				return nil, fmt.Errorf("line %d (%s) is an acceptance criterion, but no deliverable comes before it: put the deliverable's title above it, unindented",
					i+1, strconv.Quote(fitText(common.Clean(item), 30)))
			}
			if item != "" {
				last := &out[len(out)-1]
				last.Acceptance = append(last.Acceptance, item)
			}
			continue
		}
		out = append(out, model.Deliverable{Title: item})
	}
	assignDeliverableIDs(out, old)
	return out, nil
}

// assignDeliverableIDs gives each deliverable the ID of an old one with
// the same title (exactly, then ignoring case and spacing), and the rest a
// slug of their title that no other deliverable uses.
func assignDeliverableIDs(ds []model.Deliverable, old []model.Deliverable) {
	used := map[string]bool{}
	taken := make([]bool, len(old))
	for _, same := range []func(a, b string) bool{
		func(a, b string) bool { return a == b },
		func(a, b string) bool { return titleKey(a) == titleKey(b) },
	} {
		for i := range ds {
			if ds[i].ID != "" {
				continue
			}
			for j, o := range old {
				if !taken[j] && o.ID != "" && !used[o.ID] && same(ds[i].Title, o.Title) {
					ds[i].ID, taken[j], used[o.ID] = o.ID, true, true
					break
				}
			}
		}
	}
	for i := range ds {
		if ds[i].ID != "" {
			continue
		}
		base := slug(ds[i].Title)
		id := base
		for n := 2; used[id]; n++ {
			id = base + "-" + strconv.Itoa(n)
		}
		ds[i].ID, used[id] = id, true
	}
}

// titleKey is a title as typed text compares: cleaned, lower-case, single
// spaces.
func titleKey(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(common.Clean(s)), " "))
}

// slugLength bounds a new deliverable ID.
const slugLength = 24

// slug is a short ID made of a title: lower-case ASCII letters and digits
// joined by dashes, cut at a word boundary.
func slug(title string) string {
	var words []string
	var w strings.Builder
	flush := func() {
		if w.Len() > 0 {
			words = append(words, w.String())
			w.Reset()
		}
	}
	for _, r := range strings.ToLower(title) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			w.WriteRune(r)
		} else {
			flush()
		}
	}
	flush()
	out := ""
	for _, word := range words {
		next := word
		if out != "" {
			next = out + "-" + word
		}
		if len(next) > slugLength {
			if out == "" {
				out = word[:slugLength]
			}
			break
		}
		out = next
	}
	if out == "" {
		return "item"
	}
	return out
}
