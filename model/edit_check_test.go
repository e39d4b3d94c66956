package model_test

// Tests of Org.With, ValidateRecords, EditErrors and the decision and
// hand-off steps, on the demo organisation and on random edits. The file is
// long (about 700 lines) because each step of each lifecycle has its case.

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/demo"
)

// synthetic replays demo.Synthetic's single commit into memory.
func synthetic(tb testing.TB, records int) *model.Org {
	tb.Helper()
	o, err := demo.Replay(demo.Synthetic(records, 1, 1, reportToday))
	if err != nil {
		tb.Fatal(err)
	}
	return o
}

// copyOf returns a shallow copy of a record, to edit without touching the org.
func copyOf[R model.Record](r R) R {
	c := model.NewRecord(r.RecordKind())
	model.CopyRecord(c, r)
	return c.(R)
}

// allIDs lists every record's ID, sorted, each once.
func allIDs(o *model.Org) []string {
	var ids []string
	for _, k := range model.Kinds {
		ids = append(ids, o.IDs(k)...)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// brokenNorthwind is Northwind with one of everything the organisation-wide
// rules look for: loops of each kind (one reached by a tail of links, one
// written on both sides), overload, unreadable files, a handle clash, and a
// base revision with an edited, a deleted and a badly moved record.
func brokenNorthwind(t *testing.T) (*model.Org, model.ValidateOptions) {
	o := northwind(t)
	goals, people, teams, decisions := o.IDs(model.KindGoal), o.IDs(model.KindPerson), o.IDs(model.KindTeam), o.IDs(model.KindDecision)
	updates := o.IDs(model.KindUpdate)

	// Goals: a loop of three entered at its largest ID, and a tail into it.
	o.Goals[goals[5]].Parent = goals[9]
	o.Goals[goals[9]].Parent = goals[7]
	o.Goals[goals[7]].Parent = goals[5]
	o.Goals[goals[3]].Parent = goals[9]
	// Teams and managers: loops of two.
	o.Teams[teams[1]].Parent = teams[2]
	o.Teams[teams[2]].Parent = teams[1]
	o.People[people[4]].Manager = people[6]
	o.People[people[6]].Manager = people[4]
	// Decisions: a loop written on both sides, and one on superseded_by only.
	d := decisions
	o.Decisions[d[1]].Supersedes, o.Decisions[d[2]].Supersedes = d[2], d[1]
	o.Decisions[d[1]].SupersededBy, o.Decisions[d[2]].SupersededBy = d[2], d[1]
	o.Decisions[d[5]].SupersededBy, o.Decisions[d[4]].SupersededBy, o.Decisions[d[6]].SupersededBy = d[4], d[6], d[5]
	// A team with a person's handle, itself in a loop with another team.
	clash := people[0]
	o.Add(&model.Team{ID: clash, Name: "Clash", Parent: teams[0], Lead: people[1]}, &model.Source{Path: "teams/" + clash + ".yaml"})
	o.Teams[teams[0]].Parent = clash
	// Several people over a limit of two.
	o.Config.Limits.MaxAccountable = 2
	// Files that could not be read, one about a record that was read.
	o.Problems = append(o.Problems,
		model.Finding{Rule: "yaml.syntax", Severity: model.SeverityError, File: "goals/ZZ/GOAL-ZZZZZZZZ.yaml", Line: 3, ID: "GOAL-ZZZZZZZZ", Message: "bad"},
		model.Finding{Rule: "id.duplicate", Severity: model.SeverityError, File: "goals/XX/x.yaml", ID: goals[2], Message: "twice"})
	o.Index()

	edited := copyOf(o.Updates[updates[0]])
	edited.Summary = "What it said before"
	moved := copyOf(o.Decisions[d[0]])
	moved.Status = model.DecisionDraft
	base := map[string]model.Record{
		updates[0]:      edited,
		"UPD-G0NE0001":  &model.Update{ID: "UPD-G0NE0001", Target: goals[0], Summary: "gone"},
		d[0]:            moved,
		"GOAL-NEW00001": nil, // new since the base revision
	}
	return o, model.ValidateOptions{Today: reportToday, Base: base}
}

// byID groups findings by record ID, keeping their order.
func byID(fs []model.Finding) map[string][]model.Finding {
	out := map[string][]model.Finding{}
	for _, f := range fs {
		out[f.ID] = append(out[f.ID], f)
	}
	return out
}

// TestValidateRecordsMatchesValidate checks the property the forms rely on:
// for every record, and for sets of records, ValidateRecords says exactly
// what Validate says about them.
func TestValidateRecordsMatchesValidate(t *testing.T) {
	t.Parallel()
	broken, brokenOpts := brokenNorthwind(t)
	for _, tc := range []struct {
		name string
		o    *model.Org
		opts model.ValidateOptions
	}{
		{"northwind", northwind(t), model.ValidateOptions{Today: reportToday}},
		{"northwind without a date", northwind(t), model.ValidateOptions{}},
		{"broken northwind", broken, brokenOpts},
		{"synthetic", synthetic(t, 3000), model.ValidateOptions{Today: reportToday}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			full := model.Validate(tc.o, tc.opts)
			if len(full) == 0 {
				t.Fatal("the organisation has no findings; the test would prove little")
			}
			want := byID(full)
			ids := allIDs(tc.o)
			for _, f := range full {
				ids = append(ids, f.ID) // deleted check-ins, unreadable files
			}
			ids = append(ids, "nobody", "GOAL-NEW00001")
			slices.Sort(ids)
			ids = slices.Compact(ids)
			rules := map[string]bool{}
			for _, id := range ids {
				got := model.ValidateRecords(tc.o, tc.opts, id)
				if !slices.Equal(got, want[id]) {
					t.Fatalf("ValidateRecords(%s):\n%s\nValidate about it:\n%s", id, show(got), show(want[id]))
				}
				for _, f := range got {
					rules[f.Rule] = true
				}
			}
			if tc.name == "broken northwind" {
				for _, rule := range []string{"goal.cycle", "team.cycle", "person.cycle", "decision.cycle", "raci.overload",
					"update.deleted", "update.edited", "decision.transition", "id.handle-clash", "yaml.syntax", "id.duplicate"} {
					if !rules[rule] {
						t.Errorf("no record has a %s finding; the test does not cover it", rule)
					}
				}
			}

			// Sets of records: the findings about any of them, in Validate's order.
			rng := rand.New(rand.NewPCG(1, 2))
			for range 50 {
				set := make([]string, 1+rng.IntN(12))
				for i := range set {
					set[i] = ids[rng.IntN(len(ids))]
				}
				var wantSet []model.Finding
				for _, f := range full {
					if slices.Contains(set, f.ID) {
						wantSet = append(wantSet, f)
					}
				}
				if got := model.ValidateRecords(tc.o, tc.opts, set...); !slices.Equal(got, wantSet) {
					t.Fatalf("ValidateRecords(%v):\n%s\nValidate about them:\n%s", set, show(got), show(wantSet))
				}
			}
			if got := model.ValidateRecords(tc.o, tc.opts, ids...); !slices.Equal(got, full) {
				t.Fatalf("ValidateRecords on every ID differs from Validate:\n%s\nwant\n%s", show(got), show(full))
			}
		})
	}
}

func show(fs []model.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "  %s %s [%s] (field %q)\n", f.ID, f.Message, f.Rule, f.Field)
	}
	if b.Len() == 0 {
		return "  (none)\n"
	}
	return b.String()
}

// sameIndexes checks that a's queries answer as b's do, for every record.
func sameIndexes(t *testing.T, a, b *model.Org) {
	t.Helper()
	for _, id := range allIDs(b) {
		if !slices.Equal(a.Children(id), b.Children(id)) {
			t.Errorf("Children(%s) = %v, want %v", id, a.Children(id), b.Children(id))
		}
		if !slices.Equal(a.UpdatesOf(id), b.UpdatesOf(id)) {
			t.Errorf("UpdatesOf(%s) differs", id)
		}
		for _, prefix := range []string{id, strings.ToLower(id), id[:min(len(id), 6)]} {
			ra, ea := a.Resolve(prefix)
			rb, eb := b.Resolve(prefix)
			if ra != rb || fmt.Sprint(ea) != fmt.Sprint(eb) {
				t.Errorf("Resolve(%q) = %v, %v; want %v, %v", prefix, ra, ea, rb, eb)
			}
		}
	}
	for _, p := range b.People {
		for _, e := range p.Emails {
			ga, oka := a.PersonByEmail(e)
			gb, okb := b.PersonByEmail(e)
			if ga != gb || oka != okb {
				t.Errorf("PersonByEmail(%s) = %s, want %s", e, ga, gb)
			}
		}
	}
}

// rebuilt is the organisation loaded afresh with o's records and indexed.
func rebuilt(o *model.Org) *model.Org {
	n := model.NewOrg()
	n.Config, n.Problems = o.Config, o.Problems
	for _, id := range allIDs(o) {
		for _, k := range model.Kinds {
			if r, ok := recordOf(o, k, id); ok {
				n.Add(r, o.Sources[id])
			}
		}
	}
	n.Index()
	return n
}

func recordOf(o *model.Org, k model.Kind, id string) (model.Record, bool) {
	var r model.Record
	var ok bool
	switch k {
	case model.KindGoal:
		r, ok = o.Goals[id]
	case model.KindUpdate:
		r, ok = o.Updates[id]
	case model.KindDecision:
		r, ok = o.Decisions[id]
	case model.KindRACI:
		r, ok = o.RACIs[id]
	case model.KindHandoff:
		r, ok = o.Handoffs[id]
	case model.KindAnswer:
		r, ok = o.Answers[id]
	case model.KindPulse:
		r, ok = o.Pulses[id]
	case model.KindRetro:
		r, ok = o.Retros[id]
	case model.KindPerson:
		r, ok = o.People[id]
	case model.KindTeam:
		r, ok = o.Teams[id]
	}
	return r, ok
}

// Org.With on every kind of edit, each case checked inline; gocyclo counts
// the checks.
func TestWith(t *testing.T) {
	t.Parallel()
	o := northwind(t)
	opts := model.ValidateOptions{Today: reportToday}
	before := model.Validate(o, opts)
	goals, updates, people := o.IDs(model.KindGoal), o.IDs(model.KindUpdate), o.IDs(model.KindPerson)

	// A goal moved under another parent, a new goal, a check-in moved to
	// another goal and date, a new check-in, people with changed and new
	// e-mails, and a new team.
	moved := copyOf(o.Goals[goals[8]])
	oldParent := moved.Parent
	moved.Parent = goals[1]
	newGoal := &model.Goal{ID: "GOAL-NEW00001", Title: "New", Level: model.LevelObjective, Parent: goals[1], State: "draft"}
	checkin := copyOf(o.Updates[updates[3]])
	oldTarget := checkin.Target
	checkin.Target, checkin.Date = goals[1], "2026-01-02"
	newCheckin := &model.Update{ID: "UPD-NEW00001", Target: goals[1], Author: people[0], Date: "2026-11-22", Health: model.HealthOnTrack, Summary: "Fine"}
	person := copyOf(o.People[people[2]])
	oldEmails := person.Emails
	person.Emails = []string{"someone.else@example.com"}
	newPerson := &model.Person{ID: "newbie", Name: "New Bie", Emails: []string{"NewBie@Example.com"}}
	team := &model.Team{ID: "newteam", Name: "New team", Lead: "newbie"}

	n := o.With(moved, newGoal, checkin, newCheckin, person, newPerson, team)

	if got := model.Validate(o, opts); !slices.Equal(got, before) {
		t.Error("With changed the organisation it was called on: its findings differ")
	}
	if o.Goals[goals[8]].Parent != oldParent || o.Goals["GOAL-NEW00001"] != nil || o.People["newbie"] != nil ||
		o.Updates[updates[3]].Target != oldTarget || o.Sources["newteam"] != nil {
		t.Error("With changed the organisation it was called on")
	}
	if slices.Contains(o.Children(goals[1]), goals[8]) || !slices.Contains(o.Children(oldParent), goals[8]) {
		t.Errorf("With changed the original's children of %s", goals[1])
	}
	if _, ok := o.PersonByEmail("newbie@example.com"); ok {
		t.Error("With changed the original's e-mail index")
	}
	if id, ok := o.PersonByEmail(oldEmails[0]); !ok || id != people[2] {
		t.Error("With changed the original's e-mail index")
	}

	if n.Goals[goals[8]] != moved || n.People["newbie"] != newPerson || n.Teams["newteam"] != team {
		t.Error("the copy does not hold the records it was given")
	}
	if n.Len() != o.Len()+4 {
		t.Errorf("the copy has %d records, want %d", n.Len(), o.Len()+4)
	}
	if src := n.Sources["newteam"]; src == nil || src.Path != "teams/newteam.yaml" {
		t.Errorf("a new record's Source = %+v, want its path", src)
	}
	if src := n.Sources["UPD-NEW00001"]; src == nil || !strings.HasPrefix(src.Path, "updates/") {
		t.Errorf("a new check-in's Source = %+v, want its path", src)
	}
	if n.Sources[goals[8]] != o.Sources[goals[8]] {
		t.Error("a replaced record lost its Source")
	}
	if !slices.Contains(n.Children(goals[1]), goals[8]) || slices.Contains(n.Children(oldParent), goals[8]) {
		t.Errorf("the copy's Children(%s) = %v", goals[1], n.Children(goals[1]))
	}
	if got := n.LatestUpdate(goals[1]); got != newCheckin {
		t.Errorf("the copy's latest check-in on %s = %v, want the new one", goals[1], got)
	}
	if id, _ := n.PersonByEmail("newbie@example.com"); id != "newbie" {
		t.Error("the copy does not find the new person by e-mail")
	}
	if r, err := n.Resolve("newt"); err != nil || r != team {
		t.Errorf("the copy resolves newt to %v, %v", r, err)
	}
	sameIndexes(t, n, rebuilt(n))
	if got, want := model.Validate(n, opts), model.Validate(rebuilt(n), opts); !slices.Equal(got, want) {
		t.Errorf("validating the copy differs from validating it loaded afresh:\n%s\nwant\n%s", show(got), show(want))
	}

	// An organisation that was never indexed comes back indexed.
	raw := model.NewOrg()
	raw.Add(&model.Goal{ID: goals[0], Title: "Parent", Level: model.LevelMission, State: "active"}, nil)
	w := raw.With(&model.Goal{ID: goals[1], Title: "Child", Level: model.LevelStrategic, Parent: goals[0], State: "active"})
	if !slices.Equal(w.Children(goals[0]), []string{goals[1]}) {
		t.Errorf("With on an organisation never indexed: Children = %v", w.Children(goals[0]))
	}
}

func TestEditErrors(t *testing.T) {
	t.Parallel()
	o := northwind(t)
	opts := model.ValidateOptions{Today: reportToday}
	before := model.Validate(o, opts)
	errorsOf := func(id string) []model.Finding {
		var out []model.Finding
		for _, f := range before {
			if f.ID == id && f.Severity == model.SeverityError {
				out = append(out, f)
			}
		}
		return out
	}
	// A RACI item Northwind leaves broken on purpose.
	var brokenRACI *model.RACI
	for _, id := range o.IDs(model.KindRACI) {
		if len(errorsOf(id)) > 0 {
			brokenRACI = o.RACIs[id]
			break
		}
	}
	if brokenRACI == nil {
		t.Fatal("Northwind has no broken RACI item")
	}
	var accepted, proposed *model.Decision
	for _, id := range o.IDs(model.KindDecision) {
		d := o.Decisions[id]
		switch {
		case d.Status == model.DecisionAccepted && d.SupersededBy == "" && accepted == nil && len(errorsOf(id)) == 0:
			accepted = d
		case d.Status == model.DecisionProposed && d.Supersedes == "" && proposed == nil && len(errorsOf(id)) == 0:
			proposed = d
		}
	}

	retitled := copyOf(brokenRACI)
	retitled.Title = "A better title"
	badRef := copyOf(brokenRACI)
	badRef.Informed = append(slices.Clone(badRef.Informed), "nobody-here")
	fixed := copyOf(brokenRACI)
	fixed.Accountable, fixed.Responsible = model.OneOrMore{"mei"}, []string{"raj"}
	fixed.Consulted, fixed.Informed = nil, nil
	untitled := &model.Goal{ID: "GOAL-NEW00001", Level: model.LevelObjective, State: "draft"}
	oldSide, newSide := copyOf(accepted), copyOf(proposed)
	if err := model.Supersede(oldSide, newSide); err != nil {
		t.Fatal(err)
	}
	early := copyOf(accepted) // superseded while its successor is only proposed
	early.Status, early.SupersededBy = model.DecisionSuperseded, newSide.ID

	for _, tc := range []struct {
		name string
		recs []model.Record
		want []string // rule: message excerpt
	}{
		{"a broken record keeps its old errors while another field is fixed", []model.Record{retitled}, nil},
		{"a broken record gains a new error", []model.Record{badRef}, []string{"ref.unknown: informed names nobody-here"}},
		{"a broken record is fixed", []model.Record{fixed}, nil},
		{"a new record without a title", []model.Record{untitled}, []string{"schema.required: title is missing"}},
		{"a proposed successor leaves the decision it replaces as it is", []model.Record{oldSide, newSide}, nil},
		{"one side of a supersession alone", []model.Record{early}, []string{"decision.supersede-link: superseded_by names " + newSide.ID}},
		{"superseded before its successor is accepted", []model.Record{early, newSide}, []string{"decision.superseded-early: superseded by " + newSide.ID}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := model.EditErrors(o, opts, tc.recs...)
			if len(got) != len(tc.want) {
				t.Fatalf("EditErrors:\n%s\nwant %v", show(got), tc.want)
			}
			for i, f := range got {
				rule, says, _ := strings.Cut(tc.want[i], ": ")
				if f.Rule != rule || !strings.Contains(f.Message, says) || f.Severity != model.SeverityError {
					t.Errorf("error %d: %s [%s], want [%s] saying %q", i, f.Message, f.Rule, rule, says)
				}
			}
		})
	}
	if after := model.Validate(o, opts); !slices.Equal(after, before) {
		t.Error("EditErrors changed the organisation")
	}
}

func TestFieldErrors(t *testing.T) {
	t.Parallel()
	o := northwind(t)
	g := copyOf(o.Goals[o.IDs(model.KindGoal)[0]])
	g.Title = ""
	g.Metric = &model.Metric{Unit: "%", Baseline: 1, Target: 2, Direction: "up"}
	fs := model.ValidateRecords(o.With(g), model.ValidateOptions{Today: reportToday}, g.ID)
	fs = append(fs, model.Finding{Rule: "yaml.syntax", ID: g.ID, Message: "unreadable"},
		model.Finding{Rule: "x", ID: g.ID, Field: "options[2].id", Message: "an item of a list"})
	for _, tc := range []struct {
		field string
		want  []string // the findings' full Field
	}{
		{"title", []string{"title"}},
		{"metric", []string{"metric.direction"}},
		{"options", []string{"options[2].id"}},
		{"", []string{""}},
		{"owner", nil},
	} {
		var got []string
		for _, f := range model.FieldErrors(fs, tc.field) {
			got = append(got, f.Field)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("FieldErrors(%q) names fields %q, want %q\nof\n%s", tc.field, got, tc.want, show(fs))
		}
	}
}

func TestSupersede(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		old, succ model.Decision
		want      string // error excerpt; "" for success
	}{
		{"accepted", model.Decision{ID: "DEC-A", Status: model.DecisionAccepted}, model.Decision{ID: "DEC-B", Status: model.DecisionProposed}, ""},
		{"deprecated", model.Decision{ID: "DEC-A", Status: model.DecisionDeprecated}, model.Decision{ID: "DEC-B", Status: model.DecisionAccepted}, ""},
		{"again by the same", model.Decision{ID: "DEC-A", Status: model.DecisionSuperseded, SupersededBy: "DEC-B"},
			model.Decision{ID: "DEC-B", Status: model.DecisionAccepted, Supersedes: "DEC-A"}, ""},
		{"draft", model.Decision{ID: "DEC-A", Status: model.DecisionDraft}, model.Decision{ID: "DEC-B"},
			"a draft decision cannot become superseded; it can only become proposed or rejected"},
		{"proposed", model.Decision{ID: "DEC-A", Status: model.DecisionProposed}, model.Decision{ID: "DEC-B"},
			"a proposed decision cannot become superseded; it can only become accepted, rejected or draft"},
		{"rejected", model.Decision{ID: "DEC-A", Status: model.DecisionRejected}, model.Decision{ID: "DEC-B"},
			"a rejected decision cannot become superseded"},
		{"already superseded by another", model.Decision{ID: "DEC-A", Status: model.DecisionSuperseded, SupersededBy: "DEC-C"},
			model.Decision{ID: "DEC-B"}, "DEC-A is already superseded by DEC-C"},
		{"successor replaces another", model.Decision{ID: "DEC-A", Status: model.DecisionAccepted},
			model.Decision{ID: "DEC-B", Supersedes: "DEC-C"}, "DEC-B already supersedes DEC-C"},
		{"itself", model.Decision{ID: "DEC-A", Status: model.DecisionAccepted}, model.Decision{ID: "DEC-A", Status: model.DecisionAccepted},
			"cannot supersede itself"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old, succ := tc.old, tc.succ
			err := model.Supersede(&old, &succ)
			if tc.want != "" {
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("Supersede = %v, want an error saying %q", err, tc.want)
				}
				if !equalDecisions(old, tc.old) || !equalDecisions(succ, tc.succ) {
					t.Error("a refused Supersede changed the decisions")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if succ.Supersedes != old.ID || succ.Status != tc.succ.Status {
				t.Errorf("after Supersede: successor supersedes %q (%s)", succ.Supersedes, succ.Status)
			}
			// The old decision flips only once its successor is accepted.
			if flipped := old.Status == model.DecisionSuperseded && old.SupersededBy == succ.ID; flipped != (succ.Status == model.DecisionAccepted) {
				t.Errorf("after Supersede with a successor %s: old is %s, superseded_by %q", succ.Status, old.Status, old.SupersededBy)
			}
		})
	}
}

func equalDecisions(a, b model.Decision) bool {
	return a.Status == b.Status && a.Supersedes == b.Supersedes && a.SupersededBy == b.SupersededBy
}

func TestDecisionMoves(t *testing.T) {
	t.Parallel()
	options := []model.Option{{ID: "a", Title: "A"}, {ID: "b", Title: "B"}}
	for _, tc := range []struct {
		status  string
		options []model.Option
		want    string // To:Label, "!" for refused
	}{
		{model.DecisionDraft, nil, "proposed:Propose rejected:Reject"},
		{model.DecisionProposed, options, "accepted:Accept rejected:Reject draft:Back to draft"},
		{model.DecisionProposed, nil, "accepted:Accept! rejected:Reject draft:Back to draft"},
		{model.DecisionAccepted, options, "deprecated:Deprecate superseded:Supersede"},
		{model.DecisionRejected, nil, "draft:Back to draft proposed:Propose"},
		{model.DecisionDeprecated, options, "superseded:Supersede"},
		{model.DecisionSuperseded, options, ""},
		{"decided", options, ""},
	} {
		// Neither an approver nor a chosen option is asked for: the accept form does that.
		var got []string
		for _, m := range model.DecisionMoves(&model.Decision{Status: tc.status, Options: tc.options}) {
			s := m.To + ":" + m.Label
			if !m.Allowed {
				s += "!"
				if m.Reason != "add the options considered first" {
					t.Errorf("%s: %s refused with %q", tc.status, m.Label, m.Reason)
				}
			}
			got = append(got, s)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("DecisionMoves(%s, %d options) = %q, want %q", tc.status, len(tc.options), strings.Join(got, " "), tc.want)
		}
	}
}

// handoffOrg has a sending team platform led by ana and a receiving team
// onboarding led by raj, with mei and tom as the hand-off's owners.
func handoffOrg() *model.Org {
	o := model.NewOrg()
	for _, p := range []string{"ana", "raj", "mei", "tom", "kim"} {
		o.Add(&model.Person{ID: p, Name: p}, nil)
	}
	o.Add(&model.Team{ID: "platform", Name: "Platform", Lead: "ana"}, nil)
	o.Add(&model.Team{ID: "onboarding", Name: "Onboarding", Lead: "raj"}, nil)
	o.Add(&model.Team{ID: "leaderless", Name: "No lead"}, nil)
	o.Index()
	return o
}

func TestCheckHandoffMove(t *testing.T) {
	t.Parallel()
	o := handoffOrg()
	owned := model.Handoff{ID: "HO-1", From: model.Party{Team: "platform", Owner: "tom"}, To: model.Party{Team: "onboarding", Owner: "mei"}}
	teams := model.Handoff{ID: "HO-2", From: model.Party{Team: "platform"}, To: model.Party{Team: "onboarding"}}
	leaderless := model.Handoff{ID: "HO-3", From: model.Party{Team: "leaderless"}, To: model.Party{Team: "ghosts"}}
	for _, tc := range []struct {
		h             model.Handoff
		from, to, who string
		want          string // error excerpt; "" when allowed
	}{
		// Every move, by the side that makes it: the owner, or without one the team's lead.
		{owned, "proposed", "accepted", "mei", ""},
		{teams, "proposed", "accepted", "raj", ""},
		{owned, "proposed", "rejected", "mei", ""},
		{teams, "proposed", "rejected", "raj", ""},
		{owned, "accepted", "in_progress", "tom", ""},
		{teams, "accepted", "in_progress", "ana", ""},
		{owned, "accepted", "delivered", "tom", ""},
		{teams, "accepted", "delivered", "ana", ""},
		{owned, "in_progress", "delivered", "tom", ""},
		{teams, "in_progress", "delivered", "ana", ""},
		{owned, "delivered", "received", "mei", ""},
		{teams, "delivered", "received", "raj", ""},
		{owned, "delivered", "in_progress", "mei", ""},
		{teams, "delivered", "in_progress", "raj", ""},
		{owned, "rejected", "proposed", "tom", ""},
		{teams, "rejected", "proposed", "ana", ""},

		// The same moves by the other side, or by a lead when there is an owner.
		{owned, "proposed", "accepted", "tom", "only mei, the receiving owner, can accept this hand-off"},
		{owned, "proposed", "accepted", "raj", "only mei, the receiving owner, can accept this hand-off"},
		{teams, "proposed", "accepted", "ana", "only raj, lead of the receiving team onboarding, can accept this hand-off"},
		{owned, "proposed", "rejected", "kim", "only mei, the receiving owner, can reject this hand-off"},
		{teams, "proposed", "rejected", "kim", "only raj, lead of the receiving team onboarding, can reject this hand-off"},
		{owned, "accepted", "in_progress", "mei", "only tom, the sending owner, can start work on this hand-off"},
		{owned, "accepted", "in_progress", "ana", "only tom, the sending owner, can start work on this hand-off"},
		{teams, "accepted", "in_progress", "raj", "only ana, lead of the sending team platform, can start work on this hand-off"},
		{owned, "accepted", "delivered", "mei", "only tom, the sending owner, can mark this hand-off delivered"},
		{teams, "in_progress", "delivered", "raj", "only ana, lead of the sending team platform, can mark this hand-off delivered"},
		{owned, "delivered", "received", "tom", "only mei, the receiving owner, can mark this hand-off received"},
		{teams, "delivered", "received", "ana", "only raj, lead of the receiving team onboarding, can mark this hand-off received"},
		{owned, "delivered", "in_progress", "tom", "only mei, the receiving owner, can send this hand-off back"},
		{teams, "delivered", "in_progress", "ana", "only raj, lead of the receiving team onboarding, can send this hand-off back"},
		{owned, "rejected", "proposed", "mei", "only tom, the sending owner, can propose this hand-off again"},
		{teams, "rejected", "proposed", "raj", "only ana, lead of the sending team platform, can propose this hand-off again"},

		// Nobody known, or nobody able.
		{owned, "proposed", "accepted", "", "your git e-mail matches nobody in people/"},
		{leaderless, "accepted", "delivered", "ana", "nobody can mark this hand-off delivered: it names no sending owner, and team leaderless has no lead; set from.owner"},
		{leaderless, "proposed", "accepted", "raj", "nobody can accept this hand-off: it names no receiving owner, and ghosts is not a known team; set to.owner"},
		{model.Handoff{}, "proposed", "accepted", "raj", "nobody can accept this hand-off: it names no receiving owner or team; set to.owner"},

		// Moves the lifecycle does not have.
		{owned, "delivered", "accepted", "mei", "a delivered hand-off can become received or in_progress, not accepted"},
		{owned, "proposed", "delivered", "tom", "a proposed hand-off can become accepted or rejected, not delivered"},
		{owned, "in_progress", "accepted", "mei", "an in_progress hand-off can become delivered, not accepted"},
		{owned, "received", "delivered", "mei", "a received hand-off is final and cannot become delivered"},
		{owned, "accepted", "accepted", "mei", "the hand-off is already accepted"},
		{owned, "accepted", "done", "mei", `"done" is not a hand-off state`},
		{owned, "started", "accepted", "mei", `the hand-off's state "started" is not one of`},
	} {
		h := tc.h
		h.State = tc.from
		err := model.CheckHandoffMove(o, &h, tc.to, tc.who)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s %s → %s by %q: %v, want allowed", h.ID, tc.from, tc.to, tc.who, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s %s → %s by %q: %v, want %q", h.ID, tc.from, tc.to, tc.who, err, tc.want)
		}
	}
}

func TestHandoffMoves(t *testing.T) {
	t.Parallel()
	o := handoffOrg()
	h := &model.Handoff{ID: "HO-1", From: model.Party{Team: "platform", Owner: "tom"}, To: model.Party{Team: "onboarding"}}
	for _, tc := range []struct {
		state, who string
		want       string // To:Label, "!" for refused
	}{
		{"proposed", "raj", "accepted:Accept rejected:Reject"},
		{"proposed", "tom", "accepted:Accept! rejected:Reject!"},
		{"accepted", "tom", "in_progress:Start work delivered:Mark delivered"},
		{"accepted", "ana", "in_progress:Start work! delivered:Mark delivered!"},
		{"in_progress", "tom", "delivered:Mark delivered"},
		{"delivered", "raj", "received:Mark received in_progress:Send back"},
		{"delivered", "", "received:Mark received! in_progress:Send back!"},
		{"rejected", "tom", "proposed:Propose again"},
		{"received", "raj", ""},
		{"lost", "raj", ""},
	} {
		h.State = tc.state
		var got []string
		for _, m := range model.HandoffMoves(o, h, tc.who) {
			s := m.To + ":" + m.Label
			if !m.Allowed {
				s += "!"
			}
			if m.Allowed != (m.Reason == "") {
				t.Errorf("%s by %q: %s has Allowed %v and Reason %q", tc.state, tc.who, m.Label, m.Allowed, m.Reason)
			}
			if err := model.CheckHandoffMove(o, h, m.To, tc.who); m.Allowed != (err == nil) || err != nil && err.Error() != m.Reason {
				t.Errorf("%s by %q: CheckHandoffMove(%s) = %v, but the menu says %q", tc.state, tc.who, m.To, err, m.Reason)
			}
			got = append(got, s)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("HandoffMoves(%s, %q) = %q, want %q", tc.state, tc.who, strings.Join(got, " "), tc.want)
		}
	}
}

// The forms validate on every keystroke: one record in a 10,000-record
// organisation must cost far less than a frame (16 ms).

func BenchmarkWith10k(b *testing.B) {
	o := synthetic(b, 10_000)
	goal := copyOf(o.Goals[o.IDs(model.KindGoal)[500]])
	goal.Title += " (edited)"
	checkin := &model.Update{ID: "UPD-NEW00001", Target: goal.ID, Author: o.IDs(model.KindPerson)[0], Date: "2026-11-22", Health: model.HealthOnTrack, Summary: "Fine"}
	person := copyOf(o.People[o.IDs(model.KindPerson)[10]])
	person.Name += " (edited)"
	for _, tc := range []struct {
		name string
		rec  model.Record
	}{{"goal", goal}, {"new-checkin", checkin}, {"person", person}} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				o.With(tc.rec)
			}
		})
	}
}

func BenchmarkValidateRecords10k(b *testing.B) {
	o := synthetic(b, 10_000)
	opts := model.ValidateOptions{Today: reportToday}
	// The person Accountable for the most: overload counts their RACI items.
	counts := map[string]int{}
	for _, r := range o.RACIs {
		for _, a := range r.Accountable {
			counts[a]++
		}
	}
	busiest := slices.MaxFunc(slices.Collect(maps.Keys(counts)), func(a, b string) int { return counts[a] - counts[b] })
	for _, tc := range []struct{ name, id string }{
		{"goal", o.IDs(model.KindGoal)[500]},
		{"decision", o.IDs(model.KindDecision)[100]},
		{"person", busiest},
		{"team", o.IDs(model.KindTeam)[3]},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				model.ValidateRecords(o, opts, tc.id)
			}
		})
	}
}

// BenchmarkEditErrors10k is what a form pays per keystroke: the copy with
// the edit and both validations.
func BenchmarkEditErrors10k(b *testing.B) {
	o := synthetic(b, 10_000)
	opts := model.ValidateOptions{Today: reportToday}
	d := copyOf(o.Decisions[o.IDs(model.KindDecision)[100]])
	d.Title += " (edited)"
	for b.Loop() {
		model.EditErrors(o, opts, d)
	}
}
