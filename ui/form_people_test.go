package ui

import (
	"reflect"
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/uitest"
)

// peopleTab is the fixture on the People tab with a person or team
// selected.
func peopleTab(t *testing.T, st *uitest.Store, id string) Model {
	t.Helper()
	m := keys(t, newTestModel(t, st, 80, 24), "4")
	if id != "" && !m.screens[tabPeople].Select(id) {
		t.Fatalf("%s is not on the People tab", id)
	}
	return m
}

func TestNewPersonForm(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := press(t, peopleTab(t, st, ""), "n")
	if out := screen(m); !strings.Contains(out, "Person — someone in the organisation") {
		t.Fatalf("n on People does not ask what to create:\n%s", out)
	}
	m = press(t, m, "enter")
	if formOf(m) == nil || !strings.Contains(screen(m), "New person") {
		t.Fatalf("choosing Person opened no form:\n%s", screen(m))
	}
	m = pressText(t, m, "noah")
	m = press(t, m, "enter")
	m = pressText(t, m, "Noah Berg")
	m = press(t, m, "enter")
	m = pressText(t, m, "noah@northwind.example, noah@berg.dev")
	m = press(t, m, "enter")
	m = pressText(t, m, "Data Engineer")
	m = press(t, m, "enter", "enter") // active
	m = tick(t, m, "team data")
	m = press(t, m, "enter")
	m = choose(t, m, "ines")
	if formOf(m) != nil || len(st.Saved) != 1 {
		t.Fatalf("the person was not saved:\n%s", screen(m))
	}
	p := st.Saved[0].Edits[0].New.(*model.Person)
	want := &model.Person{ID: "noah", Name: "Noah Berg", Emails: []string{"noah@northwind.example", "noah@berg.dev"},
		Teams: []string{"data"}, Role: "Data Engineer", Manager: "ines"}
	if !reflect.DeepEqual(p, want) {
		t.Fatalf("saved %+v\nwant  %+v", p, want)
	}
	if out := screen(m); !strings.Contains(out, `saved: person(noah): create "Noah Berg"`) {
		t.Fatalf("the status line does not say what was saved:\n%s", out)
	}
}

func TestNewPersonRefusesATakenHandle(t *testing.T) {
	t.Parallel()
	for _, handle := range []string{"raj", "platform"} {
		st := northwind(t)
		m := press(t, peopleTab(t, st, ""), "n", "enter")
		m = pressText(t, m, handle)
		m = press(t, m, "enter")
		if got := focused(t, m); !strings.HasPrefix(got, "Handle") {
			t.Fatalf("a taken handle let the cursor on to %q", got)
		}
		if out := screen(m); !strings.Contains(out, "handle "+handle+" is taken by ") {
			t.Fatalf("the taken handle %s is not explained:\n%s", handle, out)
		}
		m = saveRefused(t, st, m, "a person with the taken handle "+handle)
		if out := screen(m); !strings.Contains(out, "✗ handle "+handle+" is taken") {
			t.Fatalf("the refused save does not say why:\n%s", out)
		}
	}
}

func TestNewPersonRefusesAnotherPersonsEmail(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := press(t, peopleTab(t, st, ""), "n", "enter")
	m = pressText(t, m, "noah")
	m = press(t, m, "enter")
	m = pressText(t, m, "Noah Berg")
	m = press(t, m, "enter")
	m = pressText(t, m, "raj@northwind.example")
	m = press(t, m, "enter")
	if out := screen(m); !strings.Contains(out, "raj@northwind.example is already the e-mail of raj") {
		t.Fatalf("another person's e-mail is not refused:\n%s", out)
	}
	saveRefused(t, st, m, "a person with another person's e-mail")
}

func TestEditPersonChangesOnlyWhatWasEdited(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	old := st.Org.People["raj"]
	m := press(t, peopleTab(t, st, "raj"), "e")
	if formOf(m) == nil || !strings.Contains(screen(m), "Edit person raj · Raj Patel") {
		t.Fatalf("e opened no person form:\n%s", screen(m))
	}
	if strings.Contains(screen(m), "Handle") {
		t.Fatal("an existing person's handle is offered for editing")
	}
	m = press(t, m, "enter", "enter", "ctrl+u")
	m = pressText(t, m, "Head of Onboarding")
	m = press(t, m, "ctrl+s")
	if len(st.Saved) != 1 {
		t.Fatalf("saved %d commits:\n%s", len(st.Saved), screen(m))
	}
	p := st.Saved[0].Edits[0].New.(*model.Person)
	if ch := model.Diff(old, p); len(ch) != 1 || ch[0].Field != "role" || p.Role != "Head of Onboarding" {
		t.Fatalf("the edit changed %+v", ch)
	}
}

func TestEditPersonMarksThemLeftAndRefusesAManagerLoop(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := press(t, peopleTab(t, st, "jonas"), "e")                        // raj reports to jonas
	m = press(t, m, "enter", "enter", "enter", "left", "enter", "enter") // Left; past Teams
	m = choose(t, m, "raj")
	if formOf(m) == nil || len(st.SaveCalls) != 0 {
		t.Fatal("a manager loop was saved")
	}
	if out := screen(m); !strings.Contains(out, "raj reports to jonas already") {
		t.Fatalf("the loop is not explained:\n%s", out)
	}
	m = press(t, m, "esc") // clears the filter
	m = choose(t, m, "amara")
	if len(st.Saved) != 1 {
		t.Fatalf("saved %d commits:\n%s", len(st.Saved), screen(m))
	}
	p := st.Saved[0].Edits[0].New.(*model.Person)
	if p.Active == nil || *p.Active || p.Manager != "amara" {
		t.Fatalf("saved active %v, manager %s", p.Active, p.Manager)
	}
}

func TestNewTeamForm(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := press(t, peopleTab(t, st, ""), "n", "down", "enter")
	if formOf(m) == nil || !strings.Contains(screen(m), "New team") {
		t.Fatalf("choosing Team opened no form:\n%s", screen(m))
	}
	m = pressText(t, m, "growth")
	m = press(t, m, "enter")
	m = pressText(t, m, "Growth")
	m = press(t, m, "enter")
	m = pressText(t, m, "Turn trials into paying customers.")
	m = press(t, m, "enter")
	m = choose(t, m, "yusuf")
	m = choose(t, m, "team product")
	if formOf(m) != nil || len(st.Saved) != 1 {
		t.Fatalf("the team was not saved:\n%s", screen(m))
	}
	got := st.Saved[0].Edits[0].New.(*model.Team)
	want := &model.Team{ID: "growth", Name: "Growth", Lead: "yusuf", Parent: "product", Mission: "Turn trials into paying customers."}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("saved %+v\nwant  %+v", got, want)
	}
}

func TestNewTeamRefusesATakenHandle(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := press(t, peopleTab(t, st, ""), "n", "down", "enter")
	m = pressText(t, m, "mei")
	m = press(t, m, "enter")
	if out := screen(m); !strings.Contains(out, "handle mei is taken by Mei Lin") {
		t.Fatalf("a person's handle is not refused for a team:\n%s", out)
	}
	saveRefused(t, st, m, "a team with a person's handle")
}

func TestEditTeamOffersNoParentBelowIt(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	old := st.Org.Teams["product"] // onboarding sits under product
	m := press(t, peopleTab(t, st, "product"), "e")
	if formOf(m) == nil || !strings.Contains(screen(m), "Edit team product · Product") {
		t.Fatalf("e opened no team form:\n%s", screen(m))
	}
	m = press(t, m, "enter", "enter", "enter") // name, mission, lead
	m = pressText(t, m, "/team")
	out := screen(m)
	if strings.Contains(out, "team onboarding") || strings.Contains(out, "Product · team product") {
		t.Fatalf("a team below product, or product itself, is offered as its parent:\n%s", out)
	}
	if !strings.Contains(out, "team leadership") {
		t.Fatalf("the parent picker lost the other teams:\n%s", out)
	}
	m = press(t, m, "esc", "esc")
	m = press(t, m, "shift+tab", "shift+tab", "ctrl+u")
	m = pressText(t, m, "Decide what we build next.")
	m = press(t, m, "ctrl+s")
	if len(st.Saved) != 1 {
		t.Fatalf("saved %d commits:\n%s", len(st.Saved), screen(m))
	}
	got := st.Saved[0].Edits[0].New.(*model.Team)
	if ch := model.Diff(old, got); len(ch) != 1 || ch[0].Field != "mission" {
		t.Fatalf("the edit changed %+v", ch)
	}
}

// TestKeysAfterAMenuChoiceGoIntoTheFormItOpens: n, enter and the
// handle in one read: the menu's choice opens the form before the next
// key, so the handle is typed into it rather than into the tab below.
func TestKeysAfterAMenuChoiceGoIntoTheFormItOpens(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := burst(t, peopleTab(t, st, ""), "n", "enter", "n", "o", "a", "h")
	if formOf(m) == nil || !strings.Contains(screen(m), "> noah") {
		t.Fatalf("the handle typed after the menu's enter is not in the form:\n%s", screen(m))
	}
}
