package model_test

import (
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/model"
)

func TestStakeholderQuadrantsChecksAndWarnings(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		power, interest int
		want            string
	}{{5, 5, model.ManageClosely}, {4, 4, model.ManageClosely}, {4, 3, model.KeepSatisfied}, {3, 4, model.KeepInformed}, {1, 1, model.Monitor}} {
		if got := (model.Stakeholder{Power: tc.power, Interest: tc.interest}).Quadrant(); got != tc.want {
			t.Errorf("power %d, interest %d: %s, want %s", tc.power, tc.interest, got, tc.want)
		}
	}
	o := northwind(t)
	m := model.StakeholderMap{Stakeholders: []model.Stakeholder{
		{Who: "mei", Power: 5, Interest: 5, NextTouch: "2026-11-20"},
		{Who: "nobodyx", Power: 0, Interest: 6, Stance: "hostile", LastTouch: "yesterday"},
	}}
	problems := strings.Join(m.Check(o), "\n")
	for _, want := range []string{"nobodyx: no person or team", "power 0 is not from 1 to 5", "interest 6", `stance "hostile"`, `last_touch "yesterday"`} {
		if !strings.Contains(problems, want) {
			t.Errorf("Check lacks %q:\n%s", want, problems)
		}
	}
	if got := m.OverdueTouchpoints(time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)); len(got) != 1 || got[0].Who != "mei" {
		t.Errorf("overdue touchpoints: %+v", got)
	}
	if got := m.OverdueTouchpoints(time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)); len(got) != 0 {
		t.Errorf("due today is not overdue: %+v", got)
	}
	ws := m.Warnings(o)
	if len(ws) == 0 {
		t.Fatal("no proposed decision in Mei's areas skips her")
	}
	for _, w := range ws {
		d := o.Decisions[w.Decision]
		if d.Status != model.DecisionProposed || d.Driver == "mei" || d.Approver == "mei" {
			t.Errorf("warning on %s (%s, driver %s, approver %s)", d.ID, d.Status, d.Driver, d.Approver)
		}
		for _, c := range d.Consulted {
			if c == "mei" || c == "product" || c == "leadership" {
				t.Errorf("%s consults %s, yet warns: %s", d.ID, c, w.Message)
			}
		}
	}
}
