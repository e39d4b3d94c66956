package form

import (
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/uitest"
	"github.com/charmbracelet/x/ansi"
)

// open is a form over spec on a 100×34 body, as the root opens it.
func open(t testing.TB, st *uitest.Store, spec Spec) *Form {
	t.Helper()
	c := common.Common{Styles: common.NewStyles(true), Keys: common.DefaultKeyMap(), Now: func() time.Time { return uitest.Today }}
	f, cmd := New(c, st.Data(), st, spec, 100, 34)
	uitest.Run(t, cmd)
	return f
}

// goalWhere is the first goal of the fixture (by ID) that ok accepts.
func goalWhere(t testing.TB, o *model.Org, ok func(*model.Goal) bool) *model.Goal {
	t.Helper()
	for _, id := range o.IDs(model.KindGoal) {
		if g := o.Goals[id]; ok(g) {
			return g
		}
	}
	t.Fatal("no goal matches")
	return nil
}

func TestCheckinAtRiskNeedsProblemsAndPlans(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	g := goalWhere(t, st.Org, func(g *model.Goal) bool { return g.Metric != nil && g.State == "active" })
	spec, err := NewCheckin(st.Data(), g)
	if err != nil {
		t.Fatal(err)
	}
	f := open(t, st, spec)
	spec.draft.Health = model.HealthAtRisk // as the select would leave it
	spec.draft.Value = "9"
	spec.draft.Summary = "Import wizard slipped a sprint"
	if uitest.Press(t, f, "ctrl+s") || len(st.SaveCalls) != 0 {
		t.Fatal("an at-risk check-in without problems and plans was saved")
	}
	if out := ansi.Strip(f.View()); !strings.Contains(out, "needs at least one problem and one plan") {
		t.Fatalf("the reason is not shown:\n%s", out)
	}
	spec.draft.Problems = "Blocked on the upload limit decision"
	spec.draft.Plans = "- Ship the wizard by Nov 29\n\n- Ask platform for a decision"
	if !uitest.Press(t, f, "ctrl+s") || len(st.Saved) != 1 {
		t.Fatalf("the fixed check-in was not saved:\n%s", ansi.Strip(f.View()))
	}
	c := st.Saved[0]
	u := c.Edits[0].New.(*model.Update)
	if u.Target != g.ID || u.Author != "raj" || u.Date != "2026-11-23" || *u.Value != 9 || len(u.Plans) != 2 {
		t.Fatalf("saved check-in = %+v", u)
	}
	if !strings.HasPrefix(c.Message, "goal("+g.ID+"): ") || !strings.Contains(c.Message, "at_risk") {
		t.Fatalf("commit message %q does not name the goal and its health", c.Message)
	}
}

func TestAManagerWhoReportsToThePersonIsALoop(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	f := EditPerson(st.Data(), st.Org.People["jonas"]) // raj reports to jonas
	if err := f.checkManager("raj"); err == nil || !strings.Contains(err.Error(), "raj reports to jonas already (raj → jonas)") {
		t.Fatalf("checkManager(raj) = %v", err)
	}
	if err := f.checkManager("amara"); err != nil {
		t.Fatalf("checkManager(amara) = %v", err)
	}
}

// BenchmarkFormFieldCheck10k is the model's rules run on a goal form's
// owner as the field is left, in a 10k-record organisation.
func BenchmarkFormFieldCheck10k(b *testing.B) {
	st := uitest.Synthetic(b, 10_000)
	spec := NewGoal(st.Data(), "")
	f := open(b, st, spec)
	spec.draft.Title = "Grow expansion revenue"
	b.ReportAllocs()
	for b.Loop() {
		_ = f.check("owner")
	}
}
