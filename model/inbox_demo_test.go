package model_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
)

// The demo's Raj (who leads Onboarding) sees both asks addressed to
// Onboarding and the decision Onboarding is consulted on; Support's inbox
// holds the decisions it is informed of, until it has looked.
func TestInboxForReachesPeopleAndTeams(t *testing.T) {
	t.Parallel()
	o := northwind(t)
	today := reportToday
	raj := o.InboxFor(model.InboxQuery{Person: "raj", Today: today})
	asks, consulted := 0, 0
	for _, it := range raj {
		switch it.Section {
		case model.InboxAsks:
			u := o.Updates[it.ID]
			if u == nil || it.Ask < 1 || u.Asks[it.Ask-1].From != "onboarding" || it.Goal != u.Target ||
				!strings.Contains(it.Reason, "asked by "+o.People[u.Author].Name) {
				t.Errorf("ask item %+v", it)
			}
			asks++
		case model.InboxConsulted:
			if d := o.Decisions[it.ID]; d == nil || d.Status != model.DecisionProposed || !slices.Contains(d.Consulted, "onboarding") {
				t.Errorf("consulted item %+v", it)
			}
			consulted++
		}
	}
	if asks != 2 || consulted != 1 {
		t.Errorf("Raj's inbox: %d asks, %d decisions consulted on; want 2 and 1:\n%v", asks, consulted, raj)
	}

	q := model.InboxQuery{Team: "support", Today: today}
	informed := func() []string {
		var ids []string
		for _, it := range o.InboxFor(q) {
			if it.Section == model.InboxInformed {
				ids = append(ids, it.ID)
			}
		}
		return ids
	}
	first := informed()
	if len(first) == 0 {
		t.Fatal("Support is informed of nothing recent")
	}
	q.Seen = model.InformedStatuses(o, q)
	if again := informed(); len(again) != 0 {
		t.Errorf("after looking, still listed: %v", again)
	}
	d := o.Decisions[first[0]]
	was := d.Status
	q.Seen[d.ID] = model.DecisionProposed
	if got := informed(); len(got) != 1 || got[0] != d.ID {
		t.Errorf("a decision that moved since Support looked: %v", got)
	}
	for _, it := range o.InboxFor(q) {
		if it.ID == d.ID && it.Section == model.InboxInformed && !strings.Contains(it.Reason, "proposed → "+was) {
			t.Errorf("reason %q does not say what changed", it.Reason)
		}
	}
}
