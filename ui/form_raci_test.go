package ui

import (
	"slices"
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/uitest"
	"github.com/charmbracelet/x/ansi"
)

// pressText types text one key at a time. The keys but the last go in as
// keys does, dropping what their commands bring later; the last as
// press does, so that what follows the draft (a field's description
// and the problem it shows) catches up with all of it.
func pressText(t *testing.T, m Model, text string) Model {
	t.Helper()
	r := []rune(text)
	if len(r) == 0 {
		return m
	}
	m = typeText(t, m, string(r[:len(r)-1]))
	return press(t, m, string(r[len(r)-1]))
}

// choose filters the focused select to text and takes the first match,
// which moves on to the next field.
func choose(t *testing.T, m Model, text string) Model {
	t.Helper()
	m = pressText(t, m, "/"+text)
	return press(t, m, "enter")
}

// tick filters the focused multi-select to text, toggles the first match
// and clears the filter, staying on the field.
func tick(t *testing.T, m Model, text string) Model {
	t.Helper()
	m = pressText(t, m, "/"+text)
	return press(t, m, "enter", "x", "esc")
}

// focused is the title of the focused field of the open form.
func focused(t *testing.T, m Model) string {
	t.Helper()
	if formOf(m) == nil {
		t.Fatal("no form is open")
	}
	f := formOf(m).FocusedField()
	if f == nil {
		return ""
	}
	line, _, _ := strings.Cut(ansi.Strip(f.View()), "\n")
	return strings.TrimSpace(strings.TrimLeft(line, "┃ "))
}

// newRACIWith opens the RACI form on the RACI tab and fills the first page:
// a title, the subject kind moved right by kinds steps, and on to the
// subject's page.
func newRACIWith(t *testing.T, st *uitest.Store, title string, kinds int) Model {
	t.Helper()
	m := press(t, raciTab(t, st, 80, 24), "n")
	if formOf(m) == nil || !strings.Contains(screen(m), "New RACI record") {
		t.Fatalf("n on the RACI tab opened no RACI form:\n%s", screen(m))
	}
	m = pressText(t, m, title)
	m = press(t, m, "tab")
	for range kinds {
		m = press(t, m, "right")
	}
	return press(t, m, "tab", "tab", "tab")
}

func TestNewRACIRecordSavesAccountableAndResponsible(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := newRACIWith(t, st, "Billing export", 1) // about a decision
	if !strings.Contains(screen(m), "(choose a decision)") {
		t.Fatalf("a RACI about a decision asks for one:\n%s", screen(m))
	}
	m = choose(t, m, "rust")
	m = choose(t, m, "raj")
	m = tick(t, m, "chloe")
	m = tick(t, m, "platform")
	if out := screen(m); !strings.Contains(out, "picked: chloe, platform") {
		t.Fatalf("the Responsible field does not say who is picked:\n%s", out)
	}
	m = press(t, m, "enter") // on to Consulted and Informed
	m = press(t, m, "ctrl+s")
	if formOf(m) != nil || len(st.Saved) != 1 {
		t.Fatalf("the record was not saved (%d commits):\n%s", len(st.Saved), screen(m))
	}
	e := st.Saved[0].Edits[0]
	r := e.New.(*model.RACI)
	dec := idByTitle(t, st, model.KindDecision, "Rewrite the query engine in Rust")
	want := model.Subject{Kind: "decision", ID: dec}
	if e.Old != nil || r.Title != "Billing export" || r.Subject != want || r.State != "draft" ||
		!slices.Equal(r.Accountable, model.OneOrMore{"raj"}) || !slices.Equal(r.Responsible, []string{"chloe", "platform"}) ||
		len(r.Consulted) != 0 || len(r.Informed) != 0 {
		t.Fatalf("saved %+v", r)
	}
	if out := screen(m); !strings.Contains(out, "saved: raci("+r.ID+"): create") {
		t.Fatalf("the status line does not say what was saved:\n%s", out)
	}
}

func TestRACIRoleConflictShowsTheReasonAndBlocksTheSave(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := newRACIWith(t, st, "Billing export", 0) // about a deliverable
	m = press(t, m, "enter")                     // the deliverable is named by the title
	m = choose(t, m, "raj")
	m = tick(t, m, "chloe")
	m = press(t, m, "enter")
	m = tick(t, m, "chloe") // Consulted too
	const reason = "chloe is Responsible and Consulted; a person or team holds at most one of"
	if out := screen(m); !strings.Contains(out, reason) {
		t.Fatalf("the conflict's reason is not shown while editing:\n%s", out)
	}
	m = press(t, m, "enter")
	if got := focused(t, m); !strings.HasPrefix(got, "Consulted") {
		t.Fatalf("leaving Consulted with a conflict moved on to %q", got)
	}
	m = saveRefused(t, st, m, "a record with a role conflict")
	if out := screen(m); !strings.Contains(out, "✗ consulted: chloe is Responsible and Consulted") {
		t.Fatalf("the refused save does not say why:\n%s", out)
	}

	// Back to Consulted (the form starts again from its first page) and
	// take chloe out.
	m = press(t, m, "tab", "tab", "tab", "tab", "enter", "enter")
	if out := screen(m); !strings.Contains(out, reason) {
		t.Fatalf("Responsible does not show the conflict too:\n%s", out)
	}
	m = press(t, m, "enter")
	m = tick(t, m, "chloe")
	if out := screen(m); strings.Contains(out, reason) {
		t.Fatalf("the reason stays after the fix:\n%s", out)
	}
	m = press(t, m, "ctrl+s")
	if formOf(m) != nil || len(st.Saved) != 1 {
		t.Fatalf("the fixed record was not saved:\n%s", screen(m))
	}
	r := st.Saved[0].Edits[0].New.(*model.RACI)
	if r.Subject != (model.Subject{Kind: "deliverable", Name: "Billing export"}) || len(r.Consulted) != 0 {
		t.Fatalf("saved %+v", r)
	}
}

func TestRACIConflictShowsOnBothListsAndIsSettledOnTheLater(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	id := idByTitle(t, st, model.KindRACI, "Streaming CSV parser") // A tomas, R elena, C raj, I onboarding
	m := raciTab(t, st, 80, 24)
	raciScreen(m).Select(id)
	m = press(t, m, "e", "tab", "tab", "tab", "tab", "enter", "enter")
	m = tick(t, m, "raj") // raj is Consulted already
	const reason = "raj is Responsible and Consulted"
	if out := screen(m); !strings.Contains(out, reason) {
		t.Fatalf("Responsible does not show the conflict reported on Consulted:\n%s", out)
	}
	// The conflict is settled on Consulted, where the model reports it:
	// Responsible lets the cursor on, and Consulted holds it.
	m = press(t, m, "enter")
	if got := focused(t, m); !strings.HasPrefix(got, "Consulted") {
		t.Fatalf("leaving Responsible moved to %q, want Consulted", got)
	}
	if out := screen(m); !strings.Contains(out, reason) {
		t.Fatalf("Consulted does not show the conflict:\n%s", out)
	}
	m = press(t, m, "enter")
	if got := focused(t, m); !strings.HasPrefix(got, "Consulted") {
		t.Fatalf("leaving Consulted with a conflict moved on to %q", got)
	}
	m = tick(t, m, "raj")
	m = press(t, m, "enter", "ctrl+s")
	if len(st.Saved) != 1 {
		t.Fatalf("saved %d commits:\n%s", len(st.Saved), screen(m))
	}
	r := st.Saved[0].Edits[0].New.(*model.RACI)
	if !slices.Equal(r.Responsible, []string{"elena", "raj"}) || len(r.Consulted) != 0 {
		t.Fatalf("R = %v, C = %v; want raj moved from Consulted to Responsible", r.Responsible, r.Consulted)
	}
}

func TestEditRACIKeepsTheSubject(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	id := idByTitle(t, st, model.KindRACI, "Direct upload for the mid-market trials")
	old := st.Org.RACIs[id]
	m := raciTab(t, st, 80, 24)
	if !raciScreen(m).Select(id) {
		t.Fatal("the RACI record is not on the tab")
	}
	m = press(t, m, "e")
	if formOf(m) == nil || !strings.Contains(screen(m), "Edit "+id) {
		t.Fatalf("e opened no form:\n%s", screen(m))
	}
	if formOf(m).Dirty() {
		t.Fatal("a form just opened counts as changed")
	}
	m = pressText(t, m, " (pilot)")
	m = press(t, m, "ctrl+s")
	if len(st.Saved) != 1 {
		t.Fatalf("saved %d commits:\n%s", len(st.Saved), screen(m))
	}
	r := st.Saved[0].Edits[0].New.(*model.RACI)
	if r.Subject != old.Subject {
		t.Fatalf("subject = %+v, want %+v", r.Subject, old.Subject)
	}
	if ch := model.Diff(old, r); len(ch) != 1 || ch[0].Field != "title" {
		t.Fatalf("the edit changed more than the title: %+v", ch)
	}
}

func TestRACIAccountableOffersPeopleOnly(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := newRACIWith(t, st, "Billing export", 0)
	m = press(t, m, "enter")
	m = pressText(t, m, "/team")
	out := screen(m)
	if strings.Contains(out, "· team ") {
		t.Fatalf("the Accountable picker offers a team:\n%s", out)
	}
	m = press(t, m, "enter")
	if got := focused(t, m); !strings.HasPrefix(got, "/team") && !strings.HasPrefix(got, "Accountable") {
		t.Fatalf("enter with no person matching moved on to %q", got)
	}
	if a := formOf(m).FocusedField().GetValue(); a != "" {
		t.Fatalf("Accountable = %q with nobody chosen", a)
	}
	// Responsible, by contrast, offers teams.
	m = press(t, m, "esc")
	m = choose(t, m, "raj")
	m = pressText(t, m, "/team")
	if out := screen(m); !strings.Contains(out, "Platform · team platform") {
		t.Fatalf("the Responsible picker offers no teams:\n%s", out)
	}
}

func TestRACIWithTwoAccountablesOpensWithOneAndSaysSo(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	id := idByTitle(t, st, model.KindRACI, "Mid-market pricing and packaging") // A mei, daniel
	m := raciTab(t, st, 80, 24)
	raciScreen(m).Select(id)
	m = press(t, m, "e", "tab", "tab", "tab", "tab", "enter")
	if out := screen(m); !strings.Contains(out, "names 2 Accountables (mei, daniel); saving keeps only") {
		t.Fatalf("no note about the second Accountable:\n%s", out)
	}
	m = press(t, m, "ctrl+s")
	if len(st.Saved) != 1 {
		t.Fatalf("saved %d commits:\n%s", len(st.Saved), screen(m))
	}
	r := st.Saved[0].Edits[0].New.(*model.RACI)
	if !slices.Equal(r.Accountable, model.OneOrMore{"mei"}) {
		t.Fatalf("Accountable = %v, want [mei]", r.Accountable)
	}
	old := st.Org.RACIs[id]
	if !slices.Equal(r.Responsible, []string{"oliver", "julia"}) || !slices.Equal(r.Responsible, old.Responsible) {
		t.Fatalf("Responsible = %v, want the record's order [oliver julia]", r.Responsible)
	}
}

func TestRACIFromTheMatrixView(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := press(t, raciTab(t, st, 80, 24), "v") // the matrix
	m = press(t, m, "n")
	if formOf(m) == nil || !strings.Contains(screen(m), "New RACI record") {
		t.Fatalf("n on the matrix opened no RACI form:\n%s", screen(m))
	}
}
