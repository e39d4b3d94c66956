package model

import (
	"reflect"
	"slices"
	"testing"
)

func TestTakeField(t *testing.T) {
	t.Parallel()
	d := mgDecision()
	theirs := mgEdit(d, func(d *Decision) {
		d.Title = "Theirs"
		d.Options = []Option{{ID: "proxy", Title: "Proxy"}, d.Options[1]}
		d.Options[1].Title = "Direct"
		d.Outcome = nil
	})
	cases := []struct {
		field string
		dst   *Decision
		want  *Decision
	}{
		{"title", d, mgEdit(d, func(d *Decision) { d.Title = "Theirs" })},
		{"options[direct].title", d, mgEdit(d, func(d *Decision) { d.Options[1].Title = "Direct" })},
		{"options[direct]", d, mgEdit(d, func(d *Decision) { d.Options[1].Title = "Direct" })},
		{"options[proxy]", d, mgEdit(d, func(d *Decision) { d.Options = append([]Option{{ID: "proxy", Title: "Proxy"}}, d.Options...) })},
		{"options[cap50]", d, mgEdit(d, func(d *Decision) { d.Options = d.Options[1:] })},
		{"options[cap50].title", d, mgEdit(d, func(d *Decision) { d.Options = d.Options[1:] })},
		{"options", d, mgEdit(d, func(d *Decision) { d.Options = theirs.Options })},
		{"outcome.rationale", d, mgEdit(d, func(d *Decision) { d.Outcome.Rationale = "" })},
		{"outcome.rationale", mgEdit(d, func(d *Decision) { d.Outcome.Chosen = "" }), mgEdit(d, func(d *Decision) { d.Outcome = nil })},
		{"outcome", d, mgEdit(d, func(d *Decision) { d.Outcome = nil })},
	}
	for _, c := range cases {
		dst := clone(reflect.ValueOf(c.dst)).Interface().(*Decision)
		if err := TakeField(dst, theirs, c.field); err != nil {
			t.Errorf("TakeField(%s): %v", c.field, err)
			continue
		}
		if mgEncode(dst) != mgEncode(c.want) {
			t.Errorf("TakeField(%s):\n%s", c.field, mgShowDiff(c.want, dst))
		}
	}

	// A group the destination lacks is created for the field.
	g := mgEdit(mgGoal(), func(g *Goal) { g.Metric = nil })
	if err := TakeField(g, mgGoal(), "metric.target"); err != nil || g.Metric == nil || *g.Metric != (Metric{Target: 5}) {
		t.Errorf("TakeField(metric.target) = %v, %+v", err, g.Metric)
	}
	r := mgRACI("mei")
	if err := TakeField(r, mgRACI("raj"), "accountable"); err != nil || !slices.Equal(r.Accountable, OneOrMore{"raj"}) {
		t.Errorf("TakeField(accountable) = %v, %v", err, r.Accountable)
	}

	// The destination may share lists and groups with another record (a
	// shallow CopyRecord); that record stays as it was.
	shared := mgDecision()
	dst := &Decision{}
	CopyRecord(dst, shared)
	for _, f := range []string{"options[direct].title", "options[cap50]", "outcome.rationale"} {
		if err := TakeField(dst, theirs, f); err != nil {
			t.Fatal(err)
		}
	}
	if mgEncode(shared) != mgEncode(mgDecision()) {
		t.Errorf("TakeField changed a record that shared memory with its destination:\n%s", mgShowDiff(mgDecision(), shared))
	}

	for _, bad := range []struct {
		dst, src Record
		field    string
	}{
		{d, theirs, "nope"},
		{d, theirs, ""},
		{d, theirs, "options["},
		{d, theirs, "options[cap50]x"},
		{d, theirs, "title.x"},
		{d, theirs, "goals[x]"},
		{d, mgGoal(), "title"},
		{&Update{}, &Update{}, "asks[0].what"},
		{nil, theirs, "title"},
	} {
		if err := TakeField(bad.dst, bad.src, bad.field); err == nil {
			t.Errorf("TakeField(%T, %T, %q) = nil, want an error", bad.dst, bad.src, bad.field)
		}
	}
}
