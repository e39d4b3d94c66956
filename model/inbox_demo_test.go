package model_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
)

// The demo's Raj (who leads Onboarding) sees the ask addressed to
// Onboarding that nobody has answered (the other is accepted) and the
// decision Onboarding is consulted on; Support's inbox
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
			if u == nil || it.Ask < 1 || u.Asks[it.Ask-1].Addressee() != "onboarding" || it.Goal != u.Target ||
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
	if asks != 1 || consulted != 1 {
		t.Errorf("Raj's inbox: %d asks, %d decisions consulted on; want 1 and 1:\n%v", asks, consulted, raj)
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

// The demo's work across teams: Raj's key result waits on Platform's
// query latency, which is off track, and says so in his inbox; asks to
// Onboarding are answered and one is open; Onboarding's view of Platform
// falls from last quarter to this one, the pair the report calls out.
func TestNorthwindAcrossTeams(t *testing.T) {
	t.Parallel()
	o := northwind(t)
	today := reportToday
	var blocked []model.InboxItem
	for _, it := range o.InboxFor(model.InboxQuery{Person: "raj", Today: today}) {
		if it.Section == model.InboxBlocked {
			blocked = append(blocked, it)
		}
	}
	if len(blocked) != 1 || o.Goals[blocked[0].ID].Title != "Median days to first dashboard" ||
		!strings.Contains(blocked[0].Reason, "p95 dashboard query latency (off track)") {
		t.Errorf("Raj's blocked goals = %+v", blocked)
	}
	var answered, open int
	for _, st := range o.AskStatuses(today) {
		if st.Ask.Addressee() != "onboarding" || !st.Standing {
			continue
		}
		if st.Latest != nil {
			answered++
		} else {
			open++
		}
	}
	if answered < 1 || open < 1 {
		t.Errorf("asks to Onboarding: %d answered, %d open; want some of each", answered, open)
	}
	falling := o.FallingPairs()
	if len(falling) != 1 || falling[0].Team != "onboarding" || falling[0].About != "platform" || len(falling[0].Points) != 2 {
		t.Errorf("falling pairs = %+v, want Onboarding on Platform over two quarters", falling)
	}
	var platform *model.TeamDependency
	for _, td := range o.TeamDependencies(today) {
		if td.From == "onboarding" && td.To == "platform" {
			platform = &td
		}
	}
	if platform == nil || len(platform.AtRisk) != 1 {
		t.Errorf("Onboarding → Platform dependencies = %+v", platform)
	}
	if fs := model.Validate(o, model.ValidateOptions{Today: today}); slices.ContainsFunc(fs, func(f model.Finding) bool {
		return strings.HasPrefix(f.Rule, "goal.dependency") || f.Rule == "pulse.same-team" || strings.HasPrefix(f.ID, "ANS-") || strings.HasPrefix(f.ID, "PULSE-")
	}) {
		t.Errorf("the demo's work across teams breaks rules: %v", fs)
	}
}
